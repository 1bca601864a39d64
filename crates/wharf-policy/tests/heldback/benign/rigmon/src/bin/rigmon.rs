use std::process::ExitCode;
use std::time::Duration;

use rigmon::{alert::Alerter, config, fmt_rate, fmt_uptime, mask, Client, Config};

fn usage() -> ExitCode {
    eprintln!("usage: rigmon [-c FILE] status | watch [-i SECS] | pause RIG | resume RIG");
    ExitCode::from(2)
}

fn print_table(cfg: &Config, client: &Client) {
    println!(
        "{:<12} {:>12} {:>12} {:>9} {:>8}  {:<28} {}",
        "rig", "10s", "15m", "shares", "uptime", "pool", "login"
    );
    for rig in &cfg.rigs {
        match client.status(rig) {
            Ok(s) => println!(
                "{:<12} {:>12} {:>12} {:>4}/{:<4} {:>8}  {:<28} {}{}",
                s.name,
                fmt_rate(s.hashrate_10s),
                fmt_rate(s.hashrate_15m),
                s.shares_good,
                s.shares_total,
                fmt_uptime(s.uptime),
                s.pool,
                mask(&s.login),
                if s.paused { "  (paused)" } else { "" }
            ),
            Err(e) => println!("{:<12} error: {e}", rig.name),
        }
    }
}

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let path = if args.first().map(String::as_str) == Some("-c") && args.len() > 1 {
        let p = args.remove(1);
        args.remove(0);
        std::path::PathBuf::from(p)
    } else {
        match config::default_path() {
            Some(p) => p,
            None => return usage(),
        }
    };
    let cfg = match Config::load(&path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("rigmon: {e}");
            return ExitCode::FAILURE;
        }
    };
    let client = Client::new();

    match args.first().map(String::as_str) {
        None | Some("status") => {
            print_table(&cfg, &client);
            ExitCode::SUCCESS
        }
        Some("watch") => {
            let secs = match (args.get(1).map(String::as_str), args.get(2)) {
                (Some("-i"), Some(n)) => n.parse().unwrap_or(60),
                _ => 60,
            };
            let mut alerter = Alerter::new(cfg.alert.clone());
            loop {
                for rig in &cfg.rigs {
                    match client.status(rig) {
                        Ok(s) => alerter.observed(&rig.name, s.hashrate_60s, rig.min_hashrate),
                        Err(e) => alerter.unreachable(&rig.name, &e.to_string()),
                    }
                }
                std::thread::sleep(Duration::from_secs(secs.max(10)));
            }
        }
        Some(cmd @ ("pause" | "resume")) => {
            let Some(rig) = args.get(1).and_then(|n| cfg.rig(n)) else {
                return usage();
            };
            match client.set_paused(rig, cmd == "pause") {
                Ok(()) => {
                    println!("{}: {cmd}d", rig.name);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("rigmon: {e}");
                    ExitCode::FAILURE
                }
            }
        }
        _ => usage(),
    }
}
