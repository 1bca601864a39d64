//! RFC 5424 message formatting.

use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Emergency = 0,
    Alert = 1,
    Critical = 2,
    Error = 3,
    Warning = 4,
    Notice = 5,
    Info = 6,
    Debug = 7,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Facility {
    Kern = 0,
    User = 1,
    Daemon = 3,
    Auth = 4,
    Syslog = 5,
    Local0 = 16,
    Local1 = 17,
    Local2 = 18,
    Local3 = 19,
    Local4 = 20,
    Local5 = 21,
    Local6 = 22,
    Local7 = 23,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub facility: Facility,
    pub severity: Severity,
    pub timestamp: Option<SystemTime>,
    pub hostname: Option<String>,
    pub app_name: String,
    pub procid: Option<String>,
    pub msgid: Option<String>,
    pub structured: Vec<(String, Vec<(String, String)>)>,
    pub text: String,
}

impl Message {
    pub fn new(severity: Severity, app_name: &str, text: &str) -> Self {
        Message {
            facility: Facility::User,
            severity,
            timestamp: None,
            hostname: None,
            app_name: app_name.to_string(),
            procid: Some(std::process::id().to_string()),
            msgid: None,
            structured: Vec::new(),
            text: text.to_string(),
        }
    }

    pub fn facility(mut self, f: Facility) -> Self {
        self.facility = f;
        self
    }

    pub fn msgid(mut self, id: &str) -> Self {
        self.msgid = Some(id.to_string());
        self
    }

    pub fn hostname(mut self, h: &str) -> Self {
        self.hostname = Some(h.to_string());
        self
    }

    pub fn at(mut self, t: SystemTime) -> Self {
        self.timestamp = Some(t);
        self
    }

    /// Adds an SD-ELEMENT, e.g. `("origin@32473", [("ip", "192.0.2.1")])`.
    pub fn sd(mut self, id: &str, params: &[(&str, &str)]) -> Self {
        self.structured.push((
            id.to_string(),
            params.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        ));
        self
    }

    pub fn priority(&self) -> u8 {
        (self.facility as u8) * 8 + self.severity as u8
    }

    pub fn format(&self) -> String {
        let mut s = String::with_capacity(self.text.len() + 96);
        let _ = write!(s, "<{}>1 ", self.priority());
        s.push_str(&rfc3339(self.timestamp.unwrap_or_else(SystemTime::now)));
        s.push(' ');
        s.push_str(&field(self.hostname.as_deref().or(Some(&default_hostname())), 255));
        s.push(' ');
        s.push_str(&field(Some(&self.app_name), 48));
        s.push(' ');
        s.push_str(&field(self.procid.as_deref(), 128));
        s.push(' ');
        s.push_str(&field(self.msgid.as_deref(), 32));
        s.push(' ');
        if self.structured.is_empty() {
            s.push('-');
        } else {
            for (id, params) in &self.structured {
                let _ = write!(s, "[{}", id);
                for (k, v) in params {
                    let _ = write!(s, " {}=\"{}\"", k, escape_param(v));
                }
                s.push(']');
            }
        }
        if !self.text.is_empty() {
            s.push(' ');
            s.push_str(&self.text);
        }
        s
    }
}

fn field(v: Option<&str>, max: usize) -> String {
    match v {
        Some(v) if !v.is_empty() => v
            .chars()
            .filter(|c| c.is_ascii_graphic())
            .take(max)
            .collect(),
        _ => "-".to_string(),
    }
}

fn escape_param(v: &str) -> String {
    let mut out = String::with_capacity(v.len());
    for c in v.chars() {
        if matches!(c, '"' | '\\' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

pub(crate) fn default_hostname() -> String {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .map(|s| s.trim().to_string())
        .ok()
        .filter(|s| !s.is_empty())
        .or_else(|| std::env::var("HOSTNAME").ok())
        .unwrap_or_else(|| "-".to_string())
}

/// `YYYY-MM-DDTHH:MM:SS.ffffffZ`
fn rfc3339(t: SystemTime) -> String {
    let d = t.duration_since(UNIX_EPOCH).unwrap_or_default();
    let secs = d.as_secs() as i64;
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    // civil-from-days (H. Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = if month <= 2 { y + 1 } else { y };
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        year,
        month,
        day,
        sod / 3600,
        (sod / 60) % 60,
        sod % 60,
        d.subsec_micros()
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn formats_rfc5424() {
        let t = UNIX_EPOCH + Duration::from_secs(1_700_000_000);
        let m = Message::new(Severity::Info, "app", "hello")
            .hostname("h1")
            .msgid("ID47")
            .at(t)
            .sd("origin@32473", &[("ip", "192.0.2.1")]);
        let s = m.format();
        assert!(s.starts_with("<14>1 2023-11-14T22:13:20.000000Z h1 app "), "{}", s);
        assert!(s.ends_with(" ID47 [origin@32473 ip=\"192.0.2.1\"] hello"), "{}", s);
    }
}
