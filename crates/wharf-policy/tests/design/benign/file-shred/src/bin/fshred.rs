use std::io::{self, BufRead, Write};
use std::process::ExitCode;

use file_shred::{media_warning, non_interactive, shred, Options};

const USAGE: &str = "usage: fshred [-n PASSES] [--zero] [-r] [--keep] [--yes] PATH...";

fn main() -> ExitCode {
    let mut opts = Options::default();
    let mut yes = false;
    let mut paths = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-n" => match args.next().and_then(|n| n.parse().ok()) {
                Some(n) => opts = opts.passes(n),
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--zero" | "-z" => opts = opts.zero_last(true),
            "-r" | "--recursive" => opts = opts.recursive(true),
            "--keep" => opts = opts.keep(true),
            "--yes" | "-y" => yes = true,
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            _ => paths.push(a),
        }
    }
    if paths.is_empty() {
        eprintln!("{USAGE}");
        return ExitCode::from(2);
    }
    if !yes && non_interactive() {
        eprintln!("fshred: not a terminal (or CI detected); pass --yes to confirm non-interactively");
        return ExitCode::from(2);
    }
    let mut failed = false;
    for p in &paths {
        if let Some(w) = media_warning(p.as_ref()) {
            eprintln!("fshred: warning: {w}");
        }
        if !yes && !confirm(p) {
            eprintln!("fshred: skipped {p}");
            continue;
        }
        match shred(p, &opts) {
            Ok(s) => eprintln!("fshred: {p}: {} file(s), {} bytes written", s.files, s.bytes_written),
            Err(e) => {
                eprintln!("fshred: {e}");
                failed = true;
            }
        }
    }
    if failed { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn confirm(p: &str) -> bool {
    eprint!("fshred: permanently destroy {p}? [y/N] ");
    let _ = io::stderr().flush();
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line).is_ok() && matches!(line.trim(), "y" | "Y" | "yes")
}
