use std::env;
use std::io;
use std::process::Command;

#[derive(Debug, Clone, Default)]
pub struct RustcInfo {
    pub version: String,
    pub channel: String,
    pub host: String,
    pub commit_hash: String,
    pub llvm: String,
}

pub fn collect() -> io::Result<RustcInfo> {
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let out = Command::new(rustc).arg("-vV").output()?;
    Ok(parse(&String::from_utf8_lossy(&out.stdout)))
}

pub(crate) fn parse(text: &str) -> RustcInfo {
    let mut info = RustcInfo::default();
    for line in text.lines() {
        if let Some((k, v)) = line.split_once(": ") {
            match k {
                "release" => info.version = v.to_string(),
                "host" => info.host = v.to_string(),
                "commit-hash" => info.commit_hash = v.to_string(),
                "LLVM version" => info.llvm = v.to_string(),
                _ => {}
            }
        }
    }
    info.channel = if info.version.contains("nightly") {
        "nightly"
    } else if info.version.contains("beta") {
        "beta"
    } else if info.version.contains("dev") {
        "dev"
    } else {
        "stable"
    }
    .to_string();
    info
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses_vv() {
        let s = "rustc 1.78.0 (9b00956e5 2024-04-29)\nbinary: rustc\ncommit-hash: 9b00956e\nhost: x86_64-unknown-linux-gnu\nrelease: 1.78.0\nLLVM version: 18.1.2\n";
        let i = super::parse(s);
        assert_eq!(i.version, "1.78.0");
        assert_eq!(i.channel, "stable");
        assert_eq!(i.host, "x86_64-unknown-linux-gnu");
    }
}
