use clap::{Parser, Subcommand};
use serde::Deserialize;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// Config file (default: ~/.config/repo-mirror-backup/config.toml)
    #[arg(long)]
    config: Option<PathBuf>,
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print what would be uploaded.
    Plan,
    /// Create bundles and upload them.
    Run {
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
}

#[derive(Deserialize)]
struct Config {
    destination: String,
    auth_env: Option<String>,
    #[serde(default)]
    repo: Vec<RepoCfg>,
}

#[derive(Deserialize)]
struct RepoCfg {
    path: String,
    name: Option<String>,
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let cli = Cli::parse();
    let cfg_path = cli.config.unwrap_or_else(default_config);
    let cfg: Config = toml::from_str(&std::fs::read_to_string(&cfg_path).map_err(|e| {
        format!("cannot read {}: {e} (see README for the config format)", cfg_path.display())
    })?)?;

    if !cfg.destination.starts_with("https://") {
        return Err("destination must be an https:// URL".into());
    }
    if cfg.repo.is_empty() {
        return Err("no [[repo]] entries in config; nothing to do".into());
    }

    let jobs: Vec<(PathBuf, String)> = cfg
        .repo
        .iter()
        .map(|r| {
            let p = expand(&r.path);
            let n = r.name.clone().unwrap_or_else(|| p.file_name().unwrap_or_default().to_string_lossy().into_owned());
            (p, n)
        })
        .collect();

    println!("destination: {}", cfg.destination);
    for (p, n) in &jobs {
        println!("  {} -> {}{}.bundle", p.display(), cfg.destination, n);
    }

    match cli.cmd {
        Cmd::Plan => Ok(()),
        Cmd::Run { yes } => {
            if !yes && !confirm("Upload these bundles?")? {
                println!("aborted");
                return Ok(());
            }
            let token = match &cfg.auth_env {
                Some(var) => Some(std::env::var(var).map_err(|_| format!("{var} is not set"))?),
                None => None,
            };
            let tmp = tempfile::tempdir()?;
            for (p, n) in &jobs {
                let bundle = tmp.path().join(format!("{n}.bundle"));
                make_bundle(p, &bundle)?;
                let url = format!("{}{}.bundle", cfg.destination, n);
                let mut req = ureq::put(&url).set("Content-Type", "application/x-git-bundle");
                if let Some(t) = &token {
                    req = req.set("Authorization", &format!("Bearer {t}"));
                }
                let size = std::fs::metadata(&bundle)?.len();
                req.send(std::fs::File::open(&bundle)?)?;
                println!("uploaded {n} ({size} bytes)");
            }
            Ok(())
        }
    }
}

fn make_bundle(repo: &Path, out: &Path) -> Result<(), Box<dyn std::error::Error>> {
    let st = Command::new("git").arg("-C").arg(repo).args(["bundle", "create"]).arg(out).arg("--all").status()?;
    if !st.success() {
        return Err(format!("git bundle failed for {}", repo.display()).into());
    }
    Ok(())
}

fn confirm(q: &str) -> io::Result<bool> {
    print!("{q} [y/N] ");
    io::stdout().flush()?;
    let mut line = String::new();
    io::stdin().lock().read_line(&mut line)?;
    Ok(matches!(line.trim(), "y" | "Y" | "yes"))
}

fn default_config() -> PathBuf {
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(".config"));
    base.join("repo-mirror-backup/config.toml")
}

fn expand(p: &str) -> PathBuf {
    match p.strip_prefix("~/") {
        Some(rest) => PathBuf::from(std::env::var_os("HOME").unwrap_or_default()).join(rest),
        None => PathBuf::from(p),
    }
}
