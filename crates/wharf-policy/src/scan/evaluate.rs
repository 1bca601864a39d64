//! Runs the package's own functions on its constants, the way the code would at run time.
//!
//! Malware hides a program's name, an address or a path behind a decoding function of its own:
//! offsets into a table of month names with a case bit, `u64` words unmasked by a mixing
//! function, base64 under a shuffled alphabet. No fixed list of decodings reads them all; doing
//! what the code says does. Where a function of the package is called with nothing but constants
//! (`spell(alias::L_MIRROR)`, `vector(0, 17)`, `legacy(T_ENDPOINT)`), this module evaluates the
//! call with a small interpreter for the part of Rust such decoders are written in (integers with
//! their widths, characters, strings, arrays, loops, closures, iterator chains, `format!`, the
//! `base64` crate's engines) and hands back what it returns; [`super::decode`] judges the result
//! like any decoded literal.
//!
//! Nothing is run: the interpreter has no I/O, no unsafe, no foreign calls. What it does not know
//! (a method of the package's own types, a library call it does not model, a float) ends the
//! evaluation with no answer, and every evaluation has a budget of steps and of memory, so a
//! hostile upload cannot make the scan loop or grow.
//!
//! Only the definitions of the functions and constants an evaluation needs are parsed with `syn`,
//! each on its own: parsing their whole files cost more than the rest of the scan of most
//! crates.

use crate::scan::HashMap;
use std::rc::Rc;

use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
use base64::engine::DecodePaddingMode;
use base64::Engine as _;
use proc_macro2::{Delimiter, Group, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::{BinOp, Expr, Lit, Pat, Stmt, Type, UnOp};

use super::syntax::segments;

/// Steps (expressions evaluated) one call may take: the decoders seen take a few thousand.
const MAX_STEPS_PER_CALL: u64 = 200_000;

/// Steps a whole package's evaluations may take.
const MAX_STEPS_PER_PACKAGE: u64 = 2_000_000;

/// Calls evaluated in one package (each distinct call once).
const MAX_CALLS: usize = 256;

/// Longest string or array a value may become: what hides a command or an address is short.
const MAX_LEN: usize = 64 * 1024;

/// Deepest nesting of function calls.
const MAX_DEPTH: usize = 32;

/// Most places a name is looked for as a definition in one file, and the longest definition
/// taken: a file of thousands of unclosed `fn f() -> String {` must not cost a scan to its end
/// from each.
pub(super) const MAX_OCCURRENCES: usize = 64;

/// Names this short are looked for after the word that defines them (see [`definitions`]).
const SHORT_NAME: usize = 2;
pub(super) const MAX_DEFINITION: usize = 64 * 1024;

/// Methods that only strings have here, which a list of characters is taken for the string of.
const STRING_METHODS: &[&str] = &[
    "as_bytes",
    "bytes",
    "contains",
    "ends_with",
    "into_bytes",
    "replace",
    "split",
    "starts_with",
    "to_ascii_lowercase",
    "to_ascii_uppercase",
    "to_lowercase",
    "to_uppercase",
    "trim",
];

/// Deepest nesting of expressions being evaluated (a closure that calls itself, constants
/// defined by constants): each level is a few frames of the scan thread's stack.
const MAX_NESTING: usize = 1_000;

/// Largest file parsed to find a definition.
const MAX_PARSED: usize = 256 * 1024;

/// The width and signedness of an integer, which decide how arithmetic wraps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Int {
    U8,
    U16,
    U32,
    U64,
    U128,
    Usize,
    I8,
    I16,
    I32,
    I64,
    I128,
    Isize,
    /// A literal without a suffix, not yet given a type.
    Any,
}

impl Int {
    fn named(name: &str) -> Option<Int> {
        Some(match name {
            "u8" => Int::U8,
            "u16" => Int::U16,
            "u32" => Int::U32,
            "u64" => Int::U64,
            "u128" => Int::U128,
            "usize" => Int::Usize,
            "i8" => Int::I8,
            "i16" => Int::I16,
            "i32" => Int::I32,
            "i64" => Int::I64,
            "i128" => Int::I128,
            "isize" => Int::Isize,
            _ => return None,
        })
    }

    fn bits(self) -> u32 {
        match self {
            Int::U8 | Int::I8 => 8,
            Int::U16 | Int::I16 => 16,
            Int::U32 | Int::I32 => 32,
            Int::U64 | Int::I64 | Int::Usize | Int::Isize | Int::Any => 64,
            Int::U128 | Int::I128 => 128,
        }
    }

    /// `value` wrapped into this type, as release builds wrap.
    fn wrap(self, value: i128) -> i128 {
        match self {
            Int::U8 => value as u8 as i128,
            Int::U16 => value as u16 as i128,
            Int::U32 => value as u32 as i128,
            Int::U64 | Int::Usize => value as u64 as i128,
            Int::I8 => value as i8 as i128,
            Int::I16 => value as i16 as i128,
            Int::I32 => value as i32 as i128,
            Int::I64 | Int::Isize => value as i64 as i128,
            Int::U128 | Int::I128 | Int::Any => value,
        }
    }

    /// The type of an operation's result: a typed operand gives its type to an untyped one.
    fn join(self, other: Int) -> Int {
        if self == Int::Any {
            other
        } else {
            self
        }
    }
}

/// A value the interpreter computes with.
#[derive(Clone)]
enum Value {
    Unit,
    Bool(bool),
    Int(i128, Int),
    Char(char),
    Str(String),
    List(Vec<Value>),
    /// A list repeated without end (`key.iter().cycle()`), only as `zip`'s or `take`'s operand.
    Cycle(Vec<Value>),
    Tuple(Vec<Value>),
    /// `Option` and `Result` alike: `Some`/`Ok` or `None`/`Err`.
    Opt(Option<Box<Value>>),
    /// `start..end`; `end` is exclusive, `None` when open.
    Range(i128, Option<i128>, Int),
    Closure(Rc<syn::ExprClosure>),
    /// A `base64` alphabet and an engine made with one.
    Alphabet(String),
    Engine(String),
    /// A value of one of the package's structs, by field (`Revision { published: (2025, 6, 1),
    /// … }`), whose methods the package defines.
    Struct(Vec<(String, Value)>),
}

/// Why evaluation left the normal flow of an expression.
enum Stop {
    /// Something the interpreter does not do, or a budget spent: no answer.
    Fail,
    Break(Option<String>, Value),
    Continue(Option<String>),
    Return(Value),
}

type Eval = Result<Value, Stop>;

fn fail<T>() -> Result<T, Stop> {
    Err(Stop::Fail)
}

/// A function of the package: its parameters and body.
struct Function {
    sig: syn::Signature,
    block: syn::Block,
}

/// A `macro_rules!` macro of the package: its rules, each a matcher and what it expands to.
struct MacroRules {
    rules: Vec<(Vec<TokenTree>, TokenStream)>,
}

/// The most macro expansions one evaluation makes: a macro that expands to itself ends there.
const MAX_EXPANSIONS: usize = 64;

/// The most tokens one expansion may hold, counted before anything is built: a body that names
/// its argument thousands of times, called with a large argument, would otherwise grow without
/// bound before any step is charged.
const MAX_EXPANDED_TOKENS: usize = 16 * 1024;

/// The package's functions and constants, found by name and parsed on demand, and what its
/// evaluations have cost so far.
#[derive(Default)]
pub struct Package {
    functions: HashMap<String, Option<Rc<Function>>>,
    macros: HashMap<String, Option<Rc<MacroRules>>>,
    constants: HashMap<String, Option<Value>>,
    answers: HashMap<String, Option<Vec<u8>>>,
    steps_left: u64,
    /// What `env!` gives at compile time that the manifest says (`CARGO_PKG_NAME`): a key
    /// derived from the crate's own name is as constant as one written out.
    compile_time_env: Vec<(&'static str, String)>,
    /// The `base64` engine each name was found imported as, or not (see
    /// [`engine_imported_as`]), by name: looked up once per package.
    engine_aliases: HashMap<String, Option<&'static str>>,
    /// The environment variables each evaluation asked for by a name it computed
    /// (`env::var(key(K_ROOT))`), by the evaluation's key: the names only a run reveals.
    variables_asked: HashMap<String, Vec<String>>,
    /// Those of the last evaluation answered ([`Self::variables_asked_last`]).
    last_variables: Vec<String>,
}

/// The package's Rust sources (path, text), as the scanner holds them.
pub type Sources<'s> = [(&'s str, &'s [u8])];

impl Package {
    pub fn new() -> Package {
        Package {
            steps_left: MAX_STEPS_PER_PACKAGE,
            ..Package::default()
        }
    }

    /// Whether the package's budget of calls or steps is spent: no more calls are run.
    pub fn spent(&self) -> bool {
        self.answers.len() >= MAX_CALLS || self.steps_left == 0
    }

    /// Sets what `env!` gives for the variables cargo sets from the manifest: the package's
    /// name and version.
    pub fn set_manifest(&mut self, name: &str, version: &str) {
        self.compile_time_env = vec![
            ("CARGO_CRATE_NAME", name.replace('-', "_")),
            ("CARGO_PKG_NAME", name.to_owned()),
            ("CARGO_PKG_VERSION", version.to_owned()),
        ];
    }

    /// The value of an expression made of constants (`format!("{}.{}", A, B)`,
    /// `LABELS.join(".")`), as bytes, when the interpreter can work it out.
    pub fn expression(&mut self, sources: &Sources<'_>, expr: &Expr) -> Option<Vec<u8>> {
        let key = quote::ToTokens::to_token_stream(expr).to_string();
        self.answer(sources, key, |machine| machine.eval(expr).ok())
    }

    /// What the package's function `name` returns for `arguments` (constant expressions), as
    /// bytes (a string's, or an array of byte values); `None` when it cannot be worked out.
    pub fn call(
        &mut self,
        sources: &Sources<'_>,
        name: &str,
        arguments: &[Expr],
    ) -> Option<Vec<u8>> {
        self.last_variables.clear();
        let key = format!(
            "{name}({})",
            arguments
                .iter()
                .map(|a| quote::ToTokens::to_token_stream(a).to_string())
                .collect::<Vec<_>>()
                .join(",")
        );
        // A function the package does not define has no answer, and costs no call.
        let function = self.function(sources, name)?;
        self.answer(sources, key, |machine| {
            let values: Result<Vec<Value>, Stop> =
                arguments.iter().map(|a| machine.eval(a)).collect();
            machine.invoke(&function, values.ok()?).ok()
        })
    }

    /// The value of an integer expression of constants and of the package's functions called
    /// on them (`EPOCH_DAYS * 86_400`, `fold()`), when the interpreter can work it out.
    pub fn integer(&mut self, sources: &Sources<'_>, expr: &Expr) -> Option<i128> {
        let key = format!("integer {}", quote::ToTokens::to_token_stream(expr));
        let bytes = self.answer_read(
            sources,
            key,
            |machine| machine.eval(expr).ok(),
            |value| match value {
                Value::Int(v, _) => Some(v.to_le_bytes().to_vec()),
                _ => None,
            },
        )?;
        Some(i128::from_le_bytes(bytes.try_into().ok()?))
    }

    /// The answer remembered under `key`, or `run`'s on a fresh machine within what is left of
    /// the package's budget (remembered too, and charged at least a step).
    fn answer(
        &mut self,
        sources: &Sources<'_>,
        key: String,
        run: impl FnOnce(&mut Machine<'_, '_>) -> Option<Value>,
    ) -> Option<Vec<u8>> {
        self.answer_read(sources, key, run, bytes_of)
    }

    /// The environment variables the last evaluation asked for by names it computed, whether
    /// or not it could finish (a variable's value is no constant, so most cannot): `HOME`
    /// spelled in XORed numbers and read through a helper is still the home directory read.
    pub fn variables_asked_last(&self) -> &[String] {
        &self.last_variables
    }

    /// [`Self::answer`], with the value read as bytes by `read`.
    fn answer_read(
        &mut self,
        sources: &Sources<'_>,
        key: String,
        run: impl FnOnce(&mut Machine<'_, '_>) -> Option<Value>,
        read: impl FnOnce(&Value) -> Option<Vec<u8>>,
    ) -> Option<Vec<u8>> {
        self.last_variables.clear();
        if let Some(known) = self.answers.get(&key) {
            if let Some(asked) = self.variables_asked.get(&key) {
                self.last_variables.clone_from(asked);
            }
            return known.clone();
        }
        if self.answers.len() >= MAX_CALLS || self.steps_left == 0 {
            return None;
        }
        let budget = self.steps_left.min(MAX_STEPS_PER_CALL);
        let mut machine = Machine::new(self, sources, budget, 0, 0);
        let answer = run(&mut machine).and_then(|value| read(&value));
        let spent = budget - machine.steps;
        let asked = std::mem::take(&mut machine.variables_asked);
        self.steps_left = self.steps_left.saturating_sub(spent.max(1));
        if !asked.is_empty() {
            self.last_variables.clone_from(&asked);
            self.variables_asked.insert(key.clone(), asked);
        }
        self.answers.insert(key, answer.clone());
        answer
    }

    /// The first definition of `name` after one of `words` in the package's files that parses
    /// and that `take` accepts.
    fn find_item<T>(
        sources: &Sources<'_>,
        name: &str,
        words: &[&str],
        mut take: impl FnMut(syn::Item) -> Option<T>,
    ) -> Option<T> {
        for (_, bytes) in sources.iter().filter(|(_, b)| b.len() <= MAX_PARSED) {
            for (start, end) in definitions(bytes, name, words) {
                let text = String::from_utf8_lossy(&bytes[start..end]);
                if let Some(found) = parse_item(&text).and_then(&mut take) {
                    return Some(found);
                }
            }
        }
        None
    }

    fn function(&mut self, sources: &Sources<'_>, name: &str) -> Option<Rc<Function>> {
        if let Some(known) = self.functions.get(name) {
            return known.clone();
        }
        let found = Package::find_item(sources, name, &["fn"], |item| match item {
            syn::Item::Fn(f) => Some(Rc::new(Function {
                sig: f.sig,
                block: *f.block,
            })),
            _ => None,
        });
        self.functions.insert(name.to_owned(), found.clone());
        found
    }

    /// Which parameter of the package's function `name` is the program it starts
    /// (`fn run(program: &str, args: &[&str]) { Command::new(program)… }`), if one is.
    pub fn spawned_parameter(&mut self, sources: &Sources<'_>, name: &str) -> Option<usize> {
        let function = self.function(sources, name)?;
        let params: Vec<Option<String>> = function
            .sig
            .inputs
            .iter()
            .map(|input| match input {
                syn::FnArg::Typed(typed) => match typed.pat.as_ref() {
                    Pat::Ident(ident) => Some(ident.ident.to_string()),
                    _ => None,
                },
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        struct Finder<'n> {
            params: &'n [Option<String>],
            found: Option<usize>,
        }
        impl<'ast> syn::visit::Visit<'ast> for Finder<'_> {
            fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
                if let (Expr::Path(path), Some(first)) = (call.func.as_ref(), call.args.first()) {
                    let segments = segments(&path.path);
                    let is_command_new = segments.len() >= 2
                        && segments[segments.len() - 1] == "new"
                        && segments[segments.len() - 2] == "Command";
                    let mut argument = first;
                    while let Expr::Reference(r) = argument {
                        argument = &r.expr;
                    }
                    if let (true, Expr::Path(arg), None) = (is_command_new, argument, self.found) {
                        if let Some(ident) = arg.path.get_ident() {
                            let ident = ident.to_string();
                            self.found = self
                                .params
                                .iter()
                                .position(|p| p.as_deref() == Some(ident.as_str()));
                        }
                    }
                }
                syn::visit::visit_expr_call(self, call);
            }
        }
        let mut finder = Finder {
            params: &params,
            found: None,
        };
        syn::visit::Visit::visit_block(&mut finder, &function.block);
        finder.found
    }

    /// The package's `macro_rules!` macro `name`, parsed once.
    fn macro_rules(&mut self, sources: &Sources<'_>, name: &str) -> Option<Rc<MacroRules>> {
        if let Some(known) = self.macros.get(name) {
            return known.clone();
        }
        let found = Package::find_item(sources, name, &["macro_rules!"], |item| match item {
            syn::Item::Macro(m) => macro_rules_of(m.mac.tokens).map(Rc::new),
            _ => None,
        });
        self.macros.insert(name.to_owned(), found.clone());
        found
    }

    /// The value of the package's constant or static `name`, evaluated once.
    fn constant(
        &mut self,
        sources: &Sources<'_>,
        name: &str,
        steps: &mut u64,
        nesting: usize,
    ) -> Option<Value> {
        if let Some(known) = self.constants.get(name) {
            return known.clone();
        }
        // Marked first: a constant defined in terms of itself has no value.
        self.constants.insert(name.to_owned(), None);
        let (ty, expr) =
            Package::find_item(sources, name, &["const", "static"], |item| match item {
                syn::Item::Const(c) => Some((*c.ty, *c.expr)),
                syn::Item::Static(s) => Some((*s.ty, *s.expr)),
                _ => None,
            })?;
        let mut machine = Machine::new(self, sources, *steps, 1, nesting);
        let value = machine.eval(&expr).ok().map(|v| typed(v, &ty));
        *steps = machine.steps;
        self.constants.insert(name.to_owned(), value.clone());
        value
    }
}

/// Whether `expr` is made of constants only: literals, paths that name constants
/// (`SCREAMING_CASE`), and arrays, references, casts and arithmetic of those, and calls of free
/// functions on them, at most four deep.
pub fn is_constant(expr: &Expr) -> bool {
    constant_within(expr, MAX_CONSTANT_CALLS)
}

/// The most calls nested in one another that [`is_constant`] follows: the front ends ask it of
/// every argument at every level of a call, so `f(f(f(…K…)))` thousands deep must not be
/// walked whole at each.
const MAX_CONSTANT_CALLS: usize = 4;

fn constant_within(expr: &Expr, calls: usize) -> bool {
    let is_constant = |e: &Expr| constant_within(e, calls);
    match expr {
        Expr::Lit(_) => true,
        Expr::Path(path) => path
            .path
            .segments
            .last()
            .is_some_and(|s| super::constants::is_constant_name(&s.ident.to_string())),
        Expr::Reference(r) => is_constant(&r.expr),
        Expr::Paren(p) => is_constant(&p.expr),
        Expr::Group(g) => is_constant(&g.expr),
        Expr::Cast(c) => is_constant(&c.expr),
        Expr::Unary(u) => is_constant(&u.expr),
        Expr::Binary(b) => is_constant(&b.left) && is_constant(&b.right),
        // `SEEDS[0]`: an element of a constant table.
        Expr::Index(i) => is_constant(&i.expr) && is_constant(&i.index),
        Expr::Array(a) => a.elems.iter().all(is_constant),
        Expr::Tuple(t) => t.elems.iter().all(is_constant),
        // `residue(&TABLE)`: a free function (not a type's constructor, `Some(…)`) of
        // constants is as constant as they are, if it is one of the package's (the
        // interpreter runs no other). One of no arguments (`seed()`) may read the clock or
        // the environment.
        Expr::Call(c) => {
            let free_function = matches!(c.func.as_ref(), Expr::Path(p) if {
                let segments: Vec<String> =
                    p.path.segments.iter().map(|s| s.ident.to_string()).collect();
                let lower = |name: &String| name.bytes().next().is_some_and(|b| b.is_ascii_lowercase());
                // `Command::new(…)`, `PathBuf::from(…)`: a type's function, not a module's.
                segments.last().is_some_and(lower)
                    && (segments.len() < 2 || lower(&segments[segments.len() - 2]))
            });
            calls > 0
                && free_function
                && !c.args.is_empty()
                && c.args.iter().all(|a| constant_within(a, calls - 1))
        }
        // `step!()`, `concat!("a", B)`, `host!("x", 3)`: a macro of constants.
        Expr::Macro(m) => constant_tokens(m.mac.tokens.clone()),
        Expr::MethodCall(m) => {
            // `"…".as_bytes()`, `TABLE.to_vec()`
            m.args.is_empty()
                && matches!(
                    m.method.to_string().as_str(),
                    "as_bytes"
                        | "as_ref"
                        | "to_be_bytes"
                        | "to_le_bytes"
                        | "to_ne_bytes"
                        | "to_owned"
                        | "to_string"
                        | "to_vec"
                )
                && is_constant(&m.receiver)
        }
        _ => false,
    }
}

/// The local list a `for` loop changes in place and the name its elements are bound to:
/// `for b in buf.iter_mut()`, `for b in &mut buf`, `for (i, b) in buf.iter_mut().enumerate()`.
fn mutated_in_place(iterated: &Expr, pattern: &Pat) -> Option<(String, String)> {
    let ident = |pattern: &Pat| match pattern {
        Pat::Ident(ident) => Some(ident.ident.to_string()),
        _ => None,
    };
    let local = |expr: &Expr| match expr {
        Expr::Path(path) => path.path.get_ident().map(ToString::to_string),
        _ => None,
    };
    match iterated {
        Expr::Reference(r) if r.mutability.is_some() => Some((local(&r.expr)?, ident(pattern)?)),
        Expr::MethodCall(m) if m.method == "iter_mut" && m.args.is_empty() => {
            Some((local(&m.receiver)?, ident(pattern)?))
        }
        Expr::MethodCall(m) if m.method == "enumerate" && m.args.is_empty() => {
            let Pat::Tuple(pair) = pattern else {
                return None;
            };
            let (list, _) = mutated_in_place(&m.receiver, pair.elems.iter().nth(1)?)?;
            Some((list, ident(pair.elems.iter().nth(1)?)?))
        }
        _ => None,
    }
}

/// Whether a macro's arguments are made of constants: literals, `SCREAMING_CASE` names and
/// punctuation, in groups or not.
fn constant_tokens(tokens: TokenStream) -> bool {
    tokens.into_iter().all(|tree| match tree {
        TokenTree::Literal(_) | TokenTree::Punct(_) => true,
        TokenTree::Ident(ident) => super::constants::is_constant_name(&ident.to_string()),
        TokenTree::Group(group) => constant_tokens(group.stream()),
    })
}

/// Where `name` occurs in `bytes`, as far as a search for its definitions after one of `words`
/// needs: its first occurrences, or for a name so short (`t`, `T`) that those could all be
/// uses, the places after `word name` (written the way `rustfmt` writes it).
pub(super) fn occurrences_after(bytes: &[u8], name: &str, words: &[&str]) -> Vec<usize> {
    if name.len() > SHORT_NAME {
        return memchr::memmem::find_iter(bytes, name.as_bytes())
            .take(MAX_OCCURRENCES)
            .collect();
    }
    let mut found: Vec<usize> = words
        .iter()
        .flat_map(|word| [format!("{word} {name}"), format!("{word} mut {name}")])
        .flat_map(|pattern| {
            let skip = pattern.len() - name.len();
            // Whole names only, before the cap: `fn t_x` is not `fn t`.
            memchr::memmem::find_iter(bytes, pattern.as_bytes())
                .filter(|at| {
                    !bytes
                        .get(at + pattern.len())
                        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                })
                .take(MAX_OCCURRENCES)
                .map(move |at| at + skip)
                .collect::<Vec<_>>()
        })
        .collect();
    found.sort_unstable();
    found
}

/// The byte ranges of the definitions of `name` in `bytes` that start with one of `words`
/// (`fn name … { … }`, `const NAME: … = …;`, `static mut NAME …;`): the item alone is parsed, not
/// its file. Brackets are counted outside string literals (plain and raw); a bracket in a
/// comment or a character literal can still cut a definition short, which then does not parse
/// and gives no answer.
fn definitions<'b>(
    bytes: &'b [u8],
    name: &'b str,
    words: &'b [&'b str],
) -> impl Iterator<Item = (usize, usize)> + 'b {
    occurrences_after(bytes, name, words)
        .into_iter()
        .filter_map(move |at| {
            let ident = |b: &u8| b.is_ascii_alphanumeric() || *b == b'_';
            if bytes.get(at + name.len()).is_some_and(ident) {
                return None;
            }
            let mut before = bytes[..at].trim_ascii_end();
            if before.len() == at {
                return None;
            }
            // `static mut NAME`
            if before.ends_with(b"mut") && words.contains(&"static") {
                before = before[..before.len() - 3].trim_ascii_end();
            }
            let word = words.iter().find(|word| {
                before.ends_with(word.as_bytes())
                    && !before[..before.len() - word.len()]
                        .last()
                        .is_some_and(ident)
            })?;
            let start = before.len() - word.len();
            // Both end with their closing brace; a `macro_rules!` in parentheses ends with `;`
            // after it, and is not found.
            let is_function = *word == "fn" || *word == "macro_rules!";
            let mut depth = 0usize;
            let text = &bytes[at..bytes.len().min(at + MAX_DEFINITION)];
            let mut offset = 0;
            while offset < text.len() {
                let byte = text[offset];
                match byte {
                    // Brackets inside a string do not count (a reversed or encoded text holds
                    // them in any order).
                    // (A quote as a character, `'"'` or `'\"'`, is not a string.)
                    b'"' if !(offset > 0
                        && (text[offset - 1] == b'\'' || text[offset - 1] == b'\\')
                        && text.get(offset + 1) == Some(&b'\'')) =>
                    {
                        offset = string_end(text, offset)?;
                        continue;
                    }
                    // Comments hold anything, quotes and brackets included.
                    b'/' if text.get(offset + 1) == Some(&b'/') => {
                        offset +=
                            memchr::memchr(b'\n', &text[offset..]).unwrap_or(text.len() - offset);
                        continue;
                    }
                    b'/' if text.get(offset + 1) == Some(&b'*') => {
                        offset += memchr::memmem::find(&text[offset + 2..], b"*/")? + 4;
                        continue;
                    }
                    b'(' | b'[' | b'{' => depth += 1,
                    b')' | b']' | b'}' => {
                        depth = depth.checked_sub(1)?;
                        if is_function && depth == 0 && byte == b'}' {
                            return Some((start, at + offset + 1));
                        }
                    }
                    b';' if depth == 0 => {
                        return (!is_function).then_some((start, at + offset + 1));
                    }
                    _ => {}
                }
                offset += 1;
            }
            None
        })
}

/// Where the string literal whose opening quote is at `quote` ends (just past its closing
/// quote): escapes skipped, and a raw string's (`r#"…"#`) closing quote and hashes found.
fn string_end(text: &[u8], quote: usize) -> Option<usize> {
    let hashes = text[..quote]
        .iter()
        .rev()
        .take_while(|&&b| b == b'#')
        .count();
    let raw = text[..quote - hashes].last() == Some(&b'r');
    // `#"…"` outside a raw string is a `#` and a plain string.
    let hashes = if raw { hashes } else { 0 };
    let mut at = quote + 1;
    while at < text.len() {
        match text[at] {
            b'\\' if !raw => at += 2,
            b'"' => {
                let closing = &text[at + 1..];
                if closing.len() >= hashes && closing[..hashes].iter().all(|&b| b == b'#') {
                    return Some(at + 1 + hashes);
                }
                at += 1;
            }
            _ => at += 1,
        }
    }
    None
}

/// One item's text parsed, if it nests no deeper than the scanner parses anything (`syn`
/// recurses per level).
fn parse_item(text: &str) -> Option<syn::Item> {
    let tokens = super::lexer::tokenize(text);
    if super::lexer::nesting_bound(&tokens) > super::MAX_NESTING {
        return None;
    }
    syn::parse_str(text).ok()
}

/// The rules of a `macro_rules!` body: `(matcher) => { expansion }`, separated by `;`.
fn macro_rules_of(tokens: TokenStream) -> Option<MacroRules> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut rules = Vec::new();
    let mut at = 0;
    while at < trees.len() {
        let (
            TokenTree::Group(matcher),
            Some(TokenTree::Punct(eq)),
            Some(TokenTree::Punct(gt)),
            Some(TokenTree::Group(body)),
        ) = (
            &trees[at],
            trees.get(at + 1),
            trees.get(at + 2),
            trees.get(at + 3),
        )
        else {
            return None;
        };
        if eq.as_char() != '=' || gt.as_char() != '>' {
            return None;
        }
        rules.push((matcher.stream().into_iter().collect(), body.stream()));
        at += 4;
        if matches!(trees.get(at), Some(TokenTree::Punct(p)) if p.as_char() == ';') {
            at += 1;
        }
    }
    (!rules.is_empty()).then_some(MacroRules { rules })
}

/// The names a matcher binds, if it is one the interpreter reads: empty, or `$name:fragment`
/// items separated by commas (a trailing comma allowed).
fn parameters(matcher: &[TokenTree]) -> Option<Vec<String>> {
    let mut names = Vec::new();
    let mut at = 0;
    while at < matcher.len() {
        match (
            &matcher[at],
            matcher.get(at + 1),
            matcher.get(at + 2),
            matcher.get(at + 3),
        ) {
            (
                TokenTree::Punct(dollar),
                Some(TokenTree::Ident(name)),
                Some(TokenTree::Punct(colon)),
                Some(TokenTree::Ident(_fragment)),
            ) if dollar.as_char() == '$' && colon.as_char() == ':' => {
                names.push(name.to_string());
                at += 4;
            }
            _ => return None,
        }
        match matcher.get(at) {
            Some(TokenTree::Punct(comma)) if comma.as_char() == ',' => at += 1,
            None => {}
            Some(_) => return None,
        }
    }
    Some(names)
}

/// How many tokens `tokens` holds, groups' contents included, counted up to `limit`.
fn token_count(tokens: &TokenStream, limit: usize) -> usize {
    let mut count = 0;
    let mut stack = vec![tokens.clone()];
    while let Some(stream) = stack.pop() {
        for tree in stream {
            count += 1;
            if count >= limit {
                return count;
            }
            if let TokenTree::Group(group) = tree {
                stack.push(group.stream());
            }
        }
    }
    count
}

/// A macro's expansion with each `$name` replaced by its argument, grouped as one expression
/// (as `$x:expr` is). A repetition (`$(…)*`) or an unbound name gives no expansion, and nor does
/// one that would hold more tokens than `room` (each argument counted where it is put).
fn substitute(
    body: TokenStream,
    bound: &HashMap<&str, (TokenStream, usize)>,
    room: &mut usize,
) -> Result<TokenStream, Stop> {
    let mut out = TokenStream::new();
    let mut trees = body.into_iter().peekable();
    while let Some(tree) = trees.next() {
        *room = room.checked_sub(1).ok_or(Stop::Fail)?;
        match tree {
            TokenTree::Punct(p) if p.as_char() == '$' => {
                let Some(TokenTree::Ident(name)) = trees.next() else {
                    return fail();
                };
                let (tokens, size) = bound.get(name.to_string().as_str()).ok_or(Stop::Fail)?;
                *room = room.checked_sub(*size).ok_or(Stop::Fail)?;
                out.extend([TokenTree::Group(Group::new(
                    Delimiter::Parenthesis,
                    tokens.clone(),
                ))]);
            }
            TokenTree::Group(g) => {
                let inner = substitute(g.stream(), bound, room)?;
                let mut group = Group::new(g.delimiter(), inner);
                group.set_span(g.span());
                out.extend([TokenTree::Group(group)]);
            }
            other => out.extend([other]),
        }
    }
    Ok(out)
}

/// A value's bytes: a string's, or an array's of byte values; what `Some`/`Ok` holds. A list of
/// strings (a table a decoder builds) is its strings NUL-separated, read one by one.
fn bytes_of(value: &Value) -> Option<Vec<u8>> {
    match value {
        Value::Str(s) => Some(s.as_bytes().to_vec()),
        Value::List(items)
            if !items.is_empty() && items.iter().all(|i| matches!(i, Value::Str(_))) =>
        {
            let mut joined = Vec::new();
            for item in items {
                if let Value::Str(s) = item {
                    joined.extend_from_slice(s.as_bytes());
                    joined.push(0);
                }
            }
            Some(joined)
        }
        Value::List(items) => items
            .iter()
            .map(|item| match item {
                Value::Int(v, _) => u8::try_from(*v).ok(),
                Value::Char(c) if c.is_ascii() => Some(*c as u8),
                _ => None,
            })
            .collect(),
        Value::Opt(Some(inner)) => bytes_of(inner),
        _ => None,
    }
}

/// `value` given the integer types `ty` names (a `u64` constant, a `&[u8]` parameter).
fn typed(value: Value, ty: &Type) -> Value {
    match (value, ty) {
        // What `collect()` made, where a `String` is wanted.
        (Value::List(items), Type::Path(p))
            if p.path.segments.last().is_some_and(|s| s.ident == "String") =>
        {
            concatenated(&items).unwrap_or(Value::List(items))
        }
        // `Option<String>`, `Result<String, _>`: what `Some`/`Ok` holds.
        (Value::Opt(Some(inner)), Type::Path(p))
            if p.path
                .segments
                .last()
                .is_some_and(|s| s.ident == "Option" || s.ident == "Result") =>
        {
            let first = p.path.segments.last().and_then(|s| match &s.arguments {
                syn::PathArguments::AngleBracketed(a) => a.args.first(),
                _ => None,
            });
            match first {
                Some(syn::GenericArgument::Type(ty)) => {
                    Value::Opt(Some(Box::new(typed(*inner, ty))))
                }
                _ => Value::Opt(Some(inner)),
            }
        }
        (value, Type::Reference(r)) => typed(value, &r.elem),
        (value, Type::Paren(p)) => typed(value, &p.elem),
        (Value::Int(v, Int::Any), Type::Path(p)) => {
            match p.path.get_ident().and_then(|i| Int::named(&i.to_string())) {
                Some(int) => Value::Int(int.wrap(v), int),
                None => Value::Int(v, Int::Any),
            }
        }
        (Value::List(items), Type::Slice(s)) => {
            Value::List(items.into_iter().map(|v| typed(v, &s.elem)).collect())
        }
        (Value::List(items), Type::Array(a)) => {
            Value::List(items.into_iter().map(|v| typed(v, &a.elem)).collect())
        }
        (Value::Tuple(items), Type::Tuple(t)) if items.len() == t.elems.len() => Value::Tuple(
            items
                .into_iter()
                .zip(t.elems.iter())
                .map(|(v, ty)| typed(v, ty))
                .collect(),
        ),
        (value, _) => value,
    }
}

fn int_type_of(ty: &Type) -> Option<Int> {
    match ty {
        Type::Path(p) => p.path.get_ident().and_then(|i| Int::named(&i.to_string())),
        _ => None,
    }
}

/// One evaluation: the variables in scope and the steps left.
struct Machine<'p, 's> {
    package: &'p mut Package,
    sources: &'p Sources<'s>,
    vars: Vec<(String, Value)>,
    steps: u64,
    /// Function calls in progress.
    depth: usize,
    /// Expressions being evaluated, one inside another (closures calling themselves and
    /// constants defined by constants included): the stack the evaluation takes.
    nesting: usize,
    /// Macros of the package expanded so far.
    expansions: usize,
    /// Environment variables asked for by a computed name (`env::var(key(k))`), at most
    /// [`MAX_VARIABLES_ASKED`].
    variables_asked: Vec<String>,
    /// The values the function just invoked left in its `&mut` parameters, by parameter index
    /// (see [`Self::invoke_on`]).
    lent_back: Vec<(usize, Value)>,
}

/// The most environment variable names one evaluation reports.
const MAX_VARIABLES_ASKED: usize = 16;

impl<'p, 's> Machine<'p, 's> {
    fn new(
        package: &'p mut Package,
        sources: &'p Sources<'s>,
        steps: u64,
        depth: usize,
        nesting: usize,
    ) -> Self {
        Machine {
            package,
            sources,
            vars: Vec::new(),
            steps,
            depth,
            nesting,
            expansions: 0,
            variables_asked: Vec::new(),
            lent_back: Vec::new(),
        }
    }

    /// The items of something iterated over, their number counted against the steps (a range
    /// of 64K numbers is made whole).
    fn seq(&mut self, value: Value) -> Result<Vec<Value>, Stop> {
        let items = items_of(value)?;
        self.charge(items.len())?;
        Ok(items)
    }

    /// Counts the copy of a value of `size` items against the steps: copying a large table on
    /// every step must not make a bounded number of steps unbounded work.
    fn charge(&mut self, size: usize) -> Result<(), Stop> {
        let cost = (size / 8) as u64;
        if cost > self.steps {
            return fail();
        }
        self.steps -= cost;
        Ok(())
    }

    fn tick(&mut self) -> Result<(), Stop> {
        if self.steps == 0 {
            return fail();
        }
        self.steps -= 1;
        Ok(())
    }

    fn lookup(&self, name: &str) -> Option<&Value> {
        self.vars
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    /// After one pass of `for b in list.iter_mut() { *b ^= k }`: the element's binding (made
    /// at `mark`) as the pass left it, put back at `index` of `list`, which the interpreter
    /// holds by value. Nothing when `list` is no list of the interpreter's (a range, an
    /// `Option`): the loop ran on a copy, as before.
    fn write_back(&mut self, list: &str, element: &str, mark: usize, index: usize) {
        let Some(value) = self.vars[mark..]
            .iter()
            .find(|(name, _)| name == element)
            .map(|(_, value)| value.clone())
        else {
            return;
        };
        if let Some((_, Value::List(items))) = self.vars[..mark]
            .iter_mut()
            .rev()
            .find(|(name, _)| name == list)
        {
            if index < items.len() {
                items[index] = value;
            }
        }
    }

    fn lookup_mut(&mut self, name: &str) -> Option<&mut Value> {
        self.vars
            .iter_mut()
            .rev()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v)
    }

    fn invoke(&mut self, function: &Function, arguments: Vec<Value>) -> Eval {
        self.invoke_on(function, None, arguments)
    }

    /// [`Self::invoke`] for a method: `receiver` is what `self` is (a function that takes
    /// `self` and is given none has no answer).
    fn invoke_on(
        &mut self,
        function: &Function,
        receiver: Option<Value>,
        arguments: Vec<Value>,
    ) -> Eval {
        let takes_self = matches!(function.sig.inputs.first(), Some(syn::FnArg::Receiver(_)));
        if self.depth >= MAX_DEPTH
            || takes_self != receiver.is_some()
            || arguments.len() + usize::from(takes_self) != function.sig.inputs.len()
        {
            return fail();
        }
        let saved = std::mem::take(&mut self.vars);
        self.depth += 1;
        if let Some(receiver) = receiver {
            self.vars.push(("self".to_owned(), receiver));
        }
        let mut bindings = Vec::with_capacity(arguments.len());
        for (input, value) in function
            .sig
            .inputs
            .iter()
            .skip(usize::from(takes_self))
            .zip(arguments)
        {
            match input {
                syn::FnArg::Typed(param) => bindings.push((&*param.pat, typed(value, &param.ty))),
                syn::FnArg::Receiver(_) => bindings.clear(),
            }
        }
        let mut result = if bindings.len() + usize::from(takes_self) == function.sig.inputs.len() {
            self.bind_all(bindings)
                .and_then(|()| returned(self.block(&function.block)))
        } else {
            fail()
        };
        if let (Ok(value), syn::ReturnType::Type(_, ty)) = (&result, &function.sig.output) {
            result = Ok(typed(value.clone(), ty));
        }
        // What the function did to the values it was lent mutably (`buf: &mut [u8]`), for the
        // caller to put back: the interpreter passes values, Rust passes the place.
        let mutated: Vec<(usize, Value)> = function
            .sig
            .inputs
            .iter()
            .skip(usize::from(takes_self))
            .enumerate()
            .filter_map(|(index, input)| {
                let syn::FnArg::Typed(param) = input else {
                    return None;
                };
                let (syn::Type::Reference(reference), Pat::Ident(ident)) =
                    (param.ty.as_ref(), param.pat.as_ref())
                else {
                    return None;
                };
                reference.mutability?;
                let name = ident.ident.to_string();
                let value = self.vars.iter().rev().find(|(n, _)| *n == name)?.1.clone();
                Some((index, value))
            })
            .collect();
        self.depth -= 1;
        self.vars = saved;
        self.lent_back = mutated;
        result
    }

    fn block(&mut self, block: &syn::Block) -> Eval {
        let mark = self.vars.len();
        let result = self.statements(&block.stmts);
        self.vars.truncate(mark);
        result
    }

    fn statements(&mut self, statements: &[Stmt]) -> Eval {
        let mut last = Value::Unit;
        for (index, statement) in statements.iter().enumerate() {
            let is_last = index + 1 == statements.len();
            match statement {
                Stmt::Local(local) => {
                    let Some(init) = &local.init else {
                        // `let x;` assigned later.
                        if let Pat::Ident(ident) = &local.pat {
                            self.vars.push((ident.ident.to_string(), Value::Unit));
                            continue;
                        }
                        return fail();
                    };
                    if let Some((_, otherwise)) = &init.diverge {
                        let value = self.eval(&init.expr)?;
                        if !self.bind(&local.pat, value)? {
                            // `let … else` diverges: a `return` or `break` stops here.
                            self.eval(otherwise)?;
                            return fail();
                        }
                        continue;
                    }
                    let value = self.eval(&init.expr)?;
                    let value = match &local.pat {
                        Pat::Type(t) => typed(value, &t.ty),
                        _ => value,
                    };
                    if !self.bind(&local.pat, value)? {
                        return fail();
                    }
                }
                Stmt::Item(syn::Item::Const(c)) => {
                    let value = self.eval(&c.expr)?;
                    self.vars.push((c.ident.to_string(), typed(value, &c.ty)));
                }
                Stmt::Item(syn::Item::Static(s)) => {
                    let value = self.eval(&s.expr)?;
                    self.vars.push((s.ident.to_string(), typed(value, &s.ty)));
                }
                Stmt::Item(_) => {}
                Stmt::Expr(expr, semi) => {
                    let value = self.eval(expr)?;
                    if is_last && semi.is_none() {
                        last = value;
                    }
                }
                Stmt::Macro(m) => {
                    let name = macro_name(&m.mac);
                    if matches!(
                        name.as_str(),
                        "debug_assert"
                            | "debug_assert_eq"
                            | "debug_assert_ne"
                            | "assert"
                            | "assert_eq"
                            | "assert_ne"
                    ) {
                        continue;
                    }
                    let value = self.macro_call(&m.mac)?;
                    if is_last && m.semi_token.is_none() {
                        last = value;
                    }
                }
            }
        }
        Ok(last)
    }

    fn eval(&mut self, expr: &Expr) -> Eval {
        self.tick()?;
        if self.nesting >= MAX_NESTING {
            return fail();
        }
        self.nesting += 1;
        let value = self.eval_nested(expr);
        self.nesting -= 1;
        value
    }

    fn eval_nested(&mut self, expr: &Expr) -> Eval {
        match expr {
            Expr::Lit(lit) => literal(&lit.lit),
            Expr::Path(path) => self.path(&path.path),
            Expr::Paren(p) => self.eval(&p.expr),
            Expr::Group(g) => self.eval(&g.expr),
            Expr::Reference(r) => self.eval(&r.expr),
            Expr::Block(b) => self.block(&b.block),
            Expr::Unsafe(_) => fail(),
            Expr::Array(a) => {
                let items = a
                    .elems
                    .iter()
                    .map(|e| self.eval(e))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(Value::List(items))
            }
            Expr::Repeat(r) => {
                let item = self.eval(&r.expr)?;
                let count = self.eval(&r.len)?;
                let count = usize_of(&count)?;
                let total = count.saturating_mul(len_of(&item).max(1));
                if total > MAX_LEN {
                    return fail();
                }
                self.charge(total)?;
                Ok(Value::List(vec![item; count]))
            }
            Expr::Tuple(t) => {
                let items = t
                    .elems
                    .iter()
                    .map(|e| self.eval(e))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(if items.is_empty() {
                    Value::Unit
                } else {
                    Value::Tuple(items)
                })
            }
            Expr::Cast(c) => {
                let value = self.eval(&c.expr)?;
                cast(value, &c.ty)
            }
            Expr::Unary(u) => {
                let value = self.eval(&u.expr)?;
                match (u.op, value) {
                    (UnOp::Deref(_), value) => Ok(value),
                    (UnOp::Not(_), Value::Bool(b)) => Ok(Value::Bool(!b)),
                    (UnOp::Not(_), Value::Int(v, ty)) => Ok(Value::Int(ty.wrap(!v), ty)),
                    (UnOp::Neg(_), Value::Int(v, ty)) => {
                        Ok(Value::Int(ty.wrap(v.wrapping_neg()), ty))
                    }
                    _ => fail(),
                }
            }
            Expr::Binary(b) => self.binary(b),
            Expr::Assign(a) => {
                let value = self.eval(&a.right)?;
                self.assign(&a.left, value)?;
                Ok(Value::Unit)
            }
            Expr::Index(i) => {
                let index = self.eval(&i.index)?;
                // An element of a variable is read without copying the variable.
                if let (Expr::Path(p), Value::Int(at, _)) = (i.expr.as_ref(), &index) {
                    if let Some(name) = p.path.get_ident() {
                        if let Some(Value::List(items)) = self.lookup(&name.to_string()) {
                            let item = usize::try_from(*at)
                                .ok()
                                .and_then(|at| items.get(at).cloned())
                                .ok_or(Stop::Fail)?;
                            self.charge(len_of(&item))?;
                            return Ok(item);
                        }
                    }
                }
                let base = self.eval(&i.expr)?;
                index_value(base, index)
            }
            Expr::Range(r) => {
                let start = match &r.start {
                    Some(s) => self.eval(s)?,
                    None => Value::Int(0, Int::Any),
                };
                let end = match &r.end {
                    Some(e) => Some(self.eval(e)?),
                    None => None,
                };
                let Value::Int(start, start_ty) = start else {
                    return fail();
                };
                let (end, ty) = match end {
                    Some(Value::Int(end, end_ty)) => {
                        let end = if matches!(r.limits, syn::RangeLimits::Closed(_)) {
                            end.checked_add(1).ok_or(Stop::Fail)?
                        } else {
                            end
                        };
                        (Some(end), start_ty.join(end_ty))
                    }
                    None => (None, start_ty),
                    _ => return fail(),
                };
                Ok(Value::Range(start, end, ty))
            }
            Expr::If(i) => {
                let mark = self.vars.len();
                let result = if self.condition(&i.cond)? {
                    self.block(&i.then_branch)
                } else if let Some((_, otherwise)) = &i.else_branch {
                    self.eval(otherwise)
                } else {
                    Ok(Value::Unit)
                };
                self.vars.truncate(mark);
                result
            }
            Expr::Match(m) => {
                let value = self.eval(&m.expr)?;
                for arm in &m.arms {
                    let mark = self.vars.len();
                    self.charge(len_of(&value))?;
                    let mut chosen = self.bind(&arm.pat, value.clone())?;
                    if chosen {
                        if let Some((_, guard)) = &arm.guard {
                            chosen = truth(&self.eval(guard)?)?;
                        }
                    }
                    if chosen {
                        let result = self.eval(&arm.body);
                        self.vars.truncate(mark);
                        return result;
                    }
                    self.vars.truncate(mark);
                }
                fail()
            }
            Expr::ForLoop(f) => {
                let items = self.eval(&f.expr)?;
                let items = self.seq(items)?;
                let label = f.label.as_ref().map(|l| l.name.ident.to_string());
                let written_back = mutated_in_place(&f.expr, &f.pat);
                for (index, item) in items.into_iter().enumerate() {
                    self.tick()?;
                    let mark = self.vars.len();
                    if !self.bind(&f.pat, item)? {
                        return fail();
                    }
                    let result = self.block(&f.body);
                    if let Some((list, element)) = &written_back {
                        self.write_back(list, element, mark, index);
                    }
                    self.vars.truncate(mark);
                    if let Pass::Exit(_) = pass(result, &label)? {
                        break;
                    }
                }
                Ok(Value::Unit)
            }
            Expr::While(w) => {
                let label = w.label.as_ref().map(|l| l.name.ident.to_string());
                loop {
                    self.tick()?;
                    let mark = self.vars.len();
                    if !self.condition(&w.cond)? {
                        self.vars.truncate(mark);
                        break;
                    }
                    let result = self.block(&w.body);
                    self.vars.truncate(mark);
                    if let Pass::Exit(_) = pass(result, &label)? {
                        break;
                    }
                }
                Ok(Value::Unit)
            }
            Expr::Loop(l) => {
                let label = l.label.as_ref().map(|l| l.name.ident.to_string());
                loop {
                    self.tick()?;
                    let result = self.block(&l.body);
                    if let Pass::Exit(value) = pass(result, &label)? {
                        return Ok(value);
                    }
                }
            }
            Expr::Break(b) => {
                let value = match &b.expr {
                    Some(e) => self.eval(e)?,
                    None => Value::Unit,
                };
                Err(Stop::Break(
                    b.label.as_ref().map(|l| l.ident.to_string()),
                    value,
                ))
            }
            Expr::Continue(c) => Err(Stop::Continue(
                c.label.as_ref().map(|l| l.ident.to_string()),
            )),
            Expr::Return(r) => {
                let value = match &r.expr {
                    Some(e) => self.eval(e)?,
                    None => Value::Unit,
                };
                Err(Stop::Return(value))
            }
            Expr::Try(t) => match self.eval(&t.expr)? {
                Value::Opt(Some(inner)) => Ok(*inner),
                Value::Opt(None) => Err(Stop::Return(Value::Opt(None))),
                _ => fail(),
            },
            Expr::Field(f) => {
                let base = self.eval(&f.base)?;
                match (&f.member, base) {
                    (syn::Member::Unnamed(index), Value::Tuple(items)) => items
                        .into_iter()
                        .nth(index.index as usize)
                        .ok_or(Stop::Fail),
                    (syn::Member::Named(name), Value::Struct(fields)) => fields
                        .into_iter()
                        .find(|(field, _)| name == field)
                        .map(|(_, value)| value)
                        .ok_or(Stop::Fail),
                    _ => fail(),
                }
            }
            // A struct written out field by field (no `..base`).
            Expr::Struct(literal) if literal.rest.is_none() => {
                let mut fields = Vec::with_capacity(literal.fields.len());
                for field in &literal.fields {
                    let syn::Member::Named(name) = &field.member else {
                        return fail();
                    };
                    fields.push((name.to_string(), self.eval(&field.expr)?));
                }
                Ok(Value::Struct(fields))
            }
            Expr::Closure(c) => Ok(Value::Closure(Rc::new(c.clone()))),
            Expr::Call(call) => self.call(call),
            Expr::MethodCall(m) => self.method_call(m),
            Expr::Macro(m) => self.macro_call(&m.mac),
            _ => fail(),
        }
    }

    /// An `if`/`while` condition; `let` patterns bind into the current scope.
    fn condition(&mut self, cond: &Expr) -> Result<bool, Stop> {
        match cond {
            Expr::Let(l) => {
                let value = self.eval(&l.expr)?;
                self.bind(&l.pat, value)
            }
            Expr::Binary(b) if matches!(b.op, BinOp::And(_)) => {
                Ok(self.condition(&b.left)? && self.condition(&b.right)?)
            }
            other => truth(&self.eval(other)?),
        }
    }

    fn path(&mut self, path: &syn::Path) -> Eval {
        let segments = segments(path);
        let last = segments.last().map(String::as_str).unwrap_or("");
        if segments.len() == 1 {
            if let Some(value) = self.lookup(last) {
                let value = value.clone();
                self.charge(len_of(&value))?;
                return Ok(value);
            }
        }
        match last {
            "None" => return Ok(Value::Opt(None)),
            "MAX" | "MIN" | "BITS" if segments.len() >= 2 => {
                let Some(int) = Int::named(&segments[segments.len() - 2]) else {
                    return fail();
                };
                let bits = int.bits();
                let signed = matches!(
                    int,
                    Int::I8 | Int::I16 | Int::I32 | Int::I64 | Int::I128 | Int::Isize
                );
                let value = match (last, signed) {
                    ("BITS", _) => bits as i128,
                    ("MAX", false) if bits == 128 => return fail(),
                    ("MAX", false) => (1i128 << bits) - 1,
                    ("MAX", true) if bits == 128 => i128::MAX,
                    ("MAX", true) => (1i128 << (bits - 1)) - 1,
                    ("MIN", false) => 0,
                    _ if bits == 128 => return fail(),
                    _ => -(1i128 << (bits - 1)),
                };
                return Ok(Value::Int(value, int));
            }
            _ => {}
        }
        // One capital letter is a type parameter more often than a constant, except where a
        // function reads it as a value.
        let one_capital = last.len() == 1 && last.bytes().all(|b| b.is_ascii_uppercase());
        if super::constants::is_constant_name(last) || one_capital {
            let mut steps = self.steps;
            let found = self
                .package
                .constant(self.sources, last, &mut steps, self.nesting);
            self.steps = steps;
            if let Some(value) = found {
                self.charge(len_of(&value))?;
                return Ok(value);
            }
        }
        // The `base64` crate's engines, by their names or a name they were imported as
        // (`use base64::engine::general_purpose::STANDARD as Codec`).
        let imported = |machine: &mut Self| -> Option<&'static str> {
            if let Some(known) = machine.package.engine_aliases.get(last) {
                return *known;
            }
            let found = engine_imported_as(machine.sources, last);
            machine
                .package
                .engine_aliases
                .insert(last.to_owned(), found);
            found
        };
        let engine = if super::constants::is_constant_name(last) {
            imported(self).unwrap_or(last)
        } else if last.bytes().next().is_some_and(|b| b.is_ascii_uppercase()) {
            imported(self).ok_or(Stop::Fail)?
        } else if segments.len() >= 2 || last.bytes().next().is_some_and(|b| b.is_ascii_lowercase())
        {
            // A function named as a value (`.map(char::from)`, `.map(piece)` for one of the
            // package's): a closure that calls it. (A local of that name was found above; a
            // name that is no function fails when the closure is called.)
            let callee = quote::ToTokens::to_token_stream(path);
            let closure: syn::ExprClosure =
                syn::parse2(quote::quote!(|argument| #callee(argument))).map_err(|_| Stop::Fail)?;
            return Ok(Value::Closure(Rc::new(closure)));
        } else {
            return fail();
        };
        BASE64_ENGINES
            .iter()
            .find(|(name, _)| *name == engine)
            .map(|(_, alphabet)| Value::Engine(alphabet.as_str().to_owned()))
            .ok_or(Stop::Fail)
    }

    fn binary(&mut self, b: &syn::ExprBinary) -> Eval {
        // Short-circuits first.
        match b.op {
            BinOp::And(_) => {
                return Ok(Value::Bool(
                    truth(&self.eval(&b.left)?)? && truth(&self.eval(&b.right)?)?,
                ))
            }
            BinOp::Or(_) => {
                return Ok(Value::Bool(
                    truth(&self.eval(&b.left)?)? || truth(&self.eval(&b.right)?)?,
                ))
            }
            _ => {}
        }
        let compound = match b.op {
            BinOp::AddAssign(_) => Some(BinOp::Add(Default::default())),
            BinOp::SubAssign(_) => Some(BinOp::Sub(Default::default())),
            BinOp::MulAssign(_) => Some(BinOp::Mul(Default::default())),
            BinOp::DivAssign(_) => Some(BinOp::Div(Default::default())),
            BinOp::RemAssign(_) => Some(BinOp::Rem(Default::default())),
            BinOp::BitXorAssign(_) => Some(BinOp::BitXor(Default::default())),
            BinOp::BitAndAssign(_) => Some(BinOp::BitAnd(Default::default())),
            BinOp::BitOrAssign(_) => Some(BinOp::BitOr(Default::default())),
            BinOp::ShlAssign(_) => Some(BinOp::Shl(Default::default())),
            BinOp::ShrAssign(_) => Some(BinOp::Shr(Default::default())),
            _ => None,
        };
        let left = self.eval(&b.left)?;
        let right = self.eval(&b.right)?;
        match compound {
            Some(op) => {
                let value = operate(op, left, right)?;
                self.assign(&b.left, value)?;
                Ok(Value::Unit)
            }
            None => operate(b.op, left, right),
        }
    }

    /// Stores `value` where `target` says: a variable, an element of one, or through `*`.
    fn assign(&mut self, target: &Expr, value: Value) -> Result<(), Stop> {
        match target {
            Expr::Path(p) => {
                let name = p.path.get_ident().ok_or(Stop::Fail)?.to_string();
                let slot = self.lookup_mut(&name).ok_or(Stop::Fail)?;
                *slot = value;
                Ok(())
            }
            Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => self.assign(&u.expr, value),
            Expr::Paren(p) => self.assign(&p.expr, value),
            Expr::Index(i) => {
                let index = self.eval(&i.index)?;
                let index = usize_of(&index)?;
                let Expr::Path(p) = i.expr.as_ref() else {
                    return fail();
                };
                let name = p.path.get_ident().ok_or(Stop::Fail)?.to_string();
                match self.lookup_mut(&name) {
                    Some(Value::List(items)) if index < items.len() => {
                        items[index] = value;
                        Ok(())
                    }
                    _ => fail(),
                }
            }
            _ => fail(),
        }
    }

    /// Matches `value` against `pattern`, binding its names; false when it does not match.
    fn bind(&mut self, pattern: &Pat, value: Value) -> Result<bool, Stop> {
        match pattern {
            Pat::Ident(ident) => {
                if let Some((_, sub)) = &ident.subpat {
                    if !self.bind(sub, value.clone())? {
                        return Ok(false);
                    }
                }
                self.vars.push((ident.ident.to_string(), value));
                Ok(true)
            }
            Pat::Wild(_) | Pat::Rest(_) => Ok(true),
            Pat::Reference(r) => self.bind(&r.pat, value),
            Pat::Paren(p) => self.bind(&p.pat, value),
            Pat::Type(t) => self.bind(&t.pat, typed(value, &t.ty)),
            Pat::Tuple(t) => {
                let Value::Tuple(items) = value else {
                    return fail();
                };
                if items.len() != t.elems.len() {
                    return fail();
                }
                for (pattern, item) in t.elems.iter().zip(items) {
                    if !self.bind(pattern, item)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Pat::TupleStruct(t) => {
                let name = last_segment(&t.path);
                match (name.as_str(), value) {
                    ("Some" | "Ok", Value::Opt(Some(inner))) if t.elems.len() == 1 => {
                        self.bind(&t.elems[0], *inner)
                    }
                    ("Some" | "Ok", Value::Opt(None)) => Ok(false),
                    // An `Err` carries nothing the interpreter keeps.
                    ("Err", Value::Opt(None)) if t.elems.len() == 1 => {
                        Ok(matches!(t.elems[0], Pat::Wild(_)) || {
                            self.bind(&t.elems[0], Value::Unit)?
                        })
                    }
                    ("Err", Value::Opt(Some(_))) => Ok(false),
                    _ => fail(),
                }
            }
            Pat::Path(p) => {
                let name = last_segment(&p.path);
                match (name.as_str(), &value) {
                    ("None", Value::Opt(v)) => Ok(v.is_none()),
                    _ => {
                        let expected = self.path(&p.path)?;
                        Ok(equal(&expected, &value))
                    }
                }
            }
            Pat::Lit(l) => Ok(equal(&literal(&l.lit)?, &value)),
            Pat::Range(r) => {
                let low = match &r.start {
                    Some(s) => Some(self.eval(s)?),
                    None => None,
                };
                let high = match &r.end {
                    Some(e) => Some(self.eval(e)?),
                    None => None,
                };
                let key = |v: &Value| match v {
                    Value::Int(i, _) => Some(*i),
                    Value::Char(c) => Some(*c as i128),
                    _ => None,
                };
                let at = key(&value).ok_or(Stop::Fail)?;
                let above = match &low {
                    Some(low) => at >= key(low).ok_or(Stop::Fail)?,
                    None => true,
                };
                let below = match &high {
                    Some(high) => {
                        let high = key(high).ok_or(Stop::Fail)?;
                        if matches!(r.limits, syn::RangeLimits::Closed(_)) {
                            at <= high
                        } else {
                            at < high
                        }
                    }
                    None => true,
                };
                Ok(above && below)
            }
            Pat::Or(o) => {
                for case in &o.cases {
                    let mark = self.vars.len();
                    if self.bind(case, value.clone())? {
                        return Ok(true);
                    }
                    self.vars.truncate(mark);
                }
                Ok(false)
            }
            _ => fail(),
        }
    }

    /// Binds each value to its pattern (a function's or a closure's parameters); a value its
    /// pattern does not match is a failure.
    fn bind_all(&mut self, bindings: Vec<(&Pat, Value)>) -> Result<(), Stop> {
        for (pattern, value) in bindings {
            if !self.bind(pattern, value)? {
                return fail();
            }
        }
        Ok(())
    }

    fn call_closure(&mut self, closure: &syn::ExprClosure, arguments: Vec<Value>) -> Eval {
        if closure.inputs.len() != arguments.len() {
            return fail();
        }
        let mark = self.vars.len();
        let result = self
            .bind_all(closure.inputs.iter().zip(arguments).collect())
            .and_then(|()| returned(self.eval(&closure.body)));
        self.vars.truncate(mark);
        result
    }

    /// Calls `f` (a closure value) with one argument.
    fn apply(&mut self, f: &Value, argument: Value) -> Eval {
        self.tick()?;
        match f {
            Value::Closure(c) => {
                let c = c.clone();
                // A closure taking a pair binds it whole or as two names.
                if c.inputs.len() == 2 {
                    if let Value::Tuple(items) = argument {
                        return self.call_closure(&c, items);
                    }
                }
                self.call_closure(&c, vec![argument])
            }
            _ => fail(),
        }
    }

    fn call(&mut self, call: &syn::ExprCall) -> Eval {
        let Expr::Path(path) = call.func.as_ref() else {
            // A closure held in a variable or a parenthesised one.
            let f = self.eval(&call.func)?;
            let arguments = self.arguments(&call.args)?;
            return match f {
                Value::Closure(c) => self.call_closure(&c, arguments),
                _ => fail(),
            };
        };
        let segments = segments(&path.path);
        let last = segments.last().map(String::as_str).unwrap_or("");
        let owner = if segments.len() >= 2 {
            segments[segments.len() - 2].as_str()
        } else {
            ""
        };
        if segments.len() == 1 {
            if let Some(Value::Closure(c)) = self.lookup(last).cloned() {
                let arguments = self.arguments(&call.args)?;
                return self.call_closure(&c, arguments);
            }
        }
        // `GeneralPurpose::new(&alphabet, config)`: the configuration is padding only.
        if owner == "GeneralPurpose" && last == "new" && call.args.len() == 2 {
            return match self.eval(&call.args[0])? {
                Value::Alphabet(a) => Ok(Value::Engine(a)),
                _ => fail(),
            };
        }
        let arguments = self.arguments(&call.args)?;
        let one = arguments.first().cloned();
        // An environment variable's value is the machine's, not a constant: the evaluation
        // ends, and the name it asked for is what it tells, where the code computed it (a name
        // written out, or a constant's, is read where it is written).
        if let (true, Some(Value::Str(name))) =
            (owner == "env" && matches!(last, "var" | "var_os"), &one)
        {
            let written = matches!(call.args.first(), Some(Expr::Lit(_) | Expr::Path(_)));
            if !written
                && self.variables_asked.len() < MAX_VARIABLES_ASKED
                && !self.variables_asked.contains(name)
            {
                self.variables_asked.push(name.clone());
            }
            return fail();
        }
        match (owner, last, one) {
            (_, "Some" | "Ok", Some(v)) if arguments.len() == 1 => {
                return Ok(Value::Opt(Some(Box::new(v))))
            }
            (_, "Err", _) => return Ok(Value::Opt(None)),
            ("String" | "Vec", "new" | "with_capacity", _) => {
                return Ok(if owner == "String" {
                    Value::Str(String::new())
                } else {
                    Value::List(Vec::new())
                })
            }
            ("String", "from", Some(Value::Str(s))) => return Ok(Value::Str(s)),
            ("String", "from", Some(Value::Char(c))) => return Ok(Value::Str(c.to_string())),
            ("String" | "str", "from_utf8", Some(v)) => {
                let bytes = bytes_of(&v).ok_or(Stop::Fail)?;
                return Ok(Value::Opt(
                    String::from_utf8(bytes)
                        .ok()
                        .map(|s| Box::new(Value::Str(s))),
                ));
            }
            ("String", "from_utf8_lossy", Some(v)) => {
                let bytes = bytes_of(&v).ok_or(Stop::Fail)?;
                return Ok(Value::Str(String::from_utf8_lossy(&bytes).into_owned()));
            }
            ("char", "from", Some(Value::Int(v, _))) => {
                return char::from_u32(v as u32).map(Value::Char).ok_or(Stop::Fail)
            }
            ("char", "from_u32", Some(Value::Int(v, _))) => {
                return Ok(Value::Opt(
                    u32::try_from(v)
                        .ok()
                        .and_then(char::from_u32)
                        .map(|c| Box::new(Value::Char(c))),
                ))
            }
            ("char", "from_digit", Some(Value::Int(v, _))) => {
                let radix = usize_of(arguments.get(1).ok_or(Stop::Fail)?)? as u32;
                if !(2..=36).contains(&radix) {
                    return fail();
                }
                return Ok(Value::Opt(
                    u32::try_from(v)
                        .ok()
                        .and_then(|v| char::from_digit(v, radix))
                        .map(|c| Box::new(Value::Char(c))),
                ));
            }
            (int, "from", Some(Value::Char(c))) if Int::named(int).is_some() => {
                let ty = Int::named(int).expect("checked");
                return Ok(Value::Int(ty.wrap(c as i128), ty));
            }
            (int, "from", Some(Value::Int(v, _))) if Int::named(int).is_some() => {
                let ty = Int::named(int).expect("checked");
                return Ok(Value::Int(ty.wrap(v), ty));
            }
            (int, "from_le_bytes" | "from_be_bytes" | "from_ne_bytes", Some(v))
                if Int::named(int).is_some() =>
            {
                let ty = Int::named(int).expect("checked");
                let mut bytes = bytes_of(&v).ok_or(Stop::Fail)?;
                if bytes.len() * 8 != ty.bits() as usize {
                    return fail();
                }
                if last == "from_be_bytes" {
                    bytes.reverse();
                }
                let value = bytes
                    .iter()
                    .rev()
                    .fold(0i128, |acc, b| (acc << 8) | *b as i128);
                return Ok(Value::Int(ty.wrap(value), ty));
            }
            // Addresses made of numbers (`Ipv4Addr::new(a[0] + o[0], …)`,
            // `SocketAddr::from((ip, 8443))`), as the text a reader would see.
            ("Ipv4Addr", "new", _) if arguments.len() == 4 => {
                return ipv4_text(&Value::List(arguments)).map(Value::Str);
            }
            ("Ipv4Addr", "from" | "from_bits", Some(v)) => return ipv4_text(&v).map(Value::Str),
            ("IpAddr", "V4" | "from", Some(v)) => return ipv4_text(&v).map(Value::Str),
            ("SocketAddr", "V4" | "from", Some(Value::Str(text)))
                if text.parse::<std::net::SocketAddrV4>().is_ok() =>
            {
                return Ok(Value::Str(text))
            }
            ("SocketAddr" | "SocketAddrV4", "new", Some(ip)) if arguments.len() == 2 => {
                return socket_text(&ip, &arguments[1]).map(Value::Str)
            }
            ("SocketAddr" | "SocketAddrV4", "from", Some(Value::Tuple(parts)))
                if parts.len() == 2 =>
            {
                return socket_text(&parts[0], &parts[1]).map(Value::Str)
            }
            ("Alphabet", "new", Some(Value::Str(s))) => {
                return Ok(Value::Opt(
                    base64::alphabet::Alphabet::new(&s)
                        .ok()
                        .map(|_| Box::new(Value::Alphabet(s))),
                ))
            }
            ("hex", "decode", Some(v)) => {
                let text = match v {
                    Value::Str(s) => s,
                    other => String::from_utf8(bytes_of(&other).ok_or(Stop::Fail)?)
                        .map_err(|_| Stop::Fail)?,
                };
                return Ok(Value::Opt(
                    super::decode::decode_hex(&text).map(|b| Box::new(bytes_value(&b))),
                ));
            }
            _ => {}
        }
        // A function of the package (`crate::codec::spell`, `spell`); not a type's associated
        // function other than `Self::`'s.
        let of_type =
            owner.bytes().next().is_some_and(|b| b.is_ascii_uppercase()) && owner != "Self";
        if of_type {
            return fail();
        }
        let function = self
            .package
            .function(self.sources, last)
            .ok_or(Stop::Fail)?;
        let result = self.invoke(&function, arguments);
        // `xor(&mut buf, KEY)`: the caller's local changed as the callee left it.
        for (index, value) in std::mem::take(&mut self.lent_back) {
            let Some(Expr::Reference(lent)) = call.args.iter().nth(index) else {
                continue;
            };
            let Expr::Path(path) = lent.expr.as_ref() else {
                continue;
            };
            if let (Some(_), Some(name)) = (lent.mutability, path.path.get_ident()) {
                if let Some(slot) = self.lookup_mut(&name.to_string()) {
                    *slot = value;
                }
            }
        }
        result
    }

    fn arguments(&mut self, args: &Punctuated<Expr, syn::Token![,]>) -> Result<Vec<Value>, Stop> {
        args.iter().map(|a| self.eval(a)).collect()
    }

    fn method_call(&mut self, m: &syn::ExprMethodCall) -> Eval {
        let method = m.method.to_string();
        // Methods that change their receiver, which must be a variable.
        if matches!(
            method.as_str(),
            "push"
                | "push_str"
                | "extend"
                | "extend_from_slice"
                | "truncate"
                | "reverse"
                | "insert"
                | "pop"
                | "clear"
                | "swap"
                | "retain"
                | "resize"
                | "sort"
                | "sort_unstable"
                | "dedup"
        ) {
            let arguments = self.arguments(&m.args)?;
            return self.mutate(&m.receiver, &method, arguments);
        }
        // `key[..4].copy_from_slice(&SEED.to_be_bytes())`: part of an array filled in place.
        if matches!(method.as_str(), "copy_from_slice" | "clone_from_slice") && m.args.len() == 1 {
            let source = match self.eval(&m.args[0])? {
                Value::List(items) => items,
                other => bytes_of(&other)
                    .ok_or(Stop::Fail)?
                    .into_iter()
                    .map(|b| Value::Int(b as i128, Int::U8))
                    .collect(),
            };
            let (place, range) = match m.receiver.as_ref() {
                Expr::Index(index) => (index.expr.as_ref(), Some(self.eval(&index.index)?)),
                other => (other, None),
            };
            let name = place_name(place).ok_or(Stop::Fail)?;
            let Some(Value::List(items)) = self.lookup_mut(&name) else {
                return fail();
            };
            let (start, end) = match range {
                None => (0, items.len()),
                Some(Value::Range(start, end, _)) => {
                    let start = usize::try_from(start).map_err(|_| Stop::Fail)?;
                    let end = match end {
                        Some(end) => usize::try_from(end).map_err(|_| Stop::Fail)?,
                        None => items.len(),
                    };
                    (start, end)
                }
                Some(_) => return fail(),
            };
            if start > end || end > items.len() || end - start != source.len() {
                return fail();
            }
            items.splice(start..end, source);
            return Ok(Value::Unit);
        }
        let receiver = self.eval(&m.receiver)?;
        // A method of one of the package's types, on a value of it
        // (`TABLE_REVISION.epoch_day()`): the package's function of that name, with `self`.
        if matches!(receiver, Value::Struct(_)) {
            let arguments = self.arguments(&m.args)?;
            let function = self
                .package
                .function(self.sources, &method)
                .ok_or(Stop::Fail)?;
            return self.invoke_on(&function, Some(receiver), arguments);
        }
        if matches!(method.as_str(), "rotate_left" | "rotate_right")
            && matches!(receiver, Value::List(_))
        {
            let arguments = self.arguments(&m.args)?;
            return self.mutate(&m.receiver, &method, arguments);
        }
        let arguments = self.arguments(&m.args)?;
        // `collect::<String>()` (not `::<Vec<String>>`).
        let turbofish_string = m.turbofish.as_ref().is_some_and(|t| {
            let text: String = quote::ToTokens::to_token_stream(t)
                .to_string()
                .split_whitespace()
                .collect();
            text == "::<String>"
        });
        self.method(receiver, &method, arguments, turbofish_string)
    }

    fn mutate(&mut self, receiver: &Expr, method: &str, arguments: Vec<Value>) -> Eval {
        let name = place_name(receiver).ok_or(Stop::Fail)?;
        // Taken out of its variable while it changes, not copied: building a string a push at a
        // time must not copy it on every push.
        let mut value = std::mem::replace(self.lookup_mut(&name).ok_or(Stop::Fail)?, Value::Unit);
        let result = mutate_value(&mut value, method, arguments, self);
        let too_long = len_of(&value) > MAX_LEN;
        if let Some(slot) = self.lookup_mut(&name) {
            *slot = value;
        }
        if too_long {
            return fail();
        }
        result
    }

    fn method(
        &mut self,
        receiver: Value,
        method: &str,
        arguments: Vec<Value>,
        collect_string: bool,
    ) -> Eval {
        let arg = |i: usize| arguments.get(i).cloned().ok_or(Stop::Fail);
        // Characters `collect()`ed with their type left to inference, used as the string they
        // make.
        let receiver = match receiver {
            Value::List(items)
                if STRING_METHODS.contains(&method)
                    && !items.is_empty()
                    && items.iter().all(|i| matches!(i, Value::Char(_))) =>
            {
                concatenated(&items)?
            }
            other => other,
        };
        match (method, receiver) {
            // Views and copies: the value itself.
            (
                "iter" | "into_iter" | "iter_mut" | "copied" | "cloned" | "by_ref" | "to_vec"
                | "to_owned" | "clone" | "as_slice" | "as_ref" | "borrow" | "into" | "as_str"
                | "as_mut" | "deref" | "peekable" | "fuse" | "into_owned",
                value,
            ) if arguments.is_empty() => match value {
                Value::Range(start, Some(end), ty) if method != "clone" => {
                    Ok(Value::List(range_items(start, end, ty)?))
                }
                other => Ok(other),
            },
            ("to_string", Value::Str(s)) => Ok(Value::Str(s)),
            ("to_string", value) => Ok(Value::Str(display(&value)?)),
            ("chars", Value::Str(s)) => Ok(Value::List(s.chars().map(Value::Char).collect())),
            ("bytes" | "as_bytes" | "into_bytes", Value::Str(s)) => Ok(bytes_value(s.as_bytes())),
            ("char_indices", Value::Str(s)) => Ok(Value::List(
                s.char_indices()
                    .map(|(i, c)| {
                        Value::Tuple(vec![Value::Int(i as i128, Int::Usize), Value::Char(c)])
                    })
                    .collect(),
            )),
            ("len", Value::Str(s)) => Ok(Value::Int(s.len() as i128, Int::Usize)),
            ("len", value) => Ok(Value::Int(self.seq(value)?.len() as i128, Int::Usize)),
            ("is_empty", Value::Str(s)) => Ok(Value::Bool(s.is_empty())),
            ("is_empty", value) => Ok(Value::Bool(self.seq(value)?.is_empty())),
            ("cycle", value) => Ok(Value::Cycle(self.seq(value)?)),
            ("rev", value) => {
                let mut items = self.seq(value)?;
                items.reverse();
                Ok(Value::List(items))
            }
            ("map", Value::Opt(inner)) => match inner {
                Some(v) => Ok(Value::Opt(Some(Box::new(self.apply(&arg(0)?, *v)?)))),
                None => Ok(Value::Opt(None)),
            },
            ("and_then", Value::Opt(inner)) => match inner {
                Some(v) => self.apply(&arg(0)?, *v),
                None => Ok(Value::Opt(None)),
            },
            ("map", value) => {
                let f = arg(0)?;
                let items = self.seq(value)?;
                let mut out = Vec::with_capacity(items.len());
                for item in items {
                    out.push(self.apply(&f, item)?);
                }
                Ok(Value::List(out))
            }
            // A slice split where a closure says (`raw.split(|b| *b == 0)`): its pieces.
            ("split", Value::List(items)) if matches!(arg(0)?, Value::Closure(_)) => {
                let f = arg(0)?;
                let mut pieces = vec![Vec::new()];
                for item in items {
                    if truth(&self.apply(&f, item.clone())?)? {
                        pieces.push(Vec::new());
                    } else if let Some(last) = pieces.last_mut() {
                        last.push(item);
                    }
                }
                Ok(Value::List(pieces.into_iter().map(Value::List).collect()))
            }
            ("filter", value) => {
                let f = arg(0)?;
                let mut out = Vec::new();
                for item in self.seq(value)? {
                    if truth(&self.apply(&f, item.clone())?)? {
                        out.push(item);
                    }
                }
                Ok(Value::List(out))
            }
            ("filter_map" | "flat_map", value) => {
                let f = arg(0)?;
                let mut out = Vec::new();
                for item in self.seq(value)? {
                    let mapped = self.apply(&f, item)?;
                    out.extend(self.seq(mapped)?);
                    if out.len() > MAX_LEN {
                        return fail();
                    }
                }
                Ok(Value::List(out))
            }
            ("flatten", value) => {
                let mut out = Vec::new();
                for item in self.seq(value)? {
                    out.extend(self.seq(item)?);
                    if out.len() > MAX_LEN {
                        return fail();
                    }
                }
                Ok(Value::List(out))
            }
            ("take_while" | "skip_while", value) => {
                let f = arg(0)?;
                let items = self.seq(value)?;
                let mut cut = items.len();
                for (index, item) in items.iter().enumerate() {
                    if !truth(&self.apply(&f, item.clone())?)? {
                        cut = index;
                        break;
                    }
                }
                let (taken, rest) = items.split_at(cut);
                Ok(Value::List(if method == "take_while" {
                    taken.to_vec()
                } else {
                    rest.to_vec()
                }))
            }
            ("for_each", value) => {
                let f = arg(0)?;
                for item in self.seq(value)? {
                    self.apply(&f, item)?;
                }
                Ok(Value::Unit)
            }
            ("enumerate", value) => Ok(Value::List(
                self.seq(value)?
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| Value::Tuple(vec![Value::Int(i as i128, Int::Usize), v]))
                    .collect(),
            )),
            ("zip", value) => {
                let left = self.seq(value)?;
                let pairs = match arg(0)? {
                    Value::Cycle(right) if !right.is_empty() => left
                        .into_iter()
                        .zip(right.iter().cycle())
                        .map(|(a, b)| Value::Tuple(vec![a, b.clone()]))
                        .collect(),
                    other => left
                        .into_iter()
                        .zip(self.seq(other)?)
                        .map(|(a, b)| Value::Tuple(vec![a, b]))
                        .collect(),
                };
                Ok(Value::List(pairs))
            }
            ("chain", value) => {
                let mut items = self.seq(value)?;
                items.extend(self.seq(arg(0)?)?);
                Ok(Value::List(items))
            }
            ("skip", value) => Ok(Value::List(
                self.seq(value)?
                    .into_iter()
                    .skip(usize_of(&arg(0)?)?)
                    .collect(),
            )),
            ("take", Value::Cycle(items)) => {
                let count = usize_of(&arg(0)?)?;
                let widest = items.iter().map(len_of).max().unwrap_or(0);
                if count.saturating_mul(widest.max(1)) > MAX_LEN || items.is_empty() {
                    return fail();
                }
                self.charge(count.saturating_mul(widest.max(1)))?;
                Ok(Value::List(
                    items.iter().cycle().take(count).cloned().collect(),
                ))
            }
            ("take", value) => Ok(Value::List(
                self.seq(value)?
                    .into_iter()
                    .take(usize_of(&arg(0)?)?)
                    .collect(),
            )),
            ("step_by", value) => {
                let step = usize_of(&arg(0)?)?;
                if step == 0 {
                    return fail();
                }
                Ok(Value::List(
                    self.seq(value)?.into_iter().step_by(step).collect(),
                ))
            }
            ("chunks" | "chunks_exact", value) => {
                let size = usize_of(&arg(0)?)?;
                if size == 0 {
                    return fail();
                }
                let items = self.seq(value)?;
                let chunks = items.chunks(size);
                Ok(Value::List(
                    chunks
                        .filter(|c| method == "chunks" || c.len() == size)
                        .map(|c| Value::List(c.to_vec()))
                        .collect(),
                ))
            }
            ("windows", value) => {
                let size = usize_of(&arg(0)?)?;
                let items = self.seq(value)?;
                let total = items
                    .len()
                    .saturating_sub(size)
                    .saturating_add(1)
                    .saturating_mul(size);
                if size == 0 || total > MAX_LEN {
                    return fail();
                }
                self.charge(total)?;
                Ok(Value::List(
                    items
                        .windows(size)
                        .map(|w| Value::List(w.to_vec()))
                        .collect(),
                ))
            }
            ("collect", value) => collect(self.seq(value)?, collect_string),
            ("sum" | "product", value) => {
                let items = self.seq(value)?;
                let mut ty = Int::Any;
                let mut total: i128 = if method == "sum" { 0 } else { 1 };
                for item in items {
                    let Value::Int(v, t) = item else {
                        return fail();
                    };
                    ty = ty.join(t);
                    total = if method == "sum" {
                        total.wrapping_add(v)
                    } else {
                        total.wrapping_mul(v)
                    };
                }
                Ok(Value::Int(ty.wrap(total), ty))
            }
            ("count", value) => Ok(Value::Int(self.seq(value)?.len() as i128, Int::Usize)),
            ("fold", value) => {
                let mut acc = arg(0)?;
                let f = arg(1)?;
                let Value::Closure(c) = f else {
                    return fail();
                };
                for item in self.seq(value)? {
                    self.tick()?;
                    acc = self.call_closure(&c, vec![acc, item])?;
                }
                Ok(acc)
            }
            ("any" | "all", value) => {
                let f = arg(0)?;
                let any = method == "any";
                for item in self.seq(value)? {
                    if truth(&self.apply(&f, item)?)? == any {
                        return Ok(Value::Bool(any));
                    }
                }
                Ok(Value::Bool(!any))
            }
            ("find", value) => {
                let f = arg(0)?;
                for item in self.seq(value)? {
                    if truth(&self.apply(&f, item.clone())?)? {
                        return Ok(Value::Opt(Some(Box::new(item))));
                    }
                }
                Ok(Value::Opt(None))
            }
            ("position", value) => {
                let f = arg(0)?;
                for (index, item) in self.seq(value)?.into_iter().enumerate() {
                    if truth(&self.apply(&f, item)?)? {
                        return Ok(Value::Opt(Some(Box::new(Value::Int(
                            index as i128,
                            Int::Usize,
                        )))));
                    }
                }
                Ok(Value::Opt(None))
            }
            ("next" | "first", value) => Ok(Value::Opt(
                self.seq(value)?.into_iter().next().map(Box::new),
            )),
            ("last", value) => Ok(Value::Opt(self.seq(value)?.pop().map(Box::new))),
            ("nth", value) => Ok(Value::Opt(
                self.seq(value)?
                    .into_iter()
                    .nth(usize_of(&arg(0)?)?)
                    .map(Box::new),
            )),
            ("get", Value::Str(s)) => match arg(0)? {
                Value::Range(start, end, _) => {
                    let start = usize::try_from(start).map_err(|_| Stop::Fail)?;
                    let end =
                        end.map_or(Ok(s.len()), |e| usize::try_from(e).map_err(|_| Stop::Fail))?;
                    Ok(Value::Opt(
                        s.get(start..end)
                            .map(|t| Box::new(Value::Str(t.to_owned()))),
                    ))
                }
                _ => fail(),
            },
            ("get", value) => {
                let items = self.seq(value)?;
                match arg(0)? {
                    Value::Int(i, _) => Ok(Value::Opt(
                        usize::try_from(i)
                            .ok()
                            .and_then(|i| items.get(i).cloned())
                            .map(Box::new),
                    )),
                    range @ Value::Range(..) => Ok(Value::Opt(
                        index_value(Value::List(items), range).ok().map(Box::new),
                    )),
                    _ => fail(),
                }
            }
            ("join", value) => {
                let separator = match arg(0)? {
                    Value::Str(s) => s,
                    Value::Char(c) => c.to_string(),
                    _ => return fail(),
                };
                let parts = self
                    .seq(value)?
                    .iter()
                    .map(display)
                    .collect::<Result<Vec<_>, _>>()?;
                let total = parts.iter().map(String::len).sum::<usize>().saturating_add(
                    separator
                        .len()
                        .saturating_mul(parts.len().saturating_sub(1)),
                );
                if total > MAX_LEN {
                    return fail();
                }
                string_of(parts.join(&separator))
            }
            ("concat", value) => {
                let items = self.seq(value)?;
                if len_of(&Value::List(items.clone())) > MAX_LEN {
                    return fail();
                }
                if items.iter().all(|i| matches!(i, Value::Str(_))) {
                    let parts = items.iter().map(display).collect::<Result<Vec<_>, _>>()?;
                    return string_of(parts.concat());
                }
                let mut out = Vec::new();
                for item in items {
                    out.extend(self.seq(item)?);
                }
                Ok(Value::List(out))
            }
            ("repeat", Value::Str(s)) => {
                let count = usize_of(&arg(0)?)?;
                if s.len().saturating_mul(count) > MAX_LEN {
                    return fail();
                }
                Ok(Value::Str(s.repeat(count)))
            }
            ("contains", Value::Str(s)) => match arg(0)? {
                Value::Str(t) => Ok(Value::Bool(s.contains(t.as_str()))),
                Value::Char(c) => Ok(Value::Bool(s.contains(c))),
                _ => fail(),
            },
            ("contains", Value::Range(start, end, _)) => {
                let Value::Int(v, _) = arg(0)? else {
                    return fail();
                };
                Ok(Value::Bool(v >= start && end.is_none_or(|e| v < e)))
            }
            ("contains", value) => {
                let needle = arg(0)?;
                Ok(Value::Bool(
                    self.seq(value)?.iter().any(|i| equal(i, &needle)),
                ))
            }
            ("starts_with" | "ends_with", Value::Str(s)) => {
                let Value::Str(t) = arg(0)? else {
                    return fail();
                };
                Ok(Value::Bool(if method == "starts_with" {
                    s.starts_with(t.as_str())
                } else {
                    s.ends_with(t.as_str())
                }))
            }
            ("replace", Value::Str(s)) => {
                let (from, to) = match (arg(0)?, arg(1)?) {
                    (Value::Str(a), Value::Str(b)) => (a, b),
                    (Value::Char(a), Value::Str(b)) => (a.to_string(), b),
                    _ => return fail(),
                };
                // Measured before it is made: an empty pattern matches at every character.
                let grown = s.matches(from.as_str()).count().saturating_mul(to.len());
                if s.len().saturating_add(grown) > MAX_LEN {
                    return fail();
                }
                string_of(s.replace(from.as_str(), &to))
            }
            ("split", Value::Str(s)) => {
                let parts: Vec<Value> = match arg(0)? {
                    Value::Str(t) if !t.is_empty() => s
                        .split(t.as_str())
                        .map(|p| Value::Str(p.to_owned()))
                        .collect(),
                    Value::Char(c) => s.split(c).map(|p| Value::Str(p.to_owned())).collect(),
                    _ => return fail(),
                };
                Ok(Value::List(parts))
            }
            ("trim", Value::Str(s)) => Ok(Value::Str(s.trim().to_owned())),
            ("to_uppercase" | "to_ascii_uppercase", Value::Str(s)) => {
                Ok(Value::Str(s.to_uppercase()))
            }
            ("to_lowercase" | "to_ascii_lowercase", Value::Str(s)) => {
                Ok(Value::Str(s.to_lowercase()))
            }
            ("to_ascii_uppercase", Value::Char(c)) => Ok(Value::Char(c.to_ascii_uppercase())),
            ("to_ascii_lowercase", Value::Char(c)) => Ok(Value::Char(c.to_ascii_lowercase())),
            ("to_ascii_uppercase", Value::Int(v, ty)) => {
                Ok(Value::Int((v as u8).to_ascii_uppercase() as i128, ty))
            }
            ("to_ascii_lowercase", Value::Int(v, ty)) => {
                Ok(Value::Int((v as u8).to_ascii_lowercase() as i128, ty))
            }
            (
                "is_ascii_uppercase"
                | "is_ascii_lowercase"
                | "is_ascii_alphabetic"
                | "is_ascii_digit"
                | "is_ascii_alphanumeric"
                | "is_ascii_punctuation"
                | "is_ascii_whitespace"
                | "is_ascii"
                | "is_alphabetic"
                | "is_numeric"
                | "is_alphanumeric"
                | "is_whitespace"
                | "is_uppercase"
                | "is_lowercase",
                value,
            ) => {
                let c = match value {
                    Value::Char(c) => c,
                    Value::Int(v, _) => u32::try_from(v)
                        .ok()
                        .and_then(char::from_u32)
                        .ok_or(Stop::Fail)?,
                    _ => return fail(),
                };
                Ok(Value::Bool(match method {
                    "is_ascii_uppercase" => c.is_ascii_uppercase(),
                    "is_ascii_lowercase" => c.is_ascii_lowercase(),
                    "is_ascii_alphabetic" => c.is_ascii_alphabetic(),
                    "is_ascii_digit" => c.is_ascii_digit(),
                    "is_ascii_alphanumeric" => c.is_ascii_alphanumeric(),
                    "is_ascii_punctuation" => c.is_ascii_punctuation(),
                    "is_ascii_whitespace" => c.is_ascii_whitespace(),
                    "is_ascii" => c.is_ascii(),
                    "is_alphabetic" => c.is_alphabetic(),
                    "is_numeric" => c.is_numeric(),
                    "is_alphanumeric" => c.is_alphanumeric(),
                    "is_whitespace" => c.is_whitespace(),
                    "is_uppercase" => c.is_uppercase(),
                    _ => c.is_lowercase(),
                }))
            }
            ("to_digit", Value::Char(c)) => {
                let radix = usize_of(&arg(0)?)? as u32;
                if !(2..=36).contains(&radix) {
                    return fail();
                }
                Ok(Value::Opt(
                    c.to_digit(radix)
                        .map(|d| Box::new(Value::Int(d as i128, Int::U32))),
                ))
            }
            ("len_utf8", Value::Char(c)) => Ok(Value::Int(c.len_utf8() as i128, Int::Usize)),
            ("decode", Value::Engine(alphabet)) => {
                let input = match arg(0)? {
                    Value::Str(s) => s.into_bytes(),
                    other => bytes_of(&other).ok_or(Stop::Fail)?,
                };
                Ok(Value::Opt(
                    base64_decode(&alphabet, &input).map(|b| Box::new(bytes_value(&b))),
                ))
            }
            // `Option` and `Result`.
            ("unwrap" | "expect" | "unwrap_unchecked", Value::Opt(inner)) => {
                inner.map(|v| *v).ok_or(Stop::Fail)
            }
            ("unwrap_or", Value::Opt(inner)) => Ok(match inner {
                Some(v) => *v,
                None => arg(0)?,
            }),
            ("unwrap_or_else", Value::Opt(inner)) => match inner {
                Some(v) => Ok(*v),
                None => {
                    let Value::Closure(c) = arg(0)? else {
                        return fail();
                    };
                    let arity = c.inputs.len();
                    self.call_closure(&c, vec![Value::Unit; arity])
                }
            },
            ("unwrap_or_default", Value::Opt(inner)) => inner.map(|v| *v).ok_or(Stop::Fail),
            ("ok" | "ok_or" | "ok_or_else" | "map_err", Value::Opt(inner)) => Ok(Value::Opt(inner)),
            ("is_some" | "is_ok", Value::Opt(inner)) => Ok(Value::Bool(inner.is_some())),
            ("is_none" | "is_err", Value::Opt(inner)) => Ok(Value::Bool(inner.is_none())),
            // Integers.
            (name, Value::Int(v, ty)) => int_method(name, v, ty, &arguments),
            ("max" | "min", value) if arguments.is_empty() => {
                let items = self.seq(value)?;
                let mut best: Option<Value> = None;
                for item in items {
                    let Value::Int(v, _) = item else {
                        return fail();
                    };
                    let better = match &best {
                        Some(Value::Int(b, _)) => {
                            if method == "max" {
                                v >= *b
                            } else {
                                v < *b
                            }
                        }
                        _ => true,
                    };
                    if better {
                        best = Some(item);
                    }
                }
                Ok(Value::Opt(best.map(Box::new)))
            }
            _ => fail(),
        }
    }

    fn macro_call(&mut self, mac: &syn::Macro) -> Eval {
        let name = macro_name(mac);
        match name.as_str() {
            "vec" => {
                let tokens = &mac.tokens;
                let array: Expr = syn::parse2(quote::quote!([#tokens])).map_err(|_| Stop::Fail)?;
                self.eval(&array)
            }
            "format" | "concat" => {
                let args = mac
                    .parse_body_with(Punctuated::<Expr, syn::Token![,]>::parse_terminated)
                    .map_err(|_| Stop::Fail)?;
                if name == "concat" {
                    let mut out = String::new();
                    for arg in &args {
                        out.push_str(&display(&self.eval(arg)?)?);
                    }
                    return string_of(out);
                }
                self.format(&args)
            }
            "env" | "option_env" => {
                let Ok(variable) = syn::parse2::<syn::LitStr>(mac.tokens.clone()) else {
                    return fail();
                };
                let variable = variable.value();
                let value = self
                    .package
                    .compile_time_env
                    .iter()
                    .find(|(name, _)| *name == variable)
                    .map(|(_, value)| Value::Str(value.clone()));
                match (name.as_str(), value) {
                    ("env", Some(value)) => Ok(value),
                    ("option_env", value) if value.is_some() => Ok(Value::Opt(value.map(Box::new))),
                    _ => fail(),
                }
            }
            _ => self.expand(&name, &mac.tokens),
        }
    }

    /// A `macro_rules!` macro of the package, expanded and evaluated: strings hidden in a macro's
    /// body (`step!()`) or put together by one (`host!("a", "b")`). The rules the interpreter
    /// reads: an empty matcher, and a list of `$name:fragment` separated by commas, each bound
    /// to one argument.
    fn expand(&mut self, name: &str, tokens: &TokenStream) -> Eval {
        if self.expansions >= MAX_EXPANSIONS {
            return fail();
        }
        self.expansions += 1;
        let Some(rules) = self.package.macro_rules(self.sources, name) else {
            return fail();
        };
        let arguments = if tokens.is_empty() {
            Vec::new()
        } else {
            let parsed = syn::parse::Parser::parse2(
                Punctuated::<Expr, syn::Token![,]>::parse_terminated,
                tokens.clone(),
            )
            .map_err(|_| Stop::Fail)?;
            parsed.into_iter().collect()
        };
        for (matcher, body) in &rules.rules {
            let Some(names) = parameters(matcher) else {
                continue;
            };
            if names.len() != arguments.len() {
                continue;
            }
            let mut bound: HashMap<&str, (TokenStream, usize)> = HashMap::default();
            for (name, argument) in names.iter().zip(arguments.iter()) {
                let tokens = quote::ToTokens::to_token_stream(argument);
                let size = token_count(&tokens, MAX_EXPANDED_TOKENS + 1);
                if size > MAX_EXPANDED_TOKENS {
                    return fail();
                }
                bound.insert(name.as_str(), (tokens, size));
            }
            let mut room = MAX_EXPANDED_TOKENS;
            let expanded = substitute(body.clone(), &bound, &mut room)?;
            let text = expanded.to_string();
            self.charge(text.len())?;
            // Nested as deep as anything the scanner parses, and no deeper (`syn` recurses).
            if super::lexer::nesting_bound(&super::lexer::tokenize(&text)) > MAX_NESTING {
                return fail();
            }
            // One expression, or statements (`{ let k = …; decode(K, k) }`) as a block.
            let expr = match syn::parse2::<Expr>(expanded.clone()) {
                Ok(expr) => expr,
                Err(_) => {
                    syn::parse2::<Expr>(quote::quote!({ #expanded })).map_err(|_| Stop::Fail)?
                }
            };
            return self.eval(&expr);
        }
        fail()
    }

    /// `format!`: `{}`, `{:?}`, `{name}`, `{0}` and hexadecimal of integers.
    fn format(&mut self, args: &Punctuated<Expr, syn::Token![,]>) -> Eval {
        let mut args = args.iter();
        let Some(Expr::Lit(syn::ExprLit {
            lit: Lit::Str(template),
            ..
        })) = args.next()
        else {
            return fail();
        };
        let mut positional = Vec::new();
        let mut named: Vec<(String, Value)> = Vec::new();
        for arg in args {
            match arg {
                Expr::Assign(a) => {
                    let Expr::Path(p) = a.left.as_ref() else {
                        return fail();
                    };
                    let name = p.path.get_ident().ok_or(Stop::Fail)?.to_string();
                    let value = self.eval(&a.right)?;
                    named.push((name, value));
                }
                other => positional.push(self.eval(other)?),
            }
        }
        let template = template.value();
        let mut out = String::new();
        let mut next = 0usize;
        let mut chars = template.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '{' if chars.peek() == Some(&'{') => {
                    chars.next();
                    out.push('{');
                }
                '}' if chars.peek() == Some(&'}') => {
                    chars.next();
                    out.push('}');
                }
                '{' => {
                    let mut spec = String::new();
                    for c in chars.by_ref() {
                        if c == '}' {
                            break;
                        }
                        spec.push(c);
                    }
                    let (which, how) = spec.split_once(':').unwrap_or((&spec, ""));
                    let value = if which.is_empty() {
                        next += 1;
                        positional.get(next - 1).cloned()
                    } else if let Ok(index) = which.parse::<usize>() {
                        positional.get(index).cloned()
                    } else if let Some((_, v)) = named.iter().find(|(n, _)| n == which) {
                        Some(v.clone())
                    } else if let Some(v) = self.lookup(which) {
                        Some(v.clone())
                    } else if super::constants::is_constant_name(which) {
                        // `format!("{HOST}")` captures a constant.
                        let path: syn::Path = syn::parse_str(which).map_err(|_| Stop::Fail)?;
                        Some(self.path(&path)?)
                    } else {
                        None
                    };
                    let value = value.ok_or(Stop::Fail)?;
                    out.push_str(&formatted(&value, how)?);
                }
                other => out.push(other),
            }
            if out.len() > MAX_LEN {
                return fail();
            }
        }
        Ok(Value::Str(out))
    }
}

/// A body's value: what it evaluates to, or what it `return`s.
fn returned(result: Eval) -> Eval {
    match result {
        Err(Stop::Return(value)) => Ok(value),
        other => other,
    }
}

/// What one pass through a loop's body tells the loop.
enum Pass {
    Next,
    /// `break` (with its value) for this loop.
    Exit(Value),
}

/// The loop labelled `label` after a pass that ended with `result`: go on, stop, or hand a
/// `return`, a failure or an outer loop's `break`/`continue` up.
fn pass(result: Eval, label: &Option<String>) -> Result<Pass, Stop> {
    match result {
        Ok(_) | Err(Stop::Continue(None)) => Ok(Pass::Next),
        Err(Stop::Break(None, value)) => Ok(Pass::Exit(value)),
        Err(Stop::Continue(Some(l))) if Some(&l) == label.as_ref() => Ok(Pass::Next),
        Err(Stop::Break(Some(l), value)) if Some(&l) == label.as_ref() => Ok(Pass::Exit(value)),
        Err(other) => Err(other),
    }
}

fn macro_name(mac: &syn::Macro) -> String {
    last_segment(&mac.path)
}

/// The last name of a path (`Some` of `Option::Some`).
fn last_segment(path: &syn::Path) -> String {
    path.segments
        .last()
        .map(|s| s.ident.to_string())
        .unwrap_or_default()
}

/// The variable a mutating method's receiver names (`out`, `*out`, `&mut out`).
fn place_name(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(p) => p.path.get_ident().map(|i| i.to_string()),
        Expr::Unary(u) if matches!(u.op, UnOp::Deref(_)) => place_name(&u.expr),
        Expr::Reference(r) => place_name(&r.expr),
        Expr::Paren(p) => place_name(&p.expr),
        _ => None,
    }
}

fn mutate_value(
    value: &mut Value,
    method: &str,
    arguments: Vec<Value>,
    machine: &mut Machine<'_, '_>,
) -> Eval {
    let arg = |i: usize| arguments.get(i).cloned().ok_or(Stop::Fail);
    match value {
        Value::Str(s) => match method {
            "push" => {
                let Value::Char(c) = arg(0)? else {
                    return fail();
                };
                s.push(c);
                Ok(Value::Unit)
            }
            "push_str" => {
                s.push_str(&display(&arg(0)?)?);
                Ok(Value::Unit)
            }
            "extend" => {
                for item in machine.seq(arg(0)?)? {
                    s.push_str(&display(&item)?);
                    if s.len() > MAX_LEN {
                        return fail();
                    }
                }
                Ok(Value::Unit)
            }
            "truncate" => {
                let at = usize_of(&arg(0)?)?;
                if at < s.len() {
                    if !s.is_char_boundary(at) {
                        return fail();
                    }
                    s.truncate(at);
                }
                Ok(Value::Unit)
            }
            "insert" => {
                let at = usize_of(&arg(0)?)?;
                let Value::Char(c) = arg(1)? else {
                    return fail();
                };
                if at > s.len() || !s.is_char_boundary(at) {
                    return fail();
                }
                s.insert(at, c);
                Ok(Value::Unit)
            }
            "pop" => Ok(Value::Opt(s.pop().map(|c| Box::new(Value::Char(c))))),
            "clear" => {
                s.clear();
                Ok(Value::Unit)
            }
            _ => fail(),
        },
        Value::List(items) => match method {
            "push" => {
                items.push(arg(0)?);
                Ok(Value::Unit)
            }
            "extend" | "extend_from_slice" => {
                items.extend(machine.seq(arg(0)?)?);
                Ok(Value::Unit)
            }
            "truncate" => {
                items.truncate(usize_of(&arg(0)?)?);
                Ok(Value::Unit)
            }
            "reverse" => {
                items.reverse();
                Ok(Value::Unit)
            }
            "insert" => {
                let at = usize_of(&arg(0)?)?;
                if at > items.len() {
                    return fail();
                }
                items.insert(at, arg(1)?);
                Ok(Value::Unit)
            }
            "pop" => Ok(Value::Opt(items.pop().map(Box::new))),
            "clear" => {
                items.clear();
                Ok(Value::Unit)
            }
            "swap" => {
                let (a, b) = (usize_of(&arg(0)?)?, usize_of(&arg(1)?)?);
                if a >= items.len() || b >= items.len() {
                    return fail();
                }
                items.swap(a, b);
                Ok(Value::Unit)
            }
            "rotate_left" | "rotate_right" => {
                let by = usize_of(&arg(0)?)?;
                if by > items.len() {
                    return fail();
                }
                if method == "rotate_left" {
                    items.rotate_left(by);
                } else {
                    items.rotate_right(by);
                }
                Ok(Value::Unit)
            }
            "resize" => {
                let to = usize_of(&arg(0)?)?;
                let item = arg(1)?;
                if to.saturating_mul(len_of(&item).max(1)) > MAX_LEN {
                    return fail();
                }
                items.resize(to, item);
                Ok(Value::Unit)
            }
            "retain" => {
                let f = arg(0)?;
                let mut kept = Vec::new();
                for item in std::mem::take(items) {
                    if truth(&machine.apply(&f, item.clone())?)? {
                        kept.push(item);
                    }
                }
                *items = kept;
                Ok(Value::Unit)
            }
            "sort" | "sort_unstable" => {
                let mut keys = Vec::with_capacity(items.len());
                for item in items.iter() {
                    match item {
                        Value::Int(v, _) => keys.push(*v),
                        Value::Char(c) => keys.push(*c as i128),
                        _ => return fail(),
                    }
                }
                let mut paired: Vec<(i128, Value)> =
                    keys.into_iter().zip(std::mem::take(items)).collect();
                paired.sort_by_key(|(k, _)| *k);
                *items = paired.into_iter().map(|(_, v)| v).collect();
                Ok(Value::Unit)
            }
            "dedup" => {
                items.dedup_by(|a, b| equal(a, b));
                Ok(Value::Unit)
            }
            _ => fail(),
        },
        _ => fail(),
    }
}

fn int_method(name: &str, v: i128, ty: Int, arguments: &[Value]) -> Eval {
    let other = || match arguments.first() {
        Some(Value::Int(o, t)) => Ok((*o, *t)),
        _ => Err(Stop::Fail),
    };
    let bits = ty.bits();
    let unsigned = |v: i128| -> u128 { (v as u128) & mask(bits) };
    Ok(match name {
        "wrapping_add" => Value::Int(ty.wrap(v.wrapping_add(other()?.0)), ty),
        "wrapping_sub" => Value::Int(ty.wrap(v.wrapping_sub(other()?.0)), ty),
        "wrapping_mul" => Value::Int(ty.wrap(v.wrapping_mul(other()?.0)), ty),
        "wrapping_neg" => Value::Int(ty.wrap(v.wrapping_neg()), ty),
        "wrapping_shl" => Value::Int(ty.wrap(v << (other()?.0 as u32 % bits)), ty),
        "wrapping_shr" => {
            let by = other()?.0 as u32 % bits;
            if signed(ty) {
                Value::Int(ty.wrap(v >> by), ty)
            } else {
                Value::Int(ty.wrap((unsigned(v) >> by) as i128), ty)
            }
        }
        "rotate_left" | "rotate_right" => {
            if ty == Int::Any || bits == 128 {
                return fail();
            }
            let by = (other()?.0 as u32) % bits;
            let u = unsigned(v);
            let rotated = if name == "rotate_left" {
                (u << by | u >> ((bits - by) % bits)) & mask(bits)
            } else {
                (u >> by | u << ((bits - by) % bits)) & mask(bits)
            };
            Value::Int(ty.wrap(rotated as i128), ty)
        }
        "pow" | "wrapping_pow" => {
            // By squaring, wrapping at every step as the type does.
            let mut exponent = u32::try_from(other()?.0).map_err(|_| Stop::Fail)?;
            let (mut base, mut result) = (ty.wrap(v), 1i128);
            while exponent > 0 {
                if exponent & 1 == 1 {
                    result = ty.wrap(result.wrapping_mul(base));
                }
                base = ty.wrap(base.wrapping_mul(base));
                exponent >>= 1;
            }
            Value::Int(result, ty)
        }
        "abs" => Value::Int(ty.wrap(v.wrapping_abs()), ty),
        "min" => Value::Int(v.min(other()?.0), ty),
        "max" => Value::Int(v.max(other()?.0), ty),
        "count_ones" => Value::Int(unsigned(v).count_ones() as i128, Int::U32),
        "to_le_bytes" | "to_be_bytes" | "to_ne_bytes" => {
            if ty == Int::Any {
                return fail();
            }
            let u = unsigned(v);
            let mut bytes: Vec<u8> = (0..bits / 8).map(|i| (u >> (8 * i)) as u8).collect();
            if name == "to_be_bytes" {
                bytes.reverse();
            }
            bytes_value(&bytes)
        }
        "checked_add" | "checked_sub" | "checked_mul" => {
            let o = other()?.0;
            let exact = match name {
                "checked_add" => v.checked_add(o),
                "checked_sub" => v.checked_sub(o),
                _ => v.checked_mul(o),
            };
            Value::Opt(
                exact
                    .filter(|e| ty.wrap(*e) == *e)
                    .map(|e| Box::new(Value::Int(e, ty))),
            )
        }
        "saturating_sub" if signed(ty) => Value::Int(v.saturating_sub(other()?.0), ty),
        "saturating_sub" => Value::Int(v.saturating_sub(other()?.0).max(0), ty),
        "clone" | "into" | "to_owned" => Value::Int(v, ty),
        _ => return fail(),
    })
}

fn signed(ty: Int) -> bool {
    matches!(
        ty,
        Int::I8 | Int::I16 | Int::I32 | Int::I64 | Int::I128 | Int::Isize
    )
}

fn mask(bits: u32) -> u128 {
    if bits >= 128 {
        u128::MAX
    } else {
        (1u128 << bits) - 1
    }
}

fn literal(lit: &Lit) -> Eval {
    Ok(match lit {
        Lit::Str(s) => Value::Str(s.value()),
        Lit::ByteStr(b) => bytes_value(&b.value()),
        Lit::Byte(b) => Value::Int(b.value() as i128, Int::U8),
        Lit::Char(c) => Value::Char(c.value()),
        Lit::Bool(b) => Value::Bool(b.value),
        Lit::Int(i) => {
            let value: u128 = i.base10_parse().map_err(|_| Stop::Fail)?;
            let ty = if i.suffix().is_empty() {
                Int::Any
            } else {
                Int::named(i.suffix()).ok_or(Stop::Fail)?
            };
            Value::Int(ty.wrap(value as i128), ty)
        }
        _ => return fail(),
    })
}

fn bytes_value(bytes: &[u8]) -> Value {
    Value::List(
        bytes
            .iter()
            .map(|b| Value::Int(*b as i128, Int::U8))
            .collect(),
    )
}

fn string_of(s: String) -> Eval {
    if s.len() > MAX_LEN {
        return fail();
    }
    Ok(Value::Str(s))
}

fn truth(value: &Value) -> Result<bool, Stop> {
    match value {
        Value::Bool(b) => Ok(*b),
        _ => fail(),
    }
}

/// The `base64` crate's ready-made engines, by name, and their alphabets.
const BASE64_ENGINES: [(&str, &base64::alphabet::Alphabet); 8] = [
    ("BASE64_STANDARD", &base64::alphabet::STANDARD),
    ("BASE64_STANDARD_NO_PAD", &base64::alphabet::STANDARD),
    ("BASE64_URL_SAFE", &base64::alphabet::URL_SAFE),
    ("BASE64_URL_SAFE_NO_PAD", &base64::alphabet::URL_SAFE),
    ("STANDARD", &base64::alphabet::STANDARD),
    ("STANDARD_NO_PAD", &base64::alphabet::STANDARD),
    ("URL_SAFE", &base64::alphabet::URL_SAFE),
    ("URL_SAFE_NO_PAD", &base64::alphabet::URL_SAFE),
];

/// The `base64` engine a `use` declaration of the package imports as `alias`
/// (`STANDARD as B64`), if one does.
fn engine_imported_as(sources: &Sources<'_>, alias: &str) -> Option<&'static str> {
    // The longest engine name: nothing longer before ` as ` can be one.
    const LONGEST: usize = 22;
    let alias = alias.as_bytes();
    let pattern = [b"as ".as_slice(), alias].concat();
    sources.iter().find_map(|(_, bytes)| {
        memchr::memmem::find_iter(bytes, &pattern)
            .take(MAX_OCCURRENCES)
            .find_map(|at| {
                let end = at + pattern.len();
                let whole = !bytes
                    .get(end)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
                if !whole {
                    return None;
                }
                let before = bytes[..at].trim_ascii_end();
                let window = &before[before.len().saturating_sub(LONGEST + 1)..];
                BASE64_ENGINES
                    .iter()
                    .map(|(engine, _)| *engine)
                    .find(|engine| {
                        window.ends_with(engine.as_bytes())
                            && !window[..window.len() - engine.len()]
                                .last()
                                .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
                    })
            })
    })
}

/// An IPv4 address as text, from what makes one: four octets, an array of them, one 32-bit
/// number, or text already.
fn ipv4_text(value: &Value) -> Result<String, Stop> {
    match value {
        Value::Str(text) => text
            .parse::<std::net::Ipv4Addr>()
            .map(|ip| ip.to_string())
            .map_err(|_| Stop::Fail),
        Value::Int(number, _) => u32::try_from(*number)
            .map(|n| std::net::Ipv4Addr::from(n).to_string())
            .map_err(|_| Stop::Fail),
        Value::List(octets) | Value::Tuple(octets) if octets.len() == 4 => {
            let mut bytes = [0u8; 4];
            for (byte, octet) in bytes.iter_mut().zip(octets) {
                match octet {
                    Value::Int(v, _) => *byte = u8::try_from(*v).map_err(|_| Stop::Fail)?,
                    _ => return fail(),
                }
            }
            Ok(std::net::Ipv4Addr::from(bytes).to_string())
        }
        _ => fail(),
    }
}

/// A socket address as text (`198.51.100.23:8443`).
fn socket_text(ip: &Value, port: &Value) -> Result<String, Stop> {
    let Value::Int(port, _) = port else {
        return fail();
    };
    let port = u16::try_from(*port).map_err(|_| Stop::Fail)?;
    Ok(format!("{}:{port}", ipv4_text(ip)?))
}

fn usize_of(value: &Value) -> Result<usize, Stop> {
    match value {
        Value::Int(v, _) => usize::try_from(*v).map_err(|_| Stop::Fail),
        _ => fail(),
    }
}

/// How many values (and bytes of strings) a value holds, nested ones included, up to a little
/// past [`MAX_LEN`]: what copying it costs, and what a list of it would hold.
fn len_of(value: &Value) -> usize {
    fn add(value: &Value, total: &mut usize) {
        if *total > MAX_LEN {
            return;
        }
        match value {
            Value::Str(s) => *total += s.len(),
            Value::List(items) | Value::Cycle(items) | Value::Tuple(items) => {
                *total += items.len();
                for item in items {
                    add(item, total);
                    if *total > MAX_LEN {
                        return;
                    }
                }
            }
            Value::Opt(Some(inner)) => add(inner, total),
            _ => {}
        }
    }
    let mut total = 0;
    add(value, &mut total);
    total
}

fn range_items(start: i128, end: i128, ty: Int) -> Result<Vec<Value>, Stop> {
    if end.saturating_sub(start) > MAX_LEN as i128 {
        return fail();
    }
    Ok((start..end).map(|v| Value::Int(v, ty)).collect())
}

/// The items of something iterated over.
fn items_of(value: Value) -> Result<Vec<Value>, Stop> {
    match value {
        Value::List(items) => Ok(items),
        Value::Range(start, Some(end), ty) => range_items(start, end, ty),
        Value::Opt(inner) => Ok(inner.map(|v| vec![*v]).unwrap_or_default()),
        _ => fail(),
    }
}

fn collect(items: Vec<Value>, want_string: bool) -> Eval {
    // `collect::<Option<…>>()` / `Result`: every item present, or none.
    if !items.is_empty() && items.iter().all(|i| matches!(i, Value::Opt(_))) {
        let mut inner = Vec::with_capacity(items.len());
        for item in items {
            match item {
                Value::Opt(Some(v)) => inner.push(*v),
                _ => return Ok(Value::Opt(None)),
            }
        }
        return Ok(Value::Opt(Some(Box::new(collect(inner, want_string)?))));
    }
    // Without `::<String>` the type comes from where the value goes (`let s: String`, a
    // function's return type): see `typed`.
    if want_string {
        return concatenated(&items);
    }
    Ok(Value::List(items))
}

/// Characters and strings as one string (`collect::<String>()`).
fn concatenated(items: &[Value]) -> Eval {
    let mut out = String::new();
    for item in items {
        match item {
            Value::Char(_) | Value::Str(_) => out.push_str(&display(item)?),
            _ => return fail(),
        }
        if out.len() > MAX_LEN {
            return fail();
        }
    }
    Ok(Value::Str(out))
}

fn display(value: &Value) -> Result<String, Stop> {
    Ok(match value {
        Value::Str(s) => s.clone(),
        Value::Char(c) => c.to_string(),
        Value::Int(v, _) => v.to_string(),
        Value::Bool(b) => b.to_string(),
        // Characters `collect()`ed where the type was left to inference (a closure's result
        // joined later): the string they make.
        Value::List(items) if items.iter().all(|i| matches!(i, Value::Char(_))) => {
            items.iter().map(display).collect::<Result<String, _>>()?
        }
        _ => return fail(),
    })
}

fn formatted(value: &Value, how: &str) -> Result<String, Stop> {
    match (how, value) {
        ("", _) => display(value),
        ("?", Value::Str(s)) => Ok(format!("{s:?}")),
        ("?", Value::Char(c)) => Ok(format!("{c:?}")),
        ("?", _) => display(value),
        (_, Value::Int(v, ty)) if how.ends_with('x') || how.ends_with('X') => {
            let width: usize = how
                .trim_end_matches(['x', 'X'])
                .trim_start_matches('0')
                .parse()
                .unwrap_or(0);
            // A width is padding: wider than any integer's digits is an upload's way to
            // allocate.
            if width > 128 {
                return fail();
            }
            let u = (*v as u128) & mask(ty.bits());
            Ok(if how.ends_with('x') {
                format!("{u:0width$x}")
            } else {
                format!("{u:0width$X}")
            })
        }
        _ => fail(),
    }
}

fn equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Int(x, _), Value::Int(y, _)) => x == y,
        (Value::Bool(x), Value::Bool(y)) => x == y,
        (Value::Char(x), Value::Char(y)) => x == y,
        (Value::Str(x), Value::Str(y)) => x == y,
        (Value::List(x), Value::List(y)) | (Value::Tuple(x), Value::Tuple(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| equal(a, b))
        }
        (Value::Opt(x), Value::Opt(y)) => match (x, y) {
            (Some(x), Some(y)) => equal(x, y),
            (None, None) => true,
            _ => false,
        },
        (Value::Unit, Value::Unit) => true,
        _ => false,
    }
}

fn operate(op: BinOp, left: Value, right: Value) -> Eval {
    use Value::{Bool, Char, Int as I, Str};
    match (left, right) {
        (I(a, ta), I(b, tb)) => {
            let ty = ta.join(tb);
            let value = match op {
                BinOp::Add(_) => a.wrapping_add(b),
                BinOp::Sub(_) => a.wrapping_sub(b),
                BinOp::Mul(_) => a.wrapping_mul(b),
                BinOp::Div(_) if b != 0 => a.wrapping_div(b),
                BinOp::Rem(_) if b != 0 => a.wrapping_rem(b),
                BinOp::BitXor(_) => a ^ b,
                BinOp::BitAnd(_) => a & b,
                BinOp::BitOr(_) => a | b,
                BinOp::Shl(_) => {
                    let by = u32::try_from(b).map_err(|_| Stop::Fail)?;
                    if by >= ta.bits().max(64) {
                        return fail();
                    }
                    return Ok(I(ta.wrap(a.wrapping_shl(by)), ta));
                }
                BinOp::Shr(_) => {
                    let by = u32::try_from(b).map_err(|_| Stop::Fail)?;
                    if by >= 128 {
                        return fail();
                    }
                    return Ok(I(ta.wrap(a >> by), ta));
                }
                BinOp::Eq(_) => return Ok(Bool(a == b)),
                BinOp::Ne(_) => return Ok(Bool(a != b)),
                BinOp::Lt(_) => return Ok(Bool(a < b)),
                BinOp::Le(_) => return Ok(Bool(a <= b)),
                BinOp::Gt(_) => return Ok(Bool(a > b)),
                BinOp::Ge(_) => return Ok(Bool(a >= b)),
                _ => return fail(),
            };
            Ok(I(ty.wrap(value), ty))
        }
        (Bool(a), Bool(b)) => match op {
            BinOp::BitXor(_) => Ok(Bool(a ^ b)),
            BinOp::BitAnd(_) => Ok(Bool(a & b)),
            BinOp::BitOr(_) => Ok(Bool(a | b)),
            BinOp::Eq(_) => Ok(Bool(a == b)),
            BinOp::Ne(_) => Ok(Bool(a != b)),
            _ => fail(),
        },
        (Char(a), Char(b)) => compare(op, a.cmp(&b)),
        (Str(a), Str(b)) => match op {
            BinOp::Add(_) => string_of(a + &b),
            _ => compare(op, a.cmp(&b)),
        },
        (Str(a), Char(b)) if matches!(op, BinOp::Add(_)) => string_of(format!("{a}{b}")),
        (left, right) => match op {
            BinOp::Eq(_) => Ok(Bool(equal(&left, &right))),
            BinOp::Ne(_) => Ok(Bool(!equal(&left, &right))),
            _ => fail(),
        },
    }
}

fn compare(op: BinOp, ordering: std::cmp::Ordering) -> Eval {
    use std::cmp::Ordering::{Equal, Greater, Less};
    Ok(Value::Bool(match op {
        BinOp::Eq(_) => ordering == Equal,
        BinOp::Ne(_) => ordering != Equal,
        BinOp::Lt(_) => ordering == Less,
        BinOp::Le(_) => ordering != Greater,
        BinOp::Gt(_) => ordering == Greater,
        BinOp::Ge(_) => ordering != Less,
        _ => return fail(),
    }))
}

fn cast(value: Value, ty: &Type) -> Eval {
    let name = match ty {
        Type::Path(p) => p
            .path
            .get_ident()
            .map(|i| i.to_string())
            .ok_or(Stop::Fail)?,
        _ => return fail(),
    };
    if name == "char" {
        return match value {
            Value::Int(v, _) => u32::try_from(v)
                .ok()
                .and_then(char::from_u32)
                .map(Value::Char)
                .ok_or(Stop::Fail),
            Value::Char(c) => Ok(Value::Char(c)),
            _ => fail(),
        };
    }
    let int = int_type_of(ty).ok_or(Stop::Fail)?;
    match value {
        Value::Int(v, from) => {
            // A negative value of a signed type reads as its two's complement.
            let v = if v < 0 && from != Int::Any {
                from.wrap(v)
            } else {
                v
            };
            Ok(Value::Int(int.wrap(v), int))
        }
        Value::Char(c) => Ok(Value::Int(int.wrap(c as i128), int)),
        Value::Bool(b) => Ok(Value::Int(b as i128, int)),
        _ => fail(),
    }
}

fn index_value(base: Value, index: Value) -> Eval {
    match (base, index) {
        (Value::List(items), Value::Int(i, _)) => usize::try_from(i)
            .ok()
            .and_then(|i| items.get(i).cloned())
            .ok_or(Stop::Fail),
        (Value::List(items), Value::Range(start, end, _)) => {
            let start = usize::try_from(start).map_err(|_| Stop::Fail)?;
            let end = match end {
                Some(e) => usize::try_from(e).map_err(|_| Stop::Fail)?,
                None => items.len(),
            };
            items
                .get(start..end)
                .map(|s| Value::List(s.to_vec()))
                .ok_or(Stop::Fail)
        }
        (Value::Str(s), Value::Range(start, end, _)) => {
            let start = usize::try_from(start).map_err(|_| Stop::Fail)?;
            let end = match end {
                Some(e) => usize::try_from(e).map_err(|_| Stop::Fail)?,
                None => s.len(),
            };
            s.get(start..end)
                .map(|t| Value::Str(t.to_owned()))
                .ok_or(Stop::Fail)
        }
        _ => fail(),
    }
}

fn base64_decode(alphabet: &str, input: &[u8]) -> Option<Vec<u8>> {
    let alphabet = base64::alphabet::Alphabet::new(alphabet).ok()?;
    let config = GeneralPurposeConfig::new()
        .with_decode_padding_mode(DecodePaddingMode::Indifferent)
        .with_decode_allow_trailing_bits(true);
    GeneralPurpose::new(&alphabet, config).decode(input).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A method of the package's struct, called on a constant of it, runs with `self` bound to
    /// the constant's fields; a method that takes no `self` is not called through a value.
    #[test]
    fn methods_of_constant_structs_run() {
        let source = "struct Mirror { host: &'static str, port: u16 }\n\
                      impl Mirror { fn address(&self) -> String { format!(\"{}:{}\", self.host, self.port) } }\n\
                      impl Mirror { fn fresh() -> String { String::new() } }\n\
                      const PRIMARY: Mirror = Mirror { host: \"203.0.113.9\", port: 8443 };\n\
                      fn primary() -> String { PRIMARY.address() }\n\
                      fn misuse() -> String { PRIMARY.fresh() }";
        assert_eq!(run(source, "primary()"), Some("203.0.113.9:8443".into()));
        assert_eq!(run(source, "misuse()"), None);
    }

    /// An element of a constant table is a constant; one picked by a variable is not.
    #[test]
    fn elements_of_constant_tables_are_constants() {
        let parse = |text: &str| syn::parse_str::<Expr>(text).expect("an expression");
        assert!(is_constant(&parse("SEEDS[0]")));
        assert!(is_constant(&parse("&TABLES[2][1]")));
        assert!(!is_constant(&parse("SEEDS[i]")));
        assert!(!is_constant(&parse("seeds[0]")));
    }

    /// A decoder that builds a table of strings: a byte slice split where a closure says, each
    /// piece made a string; the table reads as its strings, NUL-separated.
    #[test]
    fn tables_split_out_of_decoded_words() {
        let source = "type Table = Vec<String>;\n\
                      const W: [u64; 1] = [0x6375_726c_0073_6800];\n\
                      fn expand() -> Table {\n\
                          let mut raw = Vec::new();\n\
                          for w in W.iter() { raw.extend_from_slice(&w.to_be_bytes()); }\n\
                          while raw.last() == Some(&0) { raw.pop(); }\n\
                          raw.split(|b| *b == 0).map(|s| String::from_utf8_lossy(s).into_owned()).collect()\n\
                      }";
        assert_eq!(run(source, "expand()"), Some("curl\0sh\0".into()));
    }

    /// Bytes changed in place through `iter_mut()` (or `&mut`, or `enumerate`) are the list's
    /// new contents after the loop; a loop over a copy changes nothing.
    #[test]
    fn lists_changed_in_place_keep_the_change() {
        let source = "fn whiten(mut v: Vec<u8>, seed: u8) -> Vec<u8> {\n\
                          for b in v.iter_mut() { *b ^= seed; }\n\
                          v\n\
                      }\n\
                      fn shift(mut v: Vec<u8>) -> Vec<u8> {\n\
                          for (i, b) in v.iter_mut().enumerate() { *b = *b - i as u8; }\n\
                          v\n\
                      }\n\
                      fn borrowed(mut v: Vec<u8>) -> Vec<u8> { for b in &mut v { *b += 1; } v }\n\
                      fn copied(v: Vec<u8>) -> Vec<u8> { for mut b in v.clone() { b += 1; } v }";
        let key: Vec<String> = b"sh".iter().map(|b| (b ^ 7).to_string()).collect();
        assert_eq!(
            run(source, &format!("whiten(vec![{}], 7)", key.join(", "))),
            Some("sh".into())
        );
        assert_eq!(run(source, "shift(vec![99, 118, 116])"), Some("cur".into()));
        assert_eq!(run(source, "borrowed(vec![103, 115])"), Some("ht".into()));
        assert_eq!(run(source, "copied(vec![103, 115])"), Some("gs".into()));
        // A helper that decodes a buffer it is lent changes the caller's buffer.
        let lent = "const KEY: u8 = 7;\n\
                    fn xor(buf: &mut Vec<u8>, k: u8) { for b in buf.iter_mut() { *b ^= k; } }\n\
                    fn program(raw: Vec<u8>) -> String {\n\
                        let mut v = raw;\n\
                        xor(&mut v, KEY);\n\
                        String::from_utf8(v).unwrap()\n\
                    }";
        assert_eq!(
            run(lent, &format!("program(vec![{}])", key.join(", "))),
            Some("sh".into())
        );
        // A loop over something that is no list (a range borrowed) runs as before.
        let ranged = "fn counted(n: u8) -> String {\n\
                          let mut r = 0..n;\n\
                          let mut s = String::new();\n\
                          for _ in &mut r { s.push('x'); }\n\
                          s\n\
                      }";
        assert_eq!(run(ranged, "counted(3)"), Some("xxx".into()));
    }

    /// An environment variable read by a name the code computes is reported by name, though
    /// the evaluation cannot finish: its value is the machine's.
    #[test]
    fn variables_read_by_computed_names_are_told() {
        let source = "const MASK: u64 = 0x1111_1111_1111_1111;\n\
                      const K_ROOT: u64 = 0x1111_1111_545c_5e59;\n\
                      fn key(k: u64) -> String {\n\
                          (k ^ MASK).to_le_bytes().iter().take_while(|&&c| c != 0).map(|&c| c as char).collect()\n\
                      }\n\
                      fn var(k: u64) -> Option<String> { std::env::var(key(k)).ok() }";
        let mut package = Package::new();
        let sources = [("src/lib.rs", source.as_bytes())];
        let argument: Expr = syn::parse_str("K_ROOT").expect("an expression");
        assert_eq!(
            package.call(&sources, "var", std::slice::from_ref(&argument)),
            None
        );
        assert_eq!(package.variables_asked_last(), ["HOME"]);
        // Asked again, the answer kept says the same; another call says nothing of it.
        assert_eq!(package.call(&sources, "var", &[argument]), None);
        assert_eq!(package.variables_asked_last(), ["HOME"]);
        // A name written out is read where it is written, not at every call of its helper.
        let written = "fn lang(k: u8) -> Option<String> { std::env::var(\"LANG\").ok() }";
        let sources_written = [("src/lib.rs", written.as_bytes())];
        let one: Expr = syn::parse_str("1").expect("an expression");
        assert_eq!(package.call(&sources_written, "lang", &[one]), None);
        assert!(package.variables_asked_last().is_empty());
        let other: Expr = syn::parse_str("MASK").expect("an expression");
        assert_eq!(package.call(&sources, "key", &[other]), Some(Vec::new()));
        assert!(package.variables_asked_last().is_empty());
    }

    /// A call of a free function on constants is constant (the interpreter runs only the
    /// package's); a type's constructor or a call on a variable is not.
    #[test]
    fn calls_on_constants_are_constant() {
        let parse = |text: &str| syn::parse_str::<Expr>(text).expect("an expression");
        assert!(is_constant(&parse("residue(&TABLE)")));
        assert!(is_constant(&parse("whiten(residue(&TABLE), SEED)")));
        assert!(!is_constant(&parse("whiten(buffer, SEED)")));
        assert!(!is_constant(&parse("Some(SEED)")));
        assert!(!is_constant(&parse("seed()")));
        assert!(!is_constant(&parse("Command::new(\"sh\")")));
        assert!(is_constant(&parse("codec::unpack(&TABLE, 3)")));
        assert!(!is_constant(&parse("f(f(f(f(f(&TABLE)))))")));
    }

    fn run(source: &str, call: &str) -> Option<String> {
        let mut package = Package::new();
        let sources = [("src/lib.rs", source.as_bytes())];
        let call: syn::ExprCall = syn::parse_str(call).expect("a call");
        let Expr::Path(path) = call.func.as_ref() else {
            panic!("a path");
        };
        let name = path.path.segments.last().expect("a name").ident.to_string();
        let arguments: Vec<Expr> = call.args.iter().cloned().collect();
        package
            .call(&sources, &name, &arguments)
            .map(|b| String::from_utf8_lossy(&b).into_owned())
    }

    #[test]
    fn macros_of_the_package_are_expanded() {
        let source = r#"
            macro_rules! steps {
                () => { concat!("dl", "row") };
            }
            macro_rules! shifted {
                ($by:expr, $extra:literal,) => {
                    unshift(&[102, 113, 117], $by + $extra)
                };
                ($by:expr) => {
                    unshift(&[102, 113, 117], $by)
                };
            }
            fn unshift(bytes: &[u8], by: u8) -> String {
                bytes.iter().map(|b| (b - by) as char).collect()
            }
            fn rev(s: &str) -> String {
                s.chars().rev().collect()
            }
            fn again() -> String {
                forever!()
            }
            macro_rules! forever {
                () => { forever!() };
            }
        "#;
        assert_eq!(run(source, "rev(steps!())").as_deref(), Some("world"));
        assert_eq!(run(source, "rev(shifted!(2))").as_deref(), Some("sod"));
        assert_eq!(run(source, "rev(shifted!(1, 1,))").as_deref(), Some("sod"));
        // No rule for three arguments; a macro that expands to itself ends.
        assert_eq!(run(source, "rev(shifted!(1, 1, 1))"), None);
        assert_eq!(run(source, "again()"), None);
        let expr: Expr = syn::parse_str("shifted!(2)").unwrap();
        assert!(is_constant(&expr));
        assert_eq!(
            Package::new()
                .expression(&[("src/lib.rs", source.as_bytes())], &expr)
                .map(|b| String::from_utf8_lossy(&b).into_owned())
                .as_deref(),
            Some("dos")
        );
    }

    /// A body that names its argument thousands of times, called with a large argument, and a
    /// macro that wraps itself deeper at each step: refused before they grow.
    #[test]
    fn hostile_macros_end_within_their_bounds() {
        // On a stack like the scan thread's, as evaluations run in the scanner.
        let outcome = std::thread::Builder::new()
            .stack_size(256 * 1024 * 1024)
            .spawn(|| {
                let copies = vec!["$x"; 3000].join(", ");
                let argument = vec!["1"; 30_000].join(",");
                let source = format!(
                    "macro_rules! m {{ ($x:expr) => {{ concat!({copies}) }}; }}\n\
                     macro_rules! deeper {{ () => {{ (((((((((( deeper!() )))))))))) }}; }}\n\
                     fn rev(s: &str) -> String {{ s.chars().rev().collect() }}"
                );
                let started = std::time::Instant::now();
                assert_eq!(run(&source, &format!("rev(m!([{argument}]))")), None);
                assert_eq!(run(&source, "rev(deeper!())"), None);
                // Generous for a debug build on a busy machine.
                assert!(started.elapsed() < std::time::Duration::from_secs(20));
            })
            .expect("a thread")
            .join();
        assert!(outcome.is_ok());
    }

    #[test]
    fn a_function_of_the_package_named_as_a_value_is_called() {
        let source = r#"
            fn piece(code: u16) -> &'static str {
                match code { 1 => "ex", 2 => "ample", 3 => ".net", _ => "" }
            }
            const CODES: &[u16] = &[1, 2, 3];
            fn spell() -> String { CODES.iter().copied().map(piece).collect() }
        "#;
        assert_eq!(run(source, "spell()").as_deref(), Some("example.net"));
        // A name that is no function stops the evaluation.
        let missing = source.replace("map(piece)", "map(nothing)");
        assert_eq!(run(&missing, "spell()"), None);
    }

    #[test]
    fn table_offsets_with_a_case_bit() {
        let source = r#"
            const TABLE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ:/.";
            const WORD: &[u8] = &[0x87, 0x93, 0x93, 0x8f, 26, 27, 27];
            fn spell(ix: &[u8]) -> String {
                let t = TABLE.as_bytes();
                ix.iter().map(|&b| {
                    let c = t[(b & 0x7f) as usize] as char;
                    if b & 0x80 != 0 { c.to_ascii_lowercase() } else { c }
                }).collect()
            }
        "#;
        assert_eq!(run(source, "spell(WORD)").as_deref(), Some("http://"));
    }

    #[test]
    fn words_unmasked_by_a_mixing_function() {
        // The words are the bytes of "curl -s" XORed with splitmix64 of the index.
        let mix = |x: u64| {
            let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
            z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
            z ^ (z >> 31)
        };
        let word = u64::from_le_bytes(*b"curl -s\0") ^ mix(0);
        let source = format!(
            r#"
            const WORDS: [u64; 1] = [{word:#x}];
            fn mix(x: u64) -> u64 {{
                let mut z = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
                z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
                z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
                z ^ (z >> 31)
            }}
            fn word(n: usize, len: usize) -> String {{
                let mut out = Vec::new();
                for i in 0..(len + 7) / 8 {{
                    out.extend_from_slice(&(WORDS[n + i] ^ mix(i as u64)).to_le_bytes());
                }}
                out.truncate(len);
                String::from_utf8(out).unwrap_or_default()
            }}
        "#
        );
        assert_eq!(run(&source, "word(0, 7)").as_deref(), Some("curl -s"));
    }

    #[test]
    fn base64_under_a_shuffled_alphabet() {
        let alphabet = "ZYXWVUTSRQPONMLKJIHGFEDCBAzyxwvutsrqponmlkjihgfedcba9876543210+/";
        let encoded = base64_encode(alphabet, b"/bin/sh");
        let source = format!(
            r#"
            use base64::{{alphabet::Alphabet, engine::{{GeneralPurpose, general_purpose::NO_PAD}}, Engine}};
            const ALPHABET: &str = "{alphabet}";
            const HIDDEN: &str = "{encoded}";
            fn legacy(s: &str) -> String {{
                let engine = match Alphabet::new(ALPHABET) {{
                    Ok(a) => GeneralPurpose::new(&a, NO_PAD),
                    Err(_) => return String::new(),
                }};
                engine.decode(s).ok().and_then(|v| String::from_utf8(v).ok()).unwrap_or_default()
            }}
        "#
        );
        assert_eq!(run(&source, "legacy(HIDDEN)").as_deref(), Some("/bin/sh"));
    }

    fn base64_encode(alphabet: &str, data: &[u8]) -> String {
        let alphabet = base64::alphabet::Alphabet::new(alphabet).expect("an alphabet");
        GeneralPurpose::new(&alphabet, base64::engine::general_purpose::NO_PAD).encode(data)
    }

    #[test]
    fn xor_with_a_cycled_key_and_reversal() {
        let source = r#"
            const KEY: &[u8] = b"k3y";
            fn unhide(data: &[u8]) -> String {
                data.iter().zip(KEY.iter().cycle()).map(|(a, b)| (a ^ b) as char).rev().collect()
            }
        "#;
        let hidden: Vec<String> = b"hsab"
            .iter()
            .zip(b"k3y".iter().cycle())
            .map(|(a, b)| (a ^ b).to_string())
            .collect();
        assert_eq!(
            run(source, &format!("unhide(&[{}])", hidden.join(", "))).as_deref(),
            Some("bash")
        );
    }

    #[test]
    fn loops_and_formats() {
        let source = r#"
            fn host(parts: &[&str], port: u16) -> String {
                let mut out = String::new();
                let mut i = 0;
                while i < parts.len() {
                    if i > 0 { out.push('.'); }
                    out.push_str(parts[i]);
                    i += 1;
                }
                format!("tcp://{}:{port}", out)
            }
        "#;
        assert_eq!(
            run(source, r#"host(&["relay", "example", "net"], 4444)"#).as_deref(),
            Some("tcp://relay.example.net:4444")
        );
    }

    #[test]
    fn what_it_cannot_do_gives_no_answer() {
        let source = r#"
            struct S;
            fn float(x: u8) -> String { format!("{}", x as f64 * 1.5) }
            fn forever(x: u8) -> String { loop {} }
            fn method(x: u8) -> String { S.name(x) }
            fn huge(x: u8) -> String { "a".repeat(1 << 30) }
            fn recursive(x: u8) -> String { recursive(x) }
        "#;
        for call in [
            "float(1)",
            "forever(1)",
            "method(1)",
            "huge(1)",
            "recursive(1)",
            "absent(1)",
        ] {
            assert_eq!(run(source, call), None, "{call}");
        }
    }

    #[test]
    fn hostile_functions_end_within_the_budget() {
        let source = r#"
            const BIG: [u8; 65536] = [7; 65536];
            fn pushes() -> String {
                let mut s = String::new();
                for _ in 0..100_000_000u64 { s.push('a'); }
                s
            }
            fn copies() -> Vec<u8> {
                let mut out = Vec::new();
                for i in 0..100_000usize { let t = BIG; out.push(t[i % 7]); }
                out
            }
            fn nested() -> Vec<u8> { let v = vec![[0u8; 65536]; 65536]; v[0].to_vec() }
            fn windows() -> Vec<u8> { BIG.windows(30000).map(|w| w[0]).collect() }
            fn widest() -> String { format!("{:0999999999999x}", 1u8) }
            fn resized() -> Vec<u8> { let mut v = Vec::new(); v.resize(65536, BIG); v[0].to_vec() }
            fn edge() -> Vec<u8> {
                (170141183460469231731687303715884105727..=170141183460469231731687303715884105727)
                    .map(|_| 1u8).collect()
            }
        "#;
        let started = std::time::Instant::now();
        for call in [
            "pushes()",
            "copies()",
            "nested()",
            "windows()",
            "widest()",
            "resized()",
            "edge()",
        ] {
            assert_eq!(run(source, call), None, "{call}");
        }
        // Generous for a debug build on a busy machine; unbounded work would take minutes.
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    #[test]
    fn hostile_code_found_by_a_review_ends_within_the_budget() {
        // On a stack like the scan thread's: recursion must end by the budget, not by overflow.
        let outcome = std::thread::Builder::new()
            .stack_size(256 * 1024 * 1024)
            .spawn(|| {
                let source = r#"
                    const A0: u8 = A1; const A1: u8 = A2; const A2: u8 = A0;
                    const BIG: [u8; 4] = [1, 2, 3, 4];
                    fn closure() -> String { let f = |x: u8| f(x); f(1) }
                    fn chain() -> Vec<u8> { vec![A0] }
                    fn deep() -> Vec<u8> {
                        let v = vec![vec![vec![vec![0u8; 256]; 256]; 256]; 256];
                        v[0][0][0].to_vec()
                    }
                    fn empty_loops() -> String {
                        for _ in 0..65536 { for _ in 0..65536 { for _ in 0..65536 {} } }
                        String::new()
                    }
                    fn replaced() -> String { "a".repeat(65536).replace("", &"b".repeat(65536)) }
                    fn joined() -> String { vec![""; 65536].join(&"a".repeat(65536)) }
                    fn widest() -> String { format!("{}", i128::MAX) }
                "#;
                let started = std::time::Instant::now();
                let mut answers = Vec::new();
                for call in [
                    "closure()",
                    "chain()",
                    "deep()",
                    "empty_loops()",
                    "replaced()",
                    "joined()",
                ] {
                    answers.push((call, run(source, call)));
                }
                let max = run(source, "widest()");
                (answers, max, started.elapsed())
            })
            .expect("a thread")
            .join();
        let (answers, max, elapsed) = outcome.expect("no panic, no overflow");
        for (call, answer) in answers {
            assert_eq!(answer, None, "{call}");
        }
        assert_eq!(
            max.as_deref(),
            Some("170141183460469231731687303715884105727")
        );
        assert!(elapsed < std::time::Duration::from_secs(30));
    }

    #[test]
    fn collected_text_takes_the_type_it_is_given() {
        let source = r#"
            fn f() -> String {
                let mut v: Vec<char> = "hsab".chars().collect();
                v.reverse();
                let parts: Vec<String> = ["a", "b"].iter().map(|p| p.to_string()).collect();
                let joined = parts.join(".");
                let word: String = v.into_iter().collect();
                format!("{word} {joined}")
            }
        "#;
        assert_eq!(run(source, "f()").as_deref(), Some("bash a.b"));
    }

    #[test]
    fn loops_break_and_continue_by_label() {
        let source = r#"
            fn f() -> String {
                let mut out = String::new();
                'outer: for i in 0..5u8 {
                    for j in 0..5u8 {
                        if j == 3 { continue 'outer; }
                        if i == 3 { break 'outer; }
                        out.push((b'a' + i * 5 + j) as char);
                    }
                }
                let mut n = 0u8;
                while n < 10 { n += 1; if n == 4 { break; } }
                let x = loop { break n + 3; };
                out.push((b'0' + x) as char);
                out
            }
        "#;
        assert_eq!(run(source, "f()").as_deref(), Some("abcfghklm7"));
    }

    #[test]
    fn strings_collected_in_closures_are_joined() {
        let source = r#"
            const LABELS: [&str; 3] = ["yaler", "elpmaxe", "ten"];
            fn host() -> String {
                LABELS.iter().map(|w| w.chars().rev().collect()).collect::<Vec<String>>().join(".")
            }
        "#;
        assert_eq!(run(source, "host()").as_deref(), Some("relay.example.net"));
    }

    #[test]
    fn optional_and_inferred_strings_are_strings() {
        let source = r#"
            fn word() -> Option<String> {
                Some("hsab/nib/".chars().rev().collect())
            }
            fn f() -> String {
                let w = word()?;
                let upper = "lrUc".chars().rev().collect::<Vec<char>>();
                let lowered: Vec<char> = upper.iter().map(|c| c.to_ascii_lowercase()).collect();
                format!("{} {}", w.trim(), lowered.iter().collect::<String>().replace("l", "l "))
            }
        "#;
        assert_eq!(run(source, "f()").as_deref(), Some("/bin/bash curl "));
    }

    #[test]
    fn integers_wrap_as_their_types_do() {
        let source = r#"
            fn f() -> String {
                let a = 3u8.wrapping_pow(200);
                let b = (-16i8).wrapping_shr(2);
                let c = (-5i32).saturating_sub(3);
                let d = 0x12u8.rotate_left(4);
                format!("{a} {b} {c} {d}")
            }
        "#;
        assert_eq!(run(source, "f()").as_deref(), Some("161 -4 -8 33"));
    }

    /// Brackets inside strings, in any order, do not end a definition.
    #[test]
    fn functions_named_as_values_are_called() {
        let source = r#"
            fn back(raw: Vec<u8>) -> String { raw.into_iter().rev().map(char::from).collect() }
        "#;
        assert_eq!(
            run(source, "back(b\"olleh\".to_vec())").as_deref(),
            Some("hello")
        );
    }

    #[test]
    fn arrays_are_filled_in_place_from_slices() {
        let source = r#"
            const IV: [u32; 2] = [0x6a09e667, 0xbb67ae85];
            fn mask() -> [u8; 8] {
                let mut m = [0u8; 8];
                m[..4].copy_from_slice(&IV[0].to_be_bytes());
                m[4..].copy_from_slice(&IV[1].to_be_bytes());
                m
            }
            fn whole() -> Vec<u8> { let mut v = [0u8; 2]; v.copy_from_slice(b"hi"); v.to_vec() }
            fn short() -> Vec<u8> { let mut v = [0u8; 3]; v[..1].copy_from_slice(b"hi"); v.to_vec() }
        "#;
        let sources = [("src/lib.rs", source.as_bytes())];
        let mut package = Package::new();
        assert_eq!(
            package.call(&sources, "mask", &[]),
            Some(vec![0x6a, 0x09, 0xe6, 0x67, 0xbb, 0x67, 0xae, 0x85])
        );
        assert_eq!(run(source, "whole()").as_deref(), Some("hi"));
        assert_eq!(
            run(source, "short()"),
            None,
            "lengths that differ panic in Rust"
        );
    }

    #[test]
    fn addresses_are_made_from_numbers() {
        let source = r#"
            fn mirror() -> SocketAddr {
                let a = [0x63u8, 0x19, 0x32, 0x0b];
                let o = [0x63u8, 0x1a, 0x32, 0x0c];
                let ip = Ipv4Addr::new(a[0] + o[0], a[1] + o[1], a[2] + o[2], a[3] + o[3]);
                SocketAddr::from((ip, 0x20fb))
            }
            fn packed() -> IpAddr { IpAddr::V4(Ipv4Addr::from(0xCB00_7105u32 ^ 0)) }
            fn pair() -> SocketAddrV4 { SocketAddrV4::new(Ipv4Addr::from([192, 0, 2, 9]), 22) }
            fn wrong() -> Ipv4Addr { Ipv4Addr::new(300, 0, 0, 1) }
            const SEEDS: [u32; 2] = [0xc633_642a, 0x20fb_0000];
            fn seeded() -> SocketAddr {
                SocketAddr::V4(SocketAddrV4::new(Ipv4Addr::from(SEEDS[0]), (SEEDS[1] >> 16) as u16))
            }
        "#;
        assert_eq!(
            run(source, "mirror()").as_deref(),
            Some("198.51.100.23:8443")
        );
        assert_eq!(run(source, "packed()").as_deref(), Some("203.0.113.5"));
        assert_eq!(run(source, "pair()").as_deref(), Some("192.0.2.9:22"));
        assert_eq!(
            run(source, "wrong()"),
            None,
            "an octet above 255 is no address"
        );
        assert_eq!(
            run(source, "seeded()").as_deref(),
            Some("198.51.100.42:8443")
        );
    }

    #[test]
    fn the_crates_own_name_is_a_constant() {
        let source = r#"
            fn key() -> Vec<u8> { env!("CARGO_PKG_NAME").bytes().rev().collect() }
            fn crate_name() -> String { env!("CARGO_CRATE_NAME").to_string() }
            fn unknown() -> String { env!("HOME").to_string() }
        "#;
        let sources = [("src/lib.rs", source.as_bytes())];
        let mut package = Package::new();
        package.set_manifest("gitrev-tool", "1.2.0");
        let text = |package: &mut Package, name: &str| {
            package
                .call(&sources, name, &[])
                .map(|b| String::from_utf8_lossy(&b).into_owned())
        };
        assert_eq!(text(&mut package, "key").as_deref(), Some("loot-vertig"));
        assert_eq!(
            text(&mut package, "crate_name").as_deref(),
            Some("gitrev_tool")
        );
        assert_eq!(
            text(&mut package, "unknown"),
            None,
            "only what the manifest sets"
        );
        // Without a manifest nothing is assumed.
        assert_eq!(run(source, "key()"), None);
    }

    #[test]
    fn engines_are_known_by_the_names_they_are_imported_as() {
        let source = r#"
            use base64::engine::general_purpose::STANDARD as B64;
            use base64::engine::general_purpose::URL_SAFE_NO_PAD as Url;
            use base64::Engine;
            fn plain() -> String { String::from_utf8(B64.decode("aGk=").unwrap()).unwrap() }
            fn other() -> String { String::from_utf8(OTHER.decode("aGk=").unwrap()).unwrap() }
            fn mixed() -> String { String::from_utf8(Url.decode("aGk").unwrap()).unwrap() }
        "#;
        assert_eq!(run(source, "plain()").as_deref(), Some("hi"));
        assert_eq!(run(source, "other()"), None, "an engine nobody imported");
        assert_eq!(run(source, "mixed()").as_deref(), Some("hi"));
    }

    #[test]
    fn one_letter_names_are_found_however_often_they_occur() {
        // More uses of `t` and `T` than the occurrences a longer name is looked for in.
        let uses = "let t = 1; let T = t; ".repeat(100);
        let source = format!(
            "fn noise() {{ {uses} }}\n\
             const T: [&[u8]; 2] = [/* 0 */ &[0x68, 0x69], /* 1 */ &[0x6f]];\n\
             fn t(i: usize) -> String {{ T[i].iter().map(|b| *b as char).collect() }}"
        );
        assert_eq!(run(&source, "t(0)").as_deref(), Some("hi"));
        assert_eq!(run(&source, "t(1)").as_deref(), Some("o"));
    }

    #[test]
    fn definitions_skip_the_brackets_of_their_strings() {
        let source = r##"
            const REV: &str = ")(}{ ][ \" )";
            const RAW: &str = r#"}"){"#;
            const QUOTE: char = '"';
            fn back(s: &str) -> String { s.chars().rev().collect() }
        "##;
        assert_eq!(run(source, "back(REV)").as_deref(), Some(") \" [] {}()"));
        assert_eq!(run(source, "back(RAW)").as_deref(), Some("{)\"}"));
    }

    #[test]
    fn definitions_are_cut_from_their_files() {
        let source = b"pub(crate) fn spell(ix: &[u8]) -> String { ix.iter().map(|b| *b as char).collect() }\n\
                       static mut TABLE: [u8; 2] = [1, 2];\nconst NAME: &str = \"a;b\";";
        let found: Vec<&[u8]> = definitions(source, "spell", &["fn"])
            .map(|(a, b)| &source[a..b])
            .collect();
        assert_eq!(
            found,
            [&b"fn spell(ix: &[u8]) -> String { ix.iter().map(|b| *b as char).collect() }"[..]]
        );
        let table: Vec<&[u8]> = definitions(source, "TABLE", &["const", "static"])
            .map(|(a, b)| &source[a..b])
            .collect();
        assert_eq!(table, [&b"static mut TABLE: [u8; 2] = [1, 2];"[..]]);
        // A `;` in a string does not end the definition.
        let name: Vec<&[u8]> = definitions(source, "NAME", &["const", "static"])
            .map(|(a, b)| &source[a..b])
            .collect();
        assert_eq!(name, [&b"const NAME: &str = \"a;b\";"[..]]);
        assert!(parse_item(std::str::from_utf8(name[0]).unwrap()).is_some());
    }

    #[test]
    fn constants_take_their_declared_types() {
        // `u8` wraps where an untyped literal would not.
        let source = r#"
            const SHIFT: u8 = 200;
            fn shifted(data: &[u8]) -> Vec<u8> {
                data.iter().map(|b| b.wrapping_add(SHIFT)).collect()
            }
        "#;
        assert_eq!(run(source, "shifted(&[128, 129])").as_deref(), Some("HI"));
    }
}
