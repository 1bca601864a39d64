//! `stratum-stats < proxy.log` — summarise a Stratum log.
use std::io::BufRead;
use std::time::Duration;
use stratum_stats::{fmt_hashrate, Message, ShareTracker};

fn main() {
    let window = std::env::args()
        .nth(1)
        .and_then(|s| s.parse::<u64>().ok())
        .map(Duration::from_secs)
        .unwrap_or(Duration::from_secs(600));
    let mut t = ShareTracker::new(window);
    for line in std::io::stdin().lock().lines().map_while(Result::ok) {
        if let Ok(m) = Message::parse(&line) {
            t.observe(&m);
        }
    }
    println!(
        "window {}s  accepted {}  rejected {} ({:.2}%)  diff {}  est. {}",
        window.as_secs(),
        t.accepted(),
        t.rejected(),
        t.reject_ratio() * 100.0,
        t.difficulty(),
        fmt_hashrate(t.hashrate())
    );
    let mut workers: Vec<_> = t.workers().collect();
    workers.sort();
    for (w, a, r) in workers {
        println!("  {w:<24} accepted {a:>6}  rejected {r:>4}");
    }
}
