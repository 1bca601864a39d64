//! `hookrunner` binary.

use std::net::SocketAddr;
use std::process::ExitCode;

use hookrunner::{Server, DEFAULT_LISTEN};

const USAGE: &str = "\
usage: hookrunner --config FILE [--listen ADDR] [--dry-run] [--max-concurrent N]

Runs the commands defined in FILE when correctly signed webhooks arrive.
Secrets are read from the environment variables named by `secret_env`.";

fn main() -> ExitCode {
    let mut config = None;
    let mut listen: SocketAddr = DEFAULT_LISTEN.parse().expect("valid default");
    let mut dry_run = false;
    let mut max_concurrent = 4usize;

    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--config" | "-c" => config = args.next(),
            "--listen" | "-l" => match args.next().and_then(|v| v.parse().ok()) {
                Some(addr) => listen = addr,
                None => {
                    eprintln!("hookrunner: --listen needs HOST:PORT\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--dry-run" | "-n" => dry_run = true,
            "--max-concurrent" => match args.next().and_then(|v| v.parse().ok()) {
                Some(n) => max_concurrent = n,
                None => {
                    eprintln!("hookrunner: --max-concurrent needs a number\n{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            other => {
                eprintln!("hookrunner: unknown argument {other:?}\n{USAGE}");
                return ExitCode::from(2);
            }
        }
    }

    let Some(path) = config else {
        eprintln!("hookrunner: --config is required\n{USAGE}");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("hookrunner: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    let hooks = match hookrunner::parse(&text) {
        Ok(h) if h.is_empty() => {
            eprintln!("hookrunner: {path}: no hooks defined");
            return ExitCode::from(2);
        }
        Ok(h) => h,
        Err(e) => {
            eprintln!("hookrunner: {path}: {e}");
            return ExitCode::from(2);
        }
    };
    if !listen.ip().is_loopback() {
        eprintln!("hookrunner: warning: listening on {listen}, not loopback; make sure a TLS proxy is in front");
    }

    let server = Server::new(hooks)
        .listen(listen)
        .dry_run(dry_run)
        .max_concurrent(max_concurrent);
    match server.bind().and_then(|b| b.serve()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("hookrunner: {e}");
            ExitCode::FAILURE
        }
    }
}
