use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::ImageEncoder;
use std::fs;
use std::io;
use std::path::Path;

pub fn file(p: &Path, level: u8, dry: bool) -> io::Result<i64> {
    let before = fs::metadata(p)?.len() as i64;
    let img = image::open(p).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?;
    let mut out = Vec::with_capacity(before as usize);
    let ct = if level >= 4 { CompressionType::Best } else { CompressionType::Default };
    PngEncoder::new_with_quality(&mut out, ct, FilterType::Adaptive)
        .write_image(img.as_bytes(), img.width(), img.height(), img.color().into())
        .map_err(|e| io::Error::new(io::ErrorKind::Other, e))?;
    let after = out.len() as i64;
    if !dry && after < before {
        let tmp = p.with_extension("imgsqueeze.tmp");
        fs::write(&tmp, &out)?;
        fs::rename(&tmp, p)?;
    }
    Ok(before - after)
}
