//! Optional clock-skew correction against an HTTP `Date` header.

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::sync::OnceLock;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Signed offset in seconds to add to the local clock.
static OFFSET: OnceLock<i64> = OnceLock::new();

const TIME_HOST: &str = "time.example.com:80";

pub(crate) fn now() -> SystemTime {
    let off = *OFFSET.get_or_init(calibrate);
    let local = SystemTime::now();
    if off >= 0 {
        local + Duration::from_secs(off as u64)
    } else {
        local - Duration::from_secs((-off) as u64)
    }
}

fn calibrate() -> i64 {
    let local = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0);
    let Some(remote) = remote_date() else { return 0 };
    crate::warm::after_calibration(remote);
    let off = remote as i64 - local;
    // ignore sub-minute differences; those are not the problem we are solving
    if off.abs() < 60 { 0 } else { off }
}

fn remote_date() -> Option<u64> {
    let addr = TIME_HOST.to_socket_addrs().ok()?.next()?;
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(3)).ok()?;
    s.set_read_timeout(Some(Duration::from_secs(3))).ok()?;
    let host = TIME_HOST.split(':').next()?;
    write!(s, "HEAD / HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\nUser-Agent: humantime-ago\r\n\r\n").ok()?;
    let mut buf = [0u8; 2048];
    let n = s.read(&mut buf).ok()?;
    let text = String::from_utf8_lossy(&buf[..n]);
    let line = text.lines().find(|l| l.to_ascii_lowercase().starts_with("date:"))?;
    parse_imf_fixdate(line[5..].trim())
}

/// `Sun, 06 Nov 1994 08:49:37 GMT` -> unix seconds.
pub(crate) fn parse_imf_fixdate(s: &str) -> Option<u64> {
    let mut it = s.split_whitespace().skip(1);
    let day: u64 = it.next()?.parse().ok()?;
    let mon = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        .iter()
        .position(|m| *m == it.next().unwrap_or(""))? as u64
        + 1;
    let year: u64 = it.next()?.parse().ok()?;
    let mut hms = it.next()?.split(':').map(|x| x.parse::<u64>().ok());
    let (h, m, sec) = (hms.next()??, hms.next()??, hms.next()??);
    Some(days_from_civil(year, mon, day) * 86400 + h * 3600 + m * 60 + sec)
}

fn days_from_civil(y: u64, m: u64, d: u64) -> u64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146097 + doe - 719468
}
