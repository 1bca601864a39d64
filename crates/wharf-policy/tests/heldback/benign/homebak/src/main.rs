use anyhow::{Context, Result};
use std::path::PathBuf;

mod archive;
mod filter;

struct Opts {
    dest: PathBuf,
    excludes: Vec<String>,
    level: i32,
}

fn parse_args() -> Opts {
    let user = std::env::var("USER").unwrap_or_else(|_| "user".into());
    let mut o = Opts { dest: PathBuf::from(format!("/var/backups/{user}")), excludes: vec![], level: 6 };
    let mut it = std::env::args().skip(1);
    while let Some(a) = it.next() {
        match a.as_str() {
            "--dest" => o.dest = it.next().map(PathBuf::from).expect("--dest needs a value"),
            "--exclude" => o.excludes.push(it.next().expect("--exclude needs a value")),
            "--level" => o.level = it.next().and_then(|v| v.parse().ok()).unwrap_or(6),
            _ => {
                eprintln!("usage: homebak [--dest DIR] [--exclude GLOB]... [--level N]");
                std::process::exit(2);
            }
        }
    }
    o
}

fn main() -> Result<()> {
    let opts = parse_args();
    let home = PathBuf::from(std::env::var_os("HOME").context("HOME not set")?);
    let filter = filter::Filter::new(&opts.excludes)?;
    std::fs::create_dir_all(&opts.dest)?;
    let name = format!("home-{}.tar.zst", chrono::Local::now().format("%Y-%m-%d"));
    let out = opts.dest.join(name);
    let stats = archive::write(&home, &out, &filter, opts.level)?;
    println!("{} files, {:.1} MiB -> {}", stats.files, stats.bytes as f64 / 1048576.0, out.display());
    Ok(())
}
