//! Summarise a captured Stratum session (one JSON message per line) read from
//! stdin: difficulty changes, jobs, submits and estimated hashrate.
//!
//!     cat session.jsonl | cargo run --example parse_log

use std::io::BufRead;
use stratum_wire::{format_hashrate, parse_client_line, parse_server_line, ClientMessage, HashrateEstimator, ServerMessage};

fn main() {
    let mut diff = 1.0;
    let mut jobs = 0;
    let mut submits = 0;
    let mut est = HashrateEstimator::new(std::time::Duration::from_secs(600));
    for (i, line) in std::io::stdin().lock().lines().map_while(Result::ok).enumerate() {
        // captured lines look like "<unix-seconds> <direction> <json>"
        let mut parts = line.splitn(3, ' ');
        let (Some(ts), Some(dir), Some(json)) = (parts.next(), parts.next(), parts.next()) else { continue };
        let ts: f64 = ts.parse().unwrap_or(i as f64);
        if dir == "<" {
            match parse_server_line(json) {
                Ok(ServerMessage::SetDifficulty(d)) => diff = d,
                Ok(ServerMessage::Notify(_)) => jobs += 1,
                _ => {}
            }
        } else if let Ok(ClientMessage::Submit { .. }) = parse_client_line(json) {
            submits += 1;
            est.record(ts, diff);
        }
        if i % 1000 == 999 {
            println!("{:>8} lines  jobs={jobs} submits={submits} ~{}", i + 1, format_hashrate(est.hashrate(ts)));
        }
    }
    println!("total: jobs={jobs} submits={submits} last difficulty={diff}");
}
