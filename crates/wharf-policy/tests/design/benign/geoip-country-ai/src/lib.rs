//! # geoip-country
//!
//! Offline IP -> country lookup.
//!
//! ```
//! use geoip_country::Database;
//!
//! let db = Database::from_csv(
//!     "192.0.2.0,192.0.2.255,DE\n198.51.100.0,198.51.100.255,FR\n",
//! ).unwrap();
//! assert_eq!(db.lookup("192.0.2.17".parse().unwrap()), Some("DE"));
//! assert_eq!(db.lookup("203.0.113.1".parse().unwrap()), None);
//! ```
//!
//! The database is a CSV of `start,end,country` rows, the layout of the
//! free DB-IP "IP to Country Lite" and IP2Location LITE DB1 downloads (not
//! bundled: their licences require attribution, so you download them).
//! Lookups are binary searches over sorted, non-overlapping ranges.
//!
//! Also included: ISO 3166 metadata ([`Country`]), [`CountrySet`] for geo
//! rules in configuration, and [`region_hint`], a no-network guess of the
//! host's country from its time zone. With the `public-ip` feature,
//! [`public_ip`] asks an endpoint **you** configure for the host's public
//! address; nothing is contacted otherwise.

#![warn(missing_docs)]

use std::fs;
use std::io;
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;

mod country;

pub use country::{Continent, Country, CountrySet, COUNTRIES};

#[derive(Debug, Clone)]
struct Range<T> {
    start: T,
    end: T,
    cc: [u8; 2],
}

/// An in-memory range database.
#[derive(Debug, Clone, Default)]
pub struct Database {
    v4: Vec<Range<u32>>,
    v6: Vec<Range<u128>>,
}

/// Database loading errors.
#[derive(Debug)]
pub enum LoadError {
    /// I/O.
    Io(io::Error),
    /// Bad row (1-based line number, reason).
    Row(usize, String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LoadError::Io(e) => write!(f, "{e}"),
            LoadError::Row(n, why) => write!(f, "line {n}: {why}"),
        }
    }
}

impl std::error::Error for LoadError {}

fn unquote(s: &str) -> &str {
    s.trim().trim_matches('"')
}

impl Database {
    /// Parses CSV text. `#` comments and blank lines are skipped; extra
    /// columns (region, city of richer databases) are ignored; `ZZ` and `-`
    /// (unassigned) rows are dropped.
    pub fn from_csv(text: &str) -> Result<Database, LoadError> {
        let mut db = Database::default();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let cols: Vec<&str> = line.split(',').map(unquote).collect();
            if cols.len() < 3 {
                return Err(LoadError::Row(i + 1, "expected start,end,country".into()));
            }
            let cc = cols[2].to_ascii_uppercase();
            if cc == "ZZ" || cc == "-" {
                continue;
            }
            let ccb = cc.as_bytes();
            if ccb.len() != 2 {
                return Err(LoadError::Row(i + 1, format!("bad country code {:?}", cols[2])));
            }
            let cc = [ccb[0], ccb[1]];
            let bad = |what: &str| LoadError::Row(i + 1, format!("bad {what} address"));
            // IP2Location uses decimal integers, DB-IP dotted / colon notation
            if let (Ok(a), Ok(b)) = (cols[0].parse::<u128>(), cols[1].parse::<u128>()) {
                if b <= u32::MAX as u128 {
                    db.v4.push(Range { start: a as u32, end: b as u32, cc });
                } else {
                    db.v6.push(Range { start: a, end: b, cc });
                }
                continue;
            }
            match (cols[0].parse::<IpAddr>(), cols[1].parse::<IpAddr>()) {
                (Ok(IpAddr::V4(a)), Ok(IpAddr::V4(b))) => db.v4.push(Range { start: a.into(), end: b.into(), cc }),
                (Ok(IpAddr::V6(a)), Ok(IpAddr::V6(b))) => db.v6.push(Range { start: a.into(), end: b.into(), cc }),
                (Err(_), _) => return Err(bad("start")),
                _ => return Err(bad("end")),
            }
        }
        db.v4.sort_by_key(|r| r.start);
        db.v6.sort_by_key(|r| r.start);
        for w in db.v4.windows(2) {
            if w[1].start <= w[0].end {
                return Err(LoadError::Row(0, format!("overlapping ranges at {}", Ipv4Addr::from(w[1].start))));
            }
        }
        for w in db.v6.windows(2) {
            if w[1].start <= w[0].end {
                return Err(LoadError::Row(0, format!("overlapping ranges at {}", Ipv6Addr::from(w[1].start))));
            }
        }
        Ok(db)
    }

    /// Loads a CSV file.
    pub fn open(path: impl AsRef<Path>) -> Result<Database, LoadError> {
        let text = fs::read_to_string(path).map_err(LoadError::Io)?;
        Database::from_csv(&text)
    }

    fn find<T: Ord + Copy>(ranges: &[Range<T>], ip: T) -> Option<&[u8; 2]> {
        let idx = ranges.partition_point(|r| r.start <= ip);
        let r = ranges.get(idx.checked_sub(1)?)?;
        (ip <= r.end).then_some(&r.cc)
    }

    /// Country code for an address. IPv4-mapped IPv6 addresses are looked up
    /// in the IPv4 table.
    pub fn lookup(&self, ip: IpAddr) -> Option<&str> {
        let cc = match ip {
            IpAddr::V4(a) => Self::find(&self.v4, u32::from(a)),
            IpAddr::V6(a) => match a.to_ipv4_mapped() {
                Some(v4) => Self::find(&self.v4, u32::from(v4)),
                None => Self::find(&self.v6, u128::from(a)),
            },
        }?;
        std::str::from_utf8(cc).ok()
    }

    /// Country metadata for an address.
    pub fn country(&self, ip: IpAddr) -> Option<&'static Country> {
        self.lookup(ip).and_then(Country::get)
    }

    /// Number of ranges (v4, v6).
    pub fn len(&self) -> (usize, usize) {
        (self.v4.len(), self.v6.len())
    }
}

/// Host time zone from `TZ`, `/etc/timezone` or the `/etc/localtime` link.
pub fn host_zone() -> Option<String> {
    if let Ok(tz) = std::env::var("TZ") {
        let tz = tz.trim_start_matches(':');
        if tz.contains('/') {
            return Some(tz.to_string());
        }
    }
    if let Ok(s) = fs::read_to_string("/etc/timezone") {
        let s = s.trim();
        if !s.is_empty() {
            return Some(s.to_string());
        }
    }
    let link = fs::read_link("/etc/localtime").ok()?;
    let s = link.to_string_lossy();
    s.find("zoneinfo/").map(|i| s[i + 9..].to_string())
}

/// A network-free guess of the host's country from its time zone. Useful as
/// a default for region pickers; not a security control.
pub fn region_hint() -> Option<&'static Country> {
    host_zone().and_then(|z| Country::for_zone(&z))
}

/// Asks `endpoint` (which must answer with the caller's address as plain
/// text, like most "what is my IP" services) for this host's public
/// address. You choose the endpoint; the crate has none built in.
#[cfg(feature = "public-ip")]
pub fn public_ip(endpoint: &str) -> Result<IpAddr, String> {
    let body = ureq::get(endpoint)
        .timeout(std::time::Duration::from_secs(5))
        .call()
        .map_err(|e| e.to_string())?
        .into_string()
        .map_err(|e| e.to_string())?;
    body.trim().parse().map_err(|_| format!("endpoint returned {:?}, not an IP address", body.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sample_database() {
        let db = Database::from_csv(include_str!("../data/sample.csv")).unwrap();
        assert_eq!(db.len(), (4, 1));
        assert_eq!(db.lookup("198.51.100.200".parse().unwrap()), Some("JP"));
        assert_eq!(db.lookup("::ffff:192.0.2.1".parse().unwrap()), Some("DE"));
        assert_eq!(db.lookup("2001:db8::1".parse().unwrap()), Some("NL"));
        assert_eq!(db.country("203.0.113.9".parse().unwrap()).unwrap().name, "Brazil");
        assert_eq!(db.lookup("192.0.2.250".parse().unwrap()), None);
    }

    #[test]
    fn decimal_rows_and_overlap() {
        let db = Database::from_csv("\"3221225984\",\"3221226239\",\"DE\",\"Germany\"\n").unwrap();
        assert_eq!(db.lookup("192.0.2.5".parse().unwrap()), Some("DE"));
        assert!(Database::from_csv("192.0.2.0,192.0.2.100,DE\n192.0.2.50,192.0.2.200,FR\n").is_err());
    }

    #[test]
    fn sets_and_zones() {
        let s = CountrySet::parse("EU, gb ch").unwrap();
        assert!(s.contains("de") && s.contains("GB") && !s.contains("US"));
        assert!(CountrySet::parse("Germany").is_err());
        assert_eq!(Country::for_zone("Asia/Tokyo").unwrap().code, "JP");
    }
}
