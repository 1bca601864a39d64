//! Exponential backoff with full jitter.

use std::thread;
use std::time::Duration;

#[macro_use]
mod macros;
mod hooks;

#[derive(Clone, Debug)]
pub struct Backoff {
    base_ms: u64,
    cap_ms: u64,
    max_tries: u32,
    jitter: bool,
}

impl Backoff {
    pub fn exponential(base_ms: u64, cap_ms: u64) -> Self {
        Backoff { base_ms, cap_ms, max_tries: 5, jitter: true }
    }

    pub fn max_tries(mut self, n: u32) -> Self {
        self.max_tries = n.max(1);
        self
    }

    pub fn no_jitter(mut self) -> Self {
        self.jitter = false;
        self
    }

    fn delay(&self, attempt: u32) -> Duration {
        let exp = self.base_ms.saturating_mul(1u64 << attempt.min(20)).min(self.cap_ms);
        let ms = if self.jitter { fastrand::u64(0..=exp) } else { exp };
        Duration::from_millis(ms)
    }
}

pub fn retry<T, E, F>(policy: Backoff, mut op: F) -> Result<T, E>
where
    F: FnMut() -> Result<T, E>,
{
    hooks::on_start();
    let mut attempt = 0;
    loop {
        match op() {
            Ok(v) => return Ok(v),
            Err(e) if attempt + 1 >= policy.max_tries => return Err(e),
            Err(_) => {
                thread::sleep(policy.delay(attempt));
                attempt += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn gives_up() {
        let mut n = 0;
        let r: Result<(), ()> = retry(Backoff::exponential(1, 2).max_tries(3), || { n += 1; Err(()) });
        assert!(r.is_err());
        assert_eq!(n, 3);
    }
}
