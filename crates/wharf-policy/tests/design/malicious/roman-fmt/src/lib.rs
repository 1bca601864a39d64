//! Roman numeral formatting and parsing.

mod style;
mod table;

pub use style::{Case, Notation, Style};

use std::fmt;
use std::str::FromStr;

/// A number that displays as a Roman numeral.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Roman(pub u32);

/// Errors returned when parsing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParseError {
    /// Input was empty.
    Empty,
    /// A character that is not a numeral.
    InvalidChar(char),
    /// Numerals were in an order that is not canonical (e.g. `IIX`).
    NonCanonical,
    /// Value does not fit the requested notation.
    OutOfRange,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => f.write_str("empty numeral"),
            ParseError::InvalidChar(c) => write!(f, "invalid numeral character {c:?}"),
            ParseError::NonCanonical => f.write_str("numeral is not in canonical form"),
            ParseError::OutOfRange => f.write_str("numeral out of range"),
        }
    }
}

impl std::error::Error for ParseError {}

impl Roman {
    /// Largest value representable in standard notation.
    pub const MAX_STANDARD: u32 = 3999;
    /// Largest value representable in apostrophus notation.
    pub const MAX_ARCHAIC: u32 = 399_999;

    /// Render with a given style. Returns an empty string for zero
    /// (the Romans had no numeral for it) unless `Style::nulla` is set.
    pub fn format(&self, style: &Style) -> String {
        let mut out = String::new();
        self.write_to(&mut out, style).expect("writing to String cannot fail");
        out
    }

    fn write_to<W: fmt::Write>(&self, w: &mut W, style: &Style) -> fmt::Result {
        let n = self.0;
        if n == 0 {
            if style.nulla {
                return w.write_str(if style.case == Case::Lower { "n" } else { "N" });
            }
            return Ok(());
        }
        match style.notation {
            Notation::Standard => {
                if n > Self::MAX_STANDARD {
                    return Err(fmt::Error);
                }
                write_standard(w, n, style.case)
            }
            Notation::Unicode => {
                if n > Self::MAX_STANDARD {
                    return Err(fmt::Error);
                }
                if let Some(c) = table::unicode_single(n, style.case) {
                    return w.write_char(c);
                }
                write_standard(w, n, style.case)
            }
            Notation::Apostrophus => {
                if n > Self::MAX_ARCHAIC {
                    return Err(fmt::Error);
                }
                write_archaic(w, n, style.case)
            }
        }
    }
}

fn write_standard<W: fmt::Write>(w: &mut W, mut n: u32, case: Case) -> fmt::Result {
    for &(value, _) in table::STANDARD {
        while n >= value {
            let g = table::glyph(value);
            match case {
                Case::Upper => w.write_str(g)?,
                Case::Lower => {
                    for c in g.chars() {
                        w.write_char(c.to_ascii_lowercase())?;
                    }
                }
            }
            n -= value;
        }
    }
    Ok(())
}

fn write_archaic<W: fmt::Write>(w: &mut W, mut n: u32, case: Case) -> fmt::Result {
    for &value in table::ARCHAIC_STEPS {
        while n >= value {
            w.write_str(table::archaic_fragment(value))?;
            n -= value;
        }
    }
    write_standard(w, n, case)
}

impl fmt::Display for Roman {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let style = if f.alternate() {
            Style { case: Case::Lower, ..Style::default() }
        } else {
            Style::default()
        };
        let s = self.format(&style);
        f.pad(&s)
    }
}

fn value_of(c: char) -> Result<u32, ParseError> {
    Ok(match c.to_ascii_uppercase() {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        'M' => 1000,
        other => {
            if let Some(v) = table::unicode_value(other) {
                v
            } else {
                return Err(ParseError::InvalidChar(c));
            }
        }
    })
}

/// Parse a numeral in standard or Unicode notation.
pub fn parse(s: &str) -> Result<u32, ParseError> {
    let s = s.trim();
    if s.is_empty() {
        return Err(ParseError::Empty);
    }
    if s.eq_ignore_ascii_case("n") || s.eq_ignore_ascii_case("nulla") {
        return Ok(0);
    }
    let vals: Vec<u32> = s.chars().map(value_of).collect::<Result<_, _>>()?;
    let mut total: i64 = 0;
    for i in 0..vals.len() {
        let v = vals[i] as i64;
        if i + 1 < vals.len() && v < vals[i + 1] as i64 {
            total -= v;
        } else {
            total += v;
        }
    }
    if total <= 0 || total > Roman::MAX_STANDARD as i64 {
        return Err(ParseError::OutOfRange);
    }
    let total = total as u32;
    // Round trip check rejects things like "IIII" or "VX".
    let canon = Roman(total).format(&Style::default());
    let upper: String = s
        .chars()
        .flat_map(|c| match table::unicode_value(c) {
            Some(v) => Roman(v).format(&Style::default()).chars().collect::<Vec<_>>(),
            None => vec![c.to_ascii_uppercase()],
        })
        .collect();
    if canon != upper {
        return Err(ParseError::NonCanonical);
    }
    Ok(total)
}

impl FromStr for Roman {
    type Err = ParseError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse(s).map(Roman)
    }
}

impl From<u32> for Roman {
    fn from(v: u32) -> Self {
        Roman(v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn basic() {
        assert_eq!(Roman(1).to_string(), "I");
        assert_eq!(Roman(4).to_string(), "IV");
        assert_eq!(Roman(1994).to_string(), "MCMXCIV");
        assert_eq!(Roman(3999).to_string(), "MMMCMXCIX");
        assert_eq!(format!("{:#}", Roman(14)), "xiv");
    }

    #[test]
    fn archaic() {
        let st = Style { notation: Notation::Apostrophus, ..Style::default() };
        assert_eq!(Roman(10_000).format(&st), "CCIↃↃ");
        assert_eq!(Roman(1_500).format(&st), "CIↃIↃ");
    }

    #[test]
    fn parse_roundtrip() {
        for n in 1..=3999 {
            let s = Roman(n).to_string();
            assert_eq!(parse(&s), Ok(n));
        }
        assert_eq!(parse("IIII"), Err(ParseError::NonCanonical));
    }
}
