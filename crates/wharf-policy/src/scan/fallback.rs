//! The token front end: what the scanner does with a Rust file `syn` cannot (or should not) parse.
//!
//! Malicious code is usually valid Rust, but a file can fail to parse (a newer syntax, a
//! deliberately broken file that is never compiled, nesting deep enough to exhaust a parser's
//! stack). This walks the lexer's tokens instead and reports the same events as the `syn` front
//! end: functions by `fn … {` and their matching brace, `#[test]`/`#[cfg(test)]`, `use`
//! declarations, calls, method calls, macros, literals and byte arrays. It never recurses.

use super::collector::{Arg, Collector};
use super::lexer::{self, Token, TokenKind};

/// The parameters of the function whose `fn` is at `at` typed as a connection, a network
/// client or a server's request (`req: Request<B>`, `stream: &mut TcpStream`), reported as
/// the `syn` front end reports them (see [`Collector::network_parameter`] and
/// [`Collector::served_request`]): a file whose only network code is a handler of requests is
/// then known to take data from the network.
///
/// Only a named function's own list is read (`fn name<…>(…)`), at its top level (nested
/// brackets are jumped over), and at most [`MAX_PARAMETERS`] parameters: walked files need not
/// be Rust, and `fn(fn(fn(…)))` nested thousands deep must cost no more than its tokens.
fn network_parameters(c: &mut Collector<'_>, tokens: &[Token], close: &Closers, at: usize) {
    if !matches!(
        tokens.get(at + 1).map(|t| &t.kind),
        Some(TokenKind::Ident(_))
    ) {
        return;
    }
    // The parameter list: the first `(` after the name and its generics (`<F: Fn(u8)>` holds
    // parentheses of its own), before the body or the end of the declaration.
    let mut open = at + 2;
    let mut angles = 0usize;
    loop {
        match tokens.get(open).map(|t| &t.kind) {
            Some(TokenKind::Punct('<')) => angles += 1,
            Some(TokenKind::Punct('>')) => angles = angles.saturating_sub(1),
            Some(TokenKind::Punct('(')) if angles == 0 => break,
            Some(TokenKind::Punct('(' | '[')) => {
                open = close.of(open).unwrap_or(tokens.len());
            }
            Some(TokenKind::Punct('{' | ';')) | None => return,
            _ => {}
        }
        open += 1;
        if open > at + 64 {
            return;
        }
    }
    let Some(end) = close.of(open) else {
        return;
    };
    let mut parameters = 0;
    let mut i = open + 1;
    while i < end && parameters < MAX_PARAMETERS {
        match tokens[i].kind {
            // Nested brackets (a tuple pattern, a type's generics in parentheses): jumped over.
            TokenKind::Punct('(' | '[' | '{') => {
                i = close.of(i).map_or(end, |closing| closing + 1);
                continue;
            }
            TokenKind::Punct(':')
                if !punct_at(tokens, i + 1, ':') && !punct_at(tokens, i - 1, ':') => {}
            _ => {
                i += 1;
                continue;
            }
        }
        parameters += 1;
        // `: &mut a::b::Type<…>`: the type's path, up to its generics.
        let mut j = i + 1;
        while punct_at(tokens, j, '&')
            || matches!(
                tokens.get(j).map(|t| &t.kind),
                Some(TokenKind::Ident("mut" | "dyn" | "impl"))
            )
        {
            j += 1;
        }
        let mut segments = Vec::new();
        while let Some(TokenKind::Ident(word)) = tokens.get(j).map(|t| &t.kind) {
            segments.push(word.to_string());
            if segments.len() < 8 && punct_at(tokens, j + 1, ':') && punct_at(tokens, j + 2, ':') {
                j += 3;
            } else {
                break;
            }
        }
        if !segments.is_empty() && !c.served_request(&segments, tokens[i].line) {
            c.network_parameter(&segments, tokens[i].line, "a parameter");
        }
        i = j.max(i + 1);
    }
}

/// The most parameters of one function whose types the token walk reads.
const MAX_PARAMETERS: usize = 32;

/// Visits `tokens` (of `source`) and reports to `c`.
pub fn analyse(c: &mut Collector<'_>, source: &str, tokens: &[Token]) {
    let close = matching_brackets(tokens);
    let mut braces: Vec<Brace> = Vec::new();
    let mut pending = Pending::default();
    let mut statement_start = 0usize;
    let mut i = 0;
    while i < tokens.len() {
        let token = &tokens[i];
        match &token.kind {
            TokenKind::Punct('#')
                if punct_at(tokens, i + 1, '[')
                    || (punct_at(tokens, i + 1, '!') && punct_at(tokens, i + 2, '[')) =>
            {
                let open = if punct_at(tokens, i + 1, '[') {
                    i + 1
                } else {
                    i + 2
                };
                let end = close.of(open).unwrap_or(tokens.len() - 1);
                let words: Vec<&str> = tokens[open..end]
                    .iter()
                    .filter_map(|t| match &t.kind {
                        TokenKind::Ident(w) => Some(*w),
                        TokenKind::Str(s)
                            if s.contains("init_array")
                                || s.contains("CRT$XC")
                                || s.contains("mod_init_func") =>
                        {
                            Some("init_array")
                        }
                        _ => None,
                    })
                    .collect();
                if words.contains(&"test") && !words.contains(&"not") || words.contains(&"bench") {
                    pending.test = true;
                }
                if words.contains(&"ctor") || words.contains(&"dtor") {
                    pending.load_time = Some("#[ctor]".to_owned());
                }
                if words.contains(&"link_section") && words.contains(&"init_array") {
                    pending.load_time = Some("#[link_section] in an init section".to_owned());
                }
                // Attributes are not code: skip doc strings and the rest.
                i = end + 1;
                continue;
            }
            TokenKind::Punct('{') => {
                let kind = if let Some(name) = pending.function.take() {
                    c.enter_fn(&name, pending.test, pending.load_time.take(), token.line);
                    if !matches!(
                        tokens.get(i + 1).map(|t| &t.kind),
                        Some(TokenKind::Punct('}'))
                    ) {
                        c.item();
                    }
                    Brace::Function
                } else if pending.module && pending.test {
                    c.enter_test_region();
                    Brace::TestModule
                } else {
                    Brace::Other
                };
                if pending.load_time.is_some() {
                    let names: Vec<String> = tokens[i..close.of(i).unwrap_or(i)]
                        .iter()
                        .filter_map(|t| match &t.kind {
                            TokenKind::Ident(w) => Some(w.to_string()),
                            _ => None,
                        })
                        .collect();
                    let how = pending.load_time.take().unwrap_or_default();
                    c.load_time_static(&how, &names, token.line);
                }
                pending = Pending::default();
                braces.push(kind);
                statement_start = token.end;
            }
            TokenKind::Punct('}') => {
                match braces.pop() {
                    Some(Brace::Function) => c.leave_fn(),
                    Some(Brace::TestModule) => c.leave_test_region(),
                    _ => {}
                }
                statement_start = token.end;
            }
            TokenKind::Punct(';') => {
                if pending.load_time.is_some() && pending.is_static {
                    // `static X: T = f;` in an init section.
                    let names: Vec<String> = tokens[pending.item_start..i]
                        .iter()
                        .filter_map(|t| match &t.kind {
                            TokenKind::Ident(w) => Some(w.to_string()),
                            _ => None,
                        })
                        .collect();
                    let how = pending.load_time.take().unwrap_or_default();
                    c.load_time_static(&how, &names, token.line);
                }
                if pending.is_static {
                    c.item();
                }
                pending = Pending::default();
                statement_start = token.end;
            }
            TokenKind::Punct('^') => c.xor(),
            TokenKind::Punct('[') => {
                if let Some(bytes) = byte_array(tokens, i, close.of(i)) {
                    c.byte_array(&bytes, token.line);
                    i = close.of(i).unwrap_or(i) + 1;
                    continue;
                }
                // Numbers wider than bytes: a table text may be kept in.
                if let Some(end) = close.of(i).filter(|end| end - i > 11) {
                    if let Some(values) = lexer::integer_elements(&tokens[i + 1..end]) {
                        c.integer_table(&values, token.line);
                        // Each is still a number of its own (a moment the code waits for).
                        for value in values.iter().filter_map(|v| u64::try_from(*v).ok()) {
                            c.integer(value, token.line);
                        }
                        i = end + 1;
                        continue;
                    }
                }
                if let Some(pieces) = string_array(tokens, i, close.of(i)) {
                    c.string_pieces(&pieces, token.line);
                }
            }
            TokenKind::Str(text) => c.literal(text, token.line),
            TokenKind::ByteStr(bytes) => c.byte_literal(bytes, token.line),
            TokenKind::Int(value) => c.integer(*value, token.line),
            TokenKind::Ident(word) => match *word {
                "fn" => {
                    if let Some(TokenKind::Ident(name)) = tokens.get(i + 1).map(|t| &t.kind) {
                        pending.function = Some(name.to_string());
                    }
                    network_parameters(c, tokens, &close, i);
                }
                "mod" => pending.module = true,
                "struct" | "enum" | "trait" | "union" | "type" | "impl" => c.item(),
                "const" | "static" => {
                    if !matches!(tokens.get(i + 1).map(|t| &t.kind), Some(TokenKind::Ident(w)) if *w == "fn" || *w == "unsafe")
                    {
                        pending.is_static = true;
                        pending.item_start = i;
                    }
                }
                "as" if matches!(tokens.get(i + 1).map(|t| &t.kind), Some(TokenKind::Ident(w)) if *w == "char") =>
                {
                    c.char_arithmetic();
                }
                "use" => {
                    i = use_declaration(c, tokens, i + 1);
                    continue;
                }
                _ if is_keyword(word) => {}
                _ => {
                    i = path_expression(c, source, tokens, &close, i, statement_start);
                    continue;
                }
            },
            _ => {}
        }
        i += 1;
    }
    while let Some(kind) = braces.pop() {
        match kind {
            Brace::Function => c.leave_fn(),
            Brace::TestModule => c.leave_test_region(),
            Brace::Other => {}
        }
    }
}

#[derive(Default)]
struct Pending {
    function: Option<String>,
    test: bool,
    module: bool,
    load_time: Option<String>,
    is_static: bool,
    item_start: usize,
}

enum Brace {
    Function,
    TestModule,
    Other,
}

fn punct_at(tokens: &[Token], i: usize, c: char) -> bool {
    matches!(tokens.get(i).map(|t| &t.kind), Some(TokenKind::Punct(p)) if *p == c)
}

fn is_keyword(word: &str) -> bool {
    matches!(
        word,
        "let"
            | "mut"
            | "if"
            | "else"
            | "match"
            | "for"
            | "while"
            | "loop"
            | "in"
            | "return"
            | "pub"
            | "crate"
            | "where"
            | "unsafe"
            | "extern"
            | "async"
            | "await"
            | "move"
            | "ref"
            | "break"
            | "continue"
            | "dyn"
            | "true"
            | "false"
    )
}

/// For every opening bracket, the index of its closing one.
/// For each opening bracket, the index of the token that closes it. Kept as one `u32` a token
/// (a file has fewer than 2³² tokens: files are at most a few MiB), since big files have millions.
struct Closers(Vec<u32>);

impl Closers {
    const NONE: u32 = u32::MAX;

    fn of(&self, open: usize) -> Option<usize> {
        match self.0.get(open) {
            Some(&close) if close != Closers::NONE => Some(close as usize),
            _ => None,
        }
    }
}

fn matching_brackets(tokens: &[Token]) -> Closers {
    let mut close = vec![Closers::NONE; tokens.len()];
    let mut stack: Vec<usize> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        match token.kind {
            TokenKind::Punct('(' | '[' | '{') => stack.push(i),
            TokenKind::Punct(')' | ']' | '}') => {
                if let Some(open) = stack.pop() {
                    close[open] = u32::try_from(i).unwrap_or(Closers::NONE);
                }
            }
            _ => {}
        }
    }
    Closers(close)
}

/// `[1, 2, 0x41, …]` starting at `open`, if every element is an integer that fits in a byte.
fn byte_array(tokens: &[Token], open: usize, close: Option<usize>) -> Option<Vec<u8>> {
    let bytes = lexer::byte_elements(&tokens[open + 1..close?])?;
    (bytes.len() >= 2).then_some(bytes)
}

/// `["a", "b", …]` starting at `open`, if every element is a string literal.
fn string_array<'t>(
    tokens: &'t [Token],
    open: usize,
    close: Option<usize>,
) -> Option<Vec<&'t str>> {
    let inner = &tokens[open + 1..close?];
    let mut pieces = Vec::new();
    for (n, token) in inner.iter().enumerate() {
        match (&token.kind, n % 2) {
            (TokenKind::Str(text), 0) => pieces.push(text.as_str()),
            (TokenKind::Punct(','), 1) => {}
            _ => return None,
        }
    }
    (pieces.len() >= 2).then_some(pieces)
}

/// A path at `start` (`a::b::c`), and what follows it: a call, a method call or a macro. Returns
/// the index to continue from (just after the path, so arguments are still visited).
fn path_expression(
    c: &mut Collector<'_>,
    source: &str,
    tokens: &[Token],
    close: &Closers,
    start: usize,
    statement_start: usize,
) -> usize {
    let mut segments = Vec::new();
    let mut i = start;
    while let Some(TokenKind::Ident(word)) = tokens.get(i).map(|t| &t.kind) {
        segments.push(word.to_string());
        if punct_at(tokens, i + 1, ':') && punct_at(tokens, i + 2, ':') {
            i += 3;
            // `Vec::<u8>::new`: skip the turbofish.
            if punct_at(tokens, i, '<') {
                let mut depth = 0;
                while i < tokens.len() {
                    if punct_at(tokens, i, '<') {
                        depth += 1;
                    } else if punct_at(tokens, i, '>') {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    i += 1;
                }
                if punct_at(tokens, i, ':') && punct_at(tokens, i + 1, ':') {
                    i += 2;
                }
            }
        } else {
            i += 1;
            break;
        }
    }
    let line = tokens[start].line;
    let method = start > 0 && punct_at(tokens, start - 1, '.') && segments.len() == 1;
    if punct_at(tokens, i, '!')
        && matches!(
            tokens.get(i + 1).map(|t| &t.kind),
            Some(TokenKind::Punct('(' | '[' | '{'))
        )
    {
        let args = arguments(source, tokens, i + 1, close.of(i + 1));
        c.macro_call(
            segments.last().map(String::as_str).unwrap_or(""),
            &args,
            line,
        );
        return i + 2;
    }
    if punct_at(tokens, i, '(') {
        let args = arguments(source, tokens, i, close.of(i));
        if method {
            let receiver_end = tokens[start - 1].start;
            let receiver = source
                .get(statement_start.min(receiver_end)..receiver_end)
                .unwrap_or("")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ");
            c.method(&segments[0], &receiver, &args, line);
        } else {
            c.call(&segments, &args, line);
        }
        return i;
    }
    if !method {
        c.path(&segments, line);
    }
    i
}

/// The comma-separated arguments in the bracket at `open`.
fn arguments(source: &str, tokens: &[Token], open: usize, close: Option<usize>) -> Vec<Arg> {
    let Some(close) = close else {
        return Vec::new();
    };
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut first = open + 1;
    for i in open + 1..=close {
        let at_end = i == close;
        match tokens[i].kind {
            TokenKind::Punct('(' | '[' | '{') if !at_end => depth += 1,
            TokenKind::Punct(')' | ']' | '}') if !at_end => depth = depth.saturating_sub(1),
            _ => {}
        }
        if at_end || (depth == 0 && punct_at(tokens, i, ',')) {
            if first < i {
                args.push(argument(source, &tokens[first..i]));
            }
            first = i + 1;
        }
    }
    args
}

fn argument(source: &str, tokens: &[Token]) -> Arg {
    let single = match tokens {
        [t] => Some(t),
        [amp, t] if matches!(amp.kind, TokenKind::Punct('&')) => Some(t),
        _ => None,
    };
    match single.map(|t| &t.kind) {
        Some(TokenKind::Str(s)) => Arg::Str(s.clone()),
        Some(TokenKind::Int(v)) => Arg::Int(u128::from(*v)),
        Some(TokenKind::ByteStr(b)) => Arg::Bytes(b.clone()),
        _ => {
            let start = tokens.first().map_or(0, |t| t.start);
            let end = tokens.last().map_or(0, |t| t.end);
            Arg::Expr(
                source
                    .get(start..end)
                    .unwrap_or("")
                    .split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        }
    }
}

/// `use a::b::{C, D as E};` → imports; returns the index after the `;`.
fn use_declaration(c: &mut Collector<'_>, tokens: &[Token], mut i: usize) -> usize {
    let mut prefixes: Vec<Vec<String>> = vec![Vec::new()];
    let mut current: Vec<String> = Vec::new();
    let mut alias: Option<String> = None;
    let mut expect_alias = false;
    let emit =
        |c: &mut Collector<'_>, prefix: &[String], current: &[String], alias: &Option<String>| {
            if current.is_empty() {
                return;
            }
            let mut full: Vec<String> = prefix.to_vec();
            full.extend(current.iter().cloned());
            let is_self = full.last().is_some_and(|s| s == "self");
            if is_self {
                full.pop();
            }
            let name = alias
                .clone()
                .or_else(|| full.last().cloned())
                .unwrap_or_default();
            c.import(&name, &full.join("::"));
        };
    while i < tokens.len() {
        match &tokens[i].kind {
            TokenKind::Ident(word) if *word == "as" => expect_alias = true,
            TokenKind::Ident(word) => {
                if expect_alias {
                    alias = Some(word.to_string());
                    expect_alias = false;
                } else {
                    current.push(word.to_string());
                }
            }
            TokenKind::Punct('{') => {
                let mut prefix = prefixes.last().cloned().unwrap_or_default();
                prefix.append(&mut current);
                prefixes.push(prefix);
            }
            TokenKind::Punct(',') => {
                emit(
                    c,
                    prefixes.last().map_or(&[][..], Vec::as_slice),
                    &current,
                    &alias,
                );
                current.clear();
                alias = None;
            }
            TokenKind::Punct('}') => {
                emit(
                    c,
                    prefixes.last().map_or(&[][..], Vec::as_slice),
                    &current,
                    &alias,
                );
                current.clear();
                alias = None;
                if prefixes.len() > 1 {
                    prefixes.pop();
                }
            }
            TokenKind::Punct(';') => {
                emit(
                    c,
                    prefixes.last().map_or(&[][..], Vec::as_slice),
                    &current,
                    &alias,
                );
                return i + 1;
            }
            TokenKind::Punct(':' | '*') => {}
            _ => return i + 1,
        }
        i += 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::super::collector::Collector;
    use super::super::context::Context;
    use super::super::signal::SignalKind;

    fn walked_signals(source: &str) -> Vec<SignalKind> {
        let mut next_scope = 0;
        let mut collector = Collector::new("src/lib.rs", Context::Library, source, &mut next_scope);
        super::analyse(&mut collector, source, &super::lexer::tokenize(source));
        collector.finish().0.into_iter().map(|s| s.kind).collect()
    }

    /// A handler handed a server's request, or a function handed a connection, is known to take
    /// data from the network when its file is only walked as tokens; a client's own request
    /// types kept in fields, and types of other crates, are not.
    #[test]
    fn parameters_typed_as_requests_or_connections() {
        let source = "use http::{Request, Response};\n\
                      use std::net::TcpStream;\n\
                      impl<S> Service<Request<B>> for Layer<S> {\n\
                          fn call(&mut self, mut req: Request<B>) -> Self::Future { todo() }\n\
                      }\n\
                      fn serve(stream: &mut TcpStream, n: usize) {}\n\
                      fn build(req: reqwest::Request, other: my::Request) {}\n\
                      struct Held { req: Request<()> }";
        let found = walked_signals(source);
        let requests = found
            .iter()
            .filter(|k| matches!(k, SignalKind::ServedRequest { .. }))
            .count();
        let connections = found
            .iter()
            .filter(|k| matches!(k, SignalKind::Network { how } if how.contains("a parameter")))
            .count();
        assert_eq!((requests, connections), (1, 1), "{found:?}");
    }
}
