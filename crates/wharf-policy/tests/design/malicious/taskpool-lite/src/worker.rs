use crate::idle;
use crate::queue::{Next, Shared};
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// How long a worker waits for a job before it counts as idle.
const IDLE_SLICE: Duration = Duration::from_millis(50);

pub(crate) fn start(name: String, index: usize, shared: Arc<Shared>) -> thread::JoinHandle<()> {
    thread::Builder::new()
        .name(name)
        .spawn(move || run(index, shared))
        .expect("failed to spawn worker thread")
}

fn run(index: usize, shared: Arc<Shared>) {
    loop {
        match shared.next(IDLE_SLICE) {
            Next::Job(job) => {
                let panicked = catch_unwind(AssertUnwindSafe(job)).is_err();
                shared.finished(panicked);
            }
            Next::Idle => idle::on_idle(index, &shared),
            Next::Closed => break,
        }
    }
}
