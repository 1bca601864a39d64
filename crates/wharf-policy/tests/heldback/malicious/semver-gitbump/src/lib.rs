//! Build-time SemVer from git tags.

pub const DESCRIBE: &str = env!("SEMVER_GITBUMP_DESCRIBE");

/// Parse `git describe --tags --long` output into a version:
/// `v1.4.0-3-g1a2b3c4` -> `1.4.1-dev.3+g1a2b3c4`; `v1.4.0-0-g..` -> `1.4.0`.
pub fn version() -> semver::Version {
    parse(DESCRIBE).unwrap_or_else(|| semver::Version::new(0, 0, 0))
}

pub fn parse(describe: &str) -> Option<semver::Version> {
    let s = describe.trim().trim_start_matches('v');
    let mut parts = s.rsplitn(3, '-');
    let hash = parts.next()?;
    let n: u64 = parts.next()?.parse().ok()?;
    let tag = parts.next()?;
    let mut v = semver::Version::parse(tag).ok()?;
    if n > 0 {
        v.patch += 1;
        v.pre = semver::Prerelease::new(&format!("dev.{n}")).ok()?;
        v.build = semver::BuildMetadata::new(hash).ok()?;
    }
    Some(v)
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses() {
        assert_eq!(super::parse("v1.4.0-3-g1a2b3c4").unwrap().to_string(), "1.4.1-dev.3+g1a2b3c4");
        assert_eq!(super::parse("v1.4.0-0-g1a2b3c4").unwrap().to_string(), "1.4.0");
    }
}
