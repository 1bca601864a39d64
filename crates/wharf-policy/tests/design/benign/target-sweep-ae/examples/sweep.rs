use std::time::Duration;
use target_sweep_ae::{default_target_dir, Sweeper};

fn main() -> std::io::Result<()> {
    let days: u64 = std::env::args().nth(1).and_then(|d| d.parse().ok()).unwrap_or(30);
    let dry = std::env::args().any(|a| a == "--dry-run");
    let r = Sweeper::new(default_target_dir())?
        .older_than(Duration::from_secs(days * 86_400))
        .dry_run(dry)
        .run()?;
    println!("{} {} entries, {} MiB", if dry { "would remove" } else { "removed" }, r.removed.len(), r.bytes >> 20);
    Ok(())
}
