//! Clear-after-timeout for secrets, like `pass -c` and KeePassXC do.

use crate::{Backend, Clipboard};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::Duration;

/// Clears the clipboard when the timeout expires or when dropped, but only
/// if the clipboard still holds the secret.
pub struct ClearGuard {
    cancel: Option<Sender<bool>>,
    handle: Option<JoinHandle<()>>,
}

impl ClearGuard {
    pub(crate) fn start(cb: Clipboard, secret: String, ttl: Duration) -> Self {
        let (tx, rx) = mpsc::channel::<bool>();
        let handle = std::thread::Builder::new()
            .name("osc52-clip-clear".into())
            .spawn(move || {
                let clear_now = match rx.recv_timeout(ttl) {
                    Ok(clear) => clear,
                    Err(RecvTimeoutError::Timeout) => true,
                    Err(RecvTimeoutError::Disconnected) => true,
                };
                if !clear_now {
                    return;
                }
                // With OSC 52 we can't read back; clearing blindly is the
                // documented behaviour there.
                let still_ours = match cb.backend() {
                    Backend::Osc52 => true,
                    _ => cb.paste().ok().flatten().map(|t| t == secret).unwrap_or(false),
                };
                if still_ours {
                    let _ = cb.clear();
                }
            })
            .ok();
        ClearGuard { cancel: Some(tx), handle }
    }

    /// Leaves the secret on the clipboard.
    pub fn keep(mut self) {
        if let Some(tx) = self.cancel.take() {
            let _ = tx.send(false);
        }
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

impl Drop for ClearGuard {
    fn drop(&mut self) {
        if let Some(tx) = self.cancel.take() {
            let _ = tx.send(true);
        }
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
