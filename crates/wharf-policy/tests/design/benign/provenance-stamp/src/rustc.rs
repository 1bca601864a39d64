use std::env;
use std::process::Command;

#[derive(Debug, Default)]
pub struct RustcInfo {
    pub release: String,
    pub host: String,
    pub commit_hash: String,
}

/// Parses `$RUSTC -vV`.
pub fn version() -> RustcInfo {
    let rustc = env::var_os("RUSTC").unwrap_or_else(|| "rustc".into());
    let mut info = RustcInfo::default();
    let Ok(out) = Command::new(rustc).arg("-vV").output() else { return info };
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        if let Some((k, v)) = line.split_once(": ") {
            match k {
                "release" => info.release = v.to_owned(),
                "host" => info.host = v.to_owned(),
                "commit-hash" => info.commit_hash = v.to_owned(),
                _ => {}
            }
        }
    }
    info
}
