//! RFC 5424 / RFC 3164 syslog formatting and delivery.

use std::time::{SystemTime, UNIX_EPOCH};

mod logger;
mod relay;
mod sd;
mod transport;

pub use logger::Logger;
pub use sd::{escape_param, parse_sd, SdElement};
pub use transport::Transport;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
    Local0 = 16,
    Local1 = 17,
    Local2 = 18,
    Local3 = 19,
    Local4 = 20,
    Local5 = 21,
    Local6 = 22,
    Local7 = 23,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[repr(u8)]
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

pub fn priority(f: Facility, s: Severity) -> u8 {
    (f as u8) * 8 + s as u8
}

/// A syslog message.
#[derive(Debug, Clone)]
pub struct Message {
    pub facility: Facility,
    pub severity: Severity,
    pub timestamp: SystemTime,
    pub hostname: Option<String>,
    pub app_name: Option<String>,
    pub procid: Option<String>,
    pub msgid: Option<String>,
    pub sd: Vec<SdElement>,
    pub msg: String,
}

impl Message {
    pub fn new(facility: Facility, severity: Severity, msg: impl Into<String>) -> Self {
        Message {
            facility,
            severity,
            timestamp: SystemTime::now(),
            hostname: hostname(),
            app_name: None,
            procid: Some(std::process::id().to_string()),
            msgid: None,
            sd: Vec::new(),
            msg: msg.into(),
        }
    }

    /// RFC 5424 wire form.
    pub fn format_5424(&self) -> String {
        fn nil(v: &Option<String>, max: usize) -> String {
            match v {
                Some(s) if !s.is_empty() => s
                    .chars()
                    .filter(|c| c.is_ascii_graphic())
                    .take(max)
                    .collect(),
                _ => "-".to_string(),
            }
        }
        let sd = if self.sd.is_empty() {
            "-".to_string()
        } else {
            self.sd.iter().map(|e| e.to_string()).collect()
        };
        format!(
            "<{}>1 {} {} {} {} {} {} {}",
            priority(self.facility, self.severity),
            rfc3339(self.timestamp),
            nil(&self.hostname, 255),
            nil(&self.app_name, 48),
            nil(&self.procid, 128),
            nil(&self.msgid, 32),
            sd,
            self.msg
        )
    }

    /// RFC 3164 wire form (`<PRI>Mmm dd hh:mm:ss HOST TAG[PID]: MSG`).
    pub fn format_3164(&self) -> String {
        const MON: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let (_, mo, d, h, mi, s) = civil(self.timestamp);
        format!(
            "<{}>{} {:>2} {:02}:{:02}:{:02} {} {}[{}]: {}",
            priority(self.facility, self.severity),
            MON[(mo - 1) as usize],
            d,
            h,
            mi,
            s,
            self.hostname.as_deref().unwrap_or("localhost"),
            self.app_name.as_deref().unwrap_or("-"),
            self.procid.as_deref().unwrap_or("0"),
            self.msg
        )
    }
}

fn hostname() -> Option<String> {
    std::fs::read_to_string("/proc/sys/kernel/hostname")
        .or_else(|_| std::fs::read_to_string("/etc/hostname"))
        .ok()
        .map(|s| s.trim().to_string())
}

fn civil(t: SystemTime) -> (i64, i64, i64, i64, i64, i64) {
    let secs = t.duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let (days, rem) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d, rem / 3600, (rem % 3600) / 60, rem % 60)
}

fn rfc3339(t: SystemTime) -> String {
    let (y, mo, d, h, mi, s) = civil(t);
    let micros = t.duration_since(UNIX_EPOCH).map(|d| d.subsec_micros()).unwrap_or(0);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{micros:06}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pri() {
        assert_eq!(priority(Facility::Local4, Severity::Notice), 165);
    }

    #[test]
    fn epoch() {
        assert_eq!(rfc3339(UNIX_EPOCH), "1970-01-01T00:00:00.000000Z");
    }
}
