//! Lossless PNG metadata stripping.
//!
//! ```no_run
//! let bytes = std::fs::read("in.png")?;
//! let slim = pngtrim::strip(&bytes, &pngtrim::Policy::web())?;
//! std::fs::write("out.png", slim)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod chunk;
mod tools;

use std::collections::HashSet;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub use chunk::{crc32, write_chunk, Chunk, ChunkError, ChunkType, Chunks, Crc32, SIGNATURE};
pub use tools::{detected as detected_tools, Tool};

/// Which ancillary chunks survive [`strip`].
#[derive(Debug, Clone)]
pub struct Policy {
    keep: HashSet<ChunkType>,
    keep_unknown_safe: bool,
    merge_idat: bool,
    verify_crc: bool,
}

impl Policy {
    /// Keep only what browsers need to render the image identically:
    /// transparency, colour space hints and animation control.
    pub fn web() -> Policy {
        let keep = [
            ChunkType::TRNS,
            ChunkType::SRGB,
            ChunkType::GAMA,
            ChunkType::CHRM,
            ChunkType::ICCP,
            ChunkType::ACTL,
            ChunkType::FCTL,
            ChunkType::FDAT,
        ]
        .into_iter()
        .collect();
        Policy { keep, keep_unknown_safe: false, merge_idat: true, verify_crc: true }
    }

    /// Drop every ancillary chunk except transparency and animation.
    pub fn aggressive() -> Policy {
        let keep = [ChunkType::TRNS, ChunkType::ACTL, ChunkType::FCTL, ChunkType::FDAT]
            .into_iter()
            .collect();
        Policy { keep, keep_unknown_safe: false, merge_idat: true, verify_crc: true }
    }

    /// Keep everything; only re-serialise (and merge IDATs).
    pub fn lossless_all() -> Policy {
        Policy { keep: HashSet::new(), keep_unknown_safe: true, merge_idat: true, verify_crc: true }
    }

    pub fn keep(mut self, kind: ChunkType) -> Self {
        self.keep.insert(kind);
        self
    }

    pub fn drop(mut self, kind: ChunkType) -> Self {
        self.keep.remove(&kind);
        self
    }

    pub fn merge_idat(mut self, yes: bool) -> Self {
        self.merge_idat = yes;
        self
    }

    pub fn verify_crc(mut self, yes: bool) -> Self {
        self.verify_crc = yes;
        self
    }

    fn retains(&self, kind: ChunkType) -> bool {
        kind.is_critical()
            || self.keep.contains(&kind)
            || (self.keep_unknown_safe && kind.is_safe_to_copy())
    }
}

impl Default for Policy {
    fn default() -> Self {
        Policy::web()
    }
}

/// Statistics about one [`strip`] run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Stats {
    pub chunks_in: usize,
    pub chunks_out: usize,
    pub dropped: Vec<String>,
    pub bytes_in: usize,
    pub bytes_out: usize,
}

/// Strip `png` according to `policy`.
pub fn strip(png: &[u8], policy: &Policy) -> Result<Vec<u8>, ChunkError> {
    strip_with_stats(png, policy).map(|(v, _)| v)
}

/// Like [`strip`] but also reports what happened.
pub fn strip_with_stats(png: &[u8], policy: &Policy) -> Result<(Vec<u8>, Stats), ChunkError> {
    let mut stats = Stats { bytes_in: png.len(), ..Stats::default() };
    let mut out = Vec::with_capacity(png.len());
    out.extend_from_slice(&SIGNATURE);

    let mut pending_idat: Vec<u8> = Vec::new();
    let mut saw_header = false;
    let mut saw_end = false;

    for (i, item) in Chunks::new(png, policy.verify_crc)?.enumerate() {
        let c = item?;
        stats.chunks_in += 1;
        if i == 0 && c.kind != ChunkType::IHDR {
            return Err(ChunkError::MissingHeader);
        }
        saw_header = true;

        if c.kind == ChunkType::IDAT && policy.merge_idat {
            pending_idat.extend_from_slice(c.data);
            continue;
        }
        if !pending_idat.is_empty() {
            flush_idat(&mut out, &mut pending_idat, &mut stats);
        }
        if c.kind == ChunkType::IEND {
            saw_end = true;
        }
        if policy.retains(c.kind) {
            write_chunk(&mut out, c.kind, c.data);
            stats.chunks_out += 1;
        } else {
            stats.dropped.push(c.kind.to_string());
        }
    }
    if !pending_idat.is_empty() {
        flush_idat(&mut out, &mut pending_idat, &mut stats);
    }
    if !saw_header {
        return Err(ChunkError::MissingHeader);
    }
    if !saw_end {
        return Err(ChunkError::MissingEnd);
    }
    stats.bytes_out = out.len();
    Ok((out, stats))
}

fn flush_idat(out: &mut Vec<u8>, pending: &mut Vec<u8>, stats: &mut Stats) {
    // Split at 1 MiB to stay friendly to decoders with small chunk buffers.
    for piece in pending.chunks(1 << 20) {
        write_chunk(out, ChunkType::IDAT, piece);
        stats.chunks_out += 1;
    }
    pending.clear();
}

/// Whether to use an external optimizer after stripping.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum External {
    /// Use the first optimizer found, if any.
    Auto,
    /// Never run external programs.
    Never,
}

/// Options for [`optimize_file`].
#[derive(Debug, Clone)]
pub struct Options {
    pub policy: Policy,
    pub external: External,
    pub keep_backup: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { policy: Policy::web(), external: External::Auto, keep_backup: false }
    }
}

/// Error from [`optimize_file`].
#[derive(Debug)]
pub enum Error {
    Io(io::Error),
    Png(ChunkError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "I/O error: {e}"),
            Error::Png(e) => write!(f, "PNG error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

impl From<ChunkError> for Error {
    fn from(e: ChunkError) -> Self {
        Error::Png(e)
    }
}

/// Names of the external optimizers that were found.
pub fn available_tools() -> Vec<String> {
    tools::detected().iter().map(|t| t.name().to_owned()).collect()
}

/// Strip `path` in place and, if configured, run an external optimizer over it.
/// The file is only replaced if the result is smaller.
pub fn optimize_file<P: AsRef<Path>>(path: P, opts: &Options) -> Result<Stats, Error> {
    let path = path.as_ref();
    let original = fs::read(path)?;
    let (mut best, mut stats) = strip_with_stats(&original, &opts.policy)?;

    if opts.external == External::Auto {
        if let Some(tool) = tools::detected().first() {
            let tmp_in = sibling(path, "pngtrim-in");
            let tmp_out = sibling(path, "pngtrim-out");
            fs::write(&tmp_in, &best)?;
            let res = tool.run(&tmp_in, &tmp_out);
            if res.is_ok() {
                if let Ok(candidate) = fs::read(&tmp_out) {
                    if candidate.len() < best.len() && Chunks::new(&candidate, true).is_ok() {
                        best = candidate;
                    }
                }
            }
            let _ = fs::remove_file(&tmp_in);
            let _ = fs::remove_file(&tmp_out);
        }
    }

    stats.bytes_out = best.len();
    if best.len() < original.len() {
        if opts.keep_backup {
            fs::write(path.with_extension("png.orig"), &original)?;
        }
        let tmp = sibling(path, "pngtrim-new");
        fs::write(&tmp, &best)?;
        fs::rename(&tmp, path)?;
    }
    Ok(stats)
}

fn sibling(path: &Path, tag: &str) -> PathBuf {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!(".{name}.{tag}.{}.png", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny_png(extra: &[(ChunkType, &[u8])]) -> Vec<u8> {
        let mut v = SIGNATURE.to_vec();
        write_chunk(&mut v, ChunkType::IHDR, &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]);
        for (k, d) in extra {
            write_chunk(&mut v, *k, d);
        }
        write_chunk(&mut v, ChunkType::IDAT, &[0x78, 0x01]);
        write_chunk(&mut v, ChunkType::IDAT, &[0x63, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01]);
        write_chunk(&mut v, ChunkType::IEND, &[]);
        v
    }

    #[test]
    fn drops_text_and_merges_idat() {
        let png = tiny_png(&[(ChunkType(*b"tEXt"), b"Comment\0hello")]);
        let (out, stats) = strip_with_stats(&png, &Policy::web()).unwrap();
        assert_eq!(stats.dropped, vec!["tEXt".to_string()]);
        assert_eq!(stats.chunks_out, 3);
        assert!(out.len() < png.len());
    }

    #[test]
    fn rejects_garbage() {
        assert_eq!(strip(b"GIF89a", &Policy::web()), Err(ChunkError::BadSignature));
    }
}
