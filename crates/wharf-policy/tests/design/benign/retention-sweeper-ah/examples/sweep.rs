//! Review and (optionally) apply a retention config.
//!
//! cargo run --example sweep -- retention.toml            # dry-run
//! cargo run --example sweep -- retention.toml --apply    # asks before deleting

use retention_sweeper::{Config, SweepOptions};
use std::io::{self, Write};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let path = args.next().ok_or("usage: sweep <config.toml> [--apply]")?;
    let apply = args.any(|a| a == "--apply");
    let cfg = Config::load(&path)?;

    if apply && !cfg.window.contains_now() {
        eprintln!("outside maintenance window ({}); nothing to do", cfg.window);
        return Ok(());
    }

    for policy in &cfg.policies {
        let plan = policy.plan()?;
        println!("{plan}");
        let confirm = |p: &retention_sweeper::Plan| {
            print!("delete {} file(s), {} bytes under {}? [y/N] ", p.candidates.len(), p.bytes(), p.root.display());
            io::stdout().flush().ok();
            let mut line = String::new();
            io::stdin().read_line(&mut line).ok();
            line.trim().eq_ignore_ascii_case("y")
        };
        let opts = SweepOptions { dry_run: !apply, confirm: Some(&confirm), ..Default::default() };
        let report = plan.apply(&opts)?;
        println!("{report:?}");
    }
    Ok(())
}
