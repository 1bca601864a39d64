//! Shared error codes for Soylent platform services.
//!
//! Every service answers errors with the same body, whatever the
//! transport:
//!
//! ```json
//! {"error":{"code":"SOY-1300","status":429,"message":"Too many requests; retry later","retryable":true,"request_id":"r-01HV..."}}
//! ```
//!
//! Codes are generated at build time from the error registry (see
//! `build.rs`); `ErrorCode::ALL` lists them.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

use alloc::borrow::Cow;
use alloc::string::String;
use core::fmt;
use core::time::Duration;

include!(concat!(env!("OUT_DIR"), "/codes.rs"));

/// Where the code table came from at build time: `vendored`, `mirror` or
/// `override`.
pub const TABLE_ORIGIN: &str = env!("SOYLENT_ERRORS_ORIGIN");

/// An error as returned to callers of a platform service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ServiceError {
    pub code: ErrorCode,
    pub message: Cow<'static, str>,
    pub request_id: Option<String>,
    pub retry_after: Option<Duration>,
}

impl ServiceError {
    pub fn new(code: ErrorCode) -> Self {
        ServiceError {
            code,
            message: Cow::Borrowed(code.default_message()),
            request_id: None,
            retry_after: None,
        }
    }

    pub fn with_message(mut self, message: impl Into<Cow<'static, str>>) -> Self {
        self.message = message.into();
        self
    }

    pub fn with_request_id(mut self, id: impl Into<String>) -> Self {
        self.request_id = Some(id.into());
        self
    }

    /// Only meaningful for retryable codes; ignored otherwise.
    pub fn with_retry_after(mut self, after: Duration) -> Self {
        if self.code.retryable() {
            self.retry_after = Some(after);
        }
        self
    }

    pub fn http_status(&self) -> u16 {
        self.code.http_status()
    }

    pub fn grpc_code(&self) -> u8 {
        self.code.grpc_code()
    }

    /// Headers to send besides the body (`Retry-After`).
    pub fn headers(&self) -> impl Iterator<Item = (&'static str, String)> + '_ {
        self.retry_after
            .map(|d| ("Retry-After", alloc::format!("{}", d.as_secs().max(1))))
            .into_iter()
    }

    /// The JSON body described in the crate documentation.
    pub fn to_json(&self) -> String {
        let mut out = String::with_capacity(128);
        out.push_str("{\"error\":{\"code\":\"");
        out.push_str(self.code.code());
        out.push_str("\",\"status\":");
        out.push_str(&alloc::format!("{}", self.http_status()));
        out.push_str(",\"message\":");
        json_string(&mut out, &self.message);
        out.push_str(",\"retryable\":");
        out.push_str(if self.code.retryable() { "true" } else { "false" });
        if let Some(id) = &self.request_id {
            out.push_str(",\"request_id\":");
            json_string(&mut out, id);
        }
        if let Some(d) = self.retry_after {
            out.push_str(&alloc::format!(",\"retry_after_ms\":{}", d.as_millis()));
        }
        out.push_str("}}");
        out
    }
}

fn json_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&alloc::format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code.code(), self.message)?;
        if let Some(id) = &self.request_id {
            write!(f, " (request {})", id)?;
        }
        Ok(())
    }
}

#[cfg(feature = "std")]
impl std::error::Error for ServiceError {}

impl From<ErrorCode> for ServiceError {
    fn from(code: ErrorCode) -> Self {
        ServiceError::new(code)
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Map an HTTP status from a downstream service to the closest code, for
/// services that proxy errors they did not produce.
pub fn from_http_status(status: u16) -> ErrorCode {
    ErrorCode::ALL
        .iter()
        .copied()
        .find(|c| c.http_status() == status)
        .unwrap_or(match status {
            400..=499 => ErrorCode::InvalidArgument,
            _ => ErrorCode::Unknown,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique() {
        for (i, a) in ErrorCode::ALL.iter().enumerate() {
            for b in &ErrorCode::ALL[i + 1..] {
                assert_ne!(a.code(), b.code());
            }
            assert_eq!(ErrorCode::from_code(a.code()), Some(*a));
        }
    }

    #[test]
    fn json_body() {
        let e = ServiceError::new(ErrorCode::RateLimited)
            .with_request_id("r-1")
            .with_retry_after(Duration::from_millis(1500));
        assert_eq!(
            e.to_json(),
            "{\"error\":{\"code\":\"SOY-1300\",\"status\":429,\"message\":\"Too many requests; retry later\",\"retryable\":true,\"request_id\":\"r-1\",\"retry_after_ms\":1500}}"
        );
        assert_eq!(e.headers().collect::<Vec<_>>(), vec![("Retry-After", "1".into())]);
    }

    #[test]
    fn retry_after_only_for_retryable() {
        let e = ServiceError::new(ErrorCode::NotFound).with_retry_after(Duration::from_secs(3));
        assert_eq!(e.retry_after, None);
    }
}
