use std::fmt;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub country: String,
    pub region: String,
    pub city: String,
}

impl Location {
    pub fn country_flag(&self) -> Option<String> {
        let mut chars = self.country.chars();
        let (a, b) = (chars.next()?, chars.next()?);
        if !a.is_ascii_uppercase() || !b.is_ascii_uppercase() {
            return None;
        }
        let base = 0x1F1E6u32 - u32::from('A');
        Some([a, b].iter().filter_map(|c| char::from_u32(base + u32::from(*c))).collect())
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.city.is_empty(), self.region.is_empty()) {
            (false, false) => write!(f, "{}, {}, {}", self.city, self.region, self.country),
            (false, true) => write!(f, "{}, {}", self.city, self.country),
            _ => f.write_str(&self.country),
        }
    }
}
