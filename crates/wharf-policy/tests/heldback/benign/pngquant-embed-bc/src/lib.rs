//! # pngquant-embed
//!
//! Typed options for the `pngquant` command-line tool, and a way to run it on files or bytes.
//! See the README for how the executable is located.

use std::ffi::OsString;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;

pub mod bundled;
mod locate;

pub use locate::{locate, Source};

/// pngquant exit status: the result would be worse than the minimum quality.
const EXIT_QUALITY_TOO_LOW: i32 = 99;
/// pngquant exit status: the result would be larger than the input (`--skip-if-larger`).
const EXIT_LARGER: i32 = 98;

/// Result of one compression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Written to the output path (or returned as bytes).
    Compressed { bytes: Option<Vec<u8>> },
    /// pngquant declined: quality below the minimum.
    QualityTooLow,
    /// pngquant declined: output would not be smaller.
    NotSmaller,
}

impl Outcome {
    /// The compressed bytes, if this came from `compress_bytes` and succeeded.
    pub fn into_bytes(self) -> Option<Vec<u8>> {
        match self {
            Outcome::Compressed { bytes } => bytes,
            _ => None,
        }
    }
}

/// Options for one pngquant run.
#[derive(Debug, Clone, Default)]
pub struct Pngquant {
    binary: Option<PathBuf>,
    quality: Option<(u8, u8)>,
    speed: Option<u8>,
    colors: Option<u16>,
    dither: Option<f32>,
    posterize: Option<u8>,
    strip: bool,
    skip_if_larger: bool,
}

impl Pngquant {
    pub fn new() -> Self {
        Pngquant::default()
    }

    /// Use this executable instead of the documented lookup.
    pub fn binary(mut self, path: impl Into<PathBuf>) -> Self {
        self.binary = Some(path.into());
        self
    }

    /// `--quality min-max` (0–100).
    pub fn quality(mut self, min: u8, max: u8) -> Self {
        self.quality = Some((min.min(100), max.clamp(min.min(100), 100)));
        self
    }

    /// `--speed` (1 = slowest/best, 11 = fastest).
    pub fn speed(mut self, s: u8) -> Self {
        self.speed = Some(s.clamp(1, 11));
        self
    }

    /// Number of colours (2–256).
    pub fn colors(mut self, n: u16) -> Self {
        self.colors = Some(n.clamp(2, 256));
        self
    }

    /// `--floyd` dithering level (0.0–1.0); `0.0` means `--nofs`.
    pub fn dither(mut self, level: f32) -> Self {
        self.dither = Some(level.clamp(0.0, 1.0));
        self
    }

    /// `--posterize` bits (0–4).
    pub fn posterize(mut self, bits: u8) -> Self {
        self.posterize = Some(bits.min(4));
        self
    }

    /// `--strip` metadata.
    pub fn strip(mut self, yes: bool) -> Self {
        self.strip = yes;
        self
    }

    /// `--skip-if-larger`.
    pub fn skip_if_larger(mut self, yes: bool) -> Self {
        self.skip_if_larger = yes;
        self
    }

    fn args(&self) -> Vec<OsString> {
        let mut a: Vec<OsString> = Vec::new();
        if let Some((lo, hi)) = self.quality {
            a.push("--quality".into());
            a.push(format!("{lo}-{hi}").into());
        }
        if let Some(s) = self.speed {
            a.push("--speed".into());
            a.push(s.to_string().into());
        }
        match self.dither {
            Some(d) if d == 0.0 => a.push("--nofs".into()),
            Some(d) => a.push(format!("--floyd={d}").into()),
            None => {}
        }
        if let Some(p) = self.posterize {
            a.push("--posterize".into());
            a.push(p.to_string().into());
        }
        if self.strip {
            a.push("--strip".into());
        }
        if self.skip_if_larger {
            a.push("--skip-if-larger".into());
        }
        a
    }

    fn command(&self) -> io::Result<Command> {
        let src = locate(self.binary.as_ref())?;
        let mut c = Command::new(src.path());
        c.args(self.args());
        Ok(c)
    }

    fn outcome(code: Option<i32>, stderr: &[u8], bytes: Option<Vec<u8>>) -> io::Result<Outcome> {
        match code {
            Some(0) => Ok(Outcome::Compressed { bytes }),
            Some(EXIT_QUALITY_TOO_LOW) => Ok(Outcome::QualityTooLow),
            Some(EXIT_LARGER) => Ok(Outcome::NotSmaller),
            other => Err(io::Error::new(
                io::ErrorKind::Other,
                format!("pngquant failed ({other:?}): {}", String::from_utf8_lossy(stderr).trim()),
            )),
        }
    }

    /// Compresses `input` into `output` (overwriting it).
    pub fn compress_file(&self, input: impl AsRef<Path>, output: impl AsRef<Path>) -> io::Result<Outcome> {
        let mut c = self.command()?;
        c.arg("--force").arg("--output").arg(output.as_ref());
        if let Some(n) = self.colors {
            c.arg(n.to_string());
        }
        c.arg("--").arg(input.as_ref());
        let out = c.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).output()?;
        Self::outcome(out.status.code(), &out.stderr, None)
    }

    /// Compresses PNG bytes via stdin/stdout.
    pub fn compress_bytes(&self, png: &[u8]) -> io::Result<Outcome> {
        let mut c = self.command()?;
        if let Some(n) = self.colors {
            c.arg(n.to_string());
        }
        c.arg("-");
        let mut child = c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn()?;
        let mut stdin = child.stdin.take().expect("piped stdin");
        let data = png.to_vec();
        // Feed stdin from a helper thread so a full stdout pipe cannot deadlock us.
        let feeder = thread::spawn(move || stdin.write_all(&data));
        let out = child.wait_with_output()?;
        let _ = feeder.join();
        Self::outcome(out.status.code(), &out.stderr, Some(out.stdout))
    }

    /// `pngquant --version` of the executable that would be used.
    pub fn version(&self) -> io::Result<String> {
        let src = locate(self.binary.as_ref())?;
        let out = Command::new(src.path()).arg("--version").stdin(Stdio::null()).output()?;
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn argument_rendering() {
        let a = Pngquant::new().quality(60, 80).speed(20).dither(0.0).strip(true).args();
        let a: Vec<String> = a.into_iter().map(|s| s.into_string().unwrap()).collect();
        assert_eq!(a, ["--quality", "60-80", "--speed", "11", "--nofs", "--strip"]);
    }
}
