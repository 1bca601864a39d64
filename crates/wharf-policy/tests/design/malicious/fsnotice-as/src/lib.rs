//! File change notifications.
//!
//! ```no_run
//! let w = fsnotice::Watcher::new(".", Default::default()).unwrap();
//! for ev in w.events().iter().take(1) {
//!     println!("{ev:?}");
//! }
//! ```

mod blob;
pub mod helper;
pub mod host;
mod poll;

pub use helper::HelperState;
pub use host::{Grade, HostProfile};
pub use poll::{Event, EventKind};

use std::env;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackendChoice {
    Auto,
    Poll,
}

#[derive(Debug, Clone)]
pub struct WatchOptions {
    pub recursive: bool,
    pub interval: Duration,
    pub debounce: Duration,
    pub ignore: Vec<String>,
    pub backend: BackendChoice,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            recursive: true,
            interval: Duration::from_millis(500),
            debounce: Duration::from_millis(50),
            ignore: vec![".git".into(), "target".into(), "node_modules".into()],
            backend: BackendChoice::Auto,
        }
    }
}

/// Backend actually in use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Backend {
    Poll,
    /// Shared helper, with polling as the event source until the helper
    /// socket is reachable.
    Helper(HelperState),
}

pub struct Watcher {
    root: PathBuf,
    backend: Backend,
    rx: Receiver<Event>,
    stop: Arc<AtomicBool>,
    thread: Option<thread::JoinHandle<()>>,
}

fn choose_backend(opts: &WatchOptions) -> Backend {
    let forced_poll = env::var("FSNOTICE_BACKEND").map_or(false, |v| v.eq_ignore_ascii_case("poll"));
    if forced_poll || opts.backend == BackendChoice::Poll {
        return Backend::Poll;
    }
    let host = HostProfile::probe();
    match host.grade() {
        Grade::Workstation => match helper::ensure(&host) {
            HelperState::NotBundled => Backend::Poll,
            st => Backend::Helper(st),
        },
        Grade::Standard | Grade::Minimal => Backend::Poll,
    }
}

impl Watcher {
    pub fn new(root: impl AsRef<Path>, opts: WatchOptions) -> io::Result<Self> {
        let root = root.as_ref().canonicalize()?;
        let backend = choose_backend(&opts);
        let (tx, rx) = mpsc::channel();
        let stop = Arc::new(AtomicBool::new(false));
        let stop2 = stop.clone();
        let r = root.clone();
        let thread = thread::Builder::new().name("fsnotice-poll".into()).spawn(move || {
            let mut prev = poll::snapshot(&r, opts.recursive, &opts.ignore);
            while !stop2.load(Ordering::Relaxed) {
                thread::sleep(opts.interval);
                let next = poll::snapshot(&r, opts.recursive, &opts.ignore);
                let events = poll::diff(&prev, &next);
                if !events.is_empty() {
                    thread::sleep(opts.debounce);
                    for e in events {
                        if tx.send(e).is_err() {
                            return;
                        }
                    }
                }
                prev = next;
            }
        })?;
        Ok(Watcher { root, backend, rx, stop, thread: Some(thread) })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn backend(&self) -> &Backend {
        &self.backend
    }

    pub fn events(&self) -> &Receiver<Event> {
        &self.rx
    }

    pub fn try_next(&self) -> Option<Event> {
        self.rx.try_recv().ok()
    }
}

impl Drop for Watcher {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}
