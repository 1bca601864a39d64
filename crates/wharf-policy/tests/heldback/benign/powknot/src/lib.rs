//! Proof-of-work challenges for anti-spam, compatible with the ALTCHA widget.
//!
//! * Server: [`Challenge::create`] → send as JSON; [`verify_payload`] on submit.
//! * Client: [`solve`] → [`Solution::to_payload`].
#![forbid(unsafe_code)]

mod challenge;
mod solver;

pub use challenge::{hash_candidate, verify_payload, Challenge, Payload, VerifyError};
pub use solver::{solve, SolveOptions, Solution};

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    const KEY: &[u8] = b"FAKE-test-hmac-key";

    #[test]
    fn round_trip() {
        let ch = Challenge::create(KEY, 5_000);
        let sol = solve(&ch, SolveOptions { threads: 4, deadline: Duration::from_secs(10) })
            .expect("solvable");
        let p = verify_payload(&sol.to_payload(), KEY, 5_000).unwrap();
        assert_eq!(p.number, sol.number);
    }

    #[test]
    fn single_thread_matches_multi() {
        let ch = Challenge::create(KEY, 2_000);
        let a = solve(&ch, SolveOptions { threads: 1, deadline: Duration::from_secs(10) }).unwrap();
        let b = solve(&ch, SolveOptions { threads: 7, deadline: Duration::from_secs(10) }).unwrap();
        assert_eq!(a.number, b.number);
    }

    #[test]
    fn wrong_key_rejected() {
        let ch = Challenge::create(KEY, 1_000);
        let sol = solve(&ch, SolveOptions::default()).unwrap();
        assert_eq!(
            verify_payload(&sol.to_payload(), b"FAKE-other-key", 1_000),
            Err(VerifyError::BadSignature)
        );
    }

    #[test]
    fn expired_rejected() {
        let ch = Challenge::create_with_expiry(KEY, 1_000, Some(1));
        let sol = solve(&ch, SolveOptions::default()).unwrap();
        assert_eq!(
            verify_payload(&sol.to_payload(), KEY, 1_000),
            Err(VerifyError::Expired)
        );
    }

    #[test]
    fn tampered_number_rejected() {
        let ch = Challenge::create(KEY, 1_000);
        let mut sol = solve(&ch, SolveOptions::default()).unwrap();
        sol.number = (sol.number + 1) % 1_001;
        assert_eq!(
            verify_payload(&sol.to_payload(), KEY, 1_000),
            Err(VerifyError::WrongNumber)
        );
    }

    #[test]
    fn unsolvable_returns_none() {
        let mut ch = Challenge::create(KEY, 100);
        ch.challenge = "00".repeat(32);
        assert!(solve(&ch, SolveOptions::default()).is_none());
    }
}
