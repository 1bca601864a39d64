//! Local accounts for the web site: passwords (argon2), sessions, failed sign-ins, and the
//! one-time links sent by e-mail to verify an address or reset a password.
//!
//! Like API tokens, session cookies and e-mailed links are random secrets of which only a SHA-256
//! hash is stored: a copy of the database signs nobody in. Passwords are the exception that needs a
//! slow hash, because people choose them.

use crate::audit::{record, Actor};
use crate::outbox::{notify, Notification};
use crate::tokens::hash_token;
use crate::users::{login_canonical, user_from_row, validate_email, validate_login, USER_COLUMNS};
use crate::{now_millis, Db, StoreError, UserRecord};
use argon2::password_hash::{rand_core::OsRng, PasswordHash, SaltString};
use argon2::{Argon2, PasswordHasher, PasswordVerifier};
use rand::distr::{Alphanumeric, SampleString};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};

/// How long a session lasts without signing in again.
pub const SESSION_TTL_MS: i64 = 30 * 24 * 60 * 60 * 1000;
/// How long a session waits for its one-time code after the password: long enough to open the
/// app, short enough that a password alone does not leave a live session behind.
pub const AWAITING_CODE_TTL_MS: i64 = 10 * 60 * 1000;
/// How long an address-verification link works.
pub const VERIFY_LINK_TTL_MS: i64 = 48 * 60 * 60 * 1000;
/// How long a password-reset link works: short, because it is as good as the password.
pub const RESET_LINK_TTL_MS: i64 = 60 * 60 * 1000;
/// A session's `last_seen_at` is written at most this often, so browsing is not a stream of writes.
const LAST_SEEN_RESOLUTION_MS: i64 = 10 * 60 * 1000;

/// Hashes a password with argon2id and a fresh salt, as a PHC string. Slow on purpose (tens of
/// milliseconds): call it off the async workers.
pub fn hash_password(password: &str) -> Result<String, StoreError> {
    let salt = SaltString::generate(&mut OsRng);
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|e| StoreError::Invalid(format!("the password could not be hashed: {e}")))
}

/// Whether `password` matches a stored PHC string. A malformed stored hash matches nothing.
pub fn verify_password(stored: &str, password: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| {
        Argon2::default()
            .verify_password(password.as_bytes(), &hash)
            .is_ok()
    })
}

/// A random secret for a cookie or a link: 43 letters and digits, about 256 bits.
fn random_secret() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), 43)
}

/// A signed-in browser.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Session {
    pub id: i64,
    pub user_id: i64,
    /// Every form a signed-in page shows carries this; a form without it is refused.
    pub csrf_token: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub ip: Option<String>,
    pub user_agent: Option<String>,
    /// Signed in with the password of an account with a second factor, waiting for the code: not
    /// signed in yet.
    pub second_factor_pending: bool,
    /// When a one-time code was last given in this session.
    pub second_factor_at: Option<i64>,
}

const SESSION_COLUMNS: &str = "sessions.id AS session_id, sessions.user_id AS session_user_id, \
     sessions.csrf_token, sessions.created_at AS session_created_at, sessions.last_seen_at, \
     sessions.expires_at AS session_expires_at, sessions.ip AS session_ip, sessions.user_agent, \
     sessions.second_factor_pending, sessions.second_factor_at";

fn session_from_row(row: &AnyRow) -> Result<Session, sqlx::Error> {
    Ok(Session {
        id: row.try_get("session_id")?,
        user_id: row.try_get("session_user_id")?,
        csrf_token: row.try_get("csrf_token")?,
        created_at: row.try_get("session_created_at")?,
        last_seen_at: row.try_get("last_seen_at")?,
        expires_at: row.try_get("session_expires_at")?,
        ip: row.try_get("session_ip")?,
        user_agent: row.try_get("user_agent")?,
        second_factor_pending: crate::flag(row, "second_factor_pending")?,
        second_factor_at: row.try_get("second_factor_at")?,
    })
}

/// What a sign-in attempt is judged on.
#[derive(Debug, Clone)]
pub struct SignInFacts {
    pub user: UserRecord,
    /// `None`: the account has no password (it was made by an operator and uses API tokens).
    pub password_hash: Option<String>,
    /// Failed attempts since the last success.
    pub failed_sign_ins: i64,
    pub last_failed_sign_in_at: Option<i64>,
}

/// A new account from the sign-up form.
#[derive(Debug, Clone)]
pub struct NewAccount {
    pub login: String,
    pub email: String,
    /// From [`hash_password`].
    pub password_hash: String,
}

/// What an e-mailed link is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LinkPurpose {
    VerifyEmail,
    ResetPassword,
}

impl LinkPurpose {
    fn as_str(self) -> &'static str {
        match self {
            LinkPurpose::VerifyEmail => "verify_email",
            LinkPurpose::ResetPassword => "reset_password",
        }
    }
}

/// Writes a new one-time link for a user and queues the message that carries it.
async fn issue_link(
    conn: &mut AnyConnection,
    user: &UserRecord,
    purpose: LinkPurpose,
) -> Result<(), StoreError> {
    let secret = random_secret();
    let now = now_millis();
    let ttl = match purpose {
        LinkPurpose::VerifyEmail => VERIFY_LINK_TTL_MS,
        LinkPurpose::ResetPassword => RESET_LINK_TTL_MS,
    };
    // A new link replaces the earlier ones of its kind: only the latest message works.
    sqlx::query(
        "UPDATE email_links SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
    )
    .bind(now)
    .bind(user.id)
    .bind(purpose.as_str())
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO email_links (user_id, purpose, secret_hash, email, created_at, expires_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(user.id)
    .bind(purpose.as_str())
    .bind(hash_token(&secret))
    .bind(&user.email)
    .bind(now)
    .bind(now + ttl)
    .execute(&mut *conn)
    .await?;
    let notification = match purpose {
        LinkPurpose::VerifyEmail => Notification::VerifyEmail {
            login: user.login.clone(),
            link_token: Some(secret),
            expires_at: now + ttl,
        },
        LinkPurpose::ResetPassword => Notification::PasswordReset {
            login: user.login.clone(),
            link_token: Some(secret),
            expires_at: now + ttl,
        },
    };
    notify(conn, user.id, &notification).await
}

/// Takes a one-time link: marks it used and returns its user and the address it was sent to.
async fn take_link(
    conn: &mut AnyConnection,
    secret: &str,
    purpose: LinkPurpose,
) -> Result<(i64, String), StoreError> {
    let now = now_millis();
    let row = sqlx::query(
        "SELECT id, user_id, email, expires_at, used_at FROM email_links \
         WHERE secret_hash = $1 AND purpose = $2",
    )
    .bind(hash_token(secret))
    .bind(purpose.as_str())
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| {
        StoreError::NotFound("this link is not valid: check that it was copied whole".into())
    })?;
    let used_at: Option<i64> = row.try_get("used_at")?;
    let expires_at: i64 = row.try_get("expires_at")?;
    if !wharf_policy::accounts::email_link_usable(used_at, expires_at, now) {
        return Err(StoreError::Gone(
            "this link has expired or was already used: ask for a new one".into(),
        ));
    }
    sqlx::query("UPDATE email_links SET used_at = $1 WHERE id = $2 AND used_at IS NULL")
        .bind(now)
        .bind(row.try_get::<i64, _>("id")?)
        .execute(&mut *conn)
        .await?;
    Ok((row.try_get("user_id")?, row.try_get("email")?))
}

/// Sets a new password: failed sign-ins are forgotten and every session of the account ends, so
/// whoever knew the old password is signed out.
async fn replace_password(
    conn: &mut AnyConnection,
    user_id: i64,
    password_hash: &str,
) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE users SET password_hash = $1, failed_sign_ins = 0, last_failed_sign_in_at = NULL \
         WHERE id = $2",
    )
    .bind(password_hash)
    .bind(user_id)
    .execute(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1")
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub(crate) async fn user_in(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<UserRecord, StoreError> {
    let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    Ok(user_from_row(&row)?)
}

impl Db {
    /// Opens an account from the sign-up form and sends the message that verifies its address.
    /// The checks that need the operator's lists (reserved names, blocked domains) are the
    /// caller's; the login's shape and uniqueness are checked here.
    pub async fn sign_up(&self, new: &NewAccount, actor: &Actor) -> Result<UserRecord, StoreError> {
        validate_login(&new.login)?;
        validate_email(&new.email)?;
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO users (login, login_canonical, email, is_admin, email_verified, created_at, password_hash) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(&new.login)
        .bind(login_canonical(&new.login))
        .bind(&new.email)
        .bind(false)
        .bind(false)
        .bind(now)
        .bind(&new.password_hash)
        .fetch_one(&mut *wtx.tx)
        .await
        .map_err(StoreError::from);
        let id: i64 = match inserted {
            Ok(row) => row.try_get("id")?,
            Err(e) if e.is_unique_violation() => {
                return Err(StoreError::Conflict(format!(
                    "the name `{}` is taken: choose another",
                    new.login
                )))
            }
            Err(e) => return Err(e),
        };
        let actor = Actor {
            user_id: Some(id),
            ..actor.clone()
        };
        record(
            &mut wtx.tx,
            &actor,
            "user.sign_up",
            &format!("user:{}", new.login),
            serde_json::json!({}),
        )
        .await?;
        let user = user_in(&mut wtx.tx, id).await?;
        issue_link(&mut wtx.tx, &user, LinkPurpose::VerifyEmail).await?;
        wtx.commit().await?;
        Ok(user)
    }

    /// Sends a fresh verification message (the earlier link stops working).
    pub async fn resend_verification(&self, user_id: i64) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let user = user_in(&mut wtx.tx, user_id).await?;
        if user.email_verified {
            return Err(StoreError::Conflict(
                "this address is already verified".into(),
            ));
        }
        issue_link(&mut wtx.tx, &user, LinkPurpose::VerifyEmail).await?;
        wtx.commit().await
    }

    /// Marks an address verified through its one-time link. A link sent to an address the account
    /// no longer has verifies nothing.
    pub async fn verify_email(
        &self,
        secret: &str,
        actor: &Actor,
    ) -> Result<UserRecord, StoreError> {
        let mut wtx = self.begin_write().await?;
        let (user_id, email) = take_link(&mut wtx.tx, secret, LinkPurpose::VerifyEmail).await?;
        let updated =
            sqlx::query("UPDATE users SET email_verified = $1 WHERE id = $2 AND email = $3")
                .bind(true)
                .bind(user_id)
                .bind(&email)
                .execute(&mut *wtx.tx)
                .await?
                .rows_affected();
        if updated == 0 {
            return Err(StoreError::Gone(
                "this link was sent to an address the account no longer uses".into(),
            ));
        }
        let user = user_in(&mut wtx.tx, user_id).await?;
        let actor = actor.or_user(user_id);
        record(
            &mut wtx.tx,
            &actor,
            "user.verify_email",
            &format!("user:{}", user.login),
            serde_json::json!({}),
        )
        .await?;
        wtx.commit().await?;
        Ok(user)
    }

    /// Sends a password-reset link to the account with this login, or to every account with this
    /// e-mail address. Says nothing about whether one exists: the page answers the same either
    /// way, so the form cannot be used to find out who has an account.
    pub async fn request_password_reset(&self, login_or_email: &str) -> Result<(), StoreError> {
        let wanted = login_or_email.trim();
        if wanted.is_empty() {
            return Ok(());
        }
        let mut wtx = self.begin_write().await?;
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE (login_canonical = $1 OR LOWER(email) = $2) \
             AND terminated_at IS NULL"
        ))
        .bind(login_canonical(wanted))
        .bind(wanted.to_lowercase())
        .fetch_all(&mut *wtx.tx)
        .await?;
        for row in &rows {
            let user = user_from_row(row)?;
            issue_link(&mut wtx.tx, &user, LinkPurpose::ResetPassword).await?;
        }
        wtx.commit().await
    }

    /// Whether a password-reset link is live, without using it (the form is shown first).
    pub async fn password_reset_is_valid(&self, secret: &str) -> Result<bool, StoreError> {
        let found = sqlx::query(
            "SELECT id FROM email_links WHERE secret_hash = $1 AND purpose = $2 \
             AND used_at IS NULL AND expires_at > $3",
        )
        .bind(hash_token(secret))
        .bind(LinkPurpose::ResetPassword.as_str())
        .bind(now_millis())
        .fetch_optional(self.pool())
        .await?;
        Ok(found.is_some())
    }

    /// Sets a new password through a reset link: every session of the account ends, failed
    /// sign-ins are forgotten, and the address counts as verified (the link reached it).
    pub async fn reset_password(
        &self,
        secret: &str,
        password_hash: &str,
        actor: &Actor,
    ) -> Result<UserRecord, StoreError> {
        let mut wtx = self.begin_write().await?;
        let (user_id, email) = take_link(&mut wtx.tx, secret, LinkPurpose::ResetPassword).await?;
        replace_password(&mut wtx.tx, user_id, password_hash).await?;
        sqlx::query("UPDATE users SET email_verified = $1 WHERE id = $2 AND email = $3")
            .bind(true)
            .bind(user_id)
            .bind(&email)
            .execute(&mut *wtx.tx)
            .await?;
        let user = user_in(&mut wtx.tx, user_id).await?;
        let actor = actor.or_user(user_id);
        record(
            &mut wtx.tx,
            &actor,
            "user.reset_password",
            &format!("user:{}", user.login),
            serde_json::json!({}),
        )
        .await?;
        wtx.commit().await?;
        Ok(user)
    }

    /// Sets a user's password directly (the operator's `wharf user password`). Ends their sessions.
    pub async fn set_password(
        &self,
        login: &str,
        password_hash: &str,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let user = crate::users::existing_user(&mut wtx.tx, login).await?;
        replace_password(&mut wtx.tx, user.id, password_hash).await?;
        record(
            &mut wtx.tx,
            actor,
            "user.set_password",
            &format!("user:{}", user.login),
            serde_json::json!({}),
        )
        .await?;
        wtx.commit().await
    }

    /// Marks a user's address verified (the operator's `wharf user verify`).
    pub async fn mark_email_verified(&self, login: &str, actor: &Actor) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let user = crate::users::existing_user(&mut wtx.tx, login).await?;
        sqlx::query("UPDATE users SET email_verified = $1 WHERE id = $2")
            .bind(true)
            .bind(user.id)
            .execute(&mut *wtx.tx)
            .await?;
        record(
            &mut wtx.tx,
            actor,
            "user.verify_email",
            &format!("user:{}", user.login),
            serde_json::json!({ "by": "operator" }),
        )
        .await?;
        wtx.commit().await
    }

    /// The account a sign-in names, with what the attempt is judged on.
    pub async fn sign_in_facts(&self, login: &str) -> Result<Option<SignInFacts>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, users.password_hash, users.failed_sign_ins, \
             users.last_failed_sign_in_at FROM users WHERE login_canonical = $1"
        ))
        .bind(login_canonical(login.trim()))
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        Ok(Some(SignInFacts {
            user: user_from_row(&row)?,
            password_hash: row.try_get("password_hash")?,
            failed_sign_ins: row.try_get("failed_sign_ins")?,
            last_failed_sign_in_at: row.try_get("last_failed_sign_in_at")?,
        }))
    }

    /// Counts a failed sign-in against an account, and audits it (the address, not the password).
    pub async fn sign_in_failed(&self, user_id: i64, actor: &Actor) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        sqlx::query(
            "UPDATE users SET failed_sign_ins = failed_sign_ins + 1, last_failed_sign_in_at = $1 \
             WHERE id = $2",
        )
        .bind(now_millis())
        .bind(user_id)
        .execute(&mut *wtx.tx)
        .await?;
        let user = user_in(&mut wtx.tx, user_id).await?;
        record(
            &mut wtx.tx,
            actor,
            "session.sign_in_failed",
            &format!("user:{}", user.login),
            serde_json::json!({}),
        )
        .await?;
        wtx.commit().await
    }

    /// Starts a session after a successful sign-in; returns it and the cookie's secret, which is
    /// not kept anywhere. `awaits_code`: the password was right but the account has a second
    /// factor, so the session counts only once the code is given
    /// ([`Db::second_factor_given`]).
    pub async fn start_session(
        &self,
        user_id: i64,
        user_agent: Option<&str>,
        awaits_code: bool,
        actor: &Actor,
    ) -> Result<(Session, String), StoreError> {
        let secret = random_secret();
        let now = now_millis();
        let session = Session {
            id: 0,
            user_id,
            csrf_token: random_secret(),
            created_at: now,
            last_seen_at: now,
            expires_at: now
                + if awaits_code {
                    AWAITING_CODE_TTL_MS
                } else {
                    SESSION_TTL_MS
                },
            ip: actor.ip.clone(),
            // A User-Agent is the visitor's to choose: keep it short.
            user_agent: user_agent.map(|ua| ua.chars().take(200).collect()),
            second_factor_pending: awaits_code,
            second_factor_at: None,
        };
        let mut wtx = self.begin_write().await?;
        sqlx::query(
            "UPDATE users SET failed_sign_ins = 0, last_failed_sign_in_at = NULL WHERE id = $1",
        )
        .bind(user_id)
        .execute(&mut *wtx.tx)
        .await?;
        let id: i64 = sqlx::query(
            "INSERT INTO sessions (user_id, secret_hash, csrf_token, created_at, last_seen_at, expires_at, ip, user_agent, \
             second_factor_pending) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(user_id)
        .bind(hash_token(&secret))
        .bind(&session.csrf_token)
        .bind(now)
        .bind(now)
        .bind(session.expires_at)
        .bind(session.ip.clone())
        .bind(session.user_agent.clone())
        .bind(awaits_code)
        .fetch_one(&mut *wtx.tx)
        .await?
        .try_get("id")?;
        let user = user_in(&mut wtx.tx, user_id).await?;
        let actor = Actor {
            user_id: Some(user_id),
            session_id: Some(id),
            ..actor.clone()
        };
        record(
            &mut wtx.tx,
            &actor,
            "session.start",
            &format!("user:{}", user.login),
            serde_json::json!({}),
        )
        .await?;
        wtx.commit().await?;
        Ok((Session { id, ..session }, secret))
    }

    /// The live session with this cookie secret, and its user. Expired sessions are not found.
    pub async fn session_by_secret(
        &self,
        secret: &str,
    ) -> Result<Option<(Session, UserRecord)>, StoreError> {
        let now = now_millis();
        let row = sqlx::query(&format!(
            "SELECT {SESSION_COLUMNS}, {USER_COLUMNS} FROM sessions JOIN users ON users.id = sessions.user_id \
             WHERE sessions.secret_hash = $1 AND sessions.expires_at > $2"
        ))
        .bind(hash_token(secret))
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        let Some(row) = row else { return Ok(None) };
        let session = session_from_row(&row)?;
        if now - session.last_seen_at > LAST_SEEN_RESOLUTION_MS {
            let mut wtx = self.begin_write().await?;
            sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id = $2")
                .bind(now)
                .bind(session.id)
                .execute(&mut *wtx.tx)
                .await?;
            wtx.commit().await?;
        }
        Ok(Some((session, user_from_row(&row)?)))
    }

    /// Ends one session of a user (signing out, or from the sessions list).
    pub async fn end_session(
        &self,
        user_id: i64,
        session_id: i64,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let ended = sqlx::query("DELETE FROM sessions WHERE id = $1 AND user_id = $2")
            .bind(session_id)
            .bind(user_id)
            .execute(&mut *wtx.tx)
            .await?
            .rows_affected();
        if ended == 0 {
            return Err(StoreError::NotFound("there is no such session".into()));
        }
        let user = user_in(&mut wtx.tx, user_id).await?;
        record(
            &mut wtx.tx,
            actor,
            "session.end",
            &format!("user:{}", user.login),
            serde_json::json!({ "session": session_id }),
        )
        .await?;
        wtx.commit().await
    }

    /// A user's live sessions, newest first.
    pub async fn sessions_of(&self, user_id: i64) -> Result<Vec<Session>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {SESSION_COLUMNS} FROM sessions WHERE user_id = $1 AND expires_at > $2 \
             ORDER BY id DESC"
        ))
        .bind(user_id)
        .bind(now_millis())
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .iter()
            .map(session_from_row)
            .collect::<Result<_, _>>()?)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_hash_and_verify() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password(&hash, "correct horse battery"));
        assert!(!verify_password(&hash, "correct horse batterz"));
        assert!(!verify_password("not a hash", "correct horse battery"));
        // A fresh salt each time.
        assert_ne!(hash, hash_password("correct horse battery").unwrap());
    }
}
