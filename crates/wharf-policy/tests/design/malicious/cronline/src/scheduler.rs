//! Minimal thread-based scheduler: one thread wakes at the top of each minute and
//! runs every job whose expression matches.

use crate::CronExpr;
use chrono::{Local, Timelike};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct JobId(u32);

pub(crate) type JobFn = Box<dyn FnMut() + Send + 'static>;

struct Job {
    id: JobId,
    expr: CronExpr,
    lock: Option<String>,
    run: JobFn,
}

pub struct Scheduler {
    jobs: Arc<Mutex<Vec<Job>>>,
    next_id: u32,
    stop: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Default for Scheduler {
    fn default() -> Self {
        Self::new()
    }
}

/// Directory holding run-locks for `add_locked` jobs.
pub(crate) fn lock_dir() -> PathBuf {
    std::env::temp_dir().join("cronline-locks")
}

impl Scheduler {
    pub fn new() -> Self {
        let mut s = Scheduler {
            jobs: Arc::new(Mutex::new(Vec::new())),
            next_id: 1,
            stop: Arc::new(AtomicBool::new(false)),
            handle: None,
        };
        for (expr, run) in crate::housekeeping::jobs() {
            s.push(expr, None, run);
        }
        s
    }

    fn push(&mut self, expr: CronExpr, lock: Option<String>, run: JobFn) -> JobId {
        let id = JobId(self.next_id);
        self.next_id += 1;
        self.jobs.lock().unwrap().push(Job { id, expr, lock, run });
        id
    }

    /// Adds a job. Panics if the expression does not parse; use `try_add` otherwise.
    pub fn add<F: FnMut() + Send + 'static>(&mut self, expr: &str, f: F) -> JobId {
        self.try_add(expr, f).expect("invalid cron expression")
    }

    pub fn try_add<F: FnMut() + Send + 'static>(&mut self, expr: &str, f: F) -> Result<JobId, crate::ParseError> {
        let e: CronExpr = expr.parse()?;
        Ok(self.push(e, None, Box::new(f)))
    }

    /// Adds a job guarded by a file lock so only one process on the host runs it.
    pub fn add_locked<F: FnMut() + Send + 'static>(&mut self, expr: &str, name: &str, f: F) -> Result<JobId, crate::ParseError> {
        let e: CronExpr = expr.parse()?;
        Ok(self.push(e, Some(name.to_string()), Box::new(f)))
    }

    pub fn remove(&mut self, id: JobId) -> bool {
        let mut jobs = self.jobs.lock().unwrap();
        let before = jobs.len();
        jobs.retain(|j| j.id != id);
        jobs.len() != before
    }

    /// Starts the scheduler thread. Calling it twice is a no-op.
    pub fn start(&mut self) {
        if self.handle.is_some() {
            return;
        }
        let (jobs, stop) = (self.jobs.clone(), self.stop.clone());
        self.handle = Some(thread::spawn(move || {
            while !stop.load(Ordering::Relaxed) {
                let now = Local::now();
                let wait = 60 - now.second() as u64;
                thread::sleep(Duration::from_secs(wait.max(1)));
                if stop.load(Ordering::Relaxed) {
                    break;
                }
                let now = Local::now();
                let mut jobs = jobs.lock().unwrap();
                for job in jobs.iter_mut().filter(|j| j.expr.matches(&now)) {
                    match &job.lock {
                        None => (job.run)(),
                        Some(name) => {
                            let dir = lock_dir();
                            let _ = std::fs::create_dir_all(&dir);
                            let path = dir.join(format!("{name}.lock"));
                            if std::fs::OpenOptions::new().write(true).create_new(true).open(&path).is_ok() {
                                (job.run)();
                                let _ = std::fs::remove_file(&path);
                            }
                        }
                    }
                }
            }
        }));
    }

    /// Signals the scheduler thread to stop and waits for it.
    pub fn shutdown(mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}
