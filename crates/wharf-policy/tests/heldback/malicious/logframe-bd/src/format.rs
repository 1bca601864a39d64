//! RFC 5424 message model, serialisation and a tolerant parser.

use std::fmt;
use std::io::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

/// The RFC 5424 NILVALUE.
pub const NIL: &str = "-";

/// SD-ID registered by RFC 5424 §7.1.
pub const SD_TIME_QUALITY: &str = "timeQuality";

const MAX_HOSTNAME: usize = 255;
const MAX_APP_NAME: usize = 48;
const MAX_PROC_ID: usize = 128;
const MAX_MSG_ID: usize = 32;
const MAX_SD_NAME: usize = 32;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum Severity {
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Informational = 6,
    Debug = 7,
}

impl Severity {
    pub fn from_code(c: u8) -> Option<Self> {
        Some(match c {
            0 => Severity::Emergency,
            1 => Severity::Alert,
            2 => Severity::Critical,
            3 => Severity::Error,
            4 => Severity::Warning,
            5 => Severity::Notice,
            6 => Severity::Informational,
            7 => Severity::Debug,
            _ => return None,
        })
    }

    pub fn code(self) -> u8 {
        self as u8
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Facility {
    Kern = 0,
    User = 1,
    Mail = 2,
    Daemon = 3,
    Auth = 4,
    Syslog = 5,
    Lpr = 6,
    News = 7,
    Uucp = 8,
    Cron = 9,
    AuthPriv = 10,
    Ftp = 11,
    Ntp = 12,
    Audit = 13,
    LogAlert = 14,
    Clock = 15,
    Local0 = 16,
    Local1 = 17,
    Local2 = 18,
    Local3 = 19,
    Local4 = 20,
    Local5 = 21,
    Local6 = 22,
    Local7 = 23,
}

impl Facility {
    pub fn code(self) -> u8 {
        self as u8
    }

    pub fn from_code(c: u8) -> Option<Self> {
        use Facility::*;
        const ALL: [Facility; 24] = [
            Kern, User, Mail, Daemon, Auth, Syslog, Lpr, News, Uucp, Cron, AuthPriv, Ftp, Ntp,
            Audit, LogAlert, Clock, Local0, Local1, Local2, Local3, Local4, Local5, Local6, Local7,
        ];
        ALL.get(c as usize).copied()
    }
}

/// PRI value as defined in RFC 5424 §6.2.1.
pub fn pri(f: Facility, s: Severity) -> u8 {
    f.code() * 8 + s.code()
}

/// Seconds + microseconds since the Unix epoch, always rendered in UTC.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timestamp {
    pub secs: i64,
    pub micros: u32,
}

impl Timestamp {
    pub fn now() -> Self {
        let d = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp {
            secs: d.as_secs() as i64,
            micros: d.subsec_micros(),
        }
    }

    pub fn as_micros(&self) -> i128 {
        self.secs as i128 * 1_000_000 + self.micros as i128
    }

    /// Parse the RFC 3339 subset allowed by RFC 5424 (`T` separator,
    /// up to six fractional digits, `Z` or `±hh:mm`).
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let num = |r: std::ops::Range<usize>| -> Option<i64> { s.get(r)?.parse().ok() };
        let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
        let (h, mi, se) = (num(11..13)?, num(14..16)?, num(17..19)?);
        let mut i = 19;
        let mut micros = 0u32;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while i < b.len() && b[i].is_ascii_digit() {
                i += 1;
            }
            let frac = &s[start..i];
            if frac.is_empty() || frac.len() > 6 {
                return None;
            }
            micros = frac.parse::<u32>().ok()? * 10u32.pow(6 - frac.len() as u32);
        }
        let offset = match b.get(i)? {
            b'Z' => 0,
            sign @ (b'+' | b'-') => {
                let oh = num(i + 1..i + 3)?;
                let om = num(i + 4..i + 6)?;
                let v = oh * 3600 + om * 60;
                if *sign == b'-' {
                    -v
                } else {
                    v
                }
            }
            _ => return None,
        };
        let days = days_from_civil(y, mo as u32, d as u32);
        Some(Timestamp {
            secs: days * 86_400 + h * 3600 + mi * 60 + se - offset,
            micros,
        })
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.secs.div_euclid(86_400);
        let sod = self.secs.rem_euclid(86_400);
        let (y, m, d) = civil_from_days(days);
        write!(
            f,
            "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
            y,
            m,
            d,
            sod / 3600,
            (sod / 60) % 60,
            sod % 60,
            self.micros
        )
    }
}

pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = (if z >= 0 { z } else { z - 146_096 }) / 146_097;
    let doe = (z - era * 146_097) as u64;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i64 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = (if mp < 10 { mp + 3 } else { mp - 9 }) as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

pub(crate) fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = (if y >= 0 { y } else { y - 399 }) / 400;
    let yoe = (y - era * 400) as u64;
    let mp = (if m > 2 { m - 3 } else { m + 9 }) as u64;
    let doy = (153 * mp + 2) / 5 + d as u64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i64 - 719_468
}

/// One `[SD-ID name="value" ...]` block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SdElement {
    pub id: String,
    pub params: Vec<(String, String)>,
}

impl SdElement {
    pub fn new(id: impl Into<String>) -> Self {
        SdElement {
            id: id.into(),
            params: Vec::new(),
        }
    }

    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.params.push((name.into(), value.into()));
        self
    }

    pub fn get(&self, name: &str) -> Option<&str> {
        self.params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn encode(&self, out: &mut Vec<u8>) {
        out.push(b'[');
        push_sd_name(out, &self.id);
        for (k, v) in &self.params {
            out.push(b' ');
            push_sd_name(out, k);
            out.extend_from_slice(b"=\"");
            for ch in v.bytes() {
                if matches!(ch, b'"' | b'\\' | b']') {
                    out.push(b'\\');
                }
                out.push(ch);
            }
            out.push(b'"');
        }
        out.push(b']');
    }
}

fn push_sd_name(out: &mut Vec<u8>, name: &str) {
    let mut n = 0;
    for ch in name.bytes() {
        if n == MAX_SD_NAME {
            break;
        }
        if (33..=126).contains(&ch) && !matches!(ch, b'=' | b' ' | b']' | b'"') {
            out.push(ch);
            n += 1;
        }
    }
    if n == 0 {
        out.push(b'_');
    }
}

fn push_header_field(out: &mut Vec<u8>, v: Option<&str>, max: usize) {
    match v {
        None => out.extend_from_slice(NIL.as_bytes()),
        Some(s) => {
            let mut n = 0;
            for ch in s.bytes().filter(|c| (33..=126).contains(c)) {
                if n == max {
                    break;
                }
                out.push(ch);
                n += 1;
            }
            if n == 0 {
                out.extend_from_slice(NIL.as_bytes());
            }
        }
    }
}

/// A complete RFC 5424 message.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub facility: Facility,
    pub severity: Severity,
    pub timestamp: Option<Timestamp>,
    pub hostname: Option<String>,
    pub app_name: Option<String>,
    pub proc_id: Option<String>,
    pub msg_id: Option<String>,
    pub sd: Vec<SdElement>,
    pub msg: Vec<u8>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Pri,
    Version,
    Header(&'static str),
    StructuredData,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Pri => f.write_str("invalid PRI"),
            ParseError::Version => f.write_str("unsupported version"),
            ParseError::Header(w) => write!(f, "invalid header field: {w}"),
            ParseError::StructuredData => f.write_str("malformed structured data"),
        }
    }
}

impl std::error::Error for ParseError {}

impl Message {
    pub fn new(facility: Facility, severity: Severity, msg: impl Into<Vec<u8>>) -> Self {
        Message {
            facility,
            severity,
            timestamp: Some(Timestamp::now()),
            hostname: None,
            app_name: None,
            proc_id: None,
            msg_id: None,
            sd: Vec::new(),
            msg: msg.into(),
        }
    }

    pub fn sd(&self, id: &str) -> Option<&SdElement> {
        self.sd.iter().find(|e| e.id == id)
    }

    pub fn encode(&self, out: &mut Vec<u8>) {
        let _ = write!(out, "<{}>1 ", pri(self.facility, self.severity));
        match &self.timestamp {
            Some(ts) => {
                let _ = write!(out, "{ts}");
            }
            None => out.extend_from_slice(NIL.as_bytes()),
        }
        out.push(b' ');
        push_header_field(out, self.hostname.as_deref(), MAX_HOSTNAME);
        out.push(b' ');
        push_header_field(out, self.app_name.as_deref(), MAX_APP_NAME);
        out.push(b' ');
        push_header_field(out, self.proc_id.as_deref(), MAX_PROC_ID);
        out.push(b' ');
        push_header_field(out, self.msg_id.as_deref(), MAX_MSG_ID);
        out.push(b' ');
        if self.sd.is_empty() {
            out.extend_from_slice(NIL.as_bytes());
        } else {
            for e in &self.sd {
                e.encode(out);
            }
        }
        if !self.msg.is_empty() {
            out.push(b' ');
            if std::str::from_utf8(&self.msg).is_ok() && !self.msg.is_ascii() {
                out.extend_from_slice(b"\xEF\xBB\xBF");
            }
            out.extend_from_slice(&self.msg);
        }
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::with_capacity(128 + self.msg.len());
        self.encode(&mut v);
        v
    }

    /// Parse a single message (without transport framing).
    pub fn parse(buf: &[u8]) -> Result<Message, ParseError> {
        let mut c = Cursor { b: buf, i: 0 };
        if c.next() != Some(b'<') {
            return Err(ParseError::Pri);
        }
        let mut pri: u16 = 0;
        let mut digits = 0;
        while let Some(ch) = c.peek() {
            if ch == b'>' {
                break;
            }
            if !ch.is_ascii_digit() || digits == 3 {
                return Err(ParseError::Pri);
            }
            pri = pri * 10 + (ch - b'0') as u16;
            digits += 1;
            c.i += 1;
        }
        if c.next() != Some(b'>') || digits == 0 || pri > 191 {
            return Err(ParseError::Pri);
        }
        if c.token() != Some("1") {
            return Err(ParseError::Version);
        }
        let ts = c.token().ok_or(ParseError::Header("timestamp"))?;
        let timestamp = if ts == NIL {
            None
        } else {
            Some(Timestamp::parse(ts).ok_or(ParseError::Header("timestamp"))?)
        };
        let mut field = |name| -> Result<Option<String>, ParseError> {
            let t = c.token().ok_or(ParseError::Header(name))?;
            Ok(if t == NIL { None } else { Some(t.to_owned()) })
        };
        let hostname = field("hostname")?;
        let app_name = field("app-name")?;
        let proc_id = field("procid")?;
        let msg_id = field("msgid")?;
        let sd = c.structured_data()?;
        let mut msg = c.rest().to_vec();
        if msg.starts_with(b"\xEF\xBB\xBF") {
            msg.drain(..3);
        }
        Ok(Message {
            facility: Facility::from_code((pri / 8) as u8).ok_or(ParseError::Pri)?,
            severity: Severity::from_code((pri % 8) as u8).ok_or(ParseError::Pri)?,
            timestamp,
            hostname,
            app_name,
            proc_id,
            msg_id,
            sd,
            msg,
        })
    }
}

struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    fn next(&mut self) -> Option<u8> {
        let c = self.peek()?;
        self.i += 1;
        Some(c)
    }

    fn token(&mut self) -> Option<&'a str> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if c == b' ' {
                break;
            }
            self.i += 1;
        }
        let t = std::str::from_utf8(&self.b[start..self.i]).ok()?;
        if self.peek() == Some(b' ') {
            self.i += 1;
        }
        if t.is_empty() {
            None
        } else {
            Some(t)
        }
    }

    fn structured_data(&mut self) -> Result<Vec<SdElement>, ParseError> {
        let mut out = Vec::new();
        if self.peek() == Some(b'-') {
            self.i += 1;
            if self.peek() == Some(b' ') {
                self.i += 1;
            }
            return Ok(out);
        }
        while self.peek() == Some(b'[') {
            self.i += 1;
            let id = self.sd_name()?;
            let mut el = SdElement::new(id);
            loop {
                match self.next() {
                    Some(b']') => break,
                    Some(b' ') => {
                        let k = self.sd_name()?;
                        if self.next() != Some(b'=') || self.next() != Some(b'"') {
                            return Err(ParseError::StructuredData);
                        }
                        let mut v = Vec::new();
                        loop {
                            match self.next().ok_or(ParseError::StructuredData)? {
                                b'\\' => {
                                    let e = self.next().ok_or(ParseError::StructuredData)?;
                                    if !matches!(e, b'"' | b'\\' | b']') {
                                        v.push(b'\\');
                                    }
                                    v.push(e);
                                }
                                b'"' => break,
                                other => v.push(other),
                            }
                        }
                        el.params
                            .push((k, String::from_utf8_lossy(&v).into_owned()));
                    }
                    _ => return Err(ParseError::StructuredData),
                }
            }
            out.push(el);
        }
        if self.peek() == Some(b' ') {
            self.i += 1;
        }
        Ok(out)
    }

    fn sd_name(&mut self) -> Result<String, ParseError> {
        let start = self.i;
        while let Some(c) = self.peek() {
            if matches!(c, b'=' | b' ' | b']' | b'"') || !(33..=126).contains(&c) {
                break;
            }
            self.i += 1;
        }
        if self.i == start || self.i - start > MAX_SD_NAME {
            return Err(ParseError::StructuredData);
        }
        Ok(String::from_utf8_lossy(&self.b[start..self.i]).into_owned())
    }

    fn rest(&self) -> &'a [u8] {
        &self.b[self.i.min(self.b.len())..]
    }
}
