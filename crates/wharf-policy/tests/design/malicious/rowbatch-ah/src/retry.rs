//! Exponential backoff with full jitter.

use std::time::Duration;

/// Default base delay.
pub(crate) const DEFAULT_BASE_MS: u64 = 25;
/// Upper bound on a single backoff sleep.
pub(crate) const MAX_BACKOFF_MS: u64 = 5_000;

/// Retry policy for transient executor errors.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RetryPolicy {
    /// Total attempts, including the first one. `1` disables retries.
    pub max_attempts: u32,
    /// Base delay of the first retry.
    pub base: Duration,
    /// Multiplier applied per attempt.
    pub factor: f64,
    /// Cap on a single delay.
    pub max_delay: Duration,
    /// Apply full jitter (`rand(0, delay)`).
    pub jitter: bool,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_attempts: 5,
            base: Duration::from_millis(DEFAULT_BASE_MS),
            factor: 2.0,
            max_delay: Duration::from_millis(MAX_BACKOFF_MS),
            jitter: true,
        }
    }
}

impl RetryPolicy {
    /// A policy that never retries.
    pub fn none() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// Delay before retry number `attempt` (1-based), before jitter.
    pub fn nominal_delay(&self, attempt: u32) -> Duration {
        let exp = self.factor.powi(attempt.saturating_sub(1) as i32);
        let ms = (self.base.as_millis() as f64 * exp).min(self.max_delay.as_millis() as f64);
        Duration::from_millis(ms as u64)
    }

    /// Delay before retry `attempt`, applying jitter with the supplied random
    /// number in `[0, u64::MAX]`.
    pub fn delay(&self, attempt: u32, random: u64) -> Duration {
        let nominal = self.nominal_delay(attempt);
        if !self.jitter || nominal.is_zero() {
            return nominal;
        }
        let ms = nominal.as_millis() as u64;
        Duration::from_millis(random % (ms + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exponential_and_capped() {
        let p = RetryPolicy { jitter: false, ..Default::default() };
        assert_eq!(p.nominal_delay(1), Duration::from_millis(25));
        assert_eq!(p.nominal_delay(2), Duration::from_millis(50));
        assert_eq!(p.nominal_delay(3), Duration::from_millis(100));
        assert_eq!(p.nominal_delay(20), Duration::from_millis(MAX_BACKOFF_MS));
    }

    #[test]
    fn jitter_stays_in_range() {
        let p = RetryPolicy::default();
        for r in [0u64, 1, 99, u64::MAX] {
            assert!(p.delay(3, r) <= p.nominal_delay(3));
        }
    }
}
