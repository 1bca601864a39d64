use flate2::write::GzEncoder;
use flate2::Compression;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use time::OffsetDateTime;

pub fn rotate(path: &Path, gzip: bool) -> io::Result<PathBuf> {
    let ts = OffsetDateTime::now_utc()
        .format(time::macros::format_description!("[year][month][day]-[hour][minute][second]"))
        .unwrap_or_default();
    let seg = path.with_extension(format!("{}.log", ts));
    fs::rename(path, &seg)?;
    if !gzip {
        return Ok(seg);
    }
    let gz = seg.with_extension("log.gz");
    let mut enc = GzEncoder::new(fs::File::create(&gz)?, Compression::default());
    io::copy(&mut fs::File::open(&seg)?, &mut enc)?;
    enc.finish()?;
    fs::remove_file(&seg)?;
    Ok(gz)
}
