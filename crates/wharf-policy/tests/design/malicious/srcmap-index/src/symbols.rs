//! A tiny declaration scanner. Not a parser: it skips comments and string
//! literals and recognises `<kw> <ident>` pairs.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    Function,
    Struct,
    Enum,
    Trait,
    Impl,
    Module,
    Const,
    Static,
    TypeAlias,
    Macro,
}

#[derive(Debug, Clone)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    pub offset: u32,
}

fn kind_of(word: &str) -> Option<SymbolKind> {
    Some(match word {
        "fn" => SymbolKind::Function,
        "struct" | "union" => SymbolKind::Struct,
        "enum" => SymbolKind::Enum,
        "trait" => SymbolKind::Trait,
        "impl" => SymbolKind::Impl,
        "mod" => SymbolKind::Module,
        "const" => SymbolKind::Const,
        "static" => SymbolKind::Static,
        "type" => SymbolKind::TypeAlias,
        "macro_rules!" => SymbolKind::Macro,
        _ => return None,
    })
}

fn is_ident_start(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphabetic()
}

fn is_ident(b: u8) -> bool {
    b == b'_' || b.is_ascii_alphanumeric()
}

pub fn scan(text: &str) -> Vec<Symbol> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0usize;
    let mut pending: Option<SymbolKind> = None;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                while i < b.len() && b[i] != b'\n' {
                    i += 1;
                }
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                let mut depth = 1;
                i += 2;
                while i < b.len() && depth > 0 {
                    if b[i] == b'/' && b.get(i + 1) == Some(&b'*') {
                        depth += 1;
                        i += 1;
                    } else if b[i] == b'*' && b.get(i + 1) == Some(&b'/') {
                        depth -= 1;
                        i += 1;
                    }
                    i += 1;
                }
            }
            b'"' => {
                i += 1;
                while i < b.len() && b[i] != b'"' {
                    if b[i] == b'\\' {
                        i += 1;
                    }
                    i += 1;
                }
                i += 1;
            }
            c if is_ident_start(c) => {
                let start = i;
                while i < b.len() && is_ident(b[i]) {
                    i += 1;
                }
                let mut word = &text[start..i];
                if word == "macro_rules" && b.get(i) == Some(&b'!') {
                    i += 1;
                    word = "macro_rules!";
                }
                if let Some(k) = pending.take() {
                    if k != SymbolKind::Impl || word != "for" {
                        out.push(Symbol { name: word.to_string(), kind: k, offset: start as u32 });
                    }
                } else {
                    pending = kind_of(word);
                }
            }
            b'<' if pending == Some(SymbolKind::Impl) => {
                // skip generic params of `impl<...>`
                let mut depth = 0;
                while i < b.len() {
                    if b[i] == b'<' {
                        depth += 1;
                    } else if b[i] == b'>' {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    i += 1;
                }
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                pending = None;
                i += 1;
            }
        }
    }
    out
}
