//! Moderators' actions on an account — suspend, lift, terminate, trust — and the accounts' side of
//! moderation: roles, the crates an account owns (for bulk actions), the suspended accounts.
//!
//! Each action writes its rows on the connection of the transaction `Db::moderate` opened;
//! `conclude` there does what follows every action.

use super::krate::remove_crate_and_files;
use super::{Acting, ModOutcome, Target};
use crate::audit::{record, Actor};
use crate::crates::{record_former_owner, FormerOwner};
use crate::users::{user_from_row, UserRecord, USER_COLUMNS};
use crate::{Db, StoreError};
use sqlx::{AnyConnection, Row};
use wharf_policy::moderation::{self as policy, OwnedCrateFate};

pub(super) async fn suspend(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    user: &UserRecord,
    until: Option<i64>,
) -> Result<ModOutcome, StoreError> {
    policy::check_suspension(until, acting.now)?;
    sqlx::query(
        "UPDATE users SET suspended_at = $1, suspended_until = $2, suspension_reason = $3 WHERE id = $4",
    )
    .bind(acting.now)
    .bind(until)
    .bind(acting.reason)
    .bind(user.id)
    .execute(&mut *conn)
    .await?;
    Ok(ModOutcome::default())
}

pub(super) async fn lift(
    conn: &mut AnyConnection,
    user: &UserRecord,
) -> Result<ModOutcome, StoreError> {
    policy::check_lift(&user.login, user.suspension.is_some())?;
    sqlx::query(
        "UPDATE users SET suspended_at = NULL, suspended_until = NULL, suspension_reason = NULL WHERE id = $1",
    )
    .bind(user.id)
    .execute(&mut *conn)
    .await?;
    Ok(ModOutcome::default())
}

/// Ends the account for good: it is marked terminated and its tokens revoked. What becomes of each
/// crate it owns is the policy's `terminated_owners_crate`, over the crate's number of user owners.
pub(super) async fn terminate(
    conn: &mut AnyConnection,
    acting: &Acting<'_>,
    user: &UserRecord,
    remove_crates: bool,
) -> Result<ModOutcome, StoreError> {
    sqlx::query("UPDATE users SET terminated_at = $1 WHERE id = $2")
        .bind(acting.now)
        .bind(user.id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(acting.now)
        .bind(user.id)
        .execute(&mut *conn)
        .await?;
    let owned = sqlx::query(
        "SELECT crates.id, crates.name, (SELECT COUNT(*) FROM crate_owners o WHERE o.crate_id = crates.id) AS owners \
         FROM crate_owners JOIN crates ON crates.id = crate_owners.crate_id WHERE crate_owners.user_id = $1",
    )
    .bind(user.id)
    .fetch_all(&mut *conn)
    .await?;
    let mut outcome = ModOutcome::default();
    for row in &owned {
        let crate_id: i64 = row.try_get("id")?;
        let name: String = row.try_get("name")?;
        let owners: i64 = row.try_get("owners")?;
        match policy::terminated_owners_crate(remove_crates, owners) {
            OwnedCrateFate::Kept => {}
            OwnedCrateFate::Removed => {
                remove_crate_and_files(
                    conn,
                    crate_id,
                    &name,
                    acting.deleted(),
                    acting.blocked_until(false),
                    &mut outcome,
                )
                .await?;
            }
            OwnedCrateFate::OwnerDropped => {
                record_former_owner(
                    conn,
                    crate_id,
                    FormerOwner::User(user.id),
                    acting.actor.user_id,
                )
                .await?;
            }
        }
    }
    Ok(outcome)
}

pub(super) async fn trust(
    conn: &mut AnyConnection,
    user: &UserRecord,
    trusted: bool,
) -> Result<ModOutcome, StoreError> {
    sqlx::query("UPDATE users SET trusted_reporter = $1 WHERE id = $2")
        .bind(trusted)
        .bind(user.id)
        .execute(&mut *conn)
        .await?;
    Ok(ModOutcome::default())
}

/// Roles, from least to most power.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    User,
    Moderator,
    Admin,
}

impl Role {
    pub fn parse(text: &str) -> Option<Role> {
        match text {
            "user" => Some(Role::User),
            "moderator" => Some(Role::Moderator),
            "admin" => Some(Role::Admin),
            _ => None,
        }
    }
}

impl Db {
    /// The targets of every crate an account owns, for a bulk action.
    pub async fn crates_of_account(&self, login: &str) -> Result<Vec<Target>, StoreError> {
        let rows = sqlx::query(
            "SELECT crates.name FROM crate_owners JOIN crates ON crates.id = crate_owners.crate_id \
             JOIN users ON users.id = crate_owners.user_id WHERE users.login_canonical = $1 \
             ORDER BY crates.canonical_name",
        )
        .bind(login.to_ascii_lowercase())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| Ok(Target::Crate(r.try_get("name")?)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Sets a user's role: moderators act on content and accounts; admins also manage roles and the
    /// registry's lists.
    pub async fn set_role(&self, login: &str, role: Role, actor: &Actor) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE users SET is_admin = $1, is_moderator = $2 WHERE login_canonical = $3",
        )
        .bind(role == Role::Admin)
        .bind(role != Role::User)
        .bind(login.to_ascii_lowercase())
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::NotFound(format!("there is no user `{login}`")));
        }
        record(
            &mut wtx.tx,
            actor,
            "user.role",
            &format!("user:{login}"),
            serde_json::json!({ "role": format!("{role:?}").to_lowercase() }),
        )
        .await?;
        wtx.commit().await
    }

    /// The accounts under a suspension in force at `now` (terminated ones excluded: they are past
    /// lifting), most recently suspended first.
    pub async fn suspended_accounts(&self, now: i64) -> Result<Vec<UserRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE users.suspended_at IS NOT NULL \
             AND (users.suspended_until IS NULL OR users.suspended_until > $1) \
             AND users.terminated_at IS NULL ORDER BY users.suspended_at DESC, users.id DESC"
        ))
        .bind(now)
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(user_from_row).collect::<Result<_, _>>()?)
    }
}
