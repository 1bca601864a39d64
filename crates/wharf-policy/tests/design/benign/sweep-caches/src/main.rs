use clap::Parser;
use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

#[derive(Parser)]
#[command(version, about)]
struct Args {
    /// Directory to search
    root: PathBuf,
    /// Only directories not modified for this many days
    #[arg(long, default_value_t = 30)]
    older_than: u64,
    /// List only, never delete
    #[arg(long)]
    dry_run: bool,
    /// Do not ask for confirmation
    #[arg(long)]
    yes: bool,
}

const KINDS: &[(&str, &[&str])] = &[
    ("target", &["Cargo.toml"]),
    ("node_modules", &["package.json"]),
    ("__pycache__", &[]),
    (".gradle", &["build.gradle", "build.gradle.kts", "settings.gradle"]),
    (".tox", &["tox.ini"]),
];

struct Found {
    path: PathBuf,
    size: u64,
    age_days: u64,
}

fn dir_size(p: &Path) -> u64 {
    let Ok(rd) = fs::read_dir(p) else { return 0 };
    rd.flatten()
        .map(|e| match e.file_type() {
            Ok(t) if t.is_dir() => dir_size(&e.path()),
            Ok(t) if t.is_file() => e.metadata().map(|m| m.len()).unwrap_or(0),
            _ => 0,
        })
        .sum()
}

fn newest_mtime(p: &Path) -> SystemTime {
    fs::metadata(p).and_then(|m| m.modified()).unwrap_or(SystemTime::UNIX_EPOCH)
}

fn search(dir: &Path, min_age: Duration, out: &mut Vec<Found>) {
    let Ok(rd) = fs::read_dir(dir) else { return };
    for e in rd.flatten() {
        let Ok(t) = e.file_type() else { continue };
        if !t.is_dir() || t.is_symlink() {
            continue;
        }
        let name = e.file_name().to_string_lossy().into_owned();
        let p = e.path();
        if let Some((_, markers)) = KINDS.iter().find(|(k, _)| *k == name) {
            let in_project = markers.is_empty() || markers.iter().any(|m| dir.join(m).exists());
            if in_project {
                let age = SystemTime::now().duration_since(newest_mtime(&p)).unwrap_or_default();
                if age >= min_age {
                    out.push(Found { size: dir_size(&p), age_days: age.as_secs() / 86400, path: p });
                }
                continue;
            }
        }
        if name != ".git" {
            search(&p, min_age, out);
        }
    }
}

fn human(n: u64) -> String {
    let units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let mut f = n as f64;
    let mut i = 0;
    while f >= 1024.0 && i < units.len() - 1 {
        f /= 1024.0;
        i += 1;
    }
    format!("{f:.1} {}", units[i])
}

fn main() -> io::Result<()> {
    let args = Args::parse();
    let mut found = Vec::new();
    search(&args.root, Duration::from_secs(args.older_than * 86400), &mut found);
    found.sort_by(|a, b| b.size.cmp(&a.size));
    let total: u64 = found.iter().map(|f| f.size).sum();
    for f in &found {
        println!("{:>10}  {}  (last used {} days ago)", human(f.size), f.path.display(), f.age_days);
    }
    if found.is_empty() {
        println!("nothing to clean");
        return Ok(());
    }
    if args.dry_run {
        println!("Total {} in {} directories (dry run).", human(total), found.len());
        return Ok(());
    }
    if !args.yes {
        print!("Total {} in {} directories. Delete them? [y/N] ", human(total), found.len());
        io::stdout().flush()?;
        let mut line = String::new();
        io::stdin().lock().read_line(&mut line)?;
        if !matches!(line.trim(), "y" | "Y" | "yes") {
            println!("aborted");
            return Ok(());
        }
    }
    for f in &found {
        match fs::remove_dir_all(&f.path) {
            Ok(()) => println!("removed {}", f.path.display()),
            Err(e) => eprintln!("failed to remove {}: {e}", f.path.display()),
        }
    }
    Ok(())
}
