//! Paste-safe text.
//!
//! `smartpaste` cleans text that came from an untrusted source (web pages,
//! issue trackers, chat) before it is pasted into a terminal:
//!
//! * bidi controls (Trojan Source) are removed,
//! * invisible characters are removed,
//! * homoglyphs are folded to their Basic Latin skeleton,
//! * typographic punctuation is normalised.
//!
//! See [`sanitize`] and, with the `watch` feature, [`Guard`].

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod bidi;
mod fold;
mod shape;
#[cfg(feature = "watch")]
mod watch;

use std::borrow::Cow;

pub use shape::Shape;
#[cfg(feature = "watch")]
pub use watch::{Guard, GuardError};

/// What [`sanitize`] is allowed to change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Policy {
    /// Remove bidirectional embedding / override / isolate controls.
    pub strip_bidi: bool,
    /// Remove zero-width and other default-ignorable characters.
    pub strip_invisible: bool,
    /// Fold single-codepoint confusables to Basic Latin.
    pub fold_confusables: bool,
    /// Normalise typographic quotes, dashes and spaces.
    pub ascii_punct: bool,
    /// Apply whole-token context folds to opaque tokens.
    ///
    /// Off for plain [`sanitize`] calls: the caller knows what the text is.
    /// On for clipboard text, where mixed-script identifiers are common
    /// (pasted from rich-text sources) and must be replaced as a unit.
    pub context_folds: bool,
    /// Convert CRLF / CR line endings to LF.
    pub unix_newlines: bool,
}

impl Default for Policy {
    fn default() -> Self {
        Policy {
            strip_bidi: true,
            strip_invisible: true,
            fold_confusables: true,
            ascii_punct: true,
            context_folds: false,
            unix_newlines: false,
        }
    }
}

impl Policy {
    /// Policy used by the clipboard [`Guard`].
    pub fn clipboard() -> Self {
        Policy { context_folds: true, unix_newlines: true, ..Policy::default() }
    }

    /// Only remove things that are never visible; keep every visible character.
    pub fn minimal() -> Self {
        Policy {
            strip_bidi: true,
            strip_invisible: true,
            fold_confusables: false,
            ascii_punct: false,
            context_folds: false,
            unix_newlines: false,
        }
    }
}

/// Counts of what [`sanitize`] changed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Report {
    /// Bidi controls removed.
    pub bidi_removed: usize,
    /// Invisible characters removed.
    pub invisible_removed: usize,
    /// Characters folded to a Basic Latin skeleton.
    pub folded: usize,
    /// Punctuation characters normalised.
    pub punct: usize,
    /// Opaque tokens replaced as a whole.
    pub tokens: usize,
}

impl Report {
    /// `true` if nothing was changed.
    pub fn is_clean(&self) -> bool {
        *self == Report::default()
    }
}

/// Clean `input` according to `policy`.
///
/// Returns the cleaned text (borrowed when nothing changed) and a [`Report`].
pub fn sanitize<'a>(input: &'a str, policy: &Policy) -> (Cow<'a, str>, Report) {
    let mut report = Report::default();
    let table = fold::table();

    // Fast path: pure printable ASCII without CR never needs work.
    if input.bytes().all(|b| (0x20..0x7f).contains(&b) || b == b'\n' || b == b'\t')
        && !policy.context_folds
    {
        return (Cow::Borrowed(input), report);
    }

    let mut out = String::with_capacity(input.len());
    let mut chars = input.chars().peekable();
    let mut token = String::new();

    let flush = |tok: &mut String, out: &mut String, report: &mut Report| {
        if tok.is_empty() {
            return;
        }
        let shape = Shape::of(tok);
        if shape.is_opaque() {
            match policy.context_folds.then(|| table.context(&shape, tok)).flatten() {
                Some(rep) if rep != tok.as_str() => {
                    out.push_str(rep);
                    report.tokens += 1;
                }
                _ => out.push_str(tok),
            }
        } else if policy.fold_confusables {
            for c in tok.chars() {
                match table.fold(c) {
                    Some(f) => {
                        out.push(f);
                        report.folded += 1;
                    }
                    None => out.push(c),
                }
            }
        } else {
            out.push_str(tok);
        }
        tok.clear();
    };

    while let Some(c) = chars.next() {
        if policy.strip_bidi && bidi::is_bidi_control(c) {
            report.bidi_removed += 1;
            continue;
        }
        if policy.strip_invisible && bidi::is_invisible(c) {
            report.invisible_removed += 1;
            continue;
        }
        if policy.unix_newlines && c == '\r' {
            if chars.peek() == Some(&'\n') {
                chars.next();
            }
            flush(&mut token, &mut out, &mut report);
            out.push('\n');
            continue;
        }
        if policy.ascii_punct {
            if let Some(p) = fold::ascii_punct(c) {
                flush(&mut token, &mut out, &mut report);
                out.push(p);
                report.punct += 1;
                continue;
            }
        }
        if c.is_whitespace() || shape::is_delimiter(c) {
            flush(&mut token, &mut out, &mut report);
            out.push(c);
        } else {
            token.push(c);
        }
    }
    flush(&mut token, &mut out, &mut report);

    if report.is_clean() {
        (Cow::Borrowed(input), report)
    } else {
        (Cow::Owned(out), report)
    }
}

/// `true` if `input` contains anything [`Policy::minimal`] would remove.
pub fn is_suspicious(input: &str) -> bool {
    input.chars().any(|c| bidi::is_bidi_control(c) || bidi::is_invisible(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_untouched() {
        let (s, r) = sanitize("cargo install ripgrep", &Policy::default());
        assert!(matches!(s, Cow::Borrowed(_)));
        assert!(r.is_clean());
    }

    #[test]
    fn bidi_removed() {
        let (s, r) = sanitize("a\u{202E}b\u{2066}c", &Policy::default());
        assert_eq!(s, "abc");
        assert_eq!(r.bidi_removed, 2);
    }

    #[test]
    fn cyrillic_folded() {
        let (s, r) = sanitize("\u{0441}url", &Policy::default());
        assert_eq!(s, "curl");
        assert_eq!(r.folded, 1);
    }

    #[test]
    fn hash_not_folded() {
        let h = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        let (s, _) = sanitize(h, &Policy::default());
        assert_eq!(s, h);
    }
}
