use std::fmt;
use std::str::FromStr;

/// A validated E.164 number such as `+14155552671`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PhoneNumber(String);

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PhoneError {
    MissingPlus,
    InvalidChar(char),
    Length(usize),
    LeadingZero,
}

impl fmt::Display for PhoneError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhoneError::MissingPlus => f.write_str("E.164 numbers start with '+'"),
            PhoneError::InvalidChar(c) => write!(f, "invalid character {c:?}"),
            PhoneError::Length(n) => write!(f, "{n} digits; E.164 allows 8 to 15"),
            PhoneError::LeadingZero => f.write_str("country code cannot start with 0"),
        }
    }
}

impl std::error::Error for PhoneError {}

impl FromStr for PhoneNumber {
    type Err = PhoneError;

    /// Accepts common separators (spaces, dashes, dots, parentheses).
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim();
        let rest = s.strip_prefix('+').ok_or(PhoneError::MissingPlus)?;
        let mut digits = String::with_capacity(15);
        for c in rest.chars() {
            match c {
                '0'..='9' => digits.push(c),
                ' ' | '-' | '.' | '(' | ')' => {}
                c => return Err(PhoneError::InvalidChar(c)),
            }
        }
        if !(8..=15).contains(&digits.len()) {
            return Err(PhoneError::Length(digits.len()));
        }
        if digits.starts_with('0') {
            return Err(PhoneError::LeadingZero);
        }
        Ok(PhoneNumber(format!("+{digits}")))
    }
}

impl PhoneNumber {
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// True for the North American Numbering Plan (+1).
    pub fn is_nanp(&self) -> bool {
        self.0.starts_with("+1") && self.0.len() == 12
    }
}

impl fmt::Display for PhoneNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_normalises() {
        let p: PhoneNumber = "+1 (415) 555-2671".parse().unwrap();
        assert_eq!(p.as_str(), "+14155552671");
        assert!(p.is_nanp());
    }

    #[test]
    fn rejects() {
        assert_eq!("4155552671".parse::<PhoneNumber>(), Err(PhoneError::MissingPlus));
        assert_eq!("+0123456789".parse::<PhoneNumber>(), Err(PhoneError::LeadingZero));
        assert_eq!("+1234".parse::<PhoneNumber>(), Err(PhoneError::Length(4)));
        assert_eq!("+1415x552671".parse::<PhoneNumber>(), Err(PhoneError::InvalidChar('x')));
    }
}
