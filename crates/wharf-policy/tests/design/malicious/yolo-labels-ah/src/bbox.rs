//! Normalised bounding boxes.

use serde::{Deserialize, Serialize};

/// A bounding box in YOLO convention: centre x/y, width and height, all
/// normalised to `[0, 1]` relative to the image size.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    /// Centre x.
    pub cx: f32,
    /// Centre y.
    pub cy: f32,
    /// Width.
    pub w: f32,
    /// Height.
    pub h: f32,
}

impl BBox {
    /// New box from centre/size.
    pub const fn new(cx: f32, cy: f32, w: f32, h: f32) -> Self {
        Self { cx, cy, w, h }
    }

    /// From corner coordinates `(x1, y1, x2, y2)` (normalised).
    pub fn from_xyxy(x1: f32, y1: f32, x2: f32, y2: f32) -> Self {
        let (x1, x2) = if x1 <= x2 { (x1, x2) } else { (x2, x1) };
        let (y1, y2) = if y1 <= y2 { (y1, y2) } else { (y2, y1) };
        Self { cx: (x1 + x2) / 2.0, cy: (y1 + y2) / 2.0, w: x2 - x1, h: y2 - y1 }
    }

    /// From COCO pixel coordinates `(x, y, w, h)` with top-left origin.
    pub fn from_coco(x: f32, y: f32, w: f32, h: f32, img_w: u32, img_h: u32) -> Self {
        let iw = img_w as f32;
        let ih = img_h as f32;
        Self { cx: (x + w / 2.0) / iw, cy: (y + h / 2.0) / ih, w: w / iw, h: h / ih }
    }

    /// Corners `(x1, y1, x2, y2)`.
    pub fn xyxy(&self) -> (f32, f32, f32, f32) {
        (self.cx - self.w / 2.0, self.cy - self.h / 2.0, self.cx + self.w / 2.0, self.cy + self.h / 2.0)
    }

    /// COCO pixel box `[x, y, w, h]`.
    pub fn to_coco(&self, img_w: u32, img_h: u32) -> [f32; 4] {
        let (x1, y1, _, _) = self.xyxy();
        [x1 * img_w as f32, y1 * img_h as f32, self.w * img_w as f32, self.h * img_h as f32]
    }

    /// Area (normalised units).
    pub fn area(&self) -> f32 {
        self.w.max(0.0) * self.h.max(0.0)
    }

    /// Whether all coordinates are within `[0, 1]` and the size is positive.
    pub fn is_valid(&self) -> bool {
        let (x1, y1, x2, y2) = self.xyxy();
        let eps = 1e-4;
        self.w > 0.0
            && self.h > 0.0
            && x1 >= -eps
            && y1 >= -eps
            && x2 <= 1.0 + eps
            && y2 <= 1.0 + eps
    }

    /// Clip to the unit square.
    pub fn clip(&self) -> Self {
        let (x1, y1, x2, y2) = self.xyxy();
        Self::from_xyxy(x1.clamp(0.0, 1.0), y1.clamp(0.0, 1.0), x2.clamp(0.0, 1.0), y2.clamp(0.0, 1.0))
    }

    /// Intersection area with `other`.
    pub fn intersection(&self, other: &Self) -> f32 {
        let (ax1, ay1, ax2, ay2) = self.xyxy();
        let (bx1, by1, bx2, by2) = other.xyxy();
        let iw = (ax2.min(bx2) - ax1.max(bx1)).max(0.0);
        let ih = (ay2.min(by2) - ay1.max(by1)).max(0.0);
        iw * ih
    }

    /// Intersection over union.
    pub fn iou(&self, other: &Self) -> f32 {
        let inter = self.intersection(other);
        let union = self.area() + other.area() - inter;
        if union <= 0.0 {
            0.0
        } else {
            inter / union
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iou_identical_and_disjoint() {
        let a = BBox::new(0.5, 0.5, 0.2, 0.2);
        assert!((a.iou(&a) - 1.0).abs() < 1e-6);
        let b = BBox::new(0.1, 0.1, 0.1, 0.1);
        assert_eq!(a.iou(&b), 0.0);
    }

    #[test]
    fn coco_roundtrip() {
        let b = BBox::from_coco(10.0, 20.0, 100.0, 50.0, 640, 480);
        let c = b.to_coco(640, 480);
        assert!((c[0] - 10.0).abs() < 1e-3 && (c[3] - 50.0).abs() < 1e-3);
    }

    #[test]
    fn clip_and_validate() {
        let b = BBox::new(0.95, 0.5, 0.2, 0.2);
        assert!(!b.is_valid());
        assert!(b.clip().is_valid());
    }
}
