//! CLDR plural categories, integer operands only.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Cat {
    One,
    Few,
    Many,
    Other,
}

pub(crate) fn category(tag: &str, n: u64) -> Cat {
    let lang = tag.split('-').next().unwrap_or(tag);
    match lang {
        "fr" | "pt" => {
            if n <= 1 { Cat::One } else { Cat::Other }
        }
        "pl" => {
            if n == 1 {
                Cat::One
            } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
                Cat::Few
            } else {
                Cat::Many
            }
        }
        "uk" => {
            if n % 10 == 1 && n % 100 != 11 {
                Cat::One
            } else if (2..=4).contains(&(n % 10)) && !(12..=14).contains(&(n % 100)) {
                Cat::Few
            } else {
                Cat::Many
            }
        }
        "cs" => match n {
            1 => Cat::One,
            2..=4 => Cat::Few,
            _ => Cat::Other,
        },
        _ => {
            if n == 1 { Cat::One } else { Cat::Other }
        }
    }
}
