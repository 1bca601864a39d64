//! Download counts, written in batches: the download endpoint only bumps a counter in memory, and a
//! background task calls [`Db::record_downloads`] every few seconds, so a burst of downloads costs one
//! transaction instead of one write each. Counts are increments, so several instances can flush into
//! the same database without losing any.

use crate::{Db, StoreError};
use std::collections::HashMap;

/// Downloads counted since the last flush, by version id and UTC day.
pub type DownloadBatch = HashMap<(i64, String), i64>;

impl Db {
    pub async fn record_downloads(&self, batch: &DownloadBatch) -> Result<(), StoreError> {
        if batch.is_empty() {
            return Ok(());
        }
        let mut wtx = self.begin_write().await?;
        for ((version_id, day), count) in batch {
            sqlx::query(
                "INSERT INTO version_downloads (version_id, day, downloads) VALUES ($1, $2, $3) \
                 ON CONFLICT (version_id, day) DO UPDATE SET downloads = version_downloads.downloads + excluded.downloads",
            )
            .bind(*version_id)
            .bind(day)
            .bind(*count)
            .execute(&mut *wtx.tx)
            .await?;
            sqlx::query("UPDATE versions SET downloads = downloads + $1 WHERE id = $2")
                .bind(*count)
                .bind(*version_id)
                .execute(&mut *wtx.tx)
                .await?;
            sqlx::query(
                "UPDATE crates SET downloads = downloads + $1 WHERE id = (SELECT crate_id FROM versions WHERE id = $2)",
            )
            .bind(*count)
            .bind(*version_id)
            .execute(&mut *wtx.tx)
            .await?;
        }
        wtx.commit().await
    }
}
