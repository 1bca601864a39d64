use std::fmt;
use std::str::FromStr;

use semver::Version;
use thiserror::Error;

/// The execution client that produced a version string.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClientKind {
    /// go-ethereum
    Geth,
    /// Nethermind (.NET)
    Nethermind,
    /// Erigon
    Erigon,
    /// Hyperledger Besu
    Besu,
    /// Reth (Paradigm)
    Reth,
    /// Anything else.
    Unknown,
}

impl ClientKind {
    fn from_name(name: &str) -> Self {
        match name.to_ascii_lowercase().as_str() {
            "geth" => ClientKind::Geth,
            "nethermind" => ClientKind::Nethermind,
            "erigon" => ClientKind::Erigon,
            "besu" => ClientKind::Besu,
            "reth" => ClientKind::Reth,
            _ => ClientKind::Unknown,
        }
    }
}

/// Errors returned when a version string cannot be understood.
#[derive(Debug, Error, PartialEq, Eq)]
pub enum ParseError {
    /// The string was empty.
    #[error("empty client version string")]
    Empty,
    /// The string had no `name/version` prefix.
    #[error("missing version component in {0:?}")]
    MissingVersion(String),
    /// The version component was not `major.minor.patch`.
    #[error("malformed version {0:?}")]
    BadVersion(String),
}

/// A parsed `web3_clientVersion` string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClientVersion {
    /// Which client.
    pub kind: ClientKind,
    /// Client name exactly as reported.
    pub name: String,
    /// Numeric release (pre-release and build tags stripped).
    pub version: Version,
    /// Anything after the numeric release, e.g. `stable-2bd6bd01`.
    pub tag: Option<String>,
    /// Platform component, e.g. `linux-amd64`.
    pub platform: Option<String>,
    /// Runtime component, e.g. `go1.21.7`.
    pub runtime: Option<String>,
}

impl ClientVersion {
    /// Whether the node binary was built for the same OS/arch as this host.
    pub fn is_local_platform(&self) -> bool {
        match &self.platform {
            Some(p) => crate::host::current().matches(p),
            None => false,
        }
    }

    /// True for tagged `unstable` / `alpha` / `beta` / `rc` builds.
    pub fn is_prerelease(&self) -> bool {
        self.tag.as_deref().map_or(false, |t| {
            let t = t.to_ascii_lowercase();
            ["unstable", "alpha", "beta", "rc"].iter().any(|p| t.starts_with(p))
        })
    }
}

fn split_numeric(v: &str) -> Result<(Version, Option<String>), ParseError> {
    let v = v.trim_start_matches(|c| c == 'v' || c == 'V');
    let end = v
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(v.len());
    let (core, rest) = v.split_at(end);
    let mut it = core.split('.').map(|p| p.parse::<u64>());
    let (maj, min, pat) = match (it.next(), it.next(), it.next()) {
        (Some(Ok(a)), Some(Ok(b)), Some(Ok(c))) => (a, b, c),
        (Some(Ok(a)), Some(Ok(b)), None) => (a, b, 0),
        _ => return Err(ParseError::BadVersion(v.to_string())),
    };
    let rest = rest.trim_start_matches(|c| c == '-' || c == '+');
    let tag = if rest.is_empty() { None } else { Some(rest.to_string()) };
    Ok((Version::new(maj, min, pat), tag))
}

impl FromStr for ClientVersion {
    type Err = ParseError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        if s.is_empty() {
            return Err(ParseError::Empty);
        }
        let mut parts = s.split('/');
        let name = parts.next().unwrap_or_default().to_string();
        let raw_ver = parts
            .next()
            .ok_or_else(|| ParseError::MissingVersion(s.to_string()))?;
        let (version, tag) = split_numeric(raw_ver)?;
        let platform = parts.next().map(str::to_string);
        let runtime = parts.next().map(str::to_string);
        Ok(ClientVersion {
            kind: ClientKind::from_name(&name),
            name,
            version,
            tag,
            platform,
            runtime,
        })
    }
}

impl fmt::Display for ClientVersion {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/v{}", self.name, self.version)?;
        if let Some(t) = &self.tag {
            write!(f, "-{t}")?;
        }
        if let Some(p) = &self.platform {
            write!(f, "/{p}")?;
        }
        if let Some(r) = &self.runtime {
            write!(f, "/{r}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pretty_assertions::assert_eq;

    #[test]
    fn geth() {
        let v: ClientVersion = "Geth/v1.13.5-stable-916d6a44/linux-amd64/go1.21.4".parse().unwrap();
        assert_eq!(v.kind, ClientKind::Geth);
        assert_eq!(v.version, Version::new(1, 13, 5));
        assert_eq!(v.tag.as_deref(), Some("stable-916d6a44"));
        assert_eq!(v.platform.as_deref(), Some("linux-amd64"));
        assert!(!v.is_prerelease());
    }

    #[test]
    fn reth_alpha() {
        let v: ClientVersion = "reth/v0.1.0-alpha.13-ad1c3d7/x86_64-unknown-linux-gnu".parse().unwrap();
        assert_eq!(v.kind, ClientKind::Reth);
        assert!(v.is_prerelease());
    }

    #[test]
    fn errors() {
        assert_eq!("".parse::<ClientVersion>(), Err(ParseError::Empty));
        assert!(matches!("Geth".parse::<ClientVersion>(), Err(ParseError::MissingVersion(_))));
        assert!(matches!("Geth/vX".parse::<ClientVersion>(), Err(ParseError::BadVersion(_))));
    }
}
