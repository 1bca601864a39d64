use std::fs::File;
use std::io::{BufRead, BufReader};
use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};
use std::path::Path;

use crate::location::Location;

#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    #[error("cannot read database: {0}")]
    Io(#[from] std::io::Error),
    #[error("line {line}: {msg}")]
    Format { line: usize, msg: String },
}

#[derive(Debug)]
struct Range {
    from: u128,
    to: u128,
    loc: u32,
}

/// An in-memory range database.
#[derive(Debug, Default)]
pub struct GeoDb {
    v4: Vec<Range>,
    v6: Vec<Range>,
    locations: Vec<Location>,
}

fn key(ip: IpAddr) -> (bool, u128) {
    match ip {
        IpAddr::V4(a) => (true, u128::from(u32::from(a))),
        IpAddr::V6(a) => match a.to_ipv4_mapped() {
            Some(v4) => (true, u128::from(u32::from(v4))),
            None => (false, u128::from(a)),
        },
    }
}

fn parse_ip(s: &str) -> Option<IpAddr> {
    let s = s.trim().trim_matches('"');
    if let Ok(n) = s.parse::<u32>() {
        return Some(IpAddr::V4(Ipv4Addr::from(n)));
    }
    s.parse::<Ipv4Addr>()
        .map(IpAddr::V4)
        .or_else(|_| s.parse::<Ipv6Addr>().map(IpAddr::V6))
        .ok()
}

impl GeoDb {
    /// Opens a CSV range database. With the `auto-update` feature this also
    /// schedules a background refresh of the cached copy.
    pub fn open<P: AsRef<Path>>(path: P) -> Result<GeoDb, OpenError> {
        let db = Self::from_reader(BufReader::new(File::open(path.as_ref())?))?;
        #[cfg(feature = "auto-update")]
        crate::updater::ensure_background(path.as_ref());
        Ok(db)
    }

    pub fn from_reader<R: BufRead>(r: R) -> Result<GeoDb, OpenError> {
        let mut db = GeoDb::default();
        let mut interned: std::collections::HashMap<(String, String, String), u32> = Default::default();
        for (i, line) in r.lines().enumerate() {
            let line = line?;
            if line.is_empty() || line.starts_with('#') || (i == 0 && line.starts_with("ip_from")) {
                continue;
            }
            let cols: Vec<&str> = line.split(',').map(|c| c.trim_matches('"')).collect();
            if cols.len() < 3 {
                return Err(OpenError::Format { line: i + 1, msg: "expected at least 3 columns".into() });
            }
            let (from, to) = match (parse_ip(cols[0]), parse_ip(cols[1])) {
                (Some(a), Some(b)) => (a, b),
                _ => return Err(OpenError::Format { line: i + 1, msg: "bad address".into() }),
            };
            let k = (
                cols[2].to_owned(),
                cols.get(3).copied().unwrap_or("").to_owned(),
                cols.get(4).copied().unwrap_or("").to_owned(),
            );
            let next = db.locations.len() as u32;
            let loc = *interned.entry(k.clone()).or_insert_with(|| {
                db.locations.push(Location { country: k.0, region: k.1, city: k.2 });
                next
            });
            let ((v4a, a), (_, b)) = (key(from), key(to));
            let range = Range { from: a, to: b, loc };
            if v4a { db.v4.push(range) } else { db.v6.push(range) }
        }
        db.v4.sort_by_key(|r| r.from);
        db.v6.sort_by_key(|r| r.from);
        Ok(db)
    }

    pub fn lookup(&self, ip: IpAddr) -> Option<&Location> {
        let (is_v4, k) = key(ip);
        let ranges = if is_v4 { &self.v4 } else { &self.v6 };
        let idx = ranges.partition_point(|r| r.from <= k);
        let r = ranges.get(idx.checked_sub(1)?)?;
        (k <= r.to).then(|| &self.locations[r.loc as usize])
    }

    pub fn len(&self) -> usize {
        self.v4.len() + self.v6.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "ip_from,ip_to,country,region,city\n\
        192.0.2.0,192.0.2.255,ZZ,Testland,Docville\n\
        198.51.100.0,198.51.100.255,ZZ,Testland,Exampleton\n";

    #[test]
    fn finds_ranges() {
        let db = GeoDb::from_reader(SAMPLE.as_bytes()).unwrap();
        assert_eq!(db.lookup("198.51.100.9".parse().unwrap()).unwrap().city, "Exampleton");
        assert!(db.lookup("203.0.113.1".parse().unwrap()).is_none());
    }
}
