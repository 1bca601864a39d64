//! Parsing of `rustc -vV` output.

use std::cmp::Ordering;
use std::fmt;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Channel {
    Dev,
    Nightly,
    Beta,
    Stable,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Version {
    pub major: u64,
    pub minor: u64,
    pub patch: u64,
    pub channel: Channel,
    /// `commit-date` line, if rustc reported one.
    pub commit_date: Option<String>,
    pub commit_hash: Option<String>,
    pub host: String,
    pub llvm: Option<(u64, u64)>,
    /// The unparsed output, used as a cache key.
    pub verbose: String,
}

impl Version {
    pub fn parse_verbose(out: &str) -> Option<Version> {
        let mut lines = out.lines();
        let first = lines.next()?.trim();
        // "rustc 1.76.0 (07dca489a 2024-02-04)" / "rustc 1.78.0-nightly (…)"
        let release = first.strip_prefix("rustc ")?.split_whitespace().next()?;
        let mut host = None;
        let mut commit_date = None;
        let mut commit_hash = None;
        let mut llvm = None;
        let mut rel_line = None;
        for l in lines {
            let (k, v) = match l.split_once(':') {
                Some((k, v)) => (k.trim(), v.trim()),
                None => continue,
            };
            match k {
                "host" => host = Some(v.to_owned()),
                "commit-date" if v != "unknown" => commit_date = Some(v.to_owned()),
                "commit-hash" if v != "unknown" => commit_hash = Some(v.to_owned()),
                "release" => rel_line = Some(v.to_owned()),
                "LLVM version" => {
                    let mut it = v.split('.').map(|p| p.parse::<u64>().ok());
                    if let (Some(Some(a)), Some(Some(b))) = (it.next(), it.next()) {
                        llvm = Some((a, b));
                    }
                }
                _ => {}
            }
        }
        let release = rel_line.as_deref().unwrap_or(release);
        let (num, pre) = match release.split_once('-') {
            Some((n, p)) => (n, Some(p)),
            None => (release, None),
        };
        let mut parts = num.split('.');
        let major = parts.next()?.parse().ok()?;
        let minor = parts.next()?.parse().ok()?;
        let patch = parts.next().unwrap_or("0").parse().ok()?;
        let channel = match pre {
            None => Channel::Stable,
            Some(p) if p.starts_with("beta") => Channel::Beta,
            Some(p) if p.starts_with("nightly") => Channel::Nightly,
            Some(_) => Channel::Dev,
        };
        Some(Version {
            major,
            minor,
            patch,
            channel,
            commit_date,
            commit_hash,
            host: host?,
            llvm,
            verbose: out.to_owned(),
        })
    }

    pub fn is_nightly(&self) -> bool {
        matches!(self.channel, Channel::Nightly | Channel::Dev)
    }

    pub fn at_least(&self, major: u64, minor: u64) -> bool {
        self.cmp_release(major, minor, 0) != Ordering::Less
    }

    pub fn cmp_release(&self, major: u64, minor: u64, patch: u64) -> Ordering {
        (self.major, self.minor, self.patch).cmp(&(major, minor, patch))
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
