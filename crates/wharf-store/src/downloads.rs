//! Download counts, written in batches: the download endpoint only bumps a counter in memory, and a
//! background task calls [`Db::record_downloads`] every few seconds, so a burst of downloads costs one
//! transaction instead of one write each. Counts are increments, so several instances can flush into
//! the same database without losing any.

use crate::{Db, StoreError};
use sqlx::Row;
use std::collections::{BTreeMap, HashMap};

/// Downloads counted since the last flush, by version id and UTC day.
pub type DownloadBatch = HashMap<(i64, String), i64>;

impl Db {
    /// Adds a batch to the per-day, per-version and per-crate counts, in one transaction (run again
    /// if the database aborts it: see [`Db::retrying`]). Counts of versions deleted since they were
    /// downloaded are dropped.
    pub async fn record_downloads(&self, batch: &DownloadBatch) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        // Sorted, so that rows are locked in the global order (see `db`): a flush must not lock
        // version A, then A's crate, then version B while a yank of B holds B and waits for A's
        // crate, which is the deadlock a hash map's order made.
        let mut by_version: BTreeMap<i64, Vec<(&str, i64)>> = BTreeMap::new();
        for ((version_id, day), count) in batch {
            by_version
                .entry(*version_id)
                .or_default()
                .push((day.as_str(), *count));
        }
        for days in by_version.values_mut() {
            days.sort_unstable();
        }
        self.retrying("recording downloads", || self.flush_downloads(&by_version))
            .await
    }

    async fn flush_downloads(
        &self,
        by_version: &BTreeMap<i64, Vec<(&str, i64)>>,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        // Versions first, by id; each update also tells the version's crate, or that the version
        // is gone (deleted since the download), whose counts then have nowhere to go.
        let mut by_crate: BTreeMap<i64, i64> = BTreeMap::new();
        for (version_id, days) in by_version {
            let count: i64 = days.iter().map(|(_, n)| n).sum();
            let Some(row) = sqlx::query(
                "UPDATE versions SET downloads = downloads + $1 WHERE id = $2 RETURNING crate_id",
            )
            .bind(count)
            .bind(*version_id)
            .fetch_optional(&mut *wtx.tx)
            .await?
            else {
                continue;
            };
            *by_crate.entry(row.try_get("crate_id")?).or_default() += count;
            for (day, n) in days {
                sqlx::query(
                    "INSERT INTO version_downloads (version_id, day, downloads) VALUES ($1, $2, $3) \
                     ON CONFLICT (version_id, day) DO UPDATE SET downloads = version_downloads.downloads + excluded.downloads",
                )
                .bind(*version_id)
                .bind(*day)
                .bind(*n)
                .execute(&mut *wtx.tx)
                .await?;
            }
        }
        // Then their crates, by id.
        for (crate_id, count) in by_crate {
            sqlx::query("UPDATE crates SET downloads = downloads + $1 WHERE id = $2")
                .bind(count)
                .bind(crate_id)
                .execute(&mut *wtx.tx)
                .await?;
        }
        wtx.commit().await
    }
}
