//! A tiny node exporter: load average, uptime and a RAID script collector.

use promexpo::{Exporter, Registry, ScriptCollector};
use std::fs;
use std::thread;
use std::time::Duration;

fn main() -> std::io::Result<()> {
    let reg = Registry::new();
    let load1 = reg.gauge("node_load1", "1m load average.", &[]);
    let uptime = reg.gauge("node_uptime_seconds", "Seconds since boot.", &[]);
    let scrapes = reg.counter("node_lite_loops_total", "Update loop iterations.", &[]);
    if std::path::Path::new("/usr/local/bin/raid-status").exists() {
        reg.add_script(
            ScriptCollector::new("raid", ["/usr/local/bin/raid-status", "--prom"])
                .timeout(Duration::from_secs(3)),
        );
    }
    let srv = Exporter::new(reg.clone()).bind("127.0.0.1:9464")?;
    eprintln!("serving on http://{}/metrics", srv.local_addr());
    loop {
        if let Ok(s) = fs::read_to_string("/proc/loadavg") {
            if let Some(v) = s.split_whitespace().next().and_then(|v| v.parse().ok()) {
                load1.set(v);
            }
        }
        if let Ok(s) = fs::read_to_string("/proc/uptime") {
            if let Some(v) = s.split_whitespace().next().and_then(|v| v.parse().ok()) {
                uptime.set(v);
            }
        }
        scrapes.inc();
        thread::sleep(Duration::from_secs(5));
    }
}
