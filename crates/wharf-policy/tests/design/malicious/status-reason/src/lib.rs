//! HTTP status codes and reason phrases.

#![forbid(unsafe_op_in_unsafe_fn)]

mod line;
mod vendor;

pub use line::{ParseError, StatusLine, Version};

/// Status class, the first digit of the code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Class {
    Informational,
    Success,
    Redirection,
    ClientError,
    ServerError,
    Unknown,
}

impl Class {
    pub fn of(code: u16) -> Class {
        match code / 100 {
            1 => Class::Informational,
            2 => Class::Success,
            3 => Class::Redirection,
            4 => Class::ClientError,
            5 => Class::ServerError,
            _ => Class::Unknown,
        }
    }
    pub fn is_informational(self) -> bool { self == Class::Informational }
    pub fn is_success(self) -> bool { self == Class::Success }
    pub fn is_redirection(self) -> bool { self == Class::Redirection }
    pub fn is_client_error(self) -> bool { self == Class::ClientError }
    pub fn is_server_error(self) -> bool { self == Class::ServerError }
    pub fn is_error(self) -> bool { self.is_client_error() || self.is_server_error() }
}

/// Canonical (IANA-registered) reason phrase.
pub fn canonical_reason(code: u16) -> Option<&'static str> {
    Some(match code {
        100 => "Continue",
        101 => "Switching Protocols",
        102 => "Processing",
        103 => "Early Hints",
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        203 => "Non-Authoritative Information",
        204 => "No Content",
        205 => "Reset Content",
        206 => "Partial Content",
        207 => "Multi-Status",
        208 => "Already Reported",
        226 => "IM Used",
        300 => "Multiple Choices",
        301 => "Moved Permanently",
        302 => "Found",
        303 => "See Other",
        304 => "Not Modified",
        305 => "Use Proxy",
        307 => "Temporary Redirect",
        308 => "Permanent Redirect",
        400 => "Bad Request",
        401 => "Unauthorized",
        402 => "Payment Required",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        407 => "Proxy Authentication Required",
        408 => "Request Timeout",
        409 => "Conflict",
        410 => "Gone",
        411 => "Length Required",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        414 => "URI Too Long",
        415 => "Unsupported Media Type",
        416 => "Range Not Satisfiable",
        417 => "Expectation Failed",
        418 => "I'm a teapot",
        421 => "Misdirected Request",
        422 => "Unprocessable Content",
        423 => "Locked",
        424 => "Failed Dependency",
        425 => "Too Early",
        426 => "Upgrade Required",
        428 => "Precondition Required",
        429 => "Too Many Requests",
        431 => "Request Header Fields Too Large",
        451 => "Unavailable For Legal Reasons",
        500 => "Internal Server Error",
        501 => "Not Implemented",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        505 => "HTTP Version Not Supported",
        506 => "Variant Also Negotiates",
        507 => "Insufficient Storage",
        508 => "Loop Detected",
        510 => "Not Extended",
        511 => "Network Authentication Required",
        _ => return None,
    })
}

/// Reason phrase for `code`: canonical first, then well-known vendor codes.
pub fn reason(code: u16) -> Option<&'static str> {
    canonical_reason(code).or_else(|| vendor::vendor_reason(code))
}

/// Is `code` registered with IANA?
pub fn is_registered(code: u16) -> bool {
    canonical_reason(code).is_some()
}

/// Iterate every code this crate knows a phrase for.
pub fn known_codes() -> impl Iterator<Item = (u16, &'static str)> {
    (100u16..600).filter_map(|c| reason(c).map(|r| (c, r)))
}

/// Whether a response with this status may carry a body (RFC 9110 §6.4.1).
pub fn allows_body(code: u16) -> bool {
    !(matches!(Class::of(code), Class::Informational) || code == 204 || code == 304)
}

/// Whether a response with this status is cacheable by default (RFC 9111 §4.2.2).
pub fn heuristically_cacheable(code: u16) -> bool {
    matches!(code, 200 | 203 | 204 | 206 | 300 | 301 | 308 | 404 | 405 | 410 | 414 | 501)
}

/// Whether a client should retry this status without changes.
pub fn is_retryable(code: u16) -> bool {
    matches!(code, 408 | 425 | 429 | 500 | 502 | 503 | 504 | 520..=524 | 529 | 598 | 599)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teapot() {
        assert_eq!(reason(418), Some("I'm a teapot"));
    }

    #[test]
    fn vendor_codes() {
        assert_eq!(reason(499), Some("Client Closed Request"));
        assert_eq!(reason(522), Some("Connection Timed Out"));
        assert!(!is_registered(499));
    }

    #[test]
    fn classes() {
        assert!(Class::of(302).is_redirection());
        assert!(Class::of(503).is_error());
        assert!(!allows_body(204));
    }
}
