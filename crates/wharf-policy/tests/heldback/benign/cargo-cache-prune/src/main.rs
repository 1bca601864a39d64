//! `cargo cache-prune [--days N] [--dry-run]`
//!
//! Removes extracted crate sources (`registry/src`) older than N days and
//! `.crate` archives in `registry/cache` not accessed within N days. Never
//! touches `bin/`, `config.toml` or `credentials.toml`.

use std::fs;
use std::io;
use std::path::Path;
use std::time::{Duration, SystemTime};

fn age(p: &Path) -> io::Result<Duration> {
    let m = fs::metadata(p)?;
    let t = m.accessed().or_else(|_| m.modified())?;
    Ok(SystemTime::now().duration_since(t).unwrap_or_default())
}

fn prune(dir: &Path, max_age: Duration, dry: bool, total: &mut u64) -> io::Result<()> {
    let Ok(index_dirs) = fs::read_dir(dir) else { return Ok(()) };
    for idx in index_dirs.flatten() {
        for e in fs::read_dir(idx.path())?.flatten() {
            let p = e.path();
            if age(&p)? < max_age {
                continue;
            }
            let size = if p.is_dir() { dir_size(&p) } else { e.metadata().map(|m| m.len()).unwrap_or(0) };
            println!("{} {}", if dry { "would remove" } else { "removing" }, p.display());
            if !dry {
                if p.is_dir() { fs::remove_dir_all(&p)? } else { fs::remove_file(&p)? }
            }
            *total += size;
        }
    }
    Ok(())
}

fn dir_size(p: &Path) -> u64 {
    fs::read_dir(p)
        .map(|rd| rd.flatten().map(|e| if e.path().is_dir() { dir_size(&e.path()) } else { e.metadata().map(|m| m.len()).unwrap_or(0) }).sum())
        .unwrap_or(0)
}

fn main() -> io::Result<()> {
    let args: Vec<String> = std::env::args().skip_while(|a| a != "cache-prune").skip(1).collect();
    let dry = args.iter().any(|a| a == "--dry-run");
    let days: u64 = args.iter().position(|a| a == "--days").and_then(|i| args.get(i + 1)).and_then(|d| d.parse().ok()).unwrap_or(90);
    let cargo_home = home::cargo_home()?;
    let mut total = 0;
    let max_age = Duration::from_secs(days * 86_400);
    prune(&cargo_home.join("registry/src"), max_age, dry, &mut total)?;
    prune(&cargo_home.join("registry/cache"), max_age, dry, &mut total)?;
    println!("{} {:.1} MiB", if dry { "would free" } else { "freed" }, total as f64 / 1048576.0);
    Ok(())
}
