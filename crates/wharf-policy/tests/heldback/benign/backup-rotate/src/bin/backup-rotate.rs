use std::path::PathBuf;
use std::process::ExitCode;

use backup_rotate::{apply, Decision, Policy, ScanOptions};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut prefix: Option<String> = None;
    let mut host: Option<String> = None;
    let mut all_hosts = false;
    let mut dry = false;
    let mut p = Policy::default();
    while let Some(a) = args.next() {
        let mut num = |args: &mut dyn Iterator<Item = String>| args.next().and_then(|v| v.parse::<usize>().ok());
        match a.as_str() {
            "--prefix" => prefix = args.next(),
            "--host" => host = args.next(),
            "--all-hosts" => all_hosts = true,
            "--dry-run" | "-n" => dry = true,
            "--daily" => p.daily = num(&mut args).unwrap_or(p.daily),
            "--weekly" => p.weekly = num(&mut args).unwrap_or(p.weekly),
            "--monthly" => p.monthly = num(&mut args).unwrap_or(p.monthly),
            "--yearly" => p.yearly = num(&mut args).unwrap_or(p.yearly),
            "--min-keep" => p.min_keep = num(&mut args).unwrap_or(p.min_keep).max(1),
            _ if dir.is_none() => dir = Some(PathBuf::from(a)),
            other => {
                eprintln!("backup-rotate: unexpected argument {other:?}");
                return ExitCode::from(2);
            }
        }
    }
    let (Some(dir), Some(prefix)) = (dir, prefix) else {
        eprintln!("usage: backup-rotate DIR --prefix NAME [--daily N] [--weekly N] [--monthly N] [--yearly N] [--min-keep N] [--host H | --all-hosts] [--dry-run]");
        return ExitCode::from(2);
    };
    let opts = if all_hosts {
        ScanOptions { prefix, host: None }
    } else if let Some(h) = host {
        ScanOptions { prefix, host: Some(h) }
    } else {
        ScanOptions::this_host(&prefix)
    };
    match apply(&dir, &opts, &p, dry) {
        Ok(out) => {
            let mut pruned = 0;
            for o in &out {
                match &o.decision {
                    Decision::Keep(why) => println!("keep  {:<8} {}", why, o.path.display()),
                    Decision::Prune => {
                        pruned += 1;
                        println!("{} {}", if dry { "would prune" } else { "pruned     " }, o.path.display());
                    }
                }
            }
            eprintln!("backup-rotate: {} kept, {} {}", out.len() - pruned, pruned, if dry { "to prune (dry run)" } else { "pruned" });
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("backup-rotate: {}: {e}", dir.display());
            ExitCode::from(1)
        }
    }
}
