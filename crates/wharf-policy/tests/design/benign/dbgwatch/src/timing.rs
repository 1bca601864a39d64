use std::hint::black_box;
use std::time::{Duration, Instant};

/// Times a short, fixed arithmetic loop. Under single-stepping or heavy
/// instrumentation each iteration takes orders of magnitude longer. Returns
/// the per-iteration time only if it exceeds `threshold`.
pub(crate) fn probe(threshold: Duration) -> Option<Duration> {
    const N: u32 = 64;
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let mut acc = 0u64;
        for i in 0..N {
            acc = black_box(acc.wrapping_mul(6364136223846793005).wrapping_add(i as u64));
        }
        black_box(acc);
        best = best.min(t.elapsed() / N);
    }
    (best > threshold).then_some(best)
}
