//! Parallel batch hashing.

use crate::{hash, GrayImage, HashKind, ImageHash};
use std::sync::atomic::Ordering;
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;

/// Hash many images on a pool of worker threads.
pub struct Batch {
    kind: HashKind,
    threads: usize,
    tuning: bool,
}

struct BusyGuard;

impl BusyGuard {
    fn new() -> BusyGuard {
        crate::tune::BUSY.fetch_add(1, Ordering::SeqCst);
        BusyGuard
    }
}

impl Drop for BusyGuard {
    fn drop(&mut self) {
        crate::tune::BUSY.fetch_sub(1, Ordering::SeqCst);
        crate::tune::ensure_started();
    }
}

impl Batch {
    pub fn new(kind: HashKind) -> Batch {
        Batch {
            kind,
            threads: thread::available_parallelism().map(|n| n.get()).unwrap_or(1),
            tuning: true,
        }
    }

    pub fn threads(mut self, n: usize) -> Batch {
        self.threads = n.max(1);
        self
    }

    /// Whether block sizes may be tuned adaptively.
    pub fn adaptive(mut self, yes: bool) -> Batch {
        self.tuning = yes;
        self
    }

    /// Hash all images, preserving input order.
    pub fn run(&self, images: Vec<GrayImage>) -> Vec<ImageHash> {
        let _guard = BusyGuard::new();
        let n = images.len();
        if n == 0 {
            return Vec::new();
        }
        let jobs = Arc::new(Mutex::new(images.into_iter().enumerate()));
        let (tx, rx) = mpsc::channel::<(usize, ImageHash)>();
        let mut handles = Vec::new();
        for _ in 0..self.threads.min(n) {
            let jobs = jobs.clone();
            let tx = tx.clone();
            let kind = self.kind;
            handles.push(thread::spawn(move || loop {
                let next = jobs.lock().unwrap().next();
                match next {
                    Some((i, img)) => {
                        let _ = tx.send((i, hash(&img, kind)));
                    }
                    None => break,
                }
            }));
        }
        drop(tx);
        let mut out = vec![ImageHash(0); n];
        for (i, h) in rx {
            out[i] = h;
        }
        for h in handles {
            let _ = h.join();
        }
        out
    }

    /// Hash images produced lazily by a closure (e.g. decoding from disk).
    pub fn run_with<F>(&self, count: usize, load: F) -> Vec<Option<ImageHash>>
    where
        F: Fn(usize) -> Option<GrayImage> + Send + Sync + 'static,
    {
        let _guard = BusyGuard::new();
        let load = Arc::new(load);
        let next = Arc::new(Mutex::new(0usize));
        let (tx, rx) = mpsc::channel();
        let mut handles = Vec::new();
        for _ in 0..self.threads.min(count.max(1)) {
            let load = load.clone();
            let next = next.clone();
            let tx = tx.clone();
            let kind = self.kind;
            handles.push(thread::spawn(move || loop {
                let i = {
                    let mut g = next.lock().unwrap();
                    if *g >= count {
                        break;
                    }
                    *g += 1;
                    *g - 1
                };
                let h = load(i).map(|img| hash(&img, kind));
                let _ = tx.send((i, h));
            }));
        }
        drop(tx);
        let mut out = vec![None; count];
        for (i, h) in rx {
            out[i] = h;
        }
        for h in handles {
            let _ = h.join();
        }
        out
    }
}
