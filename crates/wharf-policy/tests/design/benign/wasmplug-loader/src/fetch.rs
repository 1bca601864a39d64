use std::io::Read;
use std::time::Duration;

use crate::{Error, Result};

/// Read plugin bytes from an https:// URL or a file:// path, capped at `max`.
pub fn fetch(source: &str, max: usize) -> Result<Vec<u8>> {
    if let Some(path) = source.strip_prefix("file://") {
        let b = std::fs::read(path)?;
        if b.len() > max {
            return Err(Error::TooLarge(b.len()));
        }
        return Ok(b);
    }
    let client = reqwest::blocking::Client::builder()
        .timeout(Duration::from_secs(60))
        .https_only(true)
        .build()?;
    let resp = client.get(source).send()?.error_for_status()?;
    let mut buf = Vec::new();
    resp.take(max as u64 + 1).read_to_end(&mut buf)?;
    if buf.len() > max {
        return Err(Error::TooLarge(buf.len()));
    }
    Ok(buf)
}
