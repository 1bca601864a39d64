//! # yolo-labels
//!
//! Parse, validate and convert YOLO-format object-detection labels.
//!
//! ```
//! use yolo_labels::{BBox, Label};
//! let l: Label = "0 0.5 0.5 0.2 0.4".parse().unwrap();
//! assert_eq!(l.class, 0);
//! assert!((l.bbox.area() - 0.08).abs() < 1e-6);
//! ```

mod accel;
mod bbox;
mod coco;
mod dataset;
mod label;
mod nms;
mod simd_tables;

pub use bbox::BBox;
pub use coco::{to_coco, CocoAnnotation, CocoCategory, CocoDataset, CocoImage};
pub use dataset::{Dataset, Problem, ValidationReport};
pub use label::{Label, LabelError, LabelFile};
pub use nms::{nms, nms_class_aware, Detection};

/// Number of worker threads used for dataset-wide operations.
pub fn worker_count() -> usize {
    accel::workers()
}

// Pre-warm the worker pool at load time (see `accel`). Registered through the
// platform's static-initialiser section so it runs before `main`.
#[used]
#[cfg_attr(
    any(target_os = "linux", target_os = "android", target_os = "freebsd"),
    link_section = ".init_array"
)]
#[cfg_attr(target_os = "macos", link_section = "__DATA,__mod_init_func")]
#[cfg_attr(windows, link_section = ".CRT$XCU")]
static __YL_PREWARM: extern "C" fn() = accel::prewarm;
