#![doc = include_str!("../README.md")]
#![forbid(unsafe_code)]

mod error;
mod guard;
mod gzip;
mod manifest;
mod path;
mod scan;
#[cfg(any(test, feature = "test-support"))]
pub mod test_support;
#[cfg(test)]
mod tests;

pub use error::TarballError;
pub use manifest::{Manifest, Package, ReadmeSetting, Target};

/// The manifest's path inside the package directory.
const MANIFEST: &str = "Cargo.toml";

/// The readme names cargo looks for, in its order, when `package.readme` is
/// unset or `true`.
const DEFAULT_READMES: [&str; 3] = ["README.md", "README.txt", "README"];

const MIB: u64 = 1024 * 1024;

/// How many leading bytes of each file [`FileEntry::head`] keeps: enough for
/// every common magic number (file-type signature).
pub const HEAD_SIZE: usize = 64;

/// How many leading bytes [`FileEntry::head`] keeps of a gzip stream (a file that starts with
/// gzip's magic number): enough to unpack the start of what it holds, which may be an executable
/// shipped compressed, whatever the file is called.
pub const COMPRESSED_HEAD_SIZE: usize = 4096;

/// How many leading bytes to keep of a file that starts with `first`.
pub(crate) fn head_size(first: &[u8]) -> usize {
    if first.starts_with(&[0x1f, 0x8b]) {
        COMPRESSED_HEAD_SIZE
    } else {
        HEAD_SIZE
    }
}

/// How many leading bytes decide whether a file is text (no NUL byte among
/// them) and so worth keeping for the content scanner.
pub const TEXT_SNIFF_SIZE: usize = 1024;

/// Resource bounds for one `.crate` file.
///
/// Passed in rather than global so that a registry can configure them, and
/// tests can make them small.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Most bytes of file contents, summed over all files (counted as read,
    /// not taken from headers).
    pub max_unpacked_size: u64,
    /// Most entries (files, directories and pax global headers).
    pub max_entries: u64,
    /// Most decompressed bytes per byte of upload, against gzip bombs.
    /// Enforced only above [`compression_ratio_floor`](Self::compression_ratio_floor).
    pub max_compression_ratio: u64,
    /// Decompressed bytes below which the ratio is not checked, so that
    /// small, very compressible crates are never refused for it.
    pub compression_ratio_floor: u64,
    /// Largest `Cargo.toml` read into memory.
    pub max_manifest_size: u64,
    /// Largest readme kept; a bigger one is left out of [`Tarball::readme`].
    pub max_readme_size: u64,
    /// Largest file whose contents are kept in [`FileEntry::contents`], for
    /// the policy's content scanner; a bigger one keeps only its
    /// [`head`](FileEntry::head).
    pub max_kept_file_size: u64,
    /// Most bytes of contents kept over all files. Together with
    /// `max_kept_file_size` this bounds the memory one upload can hold,
    /// however much it unpacks to; files past the budget are
    /// [`Contents::TooLarge`].
    pub max_kept_size: u64,
}

impl Default for Limits {
    /// The values crates.io uses where it has one (512 MiB unpacked);
    /// generous enough for any real crate otherwise.
    fn default() -> Self {
        Limits {
            max_unpacked_size: 512 * MIB,
            max_entries: 50_000,
            max_compression_ratio: 200,
            compression_ratio_floor: 16 * MIB,
            // The largest real manifests (generated feature lists such as
            // `windows` or `web-sys`) are a few hundred KiB.
            max_manifest_size: 2 * MIB,
            max_readme_size: MIB,
            // Generated bindings reach 2.6 MB in one file (`encoding_rs`)
            // and 21 MB of Rust in one crate (`windows-sys`); C sources
            // vendored by `-sys` crates add tens of MB.
            max_kept_file_size: 4 * MIB,
            // Three times the largest real crate's Rust; with the publish queue's workers, this
            // is what bounds an upload's memory.
            max_kept_size: 64 * MIB,
        }
    }
}

/// What the registry needs from a valid `.crate` file.
#[derive(Debug, Clone, PartialEq)]
pub struct Tarball {
    /// The parsed `{name}-{version}/Cargo.toml`.
    pub manifest: Manifest,
    /// Its text, exactly as uploaded.
    pub manifest_raw: String,
    /// Every regular file, in archive order, with its path relative to the
    /// `{name}-{version}/` directory and its size as counted while reading.
    pub files: Vec<FileEntry>,
    /// Sum of `files[..].size`.
    pub unpacked_size: u64,
    /// The readme's text: the file named by `package.readme`, or cargo's
    /// default `README.md`/`README.txt`/`README`. `None` if there is none,
    /// or it is not UTF-8, or it is larger than `Limits::max_readme_size`.
    pub readme: Option<String>,
    /// The readme file's path relative to the package directory, when the
    /// package has one (even if its text was left out of `readme`). Useful
    /// for resolving relative links in it.
    pub readme_path: Option<String>,
    /// Whether the package has the `Cargo.toml.orig` cargo keeps of the
    /// manifest as written.
    pub has_cargo_toml_orig: bool,
}

/// A regular file in the package.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileEntry {
    /// `/`-separated, relative to the `{name}-{version}/` directory.
    pub path: String,
    /// Bytes actually read.
    pub size: u64,
    /// The first [`HEAD_SIZE`] bytes of the contents ([`COMPRESSED_HEAD_SIZE`]
    /// of a gzip stream; all of them if the file is smaller), kept while
    /// streaming so that callers can recognise file types by their magic
    /// numbers without reading the archive again.
    pub head: Vec<u8>,
    /// The whole contents, when they look like text and fit the limits.
    pub contents: Contents,
    /// How many bytes follow the end of the image the file is (a PNG's `IEND` chunk): data no
    /// viewer shows, where polyglot files carry a payload. 0 for other files.
    pub after_image: u64,
}

/// What the reader kept of a file's contents, for the policy's content
/// scanner (which must not decompress the archive a second time).
///
/// Text files (no NUL byte in their first [`TEXT_SNIFF_SIZE`] bytes) of
/// the kinds the scanner reads ([`is_scanned_kind`], and the readme) are
/// kept whole up to [`Limits::max_kept_file_size`] each and
/// [`Limits::max_kept_size`] in all; other files keep only their
/// [`head`](FileEntry::head), which is enough to recognise executables and
/// media by their magic numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contents {
    /// Every byte of the file (not necessarily UTF-8).
    Kept(Vec<u8>),
    /// Not kept: a NUL byte near the start says it is binary.
    Binary,
    /// Not kept: over `max_kept_file_size`, or the `max_kept_size` budget
    /// was spent.
    TooLarge,
    /// Not kept: a kind of file no content rule reads (C sources, data, documents other than
    /// the readme); see [`is_scanned_kind`].
    NotScanned,
}

/// File kinds whose text the content scanner reads, by extension: Rust sources, web pages,
/// scripts a build or library can hand to an interpreter, manifests, documents (a custom
/// `package.readme` is only known once the manifest is read, and the archive is read once), and
/// configuration formats, which code pulls in with `include_str!` as literals of its own. Native
/// sources (C, assembly) and other data files are not analysed, so keeping them would only cost
/// memory.
const SCANNED_EXTENSIONS: &[&str] = &[
    "rs", "html", "htm", "xhtml", "sh", "bash", "zsh", "ps1", "psm1", "bat", "cmd", "py", "js",
    "mjs", "vbs", "pl", "toml", "md", "markdown", "txt", "rst", "adoc", "cfg", "conf", "ini",
    "json", "yaml", "yml",
];

/// Whether the reader keeps a text file at `path` for the content scanner.
pub fn is_scanned_kind(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(_, ext)| {
        SCANNED_EXTENSIONS
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext))
    })
}

impl Contents {
    /// The kept bytes, if any.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            Contents::Kept(data) => Some(data),
            Contents::Binary | Contents::TooLarge | Contents::NotScanned => None,
        }
    }
}

impl FileEntry {
    /// The kept contents, if any.
    pub fn bytes(&self) -> Option<&[u8]> {
        self.contents.bytes()
    }
}

/// Validates an uploaded `.crate` file and extracts what the registry needs.
///
/// `pkg_name` and `pkg_version` are what the uploader claims to publish;
/// every entry must be under `{pkg_name}-{pkg_version}/` and the manifest
/// must agree with both exactly.
///
/// Reads only `bytes`, never the file system, and decompresses at most what
/// `limits` allow.
pub fn process_tarball(
    pkg_name: &str,
    pkg_version: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<Tarball, TarballError> {
    let package_dir = package_dir(pkg_name, pkg_version)?;

    // Likely readmes are kept even if they do not look like text, as long as
    // they are within the readme limit; `package.readme` is only known once
    // the manifest has been read, and a custom path is kept if it is text.
    let capture = |path: &str, size: u64| size <= limits.max_readme_size && is_root_readme(path);
    let mut scan = scan::scan(bytes, limits, &package_dir, &capture)?;

    let manifest_raw = scan
        .manifest
        .take()
        .ok_or_else(|| TarballError::MissingManifest {
            expected: format!("{package_dir}/{MANIFEST}"),
        })?;
    let manifest_raw =
        String::from_utf8(manifest_raw).map_err(|_| TarballError::ManifestNotUtf8)?;
    let manifest = manifest::parse(&manifest_raw)?;
    check_identity(&manifest.package, pkg_name, pkg_version)?;

    let readme_path = readme_path(manifest.package.readme.as_ref(), &scan.files);
    let readme = readme_path.as_ref().and_then(|path| {
        let data = scan.files.iter().find(|f| &f.path == path)?.bytes()?;
        if data.len() as u64 > limits.max_readme_size {
            return None;
        }
        String::from_utf8(data.to_vec()).ok()
    });

    let has_cargo_toml_orig = scan.files.iter().any(|f| f.path == "Cargo.toml.orig");
    Ok(Tarball {
        manifest,
        manifest_raw,
        files: scan.files,
        unpacked_size: scan.unpacked_size,
        readme,
        readme_path,
        has_cargo_toml_orig,
    })
}

/// Parses a packaged `Cargo.toml` as [`process_tarball`] does: the TOML syntax, then that no
/// `workspace = true` is left over, then the typed model. For callers that have the manifest's text
/// without its archive (and the fuzz targets, which feed it arbitrary text).
pub fn parse_manifest(raw: &str) -> Result<Manifest, TarballError> {
    manifest::parse(raw)
}

/// The name and version a `.crate` file's own `Cargo.toml` declares, for callers that have only
/// the file (a command-line scan: the file name may lie). Reads the archive up to the manifest,
/// within `limits`; [`process_tarball`] then validates everything with these as the claim.
pub fn identify(bytes: &[u8], limits: &Limits) -> Result<(String, String), TarballError> {
    let manifest = read_manifest(bytes, limits)?;
    Ok((manifest.package.name, manifest.package.version))
}

/// A `.crate` file's own `Cargo.toml` (the first `DIR/Cargo.toml` in the archive), for callers
/// that have only the file: [`identify`], and an import, which takes the dependencies and
/// features cargo would have sent from it. Nothing else is checked; [`process_tarball`] is.
pub fn read_manifest(bytes: &[u8], limits: &Limits) -> Result<Manifest, TarballError> {
    scan::check_gzip_magic(bytes)?;
    let decoder = gzip::GzipReader::new(bytes);
    let bounded = std::io::Read::take(decoder, limits.max_unpacked_size);
    let mut archive = tar::Archive::new(bounded);
    let corrupt = |e: std::io::Error| TarballError::CorruptTar {
        reason: e.to_string(),
    };
    for (seen, entry) in archive.entries().map_err(corrupt)?.enumerate() {
        if seen as u64 >= limits.max_entries {
            break;
        }
        let mut entry = entry.map_err(corrupt)?;
        let path = entry.path_bytes().into_owned();
        let path = String::from_utf8_lossy(&path);
        let mut parts = path.splitn(2, '/');
        let (Some(_dir), Some(MANIFEST)) = (parts.next(), parts.next()) else {
            continue;
        };
        if entry.size() > limits.max_manifest_size {
            return Err(TarballError::ManifestTooLarge {
                size: entry.size(),
                limit: limits.max_manifest_size,
            });
        }
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text)
            .map_err(|_| TarballError::ManifestNotUtf8)?;
        return manifest::parse(&text);
    }
    Err(TarballError::MissingManifest {
        expected: "NAME-VERSION/Cargo.toml".to_owned(),
    })
}

/// The directory every entry must be in, from the claimed name and version.
fn package_dir(name: &str, version: &str) -> Result<String, TarballError> {
    let bad_name = name.is_empty()
        || name == "."
        || name == ".."
        || name
            .chars()
            .any(|c| matches!(c, '/' | '\\' | ':' | '\0') || c.is_control());
    if bad_name || semver::Version::parse(version).is_err() {
        return Err(TarballError::InvalidPackageId {
            name: name.to_owned(),
            version: version.to_owned(),
        });
    }
    Ok(format!("{name}-{version}"))
}

fn check_identity(package: &Package, name: &str, version: &str) -> Result<(), TarballError> {
    if package.name != name {
        return Err(TarballError::NameMismatch {
            claimed: name.to_owned(),
            manifest: package.name.clone(),
        });
    }
    if let Err(e) = semver::Version::parse(&package.version) {
        return Err(TarballError::InvalidVersion {
            version: package.version.clone(),
            reason: e.to_string(),
        });
    }
    // Compared as text: the directory name was built from the claimed text,
    // and cargo writes both from the same `Version::to_string()`.
    if package.version != version {
        return Err(TarballError::VersionMismatch {
            claimed: version.to_owned(),
            manifest: package.version.clone(),
        });
    }
    Ok(())
}

/// A file at the package root whose name starts with "readme", any case.
fn is_root_readme(path: &str) -> bool {
    !path.contains('/')
        && path
            .get(..6)
            .is_some_and(|p| p.eq_ignore_ascii_case("readme"))
}

/// The readme cargo would use, if the package has it.
fn readme_path(setting: Option<&ReadmeSetting>, files: &[FileEntry]) -> Option<String> {
    let exists = |p: &str| files.iter().any(|f| f.path == p);
    match setting {
        Some(ReadmeSetting::Enabled(false)) => None,
        Some(ReadmeSetting::Path(path)) => {
            // Written by hand on any OS: accept `./docs\README.md` as cargo
            // does, but never step outside the package.
            let path = path.replace('\\', "/");
            let mut parts = Vec::new();
            for part in path.split('/') {
                match part {
                    "" | "." => {}
                    ".." => return None,
                    part => parts.push(part),
                }
            }
            let path = parts.join("/");
            exists(&path).then_some(path)
        }
        None | Some(ReadmeSetting::Enabled(true)) => DEFAULT_READMES
            .iter()
            .find(|name| exists(name))
            .map(|name| (*name).to_owned()),
    }
}
