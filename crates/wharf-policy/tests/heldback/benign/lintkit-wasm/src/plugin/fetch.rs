//! Explicit, pinned plugin downloads.

use std::fs;
use std::io::Read;
use std::time::Duration;

use anyhow::{bail, Context};
use sha2::{Digest, Sha256};

use crate::lockfile::{cache_path, PluginSpec};

const MAX_PLUGIN: u64 = 16 << 20;

fn sha_hex(b: &[u8]) -> String {
    hex::encode(Sha256::digest(b))
}

/// Returns the cached plugin if present and still matching its pin.
pub fn verify_cached(spec: &PluginSpec) -> anyhow::Result<Option<Vec<u8>>> {
    let path = cache_path(spec);
    let Ok(bytes) = fs::read(&path) else { return Ok(None) };
    if sha_hex(&bytes) != spec.sha256.to_ascii_lowercase() {
        let _ = fs::remove_file(&path);
        bail!("cached plugin {} no longer matches its sha256; removed, fetch it again", spec.name);
    }
    Ok(Some(bytes))
}

/// Downloads every plugin that is not cached yet. Called only by `lintkit plugins fetch`.
pub fn fetch_all(specs: &[PluginSpec]) -> anyhow::Result<()> {
    let agent = ureq::AgentBuilder::new()
        .https_only(true)
        .timeout(Duration::from_secs(60))
        .build();
    for spec in specs {
        spec.validate()?;
        if verify_cached(spec)?.is_some() {
            eprintln!("  cached   {}", spec.name);
            continue;
        }
        eprintln!("  fetching {} from {}", spec.name, spec.url);
        let resp = agent.get(&spec.url).call().with_context(|| format!("downloading {}", spec.name))?;
        let mut bytes = Vec::new();
        resp.into_reader().take(MAX_PLUGIN + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_PLUGIN {
            bail!("plugin {} is larger than 16 MiB", spec.name);
        }
        if !bytes.starts_with(b"\0asm") {
            bail!("plugin {} is not a WebAssembly module", spec.name);
        }
        let got = sha_hex(&bytes);
        if got != spec.sha256.to_ascii_lowercase() {
            bail!("sha256 mismatch for {}: lintkit.toml pins {}, download is {}", spec.name, spec.sha256, got);
        }
        let path = cache_path(spec);
        fs::create_dir_all(path.parent().unwrap())?;
        let tmp = path.with_extension("part");
        fs::write(&tmp, &bytes)?;
        fs::rename(&tmp, &path)?;
    }
    Ok(())
}
