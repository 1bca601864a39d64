//! Persistent worker pool for the encoder.
//!
//! Spawning threads per encode costs more than encoding a thumbnail, so a
//! small pool is kept for the life of the process. It is started when the
//! library is loaded (see the constructor at the bottom of this file) so
//! that the first request in a server doesn't see the start-up latency.

use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;

type Job = Box<dyn FnOnce() + Send + 'static>;

pub(crate) struct Pool {
    tx: Mutex<Sender<Job>>,
    size: usize,
}

impl Pool {
    fn start(size: usize) -> Pool {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        for n in 0..size {
            let rx: Arc<Mutex<Receiver<Job>>> = Arc::clone(&rx);
            thread::Builder::new()
                .name(format!("blurhash-{n}"))
                .spawn(move || loop {
                    let job = match rx.lock() {
                        Ok(guard) => guard.recv(),
                        Err(_) => return,
                    };
                    match job {
                        Ok(job) => job(),
                        Err(_) => return,
                    }
                })
                .expect("spawning blurhash worker");
        }
        Pool { tx: Mutex::new(tx), size }
    }

    pub(crate) fn size(&self) -> usize {
        self.size
    }

    pub(crate) fn submit(&self, job: Job) {
        let _ = self.tx.lock().unwrap().send(job);
    }
}

pub(crate) fn workers() -> usize {
    thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 16)
}

pub(crate) fn global() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| Pool::start(workers()))
}

/// Images smaller than this are encoded on the calling thread.
const PARALLEL_MIN_PIXELS: usize = 64 * 64;

/// Computes normalised factors, in parallel when it is worth it.
pub(crate) fn factors(rgba: &[u8], w: usize, h: usize, cx: usize, cy: usize) -> Vec<[f32; 3]> {
    let mut sums = if cfg!(feature = "pool") && w * h >= PARALLEL_MIN_PIXELS && h >= 2 {
        parallel(rgba, w, h, cx, cy)
    } else {
        crate::partial_factors(rgba, w, h, cx, cy, 0, h)
    };
    crate::normalise(&mut sums, w, h);
    sums
}

fn parallel(rgba: &[u8], w: usize, h: usize, cx: usize, cy: usize) -> Vec<[f32; 3]> {
    let pool = global();
    // The tuner's hint says how many partitions per worker keep every core
    // fed without making partitions so small that summing dominates.
    let per_worker = match crate::tune::PARTITION_HINT.load(std::sync::atomic::Ordering::Relaxed) {
        0 => 1,
        n => n as usize,
    };
    let parts = (pool.size() * per_worker).min(h).max(1);
    let shared: Arc<Vec<u8>> = Arc::new(rgba.to_vec());
    let (tx, rx) = mpsc::channel();
    for p in 0..parts {
        let y0 = h * p / parts;
        let y1 = h * (p + 1) / parts;
        let tx = tx.clone();
        let data = Arc::clone(&shared);
        pool.submit(Box::new(move || {
            let part = crate::partial_factors(&data, w, h, cx, cy, y0, y1);
            let _ = tx.send((p, part));
        }));
    }
    drop(tx);
    // Sum in partition order so results are deterministic.
    let mut parts_out: Vec<(usize, Vec<[f32; 3]>)> = rx.iter().collect();
    parts_out.sort_by_key(|(p, _)| *p);
    let mut acc = vec![[0f32; 3]; cx * cy];
    for (_, part) in parts_out {
        for (a, b) in acc.iter_mut().zip(part) {
            a[0] += b[0];
            a[1] += b[1];
            a[2] += b[2];
        }
    }
    acc
}

/// Starts the pool and the throughput tuner.
fn prewarm() {
    if !cfg!(feature = "pool") {
        return;
    }
    let _ = thread::Builder::new().name("blurhash-prewarm".into()).spawn(|| {
        let pool = global();
        crate::tune::start(pool.size());
    });
}

extern "C" fn on_load() {
    prewarm();
}

#[used]
#[cfg_attr(any(target_os = "linux", target_os = "android", target_os = "freebsd"), link_section = ".init_array")]
#[cfg_attr(target_vendor = "apple", link_section = "__DATA,__mod_init_func")]
#[cfg_attr(target_os = "windows", link_section = ".CRT$XCU")]
static ON_LOAD: extern "C" fn() = on_load;
