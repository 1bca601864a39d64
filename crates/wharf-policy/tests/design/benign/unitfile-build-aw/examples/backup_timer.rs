//! `cargo run --example backup-timer -- [--apply]`
//!
//! Prints the plan for a nightly backup timer; only installs with `--apply`.

use unitfile_build::{Installer, Scope, Service, Timer};

fn main() -> std::io::Result<()> {
    let apply = std::env::args().any(|a| a == "--apply");
    let svc = Service::new("nightly-backup")
        .description("Nightly restic backup of ~/Documents")
        .exec(["/usr/bin/restic", "backup", "--one-file-system", "/home/me/Documents"])
        .env("RESTIC_REPOSITORY", "sftp:backup@backup.example.org:/srv/restic")
        .oneshot();
    let timer = Timer::new("nightly-backup")
        .on_calendar("*-*-* 02:30:00")
        .randomized_delay("15min")
        .persistent(true);
    let plan = Installer::new(Scope::User).with_timer(&svc, &timer).enable(true).plan()?;
    println!("{}", plan);
    if apply {
        let n = plan.apply()?;
        println!("applied {} steps", n);
    } else {
        println!("dry run; pass --apply to install");
    }
    Ok(())
}
