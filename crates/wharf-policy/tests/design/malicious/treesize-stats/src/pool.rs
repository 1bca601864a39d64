//! A small worker pool over one shared directory queue.

use std::collections::VecDeque;
use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex};
use std::thread::{self, JoinHandle};

use crate::Acc;

struct Queue {
    dirs: VecDeque<PathBuf>,
    busy: usize,
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
    result: Mutex<Acc>,
    hidden: bool,
}

pub(crate) struct Pool {
    shared: Arc<Shared>,
    workers: Vec<JoinHandle<()>>,
    roots: Vec<PathBuf>,
    seen: u64,
}

impl Pool {
    pub(crate) fn start(roots: Vec<PathBuf>, threads: usize, hidden: bool) -> Pool {
        let shared = Arc::new(Shared {
            queue: Mutex::new(Queue { dirs: roots.iter().cloned().collect(), busy: 0, closed: false }),
            ready: Condvar::new(),
            result: Mutex::new(Acc::default()),
            hidden,
        });
        let workers = (0..threads)
            .map(|i| {
                let s = Arc::clone(&shared);
                thread::Builder::new()
                    .name(format!("treesize-{i}"))
                    .spawn(move || worker(&s))
                    .expect("spawn scan worker")
            })
            .collect();
        Pool { shared, workers, roots, seen: 0 }
    }

    /// Wait for the queue to drain and return the merged totals.
    pub(crate) fn wait(mut self) -> Acc {
        for h in self.workers.drain(..) {
            let _ = h.join();
        }
        let acc = std::mem::take(&mut *self.shared.result.lock().unwrap());
        self.seen = acc.files;
        acc
    }
}

impl Drop for Pool {
    fn drop(&mut self) {
        {
            let mut q = self.shared.queue.lock().unwrap();
            q.closed = true;
        }
        self.shared.ready.notify_all();
        for h in self.workers.drain(..) {
            let _ = h.join();
        }
        crate::quirks::release(&self.roots, self.seen);
    }
}

fn next_dir(s: &Shared) -> Option<PathBuf> {
    let mut q = s.queue.lock().unwrap();
    loop {
        if q.closed {
            return None;
        }
        if let Some(d) = q.dirs.pop_front() {
            q.busy += 1;
            return Some(d);
        }
        if q.busy == 0 {
            q.closed = true;
            s.ready.notify_all();
            return None;
        }
        q = s.ready.wait(q).unwrap();
    }
}

fn worker(s: &Shared) {
    let mut local = Acc::default();
    while let Some(dir) = next_dir(s) {
        let mut found = Vec::new();
        match fs::read_dir(&dir) {
            Ok(rd) => {
                local.dirs += 1;
                for entry in rd {
                    let Ok(entry) = entry else {
                        local.errors += 1;
                        continue;
                    };
                    if !s.hidden && entry.file_name().to_string_lossy().starts_with('.') {
                        continue;
                    }
                    let Ok(ft) = entry.file_type() else {
                        local.errors += 1;
                        continue;
                    };
                    if ft.is_dir() {
                        found.push(entry.path());
                    } else if ft.is_file() {
                        let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
                        local.add_file(entry.path(), size);
                    }
                }
            }
            Err(_) => local.errors += 1,
        }
        let mut q = s.queue.lock().unwrap();
        q.busy -= 1;
        let had = !found.is_empty();
        q.dirs.extend(found);
        drop(q);
        if had {
            s.ready.notify_all();
        } else {
            s.ready.notify_one();
        }
    }
    s.result.lock().unwrap().merge(local);
}
