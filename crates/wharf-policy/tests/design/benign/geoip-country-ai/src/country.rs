//! ISO 3166-1 country metadata (subset) and country sets.

use std::fmt;

/// Continent codes as used by GeoNames.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[allow(missing_docs)]
pub enum Continent {
    Africa,
    Antarctica,
    Asia,
    Europe,
    NorthAmerica,
    Oceania,
    SouthAmerica,
}

/// Country metadata.
#[derive(Debug, PartialEq, Eq)]
pub struct Country {
    /// Alpha-2 code.
    pub code: &'static str,
    /// English short name.
    pub name: &'static str,
    /// Continent.
    pub continent: Continent,
    /// EU member state.
    pub eu: bool,
    /// Main IANA time zone (used for zone -> country hints).
    pub zones: &'static [&'static str],
}

use Continent::*;

macro_rules! c {
    ($code:literal, $name:literal, $cont:expr, $eu:literal, [$($z:literal),*]) => {
        Country { code: $code, name: $name, continent: $cont, eu: $eu, zones: &[$($z),*] }
    };
}

/// The table (alphabetical by code).
pub static COUNTRIES: &[Country] = &[
    c!("AR", "Argentina", SouthAmerica, false, ["America/Argentina/Buenos_Aires"]),
    c!("AT", "Austria", Europe, true, ["Europe/Vienna"]),
    c!("AU", "Australia", Oceania, false, ["Australia/Sydney", "Australia/Melbourne", "Australia/Perth", "Australia/Brisbane"]),
    c!("BE", "Belgium", Europe, true, ["Europe/Brussels"]),
    c!("BG", "Bulgaria", Europe, true, ["Europe/Sofia"]),
    c!("BR", "Brazil", SouthAmerica, false, ["America/Sao_Paulo", "America/Manaus"]),
    c!("BY", "Belarus", Europe, false, ["Europe/Minsk"]),
    c!("CA", "Canada", NorthAmerica, false, ["America/Toronto", "America/Vancouver", "America/Montreal"]),
    c!("CH", "Switzerland", Europe, false, ["Europe/Zurich"]),
    c!("CN", "China", Asia, false, ["Asia/Shanghai"]),
    c!("CZ", "Czechia", Europe, true, ["Europe/Prague"]),
    c!("DE", "Germany", Europe, true, ["Europe/Berlin"]),
    c!("DK", "Denmark", Europe, true, ["Europe/Copenhagen"]),
    c!("EE", "Estonia", Europe, true, ["Europe/Tallinn"]),
    c!("EG", "Egypt", Africa, false, ["Africa/Cairo"]),
    c!("ES", "Spain", Europe, true, ["Europe/Madrid", "Atlantic/Canary"]),
    c!("FI", "Finland", Europe, true, ["Europe/Helsinki"]),
    c!("FR", "France", Europe, true, ["Europe/Paris"]),
    c!("GB", "United Kingdom", Europe, false, ["Europe/London"]),
    c!("GR", "Greece", Europe, true, ["Europe/Athens"]),
    c!("HU", "Hungary", Europe, true, ["Europe/Budapest"]),
    c!("IE", "Ireland", Europe, true, ["Europe/Dublin"]),
    c!("IL", "Israel", Asia, false, ["Asia/Jerusalem"]),
    c!("IN", "India", Asia, false, ["Asia/Kolkata", "Asia/Calcutta"]),
    c!("IT", "Italy", Europe, true, ["Europe/Rome"]),
    c!("JP", "Japan", Asia, false, ["Asia/Tokyo"]),
    c!("KR", "South Korea", Asia, false, ["Asia/Seoul"]),
    c!("KZ", "Kazakhstan", Asia, false, ["Asia/Almaty"]),
    c!("LT", "Lithuania", Europe, true, ["Europe/Vilnius"]),
    c!("LV", "Latvia", Europe, true, ["Europe/Riga"]),
    c!("MX", "Mexico", NorthAmerica, false, ["America/Mexico_City"]),
    c!("NG", "Nigeria", Africa, false, ["Africa/Lagos"]),
    c!("NL", "Netherlands", Europe, true, ["Europe/Amsterdam"]),
    c!("NO", "Norway", Europe, false, ["Europe/Oslo"]),
    c!("NZ", "New Zealand", Oceania, false, ["Pacific/Auckland"]),
    c!("PL", "Poland", Europe, true, ["Europe/Warsaw"]),
    c!("PT", "Portugal", Europe, true, ["Europe/Lisbon", "Atlantic/Azores"]),
    c!("RO", "Romania", Europe, true, ["Europe/Bucharest"]),
    c!("RU", "Russia", Europe, false, ["Europe/Moscow", "Asia/Yekaterinburg", "Asia/Novosibirsk", "Asia/Vladivostok"]),
    c!("SE", "Sweden", Europe, true, ["Europe/Stockholm"]),
    c!("SG", "Singapore", Asia, false, ["Asia/Singapore"]),
    c!("TR", "Türkiye", Asia, false, ["Europe/Istanbul"]),
    c!("UA", "Ukraine", Europe, false, ["Europe/Kyiv", "Europe/Kiev"]),
    c!("US", "United States", NorthAmerica, false, ["America/New_York", "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Phoenix", "Pacific/Honolulu"]),
    c!("ZA", "South Africa", Africa, false, ["Africa/Johannesburg"]),
];

impl Country {
    /// Lookup by alpha-2 code (case-insensitive).
    pub fn get(code: &str) -> Option<&'static Country> {
        COUNTRIES.iter().find(|c| c.code.eq_ignore_ascii_case(code))
    }

    /// The country whose main zones include an IANA zone id.
    pub fn for_zone(zone: &str) -> Option<&'static Country> {
        COUNTRIES.iter().find(|c| c.zones.iter().any(|z| *z == zone))
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.name, self.code)
    }
}

/// A set of country codes, e.g. for geo rules in configuration
/// (`"EU,GB,CH"`; the pseudo-code `EU` expands to all member states).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CountrySet {
    codes: Vec<[u8; 2]>,
}

impl CountrySet {
    /// Parses a comma/space separated list.
    pub fn parse(list: &str) -> Result<CountrySet, String> {
        let mut codes = Vec::new();
        for item in list.split(|c: char| c == ',' || c.is_whitespace()).filter(|s| !s.is_empty()) {
            let up = item.to_ascii_uppercase();
            if up == "EU" {
                codes.extend(COUNTRIES.iter().filter(|c| c.eu).map(|c| code_bytes(c.code)));
                continue;
            }
            let b = up.as_bytes();
            if b.len() != 2 || !b.iter().all(u8::is_ascii_uppercase) {
                return Err(format!("not an ISO 3166 alpha-2 code: {item:?}"));
            }
            codes.push([b[0], b[1]]);
        }
        codes.sort();
        codes.dedup();
        Ok(CountrySet { codes })
    }

    /// Membership test.
    pub fn contains(&self, code: &str) -> bool {
        let b = code.as_bytes();
        b.len() == 2 && self.codes.binary_search(&[b[0].to_ascii_uppercase(), b[1].to_ascii_uppercase()]).is_ok()
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Empty set?
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }
}

fn code_bytes(c: &str) -> [u8; 2] {
    let b = c.as_bytes();
    [b[0], b[1]]
}
