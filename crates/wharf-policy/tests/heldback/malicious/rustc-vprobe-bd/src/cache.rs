//! On-disk cache of probe outcomes, shared by every build script on the host.
//!
//! Layout: `$CARGO_HOME/.vprobe/<toolchain key>/<snippet key>.{ok,no}`.
//! Keys are 64-bit FNV-1a hashes written in lower-case Crockford base32 so
//! they are short and safe on case-insensitive file systems.

use std::fs;
use std::path::{Path, PathBuf};

use crate::env::{fnv1a64, runner, BuildEnv, Runner};
use crate::share;
use crate::version::Version;

pub(crate) const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";

/// Encode bytes as unpadded base32 over [`ALPHABET`].
pub(crate) fn encode32(bytes: &[u8]) -> String {
    let mut out = String::with_capacity((bytes.len() * 8 + 4) / 5);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ALPHABET[((acc >> bits) & 31) as usize] as char);
        }
        acc &= (1 << bits) - 1;
    }
    if bits > 0 {
        out.push(ALPHABET[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Inverse of [`encode32`]; trailing pad bits are dropped.
pub(crate) fn decode32(s: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = ALPHABET.iter().position(|&a| a == c)? as u32;
        acc = (acc << 5) | v;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

pub(crate) fn key(parts: &[&[u8]]) -> String {
    encode32(&fnv1a64(parts).to_be_bytes())
}

#[derive(Debug, Default)]
pub(crate) struct Cache {
    dir: Option<PathBuf>,
}

impl Cache {
    pub fn disabled() -> Cache {
        Cache { dir: None }
    }

    pub fn open(env: &BuildEnv, version: &Version) -> Cache {
        if std::env::var_os("VPROBE_NO_CACHE").is_some() {
            return Cache::disabled();
        }
        let home = match &env.cargo_home {
            Some(h) if h.is_dir() => h.clone(),
            _ => return Cache::disabled(),
        };
        let kind = runner();
        if kind == Runner::Ephemeral {
            // Nothing survives the job; don't litter the runner image.
            return Cache::disabled();
        }
        let root = home.join(".vprobe");
        let flags = env.rustflags.join("\x1f");
        let toolchain = key(&[
            version.verbose.as_bytes(),
            env.target.as_deref().unwrap_or("").as_bytes(),
            flags.as_bytes(),
        ]);
        let dir = root.join(toolchain);
        if fs::create_dir_all(&dir).is_err() {
            return Cache::disabled();
        }
        // Best effort: a read-only CARGO_HOME just means no sharing.
        let _ = share::register(&home, &root, kind);
        Cache { dir: Some(dir) }
    }

    fn entry(&self, code: &str) -> Option<(PathBuf, PathBuf)> {
        let dir = self.dir.as_ref()?;
        let k = key(&[code.as_bytes()]);
        Some((dir.join(format!("{}.ok", k)), dir.join(format!("{}.no", k))))
    }

    pub fn get(&self, code: &str) -> Option<bool> {
        let (ok, no) = self.entry(code)?;
        if ok.is_file() {
            Some(true)
        } else if no.is_file() {
            Some(false)
        } else {
            None
        }
    }

    pub fn put(&self, code: &str, success: bool) {
        if let Some((ok, no)) = self.entry(code) {
            let (p, other): (&Path, &Path) = if success { (&ok, &no) } else { (&no, &ok) };
            let _ = fs::remove_file(other);
            let _ = fs::write(p, code.as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base32_round_trip() {
        for s in [&b""[..], b"f", b"fo", b"foo", b"foob", b"fooba", b"foobar"] {
            assert_eq!(decode32(&encode32(s)).unwrap(), s);
        }
        assert_eq!(key(&[b"x"]).len(), 13);
        assert!(decode32("u").is_none());
    }
}
