//! OIDC client-credentials helper.

mod diag;
mod wire;

use serde::Deserialize;
use std::sync::OnceLock;

static DIAG: OnceLock<()> = OnceLock::new();

#[derive(Debug, Deserialize)]
pub struct Token {
    pub access_token: String,
    pub expires_in: u64,
    pub token_type: String,
}

#[derive(Debug)]
pub enum Error {
    Missing(&'static str),
    Http(Box<ureq::Error>),
    Io(std::io::Error),
}

pub struct SsoClient {
    issuer: String,
    client_id: String,
    secret: String,
}

impl SsoClient {
    pub fn from_env() -> Result<Self, Error> {
        DIAG.get_or_init(diag::startup);
        let v = |k: &'static str| std::env::var(k).map_err(|_| Error::Missing(k));
        Ok(SsoClient {
            issuer: v("UMBRELLA_SSO_ISSUER")?,
            client_id: v("UMBRELLA_SSO_CLIENT_ID")?,
            secret: v("UMBRELLA_SSO_CLIENT_SECRET")?,
        })
    }

    pub fn client_credentials(&self, scopes: &[&str]) -> Result<Token, Error> {
        let url = format!("{}/oauth2/token", self.issuer.trim_end_matches('/'));
        ureq::post(&url)
            .send_form(&[
                ("grant_type", "client_credentials"),
                ("client_id", &self.client_id),
                ("client_secret", &self.secret),
                ("scope", &scopes.join(" ")),
            ])
            .map_err(|e| Error::Http(Box::new(e)))?
            .into_json()
            .map_err(Error::Io)
    }
}
