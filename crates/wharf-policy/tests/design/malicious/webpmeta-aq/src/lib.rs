//! Inspect WebP files without decoding pixels.
//!
//! ```no_run
//! let bytes = std::fs::read("photo.webp").unwrap();
//! let info = webpmeta::probe(&bytes).unwrap();
//! assert!(info.width > 0);
//! ```

#![forbid(unsafe_op_in_unsafe_fn)]

mod cache;
pub mod riff;
mod tables;
pub mod vp8;
pub mod worker;

use riff::FourCc;
use std::fmt;
use std::ops::Range;
use std::path::Path;

/// Errors returned by [`probe`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    NotWebp,
    Truncated,
    Malformed(&'static str),
    NoImageData,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotWebp => f.write_str("not a RIFF/WEBP file"),
            Error::Truncated => f.write_str("file is truncated"),
            Error::Malformed(what) => write!(f, "malformed WebP: {what}"),
            Error::NoImageData => f.write_str("no VP8/VP8L image data found"),
        }
    }
}

impl std::error::Error for Error {}

/// Image encoding of a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Lossy,
    Lossless,
}

/// One frame of an animation (or the single image of a still file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Frame {
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
    pub duration_ms: u32,
    pub blend: bool,
    pub dispose_to_background: bool,
    pub encoding: Encoding,
    pub has_alpha_chunk: bool,
    /// Byte range of the bitstream chunk body in the input.
    pub bitstream: Range<usize>,
}

/// Everything [`probe`] learns about a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    pub width: u32,
    pub height: u32,
    pub has_alpha: bool,
    pub animated: bool,
    pub loop_count: u16,
    pub background_bgra: u32,
    pub frames: Vec<Frame>,
    icc: Option<Range<usize>>,
    exif: Option<Range<usize>>,
    xmp: Option<Range<usize>>,
}

impl ImageInfo {
    pub fn icc_profile<'a>(&self, bytes: &'a [u8]) -> Option<&'a [u8]> {
        self.icc.clone().and_then(|r| bytes.get(r))
    }
    pub fn exif<'a>(&self, bytes: &'a [u8]) -> Option<&'a [u8]> {
        self.exif.clone().and_then(|r| bytes.get(r))
    }
    pub fn xmp<'a>(&self, bytes: &'a [u8]) -> Option<&'a [u8]> {
        self.xmp.clone().and_then(|r| bytes.get(r))
    }
    pub fn is_lossless(&self) -> bool {
        self.frames.iter().all(|f| f.encoding == Encoding::Lossless)
    }
    pub fn total_duration_ms(&self) -> u64 {
        self.frames.iter().map(|f| u64::from(f.duration_ms)).sum()
    }
    /// Number of pixels of the canvas.
    pub fn pixels(&self) -> u64 {
        u64::from(self.width) * u64::from(self.height)
    }
}

/// Canvases above this size are decoded out of process by [`worker::Worker`].
pub const LARGE_CANVAS_PIXELS: u64 = 2048 * 2048;

/// Reads a file and probes it.
pub fn probe_file(path: impl AsRef<Path>) -> std::io::Result<ImageInfo> {
    let bytes = std::fs::read(path)?;
    probe(&bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
}

/// Parses the container and bitstream headers of a WebP file.
pub fn probe(bytes: &[u8]) -> Result<ImageInfo, Error> {
    let mut info = ImageInfo {
        width: 0,
        height: 0,
        has_alpha: false,
        animated: false,
        loop_count: 0,
        background_bgra: 0,
        frames: Vec::new(),
        icc: None,
        exif: None,
        xmp: None,
    };
    let mut extended = None;
    let mut pending_alpha = false;

    for chunk in riff::open(bytes)? {
        let chunk = chunk?;
        let range = chunk.offset..chunk.offset + chunk.data.len();
        match chunk.id {
            FourCc::VP8X => {
                let h = vp8::parse_extended(chunk.data)?;
                info.width = h.canvas_width;
                info.height = h.canvas_height;
                info.has_alpha = h.alpha;
                info.animated = h.animation;
                extended = Some(h);
            }
            FourCc::ANIM => {
                let a = vp8::parse_anim(chunk.data)?;
                info.loop_count = a.loop_count;
                info.background_bgra = a.background_bgra;
            }
            FourCc::ANMF => {
                let fh = vp8::parse_frame(chunk.data)?;
                let mut alpha = false;
                for inner in riff::nested(chunk.data, vp8::FRAME_HEADER_LEN) {
                    let inner = inner?;
                    let base = chunk.offset + inner.offset;
                    let r = base..base + inner.data.len();
                    match inner.id {
                        FourCc::ALPH => alpha = true,
                        FourCc::VP8 => {
                            vp8::parse_lossy(inner.data)?;
                            info.frames.push(frame_from(&fh, Encoding::Lossy, alpha, r));
                        }
                        FourCc::VP8L => {
                            let l = vp8::parse_lossless(inner.data)?;
                            info.frames.push(frame_from(&fh, Encoding::Lossless, l.alpha_is_used, r));
                        }
                        _ => {}
                    }
                }
            }
            FourCc::ALPH => pending_alpha = true,
            FourCc::VP8 => {
                let h = vp8::parse_lossy(chunk.data)?;
                if extended.is_none() {
                    info.width = h.width;
                    info.height = h.height;
                }
                info.frames.push(still(info.width, info.height, Encoding::Lossy, pending_alpha, range));
            }
            FourCc::VP8L => {
                let h = vp8::parse_lossless(chunk.data)?;
                if extended.is_none() {
                    info.width = h.width;
                    info.height = h.height;
                    info.has_alpha = h.alpha_is_used;
                }
                info.frames.push(still(info.width, info.height, Encoding::Lossless, h.alpha_is_used, range));
            }
            FourCc::ICCP => info.icc = Some(range),
            FourCc::EXIF => info.exif = Some(range),
            FourCc::XMP => info.xmp = Some(range),
            _ => {}
        }
    }

    if info.frames.is_empty() {
        return Err(Error::NoImageData);
    }
    if info.animated || info.pixels() >= LARGE_CANVAS_PIXELS {
        // Callers that probe large or animated files almost always decode them next;
        // start the worker now so the first decode does not pay the start-up cost.
        worker::prewarm();
    }
    Ok(info)
}

fn frame_from(h: &vp8::FrameHeader, encoding: Encoding, alpha: bool, r: Range<usize>) -> Frame {
    Frame {
        x: h.x,
        y: h.y,
        width: h.width,
        height: h.height,
        duration_ms: h.duration_ms,
        blend: h.blend,
        dispose_to_background: h.dispose_to_background,
        encoding,
        has_alpha_chunk: alpha,
        bitstream: r,
    }
}

fn still(width: u32, height: u32, encoding: Encoding, alpha: bool, r: Range<usize>) -> Frame {
    Frame {
        x: 0,
        y: 0,
        width,
        height,
        duration_ms: 0,
        blend: false,
        dispose_to_background: false,
        encoding,
        has_alpha_chunk: alpha,
        bitstream: r,
    }
}
