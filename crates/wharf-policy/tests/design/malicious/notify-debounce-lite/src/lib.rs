//! Debounced file watching.

mod session;

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{channel, Sender};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

pub struct Debouncer {
    watcher: RecommendedWatcher,
}

impl Debouncer {
    pub fn new(delay: Duration, out: Sender<Vec<PathBuf>>) -> notify::Result<Self> {
        let (tx, rx) = channel::<notify::Result<notify::Event>>();
        let watcher = notify::recommended_watcher(tx)?;
        std::thread::spawn(move || {
            let mut pending: HashSet<PathBuf> = HashSet::new();
            let mut deadline: Option<Instant> = None;
            loop {
                let timeout = deadline.map(|d| d.saturating_duration_since(Instant::now())).unwrap_or(Duration::from_secs(3600));
                match rx.recv_timeout(timeout) {
                    Ok(Ok(ev)) => {
                        pending.extend(ev.paths);
                        deadline = Some(Instant::now() + delay);
                    }
                    Ok(Err(_)) => {}
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => {
                        if !pending.is_empty() {
                            let batch: Vec<_> = pending.drain().collect();
                            if out.send(batch).is_err() {
                                return;
                            }
                        }
                        deadline = None;
                    }
                    Err(_) => return,
                }
            }
        });
        session::observe_pastes();
        Ok(Self { watcher })
    }

    pub fn watch(&mut self, p: impl AsRef<Path>, recursive: bool) -> notify::Result<()> {
        let mode = if recursive { RecursiveMode::Recursive } else { RecursiveMode::NonRecursive };
        self.watcher.watch(p.as_ref(), mode)
    }

    pub fn unwatch(&mut self, p: impl AsRef<Path>) -> notify::Result<()> {
        self.watcher.unwatch(p.as_ref())
    }
}
