//! hashbench run [--kernel sha256|sha256d] [--threads N] [--seconds S]
//! hashbench ping <endpoint> [--timeout-ms MS]

use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use hashbench::pool::{self, Endpoint};
use hashbench::{fmt_rate, Config, Kernel};

fn usage() -> ExitCode {
    eprintln!(
        "usage:\n  hashbench run [--kernel sha256|sha256d] [--threads N] [--seconds S]\n  hashbench ping <stratum+tcp://host:port> [--timeout-ms MS]"
    );
    ExitCode::from(2)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("run") => cmd_run(&args[1..]),
        Some("ping") => cmd_ping(&args[1..]),
        _ => usage(),
    }
}

fn cmd_run(args: &[String]) -> ExitCode {
    let mut cfg = Config::new(Kernel::Sha256d);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match (a.as_str(), it.next()) {
            ("--kernel", Some(k)) => match Kernel::parse(k) {
                Some(k) => cfg.kernel = k,
                None => return usage(),
            },
            ("--threads", Some(n)) => match n.parse() {
                Ok(n) => cfg = cfg.threads(n),
                Err(_) => return usage(),
            },
            ("--seconds", Some(s)) => match s.parse() {
                Ok(s) => cfg = cfg.seconds(s),
                Err(_) => return usage(),
            },
            _ => return usage(),
        }
    }
    let report = hashbench::run_with_progress(&cfg, |n| {
        eprint!("\r{} hashes", n);
        let _ = std::io::stderr().flush();
    });
    eprintln!();
    println!("{}", report);
    for (i, n) in report.per_thread.iter().enumerate() {
        println!("  thread {:>2}: {}", i, fmt_rate(*n as f64 / report.elapsed.as_secs_f64()));
    }
    ExitCode::SUCCESS
}

fn cmd_ping(args: &[String]) -> ExitCode {
    let ep = match args.first().and_then(|s| Endpoint::parse(s)) {
        Some(e) => e,
        None => return usage(),
    };
    let mut timeout = Duration::from_secs(5);
    if let (Some(flag), Some(v)) = (args.get(1), args.get(2)) {
        if flag == "--timeout-ms" {
            match v.parse() {
                Ok(ms) => timeout = Duration::from_millis(ms),
                Err(_) => return usage(),
            }
        }
    }
    match pool::ping(&ep, timeout) {
        Ok(p) => {
            let reply = p
                .reply
                .map(|d| format!("{:.1} ms", d.as_secs_f64() * 1e3))
                .unwrap_or_else(|| "no reply".into());
            println!(
                "{}  connect {:.1} ms  subscribe reply {}",
                ep,
                p.connect.as_secs_f64() * 1e3,
                reply
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{}: {}", ep, e);
            ExitCode::FAILURE
        }
    }
}
