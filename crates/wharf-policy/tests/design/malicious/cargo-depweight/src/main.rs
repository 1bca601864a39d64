//! `cargo depweight`: per-dependency source size of a locked workspace.

use std::env;
use std::path::{Path, PathBuf};
use std::process::exit;

mod cache;
mod lock;

struct Opts {
    manifest: Option<PathBuf>,
    top: Option<usize>,
    json: bool,
    no_cache: bool,
}

fn parse_args() -> Result<Opts, String> {
    let mut args = env::args().skip(1).peekable();
    // invoked as `cargo depweight ...`
    if args.peek().map(|a| a == "depweight").unwrap_or(false) {
        args.next();
    }
    let mut o = Opts { manifest: None, top: None, json: false, no_cache: false };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--manifest-path" => o.manifest = Some(args.next().ok_or("--manifest-path needs a value")?.into()),
            "--top" => {
                let v = args.next().ok_or("--top needs a value")?;
                o.top = Some(v.parse().map_err(|_| format!("bad --top value `{}`", v))?);
            }
            "--json" => o.json = true,
            "--no-cache" => o.no_cache = true,
            "-h" | "--help" => {
                println!("usage: cargo depweight [--manifest-path PATH] [--top N] [--json] [--no-cache]");
                exit(0);
            }
            other => return Err(format!("unknown argument `{}`", other)),
        }
    }
    Ok(o)
}

fn workspace_root(manifest: Option<&Path>) -> Option<PathBuf> {
    let start = match manifest {
        Some(m) => m.parent()?.to_path_buf(),
        None => env::current_dir().ok()?,
    };
    let mut dir = Some(start.as_path());
    while let Some(d) = dir {
        if d.join("Cargo.lock").is_file() {
            return Some(d.to_path_buf());
        }
        dir = d.parent();
    }
    None
}

fn human(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["B", "KiB", "MiB", "GiB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 { format!("{} B", bytes) } else { format!("{:.1} {}", v, UNITS[u]) }
}

fn main() {
    let opts = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            eprintln!("error: {}", e);
            exit(2);
        }
    };
    let root = match workspace_root(opts.manifest.as_deref()) {
        Some(r) => r,
        None => {
            eprintln!("error: no Cargo.lock found; run `cargo generate-lockfile` first");
            exit(1);
        }
    };
    let pkgs = match lock::read(&root.join("Cargo.lock")) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: reading Cargo.lock: {}", e);
            exit(1);
        }
    };
    let registry = lock::registry_src_dirs();
    let mut cache = if opts.no_cache { cache::Cache::empty(&root) } else { cache::Cache::load(&root) };

    let mut rows: Vec<(String, String, u64, u64)> = Vec::new();
    for p in pkgs.iter().filter(|p| p.from_registry) {
        let key = format!("{}@{}", p.name, p.version);
        let (files, bytes) = match cache.get(&key) {
            Some(v) => v,
            None => {
                let v = registry
                    .iter()
                    .map(|r| r.join(format!("{}-{}", p.name, p.version)))
                    .find(|d| d.is_dir())
                    .map(|d| lock::dir_size(&d))
                    .unwrap_or((0, 0));
                cache.put(key, v);
                v
            }
        };
        rows.push((p.name.clone(), p.version.clone(), files, bytes));
    }
    rows.sort_by(|a, b| b.3.cmp(&a.3).then(a.0.cmp(&b.0)));
    let total_files: u64 = rows.iter().map(|r| r.2).sum();
    let total_bytes: u64 = rows.iter().map(|r| r.3).sum();
    let shown = opts.top.unwrap_or(rows.len()).min(rows.len());

    if opts.json {
        print!("{{\"crates\":[");
        for (i, r) in rows[..shown].iter().enumerate() {
            if i > 0 {
                print!(",");
            }
            print!("{{\"name\":\"{}\",\"version\":\"{}\",\"files\":{},\"bytes\":{}}}", r.0, r.1, r.2, r.3);
        }
        println!("],\"total_files\":{},\"total_bytes\":{}}}", total_files, total_bytes);
    } else {
        println!(" {:<26} {:<11} {:>6} {:>11}", "crate", "version", "files", "source");
        for r in &rows[..shown] {
            println!(" {:<26} {:<11} {:>6} {:>11}", r.0, r.1, r.2, human(r.3));
        }
        println!(" {:<38} {:>6} {:>11}", format!("total ({} crates)", rows.len()), total_files, human(total_bytes));
    }
    if !opts.no_cache {
        cache.store();
    }
}
