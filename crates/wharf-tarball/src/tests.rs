//! End-to-end tests of `process_tarball`: one good crate in several shapes,
//! then hostile fixtures, each expected to fail with its specific error.

use std::io::{self, Read};

use crate::test_support::{gzip, manifest_toml, simple_crate, HeaderFormat, TarballBuilder};
use crate::{process_tarball, Contents, Limits, ReadmeSetting, TarballError};

const NAME: &str = "demo";
const VERSION: &str = "0.1.0";
const DIR: &str = "demo-0.1.0";

fn p(rel: &str) -> String {
    format!("{DIR}/{rel}")
}

fn manifest() -> String {
    manifest_toml(NAME, VERSION, "")
}

/// A builder that already holds a valid manifest and lib.rs.
fn base() -> TarballBuilder {
    TarballBuilder::new()
        .file(&p("Cargo.toml"), manifest())
        .file(&p("src/lib.rs"), "")
}

fn process(bytes: &[u8]) -> Result<crate::Tarball, TarballError> {
    process_tarball(NAME, VERSION, bytes, &Limits::default())
}

fn error(bytes: &[u8]) -> TarballError {
    error_with(bytes, &Limits::default())
}

fn error_with(bytes: &[u8], limits: &Limits) -> TarballError {
    let err = process_tarball(NAME, VERSION, bytes, limits).expect_err("must be refused");
    // Every message must render and say something.
    assert!(err.to_string().len() > 20, "{err}");
    err
}

macro_rules! assert_err {
    ($bytes:expr, $pattern:pat) => {{
        let err = error(&$bytes);
        assert!(matches!(err, $pattern), "unexpected error: {err:?}\n{err}");
        err
    }};
    ($bytes:expr, $limits:expr, $pattern:pat) => {{
        let err = error_with(&$bytes, &$limits);
        assert!(matches!(err, $pattern), "unexpected error: {err:?}\n{err}");
        err
    }};
}

// ---------------------------------------------------------------------------
// Good crates
// ---------------------------------------------------------------------------

#[test]
fn simple_crate_parses() {
    let tarball = process(&simple_crate(NAME, VERSION)).unwrap();
    assert_eq!(tarball.manifest.package.name, NAME);
    assert_eq!(tarball.manifest.package.version, VERSION);
    assert_eq!(tarball.manifest.package.edition.as_deref(), Some("2021"));
    assert_eq!(tarball.manifest.package.license.as_deref(), Some("MIT"));
    assert_eq!(
        tarball.manifest.package.readme,
        Some(ReadmeSetting::Path("README.md".into()))
    );
    assert_eq!(
        tarball.manifest.lib.as_ref().unwrap().path.as_deref(),
        Some("src/lib.rs")
    );
    assert!(tarball.manifest_raw.contains("name = \"demo\""));
    let paths: Vec<_> = tarball.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["Cargo.toml", "README.md", "src/lib.rs"]);
    assert_eq!(tarball.files[1].size, "# demo\n".len() as u64);
    assert_eq!(
        tarball.unpacked_size,
        tarball.files.iter().map(|f| f.size).sum::<u64>()
    );
    assert_eq!(tarball.readme.as_deref(), Some("# demo\n"));
    assert_eq!(tarball.readme_path.as_deref(), Some("README.md"));
    assert!(!tarball.has_cargo_toml_orig);
}

/// Exactly what cargo does: the tar crate's own builder with GNU headers,
/// including a GNU long name for a long path.
#[test]
fn tar_crate_builder_output_parses() {
    let long = p(&format!("{}file.rs", "nested/".repeat(20)));
    let encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    let mut builder = tar::Builder::new(encoder);
    for (path, data) in [
        (p("Cargo.toml.orig"), b"[package]\n".to_vec()),
        (p("Cargo.toml"), manifest().into_bytes()),
        (p("src/lib.rs"), b"//! lib\n".to_vec()),
        (long.clone(), b"fn main() {}\n".to_vec()),
        (p("README"), b"plain readme".to_vec()),
    ] {
        let mut header = tar::Header::new_gnu();
        header.set_size(data.len() as u64);
        header.set_mode(0o644);
        header.set_cksum();
        builder.append_data(&mut header, &path, &data[..]).unwrap();
    }
    let bytes = builder.into_inner().unwrap().finish().unwrap();

    let tarball = process(&bytes).unwrap();
    assert!(tarball.has_cargo_toml_orig);
    assert!(tarball
        .files
        .iter()
        .any(|f| f.path == long.strip_prefix("demo-0.1.0/").unwrap()));
    // No `readme` key: cargo's default lookup finds `README`.
    assert_eq!(tarball.readme.as_deref(), Some("plain readme"));
    assert_eq!(tarball.readme_path.as_deref(), Some("README"));
}

#[test]
fn directories_long_names_and_harmless_pax_headers_are_accepted() {
    let long = p(&format!("src/{}.rs", "x".repeat(150)));
    let bytes = TarballBuilder::new()
        .pax_global(&[("comment", b"0123456789abcdef")])
        .dir(&format!("{DIR}/"))
        .dir(&p("src/"))
        .file(&p("Cargo.toml"), manifest())
        .pax(&[
            ("mtime", b"1.5"),
            ("path", p("src/lib.rs").as_bytes()),
            ("size", b"3"),
        ])
        .file(&p("src/lib.rs"), "//!")
        .file(&long, "")
        .build();
    let tarball = process(&bytes).unwrap();
    let paths: Vec<_> = tarball.files.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(paths, ["Cargo.toml", "src/lib.rs", &long[DIR.len() + 1..]]);
}

#[test]
fn old_style_regular_entries_are_accepted() {
    let m = manifest();
    let bytes = TarballBuilder::new()
        .raw_entry(
            HeaderFormat::Old,
            p("Cargo.toml").as_bytes(),
            b'\0',
            m.len() as u64,
            m.as_bytes(),
        )
        .build();
    process(&bytes).unwrap();
}

#[test]
fn readme_setting_is_followed() {
    // A custom readme that comes before the manifest: kept as text on the
    // one pass, since the manifest is not known yet when it streams past.
    let bytes = TarballBuilder::new()
        .file(&p("ABOUT.md"), "about")
        .file(&p("README.md"), "default")
        .file(
            &p("Cargo.toml"),
            manifest_toml(NAME, VERSION, "readme = \"./ABOUT.md\""),
        )
        .build();
    let tarball = process(&bytes).unwrap();
    assert_eq!(tarball.readme.as_deref(), Some("about"));
    assert_eq!(tarball.readme_path.as_deref(), Some("ABOUT.md"));

    // `readme = false` turns the default lookup off.
    let bytes = TarballBuilder::new()
        .file(&p("README.md"), "default")
        .file(
            &p("Cargo.toml"),
            manifest_toml(NAME, VERSION, "readme = false"),
        )
        .build();
    let tarball = process(&bytes).unwrap();
    assert_eq!((tarball.readme, tarball.readme_path), (None, None));

    // Unset: cargo's order, README.md before README.
    let bytes = base()
        .file(&p("README"), "plain")
        .file(&p("README.md"), "markdown")
        .build();
    assert_eq!(process(&bytes).unwrap().readme.as_deref(), Some("markdown"));

    // Pointing outside the package, or at nothing: no readme.
    let bytes = TarballBuilder::new()
        .file(
            &p("Cargo.toml"),
            manifest_toml(NAME, VERSION, "readme = \"../README.md\""),
        )
        .file(&p("README.md"), "x")
        .build();
    assert_eq!(process(&bytes).unwrap().readme, None);
}

#[test]
fn oversized_or_binary_readme_is_left_out() {
    let limits = Limits {
        max_readme_size: 10,
        ..Limits::default()
    };
    let bytes = base().file(&p("README.md"), "x".repeat(11)).build();
    let tarball = process_tarball(NAME, VERSION, &bytes, &limits).unwrap();
    assert_eq!(tarball.readme, None);
    assert_eq!(tarball.readme_path.as_deref(), Some("README.md"));

    let bytes = base().file(&p("README.md"), b"\xff\xfe").build();
    assert_eq!(process(&bytes).unwrap().readme, None);
}

/// Below the ratio floor, extreme compressibility is fine.
#[test]
fn small_compressible_crate_passes_the_ratio_check() {
    let bytes = base()
        .file_from_reader(&p("zeros.bin"), 8 << 20, io::repeat(0).take(8 << 20))
        .build();
    assert!((8 << 20) / bytes.len() > 200);
    assert_eq!(process(&bytes).unwrap().files[2].size, 8 << 20);
}

/// Each file keeps its first `HEAD_SIZE` bytes (`COMPRESSED_HEAD_SIZE` of a
/// gzip stream, or all of a smaller file), also when they arrive across
/// several reads.
#[test]
fn files_keep_their_first_bytes() {
    let big: Vec<u8> = (0..=255u8).cycle().take(100_000).collect();
    let mut packed = vec![0x1f, 0x8b];
    packed.extend_from_slice(&big);
    let bytes = base()
        .file(&p("logo.png"), b"\x89PNG\r\n\x1a\n rest")
        .file(&p("big.bin"), &big)
        .file(&p("data.dat"), &packed)
        .file(&p("empty"), b"")
        .build();
    let tarball = process(&bytes).unwrap();
    let head = |path: &str| {
        tarball
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap()
            .head
            .clone()
    };
    assert_eq!(head("logo.png"), b"\x89PNG\r\n\x1a\n rest");
    assert_eq!(head("big.bin"), &big[..crate::HEAD_SIZE]);
    // A gzip stream keeps more: enough to unpack the start of what it holds.
    assert_eq!(head("data.dat"), &packed[..crate::COMPRESSED_HEAD_SIZE]);
    assert_eq!(head("empty"), b"");
    assert!(head("Cargo.toml").starts_with(b"# THIS FILE"));
}

/// Text files are kept whole for the content scanner, within the per-file
/// and total limits; binary files keep only their head.
#[test]
fn text_contents_are_kept_within_limits() {
    let limits = Limits {
        max_kept_file_size: 3000,
        max_kept_size: 6000,
        ..Limits::default()
    };
    let mut late_binary = vec![b'a'; 2000];
    late_binary[1500] = 0; // past the sniffed prefix: still text
    let bytes = base()
        .file(&p("build.rs"), "fn main() {}\n")
        .file(&p("logo.png"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        .file(&p("logo.rs"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR")
        .file(&p("late.rs"), &late_binary)
        .file(&p("data.c"), "int x;\n")
        .file(&p("big.rs"), "x".repeat(3001))
        .file(&p("a.rs"), "a".repeat(2500))
        .file(&p("b.rs"), "b".repeat(2500))
        .build();
    let tarball = process_tarball(NAME, VERSION, &bytes, &limits).unwrap();
    let contents = |path: &str| {
        tarball
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap()
            .contents
            .clone()
    };
    assert_eq!(
        contents("build.rs"),
        Contents::Kept(b"fn main() {}\n".to_vec())
    );
    assert_eq!(contents("logo.png"), Contents::NotScanned);
    assert_eq!(contents("logo.rs"), Contents::Binary);
    assert_eq!(contents("late.rs"), Contents::Kept(late_binary));
    assert_eq!(contents("data.c"), Contents::NotScanned);
    assert_eq!(contents("big.rs"), Contents::TooLarge);
    // The manifest, build.rs, late.rs and a.rs use up the budget.
    assert!(contents("a.rs").bytes().is_some());
    assert_eq!(contents("b.rs"), Contents::TooLarge);
    assert!(contents("Cargo.toml")
        .bytes()
        .unwrap()
        .starts_with(b"# THIS"));
}

/// The manifest inside the archive names the package, whatever the file is called.
#[test]
fn identify_reads_the_manifest() {
    let bytes = base().build();
    assert_eq!(
        crate::identify(&bytes, &Limits::default()).unwrap(),
        (NAME.to_owned(), VERSION.to_owned())
    );
    assert!(crate::identify(b"PK\x03\x04", &Limits::default()).is_err());
    let no_manifest = TarballBuilder::new().file(&p("src/lib.rs"), "").build();
    assert!(crate::identify(&no_manifest, &Limits::default()).is_err());
}

/// A binary file whose NUL byte arrives in a later read is still recognised.
#[test]
fn binary_detection_spans_reads() {
    let mut data = vec![b'x'; 100_000];
    data[crate::TEXT_SNIFF_SIZE - 1] = 0;
    let bytes = base().file(&p("data.rs"), &data).build();
    let tarball = process(&bytes).unwrap();
    assert_eq!(tarball.files[2].contents, Contents::Binary);
    assert_eq!(tarball.files[2].head, data[..crate::HEAD_SIZE]);
}

// ---------------------------------------------------------------------------
// Not a gzip stream, or a broken one
// ---------------------------------------------------------------------------

#[test]
fn rejects_plain_tar() {
    let bytes = TarballBuilder::uncompressed()
        .file(&p("Cargo.toml"), manifest())
        .build();
    let err = assert_err!(bytes, TarballError::NotGzip { .. });
    assert!(err.to_string().contains("uncompressed tar"), "{err}");
}

#[test]
fn rejects_zip() {
    assert_err!(
        *b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        TarballError::NotGzip {
            found: "it looks like a ZIP archive"
        }
    );
}

#[test]
fn rejects_png() {
    assert_err!(
        *b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR",
        TarballError::NotGzip {
            found: "it looks like a PNG image"
        }
    );
}

#[test]
fn rejects_empty_and_garbage() {
    assert_err!(Vec::<u8>::new(), TarballError::NotGzip { .. });
    assert_err!(*b"\x1f", TarballError::NotGzip { .. });
    assert_err!(
        *b"\x1f\x8b\x08garbage",
        TarballError::Truncated { .. } | TarballError::CorruptGzip { .. }
    );
}

#[test]
fn rejects_truncated_gzip() {
    let bytes = simple_crate(NAME, VERSION);
    for cut in [bytes.len() - 1, bytes.len() - 8, bytes.len() / 2, 10] {
        assert_err!(bytes[..cut], TarballError::Truncated { .. });
    }
}

#[test]
fn rejects_bad_gzip_checksum() {
    let mut bytes = simple_crate(NAME, VERSION);
    let crc = bytes.len() - 8;
    bytes[crc] ^= 0x01;
    assert_err!(bytes, TarballError::CorruptGzip { .. });
}

#[test]
fn rejects_data_after_gzip_stream() {
    let mut bytes = simple_crate(NAME, VERSION);
    bytes.extend_from_slice(&simple_crate("other", "1.0.0"));
    assert_err!(bytes, TarballError::TrailingGzipData { .. });
}

// ---------------------------------------------------------------------------
// Broken tar structure
// ---------------------------------------------------------------------------

fn plain_tar() -> Vec<u8> {
    TarballBuilder::uncompressed()
        .file(&p("Cargo.toml"), manifest())
        .file(&p("src/lib.rs"), "x".repeat(2000))
        .build()
}

#[test]
fn rejects_tar_truncated_inside_data() {
    let tar = plain_tar();
    // Header of src/lib.rs is at 1024 (the manifest fits one block); cut
    // halfway through its data.
    let err = assert_err!(
        gzip(&tar[..1536 + 1000]),
        TarballError::EntryTruncated { .. }
    );
    assert_eq!(
        err,
        TarballError::EntryTruncated {
            path: p("src/lib.rs"),
            expected: 2000,
            actual: 1000
        }
    );
}

#[test]
fn rejects_tar_truncated_inside_header() {
    let tar = plain_tar();
    assert_err!(gzip(&tar[..1024 + 100]), TarballError::Truncated { .. });
}

#[test]
fn rejects_tar_without_end_marker() {
    let bytes = base().without_end_marker().build();
    assert_err!(bytes, TarballError::MissingEndOfArchive);
}

#[test]
fn rejects_data_hidden_after_end_marker() {
    let bytes = base()
        .raw_bytes(&[0; 1024])
        .raw_bytes(b"hidden payload")
        .build();
    assert_err!(bytes, TarballError::TrailingTarData);
}

#[test]
fn rejects_bad_header_checksum() {
    let mut tar = plain_tar();
    tar[1024 + 10] ^= 0x20; // a name byte of the second header
    assert_err!(gzip(&tar), TarballError::CorruptTar { .. });
}

#[test]
fn rejects_dangling_long_name() {
    let bytes = base().gnu_long_name(p("src/never.rs").as_bytes()).build();
    assert_err!(bytes, TarballError::DanglingMetadata);
}

#[test]
fn rejects_two_long_names_for_one_entry() {
    let bytes = base()
        .gnu_long_name(p("src/a.rs").as_bytes())
        .gnu_long_name(p("src/b.rs").as_bytes())
        .file(&p("src/a.rs"), "")
        .build();
    assert_err!(bytes, TarballError::CorruptTar { .. });
}

#[test]
fn rejects_extension_record_in_v7_header() {
    let bytes = base()
        .raw_entry(HeaderFormat::Old, b"././@LongLink", b'L', 0, b"")
        .build();
    assert_err!(bytes, TarballError::UnsupportedEntryType { .. });
}

// ---------------------------------------------------------------------------
// Bombs and limits
// ---------------------------------------------------------------------------

/// 1 GiB of zeros compresses to about 1 MiB; it is refused from the header
/// before any of it is inflated.
#[test]
fn rejects_gzip_bomb_entry() {
    const GIB: u64 = 1 << 30;
    let bytes = base()
        .file_from_reader(&p("bomb.bin"), GIB, io::repeat(0).take(GIB))
        .build();
    assert!(bytes.len() < 4 << 20);
    assert_eq!(
        error(&bytes),
        TarballError::UnpackedSizeExceeded { limit: 512 << 20 }
    );
}

/// A file within the size limit whose compression ratio gives it away.
#[test]
fn rejects_high_ratio_entry() {
    let bytes = base()
        .file_from_reader(&p("bomb.bin"), 96 << 20, io::repeat(0).take(96 << 20))
        .build();
    assert_err!(bytes, TarballError::CompressionRatioExceeded { limit: 200 });
}

/// Zeros after the end-of-archive marker are never read by the tar layer;
/// the guard still stops them.
#[test]
fn rejects_bomb_after_end_of_archive() {
    let bytes = base()
        .raw_bytes(&[0; 1024])
        .repeat_bytes(0, 256 << 20)
        .build();
    assert_err!(bytes, TarballError::CompressionRatioExceeded { .. });
    let limits = Limits {
        max_unpacked_size: 1 << 20,
        max_entries: 10,
        ..Limits::default()
    };
    assert_err!(bytes, limits, TarballError::UnpackedSizeExceeded { .. });
}

#[test]
fn rejects_unpacked_size_over_limit() {
    let limits = Limits {
        max_unpacked_size: 4096,
        ..Limits::default()
    };
    let bytes = base()
        .file(&p("a.bin"), vec![7; 2048])
        .file(&p("b.bin"), vec![7; 2048])
        .build();
    assert_err!(
        bytes,
        limits,
        TarballError::UnpackedSizeExceeded { limit: 4096 }
    );
}

#[test]
fn rejects_too_many_entries() {
    let limits = Limits {
        max_entries: 10,
        ..Limits::default()
    };
    let mut builder = base();
    for i in 0..9 {
        builder = builder.file(&p(&format!("src/m{i}.rs")), "");
    }
    assert_err!(
        builder.build(),
        limits,
        TarballError::TooManyEntries { limit: 10 }
    );
}

#[test]
fn global_headers_count_as_entries() {
    let limits = Limits {
        max_entries: 5,
        ..Limits::default()
    };
    let mut builder = TarballBuilder::new();
    for _ in 0..10 {
        builder = builder.pax_global(&[("comment", b"x")]);
    }
    assert_err!(
        builder.build(),
        limits,
        TarballError::TooManyEntries { limit: 5 }
    );
}

#[test]
fn rejects_oversized_pax_header() {
    let bytes = base()
        .pax(&[("comment", &vec![b'a'; 100_000])])
        .file(&p("src/x.rs"), "")
        .build();
    assert_err!(bytes, TarballError::MetadataTooLarge { .. });
}

/// A long-name record claiming 8 GiB is refused from its header alone.
#[test]
fn rejects_huge_long_name_claim() {
    let bytes = base()
        .raw_entry(HeaderFormat::Gnu, b"././@LongLink", b'L', 8 << 30, b"")
        .build();
    assert_err!(bytes, TarballError::MetadataTooLarge { .. });
}

// ---------------------------------------------------------------------------
// Paths
// ---------------------------------------------------------------------------

#[test]
fn rejects_parent_traversal() {
    let bytes = base().file("demo-0.1.0/../../etc/passwd", "x").build();
    assert_err!(bytes, TarballError::PathTraversal { .. });
    let bytes = base().file("../demo-0.1.0/x", "x").build();
    assert_err!(bytes, TarballError::PathTraversal { .. });
}

#[test]
fn rejects_traversal_in_long_name() {
    let evil = format!("{DIR}/{}../../../../.bashrc", "a/".repeat(50));
    let evil = evil.replace("a/../", "../");
    assert!(evil.len() > 100);
    let bytes = base().file(&evil, "x").build();
    assert_err!(bytes, TarballError::PathTraversal { .. });
}

#[test]
fn rejects_absolute_path() {
    let bytes = base().file("/etc/passwd", "x").build();
    assert_err!(bytes, TarballError::AbsolutePath { .. });
}

#[test]
fn rejects_wrong_prefix() {
    let bytes = base().file("src/lib.rs", "x").build();
    assert_err!(bytes, TarballError::WrongPrefix { .. });
}

#[test]
fn rejects_other_crates_prefix() {
    let bytes = simple_crate("serde", "1.0.0");
    let err = assert_err!(bytes, TarballError::WrongPrefix { .. });
    assert!(err.to_string().contains("\"demo-0.1.0/\""), "{err}");
}

#[test]
fn rejects_other_version_prefix() {
    let bytes = base().file("demo-0.1.1/src/lib.rs", "x").build();
    assert_err!(bytes, TarballError::WrongPrefix { .. });
}

#[test]
fn prefix_is_case_sensitive() {
    let bytes = base().file("Demo-0.1.0/src/lib.rs", "x").build();
    assert_err!(bytes, TarballError::WrongPrefix { .. });
}

#[test]
fn rejects_file_posing_as_package_dir() {
    let bytes = base().file(DIR, "x").build();
    assert_err!(bytes, TarballError::WrongPrefix { .. });
}

#[test]
fn rejects_non_utf8_path() {
    let bytes = base()
        .raw_entry(HeaderFormat::Gnu, b"demo-0.1.0/\xff\xfe.rs", b'0', 0, b"")
        .build();
    assert_err!(bytes, TarballError::NonUtf8Path { .. });
}

#[test]
fn rejects_dot_and_empty_components() {
    let bytes = base().file("demo-0.1.0/./src/x.rs", "x").build();
    assert_err!(bytes, TarballError::InvalidPath { .. });
    let bytes = base().file("demo-0.1.0/src//x.rs", "x").build();
    assert_err!(bytes, TarballError::InvalidPath { .. });
}

#[test]
fn rejects_backslash_path() {
    let bytes = base().file("demo-0.1.0\\..\\..\\evil", "x").build();
    assert_err!(bytes, TarballError::PathTraversal { .. });
    let bytes = base().file("demo-0.1.0/src\\x.rs", "x").build();
    assert_err!(bytes, TarballError::InvalidPath { .. });
}

#[test]
fn rejects_file_with_trailing_slash() {
    let bytes = base().file("demo-0.1.0/src/x/", "x").build();
    assert_err!(bytes, TarballError::InvalidPath { .. });
}

#[test]
fn rejects_duplicate_entry() {
    let bytes = base().file(&p("src/lib.rs"), "second copy").build();
    let err = assert_err!(bytes, TarballError::DuplicateEntry { .. });
    assert_eq!(
        err,
        TarballError::DuplicateEntry {
            path: p("src/lib.rs")
        }
    );
}

#[test]
fn rejects_file_and_directory_with_same_path() {
    let bytes = base().dir(&p("src/lib.rs/")).build();
    assert_err!(bytes, TarballError::DuplicateEntry { .. });
}

#[test]
fn rejects_directory_with_data() {
    let bytes = base()
        .raw_entry(HeaderFormat::Gnu, p("data/").as_bytes(), b'5', 5, b"hello")
        .build();
    assert_err!(bytes, TarballError::DirectoryWithData { size: 5, .. });
}

// ---------------------------------------------------------------------------
// Entry types
// ---------------------------------------------------------------------------

fn assert_type_refused(entry_type: u8, kind: &str) {
    let bytes = base()
        .raw_entry(
            HeaderFormat::Gnu,
            p("special").as_bytes(),
            entry_type,
            0,
            b"",
        )
        .build();
    let err = assert_err!(bytes, TarballError::UnsupportedEntryType { .. });
    assert_eq!(
        err,
        TarballError::UnsupportedEntryType {
            path: p("special"),
            kind: kind.into()
        }
    );
}

#[test]
fn rejects_symlink() {
    let bytes = base().link(&p("evil"), b'2', "/etc/passwd").build();
    let err = assert_err!(bytes, TarballError::UnsupportedEntryType { .. });
    assert!(err.to_string().contains("symbolic link"), "{err}");
}

#[test]
fn rejects_hardlink() {
    let bytes = base()
        .link(&p("evil"), b'1', "demo-0.1.0/Cargo.toml")
        .build();
    let err = assert_err!(bytes, TarballError::UnsupportedEntryType { .. });
    assert!(err.to_string().contains("hard link"), "{err}");
}

#[test]
fn rejects_char_device() {
    assert_type_refused(b'3', "character device");
}

#[test]
fn rejects_block_device() {
    assert_type_refused(b'4', "block device");
}

#[test]
fn rejects_fifo() {
    assert_type_refused(b'6', "FIFO (named pipe)");
}

#[test]
fn rejects_sparse_and_unknown_types() {
    assert_type_refused(b'S', "GNU sparse file");
    assert_type_refused(b'7', "contiguous file");
    assert_type_refused(b'Z', "tar entry of unknown type 'Z'");
}

#[test]
fn rejects_long_link_record() {
    let bytes = base()
        .raw_entry(HeaderFormat::Gnu, b"././@LongLink", b'K', 4, b"/etc")
        .build();
    assert_err!(bytes, TarballError::UnsupportedEntryType { .. });
}

// ---------------------------------------------------------------------------
// Headers that disagree
// ---------------------------------------------------------------------------

/// The "TARmageddon" shape: the pax size hides or reveals data that other
/// readers interpret as separate entries.
#[test]
fn rejects_pax_size_lie() {
    let hidden = TarballBuilder::uncompressed()
        .file(&p("src/smuggled.rs"), "evil")
        .build();
    let bytes = base()
        .pax(&[("size", b"0")])
        .raw_entry(
            HeaderFormat::Gnu,
            p("src/innocent.rs").as_bytes(),
            b'0',
            hidden.len() as u64 - 1024,
            &hidden[..hidden.len() - 1024],
        )
        .build();
    let err = assert_err!(bytes, TarballError::PaxSizeMismatch { .. });
    assert_eq!(
        err,
        TarballError::PaxSizeMismatch {
            path: p("src/innocent.rs"),
            header_size: 1024,
            pax_size: 0
        }
    );
}

#[test]
fn rejects_pax_path_that_disagrees_with_header() {
    let bytes = base()
        .pax(&[("path", p("src/other.rs").as_bytes())])
        .file(&p("src/visible.rs"), "")
        .build();
    assert_err!(bytes, TarballError::PathMismatch { .. });
}

#[test]
fn rejects_long_name_that_disagrees_with_pax_path() {
    let bytes = base()
        .pax(&[("path", p("src/a.rs").as_bytes())])
        .gnu_long_name(p("src/b.rs").as_bytes())
        .file(&p("src/b.rs"), "")
        .build();
    assert_err!(bytes, TarballError::PathMismatch { .. });
}

#[test]
fn rejects_long_name_that_disagrees_with_header() {
    let bytes = base()
        .gnu_long_name(p("src/real.rs").as_bytes())
        .file("other-1.0.0/decoy.rs", "")
        .build();
    assert_err!(bytes, TarballError::PathMismatch { .. });
}

#[test]
fn rejects_duplicate_pax_keys() {
    let bytes = base()
        .pax(&[("path", p("src/a.rs").as_bytes()), ("path", b"../../x")])
        .file(&p("src/a.rs"), "")
        .build();
    assert_err!(bytes, TarballError::MalformedPaxHeader { .. });
}

#[test]
fn rejects_malformed_pax_records() {
    let bytes = base()
        .raw_entry(
            HeaderFormat::Ustar,
            b"././@PaxHeader",
            b'x',
            12,
            b"99 path=x\n\0\0",
        )
        .file(&p("src/a.rs"), "")
        .build();
    assert_err!(bytes, TarballError::MalformedPaxHeader { .. });
    let bytes = base()
        .pax(&[("size", b"ten")])
        .file(&p("src/a.rs"), "")
        .build();
    assert_err!(bytes, TarballError::MalformedPaxHeader { .. });
}

#[test]
fn rejects_sparse_pax_keys() {
    let bytes = base()
        .pax(&[("GNU.sparse.map", b"0,10")])
        .file(&p("src/a.rs"), "")
        .build();
    assert_err!(bytes, TarballError::DisallowedPaxKey { .. });
}

#[test]
fn rejects_global_header_overrides() {
    for key in ["path", "size", "linkpath"] {
        let bytes = base().pax_global(&[(key, b"1")]).build();
        assert_err!(bytes, TarballError::DisallowedPaxKey { .. });
    }
}

// ---------------------------------------------------------------------------
// The manifest
// ---------------------------------------------------------------------------

#[test]
fn rejects_missing_manifest() {
    let bytes = TarballBuilder::new()
        .file(&p("src/lib.rs"), "")
        .file(&p("sub/Cargo.toml"), manifest())
        .build();
    let err = assert_err!(bytes, TarballError::MissingManifest { .. });
    assert!(err.to_string().contains("demo-0.1.0/Cargo.toml"), "{err}");
}

#[test]
fn rejects_duplicate_manifest() {
    let bytes = base().file(&p("Cargo.toml"), manifest()).build();
    assert_err!(bytes, TarballError::DuplicateManifest { .. });
}

#[test]
fn rejects_lowercase_manifest_variant() {
    let bytes = base().file(&p("cargo.toml"), "[package]").build();
    assert_err!(bytes, TarballError::ManifestCaseVariant { .. });
}

#[test]
fn rejects_uppercase_manifest_variant_before_the_real_one() {
    let bytes = TarballBuilder::new()
        .file(&p("CARGO.TOML"), manifest())
        .file(&p("Cargo.toml"), manifest())
        .build();
    assert_err!(bytes, TarballError::ManifestCaseVariant { .. });
}

#[test]
fn rejects_manifest_directory() {
    let bytes = base().dir(&p("Cargo.toml/")).build();
    assert_err!(bytes, TarballError::InvalidPath { .. });
}

#[test]
fn rejects_name_mismatch() {
    let bytes = TarballBuilder::new()
        .file(&p("Cargo.toml"), manifest_toml("other", VERSION, ""))
        .build();
    let err = assert_err!(bytes, TarballError::NameMismatch { .. });
    let msg = err.to_string();
    assert!(
        msg.contains("\"demo\"") && msg.contains("\"other\""),
        "{msg}"
    );
}

#[test]
fn rejects_version_mismatch() {
    let bytes = TarballBuilder::new()
        .file(&p("Cargo.toml"), manifest_toml(NAME, "0.2.0", ""))
        .build();
    let err = assert_err!(bytes, TarballError::VersionMismatch { .. });
    let msg = err.to_string();
    assert!(msg.contains("0.1.0") && msg.contains("0.2.0"), "{msg}");
}

#[test]
fn rejects_non_semver_manifest_version() {
    let bytes = TarballBuilder::new()
        .file(&p("Cargo.toml"), manifest_toml(NAME, "0.1", ""))
        .build();
    assert_err!(bytes, TarballError::InvalidVersion { .. });
}

#[test]
fn rejects_invalid_claim() {
    let bytes = simple_crate(NAME, VERSION);
    for (name, version) in [
        ("", "0.1.0"),
        ("a/b", "0.1.0"),
        ("..", "0.1.0"),
        (NAME, "1"),
    ] {
        let err = process_tarball(name, version, &bytes, &Limits::default()).unwrap_err();
        assert!(
            matches!(err, TarballError::InvalidPackageId { .. }),
            "{err:?}"
        );
    }
}

#[test]
fn rejects_manifest_that_is_not_toml() {
    let bytes = TarballBuilder::new()
        .file(&p("Cargo.toml"), "[package\nname = demo")
        .build();
    assert_err!(bytes, TarballError::ManifestSyntax { .. });
}

#[test]
fn rejects_manifest_that_is_not_utf8() {
    let bytes = TarballBuilder::new()
        .file(&p("Cargo.toml"), b"[package]\nname = \"\xff\"\n")
        .build();
    assert_err!(bytes, TarballError::ManifestNotUtf8);
}

#[test]
fn rejects_manifest_with_wrong_types() {
    let bytes = TarballBuilder::new()
        .file(
            &p("Cargo.toml"),
            manifest_toml(NAME, VERSION, "keywords = \"not-a-list\""),
        )
        .build();
    assert_err!(bytes, TarballError::ManifestInvalid { .. });
    let bytes = TarballBuilder::new()
        .file(&p("Cargo.toml"), "[workspace]\nmembers = []\n")
        .build();
    assert_err!(bytes, TarballError::ManifestInvalid { .. });
}

#[test]
fn rejects_oversized_manifest() {
    let limits = Limits {
        max_manifest_size: 100,
        ..Limits::default()
    };
    assert_err!(
        simple_crate(NAME, VERSION),
        limits,
        TarballError::ManifestTooLarge { limit: 100, .. }
    );
}

#[test]
fn rejects_workspace_inheritance() {
    let bytes = TarballBuilder::new()
        .file(
            &p("Cargo.toml"),
            manifest_toml(
                NAME,
                VERSION,
                "\n[dependencies]\nserde = { workspace = true, features = [\"derive\"] }",
            ),
        )
        .build();
    let err = assert_err!(bytes, TarballError::UnnormalizedWorkspaceInheritance(_));
    assert_eq!(
        err,
        TarballError::UnnormalizedWorkspaceInheritance("dependencies.serde".into())
    );

    let manifest = manifest().replace("license = \"MIT\"", "license.workspace = true");
    let bytes = TarballBuilder::new()
        .file(&p("Cargo.toml"), manifest)
        .build();
    assert_eq!(
        error(&bytes),
        TarballError::UnnormalizedWorkspaceInheritance("package.license".into())
    );
}

// ---------------------------------------------------------------------------
// Arbitrary damage never panics
// ---------------------------------------------------------------------------

/// xorshift64*, so the test is deterministic without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn damaged_archives_are_refused_without_panicking() {
    let tar = TarballBuilder::uncompressed()
        .pax_global(&[("comment", b"abc")])
        .dir(&format!("{DIR}/"))
        .file(&p("Cargo.toml"), manifest())
        .pax(&[("path", p("src/lib.rs").as_bytes()), ("size", b"5")])
        .file(&p("src/lib.rs"), "//! x")
        .file(&p(&format!("src/{}.rs", "long".repeat(40))), "fn f() {}")
        .file(&p("README.md"), "# readme")
        .build();
    let limits = Limits {
        max_unpacked_size: 1 << 20,
        ..Limits::default()
    };
    let mut rng = Rng(0x5eed_cafe_f00d_d00d);
    let mut refused = 0;
    for round in 0..3000 {
        let mut damaged = tar.clone();
        match round % 3 {
            0 => damaged.truncate(rng.below(tar.len())),
            _ => {
                for _ in 0..=rng.below(4) {
                    let at = rng.below(damaged.len());
                    damaged[at] = rng.next() as u8;
                }
            }
        }
        let mut bytes = gzip(&damaged);
        if round % 5 == 0 {
            let at = rng.below(bytes.len());
            bytes[at] ^= 1 << rng.below(8);
        }
        if let Err(err) = process_tarball(NAME, VERSION, &bytes, &limits) {
            assert!(!err.to_string().is_empty());
            refused += 1;
        }
    }
    // Most damage is caught (some lands in padding or file contents).
    assert!(refused > 1500, "{refused}");
}

/// A PNG whose chunks end before the file does: what follows is counted, across reads of any
/// size, and a PNG that ends where its file does has nothing after it.
#[test]
fn bytes_after_an_image_are_counted() {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0, 0, 0, 0]);
        out
    };
    let mut image = b"\x89PNG\r\n\x1a\n".to_vec();
    image.extend(chunk(b"IHDR", &[0; 13]));
    image.extend(chunk(b"IDAT", &vec![7; 40_000]));
    image.extend(chunk(b"IEND", &[]));
    let mut carrying = image.clone();
    carrying.extend_from_slice(&[0x5a; 3000]);
    let bytes = base()
        .file(&p("assets/plain.png"), &image)
        .file(&p("assets/carrying.png"), &carrying)
        .file(&p("assets/not-a.png"), &[0x5a; 3000][..])
        .build();
    let tarball = process(&bytes).unwrap();
    let after = |name: &str| {
        tarball
            .files
            .iter()
            .find(|f| f.path == name)
            .map(|f| f.after_image)
    };
    assert_eq!(after("assets/plain.png"), Some(0));
    assert_eq!(after("assets/carrying.png"), Some(3000));
    assert_eq!(after("assets/not-a.png"), Some(0));

    // Fed a byte at a time, the chunks are followed the same.
    let mut end = super::scan::PngEnd::default();
    for byte in &carrying {
        end.feed(std::slice::from_ref(byte));
    }
    assert_eq!(end.end(), Some(image.len() as u64));
}
