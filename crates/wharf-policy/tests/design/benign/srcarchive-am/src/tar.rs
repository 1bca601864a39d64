//! Deterministic ustar writer.

use std::io::{self, Write};

fn octal(field: &mut [u8], v: u64) {
    let s = format!("{:0width$o}", v, width = field.len() - 1);
    let b = s.as_bytes();
    let start = b.len().saturating_sub(field.len() - 1);
    field[..field.len() - 1].copy_from_slice(&b[start..]);
    field[field.len() - 1] = 0;
}

/// Split a path into ustar `prefix` (155) and `name` (100).
fn split_name(path: &str) -> io::Result<(String, String)> {
    if path.len() <= 100 {
        return Ok((String::new(), path.to_owned()));
    }
    for (i, c) in path.char_indices() {
        if c == '/' && i <= 155 && path.len() - i - 1 <= 100 {
            return Ok((path[..i].to_owned(), path[i + 1..].to_owned()));
        }
    }
    Err(io::Error::new(io::ErrorKind::InvalidInput, format!("path too long for ustar: {path}")))
}

pub struct TarWriter<W: Write> {
    inner: W,
    mtime: u64,
    written: u64,
}

impl<W: Write> TarWriter<W> {
    pub fn new(inner: W, mtime: u64) -> Self {
        TarWriter { inner, mtime, written: 0 }
    }

    pub fn append(&mut self, path: &str, data: &[u8], executable: bool) -> io::Result<()> {
        let (prefix, name) = split_name(path)?;
        let mut h = [0u8; 512];
        h[..name.len()].copy_from_slice(name.as_bytes());
        octal(&mut h[100..108], if executable { 0o755 } else { 0o644 });
        octal(&mut h[108..116], 0);
        octal(&mut h[116..124], 0);
        octal(&mut h[124..136], data.len() as u64);
        octal(&mut h[136..148], self.mtime);
        h[148..156].copy_from_slice(b"        ");
        h[156] = b'0';
        h[257..263].copy_from_slice(b"ustar\0");
        h[263..265].copy_from_slice(b"00");
        h[345..345 + prefix.len()].copy_from_slice(prefix.as_bytes());
        let sum: u32 = h.iter().map(|&b| b as u32).sum();
        let cs = format!("{:06o}\0 ", sum);
        h[148..156].copy_from_slice(cs.as_bytes());
        self.inner.write_all(&h)?;
        self.inner.write_all(data)?;
        let pad = (512 - data.len() % 512) % 512;
        self.inner.write_all(&vec![0u8; pad])?;
        self.written += 512 + data.len() as u64 + pad as u64;
        Ok(())
    }

    pub fn finish(mut self) -> io::Result<W> {
        self.inner.write_all(&[0u8; 1024])?;
        self.written += 1024;
        Ok(self.inner)
    }

    pub fn written(&self) -> u64 {
        self.written
    }
}
