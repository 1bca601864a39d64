//! Plugin index documents.

use semver::{Version, VersionReq};
use serde::{Deserialize, Serialize};

use crate::Error;

/// `index/{name}.json`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct IndexDoc {
    /// Plugin name; must match the requested name.
    pub name: String,
    /// Published versions.
    pub versions: Vec<Release>,
}

/// One published version.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Release {
    /// Exact semver version.
    pub version: String,
    /// Plugin ABI version it was built against.
    pub abi: u32,
    /// Per-platform artefacts.
    pub artifacts: Vec<Artifact>,
    /// Yanked releases are never selected.
    #[serde(default)]
    pub yanked: bool,
}

/// A file for one platform.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Artifact {
    /// Platform key (`x86_64-linux`, `aarch64-macos`, …).
    pub target: String,
    /// File name relative to `{base}/files/`.
    pub file: String,
    /// SHA-256 hex.
    pub sha256: String,
    /// Base64 Ed25519 signature.
    pub signature: String,
    /// Id of the signing key.
    pub key_id: String,
}

/// Platform key of the running process.
pub fn current_target() -> String {
    format!("{}-{}", std::env::consts::ARCH, std::env::consts::OS)
}

/// Library file extension on this platform.
pub fn dylib_ext() -> &'static str {
    std::env::consts::DLL_EXTENSION
}

impl IndexDoc {
    /// Parses and sanity-checks an index document for `name`.
    pub fn parse(name: &str, json: &[u8]) -> Result<IndexDoc, Error> {
        let doc: IndexDoc = serde_json::from_slice(json).map_err(|e| Error::Index(e.to_string()))?;
        if doc.name != name {
            return Err(Error::Index(format!("index is for {:?}, expected {name:?}", doc.name)));
        }
        for r in &doc.versions {
            Version::parse(&r.version).map_err(|e| Error::Index(format!("{}: {e}", r.version)))?;
            for a in &r.artifacts {
                if a.file.contains('/') || a.file.contains('\\') || a.file.starts_with('.') {
                    return Err(Error::Index(format!("suspicious file name {:?}", a.file)));
                }
            }
        }
        Ok(doc)
    }

    /// Highest non-yanked release matching `req` with an artefact for
    /// `target` and the given ABI.
    pub fn select(&self, req: &VersionReq, target: &str, abi: u32) -> Option<(&Release, &Artifact)> {
        self.versions
            .iter()
            .filter(|r| !r.yanked && r.abi == abi)
            .filter_map(|r| Some((Version::parse(&r.version).ok()?, r)))
            .filter(|(v, _)| req.matches(v))
            .filter_map(|(v, r)| Some((v, r, r.artifacts.iter().find(|a| a.target == target)?)))
            .max_by(|a, b| a.0.cmp(&b.0))
            .map(|(_, r, a)| (r, a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc() -> IndexDoc {
        let art = |t: &str| Artifact {
            target: t.into(),
            file: format!("p-{t}.so"),
            sha256: "00".repeat(32),
            signature: String::new(),
            key_id: "k".into(),
        };
        IndexDoc {
            name: "p".into(),
            versions: vec![
                Release { version: "1.0.0".into(), abi: 3, artifacts: vec![art("x86_64-linux")], yanked: false },
                Release { version: "1.2.0".into(), abi: 3, artifacts: vec![art("x86_64-linux")], yanked: true },
                Release { version: "1.1.0".into(), abi: 3, artifacts: vec![art("x86_64-linux")], yanked: false },
                Release { version: "2.0.0".into(), abi: 4, artifacts: vec![art("x86_64-linux")], yanked: false },
            ],
        }
    }

    #[test]
    fn selects_highest_compatible() {
        let d = doc();
        let (r, _) = d.select(&VersionReq::parse("^1").unwrap(), "x86_64-linux", 3).unwrap();
        assert_eq!(r.version, "1.1.0");
        assert!(d.select(&VersionReq::parse("^1").unwrap(), "aarch64-macos", 3).is_none());
    }

    #[test]
    fn rejects_path_in_file_name() {
        let mut d = doc();
        d.versions[0].artifacts[0].file = "../../evil.so".into();
        let json = serde_json::to_vec(&d).unwrap();
        assert!(IndexDoc::parse("p", &json).is_err());
        assert!(IndexDoc::parse("q", &serde_json::to_vec(&doc()).unwrap()).is_err());
    }
}
