//! The append-only audit log: who changed what, when, from where, and with which credential.
//!
//! Rows are written inside the transaction of the change they describe, so a change without its audit
//! row cannot exist.

use crate::{now_millis, StoreError};
use sqlx::{Any, AnyConnection, Row};

/// Who is acting: the user, the credential they used (an API token or a web session, if any) and
/// the client's address.
#[derive(Debug, Clone, Default)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub token_id: Option<i64>,
    pub session_id: Option<i64>,
    pub ip: Option<String>,
}

impl Actor {
    /// The same actor, named as `user_id` when nobody is signed in: a one-time link acts for the
    /// account it was sent to.
    pub(crate) fn or_user(&self, user_id: i64) -> Actor {
        Actor {
            user_id: self.user_id.or(Some(user_id)),
            ..self.clone()
        }
    }
}

#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntry {
    pub id: i64,
    pub at: i64,
    pub actor_id: Option<i64>,
    /// The acting user's login, when a user acted.
    pub actor: Option<String>,
    pub token_id: Option<i64>,
    pub session_id: Option<i64>,
    pub ip: Option<String>,
    pub action: String,
    pub target: String,
    pub details: serde_json::Value,
}

/// Which audit rows to read.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    /// The acting user's login.
    pub actor: Option<String>,
    /// An action or the start of one (`owner.` matches every ownership change).
    pub action: Option<String>,
    /// `crate:NAME` (its versions' rows included) or `user:LOGIN`, as actions name them.
    pub target: Option<String>,
    /// Only rows older than this id: the next page.
    pub before: Option<i64>,
    pub limit: i64,
}

pub(crate) async fn record(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    target: &str,
    details: serde_json::Value,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, token_id, session_id, ip, action, target, details) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(now_millis())
    .bind(actor.user_id)
    .bind(actor.token_id)
    .bind(actor.session_id)
    .bind(actor.ip.clone())
    .bind(action)
    .bind(target)
    .bind(details.to_string())
    .execute(&mut *conn)
    .await?;
    crate::webhooks::enqueue(conn, action, target, &details).await
}

/// Something done to a version, as crates.io's `audit_actions` list it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct VersionAction {
    pub version: String,
    /// `publish`, `yank` or `unyank`.
    pub action: &'static str,
    pub user: crate::UserRecord,
    pub at: i64,
}

impl crate::Db {
    /// Who published, yanked and unyanked each version of a crate, oldest first. Acts of the
    /// operator (no account) are not listed: crates.io's shape needs a user.
    pub async fn version_actions(
        &self,
        crate_name: &str,
    ) -> Result<Vec<VersionAction>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT audit_log.action, audit_log.at, audit_log.details, {} \
             FROM audit_log JOIN users ON users.id = audit_log.actor_id \
             WHERE audit_log.target = $1 \
             AND audit_log.action IN ('crate.publish', 'version.yank', 'version.unyank') \
             ORDER BY audit_log.at, audit_log.id",
            crate::users::USER_COLUMNS
        ))
        .bind(format!("crate:{crate_name}"))
        .fetch_all(self.pool())
        .await?;
        let mut actions = Vec::with_capacity(rows.len());
        for row in &rows {
            let details: String = row.try_get("details")?;
            let details: serde_json::Value = serde_json::from_str(&details).unwrap_or_default();
            let Some(version) = details["version"].as_str() else {
                continue;
            };
            let action: String = row.try_get("action")?;
            actions.push(VersionAction {
                version: version.to_string(),
                action: match action.as_str() {
                    "crate.publish" => "publish",
                    "version.yank" => "yank",
                    _ => "unyank",
                },
                user: crate::users::user_from_row(row)?,
                at: row.try_get("at")?,
            });
        }
        Ok(actions)
    }

    /// Audit rows, newest first, filtered by `query`.
    pub async fn audit_entries(&self, query: &AuditQuery) -> Result<Vec<AuditEntry>, StoreError> {
        let rows = sqlx::query::<Any>(
            "SELECT audit_log.id, audit_log.at, audit_log.actor_id, users.login AS actor, audit_log.token_id, \
             audit_log.session_id, audit_log.ip, audit_log.action, audit_log.target, audit_log.details FROM audit_log \
             LEFT JOIN users ON users.id = audit_log.actor_id \
             WHERE ($1 = '' OR users.login_canonical = $1) AND ($2 = '' OR audit_log.action LIKE $2 ESCAPE '\\') \
             AND ($3 = '' OR audit_log.target = $3 OR audit_log.target LIKE $4 ESCAPE '\\') \
             AND audit_log.id < $5 ORDER BY audit_log.id DESC LIMIT $6",
        )
        .bind(query.actor.as_deref().unwrap_or("").to_ascii_lowercase())
        .bind(
            query
                .action
                .as_deref()
                .map(|a| format!("{}%", crate::browse::like_literal(a)))
                .unwrap_or_default(),
        )
        .bind(query.target.clone().unwrap_or_default())
        .bind(
            query
                .target
                .as_deref()
                .map(|t| format!("{}@%", crate::browse::like_literal(t)))
                .unwrap_or_default(),
        )
        .bind(query.before.unwrap_or(i64::MAX))
        .bind(query.limit.clamp(1, 1000))
        .fetch_all(self.pool())
        .await?;
        rows.into_iter()
            .map(|row| {
                let details: String = row.try_get("details")?;
                Ok(AuditEntry {
                    id: row.try_get("id")?,
                    at: row.try_get("at")?,
                    actor_id: row.try_get("actor_id")?,
                    actor: row.try_get("actor")?,
                    token_id: row.try_get("token_id")?,
                    session_id: row.try_get("session_id")?,
                    ip: row.try_get("ip")?,
                    action: row.try_get("action")?,
                    target: row.try_get("target")?,
                    details: serde_json::from_str(&details).unwrap_or_default(),
                })
            })
            .collect()
    }
}
