//! `cargo run --example set-mirror -- <name> <index-url> [--project DIR] [--apply]`
//!
//! Prints the diff; writes only with `--apply`.

use std::path::PathBuf;

use cargo_mirror_cfg::{ConfigFile, Mirror, Scope};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let name = args.next().ok_or("usage: set-mirror NAME URL [--project DIR] [--apply]")?;
    let url = args.next().ok_or("missing URL")?;
    let mut scope = Scope::User;
    let mut apply = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--project" => scope = Scope::Project(PathBuf::from(args.next().ok_or("--project DIR")?)),
            "--apply" => apply = true,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }

    let cfg = ConfigFile::open(scope)?;
    let plan = cfg.plan_set(&Mirror::parse(&name, &url)?)?;
    if plan.is_noop() {
        println!("{}: already configured", cfg.path().display());
        return Ok(());
    }
    println!("--- {}\n{}", cfg.path().display(), plan.diff());
    if apply {
        let backup = cfg.apply(&plan)?;
        println!("written; previous version saved as {}", backup.map_or("(none)".into(), |b| b.display().to_string()));
    } else {
        println!("(dry run; pass --apply to write)");
    }
    Ok(())
}
