//! Single sign-on's rows: sign-ins in progress (state, nonce, PKCE verifier; used once) and the
//! link between a provider's subject and an account.

use crate::audit::{record, Actor};
use crate::tokens::hash_token;
use crate::users::{user_from_row, validate_email, validate_login, USER_COLUMNS};
use crate::{now_millis, Db, StoreError, UserRecord};
use sqlx::Row;

/// A sign-in in progress, as it was started.
#[derive(Debug, Clone)]
pub struct SsoFlow {
    pub nonce: String,
    pub verifier: String,
    /// Where the visitor goes once signed in.
    pub next: String,
}

/// Who a first sign-in through the provider becomes.
#[derive(Debug, Clone)]
pub struct NewSsoAccount {
    pub issuer: String,
    pub subject: String,
    /// Logins to try in turn (the provider's user name, then numbered forms of it).
    pub logins: Vec<String>,
    pub email: String,
    pub email_verified: bool,
}

impl Db {
    /// Remembers a sign-in in progress until `expires_at`.
    pub async fn start_sso_flow(
        &self,
        state: &str,
        flow: &SsoFlow,
        expires_at: i64,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        // Abandoned sign-ins are no use to anyone.
        sqlx::query("DELETE FROM sso_flows WHERE expires_at < $1")
            .bind(now_millis())
            .execute(&mut *wtx.tx)
            .await?;
        sqlx::query(
            "INSERT INTO sso_flows (state_hash, nonce, verifier, next, expires_at) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(hash_token(state))
        .bind(&flow.nonce)
        .bind(&flow.verifier)
        .bind(&flow.next)
        .bind(expires_at)
        .execute(&mut *wtx.tx)
        .await?;
        wtx.commit().await
    }

    /// Takes the sign-in started with `state`, if it is live: it is gone afterwards, so a state
    /// works once.
    pub async fn take_sso_flow(&self, state: &str) -> Result<Option<SsoFlow>, StoreError> {
        let mut wtx = self.begin_write().await?;
        let row = sqlx::query(
            "DELETE FROM sso_flows WHERE state_hash = $1 AND expires_at > $2 RETURNING nonce, verifier, next",
        )
        .bind(hash_token(state))
        .bind(now_millis())
        .fetch_optional(&mut *wtx.tx)
        .await?;
        wtx.commit().await?;
        Ok(match row {
            Some(row) => Some(SsoFlow {
                nonce: row.try_get("nonce")?,
                verifier: row.try_get("verifier")?,
                next: row.try_get("next")?,
            }),
            None => None,
        })
    }

    /// The account linked to the provider's subject.
    pub async fn user_by_identity(
        &self,
        issuer: &str,
        subject: &str,
    ) -> Result<Option<UserRecord>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM user_identities i JOIN users ON users.id = i.user_id \
             WHERE i.issuer = $1 AND i.subject = $2"
        ))
        .bind(issuer)
        .bind(subject)
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(user_from_row).transpose()?)
    }

    /// Creates the account of a first sign-in and links it, in one transaction: the first of
    /// `logins` that is free and valid becomes its name.
    pub async fn create_sso_account(
        &self,
        new: &NewSsoAccount,
        actor: &Actor,
    ) -> Result<UserRecord, StoreError> {
        validate_email(&new.email)?;
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let mut created = None;
        for login in new.logins.iter().filter(|l| validate_login(l).is_ok()) {
            let taken = sqlx::query("SELECT 1 AS one FROM users WHERE login_canonical = $1")
                .bind(crate::users::login_canonical(login))
                .fetch_optional(&mut *wtx.tx)
                .await?
                .is_some();
            if taken {
                continue;
            }
            let id: i64 = sqlx::query(
                "INSERT INTO users (login, login_canonical, email, is_admin, email_verified, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            )
            .bind(login)
            .bind(crate::users::login_canonical(login))
            .bind(&new.email)
            .bind(false)
            .bind(new.email_verified)
            .bind(now)
            .fetch_one(&mut *wtx.tx)
            .await?
            .try_get("id")?;
            created = Some((id, login.clone()));
            break;
        }
        let Some((id, login)) = created else {
            return Err(StoreError::Conflict(
                "no free user name could be made from the provider's: ask an administrator to \
                 create the account"
                    .into(),
            ));
        };
        sqlx::query(
            "INSERT INTO user_identities (issuer, subject, user_id, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(&new.issuer)
        .bind(&new.subject)
        .bind(id)
        .bind(now)
        .execute(&mut *wtx.tx)
        .await?;
        record(
            &mut wtx.tx,
            &Actor {
                user_id: Some(id),
                ..actor.clone()
            },
            "user.create_by_sign_on",
            &format!("user:{login}"),
            serde_json::json!({ "issuer": new.issuer, "subject": new.subject }),
        )
        .await?;
        let row = sqlx::query(&format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1"))
            .bind(id)
            .fetch_one(&mut *wtx.tx)
            .await?;
        let user = user_from_row(&row)?;
        wtx.commit().await?;
        Ok(user)
    }
}
