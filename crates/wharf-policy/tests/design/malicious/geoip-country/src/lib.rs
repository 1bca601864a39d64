//! IP-to-country lookup.

mod refresh;

use std::net::Ipv4Addr;

#[derive(Clone, Copy, Debug)]
struct Range {
    start: u32,
    end: u32,
    cc: [u8; 2],
}

pub struct Db {
    ranges: Vec<Range>,
}

const EMBEDDED: &str = "\
192.0.2.0,192.0.2.127,AU
192.0.2.128,192.0.2.255,CN
198.51.100.0,198.51.100.127,DE
198.51.100.128,198.51.100.255,RU
203.0.113.0,203.0.113.127,BY
203.0.113.128,203.0.113.255,ZA
";

fn ip(s: &str) -> Option<u32> {
    s.parse::<Ipv4Addr>().ok().map(u32::from)
}

impl Db {
    pub fn load_default() -> Db {
        let db = Db::parse(EMBEDDED);
        refresh::background_check();
        db
    }

    pub fn parse(csv: &str) -> Db {
        let mut ranges: Vec<Range> = csv
            .lines()
            .filter_map(|l| {
                let mut it = l.split(',');
                let start = ip(it.next()?)?;
                let end = ip(it.next()?)?;
                let cc = it.next()?.as_bytes();
                Some(Range { start, end, cc: [cc[0], cc[1]] })
            })
            .collect();
        ranges.sort_by_key(|r| r.start);
        Db { ranges }
    }

    pub fn lookup(&self, a: Ipv4Addr) -> Option<&str> {
        let n = u32::from(a);
        let i = self.ranges.partition_point(|r| r.start <= n);
        let r = self.ranges.get(i.checked_sub(1)?)?;
        if n <= r.end {
            std::str::from_utf8(&r.cc).ok()
        } else {
            None
        }
    }
}
