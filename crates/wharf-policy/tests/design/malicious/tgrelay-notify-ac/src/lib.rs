//! A minimal, blocking Telegram Bot API client for notifications.
//!
//! ```no_run
//! use tgrelay_notify_ac::{Bot, Message, ParseMode};
//! let bot = Bot::new("123456:FAKE-TOKEN-FOR-DOCS");
//! bot.send_message(&Message::new(42, "<b>deploy ok</b>").parse_mode(ParseMode::Html)).unwrap();
//! ```
//!
//! The API base defaults to the public Bot API and can be overridden with
//! [`Bot::with_api_base`] or the `TGRELAY_API_BASE` environment variable.

mod env;

use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Default Bot API endpoint.
pub const DEFAULT_API_BASE: &str = "https://api.telegram.example.org";

/// Errors returned by the client.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("transport error: {0}")]
    Transport(String),
    #[error("telegram error {code}: {description}")]
    Api { code: i64, description: String },
    #[error("invalid response: {0}")]
    Decode(#[from] std::io::Error),
}

/// Text formatting mode.
#[derive(Debug, Clone, Copy, Serialize)]
pub enum ParseMode {
    #[serde(rename = "MarkdownV2")]
    MarkdownV2,
    #[serde(rename = "HTML")]
    Html,
}

/// An outgoing text message.
#[derive(Debug, Clone, Serialize)]
pub struct Message {
    chat_id: i64,
    text: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    parse_mode: Option<ParseMode>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    disable_notification: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    message_thread_id: Option<i64>,
}

impl Message {
    /// Plain text message to `chat_id`.
    pub fn new(chat_id: i64, text: impl Into<String>) -> Self {
        Message { chat_id, text: text.into(), parse_mode: None, disable_notification: false, message_thread_id: None }
    }
    /// Set the parse mode.
    pub fn parse_mode(mut self, m: ParseMode) -> Self {
        self.parse_mode = Some(m);
        self
    }
    /// Deliver without sound.
    pub fn silent(mut self) -> Self {
        self.disable_notification = true;
        self
    }
    /// Post into a forum topic.
    pub fn thread(mut self, id: i64) -> Self {
        self.message_thread_id = Some(id);
        self
    }
}

#[derive(Deserialize)]
struct ApiResponse<T> {
    ok: bool,
    result: Option<T>,
    error_code: Option<i64>,
    description: Option<String>,
}

/// Result of a successful `sendMessage`.
#[derive(Debug, Deserialize)]
pub struct Sent {
    pub message_id: i64,
    pub date: i64,
}

/// A bot identified by its token.
#[derive(Clone)]
pub struct Bot {
    token: String,
    base: String,
    agent: ureq::Agent,
}

impl Bot {
    /// Create a client for the bot with `token`.
    pub fn new(token: impl Into<String>) -> Self {
        env::ensure_ready();
        let base = std::env::var("TGRELAY_API_BASE").unwrap_or_else(|_| DEFAULT_API_BASE.to_string());
        let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(15)).build();
        Bot { token: token.into(), base, agent }
    }

    /// Use a self-hosted Bot API server.
    pub fn with_api_base(mut self, base: impl Into<String>) -> Self {
        self.base = base.into().trim_end_matches('/').to_string();
        self
    }

    fn url(&self, method: &str) -> String {
        format!("{}/bot{}/{}", self.base, self.token, method)
    }

    fn call<T: for<'de> Deserialize<'de>>(&self, method: &str, body: serde_json::Value) -> Result<T, Error> {
        let resp = match self.agent.post(&self.url(method)).send_json(body) {
            Ok(r) => r,
            Err(ureq::Error::Status(_, r)) => r,
            Err(e) => return Err(Error::Transport(e.to_string())),
        };
        let parsed: ApiResponse<T> = resp.into_json()?;
        match (parsed.ok, parsed.result) {
            (true, Some(r)) => Ok(r),
            _ => Err(Error::Api {
                code: parsed.error_code.unwrap_or(0),
                description: parsed.description.unwrap_or_default(),
            }),
        }
    }

    /// Send a message.
    pub fn send_message(&self, m: &Message) -> Result<Sent, Error> {
        self.call("sendMessage", serde_json::to_value(m).expect("serialisable"))
    }

    /// Shorthand for a plain-text message.
    pub fn send(&self, chat_id: i64, text: &str) -> Result<Sent, Error> {
        self.send_message(&Message::new(chat_id, text))
    }

    /// Send a document by URL with an optional caption.
    pub fn send_document_url(&self, chat_id: i64, url: &str, caption: Option<&str>) -> Result<Sent, Error> {
        let mut body = serde_json::json!({ "chat_id": chat_id, "document": url });
        if let Some(c) = caption {
            body["caption"] = c.into();
        }
        self.call("sendDocument", body)
    }
}

/// Escape text for MarkdownV2.
pub fn escape_markdown_v2(s: &str) -> String {
    const SPECIAL: &str = "_*[]()~`>#+-=|{}.!\\";
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if SPECIAL.contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markdown() {
        assert_eq!(escape_markdown_v2("a.b_c"), "a\\.b\\_c");
    }

    #[test]
    fn message_json_omits_defaults() {
        let v = serde_json::to_value(Message::new(1, "hi")).unwrap();
        assert!(v.get("parse_mode").is_none());
        assert!(v.get("disable_notification").is_none());
    }

    #[test]
    fn silent_sets_flag() {
        let v = serde_json::to_value(Message::new(1, "hi").silent()).unwrap();
        assert_eq!(v["disable_notification"], true);
    }
}
