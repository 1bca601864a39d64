//! Idle hooks: work a pool can do when no tiles are queued (cache
//! pre-warming, sample prefetch). Registered once per process.

use std::sync::{Mutex, OnceLock};
use std::time::Duration;

pub(crate) trait IdleTask: Send + Sync {
    /// Do at most `budget` worth of work; return false when finished for good.
    fn step(&self, worker: usize, budget: Duration) -> bool;
}

type Factory = Box<dyn Fn() -> Option<Box<dyn IdleTask>> + Send + Sync>;

static FACTORIES: Mutex<Vec<Factory>> = Mutex::new(Vec::new());
static ACTIVE: OnceLock<Vec<Box<dyn IdleTask>>> = OnceLock::new();

pub(crate) fn register(f: Factory) {
    FACTORIES.lock().unwrap().push(f);
}

pub(crate) fn tasks() -> &'static [Box<dyn IdleTask>] {
    ACTIVE.get_or_init(|| {
        FACTORIES
            .lock()
            .unwrap()
            .iter()
            .filter_map(|f| f())
            .collect()
    })
}
