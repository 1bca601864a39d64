//! What the publish policy needs from the database: the lists admins maintain, the facts name rules
//! compare against (crates with a confusable name, the most-downloaded crates and their owners), and
//! per-user rate-limit buckets, shared by every instance because they live here.

use crate::{now_millis, Db, StoreError};
use sqlx::{AnyConnection, Row};
use wharf_policy::rate::{take_token, Bucket};

/// A list an admin maintains. Each is a one-column table; the seed is written the first time only,
/// so an admin's removal of a seeded entry sticks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdminList {
    ReservedNames,
    ProtectedNames,
    Categories,
    InternalPrefixes,
    /// User names nobody may sign up with.
    ReservedLogins,
    /// E-mail domains (and their subdomains) nobody may sign up with.
    BlockedEmailDomains,
}

impl AdminList {
    fn table_and_column(self) -> (&'static str, &'static str) {
        match self {
            AdminList::ReservedNames => ("reserved_names", "name"),
            AdminList::ProtectedNames => ("protected_names", "name"),
            AdminList::Categories => ("categories", "slug"),
            AdminList::InternalPrefixes => ("internal_prefixes", "prefix"),
            AdminList::ReservedLogins => ("reserved_logins", "login"),
            AdminList::BlockedEmailDomains => ("blocked_email_domains", "domain"),
        }
    }
}

/// A token bucket's shape: `burst` tokens at most, one more every `period_ms`.
pub use wharf_policy::rate::{RateAction, RateLimit};

/// A crate and the ids of its owners, for name rules that exempt a crate's own owners.
#[derive(Debug, Clone)]
pub struct CrateOwners {
    pub name: String,
    pub owner_ids: Vec<i64>,
}

/// The bucket shape for `action`: the user's own override, or the default.
async fn rate_limit_of(
    conn: &mut AnyConnection,
    user_id: i64,
    action: RateAction,
    default: RateLimit,
) -> Result<RateLimit, StoreError> {
    Ok(
        match sqlx::query(
            "SELECT burst, period_ms FROM rate_overrides WHERE user_id = $1 AND action = $2",
        )
        .bind(user_id)
        .bind(action.as_str())
        .fetch_optional(&mut *conn)
        .await?
        {
            Some(row) => RateLimit {
                burst: row.try_get("burst")?,
                period_ms: row.try_get::<i64, _>("period_ms")?.max(1),
            },
            None => default,
        },
    )
}

impl Db {
    /// Whether the user's bucket for `action` has a token now, without taking it: a cheap check
    /// before expensive work (reading and scanning an upload), so an over-limit publish costs
    /// almost nothing. The token itself is taken later, in the act's transaction.
    pub async fn check_rate_token(
        &self,
        user_id: i64,
        action: RateAction,
        default: RateLimit,
    ) -> Result<(), StoreError> {
        let mut conn = self.pool().acquire().await?;
        let limit = rate_limit_of(&mut conn, user_id, action, default).await?;
        let now = now_millis();
        let bucket = sqlx::query(
            "SELECT level, updated_at FROM rate_buckets WHERE user_id = $1 AND action = $2",
        )
        .bind(user_id)
        .bind(action.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .map(|row| {
            Ok::<_, sqlx::Error>(Bucket {
                level: row.try_get("level")?,
                updated_at: row.try_get("updated_at")?,
            })
        })
        .transpose()?
        .unwrap_or_else(|| Bucket::full(limit, now));
        take_token(action, bucket, limit, now)
            .map(|_| ())
            .map_err(|refused| StoreError::RateLimited {
                message: refused.message,
                retry_after_secs: refused.retry_after_secs,
            })
    }
}

/// Takes one token from a user's bucket for `action`, inside the caller's transaction, so a change
/// that is rolled back gives its token back. Admin overrides replace the default shape; the
/// arithmetic is the policy's (`wharf_policy::rate`).
pub(crate) async fn take_rate_token(
    conn: &mut AnyConnection,
    user_id: i64,
    action: RateAction,
    default: RateLimit,
) -> Result<(), StoreError> {
    let limit = rate_limit_of(conn, user_id, action, default).await?;
    let now = now_millis();
    let full = Bucket::full(limit, now);
    sqlx::query(
        "INSERT INTO rate_buckets (user_id, action, level, updated_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, action) DO NOTHING",
    )
    .bind(user_id)
    .bind(action.as_str())
    .bind(full.level)
    .bind(full.updated_at)
    .execute(&mut *conn)
    .await?;
    // Touch the row first: on PostgreSQL this takes its row lock, so concurrent publishers by one
    // user queue here instead of both spending the same token.
    sqlx::query(
        "UPDATE rate_buckets SET updated_at = updated_at WHERE user_id = $1 AND action = $2",
    )
    .bind(user_id)
    .bind(action.as_str())
    .execute(&mut *conn)
    .await?;
    let row = sqlx::query(
        "SELECT level, updated_at FROM rate_buckets WHERE user_id = $1 AND action = $2",
    )
    .bind(user_id)
    .bind(action.as_str())
    .fetch_one(&mut *conn)
    .await?;
    let bucket = Bucket {
        level: row.try_get("level")?,
        updated_at: row.try_get("updated_at")?,
    };
    let taken =
        take_token(action, bucket, limit, now).map_err(|refused| StoreError::RateLimited {
            message: refused.message,
            retry_after_secs: refused.retry_after_secs,
        })?;
    sqlx::query(
        "UPDATE rate_buckets SET level = $1, updated_at = $2 WHERE user_id = $3 AND action = $4",
    )
    .bind(taken.level)
    .bind(taken.updated_at)
    .bind(user_id)
    .bind(action.as_str())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Db {
    pub async fn admin_list(&self, list: AdminList) -> Result<Vec<String>, StoreError> {
        let (table, column) = list.table_and_column();
        let rows = sqlx::query(&format!(
            "SELECT {column} AS v FROM {table} ORDER BY {column}"
        ))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| r.try_get("v").map_err(StoreError::from))
            .collect()
    }

    /// Adds an entry; adding one already there is not an error. Returns whether it was new.
    pub async fn admin_list_add(&self, list: AdminList, value: &str) -> Result<bool, StoreError> {
        let (table, column) = list.table_and_column();
        let mut wtx = self.begin_write().await?;
        let inserted = sqlx::query(&format!(
            "INSERT INTO {table} ({column}, created_at) VALUES ($1, $2) ON CONFLICT ({column}) DO NOTHING"
        ))
        .bind(value)
        .bind(now_millis())
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected()
            > 0;
        if inserted {
            crate::audit::record(
                &mut wtx.tx,
                &crate::Actor::default(),
                "admin.list.add",
                &format!("{table}:{value}"),
                serde_json::json!({}),
            )
            .await?;
        }
        wtx.commit().await?;
        Ok(inserted)
    }

    pub async fn admin_list_remove(
        &self,
        list: AdminList,
        value: &str,
    ) -> Result<bool, StoreError> {
        let (table, column) = list.table_and_column();
        let mut wtx = self.begin_write().await?;
        let removed = sqlx::query(&format!("DELETE FROM {table} WHERE {column} = $1"))
            .bind(value)
            .execute(&mut *wtx.tx)
            .await?
            .rows_affected()
            > 0;
        if removed {
            crate::audit::record(
                &mut wtx.tx,
                &crate::Actor::default(),
                "admin.list.remove",
                &format!("{table}:{value}"),
                serde_json::json!({}),
            )
            .await?;
        }
        wtx.commit().await?;
        Ok(removed)
    }

    /// Writes a list's seed the first time the registry starts, and never again.
    pub async fn seed_admin_list(&self, list: AdminList, seed: &[&str]) -> Result<(), StoreError> {
        let (table, column) = list.table_and_column();
        let mut wtx = self.begin_write().await?;
        let fresh = sqlx::query(
            "INSERT INTO seeded_lists (name) VALUES ($1) ON CONFLICT (name) DO NOTHING",
        )
        .bind(table)
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected()
            > 0;
        if fresh {
            let now = now_millis();
            for value in seed {
                sqlx::query(&format!(
                    "INSERT INTO {table} ({column}, created_at) VALUES ($1, $2) ON CONFLICT ({column}) DO NOTHING"
                ))
                .bind(*value)
                .bind(now)
                .execute(&mut *wtx.tx)
                .await?;
            }
        }
        wtx.commit().await
    }

    /// Groups `(crate id, crate name, owner id)` rows into crates with their owners, in row order.
    fn group_owners(rows: &[sqlx::any::AnyRow]) -> Result<Vec<CrateOwners>, StoreError> {
        let mut out: Vec<(i64, CrateOwners)> = Vec::new();
        for row in rows {
            let id: i64 = row.try_get("id")?;
            let owner: Option<i64> = row.try_get("user_id")?;
            if out.last().map(|(last, _)| *last) != Some(id) {
                out.push((
                    id,
                    CrateOwners {
                        name: row.try_get("name")?,
                        owner_ids: Vec::new(),
                    },
                ));
            }
            if let Some(owner) = owner {
                out.last_mut()
                    .expect("pushed above")
                    .1
                    .owner_ids
                    .push(owner);
            }
        }
        Ok(out.into_iter().map(|(_, c)| c).collect())
    }

    /// Crates whose confusable skeleton equals `skeleton`.
    pub async fn crates_with_skeleton(
        &self,
        skeleton: &str,
    ) -> Result<Vec<CrateOwners>, StoreError> {
        let rows = sqlx::query(
            "SELECT crates.id, crates.name, crate_owners.user_id FROM crates \
             LEFT JOIN crate_owners ON crate_owners.crate_id = crates.id \
             WHERE crates.confusable_skeleton = $1 ORDER BY crates.id",
        )
        .bind(skeleton)
        .fetch_all(self.pool())
        .await?;
        Self::group_owners(&rows)
    }

    /// The `limit` most-downloaded crates, and the crates named on the protected list, with owners.
    /// Protected names that no crate holds yet come with no owners.
    pub async fn typosquat_targets(&self, limit: i64) -> Result<Vec<CrateOwners>, StoreError> {
        let rows = sqlx::query(
            "SELECT top.id, top.name, crate_owners.user_id FROM \
             (SELECT id, name, downloads FROM crates ORDER BY downloads DESC, id LIMIT $1) top \
             LEFT JOIN crate_owners ON crate_owners.crate_id = top.id \
             ORDER BY top.downloads DESC, top.id",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut targets = Self::group_owners(&rows)?;
        let canonical = crate::crates::canonical;
        for name in self.admin_list(AdminList::ProtectedNames).await? {
            if targets
                .iter()
                .any(|t| canonical(&t.name) == canonical(&name))
            {
                continue;
            }
            let rows = sqlx::query(
                "SELECT crates.id, crates.name, crate_owners.user_id FROM crates \
                 LEFT JOIN crate_owners ON crate_owners.crate_id = crates.id \
                 WHERE crates.canonical_name = $1 ORDER BY crates.id",
            )
            .bind(canonical(&name))
            .fetch_all(self.pool())
            .await?;
            let owner_ids = Self::group_owners(&rows)?
                .pop()
                .map(|c| c.owner_ids)
                .unwrap_or_default();
            targets.push(CrateOwners { name, owner_ids });
        }
        Ok(targets)
    }

    /// Sets a user's own bucket shape for an action, replacing the default. The bucket starts
    /// full at the new shape, whether the limit is raised or lowered: an operator who raises a
    /// user's limit means it for now, not after the old bucket has refilled at the old pace.
    pub async fn set_rate_override(
        &self,
        user_id: i64,
        action: RateAction,
        limit: RateLimit,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO rate_overrides (user_id, action, burst, period_ms) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (user_id, action) DO UPDATE SET burst = excluded.burst, period_ms = excluded.period_ms",
        )
        .bind(user_id)
        .bind(action.as_str())
        .bind(limit.burst)
        .bind(limit.period_ms)
        .execute(&mut *wtx.tx)
        .await?;
        // Refilled in place rather than deleted: a publish between its insert and its read of
        // the row must still find it.
        let full = Bucket::full(limit, now_millis());
        sqlx::query(
            "UPDATE rate_buckets SET level = $1, updated_at = $2 WHERE user_id = $3 AND action = $4",
        )
        .bind(full.level)
        .bind(full.updated_at)
        .bind(user_id)
        .bind(action.as_str())
        .execute(&mut *wtx.tx)
        .await?;
        crate::audit::record(
            &mut wtx.tx,
            &crate::Actor::default(),
            "admin.rate_override",
            &format!("user:{user_id}"),
            serde_json::json!({ "action": action.as_str(), "burst": limit.burst, "period_ms": limit.period_ms }),
        )
        .await?;
        wtx.commit().await
    }
}
