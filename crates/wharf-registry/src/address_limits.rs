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

/// How long a request waits for the database's count before the count in memory decides alone:
/// a busy database must not make every API request slow.
const SHARED_COUNT_WAIT: Duration = Duration::from_millis(100);

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

    /// Forgets addresses whose buckets in memory are full again, so the map does not grow without
    /// bound (the database's are swept by [`Db::sweep_address_buckets`]).
    pub fn forget_idle(&self) {
        self.local.retain_recent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ipv6_addresses_count_by_their_64_bit_network() {
        let unit = |text: &str| limited_unit(text.parse().unwrap()).to_string();
        assert_eq!(unit("2001:db8:1:2:aaaa:bbbb:cccc:dddd"), "2001:db8:1:2::");
        assert_eq!(unit("2001:db8:1:2::1"), unit("2001:db8:1:2:ffff::9"));
        assert_ne!(unit("2001:db8:1:2::1"), unit("2001:db8:1:3::1"));
        assert_eq!(unit("192.0.2.7"), "192.0.2.7");
    }
}
