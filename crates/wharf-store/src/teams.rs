//! Local teams: named groups of users that can own crates.
//!
//! A team owner may publish and yank, never change owners or delete: those stay with the crate's user
//! owners, so a team membership cannot be used to take a crate away from the people who own it.
//! Maintainers manage a team's members; a team always keeps at least one maintainer.

use crate::audit::{record, Actor};
use crate::users::{existing_user, user_from_row, validate_login, UserRecord, USER_COLUMNS};
use crate::{now_millis, Db, StoreError};
use sqlx::{AnyConnection, Row};
use wharf_policy::access::{keeps_a_maintainer, may_manage_team, TeamRole};

/// The prefix that marks a team where cargo and the API expect a login: `team:NAME`.
pub const TEAM_PREFIX: &str = "team:";

#[derive(Debug, Clone, serde::Serialize)]
pub struct TeamRecord {
    pub id: i64,
    pub name: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct TeamMember {
    pub user: UserRecord,
    pub maintainer: bool,
    pub added_at: i64,
}

/// Who asks to change a team's members: an operator at the command line may do anything; a user
/// must be one of the team's maintainers.
#[derive(Debug, Clone, Copy)]
pub enum TeamManager {
    Operator,
    User(i64),
}

fn team_canonical(name: &str) -> String {
    name.to_ascii_lowercase()
}

pub(crate) async fn find_team(
    conn: &mut AnyConnection,
    name: &str,
) -> Result<Option<TeamRecord>, StoreError> {
    let row = sqlx::query("SELECT id, name, created_at FROM teams WHERE name_canonical = $1")
        .bind(team_canonical(name))
        .fetch_optional(&mut *conn)
        .await?;
    Ok(match row {
        Some(row) => Some(TeamRecord {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            created_at: row.try_get("created_at")?,
        }),
        None => None,
    })
}

/// Whether the user is in the team, and if so whether as a maintainer.
pub(crate) async fn membership(
    conn: &mut AnyConnection,
    team_id: i64,
    user_id: i64,
) -> Result<Option<bool>, StoreError> {
    let row =
        sqlx::query("SELECT maintainer FROM team_members WHERE team_id = $1 AND user_id = $2")
            .bind(team_id)
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?;
    Ok(match row {
        Some(row) => Some(crate::flag(&row, "maintainer")?),
        None => None,
    })
}

impl Db {
    /// Creates a team with its first maintainer.
    pub async fn create_team(
        &self,
        name: &str,
        maintainer_id: i64,
        actor: &Actor,
    ) -> Result<TeamRecord, StoreError> {
        // Team names follow the login rule, so `team:NAME` is unambiguous wherever a login may go.
        validate_login(name)?;
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let inserted = sqlx::query(
            "INSERT INTO teams (name, name_canonical, created_by, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
        )
        .bind(name)
        .bind(team_canonical(name))
        .bind(actor.user_id)
        .bind(now)
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::from);
        let id: i64 = match inserted {
            Ok(row) => row.try_get("id")?,
            Err(e) if e.is_unique_violation() => {
                return Err(StoreError::Conflict(format!(
                    "the team `{name}` already exists"
                )))
            }
            Err(e) => return Err(e),
        };
        sqlx::query(
            "INSERT INTO team_members (team_id, user_id, maintainer, added_at, added_by) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(id)
        .bind(maintainer_id)
        .bind(true)
        .bind(now)
        .bind(actor.user_id)
        .execute(&mut *conn)
        .await?;
        record(
            conn,
            actor,
            "team.create",
            &format!("team:{name}"),
            serde_json::json!({ "maintainer_id": maintainer_id }),
        )
        .await?;
        wtx.commit().await?;
        Ok(TeamRecord {
            id,
            name: name.to_string(),
            created_at: now,
        })
    }

    pub async fn team_by_name(&self, name: &str) -> Result<Option<TeamRecord>, StoreError> {
        let mut conn = self.pool().acquire().await?;
        find_team(&mut conn, name).await
    }

    pub async fn teams(&self) -> Result<Vec<TeamRecord>, StoreError> {
        let rows = sqlx::query("SELECT id, name, created_at FROM teams ORDER BY name_canonical")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|row| {
                Ok(TeamRecord {
                    id: row.try_get("id")?,
                    name: row.try_get("name")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    pub async fn team_members(&self, team_id: i64) -> Result<Vec<TeamMember>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, team_members.maintainer, team_members.added_at FROM team_members \
             JOIN users ON users.id = team_members.user_id WHERE team_members.team_id = $1 \
             ORDER BY users.login_canonical"
        ))
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(TeamMember {
                    user: user_from_row(row)?,
                    maintainer: crate::flag(row, "maintainer")?,
                    added_at: row.try_get("added_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Adds members (as maintainers when `maintainer`; an existing member's role is updated) or
    /// removes them. Returns the logins whose membership changed. A team keeps at least one maintainer.
    pub async fn change_team_members(
        &self,
        team_name: &str,
        logins: &[String],
        add: bool,
        maintainer: bool,
        manager: TeamManager,
        actor: &Actor,
    ) -> Result<Vec<String>, StoreError> {
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let team = find_team(conn, team_name)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("there is no team `{team_name}`")))?;
        if let TeamManager::User(user_id) = manager {
            may_manage_team(
                TeamRole::of(membership(conn, team.id, user_id).await?),
                &team.name,
            )?;
        }
        let now = now_millis();
        let mut changed = Vec::new();
        for login in logins {
            let user = existing_user(conn, login).await?;
            let current = membership(conn, team.id, user.id).await?;
            let action = match (add, current) {
                (true, None) => {
                    sqlx::query(
                        "INSERT INTO team_members (team_id, user_id, maintainer, added_at, added_by) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(team.id)
                    .bind(user.id)
                    .bind(maintainer)
                    .bind(now)
                    .bind(actor.user_id)
                    .execute(&mut *conn)
                    .await?;
                    "team.member.add"
                }
                (true, Some(was)) if was != maintainer => {
                    sqlx::query(
                        "UPDATE team_members SET maintainer = $1 WHERE team_id = $2 AND user_id = $3",
                    )
                    .bind(maintainer)
                    .bind(team.id)
                    .bind(user.id)
                    .execute(&mut *conn)
                    .await?;
                    "team.member.role"
                }
                (false, Some(_)) => {
                    sqlx::query("DELETE FROM team_members WHERE team_id = $1 AND user_id = $2")
                        .bind(team.id)
                        .bind(user.id)
                        .execute(&mut *conn)
                        .await?;
                    "team.member.remove"
                }
                _ => continue,
            };
            record(
                conn,
                actor,
                action,
                &format!("team:{}", team.name),
                serde_json::json!({ "user": user.login, "maintainer": maintainer }),
            )
            .await?;
            changed.push(user.login);
        }
        let maintainers: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM team_members WHERE team_id = $1 AND maintainer = $2",
        )
        .bind(team.id)
        .bind(true)
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
        keeps_a_maintainer(maintainers, &team.name)?;
        wtx.commit().await?;
        Ok(changed)
    }
}
