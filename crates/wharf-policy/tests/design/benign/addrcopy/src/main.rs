use addrcopy::{copy_verified, CopyOptions, CopyOutcome, GuardError};
use std::process::ExitCode;
use std::time::Duration;

const USAGE: &str = "\
usage: addrcopy [--watch SECS] [--clear-after SECS] ADDRESS
       addrcopy check

Validates ADDRESS, copies it to the clipboard and watches the clipboard for
substitution by a clipboard hijacker. `check` validates the current content.";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut opts = CopyOptions::default();
    let mut addr = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "-h" | "--help" => {
                println!("{}", USAGE);
                return ExitCode::SUCCESS;
            }
            "--watch" => match args.next().and_then(|v| v.parse().ok()) {
                Some(s) => opts.watch_for = Duration::from_secs(s),
                None => return usage(),
            },
            "--clear-after" => match args.next().and_then(|v| v.parse().ok()) {
                Some(s) => opts.clear_after = Some(Duration::from_secs(s)),
                None => return usage(),
            },
            "check" if addr.is_none() => return check(),
            _ if addr.is_none() && !a.starts_with('-') => addr = Some(a),
            _ => return usage(),
        }
    }
    let Some(addr) = addr else { return usage() };
    eprint!("validating ... ");
    match copy_verified(&addr, &opts) {
        Ok((a, CopyOutcome::Intact)) => {
            eprintln!("copied {}; clipboard unchanged for {}s, ok", a, opts.watch_for.as_secs());
            ExitCode::SUCCESS
        }
        Ok((a, CopyOutcome::Replaced)) => {
            eprintln!("copied {}; the clipboard was overwritten by something else afterwards", a);
            ExitCode::SUCCESS
        }
        Err(e @ GuardError::Hijacked { .. }) => {
            eprintln!();
            eprintln!("{}", e);
            ExitCode::from(3)
        }
        Err(e) => {
            eprintln!("{}", e);
            ExitCode::FAILURE
        }
    }
}

fn check() -> ExitCode {
    match addrcopy::guard::check_clipboard() {
        Ok(Ok(a)) => {
            println!("clipboard holds a valid address: {}", a);
            ExitCode::SUCCESS
        }
        Ok(Err(e)) => {
            println!("clipboard does not hold a valid address: {}", e);
            ExitCode::from(2)
        }
        Err(e) => {
            eprintln!("{}", e);
            ExitCode::FAILURE
        }
    }
}

fn usage() -> ExitCode {
    eprintln!("{}", USAGE);
    ExitCode::from(2)
}
