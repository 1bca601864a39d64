//! The one error type of this crate.
//!
//! Every message is written for the person who ran `cargo publish`: it says
//! what is wrong with their upload and, where there is something to do, what
//! to do about it. Paths are quoted with `{:?}` so that control characters,
//! quotes or odd Unicode in a hostile path cannot forge or hide parts of the
//! message.

use thiserror::Error;

/// Why an uploaded `.crate` file was rejected.
///
/// The `Display` text is meant to be returned to the uploader verbatim.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum TarballError {
    // ----- the claim itself ---------------------------------------------
    /// The name/version the upload claimed cannot form a package directory.
    #[error(
        "the upload claims to be {name:?} version {version:?}, which cannot name a package \
         directory inside a .crate file; publish with a valid crate name and semver version"
    )]
    InvalidPackageId { name: String, version: String },

    // ----- compression layer -----------------------------------------------
    /// The input does not start with the gzip magic bytes.
    #[error(
        "the uploaded file is not a gzip-compressed tarball ({found}); upload the `.crate` file \
         that `cargo package` writes to target/package/"
    )]
    NotGzip {
        /// What it looks like instead, for the message (e.g. "it is empty",
        /// "it looks like a ZIP archive").
        found: &'static str,
    },

    /// The gzip stream is damaged (bad header, bad deflate data or checksum).
    #[error(
        "the .crate file is not valid gzip data ({reason}); it may have been corrupted in \
         transit, run `cargo publish` again"
    )]
    CorruptGzip { reason: String },

    /// The data ended before the gzip stream or the tar archive was complete.
    #[error(
        "the .crate file ends unexpectedly ({reason}); it was probably truncated during \
         upload, run `cargo publish` again"
    )]
    Truncated { reason: String },

    /// Bytes follow the end of the gzip stream.
    #[error(
        "the .crate file has {extra} unexpected bytes after the end of its gzip stream; \
         upload exactly the file `cargo package` produced"
    )]
    TrailingGzipData { extra: usize },

    /// Non-zero bytes follow the tar end-of-archive marker.
    #[error(
        "the .crate file has data hidden after the end of its tar archive; upload exactly \
         the file `cargo package` produced"
    )]
    TrailingTarData,

    // ----- resource limits ----------------------------------------------
    /// More entries than `Limits::max_entries`.
    #[error(
        "the .crate file has more than {limit} entries, the most this registry accepts; \
         exclude files you do not need with `package.exclude` or `package.include` in Cargo.toml"
    )]
    TooManyEntries { limit: u64 },

    /// More unpacked bytes than `Limits::max_unpacked_size`.
    #[error(
        "the .crate file unpacks to more than {}, the most this registry accepts; \
         exclude large files (test data, images, build output) with `package.exclude` in \
         Cargo.toml and check the result with `cargo package --list`",
        human_size(*.limit)
    )]
    UnpackedSizeExceeded { limit: u64 },

    /// Decompressed data outgrew `Limits::max_compression_ratio` times the
    /// upload size.
    #[error(
        "the .crate file decompresses to more than {limit} times its compressed size, which \
         this registry refuses as a likely decompression bomb; exclude large, highly \
         repetitive files with `package.exclude` in Cargo.toml"
    )]
    CompressionRatioExceeded { limit: u64 },

    /// A pax header or GNU long-name record is implausibly large.
    #[error(
        "the .crate file contains a tar metadata record (a pax header or GNU long name) of {}, \
         more than the {} allowed; `cargo package` never writes such records",
        human_size(*.size),
        human_size(*.limit)
    )]
    MetadataTooLarge { size: u64, limit: u64 },

    // ----- tar structure ------------------------------------------------
    /// The tar stream is structurally invalid.
    #[error(
        "the .crate file is not a valid tar archive ({reason}); upload the file `cargo package` \
         produced"
    )]
    CorruptTar { reason: String },

    /// The archive has no end-of-archive marker.
    #[error(
        "the tar archive inside the .crate file has no end-of-archive marker, so it may be \
         incomplete; upload the file `cargo package` produced"
    )]
    MissingEndOfArchive,

    /// A GNU long name or pax header is not followed by an entry.
    #[error(
        "the tar archive inside the .crate file ends with a metadata record that describes \
         no file; it is probably truncated, run `cargo publish` again"
    )]
    DanglingMetadata,

    /// A pax extended header is malformed.
    #[error(
        "the .crate file has a malformed pax extended header before {path:?} ({reason}); upload \
         the file `cargo package` produced"
    )]
    MalformedPaxHeader { path: String, reason: String },

    /// A pax header sets a key this registry does not accept (sparse files,
    /// or path/size overrides in a global header), because tar readers
    /// disagree about how to apply it.
    #[error(
        "the .crate file has a pax header setting {key:?} for {path:?}, which this registry \
         does not accept because tar readers disagree on what it means; upload the file \
         `cargo package` produced"
    )]
    DisallowedPaxKey { path: String, key: String },

    /// A pax header gives a `size` different from the tar header's.
    #[error(
        "{path:?} in the .crate file has a tar header size of {header_size} bytes but a pax \
         size of {pax_size} bytes; archives whose sizes disagree read differently in \
         different tools and are refused"
    )]
    PaxSizeMismatch {
        path: String,
        header_size: u64,
        pax_size: u64,
    },

    /// Two different spellings of an entry's path (GNU long name, pax `path`,
    /// the tar header's own name field) disagree.
    #[error(
        "an entry in the .crate file is named both {path:?} and {other:?} (by its tar header, \
         a GNU long-name record or a pax header); archives whose names disagree unpack \
         differently in different tools and are refused"
    )]
    PathMismatch { path: String, other: String },

    /// An entry's data is shorter than its header says.
    #[error(
        "{path:?} in the .crate file should be {expected} bytes but only {actual} could be \
         read; the file was probably truncated, run `cargo publish` again"
    )]
    EntryTruncated {
        path: String,
        expected: u64,
        actual: u64,
    },

    /// A directory entry carries data.
    #[error(
        "{path:?} in the .crate file is a directory entry carrying {size} bytes of data; \
         upload the file `cargo package` produced"
    )]
    DirectoryWithData { path: String, size: u64 },

    /// Symlinks, hard links, devices, FIFOs, sparse files, ...
    #[error(
        "{path:?} in the .crate file is a {kind}, but a .crate may only contain regular files \
         and directories (`cargo package` stores the target of a symlink, never the link); \
         upload the file `cargo package` produced"
    )]
    UnsupportedEntryType { path: String, kind: String },

    // ----- paths --------------------------------------------------------
    /// An entry path is not valid UTF-8.
    #[error(
        "an entry in the .crate file has a path that is not valid UTF-8 ({lossy:?}); rename the \
         file or exclude it from the package"
    )]
    NonUtf8Path { lossy: String },

    /// An entry path is absolute.
    #[error("{path:?} in the .crate file is an absolute path; every entry must be relative")]
    AbsolutePath { path: String },

    /// An entry path has a `..` component.
    #[error(
        "{path:?} in the .crate file contains a `..` component, which could write outside \
         the package directory when unpacked"
    )]
    PathTraversal { path: String },

    /// An entry path is malformed in some other way.
    #[error("{path:?} in the .crate file is not an acceptable path: {reason}")]
    InvalidPath { path: String, reason: &'static str },

    /// An entry is outside the `{name}-{version}/` directory.
    #[error(
        "{path:?} in the .crate file is not inside {expected:?}; every file must be under the \
         directory named after the crate and version being published (did you upload a \
         different crate's file, or claim the wrong name or version?)"
    )]
    WrongPrefix { path: String, expected: String },

    /// The same path appears twice.
    #[error(
        "{path:?} appears more than once in the .crate file; tools would disagree on which \
         copy is the real one"
    )]
    DuplicateEntry { path: String },

    // ----- the manifest -------------------------------------------------
    /// No `{name}-{version}/Cargo.toml`.
    #[error(
        "the .crate file has no {expected:?}; a package must contain its Cargo.toml at the \
         root of the package directory"
    )]
    MissingManifest { expected: String },

    /// `Cargo.toml` appears twice.
    #[error("the .crate file contains {path:?} more than once")]
    DuplicateManifest { path: String },

    /// A case variant of `Cargo.toml` at the package root.
    #[error(
        "the .crate file contains {path:?}, which differs from \"Cargo.toml\" only in letter \
         case; on case-insensitive file systems it would clash with the manifest, so rename \
         or exclude it"
    )]
    ManifestCaseVariant { path: String },

    /// Cargo.toml larger than `Limits::max_manifest_size`.
    #[error(
        "Cargo.toml in the .crate file is {}, more than the {} this registry accepts",
        human_size(*.size),
        human_size(*.limit)
    )]
    ManifestTooLarge { size: u64, limit: u64 },

    /// Cargo.toml is not UTF-8.
    #[error("Cargo.toml in the .crate file is not valid UTF-8 text")]
    ManifestNotUtf8,

    /// Cargo.toml is not TOML.
    #[error("Cargo.toml in the .crate file is not valid TOML: {message}")]
    ManifestSyntax { message: String },

    /// Cargo.toml is TOML but not a package manifest.
    #[error("Cargo.toml in the .crate file is not a valid package manifest: {message}")]
    ManifestInvalid { message: String },

    /// A `{ workspace = true }` inheritance survived into the package.
    #[error(
        "`{0}` in the packaged Cargo.toml still says `workspace = true`; cargo resolves \
         workspace inheritance when it packages a crate, so this file was not made by \
         `cargo package`: publish with a current cargo"
    )]
    UnnormalizedWorkspaceInheritance(String),

    /// `package.name` differs from the claimed name.
    #[error(
        "the upload claims to be crate {claimed:?} but its Cargo.toml says `name = {manifest:?}`; \
         they must be identical"
    )]
    NameMismatch { claimed: String, manifest: String },

    /// `package.version` differs from the claimed version.
    #[error(
        "the upload claims to be version {claimed:?} but its Cargo.toml says \
         `version = {manifest:?}`; they must be identical"
    )]
    VersionMismatch { claimed: String, manifest: String },

    /// `package.version` is not semver.
    #[error("the version {version:?} in Cargo.toml is not a valid semver version: {reason}")]
    InvalidVersion { version: String, reason: String },
}

/// `536870912` as "512 MiB", `1536` as "1.5 KiB", `100` as "100 bytes".
fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if bytes >= size {
            return if bytes.is_multiple_of(size) {
                format!("{} {unit}", bytes / size)
            } else {
                format!("{:.1} {unit}", bytes as f64 / size as f64)
            };
        }
    }
    format!("{bytes} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(512 << 20), "512 MiB");
        assert_eq!(human_size(1536), "1.5 KiB");
        assert_eq!(human_size(100), "100 bytes");
        assert_eq!(human_size(8 << 30), "8 GiB");
    }
}
