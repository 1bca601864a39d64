//! People and teams: crate owners, user accounts, teams and owner invitations.

use serde::Serialize;
use utoipa::ToSchema;
use wharf_store::{rfc3339, Invitation, TeamMember, TeamRecord, UserRecord, TEAM_PREFIX};

/// Whether an owner is a person or a team; crates.io's clients tell them apart by this.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum OwnerKind {
    User,
    Team,
}

/// A user or a team, as crates.io shows an owner (and as Wharf shows any account publicly).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableOwner {
    pub id: i64,
    /// A user's login, or `team:NAME` for a team, as `cargo owner` takes it.
    pub login: String,
    pub name: Option<String>,
    /// Wharf keeps no avatars.
    pub avatar: Option<String>,
    /// The account's page on the web site.
    pub url: String,
    pub kind: OwnerKind,
}

impl EncodableOwner {
    pub fn user(user: &UserRecord, public_url: &str) -> EncodableOwner {
        EncodableOwner {
            id: user.id,
            login: user.login.clone(),
            name: user.name.clone(),
            avatar: None,
            url: format!("{public_url}/users/{}", user.login),
            kind: OwnerKind::User,
        }
    }

    pub fn team(team: &TeamRecord, public_url: &str) -> EncodableOwner {
        EncodableOwner {
            id: team.id,
            login: format!("{TEAM_PREFIX}{}", team.name),
            name: Some(team.name.clone()),
            avatar: None,
            url: format!("{public_url}/teams/{}", team.name),
            kind: OwnerKind::Team,
        }
    }
}

/// `GET /api/v1/crates/{name}/owners` (users then teams) and `…/owner_user` (users only).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OwnersResponse {
    pub users: Vec<EncodableOwner>,
}

/// `GET /api/v1/crates/{name}/owner_team`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TeamOwnersResponse {
    pub teams: Vec<EncodableOwner>,
}

/// `GET /api/v1/users/{login}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct UserResponse {
    pub user: EncodableOwner,
}

/// The caller's own account: the public fields and what only they may see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodablePrivateUser {
    #[serde(flatten)]
    pub public: EncodableOwner,
    pub email: String,
    pub email_verified: bool,
    pub is_admin: bool,
}

impl EncodablePrivateUser {
    pub fn new(user: &UserRecord, public_url: &str) -> EncodablePrivateUser {
        EncodablePrivateUser {
            public: EncodableOwner::user(user, public_url),
            email: user.email.clone(),
            email_verified: user.email_verified,
            is_admin: user.is_admin,
        }
    }
}

/// `GET /api/v1/me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct MeResponse {
    pub user: EncodablePrivateUser,
}

/// A team with its members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableTeam {
    #[serde(flatten)]
    pub team: EncodableOwner,
    pub members: Vec<EncodableTeamMember>,
}

impl EncodableTeam {
    pub fn new(team: &TeamRecord, members: &[TeamMember], public_url: &str) -> EncodableTeam {
        EncodableTeam {
            team: EncodableOwner::team(team, public_url),
            members: members
                .iter()
                .map(|member| EncodableTeamMember {
                    user: EncodableOwner::user(&member.user, public_url),
                    maintainer: member.maintainer,
                })
                .collect(),
        }
    }
}

/// A member of a team; maintainers may change the members.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableTeamMember {
    #[serde(flatten)]
    pub user: EncodableOwner,
    pub maintainer: bool,
}

/// `GET /api/v1/teams/{name}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TeamResponse {
    pub team: EncodableTeam,
}

/// An invitation to own a crate, waiting for the invitee's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableCrateOwnerInvitation {
    pub crate_id: i64,
    pub crate_name: String,
    pub invitee_id: i64,
    pub inviter_id: i64,
    pub invited_by_username: String,
    pub created_at: String,
    pub expires_at: String,
}

impl From<&Invitation> for EncodableCrateOwnerInvitation {
    fn from(invitation: &Invitation) -> EncodableCrateOwnerInvitation {
        EncodableCrateOwnerInvitation {
            crate_id: invitation.crate_id,
            crate_name: invitation.crate_name.clone(),
            invitee_id: invitation.invitee_id,
            inviter_id: invitation.inviter_id,
            invited_by_username: invitation.inviter_login.clone(),
            created_at: rfc3339(invitation.created_at),
            expires_at: rfc3339(invitation.expires_at),
        }
    }
}

/// `GET /api/v1/me/crate_owner_invitations`: the invitations and the users who sent them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct InvitationsResponse {
    pub crate_owner_invitations: Vec<EncodableCrateOwnerInvitation>,
    pub users: Vec<EncodableOwner>,
}

/// How an invitation was answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct InvitationDecision {
    pub crate_id: i64,
    pub accepted: bool,
}

/// `PUT /api/v1/me/crate_owner_invitations/{crate_id}` and `…/accept/{token}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, ToSchema)]
pub struct InvitationAnswerResponse {
    pub crate_owner_invitation: InvitationDecision,
}

impl InvitationAnswerResponse {
    pub fn new(crate_id: i64, accepted: bool) -> InvitationAnswerResponse {
        InvitationAnswerResponse {
            crate_owner_invitation: InvitationDecision { crate_id, accepted },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const URL: &str = "https://wharf.example";

    fn alice() -> UserRecord {
        UserRecord {
            id: 1,
            login: "alice".into(),
            email: "alice@example.org".into(),
            name: Some("Alice".into()),
            is_admin: false,
            email_verified: true,
            created_at: 0,
            is_moderator: false,
            trusted_reporter: false,
            suspension: None,
            terminated_at: None,
            second_factor: false,
        }
    }

    fn crew() -> TeamRecord {
        TeamRecord {
            id: 3,
            name: "crew".into(),
            created_at: 0,
        }
    }

    #[test]
    fn users_and_teams_are_owners_told_apart_by_kind() {
        assert_eq!(
            serde_json::to_value(OwnersResponse {
                users: vec![
                    EncodableOwner::user(&alice(), URL),
                    EncodableOwner::team(&crew(), URL)
                ],
            })
            .unwrap(),
            json!({ "users": [
                { "id": 1, "login": "alice", "name": "Alice", "avatar": null,
                  "url": "https://wharf.example/users/alice", "kind": "user" },
                { "id": 3, "login": "team:crew", "name": "crew", "avatar": null,
                  "url": "https://wharf.example/teams/crew", "kind": "team" },
            ]})
        );
    }

    #[test]
    fn the_private_user_adds_email_and_role_to_the_public_fields() {
        let encoded = serde_json::to_value(EncodablePrivateUser::new(&alice(), URL)).unwrap();
        assert_eq!(
            encoded,
            json!({
                "id": 1, "login": "alice", "name": "Alice", "avatar": null,
                "url": "https://wharf.example/users/alice", "kind": "user",
                "email": "alice@example.org", "email_verified": true, "is_admin": false,
            })
        );
    }

    #[test]
    fn a_team_lists_its_members_with_their_role() {
        let members = [TeamMember {
            user: alice(),
            maintainer: true,
            added_at: 0,
        }];
        let encoded = serde_json::to_value(TeamResponse {
            team: EncodableTeam::new(&crew(), &members, URL),
        })
        .unwrap();
        assert_eq!(encoded["team"]["login"], "team:crew");
        assert_eq!(encoded["team"]["kind"], "team");
        assert_eq!(encoded["team"]["members"][0]["login"], "alice");
        assert_eq!(encoded["team"]["members"][0]["maintainer"], true);
        assert_eq!(encoded["team"]["members"][0]["kind"], "user");
    }

    #[test]
    fn invitations_carry_times_in_rfc3339() {
        let invitation = Invitation {
            crate_id: 7,
            crate_name: "shape-check".into(),
            invitee_id: 2,
            inviter_id: 1,
            inviter_login: "alice".into(),
            created_at: 0,
            expires_at: 86_400_000,
        };
        assert_eq!(
            serde_json::to_value(EncodableCrateOwnerInvitation::from(&invitation)).unwrap(),
            json!({
                "crate_id": 7, "crate_name": "shape-check", "invitee_id": 2, "inviter_id": 1,
                "invited_by_username": "alice",
                "created_at": "1970-01-01T00:00:00Z", "expires_at": "1970-01-02T00:00:00Z",
            })
        );
        assert_eq!(
            serde_json::to_value(InvitationAnswerResponse::new(7, false)).unwrap(),
            json!({ "crate_owner_invitation": { "crate_id": 7, "accepted": false } })
        );
    }
}
