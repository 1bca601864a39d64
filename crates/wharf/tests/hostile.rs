//! Hostile uploads through the real publish endpoint: every one gets a clear 4xx, and nothing of any
//! of them is stored — no crate, no version, no file, no index entry.

mod support;

use support::{error_detail, metadata, publish_body, Backend, Wharf};
use wharf_tarball::test_support::{gzip, manifest_toml, HeaderFormat, TarballBuilder};

backend_tests!(hostile_tarballs_are_refused_and_leave_nothing);

const NAME: &str = "target-crate";
const VERSION: &str = "1.0.0";

fn dir() -> String {
    format!("{NAME}-{VERSION}")
}

fn manifest() -> String {
    manifest_toml(NAME, VERSION, "")
}

/// A well-formed start: the manifest and a library, to which each case adds its poison.
fn base() -> TarballBuilder {
    TarballBuilder::new()
        .file(&format!("{}/Cargo.toml", dir()), manifest())
        .file(&format!("{}/src/lib.rs", dir()), "pub fn f() {}\n")
}

fn png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0x5a, 4096));
    png
}

fn hostile_cases() -> Vec<(&'static str, Vec<u8>)> {
    let d = dir();
    let zeros = std::io::repeat(0);
    use std::io::Read;
    vec![
        ("plain tar, not gzip", {
            TarballBuilder::uncompressed()
                .file(&format!("{d}/Cargo.toml"), manifest())
                .build()
        }),
        (
            "zip archive",
            b"PK\x03\x04\x14\x00\x00\x00\x08\x00rest of a zip".to_vec(),
        ),
        ("PNG image uploaded as the crate", png()),
        ("empty body", Vec::new()),
        (
            "gzip of garbage",
            gzip(b"this is not a tar archive at all, just text"),
        ),
        ("truncated gzip", {
            let full = base().build();
            full[..full.len() / 2].to_vec()
        }),
        ("truncated tar inside valid gzip", {
            let tar = TarballBuilder::uncompressed()
                .file(&format!("{d}/Cargo.toml"), manifest())
                .file(&format!("{d}/src/lib.rs"), "pub fn f() {}\n".repeat(200))
                .build();
            gzip(&tar[..tar.len() - 1500])
        }),
        ("gzip bomb", {
            TarballBuilder::new()
                .file(&format!("{d}/Cargo.toml"), manifest())
                .file_from_reader(
                    &format!("{d}/src/zeros.bin"),
                    600 << 20,
                    zeros.take(600 << 20),
                )
                .build()
        }),
        (
            "path traversal with ..",
            base()
                .file(&format!("{d}/../../etc/cron.d/evil"), "x")
                .build(),
        ),
        (
            "absolute path",
            base()
                .raw_entry(HeaderFormat::Gnu, b"/etc/passwd", b'0', 1, b"x")
                .build(),
        ),
        (
            "entry outside the prefix",
            base().file("elsewhere/src/lib.rs", "x").build(),
        ),
        (
            "another crate's prefix",
            base().file("other-crate-1.0.0/src/lib.rs", "x").build(),
        ),
        (
            "prefix with a different version",
            base()
                .file(&format!("{NAME}-9.9.9/src/lib.rs"), "x")
                .build(),
        ),
        (
            "symlink",
            base()
                .link(&format!("{d}/src/link.rs"), b'2', "/etc/passwd")
                .build(),
        ),
        (
            "hard link",
            base()
                .link(
                    &format!("{d}/src/hard.rs"),
                    b'1',
                    &format!("{d}/src/lib.rs"),
                )
                .build(),
        ),
        (
            "character device",
            base()
                .raw_entry(
                    HeaderFormat::Gnu,
                    format!("{d}/dev").as_bytes(),
                    b'3',
                    0,
                    b"",
                )
                .build(),
        ),
        (
            "block device",
            base()
                .raw_entry(
                    HeaderFormat::Gnu,
                    format!("{d}/blk").as_bytes(),
                    b'4',
                    0,
                    b"",
                )
                .build(),
        ),
        (
            "fifo",
            base()
                .raw_entry(
                    HeaderFormat::Gnu,
                    format!("{d}/fifo").as_bytes(),
                    b'6',
                    0,
                    b"",
                )
                .build(),
        ),
        ("pax size lie", {
            base()
                .pax(&[("size", b"999999")])
                .file(&format!("{d}/src/data.rs"), "short")
                .build()
        }),
        ("pax path escaping the prefix", {
            base()
                .pax(&[("path", b"../escape.rs")])
                .file(&format!("{d}/src/ok.rs"), "x")
                .build()
        }),
        ("GNU long name traversal", {
            base()
                .gnu_long_name(format!("{d}/{}../../x", "a/".repeat(60)).as_bytes())
                .raw_entry(
                    HeaderFormat::Gnu,
                    format!("{d}/short").as_bytes(),
                    b'0',
                    1,
                    b"x",
                )
                .build()
        }),
        (
            "two Cargo.toml",
            base().file(&format!("{d}/Cargo.toml"), manifest()).build(),
        ),
        (
            "cargo.toml case variant",
            base().file(&format!("{d}/cargo.toml"), manifest()).build(),
        ),
        (
            "CARGO.TOML case variant",
            base().file(&format!("{d}/CARGO.TOML"), manifest()).build(),
        ),
        ("no Cargo.toml", {
            TarballBuilder::new()
                .file(&format!("{d}/src/lib.rs"), "pub fn f() {}\n")
                .build()
        }),
        ("manifest names another crate", {
            TarballBuilder::new()
                .file(
                    &format!("{d}/Cargo.toml"),
                    manifest_toml("other-crate", VERSION, ""),
                )
                .file(&format!("{d}/src/lib.rs"), "")
                .build()
        }),
        ("manifest has another version", {
            TarballBuilder::new()
                .file(&format!("{d}/Cargo.toml"), manifest_toml(NAME, "2.0.0", ""))
                .file(&format!("{d}/src/lib.rs"), "")
                .build()
        }),
        ("manifest is not TOML", {
            TarballBuilder::new()
                .file(&format!("{d}/Cargo.toml"), "[package\nname = ")
                .file(&format!("{d}/src/lib.rs"), "")
                .build()
        }),
        ("manifest is not UTF-8", {
            TarballBuilder::new()
                .file(
                    &format!("{d}/Cargo.toml"),
                    b"[package]\nname = \"\xff\xfe\"\n",
                )
                .build()
        }),
        ("workspace inheritance left in", {
            TarballBuilder::new()
                .file(
                    &format!("{d}/Cargo.toml"),
                    format!("[package]\nname = \"{NAME}\"\nversion = \"{VERSION}\"\nedition.workspace = true\n"),
                )
                .file(&format!("{d}/src/lib.rs"), "")
                .build()
        }),
        (
            "non-UTF-8 path",
            base()
                .raw_entry(
                    HeaderFormat::Gnu,
                    format!("{d}/src/\u{1}")
                        .as_bytes()
                        .iter()
                        .chain(b"\xff.rs")
                        .copied()
                        .collect::<Vec<_>>()
                        .as_slice(),
                    b'0',
                    1,
                    b"x",
                )
                .build(),
        ),
        (
            "duplicate entry",
            base().file(&format!("{d}/src/lib.rs"), "again").build(),
        ),
        (
            "directory carrying data",
            base()
                .raw_entry(
                    HeaderFormat::Gnu,
                    format!("{d}/src/dir/").as_bytes(),
                    b'5',
                    4,
                    b"data",
                )
                .build(),
        ),
        ("too many entries", {
            let mut builder = base();
            for i in 0..60_000 {
                builder = builder.file(&format!("{d}/f/{i}"), "");
            }
            builder.build()
        }),
        ("media renamed as source, no Rust target", {
            TarballBuilder::new()
                .file(
                    &format!("{d}/Cargo.toml"),
                    format!(
                        "[package]\nname = \"{NAME}\"\nversion = \"{VERSION}\"\nedition = \"2021\"\n\
                         description = \"pictures\"\nlicense = \"MIT\"\nautolib = false\n\
                         autobins = false\nautoexamples = false\nautotests = false\nautobenches = false\n"
                    ),
                )
                .file(&format!("{d}/holiday.rs.png"), png())
                .build()
        }),
        ("trailing garbage after the gzip stream", {
            let mut bytes = base().build();
            bytes.extend_from_slice(b"appended payload");
            bytes
        }),
    ]
}

fn hostile_tarballs_are_refused_and_leave_nothing(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("mallory");
    let cases = hostile_cases();
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    for (what, tarball) in cases {
        let response = wharf.publish_raw(&token, publish_body(&metadata(NAME, VERSION), &tarball));
        let status = response.status();
        assert!(
            status.is_client_error(),
            "{what}: expected a 4xx, got {status}"
        );
        let detail = error_detail(response);
        assert!(detail.len() > 10, "{what}: unclear error `{detail}`");
    }
    assert_eq!(wharf.get(&format!("/api/v1/crates/{NAME}")).status(), 404);
    assert_eq!(wharf.get("/index/ta/rg/target-crate").status(), 404);
    let mut stored = Vec::new();
    // `.crate` files live under `crates/` in the blob store (beside the published database dump).
    if let Ok(entries) = std::fs::read_dir(wharf.data_dir().join("crates").join("crates")) {
        stored.extend(entries.flatten().map(|e| e.path()));
    }
    assert!(stored.is_empty(), "stored: {stored:?}");

    // And the registry still works: the same name publishes cleanly afterwards.
    let good = base().build();
    let response = wharf.publish_raw(&token, publish_body(&metadata(NAME, VERSION), &good));
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
}
