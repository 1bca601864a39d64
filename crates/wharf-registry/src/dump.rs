//! The database dump as a use-case: read the public data at one moment, write it in crates.io's
//! layout (`wharf-dump`), and keep the published copy that `/db-dump.tar.gz` serves.

use crate::{Registry, RegistryError, RegistryResult};
use bytes::Bytes;

/// Where the published dump is kept in the blob store.
pub const PUBLISHED_DUMP_KEY: &str = "dumps/db-dump.tar.gz";

impl Registry {
    /// The dump as a `.tar.gz`, taken now. `progress` hears each table's name and row count as it
    /// is written (on a blocking thread: writing is CPU work).
    pub async fn dump(
        &self,
        mut progress: impl FnMut(&str, usize) + Send + 'static,
    ) -> RegistryResult<Vec<u8>> {
        let snapshot = self.db.dump_snapshot().await?;
        let at = chrono::DateTime::from_timestamp_millis(self.now()).unwrap_or_default();
        tokio::task::spawn_blocking(move || {
            let mut out = Vec::new();
            wharf_dump::write_dump(&snapshot, at, &mut out, &mut progress).map(|()| out)
        })
        .await
        .map_err(|e| RegistryError::Internal(format!("the dump's writer stopped: {e}")))?
        .map_err(|e| RegistryError::Internal(format!("writing the dump: {e}")))
    }

    /// Takes a dump and publishes it for `/db-dump.tar.gz`. Returns its size in bytes.
    pub async fn publish_dump(&self) -> RegistryResult<usize> {
        let dump = self.dump(|_, _| {}).await?;
        let size = dump.len();
        self.blobs
            .put(PUBLISHED_DUMP_KEY, Bytes::from(dump))
            .await?;
        Ok(size)
    }

    /// How long ago the published dump was written, if one was.
    pub async fn published_dump_age(&self) -> RegistryResult<Option<std::time::Duration>> {
        let written = self.blobs.last_modified(PUBLISHED_DUMP_KEY).await?;
        // The real clock, as the store's times are, not the registry's (which tests may move).
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_millis() as i64);
        Ok(
            written
                .map(|at| std::time::Duration::from_millis(now.saturating_sub(at).max(0) as u64)),
        )
    }

    /// The published dump, if one was written.
    pub async fn published_dump(&self) -> RegistryResult<Option<Bytes>> {
        Ok(self.blobs.get(PUBLISHED_DUMP_KEY).await?)
    }
}
