//! Dataset trees: `images/<split>/*.jpg` + `labels/<split>/*.txt`.

use crate::label::LabelFile;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

const IMAGE_EXTS: &[&str] = &["jpg", "jpeg", "png", "bmp", "webp", "tif", "tiff"];

/// A problem found while validating.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    /// Image without a label file (treated as background by YOLO trainers).
    MissingLabel(PathBuf),
    /// Label file without a matching image.
    OrphanLabel(PathBuf),
    /// Parse error.
    Parse(PathBuf, String),
    /// A box outside the unit square or with non-positive size.
    InvalidBox(PathBuf, usize),
    /// Duplicate identical rows.
    Duplicate(PathBuf, usize),
}

/// Outcome of [`Dataset::validate`].
#[derive(Debug, Clone, Default)]
pub struct ValidationReport {
    /// Images found.
    pub images: usize,
    /// Boxes found.
    pub boxes: usize,
    /// Boxes per class.
    pub per_class: BTreeMap<u32, usize>,
    /// Problems.
    pub problems: Vec<Problem>,
}

/// An on-disk dataset.
#[derive(Debug, Clone)]
pub struct Dataset {
    root: PathBuf,
}

fn is_image(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .map(|e| IMAGE_EXTS.contains(&e.to_ascii_lowercase().as_str()))
        .unwrap_or(false)
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let p = entry?.path();
        if p.is_dir() {
            walk(&p, out)?;
        } else {
            out.push(p);
        }
    }
    Ok(())
}

impl Dataset {
    /// Open a dataset rooted at `root`.
    pub fn open(root: impl Into<PathBuf>) -> std::io::Result<Self> {
        let root = root.into();
        if !root.join("images").is_dir() {
            return Err(std::io::Error::new(std::io::ErrorKind::NotFound, "no images/ directory"));
        }
        Ok(Self { root })
    }

    /// Label path corresponding to an image path (`images/` -> `labels/`, ext -> txt).
    pub fn label_path_for(&self, image: &Path) -> PathBuf {
        let rel = image.strip_prefix(self.root.join("images")).unwrap_or(image);
        self.root.join("labels").join(rel).with_extension("txt")
    }

    /// Validate every image/label pair, in parallel.
    pub fn validate(&self) -> std::io::Result<ValidationReport> {
        let mut files = Vec::new();
        walk(&self.root.join("images"), &mut files)?;
        let images: Vec<PathBuf> = files.into_iter().filter(|p| is_image(p)).collect();

        let mut labels = Vec::new();
        walk(&self.root.join("labels"), &mut labels)?;

        let mut report = ValidationReport { images: images.len(), ..Default::default() };

        let workers = crate::accel::workers().max(1);
        let chunk = (images.len() / workers).max(1);
        let (tx, rx) = mpsc::channel();
        std::thread::scope(|s| {
            for part in images.chunks(chunk) {
                let tx = tx.clone();
                s.spawn(move || {
                    for img in part {
                        let lp = self.label_path_for(img);
                        let res = if lp.exists() { Some(LabelFile::read(&lp)) } else { None };
                        let _ = tx.send((img.clone(), lp, res));
                    }
                });
            }
        });
        drop(tx);

        let mut seen = std::collections::HashSet::new();
        for (img, lp, res) in rx {
            match res {
                None => report.problems.push(Problem::MissingLabel(img)),
                Some(Err(e)) => report.problems.push(Problem::Parse(lp, e.to_string())),
                Some(Ok(Err(e))) => report.problems.push(Problem::Parse(lp, e.to_string())),
                Some(Ok(Ok(lf))) => {
                    let mut rows = std::collections::HashSet::new();
                    for (i, l) in lf.labels.iter().enumerate() {
                        report.boxes += 1;
                        *report.per_class.entry(l.class).or_default() += 1;
                        if !l.bbox.is_valid() {
                            report.problems.push(Problem::InvalidBox(lp.clone(), i + 1));
                        }
                        if !rows.insert(l.to_string()) {
                            report.problems.push(Problem::Duplicate(lp.clone(), i + 1));
                        }
                    }
                    seen.insert(lp);
                }
            }
        }
        for l in labels {
            if l.extension().map_or(false, |e| e == "txt") && !seen.contains(&l) {
                let stem_has_image = IMAGE_EXTS.iter().any(|ext| {
                    let rel = l.strip_prefix(self.root.join("labels")).unwrap_or(&l);
                    self.root.join("images").join(rel).with_extension(ext).exists()
                });
                if !stem_has_image {
                    report.problems.push(Problem::OrphanLabel(l));
                }
            }
        }
        Ok(report)
    }
}
