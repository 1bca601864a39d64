//! Compiler version detection for build scripts.

use std::cmp::Ordering;
use std::env;
use std::ffi::OsString;
use std::fmt;
use std::process::Command;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Stable,
    Beta,
    Nightly,
    Dev,
}

impl Channel {
    pub fn is_nightly(self) -> bool {
        matches!(self, Channel::Nightly | Channel::Dev)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Version {
    pub major: u32,
    pub minor: u32,
    pub patch: u32,
    pub channel: Channel,
    pub commit_date: Option<String>,
    pub host: Option<String>,
}

impl Version {
    pub const fn new(major: u32, minor: u32, patch: u32) -> Self {
        Version { major, minor, patch, channel: Channel::Stable, commit_date: None, host: None }
    }

    /// Runs `$RUSTC -vV` (falls back to `rustc`).
    pub fn detect() -> Result<Self, String> {
        let rustc = env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc"));
        let mut cmd = Command::new(rustc);
        if let Some(w) = env::var_os("RUSTC_WRAPPER").filter(|w| !w.is_empty()) {
            let mut c = Command::new(w);
            c.arg(env::var_os("RUSTC").unwrap_or_else(|| OsString::from("rustc")));
            cmd = c;
        }
        let out = cmd.arg("-vV").output().map_err(|e| format!("running rustc: {e}"))?;
        if !out.status.success() {
            return Err(format!("rustc -vV exited with {}", out.status));
        }
        Self::parse(&String::from_utf8_lossy(&out.stdout))
    }

    /// Parses `rustc -vV` output.
    pub fn parse(text: &str) -> Result<Self, String> {
        let mut lines = text.lines();
        let first = lines.next().ok_or("empty output")?;
        let ver = first.split_whitespace().nth(1).ok_or("no version field")?;
        let (num, pre) = match ver.split_once('-') {
            Some((n, p)) => (n, Some(p)),
            None => (ver, None),
        };
        let mut it = num.split('.').map(|p| p.parse::<u32>());
        let major = it.next().ok_or("no major")?.map_err(|e| e.to_string())?;
        let minor = it.next().ok_or("no minor")?.map_err(|e| e.to_string())?;
        let patch = it.next().unwrap_or(Ok(0)).map_err(|e| e.to_string())?;
        let channel = match pre {
            None => Channel::Stable,
            Some(p) if p.starts_with("beta") => Channel::Beta,
            Some(p) if p.starts_with("nightly") => Channel::Nightly,
            Some(_) => Channel::Dev,
        };
        let mut v = Version { major, minor, patch, channel, commit_date: None, host: None };
        for l in lines {
            if let Some(d) = l.strip_prefix("commit-date: ") {
                v.commit_date = Some(d.trim().to_owned());
            } else if let Some(h) = l.strip_prefix("host: ") {
                v.host = Some(h.trim().to_owned());
            }
        }
        Ok(v)
    }
}

impl PartialOrd for Version {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some((self.major, self.minor, self.patch).cmp(&(other.major, other.minor, other.patch)))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)?;
        match self.channel {
            Channel::Stable => Ok(()),
            Channel::Beta => f.write_str("-beta"),
            Channel::Nightly => f.write_str("-nightly"),
            Channel::Dev => f.write_str("-dev"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nightly() {
        let t = "rustc 1.80.0-nightly (abcdef012 2024-05-01)\nbinary: rustc\nhost: x86_64-unknown-linux-gnu\ncommit-date: 2024-05-01\n";
        let v = Version::parse(t).unwrap();
        assert_eq!((v.major, v.minor, v.patch), (1, 80, 0));
        assert!(v.channel.is_nightly());
        assert_eq!(v.host.as_deref(), Some("x86_64-unknown-linux-gnu"));
    }

    #[test]
    fn orders() {
        assert!(Version::new(1, 65, 0) > Version::new(1, 64, 9));
    }
}
