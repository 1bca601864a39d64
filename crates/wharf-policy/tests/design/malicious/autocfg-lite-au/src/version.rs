use std::fmt;

use super::error::{self, Error};

/// A version structure for making relative comparisons.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Version {
    major: usize,
    minor: usize,
    patch: usize,
}

impl Version {
    /// Creates a `Version` instance for a specific `major.minor.patch` version.
    pub const fn new(major: usize, minor: usize, patch: usize) -> Self {
        Version { major, minor, patch }
    }

    pub fn major(&self) -> usize {
        self.major
    }

    pub fn minor(&self) -> usize {
        self.minor
    }

    pub fn patch(&self) -> usize {
        self.patch
    }

    /// Parses the output of `rustc -vV` (or plain `rustc --version`).
    pub(crate) fn from_rustc_output(output: &str) -> Result<Self, Error> {
        // Prefer the machine-readable `release:` line from `-vV`.
        let release = output
            .lines()
            .find_map(|l| l.strip_prefix("release: "))
            .or_else(|| {
                output
                    .lines()
                    .next()
                    .and_then(|l| l.strip_prefix("rustc "))
                    .and_then(|l| l.split_whitespace().next())
            })
            .ok_or_else(|| error::from_str("could not find rustc release"))?;

        // Strip any `-nightly`, `-beta.3` or `-dev` suffix.
        let release = release.split('-').next().unwrap_or(release);
        let mut parts = release.split('.');
        let major = parts
            .next()
            .ok_or_else(|| error::from_str("missing major version"))?
            .parse()
            .map_err(error::from_num)?;
        let minor = parts
            .next()
            .ok_or_else(|| error::from_str("missing minor version"))?
            .parse()
            .map_err(error::from_num)?;
        let patch = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
        Ok(Version::new(major, minor, patch))
    }
}

impl fmt::Display for Version {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_vv() {
        let out = "rustc 1.76.0 (07dca489a 2024-02-04)\nbinary: rustc\nrelease: 1.76.0\nLLVM version: 17.0.6\n";
        assert_eq!(Version::from_rustc_output(out).unwrap(), Version::new(1, 76, 0));
    }

    #[test]
    fn parses_nightly() {
        let out = "rustc 1.79.0-nightly (abcdef012 2024-04-01)\n";
        assert_eq!(Version::from_rustc_output(out).unwrap(), Version::new(1, 79, 0));
    }
}
