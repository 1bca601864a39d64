//! A small, forgiving Rust lexer: the fallback when `syn` cannot parse a file, and the cheap pass
//! that bounds nesting before `syn` is trusted with a file.
//!
//! It never fails and never recurses: comments are skipped (nested block comments included),
//! string, byte-string, raw-string and character literals are decoded, lifetimes are told apart
//! from characters, and anything else is an identifier, a number or one punctuation character.

/// One token and the line it starts on (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'a> {
    pub kind: TokenKind<'a>,
    pub line: u32,
    /// Byte offsets into the source.
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenKind<'a> {
    /// Borrowed from the source: most tokens are identifiers, and copying each would make
    /// allocation a large part of the walk.
    Ident(&'a str),
    /// A string literal's value (also raw and C strings).
    Str(String),
    /// A byte-string literal's value.
    ByteStr(Vec<u8>),
    /// An integer literal's value (one that does not fit in 64 bits is an [`OtherLiteral`]:
    /// what the scanner reads from integers, bytes and file modes, is small, and a wider variant
    /// would make every token of a file larger).
    ///
    /// [`OtherLiteral`]: TokenKind::OtherLiteral
    Int(u64),
    /// A character or byte literal's value (`'c'`, `b'\x7f'`): arrays of them spell strings as
    /// surely as arrays of numbers.
    Char(u32),
    /// Floats, and character literals too malformed to have a value: nothing the scanner reads.
    OtherLiteral,
    Lifetime,
    Punct(char),
}

/// Splits `source` into tokens.
pub fn tokenize(source: &str) -> Vec<Token<'_>> {
    let bytes = source.as_bytes();
    // About one token per four bytes of real code: sized once, the vector is not copied as it
    // grows (growing it was a tenth of the walk).
    let mut tokens = Vec::with_capacity(source.len() / 4);
    let mut i = 0;
    let mut line = 1u32;
    while i < bytes.len() {
        let b = bytes[i];
        if b == b'\n' {
            line += 1;
            i += 1;
            continue;
        }
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let start_line = line;
        // Comments.
        if b == b'/' && bytes.get(i + 1) == Some(&b'/') {
            i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |at| i + at);
            continue;
        }
        if b == b'/' && bytes.get(i + 1) == Some(&b'*') {
            let mut depth = 0usize;
            while i < bytes.len() {
                if bytes[i] == b'/' && bytes.get(i + 1) == Some(&b'*') {
                    depth += 1;
                    i += 2;
                } else if bytes[i] == b'*' && bytes.get(i + 1) == Some(&b'/') {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    if bytes[i] == b'\n' {
                        line += 1;
                    }
                    i += 1;
                }
            }
            continue;
        }
        // Raw strings and byte/C string prefixes.
        let (prefix_len, is_bytes, raw) = literal_prefix(&bytes[i..]);
        if prefix_len > 0 || b == b'"' {
            let body_start = i + prefix_len;
            let (kind, end) = if raw {
                raw_string(bytes, body_start, &mut line, is_bytes)
            } else {
                quoted_string(bytes, body_start, &mut line, is_bytes)
            };
            i = end;
            tokens.push(Token {
                kind,
                line: start_line,
                start,
                end,
            });
            continue;
        }
        if b == b'b' && bytes.get(i + 1) == Some(&b'\'') {
            i = char_literal_end(source, i + 1);
            tokens.push(Token {
                kind: char_value(&source[start + 1..i])
                    .map_or(TokenKind::OtherLiteral, TokenKind::Char),
                line: start_line,
                start,
                end: i,
            });
            continue;
        }
        if b == b'\'' {
            // A character literal ends with a quote soon after; a lifetime does not.
            let is_char = match bytes.get(i + 1) {
                Some(b'\\') => true,
                Some(_) => {
                    let next = source[i + 1..].chars().next().map_or(1, char::len_utf8);
                    bytes.get(i + 1 + next) == Some(&b'\'')
                }
                None => false,
            };
            if is_char {
                i = char_literal_end(source, i);
                tokens.push(Token {
                    kind: char_value(&source[start..i])
                        .map_or(TokenKind::OtherLiteral, TokenKind::Char),
                    line: start_line,
                    start,
                    end: i,
                });
            } else {
                i += 1;
                while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                    i += 1;
                }
                tokens.push(Token {
                    kind: TokenKind::Lifetime,
                    line: start_line,
                    start,
                    end: i,
                });
            }
            continue;
        }
        if b.is_ascii_digit() {
            let mut end = i;
            while end < bytes.len()
                && (bytes[end].is_ascii_alphanumeric()
                    || bytes[end] == b'_'
                    || (bytes[end] == b'.' && bytes.get(end + 1).is_some_and(u8::is_ascii_digit)))
            {
                end += 1;
            }
            let text = &source[i..end];
            i = end;
            tokens.push(Token {
                kind: parse_int(text)
                    .and_then(|v| u64::try_from(v).ok())
                    .map_or(TokenKind::OtherLiteral, TokenKind::Int),
                line: start_line,
                start,
                end,
            });
            continue;
        }
        if b.is_ascii_alphabetic() || b == b'_' || b >= 0x80 {
            let mut end = i;
            // `r#ident` is the identifier `ident`.
            let name_start = if b == b'r' && bytes.get(i + 1) == Some(&b'#') {
                end += 2;
                i + 2
            } else {
                i
            };
            while end < bytes.len() {
                let c = source[end..].chars().next().unwrap_or(' ');
                if c.is_alphanumeric() || c == '_' {
                    end += c.len_utf8();
                } else {
                    break;
                }
            }
            if end == i {
                // A stray non-ASCII character that is not part of an identifier.
                end = i + source[i..].chars().next().map_or(1, char::len_utf8);
            }
            tokens.push(Token {
                kind: TokenKind::Ident(&source[name_start..end]),
                line: start_line,
                start,
                end,
            });
            i = end;
            continue;
        }
        tokens.push(Token {
            kind: TokenKind::Punct(b as char),
            line: start_line,
            start,
            end: i + 1,
        });
        i += 1;
    }
    tokens
}

/// `(prefix length, byte string, raw)` for `b"`, `br"`, `r"`, `r#"`, `c"`, `cr"`; zero length if
/// none starts here.
fn literal_prefix(rest: &[u8]) -> (usize, bool, bool) {
    let raw_after = |at: usize| {
        let mut j = at;
        while rest.get(j) == Some(&b'#') {
            j += 1;
        }
        rest.get(j) == Some(&b'"')
    };
    match rest {
        [b'b', b'"', ..] => (1, true, false),
        [b'c', b'"', ..] => (1, false, false),
        [b'b', b'r', ..] if raw_after(2) => (2, true, true),
        [b'c', b'r', ..] if raw_after(2) => (2, false, true),
        [b'r', ..] if raw_after(1) => (1, false, true),
        _ => (0, false, false),
    }
}

fn raw_string<'a>(
    bytes: &[u8],
    mut i: usize,
    line: &mut u32,
    is_bytes: bool,
) -> (TokenKind<'a>, usize) {
    let mut hashes = 0;
    while bytes.get(i) == Some(&b'#') {
        hashes += 1;
        i += 1;
    }
    i += 1; // the opening quote
    let body_start = i;
    while i < bytes.len() {
        if bytes[i] == b'"'
            && bytes[i + 1..]
                .iter()
                .take(hashes)
                .filter(|&&b| b == b'#')
                .count()
                == hashes
        {
            let body = &bytes[body_start..i];
            let end = i + 1 + hashes;
            return (string_kind(body.to_vec(), is_bytes), end.min(bytes.len()));
        }
        if bytes[i] == b'\n' {
            *line += 1;
        }
        i += 1;
    }
    (
        string_kind(bytes[body_start..].to_vec(), is_bytes),
        bytes.len(),
    )
}

fn quoted_string<'a>(
    bytes: &[u8],
    mut i: usize,
    line: &mut u32,
    is_bytes: bool,
) -> (TokenKind<'a>, usize) {
    i += 1; // the opening quote
    let mut value = Vec::new();
    while i < bytes.len() {
        match bytes[i] {
            b'"' => return (string_kind(value, is_bytes), i + 1),
            b'\\' => {
                let (decoded, next) = escape(bytes, i + 1, line);
                value.extend_from_slice(&decoded);
                i = next;
            }
            b => {
                if b == b'\n' {
                    *line += 1;
                }
                value.push(b);
                i += 1;
            }
        }
    }
    (string_kind(value, is_bytes), bytes.len())
}

/// Decodes the escape after a backslash at `i`; returns the bytes and where the source goes on.
fn escape(bytes: &[u8], i: usize, line: &mut u32) -> (Vec<u8>, usize) {
    let Some(&c) = bytes.get(i) else {
        return (Vec::new(), i);
    };
    match c {
        b'n' => (vec![b'\n'], i + 1),
        b'r' => (vec![b'\r'], i + 1),
        b't' => (vec![b'\t'], i + 1),
        b'0' => (vec![0], i + 1),
        b'\\' | b'\'' | b'"' => (vec![c], i + 1),
        b'x' => {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(v) => (vec![v], i + 3),
                None => (Vec::new(), i + 1),
            }
        }
        b'u' => {
            // `\u{…}` on one line; the line break that ends an unclosed one is the string's.
            let close = bytes[i..]
                .iter()
                .position(|&b| b == b'}' || b == b'\n')
                .map(|p| i + p)
                .filter(|&close| bytes[close] == b'}');
            match close {
                Some(close) if close - i < 12 => {
                    // Empty when the brace comes right after the `u` (`\u}`).
                    let digits = bytes
                        .get(i + 2..close)
                        .and_then(|d| std::str::from_utf8(d).ok())
                        .unwrap_or("");
                    let ch = u32::from_str_radix(&digits.replace('_', ""), 16)
                        .ok()
                        .and_then(char::from_u32)
                        .unwrap_or('\u{fffd}');
                    let mut buf = [0u8; 4];
                    (ch.encode_utf8(&mut buf).as_bytes().to_vec(), close + 1)
                }
                _ => (Vec::new(), i + 1),
            }
        }
        b'\n' => {
            // A line continuation: skip the newline and leading whitespace.
            *line += 1;
            let mut j = i + 1;
            while j < bytes.len() && bytes[j].is_ascii_whitespace() {
                if bytes[j] == b'\n' {
                    *line += 1;
                }
                j += 1;
            }
            (Vec::new(), j)
        }
        _ => (vec![c], i + 1),
    }
}

fn string_kind<'a>(value: Vec<u8>, is_bytes: bool) -> TokenKind<'a> {
    if is_bytes {
        TokenKind::ByteStr(value)
    } else {
        TokenKind::Str(String::from_utf8_lossy(&value).into_owned())
    }
}

/// Where a character or byte literal whose opening quote is at `quote` ends: after its closing
/// quote, found within a few bytes. An unterminated one ends before the line break, which the
/// caller counts, or at the first character boundary after the search gave up, where the next
/// token can start.
fn char_literal_end(source: &str, quote: usize) -> usize {
    let bytes = source.as_bytes();
    let mut i = quote + 1;
    // The escaped character, whatever it is (a quote included), unless it is a line break.
    if bytes.get(i) == Some(&b'\\') {
        i += 1;
        match source[i..].chars().next() {
            Some('\n') | None => {}
            Some(c) => i += c.len_utf8(),
        }
    }
    while i < bytes.len() && bytes[i] != b'\'' && bytes[i] != b'\n' && i < quote + 16 {
        i += 1;
    }
    if bytes.get(i) == Some(&b'\'') {
        return i + 1;
    }
    while !source.is_char_boundary(i) {
        i += 1;
    }
    i
}

/// The value of a character literal as written, quotes included (`'a'`, `'\n'`, `'\x41'`,
/// `'\u{1F600}'`); `None` when it is not one well-formed character.
fn char_value(literal: &str) -> Option<u32> {
    let inner = literal.strip_prefix('\'')?.strip_suffix('\'')?;
    let mut chars = inner.chars();
    let first = chars.next()?;
    if first != '\\' {
        return chars.next().is_none().then_some(u32::from(first));
    }
    let escape = chars.as_str();
    Some(match escape {
        "n" => 0x0a,
        "r" => 0x0d,
        "t" => 0x09,
        "0" => 0,
        "\\" | "'" | "\"" => u32::from(escape.chars().next()?),
        _ => {
            if let Some(hex) = escape.strip_prefix('x') {
                u32::from_str_radix(hex, 16)
                    .ok()
                    .filter(|v| hex.len() == 2 && *v < 0x100)?
            } else {
                let hex = escape.strip_prefix("u{")?.strip_suffix('}')?;
                let value = u32::from_str_radix(&hex.replace('_', ""), 16).ok()?;
                char::from_u32(value)?;
                value
            }
        }
    })
}

/// The values of `1, 2, 0x41, b'c', …` (the inside of an array's brackets) when every element
/// is an integer or character that fits in a byte; `None` otherwise.
pub fn byte_elements(inner: &[Token]) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(inner.len() / 2 + 1);
    for (index, token) in inner.iter().enumerate() {
        match (&token.kind, index % 2) {
            (TokenKind::Int(v), 0) => bytes.push(u8::try_from(*v).ok()?),
            (TokenKind::Char(v), 0) => bytes.push(u8::try_from(*v).ok()?),
            (TokenKind::Punct(','), 1) => {}
            _ => return None,
        }
    }
    Some(bytes)
}

/// The integers of an array's tokens (`164, 188, …`) of any width, if integers are all it holds.
pub fn integer_elements(inner: &[Token]) -> Option<Vec<i64>> {
    let mut values = Vec::with_capacity(inner.len() / 2 + 1);
    for (index, token) in inner.iter().enumerate() {
        match (&token.kind, index % 2) {
            (TokenKind::Int(v), 0) => values.push(i64::try_from(*v).ok()?),
            (TokenKind::Punct(','), 1) => {}
            _ => return None,
        }
    }
    Some(values)
}

/// An integer literal's value: decimal, `0x`, `0o`, `0b`, with `_` and a type suffix.
pub fn parse_int(text: &str) -> Option<u128> {
    let text = text.replace('_', "");
    let (digits, radix) = if let Some(rest) = text.strip_prefix("0x") {
        (rest, 16)
    } else if let Some(rest) = text.strip_prefix("0o") {
        (rest, 8)
    } else if let Some(rest) = text.strip_prefix("0b") {
        (rest, 2)
    } else {
        (text.as_str(), 10)
    };
    let end = digits
        .find(|c: char| !c.is_digit(radix))
        .unwrap_or(digits.len());
    let (number, suffix) = digits.split_at(end);
    let valid_suffix = suffix.is_empty()
        || matches!(
            suffix,
            "u8" | "u16"
                | "u32"
                | "u64"
                | "u128"
                | "usize"
                | "i8"
                | "i16"
                | "i32"
                | "i64"
                | "i128"
                | "isize"
        );
    if number.is_empty() || !valid_suffix {
        return None;
    }
    u128::from_str_radix(number, radix).ok()
}

/// A bound on how deeply a parser would recurse into this file: the deepest bracket nesting, plus
/// a share of the most tokens that can nest without brackets (prefix operators, closures, `else
/// if` chains, generic angle brackets, `->` chains) within one statement. Most such tokens in a
/// long statement are binary operators, which parsers handle in a loop, hence only a share.
pub fn nesting_bound(tokens: &[Token]) -> usize {
    let mut depth = 0usize;
    let mut deepest = 0usize;
    let mut run = 0usize;
    let mut longest_run = 0usize;
    for token in tokens {
        match &token.kind {
            TokenKind::Punct('(' | '[' | '{') => {
                depth += 1;
                deepest = deepest.max(depth);
                if matches!(token.kind, TokenKind::Punct('{')) {
                    run = 0;
                }
            }
            TokenKind::Punct(')' | ']' | '}') => {
                depth = depth.saturating_sub(1);
                if matches!(token.kind, TokenKind::Punct('}')) {
                    run = 0;
                }
            }
            TokenKind::Punct(';') => run = 0,
            TokenKind::Punct('!' | '-' | '*' | '&' | '|' | '<' | '.' | '=' | '+' | '^') => {
                run += 1;
            }
            TokenKind::Ident(word)
                if matches!(
                    *word,
                    "else"
                        | "return"
                        | "break"
                        | "move"
                        | "box"
                        | "async"
                        | "fn"
                        | "impl"
                        | "dyn"
                        | "mut"
                        | "const"
                        | "yield"
                        | "await"
                        | "let"
                        | "if"
                ) =>
            {
                run += 1;
            }
            // Identifiers and literals between nesting tokens do not end the run: `|a| |b|`
            // and `A<B<C>>` nest through them.
            _ => {}
        }
        longest_run = longest_run.max(run);
    }
    deepest + longest_run / 8
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(source: &str) -> Vec<TokenKind<'_>> {
        tokenize(source).into_iter().map(|t| t.kind).collect()
    }

    #[test]
    fn literals_comments_and_lifetimes() {
        let k = kinds(
            "// comment \"no\"\n/* a /* nested */ b */ fn f<'a>(x: &'a str) { let c = 'c'; \
             let s = \"a\\x41\\u{42}\\n\"; let r = r#\"raw \"q\"\"#; let b = b\"\\x7fELF\"; 0o755u32 }",
        );
        assert!(k.contains(&TokenKind::Ident("fn")));
        assert!(!k.contains(&TokenKind::Ident("comment")));
        assert!(k.contains(&TokenKind::Lifetime));
        assert!(k.contains(&TokenKind::Str("aAB\n".into())));
        assert!(k.contains(&TokenKind::Str("raw \"q\"".into())));
        assert!(k.contains(&TokenKind::ByteStr(b"\x7fELF".to_vec())));
        assert!(k.contains(&TokenKind::Int(0o755)));
        assert!(k.contains(&TokenKind::Char(u32::from('c'))));
        assert!(!k.contains(&TokenKind::OtherLiteral));
    }

    #[test]
    fn character_and_byte_literals_have_values() {
        let k = kinds("['c', '\\n', '\\x41', '\\u{1F600}', '\\'', b'z', b'\\x7f', 1.5]");
        for value in [
            u32::from('c'),
            0x0a,
            0x41,
            0x1F600,
            u32::from('\''),
            u32::from('z'),
            0x7f,
        ] {
            assert!(k.contains(&TokenKind::Char(value)), "{value:#x} in {k:?}");
        }
        assert_eq!(
            k.iter().filter(|t| **t == TokenKind::OtherLiteral).count(),
            1,
            "the float: {k:?}"
        );
    }

    #[test]
    fn lines_are_counted_through_multiline_tokens() {
        let tokens = tokenize("a\n\"x\ny\"\n/*\n*/ b");
        assert_eq!(tokens[0].line, 1);
        assert_eq!(tokens[1].line, 2);
        assert_eq!(tokens[2].line, 5);
    }

    /// Found by the `scanner` fuzz target: an unterminated character literal ran on over the end
    /// of its line without counting it, so every later token, and every finding in the rest of the
    /// file, was a line early; and after 16 bytes it could stop inside a multi-byte character,
    /// where slicing the next token panicked (the whole package then went unscanned).
    #[test]
    fn unterminated_character_literals_keep_lines_and_characters() {
        for (source, last_line) in [
            ("    ('\\ame);\n    };", 2),
            ("'\\\nx", 2),
            ("b'\nx", 2),
            ("'\\\u{e9}'\nx", 2),
            ("'\\'' x", 1),
        ] {
            let tokens = tokenize(source);
            assert_eq!(tokens.last().unwrap().line, last_line, "{source:?}");
        }
        for source in [
            "'\\\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9} x",
            "b'a\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9}\u{e9} x",
            "'\\\u{e9}\u{1F600}\u{1F600}\u{1F600}\u{1F600}x",
        ] {
            let tokens = tokenize(source);
            assert!(
                tokens.iter().all(|t| source.is_char_boundary(t.end)),
                "{source:?}"
            );
        }
    }

    /// A `\u` escape with nothing between it and a closing brace (`\u}`) made the decoder slice
    /// backwards and panic; one whose brace is on a later line skipped that line break uncounted.
    #[test]
    fn unicode_escapes_stay_within_their_line() {
        assert_eq!(kinds("\"\\u}\""), [TokenKind::Str("\u{fffd}".into())]);
        let tokens = tokenize("\"\\u{\n}\" x");
        assert_eq!(tokens.last().unwrap().line, 2);
    }

    #[test]
    fn hostile_input_does_not_panic() {
        for source in [
            "\"unterminated",
            "r###\"x",
            "'",
            "b'",
            "/* open",
            "\\u{",
            "0x",
            "é",
            "'\\u{12345678}'",
            "\"\\u{ffffffff}\"",
        ] {
            tokenize(source);
        }
        let deep = "(".repeat(100_000);
        assert_eq!(nesting_bound(&tokenize(&deep)), 100_000);
        let unary = format!("fn f() {{ {}x }}", "!".repeat(10_000));
        assert!(nesting_bound(&tokenize(&unary)) > 1000);
        let flat = "let x = a + b;\n".repeat(10_000);
        assert!(nesting_bound(&tokenize(&flat)) < 10);
    }
}
