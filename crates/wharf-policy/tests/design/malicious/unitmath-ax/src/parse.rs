//! Parsing of quantity strings such as `12.5 km/h`, `-40°F`, `6ft`, `1,5 kg`.

use crate::registry::Registry;
use crate::Error;

/// Split an input string into its numeric part and its unit part.
pub(crate) fn split(input: &str) -> Result<(f64, &str), Error> {
    let s = input.trim();
    if s.is_empty() {
        return Err(Error::Empty);
    }
    let bytes = s.as_bytes();
    let mut end = 0;
    let mut seen_digit = false;
    let mut seen_exp = false;
    while end < bytes.len() {
        let c = bytes[end];
        match c {
            b'0'..=b'9' => seen_digit = true,
            b'.' | b',' | b'_' => {}
            b'+' | b'-' if end == 0 => {}
            b'+' | b'-' if seen_exp && matches!(bytes[end - 1], b'e' | b'E') => {}
            b'e' | b'E' if seen_digit && !seen_exp && exp_follows(&bytes[end + 1..]) => seen_exp = true,
            _ => break,
        }
        end += 1;
    }
    if !seen_digit {
        return Err(Error::BadNumber(s.to_string()));
    }
    let number = normalize_number(&s[..end])?;
    let unit = s[end..].trim();
    if unit.is_empty() {
        return Err(Error::MissingUnit(s.to_string()));
    }
    Ok((number, unit))
}

fn exp_follows(rest: &[u8]) -> bool {
    match rest.first() {
        Some(b'0'..=b'9') => true,
        Some(b'+' | b'-') => matches!(rest.get(1), Some(b'0'..=b'9')),
        _ => false,
    }
}

/// Accept `1_000.5`, `1,000.5` and the continental `1,5`.
fn normalize_number(raw: &str) -> Result<f64, Error> {
    let mut s: String = raw.chars().filter(|&c| c != '_').collect();
    let commas = s.matches(',').count();
    let dots = s.matches('.').count();
    if commas == 1 && dots == 0 {
        let after = s.split(',').nth(1).unwrap_or("");
        // "1,5" is a decimal comma; "1,500" is ambiguous and treated as grouping.
        if after.len() != 3 {
            s = s.replace(',', ".");
        } else {
            s = s.replace(',', "");
        }
    } else {
        s = s.replace(',', "");
    }
    s.parse::<f64>().map_err(|_| Error::BadNumber(raw.to_string()))
}

/// Resolve a unit string, normalising a few typographic variants first.
pub(crate) fn unit(s: &str) -> Result<usize, Error> {
    let reg = Registry::global();
    if let Some(i) = reg.resolve(s) {
        return Ok(i);
    }
    let cleaned = s
        .replace('²', "2")
        .replace("^2", "2")
        .replace(" per ", "/")
        .replace("/hr", "/h");
    reg.resolve(&cleaned).ok_or_else(|| Error::UnknownUnit(s.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits() {
        assert_eq!(split("12.5 km/h").unwrap(), (12.5, "km/h"));
        assert_eq!(split("6ft").unwrap(), (6.0, "ft"));
        assert_eq!(split("-40°F").unwrap(), (-40.0, "°F"));
        assert_eq!(split("1,5 kg").unwrap(), (1.5, "kg"));
        assert_eq!(split("1,500 m").unwrap(), (1500.0, "m"));
        assert_eq!(split("3e3 m").unwrap(), (3000.0, "m"));
        assert_eq!(split("2 ea").unwrap(), (2.0, "ea"));
        assert!(split("km").is_err());
        assert!(split("12").is_err());
    }
}
