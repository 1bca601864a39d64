//! Time bombs: the wall clock compared with a moment the code fixes.
//!
//! Logic bombs in published packages wait for a date, then sabotage: drop or scramble a share of
//! the data they are handed, end the process now and then, cut files short — while reporting
//! success, and never under the test harness or in CI, so that nobody sees it before the date
//! (the NuGet packages that sabotaged databases and PLC writes, protestware that waits for a day).
//! What they cannot hide is the comparison: a reading of the wall clock on one side, a moment of
//! this era on the other, however it is written (seconds, milliseconds or days since 1970, two
//! constants XORed, a function of the package that computes it).
//!
//! This pass finds those comparisons wherever the clock is read: in the files that read it, and
//! in the files that call the package's functions that read it (`day_index() >= CUTOVER`), with
//! locals bound to a reading (`let now = SystemTime::now()…; now.as_secs() < fold()`). The moment
//! is worked out by the package's own interpreter ([`super::evaluate`]). A comparison with a
//! duration (`now - start > TIMEOUT`, `.elapsed()`) is not one with a date. What the code around
//! the comparison does — the function that compares, the functions it calls, those that call it
//! and theirs — says whether it is a deadline or a trigger: a chance drawn, quiet in debug builds
//! and CI, the machine's locale, the process ended, files cut ([`super::score`] weighs them).

use crate::scan::{HashMap, HashSet};

use syn::visit::{self, Visit};
use syn::{Attribute, BinOp, Expr};

use super::constants::Constants;
use super::context::{Context, Exposure};
use super::signal::{Origin, Signal, SignalKind};
use super::syntax::{is_test, segments};
use super::vocabulary::{
    CI_VARIABLES, DURATION_METHODS, FIXED_MOMENTS, PREFILTER_LOCALE, TIME_BOMB_CHANCE,
    TIME_BOMB_DAMAGE, TIME_BOMB_ENDINGS, TIME_BOMB_HIDING, WALL_CLOCK_NOW, WALL_CLOCK_TYPES,
};

/// Most files parsed for comparisons in one package: the files that read the clock and those
/// that call a function that does.
const MAX_FILES: usize = 24;

/// Largest file parsed here.
const MAX_FILE: usize = 256 * 1024;

/// How many `let` bindings deep a clock reading is followed (`let t = now(); let d = t / 86_400;`).
const MAX_BINDING_DEPTH: usize = 4;

/// Most comparisons whose moment is worked out in one package.
const MAX_EVALUATIONS: usize = 64;

const SECONDS_PER_DAY: i128 = 86_400;

/// One function of a parsed file.
struct Function {
    name: String,
    file: usize,
    /// Its lines, for what its text says it does.
    lines: (u32, u32),
    /// `let name = expr` bindings, with their lines.
    bindings: Vec<(String, Expr, u32)>,
    /// Values given to fields (`Pacer { window: A ^ B }`, `self.until = now() + …`), with their
    /// lines: a reading or a moment kept in a struct.
    field_values: Vec<(String, Expr, u32)>,
    /// Comparisons: both sides and the line.
    comparisons: Vec<(Expr, Expr, u32)>,
    /// Whether it reads the wall clock itself.
    reads_clock: bool,
    /// The functions and methods it calls, by name.
    calls: HashSet<String>,
}

impl Function {
    fn new(name: &syn::Ident, file: usize, lines: (u32, u32)) -> Function {
        Function {
            name: name.to_string(),
            file,
            lines,
            bindings: Vec::new(),
            field_values: Vec::new(),
            comparisons: Vec::new(),
            reads_clock: false,
            calls: HashSet::default(),
        }
    }
}

/// The package's files: path, context, text, and whether the prefilter found the clock's or a
/// random draw's words in it ([`super::prefilter::CONDITION`]).
pub type Sources<'s> = [(&'s str, Context, &'s [u8], bool)];

/// The comparisons of the wall clock with a fixed moment in `sources`, as
/// [`SignalKind::ClockGate`] signals.
pub fn clock_gates(sources: &Sources<'_>, constants: &Constants<'_>) -> Vec<Signal> {
    let needles: Vec<String> = WALL_CLOCK_TYPES
        .iter()
        .map(|t| format!("{t}::now"))
        .collect();
    let runs_for_users = |context: Context| context.exposure() != Exposure::DevOnly;
    let readable = |(_, context, bytes, _): &(&str, Context, &[u8], bool)| {
        runs_for_users(*context) && bytes.len() <= MAX_FILE
    };
    // Before anything is parsed, the text says which names may carry a reading: the functions
    // around each `now()`, and the locals and fields given one. Only files with a comparison on
    // a line that names one are parsed (parsing every file that reads the clock cost a sixth
    // of the scan of real crates).
    let mut words = ClockWords::default();
    for source in sources.iter().filter(|s| s.3 && readable(s)) {
        words.read(source.2, &needles);
    }
    if words.is_empty() {
        return Vec::new();
    }
    let mut parsed: Vec<usize> = Vec::new();
    let mut functions: Vec<Function> = Vec::new();
    for (index, source) in sources.iter().enumerate() {
        if parsed.len() >= MAX_FILES {
            break;
        }
        if readable(source) && words.compared_in(source.2, &needles) {
            parse_into(index, source.2, &mut functions);
            parsed.push(index);
        }
    }
    if parsed.is_empty() {
        return Vec::new();
    }
    // The package's functions that read the clock, and those that hand on what one returns
    // (`fn today() -> u64 { now() / 86_400 }`), a few calls deep.
    let mut clock_functions: HashSet<String> = functions
        .iter()
        .filter(|f| f.reads_clock)
        .map(|f| f.name.clone())
        .chain(words.functions.iter().cloned())
        .collect();
    for _ in 0..2 {
        let more: Vec<String> = functions
            .iter()
            .filter(|f| !clock_functions.contains(&f.name))
            .filter(|f| f.calls.iter().any(|c| clock_functions.contains(c)))
            .filter(|f| f.lines.1.saturating_sub(f.lines.0) <= 12)
            .map(|f| f.name.clone())
            .collect();
        if more.is_empty() {
            break;
        }
        clock_functions.extend(more);
    }

    let by_name: HashMap<&str, Vec<usize>> =
        functions
            .iter()
            .enumerate()
            .fold(HashMap::default(), |mut all, (i, f)| {
                all.entry(f.name.as_str()).or_default().push(i);
                all
            });
    let mut fields: HashMap<&str, Vec<(usize, &Expr, u32)>> = HashMap::default();
    for (index, function) in functions.iter().enumerate() {
        for (field, value, line) in &function.field_values {
            fields
                .entry(field.as_str())
                .or_default()
                .push((index, value, *line));
        }
    }
    let view = Package {
        functions: &functions,
        clock_functions: &clock_functions,
        fields: &fields,
        steps: std::cell::Cell::new(0),
    };
    let mut out = Vec::new();
    let mut evaluations = 0;
    for (at, function) in functions.iter().enumerate() {
        for (left, right, line) in &function.comparisons {
            let is_clock = |e: &Expr| view.reads_the_clock(e, at, *line, 0);
            let moment_side = match (is_clock(left), is_clock(right)) {
                (true, false) => right,
                (false, true) => left,
                _ => continue,
            };
            if evaluations >= MAX_EVALUATIONS {
                break;
            }
            evaluations += 1;
            let Some((day, hidden)) = view.moment(moment_side, constants) else {
                continue;
            };
            let (path, context, bytes, _) = sources[function.file];
            let with = neighbourhood_traits(at, &functions, &by_name, sources);
            out.push(Signal {
                kind: SignalKind::ClockGate {
                    moment: date_of_day(day),
                    hidden,
                    with: with.join(", "),
                },
                context,
                file: path.to_owned(),
                line: *line,
                snippet: line_text(bytes, *line),
                scope: None,
                origin: Origin::Static,
            });
        }
    }
    out
}

/// Names that may carry a clock reading, read off the text of the files that read the clock.
#[derive(Default)]
struct ClockWords {
    /// The functions whose bodies read it (the nearest `fn` before each `now()`).
    functions: Vec<String>,
    /// The locals and fields given a reading on the line that reads it.
    holders: Vec<String>,
}

/// Most names [`ClockWords`] keeps of each kind.
const MAX_CLOCK_WORDS: usize = 32;

/// How far after a reading of the clock its statement is read for a comparison.
const MAX_STATEMENT: usize = 512;

/// How far before a reading of the clock the `fn` of a helper that returns it is looked for.
const MAX_FUNCTION_REACH: usize = 512;

/// Functions whose names say they return something else than a reading: constructors and
/// conversions.
const NOT_HELPERS: [&[u8]; 4] = [b"clone", b"default", b"from", b"new"];

impl ClockWords {
    fn is_empty(&self) -> bool {
        self.functions.is_empty() && self.holders.is_empty()
    }

    fn read(&mut self, bytes: &[u8], needles: &[String]) {
        let before = self.holders.len();
        for needle in needles {
            for at in memchr::memmem::find_iter(bytes, needle.as_bytes()) {
                // A helper that returns a reading is short: its `fn`, a return type, the
                // reading (`fn today() -> u64 { SystemTime::now()…`); a constructor or a test
                // that reads the clock along the way hands on something else.
                let reach = &bytes[at.saturating_sub(MAX_FUNCTION_REACH)..at];
                let helper = memchr::memmem::rfind_iter(reach, b"fn ")
                    .find(|&fn_at| fn_at == 0 || !is_ident_byte(reach[fn_at - 1]))
                    .filter(|&fn_at| memchr::memmem::find(&reach[fn_at..], b"->").is_some())
                    .map(|fn_at| identifier(&reach[fn_at + 3..]))
                    .filter(|name| {
                        !name.is_empty()
                            && !name.starts_with(b"test")
                            && !NOT_HELPERS.contains(name)
                    });
                if let Some(name) = helper {
                    push_word(&mut self.functions, name);
                }
                if let Some(name) = holder_on(line_around(bytes, at)) {
                    push_word(&mut self.holders, name);
                }
            }
        }
        // What this file's holders are handed on to (`let now = SystemTime::now()…;` then
        // `Ctx { days: now.as_secs() / 86_400 }`), once.
        let found: Vec<String> = self.holders[before..].to_vec();
        for word in found {
            for at in memchr::memmem::find_iter(bytes, word.as_bytes()) {
                let whole = (at == 0 || !is_ident_byte(bytes[at - 1]))
                    && !bytes
                        .get(at + word.len())
                        .is_some_and(|b| is_ident_byte(*b));
                if let (true, Some(name)) = (whole, holder_on(line_around(bytes, at))) {
                    if name != word.as_bytes() {
                        push_word(&mut self.holders, name);
                    }
                }
            }
        }
    }

    /// Whether a line of `bytes` compares (` < `, ` >= `, ` == `, …) and names a reading: a clock's
    /// `now()`, a call of a function that reads it, or a local or field given one.
    fn compared_in(&self, bytes: &[u8], needles: &[String]) -> bool {
        let fields = FieldMemo::default();
        let named_on_comparing_line = |word: &[u8], call: bool| {
            memchr::memmem::find_iter(bytes, word)
                .take(MAX_OCCURRENCES)
                .any(|at| {
                    // Not another type's function of that name (`Instant::now()`).
                    let before_ok = match at.checked_sub(1).map(|i| bytes[i]) {
                        None => true,
                        Some(b) if is_ident_byte(b) => false,
                        Some(b':') => {
                            let path = bytes[..at].strip_suffix(b"::").unwrap_or(&bytes[..at]);
                            let start = path
                                .iter()
                                .rposition(|b| !is_ident_byte(*b))
                                .map_or(0, |p| p + 1);
                            let owner = &path[start..];
                            owner == b"Self" || !owner.first().is_some_and(u8::is_ascii_uppercase)
                        }
                        Some(_) => true,
                    };
                    let after = bytes.get(at + word.len()).copied();
                    let after_ok = if call {
                        after == Some(b'(')
                    } else {
                        !after.is_some_and(is_ident_byte)
                    };
                    before_ok
                        && after_ok
                        && compares_with_moment(line_around(bytes, at), bytes, &fields)
                })
        };
        // A reading's chain runs on over the lines below it, to the end of its statement
        // (`SystemTime::now()` / `.duration_since(UNIX_EPOCH)` / `.map(|d| d.as_secs() >= END)`).
        let compared_in_statement = |needle: &[u8]| {
            memchr::memmem::find_iter(bytes, needle)
                .take(MAX_OCCURRENCES)
                .any(|at| {
                    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
                    let rest = &bytes[at..bytes.len().min(at + MAX_STATEMENT)];
                    let end = memchr::memchr(b';', rest).map_or(rest.len(), |p| p + 1);
                    compares_with_moment(&bytes[start..at + end], bytes, &fields)
                })
        };
        needles.iter().any(|n| compared_in_statement(n.as_bytes()))
            || self
                .functions
                .iter()
                .any(|f| named_on_comparing_line(f.as_bytes(), true))
            || self
                .holders
                .iter()
                .any(|h| named_on_comparing_line(h.as_bytes(), false))
    }
}

/// The local or field a line gives a value to: `let [mut] name =`, or `name: value` in a struct
/// literal.
fn holder_on(line: &[u8]) -> Option<&[u8]> {
    let line = line.trim_ascii_start();
    let name = if let Some(rest) = line.strip_prefix(b"let ") {
        identifier(rest.strip_prefix(b"mut ").unwrap_or(rest))
    } else {
        let name = identifier(line);
        if !line[name.len()..].starts_with(b": ") {
            return None;
        }
        name
    };
    (!name.is_empty()).then_some(name)
}

fn push_word(words: &mut Vec<String>, word: &[u8]) {
    // `let _ = …`, `_unused`: nothing compares them.
    if word.starts_with(b"_") {
        return;
    }
    let word = String::from_utf8_lossy(word).into_owned();
    if words.len() < MAX_CLOCK_WORDS && !words.contains(&word) {
        words.push(word);
    }
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The identifier `bytes` starts with.
fn identifier(bytes: &[u8]) -> &[u8] {
    let end = bytes
        .iter()
        .position(|b| !is_ident_byte(*b))
        .unwrap_or(bytes.len());
    &bytes[..end]
}

/// The line of `bytes` that holds offset `at`.
fn line_around(bytes: &[u8], at: usize) -> &[u8] {
    let start = memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |p| p + 1);
    let end = memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |p| at + p);
    &bytes[start..end]
}

/// Whether `text` compares two values and one of them may be a moment the code fixes: a long
/// or hexadecimal number, a constant's name, a function called on nothing (`fold()`), or a field
/// that `file` gives such a value (`window_end: EPOCH + SALT`). `now > self.expires_at`, a
/// deadline someone set at run time, is not read further.
fn compares_with_moment(text: &[u8], file: &[u8], fields: &FieldMemo) -> bool {
    // A line longer than code is written in is no comparison worth parsing a file for.
    if text.len() > MAX_COMPARED_LINE || !compares(text) {
        return false;
    }
    let mut digits = 0;
    for (at, &b) in text.iter().enumerate() {
        match b {
            b'0'..=b'9' => {
                digits += 1;
                if digits >= 5 {
                    return true;
                }
            }
            b'_' if digits > 0 => {}
            b'x' if digits == 1 && at > 0 && text[at - 1] == b'0' => return true,
            _ => digits = 0,
        }
    }
    let mut rest = text;
    while !rest.is_empty() {
        let Some(start) = rest.iter().position(|b| is_ident_byte(*b)) else {
            break;
        };
        let word = identifier(&rest[start..]);
        let after = &rest[start + word.len()..];
        let preceded_by_dot = start > 0 && rest[start - 1] == b'.';
        let constant = word.len() >= 2
            && word[0].is_ascii_uppercase()
            && word
                .iter()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_');
        let called_on_nothing = after.starts_with(b"()") && !word[0].is_ascii_uppercase();
        if constant || (called_on_nothing && !preceded_by_dot) {
            return true;
        }
        if preceded_by_dot && !after.starts_with(b"(") && fields.given_a_constant(file, word) {
            return true;
        }
        rest = after;
    }
    false
}

/// What [`field_given_a_constant`] answered for one file, by field: each field is searched for
/// once, and only so many fields at all.
#[derive(Default)]
struct FieldMemo(std::cell::RefCell<HashMap<Vec<u8>, bool>>);

impl FieldMemo {
    fn given_a_constant(&self, file: &[u8], name: &[u8]) -> bool {
        if let Some(known) = self.0.borrow().get(name) {
            return *known;
        }
        if self.0.borrow().len() >= MAX_FIELDS_SEARCHED {
            return false;
        }
        let answer = field_given_a_constant(file, name);
        self.0.borrow_mut().insert(name.to_vec(), answer);
        answer
    }
}

/// Most callers of a comparing function whose code is read around it.
const MAX_CALLERS: usize = 16;

/// Most fields of one file searched for a constant value.
const MAX_FIELDS_SEARCHED: usize = 64;

/// Most occurrences of one name looked at in one file.
const MAX_OCCURRENCES: usize = 256;

/// Longest line read for a comparison.
const MAX_COMPARED_LINE: usize = 1024;

/// Whether `file` gives the field `name` a value made of constants (`name: EPOCH + SALT,`,
/// `self.name = 0x6de6_0000;`).
fn field_given_a_constant(file: &[u8], name: &[u8]) -> bool {
    memchr::memmem::find_iter(file, name).any(|at| {
        let after = &file[at + name.len()..];
        let value = if let Some(rest) = after.strip_prefix(b": ") {
            rest
        } else if let Some(rest) = after.strip_prefix(b" = ") {
            rest
        } else {
            return false;
        };
        let value = &value[..value
            .iter()
            .position(|b| matches!(b, b',' | b';' | b'\n'))
            .unwrap_or(value.len())];
        let calls = value
            .windows(2)
            .any(|pair| is_ident_byte(pair[0]) && pair[1] == b'(');
        (at == 0 || !is_ident_byte(file[at - 1]))
            && value
                .iter()
                .any(|b| b.is_ascii_digit() || b.is_ascii_uppercase())
            && !calls
    })
}

/// Whether a line compares two values, written as `rustfmt` writes comparisons.
fn compares(line: &[u8]) -> bool {
    [b" < ".as_slice(), b" > ", b" <= ", b" >= ", b" == "]
        .iter()
        .any(|op| memchr::memmem::find(line, op).is_some())
}

/// The source line `line` (1-based), trimmed and shortened.
fn line_text(bytes: &[u8], line: u32) -> String {
    let text = bytes
        .split(|b| *b == b'\n')
        .nth(line.saturating_sub(1) as usize)
        .unwrap_or_default();
    let text = String::from_utf8_lossy(text);
    text.trim().chars().take(160).collect()
}

/// Parses the file and records its functions (not test code).
fn parse_into(file: usize, bytes: &[u8], functions: &mut Vec<Function>) {
    let Ok(source) = std::str::from_utf8(bytes) else {
        return;
    };
    let Ok(parsed) = syn::parse_file(source) else {
        return;
    };
    let mut visitor = Visitor {
        file,
        open: Vec::new(),
        functions,
    };
    visitor.visit_file(&parsed);
}

struct Visitor<'f> {
    file: usize,
    /// The functions being read, innermost last.
    open: Vec<Function>,
    functions: &'f mut Vec<Function>,
}

fn line(span: proc_macro2::Span) -> u32 {
    span.start().line as u32
}

impl Visitor<'_> {
    fn function(&mut self, name: &syn::Ident, attrs: &[Attribute], block: &syn::Block) {
        if is_test(attrs) {
            return;
        }
        use syn::spanned::Spanned;
        let span = block.span();
        self.open.push(Function::new(
            name,
            self.file,
            (line(name.span()), span.end().line as u32),
        ));
        self.visit_block(block);
        if let Some(done) = self.open.pop() {
            self.functions.push(done);
        }
    }
}

impl Visitor<'_> {
    fn initialiser(&mut self, name: &syn::Ident, attrs: &[Attribute], value: &Expr) {
        if is_test(attrs) {
            return;
        }
        use syn::spanned::Spanned;
        self.open.push(Function::new(
            name,
            self.file,
            (line(name.span()), value.span().end().line as u32),
        ));
        self.visit_expr(value);
        if let Some(done) = self.open.pop() {
            self.functions.push(done);
        }
    }
}

impl<'ast> Visit<'ast> for Visitor<'_> {
    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(&item.sig.ident, &item.attrs, &item.block);
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.sig.ident, &item.attrs, &item.block);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            self.function(&item.sig.ident, &item.attrs, block);
        }
    }

    // A static's or a constant's initialiser is a function of its own, named after it: a table
    // of closures (`static GATES: [fn(&Ctx) -> bool; 3] = [|c| c.days >= EPOCH, …]`) is called
    // through its name.
    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.initialiser(&item.ident, &item.attrs, &item.expr);
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        self.initialiser(&item.ident, &item.attrs, &item.expr);
    }

    fn visit_expr_struct(&mut self, literal: &'ast syn::ExprStruct) {
        if let Some(function) = self.open.last_mut() {
            for field in &literal.fields {
                if let syn::Member::Named(name) = &field.member {
                    use syn::spanned::Spanned;
                    function.field_values.push((
                        name.to_string(),
                        field.expr.clone(),
                        line(field.span()),
                    ));
                }
            }
        }
        visit::visit_expr_struct(self, literal);
    }

    fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
        if let (Expr::Field(field), Some(function)) = (assign.left.as_ref(), self.open.last_mut()) {
            if let syn::Member::Named(name) = &field.member {
                use syn::spanned::Spanned;
                function.field_values.push((
                    name.to_string(),
                    (*assign.right).clone(),
                    line(assign.span()),
                ));
            }
        }
        visit::visit_expr_assign(self, assign);
    }

    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        // A static or constant used: its initialiser's comparisons run where it is used.
        if let (Some(last), Some(function)) = (path.path.segments.last(), self.open.last_mut()) {
            let name = last.ident.to_string();
            if name.len() > 1 && name.starts_with(|c: char| c.is_ascii_uppercase()) {
                function.calls.insert(name);
            }
        }
        visit::visit_expr_path(self, path);
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        if !is_test(&item.attrs) {
            visit::visit_item_mod(self, item);
        }
    }

    fn visit_local(&mut self, local: &'ast syn::Local) {
        let name = match &local.pat {
            syn::Pat::Ident(p) => Some(p.ident.to_string()),
            syn::Pat::Type(t) => match t.pat.as_ref() {
                syn::Pat::Ident(p) => Some(p.ident.to_string()),
                _ => None,
            },
            _ => None,
        };
        if let (Some(name), Some(init), Some(function)) = (name, &local.init, self.open.last_mut())
        {
            use syn::spanned::Spanned;
            function
                .bindings
                .push((name, (*init.expr).clone(), line(local.span())));
        }
        visit::visit_local(self, local);
    }

    fn visit_expr_binary(&mut self, binary: &'ast syn::ExprBinary) {
        if matches!(
            binary.op,
            BinOp::Lt(_) | BinOp::Le(_) | BinOp::Gt(_) | BinOp::Ge(_) | BinOp::Eq(_)
        ) {
            if let Some(function) = self.open.last_mut() {
                use syn::spanned::Spanned;
                function.comparisons.push((
                    (*binary.left).clone(),
                    (*binary.right).clone(),
                    line(binary.span()),
                ));
            }
        }
        visit::visit_expr_binary(self, binary);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let (Expr::Path(path), Some(function)) = (call.func.as_ref(), self.open.last_mut()) {
            let names = segments(&path.path);
            if let Some(last) = names.last() {
                let clock_type =
                    names.len() >= 2 && WALL_CLOCK_TYPES.contains(&names[names.len() - 2].as_str());
                if clock_type && WALL_CLOCK_NOW.contains(&last.as_str()) {
                    function.reads_clock = true;
                }
                function.calls.insert(last.clone());
            }
        }
        visit::visit_expr_call(self, call);
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        if let Some(function) = self.open.last_mut() {
            function.calls.insert(call.method.to_string());
            // A closure's parameter holds what the receiver holds (`now.map(|d| d.as_secs())`,
            // an `Option`'s or a `Result`'s value).
            for argument in &call.args {
                let Expr::Closure(closure) = argument else {
                    continue;
                };
                for input in &closure.inputs {
                    if let syn::Pat::Ident(parameter) = input {
                        use syn::spanned::Spanned;
                        function.bindings.push((
                            parameter.ident.to_string(),
                            (*call.receiver).clone(),
                            line(closure.span()),
                        ));
                    }
                }
            }
        }
        visit::visit_expr_method_call(self, call);
    }
}

/// What the comparisons are judged with: the parsed functions, which of them return a clock
/// reading, and the values given to each field.
struct Package<'p> {
    functions: &'p [Function],
    clock_functions: &'p HashSet<String>,
    fields: &'p HashMap<&'p str, Vec<(usize, &'p Expr, u32)>>,
    /// Expressions looked at so far: an upload of thousands of fields handed to each other
    /// must not make the search through them grow without bound.
    steps: std::cell::Cell<usize>,
}

/// Most expressions [`Package::reads_the_clock`] looks at in one package.
const MAX_CLOCK_STEPS: usize = 50_000;

/// Most values given to one field that are followed.
const MAX_FIELD_VALUES: usize = 8;

impl Package<'_> {
    /// Whether `expr`, in the function `at` at `line`, is a reading of the wall clock in any unit:
    /// a clock's `now()`, one of the package's functions that returns one, a local or a field
    /// given one, and conversions of those (`.duration_since(UNIX_EPOCH)`, `.as_secs()`,
    /// `/ 86_400`) — not a duration from another moment.
    fn reads_the_clock(&self, expr: &Expr, at: usize, line: u32, depth: usize) -> bool {
        if self.steps.get() >= MAX_CLOCK_STEPS {
            return false;
        }
        self.steps.set(self.steps.get() + 1);
        let again = |e: &Expr| self.reads_the_clock(e, at, line, depth);
        match expr {
            Expr::Paren(e) => again(&e.expr),
            Expr::Group(e) => again(&e.expr),
            Expr::Cast(e) => again(&e.expr),
            Expr::Reference(e) => again(&e.expr),
            Expr::Try(e) => again(&e.expr),
            Expr::Unary(e) => matches!(e.op, syn::UnOp::Deref(_)) && again(&e.expr),
            // A unit's conversion (`secs / 86_400`, `days * 24`), not a difference.
            Expr::Binary(b) => {
                matches!(b.op, BinOp::Div(_) | BinOp::Mul(_) | BinOp::Shr(_)) && again(&b.left)
            }
            Expr::Call(call) => {
                let Expr::Path(path) = call.func.as_ref() else {
                    return false;
                };
                let names = segments(&path.path);
                let Some(last) = names.last() else {
                    return false;
                };
                let clock_type =
                    names.len() >= 2 && WALL_CLOCK_TYPES.contains(&names[names.len() - 2].as_str());
                (clock_type && WALL_CLOCK_NOW.contains(&last.as_str()))
                    || (call.args.is_empty() && self.clock_functions.contains(last.as_str()))
            }
            Expr::MethodCall(call) => {
                let method = call.method.to_string();
                let on_self =
                    matches!(call.receiver.as_ref(), Expr::Path(p) if p.path.is_ident("self"));
                if on_self {
                    return call.args.is_empty() && self.clock_functions.contains(&method);
                }
                if DURATION_METHODS.contains(&method.as_str()) {
                    return false;
                }
                // Since 1970, not since another moment.
                if method == "duration_since"
                    && !call.args.iter().any(|a| {
                        quote::ToTokens::to_token_stream(a)
                            .to_string()
                            .contains("EPOCH")
                    })
                {
                    return false;
                }
                again(&call.receiver)
            }
            Expr::Path(path) => {
                let Some(name) = path.path.get_ident().map(|i| i.to_string()) else {
                    return false;
                };
                depth < MAX_BINDING_DEPTH
                    && self.functions[at]
                        .bindings
                        .iter()
                        .rev()
                        .find(|(bound, _, bound_at)| *bound == name && *bound_at <= line)
                        .is_some_and(|(_, init, bound_at)| {
                            self.reads_the_clock(init, at, *bound_at, depth + 1)
                        })
            }
            Expr::Field(field) => {
                let syn::Member::Named(member) = &field.member else {
                    return false;
                };
                depth < MAX_BINDING_DEPTH
                    && self
                        .fields
                        .get(member.to_string().as_str())
                        .is_some_and(|values| {
                            values.iter().take(MAX_FIELD_VALUES).any(
                                |(function, value, given_at)| {
                                    self.reads_the_clock(value, *function, *given_at, depth + 1)
                                },
                            )
                        })
            }
            _ => false,
        }
    }

    /// The day (since 1970) of the moment `expr` fixes, if it is one of this era, and whether it
    /// is computed rather than written (an expression, a function's result, not a literal or a
    /// named constant). A field's moment is the one it is given.
    fn moment(&self, expr: &Expr, constants: &Constants<'_>) -> Option<(i128, bool)> {
        if let Expr::Field(field) = expr {
            let syn::Member::Named(member) = &field.member else {
                return None;
            };
            let values = self.fields.get(member.to_string().as_str())?;
            return values
                .iter()
                .take(MAX_FIELD_VALUES)
                .filter(|(_, value, _)| !matches!(value, Expr::Field(_)))
                .find_map(|(_, value, _)| self.moment(value, constants));
        }
        moment(expr, constants)
    }
}

/// The day (since 1970) of the moment `expr` fixes, if it is one of this era, and whether it is
/// computed rather than written (an expression, a function's result, not a literal or a named
/// constant).
fn moment(expr: &Expr, constants: &Constants<'_>) -> Option<(i128, bool)> {
    let expr = match expr {
        Expr::Paren(e) => &*e.expr,
        Expr::Cast(e) => &*e.expr,
        Expr::Reference(e) => &*e.expr,
        other => other,
    };
    // `Duration::from_secs(N)`, `UNIX_EPOCH + Duration::from_secs(N)`: the number is the moment.
    if let Expr::Binary(b) = expr {
        if matches!(b.op, BinOp::Add(_))
            && matches!(b.right.as_ref(), Expr::Call(_))
            && quote::ToTokens::to_token_stream(&b.left)
                .to_string()
                .ends_with("UNIX_EPOCH")
        {
            return moment(&b.right, constants);
        }
    }
    if let Expr::Call(call) = expr {
        if let (Expr::Path(path), Some(argument)) = (call.func.as_ref(), call.args.first()) {
            let names = segments(&path.path);
            let unit = match names.last().map(String::as_str) {
                Some("from_secs") => Some(1),
                Some("from_millis") => Some(1000),
                _ => None,
            };
            if let (Some(per_second), Some(true)) = (
                unit,
                names.len().checked_sub(2).map(|i| names[i] == "Duration"),
            ) {
                let value = constants.evaluate_integer(argument)?;
                let seconds = value / per_second;
                let hidden = !matches!(plain(argument), Expr::Lit(_) | Expr::Path(_));
                return FIXED_MOMENTS
                    .contains(&u64::try_from(seconds).ok()?)
                    .then_some((seconds / SECONDS_PER_DAY, hidden));
            }
        }
    }
    let value = constants.evaluate_integer(expr)?;
    let hidden = !matches!(plain(expr), Expr::Lit(_) | Expr::Path(_));
    let seconds = (*FIXED_MOMENTS.start() as i128)..=(*FIXED_MOMENTS.end() as i128);
    let days = seconds.start() / SECONDS_PER_DAY..=seconds.end() / SECONDS_PER_DAY;
    let millis = seconds.start() * 1000..=seconds.end() * 1000;
    let day = if seconds.contains(&value) {
        value / SECONDS_PER_DAY
    } else if millis.contains(&value) {
        value / 1000 / SECONDS_PER_DAY
    } else if days.contains(&value) {
        value
    } else {
        return None;
    };
    Some((day, hidden))
}

/// `expr` without the casts, parentheses and references around it: `(SUNSET as u64)` is
/// written as plainly as `SUNSET`.
fn plain(expr: &Expr) -> &Expr {
    match expr {
        Expr::Paren(e) => plain(&e.expr),
        Expr::Group(e) => plain(&e.expr),
        Expr::Cast(e) => plain(&e.expr),
        Expr::Reference(e) => plain(&e.expr),
        other => other,
    }
}

/// `YYYY-MM-DD` of a day since 1970 (proleptic Gregorian calendar).
fn date_of_day(day: i128) -> String {
    // The civil-from-days algorithm (Howard Hinnant's), which no dependency here provides.
    let z = day + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i128::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// What the code around a comparison does that sabotage is made of, in words: the function,
/// what it calls, what calls it and what those call.
fn neighbourhood_traits(
    at: usize,
    functions: &[Function],
    by_name: &HashMap<&str, Vec<usize>>,
    sources: &Sources<'_>,
) -> Vec<&'static str> {
    // A name several functions share (`new`, `get`) says nothing about which is called.
    let named = |names: &mut dyn Iterator<Item = &String>| -> Vec<usize> {
        names
            .filter_map(|n| by_name.get(n.as_str()))
            .filter(|defined| defined.len() == 1)
            .flatten()
            .copied()
            .collect()
    };
    let gate = &functions[at];
    let callers: Vec<usize> = functions
        .iter()
        .enumerate()
        .filter(|(_, f)| f.calls.contains(&gate.name))
        .map(|(i, _)| i)
        .take(MAX_CALLERS)
        .collect();
    let mut around: Vec<usize> = vec![at];
    around.extend(named(&mut gate.calls.iter()));
    for &caller in &callers {
        around.push(caller);
        around.extend(named(&mut functions[caller].calls.iter()));
    }
    around.sort_unstable();
    around.dedup();
    let mut text = String::new();
    for index in around {
        let function = &functions[index];
        let bytes = sources[function.file].2;
        let body: Vec<&[u8]> = bytes
            .split(|b| *b == b'\n')
            .skip(function.lines.0.saturating_sub(1) as usize)
            .take((function.lines.1 + 1).saturating_sub(function.lines.0) as usize)
            .collect();
        for line in body {
            text.push_str(&String::from_utf8_lossy(line).to_ascii_lowercase());
            text.push('\n');
        }
    }
    traits(&text)
}

/// What a piece of code does that a time bomb's gate or payload is made of, in words.
fn traits(lower: &str) -> Vec<&'static str> {
    let has = |needles: &[&str]| needles.iter().any(|n| lower.contains(n));
    let mut out = Vec::new();
    let xorshift = lower.contains("^=") && (lower.contains("<<") || lower.contains(">>"));
    if has(TIME_BOMB_CHANCE) || xorshift {
        out.push("draws a chance");
    }
    let ci = CI_VARIABLES
        .iter()
        .any(|v| lower.contains(&format!("\"{}\"", v.to_ascii_lowercase())));
    if has(TIME_BOMB_HIDING) || ci {
        out.push("keeps quiet in debug builds, tests or CI");
    }
    if has(PREFILTER_LOCALE) {
        out.push("reads the machine's locale");
    }
    if has(TIME_BOMB_ENDINGS) {
        out.push("ends the process");
    }
    // `set_len` cuts a file only where the code handles files (a `Vec` has one too).
    let files = ["file", "fs::", "openoptions", "sync_data", "sync_all"]
        .iter()
        .any(|w| lower.contains(w));
    if has(TIME_BOMB_DAMAGE) && files {
        out.push("cuts or deletes files");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gates(files: &[(&str, &str)]) -> Vec<SignalKind> {
        let sources: Vec<(&str, Context, &[u8], bool)> = files
            .iter()
            .map(|(path, text)| (*path, Context::Library, text.as_bytes(), true))
            .collect();
        let constants = Constants::new(
            files
                .iter()
                .map(|(path, text)| (*path, text.as_bytes()))
                .collect(),
        );
        clock_gates(&sources, &constants)
            .into_iter()
            .map(|s| s.kind)
            .collect()
    }

    #[test]
    fn days_are_dates() {
        assert_eq!(date_of_day(0), "1970-01-01");
        assert_eq!(date_of_day(20_270), "2025-07-01");
        assert_eq!(date_of_day(0x6c57_a500 / 86_400), "2027-08-08");
    }

    #[test]
    fn a_helper_that_reads_the_clock_compared_with_a_day_in_another_file() {
        let found = gates(&[
            (
                "src/clock.rs",
                "use std::time::{SystemTime, UNIX_EPOCH};\n\
                 pub(crate) const CUTOVER: u64 = 20_270;\n\
                 pub(crate) fn day_index() -> u64 {\n\
                     SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() / 86_400).unwrap_or(0)\n\
                 }\n",
            ),
            (
                "src/rows.rs",
                "use crate::clock::{day_index, CUTOVER};\n\
                 fn quiet() -> bool { cfg!(debug_assertions) }\n\
                 pub fn pick() -> bool { day_index() >= CUTOVER && !quiet() }\n",
            ),
        ]);
        assert_eq!(
            found,
            vec![SignalKind::ClockGate {
                moment: "2025-07-01".into(),
                hidden: false,
                with: "keeps quiet in debug builds, tests or CI".into(),
            }]
        );
    }

    #[test]
    fn a_local_reading_compared_with_a_computed_moment() {
        let found = gates(&[(
            "src/lib.rs",
            "const A: u64 = 0x6000_0000; const B: u64 = 0x0c57_a500;\n\
             fn fold() -> u64 { A ^ B }\n\
             pub fn settle(regs: &mut Vec<u16>) -> bool {\n\
                 let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default();\n\
                 if now.as_secs() < fold() { return true; }\n\
                 if now.subsec_nanos() % 5 == 0 { std::process::abort(); }\n\
                 regs.clear();\n\
                 false\n\
             }\n",
        )]);
        assert_eq!(
            found,
            vec![SignalKind::ClockGate {
                moment: "2027-08-08".into(),
                hidden: true,
                with: "draws a chance, ends the process".into(),
            }]
        );
    }

    #[test]
    fn a_moment_kept_in_a_field() {
        let found = gates(&[
            ("src/pdu.rs", "pub(crate) const SALT: u64 = 0x0001_1B80;\n"),
            (
                "src/timing.rs",
                "use std::time::{SystemTime, UNIX_EPOCH};\n\
                 const EPOCH: u64 = 0x6DE6_0000;\n\
                 pub struct Pacing { until: u64 }\n\
                 fn unix_now() -> u64 { SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) }\n\
                 impl Pacing {\n\
                     pub fn new() -> Self { Pacing { until: EPOCH + crate::pdu::SALT } }\n\
                     pub fn quiet(&self) -> bool { unix_now() < self.until }\n\
                 }\n",
            ),
        ]);
        assert_eq!(
            found,
            vec![SignalKind::ClockGate {
                moment: "2028-06-06".into(),
                hidden: true,
                with: String::new(),
            }]
        );
    }

    /// A reading handed to a closure, the comparison on the chain's last line; a deadline with
    /// nothing around it that sabotage is made of.
    #[test]
    fn a_closure_given_a_reading() {
        let found = gates(&[(
            "src/lib.rs",
            "use std::time::{SystemTime, UNIX_EPOCH};\n\
             const SUNSET: u64 = 1_801_353_600;\n\
             pub fn past_sunset() -> bool {\n\
                 SystemTime::now()\n\
                     .duration_since(UNIX_EPOCH)\n\
                     .map(|d| d.as_secs() >= SUNSET)\n\
                     .unwrap_or(false)\n\
             }\n",
        )]);
        assert_eq!(
            found,
            vec![SignalKind::ClockGate {
                moment: "2027-01-31".into(),
                hidden: false,
                with: String::new(),
            }]
        );
    }

    /// Fields handed to each other by the thousand end the search at its budget: without one,
    /// following every value of every field four deep would not end in any useful time.
    #[test]
    fn fields_handed_around_end_at_the_budget() {
        let mut source = String::from(
            "use std::time::SystemTime;\n\
             pub struct S { a: u64 }\n\
             fn read(s: &S) -> bool { SystemTime::now() > SystemTime::UNIX_EPOCH && s.a < 1_830_000_000 }\n",
        );
        for i in 0..300 {
            source.push_str(&format!("fn f{i}(s: &S) -> S {{ S {{ a: s.a }} }}\n"));
        }
        assert_eq!(gates(&[("src/lib.rs", &source)]), vec![]);
    }

    /// Code kept out of tests (`#[cfg(not(test))]`) is the code that runs for everyone else.
    #[test]
    fn a_gate_kept_from_tests_is_read() {
        let found = gates(&[(
            "src/lib.rs",
            "use std::time::{SystemTime, UNIX_EPOCH};\n\
             const END: u64 = 1_830_000_000;\n\
             fn now() -> u64 { SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0) }\n\
             #[cfg(not(test))]\n\
             pub fn armed() -> bool { now() > END && std::env::var_os(\"CI\").is_none() }\n",
        )]);
        assert_eq!(
            found,
            vec![SignalKind::ClockGate {
                moment: "2027-12-28".into(),
                hidden: false,
                with: "keeps quiet in debug builds, tests or CI".into(),
            }]
        );
    }

    /// Ages, timeouts, clocks that are not set, and test code are no dates.
    #[test]
    fn durations_and_sanity_checks_are_not_gates() {
        let found = gates(&[(
            "src/lib.rs",
            "use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};\n\
             const TIMEOUT_MS: u64 = 20_000;\n\
             fn now_ms() -> u64 { SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_millis() as u64 }\n\
             pub fn stale(start: u64) -> bool { now_ms() - start > TIMEOUT_MS }\n\
             pub fn clock_unset() -> bool { now_ms() / 1000 < 1_000_000_000 }\n\
             pub fn waited(t: Instant) -> bool { t.elapsed() > Duration::from_secs(1_800_000_000) }\n\
             pub fn age(then: SystemTime) -> bool { SystemTime::now().duration_since(then).unwrap().as_secs() > 1_800_000_000 }\n\
             #[cfg(test)] mod tests { fn t() -> bool { super::now_ms() > 1_800_000_000_000 } }\n",
        )]);
        assert_eq!(found, vec![]);
    }

    #[test]
    fn chance_and_damage_are_read_around_the_gate() {
        assert_eq!(
            traits("x ^= x << 13; file.set_len(n / 2)?; std::env::var(\"ci\")"),
            vec![
                "draws a chance",
                "keeps quiet in debug builds, tests or CI",
                "cuts or deletes files"
            ]
        );
        assert!(traits("let total = a + b; format!(\"{total}\")").is_empty());
        // A vector's length set is no file cut.
        assert!(traits("unsafe { buf.set_len(n) }").is_empty());
    }
}
