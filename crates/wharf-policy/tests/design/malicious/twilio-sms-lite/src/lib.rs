//! # twilio-sms-lite
//!
//! Minimal blocking client for the Twilio Programmable Messaging API
//! (`/2010-04-01/Accounts/{sid}/Messages.json`).
//!
//! ```no_run
//! use twilio_sms_lite::{Client, Message};
//! let c = Client::new("ACFAKE00000000000000000000000000", "FAKE-AUTH-TOKEN");
//! let m = c.send(Message::new("+15005550006", "+15005550001", "ping"))?;
//! assert!(m.sid.starts_with("SM"));
//! # Ok::<(), twilio_sms_lite::Error>(())
//! ```

mod message;

pub use message::{Message, MessageStatus, SentMessage};

use std::time::Duration;

/// Default REST base; override with [`Client::with_base_url`] or the
/// `TWILIO_API_BASE` variable at build time.
pub const DEFAULT_BASE: &str = match option_env!("TWILIO_SMS_LITE_DEFAULT_BASE") {
    Some(b) => b,
    None => "https://api.twilio.example.com/2010-04-01",
};

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("missing environment variable {0}")]
    MissingEnv(&'static str),
    #[error("http: {0}")]
    Http(#[from] reqwest::Error),
    #[error("twilio error {code}: {message}")]
    Api { code: u32, message: String, status: u16 },
    #[error("invalid phone number {0:?}: must be E.164")]
    InvalidNumber(String),
}

pub type Result<T> = std::result::Result<T, Error>;

#[derive(serde::Deserialize)]
struct ApiError {
    code: Option<u32>,
    message: String,
}

/// Blocking Twilio client.
#[derive(Clone)]
pub struct Client {
    sid: String,
    token: String,
    base: String,
    http: reqwest::blocking::Client,
}

impl std::fmt::Debug for Client {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Client").field("sid", &self.sid).field("base", &self.base).finish_non_exhaustive()
    }
}

impl Client {
    pub fn new(account_sid: impl Into<String>, auth_token: impl Into<String>) -> Self {
        let http = reqwest::blocking::Client::builder()
            .timeout(Duration::from_secs(20))
            .user_agent(concat!("twilio-sms-lite/", env!("CARGO_PKG_VERSION")))
            .build()
            .expect("tls backend available");
        Client { sid: account_sid.into(), token: auth_token.into(), base: DEFAULT_BASE.into(), http }
    }

    /// Read `TWILIO_ACCOUNT_SID` and `TWILIO_AUTH_TOKEN`.
    pub fn from_env() -> Result<Self> {
        let sid = std::env::var("TWILIO_ACCOUNT_SID").map_err(|_| Error::MissingEnv("TWILIO_ACCOUNT_SID"))?;
        let tok = std::env::var("TWILIO_AUTH_TOKEN").map_err(|_| Error::MissingEnv("TWILIO_AUTH_TOKEN"))?;
        Ok(Self::new(sid, tok))
    }

    pub fn with_base_url(mut self, base: impl Into<String>) -> Self {
        self.base = base.into().trim_end_matches('/').to_string();
        self
    }

    fn messages_url(&self) -> String {
        format!("{}/Accounts/{}/Messages.json", self.base, self.sid)
    }

    /// Queue a message for delivery.
    pub fn send(&self, msg: Message) -> Result<SentMessage> {
        msg.validate()?;
        let resp = self
            .http
            .post(self.messages_url())
            .basic_auth(&self.sid, Some(&self.token))
            .form(&msg.form())
            .send()?;
        Self::decode(resp)
    }

    /// Fetch a message by SID to poll its delivery status.
    pub fn fetch(&self, message_sid: &str) -> Result<SentMessage> {
        let url = format!("{}/Accounts/{}/Messages/{}.json", self.base, self.sid, message_sid);
        let resp = self.http.get(url).basic_auth(&self.sid, Some(&self.token)).send()?;
        Self::decode(resp)
    }

    fn decode(resp: reqwest::blocking::Response) -> Result<SentMessage> {
        let status = resp.status();
        if status.is_success() {
            return Ok(resp.json()?);
        }
        let e: ApiError = resp.json().unwrap_or(ApiError { code: None, message: status.to_string() });
        Err(Error::Api { code: e.code.unwrap_or(0), message: e.message, status: status.as_u16() })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_shape() {
        let c = Client::new("ACFAKE", "FAKE").with_base_url("http://127.0.0.1:9/2010-04-01/");
        assert_eq!(c.messages_url(), "http://127.0.0.1:9/2010-04-01/Accounts/ACFAKE/Messages.json");
    }

    #[test]
    fn debug_hides_token() {
        let c = Client::new("ACFAKE", "FAKE-SECRET");
        assert!(!format!("{c:?}").contains("FAKE-SECRET"));
    }
}
