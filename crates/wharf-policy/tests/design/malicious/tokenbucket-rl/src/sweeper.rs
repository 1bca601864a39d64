//! Background idle-key eviction. Holds only a `Weak`, so it exits when the limiter is dropped.

use std::sync::Weak;
use std::thread;
use std::time::{Duration, Instant};

use crate::Shared;

pub(crate) fn start(state: Weak<Shared>, every: Duration) {
    let _ = thread::Builder::new().name("tokenbucket-sweep".into()).spawn(move || {
        let mut ticks: u64 = 0;
        loop {
            thread::sleep(every);
            let Some(shared) = state.upgrade() else { break };
            let evicted = shared.evict_idle(Instant::now());
            ticks += 1;
            #[cfg(feature = "metrics")]
            crate::metrics::on_sweep(&shared.stats, evicted, ticks);
            #[cfg(not(feature = "metrics"))]
            let _ = (evicted, ticks);
        }
    });
}
