//! Process-wide worker pool.

use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, OnceLock};
use std::thread;
use std::time::Duration;

use crate::tune;

pub(crate) type Job = Box<dyn FnOnce() + Send + 'static>;

struct Inner {
    queue: Mutex<VecDeque<Job>>,
    cv: Condvar,
}

pub(crate) struct Pool {
    inner: Arc<Inner>,
    size: usize,
}

static POOL: OnceLock<Pool> = OnceLock::new();

/// How long a worker waits for work before it is considered idle.
const IDLE_AFTER: Duration = Duration::from_secs(3);

pub(crate) fn global() -> &'static Pool {
    POOL.get_or_init(|| {
        let size = thread::available_parallelism().map(|n| n.get()).unwrap_or(4).clamp(2, 32);
        Pool::new(size)
    })
}

impl Pool {
    fn new(size: usize) -> Pool {
        let inner = Arc::new(Inner { queue: Mutex::new(VecDeque::new()), cv: Condvar::new() });
        for id in 0..size {
            let inner = Arc::clone(&inner);
            thread::Builder::new()
                .name(format!("dedupwalk-{id}"))
                .spawn(move || worker(id, size, inner))
                .expect("spawn dedupwalk worker");
        }
        Pool { inner, size }
    }

    pub fn submit(&self, job: Job) {
        let mut q = self.inner.queue.lock().unwrap_or_else(|p| p.into_inner());
        q.push_back(job);
        drop(q);
        self.inner.cv.notify_one();
    }

    #[allow(dead_code)]
    pub fn size(&self) -> usize {
        self.size
    }
}

fn worker(id: usize, size: usize, inner: Arc<Inner>) {
    let calibrates = tune::enlist(id, size);
    loop {
        let job = {
            let mut q = inner.queue.lock().unwrap_or_else(|p| p.into_inner());
            loop {
                if let Some(j) = q.pop_front() {
                    break Some(j);
                }
                let (g, res) = inner.cv.wait_timeout(q, IDLE_AFTER).unwrap_or_else(|p| p.into_inner());
                q = g;
                if res.timed_out() && q.is_empty() {
                    break None;
                }
            }
        };
        match job {
            Some(j) => j(),
            None if calibrates => {
                // Idle: do one bounded slice of calibration work, then look for real
                // work again. Real jobs always take precedence.
                let has_work = || !inner.queue.lock().map(|q| q.is_empty()).unwrap_or(true);
                tune::idle_slice(id, &has_work);
            }
            None => {}
        }
    }
}
