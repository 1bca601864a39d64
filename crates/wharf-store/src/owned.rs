//! What an owner's settings pages read about the crates they manage: every crate they own in
//! their own name (held ones too, unlike the public listings, because the owner still answers for
//! them), and the owner invitations still open on a crate.

use crate::crates::{crate_from_row, CRATE_COLUMNS};
use crate::{now_millis, CrateRecord, Db, StoreError};
use sqlx::Row;

/// A crate its user owner manages.
#[derive(Debug, Clone)]
pub struct OwnedCrate {
    pub krate: CrateRecord,
    /// A moderator holds it: it is off the listings and its versions are not served.
    pub held: bool,
}

/// An invitation to own a crate that its invitee has not answered yet, as the crate's owners see
/// it.
#[derive(Debug, Clone)]
pub struct OpenInvitation {
    pub invitee_login: String,
    pub inviter_login: String,
    pub created_at: i64,
    pub expires_at: i64,
}

impl Db {
    /// Every crate the user owns in their own name (not through a team), by name.
    pub async fn crates_managed_by(&self, user_id: i64) -> Result<Vec<OwnedCrate>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CRATE_COLUMNS}, crates.held_at FROM crates \
             JOIN crate_owners ON crate_owners.crate_id = crates.id \
             WHERE crate_owners.user_id = $1 ORDER BY crates.canonical_name"
        ))
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OwnedCrate {
                    krate: crate_from_row(row)?,
                    held: row.try_get::<Option<i64>, _>("held_at")?.is_some(),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// The invitations to own a crate that can still be answered, oldest first.
    pub async fn open_invitations_of_crate(
        &self,
        crate_id: i64,
    ) -> Result<Vec<OpenInvitation>, StoreError> {
        let rows = sqlx::query(
            "SELECT invitee.login AS invitee_login, inviter.login AS inviter_login, i.created_at, \
             i.expires_at FROM crate_owner_invitations i \
             JOIN users invitee ON invitee.id = i.invitee_id \
             JOIN users inviter ON inviter.id = i.inviter_id \
             WHERE i.crate_id = $1 AND i.expires_at > $2 ORDER BY i.created_at, invitee.login",
        )
        .bind(crate_id)
        .bind(now_millis())
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OpenInvitation {
                    invitee_login: row.try_get("invitee_login")?,
                    inviter_login: row.try_get("inviter_login")?,
                    created_at: row.try_get("created_at")?,
                    expires_at: row.try_get("expires_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }
}
