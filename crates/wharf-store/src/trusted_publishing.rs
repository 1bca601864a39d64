//! Trusted publishing's rows: the configurations owners make, the exchange of a CI job's verified
//! claims for a short-lived publish token, and the look-up of that token when it publishes.
//!
//! The store reads the facts (`ConfigFacts`), the policy decides
//! (`wharf_policy::trusted_publishing::decide_exchange`), and the store writes what the decision
//! granted, all in one transaction with the JWT id's single use.

use crate::audit::{record, Actor};
use crate::crates::{canonical, standing};
use crate::tokens::hash_token;
use crate::users::{user_from_row, USER_COLUMNS};
use crate::{now_millis, Db, StoreError, UserRecord};
use rand::distr::{Alphanumeric, SampleString};
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use wharf_policy::access::may_change_owners;
use wharf_policy::trusted_publishing::{
    ConfigFacts, ConfigSpec, Grant, JobClaims, Provider, JTI_KEPT_AFTER_EXPIRY_MS,
    MAX_CONFIGS_PER_CRATE, TOKEN_LIFETIME_MS,
};

/// Trusted-publishing tokens start with this: `wharf_` like every Wharf secret (so secret scanners
/// find them), then `tp_` so the registry knows which table to look in.
pub const TRUSTED_TOKEN_PREFIX: &str = "wharf_tp_";

/// A configuration as owners see it.
#[derive(Debug, Clone, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TrustedConfig {
    pub id: i64,
    pub crate_name: String,
    pub provider: String,
    pub owner: String,
    pub project: String,
    pub workflow: String,
    pub environment: Option<String>,
    /// The owner's or namespace's numeric id, once a job pinned it.
    pub owner_id: Option<String>,
    pub created_by: String,
    pub created_at: i64,
}

/// What a trusted-publishing token may do for one crate: publish it in `user`'s name.
#[derive(Debug, Clone)]
pub struct TrustedGrant {
    pub token_id: i64,
    pub user: UserRecord,
    pub expires_at: i64,
    /// The job's claims that matched, as JSON.
    pub claims: String,
}

/// What a trusted-publishing secret turned out to be, for a crate.
#[derive(Debug, Clone)]
pub enum TrustedLookup {
    /// No live token has this secret: unknown, expired or revoked.
    Invalid,
    /// A live token, for other crates.
    OtherCrates(Vec<String>),
    Granted(TrustedGrant),
}

const CONFIG_COLUMNS: &str = "c.id, crates.name AS crate_name, c.crate_id, c.provider, c.owner, \
     c.project, c.workflow, c.environment, c.owner_id, c.created_by, c.created_at, \
     users.login AS creator_login";

fn config_from_row(row: &AnyRow) -> Result<TrustedConfig, sqlx::Error> {
    Ok(TrustedConfig {
        id: row.try_get("id")?,
        crate_name: row.try_get("crate_name")?,
        provider: row.try_get("provider")?,
        owner: row.try_get("owner")?,
        project: row.try_get("project")?,
        workflow: row.try_get("workflow")?,
        environment: row.try_get("environment")?,
        owner_id: row.try_get("owner_id")?,
        created_by: row.try_get("creator_login")?,
        created_at: row.try_get("created_at")?,
    })
}

/// How a repository is looked up: `owner/project`, ASCII letters in lower case (GitHub and GitLab
/// names are case-insensitive, and configurations hold ASCII only).
fn repository_key(owner: &str, project: &str) -> String {
    format!("{owner}/{project}").to_ascii_lowercase()
}

/// A configuration in words, for the owners' e-mail.
fn describe(provider: &str, owner: &str, project: &str, workflow: &str) -> String {
    match provider {
        "github" => {
            format!("The GitHub Actions workflow {owner}/{project}/.github/workflows/{workflow}")
        }
        _ => format!("The GitLab CI file {workflow} of {owner}/{project}"),
    }
}

/// Queues the crate's owners an e-mail saying `workflow` was allowed (or no longer allowed) to
/// publish it, and by whom.
async fn tell_owners(
    conn: &mut AnyConnection,
    crate_id: i64,
    crate_name: &str,
    workflow: String,
    added: bool,
    actor: &Actor,
) -> Result<(), StoreError> {
    let by = match actor.user_id {
        Some(id) => crate::crates::login_of(conn, id).await?,
        None => None,
    };
    crate::outbox::notify_owners(
        conn,
        crate_id,
        &crate::outbox::Notification::TrustedPublishingChanged {
            crate_name: crate_name.to_string(),
            workflow,
            added,
            by,
        },
    )
    .await
}

fn generate_trusted_token() -> String {
    format!(
        "{TRUSTED_TOKEN_PREFIX}{}",
        Alphanumeric.sample_string(&mut rand::rng(), 32)
    )
}

async fn crate_named(conn: &mut AnyConnection, name: &str) -> Result<(i64, String), StoreError> {
    let row = sqlx::query("SELECT id, name FROM crates WHERE canonical_name = $1")
        .bind(canonical(name))
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("crate `{name}` does not exist")))?;
    Ok((row.try_get("id")?, row.try_get("name")?))
}

impl Db {
    /// The configurations of a crate, of one provider, oldest first.
    pub async fn trusted_publishing_configs(
        &self,
        crate_name: &str,
        provider: Provider,
    ) -> Result<Vec<TrustedConfig>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CONFIG_COLUMNS} FROM trusted_publishing_configs c \
             JOIN crates ON crates.id = c.crate_id JOIN users ON users.id = c.created_by \
             WHERE crates.canonical_name = $1 AND c.provider = $2 ORDER BY c.id"
        ))
        .bind(canonical(crate_name))
        .bind(provider.as_str())
        .fetch_all(self.pool())
        .await?;
        Ok(rows.iter().map(config_from_row).collect::<Result<_, _>>()?)
    }

    /// Adds a configuration, if `user_id` is a user owner of the crate (the same right as
    /// changing its owners: both decide who may publish it) and it has room for another.
    pub async fn add_trusted_publishing_config(
        &self,
        crate_name: &str,
        spec: &ConfigSpec,
        user_id: i64,
        actor: &Actor,
    ) -> Result<TrustedConfig, StoreError> {
        spec.validate().map_err(StoreError::Invalid)?;
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let (crate_id, name) = crate_named(conn, crate_name).await?;
        may_change_owners(standing(conn, crate_id, user_id).await?, &name)
            .map_err(|refusal| StoreError::Forbidden(refusal.message))?;
        // Holds the crate's row until commit (PostgreSQL; SQLite's writer is single already), so
        // two additions at once cannot both see room for one more.
        sqlx::query("UPDATE crates SET updated_at = updated_at WHERE id = $1")
            .bind(crate_id)
            .execute(&mut *conn)
            .await?;
        let count: i64 = sqlx::query(
            "SELECT COUNT(*) AS n FROM trusted_publishing_configs WHERE crate_id = $1 AND provider = $2",
        )
        .bind(crate_id)
        .bind(spec.provider.as_str())
        .fetch_one(&mut *conn)
        .await?
        .try_get("n")?;
        if count >= MAX_CONFIGS_PER_CRATE as i64 {
            return Err(StoreError::Conflict(format!(
                "`{name}` already has {MAX_CONFIGS_PER_CRATE} {} configurations, the most a crate may have",
                spec.provider.as_str()
            )));
        }
        let id: i64 = sqlx::query(
            "INSERT INTO trusted_publishing_configs \
             (crate_id, provider, owner, project, workflow, environment, created_by, created_at, repository) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        )
        .bind(crate_id)
        .bind(spec.provider.as_str())
        .bind(&spec.owner)
        .bind(&spec.project)
        .bind(&spec.workflow)
        .bind(spec.environment.clone())
        .bind(user_id)
        .bind(now_millis())
        .bind(repository_key(&spec.owner, &spec.project))
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?;
        let workflow = describe(
            spec.provider.as_str(),
            &spec.owner,
            &spec.project,
            &spec.workflow,
        );
        tell_owners(conn, crate_id, &name, workflow, true, actor).await?;
        record(
            conn,
            actor,
            "crate.trusted_publishing_add",
            &name,
            serde_json::json!({
                "config_id": id, "provider": spec.provider.as_str(), "owner": spec.owner,
                "project": spec.project, "workflow": spec.workflow, "environment": spec.environment,
            }),
        )
        .await?;
        let row = sqlx::query(&format!(
            "SELECT {CONFIG_COLUMNS} FROM trusted_publishing_configs c \
             JOIN crates ON crates.id = c.crate_id JOIN users ON users.id = c.created_by WHERE c.id = $1"
        ))
        .bind(id)
        .fetch_one(&mut *conn)
        .await?;
        let config = config_from_row(&row)?;
        wtx.commit().await?;
        Ok(config)
    }

    /// The crate configuration `id` of `provider` is for, if it exists.
    pub async fn trusted_publishing_config_crate(
        &self,
        id: i64,
        provider: Provider,
    ) -> Result<Option<String>, StoreError> {
        let row = sqlx::query(
            "SELECT crates.name FROM trusted_publishing_configs c \
             JOIN crates ON crates.id = c.crate_id WHERE c.id = $1 AND c.provider = $2",
        )
        .bind(id)
        .bind(provider.as_str())
        .fetch_optional(self.pool())
        .await?;
        Ok(row.map(|row| row.try_get("name")).transpose()?)
    }

    /// Removes configuration `id` of `provider`, if `user_id` is a user owner of its crate.
    pub async fn remove_trusted_publishing_config(
        &self,
        id: i64,
        provider: Provider,
        user_id: i64,
        actor: &Actor,
    ) -> Result<String, StoreError> {
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let row = sqlx::query(
            "SELECT c.crate_id, crates.name, c.owner, c.project, c.workflow FROM trusted_publishing_configs c \
             JOIN crates ON crates.id = c.crate_id WHERE c.id = $1 AND c.provider = $2",
        )
        .bind(id)
        .bind(provider.as_str())
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| {
            StoreError::NotFound(format!(
                "there is no {} configuration {id}",
                provider.as_str()
            ))
        })?;
        let (crate_id, name): (i64, String) = (row.try_get("crate_id")?, row.try_get("name")?);
        may_change_owners(standing(conn, crate_id, user_id).await?, &name)
            .map_err(|refusal| StoreError::Forbidden(refusal.message))?;
        // Tokens already handed out through it stop publishing at once.
        sqlx::query("DELETE FROM trusted_publishing_grants WHERE config_id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        sqlx::query("DELETE FROM trusted_publishing_configs WHERE id = $1")
            .bind(id)
            .execute(&mut *conn)
            .await?;
        let workflow = describe(
            provider.as_str(),
            &row.try_get::<String, _>("owner")?,
            &row.try_get::<String, _>("project")?,
            &row.try_get::<String, _>("workflow")?,
        );
        tell_owners(conn, crate_id, &name, workflow, false, actor).await?;
        record(
            conn,
            actor,
            "crate.trusted_publishing_remove",
            &name,
            serde_json::json!({ "config_id": id, "provider": provider.as_str() }),
        )
        .await?;
        wtx.commit().await?;
        Ok(name)
    }

    /// Sets whether `crate_name` takes new versions only through trusted publishing.
    pub async fn set_trusted_publishing_only(
        &self,
        crate_name: &str,
        only: bool,
        user_id: i64,
        actor: &Actor,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let (crate_id, name) = crate_named(conn, crate_name).await?;
        may_change_owners(standing(conn, crate_id, user_id).await?, &name)
            .map_err(|refusal| StoreError::Forbidden(refusal.message))?;
        sqlx::query("UPDATE crates SET trusted_publishing_only = $1 WHERE id = $2")
            .bind(only)
            .bind(crate_id)
            .execute(&mut *conn)
            .await?;
        record(
            conn,
            actor,
            "crate.trusted_publishing_only",
            &name,
            serde_json::json!({ "only": only }),
        )
        .await?;
        wtx.commit().await
    }

    /// Whether `crate_name` takes new versions only through trusted publishing.
    pub async fn trusted_publishing_only(&self, crate_name: &str) -> Result<bool, StoreError> {
        let row =
            sqlx::query("SELECT trusted_publishing_only FROM crates WHERE canonical_name = $1")
                .bind(canonical(crate_name))
                .fetch_optional(self.pool())
                .await?;
        match row {
            Some(row) => Ok(crate::flag(&row, "trusted_publishing_only")?),
            None => Ok(false),
        }
    }

    /// Exchanges a job's verified claims for a publish token: records the JWT id (a second use
    /// is refused), reads the configurations of the job's repository, asks `decide`, pins the
    /// owner ids the decision asks to pin, and stores the token and its grants. Returns the secret
    /// and what it grants; nothing is written when anything refuses.
    pub async fn exchange_trusted_publishing(
        &self,
        claims: &JobClaims,
        decide: impl FnOnce(&[ConfigFacts]) -> Result<Vec<Grant>, String>,
        actor: &Actor,
    ) -> Result<(String, Vec<Grant>, i64), StoreError> {
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        // Kept past the JWT's own expiry and the leeway it is judged with, so it cannot come back.
        let used = sqlx::query(
            "INSERT INTO trusted_publishing_used_jtis (jti, expires_at) VALUES ($1, $2)",
        )
        .bind(format!("{}:{}", claims.provider.as_str(), claims.jti))
        .bind(
            claims
                .exp
                .saturating_mul(1000)
                .saturating_add(JTI_KEPT_AFTER_EXPIRY_MS),
        )
        .execute(&mut *conn)
        .await
        .map_err(StoreError::from);
        match used {
            Ok(_) => {}
            Err(e) if e.is_unique_violation() => return Err(StoreError::Invalid(
                "this JWT was exchanged before: each one is used once; ask the CI for a new one"
                    .into(),
            )),
            Err(e) => return Err(e),
        }
        let rows = sqlx::query(&format!(
            "SELECT {CONFIG_COLUMNS} FROM trusted_publishing_configs c \
             JOIN crates ON crates.id = c.crate_id JOIN users ON users.id = c.created_by \
             WHERE c.provider = $1 AND c.repository = $2 ORDER BY c.id"
        ))
        .bind(claims.provider.as_str())
        .bind(repository_key(&claims.owner, &claims.project))
        .fetch_all(&mut *conn)
        .await?;
        let mut facts = Vec::with_capacity(rows.len());
        for row in &rows {
            let config = config_from_row(row)?;
            let crate_id: i64 = row.try_get("crate_id")?;
            let created_by: i64 = row.try_get("created_by")?;
            let creator_owns = standing(conn, crate_id, created_by).await?.may_release();
            facts.push(ConfigFacts {
                id: config.id,
                crate_id,
                crate_name: config.crate_name,
                spec: ConfigSpec {
                    provider: claims.provider,
                    owner: config.owner,
                    project: config.project,
                    workflow: config.workflow,
                    environment: config.environment,
                },
                pinned_owner_id: config.owner_id,
                created_by,
                creator_login: config.created_by,
                creator_owns,
            });
        }
        let grants = decide(&facts).map_err(StoreError::Invalid)?;
        for grant in &grants {
            if let Some(owner_id) = &grant.pin_owner_id {
                let pinned = sqlx::query(
                    "UPDATE trusted_publishing_configs SET owner_id = $1 WHERE id = $2 AND owner_id IS NULL",
                )
                .bind(owner_id)
                .bind(grant.config_id)
                .execute(&mut *conn)
                .await?
                .rows_affected();
                // Another exchange pinned it meanwhile, perhaps to another id: decide again.
                if pinned == 0 {
                    return Err(StoreError::Conflict(
                        "the configuration changed while this JWT was exchanged: try again".into(),
                    ));
                }
            }
        }
        let secret = generate_trusted_token();
        let claims_json = serde_json::to_string(claims).expect("claims serialise");
        let expires_at = now + TOKEN_LIFETIME_MS;
        let token_id: i64 = sqlx::query(
            "INSERT INTO trusted_publishing_tokens (token_hash, provider, claims, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(hash_token(&secret))
        .bind(claims.provider.as_str())
        .bind(&claims_json)
        .bind(now)
        .bind(expires_at)
        .fetch_one(&mut *conn)
        .await?
        .try_get("id")?;
        for grant in &grants {
            sqlx::query(
                "INSERT INTO trusted_publishing_grants (token_id, crate_id, config_id, user_id) \
                 VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING",
            )
            .bind(token_id)
            .bind(grant.crate_id)
            .bind(grant.config_id)
            .bind(grant.user_id)
            .execute(&mut *conn)
            .await?;
        }
        let crates: Vec<&str> = grants.iter().map(|g| g.crate_name.as_str()).collect();
        record(
            conn,
            actor,
            "trusted_publishing.exchange",
            &claims.repository(),
            serde_json::json!({
                "token_id": token_id,
                "crates": crates,
                "config_ids": grants.iter().map(|g| g.config_id).collect::<Vec<_>>(),
                "claims": claims,
                "expires_at": expires_at,
            }),
        )
        .await?;
        // Old JWT ids are no use to anyone once their JWTs expired.
        sqlx::query("DELETE FROM trusted_publishing_used_jtis WHERE expires_at < $1")
            .bind(now)
            .execute(&mut *conn)
            .await?;
        wtx.commit().await?;
        Ok((secret, grants, expires_at))
    }

    /// What the trusted-publishing `secret` may do for `crate_name`.
    pub async fn trusted_publishing_grant(
        &self,
        secret: &str,
        crate_name: &str,
    ) -> Result<TrustedLookup, StoreError> {
        let now = now_millis();
        let token = sqlx::query(
            "SELECT id, claims, expires_at FROM trusted_publishing_tokens \
             WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > $2",
        )
        .bind(hash_token(secret))
        .bind(now)
        .fetch_optional(self.pool())
        .await?;
        let Some(token) = token else {
            return Ok(TrustedLookup::Invalid);
        };
        let token_id: i64 = token.try_get("id")?;
        let granted = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM trusted_publishing_grants g \
             JOIN crates ON crates.id = g.crate_id JOIN users ON users.id = g.user_id \
             WHERE g.token_id = $1 AND crates.canonical_name = $2"
        ))
        .bind(token_id)
        .bind(canonical(crate_name))
        .fetch_optional(self.pool())
        .await?;
        match granted {
            Some(row) => Ok(TrustedLookup::Granted(TrustedGrant {
                token_id,
                user: user_from_row(&row)?,
                expires_at: token.try_get("expires_at")?,
                claims: token.try_get("claims")?,
            })),
            None => {
                let names = sqlx::query(
                    "SELECT crates.name FROM trusted_publishing_grants g \
                     JOIN crates ON crates.id = g.crate_id WHERE g.token_id = $1 ORDER BY crates.name",
                )
                .bind(token_id)
                .fetch_all(self.pool())
                .await?
                .iter()
                .map(|row| row.try_get("name"))
                .collect::<Result<_, _>>()?;
                Ok(TrustedLookup::OtherCrates(names))
            }
        }
    }

    /// Revokes the trusted-publishing token with this secret. Returns whether a live one had it.
    pub async fn revoke_trusted_publishing_token(
        &self,
        secret: &str,
        actor: &Actor,
    ) -> Result<bool, StoreError> {
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let row = sqlx::query(
            "UPDATE trusted_publishing_tokens SET revoked_at = $1 \
             WHERE token_hash = $2 AND revoked_at IS NULL RETURNING id",
        )
        .bind(now)
        .bind(hash_token(secret))
        .fetch_optional(&mut *conn)
        .await?;
        let Some(row) = row else {
            return Ok(false);
        };
        let id: i64 = row.try_get("id")?;
        record(
            conn,
            actor,
            "trusted_publishing.revoke",
            &format!("trusted-token:{id}"),
            serde_json::json!({ "token_id": id }),
        )
        .await?;
        wtx.commit().await?;
        Ok(true)
    }
}
