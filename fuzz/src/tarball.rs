//! `tarball` and `tarball_tar`: the `.crate` reader on arbitrary bytes.
//!
//! Arbitrary bytes rarely get past the gzip header and its CRC, so `tarball_tar` gzips its input
//! first and fuzzes the tar layer and everything after it; `tarball` takes the upload as it is and
//! fuzzes the gzip layer too.

use std::collections::HashSet;

use wharf_tarball::{
    identify, is_scanned_kind, parse_manifest, process_tarball, Contents, Limits, Tarball,
    HEAD_SIZE,
};

/// Limits far below the defaults for everything that only ever refuses (sizes, entries, the
/// compression ratio), and the defaults for what decides which contents are kept, so that an
/// upload read under both must give the same [`Tarball`] or be refused by these.
pub const TIGHT: Limits = Limits {
    max_unpacked_size: 256 * 1024,
    max_entries: 32,
    max_compression_ratio: 8,
    compression_ratio_floor: 4 * 1024,
    max_manifest_size: 8 * 1024,
    max_readme_size: 1024 * 1024,
    max_kept_file_size: 4 * 1024 * 1024,
    max_kept_size: 128 * 1024 * 1024,
};

/// The claim used when the archive names no package: what most seeds are made of.
const FALLBACK_CLAIM: (&str, &str) = ("demo", "0.1.0");

/// Reads `upload` as the registry does, with the name and version its own manifest declares (what
/// the command-line scan does; a publish claims them in its metadata), and checks the answer.
pub fn run(upload: &[u8]) {
    let defaults = Limits::default();
    let identified = identify(upload, &defaults);
    if let Err(e) = &identified {
        assert!(!e.to_string().is_empty());
    }
    let (name, version) = match &identified {
        Ok((name, version)) => (name.as_str(), version.as_str()),
        Err(_) => FALLBACK_CLAIM,
    };

    let read = process_tarball(name, version, upload, &defaults);
    match &read {
        Ok(tarball) => {
            check(tarball, name, version, &defaults);
            // Whatever reads the whole archive finds the manifest that `identify` stops at.
            assert_eq!(
                identified.as_ref().map(|(n, v)| (n.as_str(), v.as_str())),
                Ok((name, version)),
                "identify disagrees with process_tarball"
            );
        }
        Err(e) => assert!(!e.to_string().is_empty()),
    }

    // Tighter limits may only refuse more: never accept what the defaults refuse, or read it
    // differently.
    if let Ok(tight) = process_tarball(name, version, upload, &TIGHT) {
        assert_eq!(
            Ok(&tight),
            read.as_ref(),
            "tight limits read it differently"
        );
    }
}

/// What must hold of every accepted `.crate` file.
pub fn check(tarball: &Tarball, name: &str, version: &str, limits: &Limits) {
    let package = &tarball.manifest.package;
    assert_eq!(package.name, name);
    assert_eq!(package.version, version);
    assert!(semver::Version::parse(version).is_ok());
    assert_eq!(
        parse_manifest(&tarball.manifest_raw).as_ref(),
        Ok(&tarball.manifest),
        "the manifest text does not read as the manifest"
    );

    let mut paths = HashSet::new();
    let mut total = 0u64;
    for file in &tarball.files {
        let path = file.path.as_str();
        assert!(paths.insert(path), "{path:?} listed twice");
        assert!(!path.is_empty() && !path.starts_with('/') && !path.contains('\\'));
        assert!(
            path.split('/').all(|part| !matches!(part, "" | "." | "..")),
            "{path:?} is not a plain relative path"
        );
        assert!(!path.chars().any(|c| c == '\0'), "{path:?} has a NUL");
        total += file.size;

        let head_len = usize::try_from(file.size).map_or(HEAD_SIZE, |size| size.min(HEAD_SIZE));
        assert_eq!(file.head.len(), head_len, "{path:?}: head");
        match &file.contents {
            Contents::Kept(data) => {
                assert_eq!(data.len() as u64, file.size, "{path:?}: kept size");
                assert!(
                    data.starts_with(&file.head),
                    "{path:?}: head is not the start"
                );
                assert!(file.size <= limits.max_kept_file_size || path == "Cargo.toml");
            }
            // Only the kinds the scanner reads are sniffed for text.
            Contents::Binary => assert!(is_scanned_kind(path), "{path:?}: binary"),
            Contents::NotScanned => assert!(!is_scanned_kind(path), "{path:?}: not scanned"),
            Contents::TooLarge => {}
        }
    }
    assert_eq!(tarball.unpacked_size, total, "unpacked size is not the sum");
    assert!(total <= limits.max_unpacked_size);
    assert!(tarball.files.len() as u64 <= limits.max_entries);

    let manifest = tarball
        .files
        .iter()
        .find(|f| f.path == "Cargo.toml")
        .expect("an accepted package lists its Cargo.toml");
    assert_eq!(manifest.bytes(), Some(tarball.manifest_raw.as_bytes()));
    assert_eq!(
        tarball.has_cargo_toml_orig,
        paths.contains("Cargo.toml.orig")
    );

    match (&tarball.readme, &tarball.readme_path) {
        (Some(readme), Some(path)) => {
            let file = tarball.files.iter().find(|f| &f.path == path);
            assert_eq!(
                file.and_then(|f| f.bytes()),
                Some(readme.as_bytes()),
                "the readme is not its file"
            );
            assert!(readme.len() as u64 <= limits.max_readme_size);
        }
        (None, Some(path)) => assert!(paths.contains(path.as_str()), "no readme at {path:?}"),
        (Some(_), None) => panic!("a readme without a path"),
        (None, None) => {}
    }
}
