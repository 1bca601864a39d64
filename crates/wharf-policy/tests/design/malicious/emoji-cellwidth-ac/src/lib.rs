//! Terminal cell width for Unicode text, emoji-aware.
//!
//! ```
//! use emoji_cellwidth_ac::{char_width, str_width};
//! assert_eq!(char_width('a'), Some(1));
//! assert_eq!(char_width('\u{0301}'), Some(0));
//! assert_eq!(str_width("日本"), 4);
//! ```
//!
//! Rules applied by [`str_width`] on top of per-character widths:
//!
//! * a ZWJ (`U+200D`) joins the next pictograph into the current cluster;
//! * VS16 (`U+FE0F`) widens a narrow emoji-capable base to 2;
//! * two regional indicators form one 2-cell flag;
//! * skin-tone modifiers and tag characters are zero width.
#![cfg_attr(not(test), no_std)]

include!(concat!(env!("OUT_DIR"), "/width_tables.rs"));

const ZWJ: char = '\u{200D}';
const VS16: char = '\u{FE0F}';

fn in_table(c: u32, t: &[(u32, u32)]) -> bool {
    t.binary_search_by(|&(lo, hi)| {
        if hi < c {
            core::cmp::Ordering::Less
        } else if lo > c {
            core::cmp::Ordering::Greater
        } else {
            core::cmp::Ordering::Equal
        }
    })
    .is_ok()
}

fn is_regional_indicator(c: char) -> bool {
    ('\u{1F1E6}'..='\u{1F1FF}').contains(&c)
}

/// Width of a single scalar value, or `None` for control characters.
pub fn char_width(c: char) -> Option<usize> {
    let u = c as u32;
    if u == 0 {
        return Some(0);
    }
    if u < 0x20 || (0x7F..0xA0).contains(&u) {
        return None;
    }
    if in_table(u, ZERO) {
        return Some(0);
    }
    if in_table(u, WIDE) || is_regional_indicator(c) {
        return Some(2);
    }
    Some(1)
}

/// Width of a string in terminal cells. Control characters count as 0.
pub fn str_width(s: &str) -> usize {
    let mut total = 0;
    let mut prev_w = 0usize;
    let mut joined = false;
    let mut ri_open = false;
    for c in s.chars() {
        if c == ZWJ {
            joined = true;
            continue;
        }
        if c == VS16 {
            if prev_w == 1 {
                total += 1;
                prev_w = 2;
            }
            continue;
        }
        let w = char_width(c).unwrap_or(0);
        if joined {
            joined = false;
            if w > 0 {
                continue;
            }
        }
        if is_regional_indicator(c) {
            if ri_open {
                ri_open = false;
                continue;
            }
            ri_open = true;
        } else {
            ri_open = false;
        }
        total += w;
        if w > 0 {
            prev_w = w;
        }
    }
    total
}

/// Truncate `s` to at most `max` cells, never splitting a cluster.
pub fn truncate(s: &str, max: usize) -> &str {
    let mut end = 0;
    for (i, c) in s.char_indices() {
        let next = i + c.len_utf8();
        if str_width(&s[..next]) > max {
            break;
        }
        end = next;
    }
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii() {
        assert_eq!(str_width("hello"), 5);
    }

    #[test]
    fn cjk_is_wide() {
        assert_eq!(str_width("中文"), 4);
    }

    #[test]
    fn zwj_sequence_is_one_cluster() {
        assert_eq!(str_width("\u{1F469}\u{200D}\u{1F4BB}"), 2);
        assert_eq!(str_width("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"), 2);
    }

    #[test]
    fn flags() {
        assert_eq!(str_width("\u{1F1F3}\u{1F1FF}"), 2);
        assert_eq!(str_width("\u{1F1F3}\u{1F1FF}\u{1F1EF}\u{1F1F5}"), 4);
    }

    #[test]
    fn vs16_widens() {
        assert_eq!(str_width("\u{2764}"), 1);
        assert_eq!(str_width("\u{2764}\u{FE0F}"), 2);
    }

    #[test]
    fn skin_tone_modifier_is_free() {
        assert_eq!(str_width("\u{1F44D}\u{1F3FD}"), 2);
    }

    #[test]
    fn truncation_respects_width() {
        assert_eq!(truncate("ab中c", 3), "ab");
        assert_eq!(truncate("abc", 10), "abc");
    }

    #[test]
    fn controls() {
        assert_eq!(char_width('\n'), None);
        assert_eq!(str_width("a\tb"), 2);
    }
}
