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
    /// The next announcement, or [`IndexChange::Missed`] when the connection was lost or failed
    /// in any way: the listener is then done with, and its owner makes a new one (see
    /// [`Db::index_changes`]) and treats every copy it holds as suspect. (sqlx's listener would
    /// reconnect by itself on the next call, but without saying that announcements were lost.)
    pub async fn next(&mut self) -> IndexChange {
        match self.listener.try_recv().await {
            Ok(Some(notification)) => IndexChange::Rewritten(notification.payload().to_string()),
            Ok(None) => IndexChange::Missed,
            Err(error) => {
                tracing::warn!(%error, "index announcements: the connection failed");
                IndexChange::Missed
            }
        }
    }
}

impl Db {
    /// Tells the instances listening (see [`Db::index_changes`]) that the file at `relative` was
    /// rewritten. A failure is logged and not returned: the file is written and the database says
    /// so, and listeners check even the copies they trust against the store now and then (see
    /// `wharf_server::index`), so a lost announcement delays a change rather than hides it.
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
