//! A package's constants, looked up by name across its files.
//!
//! Code that hides a string keeps the data in one module and decodes it in another
//! (`crate::consts::ENDPOINT.iter().rev().map(|&b| b as char).collect()`): the file that holds
//! the data has no decoding in it, and the file that decodes has no data, so neither file's
//! literals ever meet the decoding on their own. A function that decodes (XOR, arithmetic on
//! characters, reversal) and names a constant defined in another file has that constant's value
//! looked up here and decoded with the function's hints, its signals placed where the function
//! uses it.
//!
//! The same holds for a decoding helper called with a constant (`unpack(tables::T_SH)`, with
//! `fn unpack` XORing in a third module with a key from a fourth): the helper's definition is
//! found by name, read for what it does to decode and for the keys it names, and the argument is
//! decoded at the call.
//!
//! Only what a definition's initializer spells out is taken: string and byte-string literals
//! and arrays of byte-sized integers (`const KEY: [u8; 5] = [0x13, …]`). Nothing is evaluated.

use crate::scan::{HashMap, HashSet};
use std::cell::RefCell;
use std::rc::Rc;

use super::decode::Hints;
use super::evaluate;
use super::lexer::{self, Token, TokenKind};
use super::vocabulary::SHELL_DESTRUCTION;

/// What a function of the package does to decode, read from its definition.
#[derive(Debug, Clone, Default)]
pub struct Decoder {
    pub hints: Hints,
    /// The short byte arrays among the constants it names: repeating XOR keys.
    pub keys: Vec<Vec<u8>>,
}

/// Longest byte array taken for a repeating XOR key.
const MAX_KEY_LEN: usize = 16;

/// A constant's literal value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    Bytes(Vec<u8>),
    Text(String),
}

/// Most literals taken from one constant's definitions (a table of strings is several).
const MAX_LITERALS: usize = 64;

/// Longest literal taken: the decoders brute-force what they get, and a constant worth hiding a
/// command or an address in is short.
const MAX_LITERAL_LEN: usize = 4096;

/// Most distinct names looked up in one package, constants and functions each: each costs a
/// search through its sources (every file is tokenized at most once, whatever is looked up).
const MAX_NAMES: usize = 1024;

/// Most look-ups answered for one package: each hands out a constant's values, and a crate that
/// names one constant a million times must not make the scan copy it a million times.
const MAX_LOOKUPS: usize = 4096;

/// The literals of a constant's definitions, each with the file it is defined in.
type Definitions = Vec<(String, Literal)>;

/// What one file defines: its constants' literals and its decoding functions (their hints and the
/// constants they name), read in one pass over its tokens the first time a look-up needs it.
#[derive(Default)]
struct FileIndex {
    constants: HashMap<String, Vec<Literal>>,
    decoders: HashMap<String, (Hints, Vec<String>)>,
    /// Constants that are lists of hashes (see [`is_hash_list`]).
    hash_lists: HashSet<String>,
}

/// Most words of a computed text looked for in the package ([`Constants::spelled_out`]).
const MAX_SPELLED_WORDS: usize = 64;

/// Largest file indexed: a constant worth hiding a command in does not sit in a generated table
/// of hundreds of kilobytes, and indexing one costs more than scanning the rest of most crates.
const MAX_INDEXED_FILE: usize = 256 * 1024;

/// The Rust sources of one package, and what was already looked up in them.
pub struct Constants<'a> {
    sources: Vec<(&'a str, &'a [u8])>,
    /// Owned, so that the table stays covariant in `'a` (a collector borrows it for less).
    found: RefCell<HashMap<String, Rc<Definitions>>>,
    decoders: RefCell<HashMap<String, Option<Rc<Decoder>>>>,
    /// Each file is tokenized at most once, whatever is looked up in it.
    indexed: RefCell<HashMap<usize, Rc<FileIndex>>>,
    lookups: std::cell::Cell<usize>,
    /// Whether the package's function of a name computes text, by name.
    /// With a fast hash: it is asked about every call the front ends see.
    computing: RefCell<HashMap<String, Computing>>,
    /// How deep [`Self::computes_text`] is in the functions a function calls.
    callee_depth: std::cell::Cell<usize>,
    /// The files that define a function of each name (`fn name`), found in one pass over the
    /// package the first time a call is checked: a search per name called would cost a pass
    /// over the package per name.
    /// Keyed by [`name_key`], so that building it copies no names (a key shared by two names
    /// only makes a check look at one more file).
    function_files: std::cell::OnceCell<HashMap<u64, Vec<usize>>>,
    /// The names the package's `macro_rules!` define, found in one pass the first time a
    /// macro's call is checked.
    macro_names: std::cell::OnceCell<HashSet<Vec<u8>>>,
    /// The package's functions run on constants.
    evaluator: RefCell<evaluate::Package>,
    evaluates: bool,
    /// The sources in lower case, made the first time a result is checked for
    /// [`Self::spelled_out`] (only when a call computed something worth hiding).
    lowercase_sources: std::cell::OnceCell<Vec<Vec<u8>>>,
}

impl<'a> Constants<'a> {
    /// The constants of `sources` (path, text).
    pub fn new(sources: Vec<(&'a str, &'a [u8])>) -> Constants<'a> {
        Constants {
            sources,
            found: RefCell::default(),
            decoders: RefCell::default(),
            indexed: RefCell::default(),
            lookups: std::cell::Cell::new(0),
            computing: RefCell::default(),
            callee_depth: std::cell::Cell::new(0),
            function_files: std::cell::OnceCell::new(),
            macro_names: std::cell::OnceCell::new(),
            evaluator: RefCell::new(evaluate::Package::new()),
            evaluates: true,
            lowercase_sources: std::cell::OnceCell::new(),
        }
    }

    /// Whether the package defines a function `name` that returns text or bytes and computes
    /// them (see [`computes_text`]): the only calls worth evaluating. Read off tokens, so that
    /// nothing is parsed for the calls of other functions.
    pub fn computes_text(&self, name: &str) -> bool {
        self.computing(name).computes
    }

    /// Whether the package defines a function `name` that decodes text (XOR, shifts, reversal,
    /// numbers made characters): a decoder of its own, not only a function that puts text
    /// together.
    pub fn decodes_text(&self, name: &str) -> bool {
        self.computing(name).decodes
    }

    /// What the package's function `name` computes, found once per name.
    fn computing(&self, name: &str) -> Computing {
        {
            let computing = self.computing.borrow();
            if let Some(known) = computing.get(name) {
                return *known;
            }
            if computing.len() >= MAX_NAMES {
                return Computing::default();
            }
        }
        let files = self.function_index();
        let definitions: Vec<TextFunction> = files
            .get(&name_key(name.as_bytes()))
            .map(|indices| {
                indices
                    .iter()
                    .flat_map(|&index| text_functions(self.sources[index].1, name))
                    .collect()
            })
            .unwrap_or_default();
        let mut found = Computing {
            computes: definitions.iter().any(|f| f.computes),
            decodes: definitions.iter().any(|f| f.decodes),
        };
        // Or one of the package's functions it calls does (`marker(&[7103, 7102])` joining
        // what `rev(quirk(c))` gives): answered "no" while it is being asked, so that
        // functions calling each other end.
        self.computing.borrow_mut().insert(name.to_owned(), found);
        if !found.computes && self.callee_depth.get() < MAX_CALLEE_DEPTH {
            self.callee_depth.set(self.callee_depth.get() + 1);
            found.computes = definitions
                .iter()
                .flat_map(|f| f.callees.iter())
                .any(|callee| callee != name && self.computes_text(callee));
            self.callee_depth.set(self.callee_depth.get() - 1);
            if found.computes {
                self.computing.borrow_mut().insert(name.to_owned(), found);
            }
        }
        found
    }

    /// Whether the package defines a `macro_rules!` macro called `name`: the only macros whose
    /// calls the interpreter expands.
    pub fn defines_macro(&self, name: &str) -> bool {
        self.macro_names
            .get_or_init(|| {
                self.sources
                    .iter()
                    .filter(|(_, bytes)| bytes.len() <= MAX_INDEXED_FILE)
                    .flat_map(|(_, bytes)| defined_macro_names(bytes))
                    .map(<[u8]>::to_vec)
                    .collect()
            })
            .contains(name.as_bytes())
    }

    /// Which parameter of the package's function `name` is the program it starts, if one is
    /// (a build script's `run("git", &["rev-parse", "HEAD"])`).
    pub fn spawned_parameter(&self, name: &str) -> Option<usize> {
        if !self.evaluates || !self.defines_function(name) {
            return None;
        }
        self.evaluator
            .borrow_mut()
            .spawned_parameter(&self.sources, name)
    }

    /// The files that define a function of each name, built on first use.
    fn function_index(&self) -> &HashMap<u64, Vec<usize>> {
        self.function_files.get_or_init(|| {
            let mut files: HashMap<u64, Vec<usize>> = HashMap::default();
            for (index, (_, bytes)) in self.sources.iter().enumerate() {
                if bytes.len() > MAX_INDEXED_FILE {
                    continue;
                }
                for name in defined_function_names(bytes) {
                    let entry = files.entry(name_key(name)).or_default();
                    if entry.last() != Some(&index) {
                        entry.push(index);
                    }
                }
            }
            files
        })
    }

    /// Whether some file of the package defines a function called `name` (`fn name`).
    fn defines_function(&self, name: &str) -> bool {
        let files = self.function_index();
        files.contains_key(&name_key(name.as_bytes()))
    }

    /// The package's name and version, which its code may read with `env!`.
    pub fn with_manifest(self, name: &str, version: &str) -> Self {
        self.evaluator.borrow_mut().set_manifest(name, version);
        self
    }

    /// Whether calls are evaluated at all: not when the scan runs without its deep stack, which
    /// parsing needs.
    pub fn with_evaluation(mut self, evaluate: bool) -> Self {
        self.evaluates = evaluate;
        self
    }

    /// Whether the interpreter's budget for the package is spent: a call it no longer runs is
    /// not one it could not read.
    pub fn evaluation_spent(&self) -> bool {
        self.evaluator.borrow().spent()
    }

    /// Whether calls are evaluated (see [`Self::with_evaluation`]).
    pub fn evaluates(&self) -> bool {
        self.evaluates
    }

    /// What the package's function `name` returns for constant `arguments`, as bytes, when the
    /// interpreter can work it out ([`evaluate`]).
    pub fn evaluate(&self, name: &str, arguments: &[syn::Expr]) -> Option<Vec<u8>> {
        if !self.evaluates {
            return None;
        }
        self.evaluator
            .borrow_mut()
            .call(&self.sources, name, arguments)
    }

    /// The environment variables the last [`Self::evaluate`] asked for by names it computed
    /// (see [`evaluate::Package::variables_asked_last`]).
    pub fn variables_asked_last(&self) -> Vec<String> {
        if !self.evaluates {
            return Vec::new();
        }
        self.evaluator.borrow().variables_asked_last().to_vec()
    }

    /// The value of an expression made of constants, as bytes ([`evaluate`]).
    pub fn evaluate_expression(&self, expr: &syn::Expr) -> Option<Vec<u8>> {
        if !self.evaluates {
            return None;
        }
        self.evaluator.borrow_mut().expression(&self.sources, expr)
    }

    /// The value of an integer expression of constants and of the package's functions called on
    /// them ([`evaluate`]).
    pub fn evaluate_integer(&self, expr: &syn::Expr) -> Option<i128> {
        if !self.evaluates {
            return None;
        }
        self.evaluator.borrow_mut().integer(&self.sources, expr)
    }

    /// Whether `text` is written, in any case, in one of the package's files.
    pub fn spells(&self, text: &str) -> bool {
        let text = text.to_ascii_lowercase();
        !text.is_empty()
            && self
                .lowercase()
                .iter()
                .any(|source| memchr::memmem::find(source, text.as_bytes()).is_some())
    }

    fn lowercase(&self) -> &[Vec<u8>] {
        self.lowercase_sources.get_or_init(|| {
            self.sources
                .iter()
                .map(|(_, source)| source.to_ascii_lowercase())
                .collect()
        })
    }

    /// Whether every word of `bytes` (runs of four or more letters, digits, `.`, `-` and `_`)
    /// is spelled out in one of the package's files: then a function that returns it hides
    /// nothing, it only puts pieces together.
    pub fn spelled_out(&self, bytes: &[u8]) -> bool {
        // Case aside: `path.to_ascii_lowercase()` of a literal hides nothing.
        let sources = self.lowercase();
        let words: Vec<&[u8]> = bytes
            .split(|b| !(b.is_ascii_alphanumeric() || b".-_".contains(b)))
            .filter(|word| word.len() >= 4)
            .collect();
        // Each word is a search through the whole package: text of more words than a command or
        // an address has is not taken for pieces written out.
        if words.len() > MAX_SPELLED_WORDS {
            return false;
        }
        // `/bin/sh`, `sh -c`: too short to be words, so the whole must be written out.
        if words.is_empty() {
            return std::str::from_utf8(bytes).is_ok_and(|text| self.spells(text.trim()));
        }
        let spelled = |word: &[u8]| {
            sources
                .iter()
                .any(|source| memchr::memmem::find(source, word).is_some())
        };
        // A deleting command's words are too short to count (`rm -rf "$HOME"` has one word,
        // `home`, which prose spells): the command itself must be written out.
        let lower = bytes.to_ascii_lowercase();
        SHELL_DESTRUCTION
            .iter()
            .filter(|command| memchr::memmem::find(&lower, command.as_bytes()).is_some())
            .all(|command| spelled(command.as_bytes()))
            && words
                .into_iter()
                .all(|word| spelled(&word.to_ascii_lowercase()))
    }

    /// Whether a constant or static called `name` is a list of hashes ([`is_hash_list`]).
    pub fn is_hash_list(&self, name: &str) -> bool {
        if !self.take_lookup() {
            return false;
        }
        self.files_with(name, &["const", "static", "mut"])
            .into_iter()
            .any(|index| self.index(index).hash_lists.contains(name))
    }

    /// The literals of the constants and statics called `name` in every file.
    pub fn lookup_anywhere(&self, name: &str) -> Vec<Literal> {
        self.definitions_of(name)
            .iter()
            .map(|(_, literal)| literal.clone())
            .collect()
    }

    /// Counts a look-up against [`MAX_LOOKUPS`]; false once they are spent.
    fn take_lookup(&self) -> bool {
        let done = self.lookups.get();
        self.lookups.set(done + 1);
        done < MAX_LOOKUPS
    }

    /// What the package's function `name` does to decode, when it does (XOR, arithmetic on
    /// characters, reversal); `None` for functions that decode nothing or are not the package's.
    pub fn decoder(&self, name: &str) -> Option<Rc<Decoder>> {
        if !self.take_lookup() {
            return None;
        }
        let known = self.decoders.borrow().get(name).cloned();
        if let Some(known) = known {
            return known;
        }
        if self.decoders.borrow().len() >= MAX_NAMES {
            return None;
        }
        let decoder = self.find_decoder(name).map(Rc::new);
        self.decoders
            .borrow_mut()
            .insert(name.to_owned(), decoder.clone());
        decoder
    }

    fn find_decoder(&self, name: &str) -> Option<Decoder> {
        let mut found: Option<Decoder> = None;
        for index in self.files_with(name, &["fn"]) {
            let file = self.index(index);
            let Some((hints, named)) = file.decoders.get(name) else {
                continue;
            };
            let decoder = found.get_or_insert_with(Decoder::default);
            decoder.hints = decoder.hints.union(*hints);
            for word in named {
                for literal in self.lookup_anywhere(word) {
                    if let Literal::Bytes(key) = literal {
                        if (2..=MAX_KEY_LEN).contains(&key.len())
                            && !decoder.keys.contains(&key)
                            && decoder.keys.len() < 8
                        {
                            decoder.keys.push(key);
                        }
                    }
                }
            }
        }
        found
    }

    /// The literals of the constants and statics called `name` defined in files other than
    /// `file`: the file's own are its collector's to decode.
    pub fn lookup(&self, name: &str, file: &str) -> Vec<Literal> {
        self.definitions_of(name)
            .iter()
            .filter(|(path, _)| path != file)
            .map(|(_, literal)| literal.clone())
            .collect()
    }

    /// The definitions of `name`, shared: a look-up copies nothing until its caller takes a value.
    pub fn definitions_of(&self, name: &str) -> Rc<Definitions> {
        if !self.take_lookup() {
            return Rc::default();
        }
        let known = self.found.borrow().get(name).cloned();
        let definitions = match known {
            Some(definitions) => definitions,
            None if self.found.borrow().len() >= MAX_NAMES => return Rc::default(),
            None => {
                let definitions = Rc::new(self.definitions(name));
                self.found
                    .borrow_mut()
                    .insert(name.to_owned(), definitions.clone());
                definitions
            }
        };
        definitions
    }

    fn definitions(&self, name: &str) -> Definitions {
        let mut out = Vec::new();
        for index in self.files_with(name, &["const", "static", "mut"]) {
            let file = self.index(index);
            for literal in file.constants.get(name).into_iter().flatten() {
                if out.len() >= MAX_LITERALS {
                    return out;
                }
                out.push((self.sources[index].0.to_owned(), literal.clone()));
            }
        }
        out
    }

    /// The files small enough to index where `name` follows one of `words`.
    fn files_with(&self, name: &str, words: &[&str]) -> Vec<usize> {
        self.sources
            .iter()
            .enumerate()
            .filter(|(_, (_, bytes))| {
                bytes.len() <= MAX_INDEXED_FILE && follows_any(bytes, name, words)
            })
            .map(|(index, _)| index)
            .collect()
    }

    fn index(&self, index: usize) -> Rc<FileIndex> {
        let known = self.indexed.borrow().get(&index).cloned();
        if let Some(file) = known {
            return file;
        }
        let source = String::from_utf8_lossy(self.sources[index].1);
        let file = Rc::new(index_file(&lexer::tokenize(&source)));
        self.indexed.borrow_mut().insert(index, file.clone());
        file
    }
}

/// One pass over a file's tokens: the literals of every `const`/`static` initializer, and every
/// function that decodes, with the constants its body names.
fn index_file(tokens: &[Token]) -> FileIndex {
    let mut file = FileIndex::default();
    let mut i = 0;
    while i + 1 < tokens.len() {
        match tokens[i].kind {
            TokenKind::Ident("const" | "static") => {
                let mut at = i + 1;
                if matches!(tokens[at].kind, TokenKind::Ident("mut")) {
                    at += 1;
                }
                // `const fn`, `const unsafe fn`, `const { … }` blocks: no constant is named.
                let Some(TokenKind::Ident(name)) = tokens.get(at).map(|t| &t.kind) else {
                    i += 1;
                    continue;
                };
                if matches!(*name, "fn" | "unsafe" | "async" | "extern") {
                    i += 1;
                    continue;
                }
                // The type, up to `=` (a `;` outside brackets first: no initializer; `[u8; 5]`
                // has one inside).
                let Some(equals) = initializer_start(tokens, at + 1) else {
                    i = at + 1;
                    continue;
                };
                let end = initializer_end(tokens, equals + 1);
                if is_hash_list(&tokens[equals + 1..end]) {
                    file.hash_lists.insert((*name).to_owned());
                }
                let mut literals = Vec::new();
                initializer_literals(&tokens[equals + 1..end], &mut literals);
                if !literals.is_empty() {
                    let entry = file.constants.entry((*name).to_owned()).or_default();
                    entry.extend(literals);
                    entry.truncate(MAX_LITERALS);
                }
                i = end;
            }
            TokenKind::Ident("fn") => {
                let Some(TokenKind::Ident(name)) = tokens.get(i + 1).map(|t| &t.kind) else {
                    i += 1;
                    continue;
                };
                // Nested functions are indexed too: the walk goes on inside the body.
                if let Some(body) = function_body(tokens, i + 2) {
                    let hints = decoding_hints(body);
                    if hints.any() {
                        let mut named: Vec<String> = Vec::new();
                        for token in body {
                            if let TokenKind::Ident(word) = token.kind {
                                if is_constant_name(word)
                                    && named.len() < 16
                                    && !named.iter().any(|n| n == word)
                                {
                                    named.push(word.to_owned());
                                }
                            }
                        }
                        let entry = file
                            .decoders
                            .entry((*name).to_owned())
                            .or_insert((Hints::default(), Vec::new()));
                        entry.0 = entry.0.union(hints);
                        for word in named {
                            if entry.1.len() < 16 && !entry.1.contains(&word) {
                                entry.1.push(word);
                            }
                        }
                    }
                }
                i += 2;
            }
            _ => i += 1,
        }
    }
    file
}

/// FNV-1a of a name: a key for [`Constants::function_files`].
fn name_key(name: &[u8]) -> u64 {
    name.iter().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(*byte)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// The names after `fn` in `bytes` (comments and strings included: a superset is enough).
fn defined_function_names(bytes: &[u8]) -> impl Iterator<Item = &[u8]> + '_ {
    memchr::memmem::find_iter(bytes, b"fn").filter_map(move |at| {
        let word_start = at == 0 || !is_ident_byte(bytes[at - 1]);
        let spaced = bytes.get(at + 2).is_some_and(|b| b.is_ascii_whitespace());
        if !word_start || !spaced {
            return None;
        }
        name_after(&bytes[at + 2..])
    })
}

/// The names after `macro_rules!` in `bytes` (comments and strings included).
fn defined_macro_names(bytes: &[u8]) -> impl Iterator<Item = &[u8]> + '_ {
    memchr::memmem::find_iter(bytes, b"macro_rules!")
        .filter_map(move |at| name_after(&bytes[at + "macro_rules!".len()..]))
}

/// The identifier that `rest` starts with, after white space.
fn name_after(rest: &[u8]) -> Option<&[u8]> {
    let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
    let len = rest[start..]
        .iter()
        .take_while(|b| is_ident_byte(**b))
        .count();
    (len > 0).then(|| &rest[start..start + len])
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `name` occurs in `bytes` right after one of `words` and white space (`const NAME`,
/// `const\tNAME`; not `myconst NAME`): only such files
/// are tokenized, so that a look-up costs a search of the package's bytes and no more.
pub(super) fn follows_any(bytes: &[u8], name: &str, words: &[&str]) -> bool {
    memchr::memmem::find_iter(bytes, name.as_bytes()).any(|at| {
        let before = bytes[..at].trim_ascii_end();
        before.len() < at
            && words.iter().any(|word| {
                before.ends_with(word.as_bytes())
                    && !before[..before.len() - word.len()]
                        .last()
                        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
            })
    })
}

/// The body (the tokens between the braces) of the function whose signature starts at `start`;
/// `None` for a declaration without one.
fn function_body<'t, 's>(tokens: &'t [Token<'s>], start: usize) -> Option<&'t [Token<'s>]> {
    // The signature ends at the first `{` (or at `;`: a declaration without a body).
    let open = tokens
        .get(start..)?
        .iter()
        .position(|t| matches!(t.kind, TokenKind::Punct('{' | ';')))
        .map(|p| start + p)
        .filter(|&p| matches!(tokens[p].kind, TokenKind::Punct('{')))?;
    let mut depth = 0usize;
    for (offset, token) in tokens[open..].iter().enumerate() {
        match token.kind {
            TokenKind::Punct('{') => depth += 1,
            TokenKind::Punct('}') => {
                depth -= 1;
                if depth == 0 {
                    return Some(&tokens[open + 1..open + offset]);
                }
            }
            _ => {}
        }
    }
    None
}

/// What a function body does that decodes: XOR (`^`), reversal (`.rev()`), or arithmetic on
/// values turned into characters (`(b - 3) as char`, `char::from_u32(c + k)`).
fn decoding_hints(body: &[Token]) -> Hints {
    let mut xor = false;
    let mut reverse = false;
    let mut to_char = false;
    let mut arithmetic = false;
    for pair in body.windows(2) {
        match (&pair[0].kind, &pair[1].kind) {
            (TokenKind::Punct('^'), _) => xor = true,
            (TokenKind::Punct('.'), TokenKind::Ident("rev")) => reverse = true,
            (TokenKind::Ident("as"), TokenKind::Ident("char"))
            | (TokenKind::Ident("from_u32" | "from_digit"), _) => to_char = true,
            (TokenKind::Punct('+' | '-'), _)
            | (TokenKind::Ident("wrapping_add" | "wrapping_sub"), _) => arithmetic = true,
            _ => {}
        }
    }
    Hints {
        xor,
        char_arithmetic: to_char && arithmetic,
        reverse,
    }
}

/// Whether `bytes` define a function `name` that returns text or bytes (`String`, `Vec<u8>`,
/// `&str`, `char`) and computes them the way decoders do: XOR, shifts, masks, rotations, wrapping
/// arithmetic, reversal, case changes, numbers turned into characters or bytes into text, or a
/// `base64` alphabet of its own.
///
/// Read off bytes, braces counted without regard to strings or comments: it only decides which
/// calls are worth parsing and evaluating, and a check per call by tokens cost a tenth of the
/// scan on real crates.
#[cfg(test)]
fn computes_text(bytes: &[u8], name: &str) -> bool {
    text_functions(bytes, name).iter().any(|f| f.computes)
}

/// What a function of the package does with text, as [`Constants::computing`] finds it.
#[derive(Debug, Clone, Copy, Default)]
struct Computing {
    /// It computes text, itself or through one of the package's functions it calls.
    computes: bool,
    /// It decodes text itself.
    decodes: bool,
}

/// A function that returns text or bytes, as [`text_functions`] reads it.
struct TextFunction {
    /// Whether it computes them itself (see [`computes_text`]).
    computes: bool,
    /// Whether it does so the way decoders do (XOR, shifts, reversal, numbers made characters),
    /// not only by putting pieces together.
    decodes: bool,
    /// The free functions its body calls (`rev(quirk(c))`), which may compute them for it.
    callees: Vec<String>,
}

/// The definitions of `name` in `bytes` that return text or bytes.
fn text_functions(bytes: &[u8], name: &str) -> Vec<TextFunction> {
    const RETURNS: [&[u8]; 5] = [b"String", b"Vec", b"str", b"char", b"u8"];
    const ADDRESSES: [&[u8]; 3] = [b"SocketAddr", b"IpAddr", b"Ipv4Addr"];
    // Text assembled from pieces (`format!("{NS}.{s}")`, `[A, b].join(".")`, pieces looked up
    // one by one and collected: `CODES[i].iter().map(|&c| piece(c)).collect()`).
    const ASSEMBLES: [&[u8]; 4] = [b"format!(", b".join(", b".concat(", b".collect()"];
    const COMPUTES: [&[u8]; 16] = [
        b"^",
        b">>",
        b"<<",
        b"& 0x",
        b"as char",
        b"from_utf8",
        b"from_u32",
        b"from_digit",
        b"rev()",
        b"rotate_left",
        b"rotate_right",
        b"wrapping_",
        b"to_le_bytes",
        b"to_be_bytes",
        b"to_ascii_",
        b"Alphabet",
    ];
    let contains =
        |haystack: &[u8], needle: &[u8]| memchr::memmem::find(haystack, needle).is_some();
    evaluate::occurrences_after(bytes, name, &["fn"])
        .into_iter()
        .filter_map(|at| {
            let before = bytes[..at].trim_ascii_end();
            let after_fn = before.len() < at
                && before.ends_with(b"fn")
                && !before[..before.len() - 2]
                    .last()
                    .is_some_and(|b| is_ident_byte(*b));
            let whole_name = !bytes
                .get(at + name.len())
                .is_some_and(|b| is_ident_byte(*b));
            if !after_fn || !whole_name {
                return None;
            }
            let rest = &bytes[at + name.len()..];
            let rest = &rest[..rest.len().min(evaluate::MAX_DEFINITION)];
            // The body's brace, or the `;` of a declaration, outside the signature's brackets
            // (`w: [u8; 8]`).
            let mut nested = 0usize;
            let open = rest.iter().position(|b| match b {
                b'(' | b'[' => {
                    nested += 1;
                    false
                }
                b')' | b']' => {
                    nested = nested.saturating_sub(1);
                    false
                }
                b'{' | b';' => nested == 0,
                _ => false,
            })?;
            if rest[open] == b';' {
                return None;
            }
            let signature = &rest[..open];
            let returns = |words: &[&[u8]]| {
                memchr::memmem::find(signature, b"->")
                    .is_some_and(|arrow| words.iter().any(|w| contains(&signature[arrow..], w)))
            };
            let returns_address = returns(&ADDRESSES);
            if !returns(&RETURNS) && !returns_address && !returns_text_alias(bytes, signature) {
                return None;
            }
            let mut depth = 0usize;
            let mut end = rest.len();
            for (offset, byte) in rest[open..].iter().enumerate() {
                match byte {
                    b'{' => depth += 1,
                    b'}' => {
                        depth -= 1;
                        if depth == 0 {
                            end = open + offset;
                            break;
                        }
                    }
                    _ => {}
                }
            }
            let body = &rest[open..end];
            // An address assembled from numbers is as worth reading as text that is; one written
            // as four numbers (`Ipv4Addr::new(198, 18, 0, 25)`) is read where it is written.
            let makes_address = returns_address && computes_an_address(body);
            let decodes = makes_address || COMPUTES.iter().any(|needle| contains(body, needle));
            Some(TextFunction {
                computes: decodes || ASSEMBLES.iter().any(|needle| contains(body, needle)),
                decodes,
                callees: free_calls(body),
            })
        })
        .collect()
}

/// Whether a signature returns a type alias of its file for text or bytes (`type Table =
/// Vec<String>;` … `fn expand() -> Table`).
fn returns_text_alias(bytes: &[u8], signature: &[u8]) -> bool {
    let Some(arrow) = memchr::memmem::find(signature, b"->") else {
        return false;
    };
    let returned = signature[arrow + 2..].trim_ascii();
    let end = returned
        .iter()
        .position(|b| !is_ident_byte(*b))
        .unwrap_or(returned.len());
    let name = &returned[..end];
    if name.is_empty() || !name[0].is_ascii_uppercase() {
        return false;
    }
    let definition = [b"type ".as_slice(), name, b" ="].concat();
    memchr::memmem::find(bytes, &definition).is_some_and(|at| {
        let rest = &bytes[at + definition.len()..];
        let rest = &rest[..memchr::memchr(b';', rest).unwrap_or(rest.len()).min(256)];
        [b"String".as_slice(), b"Vec<u8>", b"str"]
            .iter()
            .any(|word| memchr::memmem::find(rest, word).is_some())
    })
}

/// How many calls deep [`Constants::computes_text`] looks for a function that computes text.
const MAX_CALLEE_DEPTH: usize = 3;

/// The most callees of one function [`free_calls`] returns.
const MAX_CALLEES: usize = 8;

/// The free functions a body calls, by name (`quirk` in `rev(quirk(c))`): lower-case names
/// followed by `(`, not methods (`.map(`), not a type's (`String::from(`), not keywords.
fn free_calls(body: &[u8]) -> Vec<String> {
    const NOT_CALLS: [&[u8]; 8] = [
        b"for", b"if", b"in", b"match", b"move", b"return", b"while", b"fn",
    ];
    let mut found: Vec<String> = Vec::new();
    let mut start = None;
    for (index, byte) in body.iter().enumerate() {
        if is_ident_byte(*byte) {
            start.get_or_insert(index);
            continue;
        }
        let Some(from) = start.take() else { continue };
        if *byte != b'(' {
            continue;
        }
        let name = &body[from..index];
        let before = body[..from].trim_ascii_end();
        let qualified =
            before.ends_with(b".") || before.ends_with(b"::") || before.ends_with(b"fn");
        let lower = name
            .first()
            .is_some_and(|b| b.is_ascii_lowercase() || *b == b'_');
        if qualified
            || !lower
            || NOT_CALLS.contains(&name)
            || name.first().is_some_and(u8::is_ascii_digit)
        {
            continue;
        }
        let name = String::from_utf8_lossy(name).into_owned();
        if !found.contains(&name) {
            found.push(name);
            if found.len() == MAX_CALLEES {
                break;
            }
        }
    }
    found
}

/// Whether a function body makes an IPv4 address from something other than numbers written
/// out (`Ipv4Addr::new(a[0] + o[0], …)`, `Ipv4Addr::from(key ^ MASK)`).
fn computes_an_address(body: &[u8]) -> bool {
    // Constructors' arguments are short; a search that ran to the end of the body for each of
    // many constructors would cost the square of the body.
    const ARGUMENTS: usize = 256;
    memchr::memmem::find_iter(body, b"Ipv4Addr::")
        .take(evaluate::MAX_OCCURRENCES)
        .any(|at| {
            let rest = &body[at + b"Ipv4Addr::".len()..];
            let rest = &rest[..rest.len().min(ARGUMENTS)];
            let Some(open) = rest.iter().position(|b| *b == b'(') else {
                return false;
            };
            let Some(close) = rest[open..].iter().position(|b| *b == b')') else {
                return false;
            };
            let written_out = |b: &u8| {
                b.is_ascii_hexdigit()
                    || matches!(b, b'x' | b'X' | b'_' | b',' | b'u' | b'[' | b']')
                    || b.is_ascii_whitespace()
            };
            !rest[open + 1..open + close].iter().all(written_out)
        })
}

/// Whether an initializer is a list of hashes: two or more values, three in four of them or
/// more a number of 28 bits or more or a string of eight or more hexadecimal digits (a 32-bit
/// hash is below 2^28 one time in sixteen), the rest numbers or strings, and nothing else but
/// brackets, commas, `&` and integer suffixes. Tables of round constants are lists of big
/// numbers too, but nobody looks a value up in one.
fn is_hash_list(initializer: &[Token]) -> bool {
    let (mut hashes, mut others) = (0usize, 0usize);
    for token in initializer {
        match &token.kind {
            TokenKind::Int(v) if *v >= 1 << 28 => hashes += 1,
            TokenKind::Str(s) if s.len() >= 8 && s.bytes().all(|b| b.is_ascii_hexdigit()) => {
                hashes += 1
            }
            TokenKind::Int(_) | TokenKind::Str(_) => others += 1,
            TokenKind::Punct('[' | ']' | ',' | '&') => {}
            _ => return false,
        }
    }
    hashes >= 2 && hashes >= 3 * others
}

/// Whether a path's last segment names a constant or a static by Rust's convention
/// (`SCREAMING_SNAKE_CASE`), which is what a table of hidden strings is called.
pub fn is_constant_name(name: &str) -> bool {
    name.len() >= 2
        && name.bytes().any(|b| b.is_ascii_uppercase())
        && name
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

/// The index of the `=` after a constant's type starting at `start`, if it comes before the `;`
/// that ends the item.
fn initializer_start(tokens: &[Token], start: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (offset, token) in tokens.get(start..)?.iter().enumerate() {
        match token.kind {
            // A `;` ends the item; a `{` outside brackets is no constant's type (the body of a
            // function with a const generic parameter).
            TokenKind::Punct(';' | '{') if depth == 0 => return None,
            TokenKind::Punct('(' | '[' | '{') => depth += 1,
            TokenKind::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            TokenKind::Punct('=') if depth == 0 => return Some(start + offset),
            _ => {}
        }
    }
    None
}

/// The index of the `;` that ends the initializer starting at `start` (outside any brackets), or
/// the end of the tokens.
fn initializer_end(tokens: &[Token], start: usize) -> usize {
    let mut depth = 0usize;
    for (offset, token) in tokens[start..].iter().enumerate() {
        match token.kind {
            TokenKind::Punct('(' | '[' | '{') => depth += 1,
            TokenKind::Punct(')' | ']' | '}') => depth = depth.saturating_sub(1),
            TokenKind::Punct(';') if depth == 0 => return start + offset,
            _ => {}
        }
    }
    tokens.len()
}

/// String and byte-string literals, and innermost arrays of byte-sized integers or byte
/// characters, in an initializer's tokens.
fn initializer_literals(tokens: &[Token], out: &mut Vec<Literal>) {
    let mut open: Option<usize> = None;
    for (index, token) in tokens.iter().enumerate() {
        if out.len() >= MAX_LITERALS {
            return;
        }
        match &token.kind {
            TokenKind::Str(text) if text.len() <= MAX_LITERAL_LEN => {
                out.push(Literal::Text(text.clone()));
            }
            TokenKind::ByteStr(bytes) if bytes.len() <= MAX_LITERAL_LEN => {
                out.push(Literal::Bytes(bytes.clone()));
            }
            TokenKind::Punct('[') => open = Some(index),
            TokenKind::Punct(']') => {
                if let Some(start) = open.take() {
                    if let Some(bytes) = byte_array(&tokens[start + 1..index]) {
                        out.push(Literal::Bytes(bytes));
                    }
                }
            }
            _ => {}
        }
    }
}

/// `1, 2, 0x41, b'c', …` when every element fits in a byte (two at least).
fn byte_array(inner: &[Token]) -> Option<Vec<u8>> {
    let bytes = lexer::byte_elements(inner)?;
    (2..=MAX_LITERAL_LEN)
        .contains(&bytes.len())
        .then_some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(source: &str, name: &str) -> Vec<Literal> {
        let constants = Constants::new(vec![("src/consts.rs", source.as_bytes())]);
        constants.lookup(name, "src/lib.rs")
    }

    /// A function returning an alias of its file for a table of strings computes text.
    #[test]
    fn aliases_of_text_types_are_text() {
        let source = b"type Table = Vec<String>;\n\
                       type Count = u64;\n\
                       fn expand() -> Table { W.iter().map(|w| (w ^ 7) as char).collect() }\n\
                       fn total() -> Count { W.iter().map(|w| w ^ 7).sum() }\n";
        let constants = Constants::new(vec![("src/lib.rs", source)]);
        assert!(constants.computes_text("expand"));
        assert!(!constants.computes_text("total"));
    }

    #[test]
    fn lists_of_hashes_are_told_from_other_tables() {
        let source = r#"
            const HOSTS: [u64; 2] = [0x51f0_3c2e_9ab1_0d47, 0x0c93_77e1_5d2a_b8f6];
            const OWNERS: &[&str] = &["99294a0585cb8284", "091df4ba6fd99a95"];
            const ONE: [u64; 1] = [0x51f0_3c2e_9ab1_0d47];
            const SMALL: [u32; 3] = [1, 2, 3];
            const NAMES: &[&str] = &["deadbeefcafe", "not hex at all"];
            const MIXED: [u64; 2] = [0x51f0_3c2e_9ab1_0d47, SEED];
            const MOSTLY: [u32; 4] = [0x9e37_79b9, 0x7f4a_7c15, 0x0100_01b3, 0xcbf2_9ce4];
            const HALF: [u32; 4] = [0x9e37_79b9, 0x7f4a_7c15, 1, 2];
        "#;
        let constants = Constants::new(vec![("src/t.rs", source.as_bytes())]);
        assert!(constants.is_hash_list("HOSTS"));
        assert!(constants.is_hash_list("OWNERS"));
        assert!(constants.is_hash_list("MOSTLY"), "one value below 2^28");
        for name in ["ONE", "SMALL", "NAMES", "MIXED", "HALF", "ABSENT"] {
            assert!(!constants.is_hash_list(name), "{name}");
        }
    }

    #[test]
    fn computing_functions_are_told_from_others_by_their_bytes() {
        let source =
            b"fn spell(ix: &[u8]) -> String { ix.iter().map(|b| (b ^ 7) as char).collect() }
            fn label() -> String { String::from(\"plain\") }
            fn count(x: u32) -> u32 { x >> 1 }
            fn decl() -> String;";
        assert!(computes_text(source, "spell"));
        assert!(!computes_text(source, "label"), "nothing computed");
        assert!(!computes_text(source, "count"), "returns no text");
        assert!(!computes_text(source, "decl"), "no body");
        assert!(!computes_text(source, "spel"), "a prefix of a name");
        assert!(computes_text(
            b"fn d(w: [u8; 8]) -> String { w.iter().map(|b| (b ^ 1) as char).collect() }",
            "d"
        ));
    }

    #[test]
    fn functions_that_call_a_computing_function_compute_too() {
        let source: &[u8] = b"fn rev(s: &str) -> String { s.chars().rev().collect() }
            fn quirk(code: u16) -> &'static str { match code { 7101 => \"ten.\", _ => \"\" } }
            fn marker(codes: &[u16]) -> String { codes.iter().map(|&c| rev(quirk(c))).collect() }
            fn zone() -> String { marker(&[7101]) }
            fn plain() -> String { String::from(quirk(7101)) }
            fn ping() -> String { pong() }
            fn pong() -> String { ping() }";
        let constants = Constants::new(vec![("src/lib.rs", source)]);
        assert!(constants.computes_text("marker"));
        assert!(constants.computes_text("zone"), "two calls away");
        assert!(
            !constants.computes_text("plain"),
            "calls nothing that computes"
        );
        assert!(
            !constants.computes_text("ping"),
            "functions calling each other end"
        );
        assert_eq!(
            free_calls(b"{ codes.iter().map(|&c| rev(quirk(c))).collect::<String>(); if (x) {} String::from(y); }"),
            vec!["rev".to_owned(), "quirk".to_owned()]
        );
    }

    #[test]
    fn byte_strings_strings_and_byte_arrays_are_taken_from_constants_and_statics() {
        let source = r#"
            pub(crate) const ENDPOINT: &[u8] = b"moc.elpmaxe//:sptth";
            pub static mut BANNER: &str = "hello";
            pub const KEY: [u8; 5] = [0x13, 0x37, 0xbe, 0xef, 0x42];
            pub const LEN: usize = 3;
            pub static TABLE: &[&[u8]] = &[&[1, 2, 3], &[0x41, b'B']];
        "#;
        assert_eq!(
            found(source, "ENDPOINT"),
            [Literal::Bytes(b"moc.elpmaxe//:sptth".to_vec())]
        );
        assert_eq!(found(source, "BANNER"), [Literal::Text("hello".into())]);
        assert_eq!(
            found(source, "KEY"),
            [Literal::Bytes(vec![0x13, 0x37, 0xbe, 0xef, 0x42])]
        );
        assert_eq!(
            found(source, "TABLE"),
            [
                Literal::Bytes(vec![1, 2, 3]),
                Literal::Bytes(vec![0x41, b'B'])
            ]
        );
    }

    #[test]
    fn const_functions_and_const_generics_hide_nothing_after_them() {
        let source = "pub const fn zero() -> u8 { 0 }\n\
                      fn pick<const N: usize>() -> usize { N }\n\
                      const unsafe fn raw() {}\n\
                      static\tKEY: [u8; 4] = [1, 2, 3, 4];\n\
                      fn unmask(b: &[u8]) -> Vec<u8> { b.iter().map(|x| x ^ KEY[0]).collect() }";
        assert_eq!(found(source, "KEY"), [Literal::Bytes(vec![1, 2, 3, 4])]);
        let constants = Constants::new(vec![("src/consts.rs", source.as_bytes())]);
        assert!(constants.decoder("unmask").is_some_and(|d| d.hints.xor));
        assert!(found(source, "fn").is_empty());
    }

    #[test]
    fn look_ups_are_bounded_for_the_whole_package() {
        let constants = Constants::new(vec![("src/consts.rs", b"const KEY: &str = \"k1\";")]);
        for _ in 0..MAX_LOOKUPS {
            assert_eq!(constants.lookup_anywhere("KEY").len(), 1);
        }
        assert!(constants.lookup_anywhere("KEY").is_empty());
    }

    #[test]
    fn only_definitions_of_the_name_count_and_never_in_the_asking_file() {
        let source = "const OTHER: &str = \"x\"; fn f() { let ENDPOINT = \"no\"; }\n\
                      const ENDPOINTS: &str = \"no\"; const ENDPOINT: usize = 300;";
        assert!(found(source, "ENDPOINT").is_empty());
        let constants = Constants::new(vec![("src/lib.rs", b"const KEY: &str = \"k1\";")]);
        assert!(constants.lookup("KEY", "src/lib.rs").is_empty());
        assert_eq!(
            constants.lookup("KEY", "src/other.rs"),
            [Literal::Text("k1".into())]
        );
    }

    #[test]
    fn a_decoding_helper_is_read_for_its_hints_and_the_keys_it_names() {
        let util = "use crate::consts::SEED;\n\
                    pub(crate) fn unpack(t: &[u8]) -> String {\n\
                        t.iter().enumerate().map(|(i, b)| (b ^ SEED[i % SEED.len()]) as char).collect()\n\
                    }\n\
                    fn plain(t: &[u8]) -> usize { t.len() + 1 }";
        let consts = "pub(crate) const SEED: [u8; 5] = [0x13, 0x37, 0xbe, 0xef, 0x42];";
        let constants = Constants::new(vec![
            ("src/util.rs", util.as_bytes()),
            ("src/consts.rs", consts.as_bytes()),
        ]);
        let decoder = constants.decoder("unpack").expect("decodes");
        assert!(decoder.hints.xor && !decoder.hints.reverse);
        assert_eq!(decoder.keys, [vec![0x13, 0x37, 0xbe, 0xef, 0x42]]);
        assert!(constants.decoder("plain").is_none());
        assert!(constants.decoder("missing").is_none());
        let reversing = Constants::new(vec![(
            "src/lib.rs",
            b"fn endpoint() -> String { E.iter().rev().map(|&b| b as char).collect() }",
        )]);
        let hints = reversing.decoder("endpoint").expect("decodes").hints;
        assert!(hints.reverse && !hints.xor && !hints.char_arithmetic);
    }

    #[test]
    fn constant_names_follow_the_convention() {
        for name in ["KEY", "T_SH", "TEMPLATE_ENDPOINT", "V2"] {
            assert!(is_constant_name(name), "{name}");
        }
        for name in ["Key", "key", "X", "_", "__", "Vec", "u8"] {
            assert!(!is_constant_name(name), "{name}");
        }
    }
}
