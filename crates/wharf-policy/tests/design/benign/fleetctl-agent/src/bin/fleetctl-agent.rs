use fleetctl_agent::{server::Agent, Config};
use std::path::PathBuf;
use std::sync::Arc;

fn main() {
    let mut args = std::env::args().skip(1);
    let mut path: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--config" | "-c" => path = args.next().map(PathBuf::from),
            "--help" | "-h" => {
                println!("usage: fleetctl-agent --config <agent.toml>");
                return;
            }
            other => {
                eprintln!("unknown argument: {other}");
                std::process::exit(2);
            }
        }
    }
    let Some(path) = path else {
        eprintln!("fleetctl-agent: --config is required; the agent never runs with defaults");
        std::process::exit(2);
    };
    let cfg = match Config::load(&path) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("fleetctl-agent: {e}");
            std::process::exit(1);
        }
    };
    let agent = match Agent::new(cfg) {
        Ok(a) => Arc::new(a),
        Err(e) => {
            eprintln!("fleetctl-agent: {e}");
            std::process::exit(1);
        }
    };
    if let Err(e) = agent.serve() {
        eprintln!("fleetctl-agent: {e}");
        std::process::exit(1);
    }
}
