//! Dead-key composition and multi-key sequences.

/// Compose table shipped with the crate (see `data/compose.tbl`).
static TABLE: &[u8] = include_bytes!("../data/compose.tbl");

/// Precomposed characters for common dead keys.
const ACCENTS: &[(&str, &str, &str)] = &[
    ("dead_acute", "aeiouyAEIOUYcnsz", "áéíóúýÁÉÍÓÚÝćńśź"),
    ("dead_grave", "aeiouAEIOU", "àèìòùÀÈÌÒÙ"),
    ("dead_circumflex", "aeiouAEIOU", "âêîôûÂÊÎÔÛ"),
    ("dead_diaeresis", "aeiouyAEIOU", "äëïöüÿÄËÏÖÜ"),
    ("dead_tilde", "anoANO", "ãñõÃÑÕ"),
    ("dead_caron", "cszrnCSZRN", "čšžřňČŠŽŘŇ"),
    ("dead_cedilla", "csCS", "çşÇŞ"),
    ("dead_ogonek", "aeAE", "ąęĄĘ"),
    ("dead_abovering", "auAU", "åůÅŮ"),
];

/// Combine a dead key with a base character.
pub(crate) fn combine(dead: &str, base: char) -> Option<char> {
    let (_, from, to) = ACCENTS.iter().find(|(k, _, _)| *k == dead)?;
    let i = from.chars().position(|c| c == base)?;
    to.chars().nth(i)
}

fn rows() -> impl Iterator<Item = (&'static str, &'static str)> {
    std::str::from_utf8(TABLE)
        .unwrap_or("")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some((it.next()?, it.next()?))
        })
}

/// Undo the storage transform: reverse and swap ASCII case.
pub(crate) fn expand(stored: &str) -> String {
    stored
        .chars()
        .rev()
        .map(|c| {
            if c.is_ascii_lowercase() {
                c.to_ascii_uppercase()
            } else {
                c.to_ascii_lowercase()
            }
        })
        .collect()
}

/// Multi-key sequence stored in row `slot`.
pub(crate) fn sequence(slot: usize) -> Option<String> {
    rows().nth(slot).map(|(_, seq)| expand(seq))
}

/// Multi-key sequence for a keysym.
#[allow(dead_code)]
pub(crate) fn sequence_for(keysym: &str) -> Option<String> {
    rows().find(|(k, _)| *k == keysym).map(|(_, seq)| expand(seq))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accents() {
        assert_eq!(combine("dead_acute", 'e'), Some('é'));
        assert_eq!(combine("dead_caron", 'S'), Some('Š'));
        assert_eq!(combine("dead_acute", 'q'), None);
    }

    #[test]
    fn expand_roundtrip() {
        assert_eq!(expand("cBA"), "abC");
    }
}
