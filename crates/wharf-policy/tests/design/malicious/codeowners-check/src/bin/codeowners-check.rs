use std::env;
use std::process::ExitCode;

use codeowners_check::Checker;

fn main() -> ExitCode {
    let mut base = String::from("origin/main");
    let mut fail_unowned = false;
    let mut args = env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--base" => base = args.next().unwrap_or(base),
            "--fail-unowned" => fail_unowned = true,
            "-h" | "--help" => {
                println!("usage: codeowners-check [--base REV] [--fail-unowned]");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("unknown argument: {other}");
                return ExitCode::from(2);
            }
        }
    }
    let mut checker = match Checker::open(".") {
        Ok(c) => c,
        Err(e) => {
            eprintln!("codeowners-check: {e}");
            return ExitCode::from(2);
        }
    };
    let changed = match checker.changed_since(&base) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("codeowners-check: {e}");
            return ExitCode::from(2);
        }
    };
    let width = changed.keys().map(|k| k.len()).max().unwrap_or(0);
    let mut unowned = 0;
    for (path, owners) in &changed {
        if owners.is_empty() {
            unowned += 1;
            println!("{path:width$}  (unowned)");
        } else {
            println!("{path:width$}  {}", owners.join(" "));
        }
    }
    if fail_unowned && unowned > 0 {
        eprintln!("{unowned} changed file(s) have no owner");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
