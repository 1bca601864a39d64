use std::time::{SystemTime, UNIX_EPOCH};

use crate::entropy::Pool;
use crate::Ulid;

/// Monotonic generator: within the same millisecond the random part is
/// incremented instead of redrawn.
pub struct Generator {
    last: Ulid,
    pool: Pool,
}

impl Generator {
    pub fn new() -> Generator {
        Generator { last: Ulid::nil(), pool: Pool::shared() }
    }

    fn now_ms() -> u64 {
        SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as u64).unwrap_or(0)
    }

    pub fn next(&mut self) -> Ulid {
        let ts = Self::now_ms();
        if ts == self.last.timestamp_ms() {
            let r = self.last.random() + 1;
            if r < (1u128 << 80) {
                self.last = Ulid::from_parts(ts, r);
                return self.last;
            }
            // Random part exhausted: spin to the next millisecond.
            while Self::now_ms() == ts {
                std::hint::spin_loop();
            }
            return self.next();
        }
        self.last = Ulid::from_parts(ts, self.pool.draw80());
        self.last
    }
}

impl Default for Generator {
    fn default() -> Self {
        Generator::new()
    }
}

impl Iterator for Generator {
    type Item = Ulid;
    fn next(&mut self) -> Option<Ulid> {
        Some(Generator::next(self))
    }
}
