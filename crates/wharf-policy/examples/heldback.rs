//! Measures the publish gate on the held-back corpus (`tests/heldback`): hostile and honest
//! packages written independently of the scanner, which its rules are measured against and never
//! tuned on (see `tests/heldback/README.md`).
//!
//! ```text
//! cargo run --release -p wharf-policy --example heldback [DIR]
//! ```
//!
//! `DIR` defaults to `tests/heldback`; `tests/design` is the half rules may be designed on. The
//! behaviour class of each hostile package is read from the tables of the directory's Markdown
//! files (`| name | class | EXPECT | …`), and recall is printed per class. With `QUIET=1` only the
//! counts are printed, not which packages were missed: the way to measure the held-back half
//! without reading about its packages.
//!
//! Every package directory is packed into a `.crate` in memory (never built or run) and judged as a
//! first publish. Prints each package's verdict against its `EXPECT` line (malicious: the least
//! verdict wanted; benign: the most allowed), then the counts. It always exits 0: the figures go to
//! BENCHMARKS.md, and a rule changed to make one of them pass would defeat the corpus.

#[path = "../tests/support/package_dir.rs"]
mod package_dir;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use package_dir::{judge_package_dir, package_tarball};
use wharf_policy::Verdict;

fn main() {
    let root = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/heldback"));
    let quiet = std::env::var_os("QUIET").is_some();
    let classes = classes(&root);
    // Class → (held or rejected, packages).
    let mut by_class: BTreeMap<u32, (usize, usize)> = BTreeMap::new();
    let mut summary: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    // Malicious packages held or rejected: kept from every user until a moderator looks, which is
    // what the registry promises, whatever verdict the corpus's author hoped for.
    let mut caught = 0;
    for kind in ["malicious", "benign"] {
        println!("== {kind}");
        for dir in packages(&root.join(kind)) {
            let expect = std::fs::read_to_string(dir.join("EXPECT")).unwrap_or_default();
            let wanted = parse_verdict(expect.split_whitespace().next().unwrap_or("hold"));
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let (verdict, rules) = match judge(&dir) {
                Ok(judged) => judged,
                Err(error) => {
                    // A package the reader refuses is refused at upload too.
                    (Verdict::Reject, vec![format!("unreadable: {error}")])
                }
            };
            let good = match kind {
                "malicious" => verdict >= wanted,
                _ => verdict <= wanted,
            };
            if kind == "malicious" && verdict >= Verdict::Hold {
                caught += 1;
            }
            if kind == "malicious" {
                let class = by_class
                    .entry(classes.get(&name).copied().unwrap_or(0))
                    .or_default();
                class.0 += usize::from(verdict >= Verdict::Hold);
                class.1 += 1;
            }
            let entry = summary.entry(kind).or_default();
            entry.0 += usize::from(good);
            entry.1 += 1;
            if quiet {
                continue;
            }
            // `SIGNALS=NAME`: what the scanner saw in one package, to design a rule on a package
            // of the design half (never used on the held-back half, whose packages are not read).
            if std::env::var("SIGNALS").is_ok_and(|wanted| wanted == name) {
                if let Ok(tarball) = package_tarball(&dir) {
                    let report = wharf_policy::scan::scan_package(&tarball);
                    for signal in report.signals {
                        println!(
                            "    {:?} {}:{} scope {:?} {:?}",
                            signal.context, signal.file, signal.line, signal.scope, signal.kind
                        );
                    }
                    for finding in report.findings {
                        println!(
                            "    finding {} {:?}: {}",
                            finding.rule, finding.severity, finding.evidence
                        );
                    }
                }
            }
            println!(
                "  {} {:<40} {:<7} (expected {} {}) {}",
                if good { "ok  " } else { "MISS" },
                name,
                verdict.as_str(),
                if kind == "malicious" {
                    "at least"
                } else {
                    "at most"
                },
                wanted.as_str(),
                rules.join(", ")
            );
        }
    }
    let per_class: Vec<String> = by_class
        .iter()
        .map(|(class, (held, total))| match class {
            0 => format!("unclassified {held}/{total}"),
            class => format!("{class}: {held}/{total}"),
        })
        .collect();
    println!("held or rejected by class: {}", per_class.join(", "));
    for (kind, (good, total)) in summary {
        if kind == "malicious" {
            println!(
                "malicious: {caught} of {total} held or rejected; {good} of {total} at or above \
                 their expected verdict"
            );
        } else {
            println!("benign: {good} of {total} within their expected verdict");
        }
    }
}

/// Package name → behaviour class, from the rows of the Markdown tables in `root`
/// (`| name | class | EXPECT | …`, the class a number).
fn classes(root: &Path) -> BTreeMap<String, u32> {
    let mut classes = BTreeMap::new();
    let Ok(entries) = std::fs::read_dir(root) else {
        return classes;
    };
    for entry in entries.filter_map(Result::ok) {
        if entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
        for line in text.lines() {
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            if let [_, name, class, ..] = cells.as_slice() {
                if let Ok(class) = class.parse() {
                    classes.insert(name.trim_matches('`').to_owned(), class);
                }
            }
        }
    }
    classes
}

fn parse_verdict(word: &str) -> Verdict {
    match word {
        "allow" => Verdict::Allow,
        "flag" => Verdict::Flag,
        "reject" => Verdict::Reject,
        _ => Verdict::Hold,
    }
}

fn packages(dir: &Path) -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| Some(e.ok()?.path()))
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    dirs.sort();
    dirs
}

/// The gate's verdict and the rules that fired (at flag or above).
fn judge(dir: &Path) -> Result<(Verdict, Vec<String>), String> {
    let evaluation = judge_package_dir(dir)?;
    let mut rules: Vec<String> = evaluation
        .findings
        .iter()
        .filter(|f| f.severity >= Verdict::Flag)
        .map(|f| format!("{}:{}", f.rule, f.severity.as_str()))
        .collect();
    rules.dedup();
    Ok((evaluation.verdict, rules))
}
