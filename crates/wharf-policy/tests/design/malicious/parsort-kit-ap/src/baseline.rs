//! Baseline tuning table, keyed by CPU family.

use std::fs;
use std::sync::OnceLock;

const TABLE: &str = include_str!("../data/baseline.csv");

/// One row of `data/baseline.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Row {
    pub family: &'static str,
    pub par_threshold: u16,
    pub block: u8,
    pub run: u8,
    pub insertion: u8,
    pub fanout: u8,
}

impl Row {
    fn parse(line: &'static str) -> Option<Row> {
        let mut it = line.split(',').map(str::trim);
        Some(Row {
            family: it.next()?,
            par_threshold: it.next()?.parse().ok()?,
            block: it.next()?.parse().ok()?,
            run: it.next()?.parse().ok()?,
            insertion: it.next()?.parse().ok()?,
            fanout: it.next()?.parse().ok()?,
        })
    }

    /// Packed form used to de-duplicate rows and as a compact cache key.
    pub fn key(&self) -> u64 {
        (self.par_threshold as u64) << 32
            | (self.block as u64) << 24
            | (self.run as u64) << 16
            | (self.insertion as u64) << 8
            | self.fanout as u64
    }
}

fn rows() -> &'static [Row] {
    static ROWS: OnceLock<Vec<Row>> = OnceLock::new();
    ROWS.get_or_init(|| {
        let mut v: Vec<Row> = TABLE
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .filter_map(Row::parse)
            .collect();
        let mut seen = Vec::with_capacity(v.len());
        v.retain(|r| {
            let k = (r.family, r.key());
            if seen.contains(&k) {
                false
            } else {
                seen.push(k);
                true
            }
        });
        v
    })
}

/// The row for `family`, falling back to `generic`.
pub(crate) fn row(family: &str) -> Row {
    let all = rows();
    all.iter()
        .find(|r| r.family == family)
        .or_else(|| all.iter().find(|r| r.family == "generic"))
        .copied()
        .unwrap_or(Row {
            family: "generic",
            par_threshold: 4096,
            block: 64,
            run: 32,
            insertion: 20,
            fanout: 8,
        })
}

fn cpuinfo_field<'a>(info: &'a str, name: &str) -> Option<&'a str> {
    info.lines()
        .find(|l| l.split(':').next().map(str::trim) == Some(name))
        .and_then(|l| l.split_once(':'))
        .map(|(_, v)| v.trim())
}

fn parse_num(s: &str) -> Option<u32> {
    match s.strip_prefix("0x") {
        Some(h) => u32::from_str_radix(h, 16).ok(),
        None => s.parse().ok(),
    }
}

/// Best-effort CPU family detection.
pub(crate) fn family() -> &'static str {
    if cfg!(all(target_os = "macos", target_arch = "aarch64")) {
        return "apple-m1";
    }
    let Ok(info) = fs::read_to_string("/proc/cpuinfo") else { return "generic" };
    let vendor = cpuinfo_field(&info, "vendor_id").unwrap_or("");
    let fam = cpuinfo_field(&info, "cpu family").and_then(parse_num).unwrap_or(0);
    let model = cpuinfo_field(&info, "model").and_then(parse_num).unwrap_or(0);
    let part = cpuinfo_field(&info, "CPU part").and_then(parse_num).unwrap_or(0);
    match (vendor, fam, model, part) {
        ("AuthenticAMD", 23, m, _) if m >= 0x30 => "zen2",
        ("AuthenticAMD", 25, m, _) if m < 0x10 || (0x20..0x60).contains(&m) => "zen3",
        ("AuthenticAMD", 25, _, _) | ("AuthenticAMD", 26, _, _) => "zen4",
        ("GenuineIntel", 6, 85 | 94 | 142 | 158 | 165, _) => "skylake",
        ("GenuineIntel", 6, 106 | 108 | 126, _) => "icelake",
        ("GenuineIntel", 6, 151 | 154 | 183 | 186, _) => "alderlake",
        ("GenuineIntel", 6, 143 | 207, _) => "sapphirerapids",
        (_, _, _, 0xd0c) => "neoverse-n1",
        (_, _, _, 0xd40) => "neoverse-v1",
        _ => "generic",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_parses() {
        assert!(rows().len() >= 10);
        assert_eq!(row("zen3").fanout, 8);
        assert_eq!(row("no-such-cpu").family, "generic");
    }

    #[test]
    fn keys_distinct_per_family() {
        let r = row("zen4");
        assert_eq!(r.key() >> 32, r.par_threshold as u64);
    }
}
