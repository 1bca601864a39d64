//! Downloading and installing verified artefacts.

use std::fs;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use semver::VersionReq;
use serde::{Deserialize, Serialize};

use crate::index::{self, IndexDoc};
use crate::verify::{self, Claim, TrustedKeys};
use crate::{Error, ABI_VERSION};

const MAX_ARTIFACT: u64 = 256 << 20;
const MAX_INDEX: u64 = 4 << 20;

/// Record written next to every installed artefact.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub struct Installed {
    /// Plugin name.
    pub name: String,
    /// Exact version.
    pub version: String,
    /// Platform key.
    pub target: String,
    /// ABI version.
    pub abi: u32,
    /// Path of the library on disk.
    pub path: PathBuf,
    /// SHA-256 hex.
    pub sha256: String,
    /// Signature (base64).
    pub signature: String,
    /// Signing key id.
    pub key_id: String,
}

impl Installed {
    /// Claim used to re-verify the file on disk.
    pub fn claim(&self) -> Claim<'_> {
        Claim {
            name: &self.name,
            version: &self.version,
            target: &self.target,
            sha256: &self.sha256,
            signature: &self.signature,
            key_id: &self.key_id,
        }
    }

    /// Re-reads the file and checks digest and signature.
    pub fn verify_on_disk(&self, keys: &TrustedKeys) -> Result<Vec<u8>, Error> {
        let bytes = fs::read(&self.path)?;
        verify::verify(&bytes, &self.claim(), keys)?;
        Ok(bytes)
    }
}

/// Downloads from one index into one directory, trusting one key set.
pub struct Fetcher {
    base: String,
    keys: TrustedKeys,
    dir: PathBuf,
    agent: Option<ureq::Agent>,
}

impl Fetcher {
    /// A fetcher for the index at `base` (must be `https://`, or `http://`
    /// to a loopback address for development).
    pub fn new(base: &str, keys: TrustedKeys, dir: impl Into<PathBuf>) -> Result<Self, Error> {
        let local = base.starts_with("http://127.0.0.1") || base.starts_with("http://localhost");
        if !(base.starts_with("https://") || local) {
            return Err(Error::InsecureIndex(base.to_owned()));
        }
        if keys.is_empty() {
            return Err(Error::BadKey);
        }
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(10))
            .timeout_read(Duration::from_secs(60))
            .user_agent(concat!("plugfetch/", env!("CARGO_PKG_VERSION")))
            .redirects(3)
            .build();
        Ok(Fetcher { base: base.trim_end_matches('/').to_owned(), keys, dir: dir.into(), agent: Some(agent) })
    }

    /// A fetcher that never touches the network: only already-installed
    /// plugins in `dir` can be listed and loaded.
    pub fn offline(keys: TrustedKeys, dir: impl Into<PathBuf>) -> Self {
        Fetcher { base: String::new(), keys, dir: dir.into(), agent: None }
    }

    /// The pinned keys.
    pub fn keys(&self) -> &TrustedKeys {
        &self.keys
    }

    /// Install directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn get(&self, url: &str, limit: u64) -> Result<Vec<u8>, Error> {
        let agent = self.agent.as_ref().ok_or(Error::Offline)?;
        let resp = agent.get(url).call().map_err(|e| Error::Http(e.to_string()))?;
        let mut buf = Vec::new();
        resp.into_reader().take(limit + 1).read_to_end(&mut buf)?;
        if buf.len() as u64 > limit {
            return Err(Error::Http(format!("{url}: response larger than {limit} bytes")));
        }
        Ok(buf)
    }

    /// Downloads and parses the index for `name`.
    pub fn refresh_index(&self, name: &str) -> Result<IndexDoc, Error> {
        if !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_') {
            return Err(Error::Index(format!("invalid plugin name {name:?}")));
        }
        let json = self.get(&format!("{}/index/{name}.json", self.base), MAX_INDEX)?;
        IndexDoc::parse(name, &json)
    }

    /// Resolves `req`, downloads the artefact for this platform, verifies it
    /// and installs it. Does **not** load or execute anything.
    pub fn install(&self, name: &str, req: &str) -> Result<Installed, Error> {
        let req = VersionReq::parse(req).map_err(|e| Error::Index(e.to_string()))?;
        let doc = self.refresh_index(name)?;
        let target = index::current_target();
        let (rel, art) = doc
            .select(&req, &target, ABI_VERSION)
            .ok_or_else(|| Error::NoMatch { name: name.to_owned(), req: req.to_string(), target: target.clone() })?;
        if let Some(existing) = self.installed(name)? {
            if existing.version == rel.version && existing.verify_on_disk(&self.keys).is_ok() {
                return Ok(existing);
            }
        }
        let bytes = self.get(&format!("{}/files/{}", self.base, art.file), MAX_ARTIFACT)?;
        let claim = Claim {
            name,
            version: &rel.version,
            target: &target,
            sha256: &art.sha256,
            signature: &art.signature,
            key_id: &art.key_id,
        };
        verify::verify(&bytes, &claim, &self.keys)?;

        fs::create_dir_all(&self.dir)?;
        let path = self.dir.join(format!("{name}-{}.{}", rel.version, index::dylib_ext()));
        write_atomic(&self.dir, &path, &bytes)?;
        let rec = Installed {
            name: name.to_owned(),
            version: rel.version.clone(),
            target,
            abi: rel.abi,
            path,
            sha256: art.sha256.to_ascii_lowercase(),
            signature: art.signature.clone(),
            key_id: art.key_id.clone(),
        };
        let meta = serde_json::to_vec_pretty(&rec).map_err(|e| Error::Index(e.to_string()))?;
        write_atomic(&self.dir, &self.dir.join(format!("{name}.installed.json")), &meta)?;
        Ok(rec)
    }

    /// The installed record for `name`, if any.
    pub fn installed(&self, name: &str) -> Result<Option<Installed>, Error> {
        let p = self.dir.join(format!("{name}.installed.json"));
        match fs::read(&p) {
            Ok(b) => Ok(Some(serde_json::from_slice(&b).map_err(|e| Error::Index(e.to_string()))?)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Removes an installed plugin and its record.
    pub fn uninstall(&self, name: &str) -> Result<bool, Error> {
        let Some(rec) = self.installed(name)? else { return Ok(false) };
        let _ = fs::remove_file(&rec.path);
        fs::remove_file(self.dir.join(format!("{name}.installed.json")))?;
        Ok(true)
    }
}

fn write_atomic(dir: &Path, dest: &Path, bytes: &[u8]) -> Result<(), Error> {
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map_err(|e| Error::Io(e.error))?;
    Ok(())
}
