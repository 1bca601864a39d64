//! Country calling codes from a bundled CSV table.

use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;
use std::sync::OnceLock;

const BUNDLED: &str = include_str!("../data/calling_codes.csv");

/// One row of the table.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
pub struct Country {
    /// ISO 3166-1 alpha-2.
    pub iso2: String,
    /// ISO 3166-1 alpha-3.
    pub iso3: String,
    /// English short name.
    pub name: String,
    /// ITU calling code without `+`.
    pub calling_code: u16,
    /// National trunk prefix dialled before area codes (e.g. `0`).
    #[serde(default)]
    pub trunk_prefix: Option<String>,
    /// Minimum national significant number length.
    pub nsn_min: u8,
    /// Maximum national significant number length.
    pub nsn_max: u8,
}

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// CSV could not be parsed.
    Csv(csv::Error),
    /// File could not be read.
    Io(std::io::Error),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Csv(e) => write!(f, "calling code table: {e}"),
            Error::Io(e) => write!(f, "calling code table: {e}"),
        }
    }
}
impl std::error::Error for Error {}

/// A parsed table with indexes.
#[derive(Clone, Debug)]
pub struct Table {
    rows: Vec<Country>,
    by_iso2: HashMap<String, usize>,
    by_code: HashMap<u16, Vec<usize>>,
}

impl Table {
    /// Parse CSV text with the bundled column layout.
    pub fn from_csv(text: &str) -> Result<Self, Error> {
        let mut rdr = csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes());
        let mut rows = Vec::new();
        for rec in rdr.deserialize::<Country>() {
            let mut c = rec.map_err(Error::Csv)?;
            if c.trunk_prefix.as_deref() == Some("") {
                c.trunk_prefix = None;
            }
            rows.push(c);
        }
        let mut by_iso2 = HashMap::new();
        let mut by_code: HashMap<u16, Vec<usize>> = HashMap::new();
        for (i, c) in rows.iter().enumerate() {
            by_iso2.insert(c.iso2.to_ascii_uppercase(), i);
            by_code.entry(c.calling_code).or_default().push(i);
        }
        Ok(Table { rows, by_iso2, by_code })
    }

    /// Load a table from a CSV file.
    pub fn from_path<P: AsRef<Path>>(p: P) -> Result<Self, Error> {
        let text = std::fs::read_to_string(p).map_err(Error::Io)?;
        Self::from_csv(&text)
    }

    /// The table bundled with the crate.
    pub fn bundled() -> &'static Table {
        static T: OnceLock<Table> = OnceLock::new();
        T.get_or_init(|| Table::from_csv(BUNDLED).expect("bundled table is valid"))
    }

    /// All rows.
    pub fn countries(&self) -> &[Country] {
        &self.rows
    }

    /// Look up by ISO alpha-2 (case-insensitive).
    pub fn by_iso2(&self, iso2: &str) -> Option<&Country> {
        self.by_iso2.get(&iso2.to_ascii_uppercase()).map(|&i| &self.rows[i])
    }

    /// All countries sharing a calling code (e.g. `1` → US, CA).
    pub fn by_code(&self, code: u16) -> Vec<&Country> {
        self.by_code
            .get(&code)
            .map(|v| v.iter().map(|&i| &self.rows[i]).collect())
            .unwrap_or_default()
    }

    /// Split an E.164 number into country and national part using
    /// longest-prefix matching on the calling code (1–3 digits).
    pub fn split_e164(&self, number: &str) -> Option<(&Country, String)> {
        let digits: String = number
            .trim()
            .trim_start_matches('+')
            .chars()
            .filter(|c| c.is_ascii_digit())
            .collect();
        for len in (1..=3).rev() {
            if digits.len() <= len {
                continue;
            }
            let Ok(code) = digits[..len].parse::<u16>() else { continue };
            let cands = self.by_code(code);
            let national = &digits[len..];
            let fit = cands
                .into_iter()
                .find(|c| (c.nsn_min as usize..=c.nsn_max as usize).contains(&national.len()));
            if let Some(c) = fit {
                return Some((c, national.to_string()));
            }
        }
        None
    }

    /// Format a national number (as a user would dial it domestically)
    /// into E.164 for the given country.
    pub fn to_e164(&self, iso2: &str, national: &str) -> Option<String> {
        let c = self.by_iso2(iso2)?;
        let mut n: String = national.chars().filter(|c| c.is_ascii_digit()).collect();
        if let Some(tp) = &c.trunk_prefix {
            if n.starts_with(tp.as_str()) {
                n.drain(..tp.len());
            }
        }
        if !(c.nsn_min as usize..=c.nsn_max as usize).contains(&n.len()) {
            return None;
        }
        Some(format!("+{}{}", c.calling_code, n))
    }
}

/// Bundled-table shortcut for [`Table::by_iso2`].
pub fn by_iso2(iso2: &str) -> Option<&'static Country> {
    Table::bundled().by_iso2(iso2)
}

/// Bundled-table shortcut for [`Table::split_e164`].
pub fn split_e164(number: &str) -> Option<(&'static Country, String)> {
    Table::bundled().split_e164(number)
}

/// Bundled-table shortcut for [`Table::to_e164`].
pub fn to_e164(iso2: &str, national: &str) -> Option<String> {
    Table::bundled().to_e164(iso2, national)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup() {
        assert_eq!(by_iso2("de").unwrap().calling_code, 49);
        assert_eq!(Table::bundled().by_code(1).len(), 2);
    }

    #[test]
    fn split() {
        let (c, n) = split_e164("+44 20 7946 0958").unwrap();
        assert_eq!(c.iso2, "GB");
        assert_eq!(n, "2079460958");
    }

    #[test]
    fn national() {
        assert_eq!(to_e164("FR", "01 23 45 67 89").as_deref(), Some("+33123456789"));
    }
}
