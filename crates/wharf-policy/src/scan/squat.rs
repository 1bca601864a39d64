//! Squatting: a package that exists only to hold a name.
//!
//! Real code is counted — items that do something (functions with a body, types, traits, impls,
//! constants, re-exports, macros), outside comments and test modules, in the library, the binaries
//! and the build script — and `cargo new`'s templates are not counted as code. A package with no
//! real code, or whose description says it only holds the name ("reserved", "placeholder",
//! "coming soon"), is flagged for a moderator: squatting is decided by people, over time.

use super::lexer::{tokenize, Token, TokenKind};
use super::score::rules;
use super::vocabulary::{PLACEHOLDER_DESCRIPTIONS, PLACEHOLDER_PHRASES};
use crate::verdict::{Finding, Verdict};

/// Counting stops here: a package with this many items is not empty.
const ENOUGH_ITEMS: u32 = 5;

/// Rust source above this size is real code whatever it holds (nobody pads a squat that much).
const MAX_COUNTED_BYTES: usize = 1 << 20;

/// How much of each file is read for items, unless that part holds none.
const PREFIX: usize = 32 * 1024;

/// How much of each file is read first: most files hold enough items in their first lines. A cut
/// at a line end only leaves brackets open, which can count one item the whole file would not
/// (a `fn main() {` cut before its body, taken for more than `cargo new`'s template), so the
/// first part must hold one item more than enough; otherwise the rest is read.
const FIRST_PREFIX: usize = 4 * 1024;

/// `source` up to the last line end within `limit` bytes (all of it if shorter): cut at a line
/// end, so no token is split.
/// (No line end in the first `limit` bytes: cut at `limit`.)
fn prefix(source: &[u8], limit: usize) -> &[u8] {
    if source.len() > limit {
        let end = memchr::memrchr(b'\n', &source[..limit]).unwrap_or(limit);
        &source[..end]
    } else {
        source
    }
}

/// How much real code the package's targets hold, up to five items; `sources` are the
/// library, binary and build-script files.
pub fn count_items<'a>(sources: impl IntoIterator<Item = &'a [u8]>) -> u32 {
    let mut items = 0;
    let mut total = 0;
    for source in sources {
        total += source.len();
        if total > MAX_COUNTED_BYTES {
            return ENOUGH_ITEMS;
        }
        // Real code shows in its first lines; a squat is small.
        let first = prefix(source, FIRST_PREFIX);
        let cut_at_line_end = first.len() < FIRST_PREFIX;
        if first.len() < source.len()
            && cut_at_line_end
            && items + items_in(&tokenize(&String::from_utf8_lossy(first))) > ENOUGH_ITEMS
        {
            return ENOUGH_ITEMS;
        }
        let prefix = prefix(source, PREFIX);
        let text = String::from_utf8_lossy(prefix);
        let mut found = items_in(&tokenize(&text));
        // Pages of documentation can come first (a crate-level `//!` guide): a file with no item
        // in its first part is read whole, since "defines nothing" can cost a crate its upload.
        if found == 0 && prefix.len() < source.len() {
            found = items_in(&tokenize(&String::from_utf8_lossy(source)));
        }
        items += found;
        if items >= ENOUGH_ITEMS {
            return ENOUGH_ITEMS;
        }
    }
    items
}

fn word<'a>(token: Option<&Token<'a>>) -> Option<&'a str> {
    match token.map(|t| &t.kind) {
        Some(TokenKind::Ident(w)) => Some(w),
        _ => None,
    }
}

fn punct(token: Option<&Token>, c: char) -> bool {
    matches!(token.map(|t| &t.kind), Some(TokenKind::Punct(p)) if *p == c)
}

/// Items in one file's tokens, not counting test modules and cargo's templates.
fn items_in(tokens: &[Token]) -> u32 {
    let mut items = 0;
    let mut i = 0;
    let mut depth = 0usize;
    let mut test_attribute = false;
    while i < tokens.len() {
        let token = &tokens[i];
        match &token.kind {
            TokenKind::Punct('#') if punct(tokens.get(i + 1), '[') => {
                let end = tokens[i..]
                    .iter()
                    .position(|t| matches!(t.kind, TokenKind::Punct(']')))
                    .map_or(tokens.len(), |p| i + p);
                let words: Vec<&str> = tokens[i..end]
                    .iter()
                    .filter_map(|t| word(Some(t)))
                    .collect();
                test_attribute |= words.contains(&"test") && !words.contains(&"not");
                i = end + 1;
                continue;
            }
            TokenKind::Punct('{' | '(' | '[') => depth += 1,
            TokenKind::Punct('}' | ')' | ']') => depth = depth.saturating_sub(1),
            TokenKind::Ident(w) if *w == "mod" && test_attribute => {
                // Skip the whole test module.
                let mut level = 0usize;
                while i < tokens.len() {
                    match tokens[i].kind {
                        TokenKind::Punct('{') => level += 1,
                        // The module's closing brace; or, in broken code (`mod tests }`), the
                        // closing brace of the scope around it, which ends the skip as well.
                        TokenKind::Punct('}') => match level.checked_sub(1) {
                            Some(0) | None => break,
                            Some(inner) => level = inner,
                        },
                        TokenKind::Punct(';') if level == 0 => break,
                        _ => {}
                    }
                    i += 1;
                }
                test_attribute = false;
            }
            TokenKind::Ident(w) if *w == "fn" => {
                let name = word(tokens.get(i + 1)).unwrap_or("");
                // The body: the first `{` before a `;`, outside the signature's brackets
                // (`-> [u8; 32]`).
                let mut level = 0usize;
                let body = tokens[i..]
                    .iter()
                    .position(|t| match t.kind {
                        TokenKind::Punct('(' | '[') => {
                            level += 1;
                            false
                        }
                        TokenKind::Punct(')' | ']') => {
                            level = level.saturating_sub(1);
                            false
                        }
                        TokenKind::Punct('{' | ';') => level == 0,
                        _ => false,
                    })
                    .map(|p| i + p);
                if let Some(open) = body.filter(|&o| punct(tokens.get(o), '{')) {
                    let empty = punct(tokens.get(open + 1), '}');
                    if !empty && !test_attribute && !is_template(name, &tokens[open..]) {
                        items += 1;
                    }
                }
                test_attribute = false;
            }
            TokenKind::Ident(w)
                if matches!(
                    *w,
                    "struct" | "enum" | "trait" | "union" | "impl" | "const" | "static" | "type"
                ) && !test_attribute =>
            {
                items += 1;
            }
            TokenKind::Ident(w)
                if (*w == "use"
                    || (*w == "extern" && word(tokens.get(i + 1)) == Some("crate")))
                    && i > 0
                    && word(tokens.get(i - 1)) == Some("pub") =>
            {
                // A re-export: `pub use other::*;`, `pub extern crate other;`.
                items += 1;
            }
            TokenKind::Ident(_) if depth == 0 && punct(tokens.get(i + 1), '!') => {
                // `macro_rules! x`, `include!(…)`, `pub use`-like macros at the top level.
                items += 1;
            }
            TokenKind::Punct(';') => test_attribute = false,
            _ => {}
        }
        i += 1;
    }
    items
}

/// `cargo new`'s bodies: `left + right` in `add`, "Hello, world!" in `main`.
fn is_template(name: &str, body: &[Token]) -> bool {
    let kinds: Vec<&TokenKind> = body.iter().take(12).map(|t| &t.kind).collect();
    match name {
        "add" => matches!(
            kinds.as_slice(),
            [TokenKind::Punct('{'), TokenKind::Ident(a), TokenKind::Punct('+'), TokenKind::Ident(b), TokenKind::Punct('}'), ..]
                if *a == "left" && *b == "right"
        ),
        "main" => matches!(
            kinds.as_slice(),
            [TokenKind::Punct('{'), TokenKind::Ident(m), TokenKind::Punct('!'), TokenKind::Punct('('), TokenKind::Str(s), TokenKind::Punct(')'), TokenKind::Punct(';'), TokenKind::Punct('}'), ..]
                if *m == "println" && s == "Hello, world!"
        ),
        _ => false,
    }
}

/// The phrase that makes `text` a placeholder announcement, if any.
pub fn placeholder_phrase(text: &str) -> Option<&'static str> {
    let lower = text.to_lowercase();
    let trimmed = lower.trim().trim_end_matches('.');
    if let Some(word) = PLACEHOLDER_DESCRIPTIONS.iter().find(|w| trimmed == **w) {
        return Some(word);
    }
    PLACEHOLDER_PHRASES.iter().copied().find(|phrase| {
        lower.match_indices(phrase).any(|(at, _)| {
            let before = lower[..at].chars().next_back();
            let after = lower[at + phrase.len()..].chars().next();
            !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
        })
    })
}

/// The squatting finding for a package with `items` of real code.
pub fn squatting_findings(
    items: u32,
    description: Option<&str>,
    readme: Option<&str>,
) -> Vec<Finding> {
    let description_phrase = description.and_then(placeholder_phrase);
    // A short readme that says the same counts too; a long one is documentation.
    let readme_phrase = readme
        .filter(|r| r.len() < 2000)
        .and_then(placeholder_phrase);
    let phrase = description_phrase.or(readme_phrase);
    let empty = items == 0;
    let evidence = match (empty, phrase) {
        (true, Some(phrase)) => format!(
            "the package has no code of its own and says \"{phrase}\": it looks like it only holds \
             the name"
        ),
        (true, None) => "the package has no code of its own (nothing but `cargo new`'s template, \
                         comments or empty files): it looks like it only holds the name"
            .to_owned(),
        (false, Some(phrase)) if items < ENOUGH_ITEMS => format!(
            "the package says \"{phrase}\" and holds almost no code ({items} items): it may only \
             hold the name"
        ),
        _ => return Vec::new(),
    };
    vec![Finding {
        rule: rules::SQUATTING.to_owned(),
        severity: Verdict::Flag,
        file: None,
        line: None,
        evidence,
    }]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(source: &str) -> u32 {
        count_items([source.as_bytes()])
    }

    #[test]
    fn templates_comments_and_tests_are_not_code() {
        assert_eq!(items(""), 0);
        assert_eq!(
            items("// just a comment\n/* and another */\n#![no_std]\n"),
            0
        );
        assert_eq!(
            items(
                "pub fn add(left: u64, right: u64) -> u64 {\n    left + right\n}\n\n#[cfg(test)]\nmod tests {\n    use super::*;\n\n    #[test]\n    fn it_works() {\n        let result = add(2, 2);\n        assert_eq!(result, 4);\n    }\n}\n"
            ),
            0
        );
        assert_eq!(
            items("fn main() {\n    println!(\"Hello, world!\");\n}\n"),
            0
        );
        assert_eq!(items("pub fn answer() -> u32 { 42 }"), 1);
        assert_eq!(items("pub fn d(x: &[u8]) -> [u8; 32] { [0; 32] }"), 1);
        assert_eq!(items("pub use other::*;"), 1);
        assert_eq!(items("#![no_std]\npub extern crate other;"), 1);
        assert_eq!(items("extern crate other;"), 0);
        assert_eq!(items("include!(concat!(env!(\"OUT_DIR\"), \"/b.rs\"));"), 1);
        assert_eq!(
            items("pub struct A; pub enum B {} impl A { fn x(&self) { } }"),
            3
        );
    }

    /// Found by the `scanner` fuzz target: a test module's name followed by a closing brace
    /// (`#[cfg(test)] mod tests }`) took the brace count below zero, a panic in a debug build and,
    /// wrapped in a release build, a skip over the rest of the file, whose code was then not
    /// counted.
    #[test]
    fn a_test_module_in_broken_code_ends_at_the_brace() {
        assert_eq!(
            items("#[cfg(test)]\nmod tests }\npub fn a() -> u32 { 1 }\npub struct B;"),
            2
        );
    }

    /// `structopt` 0.3.26 opens its `lib.rs` with 32 KiB of crate documentation.
    #[test]
    fn code_after_pages_of_documentation_counts() {
        let guide = "//! A long guide, line after line of it.\n".repeat(1200);
        assert!(guide.len() > PREFIX);
        assert_eq!(
            items(&format!(
                "{guide}pub trait Parse {{}}\npub use derive::*;\n"
            )),
            2
        );
        assert_eq!(items(&guide), 0);
    }

    #[test]
    fn placeholder_descriptions() {
        assert_eq!(
            placeholder_phrase("Name reserved for future use"),
            Some("reserved")
        );
        assert_eq!(placeholder_phrase("Coming soon!"), Some("coming soon"));
        assert_eq!(placeholder_phrase("TODO"), Some("todo"));
        assert_eq!(placeholder_phrase("A fast JSON parser"), None);
        assert_eq!(placeholder_phrase("Unreserved characters in URLs"), None);
        assert!(squatting_findings(1, Some("A test crate"), None).is_empty());
        assert_eq!(squatting_findings(0, Some("A test crate"), None).len(), 1);
        assert_eq!(squatting_findings(1, Some("placeholder"), None).len(), 1);
        assert!(squatting_findings(40, Some("reserved words of SQL"), None).is_empty());
    }
}
