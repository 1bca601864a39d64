//! How instances sharing one database learn that another one rewrote an index file, so that each
//! can drop its cached copy at once instead of asking the store about every file it serves.
//!
//! On PostgreSQL the writer sends the file's path on a notification channel after the file is
//! written (`pg_notify`), and every instance listens on it. Notifications are not kept for a
//! listener that is not connected, so a listener that lost its connection says so, and its owner
//! must then treat every cached copy as suspect. SQLite has no such channel: one machine owns the
//! database file, and its readers check their copies themselves.

use crate::db::Backend;
use crate::{Db, StoreError};
use sqlx::postgres::PgListener;

/// The notification channel index rewrites are announced on.
const INDEX_CHANNEL: &str = "wharf_index";

/// What a listener heard.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IndexChange {
    /// The file at this path (relative to the index root) was rewritten or removed.
    Rewritten(String),
    /// The connection was lost: announcements made until it is back are lost with it.
    Missed,
}

/// A connection listening for index announcements.
pub struct IndexChanges {
    listener: PgListener,
}

impl IndexChanges {
    /// The next announcement. After [`IndexChange::Missed`] the next call reconnects (waiting as
    /// long as that takes), and listens again.
    pub async fn next(&mut self) -> IndexChange {
        loop {
            match self.listener.try_recv().await {
                Ok(Some(notification)) => {
                    return IndexChange::Rewritten(notification.payload().to_string())
                }
                Ok(None) => return IndexChange::Missed,
                Err(error) => {
                    tracing::warn!(%error, "index announcements: the connection failed; retrying");
                    tokio::time::sleep(std::time::Duration::from_secs(1)).await;
                }
            }
        }
    }
}

impl Db {
    /// Tells the instances listening (see [`Db::index_changes`]) that the file at `relative` was
    /// rewritten. A failure is logged and not returned: the file is written and the database says
    /// so, and a listener that missed the announcement still drops its copy when it reconnects.
    pub async fn announce_index_change(&self, relative: &str) {
        if self.backend() != Backend::Postgres {
            return;
        }
        if let Err(error) = sqlx::query("SELECT pg_notify($1, $2)")
            .bind(INDEX_CHANNEL)
            .bind(relative)
            .execute(self.pool())
            .await
        {
            tracing::warn!(%error, relative, "could not announce an index rewrite");
        }
    }

    /// A listener for index announcements, or `None` where the database has no notifications.
    pub async fn index_changes(&self) -> Result<Option<IndexChanges>, StoreError> {
        if self.backend() != Backend::Postgres {
            return Ok(None);
        }
        let mut listener = PgListener::connect(self.url()).await?;
        listener.listen(INDEX_CHANNEL).await?;
        Ok(Some(IndexChanges { listener }))
    }
}
