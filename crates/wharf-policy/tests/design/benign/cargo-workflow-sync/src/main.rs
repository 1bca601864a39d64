use anyhow::{bail, Context, Result};
use clap::Parser;
use std::path::PathBuf;

#[derive(Parser)]
#[command(bin_name = "cargo")]
enum Cargo {
    /// Sync MSRV in GitHub workflows with Cargo.toml
    WorkflowSync(Args),
}

#[derive(clap::Args)]
struct Args {
    /// Path to Cargo.toml (default: ./Cargo.toml)
    #[arg(long)]
    manifest_path: Option<PathBuf>,
    /// Apply changes to the workflow files
    #[arg(long, conflicts_with = "check")]
    write: bool,
    /// Exit with status 1 if any workflow is out of date
    #[arg(long)]
    check: bool,
    /// Override the version instead of reading rust-version
    #[arg(long)]
    msrv: Option<String>,
}

fn main() -> Result<()> {
    let Cargo::WorkflowSync(args) = Cargo::parse();
    let manifest = args.manifest_path.unwrap_or_else(|| PathBuf::from("Cargo.toml"));
    let root = manifest
        .parent()
        .map(|p| if p.as_os_str().is_empty() { PathBuf::from(".") } else { p.to_path_buf() })
        .unwrap_or_else(|| PathBuf::from("."));

    let msrv = match args.msrv {
        Some(v) => v,
        None => cargo_workflow_sync::read_msrv(&manifest)
            .with_context(|| format!("reading rust-version from {}", manifest.display()))?,
    };

    let dir = root.join(".github").join("workflows");
    let files = cargo_workflow_sync::workflow_files(&dir)
        .with_context(|| format!("listing {}", dir.display()))?;
    if files.is_empty() {
        bail!("no workflow files found in {}", dir.display());
    }

    let mut outdated = 0;
    for f in files {
        let text = std::fs::read_to_string(&f)?;
        let (new, changes) = cargo_workflow_sync::sync(&text, &msrv);
        if changes.is_empty() {
            continue;
        }
        outdated += 1;
        println!("{}:", f.display());
        for c in &changes {
            println!("  line {}:\n    - {}\n    + {}", c.line, c.old.trim(), c.new.trim());
        }
        if args.write {
            std::fs::write(&f, new).with_context(|| format!("writing {}", f.display()))?;
            println!("  updated");
        }
    }

    if outdated == 0 {
        println!("all workflows already use MSRV {}", msrv);
    } else if args.check {
        eprintln!("{} workflow file(s) out of date; run `cargo workflow-sync --write`", outdated);
        std::process::exit(1);
    } else if !args.write {
        println!("\n(dry run; pass --write to apply)");
    }
    Ok(())
}
