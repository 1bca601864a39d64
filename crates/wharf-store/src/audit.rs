//! The append-only audit log: who changed what, when, from where, and with which credential.
//!
//! Rows are written inside the transaction of the change they describe, so a change without its audit
//! row cannot exist.

use crate::{now_millis, StoreError};
use sqlx::{Any, AnyConnection, Row};

/// Who is acting: the user, the token they used (if any) and the client's address.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub token_id: Option<i64>,
    pub ip: Option<String>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    pub token_id: Option<i64>,
    pub ip: Option<String>,
    pub action: String,
    pub target: String,
    pub details: serde_json::Value,
}

pub(crate) async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    target: &str,
    details: serde_json::Value,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, token_id, ip, action, target, details) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now_millis())
    .bind(actor.user_id)
    .bind(actor.token_id)
    .bind(actor.ip.clone())
    .bind(action)
    .bind(target)
    .bind(details.to_string())
    .execute(conn)
    .await?;
    Ok(())
}

impl crate::Db {
    /// The most recent audit entries, newest first, optionally only those about `target`.
    pub async fn audit_entries(
        &self,
        target: Option<&str>,
        limit: i64,
    ) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query::<Any>(
            "SELECT id, at, actor_id, token_id, ip, action, target, details FROM audit_log \
             WHERE ($1 IS NULL OR target = $1) ORDER BY id DESC LIMIT $2",
        )
        .bind(target.map(str::to_string))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| {
                let details: String = row.try_get("details")?;
                Ok(AuditEntry {
                    id: row.try_get("id")?,
                    at: row.try_get("at")?,
                    actor_id: row.try_get("actor_id")?,
                    token_id: row.try_get("token_id")?,
                    ip: row.try_get("ip")?,
                    action: row.try_get("action")?,
                    target: row.try_get("target")?,
                    details: serde_json::from_str(&details).unwrap_or_default(),
                })
            })
            .collect()
    }
}
