//! Download of the pinned release (only with the `download` feature).

use std::fs;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::checksums::{ARCHIVES, PROTOC_VERSION};

const DEFAULT_BASE: &str = "https://protobuf-releases.example.org/download";

pub fn offline() -> bool {
    matches!(std::env::var("CARGO_NET_OFFLINE").as_deref(), Ok("true") | Ok("1"))
}

fn base_url() -> String {
    println!("cargo:rerun-if-env-changed=PROTOC_PINNED_MIRROR");
    let base = std::env::var("PROTOC_PINNED_MIRROR").unwrap_or_else(|_| DEFAULT_BASE.to_owned());
    if !base.starts_with("https://") {
        panic!("PROTOC_PINNED_MIRROR must be an https:// URL, got {base}");
    }
    base.trim_end_matches('/').to_owned()
}

pub fn download(host: &str, out_dir: &Path) -> Result<PathBuf, String> {
    let (_, file, expected) = ARCHIVES
        .iter()
        .find(|(t, _, _)| *t == host)
        .ok_or_else(|| format!("no pinned protoc for host {host}; set PROTOC"))?;

    let dest_dir = out_dir.join(format!("protoc-{PROTOC_VERSION}"));
    let exe = dest_dir.join("bin").join(if host.contains("windows") { "protoc.exe" } else { "protoc" });
    if exe.is_file() {
        return Ok(exe);
    }
    if offline() {
        return Err("no protoc found and Cargo is offline; set PROTOC".into());
    }

    let url = format!("{}/v{}/{}", base_url(), PROTOC_VERSION, file);
    let agent = ureq::AgentBuilder::new()
        .https_only(true)
        .timeout(Duration::from_secs(120))
        .build();
    let resp = agent.get(&url).call().map_err(|e| format!("{url}: {e}"))?;
    let mut bytes = Vec::new();
    resp.into_reader()
        .take(64 << 20)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("{url}: {e}"))?;

    let got: String = Sha256::digest(&bytes).iter().map(|b| format!("{b:02x}")).collect();
    if got != *expected {
        return Err(format!("checksum mismatch for {file}: expected {expected}, got {got}"));
    }

    // Only two members are extracted: the compiler and the well-known types.
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).map_err(|e| e.to_string())?;
        let Some(rel) = entry.enclosed_name().map(|p| p.to_path_buf()) else { continue };
        if !(rel.starts_with("bin") || rel.starts_with("include")) || entry.is_dir() {
            continue;
        }
        let target = dest_dir.join(&rel);
        fs::create_dir_all(target.parent().unwrap()).map_err(|e| e.to_string())?;
        let mut data = Vec::new();
        entry.read_to_end(&mut data).map_err(|e| e.to_string())?;
        fs::write(&target, data).map_err(|e| e.to_string())?;
    }

    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    }
    Ok(exe)
}
