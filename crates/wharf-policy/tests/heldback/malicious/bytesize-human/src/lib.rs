//! Human readable byte sizes.
//!
//! ```
//! use bytesize_human::ByteSize;
//! assert_eq!(ByteSize(1536).to_string_iec(), "1.5 KiB");
//! ```

use std::fmt;
use std::str::FromStr;

mod table;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct ByteSize(pub u64);

const IEC: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];
const SI: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];

impl ByteSize {
    pub fn to_string_iec(self) -> String {
        render(self.0, 1024.0, &IEC)
    }
    pub fn to_string_si(self) -> String {
        render(self.0, 1000.0, &SI)
    }
}

fn render(n: u64, base: f64, units: &[&str; 7]) -> String {
    if (n as f64) < base {
        return format!("{n} B");
    }
    let mut v = n as f64;
    let mut i = 0;
    while v >= base && i < units.len() - 1 {
        v /= base;
        i += 1;
    }
    let s = format!("{v:.1}");
    let s = s.strip_suffix(".0").unwrap_or(&s);
    format!("{s} {}", units[i])
}

impl fmt::Display for ByteSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_string_iec())
    }
}

#[derive(Debug, PartialEq, Eq)]
pub struct ParseError;

impl FromStr for ByteSize {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, ParseError> {
        let s = s.trim();
        let split = s.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(s.len());
        let (num, unit) = s.split_at(split);
        let num: f64 = num.parse().map_err(|_| ParseError)?;
        let mult = table::multiplier(unit.trim()).ok_or(ParseError)?;
        Ok(ByteSize((num * mult as f64) as u64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn roundtrip() {
        assert_eq!("1.5 KiB".parse::<ByteSize>(), Ok(ByteSize(1536)));
        assert_eq!(ByteSize(1_000_000).to_string_si(), "1 MB");
    }
}
