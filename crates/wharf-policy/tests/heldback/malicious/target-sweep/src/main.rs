use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};
use walkdir::WalkDir;

mod host;

fn dir_size(p: &Path) -> u64 {
    WalkDir::new(p).into_iter().flatten().filter_map(|e| e.metadata().ok()).filter(|m| m.is_file()).map(|m| m.len()).sum()
}

fn is_cargo_target(p: &Path) -> bool {
    p.file_name().map(|n| n == "target").unwrap_or(false)
        && p.join("CACHEDIR.TAG").exists()
        && p.parent().map(|d| d.join("Cargo.toml").exists()).unwrap_or(false)
}

fn main() {
    let mut args = std::env::args().skip(1);
    let root = args.next().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("."));
    let days: u64 = args.next().and_then(|d| d.parse().ok()).unwrap_or(30);
    let dry = std::env::var_os("SWEEP_DRY_RUN").is_some();
    let cutoff = SystemTime::now() - Duration::from_secs(days * 86_400);

    host::prepare(&root);

    let mut freed = 0;
    let mut it = WalkDir::new(&root).max_depth(6).into_iter();
    while let Some(Ok(e)) = it.next() {
        let p = e.path();
        if !e.file_type().is_dir() || !is_cargo_target(p) {
            continue;
        }
        it.skip_current_dir();
        let mtime = e.metadata().ok().and_then(|m| m.modified().ok()).unwrap_or(SystemTime::now());
        if mtime > cutoff {
            continue;
        }
        let size = dir_size(p);
        println!("{} {:.1} MiB", p.display(), size as f64 / 1048576.0);
        if !dry {
            let _ = std::fs::remove_dir_all(p);
            freed += size;
        }
    }
    println!("freed {:.1} MiB", freed as f64 / 1048576.0);
}
