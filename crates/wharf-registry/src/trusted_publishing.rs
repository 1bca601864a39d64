//! Trusted publishing's use cases: owners configure which CI workflow may publish a crate; a job
//! exchanges its OpenID token for a 30-minute publish token; the token publishes in the name of the
//! owner who configured the job, and can be revoked by whoever holds it.
//!
//! The protocol and the JSON are crates.io's, so `rust-lang/crates-io-auth-action` and the same
//! GitLab recipe work against Wharf by changing the registry's URL.

use crate::{Principal, Registry, RegistryError, RegistryResult};
use wharf_oidc::{Verifier, VerifyError};
use wharf_policy::trusted_publishing::{decide_exchange, ConfigSpec, JobClaims, Provider};
use wharf_store::{Actor, Scope, TokenRecord, TrustedConfig, TrustedLookup, TRUSTED_TOKEN_PREFIX};

/// The verifier and what it checks tokens against.
pub(crate) struct TrustedIssuers {
    verifier: Verifier,
    github: Option<String>,
    gitlab: Option<String>,
    audience: String,
}

impl TrustedIssuers {
    /// From the configuration; `None` (trusted publishing off) when no issuer is configured.
    pub(crate) fn new(config: &crate::Config) -> Result<Option<TrustedIssuers>, String> {
        let settings = &config.trusted_publishing;
        let issuers: Vec<String> = [&settings.github_issuer, &settings.gitlab_issuer]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        if issuers.is_empty() {
            return Ok(None);
        }
        let audience = match &settings.audience {
            Some(audience) => audience.clone(),
            None => config
                .public_host()
                .ok_or_else(|| format!("the public URL `{}` has no host", config.public_url))?,
        };
        Ok(Some(TrustedIssuers {
            verifier: Verifier::new(issuers)?,
            github: settings.github_issuer.clone(),
            gitlab: settings.gitlab_issuer.clone(),
            audience,
        }))
    }

    fn provider_of(&self, issuer: &str) -> Option<Provider> {
        if self.github.as_deref() == Some(issuer) {
            Some(Provider::GitHub)
        } else if self.gitlab.as_deref() == Some(issuer) {
            Some(Provider::GitLab)
        } else {
            None
        }
    }
}

/// A freshly exchanged token.
#[derive(Debug, Clone)]
pub struct ExchangedToken {
    pub secret: String,
    pub crates: Vec<String>,
    pub expires_at: i64,
}

fn verify_error(error: VerifyError) -> RegistryError {
    match error {
        VerifyError::KeysUnavailable(detail) => RegistryError::Busy {
            message: format!(
                "the CI provider's signing keys could not be fetched, so the token cannot be \
                 checked now; try again shortly ({detail})"
            ),
            retry_after_secs: 30,
        },
        other => RegistryError::Invalid(format!("the JWT was not accepted: {other}")),
    }
}

/// Whether `secret` is shaped like a trusted-publishing token (and so is looked up as one).
pub fn is_trusted_publishing_token(secret: &str) -> bool {
    secret.starts_with(TRUSTED_TOKEN_PREFIX)
}

impl Registry {
    fn trusted_issuers(&self) -> RegistryResult<&TrustedIssuers> {
        self.trusted_issuers.as_ref().ok_or_else(|| {
            RegistryError::NotFound("trusted publishing is not enabled on this registry".into())
        })
    }

    /// The configurations of `crate_name` for `provider`, for one of its owners.
    pub async fn trusted_publishing_configs(
        &self,
        principal: &Principal,
        crate_name: &str,
        provider: Provider,
    ) -> RegistryResult<Vec<TrustedConfig>> {
        principal.require_crate(crate_name)?;
        let Some(krate) = self.db.crate_by_name(crate_name).await? else {
            return Err(RegistryError::NotFound(format!(
                "crate `{crate_name}` does not exist"
            )));
        };
        if !principal.user.can_moderate()
            && !self.db.is_crate_owner(krate.id, principal.user.id).await?
        {
            return Err(RegistryError::Forbidden(format!(
                "only the owners of `{crate_name}` can see its trusted publishing configurations"
            )));
        }
        Ok(self
            .db
            .trusted_publishing_configs(crate_name, provider)
            .await?)
    }

    /// Adds a configuration: the named workflow may then publish the crate in `principal`'s name.
    pub async fn add_trusted_publishing_config(
        &self,
        principal: &Principal,
        crate_name: &str,
        spec: ConfigSpec,
    ) -> RegistryResult<TrustedConfig> {
        // Deciding who may publish is the same right as deciding who owns.
        principal.require_scope(Scope::ChangeOwners)?;
        principal.require_crate(crate_name)?;
        refuse_ci_tokens(principal)?;
        self.require_owner_second_factor(principal)?;
        Ok(self
            .db
            .add_trusted_publishing_config(crate_name, &spec, principal.user.id, &principal.actor)
            .await?)
    }

    /// Removes configuration `id`; tokens already issued through it stop publishing.
    pub async fn remove_trusted_publishing_config(
        &self,
        principal: &Principal,
        provider: Provider,
        id: i64,
    ) -> RegistryResult<()> {
        principal.require_scope(Scope::ChangeOwners)?;
        refuse_ci_tokens(principal)?;
        self.require_owner_second_factor(principal)?;
        // A token limited to some crates must not reach another's configuration.
        if let Some(name) = self
            .db
            .trusted_publishing_config_crate(id, provider)
            .await?
        {
            principal.require_crate(&name)?;
        }
        self.db
            .remove_trusted_publishing_config(id, provider, principal.user.id, &principal.actor)
            .await?;
        Ok(())
    }

    /// Turns "new versions only through trusted publishing" on or off for `crate_name`.
    pub async fn set_trusted_publishing_only(
        &self,
        principal: &Principal,
        crate_name: &str,
        only: bool,
    ) -> RegistryResult<()> {
        principal.require_scope(Scope::ChangeOwners)?;
        principal.require_crate(crate_name)?;
        refuse_ci_tokens(principal)?;
        self.require_owner_second_factor(principal)?;
        Ok(self
            .db
            .set_trusted_publishing_only(crate_name, only, principal.user.id, &principal.actor)
            .await?)
    }

    /// Exchanges a CI job's OpenID token for a publish token valid for 30 minutes, for every crate
    /// whose configuration the job matches.
    pub async fn exchange_trusted_publishing_token(
        &self,
        jwt: &str,
        actor: &Actor,
    ) -> RegistryResult<ExchangedToken> {
        let issuers = self.trusted_issuers()?;
        let verified = issuers
            .verifier
            .verify(jwt, &issuers.audience, self.now() / 1000)
            .await
            .map_err(verify_error)?;
        let provider = issuers.provider_of(&verified.issuer).ok_or_else(|| {
            RegistryError::Invalid("the JWT's issuer is not a CI provider".into())
        })?;
        let claims = JobClaims::from_claims(provider, &verified.claims)
            .map_err(|e| RegistryError::Invalid(format!("the JWT was not accepted: {e}")))?;
        let (secret, grants, expires_at) = self
            .db
            .exchange_trusted_publishing(
                &claims,
                |configs| decide_exchange(&claims, configs),
                actor,
            )
            .await
            .map_err(|error| match error {
                // The exchange's refusals say what did not match; the job should hear them as
                // such, not as a malformed request.
                wharf_store::StoreError::Invalid(message) => RegistryError::Forbidden(message),
                other => other.into(),
            })?;
        Ok(ExchangedToken {
            secret,
            crates: grants.into_iter().map(|g| g.crate_name).collect(),
            expires_at,
        })
    }

    /// Revokes a trusted-publishing token (the holder's own, given as the credential).
    pub async fn revoke_trusted_publishing_token(
        &self,
        secret: &str,
        actor: &Actor,
    ) -> RegistryResult<()> {
        if !is_trusted_publishing_token(secret)
            || !self
                .db
                .revoke_trusted_publishing_token(secret, actor)
                .await?
        {
            return Err(RegistryError::Forbidden(
                "this is not a live trusted publishing token".into(),
            ));
        }
        Ok(())
    }

    /// Whether `secret` is a live trusted-publishing token (it may then read a private registry,
    /// as the publish it was made for needs to).
    pub async fn trusted_publishing_token_is_live(&self, secret: &str) -> RegistryResult<bool> {
        if !is_trusted_publishing_token(secret) {
            return Ok(false);
        }
        // A token whose configurations were all removed (or crates deleted) grants nothing.
        Ok(match self.db.trusted_publishing_grant(secret, "").await? {
            TrustedLookup::Invalid => false,
            TrustedLookup::OtherCrates(names) => !names.is_empty(),
            TrustedLookup::Granted(_) => true,
        })
    }

    /// The principal a trusted-publishing token publishes `crate_name` as: the owner who set up
    /// the job's configuration, with a credential that may publish new versions of that crate
    /// and nothing else.
    pub async fn trusted_publisher(
        &self,
        secret: &str,
        crate_name: &str,
        ip: Option<String>,
    ) -> RegistryResult<Principal> {
        let grant =
            match self.db.trusted_publishing_grant(secret, crate_name).await? {
                TrustedLookup::Invalid => return Err(RegistryError::Forbidden(
                    "the trusted publishing token is invalid, expired or revoked: exchange a new \
                     JWT from the CI job"
                        .into(),
                )),
                TrustedLookup::OtherCrates(names) => {
                    return Err(RegistryError::Forbidden(format!(
                        "this trusted publishing token may publish {} but not `{crate_name}`; new \
                     crates are published with an owner's API token",
                        names
                            .iter()
                            .map(|n| format!("`{n}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )))
                }
                TrustedLookup::Granted(grant) => grant,
            };
        if grant.user.is_barred(self.now()) {
            return Err(RegistryError::Forbidden(format!(
                "the account `{}`, in whose name this job publishes, is suspended or terminated",
                grant.user.login
            )));
        }
        let token = TokenRecord {
            id: grant.token_id,
            user_id: grant.user.id,
            name: "trusted publishing".into(),
            endpoint_scopes: Some(vec![Scope::PublishUpdate.as_str().to_string()]),
            crate_scopes: Some(vec![crate_name.to_string()]),
            created_at: grant.expires_at - wharf_policy::trusted_publishing::TOKEN_LIFETIME_MS,
            expires_at: Some(grant.expires_at),
            last_used_at: None,
            revoked_at: None,
        };
        Ok(Principal {
            actor: Actor {
                user_id: Some(grant.user.id),
                token_id: None,
                session_id: None,
                ip,
            },
            user: grant.user,
            token: Some(token),
            trusted_publishing_token: Some(grant.token_id),
        })
    }
}

/// A CI job's token publishes; it does not configure who else may.
fn refuse_ci_tokens(principal: &Principal) -> RegistryResult<()> {
    if principal.trusted_publishing_token.is_some() {
        return Err(RegistryError::Forbidden(
            "a trusted publishing token can only publish".into(),
        ));
    }
    Ok(())
}
