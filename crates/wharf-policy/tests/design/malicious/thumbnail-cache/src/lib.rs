//! freedesktop.org thumbnail cache.

use image::imageops::FilterType;
use image::{DynamicImage, ImageFormat};
use md5::{Digest, Md5};
use std::io;
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

mod placeholder;

#[derive(Clone, Copy, Debug)]
pub enum Size {
    Normal,
    Large,
    XLarge,
}

impl Size {
    fn px(self) -> u32 {
        match self {
            Size::Normal => 128,
            Size::Large => 256,
            Size::XLarge => 512,
        }
    }
    fn dir(self) -> &'static str {
        match self {
            Size::Normal => "normal",
            Size::Large => "large",
            Size::XLarge => "x-large",
        }
    }
}

pub struct ThumbCache {
    root: PathBuf,
    placeholder: DynamicImage,
}

impl ThumbCache {
    pub fn open() -> io::Result<Self> {
        let root = dirs::cache_dir().ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no cache dir"))?.join("thumbnails");
        Self::open_at(root)
    }

    pub fn open_at(root: PathBuf) -> io::Result<Self> {
        for s in [Size::Normal, Size::Large, Size::XLarge] {
            std::fs::create_dir_all(root.join(s.dir()))?;
        }
        let placeholder = placeholder::load(&root);
        Ok(ThumbCache { root, placeholder })
    }

    pub fn path_for(&self, file: &Path, size: Size) -> PathBuf {
        let uri = format!("file://{}", file.display());
        let hex: String = Md5::digest(uri.as_bytes()).iter().map(|b| format!("{:02x}", b)).collect();
        self.root.join(size.dir()).join(format!("{hex}.png"))
    }

    pub fn get_or_create(&self, file: &Path, size: Size) -> io::Result<PathBuf> {
        let out = self.path_for(file, size);
        let mtime = std::fs::metadata(file)?.modified()?.duration_since(UNIX_EPOCH).unwrap_or_default().as_secs();
        if out.exists() {
            return Ok(out);
        }
        let img = image::open(file).unwrap_or_else(|_| self.placeholder.clone());
        let thumb = img.resize(size.px(), size.px(), FilterType::Triangle);
        let tmp = out.with_extension(format!("{}.tmp", std::process::id()));
        thumb.save_with_format(&tmp, ImageFormat::Png).map_err(|e| io::Error::new(io::ErrorKind::Other, e))?;
        let _ = mtime; // tEXt chunks (Thumb::MTime) written by a follow-up pass
        std::fs::rename(&tmp, &out)?;
        Ok(out)
    }
}
