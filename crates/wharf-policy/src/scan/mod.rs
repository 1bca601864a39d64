//! The content scanner: malicious and obfuscated code, miners, squatting and spam, found in the
//! files of an upload.
//!
//! One pass per package, over the file contents `wharf-tarball` kept while reading the archive:
//!
//! 1. [`context`] decides where each Rust file runs (build script, procedural macro, library,
//!    binary, tests, …) from the manifest and the paths;
//! 2. [`prefilter`] finds the vocabulary of each file with one Aho-Corasick search (run before
//!    step 1, which it tells which files pull others in), and picks the files whose vocabulary
//!    could add up to a finding (build scripts and procedural macros are always read);
//! 3. build scripts are parsed with `syn` ([`syntax`]); other files are walked as tokens
//!    ([`fallback`]) and parsed only when the walk finds something that could become a finding
//!    (in procedural macros, anything at all; files that do not parse or nest too deeply stay
//!    with the walk); both front ends report to the [`collector`], which knows what APIs,
//!    programs, paths and hosts mean, with help from [`text`] (indicators in strings) and
//!    [`decode`] (literals decoded the way malware decodes them);
//! 4. [`score`] combines the resulting [`Signal`]s, per target, into findings;
//! 5. [`squat`], [`not_a_crate`] and [`spam`] judge the package as a whole and what people read
//!    about it.
//!
//! The words all of these look for (names, paths, programs, hosts, variables, phrases) are data,
//! kept apart from the logic in [`vocabulary`].
//!
//! Parsing runs on a thread of its own with a large stack, so that no input can overflow the
//! caller's stack, and a panic in the scanner becomes a finding instead of a crash.
//!
//! A scan has a [`Budget`] of CPU time and of signals. An upload built to be expensive (files of
//! nothing but the words the scanner looks for) spends it, and the scan stops there: the package
//! is held for people to read (`scan.budget`), never let through unread.

pub mod collector;
pub mod constants;
pub mod context;
pub mod decode;
pub mod evaluate;
pub mod fallback;
pub mod flow;
pub mod lexer;
pub mod not_a_crate;
pub mod prefilter;
pub mod score;
pub mod signal;
pub mod spam;
pub mod squat;
pub mod syntax;
pub mod text;
pub mod time_bomb;
pub mod vocabulary;

use std::collections::BTreeMap;

/// The scanner's hash maps and sets: keyed by what an upload's code spells (identifiers,
/// literals, paths), looked up millions of times a scan. foldhash is several times cheaper than
/// the standard library's SipHash on such short keys and, seeded afresh in every process, still
/// leaves no fixed collision set for an upload to aim at.
pub(crate) type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
/// See [`HashMap`].
pub(crate) type HashSet<T> = std::collections::HashSet<T, foldhash::fast::RandomState>;

use wharf_tarball::{Contents, Tarball};

use crate::verdict::{Finding, Verdict};
use collector::{CallGraph, Collector, Include};
use context::{Context, Exposure};
use prefilter::{Prefiltered, Vocabulary};
pub use score::{rules, PackageFacts};
pub use signal::{HostClass, Origin, ProgramClass, Sensitivity, Signal, SignalKind};
use vocabulary::{IDENTITY_HASHES, OBFUSCATION_CRATES};

/// Stack of the scanning thread: `syn` recurses once per nesting level, and files are only given
/// to it below [`MAX_NESTING`], which this covers many times over even in debug builds.
const SCAN_STACK: usize = 256 * 1024 * 1024;

/// Files that nest deeper than this are walked as tokens instead of parsed.
const MAX_NESTING: usize = 256;

/// Files larger than this are walked as tokens: they are generated bindings and tables, which
/// `syn` would spend most of the scan on.
const MAX_PARSED_FILE: usize = 256 * 1024;

/// What one package's scan may cost before it stops and the package is held for review.
#[derive(Debug, Clone, Copy)]
pub struct Budget {
    /// CPU time of the scanning thread (not wall time, so a busy machine does not hold honest
    /// crates).
    pub cpu: std::time::Duration,
    /// Signals collected. The largest real crates seen give a few hundred; an adversarial 4 MiB
    /// file gives tens of thousands, and combining them is what grows faster than the input.
    pub signals: usize,
}

/// The budget of every upload's scan: many times what the largest real crates take (0.1 s and
/// under 200 signals among the 1,150 measured; see BENCHMARKS.md).
pub const BUDGET: Budget = Budget {
    cpu: std::time::Duration::from_secs(10),
    signals: 10_000,
};

/// Networking files larger than this are not parsed again for data flow: a second parse of a
/// large file costs more than the rest of its crate's scan, and code that takes commands from
/// the network is a small file in every sample we have.
const FLOW_REPARSE_LIMIT: usize = 64 * 1024;

/// Files larger than this are walked one at a time across the process (see [`BIG_FILE_WALKS`]).
const BIG_FILE: usize = 512 * 1024;

/// Held while a file larger than [`BIG_FILE`] is tokenized and walked.
static BIG_FILE_WALKS: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// What the scanner found in one package.
#[derive(Debug, Clone, Default)]
pub struct Report {
    pub signals: Vec<Signal>,
    pub findings: Vec<Finding>,
    /// Rust files parsed with `syn`, walked as tokens, and skipped by the prefilter.
    pub parsed: usize,
    pub walked: usize,
    pub skipped: usize,
}

/// The scanner's findings for a package: every content rule.
pub fn content_findings(tarball: &Tarball) -> Vec<Finding> {
    scan_package(tarball).findings
}

/// The threads packages are scanned on, one per core, each with the deep stack parsing needs.
/// Kept for the process's life: a thread started per package found its stack and its
/// allocator's pages unmapped every time, and paid for faulting them in again (BENCHMARKS.md,
/// "A pool of scanning threads"). Concurrent uploads wait for a free thread, as they would for
/// a free core.
static SCAN_POOL: std::sync::OnceLock<Option<rayon_core::ThreadPool>> = std::sync::OnceLock::new();

fn scan_pool() -> Option<&'static rayon_core::ThreadPool> {
    SCAN_POOL
        .get_or_init(|| {
            let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
            rayon_core::ThreadPoolBuilder::new()
                .num_threads(threads)
                .stack_size(SCAN_STACK)
                .thread_name(|i| format!("wharf-scan-{i}"))
                .build()
                .ok()
        })
        .as_ref()
}

/// Scans a package on a thread with a large stack.
pub fn scan_package(tarball: &Tarball) -> Report {
    let outcome = match scan_pool() {
        // A scan that panics is reported as unscanned, and the thread lives on.
        Some(pool) => pool.install(|| {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                analyse(tarball, true, BUDGET)
            }))
            .ok()
        }),
        // No threads to be had: the token walker needs no deep stack.
        None => Some(analyse(tarball, false, BUDGET)),
    };
    outcome.unwrap_or_else(|| Report {
        findings: vec![Finding {
            rule: rules::UNSCANNED.to_owned(),
            severity: Verdict::Flag,
            file: None,
            line: None,
            evidence: "the content scanner failed on this package; it needs a moderator's look"
                .to_owned(),
        }],
        ..Report::default()
    })
}

/// Why a scan stopped before reading every file it meant to.
#[derive(Debug, Clone, Copy)]
enum Exhausted {
    Time(std::time::Duration),
    Signals(usize),
}

/// Scans a package on the caller's thread with the given budget; [`scan_package`] is what uploads
/// get.
pub fn scan_with_budget(tarball: &Tarball, budget: Budget) -> Report {
    analyse(tarball, false, budget)
}

fn analyse(tarball: &Tarball, use_syn: bool, budget: Budget) -> Report {
    decode::forget_answers();
    let started = cpu_time::ThreadTime::try_now().ok();
    let spent = move || started.map_or(std::time::Duration::ZERO, |t| t.elapsed());
    let mut exhausted: Option<Exhausted> = None;
    let mut unread = 0usize;
    // The prefilter reads every Rust file first, once: what it finds also tells `context` which
    // files pull others in.
    let prefiltered: HashMap<&str, Prefiltered> = tarball
        .files
        .iter()
        .filter(|f| f.path.ends_with(".rs"))
        .filter_map(|f| Some((f.path.as_str(), Prefiltered::of(f.bytes()?))))
        .collect();
    let contexts = context::rust_file_contexts_with(tarball, &|path, _| {
        prefiltered.get(path).is_none_or(|p| p.names_files)
    });
    let files: HashMap<&str, &wharf_tarball::FileEntry> =
        tarball.files.iter().map(|f| (f.path.as_str(), f)).collect();
    let mut report = Report::default();
    let mut signals = Vec::new();

    // Vocabulary per file and per target.
    let mut sources: Vec<(&str, Context, &[u8], Vocabulary)> = Vec::new();
    for (path, &context) in &contexts {
        let Some(file) = files.get(path.as_str()) else {
            continue;
        };
        match &file.contents {
            Contents::Kept(bytes) => {
                let vocabulary = match prefiltered.get(path.as_str()) {
                    Some(found) => found.vocabulary,
                    None => Prefiltered::of(bytes).vocabulary,
                };
                sources.push((path, context, bytes, vocabulary));
            }
            other => {
                let reason = match other {
                    Contents::Binary => "it is not text".to_owned(),
                    // Over the size one file may be kept at, or kept after the package's
                    // text had filled what one upload may keep (a small file of a huge crate).
                    _ => format!(
                        "it was not kept for reading ({} bytes): too large, or the package's \
                         other text had already filled what one upload may keep",
                        file.size
                    ),
                };
                signals.push(Signal {
                    kind: SignalKind::Unscanned { reason },
                    context,
                    file: path.clone(),
                    line: 0,
                    snippet: String::new(),
                    scope: None,
                    origin: Origin::Static,
                });
            }
        }
    }
    let group = |c: Context| match c.exposure() {
        Exposure::DevOnly => Context::Test,
        _ => c,
    };
    let mut target_vocabulary: BTreeMap<Context, Vocabulary> = BTreeMap::new();
    for (_, context, _, vocabulary) in &sources {
        let entry = target_vocabulary.entry(group(*context)).or_default();
        *entry = entry.union(*vocabulary);
    }
    let has_executables = tarball
        .files
        .iter()
        .any(|f| decode::shipped_executable(&f.head).is_some());

    let constants = constants::Constants::new(
        sources
            .iter()
            .map(|(path, _, bytes, _)| (*path, *bytes))
            .collect(),
    )
    .with_manifest(
        &tarball.manifest.package.name,
        &tarball.manifest.package.version,
    )
    .with_evaluation(use_syn);
    let mut next_scope = 0u32;
    let mut graphs: Vec<(Context, CallGraph)> = Vec::new();
    let mut includes: Vec<(String, Include)> = Vec::new();
    let mut file_flows: Vec<flow::FileFlow> = Vec::new();
    // Files with network code that were only walked, for the data-flow pass below.
    let mut walked_network: Vec<usize> = Vec::new();
    let mut done = vec![false; sources.len()];
    // Files read only as tokens so far: one may still have to be parsed for data flow.
    let only_walked = std::cell::RefCell::new(vec![false; sources.len()]);
    // The crate's modules that parsed run-time code calls functions of (`catalog::get(…)`), by
    // target: one that decodes may be where what that code writes or runs is kept.
    let called_modules: std::cell::RefCell<Vec<(Context, String)>> = Default::default();
    // The modules that decode or carry a file of the package, by target: the only ones worth
    // noting.
    let decoding_modules: HashSet<(Context, &str)> = sources
        .iter()
        .filter(|(_, _, _, vocabulary)| vocabulary.has(DECODERS | prefilter::INCLUDE))
        .filter_map(|(path, context, _, _)| Some((group(*context), module_name(path)?)))
        .collect();
    // Returns whether the file was read (it is not once the budget is spent).
    // `parse`: parse the file whatever its walk finds (code whose data flow matters to a file
    // read before it).
    let mut scan_file =
        |index: usize, parse: bool, signals: &mut Vec<Signal>, report: &mut Report| {
            if exhausted.is_some() {
                unread += 1;
                return false;
            }
            let (path, context, bytes, vocabulary) = sources[index];
            // A big file's tokens take about twenty times its size while it is walked: one such walk
            // at a time in the whole process keeps concurrent uploads within a known memory bound.
            let _big_walk = (bytes.len() > BIG_FILE).then(|| {
                BIG_FILE_WALKS
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
            });
            let source = String::from_utf8_lossy(bytes);
            let tokens = lexer::tokenize(&source);
            let parseable = use_syn
                && source.len() <= MAX_PARSED_FILE
                && lexer::nesting_bound(&tokens) <= MAX_NESTING;
            // Build scripts are always parsed. Other files are walked as tokens first (several times
            // faster), and parsed only when the walk finds something that could become a finding, so
            // that `syn`'s precision (functions, test code, imports) decides those. A procedural
            // macro runs at build time like a build script, so it is parsed as soon as the walk finds
            // anything at all; most only rewrite tokens and the walk finds nothing in them (parsing
            // every one was a fifth of the scanner's time on real crates).
            // So is a file that keeps an indicator spelled backwards: the code that turns it round
            // (`TEXT.chars().rev().collect()`) is evaluated only in parsed code.
            let always_parsed =
                parse || context == Context::BuildScript || vocabulary.has(prefilter::REVERSED);
            let parsed_on_any_signal = context.exposure() == Exposure::BuildTime;
            let mut walked = None;
            if !always_parsed || !parseable {
                let mut collector = Collector::new(path, context, &source, &mut next_scope)
                    .with_constants(&constants);
                fallback::analyse(&mut collector, &source, &tokens);
                let finished = collector.finish();
                // Data flow needs the parse too: a connection in a target that starts shells, a
                // shell command line computed in a target that talks to the network.
                // A connection counts where a shell is started in the same file; elsewhere in a
                // target that computes a command line, it is parsed after the rounds (below):
                // parsing every networking file of a target that starts any process would cost a
                // third of the scan.
                let vocabulary = target_vocabulary[&group(context)];
                let starts_shells = |s: &Signal| {
                    matches!(
                        s.kind,
                        SignalKind::ShellComputed { .. }
                            | SignalKind::Evaluates { .. }
                            | SignalKind::Spawn {
                                class: ProgramClass::Shell,
                                ..
                            }
                    )
                };
                let shell_here = finished.0.iter().any(starts_shells);
                let flow_partner = |kind: &SignalKind| match kind {
                    // A connection where the target starts shells in this file, or walks the disk
                    // (what the walk finds may be what is sent).
                    SignalKind::Network { .. } => {
                        (vocabulary.has(prefilter::SPAWN) && shell_here)
                            || vocabulary.has(prefilter::WALK)
                    }
                    // A program computed at run time (`Command::new(prog)`) may be one the network
                    // named, through the target's other files.
                    SignalKind::ShellComputed { .. }
                    | SignalKind::Evaluates { .. }
                    | SignalKind::NativeByName { .. }
                    | SignalKind::Spawn {
                        class: ProgramClass::Computed,
                        ..
                    } => vocabulary.has(prefilter::NET),
                    _ => false,
                };
                // The package's decoder called beside a way out (a program started, a connection
                // made) on values the parse may still find constant.
                let decoded_way_out = finished.1.decoder_on_variables
                    && finished.0.iter().any(|s| {
                        s.context.exposure() != Exposure::DevOnly
                            && matches!(
                                s.kind,
                                SignalKind::Spawn { .. } | SignalKind::Network { .. }
                            )
                    });
                let interesting = finished
                    .0
                    .iter()
                    .any(|s| partners(&s.kind).is_some() || flow_partner(&s.kind))
                    || (parsed_on_any_signal && !finished.0.is_empty())
                    || decoded_way_out;
                if !(parseable && interesting) {
                    let network = finished.0.iter().any(|s| {
                        matches!(
                            s.kind,
                            SignalKind::Network { .. } | SignalKind::ServedRequest { .. }
                        )
                    });
                    if parseable && network {
                        walked_network.push(index);
                    }
                    only_walked.borrow_mut()[index] = parseable;
                    walked = Some(finished);
                }
            }
            let (found, _metrics, file_includes, graph) = match walked {
                Some(finished) => {
                    report.walked += 1;
                    finished
                }
                None => {
                    let mut collector = Collector::new(path, context, &source, &mut next_scope)
                        .with_constants(&constants);
                    if let Ok(flow) = syntax::analyse(&mut collector, &source) {
                        report.parsed += 1;
                        if context.exposure() != Exposure::DevOnly {
                            let decoding =
                                |module: &str| decoding_modules.contains(&(group(context), module));
                            note_called_modules(&flow, group(context), &decoding, &called_modules);
                        }
                        file_flows.push(flow);
                    } else {
                        // A parse error leaves the collector untouched: `syn` reports nothing before
                        // the whole file has parsed.
                        report.walked += 1;
                        fallback::analyse(&mut collector, &source, &tokens);
                    }
                    collector.finish()
                }
            };
            signals.extend(found);
            graphs.push((context, graph));
            // A file parsed again after a walk replaces what the walk found it includes.
            if parse {
                includes.retain(|(from, _)| from != path);
            }
            includes.extend(file_includes.into_iter().map(|i| (path.to_owned(), i)));
            if signals.len() > budget.signals {
                exhausted = Some(Exhausted::Signals(signals.len()));
                signals.truncate(budget.signals);
            } else if spent() > budget.cpu {
                exhausted = Some(Exhausted::Time(spent()));
            }
            true
        };

    // First round: build-time code, and files with rare vocabulary in targets whose vocabulary
    // could add up to a finding.
    for (index, (_, context, bytes, vocabulary)) in sources.iter().enumerate() {
        let needed = prefilter::categories_to_parse(target_vocabulary[&group(*context)]);
        let always = matches!(context, Context::BuildScript | Context::ProcMacro);
        let include_payload = has_executables && vocabulary.has(prefilter::INCLUDE);
        let wanted = needed != 0 && prefilter::first_round(*vocabulary) && vocabulary.has(needed);
        // A target that decodes in one file and starts processes in another: the decoding helper
        // may be handed the command (`Command::new(codec::unfold(data::A))`, see `constants`).
        // Only files that start processes with `std::process::Command` (not bindings that
        // declare `execve`), and not huge ones: parsing every such file of `libc` cost more than
        // the rest of its scan.
        let decodes =
            target_vocabulary[&group(*context)].has(prefilter::DECODE | prefilter::ROTATE);
        let decoded_command = decodes
            && vocabulary.has(prefilter::SPAWN)
            && bytes.len() <= FLOW_REPARSE_LIMIT
            && memchr::memmem::find(bytes, b"Command::new").is_some();
        // The same for a raw connection: what it sends or where it goes may be the decoder's
        // (`TcpStream::connect(keys::reference_addr())`, a pool's methods unpacked per call).
        let decoded_connection = decodes
            && vocabulary.has(prefilter::NET)
            && bytes.len() <= FLOW_REPARSE_LIMIT
            && memchr::memmem::find(bytes, b"TcpStream::connect").is_some();
        // A program named at run time (`Command::new(prog)`): the name may be what a download
        // or a server said (an interpreter's opcode that runs what its program, fetched at
        // first use, pushed), or what the package's own code rebuilt from a table of numbers.
        // (On the 1,746 real crates this reads 22 more files of 50,979.)
        let computed_program = vocabulary.has(prefilter::SPAWN)
            && bytes.len() <= FLOW_REPARSE_LIMIT
            && names_program_at_run_time(bytes);
        // A shell handed a command line (`sh -c`, `cmd /C`) in a target that talks to the
        // network in another file: the line may be what a connection received.
        let shell_beside_network = vocabulary.has(prefilter::SPAWN)
            && !vocabulary.has(prefilter::NET)
            && target_vocabulary[&group(*context)].has(prefilter::NET)
            && bytes.len() <= FLOW_REPARSE_LIMIT
            && hands_shell_a_line(bytes);
        // A native function looked up by name (`dlsym`, `GetProcAddress`) in a target that
        // talks to the network: the name may be what a connection received.
        let native_beside_network = vocabulary.has(prefilter::SPAWN)
            && target_vocabulary[&group(*context)].has(prefilter::NET)
            && bytes.len() <= FLOW_REPARSE_LIMIT
            && (looks_up_native(bytes, b"dlsym(") || looks_up_native(bytes, b"GetProcAddress("));
        // A walk of the disk in a target that talks to the network elsewhere: what the walk
        // finds may be what another file sends (the walk's partners are then read).
        let walk_beside_network = vocabulary.has(prefilter::WALK)
            && target_vocabulary[&group(*context)].has(prefilter::NET)
            && bytes.len() <= FLOW_REPARSE_LIMIT;
        // Who or where the machine is, looked up in a list (`PICKED.contains(&fnv(host))`): how
        // code singles out its victims without naming them.
        let identity_lookup = vocabulary.has(prefilter::HOST)
            && bytes.len() <= FLOW_REPARSE_LIMIT
            && (memchr::memmem::find(bytes, b".contains(&").is_some()
                || memchr::memmem::find(bytes, b".binary_search(&").is_some())
            && IDENTITY_HASHES
                .iter()
                .any(|word| memchr::memmem::find(bytes, word.as_bytes()).is_some());
        if always
            || include_payload
            || wanted
            || decoded_command
            || decoded_connection
            || identity_lookup
            || computed_program
            || walk_beside_network
            || shell_beside_network
            || native_beside_network
        {
            done[index] = scan_file(index, false, &mut signals, &mut report);
        }
    }
    // Second round: where the first found something that needs a partner (a secret read needs a
    // way out, a written file needs an execution), the target's network, process and file code.
    // The files read here may call for partners of their own (a connection read because host
    // details are sent calls for the code that runs what it receives): rounds repeat until no
    // signal calls for a category not called for before.
    // A module that hands a shell a computed command line (`proc::run(line)`), or looks a
    // native function up by a computed name (`weak::call(name)`), calls for the files of its
    // target that use it (`proc::run(args)`): what they hand it may be what a connection
    // received; so does one that runs a script or a library from a computed path
    // (`launch::post_install(dir, step)`, `sh <script>`). So does a module that reads or writes
    // the clipboard (`tools::paste()` and `tools::copy(&fixed)` in a watcher): what its users
    // write back may be what it read.
    let mut called: BTreeMap<Context, u32> = BTreeMap::new();
    let mut shell_modules: Vec<(Context, String)> = Vec::new();
    let mut reparsed: Vec<usize> = Vec::new();
    let mut seen = 0;
    // Modules called from parsed code looked at so far (see `called_modules`).
    let mut called_seen = 0;
    // Set once a file could not be read: the budget is spent, and nothing more is.
    let mut stopped = false;
    while !stopped {
        let mut more = false;
        let mut new_modules = Vec::new();
        for signal in &signals[seen.min(signals.len())..] {
            let context = group(signal.context);
            if context.exposure() == Exposure::BuildTime {
                continue;
            }
            // Run-time code only, and a few modules per target: a test's helpers are not what
            // a library runs, and many of them must not crowd out the library's.
            // A clipboard tool run (not a mention of one), a script handed to a shell.
            let runs_something = match &signal.kind {
                SignalKind::ShellComputed { .. } | SignalKind::NativeByName { .. } => true,
                SignalKind::ExecComputed { target } => target.ends_with(score::SCRIPT_RUN),
                SignalKind::Clipboard { how, .. } => how.starts_with("runs `"),
                _ => false,
            };
            if runs_something && context.exposure() != Exposure::DevOnly {
                if let Some(module) = module_name(&signal.file) {
                    let key = (context, module.to_owned());
                    let per_target = shell_modules.iter().filter(|(c, _)| *c == context).count();
                    if !shell_modules.contains(&key) && per_target < MAX_SHELL_MODULES {
                        shell_modules.push(key.clone());
                        new_modules.push(key);
                    }
                }
            }
            let Some(categories) = partners(&signal.kind) else {
                continue;
            };
            let entry = called.entry(context).or_default();
            more |= *entry | categories != *entry;
            *entry |= categories;
        }
        seen = signals.len();
        let new_called: Vec<(Context, String)> = called_modules.borrow()[called_seen..].to_vec();
        called_seen += new_called.len();
        if !more && new_modules.is_empty() && new_called.is_empty() {
            break;
        }
        for (index, (path, context, bytes, vocabulary)) in sources.iter().enumerate() {
            let uses_shell_module = bytes.len() <= FLOW_REPARSE_LIMIT
                && new_modules
                    .iter()
                    .any(|(c, module)| *c == group(*context) && names_module(bytes, module));
            let called_module = module_name(path).is_some_and(|module| {
                new_called
                    .iter()
                    .any(|(c, called)| *c == group(*context) && called == module)
            });
            // A module that carries a file of the package (`include_bytes!`) and that parsed
            // code calls into: what it hands out may be what the caller writes or runs.
            let called_carrier = called_module
                && vocabulary.has(prefilter::INCLUDE)
                && bytes.len() <= FLOW_REPARSE_LIMIT;
            if done[index] {
                // Read as tokens in an earlier round: parsed now, its walk's signals replaced.
                if (uses_shell_module || called_carrier) && only_walked.borrow()[index] && !stopped
                {
                    // The signals already looked at for partners stay looked at (`seen`).
                    seen -= signals[..seen].iter().filter(|s| s.file == *path).count();
                    let (walk, others): (Vec<Signal>, Vec<Signal>) = std::mem::take(&mut signals)
                        .into_iter()
                        .partition(|s| s.file == *path);
                    signals = others;
                    if scan_file(index, true, &mut signals, &mut report) {
                        only_walked.borrow_mut()[index] = false;
                        report.walked -= 1;
                        reparsed.push(index);
                    } else {
                        // The budget is spent: the walk's signals stand, to be looked at again.
                        signals.extend(walk);
                        stopped = true;
                    }
                }
                continue;
            }
            let wanted = called.get(&group(*context)).copied().unwrap_or(0);
            // A module of the crate that parsed code calls into and that decodes: what it
            // unpacks (`catalog::get(Msg::Unit)`) may be what the caller writes or runs.
            let called_decoder = vocabulary.has(DECODERS) && called_module;
            if vocabulary.has(wanted) || uses_shell_module || called_decoder || called_carrier {
                done[index] = scan_file(
                    index,
                    uses_shell_module || called_carrier,
                    &mut signals,
                    &mut report,
                );
                stopped |= !done[index];
            }
        }
    }
    walked_network.retain(|index| !reparsed.contains(index));
    report.skipped = done.iter().filter(|d| !**d).count();

    // Where a target hands a shell a computed command line (or starts a program it computed: an
    // interpreter named in a variable), its networking files are parsed too, so that data flow
    // can tell whether the command comes from the network.
    let computing_shells: Vec<Context> = signals
        .iter()
        .filter(|s| {
            matches!(
                s.kind,
                SignalKind::ShellComputed { .. }
                    | SignalKind::Evaluates { .. }
                    | SignalKind::NativeByName { .. }
                    | SignalKind::Spawn {
                        class: ProgramClass::Computed,
                        ..
                    }
            ) || matches!(&s.kind, SignalKind::ExecComputed { target } if target.ends_with(score::SCRIPT_RUN))
        })
        .map(|s| group(s.context))
        .collect();
    for index in walked_network {
        let (path, context, bytes, _) = sources[index];
        if exhausted.is_some()
            || bytes.len() > FLOW_REPARSE_LIMIT
            || !computing_shells.contains(&group(context))
        {
            continue;
        }
        if spent() > budget.cpu {
            exhausted = Some(Exhausted::Time(spent()));
            continue;
        }
        let source = String::from_utf8_lossy(bytes);
        let mut collector =
            Collector::new(path, context, &source, &mut next_scope).with_constants(&constants);
        if let Ok(flow) = syntax::analyse(&mut collector, &source) {
            let (found, _metrics, _includes, graph) = collector.finish();
            signals.retain(|s| s.file != path);
            signals.extend(found);
            graphs.push((context, graph));
            file_flows.push(flow);
            report.walked -= 1;
            report.parsed += 1;
        }
    }

    // Comparisons of the clock with a fixed moment, wherever the clock is read.
    if use_syn && exhausted.is_none() {
        let clock_sources: Vec<(&str, Context, &[u8], bool)> = sources
            .iter()
            .map(|(path, context, bytes, vocabulary)| {
                (
                    *path,
                    *context,
                    *bytes,
                    vocabulary.has(prefilter::CONDITION),
                )
            })
            .collect();
        signals.extend(time_bomb::clock_gates(&clock_sources, &constants));
    }
    signals.extend(included_file_signals(&includes, &files));
    promote_load_time(&mut signals, &graphs);
    let (flows, cut_short) = flow::flows(&file_flows, &signals, &|| spent() > budget.cpu);
    signals.extend(flows);
    if cut_short && exhausted.is_none() {
        exhausted = Some(Exhausted::Time(spent()));
    }

    let facts = PackageFacts {
        callees: callees_in_file(&graphs),
        obfuscation_crates: obfuscation_dependencies(tarball),
        executables: tarball
            .files
            .iter()
            .filter(|f| decode::shipped_executable(&f.head).is_some())
            .map(|f| f.path.clone())
            .collect(),
        own_domains: own_domains(&tarball.manifest),
        name: tarball
            .manifest
            .package
            .name
            .to_ascii_lowercase()
            .replace('_', "-"),
    };
    report.findings = score::score(&signals, &facts);
    if let Some(exhausted) = exhausted {
        report
            .findings
            .push(budget_finding(exhausted, budget, unread));
    }

    let code = sources
        .iter()
        .filter(|(_, c, _, _)| {
            matches!(
                c,
                Context::Library | Context::ProcMacro | Context::Binary | Context::BuildScript
            )
        })
        .map(|(_, _, bytes, _)| *bytes);
    let items = squat::count_items(code);
    report
        .findings
        .extend(not_a_crate::findings(items, tarball, &contexts));
    let package = &tarball.manifest.package;
    report.findings.extend(squat::squatting_findings(
        items,
        package.description.as_deref(),
        tarball.readme.as_deref(),
    ));
    let html = tarball
        .files
        .iter()
        .filter(|f| {
            let lower = f.path.to_ascii_lowercase();
            lower.ends_with(".html") || lower.ends_with(".htm")
        })
        .filter_map(|f| {
            Some((
                f.path.as_str(),
                String::from_utf8_lossy(f.bytes()?).into_owned(),
            ))
        })
        .collect();
    report.findings.extend(spam::content_findings(
        &spam::Texts {
            name: &package.name,
            description: package.description.as_deref(),
            readme: tarball.readme.as_deref(),
            readme_path: tarball.readme_path.as_deref(),
            html,
        },
        items,
    ));
    report.signals = signals;
    report
}

/// The hold for a package whose scan ran out of budget: what it found so far is reported too, but
/// the rest was not read, so people must.
fn budget_finding(exhausted: Exhausted, budget: Budget, unread: usize) -> Finding {
    let why = match exhausted {
        Exhausted::Time(spent) => format!(
            "scanning it took {:.1} s of CPU time, more than the {} s a package is given",
            spent.as_secs_f64(),
            budget.cpu.as_secs_f64()
        ),
        Exhausted::Signals(count) => format!(
            "it holds more than {} constructs the scanner must examine ({count} and counting)",
            budget.signals
        ),
    };
    Finding {
        rule: rules::BUDGET.to_owned(),
        severity: Verdict::Hold,
        file: None,
        line: None,
        evidence: format!(
            "the content scanner stopped early: {why}; {unread} Rust file(s) were not read, so \
             the package needs a moderator's look"
        ),
    }
}

/// The registered domains of the package's homepage and documentation, unless a well-known host
/// (a code host, docs.rs) serves them: the service a client crate is for.
fn own_domains(manifest: &wharf_tarball::Manifest) -> Vec<String> {
    let package = &manifest.package;
    [&package.homepage, &package.documentation]
        .into_iter()
        .flatten()
        .filter_map(|url| {
            let host = collector::host_of(url);
            // A code host or docs.rs serves many; a service favoured for exfiltration or a raw
            // address is nobody's own service.
            let anyones = matches!(
                text::classify_host(host, host),
                Some(
                    signal::HostClass::WellKnown
                        | signal::HostClass::Exfiltration
                        | signal::HostClass::RawIp
                )
            );
            (!host.is_empty() && !anyones)
                .then(|| collector::registered_domain(host).to_ascii_lowercase())
        })
        .collect()
}

/// The vocabulary of the files a signal needs as partners to become a finding in run-time or
/// developer code (build-time files are all read anyway); `None` when it needs none or cannot
/// become one. The partners follow the scoring rules: a high-value secret needs any way out, while
/// `.env`, environment variables and host details in a library count only with an exfiltration
/// service or in one function with the network (and that function's file is already read).
fn partners(kind: &SignalKind) -> Option<u32> {
    use prefilter::*;
    Some(match kind {
        // A secret calls for a way out, and for the code that may be walking the disk for more.
        SignalKind::SensitivePath {
            level: Sensitivity::High,
            ..
        }
        | SignalKind::KeyPattern { .. } => NET | SPAWN | EXFIL | WALK,
        SignalKind::SensitivePath { .. }
        | SignalKind::EnvHarvest { .. }
        | SignalKind::SecretVariable { .. } => EXFIL,
        // Host details call for the code that may hide where they are sent.
        SignalKind::HostProfile { .. } => EXFIL | DECODE | ENCODED,
        // A check of where the machine is calls for the code that may act on it: deleting, or
        // walking the disk (to overwrite what it finds).
        SignalKind::LocaleCheck { .. } => DESTROY | WALK,
        // The clipboard calls for the patterns it is searched with and the ways out.
        SignalKind::Clipboard { .. } => CLIPBOARD | NET | SPAWN,
        // Destruction calls for the code that decides when, and walks what it destroys.
        SignalKind::Destroy { .. } | SignalKind::UserDirectory { .. } => {
            LOCALE | CONDITION | WALK | HOST
        }
        // Files removed call for the code that may decide whose: the machine's locale or
        // identity (a hash of it looked up in a list).
        SignalKind::RemovesFile { .. } | SignalKind::RewritesInPlace { .. } => {
            LOCALE | CONDITION | HOST
        }
        SignalKind::MakeExecutable { .. } | SignalKind::ExecComputed { .. } => NET | SPAWN | EXFIL,
        // The directory it runs in calls for the walks that may start there and the ways out.
        SignalKind::WorkingDirectory { .. } => WALK | NET | EXFIL,
        // What a walk finds calls for the ways it may leave by, and for the code that may say
        // where it starts (the working, project or home directory).
        SignalKind::WalksFiles { .. } => NET | EXFIL | DESTROY,
        // A command line computed at run time calls for where it may come from.
        SignalKind::ShellComputed { .. }
        | SignalKind::Evaluates { .. }
        | SignalKind::NativeByName { .. }
        | SignalKind::Spawn {
            class: ProgramClass::Computed,
            ..
        } => NET,
        // An auto-start location calls for the code that writes it, and for the code that may
        // hide what is installed there (a unit file's text, its command, packed in numbers).
        SignalKind::Persistence { .. }
        | SignalKind::Automation { .. }
        | SignalKind::AuthorizedKeys => WRITE | SPAWN | DECODE,
        SignalKind::HiddenIndicator { .. }
        | SignalKind::OpaqueBlob { .. }
        | SignalKind::EmbeddedExecutable { .. } => NET | SPAWN | WRITE | EXEC,
        SignalKind::MiningPool { .. }
        | SignalKind::Wallet { strong: true, .. }
        | SignalKind::MinerFlag { .. }
        | SignalKind::MiningProtocol { .. } => SPAWN | NET,
        SignalKind::LoadTimeHook { .. } => u32::MAX,
        // Code that decodes at run time calls for the files that may hold what it decodes.
        SignalKind::Decode { .. } => DECODE,
        // A raw connection (made, held or handed in) calls for the code that may run what it
        // receives.
        SignalKind::Network { how } if RAW_SOCKETS.iter().any(|s| how.contains(s)) => SPAWN,
        _ => return None,
    })
}

/// Whether `bytes` call `lookup` (`dlsym(`), not only declare it (`fn dlsym(` in bindings).
fn looks_up_native(bytes: &[u8], lookup: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, lookup)
        .take(64)
        .any(|at| !bytes[..at].ends_with(b"fn "))
}

/// Whether a file names, as a string, a shell's flag for a command line to run (the collector's
/// [`vocabulary::SHELL_SCRIPT_FLAGS`], in any case: `"-c"`, `"/C"`, `"/k"`, `"-Command"`).
fn hands_shell_a_line(bytes: &[u8]) -> bool {
    memchr::memmem::find_iter(bytes, b"\"")
        .take(MAX_QUOTES_READ)
        .any(|at| {
            vocabulary::SHELL_SCRIPT_FLAGS.iter().any(|flag| {
                let end = at + 1 + flag.len();
                bytes.get(end) == Some(&b'"')
                    && bytes[at + 1..end].eq_ignore_ascii_case(flag.as_bytes())
            })
        })
}

/// Most string quotes looked at for a shell's flag in one file.
const MAX_QUOTES_READ: usize = 4096;

/// Raw sockets, as network signals name them: a connection of one of these calls for the code
/// that may run what it receives.
const RAW_SOCKETS: [&str; 3] = ["TcpStream", "UdpSocket", "UnixStream"];

/// Most modules whose users are read because they hand a shell a command line they were given.
const MAX_SHELL_MODULES: usize = 16;

/// The vocabulary of a module read because parsed code calls into it: decoding of any kind.
const DECODERS: u32 =
    prefilter::DECODE | prefilter::ENCODED | prefilter::REVERSED | prefilter::ROTATE;

/// Most modules noted per target as called from parsed code (see [`note_called_modules`]).
const MAX_CALLED_MODULES: usize = 64;

/// Notes the crate's decoding modules (`decoding`) that a parsed file's functions call into by
/// path (`catalog::get(…)`; not `std::env::var(…)`, whose module no file of the crate is), for
/// its target.
fn note_called_modules(
    flow: &flow::FileFlow,
    context: Context,
    decoding: &dyn Fn(&str) -> bool,
    called: &std::cell::RefCell<Vec<(Context, String)>>,
) {
    let mut called = called.borrow_mut();
    for qualifier in flow
        .functions
        .iter()
        .filter(|f| !f.test)
        .flat_map(|f| f.calls.iter())
        .filter_map(|call| call.qualifier.as_deref())
    {
        let crate_module = !matches!(qualifier, "crate" | "self" | "super")
            && vocabulary::STD_MODULES.binary_search(&qualifier).is_err()
            && decoding(qualifier);
        if !crate_module {
            continue;
        }
        let per_target = called.iter().filter(|(c, _)| *c == context).count();
        if per_target >= MAX_CALLED_MODULES {
            return;
        }
        if !called.iter().any(|(c, m)| *c == context && m == qualifier) {
            called.push((context, qualifier.to_owned()));
        }
    }
}

/// The name other files use for the module a file is (`src/util/proc.rs`, `src/proc/mod.rs`:
/// `proc`); none for a target's root (`src/lib.rs`, `src/main.rs`, `build.rs`, `src/bin/x.rs`,
/// `tests/x.rs`), which others reach as `crate::`, if at all.
fn module_name(path: &str) -> Option<&str> {
    let (dir, file) = path.rsplit_once('/').unwrap_or(("", path));
    let stem = file.strip_suffix(".rs")?;
    let root = matches!(path, "src/lib.rs" | "src/main.rs" | "build.rs")
        || matches!(dir, "" | "src/bin" | "examples" | "tests" | "benches");
    if root {
        return None;
    }
    let name = if stem == "mod" {
        dir.rsplit('/').next()?
    } else {
        stem
    };
    (!name.is_empty() && name != "src").then_some(name)
}

/// Whether a file names the crate's module `module` in a path (`proc::run(…)` after `use
/// crate::util::proc`, `crate::util::proc::run(…)`, `super::proc::run`), not another crate's
/// module of that name (`std::process::`, `nix::unistd::`).
fn names_module(bytes: &[u8], module: &str) -> bool {
    let is_ident = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let pattern = format!("{module}::");
    memchr::memmem::find_iter(bytes, pattern.as_bytes())
        .take(MAX_MODULE_MENTIONS)
        .any(|at| {
            if at > 0 && is_ident(bytes[at - 1]) {
                return false;
            }
            if at < 2 || &bytes[at - 2..at] != b"::" {
                return true;
            }
            // A path before it: the crate's own only if it starts at `crate`, `super` or `self`.
            let mut end = at - 2;
            loop {
                let start = bytes[..end]
                    .iter()
                    .rposition(|&b| !is_ident(b))
                    .map_or(0, |p| p + 1);
                if start >= 2 && &bytes[start - 2..start] == b"::" {
                    end = start - 2;
                    continue;
                }
                return matches!(&bytes[start..end], b"crate" | b"super" | b"self");
            }
        })
}

/// Most mentions of a module's name looked at in one file.
const MAX_MODULE_MENTIONS: usize = 64;

/// Whether a file starts a program it does not name in a literal: `Command::new(` followed by
/// anything but a string's quote (`Command::new(prog)`, `Command::new(&path)`).
fn names_program_at_run_time(bytes: &[u8]) -> bool {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    // `Name::new(` not preceded by more of a name (`SubCmd::new(` is no `Cmd::new(`), with
    // something other than a string literal in it.
    let computed = |name: &[u8]| {
        let call = [name, b"::new(".as_slice()].concat();
        memchr::memmem::find_iter(bytes, &call).any(|at| {
            (at == 0 || !is_word(bytes[at - 1]))
                && bytes.get(at + call.len()).is_some_and(|&next| next != b'"')
        })
    };
    if computed(b"Command") {
        return true;
    }
    // `use std::process::{Command as Invocation, …}`: the same type under the file's own name
    // (any spacing; each name once, and a few names at most).
    let mut aliases: Vec<&[u8]> = Vec::new();
    for at in memchr::memmem::find_iter(bytes, b"Command") {
        let rest = &bytes[at + b"Command".len()..];
        let after_space = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0);
        if after_space == 0 || !rest[after_space..].starts_with(b"as") {
            continue;
        }
        let rest = &rest[after_space + 2..];
        let start = rest
            .iter()
            .position(|b| !b.is_ascii_whitespace())
            .unwrap_or(0);
        if start == 0 {
            continue;
        }
        let name = &rest[start..];
        let end = name.iter().position(|b| !is_word(*b)).unwrap_or(name.len());
        let name = &name[..end];
        if !name.is_empty() && !aliases.contains(&name) {
            aliases.push(name);
            if aliases.len() > 8 {
                break;
            }
        }
    }
    aliases.into_iter().any(computed)
}

/// What `include_bytes!`/`include_str!` pull in: executables, and scripts.
fn included_file_signals(
    includes: &[(String, Include)],
    files: &HashMap<&str, &wharf_tarball::FileEntry>,
) -> Vec<Signal> {
    let mut out = Vec::new();
    // Each file is read once, however often it is included (an upload can include one file a
    // hundred thousand times), and its signals go to its first few includes only.
    let mut read: HashMap<String, (Vec<SignalKind>, usize)> = HashMap::default();
    for (from, include) in includes {
        let joined = match context::parent(from) {
            "" => include.path.clone(),
            dir => format!("{dir}/{}", include.path),
        };
        let Some(target) = context::normalise(&joined) else {
            continue;
        };
        let Some(file) = files.get(target.as_str()) else {
            continue;
        };
        let (kinds, given) = read
            .entry(target.clone())
            .or_insert_with(|| (included_kinds(&target, file, include.bytes), 0));
        if *given >= MAX_INCLUDE_SITES {
            continue;
        }
        *given += 1;
        for kind in kinds.iter().cloned() {
            out.push(Signal {
                kind,
                context: include.context,
                file: from.clone(),
                line: include.line,
                snippet: format!(
                    "{}!(\"{}\")",
                    if include.bytes {
                        "include_bytes"
                    } else {
                        "include_str"
                    },
                    include.path
                ),
                scope: include.scope,
                origin: Origin::Static,
            });
        }
    }
    out
}

/// What one included file says: an executable, a script's commands, carried bytes, or (pulled in
/// as text) what its text says as a literal of the code would.
fn included_kinds(
    target: &str,
    file: &wharf_tarball::FileEntry,
    as_bytes: bool,
) -> Vec<SignalKind> {
    let text = || {
        file.bytes()
            .filter(|b| b.len() <= MAX_INCLUDED_TEXT)
            .map(String::from_utf8_lossy)
    };
    if let Some(format) = decode::native_executable(&file.head) {
        vec![SignalKind::EmbeddedExecutable {
            what: format!("{format} file {target}"),
        }]
    } else if collector::is_script_path(target) {
        text().map_or_else(Vec::new, |script| text::shell_signals(&script))
    } else if as_bytes {
        let mut kinds = vec![SignalKind::CarriedBytes {
            path: target.to_owned(),
            opaque: is_opaque(&file.head),
        }];
        // A little slack: an editor's newline, a padding byte.
        if file.after_image > 16 {
            kinds.push(SignalKind::HiddenInFile {
                what: format!(
                    "{} bytes after the end of the PNG image {target}",
                    file.after_image
                ),
            });
        }
        kinds
    } else if !is_prose_path(target) {
        // `include_str!` makes the file a string literal of the code: a data file naming where
        // to download from, a pool or a miner's options says it as surely as a literal would.
        // It is read as a literal, not as a command line (a CI template's `curl … | sh` is
        // text), and prose (a README included as documentation) is not read.
        text().map_or_else(Vec::new, |data| text::literal_signals(&data))
    } else {
        Vec::new()
    }
}

/// Whether a file's first bytes are neither text nor a format a viewer shows: not UTF-8 (a
/// character cut off by the end of the head aside) or holding a NUL, and no image, video, sound
/// or document the format sniffer knows. A compressed archive is opaque: only code unpacks it.
fn is_opaque(head: &[u8]) -> bool {
    use crate::compat::MediaKind;
    let text = !head.contains(&0)
        && match std::str::from_utf8(head) {
            Ok(_) => true,
            Err(error) => error.error_len().is_none(),
        };
    !text
        && matches!(
            crate::compat::sniff(head),
            None | Some(MediaKind::Archive(_))
        )
}

/// Longest included file whose text is read (a script, or text read as a literal).
const MAX_INCLUDED_TEXT: usize = 64 * 1024;

/// Includes of one file that get its signals: enough for every place that uses it, not one
/// signal per include of a file included a hundred thousand times.
const MAX_INCLUDE_SITES: usize = 8;

/// Documentation and markup, which `include_str!` pulls in as documentation or templates.
fn is_prose_path(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    [".md", ".markdown", ".rst", ".txt", ".html", ".htm", ".adoc"]
        .iter()
        .any(|extension| lower.ends_with(extension))
}

/// Functions reachable from load-time hooks run at load time: their signals move there.
fn promote_load_time(signals: &mut [Signal], graphs: &[(Context, CallGraph)]) {
    let mut functions: HashMap<&str, Vec<u32>> = HashMap::default();
    let mut calls: HashMap<u32, &std::collections::BTreeSet<String>> = HashMap::default();
    let mut queue: Vec<u32> = Vec::new();
    let mut root_names: Vec<&str> = Vec::new();
    for (context, graph) in graphs {
        if !matches!(context, Context::Library | Context::Binary) {
            continue;
        }
        for (name, ids) in &graph.functions {
            functions.entry(name).or_default().extend(ids);
        }
        calls.extend(graph.calls.iter().map(|(id, names)| (*id, names)));
        queue.extend(&graph.roots);
        root_names.extend(graph.root_names.iter().map(String::as_str));
    }
    for name in root_names {
        if let Some(ids) = functions.get(name) {
            queue.extend(ids);
        }
    }
    if queue.is_empty() {
        return;
    }
    let mut reached: HashSet<u32> = HashSet::default();
    while let Some(id) = queue.pop() {
        if !reached.insert(id) {
            continue;
        }
        for name in calls.get(&id).into_iter().flat_map(|names| names.iter()) {
            if let Some(ids) = functions.get(name.as_str()) {
                queue.extend(ids);
            }
        }
    }
    for signal in signals {
        if matches!(signal.context, Context::Library | Context::Binary)
            && signal.scope.is_some_and(|s| reached.contains(&s))
        {
            signal.context = Context::LoadTime;
        }
    }
}

/// Most functions of one name a call is taken to reach (a name defined many times in a file is
/// a trait's method, not a helper).
const MAX_SAME_NAMED: usize = 4;

/// For each function, the functions of its own file it calls by name: a helper that downloads
/// a program is as much a part of the function that starts it as its own lines are.
fn callees_in_file(graphs: &[(Context, CallGraph)]) -> HashMap<u32, Vec<u32>> {
    let mut callees: HashMap<u32, Vec<u32>> = HashMap::default();
    for (_, graph) in graphs {
        for (caller, names) in &graph.calls {
            for name in names {
                let Some(ids) = graph.functions.get(name) else {
                    continue;
                };
                if ids.len() <= MAX_SAME_NAMED {
                    let entry = callees.entry(*caller).or_default();
                    entry.extend(ids.iter().filter(|id| *id != caller));
                }
            }
        }
    }
    callees
}

/// Obfuscation crates among the package's dependencies (development dependencies only build
/// tests, so they do not count).
fn obfuscation_dependencies(tarball: &Tarball) -> Vec<String> {
    let manifest = &tarball.manifest;
    let mut names: Vec<String> = Vec::new();
    let mut add = |table: &BTreeMap<String, toml::Value>| {
        for (key, value) in table {
            let name = value
                .get("package")
                .and_then(toml::Value::as_str)
                .unwrap_or(key);
            let canonical = name.replace('_', "-");
            if OBFUSCATION_CRATES.contains(&canonical.as_str()) && !names.contains(&canonical) {
                names.push(canonical);
            }
        }
    };
    add(&manifest.dependencies);
    add(&manifest.build_dependencies);
    for target in manifest.target.values() {
        for key in ["dependencies", "build-dependencies", "build_dependencies"] {
            if let Some(table) = target.get(key).and_then(toml::Value::as_table) {
                let table: BTreeMap<String, toml::Value> =
                    table.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
                add(&table);
            }
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Carried bytes are opaque when they are neither text nor a format a viewer shows; a
    /// compressed archive is opaque (only code unpacks it).
    #[test]
    fn opaque_carried_bytes() {
        assert!(!is_opaque(b"#!/bin/sh\necho hello\n"));
        // UTF-8 text cut in the middle of a character by the end of the head is still text.
        assert!(!is_opaque("caf\u{e9}".as_bytes().split_last().unwrap().1));
        assert!(!is_opaque(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"));
        assert!(!is_opaque(b"RIFF\x10\0\0\0WAVEfmt "));
        assert!(is_opaque(&[0x1F, 0x8B, 0x08, 0, 0, 0, 0, 0]));
        assert!(is_opaque(&[0xdc, 0xa9, 0xb7, 0xb8, 0x7b, 0x81, 0x88, 0x8e]));
        // A NUL makes bytes binary even when the rest is printable.
        assert!(is_opaque(b"table\0\x01\x02"));
    }

    /// A program named at run time, also through the file's own name for `Command`.
    #[test]
    fn programs_named_at_run_time() {
        assert!(names_program_at_run_time(b"Command::new(prog)"));
        assert!(!names_program_at_run_time(b"Command::new(\"git\")"));
        let aliased = b"use std::process::{Command as Invocation, Stdio};\nInvocation::new(head)";
        assert!(names_program_at_run_time(aliased));
        let literal = b"use std::process::{Command as Invocation};\nInvocation::new(\"ls\")";
        assert!(!names_program_at_run_time(literal));
        // Comments naming other aliases first, and a line break after `as`, hide nothing.
        let hidden = b"// Command as A\n// Command as B\n// Command as C\n// Command as D\n\
                       use std::process::Command as\n    Run;\nRun::new(prog)";
        assert!(names_program_at_run_time(hidden));
        // Another type whose name ends in the alias is not it.
        let other = b"use std::process::Command as Cmd;\nSubCmd::new(name)";
        assert!(!names_program_at_run_time(other));
    }

    /// The name a file's module goes by, as other files write it before `::`.
    #[test]
    fn module_names() {
        assert_eq!(module_name("src/util/proc.rs"), Some("proc"));
        assert_eq!(module_name("src/proc/mod.rs"), Some("proc"));
        assert_eq!(module_name("src/lib.rs"), None);
        assert_eq!(module_name("src/build.rs"), Some("build"));
        assert_eq!(module_name("src/bin/tool.rs"), None);
        assert_eq!(module_name("tests/it.rs"), None);
        assert_eq!(module_name("tests/common/mod.rs"), Some("common"));
        assert_eq!(module_name("src/bin/main.rs"), None);
        assert_eq!(module_name("build.rs"), None);
        assert_eq!(module_name("src/mod.rs"), None);
        assert_eq!(module_name("README.md"), None);
    }

    /// The crate's own module by its name, not another crate's of that name.
    #[test]
    fn module_mentions() {
        assert!(names_module(b"let out = proc::run(&line);", "proc"));
        assert!(names_module(b"crate::util::proc::run(&line)", "proc"));
        assert!(names_module(b"super::proc::run(&line)", "proc"));
        assert!(!names_module(b"std::process::Command::new(x)", "process"));
        assert!(!names_module(b"nix::unistd::fork()", "unistd"));
        assert!(!names_module(b"let x = subproc::run();", "proc"));
        assert!(!names_module(b"let x = 1;", "proc"));
    }

    /// A shell handed a line by its flag, not a program that merely takes `-c` in other words.
    #[test]
    fn shell_lines() {
        assert!(hands_shell_a_line(
            br#"Command::new("sh").args(["-c", line])"#
        ));
        assert!(hands_shell_a_line(
            br#"Command::new("cmd").arg("/C").arg(line)"#
        ));
        assert!(hands_shell_a_line(
            br#"Command::new("pwsh").args(["-Command", s])"#
        ));
        assert!(hands_shell_a_line(
            br#"Command::new("cmd").args(["/K", &line])"#
        ));
        assert!(hands_shell_a_line(
            br#"Command::new("powershell").args(["-command", s])"#
        ));
        assert!(!hands_shell_a_line(
            br#"Command::new("ls").args(["--color", dir])"#
        ));
        assert!(!hands_shell_a_line(b"let c = 1; // run sh -c here"));
    }
}
