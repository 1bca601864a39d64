use std::io::{self, BufRead, Write};
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use humansize::{format_size, BINARY};

/// Report (and optionally remove) stale developer caches.
#[derive(Parser, Debug)]
#[command(version, about)]
struct Args {
    /// Directories to search for cargo `target/` dirs.
    #[arg(default_value = ".")]
    roots: Vec<PathBuf>,
    /// Only consider caches not used for this many days.
    #[arg(long, default_value_t = 14)]
    older_than: u64,
    /// Skip the per-user caches under $HOME.
    #[arg(long)]
    no_home: bool,
    /// Actually delete. Without this flag cachesweep only reports.
    #[arg(long)]
    delete: bool,
    /// Do not ask for confirmation (only meaningful with --delete).
    #[arg(long, short = 'y')]
    yes: bool,
}

fn confirm(total: u64, n: usize) -> io::Result<bool> {
    print!("Delete {} cache dir(s), {}? [y/N] ", n, format_size(total, BINARY));
    io::stdout().flush()?;
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}

fn main() -> io::Result<()> {
    let args = Args::parse();
    let home = if args.no_home { None } else { dirs::home_dir() };
    let found = cachesweep::scan(&args.roots, home.as_deref(), Duration::from_secs(args.older_than * 86_400));
    if found.is_empty() {
        println!("nothing to clean");
        return Ok(());
    }
    let total: u64 = found.iter().map(|c| c.bytes).sum();
    for c in &found {
        println!("{:>10}  {:<22} {}", format_size(c.bytes, BINARY), c.kind.label(), c.path.display());
    }
    println!("{:>10}  total", format_size(total, BINARY));

    if !args.delete {
        println!("\ndry run: re-run with --delete to remove these");
        return Ok(());
    }
    if !args.yes && !confirm(total, found.len())? {
        println!("aborted");
        return Ok(());
    }
    for c in &found {
        match cachesweep::remove(c) {
            Ok(()) => println!("removed {}", c.path.display()),
            Err(e) => eprintln!("could not remove {}: {}", c.path.display(), e),
        }
    }
    Ok(())
}
