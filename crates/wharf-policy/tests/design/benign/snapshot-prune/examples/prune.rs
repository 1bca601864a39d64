//! cargo run --example prune -- /var/backups/db db- [--dry-run]
use snapshot_prune::{Plan, Policy, StdinConfirm};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    let dir = args.get(1).ok_or("usage: prune <dir> <prefix> [--dry-run]")?;
    let prefix = args.get(2).map(String::as_str).unwrap_or("");
    let plan = Plan::build(dir, prefix, &Policy::default())?;
    if args.iter().any(|a| a == "--dry-run") {
        plan.dry_run();
        return Ok(());
    }
    let freed = plan.execute(&mut StdinConfirm)?;
    println!("freed {} bytes", freed);
    Ok(())
}
