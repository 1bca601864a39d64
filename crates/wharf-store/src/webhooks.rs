//! Webhooks: URLs an operator registers for one crate or for the whole registry, told of each
//! publish, yank, unyank, owner change, deletion and hold.
//!
//! Deliveries are written by [`enqueue`], which the audit log's writer calls for every audited
//! change, in the change's transaction: the audit log is already the one record of every change,
//! so no change can forget to announce itself, and a rolled-back change announces nothing. A
//! worker (`wharf-webhooks`) claims due deliveries with a lease, as the mail outbox does, so that
//! of several instances exactly one sends each.

use crate::lease::Queue;
use crate::{now_millis, Db, StoreError};
use serde::Serialize;
use sqlx::{AnyConnection, Row};
use wharf_policy::names::canonical_name;

/// Audited actions that are webhook events, and the event each is: sorted by action, checked by a
/// test. Moderators' actions are `moderation.<action>`.
const EVENTS: &[(&str, &str)] = &[
    ("crate.delete", "delete"),
    ("crate.hold", "hold"),
    ("crate.publish", "publish"),
    ("moderation.hold", "hold"),
    ("moderation.release", "release"),
    ("moderation.remove-crate", "delete"),
    ("moderation.remove-version", "delete"),
    ("moderation.yank", "yank"),
    ("owner.accept", "owners"),
    ("owner.remove", "owners"),
    ("owner.team.add", "owners"),
    ("owner.team.remove", "owners"),
    ("version.delete", "delete"),
    ("version.detonation_hold", "hold"),
    ("version.detonation_release", "release"),
    ("version.release", "release"),
    ("version.unyank", "unyank"),
    ("version.yank", "yank"),
];

/// The event an audited action is, if it is one.
fn event_of(action: &str) -> Option<&'static str> {
    EVENTS
        .binary_search_by(|(known, _)| known.cmp(&action))
        .ok()
        .map(|i| EVENTS[i].1)
}

/// What a delivery's body says.
#[derive(Debug, Serialize)]
struct Payload<'a> {
    event: &'a str,
    /// The audited action, finer than the event (`owner.remove`, `moderation.yank`, …).
    action: &'a str,
    #[serde(rename = "crate")]
    krate: &'a str,
    version: Option<&'a str>,
    at: String,
    details: &'a serde_json::Value,
}

/// Writes a delivery for every webhook that wants this audited change, in the change's
/// transaction. `target` is the audit row's (`crate:NAME` or `crate:NAME@VERSION`); changes to
/// anything but a crate are no webhook's business.
pub(crate) async fn enqueue(
    conn: &mut AnyConnection,
    action: &str,
    target: &str,
    details: &serde_json::Value,
) -> Result<(), StoreError> {
    let Some(event) = event_of(action) else {
        return Ok(());
    };
    let Some(named) = target.strip_prefix("crate:") else {
        return Ok(());
    };
    let (krate, target_version) = match named.split_once('@') {
        Some((krate, version)) => (krate, Some(version)),
        None => (named, None),
    };
    let version = target_version.or_else(|| details.get("version").and_then(|v| v.as_str()));
    let now = now_millis();
    let payload = serde_json::to_string(&Payload {
        event,
        action,
        krate,
        version,
        at: crate::rfc3339(now),
        details,
    })
    .expect("payloads serialise");
    sqlx::query(
        "INSERT INTO webhook_deliveries (webhook_id, event, payload, created_at, next_attempt_at) \
         SELECT id, $1, $2, $3, $3 FROM webhooks WHERE crate_name IS NULL OR crate_name = $4",
    )
    .bind(event)
    .bind(payload)
    .bind(now)
    .bind(canonical_name(krate))
    .execute(conn)
    .await?;
    Ok(())
}

/// A registered webhook.
#[derive(Debug, Clone, Serialize)]
pub struct Webhook {
    pub id: i64,
    /// The crate (canonical name) it is for, or `None` for every crate.
    pub crate_name: Option<String>,
    pub url: String,
    #[serde(skip)]
    pub secret: String,
    pub created_at: i64,
}

/// A delivery claimed for sending.
#[derive(Debug, Clone)]
pub struct WebhookDelivery {
    pub id: i64,
    pub event: String,
    pub payload: String,
    pub attempts: i64,
    pub url: String,
    pub secret: String,
    /// Until when the claim holds (milliseconds since the epoch): after it another worker may
    /// take the delivery, and this one's outcome is no longer recorded.
    pub leased_until: i64,
}

/// A delivery as the log shows it.
#[derive(Debug, Clone, Serialize)]
pub struct DeliveryRecord {
    pub id: i64,
    pub webhook_id: i64,
    pub event: String,
    pub created_at: i64,
    pub attempts: i64,
    pub last_status: Option<i64>,
    pub last_error: Option<String>,
    pub delivered_at: Option<i64>,
    pub failed_at: Option<i64>,
}

fn webhook_from_row(row: &sqlx::any::AnyRow) -> Result<Webhook, sqlx::Error> {
    Ok(Webhook {
        id: row.try_get("id")?,
        crate_name: row.try_get("crate_name")?,
        url: row.try_get("url")?,
        secret: row.try_get("secret")?,
        created_at: row.try_get("created_at")?,
    })
}

impl Db {
    /// Deletes deliveries that ended (delivered, or given up) before `before`; returns how many.
    /// Their payloads repeat what the audit log keeps, so the log need not grow for ever.
    pub async fn prune_finished_deliveries(&self, before: i64) -> Result<u64, StoreError> {
        self.delete_older(
            "DELETE FROM webhook_deliveries WHERE delivered_at < $1 OR failed_at < $1",
            before,
        )
        .await
    }

    /// Registers a webhook for a crate (any spelling; it need not exist yet) or for every crate,
    /// with a new random secret (returned in the record, for the receiver).
    pub async fn add_webhook(
        &self,
        crate_name: Option<&str>,
        url: &str,
    ) -> Result<Webhook, StoreError> {
        let crate_name = crate_name.map(canonical_name);
        let secret = hex::encode(rand::random::<[u8; 32]>());
        let secret = secret.as_str();
        let now = now_millis();
        self.retrying("adding a webhook", || async {
            let mut wtx = self.begin_write().await?;
            let row = sqlx::query(
                "INSERT INTO webhooks (crate_name, url, secret, created_at) VALUES ($1, $2, $3, $4) \
                 RETURNING id, crate_name, url, secret, created_at",
            )
            .bind(crate_name.clone())
            .bind(url)
            .bind(secret)
            .bind(now)
            .fetch_one(&mut *wtx.tx)
            .await?;
            let webhook = webhook_from_row(&row)?;
            wtx.commit().await?;
            Ok(webhook)
        })
        .await
    }

    pub async fn webhooks(&self) -> Result<Vec<Webhook>, StoreError> {
        let rows =
            sqlx::query("SELECT id, crate_name, url, secret, created_at FROM webhooks ORDER BY id")
                .fetch_all(self.pool())
                .await?;
        rows.iter()
            .map(|row| webhook_from_row(row).map_err(StoreError::from))
            .collect()
    }

    /// Removes a webhook and its delivery log. Returns whether there was one.
    pub async fn remove_webhook(&self, id: i64) -> Result<bool, StoreError> {
        self.retrying("removing a webhook", || async {
            let mut wtx = self.begin_write().await?;
            sqlx::query("DELETE FROM webhook_deliveries WHERE webhook_id = $1")
                .bind(id)
                .execute(&mut *wtx.tx)
                .await?;
            let removed = sqlx::query("DELETE FROM webhooks WHERE id = $1")
                .bind(id)
                .execute(&mut *wtx.tx)
                .await?
                .rows_affected();
            wtx.commit().await?;
            Ok(removed == 1)
        })
        .await
    }

    /// The latest deliveries, newest first, of one webhook or of all.
    pub async fn webhook_deliveries(
        &self,
        webhook_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<DeliveryRecord>, StoreError> {
        let columns = "SELECT id, webhook_id, event, created_at, attempts, last_status, \
                       last_error, delivered_at, failed_at FROM webhook_deliveries";
        let rows = match webhook_id {
            Some(webhook_id) => {
                sqlx::query(&format!(
                    "{columns} WHERE webhook_id = $1 ORDER BY id DESC LIMIT $2"
                ))
                .bind(webhook_id)
                .bind(limit)
                .fetch_all(self.pool())
                .await?
            }
            None => {
                sqlx::query(&format!("{columns} ORDER BY id DESC LIMIT $1"))
                    .bind(limit)
                    .fetch_all(self.pool())
                    .await?
            }
        };
        rows.iter()
            .map(|row| {
                Ok(DeliveryRecord {
                    id: row.try_get("id")?,
                    webhook_id: row.try_get("webhook_id")?,
                    event: row.try_get("event")?,
                    created_at: row.try_get("created_at")?,
                    attempts: row.try_get("attempts")?,
                    last_status: row.try_get("last_status")?,
                    last_error: row.try_get("last_error")?,
                    delivered_at: row.try_get("delivered_at")?,
                    failed_at: row.try_get("failed_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Claims up to `limit` due deliveries for `lease_ms`: no other worker takes them meanwhile,
    /// and if this one dies they are due again when the lease ends.
    pub async fn claim_webhook_deliveries(
        &self,
        limit: i64,
        lease_ms: i64,
    ) -> Result<Vec<WebhookDelivery>, StoreError> {
        let now = now_millis();
        let rows = sqlx::query(
            "SELECT d.id, d.event, d.payload, d.attempts, d.next_attempt_at, w.url, w.secret \
             FROM webhook_deliveries d JOIN webhooks w ON w.id = d.webhook_id \
             WHERE d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= $1 \
             ORDER BY d.id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut claimed = Vec::new();
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let seen: i64 = row.try_get("next_attempt_at")?;
            if self
                .take_lease(Queue::WebhookDeliveries, id, seen, now + lease_ms)
                .await?
            {
                claimed.push(WebhookDelivery {
                    id,
                    event: row.try_get("event")?,
                    payload: row.try_get("payload")?,
                    attempts: row.try_get("attempts")?,
                    url: row.try_get("url")?,
                    secret: row.try_get("secret")?,
                    leased_until: now + lease_ms,
                });
            }
        }
        Ok(claimed)
    }

    /// Records an attempt on a claimed delivery: delivered, or failed and tried again at
    /// `retry_at`, or given up for good when that is `None`. Returns `false`, recording nothing,
    /// when the claim had run out: another worker may have the delivery now, and its outcome is
    /// the one that counts.
    pub async fn webhook_attempted(
        &self,
        delivery: &WebhookDelivery,
        delivered: bool,
        status: Option<u16>,
        error: Option<&str>,
        retry_at: Option<i64>,
    ) -> Result<bool, StoreError> {
        let now = now_millis();
        self.retrying("recording a webhook delivery", || async {
            let mut wtx = self.begin_write().await?;
            let recorded = sqlx::query(
                "UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $1, \
                 last_error = $2, delivered_at = $3, failed_at = $4, next_attempt_at = $5 \
                 WHERE id = $6 AND next_attempt_at = $7 AND delivered_at IS NULL",
            )
            .bind(status.map(i64::from))
            .bind(error)
            .bind(delivered.then_some(now))
            .bind((!delivered && retry_at.is_none()).then_some(now))
            .bind(retry_at.unwrap_or(now))
            .bind(delivery.id)
            .bind(delivery.leased_until)
            .execute(&mut *wtx.tx)
            .await?
            .rows_affected();
            wtx.commit().await?;
            Ok(recorded == 1)
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vocabulary_is_sorted_and_looked_up() {
        assert!(EVENTS.windows(2).all(|pair| pair[0].0 < pair[1].0));
        assert_eq!(event_of("crate.publish"), Some("publish"));
        assert_eq!(event_of("moderation.remove-crate"), Some("delete"));
        assert_eq!(event_of("token.create"), None);
        assert_eq!(event_of("moderation.suspend"), None);
    }
}
