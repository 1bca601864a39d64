//! `scanner`: the content scanner on arbitrary text.
//!
//! The input is the text of every kind of file the scanner reads at once — the build script, the
//! library, the binary, a test, the readme, a web page and a shell script — in a package whose
//! manifest declares them, so that one input reaches every front end (`syn`, the token walker, the
//! text and spam rules) in every context. The lexer, which every Rust file goes through first, is
//! also checked token by token.

use std::sync::OnceLock;

use wharf_policy::scan::lexer::{nesting_bound, tokenize, TokenKind};
use wharf_policy::scan::{rules, scan_package};
use wharf_policy::Finding;
use wharf_tarball::{parse_manifest, Contents, FileEntry, Manifest, Tarball, HEAD_SIZE};

const MANIFEST: &str = r#"[package]
edition = "2021"
name = "fuzzed"
version = "0.1.0"
build = "build.rs"
description = "Whatever the fuzzer wrote"
license = "MIT"
readme = "README.md"

[lib]
name = "fuzzed"
path = "src/lib.rs"

[[bin]]
name = "fuzzed"
path = "src/main.rs"

[[test]]
name = "it"
path = "tests/it.rs"
"#;

/// Where the input goes; the first four are Rust.
const PATHS: [&str; 7] = [
    "build.rs",
    "src/lib.rs",
    "src/main.rs",
    "tests/it.rs",
    "README.md",
    "index.html",
    "scripts/install.sh",
];
const RUST_FILES: usize = 4;

pub fn run(data: &[u8]) {
    let text = String::from_utf8_lossy(data);
    check_tokens(&text);

    let tarball = package(data);
    let report = scan_package(&tarball);
    check_findings(&report.findings, &tarball);
    // Every Rust file was parsed, walked, or skipped by the prefilter.
    assert_eq!(report.parsed + report.walked + report.skipped, RUST_FILES);
    // The verdict on an upload must not depend on the run (hash-map order, say).
    assert_eq!(
        scan_package(&tarball).findings,
        report.findings,
        "two scans of one package disagree"
    );
}

/// The package: [`MANIFEST`], and `data` at every one of [`PATHS`].
pub fn package(data: &[u8]) -> Tarball {
    static PARSED: OnceLock<Manifest> = OnceLock::new();
    let manifest = PARSED
        .get_or_init(|| parse_manifest(MANIFEST).expect("the fuzz manifest parses"))
        .clone();
    let entry = |path: &str, data: &[u8]| FileEntry {
        path: path.to_owned(),
        size: data.len() as u64,
        head: data[..data.len().min(HEAD_SIZE)].to_vec(),
        contents: Contents::Kept(data.to_vec()),
        after_image: 0,
    };
    let mut files = vec![entry("Cargo.toml", MANIFEST.as_bytes())];
    files.extend(PATHS.iter().map(|path| entry(path, data)));
    Tarball {
        manifest,
        manifest_raw: MANIFEST.to_owned(),
        unpacked_size: files.iter().map(|f| f.size).sum(),
        files,
        readme: String::from_utf8(data.to_vec()).ok(),
        readme_path: Some("README.md".to_owned()),
        has_cargo_toml_orig: false,
    }
}

/// Tokens are in order, do not overlap, lie on character boundaries, and carry the line they
/// start on.
pub fn check_tokens(source: &str) {
    let tokens = tokenize(source);
    let (mut at, mut line) = (0usize, 1u32);
    for token in &tokens {
        assert!(
            at <= token.start && token.start < token.end && token.end <= source.len(),
            "token {token:?} after {at}"
        );
        assert!(source.is_char_boundary(token.start) && source.is_char_boundary(token.end));
        line += source[at..token.start].matches('\n').count() as u32;
        assert_eq!(token.line, line, "token {token:?} is on another line");
        line += source[token.start..token.end].matches('\n').count() as u32;
        at = token.end;
        if let TokenKind::Ident(name) = token.kind {
            assert!(source[token.start..token.end].ends_with(name));
        }
    }
    nesting_bound(&tokens);
}

/// Findings name a rule, say something, and point at a file of the package and a line in it.
pub fn check_findings(findings: &[Finding], tarball: &Tarball) {
    for finding in findings {
        assert!(!finding.rule.is_empty() && !finding.evidence.is_empty());
        // A panic in the scanner is reported so (and aborts the fuzzer before that).
        assert!(
            !(finding.rule == rules::UNSCANNED && finding.file.is_none()),
            "the scanner failed: {finding:?}"
        );
        let Some(path) = &finding.file else {
            continue;
        };
        let file = tarball.files.iter().find(|f| &f.path == path);
        let file = file.unwrap_or_else(|| panic!("{finding:?} names a file not in the package"));
        // Lines count from 1 in a file that was read. (Under `cfg(fuzzing)` proc-macro2 would
        // report 0 for every line `syn` sees: `run.sh` builds without it.)
        if let (Some(line), Some(bytes)) = (finding.line, file.bytes()) {
            let lines = bytes.iter().filter(|&&b| b == b'\n').count() + 1;
            assert!(
                line >= 1 && line as usize <= lines,
                "{finding:?} is not a line of its {lines}-line file"
            );
        }
    }
}
