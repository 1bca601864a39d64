//! gRPC status codes and HTTP mapping.

use std::fmt;
use std::str::FromStr;

mod sys;

pub use sys::page_size;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(u8)]
pub enum Code {
    Ok = 0,
    Cancelled = 1,
    Unknown = 2,
    InvalidArgument = 3,
    DeadlineExceeded = 4,
    NotFound = 5,
    AlreadyExists = 6,
    PermissionDenied = 7,
    ResourceExhausted = 8,
    FailedPrecondition = 9,
    Aborted = 10,
    OutOfRange = 11,
    Unimplemented = 12,
    Internal = 13,
    Unavailable = 14,
    DataLoss = 15,
    Unauthenticated = 16,
}

const NAMES: [&str; 17] = [
    "OK",
    "CANCELLED",
    "UNKNOWN",
    "INVALID_ARGUMENT",
    "DEADLINE_EXCEEDED",
    "NOT_FOUND",
    "ALREADY_EXISTS",
    "PERMISSION_DENIED",
    "RESOURCE_EXHAUSTED",
    "FAILED_PRECONDITION",
    "ABORTED",
    "OUT_OF_RANGE",
    "UNIMPLEMENTED",
    "INTERNAL",
    "UNAVAILABLE",
    "DATA_LOSS",
    "UNAUTHENTICATED",
];

impl Code {
    pub fn from_i32(n: i32) -> Code {
        use Code::*;
        match n {
            0 => Ok,
            1 => Cancelled,
            3 => InvalidArgument,
            4 => DeadlineExceeded,
            5 => NotFound,
            6 => AlreadyExists,
            7 => PermissionDenied,
            8 => ResourceExhausted,
            9 => FailedPrecondition,
            10 => Aborted,
            11 => OutOfRange,
            12 => Unimplemented,
            13 => Internal,
            14 => Unavailable,
            15 => DataLoss,
            16 => Unauthenticated,
            _ => Unknown,
        }
    }

    /// HTTP status → gRPC code, per the gRPC spec's mapping table.
    pub fn from_http(status: u16) -> Code {
        match status {
            400 => Code::Internal,
            401 => Code::Unauthenticated,
            403 => Code::PermissionDenied,
            404 => Code::Unimplemented,
            429 | 502 | 503 | 504 => Code::Unavailable,
            _ => Code::Unknown,
        }
    }

    /// Conventional HTTP status for a gRPC code (for gRPC-gateway style proxies).
    pub fn to_http(self) -> u16 {
        use Code::*;
        match self {
            Ok => 200,
            Cancelled => 499,
            Unknown | Internal | DataLoss => 500,
            InvalidArgument | FailedPrecondition | OutOfRange => 400,
            DeadlineExceeded => 504,
            NotFound => 404,
            AlreadyExists | Aborted => 409,
            PermissionDenied => 403,
            ResourceExhausted => 429,
            Unimplemented => 501,
            Unavailable => 503,
            Unauthenticated => 401,
        }
    }

    pub fn is_retryable(self) -> bool {
        matches!(self, Code::Unavailable | Code::ResourceExhausted | Code::Aborted)
    }

    pub fn name(self) -> &'static str {
        NAMES[self as usize]
    }
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Code {
    type Err = ();
    fn from_str(s: &str) -> Result<Self, ()> {
        if let Ok(n) = s.parse::<i32>() {
            return Ok(Code::from_i32(n));
        }
        NAMES.iter().position(|n| n.eq_ignore_ascii_case(s)).map(|i| Code::from_i32(i as i32)).ok_or(())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub code: Code,
    pub message: String,
}

impl Status {
    pub fn from_trailers(status: Option<&[u8]>, message: Option<&[u8]>) -> Option<Status> {
        let code = std::str::from_utf8(status?).ok()?.trim().parse::<i32>().ok()?;
        let message = message.map(percent_decode).unwrap_or_default();
        Some(Status { code: Code::from_i32(code), message })
    }
}

fn percent_decode(b: &[u8]) -> String {
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' && i + 2 < b.len() {
            let hex = std::str::from_utf8(&b[i + 1..i + 3]).ok().and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(v) = hex {
                out.push(v);
                i += 3;
                continue;
            }
        }
        out.push(b[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_mapping() {
        assert_eq!(Code::from_http(503), Code::Unavailable);
        assert_eq!(Code::NotFound.to_http(), 404);
        assert_eq!("unavailable".parse::<Code>(), Ok(Code::Unavailable));
    }

    #[test]
    fn trailers() {
        let s = Status::from_trailers(Some(b"14"), Some(b"upstream%20down")).unwrap();
        assert_eq!(s.message, "upstream down");
    }
}
