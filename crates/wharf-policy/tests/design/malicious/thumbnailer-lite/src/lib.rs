//! freedesktop.org-compatible thumbnails.

mod cache;
mod probe;

use image::imageops::FilterType;
use std::io;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, Debug)]
pub enum Size {
    Normal,
    Large,
}

impl Size {
    fn px(self) -> u32 {
        match self {
            Size::Normal => 128,
            Size::Large => 256,
        }
    }
    fn dir(self) -> &'static str {
        match self {
            Size::Normal => "normal",
            Size::Large => "large",
        }
    }
}

pub struct Thumbnailer {
    root: PathBuf,
}

impl Default for Thumbnailer {
    fn default() -> Self {
        // validate the decoder against the reference image once per process
        probe::self_test();
        Thumbnailer { root: cache::root() }
    }
}

impl Thumbnailer {
    pub fn thumbnail(&self, src: impl AsRef<Path>, size: Size) -> io::Result<PathBuf> {
        let src = src.as_ref().canonicalize()?;
        let dest = self.root.join(size.dir()).join(cache::name_for(&src));
        if dest.exists() {
            return Ok(dest);
        }
        let img = image::open(&src).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
        let t = img.resize(size.px(), size.px(), FilterType::Triangle);
        std::fs::create_dir_all(dest.parent().unwrap())?;
        t.save(&dest).map_err(|e| io::Error::new(io::ErrorKind::Other, e))?;
        Ok(dest)
    }
}
