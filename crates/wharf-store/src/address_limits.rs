//! Per-client-address token buckets kept in the database, so that every instance of a registry
//! counts one address's requests, sign-ups and sign-ins together. The arithmetic is the policy's
//! (`wharf_policy::rate::take`); this module stores the buckets.

use crate::{now_millis, Db, StoreError};
use sqlx::Row;
use wharf_policy::rate::{take, Bucket, RateLimit};

/// How long a bucket nobody touched is kept. Every limit using these buckets refills completely
/// well within it, so a swept bucket would have been full anyway.
const IDLE_BUCKET_LIFETIME_MS: i64 = 24 * 60 * 60 * 1000;

impl Db {
    /// Takes one token from `address`'s bucket for `scope` (created full at first use): `Ok(Ok(()))`
    /// when there was one, `Ok(Err(seconds))` when the next one comes in that many seconds.
    pub async fn take_address_token(
        &self,
        scope: &str,
        address: &str,
        limit: RateLimit,
    ) -> Result<Result<(), u64>, StoreError> {
        self.retrying("taking an address's rate token", || async {
            let now = now_millis();
            let mut wtx = self.begin_write().await?;
            let full = Bucket::full(limit, now);
            // Creating the row, or touching it, takes its lock on PostgreSQL: two instances taking
            // a token for one address queue here instead of both spending the same token.
            let row = sqlx::query(
                "INSERT INTO address_buckets (scope, address, level, updated_at) \
                 VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (scope, address) DO UPDATE SET updated_at = address_buckets.updated_at \
                 RETURNING level, updated_at",
            )
            .bind(scope)
            .bind(address)
            .bind(full.level)
            .bind(full.updated_at)
            .fetch_one(&mut *wtx.tx)
            .await?;
            let bucket = Bucket {
                level: row.try_get("level")?,
                updated_at: row.try_get("updated_at")?,
            };
            let taken = match take(bucket, limit, now) {
                Ok(taken) => taken,
                Err(wait_secs) => {
                    wtx.commit().await?;
                    return Ok(Err(wait_secs));
                }
            };
            sqlx::query(
                "UPDATE address_buckets SET level = $1, updated_at = $2 \
                 WHERE scope = $3 AND address = $4",
            )
            .bind(taken.level)
            .bind(taken.updated_at)
            .bind(scope)
            .bind(address)
            .execute(&mut *wtx.tx)
            .await?;
            wtx.commit().await?;
            Ok(Ok(()))
        })
        .await
    }

    /// Removes the buckets of addresses not seen for a day. Returns how many went.
    pub async fn sweep_address_buckets(&self) -> Result<u64, StoreError> {
        let cutoff = now_millis() - IDLE_BUCKET_LIFETIME_MS;
        self.retrying("sweeping idle address buckets", || async {
            let mut wtx = self.begin_write().await?;
            let removed = sqlx::query("DELETE FROM address_buckets WHERE updated_at < $1")
                .bind(cutoff)
                .execute(&mut *wtx.tx)
                .await?
                .rows_affected();
            wtx.commit().await?;
            Ok(removed)
        })
        .await
    }
}
