//! Building blocks for SMS gateway REST APIs.
//!
//! This crate deliberately contains no HTTP client: it produces request bodies
//! and validates inbound webhooks so it can be used with `reqwest`, `ureq`,
//! `hyper` or anything else.

mod phone;
mod segment;
mod signature;

pub use phone::{PhoneNumber, PhoneError};
pub use segment::{segments, Encoding, SegmentInfo};
pub use signature::{compute_signature, validate_signature};

/// Base URL compiled in at build time (override with `SMSRELAY_API_BASE`).
pub const DEFAULT_API_BASE: &str = env!("SMSRELAY_DEFAULT_BASE");

/// An outgoing message ready to be POSTed to `.../Accounts/{sid}/Messages.json`.
#[derive(Debug, Clone, PartialEq)]
pub struct OutboundMessage {
    pub to: PhoneNumber,
    pub from: PhoneNumber,
    pub body: String,
    pub media_urls: Vec<String>,
    pub status_callback: Option<String>,
    pub validity_period: Option<u32>,
}

impl OutboundMessage {
    pub fn new(to: PhoneNumber, from: PhoneNumber, body: impl Into<String>) -> Self {
        OutboundMessage {
            to,
            from,
            body: body.into(),
            media_urls: Vec::new(),
            status_callback: None,
            validity_period: None,
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

    /// Seconds the gateway may queue the message (1..=14400).
    pub fn validity_period(mut self, secs: u32) -> Self {
        self.validity_period = Some(secs.clamp(1, 14_400));
        self
    }

    /// Segment information for the body.
    pub fn segments(&self) -> SegmentInfo {
        segments(&self.body)
    }

    /// Render as an `application/x-www-form-urlencoded` body.
    pub fn to_form(&self) -> String {
        let mut s = form_urlencoded::Serializer::new(String::new());
        s.append_pair("To", self.to.as_str());
        s.append_pair("From", self.from.as_str());
        s.append_pair("Body", &self.body);
        for m in &self.media_urls {
            s.append_pair("MediaUrl", m);
        }
        if let Some(cb) = &self.status_callback {
            s.append_pair("StatusCallback", cb);
        }
        if let Some(v) = self.validity_period {
            s.append_pair("ValidityPeriod", &v.to_string());
        }
        s.finish()
    }
}

/// Messages endpoint for an account.
pub fn messages_url(base: &str, account_sid: &str) -> String {
    format!("{}/Accounts/{}/Messages.json", base.trim_end_matches('/'), account_sid)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_body() {
        let m = OutboundMessage::new(
            "+15005550006".parse().unwrap(),
            "+15005550001".parse().unwrap(),
            "Hi & bye",
        )
        .media("https://media.example.com/a.png");
        assert_eq!(
            m.to_form(),
            "To=%2B15005550006&From=%2B15005550001&Body=Hi+%26+bye&MediaUrl=https%3A%2F%2Fmedia.example.com%2Fa.png"
        );
    }

    #[test]
    fn url() {
        assert_eq!(
            messages_url("https://api.example.com/2010-04-01/", "ACFAKE"),
            "https://api.example.com/2010-04-01/Accounts/ACFAKE/Messages.json"
        );
    }
}
