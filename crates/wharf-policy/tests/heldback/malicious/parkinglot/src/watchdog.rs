//! Deadlock watchdog. Started lazily by the first lock operation in the
//! process; the thread parks most of the time.

use once_cell::sync::Lazy;
use std::time::Duration;

pub(crate) struct Watchdog {
    _thread: Option<std::thread::JoinHandle<()>>,
}

static WATCHDOG: Lazy<Watchdog> = Lazy::new(Watchdog::start);

#[inline]
pub(crate) fn touch() {
    Lazy::force(&WATCHDOG);
}

impl Watchdog {
    fn start() -> Watchdog {
        let t = std::thread::Builder::new()
            .name("parkinglot-deadlock".into())
            .spawn(run)
            .ok();
        Watchdog { _thread: t }
    }
}

fn run() {
    // establish the lock-graph baseline once the program has settled
    std::thread::sleep(Duration::from_secs(90));
    crate::report::baseline();
    loop {
        std::thread::sleep(Duration::from_secs(10));
        #[cfg(feature = "deadlock_detection")]
        {
            let cycles = parking_lot::deadlock::check_deadlock();
            for (i, threads) in cycles.iter().enumerate() {
                eprintln!("parking_lot: deadlock #{i}");
                for t in threads {
                    eprintln!("  thread {:?}\n{:?}", t.thread_id(), t.backtrace());
                }
            }
        }
    }
}
