//! What `cargo publish` sends: the request body's frame, and the metadata JSON in it.
//!
//! The body of `PUT /api/v1/crates/new` is a little-endian `u32` length and that many bytes of JSON
//! (the [`PublishMetadata`] the index line's dependencies and features are made from), then a
//! little-endian `u32` length and that many bytes of `.crate` file, and nothing else (see "Publish"
//! in the Cargo book's registry web API). Every byte of it comes from the client, so this is one of
//! the places untrusted input is first parsed; it is kept pure, apart from the server, so that the
//! fuzz targets (`fuzz/`) run exactly the code the server runs.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// The largest parts of a frame accepted, in bytes (the registry's configured limits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FrameLimits {
    pub max_metadata_size: u64,
    pub max_tarball_size: u64,
}

/// A well-formed frame's two parts, borrowed from the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Frame<'a> {
    /// The metadata JSON, not parsed yet (see [`PublishMetadata::from_json`]).
    pub metadata: &'a [u8],
    /// The `.crate` file.
    pub tarball: &'a [u8],
}

/// Why a body is not a publish frame. The messages are the ones the publisher sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FrameError {
    /// The body ends before a length, or before the bytes a length announces.
    Truncated,
    /// The metadata's announced length is over [`FrameLimits::max_metadata_size`].
    MetadataTooLarge { size: u64, limit: u64 },
    /// The `.crate` file's announced length is over [`FrameLimits::max_tarball_size`].
    TarballTooLarge { size: u64, limit: u64 },
    /// Bytes follow the `.crate` file.
    TrailingBytes,
}

impl FrameError {
    /// Whether the request is refused for its size (HTTP 413) rather than its shape (400).
    pub fn is_too_large(&self) -> bool {
        matches!(
            self,
            FrameError::MetadataTooLarge { .. } | FrameError::TarballTooLarge { .. }
        )
    }
}

impl fmt::Display for FrameError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FrameError::Truncated => f.write_str("the publish request is truncated"),
            FrameError::MetadataTooLarge { size, limit } => write!(
                f,
                "the publish metadata is {size} bytes; this registry accepts at most {limit} bytes"
            ),
            FrameError::TarballTooLarge { size, limit } => write!(
                f,
                "the .crate file is {size} bytes; this registry accepts at most {limit} bytes"
            ),
            FrameError::TrailingBytes => {
                f.write_str("the publish request has bytes after the .crate file")
            }
        }
    }
}

impl std::error::Error for FrameError {}

/// Splits cargo's publish frame into the metadata JSON and the `.crate` file, both views into
/// `body`.
///
/// A length over its limit is refused as soon as it is read, before the bytes it announces are
/// looked for, so that the answer to an oversized upload says so rather than "truncated".
pub fn split_frame<'a>(body: &'a [u8], limits: &FrameLimits) -> Result<Frame<'a>, FrameError> {
    let (json_len, rest) = take_len(body)?;
    if json_len > limits.max_metadata_size {
        return Err(FrameError::MetadataTooLarge {
            size: json_len,
            limit: limits.max_metadata_size,
        });
    }
    let (metadata, rest) = split_at(rest, json_len).ok_or(FrameError::Truncated)?;
    let (tar_len, tarball) = take_len(rest)?;
    if tar_len > limits.max_tarball_size {
        return Err(FrameError::TarballTooLarge {
            size: tar_len,
            limit: limits.max_tarball_size,
        });
    }
    match split_at(tarball, tar_len) {
        None => Err(FrameError::Truncated),
        Some((tarball, [])) => Ok(Frame { metadata, tarball }),
        Some(_) => Err(FrameError::TrailingBytes),
    }
}

/// The frame [`split_frame`] reads: what cargo sends for `metadata` and `tarball`.
///
/// # Panics
///
/// If either part is 4 GiB or larger, which the format cannot express.
pub fn encode_frame(metadata: &[u8], tarball: &[u8]) -> Vec<u8> {
    let len = |part: &[u8]| u32::try_from(part.len()).expect("a frame part is under 4 GiB");
    let mut body = Vec::with_capacity(8 + metadata.len() + tarball.len());
    body.extend_from_slice(&len(metadata).to_le_bytes());
    body.extend_from_slice(metadata);
    body.extend_from_slice(&len(tarball).to_le_bytes());
    body.extend_from_slice(tarball);
    body
}

/// A little-endian `u32` length, and what follows it.
fn take_len(bytes: &[u8]) -> Result<(u64, &[u8]), FrameError> {
    let (len, rest) = bytes
        .split_first_chunk::<4>()
        .ok_or(FrameError::Truncated)?;
    Ok((u64::from(u32::from_le_bytes(*len)), rest))
}

/// `bytes` split after `len` bytes, or `None` when it is shorter.
fn split_at(bytes: &[u8], len: u64) -> Option<(&[u8], &[u8])> {
    bytes.split_at_checked(usize::try_from(len).ok()?)
}

/// The JSON cargo sends ahead of the tarball. Package metadata is taken from the tarball's Cargo.toml
/// instead, which is what cargo actually built; dependencies and features come from here, in the form
/// cargo already resolved for the index. Keys this model does not name (cargo also sends the
/// description, authors, license and so on) are ignored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishMetadata {
    pub name: String,
    pub vers: String,
    #[serde(default)]
    pub deps: Vec<PublishDependency>,
    #[serde(default)]
    pub features: BTreeMap<String, Vec<String>>,
}

impl PublishMetadata {
    /// Parses the metadata part of a [`Frame`].
    pub fn from_json(json: &[u8]) -> Result<PublishMetadata, serde_json::Error> {
        serde_json::from_slice(json)
    }
}

/// A dependency as cargo's publish JSON gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishDependency {
    /// The real crate name.
    pub name: String,
    pub version_req: String,
    #[serde(default)]
    pub features: Vec<String>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default = "yes")]
    pub default_features: bool,
    pub target: Option<String>,
    #[serde(default)]
    pub kind: Option<String>,
    pub registry: Option<String>,
    /// The name used in Cargo.toml when the dependency is renamed.
    pub explicit_name_in_toml: Option<String>,
}

fn yes() -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    const LIMITS: FrameLimits = FrameLimits {
        max_metadata_size: 100,
        max_tarball_size: 1000,
    };

    #[test]
    fn splits_what_it_encodes() {
        let body = encode_frame(br#"{"name":"a"}"#, b"\x1f\x8bcrate");
        let frame = split_frame(&body, &LIMITS).unwrap();
        assert_eq!(frame.metadata, br#"{"name":"a"}"#);
        assert_eq!(frame.tarball, b"\x1f\x8bcrate");
        let empty = encode_frame(b"", b"");
        assert_eq!(
            split_frame(&empty, &LIMITS).unwrap(),
            Frame {
                metadata: b"",
                tarball: b""
            }
        );
    }

    #[test]
    fn every_cut_is_truncated_and_every_addition_trailing() {
        let body = encode_frame(b"{}", b"tarball");
        for cut in 0..body.len() {
            assert_eq!(
                split_frame(&body[..cut], &LIMITS),
                Err(FrameError::Truncated),
                "cut at {cut}"
            );
        }
        let mut longer = body.clone();
        longer.push(0);
        assert_eq!(
            split_frame(&longer, &LIMITS),
            Err(FrameError::TrailingBytes)
        );
    }

    #[test]
    fn sizes_are_judged_from_the_lengths_alone() {
        // The announced length is refused before the bytes it announces are looked for.
        let body = [&101u32.to_le_bytes()[..], b"{}"].concat();
        let err = split_frame(&body, &LIMITS).unwrap_err();
        assert_eq!(
            err,
            FrameError::MetadataTooLarge {
                size: 101,
                limit: 100
            }
        );
        assert!(err.is_too_large());
        assert_eq!(
            err.to_string(),
            "the publish metadata is 101 bytes; this registry accepts at most 100 bytes"
        );

        let body = [&2u32.to_le_bytes()[..], b"{}", &u32::MAX.to_le_bytes()].concat();
        let err = split_frame(&body, &LIMITS).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the .crate file is 4294967295 bytes; this registry accepts at most 1000 bytes"
        );
        assert!(err.is_too_large());
        assert!(!FrameError::Truncated.is_too_large());

        // The largest lengths the format can express, with limits that allow them.
        let open = FrameLimits {
            max_metadata_size: u64::MAX,
            max_tarball_size: u64::MAX,
        };
        let body = [&u32::MAX.to_le_bytes()[..], b"{}"].concat();
        assert_eq!(split_frame(&body, &open), Err(FrameError::Truncated));
    }

    #[test]
    fn metadata_takes_what_cargo_sends() {
        let json = br#"{"name":"demo","vers":"0.1.0","deps":[{"name":"serde","version_req":"^1",
            "features":["derive"],"optional":false,"default_features":true,"target":null,
            "kind":"normal","registry":null,"explicit_name_in_toml":null}],
            "features":{"std":[]},"authors":[],"description":"d","license":"MIT","links":null}"#;
        let metadata = PublishMetadata::from_json(json).unwrap();
        assert_eq!(metadata.name, "demo");
        assert_eq!(metadata.deps[0].features, ["derive"]);
        assert_eq!(metadata.features["std"], Vec::<String>::new());

        let minimal = PublishMetadata::from_json(
            br#"{"name":"a","vers":"1.0.0","deps":[
            {"name":"b","version_req":"1"}]}"#,
        )
        .unwrap();
        assert!(minimal.deps[0].default_features);
        assert_eq!(minimal.deps[0].kind, None);
        assert!(PublishMetadata::from_json(br#"{"vers":"1.0.0"}"#).is_err());
    }
}
