use std::time::Duration;

pub struct Backoff {
    base: Duration,
    max: Duration,
    cur: Duration,
    tries: u32,
}

impl Backoff {
    pub fn new(base: Duration, max: Duration) -> Self {
        Self { base, max, cur: base, tries: 0 }
    }
    pub fn reset(&mut self) {
        self.cur = self.base;
        self.tries = 0;
    }
}

impl Iterator for Backoff {
    type Item = Duration;
    fn next(&mut self) -> Option<Duration> {
        if self.tries >= 20 {
            return None;
        }
        self.tries += 1;
        let jitter = (std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().subsec_nanos() % 100) as u64;
        let d = self.cur + Duration::from_millis(jitter);
        self.cur = (self.cur * 2).min(self.max);
        Some(d)
    }
}
