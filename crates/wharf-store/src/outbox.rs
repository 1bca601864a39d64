//! The outbox: notifications written with the change they tell about, sent later by a worker.
//!
//! A notification is data (what happened, to whom), not text: the mail crate renders it when it sends,
//! so wording can change without touching stored rows. Several server instances may run the worker;
//! a message is claimed for a while before it is sent, so only one of them sends it.

use crate::lease::Queue;
use crate::{now_millis, Db, StoreError};
use serde::{Deserialize, Serialize};
use sqlx::{AnyConnection, Row};

/// Something a user is told about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Notification {
    /// An owner invited the recipient to own a crate. `accept_token` is the one-time secret of the
    /// accept link; it is never logged and is erased once the message is sent.
    OwnerInvitation {
        crate_name: String,
        crate_id: i64,
        inviter: String,
        accept_token: Option<String>,
        expires_at: i64,
        /// A moderator reassigning a squatted name: accepting replaces the current owners.
        #[serde(default)]
        replaces_owners: bool,
    },
    /// The crate's owners changed: `owner` (a login or `team:NAME`) was added or removed.
    OwnersChanged {
        crate_name: String,
        owner: String,
        added: bool,
        by: Option<String>,
    },
    /// A version of a crate the recipient owns was published.
    VersionPublished {
        crate_name: String,
        version: String,
        publisher: String,
        /// Kept out of the index until a moderator releases it.
        #[serde(default)]
        held: bool,
    },
    /// An API token was created for the recipient's account.
    TokenCreated { token_name: String },
    /// A CI workflow was allowed (or no longer allowed) to publish a crate the recipient owns:
    /// `workflow` says which, in words.
    TrustedPublishingChanged {
        crate_name: String,
        workflow: String,
        added: bool,
        by: Option<String>,
    },
    /// A crate the recipient owned (or one of its versions) was deleted.
    CrateDeleted {
        crate_name: String,
        version: Option<String>,
        by: Option<String>,
    },
    /// The recipient's report was received.
    ReportReceived {
        report_id: i64,
        target: String,
        category: String,
    },
    /// A moderator decided on the recipient's report: `actioned` or `dismissed`.
    ReportResolved {
        report_id: i64,
        target: String,
        outcome: String,
    },
    /// A moderator may remove the recipient's crate; they can answer until the deadline.
    RemovalNotice {
        crate_name: String,
        reason: String,
        deadline: i64,
    },
    /// An API token of the recipient's expires soon.
    TokenExpiring { token_name: String, expires_at: i64 },
    /// An API token of the recipient's was found in public (`reporter` said where) and revoked.
    TokenExposed {
        token_name: String,
        reporter: String,
        source: String,
        url: String,
    },
    /// The recipient signed up (or asked again): a one-time link verifies their address.
    /// `link_token` is a secret, erased once the message is sent.
    VerifyEmail {
        login: String,
        link_token: Option<String>,
        expires_at: i64,
    },
    /// Someone asked to reset the recipient's password: a one-time link sets a new one.
    /// `link_token` is a secret, erased once the message is sent.
    PasswordReset {
        login: String,
        link_token: Option<String>,
        expires_at: i64,
    },
    /// A moderator acted on the recipient's crate or account.
    ActionTaken {
        target: String,
        action: String,
        reason: String,
    },
}

impl Notification {
    pub fn kind(&self) -> &'static str {
        match self {
            Notification::OwnerInvitation { .. } => "owner_invitation",
            Notification::OwnersChanged { .. } => "owners_changed",
            Notification::VersionPublished { .. } => "version_published",
            Notification::TokenCreated { .. } => "token_created",
            Notification::TrustedPublishingChanged { .. } => "trusted_publishing_changed",
            Notification::CrateDeleted { .. } => "crate_deleted",
            Notification::ReportReceived { .. } => "report_received",
            Notification::ReportResolved { .. } => "report_resolved",
            Notification::ActionTaken { .. } => "action_taken",
            Notification::RemovalNotice { .. } => "removal_notice",
            Notification::TokenExpiring { .. } => "token_expiring",
            Notification::TokenExposed { .. } => "token_exposed",
            Notification::VerifyEmail { .. } => "verify_email",
            Notification::PasswordReset { .. } => "password_reset",
        }
    }

    /// The same notification without its secrets, for logs and for keeping after sending.
    pub fn without_secrets(&self) -> Notification {
        let mut copy = self.clone();
        match &mut copy {
            Notification::OwnerInvitation { accept_token, .. } => *accept_token = None,
            Notification::VerifyEmail { link_token, .. }
            | Notification::PasswordReset { link_token, .. } => *link_token = None,
            _ => {}
        }
        copy
    }
}

/// A message due to be sent.
#[derive(Debug, Clone)]
pub struct OutboxMessage {
    pub id: i64,
    pub recipient: String,
    pub notification: Notification,
    pub attempts: i64,
    pub created_at: i64,
}

/// Queues a notification to a user, at the address their account has now, inside the caller's
/// transaction.
pub(crate) async fn notify(
    conn: &mut AnyConnection,
    user_id: i64,
    notification: &Notification,
) -> Result<(), StoreError> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO outbox (created_at, user_id, recipient, kind, payload, next_attempt_at) \
         SELECT $1, id, email, $2, $3, $1 FROM users WHERE id = $4",
    )
    .bind(now)
    .bind(notification.kind())
    .bind(serde_json::to_string(notification).expect("notifications serialise"))
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Queues a notification to every user owner of a crate.
pub(crate) async fn notify_owners(
    conn: &mut AnyConnection,
    crate_id: i64,
    notification: &Notification,
) -> Result<(), StoreError> {
    let owners: Vec<i64> = sqlx::query("SELECT user_id FROM crate_owners WHERE crate_id = $1")
        .bind(crate_id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| r.try_get("user_id"))
        .collect::<Result<_, _>>()?;
    for owner in owners {
        notify(conn, owner, notification).await?;
    }
    Ok(())
}

/// Which messages a worker takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Delivery {
    /// Sending by SMTP: every unsent message that is due, whether or not it was logged before.
    Smtp,
    /// No SMTP server: messages not yet written to the log.
    Log,
}

/// The mail queue at a glance, for monitoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutboxCounts {
    /// Neither sent nor given up on (with an SMTP server: still to send).
    pub pending: i64,
    /// Given up on after the last retry.
    pub failed: i64,
}

impl Db {
    /// Deletes messages sent, or given up, before `before`; returns how many. A sent message's
    /// text (links with one-time codes, addresses) has no use left in the database.
    pub async fn prune_finished_mail(&self, before: i64) -> Result<u64, StoreError> {
        self.delete_older(
            "DELETE FROM outbox WHERE sent_at < $1 OR failed_at < $1",
            before,
        )
        .await
    }

    /// How many messages wait and how many failed for good.
    pub async fn outbox_counts(&self) -> Result<OutboxCounts, StoreError> {
        let row = sqlx::query(
            "SELECT (SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL) AS pending, \
             (SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL) AS failed",
        )
        .fetch_one(self.pool())
        .await?;
        Ok(OutboxCounts {
            pending: row.try_get("pending")?,
            failed: row.try_get("failed")?,
        })
    }

    /// Claims up to `limit` messages for `lease_ms`: no other worker takes them meanwhile, and if
    /// this one dies they become due again when the lease ends.
    pub async fn claim_mail(
        &self,
        delivery: Delivery,
        limit: i64,
        lease_ms: i64,
    ) -> Result<Vec<OutboxMessage>, StoreError> {
        let now = now_millis();
        let filter = match delivery {
            Delivery::Smtp => "sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= $1",
            Delivery::Log => {
                "sent_at IS NULL AND failed_at IS NULL AND logged_at IS NULL AND next_attempt_at <= $1"
            }
        };
        let rows = sqlx::query(&format!(
            "SELECT id, recipient, payload, attempts, created_at, next_attempt_at FROM outbox \
             WHERE {filter} ORDER BY id LIMIT $2"
        ))
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut claimed = Vec::new();
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let seen: i64 = row.try_get("next_attempt_at")?;
            if !self
                .take_lease(Queue::Outbox, id, seen, now + lease_ms)
                .await?
            {
                continue;
            }
            let payload: String = row.try_get("payload")?;
            let notification = match serde_json::from_str(&payload) {
                Ok(n) => n,
                Err(error) => {
                    // A row written by a newer version this one cannot read: leave it to them.
                    tracing::warn!(id, %error, "skipping an outbox message this version cannot read");
                    continue;
                }
            };
            claimed.push(OutboxMessage {
                id,
                recipient: row.try_get("recipient")?,
                notification,
                attempts: row.try_get("attempts")?,
                created_at: row.try_get("created_at")?,
            });
        }
        Ok(claimed)
    }

    /// Marks a message sent and erases its secrets.
    pub async fn mail_sent(&self, message: &OutboxMessage) -> Result<(), StoreError> {
        let payload = serde_json::to_string(&message.notification.without_secrets())
            .expect("notifications serialise");
        self.retrying("marking mail sent", || async {
            let mut wtx = self.begin_write().await?;
            sqlx::query("UPDATE outbox SET sent_at = $1, payload = $2 WHERE id = $3")
                .bind(now_millis())
                .bind(&payload)
                .bind(message.id)
                .execute(&mut *wtx.tx)
                .await?;
            wtx.commit().await
        })
        .await
    }

    /// Marks a message written to the log (no SMTP server); it stays unsent.
    pub async fn mail_logged(&self, id: i64) -> Result<(), StoreError> {
        self.retrying("marking mail logged", || async {
            let mut wtx = self.begin_write().await?;
            sqlx::query("UPDATE outbox SET logged_at = $1 WHERE id = $2")
                .bind(now_millis())
                .bind(id)
                .execute(&mut *wtx.tx)
                .await?;
            wtx.commit().await
        })
        .await
    }

    /// Records a failed attempt: tried again at `retry_at`, or given up for good when `None`.
    pub async fn mail_failed(
        &self,
        id: i64,
        error: &str,
        retry_at: Option<i64>,
    ) -> Result<(), StoreError> {
        let now = now_millis();
        self.retrying("recording a failed mail", || async {
            let mut wtx = self.begin_write().await?;
            sqlx::query(
                "UPDATE outbox SET attempts = attempts + 1, last_error = $1, next_attempt_at = $2, \
                 failed_at = $3 WHERE id = $4",
            )
            .bind(error)
            .bind(retry_at.unwrap_or(now))
            .bind(if retry_at.is_none() { Some(now) } else { None })
            .bind(id)
            .execute(&mut *wtx.tx)
            .await?;
            wtx.commit().await
        })
        .await
    }
}
