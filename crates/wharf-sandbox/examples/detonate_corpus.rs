//! Detonates every `.crate` file in a directory, WORKERS at once, and reports what a registry
//! running detonation after publish would see: holds and flags with their evidence (on real crates,
//! each is a false positive to explain), packages not run or not built, and the time per crate
//! (median, p90, max; dependency downloads apart) and in all.
//!
//! `cargo run --release -p wharf-sandbox --example detonate_corpus -- DIR [WORKERS]`
//! (see bench/detonate.sh, which fetches the corpus first).

use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use wharf_policy::Verdict;
use wharf_sandbox::{Sandbox, SandboxConfig};

struct Row {
    file: String,
    seconds: f64,
    fetch_seconds: f64,
    verdict: Verdict,
    built: bool,
    not_run: Option<String>,
    evidence: String,
}

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().expect("usage: detonate_corpus DIR [WORKERS]"));
    let workers: usize = args
        .next()
        .map_or(1, |w| w.parse().expect("WORKERS is a number"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "crate"))
        .collect();
    files.sort();
    let work_dir = std::env::var_os("WHARF_SANDBOX_WORK_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("wharf-detonate-corpus"));
    let sandbox = Arc::new(Sandbox::probe(SandboxConfig::new(work_dir)).expect("a sandbox"));
    eprintln!(
        "{} crates, {workers} at once; limits {}",
        files.len(),
        sandbox.enforced()
    );
    let queue = Arc::new(Mutex::new(files));
    let rows = Arc::new(Mutex::new(Vec::new()));
    let started = Instant::now();
    let threads: Vec<_> = (0..workers)
        .map(|_| {
            let (queue, rows, sandbox) = (queue.clone(), rows.clone(), sandbox.clone());
            std::thread::spawn(move || loop {
                let Some(path) = queue.lock().unwrap().pop() else {
                    return;
                };
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                let bytes = std::fs::read(&path).unwrap();
                let row = match sandbox.detonate(&bytes) {
                    Ok(d) => Row {
                        file,
                        seconds: d.seconds,
                        fetch_seconds: d.fetch_seconds,
                        verdict: wharf_policy::verdict::fold(&d.findings),
                        built: d.built,
                        not_run: d.not_run,
                        evidence: d
                            .findings
                            .iter()
                            .map(|f| format!("{} {}: {}", f.severity.as_str(), f.rule, f.evidence))
                            .collect::<Vec<_>>()
                            .join(" | "),
                    },
                    Err(error) => Row {
                        file,
                        seconds: 0.0,
                        fetch_seconds: 0.0,
                        verdict: Verdict::Allow,
                        built: false,
                        not_run: Some(error.to_string()),
                        evidence: String::new(),
                    },
                };
                println!(
                    "{:<6} {:>7.1}s {:>6.1}s fetch {:<8} {} {}",
                    row.verdict.as_str().to_uppercase(),
                    row.seconds,
                    row.fetch_seconds,
                    if row.not_run.is_some() {
                        "NOT-RUN"
                    } else if row.built {
                        "built"
                    } else {
                        "failed"
                    },
                    row.file,
                    if row.evidence.is_empty() {
                        row.not_run.clone().unwrap_or_default()
                    } else {
                        row.evidence.clone()
                    }
                );
                rows.lock().unwrap().push(row);
            })
        })
        .collect();
    for thread in threads {
        thread.join().unwrap();
    }
    let total = started.elapsed().as_secs_f64();
    let rows = rows.lock().unwrap();
    let mut run: Vec<f64> = rows
        .iter()
        .filter(|r| r.not_run.is_none())
        .map(|r| r.seconds)
        .collect();
    run.sort_by(|a, b| a.total_cmp(b));
    let mut builds: Vec<f64> = rows
        .iter()
        .filter(|r| r.not_run.is_none())
        .map(|r| r.seconds - r.fetch_seconds)
        .collect();
    builds.sort_by(|a, b| a.total_cmp(b));
    let pct = |v: &[f64], p: f64| {
        v.get(((v.len() as f64 - 1.0) * p).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    let count = |verdict| rows.iter().filter(|r| r.verdict == verdict).count();
    println!();
    println!(
        "crates: {}  run: {}  not run: {}  built: {}  build failed: {}",
        rows.len(),
        run.len(),
        rows.iter().filter(|r| r.not_run.is_some()).count(),
        rows.iter().filter(|r| r.built).count(),
        rows.iter()
            .filter(|r| r.not_run.is_none() && !r.built)
            .count()
    );
    println!(
        "verdicts: allow {}  flag {}  hold {}",
        count(Verdict::Allow),
        count(Verdict::Flag),
        count(Verdict::Hold)
    );
    println!(
        "per crate (fetch + sandboxed build): median {:.1} s  p90 {:.1} s  max {:.1} s",
        pct(&run, 0.5),
        pct(&run, 0.9),
        pct(&run, 1.0)
    );
    println!(
        "sandboxed build alone:               median {:.1} s  p90 {:.1} s  max {:.1} s",
        pct(&builds, 0.5),
        pct(&builds, 0.9),
        pct(&builds, 1.0)
    );
    println!(
        "wall time {total:.0} s with {workers} at once: {:.1} crates per minute",
        rows.len() as f64 * 60.0 / total
    );
}
