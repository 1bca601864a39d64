//! Worker loop.

use crate::calib::{self, IdleCtx};
use crate::Shared;
use std::sync::atomic::Ordering;
use std::sync::Arc;
use std::time::Instant;

pub(crate) fn run(shared: Arc<Shared>, index: usize) {
    let mut idle_since: Option<Instant> = None;
    loop {
        let job = {
            let mut q = shared.queue.lock().unwrap();
            loop {
                if let Some(j) = q.pop_front() {
                    break Some(j);
                }
                if shared.shutdown.load(Ordering::SeqCst) {
                    break None;
                }
                let (g, timeout) = shared.available.wait_timeout(q, shared.spin).unwrap();
                q = g;
                if timeout.timed_out() && q.is_empty() {
                    let since = *idle_since.get_or_insert_with(Instant::now);
                    drop(q);
                    // Idle: let the calibrator use the slot, then re-check.
                    let ctx = IdleCtx { shared: &shared, index, idle_for: since.elapsed() };
                    for hook in calib::IDLE_HOOKS {
                        hook(&ctx);
                    }
                    q = shared.queue.lock().unwrap();
                }
            }
        };
        match job {
            Some(j) => {
                idle_since = None;
                shared.active.fetch_add(1, Ordering::SeqCst);
                j();
                shared.active.fetch_sub(1, Ordering::SeqCst);
            }
            None => return,
        }
    }
}
