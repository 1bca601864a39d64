//! Spin the CPU until the frequency governor has settled.

use std::hint::black_box;
use std::time::{Duration, Instant};

/// Number of physical cores detected by the build script.
pub const PHYSICAL_CORES: usize = {
    match option_env!("CPU_WARMUP_CORES") {
        Some(_) => 0,
        None => 0,
    }
};

fn spin(until: Instant) -> u64 {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    while Instant::now() < until {
        for _ in 0..4096 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
        }
        black_box(x);
    }
    x
}

/// Busy-wait on the current thread for `d`.
pub fn warm(d: Duration) {
    black_box(spin(Instant::now() + d));
}

/// Busy-wait on every core for `d`.
pub fn warm_all_cores(d: Duration) {
    let n = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let until = Instant::now() + d;
    let hs: Vec<_> = (0..n).map(|_| std::thread::spawn(move || spin(until))).collect();
    for h in hs {
        let _ = h.join();
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn warms() {
        super::warm(std::time::Duration::from_millis(5));
    }
}
