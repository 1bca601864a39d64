//! One streaming pass over the archive: every check that needs only the
//! archive itself, plus capturing the few files the caller asks for.
//!
//! The tar crate is used in *raw* mode: it only splits the stream into
//! checksummed header blocks and their data, and this module interprets GNU
//! long names and pax headers itself. That lets us bound the size of those
//! records before reading them (the tar crate would read them into memory
//! whole), and refuse every construct on which tar readers are known to
//! disagree, instead of silently picking one reading.

use std::collections::HashSet;
use std::io::{self, Read};

use tar::{EntryType, Header, PaxExtensions};

use crate::guard::{Guard, GuardLimits, Meter};
use crate::gzip::GzipReader;
use crate::path::{check_header_name, relative_path};
use crate::{Contents, FileEntry, Limits, TarballError, MANIFEST, TEXT_SNIFF_SIZE};

/// Largest pax header or GNU long-name record we read. Real ones hold one
/// path (a few hundred bytes at most) and a few numbers.
const MAX_METADATA_SIZE: u64 = 64 * 1024;

/// Tar metadata (header blocks, padding, long-name and pax records) allowed
/// per entry on top of `max_unpacked_size` when bounding the decompressed
/// stream. A cargo-made entry needs 0.5–2 KiB.
const METADATA_ALLOWANCE_PER_ENTRY: u64 = 4 * 1024;

/// Slack for the end-of-archive blocks and record padding.
const END_ALLOWANCE: u64 = 1024 * 1024;

const BLOCK: u64 = 512;

/// Inflated bytes buffered between the decoder and the tar parser. The parser
/// reads headers 512 bytes at a time and most files are small; asked for so
/// little, the decoder spends its time on the end of each output (its fast
/// loop needs room for a whole match) and on copying every piece into its
/// window. Reads at least this large bypass the buffer. The guard above it
/// still counts exactly what the parser takes, so a limit is enforced as
/// before, at the cost of at most one buffer inflated ahead.
const INFLATE_BUFFER: usize = 64 * 1024;

/// What one pass found.
pub(crate) struct Scan {
    pub files: Vec<FileEntry>,
    pub unpacked_size: u64,
    /// Contents of `Cargo.toml`, if the archive has one.
    pub manifest: Option<Vec<u8>>,
    /// Bytes of file contents kept so far, against `Limits::max_kept_size`.
    pub kept_size: u64,
}

/// Checks the first bytes before handing anything to the decoder, so that a
/// plain tar or a ZIP gets a message that says so.
pub(crate) fn check_gzip_magic(bytes: &[u8]) -> Result<(), TarballError> {
    if bytes.starts_with(&[0x1f, 0x8b]) {
        return Ok(());
    }
    let found = if bytes.is_empty() {
        "it is empty"
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        "it looks like a ZIP archive"
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        "it looks like a PNG image"
    } else if bytes.get(257..262) == Some(b"ustar") {
        "it looks like an uncompressed tar archive"
    } else if bytes.starts_with(b"BZh") {
        "it looks like bzip2 data"
    } else if bytes.starts_with(b"\xfd7zXZ\0") {
        "it looks like xz data"
    } else if bytes.starts_with(b"\x28\xb5\x2f\xfd") {
        "it looks like zstd data"
    } else {
        "it does not start with the gzip magic bytes 1f 8b"
    };
    Err(TarballError::NotGzip { found })
}

/// Reads the whole archive once.
///
/// Every text file within `Limits::max_kept_file_size` is kept while the
/// `Limits::max_kept_size` budget lasts (see [`Contents`]).
/// `capture(relative_path, size)` says whether to keep a file whatever its
/// contents look like (within the same budget); `Cargo.toml` is always kept
/// (within `max_manifest_size`).
pub(crate) fn scan(
    bytes: &[u8],
    limits: &Limits,
    package_dir: &str,
    capture: &dyn Fn(&str, u64) -> bool,
) -> Result<Scan, TarballError> {
    check_gzip_magic(bytes)?;

    let meter = Meter::default();
    let stream_limit = limits
        .max_unpacked_size
        .saturating_add(
            limits
                .max_entries
                .saturating_mul(METADATA_ALLOWANCE_PER_ENTRY),
        )
        .saturating_add(END_ALLOWANCE);
    let mut guard = Guard::new(
        // It keeps what follows the gzip member, for the check below.
        io::BufReader::with_capacity(INFLATE_BUFFER, GzipReader::new(bytes)),
        meter.clone(),
        GuardLimits {
            stream_limit,
            unpacked_limit: limits.max_unpacked_size,
            ratio_floor: limits.compression_ratio_floor,
            max_ratio: limits.max_compression_ratio,
            compressed_len: bytes.len() as u64,
        },
    );

    let mut walker = Walker {
        limits,
        package_dir,
        capture,
        meter: &meter,
        scan: Scan {
            files: Vec::new(),
            unpacked_size: 0,
            manifest: None,
            kept_size: 0,
        },
        entries: 0,
        seen: HashSet::new(),
        pending: Pending::default(),
    };
    {
        let mut archive = tar::Archive::new(&mut guard);
        let entries = archive
            .entries_with_seek()
            .map_err(|e| walker.io_error(e))?;
        walker.walk(entries.raw(true))?;
    }

    // Everything after the end-of-archive marker must be zero padding, and
    // the gzip stream must end cleanly (that is where its CRC is checked).
    let mut buf = [0u8; 8192];
    loop {
        match guard.read(&mut buf) {
            Ok(0) => break,
            Ok(n) if buf[..n].iter().all(|&b| b == 0) => {}
            Ok(_) => return Err(TarballError::TrailingTarData),
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => return Err(walker.io_error(e)),
        }
    }
    let rest = guard.into_inner().into_inner().rest();
    if !rest.is_empty() {
        return Err(TarballError::TrailingGzipData { extra: rest.len() });
    }
    Ok(walker.scan)
}

/// Metadata records waiting for the entry they describe.
#[derive(Default)]
struct Pending {
    long_name: Option<Vec<u8>>,
    pax: Option<Vec<u8>>,
}

impl Pending {
    fn is_empty(&self) -> bool {
        self.long_name.is_none() && self.pax.is_none()
    }
}

/// What a pax header says about the entry after it.
#[derive(Default)]
struct PaxInfo {
    path: Option<Vec<u8>>,
    size: Option<u64>,
}

struct Walker<'a> {
    limits: &'a Limits,
    package_dir: &'a str,
    capture: &'a dyn Fn(&str, u64) -> bool,
    meter: &'a Meter,
    scan: Scan,
    /// Entries counted against `max_entries`.
    entries: u64,
    /// Relative paths of every file and directory so far.
    seen: HashSet<String>,
    pending: Pending,
}

impl Walker<'_> {
    fn walk<R: Read>(&mut self, mut entries: tar::Entries<'_, R>) -> Result<(), TarballError> {
        loop {
            let before = self.meter.produced();
            let mut entry = match entries.next() {
                Some(Ok(entry)) => entry,
                Some(Err(e)) => return Err(self.io_error(e)),
                None => {
                    if !self.pending.is_empty() {
                        return Err(TarballError::DanglingMetadata);
                    }
                    // The tar crate reports both a zero block and a clean
                    // end of data as "no more entries"; only the first is a
                    // complete archive. Every entry was read to its end, so
                    // at most 511 bytes of padding came before the zero block.
                    if self.meter.produced() - before < BLOCK {
                        return Err(TarballError::MissingEndOfArchive);
                    }
                    return Ok(());
                }
            };
            self.entry(&mut entry)?;
        }
    }

    fn entry<R: Read>(&mut self, entry: &mut tar::Entry<'_, R>) -> Result<(), TarballError> {
        let header = entry.header().clone();
        let kind = header.entry_type();
        // Only ustar and GNU headers can carry extension records; in an old
        // v7 header these type bytes mean nothing, and readers disagree.
        let extension_capable = header.as_ustar().is_some() || header.as_gnu().is_some();

        match kind {
            EntryType::GNULongName | EntryType::XHeader if extension_capable => {
                let slot = if kind == EntryType::GNULongName {
                    &self.pending.long_name
                } else {
                    &self.pending.pax
                };
                if slot.is_some() {
                    return Err(TarballError::CorruptTar {
                        reason: "two records of the same kind describe one entry".into(),
                    });
                }
                let mut data = self.read_metadata(entry)?;
                if kind == EntryType::GNULongName {
                    // GNU tar and the tar crate terminate the name with a NUL.
                    if data.last() == Some(&0) {
                        data.pop();
                    }
                    self.pending.long_name = Some(data);
                } else {
                    self.pending.pax = Some(data);
                }
                Ok(())
            }
            EntryType::XGlobalHeader if extension_capable => {
                self.count_entry()?;
                if !self.pending.is_empty() {
                    return Err(TarballError::CorruptTar {
                        reason: "a pax global header follows a record that describes a file".into(),
                    });
                }
                let data = self.read_metadata(entry)?;
                // Global headers are allowed (`git archive` writes one with a
                // comment), but the tar crate ignores them while POSIX
                // readers apply them to every later entry, so they must not
                // say anything that changes where or how big entries are.
                for record in PaxExtensions::new(&data) {
                    let record = record.map_err(|e| TarballError::MalformedPaxHeader {
                        path: "(global header)".into(),
                        reason: e.to_string(),
                    })?;
                    let key = String::from_utf8_lossy(record.key_bytes());
                    if matches!(&*key, "path" | "linkpath" | "size") || is_sparse_key(&key) {
                        return Err(TarballError::DisallowedPaxKey {
                            path: "(every entry, via a global header)".into(),
                            key: key.into_owned(),
                        });
                    }
                }
                Ok(())
            }
            _ => self.member(entry, &header),
        }
    }

    /// A file, a directory, or something we refuse.
    fn member<R: Read>(
        &mut self,
        entry: &mut tar::Entry<'_, R>,
        header: &Header,
    ) -> Result<(), TarballError> {
        self.count_entry()?;
        let pending = std::mem::take(&mut self.pending);
        let header_path = header.path_bytes();
        let pax = match &pending.pax {
            Some(data) => parse_pax(data, &header_path)?,
            None => PaxInfo::default(),
        };
        // The tar crate, and so cargo when it unpacks, prefers a GNU long
        // name over a pax path over the header's own name.
        let path: Vec<u8> = match (&pending.long_name, &pax.path) {
            (Some(long), Some(pax_path)) if long != pax_path => {
                return Err(TarballError::PathMismatch {
                    path: lossy(long),
                    other: lossy(pax_path),
                });
            }
            (Some(long), _) => long.clone(),
            (None, Some(pax_path)) => pax_path.clone(),
            (None, None) => header_path.to_vec(),
        };

        let kind = header.entry_type();
        let is_dir = match kind {
            EntryType::Regular => false,
            EntryType::Directory => true,
            other => {
                return Err(TarballError::UnsupportedEntryType {
                    path: lossy(&path),
                    kind: describe_type(other),
                });
            }
        };

        check_header_name(&path, &header_path)?;
        let rel = relative_path(&path, self.package_dir, is_dir)?;
        let display = || lossy(&path);

        let header_size = header.entry_size().map_err(|e| TarballError::CorruptTar {
            reason: format!("bad size field for {:?}: {e}", display()),
        })?;
        if let Some(pax_size) = pax.size {
            if pax_size != header_size {
                return Err(TarballError::PaxSizeMismatch {
                    path: display(),
                    header_size,
                    pax_size,
                });
            }
        }

        if rel.eq_ignore_ascii_case(MANIFEST) {
            if rel != MANIFEST {
                return Err(TarballError::ManifestCaseVariant { path: display() });
            }
            if is_dir {
                return Err(TarballError::InvalidPath {
                    path: display(),
                    reason: "the package's Cargo.toml must be a regular file, not a directory",
                });
            }
            if self.scan.manifest.is_some() {
                return Err(TarballError::DuplicateManifest { path: display() });
            }
        }
        if !self.seen.insert(rel.clone()) {
            return Err(TarballError::DuplicateEntry { path: display() });
        }

        if is_dir {
            if header_size != 0 {
                return Err(TarballError::DirectoryWithData {
                    path: display(),
                    size: header_size,
                });
            }
            return Ok(());
        }

        let is_manifest = rel == MANIFEST;
        if is_manifest && header_size > self.limits.max_manifest_size {
            return Err(TarballError::ManifestTooLarge {
                size: header_size,
                limit: self.limits.max_manifest_size,
            });
        }
        // Refuse on the declared size before inflating anything; the bytes
        // actually read are counted again below.
        if self.scan.unpacked_size.saturating_add(header_size) > self.limits.max_unpacked_size {
            return Err(TarballError::UnpackedSizeExceeded {
                limit: self.limits.max_unpacked_size,
            });
        }
        // Preallocate, but not on the word of a header alone beyond 1 MiB.
        let capacity = usize::try_from(header_size.min(1 << 20)).unwrap_or(0);
        let within_budget = header_size <= self.limits.max_kept_file_size
            && self.scan.kept_size.saturating_add(header_size) <= self.limits.max_kept_size;
        let mut keep = if is_manifest || (within_budget && (self.capture)(&rel, header_size)) {
            Keep::Yes(Vec::with_capacity(capacity))
        } else if within_budget && crate::is_scanned_kind(&rel) {
            Keep::IfText(Vec::with_capacity(capacity))
        } else if within_budget {
            Keep::No(Contents::NotScanned)
        } else {
            Keep::No(Contents::TooLarge)
        };

        let mut image = PngEnd::default();
        let (actual, head) = match &mut keep {
            // Straight into the kept buffer, without a staging copy. The tar layer stops at the
            // entry's size, which was checked against the limit above.
            Keep::Yes(data) | Keep::IfText(data) => {
                entry.read_to_end(data).map_err(|e| self.io_error(e))?;
                let head = data[..data.len().min(crate::head_size(data))].to_vec();
                image.feed(data);
                (data.len() as u64, head)
            }
            Keep::No(_) => {
                let mut buf = [0u8; 16 * 1024];
                let mut actual = 0u64;
                let mut head = Vec::new();
                loop {
                    let n = match entry.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => n,
                        Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                        Err(e) => return Err(self.io_error(e)),
                    };
                    // Decided by the file's first bytes, which the first read brings.
                    let limit = crate::head_size(if head.is_empty() { &buf[..n] } else { &head });
                    actual += n as u64;
                    if head.len() < limit {
                        let take = (limit - head.len()).min(n);
                        head.extend_from_slice(&buf[..take]);
                    }
                    image.feed(&buf[..n]);
                }
                (actual, head)
            }
        };
        let after_image = image.end().map_or(0, |end| actual.saturating_sub(end));
        self.scan.unpacked_size += actual;
        if self.scan.unpacked_size > self.limits.max_unpacked_size {
            return Err(TarballError::UnpackedSizeExceeded {
                limit: self.limits.max_unpacked_size,
            });
        }
        if actual != header_size {
            return Err(TarballError::EntryTruncated {
                path: display(),
                expected: header_size,
                actual,
            });
        }

        let contents = keep.finish();
        if let Contents::Kept(data) = &contents {
            self.scan.kept_size += data.len() as u64;
            if is_manifest {
                self.scan.manifest = Some(data.clone());
            }
        }
        self.scan.files.push(FileEntry {
            path: rel,
            size: actual,
            head,
            contents,
            after_image,
        });
        Ok(())
    }

    fn count_entry(&mut self) -> Result<(), TarballError> {
        self.entries += 1;
        if self.entries > self.limits.max_entries {
            return Err(TarballError::TooManyEntries {
                limit: self.limits.max_entries,
            });
        }
        Ok(())
    }

    /// Reads a pax header or long-name record, refusing oversized ones
    /// before reading them.
    fn read_metadata<R: Read>(
        &mut self,
        entry: &mut tar::Entry<'_, R>,
    ) -> Result<Vec<u8>, TarballError> {
        let size = entry.size();
        if size > MAX_METADATA_SIZE {
            return Err(TarballError::MetadataTooLarge {
                size,
                limit: MAX_METADATA_SIZE,
            });
        }
        let mut data = Vec::with_capacity(size as usize);
        entry.read_to_end(&mut data).map_err(|e| self.io_error(e))?;
        if data.len() as u64 != size {
            return Err(TarballError::Truncated {
                reason: "tar stream ends inside a metadata record".into(),
            });
        }
        Ok(data)
    }

    /// Maps an I/O error from the tar layer to the user-facing error,
    /// preferring what the guard recorded (limit hit, gzip failure).
    fn io_error(&self, e: io::Error) -> TarballError {
        if let Some(fault) = self.meter.take_fault() {
            return fault;
        }
        let reason = e.to_string();
        // The tar crate's words for running out of data mid-archive.
        if e.kind() == io::ErrorKind::UnexpectedEof
            || reason.contains("failed to read entire block")
            || reason.contains("unexpected EOF")
        {
            TarballError::Truncated {
                reason: format!("tar stream: {reason}"),
            }
        } else {
            TarballError::CorruptTar { reason }
        }
    }
}

/// Whether a file's contents are kept: decided from its path and size before it is read, and
/// for text kinds from its first bytes once it has been read.
enum Keep {
    /// Kept whatever they look like.
    Yes(Vec<u8>),
    /// Kept if the first [`TEXT_SNIFF_SIZE`] bytes hold no NUL byte, the
    /// usual test for text (binary formats are full of zeros).
    IfText(Vec<u8>),
    /// Dropped, for this reason.
    No(Contents),
}

impl Keep {
    fn finish(self) -> Contents {
        match self {
            Keep::Yes(data) => Contents::Kept(data),
            Keep::IfText(data) => {
                if data[..data.len().min(TEXT_SNIFF_SIZE)].contains(&0) {
                    Contents::Binary
                } else {
                    Contents::Kept(data)
                }
            }
            Keep::No(why) => why,
        }
    }
}

/// Parses a pax extended header, refusing duplicate keys (readers disagree
/// on whether the first or the last wins) and sparse-file keys (which change
/// what the data means).
fn parse_pax(data: &[u8], header_path: &[u8]) -> Result<PaxInfo, TarballError> {
    let malformed = |reason: String| TarballError::MalformedPaxHeader {
        path: lossy(header_path),
        reason,
    };
    let mut info = PaxInfo::default();
    let mut keys = HashSet::new();
    for record in PaxExtensions::new(data) {
        let record = record.map_err(|e| malformed(e.to_string()))?;
        let key = record
            .key()
            .map_err(|_| malformed("a key is not UTF-8".into()))?;
        if !keys.insert(key) {
            return Err(malformed(format!("the key {key:?} appears twice")));
        }
        if is_sparse_key(key) {
            return Err(TarballError::DisallowedPaxKey {
                path: lossy(header_path),
                key: key.to_owned(),
            });
        }
        match key {
            "path" => info.path = Some(record.value_bytes().to_vec()),
            "size" => {
                let value = record.value().ok().and_then(|v| v.parse().ok());
                info.size = Some(value.ok_or_else(|| malformed("size is not a number".into()))?);
            }
            _ => {}
        }
    }
    Ok(info)
}

fn is_sparse_key(key: &str) -> bool {
    key.starts_with("GNU.sparse.")
}

fn describe_type(kind: EntryType) -> String {
    match kind {
        EntryType::Symlink => "symbolic link".into(),
        EntryType::Link => "hard link".into(),
        EntryType::Char => "character device".into(),
        EntryType::Block => "block device".into(),
        EntryType::Fifo => "FIFO (named pipe)".into(),
        EntryType::Continuous => "contiguous file".into(),
        EntryType::GNUSparse => "GNU sparse file".into(),
        EntryType::GNULongLink => "GNU long link-name record (used only by links)".into(),
        EntryType::GNULongName | EntryType::XHeader | EntryType::XGlobalHeader => {
            "tar extension record in a pre-POSIX (v7) header".into()
        }
        other => format!(
            "tar entry of unknown type {:?}",
            char::from(other.as_byte())
        ),
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Follows a PNG's chunks as its bytes stream past, to find where the image ends: after the
/// `IEND` chunk and its CRC. Files that do not start with PNG's signature are let go at once.
/// (The `png` crate decodes images; nothing here needs more than the chunk lengths.)
#[derive(Default)]
pub(crate) struct PngEnd {
    /// Bytes seen so far.
    seen: u64,
    /// Where the next chunk's header starts; `None` before the signature is checked.
    next: Option<u64>,
    /// The next chunk's header (length and type) as far as it has arrived.
    header: Vec<u8>,
    /// The end of the `IEND` chunk, once seen.
    end: Option<u64>,
    /// Not a PNG, or already ended: nothing more to follow.
    done: bool,
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

impl PngEnd {
    pub(crate) fn feed(&mut self, bytes: &[u8]) {
        if self.done || bytes.is_empty() {
            return;
        }
        let start = self.seen;
        self.seen += bytes.len() as u64;
        if self.next.is_none() {
            // The signature, however the reads split it.
            let have = start as usize;
            let take = (PNG_SIGNATURE.len() - have).min(bytes.len());
            if bytes[..take] != PNG_SIGNATURE[have..have + take] {
                self.done = true;
                return;
            }
            if have + take < PNG_SIGNATURE.len() {
                return;
            }
            self.next = Some(PNG_SIGNATURE.len() as u64);
        }
        while let Some(next) = self.next {
            let wanted = next + self.header.len() as u64;
            if wanted >= self.seen {
                return;
            }
            let offset = (wanted - start) as usize;
            let take = (8 - self.header.len()).min(bytes.len() - offset);
            self.header.extend_from_slice(&bytes[offset..offset + take]);
            if self.header.len() < 8 {
                return;
            }
            let length = u32::from_be_bytes([
                self.header[0],
                self.header[1],
                self.header[2],
                self.header[3],
            ]);
            // Length, type, data and CRC.
            let chunk_end = next + 12 + u64::from(length);
            if &self.header[4..8] == b"IEND" {
                self.end = Some(chunk_end);
                self.done = true;
                self.next = None;
            } else {
                self.next = Some(chunk_end);
            }
            self.header.clear();
        }
    }

    /// Where the image ended, if it did.
    pub(crate) fn end(&self) -> Option<u64> {
        self.end
    }
}
