//! User accounts.

use crate::audit::{record, Actor};
use crate::{now_millis, Db, StoreError};
use sqlx::any::AnyRow;
use sqlx::Row;

#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UserRecord {
    pub id: i64,
    pub login: String,
    pub email: String,
    pub name: Option<String>,
    pub is_admin: bool,
    pub email_verified: bool,
    pub created_at: i64,
    pub is_moderator: bool,
    /// Reports from a trusted reporter can hold a crate before a moderator looks (see the policy).
    pub trusted_reporter: bool,
    pub suspension: Option<Suspension>,
    pub terminated_at: Option<i64>,
    /// Whether signing in needs a one-time code besides the password.
    #[serde(skip)]
    pub second_factor: bool,
}

/// A suspension of an account: its credentials are refused until `until` (or until lifted).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Suspension {
    pub since: i64,
    /// `None`: until a moderator lifts it.
    pub until: Option<i64>,
    pub reason: String,
}

impl UserRecord {
    /// Moderators and admins act on content and accounts.
    pub fn can_moderate(&self) -> bool {
        self.is_admin || self.is_moderator
    }

    /// The suspension in force at `now`, if any.
    pub fn suspended_at(&self, now: i64) -> Option<&Suspension> {
        self.suspension
            .as_ref()
            .filter(|s| s.until.is_none_or(|until| until > now))
    }

    /// Whether the account may not act at `now`: suspended, or terminated.
    pub fn is_barred(&self, now: i64) -> bool {
        self.terminated_at.is_some() || self.suspended_at(now).is_some()
    }
}

pub(crate) const USER_COLUMNS: &str =
    "users.id, users.login, users.email, users.name, users.is_admin, users.email_verified, users.created_at, \
     users.is_moderator, users.trusted_reporter, users.suspended_at, users.suspended_until, \
     users.suspension_reason, users.terminated_at, users.totp_enabled_at";

pub(crate) fn user_from_row(row: &AnyRow) -> Result<UserRecord, sqlx::Error> {
    Ok(UserRecord {
        id: row.try_get("id")?,
        login: row.try_get("login")?,
        email: row.try_get("email")?,
        name: row.try_get("name")?,
        is_admin: crate::flag(row, "is_admin")?,
        email_verified: crate::flag(row, "email_verified")?,
        created_at: row.try_get("created_at")?,
        is_moderator: crate::flag(row, "is_moderator")?,
        trusted_reporter: crate::flag(row, "trusted_reporter")?,
        suspension: match row.try_get::<Option<i64>, _>("suspended_at")? {
            Some(since) => Some(Suspension {
                since,
                until: row.try_get("suspended_until")?,
                reason: row
                    .try_get::<Option<String>, _>("suspension_reason")?
                    .unwrap_or_default(),
            }),
            None => None,
        },
        terminated_at: row.try_get("terminated_at")?,
        second_factor: row.try_get::<Option<i64>, _>("totp_enabled_at")?.is_some(),
    })
}

/// The user with this login (any case), or `NotFound` in words an API caller reads.
pub(crate) async fn existing_user(
    conn: &mut sqlx::AnyConnection,
    login: &str,
) -> Result<UserRecord, StoreError> {
    let row = sqlx::query(&format!(
        "SELECT {USER_COLUMNS} FROM users WHERE login_canonical = $1"
    ))
    .bind(login_canonical(login))
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("there is no user `{login}`")))?;
    Ok(user_from_row(&row)?)
}

/// Logins are unique ignoring case, so `Alice` cannot pose as `alice`.
pub(crate) fn login_canonical(login: &str) -> String {
    login.to_ascii_lowercase()
}

/// Checks the shape of a login: 1 to 39 characters, ASCII letters, digits, `-` and `_`, starting with a
/// letter or digit (GitHub's rule, which people already know).
pub fn validate_login(login: &str) -> Result<(), StoreError> {
    let ok = !login.is_empty()
        && login.len() <= 39
        && login.starts_with(|c: char| c.is_ascii_alphanumeric())
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "invalid login `{login}`: use 1 to 39 ASCII letters, digits, `-` or `_`, starting with a letter or digit"
        )))
    }
}

/// Checks the shape of an e-mail address as far as is useful: one `@` with something on each side
/// and a dot in the domain, no spaces, at most 254 characters. Whether it works is what the
/// verification message finds out.
pub fn validate_email(email: &str) -> Result<(), StoreError> {
    let ok = email.len() <= 254
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && email.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && !domain.contains('@')
                && domain.contains('.')
                && !domain.starts_with('.')
                && !domain.ends_with('.')
        });
    if ok {
        Ok(())
    } else {
        Err(StoreError::Invalid(format!(
            "`{email}` does not look like an e-mail address"
        )))
    }
}

impl Db {
    /// Creates a user. Users created by the operator count as having verified their e-mail address.
    pub async fn create_user(
        &self,
        login: &str,
        email: &str,
        is_admin: bool,
        email_verified: bool,
        actor: &Actor,
    ) -> Result<UserRecord, StoreError> {
        validate_login(login)?;
        validate_email(email)?;
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO users (login, login_canonical, email, is_admin, email_verified, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(login)
        .bind(login_canonical(login))
        .bind(email)
        .bind(is_admin)
        .bind(email_verified)
        .bind(now)
        .fetch_one(&mut *wtx.tx)
        .await
        .map_err(StoreError::from);
        let id: i64 = match inserted {
            Ok(row) => row.try_get("id")?,
            Err(e) if e.is_unique_violation() => {
                return Err(StoreError::Conflict(format!(
                    "the login `{login}` is already taken"
                )))
            }
            Err(e) => return Err(e),
        };
        record(
            &mut wtx.tx,
            actor,
            "user.create",
            &format!("user:{login}"),
            serde_json::json!({ "admin": is_admin }),
        )
        .await?;
        wtx.commit().await?;
        Ok(UserRecord {
            id,
            login: login.to_string(),
            email: email.to_string(),
            name: None,
            is_admin,
            email_verified,
            created_at: now,
            is_moderator: false,
            trusted_reporter: false,
            suspension: None,
            terminated_at: None,
            second_factor: false,
        })
    }

    pub async fn user_by_login(&self, login: &str) -> Result<Option<UserRecord>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE login_canonical = $1"
        ))
        .bind(login_canonical(login))
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(user_from_row).transpose()?)
    }

    pub async fn user_by_id(&self, id: i64) -> Result<Option<UserRecord>, StoreError> {
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(user_from_row).transpose()?)
    }
}
