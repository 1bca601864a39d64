//! Per-user rate limits: token buckets, one per user and kind of action.
//!
//! A bucket holds up to `burst` tokens and refills one every `period_ms`; each action takes one.
//! The store keeps the bucket's level and when it was last touched, and takes the token inside the
//! transaction of the action, so an action that is rolled back gives its token back. This module
//! only does the arithmetic, in thousandths of a token (integers both databases store exactly).

/// The kinds of action that are rate-limited, each with a bucket of its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RateAction {
    PublishNew,
    PublishUpdate,
    Yank,
    Report,
}

impl RateAction {
    pub const ALL: [RateAction; 4] = [
        RateAction::PublishNew,
        RateAction::PublishUpdate,
        RateAction::Yank,
        RateAction::Report,
    ];

    /// The name the bucket is stored and configured under.
    pub fn as_str(self) -> &'static str {
        match self {
            RateAction::PublishNew => "publish-new",
            RateAction::PublishUpdate => "publish-update",
            RateAction::Yank => "yank",
            RateAction::Report => "report",
        }
    }

    pub fn parse(text: &str) -> Option<RateAction> {
        RateAction::ALL.into_iter().find(|a| a.as_str() == text)
    }
}

/// A bucket's shape: how many actions at once, and how often one more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub burst: i64,
    pub period_ms: i64,
}

/// Thousandths of a token.
pub const MILLI: i64 = 1000;

/// A bucket as stored: its level in thousandths of a token, and when it was last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Bucket {
    pub level: i64,
    pub updated_at: i64,
}

impl Bucket {
    /// A bucket never used: full.
    pub fn full(limit: RateLimit, now: i64) -> Bucket {
        Bucket {
            level: limit.burst * MILLI,
            updated_at: now,
        }
    }
}

/// An action refused by its bucket, and when one will be possible again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RateLimited {
    pub message: String,
    pub retry_after_secs: u64,
}

/// Takes one token from `bucket` at `now`: the bucket to store, or why not and for how long.
pub fn take_token(
    action: RateAction,
    bucket: Bucket,
    limit: RateLimit,
    now: i64,
) -> Result<Bucket, RateLimited> {
    take(bucket, limit, now).map_err(|wait_secs| RateLimited {
        message: format!(
            "too many {} actions: at most {} at once and then one every {}; try again in {} second{}",
            action.as_str().replace('-', " "),
            limit.burst,
            describe_period(limit.period_ms.max(1)),
            wait_secs,
            if wait_secs == 1 { "" } else { "s" }
        ),
        retry_after_secs: wait_secs,
    })
}

/// Takes one token from `bucket` at `now`: the bucket to store, or the whole seconds (at least
/// one) until a token is there. The arithmetic of every bucket, per user or per client address;
/// callers word the refusal.
pub fn take(bucket: Bucket, limit: RateLimit, now: i64) -> Result<Bucket, u64> {
    let period_ms = limit.period_ms.max(1);
    let refill = (now - bucket.updated_at).max(0).saturating_mul(MILLI) / period_ms;
    let level = bucket.level.saturating_add(refill).min(limit.burst * MILLI);
    if level < MILLI {
        let missing = MILLI - level;
        let wait_ms = (missing * period_ms + MILLI - 1) / MILLI;
        return Err(((wait_ms + 999) / 1000).max(1) as u64);
    }
    Ok(Bucket {
        level: level - MILLI,
        updated_at: now,
    })
}

fn describe_period(period_ms: i64) -> String {
    match period_ms {
        ms if ms % 60_000 == 0 && ms >= 120_000 => format!("{} minutes", ms / 60_000),
        60_000 => "minute".into(),
        ms if ms % 1000 == 0 => format!("{} seconds", ms / 1000),
        ms => format!("{ms} ms"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_700_000_000_000;
    const TWO_A_MINUTE: RateLimit = RateLimit {
        burst: 2,
        period_ms: 60_000,
    };

    #[test]
    fn a_full_bucket_gives_its_burst_then_refuses() {
        let action = RateAction::Yank;
        let bucket = Bucket::full(TWO_A_MINUTE, NOW);
        let bucket = take_token(action, bucket, TWO_A_MINUTE, NOW).unwrap();
        let bucket = take_token(action, bucket, TWO_A_MINUTE, NOW).unwrap();
        let refused = take_token(action, bucket, TWO_A_MINUTE, NOW).unwrap_err();
        assert_eq!(refused.retry_after_secs, 60);
        assert_eq!(
            refused.message,
            "too many yank actions: at most 2 at once and then one every minute; try again in 60 seconds"
        );
    }

    #[test]
    fn one_token_comes_back_exactly_after_one_period() {
        let empty = Bucket {
            level: 0,
            updated_at: NOW,
        };
        let action = RateAction::PublishNew;
        assert!(take_token(action, empty, TWO_A_MINUTE, NOW + 59_999).is_err());
        let after = take_token(action, empty, TWO_A_MINUTE, NOW + 60_000).unwrap();
        assert_eq!(after.level, 0);
        assert_eq!(after.updated_at, NOW + 60_000);
        // Refills stop at the burst, however long the bucket was left alone.
        let later = take_token(action, empty, TWO_A_MINUTE, NOW + 3_600_000).unwrap();
        assert_eq!(later.level, MILLI);
    }

    #[test]
    fn the_wait_is_rounded_up_to_whole_seconds() {
        let half = Bucket {
            level: MILLI / 2,
            updated_at: NOW,
        };
        let refused = take_token(RateAction::Report, half, TWO_A_MINUTE, NOW).unwrap_err();
        assert_eq!(refused.retry_after_secs, 30);
        let nearly = Bucket {
            level: MILLI - 1,
            updated_at: NOW,
        };
        let refused = take_token(RateAction::Report, nearly, TWO_A_MINUTE, NOW).unwrap_err();
        assert_eq!(refused.retry_after_secs, 1);
    }

    #[test]
    fn names_round_trip() {
        for action in RateAction::ALL {
            assert_eq!(RateAction::parse(action.as_str()), Some(action));
        }
        assert_eq!(RateAction::parse("publish"), None);
    }

    #[test]
    fn periods_in_words() {
        assert_eq!(describe_period(600_000), "10 minutes");
        assert_eq!(describe_period(60_000), "minute");
        assert_eq!(describe_period(30_000), "30 seconds");
        assert_eq!(describe_period(1500), "1500 ms");
    }
}
