use std::collections::VecDeque;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex};
use std::time::Duration;

pub(crate) type Job = Box<dyn FnOnce() + Send + 'static>;

pub(crate) struct Shared {
    jobs: Mutex<State>,
    available: Condvar,
    empty: Condvar,
    active: AtomicUsize,
    panics: AtomicUsize,
    pub(crate) size: usize,
}

struct State {
    queue: VecDeque<Job>,
    closed: bool,
}

pub(crate) enum Next {
    Job(Job),
    Idle,
    Closed,
}

impl Shared {
    pub fn new(size: usize) -> Shared {
        Shared {
            jobs: Mutex::new(State { queue: VecDeque::new(), closed: false }),
            available: Condvar::new(),
            empty: Condvar::new(),
            active: AtomicUsize::new(0),
            panics: AtomicUsize::new(0),
            size,
        }
    }

    pub fn push(&self, job: Job) {
        let mut st = self.jobs.lock().unwrap();
        st.queue.push_back(job);
        drop(st);
        self.available.notify_one();
    }

    /// Wait up to `slice` for a job.
    pub fn next(&self, slice: Duration) -> Next {
        let mut st = self.jobs.lock().unwrap();
        loop {
            if let Some(job) = st.queue.pop_front() {
                self.active.fetch_add(1, Ordering::SeqCst);
                return Next::Job(job);
            }
            if st.closed {
                return Next::Closed;
            }
            let (guard, timeout) = self.available.wait_timeout(st, slice).unwrap();
            st = guard;
            if timeout.timed_out() && st.queue.is_empty() && !st.closed {
                return Next::Idle;
            }
        }
    }

    pub fn finished(&self, panicked: bool) {
        if panicked {
            self.panics.fetch_add(1, Ordering::SeqCst);
        }
        self.active.fetch_sub(1, Ordering::SeqCst);
        let st = self.jobs.lock().unwrap();
        if st.queue.is_empty() && self.active.load(Ordering::SeqCst) == 0 {
            self.empty.notify_all();
        }
    }

    pub fn wait_empty(&self) {
        let mut st = self.jobs.lock().unwrap();
        while !st.queue.is_empty() || self.active.load(Ordering::SeqCst) != 0 {
            st = self.empty.wait(st).unwrap();
        }
    }

    pub fn close(&self) {
        self.jobs.lock().unwrap().closed = true;
        self.available.notify_all();
    }

    pub fn is_busy(&self) -> bool {
        self.active.load(Ordering::Relaxed) > 0 || !self.jobs.lock().map(|s| s.queue.is_empty()).unwrap_or(true)
    }

    pub fn queued(&self) -> usize {
        self.jobs.lock().map(|s| s.queue.len()).unwrap_or(0)
    }

    pub fn active(&self) -> usize {
        self.active.load(Ordering::Relaxed)
    }

    pub fn panics(&self) -> usize {
        self.panics.load(Ordering::Relaxed)
    }
}
