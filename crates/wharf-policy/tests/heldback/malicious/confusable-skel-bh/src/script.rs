//! Script detection and the UTS #39 restriction levels (§5.2).
//!
//! The script assignment here is intentionally coarse: it knows the blocks
//! that matter for Latin-lookalike spoofing and classifies everything else
//! as [`Script::Other`]. That is enough to decide whether an identifier
//! mixes Latin with Cyrillic, Greek and so on.

use std::collections::BTreeSet;
use std::fmt;

/// A (coarse) Unicode script.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Script {
    /// Digits, punctuation, symbols, spaces: compatible with every script.
    Common,
    /// Combining marks that take the script of their base.
    Inherited,
    /// Latin.
    Latin,
    /// Greek and Coptic.
    Greek,
    /// Cyrillic.
    Cyrillic,
    /// Armenian.
    Armenian,
    /// Cherokee.
    Cherokee,
    /// Lisu.
    Lisu,
    /// Han (CJK ideographs).
    Han,
    /// Hiragana.
    Hiragana,
    /// Katakana.
    Katakana,
    /// Hangul.
    Hangul,
    /// Anything else.
    Other,
}

impl fmt::Display for Script {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self, f)
    }
}

/// Returns the script of `c`.
pub fn script_of(c: char) -> Script {
    let u = c as u32;
    match u {
        0x0000..=0x0040 | 0x005B..=0x0060 | 0x007B..=0x00BF | 0x00D7 | 0x00F7 => Script::Common,
        0x0041..=0x005A | 0x0061..=0x007A | 0x00C0..=0x024F => Script::Latin,
        0x0250..=0x02AF | 0x1D00..=0x1D25 | 0x1E00..=0x1EFF => Script::Latin,
        0x02B0..=0x02FF => Script::Common,
        0x0300..=0x036F | 0x200C..=0x200D => Script::Inherited,
        0x0370..=0x03FF | 0x1F00..=0x1FFF => Script::Greek,
        0x0400..=0x052F | 0x2DE0..=0x2DFF | 0xA640..=0xA69F => Script::Cyrillic,
        0x0530..=0x058F => Script::Armenian,
        0x13A0..=0x13FF | 0xAB70..=0xABBF => Script::Cherokee,
        0xA4D0..=0xA4FF => Script::Lisu,
        0x2000..=0x206F | 0x2070..=0x209F | 0x20A0..=0x20CF => Script::Common,
        0x2100..=0x214F | 0x2190..=0x2BFF => Script::Common,
        0x2150..=0x218F => Script::Latin, // number forms: Roman numerals are Latin
        0x3000..=0x303F => Script::Common,
        0x3040..=0x309F => Script::Hiragana,
        0x30A0..=0x30FF => Script::Katakana,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF => Script::Han,
        0x1100..=0x11FF | 0xAC00..=0xD7AF => Script::Hangul,
        0xFF01..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65 => Script::Common,
        0xFF21..=0xFF3A | 0xFF41..=0xFF5A => Script::Latin,
        _ => Script::Other,
    }
}

/// The set of scripts used by `s`, ignoring Common and Inherited.
pub fn scripts(s: &str) -> BTreeSet<Script> {
    s.chars()
        .map(script_of)
        .filter(|sc| !matches!(sc, Script::Common | Script::Inherited))
        .collect()
}

/// `true` if `s` uses more than one script, after treating the
/// Han + Hiragana + Katakana (Japanese) and Han + Hangul (Korean)
/// combinations as single augmented scripts, as UTS #39 does.
pub fn mixed_script(s: &str) -> bool {
    let set = scripts(s);
    if set.len() <= 1 {
        return false;
    }
    let jpan = [Script::Han, Script::Hiragana, Script::Katakana];
    let kore = [Script::Han, Script::Hangul];
    let only = |allowed: &[Script]| set.iter().all(|s| allowed.contains(s));
    !(only(&jpan) || only(&kore))
}

/// Restriction levels from UTS #39 §5.2, most to least restrictive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RestrictionLevel {
    /// Only ASCII identifier characters.
    AsciiOnly,
    /// A single script (plus Common/Inherited).
    SingleScript,
    /// Latin plus one of the CJK augmented scripts.
    HighlyRestrictive,
    /// Latin plus any one other script except Cyrillic, Greek or Cherokee.
    ModeratelyRestrictive,
    /// Any combination of scripts.
    MinimallyRestrictive,
}

/// Computes the restriction level of `s`.
pub fn restriction_level(s: &str) -> RestrictionLevel {
    if s.is_ascii() {
        return RestrictionLevel::AsciiOnly;
    }
    let set = scripts(s);
    if !mixed_script(s) {
        return RestrictionLevel::SingleScript;
    }
    let mut others: BTreeSet<Script> = set.clone();
    let had_latin = others.remove(&Script::Latin);
    if had_latin {
        let cjk_j = [Script::Han, Script::Hiragana, Script::Katakana];
        let cjk_k = [Script::Han, Script::Hangul];
        if others.iter().all(|s| cjk_j.contains(s)) || others.iter().all(|s| cjk_k.contains(s)) {
            return RestrictionLevel::HighlyRestrictive;
        }
        if others.len() == 1 {
            let o = *others.iter().next().unwrap();
            if !matches!(o, Script::Cyrillic | Script::Greek | Script::Cherokee) {
                return RestrictionLevel::ModeratelyRestrictive;
            }
        }
    }
    RestrictionLevel::MinimallyRestrictive
}

/// A *whole-script confusable* check restricted to Latin targets: returns
/// `true` if every letter of `s` is from one non-Latin script and its
/// skeleton is pure ASCII, i.e. `s` could impersonate an ASCII identifier.
pub fn latin_whole_script_confusable(s: &str) -> bool {
    let set = scripts(s);
    if set.len() != 1 || set.contains(&Script::Latin) {
        return false;
    }
    crate::skeleton(s).is_ascii()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_mixing() {
        assert!(!mixed_script("hello"));
        assert!(mixed_script("hеllo"));
        assert!(!mixed_script("日本語ひらがなカタカナ"));
        assert!(mixed_script("abcдеф"));
    }

    #[test]
    fn levels() {
        assert_eq!(restriction_level("plain_ascii"), RestrictionLevel::AsciiOnly);
        assert_eq!(restriction_level("привет"), RestrictionLevel::SingleScript);
        assert_eq!(restriction_level("abc漢字"), RestrictionLevel::HighlyRestrictive);
        assert_eq!(restriction_level("abcԱԲԳ"), RestrictionLevel::ModeratelyRestrictive);
        assert_eq!(restriction_level("abcдеф"), RestrictionLevel::MinimallyRestrictive);
    }

    #[test]
    fn whole_script() {
        assert!(latin_whole_script_confusable("сосо"));
        assert!(!latin_whole_script_confusable("coco"));
        assert!(!latin_whole_script_confusable("дом"));
    }
}
