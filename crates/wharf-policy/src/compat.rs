//! "Functionally compatible with cargo": an upload must be a Rust package, not a picture, a film or
//! a document wrapped in a `.crate` file.
//!
//! The test is deliberately narrow, so that it never refuses a real crate: the package must have at
//! least one Rust target (lib, bin, example, test or bench) whose source file is in the package,
//! found the way cargo finds targets. When it has none, the upload is refused, and if most of its
//! bytes are media (recognised by their magic bytes, never by file name alone) the message says what
//! the upload really is.
//!
//! Size alone decides nothing: real crates ship images, fonts, test fixtures, and even prebuilt
//! libraries (`windows_x86_64_msvc` is mostly import libraries). A package made mostly of
//! executables gets an informational ([`Verdict::Allow`]) finding and nothing more.

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use wharf_tarball::{FileEntry, Tarball, Target};

use crate::verdict::{Finding, Verdict};

/// The rule refusing uploads with no Rust target.
pub const RULE_NOT_A_CRATE: &str = "not-a-crate";
/// The informational rule about packages made mostly of executables.
pub const RULE_LARGE_BINARY_PAYLOAD: &str = "large-binary-payload";

/// What a file's first bytes say it is. The string is the format's name, e.g. `"PNG"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum MediaKind {
    Image(&'static str),
    Video(&'static str),
    Audio(&'static str),
    Archive(&'static str),
    Document(&'static str),
    Executable(&'static str),
}

impl MediaKind {
    /// The format's name, e.g. `"PNG"`.
    pub fn format(self) -> &'static str {
        match self {
            MediaKind::Image(f)
            | MediaKind::Video(f)
            | MediaKind::Audio(f)
            | MediaKind::Archive(f)
            | MediaKind::Document(f)
            | MediaKind::Executable(f) => f,
        }
    }

    /// What kind of thing it is: `"image"`, `"video"`, `"audio file"`, `"archive"`,
    /// `"document"` or `"executable"`.
    pub fn noun(self) -> &'static str {
        match self {
            MediaKind::Image(_) => "image",
            MediaKind::Video(_) => "video",
            MediaKind::Audio(_) => "audio file",
            MediaKind::Archive(_) => "archive",
            MediaKind::Document(_) => "document",
            MediaKind::Executable(_) => "executable",
        }
    }

    pub fn is_executable(self) -> bool {
        matches!(self, MediaKind::Executable(_))
    }

    /// "a" or "an", for the [`Display`](fmt::Display) form.
    fn article(self) -> &'static str {
        match self.format() {
            "AVI" | "AVIF" | "ELF" | "EPUB" | "ICO" | "M4A" | "MP3" | "MP4" | "MS Office"
            | "Ogg" | "Office Open XML" | "OpenDocument" | "ar" | "xz" => "an",
            _ => "a",
        }
    }
}

impl fmt::Display for MediaKind {
    /// `"PNG image"`, `"ELF executable"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.format(), self.noun())
    }
}

/// Recognises a file by its first bytes ([`FileEntry::head`]): images, video, audio, archives,
/// documents and executables. `None` for everything else, text included.
///
/// Every signature is specific enough that no text file (and so no Rust source) can match it: the
/// short ones (`BM`, `MZ`, `ID3`, `BZh`) are only accepted with the binary fields that follow them.
/// Tar archives are not recognised (their signature is at offset 257), nor are `ar` archives
/// classed as executables (`.a`/`.lib` import libraries are ordinary in `-sys` crates).
pub fn sniff(head: &[u8]) -> Option<MediaKind> {
    use MediaKind::*;
    let at = |offset: usize, signature: &[u8]| {
        head.get(offset..offset + signature.len()) == Some(signature)
    };
    let u32_le = |offset: usize| {
        head.get(offset..offset + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let u32_be = |offset: usize| {
        head.get(offset..offset + 4)
            .map(|b| u32::from_be_bytes([b[0], b[1], b[2], b[3]]))
    };

    // Images.
    if at(0, b"\x89PNG\r\n\x1a\n") {
        return Some(Image("PNG"));
    }
    if at(0, &[0xFF, 0xD8, 0xFF]) {
        return Some(Image("JPEG"));
    }
    if at(0, b"GIF87a") || at(0, b"GIF89a") {
        return Some(Image("GIF"));
    }
    if at(0, b"RIFF") {
        return match head.get(8..12) {
            Some(b"WEBP") => Some(Image("WebP")),
            Some(b"WAVE") => Some(Audio("WAV")),
            Some(b"AVI ") => Some(Video("AVI")),
            _ => None,
        };
    }
    // "BM", the file size, then four reserved zero bytes.
    if at(0, b"BM") && at(6, &[0, 0, 0, 0]) {
        return Some(Image("BMP"));
    }
    if at(0, b"II*\0") || at(0, b"MM\0*") {
        return Some(Image("TIFF"));
    }
    // Reserved 0, type 1 (icon) or 2 (cursor), then a small image count.
    if (at(0, &[0, 0, 1, 0]) || at(0, &[0, 0, 2, 0]))
        && head
            .get(4..6)
            .is_some_and(|n| (1..=255).contains(&u16::from_le_bytes([n[0], n[1]])))
    {
        return Some(Image("ICO"));
    }
    // ISO base media: a box size, then `ftyp` and the major brand.
    if at(4, b"ftyp") {
        return Some(match head.get(8..12) {
            Some(b"avif" | b"avis") => Image("AVIF"),
            Some(b"heic" | b"heix" | b"heim" | b"heis" | b"hevc" | b"hevx" | b"mif1" | b"msf1") => {
                Image("HEIC")
            }
            Some(b"qt  ") => Video("QuickTime"),
            Some(b"M4A " | b"M4B " | b"M4P ") => Audio("M4A"),
            _ => Video("MP4"),
        });
    }
    // Video.
    if at(0, &[0x1A, 0x45, 0xDF, 0xA3]) {
        let webm = head.windows(4).any(|w| w == b"webm");
        return Some(Video(if webm { "WebM" } else { "Matroska" }));
    }
    // Audio. ID3v2: "ID3", major version 2 to 4, revision 0.
    if at(0, b"ID3") && head.get(3).is_some_and(|v| (2..=4).contains(v)) && at(4, &[0]) {
        return Some(Audio("MP3"));
    }
    // An MPEG-1/2 layer III frame header.
    if head.first() == Some(&0xFF) && matches!(head.get(1), Some(0xFB | 0xFA | 0xF3 | 0xF2)) {
        return Some(Audio("MP3"));
    }
    if at(0, b"OggS\0") {
        return Some(Audio("Ogg"));
    }
    if at(0, b"fLaC") {
        return Some(Audio("FLAC"));
    }
    if at(0, b"MThd\0\0\0\x06") {
        return Some(Audio("MIDI"));
    }
    // Archives, and the documents that are ZIP files.
    if at(0, b"PK\x03\x04") {
        // The first entry's name starts at offset 30.
        return Some(if at(30, b"[Content_Types].xml") {
            Document("Office Open XML")
        } else if at(30, b"mimetypeapplication/epub+zip") {
            Document("EPUB")
        } else if at(30, b"mimetypeapplication/vnd.oasis.opendocument") {
            Document("OpenDocument")
        } else {
            Archive("ZIP")
        });
    }
    if at(0, b"PK\x05\x06") || at(0, b"PK\x07\x08") {
        return Some(Archive("ZIP"));
    }
    if at(0, b"Rar!\x1a\x07") {
        return Some(Archive("RAR"));
    }
    if at(0, &[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C]) {
        return Some(Archive("7z"));
    }
    if at(0, &[0x1F, 0x8B, 0x08]) {
        return Some(Archive("gzip"));
    }
    // "BZh", the block size, then a block or end-of-stream magic.
    if at(0, b"BZh")
        && head.get(3).is_some_and(|b| (b'1'..=b'9').contains(b))
        && (at(4, b"1AY&SY") || at(4, b"\x17rE8P\x90"))
    {
        return Some(Archive("bzip2"));
    }
    if at(0, &[0xFD, b'7', b'z', b'X', b'Z', 0]) {
        return Some(Archive("xz"));
    }
    if at(0, &[0x28, 0xB5, 0x2F, 0xFD]) {
        return Some(Archive("zstd"));
    }
    if at(0, b"MSCF\0\0\0\0") {
        return Some(Archive("CAB"));
    }
    if at(0, b"!<arch>\n") {
        return Some(Archive("ar"));
    }
    // Documents.
    if at(0, b"%PDF-") {
        return Some(Document("PDF"));
    }
    if at(0, &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return Some(Document("MS Office"));
    }
    if at(0, b"SQLite format 3\0") {
        return Some(Document("SQLite"));
    }
    // Executables.
    if at(0, b"\x7fELF") {
        return Some(Executable("ELF"));
    }
    // DOS header: "MZ", and at 0x3C the offset of the PE header, just past the 64-byte header.
    if at(0, b"MZ") && u32_le(0x3C).is_some_and(|offset| (0x40..0x1_0000).contains(&offset)) {
        return Some(Executable("PE"));
    }
    if [
        [0xFE, 0xED, 0xFA, 0xCE],
        [0xFE, 0xED, 0xFA, 0xCF],
        [0xCE, 0xFA, 0xED, 0xFE],
        [0xCF, 0xFA, 0xED, 0xFE],
    ]
    .iter()
    .any(|magic| at(0, magic))
    {
        return Some(Executable("Mach-O"));
    }
    // Shared by Mach-O universal binaries (an architecture count next) and Java classes (a
    // class-file version, at least 45, next).
    if at(0, &[0xCA, 0xFE, 0xBA, 0xBE]) {
        return match u32_be(4) {
            Some(1..=44) => Some(Executable("Mach-O")),
            Some(_) => Some(Executable("Java class")),
            None => None,
        };
    }
    if at(0, b"\0asm") {
        return Some(Executable("WebAssembly"));
    }
    None
}

/// Checks that the upload is a Rust package cargo can build.
pub fn check_compat(tarball: &Tarball) -> Vec<Finding> {
    let files: HashMap<&str, &FileEntry> =
        tarball.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let targets = find_targets(tarball, &files);

    let mut findings = Vec::new();
    if targets.found == 0 {
        findings.push(not_a_crate(tarball, &targets.problems));
    } else if let Some(finding) = binary_payload(tarball) {
        findings.push(finding);
    }
    findings
}

// ---------------------------------------------------------------------------------------------
// Targets
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Default)]
struct Targets {
    /// Targets whose source is in the package.
    found: usize,
    /// Why explicitly declared targets did not count, for the message.
    problems: Vec<String>,
}

/// Which targets cargo would build, counted by whether their source file is in the package.
///
/// Explicit targets (`[lib]`, `[[bin]]`, ...) are resolved first: cargo 1.84 and later write every
/// target explicitly with its path, and set `auto* = false`. Only when none of them has a source
/// file are the conventional locations (`src/lib.rs`, `src/main.rs`, `src/bin/*.rs`, ...) looked
/// at, honouring `autolib`/`autobins`/`autoexamples`/`autotests`/`autobenches = false`.
fn find_targets(tarball: &Tarball, files: &HashMap<&str, &FileEntry>) -> Targets {
    let manifest = &tarball.manifest;
    let mut targets = Targets::default();

    let lib_name = manifest
        .lib
        .as_ref()
        .and_then(|lib| lib.name.clone())
        .unwrap_or_else(|| manifest.package.name.replace('-', "_"));
    let explicit: Vec<(&str, &Target, Vec<String>)> = manifest
        .lib
        .iter()
        .map(|lib| {
            let candidates = vec!["src/lib.rs".to_owned(), format!("src/{lib_name}.rs")];
            ("lib", lib, candidates)
        })
        .chain(manifest.bin.iter().map(|bin| {
            let name = bin.name.as_deref().unwrap_or(&manifest.package.name);
            let mut candidates = default_paths("src/bin", name);
            candidates.extend([
                "src/main.rs".to_owned(),
                format!("src/{name}.rs"),
                "src/bin/main.rs".to_owned(),
            ]);
            ("bin", bin, candidates)
        }))
        .chain(explicit_in_dir(&manifest.example, "example", "examples"))
        .chain(explicit_in_dir(&manifest.test, "test", "tests"))
        .chain(explicit_in_dir(&manifest.bench, "bench", "benches"))
        .collect();

    for (kind, target, candidates) in &explicit {
        let name = match (*kind, &target.name) {
            (_, Some(name)) => name.as_str(),
            ("lib", None) => lib_name.as_str(),
            (_, None) => manifest.package.name.as_str(),
        };
        let resolved = match &target.path {
            Some(path) => {
                let normal = normalise(path);
                match normal.as_deref().and_then(|p| files.get(p)) {
                    Some(file) => Ok(*file),
                    None => Err(format!(
                        "Cargo.toml declares the {kind} target `{name}` at `{path}`, but the \
                         package has no such file"
                    )),
                }
            }
            None => candidates
                .iter()
                .find_map(|p| files.get(p.as_str()).copied())
                .ok_or_else(|| {
                    format!(
                        "Cargo.toml declares the {kind} target `{name}` without a path, and none \
                         of {} is in the package",
                        candidates.join(", ")
                    )
                }),
        };
        match resolved {
            Ok(file) => match sniff(&file.head) {
                None => targets.found += 1,
                Some(media) => targets.problems.push(format!(
                    "the {kind} target's source `{}` is {} {media}, not Rust source",
                    file.path,
                    media.article()
                )),
            },
            Err(problem) => targets.problems.push(problem),
        }
    }
    if targets.found > 0 {
        return targets;
    }

    // Conventional locations, for manifests that do not list every target.
    let inferred: Vec<(&str, &FileEntry)> = tarball
        .files
        .iter()
        .filter_map(|file| Some((inferred_kind(&file.path)?, file)))
        .filter(|(_, file)| sniff(&file.head).is_none())
        .collect();
    if inferred.is_empty() {
        return targets;
    }
    let disabled = disabled_autodiscovery(&tarball.manifest_raw);
    targets.found += inferred
        .iter()
        .filter(|(kind, _)| !disabled.iter().any(|d| d == kind))
        .count();
    targets
}

/// What a version offers its users, as crates.io's API reports it: whether it has a library, and
/// the names of its programs.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ProductTargets {
    pub has_lib: bool,
    /// Sorted, without repeats.
    pub bin_names: Vec<String>,
}

/// The library and programs cargo would build from the package: the targets the manifest lists,
/// and those at the conventional locations (`src/lib.rs`, `src/main.rs`, `src/bin/NAME.rs`,
/// `src/bin/NAME/main.rs`) unless `autolib`/`autobins = false` turns their discovery off.
pub fn product_targets(tarball: &Tarball) -> ProductTargets {
    let manifest = &tarball.manifest;
    let disabled = disabled_autodiscovery(&tarball.manifest_raw);
    let discovers = |kind: &str| !disabled.contains(&kind);
    let has_file = |path: &str| tarball.files.iter().any(|f| f.path == path);
    let has_lib = manifest.lib.is_some() || (discovers("lib") && has_file("src/lib.rs"));
    let mut bin_names: Vec<String> = manifest
        .bin
        .iter()
        .map(|bin| {
            bin.name
                .clone()
                .unwrap_or_else(|| manifest.package.name.clone())
        })
        .collect();
    if discovers("bin") {
        for file in &tarball.files {
            if inferred_kind(&file.path) != Some("bin") {
                continue;
            }
            let name = match file.path.strip_prefix("src/bin/") {
                Some(rest) => rest
                    .strip_suffix("/main.rs")
                    .or_else(|| rest.strip_suffix(".rs"))
                    .unwrap_or(rest)
                    .to_string(),
                None => manifest.package.name.clone(),
            };
            bin_names.push(name);
        }
    }
    bin_names.sort();
    bin_names.dedup();
    ProductTargets { has_lib, bin_names }
}

fn explicit_in_dir<'a>(
    list: &'a [Target],
    kind: &'static str,
    dir: &'static str,
) -> impl Iterator<Item = (&'static str, &'a Target, Vec<String>)> + 'a {
    list.iter().map(move |target| {
        let candidates = target
            .name
            .as_deref()
            .map(|name| default_paths(dir, name))
            .unwrap_or_default();
        (kind, target, candidates)
    })
}

/// `{dir}/{name}.rs` and `{dir}/{name}/main.rs`.
fn default_paths(dir: &str, name: &str) -> Vec<String> {
    vec![format!("{dir}/{name}.rs"), format!("{dir}/{name}/main.rs")]
}

/// A manifest path as a package-relative `/`-separated path, as cargo resolves it against the
/// package root; `None` for one that leaves the package.
fn normalise(path: &str) -> Option<String> {
    let path = path.replace('\\', "/");
    if path.starts_with('/') {
        return None;
    }
    let mut parts = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            part => parts.push(part),
        }
    }
    Some(parts.join("/"))
}

/// The target kind cargo infers from a file's location, if any.
fn inferred_kind(path: &str) -> Option<&'static str> {
    match path {
        "src/lib.rs" => return Some("lib"),
        "src/main.rs" => return Some("bin"),
        _ => {}
    }
    for (dir, kind) in [
        ("src/bin/", "bin"),
        ("examples/", "example"),
        ("tests/", "test"),
        ("benches/", "bench"),
    ] {
        if let Some(rest) = path.strip_prefix(dir) {
            let direct = rest.ends_with(".rs") && !rest.contains('/');
            let nested = rest
                .strip_suffix("/main.rs")
                .is_some_and(|d| !d.is_empty() && !d.contains('/'));
            return (direct || nested).then_some(kind);
        }
    }
    None
}

/// The target kinds whose discovery `package.auto* = false` turns off.
fn disabled_autodiscovery(manifest_raw: &str) -> Vec<&'static str> {
    let Ok(table) = toml::from_str::<toml::Table>(manifest_raw) else {
        return Vec::new();
    };
    let Some(package) = ["package", "project"]
        .iter()
        .find_map(|key| table.get(*key).and_then(toml::Value::as_table))
    else {
        return Vec::new();
    };
    [
        ("autolib", "lib"),
        ("autobins", "bin"),
        ("autoexamples", "example"),
        ("autotests", "test"),
        ("autobenches", "bench"),
    ]
    .into_iter()
    .filter(|(key, _)| package.get(*key).and_then(toml::Value::as_bool) == Some(false))
    .map(|(_, kind)| kind)
    .collect()
}

// ---------------------------------------------------------------------------------------------
// Findings
// ---------------------------------------------------------------------------------------------

fn not_a_crate(tarball: &Tarball, problems: &[String]) -> Finding {
    let mut evidence = String::from(
        "this upload is not a Rust crate: it contains no Rust source for any target (lib, bin, \
         example, test or bench)",
    );
    let media: Vec<(&FileEntry, MediaKind)> = tarball
        .files
        .iter()
        .filter_map(|f| Some((f, sniff(&f.head)?)))
        .collect();
    let media_bytes: u64 = media.iter().map(|(f, _)| f.size).sum();
    if media_bytes > 0 && media_bytes.saturating_mul(2) > tarball.unpacked_size {
        evidence.push_str("; its content is ");
        evidence.push_str(&describe_media(&media));
    }
    evidence.push('.');
    for problem in problems.iter().take(3) {
        evidence.push(' ');
        evidence.push_str(&capitalise(problem));
        evidence.push('.');
    }
    if problems.len() > 3 {
        evidence.push_str(&format!(
            " ({} more targets like that.)",
            problems.len() - 3
        ));
    }
    evidence.push_str(
        " A crate needs a library (`src/lib.rs`, or `[lib] path`) or a program (`src/main.rs`, \
         `src/bin/*.rs`, or `[[bin]] path`) whose source is in the package; this registry only \
         hosts packages cargo can build. Check `include`/`exclude` in Cargo.toml and that \
         `cargo package --list` shows your sources.",
    );
    Finding {
        rule: RULE_NOT_A_CRATE.to_owned(),
        severity: Verdict::Reject,
        file: None,
        line: None,
        evidence,
    }
}

/// "a PNG image (logo.png, 2.1 MB)", or for several files
/// "12 JPEG images (34.0 MB; the largest is photos/a.jpg) and a PDF document (doc.pdf, 1.2 MB)".
fn describe_media(media: &[(&FileEntry, MediaKind)]) -> String {
    // Per kind: how many, bytes in all, the largest.
    let mut groups: BTreeMap<MediaKind, (usize, u64, &FileEntry)> = BTreeMap::new();
    for &(file, kind) in media {
        let group = groups.entry(kind).or_insert((0, 0, file));
        group.0 += 1;
        group.1 += file.size;
        if file.size > group.2.size {
            group.2 = file;
        }
    }
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by(|a, b| b.1 .1.cmp(&a.1 .1).then(a.0.cmp(&b.0)));

    let mut parts: Vec<String> = groups
        .iter()
        .take(3)
        .map(|(kind, (count, bytes, largest))| {
            if *count == 1 {
                format!(
                    "{} {kind} ({}, {})",
                    kind.article(),
                    largest.path,
                    human_size(*bytes)
                )
            } else {
                format!(
                    "{count} {kind}s ({} in all; the largest is {})",
                    human_size(*bytes),
                    largest.path
                )
            }
        })
        .collect();
    if groups.len() > 3 {
        parts.push("other media".to_owned());
    }
    match parts.len() {
        1 => parts.remove(0),
        _ => {
            let last = parts.pop().unwrap_or_default();
            format!("{} and {last}", parts.join(", "))
        }
    }
}

/// At most an informational finding: more than half of the unpacked bytes are executables.
fn binary_payload(tarball: &Tarball) -> Option<Finding> {
    let mut executables: Vec<(&FileEntry, MediaKind)> = tarball
        .files
        .iter()
        .filter_map(|f| Some((f, sniff(&f.head).filter(|k| k.is_executable())?)))
        .collect();
    let bytes: u64 = executables.iter().map(|(f, _)| f.size).sum();
    if bytes == 0 || bytes.saturating_mul(2) <= tarball.unpacked_size {
        return None;
    }
    executables.sort_by(|a, b| b.0.size.cmp(&a.0.size).then(a.0.path.cmp(&b.0.path)));
    let mut listed: Vec<String> = executables
        .iter()
        .take(5)
        .map(|(f, kind)| format!("{} ({kind}, {})", f.path, human_size(f.size)))
        .collect();
    if executables.len() > 5 {
        listed.push(format!("{} more", executables.len() - 5));
    }
    Some(Finding {
        rule: RULE_LARGE_BINARY_PAYLOAD.to_owned(),
        severity: Verdict::Allow,
        file: executables.first().map(|(f, _)| f.path.clone()),
        line: None,
        evidence: format!(
            "{} of the package's {} are executables: {}. Prebuilt binaries are allowed, but \
             consider building from source or downloading them at build time.",
            human_size(bytes),
            human_size(tarball.unpacked_size),
            listed.join(", ")
        ),
    })
}

/// `2.1 MB`, `512 B` (decimal units).
fn human_size(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KB", "MB", "GB", "TB"];
    if bytes < 1000 {
        return format!("{bytes} B");
    }
    let mut value = bytes as f64 / 1000.0;
    let mut unit = 0;
    while value >= 999.95 && unit + 1 < UNITS.len() {
        value /= 1000.0;
        unit += 1;
    }
    format!("{value:.1} {}", UNITS[unit])
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use std::io::{self, Read};

    use super::*;
    use wharf_tarball::test_support::{manifest_toml, simple_crate, TarballBuilder};
    use wharf_tarball::{process_tarball, Limits};

    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0\0\0\x01\0\x08\x06\0\0\0";
    const ELF: &[u8] = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0";

    /// A file of `size` bytes starting with `magic` (then zeros), streamed into the archive.
    fn big(builder: TarballBuilder, path: &str, magic: &[u8], size: u64) -> TarballBuilder {
        let data = magic.chain(io::repeat(0).take(size - magic.len() as u64));
        builder.file_from_reader(path, size, data)
    }

    fn tarball(build: impl FnOnce(TarballBuilder) -> TarballBuilder) -> Tarball {
        let bytes = build(TarballBuilder::new()).build();
        process_tarball("demo", "0.1.0", &bytes, &Limits::default()).unwrap()
    }

    /// An old-style manifest (cargo before 1.84): no targets listed, discovery left on.
    fn old_manifest(extra: &str) -> String {
        format!(
            "[package]\nname = \"demo\"\nversion = \"0.1.0\"\nauthors = [\"A <a@example.com>\"]\n\
             description = \"demo\"\nlicense = \"MIT\"\n{extra}\n"
        )
    }

    fn rules(findings: &[Finding]) -> Vec<(&str, Verdict)> {
        findings
            .iter()
            .map(|f| (f.rule.as_str(), f.severity))
            .collect()
    }

    fn assert_not_a_crate(findings: &[Finding], says: &[&str]) {
        assert_eq!(rules(findings), [(RULE_NOT_A_CRATE, Verdict::Reject)]);
        for text in says {
            assert!(
                findings[0].evidence.contains(text),
                "{:?} does not say {text:?}",
                findings[0].evidence
            );
        }
    }

    #[test]
    fn a_simple_crate_is_a_crate() {
        let bytes = simple_crate("demo", "0.1.0");
        let t = process_tarball("demo", "0.1.0", &bytes, &Limits::default()).unwrap();
        assert!(check_compat(&t).is_empty());
    }

    #[test]
    fn an_image_with_a_manifest_is_not_a_crate() {
        let t = tarball(|b| {
            let b = b.file("demo-0.1.0/Cargo.toml", manifest_toml("demo", "0.1.0", ""));
            big(b, "demo-0.1.0/logo.png", PNG, 2_100_000)
        });
        assert_not_a_crate(
            &check_compat(&t),
            &[
                "this upload is not a Rust crate: it contains no Rust source for any target \
                 (lib, bin, example, test or bench); its content is a PNG image (logo.png, 2.1 MB).",
                "declares the lib target `demo` at `src/lib.rs`, but the package has no such file",
            ],
        );
    }

    #[test]
    fn several_media_files_are_described_by_kind() {
        let t = tarball(|b| {
            let mut b = b.file("demo-0.1.0/Cargo.toml", old_manifest(""));
            for i in 0..3 {
                b = big(
                    b,
                    &format!("demo-0.1.0/film/part{i}.mp4"),
                    b"\0\0\0\x20ftypisom",
                    3_000_000 + i,
                );
            }
            let b = big(
                b,
                "demo-0.1.0/cover.jpg",
                b"\xff\xd8\xff\xe0\0\x10JFIF",
                500_000,
            );
            b.file("demo-0.1.0/notes.txt", "nothing to see")
        });
        assert_not_a_crate(
            &check_compat(&t),
            &["its content is 3 MP4 videos (9.0 MB in all; the largest is film/part2.mp4) and a JPEG image (cover.jpg, 500.0 KB)."],
        );
    }

    #[test]
    fn text_without_targets_is_not_a_crate_but_not_called_media() {
        let t = tarball(|b| {
            b.file("demo-0.1.0/Cargo.toml", old_manifest(""))
                .file("demo-0.1.0/README.md", "# my novel\n".repeat(1000))
        });
        let findings = check_compat(&t);
        assert_not_a_crate(&findings, &["no Rust source for any target"]);
        assert!(!findings[0].evidence.contains("its content is"));
    }

    #[test]
    fn a_target_path_pointing_at_media_does_not_count() {
        let t = tarball(|b| {
            b.file(
                "demo-0.1.0/Cargo.toml",
                old_manifest("\n[lib]\npath = \"logo.png\""),
            )
            .file("demo-0.1.0/logo.png", PNG)
        });
        assert_not_a_crate(
            &check_compat(&t),
            &["The lib target's source `logo.png` is a PNG image, not Rust source"],
        );
    }

    #[test]
    fn conventional_locations_count_unless_discovery_is_off() {
        for path in [
            "src/lib.rs",
            "src/main.rs",
            "src/bin/tool.rs",
            "src/bin/tool/main.rs",
            "examples/demo.rs",
            "examples/demo/main.rs",
            "tests/integration.rs",
            "benches/speed.rs",
        ] {
            let t = tarball(|b| {
                b.file("demo-0.1.0/Cargo.toml", old_manifest(""))
                    .file(&format!("demo-0.1.0/{path}"), "fn main() {}\n")
            });
            assert!(check_compat(&t).is_empty(), "{path}");
        }
        // Not target locations.
        for path in [
            "src/bin/a/b/main.rs",
            "src/util.rs",
            "examples/data/input.txt",
            "build.rs",
        ] {
            let t = tarball(|b| {
                b.file("demo-0.1.0/Cargo.toml", old_manifest(""))
                    .file(&format!("demo-0.1.0/{path}"), "fn main() {}\n")
            });
            assert_not_a_crate(&check_compat(&t), &[]);
        }
        for (path, key) in [
            ("src/main.rs", "autobins"),
            ("src/lib.rs", "autolib"),
            ("examples/demo.rs", "autoexamples"),
            ("tests/it.rs", "autotests"),
            ("benches/b.rs", "autobenches"),
        ] {
            let t = tarball(|b| {
                b.file(
                    "demo-0.1.0/Cargo.toml",
                    old_manifest(&format!("{key} = false")),
                )
                .file(&format!("demo-0.1.0/{path}"), "fn main() {}\n")
            });
            assert_not_a_crate(&check_compat(&t), &[]);
        }
    }

    #[test]
    fn product_targets_come_from_the_manifest_and_the_conventional_locations() {
        let targets = |manifest_extra: &str, paths: &[&str]| {
            product_targets(&tarball(|mut b| {
                b = b.file("demo-0.1.0/Cargo.toml", old_manifest(manifest_extra));
                for path in paths {
                    b = b.file(&format!("demo-0.1.0/{path}"), "fn main() {}\n");
                }
                b
            }))
        };
        let found = targets(
            "",
            &[
                "src/lib.rs",
                "src/main.rs",
                "src/bin/b.rs",
                "src/bin/a/main.rs",
            ],
        );
        assert_eq!(
            found,
            ProductTargets {
                has_lib: true,
                bin_names: vec!["a".into(), "b".into(), "demo".into()],
            }
        );
        // Not programs: a nested directory, an example.
        let found = targets("", &["src/lib.rs", "src/bin/a/b/main.rs", "examples/x.rs"]);
        assert_eq!(found.bin_names, Vec::<String>::new());
        // Listed targets, as cargo 1.84 and later write them, with discovery off.
        let found = targets(
            "autolib = false\nautobins = false\n[lib]\npath = \"src/lib.rs\"\n\
             [[bin]]\nname = \"tool\"\npath = \"src/main.rs\"",
            &["src/lib.rs", "src/main.rs", "src/bin/other.rs"],
        );
        assert_eq!(
            found,
            ProductTargets {
                has_lib: true,
                bin_names: vec!["tool".into()],
            }
        );
        // A program only.
        let found = targets("autolib = false", &["src/lib.rs", "src/main.rs"]);
        assert_eq!(
            found,
            ProductTargets {
                has_lib: false,
                bin_names: vec!["demo".into()],
            }
        );
    }

    #[test]
    fn explicit_targets_are_resolved_like_cargo() {
        let cases = [
            // cargo ≥ 1.84: explicit paths, discovery off.
            (
                "autobins = false\nautoexamples = false\n[[bin]]\nname = \"tool\"\npath = \"src/main.rs\"",
                "src/main.rs",
            ),
            // Hand-written spellings of a path.
            ("[lib]\npath = \"./src\\\\lib.rs\"", "src/lib.rs"),
            ("[lib]\npath = \"lib/../src/lib.rs\"", "src/lib.rs"),
            // No path: the default locations for the target's name.
            ("autobins = false\n[[bin]]\nname = \"tool\"", "src/bin/tool/main.rs"),
            ("autoexamples = false\n[[example]]\nname = \"ex\"", "examples/ex.rs"),
            ("[lib]\nproc-macro = true", "src/lib.rs"),
            // Edition 2015's legacy library location.
            ("autolib = false\n[lib]\nname = \"demo\"", "src/demo.rs"),
        ];
        for (extra, path) in cases {
            let t = tarball(|b| {
                b.file("demo-0.1.0/Cargo.toml", old_manifest(extra))
                    .file(&format!("demo-0.1.0/{path}"), "pub fn f() {}\n")
            });
            assert!(check_compat(&t).is_empty(), "{extra} / {path}");
        }
        // A declared path that is not in the package does not count, and says so.
        let t = tarball(|b| {
            b.file(
                "demo-0.1.0/Cargo.toml",
                old_manifest("autobins = false\n[[bin]]\nname = \"tool\"\npath = \"src/tool.rs\""),
            )
            .file("demo-0.1.0/src/other.rs", "fn main() {}\n")
        });
        assert_not_a_crate(
            &check_compat(&t),
            &["the bin target `tool` at `src/tool.rs`, but the package has no such file"],
        );
        // Paths leaving the package never resolve.
        let t = tarball(|b| {
            b.file(
                "demo-0.1.0/Cargo.toml",
                old_manifest("autolib = false\n[lib]\npath = \"../src/lib.rs\""),
            )
            .file("demo-0.1.0/src/other.rs", "")
        });
        assert_not_a_crate(&check_compat(&t), &["`../src/lib.rs`"]);
    }

    #[test]
    fn real_crates_with_large_assets_are_left_alone() {
        // A GUI crate with screenshots and fonts, a tiny lib.rs.
        let t = tarball(|b| {
            let b = b
                .file("demo-0.1.0/Cargo.toml", manifest_toml("demo", "0.1.0", ""))
                .file("demo-0.1.0/src/lib.rs", "pub mod widgets;\n");
            let b = big(b, "demo-0.1.0/assets/screenshot.png", PNG, 8_000_000);
            big(
                b,
                "demo-0.1.0/assets/demo.webm",
                b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm",
                5_000_000,
            )
        });
        assert!(check_compat(&t).is_empty());

        // windows_x86_64_msvc-style: import libraries (ar archives) are nearly all the bytes.
        let t = tarball(|b| {
            let b = b
                .file("demo-0.1.0/Cargo.toml", manifest_toml("demo", "0.1.0", ""))
                .file("demo-0.1.0/src/lib.rs", "")
                .file("demo-0.1.0/build.rs", "fn main() {}\n");
            big(
                b,
                "demo-0.1.0/lib/windows.0.52.0.lib",
                b"!<arch>\n/               ",
                11_000_000,
            )
        });
        assert!(check_compat(&t).is_empty());
    }

    #[test]
    fn mostly_executables_is_only_informational() {
        let t = tarball(|b| {
            let b = b
                .file("demo-0.1.0/Cargo.toml", manifest_toml("demo", "0.1.0", ""))
                .file("demo-0.1.0/src/lib.rs", "pub fn run() {}\n");
            let b = big(b, "demo-0.1.0/bin/tool-linux", ELF, 3_000_000);
            big(b, "demo-0.1.0/bin/tool.exe", &pe_head(), 1_000_000)
        });
        let findings = check_compat(&t);
        assert_eq!(
            rules(&findings),
            [(RULE_LARGE_BINARY_PAYLOAD, Verdict::Allow)]
        );
        let evidence = &findings[0].evidence;
        assert!(
            evidence.contains("bin/tool-linux (ELF executable, 3.0 MB)"),
            "{evidence}"
        );
        assert!(
            evidence.contains("bin/tool.exe (PE executable, 1.0 MB)"),
            "{evidence}"
        );

        // Half or less: nothing to say.
        let t = tarball(|b| {
            let b = b
                .file("demo-0.1.0/Cargo.toml", manifest_toml("demo", "0.1.0", ""))
                .file("demo-0.1.0/src/lib.rs", "pub fn run() {}\n");
            let b = big(b, "demo-0.1.0/tests/fixtures/sample.so", ELF, 100_000);
            big(
                b,
                "demo-0.1.0/tests/fixtures/data.bin",
                b"\x01\x02",
                200_000,
            )
        });
        assert!(check_compat(&t).is_empty());
    }

    fn pe_head() -> Vec<u8> {
        let mut head = vec![0u8; 64];
        head[..2].copy_from_slice(b"MZ");
        head[0x3C..0x40].copy_from_slice(&0x80u32.to_le_bytes());
        head
    }

    #[test]
    fn sniff_recognises_the_table() {
        use MediaKind::*;
        let riff = |kind: &[u8]| [b"RIFF\x10\0\0\0", kind].concat();
        let ftyp = |brand: &[u8]| [b"\0\0\0\x18ftyp", brand, b"\0\0\0\0"].concat();
        let zip_entry = |name: &[u8]| [b"PK\x03\x04".as_slice(), &[0; 26], name].concat();
        let cases: Vec<(Vec<u8>, MediaKind)> = vec![
            (PNG.to_vec(), Image("PNG")),
            (b"\xff\xd8\xff\xe1\0\x16Exif".to_vec(), Image("JPEG")),
            (b"GIF89a\x01\0\x01\0".to_vec(), Image("GIF")),
            (riff(b"WEBPVP8 "), Image("WebP")),
            (b"BM\x36\0\x0c\0\0\0\0\0\x36\0\0\0".to_vec(), Image("BMP")),
            (b"II*\0\x08\0\0\0".to_vec(), Image("TIFF")),
            (b"MM\0*\0\0\0\x08".to_vec(), Image("TIFF")),
            (b"\0\0\x01\0\x03\0\x10\x10".to_vec(), Image("ICO")),
            (ftyp(b"heic"), Image("HEIC")),
            (ftyp(b"avif"), Image("AVIF")),
            (ftyp(b"isom"), Video("MP4")),
            (ftyp(b"qt  "), Video("QuickTime")),
            (ftyp(b"M4A "), Audio("M4A")),
            (
                b"\x1a\x45\xdf\xa3\x01\0\0\0\0\0\0\x1f\x42\x86\x81\x01\x42\x82\x88matroska"
                    .to_vec(),
                Video("Matroska"),
            ),
            (
                b"\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01\x42\x82\x84webm".to_vec(),
                Video("WebM"),
            ),
            (riff(b"AVI LIST"), Video("AVI")),
            (b"ID3\x04\0\0\0\0\x0f\x76".to_vec(), Audio("MP3")),
            (b"\xff\xfb\x90\x64\0".to_vec(), Audio("MP3")),
            (riff(b"WAVEfmt "), Audio("WAV")),
            (b"OggS\0\x02\0\0".to_vec(), Audio("Ogg")),
            (b"fLaC\0\0\0\x22".to_vec(), Audio("FLAC")),
            (zip_entry(b"src/main.rs"), Archive("ZIP")),
            (
                zip_entry(b"[Content_Types].xml"),
                Document("Office Open XML"),
            ),
            (zip_entry(b"mimetypeapplication/epub+zip"), Document("EPUB")),
            (b"PK\x05\x06\0\0\0\0".to_vec(), Archive("ZIP")),
            (b"Rar!\x1a\x07\x01\0".to_vec(), Archive("RAR")),
            (b"7z\xbc\xaf\x27\x1c\0\x04".to_vec(), Archive("7z")),
            (b"\x1f\x8b\x08\0\0\0\0\0".to_vec(), Archive("gzip")),
            (b"BZh91AY&SY\x12\x34".to_vec(), Archive("bzip2")),
            (b"\xfd7zXZ\0\0\x04".to_vec(), Archive("xz")),
            (b"\x28\xb5\x2f\xfd\x24\x00".to_vec(), Archive("zstd")),
            (b"!<arch>\n/               ".to_vec(), Archive("ar")),
            (b"%PDF-1.7\n%\xe2\xe3".to_vec(), Document("PDF")),
            (
                b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\0\0".to_vec(),
                Document("MS Office"),
            ),
            (b"SQLite format 3\0\x10\0".to_vec(), Document("SQLite")),
            (ELF.to_vec(), Executable("ELF")),
            (pe_head(), Executable("PE")),
            (
                b"\xcf\xfa\xed\xfe\x07\0\0\x01".to_vec(),
                Executable("Mach-O"),
            ),
            (b"\xfe\xed\xfa\xce\0\0\0\x12".to_vec(), Executable("Mach-O")),
            (b"\xca\xfe\xba\xbe\0\0\0\x02".to_vec(), Executable("Mach-O")),
            (
                b"\xca\xfe\xba\xbe\0\0\0\x41".to_vec(),
                Executable("Java class"),
            ),
            (b"\0asm\x01\0\0\0".to_vec(), Executable("WebAssembly")),
        ];
        for (head, kind) in cases {
            assert_eq!(sniff(&head), Some(kind), "{head:02x?}");
        }
    }

    #[test]
    fn sniff_leaves_text_and_source_alone() {
        for text in [
            &b"//! A crate.\n\npub fn f() {}\n"[..],
            b"#![no_std]\nuse core::fmt;\n",
            b"BMW and Mercedes are car makers, not images.",
            b"MZ-80 was a computer; this line is long enough to reach offset sixty-four.",
            b"ID3 tags are described in this document.",
            b"BZh is how bzip2 streams begin, says this text.",
            b"RIFF is a container format.",
            b"GIF is pronounced with a hard g",
            b"PK is not a zip here",
            b"",
            b"\xef\xbb\xbfUTF-8 with a byte order mark",
            b"\0\0\x01\0\0\0",   // ICO-like, but zero images
            b"\xca\xfe\xba\xbe", // too short to tell
        ] {
            assert_eq!(sniff(text), None, "{:?}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_size(0), "0 B");
        assert_eq!(human_size(999), "999 B");
        assert_eq!(human_size(1000), "1.0 KB");
        assert_eq!(human_size(2_100_000), "2.1 MB");
        assert_eq!(human_size(999_999), "1.0 MB");
        assert_eq!(human_size(5_000_000_000), "5.0 GB");
    }
}
