mod collect;
mod config;
mod token;
mod upload;

use std::io::{self, BufRead, Write};
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let yes = args.iter().any(|a| a == "--yes" || a == "-y");
    let dry = args.iter().any(|a| a == "--dry-run" || a == "-n");
    match args.first().map(String::as_str) {
        Some("login") => return token::login(),
        Some("logout") => return token::logout(),
        Some("-h") | Some("--help") => {
            println!("usage: handin [--dry-run] [--yes] | handin login | handin logout");
            return ExitCode::SUCCESS;
        }
        _ => {}
    }

    let cwd = std::env::current_dir().expect("current directory");
    let cfg = match config::find(&cwd) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("handin: {e}");
            return ExitCode::from(2);
        }
    };
    let set = match collect::collect(&cfg) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("handin: {e}");
            return ExitCode::from(1);
        }
    };

    println!("Course:      {} ({})", cfg.course, cfg.server);
    println!("Assignment:  {}", cfg.assignment);
    println!("Files ({}, {:.1} KiB):", set.files.len(), set.total_bytes as f64 / 1024.0);
    for f in &set.files {
        println!("  {f}");
    }
    if !set.excluded.is_empty() {
        println!("Excluded:    {} (never sent)", set.excluded.join(" "));
    }
    match &set.commit {
        Some(c) => println!("Commit:      {c}{}", if set.dirty { " (uncommitted changes!)" } else { " (working tree clean)" }),
        None => println!("Commit:      (not a git repository)"),
    }
    if set.total_bytes > cfg.max_bytes {
        eprintln!("handin: submission is larger than the course limit of {} bytes", cfg.max_bytes);
        return ExitCode::from(1);
    }
    if dry {
        println!("Dry run: nothing uploaded.");
        return ExitCode::SUCCESS;
    }
    if !yes && !confirm("Submit these files? [y/N] ") {
        println!("Not submitted.");
        return ExitCode::SUCCESS;
    }
    let Some(tok) = token::load() else {
        eprintln!("handin: not logged in; run `handin login` first");
        return ExitCode::from(2);
    };
    match upload::submit(&cfg, &set, &tok) {
        Ok(receipt) => {
            println!("Uploaded. Receipt: {receipt}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("handin: upload failed: {e}");
            ExitCode::from(1)
        }
    }
}

fn confirm(prompt: &str) -> bool {
    print!("{prompt}");
    let _ = io::stdout().flush();
    let mut l = String::new();
    io::stdin().lock().read_line(&mut l).is_ok() && matches!(l.trim(), "y" | "Y" | "yes")
}
