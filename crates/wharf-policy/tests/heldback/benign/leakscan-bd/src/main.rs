//! `leakscan` command-line interface.

use std::path::PathBuf;
use std::process::ExitCode;

use leakscan::{report, Scanner, WalkOptions};

const USAGE: &str = "usage: leakscan [--format text|json] [--max-size BYTES] [--exclude PATTERN]... [--baseline FILE] [--list-rules] PATH...";

enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let mut format = Format::Text;
    let mut walk = WalkOptions::default();
    let mut baseline = None;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--format" => match args.next().as_deref() {
                Some("text") => format = Format::Text,
                Some("json") => format = Format::Json,
                _ => {
                    eprintln!("{}", USAGE);
                    return ExitCode::from(2);
                }
            },
            "--max-size" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => walk.max_size = n,
                None => {
                    eprintln!("--max-size needs a number\n{}", USAGE);
                    return ExitCode::from(2);
                }
            },
            "--exclude" => match args.next() {
                Some(p) => walk.exclude_globs.push(p),
                None => {
                    eprintln!("{}", USAGE);
                    return ExitCode::from(2);
                }
            },
            "--baseline" => baseline = args.next().map(PathBuf::from),
            "--list-rules" => {
                for id in Scanner::default().rule_ids() {
                    println!("{}", id);
                }
                return ExitCode::SUCCESS;
            }
            "-h" | "--help" => {
                println!("{}", USAGE);
                return ExitCode::SUCCESS;
            }
            s if s.starts_with("--") => {
                eprintln!("unknown option {}\n{}", s, USAGE);
                return ExitCode::from(2);
            }
            _ => paths.push(PathBuf::from(a)),
        }
    }
    if paths.is_empty() {
        paths.push(PathBuf::from("."));
    }
    let mut scanner = Scanner::default().walk_options(walk);
    if let Some(b) = baseline {
        match std::fs::read_to_string(&b) {
            Ok(t) => scanner = scanner.baseline_from_str(&t),
            Err(e) => {
                eprintln!("leakscan: cannot read baseline {}: {}", b.display(), e);
                return ExitCode::from(2);
            }
        }
    }
    let mut findings = Vec::new();
    for p in &paths {
        match scanner.scan_path(p) {
            Ok(f) => findings.extend(f),
            Err(e) => {
                eprintln!("leakscan: {}: {}", p.display(), e);
                return ExitCode::from(2);
            }
        }
    }
    match format {
        Format::Text => print!("{}", report::text(&findings)),
        Format::Json => print!("{}", report::json_lines(&findings)),
    }
    if findings.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
