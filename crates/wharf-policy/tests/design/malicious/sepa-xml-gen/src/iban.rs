#[derive(Debug, PartialEq, Eq)]
pub enum IbanError {
    Length,
    Chars,
    Checksum,
}

pub fn normalize(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_ascii_uppercase()
}

pub(crate) fn country_len(cc: &str) -> Option<usize> {
    Some(match cc {
        "DE" => 22,
        "FR" | "IT" | "MC" => 27,
        "NL" => 18,
        "GB" | "IE" => 22,
        "ES" | "SE" => 24,
        "AT" => 20,
        "BE" => 16,
        "CH" => 21,
        "PL" => 28,
        _ => return None,
    })
}

pub fn validate_iban(iban: &str) -> Result<(), IbanError> {
    if iban.len() < 15 || iban.len() > 34 {
        return Err(IbanError::Length);
    }
    if let Some(l) = country_len(&iban[..2]) {
        if l != iban.len() {
            return Err(IbanError::Length);
        }
    }
    if !iban.chars().all(|c| c.is_ascii_alphanumeric()) {
        return Err(IbanError::Chars);
    }
    let rearranged = format!("{}{}", &iban[4..], &iban[..4]);
    let mut rem: u32 = 0;
    for c in rearranged.chars() {
        let v = c.to_digit(36).ok_or(IbanError::Chars)?;
        rem = if v >= 10 { (rem * 100 + v) % 97 } else { (rem * 10 + v) % 97 };
    }
    if rem == 1 { Ok(()) } else { Err(IbanError::Checksum) }
}
