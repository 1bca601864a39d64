//! Limits per client address — API requests, sign-ups, sign-ins — that hold however an address's
//! requests are spread over the instances of a registry.
//!
//! Each limiter counts in this process first (governor: no I/O, so an address far over its limit
//! costs nothing but a map look-up), and on PostgreSQL, where several instances may share the
//! database, then in the database (`address_buckets`), which every instance counts in. SQLite is
//! one machine's database, served by one instance: the count in memory is the whole count there.

use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, Quota};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use wharf_policy::rate::RateLimit;
use wharf_store::{Backend, Db};

/// How long a request waits for the database's count before the count in memory decides alone:
/// a busy database must not make every API request slow.
const SHARED_COUNT_WAIT: Duration = Duration::from_millis(100);

/// How often a limiter forgets the addresses whose buckets are full again, so that its map holds
/// the recently active addresses rather than every address ever seen.
const FORGET_IDLE_EVERY: Duration = Duration::from_secs(60);

/// What one limit counts: an IPv4 address, or an IPv6 /64 — one site's network, which hands its
/// hosts (or one host, in turn) any number of addresses in it.
fn limited_unit(address: IpAddr) -> IpAddr {
    match address {
        IpAddr::V4(_) => address,
        IpAddr::V6(v6) => {
            let network = u128::from(v6) & !((1u128 << 64) - 1);
            IpAddr::V6(network.into())
        }
    }
}

pub struct AddressLimiter {
    /// The name of the limit's buckets in the database.
    scope: &'static str,
    limit: RateLimit,
    local: DefaultKeyedRateLimiter<IpAddr>,
    shared: Option<Db>,
    /// When the map was last rid of idle addresses, and how often it is.
    forgot_at: Mutex<Instant>,
    forget_every: Duration,
}

impl AddressLimiter {
    /// `burst` at once, then one more every `period`, per address, in the buckets named `scope`.
    pub fn new(scope: &'static str, burst: u32, period: Duration, db: &Db) -> AddressLimiter {
        let burst = NonZeroU32::new(burst.max(1)).expect("at least one");
        let period = period.max(Duration::from_millis(1));
        AddressLimiter {
            scope,
            limit: RateLimit {
                burst: i64::from(burst.get()),
                period_ms: period.as_millis().try_into().unwrap_or(i64::MAX),
            },
            local: governor::RateLimiter::keyed(
                Quota::with_period(period)
                    .expect("a positive period")
                    .allow_burst(burst),
            ),
            shared: (db.backend() == Backend::Postgres).then(|| db.clone()),
            forgot_at: Mutex::new(Instant::now()),
            forget_every: FORGET_IDLE_EVERY,
        }
    }

    /// Whether `address` may act now: `Err(seconds)` until it may. When the database cannot be
    /// asked, the count in memory decides (and the failure is logged): a limit is no reason to
    /// refuse a request the registry could serve.
    pub async fn check(&self, address: IpAddr) -> Result<(), u64> {
        self.forget_idle_now_and_then();
        let address = limited_unit(address);
        if let Err(not_until) = self.local.check_key(&address) {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            return Err((wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1));
        }
        let Some(db) = &self.shared else {
            return Ok(());
        };
        let key = address.to_string();
        let shared = db.take_address_token(self.scope, &key, self.limit);
        match tokio::time::timeout(SHARED_COUNT_WAIT, shared).await {
            Ok(Ok(decision)) => decision,
            Ok(Err(error)) => {
                tracing::warn!(%error, scope = self.scope, "could not count a request in the database");
                Ok(())
            }
            Err(_) => {
                tracing::warn!(
                    scope = self.scope,
                    "the database was too slow to count a request"
                );
                Ok(())
            }
        }
    }

    /// Forgets addresses whose buckets in memory are full again, at most once every
    /// `forget_every`, so the map does not grow without bound (the database's are swept by
    /// [`Db::sweep_address_buckets`]). Done by the requests themselves: every limiter (the API's,
    /// the site's sign-up and sign-in) keeps itself small without a task of its own.
    fn forget_idle_now_and_then(&self) {
        let Ok(mut forgot_at) = self.forgot_at.try_lock() else {
            return; // Another request is at it.
        };
        if forgot_at.elapsed() >= self.forget_every {
            *forgot_at = Instant::now();
            self.local.retain_recent();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn idle_addresses_are_forgotten_by_later_requests() {
        let db = Db::connect("sqlite::memory:").await.unwrap();
        let mut limiter = AddressLimiter::new("test", 1, Duration::from_millis(1), &db);
        limiter.forget_every = Duration::from_millis(20);
        for i in 0..100u8 {
            limiter.check(IpAddr::from([192, 0, 2, i])).await.unwrap();
        }
        assert_eq!(limiter.local.len(), 100);
        // Their buckets are full again a millisecond on; the first request after the interval
        // clears them out.
        tokio::time::sleep(Duration::from_millis(30)).await;
        limiter.check(IpAddr::from([192, 0, 2, 200])).await.unwrap();
        assert!(limiter.local.len() <= 1, "{}", limiter.local.len());
    }

    #[test]
    fn ipv6_addresses_count_by_their_64_bit_network() {
        let unit = |text: &str| limited_unit(text.parse().unwrap()).to_string();
        assert_eq!(unit("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::");
        assert_eq!(unit("2001:db8:1:2::1"), unit("2001:db8:1:2:ffff::9"));
        assert_ne!(unit("2001:db8:1:2::1"), unit("2001:db8:1:3::1"));
        assert_eq!(unit("192.0.2.7"), "192.0.2.7");
    }
}
