//! Runs the publish gate (metadata, cargo compatibility, reserved names, dependency-confusion
//! signals, and the content scanner) over a directory of real `.crate` files, to measure false
//! positives and speed.
//!
//! ```text
//! bash /work/shared/corpus/fetch.sh /tmp/wharf-corpus
//! cargo run --release -p wharf-policy --example corpus -- /tmp/wharf-corpus
//! ```
//!
//! Each file must be named `{name}-{version}.crate`, as cargo stores them. Dependencies are taken
//! from the manifest's tables (roughly what cargo's publish JSON would say), features from the
//! manifest. The exit status is 1 if any crate is rejected or held.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use wharf_policy::categories::default_categories;
use wharf_policy::engine::{evaluate, Candidate, Facts};
use wharf_policy::metadata::DependencyInput;
use wharf_policy::names::DEFAULT_RESERVED_NAMES;
use wharf_policy::{Finding, Verdict};
use wharf_tarball::{process_tarball, Limits, Manifest};

/// The server's allocator (crates/wharf's `main.rs`): the figures are of the gate as it runs there.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: corpus DIR-OF-.crate-FILES");
        return ExitCode::from(2);
    };
    let mut paths: Vec<PathBuf> = match std::fs::read_dir(&dir) {
        Ok(entries) => entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "crate"))
            .collect(),
        Err(e) => {
            eprintln!("cannot read {}: {e}", dir.display());
            return ExitCode::from(2);
        }
    };
    paths.sort();

    let known = default_categories();
    let reserved: Vec<String> = DEFAULT_RESERVED_NAMES
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut limits = Limits::default();
    // CORPUS_KEEP_NOTHING=1 measures reading without keeping contents (the scanner then sees
    // nothing): the cost of keeping them.
    if std::env::var_os("CORPUS_KEEP_NOTHING").is_some() {
        limits.max_kept_size = 0;
    }
    let mut totals: BTreeMap<Verdict, usize> = BTreeMap::new();
    let mut allow_rules: BTreeMap<String, usize> = BTreeMap::new();
    let mut unreadable = 0;
    let mut whole_times = Vec::new();
    let mut slowest: Option<(Duration, String, u64)> = None;
    let mut flagged: BTreeMap<String, Vec<String>> = BTreeMap::new();
    // With CORPUS_SCAN_STATS set, each crate is scanned once more (untimed) to count how its Rust
    // files were read.
    let stats = std::env::var_os("CORPUS_SCAN_STATS").is_some();
    let (mut parsed, mut walked, mut skipped) = (0usize, 0usize, 0usize);
    let mut rule_times = Vec::new();
    let (mut compressed, mut unpacked) = (0u64, 0u64);

    for path in &paths {
        let file = path.file_name().unwrap_or_default().to_string_lossy();
        let Some((name, version)) = split_file_name(&file) else {
            println!("SKIP    {file}: not NAME-VERSION.crate");
            unreadable += 1;
            continue;
        };
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                println!("SKIP    {file}: {e}");
                unreadable += 1;
                continue;
            }
        };

        let start = Instant::now();
        let tarball = match process_tarball(name, version, &bytes, &limits) {
            Ok(t) => t,
            Err(e) => {
                println!("UNREAD  {name} {version}: wharf-tarball refused it: {e}");
                unreadable += 1;
                continue;
            }
        };
        let rules_start = Instant::now();
        let deps = manifest_dependencies(&tarball.manifest);
        let Ok(semver) = semver::Version::parse(version) else {
            println!("UNREAD  {name} {version}: not a semantic version");
            unreadable += 1;
            continue;
        };
        // The whole gate, as a fresh registry would run it on each crate's first publish: reserved
        // names included; typosquats need a registry of popular crates (see `typosquat_corpus`).
        let findings = evaluate(
            &Candidate {
                name,
                version: &semver,
                tarball: &tarball,
                deps: &deps,
                features: &tarball.manifest.features,
            },
            &Facts {
                publisher_id: 1,
                creates_crate: true,
                known_categories: &known,
                reserved_names: &reserved,
                same_skeleton: &[],
                typosquat: None,
                internal_prefixes: &[],
            },
        )
        .findings;
        let end = Instant::now();
        whole_times.push(end - start);
        if slowest.as_ref().is_none_or(|(t, _, _)| end - start > *t) {
            slowest = Some((end - start, format!("{name} {version}"), bytes.len() as u64));
        }
        rule_times.push(end - rules_start);
        compressed += bytes.len() as u64;
        unpacked += tarball.unpacked_size;

        if stats {
            let report = wharf_policy::scan::scan_package(&tarball);
            parsed += report.parsed;
            walked += report.walked;
            skipped += report.skipped;
        }
        let verdict = findings
            .iter()
            .map(|f| f.severity)
            .max()
            .unwrap_or(Verdict::Allow);
        *totals.entry(verdict).or_default() += 1;
        for f in findings.iter().filter(|f| f.severity == Verdict::Allow) {
            *allow_rules.entry(f.rule.clone()).or_default() += 1;
        }
        for f in findings.iter().filter(|f| f.severity >= Verdict::Flag) {
            flagged
                .entry(format!("{name} {version}"))
                .or_default()
                .push(format!(
                    "[{}] {}: {}",
                    f.severity.as_str(),
                    f.rule,
                    f.evidence
                ));
        }
        println!(
            "{:<7} {name} {version} ({} files, {:.1} ms)",
            verdict.as_str().to_uppercase(),
            tarball.files.len(),
            (end - start).as_secs_f64() * 1e3
        );
        if verdict != Verdict::Allow || std::env::var_os("CORPUS_VERBOSE").is_some() {
            print_findings(&findings);
        }
    }

    println!();
    println!(
        "crates read: {}, unreadable: {unreadable}",
        whole_times.len()
    );
    for verdict in [
        Verdict::Reject,
        Verdict::Hold,
        Verdict::Flag,
        Verdict::Allow,
    ] {
        println!(
            "  {:<7} {}",
            verdict.as_str(),
            totals.get(&verdict).copied().unwrap_or(0)
        );
    }
    for (rule, count) in &allow_rules {
        println!("  informational {rule}: {count} crates");
    }
    if !flagged.is_empty() {
        println!("flagged, held or rejected crates:");
        for (krate, reasons) in &flagged {
            println!("  {krate}");
            for reason in reasons {
                println!("    {reason}");
            }
        }
    }
    if stats {
        println!(
            "Rust files: {parsed} parsed with syn, {walked} walked as tokens, {skipped} left by the \
             prefilter"
        );
    }
    report_times("read + rules", &mut whole_times, compressed, unpacked);
    if let Some((time, krate, size)) = &slowest {
        println!(
            "slowest crate: {krate} ({:.1} KB .crate, {:.1} ms)",
            *size as f64 / 1e3,
            time.as_secs_f64() * 1e3
        );
    }
    report_times("rules only", &mut rule_times, compressed, unpacked);

    let bad = totals.get(&Verdict::Reject).copied().unwrap_or(0)
        + totals.get(&Verdict::Hold).copied().unwrap_or(0);
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// `serde-json-1.0.0-rc.1.crate` → `("serde-json", "1.0.0-rc.1")`: the first `-` followed by a
/// digit after which a valid version follows.
fn split_file_name(file: &str) -> Option<(&str, &str)> {
    let stem = file.strip_suffix(".crate")?;
    stem.match_indices('-')
        .map(|(i, _)| (&stem[..i], &stem[i + 1..]))
        .find(|(name, version)| {
            !name.is_empty()
                && version.starts_with(|c: char| c.is_ascii_digit())
                && semver::Version::parse(version).is_ok()
        })
}

/// The manifest's dependency tables, as cargo would send them in the publish JSON.
fn manifest_dependencies(manifest: &Manifest) -> Vec<DependencyInput> {
    let mut deps = Vec::new();
    let mut add = |table: &BTreeMap<String, toml::Value>, kind: &str| {
        for (key, value) in table {
            deps.push(dependency(key, value, kind));
        }
    };
    add(&manifest.dependencies, "normal");
    add(&manifest.dev_dependencies, "dev");
    add(&manifest.build_dependencies, "build");
    for target in manifest.target.values() {
        let Some(target) = target.as_table() else {
            continue;
        };
        for (key, kind) in [
            ("dependencies", "normal"),
            ("dev-dependencies", "dev"),
            ("dev_dependencies", "dev"),
            ("build-dependencies", "build"),
            ("build_dependencies", "build"),
        ] {
            if let Some(table) = target.get(key).and_then(toml::Value::as_table) {
                for (name, value) in table {
                    deps.push(dependency(name, value, kind));
                }
            }
        }
    }
    deps
}

fn dependency(key: &str, value: &toml::Value, kind: &str) -> DependencyInput {
    let text = |k: &str| {
        value
            .get(k)
            .and_then(toml::Value::as_str)
            .map(str::to_owned)
    };
    let (name, explicit_name) = match text("package") {
        Some(package) => (package, Some(key.to_owned())),
        None => (key.to_owned(), None),
    };
    DependencyInput {
        name,
        explicit_name,
        // cargo sends `*` for a dependency without a version.
        req: value
            .as_str()
            .map(str::to_owned)
            .or_else(|| text("version"))
            .unwrap_or_else(|| "*".to_owned()),
        kind: kind.to_owned(),
        registry: text("registry-index").or_else(|| text("registry")),
        optional: value
            .get("optional")
            .and_then(toml::Value::as_bool)
            .unwrap_or(false),
        features: value
            .get("features")
            .and_then(toml::Value::as_array)
            .map(|list| {
                list.iter()
                    .filter_map(|f| f.as_str().map(str::to_owned))
                    .collect()
            })
            .unwrap_or_default(),
    }
}

fn print_findings(findings: &[Finding]) {
    for f in findings {
        println!(
            "        [{}] {}{}: {}",
            f.severity.as_str(),
            f.rule,
            f.file
                .as_deref()
                .map(|file| format!(" ({file})"))
                .unwrap_or_default(),
            f.evidence
        );
    }
}

fn report_times(what: &str, times: &mut [Duration], compressed: u64, unpacked: u64) {
    if times.is_empty() {
        return;
    }
    times.sort();
    let total: Duration = times.iter().sum();
    let secs = total.as_secs_f64().max(1e-9);
    println!(
        "{what}: median {:.3} ms, max {:.3} ms, total {:.3} s; {:.1} MB/s of .crate files, \
         {:.1} MB/s unpacked",
        times[times.len() / 2].as_secs_f64() * 1e3,
        times[times.len() - 1].as_secs_f64() * 1e3,
        secs,
        compressed as f64 / 1e6 / secs,
        unpacked as f64 / 1e6 / secs,
    );
}
