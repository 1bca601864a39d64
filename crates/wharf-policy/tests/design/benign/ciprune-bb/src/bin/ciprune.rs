use ciprune::{ci, human_bytes, Mode, Plan};
use std::process::ExitCode;

const USAGE: &str = "usage: ciprune [--days N] [--keep N] [--apply] [--even-locally] ROOT...

Removes direct children of each ROOT not modified for N days (default 14).
Dry run unless --apply. Outside CI, --apply does nothing without --even-locally.";

fn main() -> ExitCode {
    let mut plan = Plan::new();
    let mut mode = Mode::DryRun;
    let mut roots = 0;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--days" => match args.next().and_then(|v| v.parse().ok()) {
                Some(d) => plan = plan.max_age_days(d),
                None => return usage(),
            },
            "--keep" => match args.next().and_then(|v| v.parse().ok()) {
                Some(k) => plan = plan.keep_newest(k),
                None => return usage(),
            },
            "--apply" => mode = Mode::Apply,
            "--even-locally" => plan = plan.even_locally(true),
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            s if s.starts_with('-') => return usage(),
            root => {
                plan = plan.root(root);
                roots += 1;
            }
        }
    }
    if roots == 0 {
        return usage();
    }

    match ci::detect() {
        Some(p) => eprintln!("ciprune: running on {}", p.name()),
        None => eprintln!("ciprune: not on CI"),
    }
    let report = match plan.run(mode) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("ciprune: {e}");
            return ExitCode::from(2);
        }
    };
    let verb = if report.applied { "removed" } else { "would remove" };
    for e in &report.entries {
        println!("{verb} {} ({}, {} days old)", e.path.display(), human_bytes(e.bytes), e.age.as_secs() / 86_400);
    }
    println!("{verb} {} entries, {}", report.entries.len(), human_bytes(report.bytes));
    if let Some(why) = &report.skipped_reason {
        eprintln!("ciprune: nothing deleted: {why}");
    }
    for (p, err) in &report.failures {
        eprintln!("ciprune: {}: {err}", p.display());
    }
    if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

fn usage() -> ExitCode {
    eprintln!("{USAGE}");
    ExitCode::from(2)
}
