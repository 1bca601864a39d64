use std::path::{Path, PathBuf};
use std::process::ExitCode;

use lintkit::{lockfile, plugin};

fn markdown_files(root: &Path, out: &mut Vec<PathBuf>) {
    if root.is_file() {
        out.push(root.to_path_buf());
        return;
    }
    let Ok(rd) = std::fs::read_dir(root) else { return };
    for e in rd.flatten() {
        let p = e.path();
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        if p.is_dir() {
            markdown_files(&p, out);
        } else if p.extension().map_or(false, |x| x == "md" || x == "markdown") {
            out.push(p);
        }
    }
}

fn run() -> anyhow::Result<bool> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cfg = lockfile::load(Path::new("lintkit.toml"))?;
    match args.first().map(String::as_str) {
        Some("plugins") if args.get(1).map(String::as_str) == Some("fetch") => {
            plugin::fetch_all(&cfg.plugins)?;
            Ok(true)
        }
        Some("check") | None => {
            let mut plugins = Vec::new();
            for spec in &cfg.plugins {
                plugins.push(plugin::Plugin::load(spec)?);
            }
            let roots: Vec<PathBuf> = if args.len() > 1 {
                args[1..].iter().map(PathBuf::from).collect()
            } else {
                vec![PathBuf::from(".")]
            };
            let mut files = Vec::new();
            for r in &roots {
                markdown_files(r, &mut files);
            }
            let mut clean = true;
            for f in files {
                let text = std::fs::read_to_string(&f)?;
                for d in lintkit::check(&text, &cfg.settings, &mut plugins) {
                    clean = false;
                    println!("{}:{}", f.display(), d);
                }
            }
            Ok(clean)
        }
        Some(other) => anyhow::bail!("unknown command {other:?}; use `check [paths]` or `plugins fetch`"),
    }
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("lintkit: {e:#}");
            ExitCode::from(2)
        }
    }
}
