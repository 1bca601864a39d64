//! The `syn` front end: parses a Rust file and reports what its code does to the [`Collector`].
//!
//! Parsing gives what a text scan cannot: which function a call is in (so a read and a send can be
//! seen together), `#[cfg(test)]` modules and `#[test]` functions (test vectors are not payloads),
//! load-time hooks (`#[ctor]`, `.init_array` statics), `use` declarations (so `Command` from clap
//! is not `std::process::Command`), and doc comments, which are attributes and never scanned.

use proc_macro2::{Delimiter, Span, TokenStream, TokenTree};
use syn::punctuated::Punctuated;
use syn::spanned::Spanned;
use syn::visit::{self, Visit};
use syn::{Attribute, Expr, Lit, Meta, Token, UseTree};

use crate::scan::{HashMap, HashSet};
use std::rc::Rc;

use super::collector::{Arg, Collector};
use super::flow::{CallSite, ChainRoot, FileFlow, FunctionFlow, Statement};
use super::vocabulary::{
    CALLS_WITH_ARGUMENTS, FILLING_METHODS, LOAD_TIME_SECTIONS, METHODS_WITH_ARGUMENTS,
    NETWORK_CRATES,
};

/// Parses `source` and visits it; on a parse error nothing has been reported yet. Returns the
/// file's statements for [`super::flow`].
pub fn analyse(collector: &mut Collector<'_>, source: &str) -> Result<FileFlow, syn::Error> {
    let file = syn::parse_file(source)?;
    let structs = struct_fields(&file.items);
    let field_types = declared_field_types(&file.items);
    let declared_structs = field_types
        .iter()
        .map(|(owner, _, _)| owner.clone())
        .collect();
    let flow = FileFlow {
        file: collector.file().to_owned(),
        context: collector.context(),
        functions: Vec::new(),
        constants: Vec::new(),
        trait_methods: Vec::new(),
        field_types,
        modules: Vec::new(),
        statics: declared_statics(&file.items),
    };
    let mut visitor = Visitor {
        c: collector,
        source,
        flow,
        functions: Vec::new(),
        tail: None,
        owner: None,
        struct_fields: structs,
        addresses_evaluated: 0,
        connection_fields: HashMap::default(),
        closures: Vec::new(),
        strings: Vec::new(),
        constant_locals: Vec::new(),
        constant_locals_full: false,
        wrappers: Vec::new(),
        negations: 0,
        local_structs: Vec::new(),
        typed_locals: Vec::new(),
        typed_locals_full: false,
        declared_structs,
        implementing: None,
        called_value: None,
    };
    visitor.visit_file(&file);
    Ok(visitor.flow)
}

struct Visitor<'c, 'a> {
    c: &'c mut Collector<'a>,
    source: &'c str,
    flow: FileFlow,
    /// Functions being read (nested functions nest).
    functions: Vec<FunctionFlow>,
    /// The lines of the tail expression of the function being read, and its depth.
    tail: Option<((u32, u32), usize)>,
    /// The type of the `impl` (or the trait) being read: the owner of its functions.
    owner: Option<String>,
    /// Addresses built from constants evaluated in this file (see [`MAX_ADDRESS_EVALUATIONS`]).
    addresses_evaluated: usize,
    /// The file's structs with the types their fields name, read before the visit, so that a
    /// struct declared after its `impl` is known to it (see [`struct_fields`]).
    struct_fields: HashMap<String, StructFields>,
    /// The structs of the file with fields typed as a connection or a network client, and the
    /// names those fields are read by (`self` for a tuple struct's): what a method reads through
    /// `self.stream` came over the network. Judged at the struct, or at its first method.
    connection_fields: HashMap<String, Vec<String>>,
    /// Closures bound to a name in the function being read, with their parameters: calling one
    /// hands it the arguments (`let mut push = |data| out.extend(data); push(&secret);`).
    closures: Vec<(String, Vec<Vec<String>>)>,
    /// Names bound to a string literal (or a choice of them) in the function being read: the
    /// program in `let py = if cfg!(windows) { "pythonw" } else { "python3" }; Command::new(py)`.
    /// A name bound again to anything else shadows its literal (`None`).
    strings: Vec<(String, Option<String>)>,
    /// Names bound to a constant expression in the function being read (`let key =
    /// 0x85eb_ca6bu32.to_be_bytes();`): handed to one of the package's decoders, they are as
    /// constant as the expression. A name bound again to anything else shadows it (`None`).
    constant_locals: Vec<(String, Option<Rc<Expr>>)>,
    /// The function being read bound more names than [`MAX_CONSTANT_LOCALS`]: none is looked up.
    constant_locals_full: bool,
    /// Writers built around a variable of the function being read, with what they write into
    /// (`let zip = ZipWriter::new(&mut cursor)`: what is written to `zip` lands in `cursor`),
    /// through any number of layers (`tar::Builder::new(GzEncoder::new(&mut buf, …))`).
    wrappers: Vec<(String, Vec<String>)>,
    /// Conditions being read that exclude what they match: under a `!`, or an `if` whose body
    /// only skips (`if k.contains("TOKEN") { continue; }`).
    negations: usize,
    /// The crate's struct each local of the function being read holds, where its binding says
    /// (`let mut z = Zone::default()`, `let z: Zone = …`, `let z = Zone { … }`): a field it is
    /// given (`z.name = …`) is that struct's field, which the struct's methods read.
    local_structs: Vec<(String, Option<String>)>,
    /// The types each parameter of the function being read is declared as (`backend: Backend`,
    /// `c: &Clipboard`), and a local that clones one (`let c = c.clone()`): a method called on
    /// one (`backend.read()`) is one of that type's, even under a name as common as `read`.
    /// Empty for any other binding (it shadows).
    typed_locals: Vec<(String, LocalType)>,
    /// The function being read bound more names than [`MAX_CONSTANT_LOCALS`]: no type is known.
    typed_locals_full: bool,
    /// The file's structs with named fields (those of [`FileFlow::field_types`]), by name.
    declared_structs: HashSet<String>,
    /// The trait the `impl` being read implements (`Step` in `impl Step for Shell`).
    implementing: Option<String>,
    /// The identifiers of the expression the next recorded call calls, when it is not a name.
    called_value: Option<Vec<String>>,
}

/// Most addresses built from constants (`Ipv4Addr::from(NODE ^ MASK)`) evaluated in one file:
/// each costs one of the package's evaluations, which decoys must not spend.
const MAX_ADDRESS_EVALUATIONS: usize = 8;

/// Most statements (and most calls) of one function, or constants of one file, kept for data
/// flow: attributing a signal or a call to its statement looks through them, so a function built
/// to be huge must not make that quadratic. Real functions stay far below.
const MAX_FLOW_RECORDS: usize = 2048;

/// Most variables one writer is taken to write into (layers included).
const MAX_WRAPPED: usize = 16;

fn lines(span: Span) -> (u32, u32) {
    (span.start().line as u32, span.end().line as u32)
}

/// Every identifier an expression mentions, macro bodies included.
fn expr_idents(expr: &Expr) -> Vec<String> {
    let mut out = Vec::new();
    Idents(&mut out).visit_expr(expr);
    out.sort();
    out.dedup();
    out
}

/// The identifiers of a statement's head when it is a block-like expression (the condition of an
/// `if` or `while`, what a `match` looks at; nothing for a bare block or loop), else of all of it.
fn head_idents(expr: &Expr) -> Vec<String> {
    match expr {
        Expr::If(choice) => expr_idents(&choice.cond),
        Expr::While(repeat) => expr_idents(&repeat.cond),
        Expr::Match(choice) => expr_idents(&choice.expr),
        Expr::ForLoop(repeat) => expr_idents(&repeat.expr),
        Expr::Block(_) | Expr::Loop(_) | Expr::Unsafe(_) | Expr::Const(_) => Vec::new(),
        _ => expr_idents(expr),
    }
}

/// The identifiers a pattern binds.
fn pat_idents(pat: &syn::Pat) -> Vec<String> {
    struct Bound<'o>(&'o mut Vec<String>);
    impl<'ast> Visit<'ast> for Bound<'_> {
        fn visit_pat_ident(&mut self, pat: &'ast syn::PatIdent) {
            self.0.push(pat.ident.to_string());
            visit::visit_pat_ident(self, pat);
        }
    }
    let mut out = Vec::new();
    Bound(&mut out).visit_pat(pat);
    out
}

/// The variable an assignment or a filling method changes: `a` in `a.b[i]`, the field in
/// `self.field`.
fn changed_variable(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(path) => path.path.get_ident().map(ToString::to_string),
        Expr::Field(field) => match field.base.as_ref() {
            Expr::Path(base) if base.path.is_ident("self") => match &field.member {
                syn::Member::Named(name) => Some(name.to_string()),
                syn::Member::Unnamed(_) => None,
            },
            base => changed_variable(base),
        },
        Expr::Index(index) => changed_variable(&index.expr),
        Expr::Reference(reference) => changed_variable(&reference.expr),
        Expr::Unary(unary) => changed_variable(&unary.expr),
        Expr::Paren(paren) => changed_variable(&paren.expr),
        _ => None,
    }
}

/// What the function being read knows of the type of one of its variables (see
/// [`Visitor::typed_locals`]).
#[derive(Debug, Clone, Default)]
struct LocalType {
    /// The types it is declared as (`backend: Backend`).
    types: Vec<String>,
    /// The crate's free function whose result it was bound to (`let b = backend::detected()`),
    /// with the module it is called through: its type is the one that function declares it
    /// returns, which [`super::flow`] looks up across the crate's files.
    made_by: Option<(Option<String>, String)>,
}

/// Methods that hand on what they are called on, or what it holds (`detect()?.clone()`,
/// `open().context("…")?`).
const UNWRAPPING_METHODS: [&str; 9] = [
    "clone",
    "context",
    "expect",
    "ok",
    "unwrap",
    "unwrap_or",
    "unwrap_or_default",
    "unwrap_or_else",
    "with_context",
];

/// The free function a `let` binds the result of (`backend::detected()`, `detect()?`,
/// `open().await.unwrap()`), with the module it is called through: a call of a bare name or a
/// module's function (a path whose last qualifier is not a type's), through `?`, `.await` and
/// [`UNWRAPPING_METHODS`].
fn free_function_called(expr: &Expr) -> Option<(Option<String>, String)> {
    match expr {
        Expr::Try(inner) => free_function_called(&inner.expr),
        Expr::Await(inner) => free_function_called(&inner.base),
        Expr::MethodCall(call)
            if UNWRAPPING_METHODS.contains(&call.method.to_string().as_str()) =>
        {
            free_function_called(&call.receiver)
        }
        Expr::Call(call) => {
            let Expr::Path(path) = call.func.as_ref() else {
                return None;
            };
            let segments = &path.path.segments;
            let last = segments.last()?.ident.to_string();
            let module =
                (segments.len() >= 2).then(|| segments[segments.len() - 2].ident.to_string());
            let of_type = module
                .as_deref()
                .is_some_and(|m| m.starts_with(|c: char| c.is_ascii_uppercase()));
            (!of_type && last.starts_with(|c: char| c.is_ascii_lowercase()))
                .then_some((module, last))
        }
        _ => None,
    }
}

/// The variable an expression is, through references, dereferences and parentheses (`&mut c`,
/// `*c`, `(c)`), but not a field or an element of one: the receiver whose type says which
/// method a call reaches.
fn plain_variable(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Path(path) => path.path.get_ident().map(ToString::to_string),
        Expr::Reference(reference) => plain_variable(&reference.expr),
        Expr::Unary(unary) => plain_variable(&unary.expr),
        Expr::Paren(paren) => plain_variable(&paren.expr),
        _ => None,
    }
}

/// The field of `self` an expression reads or changes, written `self.field` (a name no
/// identifier can clash with): `self.roots`, `self.roots[i]`, `&mut self.roots`, and the
/// outermost field of `self.plan.roots`. What a method puts there, another method of the type
/// reads (see [`super::flow`]).
fn self_field(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Field(field) => match field.base.as_ref() {
            Expr::Path(base) if base.path.is_ident("self") => Some(self_member(&field.member)),
            base => self_field(base),
        },
        Expr::Index(index) => self_field(&index.expr),
        Expr::Reference(reference) => self_field(&reference.expr),
        Expr::Unary(unary) => self_field(&unary.expr),
        Expr::Paren(paren) => self_field(&paren.expr),
        _ => None,
    }
}

/// The fields a struct literal writes, as `Plan.roots` (`Self.roots` in `Self { roots }`),
/// with the value each is written with. Not an enum variant's (`Event::Config { path }`,
/// `Self::Moved { to }`), whose fields no method reads through `self`.
fn literal_fields(literal: &syn::ExprStruct) -> impl Iterator<Item = (String, &Expr)> + '_ {
    let segments = &literal.path.segments;
    let variant = segments.len() >= 2
        && segments[segments.len() - 2]
            .ident
            .to_string()
            .starts_with(|c: char| c.is_ascii_uppercase());
    let named = segments.last().map(|s| &s.ident).filter(|_| !variant);
    literal
        .fields
        .iter()
        .filter_map(move |field| match (&field.member, named) {
            (syn::Member::Named(name), Some(owner)) => {
                Some((format!("{owner}.{name}"), &field.expr))
            }
            _ => None,
        })
}

fn self_member(member: &syn::Member) -> String {
    match member {
        syn::Member::Named(name) => format!("self.{name}"),
        syn::Member::Unnamed(index) => format!("self.{}", index.index),
    }
}

/// Whether a chain of method calls starts from a constant and hands its methods only constants
/// and closures: something the interpreter may work out alone.
fn constant_chain(receiver: &Expr) -> bool {
    let mut expr = receiver;
    let mut links = 0;
    loop {
        expr = match expr {
            Expr::MethodCall(call) => {
                let arguments_constant = call.args.iter().all(|arg| {
                    matches!(arg, Expr::Closure(_)) || super::evaluate::is_constant(arg)
                });
                if !arguments_constant || links >= 16 {
                    return false;
                }
                &call.receiver
            }
            Expr::Paren(p) => &p.expr,
            Expr::Reference(r) => &r.expr,
            other => return links > 0 && super::evaluate::is_constant(other),
        };
        links += 1;
    }
}

/// Where a chain of method calls that is not a variable starts (see [`ChainRoot`]).
fn chain_root(receiver: &Expr) -> Option<ChainRoot> {
    let mut expr = receiver;
    let mut links = 0;
    loop {
        expr = match expr {
            Expr::MethodCall(call) => &call.receiver,
            Expr::Try(t) => &t.expr,
            Expr::Await(a) => &a.base,
            Expr::Paren(p) => &p.expr,
            Expr::Reference(r) if links > 0 => &r.expr,
            Expr::Path(path) if links > 0 => {
                return path
                    .path
                    .get_ident()
                    .map(|ident| ChainRoot::Variable(ident.to_string()));
            }
            Expr::Call(call) => {
                let Expr::Path(path) = call.func.as_ref() else {
                    return None;
                };
                let first = path.path.segments.first()?.ident.to_string();
                return NETWORK_CRATES
                    .contains(&first.as_str())
                    .then_some(ChainRoot::NetworkCrate);
            }
            _ => return None,
        };
        links += 1;
    }
}

/// The string an expression is when it is a literal or a choice of literals (`if`/`match` whose
/// every branch is one): the last branch's, which is what runs on the platforms most builds are
/// for; or, for the user's shell read from the environment, the kind of shell (see
/// [`user_shell`]).
fn chosen_string(expr: &Expr) -> Option<String> {
    let tail = |block: &syn::Block| match block.stmts.as_slice() {
        [syn::Stmt::Expr(expr, None)] => chosen_string(expr),
        _ => None,
    };
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => Some(s.value()),
            _ => None,
        },
        Expr::Paren(paren) => chosen_string(&paren.expr),
        Expr::Block(block) => tail(&block.block),
        Expr::If(choice) => {
            tail(&choice.then_branch)?;
            chosen_string(&choice.else_branch.as_ref()?.1)
        }
        Expr::Match(choice) => {
            let values: Option<Vec<String>> = choice
                .arms
                .iter()
                .map(|arm| chosen_string(&arm.body))
                .collect();
            values?.pop()
        }
        // The user's shell, read from the environment (`env::var_os("SHELL").unwrap_or(…)`):
        // the program is a shell, whichever one.
        Expr::MethodCall(_) | Expr::Call(_) | Expr::Try(_) | Expr::Reference(_) => user_shell(expr),
        _ => None,
    }
}

/// `env::var("SHELL")` (or `var_os`, or `COMSPEC` on Windows): the program the user's shell is,
/// named by its kind (`sh`, `cmd`).
fn user_shell(expr: &Expr) -> Option<String> {
    let call = match expr {
        // What the variable's value is turned into (`.unwrap_or_else(…)`, `.filter(…)`, `?`,
        // a reference) is still the shell.
        Expr::MethodCall(method) => return user_shell(&method.receiver),
        Expr::Try(tried) => return user_shell(&tried.expr),
        Expr::Reference(reference) => return user_shell(&reference.expr),
        Expr::Paren(paren) => return user_shell(&paren.expr),
        Expr::Call(call) => call,
        _ => return None,
    };
    let Expr::Path(function) = call.func.as_ref() else {
        return None;
    };
    let name = function.path.segments.last()?.ident.to_string();
    if !matches!(name.as_str(), "var" | "var_os") {
        return None;
    }
    match call.args.first()? {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(variable),
            ..
        }) => match variable.value().as_str() {
            "SHELL" => Some("sh".to_owned()),
            "COMSPEC" => Some("cmd".to_owned()),
            _ => None,
        },
        _ => None,
    }
}

/// `&mut x` → `x`.
/// The literal program of the `Command::new("…")` a method chain starts from, lower case.
/// The string literals of an argument: itself, or an array's.
fn string_literals(expr: &Expr) -> Vec<String> {
    let literal = |e: &Expr| match e {
        Expr::Lit(syn::ExprLit {
            lit: Lit::Str(s), ..
        }) => Some(s.value()),
        _ => None,
    };
    match expr {
        Expr::Array(array) => array.elems.iter().filter_map(literal).collect(),
        Expr::Reference(r) => string_literals(&r.expr),
        other => literal(other).into_iter().collect(),
    }
}

/// The string literals of the `.arg`/`.args` calls of a `Command` method chain, in order.
fn chain_literals(expr: &Expr) -> Vec<String> {
    match expr {
        Expr::MethodCall(call) => {
            let mut literals = chain_literals(&call.receiver);
            if matches!(call.method.to_string().as_str(), "arg" | "args") {
                for arg in &call.args {
                    literals.extend(string_literals(arg));
                }
            }
            literals
        }
        _ => Vec::new(),
    }
}

fn command_program(expr: &Expr) -> Option<String> {
    match expr {
        Expr::MethodCall(call) => command_program(&call.receiver),
        Expr::Call(call) => {
            let Expr::Path(path) = call.func.as_ref() else {
                return None;
            };
            let segments = segments(&path.path);
            if segments.len() < 2
                || segments[segments.len() - 2] != "Command"
                || segments[segments.len() - 1] != "new"
            {
                return None;
            }
            match call.args.first() {
                Some(Expr::Lit(syn::ExprLit {
                    lit: Lit::Str(s), ..
                })) => Some(s.value().to_ascii_lowercase()),
                _ => None,
            }
        }
        Expr::Reference(r) => command_program(&r.expr),
        Expr::Paren(p) => command_program(&p.expr),
        _ => None,
    }
}

fn mutable_borrow(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Reference(reference) if reference.mutability.is_some() => {
            changed_variable(&reference.expr)
        }
        _ => None,
    }
}

/// The variables a format string names inline: `name` in `"{name}"`, `"{name:?}"`, `"{name:>8}"`.
fn inline_format_args(literal: &str, out: &mut Vec<String>) {
    if !literal.starts_with('"') && !literal.starts_with('r') {
        return;
    }
    let mut rest = literal;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if rest.starts_with('{') {
            rest = &rest[1..];
            continue;
        }
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        let name = &rest[..end];
        if name
            .chars()
            .next()
            .is_some_and(|c| c.is_alphabetic() || c == '_')
        {
            out.push(name.to_owned());
        }
        rest = &rest[end..];
    }
}

struct Idents<'o>(&'o mut Vec<String>);

/// The paths a type names (`BufReader<TcpStream>`: `BufReader`, `TcpStream`), the first few.
struct TypePaths(Vec<Vec<String>>);

/// A struct's fields: each one's name (`self` for a tuple struct's, which is read as `self.0`),
/// the paths its type names, and its line.
type StructFields = Vec<(String, Vec<Vec<String>>, u32)>;

/// Most inline modules of one file recorded for [`FileFlow::modules`].
const MAX_INLINE_MODULES: usize = 256;

/// Most structs of one file, and fields of one struct, kept for [`StructFields`].
const MAX_STRUCTS: usize = 512;
const MAX_FIELDS: usize = 64;

/// Containers whose methods are reached through them (`Box<dyn Rule>`, `Arc<Mutex<Plan>>`): a
/// method called on such a field is one of what they hold. Other generic types (`Vec<Node>`,
/// `HashMap<String, Cache>`) have methods of their own (`push`, `insert`).
const TRANSPARENT_TYPES: &[&str] = &[
    "Arc", "Box", "Cell", "Mutex", "Option", "Rc", "RefCell", "RwLock",
];

/// The types whose methods a method call on a value of type `ty` may reach: the type's own name,
/// through references and [`TRANSPARENT_TYPES`], and the traits of a trait object
/// (`Box<dyn Rule + Send>` → `Rule`, `Send`).
fn method_owner_types(ty: &syn::Type, out: &mut Vec<String>) {
    match ty {
        syn::Type::Path(path) => {
            let Some(last) = path.path.segments.last() else {
                return;
            };
            let name = last.ident.to_string();
            if TRANSPARENT_TYPES.contains(&name.as_str()) {
                if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                    for arg in &args.args {
                        if let syn::GenericArgument::Type(inner) = arg {
                            method_owner_types(inner, out);
                        }
                    }
                }
            } else if out.len() < 8 {
                out.push(name);
            }
        }
        syn::Type::Reference(reference) => method_owner_types(&reference.elem, out),
        syn::Type::Paren(paren) => method_owner_types(&paren.elem, out),
        syn::Type::TraitObject(object) => {
            for bound in &object.bounds {
                if let (syn::TypeParamBound::Trait(bound), true) = (bound, out.len() < 8) {
                    if let Some(last) = bound.path.segments.last() {
                        out.push(last.ident.to_string());
                    }
                }
            }
        }
        _ => {}
    }
}

/// The file's `static` items, in inline modules too, outside test code: read before its
/// functions, so that one declared after them is known to them.
fn declared_statics(items: &[syn::Item]) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack: Vec<&[syn::Item]> = vec![items];
    while let Some(items) = stack.pop() {
        for item in items {
            match item {
                syn::Item::Static(item) if out.len() < MAX_STRUCTS => {
                    out.push(item.ident.to_string());
                }
                syn::Item::Mod(module) if !is_test(&module.attrs) => {
                    if let Some((_, items)) = &module.content {
                        stack.push(items);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The named fields of the file's structs, outside test code, with the types whose methods a
/// call on each may reach ([`method_owner_types`]), in the order they are declared.
fn declared_field_types(items: &[syn::Item]) -> Vec<(String, String, Vec<String>)> {
    let mut out = Vec::new();
    let mut stack: Vec<&[syn::Item]> = vec![items];
    let mut structs = 0;
    while let Some(items) = stack.pop() {
        for item in items {
            match item {
                syn::Item::Struct(item) if structs < MAX_STRUCTS && !is_test(&item.attrs) => {
                    structs += 1;
                    for field in item.fields.iter().take(MAX_FIELDS) {
                        let Some(name) = &field.ident else {
                            continue;
                        };
                        let mut types = Vec::new();
                        method_owner_types(&field.ty, &mut types);
                        out.push((item.ident.to_string(), name.to_string(), types));
                    }
                }
                syn::Item::Mod(module) if !is_test(&module.attrs) => {
                    if let Some((_, items)) = &module.content {
                        stack.push(items);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

/// The structs of a file's items, in inline modules too (`mod net { struct Conn { … } }`).
fn struct_fields(items: &[syn::Item]) -> HashMap<String, StructFields> {
    let mut out = HashMap::default();
    let mut stack: Vec<&[syn::Item]> = vec![items];
    while let Some(items) = stack.pop() {
        for item in items {
            match item {
                syn::Item::Struct(item) if out.len() < MAX_STRUCTS => {
                    let fields = item
                        .fields
                        .iter()
                        .take(MAX_FIELDS)
                        .map(|field| {
                            let mut paths = TypePaths(Vec::new());
                            paths.visit_type(&field.ty);
                            let name = field
                                .ident
                                .as_ref()
                                .map_or_else(|| "self".to_owned(), ToString::to_string);
                            (name, paths.0, line(field.ty.span()))
                        })
                        .collect();
                    out.insert(item.ident.to_string(), fields);
                }
                syn::Item::Mod(module) => {
                    if let Some((_, items)) = &module.content {
                        stack.push(items);
                    }
                }
                _ => {}
            }
        }
    }
    out
}

impl<'ast> Visit<'ast> for TypePaths {
    fn visit_type_path(&mut self, path: &'ast syn::TypePath) {
        if self.0.len() < 8 {
            self.0.push(segments(&path.path));
        }
        visit::visit_type_path(self, path);
    }
}

impl<'ast> Visit<'ast> for Idents<'_> {
    fn visit_ident(&mut self, ident: &'ast proc_macro2::Ident) {
        self.0.push(ident.to_string());
    }

    /// `self.roots` uses `self`, `roots` and the field itself, `self.roots`.
    fn visit_expr_field(&mut self, field: &'ast syn::ExprField) {
        if matches!(field.base.as_ref(), Expr::Path(base) if base.path.is_ident("self")) {
            self.0.push(self_member(&field.member));
        }
        visit::visit_expr_field(self, field);
    }

    /// `Plan { roots: found }` uses what its fields are written with, and the fields
    /// themselves (see [`Visitor::visit_expr_struct`]).
    fn visit_expr_struct(&mut self, literal: &'ast syn::ExprStruct) {
        self.0
            .extend(literal_fields(literal).map(|(field, _)| field));
        visit::visit_expr_struct(self, literal);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let mut stack = vec![mac.tokens.clone()];
        while let Some(tokens) = stack.pop() {
            // How far a `self` `.` field has been read (`format!("{}", self.roots)`).
            let mut self_dot = 0;
            for tree in tokens {
                self_dot = match (&tree, self_dot) {
                    (TokenTree::Ident(ident), _) if ident == "self" => 1,
                    (TokenTree::Punct(punct), 1) if punct.as_char() == '.' => 2,
                    (TokenTree::Ident(ident), 2) => {
                        self.0.push(format!("self.{ident}"));
                        0
                    }
                    _ => 0,
                };
                match tree {
                    TokenTree::Ident(ident) => self.0.push(ident.to_string()),
                    TokenTree::Group(group) if stack.len() < 256 => stack.push(group.stream()),
                    // `format!("{name}")` uses `name`.
                    TokenTree::Literal(literal) => inline_format_args(&literal.to_string(), self.0),
                    _ => {}
                }
            }
        }
    }
}

fn line(span: Span) -> u32 {
    span.start().line as u32
}

pub(super) fn segments(path: &syn::Path) -> Vec<String> {
    path.segments.iter().map(|s| s.ident.to_string()).collect()
}

/// Whether attributes mark test-only code: `#[test]`, `#[cfg(test)]`, `#[tokio::test]`, ….
pub(super) fn is_test(attrs: &[Attribute]) -> bool {
    attrs.iter().any(|attr| {
        let path = attr.path();
        if path
            .segments
            .last()
            .is_some_and(|s| s.ident == "test" || s.ident == "bench")
        {
            return true;
        }
        if path.is_ident("cfg") {
            if let Meta::List(list) = &attr.meta {
                let text = list.tokens.to_string();
                return text == "test" || (text.contains("test") && !text.contains("not"));
            }
        }
        false
    })
}

/// How attributes register a function or static to run at load time, if they do.
fn load_time(attrs: &[Attribute]) -> Option<String> {
    for attr in attrs {
        let path = attr.path();
        if path
            .segments
            .last()
            .is_some_and(|s| s.ident == "ctor" || s.ident == "dtor")
        {
            return Some(format!("#[{}]", segments(path).join("::")));
        }
        if path.is_ident("link_section") {
            if let Meta::NameValue(nv) = &attr.meta {
                if let Expr::Lit(lit) = &nv.value {
                    if let Lit::Str(section) = &lit.lit {
                        let section = section.value();
                        let lower = section.to_ascii_lowercase();
                        if LOAD_TIME_SECTIONS.iter().any(|s| lower.contains(s)) {
                            return Some(format!("#[link_section = \"{section}\"]"));
                        }
                    }
                }
            }
        }
        // The same for one platform (`#[cfg_attr(target_os = "linux", link_section =
        // ".init_array")]`), which is how a portable load-time hook is written.
        if path.is_ident("cfg_attr") {
            if let Meta::List(list) = &attr.meta {
                if let Some(section) = cfg_attr_section(list.tokens.clone()) {
                    let lower = section.to_ascii_lowercase();
                    if LOAD_TIME_SECTIONS.iter().any(|s| lower.contains(s)) {
                        return Some(format!("#[cfg_attr(…, link_section = \"{section}\")]"));
                    }
                }
            }
        }
    }
    None
}

/// The section a `cfg_attr`'s attributes put an item in (`link_section = "…"` after the
/// condition), if they do.
fn cfg_attr_section(tokens: TokenStream) -> Option<String> {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    trees.windows(3).find_map(|window| match window {
        [TokenTree::Ident(name), TokenTree::Punct(eq), TokenTree::Literal(literal)]
            if name == "link_section" && eq.as_char() == '=' =>
        {
            match syn::parse_str::<Lit>(&literal.to_string()) {
                Ok(Lit::Str(section)) => Some(section.value()),
                _ => None,
            }
        }
        _ => None,
    })
}

impl Visitor<'_, '_> {
    fn text(&self, span: Span) -> String {
        let range = span.byte_range();
        self.source
            .get(range)
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default()
    }

    fn arg(&self, expr: &Expr) -> Arg {
        match expr {
            Expr::Lit(lit) => match &lit.lit {
                Lit::Str(s) => Arg::Str(s.value()),
                Lit::ByteStr(b) => Arg::Bytes(b.value()),
                Lit::Int(i) => i
                    .base10_parse::<u128>()
                    .map(Arg::Int)
                    .unwrap_or_else(|_| Arg::Expr(self.text(expr.span()))),
                _ => Arg::Expr(self.text(expr.span())),
            },
            Expr::Reference(r) => match self.arg(&r.expr) {
                Arg::Str(s) => Arg::Str(s),
                _ => Arg::Expr(self.text(expr.span())),
            },
            Expr::Paren(p) => self.arg(&p.expr),
            Expr::Path(path) => match path
                .path
                .get_ident()
                .and_then(|name| self.strings.iter().rev().find(|(bound, _)| name == bound))
            {
                Some((_, Some(value))) => Arg::Str(value.clone()),
                _ => Arg::Expr(self.text(expr.span())),
            },
            _ => Arg::Expr(self.text(expr.span())),
        }
    }

    /// Without its arguments' text, a function handed over by name to `callee` still goes into
    /// the call graph.
    fn hand_over_paths<'e>(&mut self, callee: &str, args: impl IntoIterator<Item = &'e Expr>) {
        for arg in args {
            if let Expr::Path(path) = arg {
                let text: Vec<String> = path
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                self.c.handed_over(callee, &text.join("::"));
            }
        }
    }

    /// A call's arguments when every one is constant: written so, or, for a call of one of the
    /// package's decoders (`callee`), a name bound to a constant in the function being read
    /// ([`Self::constant_locals`]), taken as its value. Only decoders: a key kept in a local is
    /// what hides a decoder's input, and running every function handed a local literal (a parser
    /// handed its input) cost a parser crate half a second.
    fn constant_args<'e>(
        &self,
        callee: Option<&String>,
        exprs: impl IntoIterator<Item = &'e Expr>,
    ) -> Option<Vec<Expr>> {
        let mut decoder: Option<bool> = None;
        exprs
            .into_iter()
            .map(|expr| {
                if super::evaluate::is_constant(expr) {
                    return Some(expr.clone());
                }
                if !*decoder.get_or_insert_with(|| callee.is_some_and(|c| self.c.decodes_text(c))) {
                    return None;
                }
                let (inner, reference) = match expr {
                    Expr::Reference(r) => (r.expr.as_ref(), Some(r)),
                    other => (other, None),
                };
                let Expr::Path(path) = inner else {
                    return None;
                };
                let name = path.path.get_ident()?;
                let value = self
                    .constant_locals
                    .iter()
                    .rev()
                    .find(|(bound, _)| name == bound)?
                    .1
                    .clone()?;
                let value = Expr::clone(&value);
                Some(match reference {
                    Some(r) => Expr::Reference(syn::ExprReference {
                        expr: Box::new(value),
                        ..r.clone()
                    }),
                    None => value,
                })
            })
            .collect()
    }

    fn args<'e>(&self, exprs: impl IntoIterator<Item = &'e Expr>) -> Vec<Arg> {
        exprs.into_iter().map(|e| self.arg(e)).collect()
    }

    fn function(&mut self, sig: &syn::Signature, attrs: &[Attribute], block: &syn::Block) {
        let name = sig.ident.to_string();
        if !block.stmts.is_empty() {
            self.c.item();
        }
        self.c
            .enter_fn(&name, is_test(attrs), load_time(attrs), line(block.span()));
        let method = sig
            .inputs
            .first()
            .is_some_and(|input| matches!(input, syn::FnArg::Receiver(_)));
        let params: Vec<Vec<String>> = sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                syn::FnArg::Typed(typed) => Some(pat_idents(&typed.pat)),
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        // Parameters the function can fill for its caller: lent mutably (`out: &mut Vec<_>`).
        let filled: Vec<bool> = sig
            .inputs
            .iter()
            .filter_map(|input| match input {
                syn::FnArg::Typed(typed) => Some(matches!(
                    typed.ty.as_ref(),
                    syn::Type::Reference(r) if r.mutability.is_some()
                )),
                syn::FnArg::Receiver(_) => None,
            })
            .collect();
        self.c.set_params(params.iter().flatten().cloned());
        // A function inside a function body belongs to no type.
        let owner = if self.functions.is_empty() {
            self.owner.clone()
        } else {
            None
        };
        self.functions.push(FunctionFlow {
            scope: self.c.scope().unwrap_or_default(),
            name,
            owner,
            method,
            test: self.c.in_test(),
            params,
            filled,
            network_params: Vec::new(),
            returns: match &sig.output {
                syn::ReturnType::Type(_, ty) => self.returned_types(ty),
                syn::ReturnType::Default => Vec::new(),
            },
            implements: if self.functions.is_empty() {
                self.implementing.clone()
            } else {
                None
            },
            statements: Vec::new(),
            calls: Vec::new(),
        });
        self.network_parameters(sig);
        if method {
            self.network_fields(sig);
        }
        let outer_tail = self.tail.take();
        let outer_closures = std::mem::take(&mut self.closures);
        let outer_strings = std::mem::take(&mut self.strings);
        let outer_constants = std::mem::take(&mut self.constant_locals);
        let outer_full = std::mem::replace(&mut self.constant_locals_full, false);
        let outer_wrappers = std::mem::take(&mut self.wrappers);
        let outer_structs = std::mem::take(&mut self.local_structs);
        let outer_typed = std::mem::take(&mut self.typed_locals);
        let outer_typed_full = std::mem::replace(&mut self.typed_locals_full, false);
        self.type_parameters(sig);
        if let Some(syn::Stmt::Expr(tail, None)) = block.stmts.last() {
            self.tail = Some((lines(tail.span()), self.functions.len()));
        }
        self.visit_block(block);
        self.tail = outer_tail;
        self.closures = outer_closures;
        self.strings = outer_strings;
        self.constant_locals = outer_constants;
        self.constant_locals_full = outer_full;
        self.wrappers = outer_wrappers;
        self.local_structs = outer_structs;
        self.typed_locals = outer_typed;
        self.typed_locals_full = outer_typed_full;
        self.c.leave_fn();
        if let Some(done) = self.functions.pop() {
            self.flow.functions.push(done);
        }
    }

    /// Parameters typed as a connection or a network client (`agent: &ureq::Agent`): each is
    /// bound on its own line to what arrives over the network, so that what the function reads
    /// through it carries that source (see [`Collector::network_parameter`]).
    fn network_parameters(&mut self, sig: &syn::Signature) {
        for input in &sig.inputs {
            let syn::FnArg::Typed(typed) = input else {
                continue;
            };
            let mut paths = TypePaths(Vec::new());
            paths.visit_type(&typed.ty);
            let at = line(typed.ty.span());
            // A parameter of one of the file's structs that hold a connection (`link: &mut
            // Link`), or of a connection's type itself.
            let holding = paths.0.iter().find_map(|path| {
                path.last()
                    .filter(|name| !self.connection_fields(name).is_empty())
                    .cloned()
            });
            if let Some(holding) = &holding {
                self.c
                    .push_network(format!("a connection held by {holding} (a parameter)"), at);
            }
            if holding.is_some()
                || paths
                    .0
                    .iter()
                    .any(|path| self.c.network_parameter(path, at, "a parameter"))
            {
                let names = pat_idents(&typed.pat);
                if let Some(function) = self.functions.last_mut() {
                    function.network_params.extend(names.iter().cloned());
                }
                self.statement_at(at, at, Vec::new(), names, false);
            } else if paths.0.iter().any(|path| self.c.served_request(path, at)) {
                // What a client sent, bound to the parameter; not a connection to send through.
                let names = pat_idents(&typed.pat);
                self.statement_at(at, at, Vec::new(), names, false);
            }
        }
    }

    /// The fields of struct `name` typed as a connection or a network client (`rd:
    /// BufReader<TcpStream>`, `struct Link(TcpStream)`), judged once and kept for its methods
    /// (see [`Self::network_fields`]).
    fn connection_fields(&mut self, name: &str) -> Vec<String> {
        if let Some(fields) = self.connection_fields.get(name) {
            return fields.clone();
        }
        // Judged once: the fields' types are taken out of the file's list.
        let Some(declared) = self.struct_fields.remove(name) else {
            return Vec::new();
        };
        let mut fields = Vec::new();
        for (field, paths, at) in declared {
            if paths
                .iter()
                .any(|path| self.c.network_parameter(path, at, "a field"))
                && !fields.contains(&field)
            {
                fields.push(field);
            }
        }
        self.connection_fields
            .insert(name.to_owned(), fields.clone());
        fields
    }

    /// A method of a struct holding a connection (`fn recv(&mut self)` on `struct Conn { rd:
    /// BufReader<TcpStream> }`): its connection fields are bound, on the receiver's line, to
    /// what arrives over the network, as a parameter of that type would be.
    fn network_fields(&mut self, sig: &syn::Signature) {
        let Some(owner) = self.owner.clone() else {
            return;
        };
        let fields = self.connection_fields(&owner);
        if fields.is_empty() {
            return;
        }
        let at = sig
            .inputs
            .first()
            .map_or(line(sig.span()), |r| line(r.span()));
        self.c.push_network(
            format!("a connection held by {owner} ({})", fields.join(", ")),
            at,
        );
        if let Some(function) = self.functions.last_mut() {
            function.network_params.extend(fields.iter().cloned());
        }
        self.statement_at(at, at, Vec::new(), fields, false);
    }

    /// What the writer `variable` writes into, through every layer.
    fn wrapped_by(&self, variable: &str) -> Vec<String> {
        self.wrappers
            .iter()
            .rev()
            .find(|(name, _)| name == variable)
            .map(|(_, inner)| inner.clone())
            .unwrap_or_default()
    }

    /// `let w = Writer::new(&mut inner, …)` (or `new(inner)`, `with_capacity(n, inner)`,
    /// `from(inner)`): `w` writes into `inner`, and into whatever `inner` writes into. A
    /// constructor nested in the argument counts too (`Builder::new(GzEncoder::new(&mut buf))`).
    fn wrapper(&mut self, name: &str, init: &Expr) {
        let mut inner = Vec::new();
        self.wrapped_in(init, &mut inner, 0);
        inner.sort();
        inner.dedup();
        inner.truncate(MAX_WRAPPED);
        if inner.is_empty() {
            // A binding that wraps nothing ends an earlier one of the same name.
            if self.wrappers.iter().any(|(n, _)| n == name) {
                self.wrappers.push((name.to_owned(), Vec::new()));
            }
            return;
        }
        if self.wrappers.len() < MAX_FLOW_RECORDS {
            self.wrappers.push((name.to_owned(), inner));
        }
    }

    fn wrapped_in(&self, expr: &Expr, inner: &mut Vec<String>, depth: usize) {
        if depth > 8 || inner.len() > MAX_WRAPPED {
            return;
        }
        // `Encoder::new(&mut buf, 3)?`, `….unwrap()`, `X::new(&mut buf).level(9)`.
        let call = match expr {
            Expr::Call(call) => call,
            Expr::Try(t) => return self.wrapped_in(&t.expr, inner, depth + 1),
            Expr::MethodCall(m) => return self.wrapped_in(&m.receiver, inner, depth + 1),
            Expr::Paren(p) => return self.wrapped_in(&p.expr, inner, depth + 1),
            // A guard of one of the file's statics (`STATE.lock().unwrap()`, `CACHE.write()`):
            // what is put into it lands in the static.
            Expr::Path(path) if depth > 0 => {
                if let Some(name) = path.path.get_ident().map(ToString::to_string) {
                    if self.flow.statics.contains(&name) {
                        inner.push(name);
                    }
                }
                return;
            }
            _ => return,
        };
        let Expr::Path(path) = call.func.as_ref() else {
            return;
        };
        let segments = segments(&path.path);
        let constructor = segments
            .last()
            .is_some_and(|name| name == "new" || name == "from" || name.starts_with("with_"));
        if !constructor {
            return;
        }
        // A value moved in is written into only by writers (`BufWriter::new(file)`,
        // `tar::Builder::new(encoder)`); `String::from(v)`, `PathBuf::from(p)` copy it.
        let writer = segments.len() >= 2 && {
            let ty = &segments[segments.len() - 2];
            ["Writer", "Encoder", "Builder", "Compressor"]
                .iter()
                .any(|suffix| ty.ends_with(suffix))
        };
        for arg in &call.args {
            let (arg, borrowed) = match arg {
                Expr::Reference(r) if r.mutability.is_some() => (r.expr.as_ref(), true),
                Expr::Reference(_) => continue,
                other => (other, false),
            };
            match arg {
                Expr::Path(p) if borrowed || writer => {
                    if let Some(variable) = p.path.get_ident().map(ToString::to_string) {
                        if super::constants::is_constant_name(&variable) {
                            continue;
                        }
                        inner.extend(self.wrapped_by(&variable));
                        inner.push(variable);
                    }
                }
                nested @ (Expr::Call(_) | Expr::Try(_) | Expr::MethodCall(_)) if writer => {
                    self.wrapped_in(nested, inner, depth + 1)
                }
                _ => {}
            }
        }
    }

    /// The crate struct a `let` binds, by its type or its initialiser: `Zone::default()`,
    /// `Zone::new(…)`, `Zone { … }`, `Self::new()` in an `impl`. Only structs the file declares
    /// with named fields.
    fn local_struct(&self, local: &syn::Local) -> Option<String> {
        let declared = |name: &str| {
            let name = if name == "Self" {
                self.owner.as_deref()?
            } else {
                name
            };
            self.declared_structs
                .contains(name)
                .then(|| name.to_owned())
        };
        if let syn::Pat::Type(typed) = &local.pat {
            if let syn::Type::Path(path) = typed.ty.as_ref() {
                let last = path.path.segments.last()?.ident.to_string();
                return declared(&last);
            }
        }
        let init = local.init.as_ref()?;
        match init.expr.as_ref() {
            Expr::Call(call) => match call.func.as_ref() {
                Expr::Path(path) if path.path.segments.len() >= 2 => {
                    let segments = &path.path.segments;
                    declared(&segments[segments.len() - 2].ident.to_string())
                }
                _ => None,
            },
            Expr::Struct(literal) => declared(&literal.path.segments.last()?.ident.to_string()),
            _ => None,
        }
    }

    /// The types a `let` gives its names (see [`Self::typed_locals`]): those of the variable it
    /// clones (`let c = c.clone()`, to move into a thread), and no others. Not the type of a
    /// value built on the spot (`let b = Self::default()`, `let b: Self = …`): followed through
    /// a builder's `with_…` methods, a cloud client's settings read from its `AWS_*` variables
    /// reach every request it sends to its service, a flow the exfiltration rule cannot yet tell
    /// from theft.
    fn local_types(&self, local: &syn::Local) -> LocalType {
        if !matches!(local.pat, syn::Pat::Ident(_)) {
            return LocalType::default();
        }
        match local.init.as_ref().map(|init| init.expr.as_ref()) {
            Some(Expr::MethodCall(call)) if call.method == "clone" && call.args.is_empty() => {
                self.variable_types(&call.receiver)
            }
            Some(init) => LocalType {
                types: Vec::new(),
                made_by: free_function_called(init),
            },
            None => LocalType::default(),
        }
    }

    /// The types of the variable `expr` is (see [`plain_variable`]), as its latest binding in
    /// the function being read declares them.
    fn variable_types(&self, expr: &Expr) -> LocalType {
        plain_variable(expr)
            .and_then(|name| {
                self.typed_locals
                    .iter()
                    .rev()
                    .find(|(bound, _)| *bound == name)
            })
            .map(|(_, types)| types.clone())
            .unwrap_or_default()
    }

    /// The types a function declared to return `ty` hands its caller once unwrapped: those of
    /// `T` in a `Result<T, E>` (`io::Result<Backend>`, `anyhow::Result<Backend>`), of `ty`
    /// otherwise (see [`Self::owner_types`]).
    fn returned_types(&self, ty: &syn::Type) -> Vec<String> {
        if let syn::Type::Path(path) = ty {
            if let Some(last) = path.path.segments.last() {
                if last.ident == "Result" {
                    if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                        if let Some(syn::GenericArgument::Type(inner)) = args.args.first() {
                            return self.owner_types(inner);
                        }
                    }
                }
            }
        }
        self.owner_types(ty)
    }

    /// [`method_owner_types`] of `ty`, with `Self` read as the type of the `impl` being read.
    fn owner_types(&self, ty: &syn::Type) -> Vec<String> {
        let mut types = Vec::new();
        method_owner_types(ty, &mut types);
        for name in &mut types {
            if name == "Self" {
                if let Some(owner) = &self.owner {
                    name.clone_from(owner);
                }
            }
        }
        types
    }

    /// Binds each parameter of the function being entered to its declared types (see
    /// [`Self::typed_locals`]).
    fn type_parameters(&mut self, sig: &syn::Signature) {
        for input in &sig.inputs {
            let syn::FnArg::Typed(typed) = input else {
                continue;
            };
            // A destructured parameter (`Wrapper(board): Wrapper`) binds what is inside.
            let types = match typed.pat.as_ref() {
                syn::Pat::Ident(_) => LocalType {
                    types: self.owner_types(&typed.ty),
                    made_by: None,
                },
                _ => LocalType::default(),
            };
            for name in pat_idents(&typed.pat) {
                self.bind_type(name, types.clone());
            }
        }
    }

    /// `Zone.name` for `z.name` where `z` holds a `Zone` (see [`Self::local_struct`]).
    fn local_struct_field(&self, expr: &Expr) -> Option<String> {
        let Expr::Field(field) = expr else {
            return None;
        };
        let (Expr::Path(base), syn::Member::Named(member)) = (field.base.as_ref(), &field.member)
        else {
            return None;
        };
        let name = base.path.get_ident()?.to_string();
        let owner = self
            .local_structs
            .iter()
            .rev()
            .find(|(bound, _)| *bound == name)?
            .1
            .as_ref()?;
        Some(format!("{owner}.{member}"))
    }

    /// Names a pattern binds no longer mean the literal an earlier binding gave them.
    fn shadow(&mut self, pat: &syn::Pat) {
        for name in pat_idents(pat) {
            self.strings.push((name.clone(), None));
            self.bind_type(name.clone(), LocalType::default());
            self.bind_constant(name, None);
        }
    }

    /// Records the type `name` is now known to have in the function being read (see
    /// [`Self::typed_locals`]); past [`MAX_CONSTANT_LOCALS`] bindings the list is dropped for
    /// good (a look-up is a search of it, and a shadowing binding that could not be recorded
    /// would leave a stale type behind).
    fn bind_type(&mut self, name: String, local: LocalType) {
        if self.typed_locals_full {
            return;
        }
        if self.typed_locals.len() >= MAX_CONSTANT_LOCALS {
            self.typed_locals.clear();
            self.typed_locals_full = true;
            return;
        }
        self.typed_locals.push((name, local));
    }

    /// Records what `name` is bound to now in the function being read: a constant, or nothing
    /// that shadows an earlier constant. Past [`MAX_CONSTANT_LOCALS`] bindings the function's
    /// list is dropped for good (a look-up is a search of it, and a shadowing binding that could
    /// not be recorded would leave a stale constant behind).
    fn bind_constant(&mut self, name: String, value: Option<Rc<Expr>>) {
        if self.constant_locals_full {
            return;
        }
        if self.constant_locals.len() >= MAX_CONSTANT_LOCALS {
            self.constant_locals.clear();
            self.constant_locals_full = true;
            return;
        }
        self.constant_locals.push((name, value));
    }

    /// Records a statement of the function being read (or a file-level constant).
    /// A `const` or `static` whose value names functions (`static STEPS: [fn(Ctx); 3] = [locate,
    /// pull, apply]`, a table of handlers): whoever reads the table may call any of them.
    fn function_table(&mut self, name: &syn::Ident, value: &Expr) {
        let mut named = Vec::new();
        collect_bare_paths(value, &mut named);
        if !named.is_empty() {
            self.c.function_table(&name.to_string(), named);
        }
    }

    fn statement(&mut self, span: Span, uses: Vec<String>, defs: Vec<String>, returns: bool) {
        let (first, last) = lines(span);
        self.statement_at(first, last, uses, defs, returns);
    }

    /// Records a statement on the given lines.
    fn statement_at(
        &mut self,
        first: u32,
        last: u32,
        uses: Vec<String>,
        defs: Vec<String>,
        returns: bool,
    ) {
        let statement = Statement {
            first,
            last,
            uses,
            defs,
            returns,
        };
        match self.functions.last_mut() {
            Some(function) if function.statements.len() < MAX_FLOW_RECORDS => {
                function.statements.push(statement)
            }
            Some(_) => {}
            None if self.flow.constants.len() < MAX_FLOW_RECORDS => {
                self.flow.constants.push(statement)
            }
            None => {}
        }
    }

    /// Records a call: its arguments for the callee's parameters, and what `&mut` arguments and
    /// closures' parameters are given.
    fn call_site(
        &mut self,
        callee: String,
        qualifier: Option<String>,
        receiver: Option<&Expr>,
        args: &Punctuated<Expr, Token![,]>,
        at: u32,
    ) {
        if self.functions.is_empty() {
            return;
        }
        let arg_idents: Vec<Vec<String>> = args.iter().map(expr_idents).collect();
        let receiver_idents = receiver.map(expr_idents).unwrap_or_default();
        for (index, arg) in args.iter().enumerate() {
            if let Some(variable) = mutable_borrow(arg) {
                // `reader.read(&mut buf)`, `io::copy(&mut from, &mut to)`.
                let mut uses = receiver_idents.clone();
                for (other, idents) in arg_idents.iter().enumerate() {
                    if other != index {
                        uses.extend(idents.iter().cloned());
                    }
                }
                // From the receiver's first line: a chain formatted over several lines
                // (`TcpStream::connect(…)?\n.read_to_string(&mut command)`) fills the
                // buffer from what the first line opened.
                let (arg_first, last) = lines(arg.span());
                let first = receiver.map_or(arg_first, |r| lines(r.span()).0.min(arg_first));
                self.statement_at(first, last, uses, vec![variable], false);
            }
            if let Expr::Closure(closure) = arg {
                for input in &closure.inputs {
                    self.shadow(input);
                }
            }
            if let (Expr::Closure(closure), Some(receiver)) = (arg, receiver) {
                // `tasks.iter().for_each(|task| …)`: the parameters are the receiver's items.
                let defs = closure.inputs.iter().flat_map(pat_idents).collect();
                self.statement(receiver.span(), receiver_idents.clone(), defs, false);
            }
        }
        // `fs::write(path, data)`, `fs::copy(from, to)`: the file now holds the data, and what
        // is done with its path later (starting it) is done with the data.
        let written = match (receiver, callee.as_str(), args.len()) {
            (None, "write", 2) => Some((&args[0], &arg_idents[1])),
            (None, "copy", 2) => Some((&args[1], &arg_idents[0])),
            _ => None,
        };
        if let Some((path, data)) = written {
            if let Some(variable) = changed_variable(path) {
                self.statement(args.span(), data.clone(), vec![variable], false);
            }
        }
        // `Command::new("tar").args(["czf", &out, &dir])`: the files named in a packing
        // command's arguments hold what it packs (the walk the collector sees on these lines).
        // Only an array that says it packs (`czf`, `bundle create`) counts.
        // `Command::new("tar").args(["czf", &out, "-C", &dir, "."])`: the file a packing
        // command writes (the argument after `czf`, `bundle create`, `-o`) holds what it packs,
        // the walk the collector sees on these lines. Its inputs (`&dir`) are only read.
        if matches!(callee.as_str(), "arg" | "args") && args.len() == 1 {
            if let Some(program) = receiver.and_then(command_program) {
                let base = program
                    .rsplit(['/', '\\'])
                    .next()
                    .unwrap_or(&program)
                    .trim_end_matches(".exe")
                    .to_owned();
                let mut said = receiver.map(chain_literals).unwrap_or_default();
                let items: Vec<&Expr> = match &args[0] {
                    Expr::Array(array) => array.elems.iter().collect(),
                    other => vec![other],
                };
                let mut outputs: Vec<String> = Vec::new();
                for item in items {
                    if super::collector::output_follows(&base, &said) {
                        outputs.extend(expr_idents(item));
                    }
                    said.extend(string_literals(item));
                }
                if !outputs.is_empty() {
                    self.statement(args.span(), outputs.clone(), outputs, false);
                }
            }
        }
        if let (Some(receiver), true) = (receiver, FILLING_METHODS.contains(&callee.as_str())) {
            // `STATE.lock().unwrap().push(x)`, `TARGET.set(x)`: the static holds it.
            let mut guarded = Vec::new();
            if changed_variable(receiver).is_none() {
                self.wrapped_in(receiver, &mut guarded, 1);
            }
            if !guarded.is_empty() {
                let uses = arg_idents.iter().flatten().cloned().collect();
                self.statement(args.span(), uses, guarded, false);
            }
            if let Some(variable) = changed_variable(receiver) {
                let uses = arg_idents.iter().flatten().cloned().collect();
                // What is written to a writer lands in what it was built around.
                let mut defs = vec![variable.clone()];
                defs.extend(self_field(receiver));
                defs.extend(self.wrapped_by(&variable));
                self.statement(args.span(), uses, defs, false);
            }
        }
        let recorded = self
            .functions
            .last()
            .is_some_and(|f| f.calls.len() < MAX_FLOW_RECORDS);
        let receiver_type = match receiver {
            Some(receiver) if recorded => self.variable_types(receiver),
            _ => LocalType::default(),
        };
        if let Some(function) = self
            .functions
            .last_mut()
            .filter(|f| f.calls.len() < MAX_FLOW_RECORDS)
        {
            let on_self = matches!(receiver, Some(Expr::Path(path)) if path.path.is_ident("self"));
            let receiver_field = match receiver {
                Some(Expr::Field(field)) if matches!(field.base.as_ref(), Expr::Path(base) if base.path.is_ident("self")) => {
                    match &field.member {
                        syn::Member::Named(name) => Some(name.to_string()),
                        syn::Member::Unnamed(_) => None,
                    }
                }
                _ => None,
            };
            let chain = receiver.and_then(chain_root);
            // Called on anything (`self.0.get()`, `open().read()`) is a method, not the crate's
            // free function of that name.
            let method = receiver.is_some();
            let receiver = receiver.and_then(changed_variable);
            function.calls.push(CallSite {
                callee,
                called_value: self.called_value.take().unwrap_or_default(),
                qualifier,
                method,
                on_self,
                receiver,
                receiver_field,
                receiver_types: receiver_type.types,
                receiver_made_by: receiver_type.made_by,
                chain,
                args: arg_idents,
                arg_lines: args.iter().map(|arg| lines(arg.span())).collect(),
                line: at,
            });
        }
    }

    /// Walks a macro body that is not a list of expressions: literals, byte arrays, XOR, and
    /// paths that are used (called, or written with `::`), not names being declared.
    fn tokens(&mut self, tokens: TokenStream) {
        let mut stack: Vec<(Vec<TokenTree>, usize)> = vec![(tokens.into_iter().collect(), 0)];
        while let Some((trees, position)) = stack.last_mut() {
            let index = *position;
            let Some(tree) = trees.get(index).cloned() else {
                stack.pop();
                continue;
            };
            *position += 1;
            let trees: &[TokenTree] = trees;
            let mut push = None;
            match &tree {
                TokenTree::Ident(ident) => {
                    // `concat!("20", "3.0.", …)` in tokens no parser reads (a `macro_rules!`
                    // body): the pieces are joined as in parsed code.
                    if ident == "concat" {
                        if let Some(pieces) = concat_pieces(&trees[index + 1..]) {
                            let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
                            self.c.string_pieces(&pieces, line(ident.span()));
                        }
                    }
                    let previous = index.checked_sub(1).and_then(|p| trees.get(p));
                    let after_fn = matches!(previous, Some(TokenTree::Ident(i)) if i == "fn");
                    // Inside a path (`a::b`), not at the start of an absolute one
                    // (`::std::net::TcpStream`, as macros write paths).
                    let after_colon = matches!(previous, Some(TokenTree::Punct(p)) if p.as_char() == ':')
                        && !absolute_path_start(trees, index);
                    // After one `:` (a field's or a JSON key's), a value; after `::`, the rest
                    // of a path already read.
                    let after_path_colons = after_colon
                        && matches!(index.checked_sub(2).and_then(|p| trees.get(p)), Some(TokenTree::Punct(p)) if p.as_char() == ':');
                    let after_dot =
                        matches!(previous, Some(TokenTree::Punct(p)) if p.as_char() == '.');
                    if !after_fn && !after_path_colons {
                        let (path, next) = macro_path(trees, index);
                        let arguments = match trees.get(next) {
                            Some(TokenTree::Group(g))
                                if g.delimiter() == Delimiter::Parenthesis =>
                            {
                                Some(g)
                            }
                            _ => None,
                        };
                        if !after_colon && (path.len() >= 2 || arguments.is_some()) {
                            self.c.path(&path, line(ident.span()));
                        }
                        // A call of the package's own function with constants in a macro's
                        // body (`json!({"method": m("subscribe")})`), evaluated as in code;
                        // its arguments parsed only when it is one worth evaluating.
                        if let Some(group) =
                            arguments.filter(|_| !after_dot && self.c.may_evaluate(&path))
                        {
                            let parsed = syn::parse::Parser::parse2(
                                Punctuated::<Expr, Token![,]>::parse_terminated,
                                group.stream(),
                            );
                            if let Ok(parsed) = parsed {
                                if parsed.iter().all(super::evaluate::is_constant) {
                                    let parsed: Vec<Expr> = parsed.into_iter().collect();
                                    self.c.evaluate_exprs(&path, &parsed, line(ident.span()));
                                }
                            }
                        }
                    }
                }
                TokenTree::Punct(punct) => {
                    if punct.as_char() == '^' {
                        self.c.xor();
                    }
                }
                TokenTree::Literal(literal) => {
                    let at = line(literal.span());
                    match syn::parse_str::<Lit>(&literal.to_string()) {
                        Ok(Lit::Str(s)) => self.c.literal(&s.value(), at),
                        Ok(Lit::ByteStr(b)) => self.c.byte_literal(&b.value(), at),
                        Ok(Lit::Int(i)) => {
                            if let Ok(value) = i.base10_parse::<u64>() {
                                self.c.integer(value, at);
                            }
                        }
                        _ => {}
                    }
                }
                TokenTree::Group(group) => {
                    let bytes = (group.delimiter() == Delimiter::Bracket)
                        .then(|| byte_list(group.stream()))
                        .flatten();
                    match bytes {
                        Some(bytes) => self.c.byte_array(&bytes, line(group.span())),
                        None => push = Some(group.stream()),
                    }
                }
            }
            if let Some(stream) = push {
                if stack.len() < 256 {
                    stack.push((stream.into_iter().collect(), 0));
                }
            }
        }
    }
}

/// Whether the identifier at `index` starts an absolute path: `::` before it, and before that
/// nothing a path continues from (an identifier, `>` of generic arguments, `$crate`'s `crate`).
fn absolute_path_start(trees: &[TokenTree], index: usize) -> bool {
    let colons = index >= 2
        && matches!(&trees[index - 1], TokenTree::Punct(p) if p.as_char() == ':')
        && matches!(&trees[index - 2], TokenTree::Punct(p) if p.as_char() == ':');
    const KEYWORDS: [&str; 10] = [
        "break", "else", "if", "in", "let", "match", "move", "mut", "return", "while",
    ];
    let continues = index >= 3
        && match &trees[index - 3] {
            TokenTree::Ident(ident) => !KEYWORDS.iter().any(|k| ident == k),
            // `Vec::<u8>::new`, not a match arm's `=> ::std::…`.
            TokenTree::Punct(p) => {
                p.as_char() == '>'
                    && !(index >= 4
                        && matches!(&trees[index - 4], TokenTree::Punct(q) if q.as_char() == '=' || q.as_char() == '-'))
            }
            _ => false,
        };
    colons && !continues
}

/// The path `a::b::c` starting at `index`, and the index after it.
fn macro_path(trees: &[TokenTree], index: usize) -> (Vec<String>, usize) {
    let mut path = Vec::new();
    if let Some(TokenTree::Ident(first)) = trees.get(index) {
        path.push(first.to_string());
    }
    let mut next = index + 1;
    while let (
        Some(TokenTree::Punct(a)),
        Some(TokenTree::Punct(b)),
        Some(TokenTree::Ident(segment)),
    ) = (trees.get(next), trees.get(next + 1), trees.get(next + 2))
    {
        if a.as_char() != ':' || b.as_char() != ':' {
            break;
        }
        path.push(segment.to_string());
        next += 3;
    }
    (path, next)
}

/// `[1, 2, 0x41, …]` as bytes, if every element is an integer literal that fits in a byte.
fn byte_list(tokens: TokenStream) -> Option<Vec<u8>> {
    let mut bytes = Vec::new();
    let mut expect_value = true;
    for tree in tokens {
        match tree {
            TokenTree::Literal(literal) if expect_value => {
                let text = literal.to_string();
                let value = match super::lexer::parse_int(&text) {
                    Some(value) => u8::try_from(value).ok()?,
                    None => match syn::parse_str::<Lit>(&text).ok()? {
                        Lit::Byte(b) => b.value(),
                        Lit::Char(c) => u8::try_from(u32::from(c.value())).ok()?,
                        _ => return None,
                    },
                };
                bytes.push(value);
                expect_value = false;
            }
            TokenTree::Punct(p) if p.as_char() == ',' && !expect_value => expect_value = true,
            _ => return None,
        }
    }
    (bytes.len() >= 2).then_some(bytes)
}

/// An integer literal of any width (a negative one too), through casts.
fn int_value(expr: &Expr) -> Option<i64> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(i) => i.base10_parse::<i64>().ok(),
            Lit::Byte(b) => Some(i64::from(b.value())),
            Lit::Char(c) => Some(i64::from(u32::from(c.value()))),
            _ => None,
        },
        Expr::Unary(syn::ExprUnary {
            op: syn::UnOp::Neg(_),
            expr,
            ..
        }) => int_value(expr).and_then(i64::checked_neg),
        Expr::Cast(cast) => int_value(&cast.expr),
        _ => None,
    }
}

fn int_byte(expr: &Expr) -> Option<u8> {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Int(i) => i.base10_parse::<u8>().ok(),
            Lit::Byte(b) => Some(b.value()),
            Lit::Char(c) => u8::try_from(u32::from(c.value())).ok(),
            _ => None,
        },
        Expr::Cast(cast) => int_byte(&cast.expr),
        _ => None,
    }
}

impl<'ast> Visit<'ast> for Visitor<'_, '_> {
    fn visit_attribute(&mut self, _: &'ast Attribute) {
        // Doc comments and other attributes hold no code that runs.
    }

    fn visit_item_use(&mut self, item: &'ast syn::ItemUse) {
        let mut work: Vec<(Vec<String>, &UseTree)> = vec![(Vec::new(), &item.tree)];
        while let Some((prefix, tree)) = work.pop() {
            match tree {
                UseTree::Path(p) => {
                    let mut next = prefix.clone();
                    next.push(p.ident.to_string());
                    work.push((next, &p.tree));
                }
                UseTree::Name(n) => {
                    let mut full = prefix.clone();
                    full.push(n.ident.to_string());
                    let alias = if n.ident == "self" {
                        prefix.last().cloned().unwrap_or_default()
                    } else {
                        n.ident.to_string()
                    };
                    if n.ident == "self" {
                        full.pop();
                    }
                    self.c.import(&alias, &full.join("::"));
                }
                UseTree::Rename(r) => {
                    let mut full = prefix.clone();
                    full.push(r.ident.to_string());
                    self.c.import(&r.rename.to_string(), &full.join("::"));
                }
                UseTree::Group(g) => {
                    for tree in &g.items {
                        work.push((prefix.clone(), tree));
                    }
                }
                UseTree::Glob(_) => {}
            }
        }
    }

    fn visit_item_fn(&mut self, item: &'ast syn::ItemFn) {
        self.function(&item.sig, &item.attrs, &item.block);
    }

    fn visit_impl_item_fn(&mut self, item: &'ast syn::ImplItemFn) {
        self.function(&item.sig, &item.attrs, &item.block);
    }

    fn visit_trait_item_fn(&mut self, item: &'ast syn::TraitItemFn) {
        if let Some(block) = &item.default {
            self.function(&item.sig, &item.attrs, block);
        }
    }

    fn visit_item_mod(&mut self, item: &'ast syn::ItemMod) {
        let test = is_test(&item.attrs);
        if test {
            self.c.enter_test_region();
        }
        if item.content.is_some() && self.flow.modules.len() < MAX_INLINE_MODULES {
            self.flow.modules.push(item.ident.to_string());
        }
        visit::visit_item_mod(self, item);
        if test {
            self.c.leave_test_region();
        }
    }

    fn visit_item_impl(&mut self, item: &'ast syn::ItemImpl) {
        let test = is_test(&item.attrs);
        if test {
            self.c.enter_test_region();
        }
        if !item.items.is_empty() {
            self.c.item();
        }
        let owner = match item.self_ty.as_ref() {
            syn::Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
            _ => None,
        };
        let outer = std::mem::replace(&mut self.owner, owner);
        let implemented = item
            .trait_
            .as_ref()
            .and_then(|(_, path, _)| path.segments.last())
            .map(|s| s.ident.to_string());
        let outer_trait = std::mem::replace(&mut self.implementing, implemented);
        visit::visit_item_impl(self, item);
        self.owner = outer;
        self.implementing = outer_trait;
        if test {
            self.c.leave_test_region();
        }
    }

    fn visit_item_struct(&mut self, item: &'ast syn::ItemStruct) {
        self.c.item();
        self.connection_fields(&item.ident.to_string());
        visit::visit_item_struct(self, item);
    }

    fn visit_item_enum(&mut self, item: &'ast syn::ItemEnum) {
        self.c.item();
        visit::visit_item_enum(self, item);
    }

    fn visit_item_union(&mut self, item: &'ast syn::ItemUnion) {
        self.c.item();
        visit::visit_item_union(self, item);
    }

    fn visit_item_trait(&mut self, item: &'ast syn::ItemTrait) {
        self.c.item();
        for member in &item.items {
            if let syn::TraitItem::Fn(method) = member {
                let takes_self = matches!(method.sig.inputs.first(), Some(syn::FnArg::Receiver(_)));
                if takes_self && self.flow.trait_methods.len() < MAX_FLOW_RECORDS {
                    self.flow
                        .trait_methods
                        .push((item.ident.to_string(), method.sig.ident.to_string()));
                }
            }
        }
        let outer = self.owner.replace(item.ident.to_string());
        visit::visit_item_trait(self, item);
        self.owner = outer;
    }

    fn visit_item_type(&mut self, item: &'ast syn::ItemType) {
        self.c.item();
        visit::visit_item_type(self, item);
    }

    fn visit_item_const(&mut self, item: &'ast syn::ItemConst) {
        self.c.item();
        self.statement(
            item.expr.span(),
            expr_idents(&item.expr),
            vec![item.ident.to_string()],
            false,
        );
        self.function_table(&item.ident, &item.expr);
        visit::visit_item_const(self, item);
    }

    fn visit_item_static(&mut self, item: &'ast syn::ItemStatic) {
        self.c.item();
        self.statement(
            item.expr.span(),
            expr_idents(&item.expr),
            vec![item.ident.to_string()],
            false,
        );
        self.function_table(&item.ident, &item.expr);
        if let Some(how) = load_time(&item.attrs) {
            let mut names = Vec::new();
            collect_idents(item.expr.as_ref(), &mut names);
            self.c.load_time_static(&how, &names, line(item.span()));
        }
        visit::visit_item_static(self, item);
    }

    fn visit_item_macro(&mut self, item: &'ast syn::ItemMacro) {
        if item.ident.is_some() {
            // `macro_rules! name { … }` defines something.
            self.c.item();
        }
        visit::visit_item_macro(self, item);
    }

    fn visit_expr_call(&mut self, call: &'ast syn::ExprCall) {
        if let Expr::Path(path) = call.func.as_ref() {
            // Arguments as text cost a source look-up each; only calls the collector reads get them.
            let segments_of = &path.path.segments;
            let wanted = segments_of
                .last()
                .is_some_and(|s| CALLS_WITH_ARGUMENTS.contains(&s.ident.to_string().as_str()))
                // An address made from numbers (`Ipv4Addr::from([203, 0, 113, 5])`): `from` is
                // too common a name for every call of it to pay for its arguments' text.
                || (segments_of.len() >= 2
                    && segments_of.last().is_some_and(|s| s.ident == "from")
                    && segments_of[segments_of.len() - 2].ident == "Ipv4Addr");
            let args = if wanted {
                self.args(&call.args)
            } else {
                Vec::new()
            };
            self.c
                .call(&segments(&path.path), &args, line(call.func.span()));
            // An address made from the package's constants (`Ipv4Addr::from(NODE)`,
            // `Ipv4Addr::new(A, B, C, D ^ K)`, `Ipv4Addr::from([A, B, C, D])`): the numbers
            // written out are the collector's, values computed at run time nobody's.
            let constructs_address = segments_of.len() >= 2
                && segments_of[segments_of.len() - 2].ident == "Ipv4Addr"
                && segments_of.last().is_some_and(|s| {
                    s.ident == "from" || s.ident == "new" || s.ident == "from_bits"
                });
            let written_out = |arg: &Expr| match arg {
                Expr::Lit(_) => true,
                Expr::Array(array) => array.elems.iter().all(|e| matches!(e, Expr::Lit(_))),
                _ => false,
            };
            // A variable or a field alone (`Ipv4Addr::from(ip)`) is a value of the run, not of
            // the code: not worth one of the package's evaluations.
            let bare_variable = |arg: &Expr| {
                let mut arg = arg;
                while let Expr::Reference(r) = arg {
                    arg = &r.expr;
                }
                match arg {
                    Expr::Path(path) => !super::evaluate::is_constant(arg) && path.qself.is_none(),
                    Expr::Field(_) => true,
                    _ => false,
                }
            };
            if constructs_address
                && self.addresses_evaluated < MAX_ADDRESS_EVALUATIONS
                && !call.args.iter().all(written_out)
                && !call.args.iter().any(bare_variable)
            {
                self.addresses_evaluated += 1;
                self.c.evaluate_constant_expression(
                    &Expr::Call(call.clone()),
                    line(call.func.span()),
                );
            }
            if let (false, Some(callee)) = (wanted, segments_of.last()) {
                // (`panic::catch_unwind(prime)`, `thread::spawn(run)`)
                self.hand_over_paths(&callee.ident.to_string(), &call.args);
            }
            let names = segments(&path.path);
            let literals: Vec<(usize, String)> = call
                .args
                .iter()
                .enumerate()
                .filter_map(|(at, arg)| match arg {
                    Expr::Lit(syn::ExprLit {
                        lit: Lit::Str(s), ..
                    }) => Some((at, s.value())),
                    _ => None,
                })
                .collect();
            if let (false, Some(callee)) = (literals.is_empty(), names.last()) {
                let of_type = names.len() >= 2
                    && names[names.len() - 2]
                        .bytes()
                        .next()
                        .is_some_and(|b| b.is_ascii_uppercase());
                if !of_type {
                    self.c
                        .program_through_helper(callee, &literals, line(call.func.span()));
                }
            }
            if !wanted {
                match self.constant_args(names.last(), &call.args) {
                    Some(exprs) => self
                        .c
                        .evaluate_exprs(&names, &exprs, line(call.func.span())),
                    // A decoder handed one value of the run (`unpack(slot)`).
                    None if call.args.len() == 1 => {
                        self.c.evaluate_indices(&names, line(call.func.span()));
                    }
                    None => {}
                }
            }
            if !wanted {
                // Constants handed to a decoding helper (`unpack(tables::T_SH)`), read off the
                // syntax tree: the text of every argument would cost a look-up each.
                let constants: Vec<String> = call
                    .args
                    .iter()
                    .filter_map(|arg| {
                        let arg = match arg {
                            Expr::Reference(reference) => reference.expr.as_ref(),
                            other => other,
                        };
                        match arg {
                            Expr::Path(path) => Some(path.path.segments.last()?.ident.to_string()),
                            _ => None,
                        }
                    })
                    .collect();
                if !constants.is_empty() {
                    let constants: Vec<&str> = constants.iter().map(String::as_str).collect();
                    self.c
                        .decoder_call(&names, &constants, line(call.func.span()));
                }
            }
            // A call of a closure bound to a name gives its parameters the arguments.
            let closure = match names.as_slice() {
                [name] => self
                    .closures
                    .iter()
                    .rev()
                    .find(|(bound, _)| bound == name)
                    .map(|(_, params)| params.clone()),
                _ => None,
            };
            for (params, arg) in closure.into_iter().flatten().zip(&call.args) {
                self.statement(arg.span(), expr_idents(arg), params, false);
            }
            if let Some(callee) = names.last() {
                let qualifier = names.len().checked_sub(2).map(|i| names[i].clone());
                self.call_site(
                    callee.clone(),
                    qualifier,
                    None,
                    &call.args,
                    line(call.func.span()),
                );
            }
            for arg in &call.args {
                self.visit_expr(arg);
            }
        } else {
            // A call through a pointer (`(self.on_line)(text)`, `TABLE[op](vm)`): no name to
            // follow, so an empty one and what the pointer is read from, which [`super::flow`]
            // reads as an indirect call.
            self.called_value = Some(expr_idents(&call.func));
            self.call_site(
                String::new(),
                None,
                None,
                &call.args,
                line(call.func.span()),
            );
            visit::visit_expr_call(self, call);
        }
    }

    fn visit_expr_unary(&mut self, unary: &'ast syn::ExprUnary) {
        let negates = matches!(unary.op, syn::UnOp::Not(_));
        self.negations += usize::from(negates);
        visit::visit_expr_unary(self, unary);
        self.negations -= usize::from(negates);
    }

    fn visit_expr_if(&mut self, expr: &'ast syn::ExprIf) {
        // `if <test> { continue; }`: what the test matches is skipped.
        let skips = matches!(
            expr.then_branch.stmts.as_slice(),
            [syn::Stmt::Expr(Expr::Continue(_) | Expr::Return(_), _)]
        );
        self.negations += usize::from(skips);
        self.visit_expr(&expr.cond);
        self.negations -= usize::from(skips);
        self.visit_block(&expr.then_branch);
        if let Some((_, otherwise)) = &expr.else_branch {
            self.visit_expr(otherwise);
        }
    }

    fn visit_expr_method_call(&mut self, call: &'ast syn::ExprMethodCall) {
        self.visit_expr(&call.receiver);
        let method = call.method.to_string();
        let wanted = METHODS_WITH_ARGUMENTS.contains(&method.as_str());
        let (receiver, args) = if wanted {
            (self.text(call.receiver.span()), self.args(&call.args))
        } else {
            (String::new(), Vec::new())
        };
        self.c
            .method(&method, &receiver, &args, line(call.method.span()));
        if method == "push" && call.args.len() == 2 {
            self.c.two_argument_push();
        }
        // A variable's name tested against a piece (`k.starts_with("LIBFOO_")`,
        // `k.contains("TOKEN")`): which of `env::vars()` the code keeps.
        if matches!(method.as_str(), "starts_with" | "ends_with" | "contains") {
            if let Some(Expr::Lit(syn::ExprLit {
                lit: Lit::Str(piece),
                ..
            })) = call.args.first()
            {
                self.c.name_filter(&piece.value(), self.negations % 2 == 1);
            }
        }
        // A constant turned into text by a chain of the standard library's methods
        // (`INIT_REV.chars().rev().collect()`, `KEY.iter().map(|b| b ^ 0x17).collect()`): what it
        // spells, evaluated where it is collected.
        if method == "collect" && constant_chain(&call.receiver) {
            self.c.evaluate_constant_expression(
                &Expr::MethodCall(call.clone()),
                line(call.method.span()),
            );
        }
        if matches!(method.as_str(), "contains" | "binary_search") && call.args.len() == 1 {
            let mut receiver = call.receiver.as_ref();
            while let Expr::Reference(r) = receiver {
                receiver = &r.expr;
            }
            if let Expr::Path(path) = receiver {
                if let Some(last) = path.path.segments.last() {
                    self.c
                        .looked_up_in(&last.ident.to_string(), line(call.method.span()));
                }
            }
        }
        if !wanted {
            // (`.spawn(calib::run)`)
            self.hand_over_paths(&method, &call.args);
        }
        self.call_site(
            method,
            None,
            Some(&call.receiver),
            &call.args,
            line(call.method.span()),
        );
        for arg in &call.args {
            self.visit_expr(arg);
        }
    }

    fn visit_stmt(&mut self, stmt: &'ast syn::Stmt) {
        let mut bound_types: Vec<(String, LocalType)> = Vec::new();
        match stmt {
            syn::Stmt::Local(local) => {
                if let (Some(init), syn::Pat::Ident(name)) = (&local.init, &local.pat) {
                    if let Expr::Closure(closure) = init.expr.as_ref() {
                        let params = closure.inputs.iter().map(pat_idents).collect();
                        self.closures.push((name.ident.to_string(), params));
                    }
                    self.wrapper(&name.ident.to_string(), &init.expr);
                }
                // Every name a `let` binds: its literal, or nothing (a shadowing binding must
                // not keep an earlier literal's meaning).
                let literal = match (&local.init, &local.pat) {
                    (Some(init), syn::Pat::Ident(_)) => chosen_string(&init.expr),
                    _ => None,
                };
                let constant = match (&local.init, &local.pat) {
                    (Some(init), syn::Pat::Ident(_))
                        if init.diverge.is_none()
                            && small_constant(&init.expr)
                            && super::evaluate::is_constant(&init.expr) =>
                    {
                        Some(Rc::new(init.expr.as_ref().clone()))
                    }
                    _ => None,
                };
                let held = self.local_struct(local);
                // Bound once the initialiser is read: `let board = board.lock()?` calls a
                // method of the earlier `board`.
                let types = self.local_types(local);
                for name in pat_idents(&local.pat) {
                    self.strings.push((name.clone(), literal.clone()));
                    self.local_structs.push((name.clone(), held.clone()));
                    bound_types.push((name.clone(), types.clone()));
                    self.bind_constant(name, constant.clone());
                }
                match (&local.init, &local.pat) {
                    // `let (cfg, keys) = (self.cfg.clone(), self.keys.clone());`: each name
                    // is given its own value, not what the others are.
                    (Some(init), syn::Pat::Tuple(names))
                        if init.diverge.is_none()
                            && matches!(init.expr.as_ref(), Expr::Tuple(values)
                                if values.elems.len() == names.elems.len()) =>
                    {
                        if let Expr::Tuple(values) = init.expr.as_ref() {
                            for (name, value) in names.elems.iter().zip(&values.elems) {
                                self.statement(
                                    value.span(),
                                    expr_idents(value),
                                    pat_idents(name),
                                    false,
                                );
                            }
                        }
                    }
                    (Some(init), _) => {
                        let mut uses = expr_idents(&init.expr);
                        if let Some((_, diverge)) = &init.diverge {
                            uses.extend(expr_idents(diverge));
                        }
                        self.statement(init.expr.span(), uses, pat_idents(&local.pat), false);
                    }
                    (None, _) => {}
                }
            }
            syn::Stmt::Expr(expr, semicolon) => {
                // The function's tail expression is what it returns.
                let returns = semicolon.is_none()
                    && self.tail == Some((lines(expr.span()), self.functions.len()));
                // A block-like statement whose value is not used is only its head: the
                // statements inside it are recorded on their own (reading the whole body again
                // for every level of nesting is what made deep code slow).
                let uses = if returns {
                    expr_idents(expr)
                } else {
                    head_idents(expr)
                };
                self.statement(expr.span(), uses, Vec::new(), returns);
            }
            syn::Stmt::Macro(mac) => {
                let mut uses = Vec::new();
                Idents(&mut uses).visit_macro(&mac.mac);
                // `write!(buf, …)` fills `buf`.
                let fills = mac
                    .mac
                    .path
                    .segments
                    .last()
                    .is_some_and(|s| s.ident == "write" || s.ident == "writeln");
                let defs = match (fills, mac.mac.tokens.clone().into_iter().next()) {
                    (true, Some(TokenTree::Ident(target))) => vec![target.to_string()],
                    _ => Vec::new(),
                };
                self.statement(mac.span(), uses, defs, false);
            }
            syn::Stmt::Item(_) => {}
        }
        visit::visit_stmt(self, stmt);
        for (name, types) in bound_types {
            self.bind_type(name, types);
        }
    }

    fn visit_expr_assign(&mut self, assign: &'ast syn::ExprAssign) {
        if let Some(variable) = changed_variable(&assign.left) {
            self.strings
                .push((variable.clone(), chosen_string(&assign.right)));
            self.bind_constant(variable.clone(), None);
            let mut defs = vec![variable];
            defs.extend(self_field(&assign.left));
            defs.extend(self.local_struct_field(&assign.left));
            self.statement(assign.right.span(), expr_idents(&assign.right), defs, false);
        }
        visit::visit_expr_assign(self, assign);
    }

    /// `Plan { roots }`, `Self { roots: found }`: each field is written with its value, as
    /// `Plan.roots`, which a method of `Plan` reads as `self.roots` (see [`super::flow`]). The
    /// literal as a whole uses its fields, so that what a field's own statement claims (a call's
    /// return on its line) is still in the value built.
    fn visit_expr_struct(&mut self, literal: &'ast syn::ExprStruct) {
        if !self.functions.is_empty() {
            for (field, value) in literal_fields(literal) {
                self.statement(value.span(), expr_idents(value), vec![field], false);
            }
        }
        visit::visit_expr_struct(self, literal);
    }

    fn visit_expr_for_loop(&mut self, for_loop: &'ast syn::ExprForLoop) {
        self.shadow(&for_loop.pat);
        self.statement(
            for_loop.expr.span(),
            expr_idents(&for_loop.expr),
            pat_idents(&for_loop.pat),
            false,
        );
        visit::visit_expr_for_loop(self, for_loop);
    }

    fn visit_expr_let(&mut self, binding: &'ast syn::ExprLet) {
        self.shadow(&binding.pat);
        // `if let Ok(mut guard) = STATE.lock()`: what is put into the guard is put into the
        // static (see `wrapped_in`).
        if let [name] = pat_idents(&binding.pat).as_slice() {
            self.wrapper(name, &binding.expr);
        }
        self.statement(
            binding.expr.span(),
            expr_idents(&binding.expr),
            pat_idents(&binding.pat),
            false,
        );
        visit::visit_expr_let(self, binding);
    }

    fn visit_expr_match(&mut self, expr: &'ast syn::ExprMatch) {
        for arm in &expr.arms {
            self.shadow(&arm.pat);
        }
        let defs = expr
            .arms
            .iter()
            .flat_map(|arm| pat_idents(&arm.pat))
            .collect();
        self.statement(expr.expr.span(), expr_idents(&expr.expr), defs, false);
        visit::visit_expr_match(self, expr);
    }

    fn visit_expr_return(&mut self, ret: &'ast syn::ExprReturn) {
        if let Some(value) = &ret.expr {
            self.statement(value.span(), expr_idents(value), Vec::new(), true);
        }
        visit::visit_expr_return(self, ret);
    }

    fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
        self.c.path(&segments(&path.path), line(path.span()));
    }

    fn visit_type_path(&mut self, path: &'ast syn::TypePath) {
        self.c.path(&segments(&path.path), line(path.span()));
        visit::visit_type_path(self, path);
    }

    fn visit_lit(&mut self, lit: &'ast Lit) {
        match lit {
            Lit::Str(s) => self.c.literal(&s.value(), line(s.span())),
            Lit::ByteStr(b) => self.c.byte_literal(&b.value(), line(b.span())),
            Lit::CStr(c) => self.c.literal(&c.value().to_string_lossy(), line(c.span())),
            Lit::Int(i) => {
                if let Ok(value) = i.base10_parse::<u64>() {
                    self.c.integer(value, line(i.span()));
                }
            }
            _ => {}
        }
    }

    fn visit_expr_array(&mut self, array: &'ast syn::ExprArray) {
        let bytes: Option<Vec<u8>> = array.elems.iter().map(int_byte).collect();
        // Numbers wider than bytes (`[u16; N]` tables), which the byte path does not read.
        let wider = || -> Option<Vec<i64>> {
            (array.elems.len() >= 6)
                .then(|| array.elems.iter().map(int_value).collect())
                .flatten()
        };
        let values = if bytes.is_none() { wider() } else { None };
        match (bytes, values) {
            (Some(bytes), _) if bytes.len() >= 2 => self.c.byte_array(&bytes, line(array.span())),
            (_, Some(values)) => {
                self.c.integer_table(&values, line(array.span()));
                visit::visit_expr_array(self, array)
            }
            _ => {
                let pieces: Option<Vec<String>> = array
                    .elems
                    .iter()
                    .map(|e| match e {
                        syn::Expr::Lit(syn::ExprLit {
                            lit: Lit::Str(s), ..
                        }) => Some(s.value()),
                        _ => None,
                    })
                    .collect();
                if let Some(pieces) = pieces {
                    let pieces: Vec<&str> = pieces.iter().map(String::as_str).collect();
                    self.c.string_pieces(&pieces, line(array.span()));
                }
                visit::visit_expr_array(self, array)
            }
        }
    }

    fn visit_expr_reference(&mut self, reference: &'ast syn::ExprReference) {
        // Lent mutably (`fill(&mut key)`), a local no longer holds the constant it was bound to.
        if reference.mutability.is_some() {
            if let Some(variable) = changed_variable(&reference.expr) {
                self.bind_constant(variable, None);
            }
        }
        visit::visit_expr_reference(self, reference);
    }

    fn visit_expr_binary(&mut self, binary: &'ast syn::ExprBinary) {
        // Any compound assignment changes a local that may have stood for a constant.
        if is_compound_assignment(&binary.op) {
            if let Some(variable) = changed_variable(&binary.left) {
                self.bind_constant(variable, None);
            }
        }
        if matches!(
            binary.op,
            syn::BinOp::AddAssign(_) | syn::BinOp::BitXorAssign(_) | syn::BinOp::BitOrAssign(_)
        ) {
            if let Some(variable) = changed_variable(&binary.left) {
                let mut uses = expr_idents(&binary.right);
                uses.push(variable.clone());
                let mut defs = vec![variable];
                defs.extend(self_field(&binary.left));
                self.statement(binary.right.span(), uses, defs, false);
            }
        }
        if matches!(
            binary.op,
            syn::BinOp::BitXor(_) | syn::BinOp::BitXorAssign(_)
        ) {
            self.c.xor();
        }
        visit::visit_expr_binary(self, binary);
    }

    fn visit_expr_cast(&mut self, cast: &'ast syn::ExprCast) {
        if let syn::Type::Path(path) = cast.ty.as_ref() {
            if path.path.is_ident("char") {
                self.c.char_arithmetic();
            }
        }
        visit::visit_expr_cast(self, cast);
    }

    fn visit_macro(&mut self, mac: &'ast syn::Macro) {
        let name = mac
            .path
            .segments
            .last()
            .map(|s| s.ident.to_string())
            .unwrap_or_default();
        let at = line(mac.path.span());
        // The `quote` crate's macros, not one of the package's own of that name.
        if matches!(name.as_str(), "quote" | "quote_spanned") && !self.c.defines_macro(&name) {
            self.c.enter_emitted_code();
            self.tokens(mac.tokens.clone());
            self.c.leave_emitted_code();
            return;
        }
        self.c.evaluate_macro(mac, &name, at);
        // Code a procedural macro emits runs in its user's program, not in the compiler; the
        // literals in it are still read.
        let parsed = mac.parse_body_with(Punctuated::<Expr, Token![,]>::parse_terminated);
        match parsed {
            Ok(exprs) => {
                let args = self.args(&exprs);
                self.c.macro_call(&name, &args, at);
                // `write!(out, "…", data)` is `out.write_fmt(…)`: what is formatted lands in
                // `out`, or is sent when `out` is a connection.
                if matches!(name.as_str(), "write" | "writeln") && exprs.len() >= 2 {
                    let destination = exprs[0].clone();
                    let formatted: Punctuated<Expr, Token![,]> =
                        exprs.iter().skip(1).cloned().collect();
                    self.call_site(
                        "write_fmt".to_owned(),
                        None,
                        Some(&destination),
                        &formatted,
                        at,
                    );
                }
                if name == "vec" {
                    let bytes: Option<Vec<u8>> = exprs.iter().map(int_byte).collect();
                    if let Some(bytes) = bytes.filter(|b| b.len() >= 2) {
                        self.c.byte_array(&bytes, at);
                        return;
                    }
                }
                for expr in &exprs {
                    self.visit_expr(expr);
                }
            }
            Err(_) => {
                self.c.macro_call(&name, &[], at);
                self.tokens(mac.tokens.clone());
            }
        }
    }
}

/// The string literals of a `concat!` invocation's tokens (`!` and the group that follow the
/// macro's name), when they are all it holds.
fn concat_pieces(after_name: &[TokenTree]) -> Option<Vec<String>> {
    let [TokenTree::Punct(bang), TokenTree::Group(group), ..] = after_name else {
        return None;
    };
    if bang.as_char() != '!' {
        return None;
    }
    let mut pieces = Vec::new();
    for (position, tree) in group.stream().into_iter().enumerate() {
        match tree {
            TokenTree::Punct(comma) if position % 2 == 1 && comma.as_char() == ',' => {}
            TokenTree::Literal(literal) if position % 2 == 0 => {
                match syn::parse_str::<Lit>(&literal.to_string()) {
                    Ok(Lit::Str(piece)) => pieces.push(piece.value()),
                    _ => return None,
                }
            }
            _ => return None,
        }
    }
    Some(pieces)
}

/// Identifiers an expression mentions (the functions a load-time static points at).
/// Whether an operator assigns (`+=`, `^=`, `<<=`, …).
fn is_compound_assignment(op: &syn::BinOp) -> bool {
    use syn::BinOp::*;
    matches!(
        op,
        AddAssign(_)
            | SubAssign(_)
            | MulAssign(_)
            | DivAssign(_)
            | RemAssign(_)
            | BitXorAssign(_)
            | BitAndAssign(_)
            | BitOrAssign(_)
            | ShlAssign(_)
            | ShrAssign(_)
    )
}

/// Most bindings recorded for one function's constants (see `Visitor::bind_constant`).
const MAX_CONSTANT_LOCALS: usize = 256;

/// Most bytes or elements of a constant a local may stand for: a key or a short table, not a
/// blob copied into every call that names it.
const MAX_LOCAL_CONSTANT: usize = 4096;

/// Whether a constant expression is small enough to stand in for a local (see
/// [`MAX_LOCAL_CONSTANT`]).
fn small_constant(expr: &Expr) -> bool {
    match expr {
        Expr::Lit(lit) => match &lit.lit {
            Lit::Str(s) => s.value().len() <= MAX_LOCAL_CONSTANT,
            Lit::ByteStr(b) => b.value().len() <= MAX_LOCAL_CONSTANT,
            _ => true,
        },
        Expr::Array(array) => array.elems.len() <= MAX_LOCAL_CONSTANT,
        Expr::Reference(r) => small_constant(&r.expr),
        Expr::Paren(p) => small_constant(&p.expr),
        Expr::MethodCall(m) => small_constant(&m.receiver),
        Expr::Macro(m) => m.mac.tokens.to_string().len() <= MAX_LOCAL_CONSTANT,
        _ => true,
    }
}

/// Most functions one table is taken to name.
const MAX_TABLE_FUNCTIONS: usize = 32;

/// The one-word paths in lower case an expression holds (`locate` in `[locate, pull]`,
/// `("json", parse_json)`): the functions a table names, or a closure's own parameters, which
/// name no function and so reach nothing.
fn collect_bare_paths(expr: &Expr, out: &mut Vec<String>) {
    struct Paths<'o>(&'o mut Vec<String>);
    impl<'ast> Visit<'ast> for Paths<'_> {
        fn visit_expr_path(&mut self, path: &'ast syn::ExprPath) {
            if let (None, Some(ident)) = (&path.qself, path.path.get_ident()) {
                let name = ident.to_string();
                if name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
                    && self.0.len() < MAX_TABLE_FUNCTIONS
                    && !self.0.contains(&name)
                {
                    self.0.push(name);
                }
            }
        }
    }
    Paths(out).visit_expr(expr);
}

fn collect_idents(expr: &Expr, out: &mut Vec<String>) {
    struct Idents<'o>(&'o mut Vec<String>);
    impl<'ast> Visit<'ast> for Idents<'_> {
        fn visit_ident(&mut self, ident: &'ast proc_macro2::Ident) {
            self.0.push(ident.to_string());
        }
    }
    Idents(out).visit_expr(expr);
}

#[cfg(test)]
mod tests {
    use super::chosen_string;

    fn chosen(expr: &str) -> Option<String> {
        chosen_string(&syn::parse_str(expr).unwrap())
    }

    /// The program a binding names: a literal, a choice of literals, or the user's shell.
    #[test]
    fn chosen_programs() {
        assert_eq!(chosen("\"curl\""), Some("curl".to_owned()));
        assert_eq!(
            chosen("if cfg!(windows) { \"pythonw\" } else { \"python3\" }"),
            Some("python3".to_owned())
        );
        assert_eq!(
            chosen("std::env::var_os(\"SHELL\").filter(|s| !s.is_empty()).unwrap_or_default()"),
            Some("sh".to_owned())
        );
        assert_eq!(
            chosen("env::var(\"COMSPEC\").unwrap()"),
            Some("cmd".to_owned())
        );
        assert_eq!(chosen("env::var(\"SHELL\")?"), Some("sh".to_owned()));
        // Another variable, or a literal changed by a method, names no program.
        assert_eq!(chosen("env::var(\"EDITOR\").unwrap()"), None);
        assert_eq!(chosen("\"sh\".repeat(2)"), None);
    }
}
