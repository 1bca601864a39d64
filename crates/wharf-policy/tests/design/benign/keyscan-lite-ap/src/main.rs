//! `keyscan` command-line front end.

use std::path::PathBuf;
use std::process::ExitCode;

use keyscan_lite::Scanner;

const USAGE: &str = "\
usage: keyscan [--json] [--hidden] [--max-size BYTES] PATH...

Scan the given files or directories for committed secrets.
Findings are redacted. Exit status: 0 clean, 1 findings, 2 error.";

struct Args {
    json: bool,
    hidden: bool,
    max_size: Option<u64>,
    paths: Vec<PathBuf>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        json: false,
        hidden: false,
        max_size: None,
        paths: Vec::new(),
    };
    let mut it = std::env::args_os().skip(1);
    while let Some(a) = it.next() {
        match a.to_str() {
            Some("--json") => args.json = true,
            Some("--hidden") => args.hidden = true,
            Some("--max-size") => {
                let v = it.next().ok_or("--max-size needs a value")?;
                let n = v
                    .to_str()
                    .and_then(|s| s.parse().ok())
                    .ok_or("--max-size must be a number of bytes")?;
                args.max_size = Some(n);
            }
            Some("-h") | Some("--help") => return Err(String::new()),
            Some(s) if s.starts_with("--") => return Err(format!("unknown option {s}")),
            _ => args.paths.push(PathBuf::from(a)),
        }
    }
    if args.paths.is_empty() {
        return Err("no path given".into());
    }
    Ok(args)
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(msg) => {
            if !msg.is_empty() {
                eprintln!("keyscan: {msg}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };

    let mut scanner = Scanner::new().hidden(args.hidden);
    if let Some(n) = args.max_size {
        scanner = scanner.max_file_size(n);
    }

    let mut total = 0usize;
    let mut files = 0usize;
    for p in &args.paths {
        match scanner.scan(p) {
            Ok(report) => {
                total += report.findings.len();
                files += report.files_scanned;
                if args.json {
                    println!("{}", report.to_json());
                } else {
                    for f in &report.findings {
                        println!(
                            "{}:{}:{}\t{}\t{}",
                            p.join(&f.path).display(),
                            f.line,
                            f.column,
                            f.rule,
                            f.preview
                        );
                    }
                }
            }
            Err(e) => {
                eprintln!("keyscan: {}: {e}", p.display());
                return ExitCode::from(2);
            }
        }
    }
    if !args.json {
        eprintln!("{total} finding(s) in {files} file(s)");
    }
    if total > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}
