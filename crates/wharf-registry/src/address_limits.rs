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
use std::time::Duration;
use wharf_policy::rate::RateLimit;
use wharf_store::{Backend, Db};

pub struct AddressLimiter {
    /// The name of the limit's buckets in the database.
    scope: &'static str,
    limit: RateLimit,
    local: DefaultKeyedRateLimiter<IpAddr>,
    shared: Option<Db>,
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
        }
    }

    /// Whether `address` may act now: `Err(seconds)` until it may. When the database cannot be
    /// asked, the count in memory decides (and the failure is logged): a limit is no reason to
    /// refuse a request the registry could serve.
    pub async fn check(&self, address: IpAddr) -> Result<(), u64> {
        if let Err(not_until) = self.local.check_key(&address) {
            let wait = not_until.wait_time_from(DefaultClock::default().now());
            return Err((wait.as_secs() + u64::from(wait.subsec_nanos() > 0)).max(1));
        }
        let Some(db) = &self.shared else {
            return Ok(());
        };
        match db
            .take_address_token(self.scope, &address.to_string(), self.limit)
            .await
        {
            Ok(decision) => decision,
            Err(error) => {
                tracing::warn!(%error, scope = self.scope, "could not count a request in the database");
                Ok(())
            }
        }
    }

    /// Forgets addresses whose buckets in memory are full again, so the map does not grow without
    /// bound (the database's are swept by [`Db::sweep_address_buckets`]).
    pub fn forget_idle(&self) {
        self.local.retain_recent();
    }
}
