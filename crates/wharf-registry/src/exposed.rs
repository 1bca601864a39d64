//! Tokens found in public: a secret scanner (GitHub's, for one) reports secrets that look like
//! this registry's tokens, and every one that is a token is revoked at once and its owner told.
//!
//! The front end authenticates the scanner (GitHub signs its reports); this layer only acts on
//! what a trusted reporter says, and answers, for each secret, whether it was one of ours.

use crate::{Registry, RegistryResult};
use wharf_store::{Actor, ExposedToken};

/// One secret a scanner found, with where it found it.
#[derive(Debug, Clone)]
pub struct ExposedSecret {
    pub secret: String,
    /// Where it was found: a URL, and a kind of place (`commit`, `gist`, …), either may be empty.
    pub url: String,
    pub source: String,
}

/// Whether a reported secret was one of this registry's tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exposure {
    /// A token of this registry: revoked now, or before.
    Token,
    /// Not a token of this registry.
    NotOurs,
}

impl Registry {
    /// Revokes every reported secret that is a token of this registry, telling each owner by
    /// e-mail; `reporter` names the scanner in the e-mail and the audit log.
    pub async fn revoke_exposed_tokens(
        &self,
        reporter: &str,
        secrets: &[ExposedSecret],
        actor: &Actor,
    ) -> RegistryResult<Vec<Exposure>> {
        let mut answers = Vec::with_capacity(secrets.len());
        for found in secrets {
            // A CI job's short-lived token: revoked, and no one to mail (its job is over).
            if crate::is_trusted_publishing_token(&found.secret) {
                let revoked = self
                    .db
                    .revoke_trusted_publishing_token(&found.secret, actor)
                    .await?;
                if revoked {
                    tracing::warn!(
                        reporter,
                        "revoked a trusted publishing token found in public"
                    );
                }
                answers.push(if revoked {
                    Exposure::Token
                } else {
                    Exposure::NotOurs
                });
                continue;
            }
            let outcome = self
                .db
                .revoke_exposed_token(&found.secret, reporter, &found.source, &found.url, actor)
                .await?;
            if let ExposedToken::Revoked { id, user_id } = outcome {
                tracing::warn!(
                    token_id = id,
                    user_id,
                    reporter,
                    "revoked a token found in public"
                );
            }
            answers.push(match outcome {
                ExposedToken::Unknown => Exposure::NotOurs,
                ExposedToken::AlreadyRevoked | ExposedToken::Revoked { .. } => Exposure::Token,
            });
        }
        Ok(answers)
    }
}
