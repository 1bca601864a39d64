//! API tokens: random secrets shown once, stored only as their SHA-256, limited by endpoint scopes,
//! crate-name patterns and an expiry.
//!
//! Tokens are looked up on every request, never cached, so a revoked token stops working at once.

use crate::audit::{record, Actor};
use crate::crates::canonical;
use crate::users::{user_from_row, USER_COLUMNS};
use crate::{now_millis, Db, StoreError, UserRecord};
use rand::distr::{Alphanumeric, SampleString};
use sha2::{Digest, Sha256};
use sqlx::any::AnyRow;
use sqlx::Row;

/// Every token starts with this, so secret scanners (and people) recognise a leaked one.
pub const TOKEN_PREFIX: &str = "wharf_";

/// What a token may do, by endpoint, with crates.io's names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    PublishNew,
    PublishUpdate,
    Yank,
    ChangeOwners,
    Delete,
}

impl Scope {
    pub const ALL: [Scope; 5] = [
        Scope::PublishNew,
        Scope::PublishUpdate,
        Scope::Yank,
        Scope::ChangeOwners,
        Scope::Delete,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Scope::PublishNew => "publish-new",
            Scope::PublishUpdate => "publish-update",
            Scope::Yank => "yank",
            Scope::ChangeOwners => "change-owners",
            Scope::Delete => "delete",
        }
    }

    pub fn parse(scope: &str) -> Result<Scope, StoreError> {
        Scope::ALL
            .into_iter()
            .find(|s| s.as_str() == scope)
            .ok_or_else(|| {
                StoreError::Invalid(format!(
                    "unknown scope `{scope}`: use publish-new, publish-update, yank, change-owners or delete"
                ))
            })
    }
}

/// How stale a token's `last_used_at` may be: it tells people which tokens are still in use, and
/// minutes are precise enough for that.
const LAST_USED_RESOLUTION_MS: i64 = 5 * 60 * 1000;

/// What reporting a token as found in public did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExposedToken {
    /// No token has this secret: a false alarm, or another service's secret.
    Unknown,
    /// It was revoked before.
    AlreadyRevoked,
    /// It was live (or expired) and is revoked now; its owner is told.
    Revoked { id: i64, user_id: i64 },
}

/// A fresh token: `wharf_` and 32 random letters and digits (about 190 bits).
pub fn generate_token() -> String {
    format!(
        "{TOKEN_PREFIX}{}",
        Alphanumeric.sample_string(&mut rand::rng(), 32)
    )
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

pub struct NewToken {
    pub user_id: i64,
    pub name: String,
    /// Empty means every endpoint.
    pub scopes: Vec<Scope>,
    /// Empty means every crate. A pattern is a crate name, or a prefix followed by `*`.
    pub crate_patterns: Vec<String>,
    pub expires_at: Option<i64>,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TokenRecord {
    pub id: i64,
    pub user_id: i64,
    pub name: String,
    pub endpoint_scopes: Option<Vec<String>>,
    pub crate_scopes: Option<Vec<String>>,
    pub created_at: i64,
    pub expires_at: Option<i64>,
    pub last_used_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

impl TokenRecord {
    /// Whether this token may use an endpoint of the given scope.
    pub fn allows_scope(&self, scope: Scope) -> bool {
        match &self.endpoint_scopes {
            None => true,
            Some(scopes) => scopes.iter().any(|s| s == scope.as_str()),
        }
    }

    /// Whether this token may act on the named crate: no patterns means any crate; a pattern ending in
    /// `*` matches by prefix. Names compare in canonical form, as crate names do everywhere else.
    pub fn allows_crate(&self, crate_name: &str) -> bool {
        let Some(patterns) = &self.crate_scopes else {
            return true;
        };
        let name = canonical(crate_name);
        patterns
            .iter()
            .any(|pattern| match pattern.strip_suffix('*') {
                Some(prefix) => name.starts_with(&canonical(prefix)),
                None => name == canonical(pattern),
            })
    }
}

fn split_list(list: Option<String>) -> Option<Vec<String>> {
    list.map(|s| s.split(',').map(str::to_string).collect())
}

fn token_from_row(row: &AnyRow) -> Result<TokenRecord, sqlx::Error> {
    Ok(TokenRecord {
        id: row.try_get("token_id")?,
        user_id: row.try_get("user_id")?,
        name: row.try_get("token_name")?,
        endpoint_scopes: split_list(row.try_get("endpoint_scopes")?),
        crate_scopes: split_list(row.try_get("crate_scopes")?),
        created_at: row.try_get("token_created_at")?,
        expires_at: row.try_get("expires_at")?,
        last_used_at: row.try_get("last_used_at")?,
        revoked_at: row.try_get("revoked_at")?,
    })
}

const TOKEN_COLUMNS: &str = "api_tokens.id AS token_id, api_tokens.user_id, api_tokens.name AS token_name, \
     api_tokens.endpoint_scopes, api_tokens.crate_scopes, api_tokens.created_at AS token_created_at, \
     api_tokens.expires_at, api_tokens.last_used_at, api_tokens.revoked_at";

fn validate_pattern(pattern: &str) -> Result<(), StoreError> {
    let body = pattern.strip_suffix('*').unwrap_or(pattern);
    let ok = !body.is_empty()
        && body
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "invalid crate pattern `{pattern}`: use a crate name, or a name prefix followed by `*`"
        )))
    }
}

impl Db {
    /// Creates a token and returns its record and the secret, which is not kept anywhere.
    pub async fn create_token(
        &self,
        new: NewToken,
        actor: &Actor,
    ) -> Result<(TokenRecord, String), StoreError> {
        for pattern in &new.crate_patterns {
            validate_pattern(pattern)?;
        }
        if new.name.trim().is_empty() || new.name.len() > 128 {
            return Err(StoreError::Invalid(
                "a token name must have 1 to 128 characters".into(),
            ));
        }
        let secret = generate_token();
        let now = now_millis();
        let scopes = (!new.scopes.is_empty()).then(|| {
            new.scopes
                .iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(",")
        });
        let patterns = (!new.crate_patterns.is_empty()).then(|| new.crate_patterns.join(","));
        let mut wtx = self.begin_write().await?;
        let id: i64 = sqlx::query(
            "INSERT INTO api_tokens (user_id, name, token_hash, endpoint_scopes, crate_scopes, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(new.user_id)
        .bind(&new.name)
        .bind(hash_token(&secret))
        .bind(scopes.clone())
        .bind(patterns.clone())
        .bind(now)
        .bind(new.expires_at)
        .fetch_one(&mut *wtx.tx)
        .await?
        .try_get("id")?;
        record(
            &mut wtx.tx,
            actor,
            "token.create",
            &format!("token:{id}"),
            serde_json::json!({ "user_id": new.user_id, "name": new.name, "scopes": scopes, "crates": patterns }),
        )
        .await?;
        crate::outbox::notify(
            &mut wtx.tx,
            new.user_id,
            &crate::outbox::Notification::TokenCreated {
                token_name: new.name.clone(),
            },
        )
        .await?;
        wtx.commit().await?;
        let token = TokenRecord {
            id,
            user_id: new.user_id,
            name: new.name,
            endpoint_scopes: split_list(scopes),
            crate_scopes: split_list(patterns),
            created_at: now,
            expires_at: new.expires_at,
            last_used_at: None,
            revoked_at: None,
        };
        Ok((token, secret))
    }

    /// Finds the live token with this secret, and its user. Expired and revoked tokens are not found.
    pub async fn authenticate_token(
        &self,
        secret: &str,
    ) -> Result<Option<(TokenRecord, UserRecord)>, StoreError> {
        let now = now_millis();
        let row = sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS}, {USER_COLUMNS} FROM api_tokens JOIN users ON users.id = api_tokens.user_id \
             WHERE api_tokens.token_hash = $1 AND api_tokens.revoked_at IS NULL \
             AND (api_tokens.expires_at IS NULL OR api_tokens.expires_at > $2)"
        ))
        .bind(hash_token(secret))
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let token = token_from_row(&row)?;
        // Written at most every few minutes: cargo sends the token with every index request of a
        // private registry, and one write per request would cost more than the request.
        if token
            .last_used_at
            .is_none_or(|used| now - used > LAST_USED_RESOLUTION_MS)
        {
            self.retrying("recording a token's use", || async {
                let mut wtx = self.begin_write().await?;
                sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
                    .bind(now)
                    .bind(token.id)
                    .execute(&mut *wtx.tx)
                    .await?;
                wtx.commit().await
            })
            .await?;
        }
        Ok(Some((token, user_from_row(&row)?)))
    }

    pub async fn tokens_of(&self, user_id: i64) -> Result<Vec<TokenRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {TOKEN_COLUMNS} FROM api_tokens WHERE user_id = $1 ORDER BY id"
        ))
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(token_from_row).collect::<Result<_, _>>()?)
    }

    /// Queues a warning to the owner of every live token that expires before `before` and has not
    /// had one. Safe to run from several instances at once: each token is claimed by one of them.
    /// Returns how many warnings were queued.
    pub async fn warn_expiring_tokens(&self, before: i64) -> Result<usize, StoreError> {
        self.retrying("warning of expiring tokens", || {
            self.warn_expiring_tokens_once(before)
        })
        .await
    }

    async fn warn_expiring_tokens_once(&self, before: i64) -> Result<usize, StoreError> {
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let rows = sqlx::query(
            "SELECT id, user_id, name, expires_at FROM api_tokens WHERE revoked_at IS NULL \
             AND expires_at IS NOT NULL AND expires_at > $1 AND expires_at <= $2 \
             AND expiry_notified_at IS NULL",
        )
        .bind(now)
        .bind(before)
        .fetch_all(&mut *wtx.tx)
        .await?;
        let mut warned = 0;
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let claimed = sqlx::query(
                "UPDATE api_tokens SET expiry_notified_at = $1 WHERE id = $2 AND expiry_notified_at IS NULL",
            )
            .bind(now)
            .bind(id)
            .execute(&mut *wtx.tx)
            .await?
            .rows_affected();
            if claimed == 1 {
                crate::outbox::notify(
                    &mut wtx.tx,
                    row.try_get("user_id")?,
                    &crate::outbox::Notification::TokenExpiring {
                        token_name: row.try_get("name")?,
                        expires_at: row.try_get("expires_at")?,
                    },
                )
                .await?;
                warned += 1;
            }
        }
        wtx.commit().await?;
        Ok(warned)
    }

    /// Revokes the token with this secret, reported found in public by `reporter` (at `url`, in a
    /// `source` such as a commit), tells its owner by e-mail and records it in the audit log, in
    /// one transaction. Expired tokens count: their secret is exposed all the same.
    pub async fn revoke_exposed_token(
        &self,
        secret: &str,
        reporter: &str,
        source: &str,
        url: &str,
        actor: &Actor,
    ) -> Result<ExposedToken, StoreError> {
        let mut wtx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT id, user_id, name, revoked_at FROM api_tokens WHERE token_hash = $1",
        )
        .bind(hash_token(secret))
        .fetch_optional(&mut *wtx.tx)
        .await?;
        let Some(row) = row else {
            return Ok(ExposedToken::Unknown);
        };
        if row.try_get::<Option<i64>, _>("revoked_at")?.is_some() {
            return Ok(ExposedToken::AlreadyRevoked);
        }
        let (id, user_id): (i64, i64) = (row.try_get("id")?, row.try_get("user_id")?);
        let exposed = serde_json::json!({ "exposed": { "reporter": reporter, "source": source, "url": url } });
        mark_revoked(&mut wtx.tx, id, actor, exposed).await?;
        crate::outbox::notify(
            &mut wtx.tx,
            user_id,
            &crate::outbox::Notification::TokenExposed {
                token_name: row.try_get("name")?,
                reporter: reporter.to_string(),
                source: source.to_string(),
                url: url.to_string(),
            },
        )
        .await?;
        wtx.commit().await?;
        Ok(ExposedToken::Revoked { id, user_id })
    }

    /// Revokes a token. Revoking twice is not an error; revoking a token that never existed is.
    pub async fn revoke_token(&self, id: i64, actor: &Actor) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let found = sqlx::query("SELECT revoked_at FROM api_tokens WHERE id = $1")
            .bind(id)
            .fetch_optional(&mut *wtx.tx)
            .await?;
        let Some(found) = found else {
            return Err(StoreError::NotFound(format!(
                "there is no token with id {id}"
            )));
        };
        let revoked_at: Option<i64> = found.try_get("revoked_at")?;
        if revoked_at.is_none() {
            mark_revoked(&mut wtx.tx, id, actor, serde_json::json!({})).await?;
        }
        wtx.commit().await
    }
}

/// Marks token `id` revoked now and records who did it, and why (`details`), in the audit log.
async fn mark_revoked(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    actor: &Actor,
    details: serde_json::Value,
) -> Result<(), StoreError> {
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2")
        .bind(now_millis())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    record(conn, actor, "token.revoke", &format!("token:{id}"), details).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(scopes: Option<&[&str]>, crates: Option<&[&str]>) -> TokenRecord {
        let list = |l: Option<&[&str]>| l.map(|l| l.iter().map(|s| s.to_string()).collect());
        TokenRecord {
            id: 1,
            user_id: 1,
            name: "t".into(),
            endpoint_scopes: list(scopes),
            crate_scopes: list(crates),
            created_at: 0,
            expires_at: None,
            last_used_at: None,
            revoked_at: None,
        }
    }

    #[test]
    fn tokens_look_like_tokens() {
        let t = generate_token();
        assert!(t.starts_with("wharf_"));
        assert_eq!(t.len(), 38);
        assert_ne!(t, generate_token());
        assert_eq!(hash_token("x").len(), 64);
    }

    #[test]
    fn scopes_limit_endpoints() {
        assert!(token(None, None).allows_scope(Scope::Yank));
        let t = token(Some(&["publish-update"]), None);
        assert!(t.allows_scope(Scope::PublishUpdate));
        assert!(!t.allows_scope(Scope::PublishNew));
    }

    #[test]
    fn patterns_limit_crates() {
        let t = token(None, Some(&["foo", "bar-*"]));
        assert!(t.allows_crate("foo"));
        assert!(t.allows_crate("FOO"));
        assert!(!t.allows_crate("foobar"));
        assert!(t.allows_crate("bar-baz"));
        assert!(t.allows_crate("bar_baz"));
        assert!(!t.allows_crate("barbaz"));
    }
}
