//! `cargo run --example uptime -- web1.example.com web2.example.com`
//!
//! Prints `uptime` for each host given on the command line. Add `--dry-run`
//! to see the ssh command lines instead.

use hostbatch_exec_ay::{Batch, Host};
use std::time::Duration;

fn main() {
    let mut dry = false;
    let mut hosts = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--dry-run" {
            dry = true;
            continue;
        }
        match Host::parse(&a) {
            Ok(h) => hosts.push(h),
            Err(e) => {
                eprintln!("{}", e);
                std::process::exit(2);
            }
        }
    }
    if hosts.is_empty() {
        eprintln!("usage: uptime [--dry-run] HOST...");
        std::process::exit(2);
    }
    let batch = Batch::new(hosts, ["uptime"]).parallel(8).timeout(Duration::from_secs(20));
    if dry {
        for line in batch.dry_run() {
            println!("{}", line);
        }
        return;
    }
    let report = batch.run();
    print!("{}", report.summary());
    if !report.all_ok() {
        std::process::exit(1);
    }
}
