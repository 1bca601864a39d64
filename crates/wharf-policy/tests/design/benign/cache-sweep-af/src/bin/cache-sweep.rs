//! `cache-sweep` command line tool.

use cache_sweep_af::{human_bytes, parse_age, parse_size, Policy, Reason, Sweeper};
use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
usage: cache-sweep (--app NAME | --dir PATH --app NAME) [--older-than AGE] [--max-size SIZE]
                   [--delete] [--yes] [--verbose]

Plans (and with --delete, performs) removal of stale files in an application's
cache directory. Without --delete nothing is changed.

  --app NAME         application name; selects $XDG_CACHE_HOME/NAME (or platform equivalent)
  --dir PATH         explicit cache directory; its last component must be NAME
  --older-than AGE   e.g. 30d, 12h
  --max-size SIZE    e.g. 2GiB; evict oldest files until below
  --delete           actually remove files (asks for confirmation)
  --yes              do not ask for confirmation (for scripts)
  --verbose          list every file in the plan
";

struct Args {
    app: Option<String>,
    dir: Option<PathBuf>,
    older: Option<String>,
    max: Option<String>,
    delete: bool,
    yes: bool,
    verbose: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut a = Args { app: None, dir: None, older: None, max: None, delete: false, yes: false, verbose: false };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut val = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match arg.as_str() {
            "--app" => a.app = Some(val("--app")?),
            "--dir" => a.dir = Some(PathBuf::from(val("--dir")?)),
            "--older-than" => a.older = Some(val("--older-than")?),
            "--max-size" => a.max = Some(val("--max-size")?),
            "--delete" => a.delete = true,
            "--yes" | "-y" => a.yes = true,
            "--verbose" | "-v" => a.verbose = true,
            "--help" | "-h" => return Err(String::new()),
            other => return Err(format!("unknown argument {other:?}")),
        }
    }
    Ok(a)
}

fn confirm(prompt: &str) -> bool {
    print!("{prompt} [y/N] ");
    let _ = io::stdout().flush();
    let mut line = String::new();
    if io::stdin().lock().read_line(&mut line).is_err() {
        return false;
    }
    matches!(line.trim(), "y" | "Y" | "yes" | "YES")
}

fn main() -> ExitCode {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("error: {e}");
            }
            eprint!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    let Some(app) = args.app.as_deref() else {
        eprint!("error: --app is required\n{USAGE}");
        return ExitCode::from(2);
    };
    let sweeper = match &args.dir {
        Some(d) => Sweeper::for_dir_named(d.clone(), app),
        None => Sweeper::for_app(app),
    };
    let sweeper = match sweeper {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let max_age = match args.older.as_deref().map(parse_age) {
        Some(None) => {
            eprintln!("error: bad --older-than value");
            return ExitCode::from(2);
        }
        Some(Some(d)) => Some(d),
        None => None,
    };
    let max_total = match args.max.as_deref().map(parse_size) {
        Some(None) => {
            eprintln!("error: bad --max-size value");
            return ExitCode::from(2);
        }
        Some(Some(n)) => Some(n),
        None => None,
    };
    if max_age.is_none() && max_total.is_none() {
        eprintln!("error: give --older-than and/or --max-size");
        return ExitCode::from(2);
    }

    let plan = match sweeper.policy(Policy { max_age, max_total }).plan() {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    println!(
        "{}: {} in cache, {} file(s) / {} selected",
        plan.root.display(),
        human_bytes(plan.total_before),
        plan.files.len(),
        human_bytes(plan.bytes)
    );
    if args.verbose {
        for c in &plan.files {
            let why = match c.reason {
                Reason::Age => "age",
                Reason::Size => "size",
            };
            println!("  [{why}] {} ({})", c.path.display(), human_bytes(c.size));
        }
    }
    if plan.is_empty() {
        return ExitCode::SUCCESS;
    }
    if !args.delete {
        println!("dry run: nothing removed (pass --delete to remove)");
        return ExitCode::SUCCESS;
    }
    if !args.yes && !confirm(&format!("Delete {} files ({})?", plan.files.len(), human_bytes(plan.bytes))) {
        println!("aborted");
        return ExitCode::SUCCESS;
    }
    let r = plan.execute();
    println!("removed {} file(s), freed {}, pruned {} empty dir(s)", r.removed, human_bytes(r.freed), r.dirs_pruned);
    for (p, why) in &r.skipped {
        eprintln!("skipped {}: {why}", p.display());
    }
    ExitCode::SUCCESS
}
