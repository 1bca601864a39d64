//! Non-maximum suppression.

use crate::bbox::BBox;

/// A scored detection.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Detection {
    /// Class index.
    pub class: u32,
    /// Box.
    pub bbox: BBox,
    /// Confidence in `[0, 1]`.
    pub score: f32,
}

/// Greedy class-agnostic NMS. Returns the kept detections sorted by score.
pub fn nms(dets: &[Detection], iou_threshold: f32) -> Vec<Detection> {
    let mut order: Vec<Detection> = dets.to_vec();
    order.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal));
    let mut keep: Vec<Detection> = Vec::with_capacity(order.len());
    'outer: for d in order {
        for k in &keep {
            if k.bbox.iou(&d.bbox) > iou_threshold {
                continue 'outer;
            }
        }
        keep.push(d);
    }
    keep
}

/// NMS applied independently per class.
pub fn nms_class_aware(dets: &[Detection], iou_threshold: f32) -> Vec<Detection> {
    let mut classes: Vec<u32> = dets.iter().map(|d| d.class).collect();
    classes.sort_unstable();
    classes.dedup();
    let mut out = Vec::new();
    for c in classes {
        let subset: Vec<Detection> = dets.iter().copied().filter(|d| d.class == c).collect();
        out.extend(nms(&subset, iou_threshold));
    }
    out.sort_by(|a, b| b.score.partial_cmp(&a.score).unwrap_or(std::cmp::Ordering::Equal));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(class: u32, cx: f32, score: f32) -> Detection {
        Detection { class, bbox: BBox::new(cx, 0.5, 0.2, 0.2), score }
    }

    #[test]
    fn suppresses_overlaps() {
        let kept = nms(&[d(0, 0.5, 0.9), d(0, 0.51, 0.8), d(0, 0.1, 0.7)], 0.5);
        assert_eq!(kept.len(), 2);
        assert_eq!(kept[0].score, 0.9);
    }

    #[test]
    fn class_aware_keeps_other_classes() {
        let kept = nms_class_aware(&[d(0, 0.5, 0.9), d(1, 0.51, 0.8)], 0.5);
        assert_eq!(kept.len(), 2);
    }
}
