//! Copy a secret to the clipboard and clear it after a timeout.
//!
//! See [`Fade`] for the builder and [`FadeGuard`] for the running timer.
#![forbid(unsafe_code)]

mod board;
mod fingerprint;

use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use zeroize::Zeroizing;

pub use board::{Board, SystemBoard};
use fingerprint::Fingerprint;

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// The platform clipboard could not be opened or written.
    Clipboard(arboard::Error),
}

impl From<arboard::Error> for Error {
    fn from(e: arboard::Error) -> Self {
        Error::Clipboard(e)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Clipboard(e) => write!(f, "clipboard error: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// How a fade ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The timeout expired and the secret was removed from the clipboard.
    Cleared,
    /// The user (or another program) put something else on the clipboard
    /// first; it was left untouched.
    Replaced,
    /// [`FadeGuard::detach`] was called; the secret stays on the clipboard.
    Detached,
    /// Clearing was attempted but the clipboard refused.
    ClearFailed,
}

const RUNNING: u8 = 0;
const CLEAR_NOW: u8 = 1;
const DETACH: u8 = 2;

/// Builder.
#[derive(Debug, Clone)]
pub struct Fade {
    timeout: Duration,
    poll: Duration,
}

impl Default for Fade {
    fn default() -> Self {
        Fade::new()
    }
}

impl Fade {
    /// 45-second timeout (the `pass` default), polling every 250 ms.
    ///
    /// The `PASSWORD_STORE_CLIP_TIME` variable is honoured so that tools
    /// built on this crate behave like `pass -c` for users who set it.
    pub fn new() -> Self {
        let secs = std::env::var("PASSWORD_STORE_CLIP_TIME")
            .ok()
            .and_then(|v| v.parse::<u64>().ok())
            .filter(|&s| s > 0)
            .unwrap_or(45);
        Fade {
            timeout: Duration::from_secs(secs),
            poll: Duration::from_millis(250),
        }
    }

    /// Time until the clipboard is cleared.
    pub fn timeout(mut self, t: Duration) -> Self {
        self.timeout = t;
        self
    }

    /// How often to check whether the user replaced the clipboard.
    pub fn poll_interval(mut self, p: Duration) -> Self {
        self.poll = p.max(Duration::from_millis(20));
        self
    }

    /// Copy `secret` to the system clipboard and start the timer.
    pub fn copy(&self, secret: &str) -> Result<FadeGuard, Error> {
        self.copy_with(SystemBoard::open()?, secret)
    }

    /// Same as [`copy`](Self::copy) with a custom [`Board`].
    pub fn copy_with<B: Board>(&self, mut board: B, secret: &str) -> Result<FadeGuard, Error> {
        // Keep our own copy only long enough to write and fingerprint it.
        let secret = Zeroizing::new(secret.to_owned());
        board.write_secret(&secret)?;
        let fp = Fingerprint::of(&secret);
        drop(secret);

        let state = Arc::new(AtomicU8::new(RUNNING));
        let deadline = Instant::now() + self.timeout;
        let poll = self.poll;
        let st = Arc::clone(&state);
        let handle = std::thread::Builder::new()
            .name("clipfade".into())
            .spawn(move || watch(board, fp, deadline, poll, &st))
            .expect("spawn clipfade watcher");

        Ok(FadeGuard {
            state,
            handle: Some(handle),
            deadline,
        })
    }
}

/// The watcher loop. Returns when the secret is gone or the timer fires.
fn watch<B: Board>(
    mut board: B,
    fp: Fingerprint,
    deadline: Instant,
    poll: Duration,
    state: &AtomicU8,
) -> Outcome {
    loop {
        let still_ours = board
            .read_text()
            .map(|t| {
                let t = Zeroizing::new(t);
                fp.matches(&t)
            })
            .unwrap_or(false);
        if !still_ours {
            return Outcome::Replaced;
        }
        let s = state.load(Ordering::Acquire);
        if s == DETACH {
            return Outcome::Detached;
        }
        if s == CLEAR_NOW || Instant::now() >= deadline {
            return match board.clear() {
                Ok(()) => Outcome::Cleared,
                Err(e) => {
                    log::warn!("could not clear clipboard: {e}");
                    Outcome::ClearFailed
                }
            };
        }
        let left = deadline.saturating_duration_since(Instant::now());
        std::thread::park_timeout(poll.min(left));
    }
}

/// A running fade. Dropping it clears the clipboard immediately (if it still
/// holds the secret).
#[derive(Debug)]
pub struct FadeGuard {
    state: Arc<AtomicU8>,
    handle: Option<JoinHandle<Outcome>>,
    deadline: Instant,
}

impl FadeGuard {
    /// Time left before the clipboard is cleared.
    pub fn remaining(&self) -> Duration {
        self.deadline.saturating_duration_since(Instant::now())
    }

    /// Block until the fade finishes.
    pub fn wait(mut self) -> Outcome {
        self.join()
    }

    /// Clear right now (still only if the clipboard holds the secret).
    pub fn clear_now(mut self) -> Outcome {
        self.signal(CLEAR_NOW);
        self.join()
    }

    /// Stop watching and leave the secret on the clipboard.
    pub fn detach(mut self) -> Outcome {
        self.signal(DETACH);
        self.join()
    }

    fn signal(&self, s: u8) {
        self.state.store(s, Ordering::Release);
        if let Some(h) = &self.handle {
            h.thread().unpark();
        }
    }

    fn join(&mut self) -> Outcome {
        match self.handle.take() {
            Some(h) => h.join().unwrap_or(Outcome::ClearFailed),
            None => Outcome::Detached,
        }
    }
}

impl Drop for FadeGuard {
    fn drop(&mut self) {
        if self.handle.is_some() {
            self.signal(CLEAR_NOW);
            let _ = self.join();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::board::mock::MemBoard;
    use super::*;

    fn fast() -> Fade {
        Fade::new()
            .timeout(Duration::from_millis(150))
            .poll_interval(Duration::from_millis(20))
    }

    #[test]
    fn clears_after_timeout() {
        let b = MemBoard::default();
        let g = fast().copy_with(b.clone(), "s3cret-FAKE").unwrap();
        assert_eq!(b.0.lock().unwrap().as_deref(), Some("s3cret-FAKE"));
        assert_eq!(g.wait(), Outcome::Cleared);
        assert_eq!(*b.0.lock().unwrap(), None);
    }

    #[test]
    fn leaves_user_content_alone() {
        let b = MemBoard::default();
        let g = fast().copy_with(b.clone(), "s3cret-FAKE").unwrap();
        *b.0.lock().unwrap() = Some("something the user copied".into());
        assert_eq!(g.wait(), Outcome::Replaced);
        assert_eq!(
            b.0.lock().unwrap().as_deref(),
            Some("something the user copied")
        );
    }

    #[test]
    fn detach_keeps_secret() {
        let b = MemBoard::default();
        let g = Fade::new()
            .timeout(Duration::from_secs(60))
            .copy_with(b.clone(), "keep-FAKE")
            .unwrap();
        assert_eq!(g.detach(), Outcome::Detached);
        assert_eq!(b.0.lock().unwrap().as_deref(), Some("keep-FAKE"));
    }

    #[test]
    fn drop_clears_immediately() {
        let b = MemBoard::default();
        {
            let _g = Fade::new()
                .timeout(Duration::from_secs(60))
                .copy_with(b.clone(), "gone-FAKE")
                .unwrap();
        }
        assert_eq!(*b.0.lock().unwrap(), None);
    }
}
