//! Per-test time budgets.

mod env;
mod report;
mod util;

use std::time::{Duration, Instant};

pub use report::Record;

/// Guard that fails the current test if it is dropped after its deadline.
#[must_use = "the deadline is only checked when the guard is dropped"]
pub struct Deadline {
    name: String,
    budget: Duration,
    started: Instant,
    disarmed: bool,
}

impl Deadline {
    pub fn new(budget: Duration) -> Deadline {
        let name = std::thread::current().name().unwrap_or("<unnamed>").to_string();
        Deadline::named(name, budget)
    }

    pub fn named(name: impl Into<String>, budget: Duration) -> Deadline {
        let budget = env::scale(budget);
        Deadline { name: name.into(), budget, started: Instant::now(), disarmed: env::disabled() }
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    pub fn remaining(&self) -> Option<Duration> {
        self.budget.checked_sub(self.elapsed())
    }

    /// Do not check this deadline (e.g. the test decided to skip itself).
    pub fn disarm(&mut self) {
        self.disarmed = true;
    }

    /// Run `f` and return its result, panicking if it took too long.
    pub fn run<T>(budget: Duration, f: impl FnOnce() -> T) -> T {
        let d = Deadline::new(budget);
        let out = f();
        drop(d);
        out
    }
}

impl Drop for Deadline {
    fn drop(&mut self) {
        let elapsed = self.started.elapsed();
        report::record(&Record { name: &self.name, budget: self.budget, elapsed });
        if self.disarmed || std::thread::panicking() {
            return;
        }
        if elapsed > self.budget {
            panic!(
                "test `{}` exceeded its deadline: {:.3}s > {:.3}s",
                self.name,
                elapsed.as_secs_f64(),
                self.budget.as_secs_f64()
            );
        }
    }
}

#[macro_export]
macro_rules! deadline {
    ($ms:expr) => {
        let _deadline_guard = $crate::Deadline::new(::std::time::Duration::from_millis($ms));
    };
}
