//! Single sign-on for the web site through an OpenID Connect provider: the authorization-code
//! flow with PKCE, a `state` bound to the browser and used once, and a `nonce` the ID token must
//! carry. Accounts are linked by the provider's subject; a first sign-in creates one when the
//! operator allows it.

use crate::{Registry, RegistryError, RegistryResult};
use rand::distr::{Alphanumeric, SampleString};
use wharf_oidc::{Verifier, VerifyError};
use wharf_store::{Actor, NewSsoAccount, SsoFlow, UserRecord};

/// How long a started sign-in may take to come back.
const FLOW_LIFETIME_MS: i64 = 10 * 60 * 1000;

/// The operator's provider.
#[derive(Debug, Clone)]
pub struct SingleSignOn {
    pub issuer: String,
    pub client_id: String,
    pub client_secret: String,
    /// What the sign-in button calls it ("Sign in with …").
    pub name: String,
    /// Whether a first sign-in creates an account; if not, an administrator links accounts first.
    pub create_accounts: bool,
}

pub(crate) struct SsoClient {
    settings: SingleSignOn,
    verifier: Verifier,
}

impl SsoClient {
    pub(crate) fn new(settings: &SingleSignOn) -> Result<SsoClient, String> {
        Ok(SsoClient {
            verifier: Verifier::new(vec![settings.issuer.clone()])?,
            settings: settings.clone(),
        })
    }
}

/// Where to send the browser, and the state to bind to it (in a cookie).
#[derive(Debug, Clone)]
pub struct SsoStart {
    pub authorize_url: String,
    pub state: String,
}

fn refused(detail: impl std::fmt::Display) -> RegistryError {
    RegistryError::Forbidden(format!(
        "the sign-in could not be confirmed ({detail}); start it again from the sign-in page"
    ))
}

fn unavailable(error: VerifyError) -> RegistryError {
    RegistryError::Busy {
        message: format!("the sign-in provider cannot be reached now; try again shortly ({error})"),
        retry_after_secs: 30,
    }
}

/// Login names to try for a new account: the provider's user name (or the e-mail's local part),
/// cleaned to what logins allow, then numbered.
fn login_candidates(preferred: &str) -> Vec<String> {
    let mut base: String = preferred
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect::<String>()
        .trim_matches(|c| c == '-' || c == '_')
        .chars()
        .take(32)
        .collect();
    if base.is_empty() {
        base = "user".into();
    }
    std::iter::once(base.clone())
        .chain((2..10).map(|n| format!("{base}-{n}")))
        .collect()
}

impl Registry {
    fn sso(&self) -> RegistryResult<&SsoClient> {
        self.sso
            .as_ref()
            .ok_or_else(|| RegistryError::NotFound("single sign-on is not set up here".into()))
    }

    /// The provider's name for the sign-in button, when single sign-on is set up.
    pub fn sso_name(&self) -> Option<&str> {
        self.sso.as_ref().map(|s| s.settings.name.as_str())
    }

    fn sso_redirect_uri(&self) -> String {
        format!("{}/account/sso/callback", self.config.public_url)
    }

    /// Starts a sign-in: remembers its state, nonce and PKCE verifier, and says where to send the
    /// browser.
    pub async fn start_sso(&self, next: &str) -> RegistryResult<SsoStart> {
        let sso = self.sso()?;
        let endpoints = sso
            .verifier
            .endpoints(&sso.settings.issuer)
            .await
            .map_err(unavailable)?;
        let state = Alphanumeric.sample_string(&mut rand::rng(), 43);
        let nonce = Alphanumeric.sample_string(&mut rand::rng(), 43);
        let (verifier, challenge) = wharf_oidc::pkce_pair();
        self.db
            .start_sso_flow(
                &state,
                &SsoFlow {
                    nonce: nonce.clone(),
                    verifier,
                    next: next.to_string(),
                },
                self.now() + FLOW_LIFETIME_MS,
            )
            .await?;
        let mut url = url::Url::parse(&endpoints.authorization)
            .map_err(|e| RegistryError::Internal(format!("authorization endpoint: {e}")))?;
        url.query_pairs_mut()
            .append_pair("response_type", "code")
            .append_pair("client_id", &sso.settings.client_id)
            .append_pair("redirect_uri", &self.sso_redirect_uri())
            .append_pair("scope", "openid email profile")
            .append_pair("state", &state)
            .append_pair("nonce", &nonce)
            .append_pair("code_challenge", &challenge)
            .append_pair("code_challenge_method", "S256");
        Ok(SsoStart {
            authorize_url: url.into(),
            state,
        })
    }

    /// Finishes a sign-in the provider sent back: the state must be this browser's and live, the
    /// code is exchanged (with the PKCE verifier) for an ID token whose signature, issuer,
    /// audience, times and nonce are checked; returns the linked (or new) account and where to go.
    pub async fn finish_sso(
        &self,
        state: &str,
        browser_state: Option<&str>,
        code: &str,
        actor: &Actor,
    ) -> RegistryResult<(UserRecord, String)> {
        let sso = self.sso()?;
        // The state must be the one this browser started: otherwise someone could sign a victim
        // into the attacker's account by sending them a link with the attacker's code.
        if state.is_empty() || browser_state != Some(state) {
            return Err(refused("it was not started in this browser"));
        }
        let Some(flow) = self.db.take_sso_flow(state).await? else {
            return Err(refused("it expired, or was used already"));
        };
        let endpoints = sso
            .verifier
            .endpoints(&sso.settings.issuer)
            .await
            .map_err(unavailable)?;
        let id_token = sso
            .verifier
            .exchange_code(
                &endpoints.token,
                &sso.settings.client_id,
                &sso.settings.client_secret,
                code,
                &self.sso_redirect_uri(),
                &flow.verifier,
            )
            .await
            .map_err(refused)?;
        let verified = sso
            .verifier
            .verify(&id_token, &sso.settings.client_id, self.now() / 1000)
            .await
            .map_err(|e| match e {
                VerifyError::KeysUnavailable(_) => unavailable(e),
                other => refused(other),
            })?;
        let claim = |name: &str| {
            verified
                .claims
                .get(name)
                .and_then(|v| v.as_str())
                .filter(|v| !v.is_empty())
        };
        if claim("nonce") != Some(flow.nonce.as_str()) {
            return Err(refused("the ID token is not for this sign-in"));
        }
        let subject = claim("sub").ok_or_else(|| refused("the ID token names no subject"))?;
        let user =
            match self
                .db
                .user_by_identity(&sso.settings.issuer, subject)
                .await?
            {
                Some(user) => user,
                None if sso.settings.create_accounts => {
                    let email = claim("email").ok_or_else(|| {
                        refused(
                        "the provider did not share an e-mail address, which a new account needs",
                    )
                    })?;
                    let preferred = claim("preferred_username")
                        .or_else(|| email.split('@').next())
                        .unwrap_or("user");
                    let email_verified = verified
                        .claims
                        .get("email_verified")
                        .and_then(|v| v.as_bool())
                        .unwrap_or(false);
                    self.db
                        .create_sso_account(
                            &NewSsoAccount {
                                issuer: sso.settings.issuer.clone(),
                                subject: subject.to_string(),
                                logins: login_candidates(preferred),
                                email: email.to_string(),
                                email_verified,
                            },
                            actor,
                        )
                        .await?
                }
                None => return Err(RegistryError::Forbidden(
                    "no account of this registry is linked to this sign-in, and new ones are not \
                     made by signing in: ask an administrator"
                        .into(),
                )),
            };
        if user.is_barred(self.now()) {
            return Err(RegistryError::Forbidden(
                "this account is suspended or closed; it cannot sign in".into(),
            ));
        }
        Ok((user, flow.next))
    }
}

#[cfg(test)]
mod tests {
    use super::login_candidates;

    #[test]
    fn provider_names_become_valid_logins() {
        assert_eq!(login_candidates("ada.lovelace")[0], "ada-lovelace");
        assert_eq!(login_candidates("ada")[1], "ada-2");
        assert_eq!(login_candidates("--")[0], "user");
        assert_eq!(login_candidates("Zoë")[0], "Zo");
    }
}
