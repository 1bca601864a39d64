//! Owner invitations: the consent half of an ownership change. An owner invites; only the invitee's
//! acceptance makes them an owner, and an invitation that was not answered in time is gone.

use crate::audit::{record, Actor};
use crate::crates::{login_of, record_former_owner, FormerOwner};
use crate::outbox::{notify_owners, Notification};
use crate::{now_millis, Db, StoreError};
use sqlx::Row;
use wharf_policy::access::may_answer_invitation;

/// An open invitation, as the invitee sees it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Invitation {
    pub crate_id: i64,
    pub crate_name: String,
    pub invitee_id: i64,
    pub inviter_id: i64,
    pub inviter_login: String,
    pub created_at: i64,
    pub expires_at: i64,
}

impl Db {
    /// The user's invitations that can still be answered, oldest first.
    pub async fn invitations_for(&self, user_id: i64) -> Result<Vec<Invitation>, StoreError> {
        let rows = sqlx::query(
            "SELECT i.crate_id, c.name AS crate_name, i.invitee_id, i.inviter_id, u.login AS inviter_login, \
             i.created_at, i.expires_at FROM crate_owner_invitations i \
             JOIN crates c ON c.id = i.crate_id JOIN users u ON u.id = i.inviter_id \
             WHERE i.invitee_id = $1 AND i.expires_at > $2 ORDER BY i.created_at",
        )
        .bind(user_id)
        .bind(now_millis())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(Invitation {
                    crate_id: r.try_get("crate_id")?,
                    crate_name: r.try_get("crate_name")?,
                    invitee_id: r.try_get("invitee_id")?,
                    inviter_id: r.try_get("inviter_id")?,
                    inviter_login: r.try_get("inviter_login")?,
                    created_at: r.try_get("created_at")?,
                    expires_at: r.try_get("expires_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Accepts or declines the user's invitation to own a crate. Accepting makes them an owner;
    /// either way the invitation is used up. An expired invitation is `Gone`.
    pub async fn answer_invitation(
        &self,
        user_id: i64,
        crate_id: i64,
        accept: bool,
        actor: &Actor,
    ) -> Result<String, StoreError> {
        let mut wtx = self.begin_write().await?;
        let crate_name = answer(&mut wtx.tx, crate_id, user_id, accept, actor).await?;
        wtx.commit().await?;
        Ok(crate_name)
    }

    /// Accepts the invitation the one-time token in its e-mail stands for, whoever presents it: the
    /// token is the invitee's proof. Returns the crate's id and name.
    pub async fn accept_invitation_by_token(
        &self,
        token: &str,
        actor: &Actor,
    ) -> Result<(i64, String), StoreError> {
        let mut wtx = self.begin_write().await?;
        let row = sqlx::query(
            "SELECT crate_id, invitee_id FROM crate_owner_invitations WHERE token_hash = $1",
        )
        .bind(crate::hash_token(token))
        .fetch_optional(&mut *wtx.tx)
        .await?
        .ok_or_else(|| {
            StoreError::NotFound(
                "this invitation link is not valid: it was used already, or replaced by a newer invitation"
                    .into(),
            )
        })?;
        let crate_id: i64 = row.try_get("crate_id")?;
        let invitee_id: i64 = row.try_get("invitee_id")?;
        // The link proves who the invitee is, not that their account may act: a suspended or
        // terminated account takes on no crate, whichever way it would accept.
        let invitee = crate::accounts::user_in(&mut wtx.tx, invitee_id).await?;
        if invitee.is_barred(now_millis()) {
            return Err(StoreError::Forbidden(
                "the invited account is suspended or closed, so it cannot accept the invitation"
                    .into(),
            ));
        }
        let actor = actor.or_user(invitee_id);
        let crate_name = answer(&mut wtx.tx, crate_id, invitee_id, true, &actor).await?;
        wtx.commit().await?;
        Ok((crate_id, crate_name))
    }
}

async fn answer(
    conn: &mut sqlx::AnyConnection,
    crate_id: i64,
    user_id: i64,
    accept: bool,
    actor: &Actor,
) -> Result<String, StoreError> {
    let row = sqlx::query(
        "SELECT i.expires_at, i.inviter_id, i.replaces_owners, c.name FROM crate_owner_invitations i \
         JOIN crates c ON c.id = i.crate_id WHERE i.crate_id = $1 AND i.invitee_id = $2",
    )
    .bind(crate_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| {
        StoreError::NotFound(format!(
            "you have no invitation to own the crate with id {crate_id}"
        ))
    })?;
    let crate_name: String = row.try_get("name")?;
    may_answer_invitation(row.try_get("expires_at")?, now_millis(), &crate_name)?;
    sqlx::query("DELETE FROM crate_owner_invitations WHERE crate_id = $1 AND invitee_id = $2")
        .bind(crate_id)
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    if accept {
        if crate::flag(&row, "replaces_owners")? {
            // A squatted name a moderator reassigned: the new owner takes it alone; the old owners
            // stay on record.
            let users: Vec<i64> = sqlx::query(
                "SELECT user_id FROM crate_owners WHERE crate_id = $1 AND user_id <> $2",
            )
            .bind(crate_id)
            .bind(user_id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("user_id"))
            .collect::<Result<_, _>>()?;
            for owner in users {
                record_former_owner(conn, crate_id, FormerOwner::User(owner), Some(user_id))
                    .await?;
            }
            let teams: Vec<i64> =
                sqlx::query("SELECT team_id FROM crate_team_owners WHERE crate_id = $1")
                    .bind(crate_id)
                    .fetch_all(&mut *conn)
                    .await?
                    .iter()
                    .map(|r| r.try_get("team_id"))
                    .collect::<Result<_, _>>()?;
            for team in teams {
                record_former_owner(conn, crate_id, FormerOwner::Team(team), Some(user_id)).await?;
            }
        }
        sqlx::query(
            "INSERT INTO crate_owners (crate_id, user_id, created_at, created_by) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (crate_id, user_id) DO NOTHING",
        )
        .bind(crate_id)
        .bind(user_id)
        .bind(now_millis())
        .bind(row.try_get::<i64, _>("inviter_id")?)
        .execute(&mut *conn)
        .await?;
        let login = login_of(conn, user_id).await?.unwrap_or_default();
        notify_owners(
            conn,
            crate_id,
            &Notification::OwnersChanged {
                crate_name: crate_name.clone(),
                owner: login.clone(),
                added: true,
                by: Some(login),
            },
        )
        .await?;
    }
    record(
        conn,
        actor,
        if accept {
            "owner.accept"
        } else {
            "owner.decline"
        },
        &format!("crate:{crate_name}"),
        serde_json::json!({ "user_id": user_id }),
    )
    .await?;
    Ok(crate_name)
}
