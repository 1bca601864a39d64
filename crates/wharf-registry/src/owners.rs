//! Ownership: inviting and removing owners, answering invitations.
//!
//! Adding a user writes an invitation, never an owner: ownership moves only with the new owner's
//! consent. A team is added directly by one of its members, since its rights are a subset of theirs.

use crate::{Principal, Registry, RegistryError, RegistryResult};
use wharf_store::{Actor, Scope, TeamManager, TEAM_PREFIX};

/// What an owner change did: the logins (`team:NAME` for teams) that were invited, added or
/// removed. Logins that already owned the crate (or were already invited) are left out.
#[derive(Debug, Clone, Default)]
pub struct OwnersChanged {
    pub users: Vec<String>,
    pub teams: Vec<String>,
}

impl OwnersChanged {
    pub fn is_empty(&self) -> bool {
        self.users.is_empty() && self.teams.is_empty()
    }
}

impl Registry {
    /// Invites (`add`) or removes owners of a crate, for one of its user owners.
    pub async fn change_owners(
        &self,
        principal: &Principal,
        crate_name: &str,
        logins: &[String],
        add: bool,
    ) -> RegistryResult<OwnersChanged> {
        principal.require_scope(Scope::ChangeOwners)?;
        principal.require_crate(crate_name)?;
        self.require_owner_second_factor(principal)?;
        if logins.is_empty() {
            return Err(RegistryError::Invalid("name at least one user".into()));
        }
        let changed = self
            .db
            .change_owners(
                crate_name,
                logins,
                add,
                principal.user.id,
                self.config.invitation_ttl.as_millis() as i64,
                &principal.actor,
            )
            .await?;
        let (teams, users) = changed
            .into_iter()
            .partition(|login| login.starts_with(TEAM_PREFIX));
        Ok(OwnersChanged { users, teams })
    }

    /// Accepts or declines the invitation to own the crate `crate_id`. Returns the crate's name.
    /// A token limited to other crates answers for none: taking on a crate is acting on it.
    pub async fn answer_invitation(
        &self,
        principal: &Principal,
        crate_id: i64,
        accept: bool,
    ) -> RegistryResult<String> {
        let krate = self.db.crate_by_id(crate_id).await?.ok_or_else(|| {
            RegistryError::NotFound(format!(
                "you have no invitation to own the crate with id {crate_id}"
            ))
        })?;
        principal.require_crate(&krate.name)?;
        Ok(self
            .db
            .answer_invitation(principal.user.id, crate_id, accept, &principal.actor)
            .await?)
    }

    /// Accepts an invitation through the one-time link its e-mail carries: the link is the proof,
    /// so nobody needs to be signed in. Returns the crate's id and name.
    pub async fn accept_invitation_by_token(
        &self,
        token: &str,
        actor: &Actor,
    ) -> RegistryResult<(i64, String)> {
        Ok(self.db.accept_invitation_by_token(token, actor).await?)
    }
}

impl Registry {
    /// Adds or removes members of a team (or changes whether they maintain it), for one of its
    /// maintainers. Membership decides who may publish the team's crates, so it takes the same
    /// scope as changing a crate's owners. Returns the logins whose membership changed.
    pub async fn change_team_members(
        &self,
        principal: &Principal,
        team: &str,
        logins: &[String],
        add: bool,
        maintainer: bool,
    ) -> RegistryResult<Vec<String>> {
        principal.require_scope(Scope::ChangeOwners)?;
        self.require_owner_second_factor(principal)?;
        principal.require_every_crate()?;
        if logins.is_empty() {
            return Err(RegistryError::Invalid("name at least one user".into()));
        }
        Ok(self
            .db
            .change_team_members(
                team,
                logins,
                add,
                maintainer,
                TeamManager::User(principal.user.id),
                &principal.actor,
            )
            .await?)
    }
}
