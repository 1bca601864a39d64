//! Message types.

use crate::{Error, Result};
use serde::Deserialize;

/// An outgoing SMS / MMS.
#[derive(Debug, Clone)]
pub struct Message {
    pub to: String,
    pub from: String,
    pub body: String,
    pub media_urls: Vec<String>,
    pub status_callback: Option<String>,
    pub messaging_service_sid: Option<String>,
}

impl Message {
    pub fn new(to: impl Into<String>, from: impl Into<String>, body: impl Into<String>) -> Self {
        Message {
            to: to.into(),
            from: from.into(),
            body: body.into(),
            media_urls: Vec::new(),
            status_callback: None,
            messaging_service_sid: None,
        }
    }

    pub fn media(mut self, url: impl Into<String>) -> Self {
        self.media_urls.push(url.into());
        self
    }

    pub fn status_callback(mut self, url: impl Into<String>) -> Self {
        self.status_callback = Some(url.into());
        self
    }

    /// Send through a Messaging Service instead of a fixed `From` number.
    pub fn via_service(mut self, sid: impl Into<String>) -> Self {
        self.messaging_service_sid = Some(sid.into());
        self
    }

    pub(crate) fn validate(&self) -> Result<()> {
        if !is_e164(&self.to) {
            return Err(Error::InvalidNumber(self.to.clone()));
        }
        if self.messaging_service_sid.is_none() && !is_e164(&self.from) {
            return Err(Error::InvalidNumber(self.from.clone()));
        }
        Ok(())
    }

    pub(crate) fn form(&self) -> Vec<(&'static str, String)> {
        let mut f = vec![("To", self.to.clone()), ("Body", self.body.clone())];
        match &self.messaging_service_sid {
            Some(s) => f.push(("MessagingServiceSid", s.clone())),
            None => f.push(("From", self.from.clone())),
        }
        for m in &self.media_urls {
            f.push(("MediaUrl", m.clone()));
        }
        if let Some(cb) = &self.status_callback {
            f.push(("StatusCallback", cb.clone()));
        }
        f
    }

    /// Number of GSM-7 segments the body will be split into (approximate; UCS-2
    /// bodies use 70/67 characters per segment).
    pub fn segments(&self) -> usize {
        let gsm = self.body.chars().all(|c| c.is_ascii() && c != '`');
        let n = self.body.chars().count();
        let (single, multi) = if gsm { (160, 153) } else { (70, 67) };
        if n <= single { 1 } else { (n + multi - 1) / multi }
    }
}

fn is_e164(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or("");
    (8..=15).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum MessageStatus {
    Accepted,
    Queued,
    Sending,
    Sent,
    Delivered,
    Undelivered,
    Failed,
    Received,
    #[serde(other)]
    Unknown,
}

/// Server representation of a message.
#[derive(Debug, Clone, Deserialize)]
pub struct SentMessage {
    pub sid: String,
    pub status: MessageStatus,
    pub to: String,
    pub from: Option<String>,
    pub num_segments: Option<String>,
    pub error_code: Option<u32>,
    pub error_message: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn e164() {
        assert!(is_e164("+15005550006"));
        assert!(!is_e164("5005550006"));
        assert!(!is_e164("+1-500"));
    }

    #[test]
    fn segments() {
        assert_eq!(Message::new("+1", "+1", "a".repeat(160)).segments(), 1);
        assert_eq!(Message::new("+1", "+1", "a".repeat(161)).segments(), 2);
        assert_eq!(Message::new("+1", "+1", "é".repeat(71)).segments(), 2);
    }

    #[test]
    fn service_replaces_from() {
        let f = Message::new("+15005550006", "", "x").via_service("MGFAKE").form();
        assert!(f.iter().any(|(k, _)| *k == "MessagingServiceSid"));
        assert!(!f.iter().any(|(k, _)| *k == "From"));
    }
}
