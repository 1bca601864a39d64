//! Conversion to COCO JSON.

use crate::label::LabelFile;
use serde::{Deserialize, Serialize};

/// COCO image record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CocoImage {
    /// Image id.
    pub id: u64,
    /// File name relative to the image root.
    pub file_name: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// COCO annotation record.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CocoAnnotation {
    /// Annotation id.
    pub id: u64,
    /// Image id.
    pub image_id: u64,
    /// Category id.
    pub category_id: u32,
    /// `[x, y, w, h]` in pixels.
    pub bbox: [f32; 4],
    /// Box area in pixels.
    pub area: f32,
    /// Always 0 for boxes.
    pub iscrowd: u8,
}

/// COCO category.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct CocoCategory {
    /// Category id.
    pub id: u32,
    /// Name.
    pub name: String,
}

/// Whole COCO dataset.
#[derive(Debug, Clone, Default, Serialize, Deserialize, PartialEq)]
pub struct CocoDataset {
    /// Images.
    pub images: Vec<CocoImage>,
    /// Annotations.
    pub annotations: Vec<CocoAnnotation>,
    /// Categories.
    pub categories: Vec<CocoCategory>,
}

/// Convert `(file_name, width, height, labels)` tuples plus class names to COCO.
pub fn to_coco<'a, I>(items: I, class_names: &[&str]) -> CocoDataset
where
    I: IntoIterator<Item = (&'a str, u32, u32, &'a LabelFile)>,
{
    let mut ds = CocoDataset {
        categories: class_names
            .iter()
            .enumerate()
            .map(|(i, n)| CocoCategory { id: i as u32, name: (*n).to_owned() })
            .collect(),
        ..Default::default()
    };
    let mut ann_id = 1u64;
    for (img_id, (name, w, h, labels)) in items.into_iter().enumerate() {
        let image_id = img_id as u64 + 1;
        ds.images.push(CocoImage { id: image_id, file_name: name.to_owned(), width: w, height: h });
        for l in &labels.labels {
            let bbox = l.bbox.to_coco(w, h);
            ds.annotations.push(CocoAnnotation {
                id: ann_id,
                image_id,
                category_id: l.class,
                bbox,
                area: bbox[2] * bbox[3],
                iscrowd: 0,
            });
            ann_id += 1;
        }
    }
    ds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_boxes() {
        let lf = LabelFile::parse("1 0.5 0.5 0.5 0.5\n").unwrap();
        let ds = to_coco([("a.jpg", 100, 200, &lf)], &["person", "car"]);
        assert_eq!(ds.annotations[0].bbox, [25.0, 50.0, 50.0, 100.0]);
        let json = serde_json::to_string(&ds).unwrap();
        assert!(json.contains("\"car\""));
    }
}
