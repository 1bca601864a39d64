//! Two-factor sign-in's rows: the TOTP secret (pending while the person scans it, then set), the
//! last accepted time step, the count of failed codes, single-use recovery codes (their SHA-256),
//! and the session's second-factor state.
//!
//! What a code is and whether it is right is decided above (`wharf-registry`); the store makes each
//! acceptance atomic — a time step is taken only if it is newer than the last, a recovery code only
//! if unused — so two requests racing with one code cannot both pass.

use crate::audit::{record, Actor};
use crate::tokens::hash_token;
use crate::{now_millis, Db, StoreError};
use sqlx::Row;

/// An account's second-factor state.
#[derive(Debug, Clone, Default)]
pub struct SecondFactorState {
    /// The base32 secret in use, once enrolment was confirmed.
    pub secret: Option<String>,
    /// The base32 secret shown during enrolment, before its first code.
    pub pending_secret: Option<String>,
    pub enabled_at: Option<i64>,
    pub last_step: Option<i64>,
    pub failures: i64,
    pub last_failure_at: Option<i64>,
    pub recovery_codes_left: i64,
}

impl Db {
    pub async fn second_factor_state(&self, user_id: i64) -> Result<SecondFactorState, StoreError> {
        let row = sqlx::query(
            "SELECT totp_secret, totp_pending_secret, totp_enabled_at, totp_last_step, \
             second_factor_failures, last_second_factor_failure_at, \
             (SELECT COUNT(*) FROM recovery_codes r WHERE r.user_id = users.id AND r.used_at IS NULL) AS left_codes \
             FROM users WHERE id = $1",
        )
        .bind(user_id)
        .fetch_optional(self.pool())
        .await?
        .ok_or_else(|| StoreError::NotFound("there is no such account".into()))?;
        Ok(SecondFactorState {
            secret: row.try_get("totp_secret")?,
            pending_secret: row.try_get("totp_pending_secret")?,
            enabled_at: row.try_get("totp_enabled_at")?,
            last_step: row.try_get("totp_last_step")?,
            failures: row.try_get("second_factor_failures")?,
            last_failure_at: row.try_get("last_second_factor_failure_at")?,
            recovery_codes_left: row.try_get("left_codes")?,
        })
    }

    /// Keeps the secret shown for enrolment until its first code confirms it.
    pub async fn begin_totp_enrolment(&self, user_id: i64, secret: &str) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        sqlx::query("UPDATE users SET totp_pending_secret = $1 WHERE id = $2")
            .bind(secret)
            .bind(user_id)
            .execute(&mut *wtx.tx)
            .await?;
        wtx.commit().await
    }

    /// Turns the pending secret on, with the step of the code that confirmed it, and replaces the
    /// recovery codes with `recovery_codes` (kept as their SHA-256). Refused when the pending
    /// secret changed meanwhile (another enrolment started in another tab).
    pub async fn confirm_totp(
        &self,
        user_id: i64,
        confirmed_secret: &str,
        step: i64,
        recovery_codes: &[String],
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let changed = sqlx::query(
            "UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, \
             totp_enabled_at = $1, totp_last_step = $2, second_factor_failures = 0 \
             WHERE id = $3 AND totp_pending_secret = $4",
        )
        .bind(now)
        .bind(step)
        .bind(user_id)
        .bind(confirmed_secret)
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected();
        if changed == 0 {
            return Err(StoreError::Conflict(
                "the set-up changed meanwhile (another page started it again): start again".into(),
            ));
        }
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *wtx.tx)
            .await?;
        for code in recovery_codes {
            sqlx::query(
                "INSERT INTO recovery_codes (user_id, code_hash, created_at) VALUES ($1, $2, $3)",
            )
            .bind(user_id)
            .bind(hash_token(code))
            .bind(now)
            .execute(&mut *wtx.tx)
            .await?;
        }
        record(
            &mut wtx.tx,
            actor,
            "user.second_factor_on",
            &format!("user-id:{user_id}"),
            serde_json::json!({ "recovery_codes": recovery_codes.len() }),
        )
        .await?;
        wtx.commit().await
    }

    /// Takes a code's time step if it is newer than the last one taken. Returns whether it was.
    pub async fn accept_totp_step(&self, user_id: i64, step: i64) -> Result<bool, StoreError> {
        let mut wtx = self.begin_write().await?;
        let taken = sqlx::query(
            "UPDATE users SET totp_last_step = $1, second_factor_failures = 0 \
             WHERE id = $2 AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < $1)",
        )
        .bind(step)
        .bind(user_id)
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected();
        wtx.commit().await?;
        Ok(taken == 1)
    }

    /// Uses a recovery code if it is one of the account's and unused. Returns whether it was.
    pub async fn use_recovery_code(
        &self,
        user_id: i64,
        code: &str,
        actor: &Actor,
    ) -> Result<bool, StoreError> {
        let mut wtx = self.begin_write().await?;
        let used = sqlx::query(
            "UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND code_hash = $3 AND used_at IS NULL",
        )
        .bind(now_millis())
        .bind(user_id)
        .bind(hash_token(code))
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected();
        if used == 1 {
            sqlx::query("UPDATE users SET second_factor_failures = 0 WHERE id = $1")
                .bind(user_id)
                .execute(&mut *wtx.tx)
                .await?;
            record(
                &mut wtx.tx,
                actor,
                "user.recovery_code_used",
                &format!("user-id:{user_id}"),
                serde_json::json!({}),
            )
            .await?;
        }
        wtx.commit().await?;
        Ok(used == 1)
    }

    /// Counts a code attempt against the account before the code is checked (a right code resets
    /// the count), if the count is still `seen`: of several attempts racing on one count, one goes
    /// ahead, so the pause after wrong codes cannot be outrun by sending many at once. Returns
    /// whether this attempt may go ahead.
    pub async fn claim_second_factor_attempt(
        &self,
        user_id: i64,
        seen: i64,
    ) -> Result<bool, StoreError> {
        let mut wtx = self.begin_write().await?;
        let claimed = sqlx::query(
            "UPDATE users SET second_factor_failures = second_factor_failures + 1, \
             last_second_factor_failure_at = $1 WHERE id = $2 AND second_factor_failures = $3",
        )
        .bind(now_millis())
        .bind(user_id)
        .bind(seen)
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected();
        wtx.commit().await?;
        Ok(claimed == 1)
    }

    /// Audits a wrong code (it was counted when claimed).
    pub async fn second_factor_failed(
        &self,
        user_id: i64,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        record(
            &mut wtx.tx,
            actor,
            "user.second_factor_failed",
            &format!("user-id:{user_id}"),
            serde_json::json!({}),
        )
        .await?;
        wtx.commit().await
    }

    /// Turns the second factor off and drops the recovery codes.
    pub async fn disable_totp(&self, user_id: i64, actor: &Actor) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        sqlx::query(
            "UPDATE users SET totp_secret = NULL, totp_pending_secret = NULL, totp_enabled_at = NULL, \
             totp_last_step = NULL WHERE id = $1",
        )
        .bind(user_id)
        .execute(&mut *wtx.tx)
        .await?;
        sqlx::query("DELETE FROM recovery_codes WHERE user_id = $1")
            .bind(user_id)
            .execute(&mut *wtx.tx)
            .await?;
        record(
            &mut wtx.tx,
            actor,
            "user.second_factor_off",
            &format!("user-id:{user_id}"),
            serde_json::json!({}),
        )
        .await?;
        wtx.commit().await
    }

    /// Ends every web session of the account but `keep` (the one that turned a second factor on:
    /// others were signed in with the password alone).
    pub async fn end_sessions_of(&self, user_id: i64, keep: Option<i64>) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id <> $2")
            .bind(user_id)
            .bind(keep.unwrap_or(-1))
            .execute(&mut *wtx.tx)
            .await?;
        wtx.commit().await
    }

    /// Records that a code was given in `session_id` now: a pending session becomes a sign-in,
    /// and a signed-in one counts as freshly confirmed.
    pub async fn second_factor_given(
        &self,
        session_id: i64,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let now = now_millis();
        // A session that was waiting for its code becomes a sign-in, with a sign-in's lifetime.
        sqlx::query(
            "UPDATE sessions SET expires_at = CASE WHEN second_factor_pending THEN $1 ELSE expires_at END, \
             second_factor_pending = $2, second_factor_at = $3 WHERE id = $4",
        )
        .bind(now + crate::accounts::SESSION_TTL_MS)
        .bind(false)
        .bind(now)
        .bind(session_id)
        .execute(&mut *wtx.tx)
        .await?;
        record(
            &mut wtx.tx,
            actor,
            "session.second_factor",
            &format!("session:{session_id}"),
            serde_json::json!({}),
        )
        .await?;
        wtx.commit().await
    }
}
