//! Confusable detection for identifiers, user names and domain labels,
//! following the *skeleton* algorithm of [UTS #39 §4].
//!
//! Two strings are **confusable** when their skeletons are equal:
//!
//! ```
//! use confusable_skel::{is_confusable, skeleton};
//!
//! assert_eq!(skeleton("раураl"), "paypal");     // Cyrillic р, а, у
//! assert!(is_confusable("ѕсоре", "scope"));
//! assert!(!is_confusable("scope", "slope"));
//! ```
//!
//! The crate ships a subset of the upstream data restricted to characters
//! whose prototype is Basic Latin, which covers the overwhelmingly common
//! spoofing cases (Cyrillic/Greek/Armenian/Cherokee homoglyphs, Roman
//! numerals, Lisu, dash and space variants, fullwidth forms). It does not
//! depend on a normalisation crate; if you need full NFD before mapping,
//! normalise first or enable the `external-nfkd` path (see [`external`]).
//!
//! [UTS #39 §4]: https://www.unicode.org/reports/tr39/#Confusable_Detection

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod generated {
    include!(concat!(env!("OUT_DIR"), "/table.rs"));
}

pub mod external;
pub mod script;

use std::borrow::Cow;

pub use script::{mixed_script, restriction_level, RestrictionLevel, Script};

/// Version of the Unicode confusables data compiled into this build.
pub fn data_version() -> &'static str {
    generated::DATA_VERSION
}

const FW_FIRST: u32 = 0xFF01;
const FW_LAST: u32 = 0xFF5E;
const FW_DELTA: u32 = 0xFEE0;

/// Returns the prototype (Basic Latin) sequence for `c`, if `c` is listed as
/// confusable with something else.
///
/// Fullwidth ASCII variants map to their ASCII counterpart.
pub fn prototype(c: char) -> Option<Cow<'static, str>> {
    if let Ok(i) = generated::TABLE.binary_search_by_key(&c, |&(k, _)| k) {
        return Some(Cow::Borrowed(generated::TABLE[i].1));
    }
    let u = c as u32;
    if (FW_FIRST..=FW_LAST).contains(&u) {
        let ascii = char::from_u32(u - FW_DELTA)?;
        return Some(Cow::Owned(ascii.to_string()));
    }
    None
}

/// Number of entries in the compiled table (useful for diagnostics).
pub fn table_len() -> usize {
    generated::TABLE.len()
}

/// Computes the skeleton of `s`.
///
/// Characters without a prototype are copied as-is. Default-ignorable
/// characters (zero-width joiners, variation selectors, soft hyphens, BOM)
/// are removed first, as upstream does.
pub fn skeleton(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_default_ignorable(c) {
            continue;
        }
        match prototype(c) {
            Some(p) => out.push_str(&p),
            None => out.push(c),
        }
    }
    out
}

/// Like [`skeleton`] but borrows when nothing changes.
pub fn skeleton_cow(s: &str) -> Cow<'_, str> {
    let needs = s
        .chars()
        .any(|c| is_default_ignorable(c) || prototype(c).map_or(false, |p| p != c.to_string()));
    if needs {
        Cow::Owned(skeleton(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// `true` when `a` and `b` have the same skeleton.
pub fn is_confusable(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Cheap rejection: skeletons never change the number of non-ignorable
    // characters by more than the expansion factor of the table (2 here).
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la > 2 * lb + 4 || lb > 2 * la + 4 {
        return false;
    }
    skeleton(a) == skeleton(b)
}

/// Finds every entry of `known` that `candidate` is confusable with but not
/// equal to. Typical use: checking a new user name against existing ones.
pub fn confusable_with<'k, I>(candidate: &str, known: I) -> Vec<&'k str>
where
    I: IntoIterator<Item = &'k str>,
{
    let sk = skeleton(candidate);
    known
        .into_iter()
        .filter(|k| *k != candidate && skeleton(k) == sk)
        .collect()
}

/// A precomputed index for checking many candidates against a fixed set.
#[derive(Debug, Default, Clone)]
pub struct SkeletonIndex {
    entries: std::collections::HashMap<String, Vec<String>>,
}

impl SkeletonIndex {
    /// Creates an empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name` to the index. Returns the names already present that are
    /// confusable with it.
    pub fn insert(&mut self, name: &str) -> Vec<String> {
        let slot = self.entries.entry(skeleton(name)).or_default();
        let clashes = slot.iter().filter(|n| n.as_str() != name).cloned().collect();
        if !slot.iter().any(|n| n == name) {
            slot.push(name.to_owned());
        }
        clashes
    }

    /// Returns the indexed names confusable with `name` (excluding itself).
    pub fn lookup(&self, name: &str) -> Vec<&str> {
        self.entries
            .get(&skeleton(name))
            .map(|v| v.iter().map(String::as_str).filter(|n| *n != name).collect())
            .unwrap_or_default()
    }

    /// Number of distinct skeletons.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// `true` if nothing was inserted.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Default-ignorable code points relevant to spoofing (subset of
/// `Default_Ignorable_Code_Point`).
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c as u32,
        0x00AD
            | 0x034F
            | 0x061C
            | 0x115F..=0x1160
            | 0x17B4..=0x17B5
            | 0x180B..=0x180F
            | 0x200B..=0x200F
            | 0x202A..=0x202E
            | 0x2060..=0x206F
            | 0x3164
            | 0xFE00..=0xFE0F
            | 0xFEFF
            | 0xFFA0
            | 0xFFF0..=0xFFF8
            | 0xE0000..=0xE0FFF
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cyrillic_latin() {
        assert_eq!(skeleton("раураl"), "paypal");
        assert!(is_confusable("аррӏе", "apple"));
    }

    #[test]
    fn ascii_prototypes() {
        // Upstream maps some ASCII to other ASCII.
        assert_eq!(skeleton("m"), "rn");
        assert_eq!(skeleton("I1|"), "lll");
        assert!(is_confusable("modern", "rnodern"));
    }

    #[test]
    fn fullwidth() {
        assert_eq!(skeleton("ｓｃｏｐｅ"), "scope");
        assert_eq!(prototype('Ａ').as_deref(), Some("A"));
    }

    #[test]
    fn ignorables_dropped() {
        assert_eq!(skeleton("ad\u{200B}min"), skeleton("admin"));
        assert_eq!(skeleton("\u{FEFF}root"), "root");
    }

    #[test]
    fn cow_borrows_when_clean() {
        assert!(matches!(skeleton_cow("hello_world"), Cow::Borrowed(_)));
        assert!(matches!(skeleton_cow("hеllo"), Cow::Owned(_)));
    }

    #[test]
    fn index() {
        let mut idx = SkeletonIndex::new();
        assert!(idx.insert("alice").is_empty());
        assert_eq!(idx.insert("аlice"), vec!["alice".to_string()]);
        assert_eq!(idx.lookup("alicе"), vec!["alice", "аlice"]);
    }

    #[test]
    fn table_sorted() {
        assert!(generated::TABLE.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(table_len() > 100);
    }
}
