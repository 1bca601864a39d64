//! Claiming a row of a work queue (the mail outbox, webhook deliveries) for one worker among
//! several instances, without a lock held while the work is done.
//!
//! A queue row is due at `next_attempt_at`. A worker reads due rows, then moves each one's due time
//! to the end of its lease, on the condition that the due time is still the one it read: of the
//! workers that read the row, exactly one's update finds it unchanged. If that worker dies, the row
//! falls due again when the lease ends.

use crate::{Db, StoreError};

/// The queues claimed this way.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Queue {
    Outbox,
    WebhookDeliveries,
    Detonations,
}

impl Queue {
    /// The queue's table, and the condition of a row not yet done.
    fn table_and_pending(self) -> (&'static str, &'static str) {
        match self {
            Queue::Outbox => ("outbox", "sent_at IS NULL"),
            Queue::WebhookDeliveries => ("webhook_deliveries", "delivered_at IS NULL"),
            Queue::Detonations => ("detonations", "finished_at IS NULL"),
        }
    }
}

impl Db {
    /// Claims row `id` of `queue` until `until` if its due time is still `seen`. Returns whether
    /// this worker has it.
    pub(crate) async fn take_lease(
        &self,
        queue: Queue,
        id: i64,
        seen: i64,
        until: i64,
    ) -> Result<bool, StoreError> {
        let (table, pending) = queue.table_and_pending();
        let statement = format!(
            "UPDATE {table} SET next_attempt_at = $1 \
             WHERE id = $2 AND next_attempt_at = $3 AND {pending}"
        );
        self.retrying("claiming a queued row", || async {
            let mut wtx = self.begin_write().await?;
            let taken = sqlx::query(&statement)
                .bind(until)
                .bind(id)
                .bind(seen)
                .execute(&mut *wtx.tx)
                .await?
                .rows_affected();
            wtx.commit().await?;
            Ok(taken == 1)
        })
        .await
    }
}
