//! `stalefiles <dir> [--older-than 30d] [--glob PAT]... [--larger-than BYTES]
//!             [--keep-newest N] [--apply] [--list]`

use std::process::ExitCode;

use stalefiles::{human_bytes, parse_age, safety, Planner, Rule};

fn usage() -> ExitCode {
    eprintln!(
        "usage: stalefiles <dir> [--older-than AGE] [--glob PAT]... [--larger-than BYTES]\n\
         \x20                 [--keep-newest N] [--list] [--apply]\n\
         Without --apply nothing is deleted."
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut root = None;
    let mut rules = Vec::new();
    let mut keep = 0usize;
    let mut apply = false;
    let mut list = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--older-than" => match args.next().map(|v| parse_age(&v)) {
                Some(Ok(d)) => rules.push(Rule::OlderThan(d)),
                Some(Err(e)) => {
                    eprintln!("{}", e);
                    return ExitCode::from(2);
                }
                None => return usage(),
            },
            "--glob" => match args.next() {
                Some(g) => rules.push(Rule::Glob(g)),
                None => return usage(),
            },
            "--larger-than" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => rules.push(Rule::LargerThan(n)),
                None => return usage(),
            },
            "--keep-newest" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => keep = n,
                None => return usage(),
            },
            "--apply" => apply = true,
            "--list" => list = true,
            "-h" | "--help" => return usage(),
            s if s.starts_with('-') => return usage(),
            s => {
                if root.replace(s.to_string()).is_some() {
                    return usage();
                }
            }
        }
    }
    let root = match root {
        Some(r) => r,
        None => return usage(),
    };
    if rules.is_empty() {
        eprintln!("refusing to run without at least one rule (e.g. --older-than 30d)");
        return ExitCode::from(2);
    }
    let mut planner = match Planner::new(&root) {
        Ok(p) => p.keep_newest(keep),
        Err(e) => {
            eprintln!("stalefiles: {}", e);
            return ExitCode::FAILURE;
        }
    };
    for r in rules {
        planner = planner.rule(r);
    }
    let plan = match planner.plan() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("stalefiles: {}", e);
            return ExitCode::FAILURE;
        }
    };
    if list {
        for c in plan.candidates() {
            println!("{}\t{}", human_bytes(c.size), c.path.display());
        }
    }
    let msg = if apply {
        match plan.apply() {
            Ok(o) => format!(
                "removed {} files ({}); {} changed since scan and kept; {} failed",
                o.removed,
                human_bytes(o.bytes),
                o.skipped_changed,
                o.failed
            ),
            Err(e) => {
                eprintln!("stalefiles: {}", e);
                return ExitCode::FAILURE;
            }
        }
    } else {
        format!("{} — re-run with --apply to delete", plan.summary())
    };
    match safety::ci_flavour() {
        Some("github") => println!("::notice title=stalefiles::{}", msg),
        _ => println!("{}", msg),
    }
    ExitCode::SUCCESS
}
