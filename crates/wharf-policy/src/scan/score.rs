//! Scoring: combinations of signals, weighed by where the code runs, become findings.
//!
//! No capability is a finding by itself: compilers are spawned, sockets opened and certificates
//! decoded by honest crates every day. What malicious crates have in common is a *combination* —
//! a secret read and a way out, a download and an execution, a hidden string and something that
//! uses it — in code that runs without anyone calling it (a build script, a procedural macro, a
//! load-time hook). Each rule below names one such combination, and its severity depends on the
//! exposure of the target it is found in and on what makes it worse: a destination favoured for
//! exfiltration or a raw IP address, a CI check, obfuscation, or everything happening in one
//! function. `docs/scanner.md` describes the ladder in prose.

use crate::scan::HashMap;
use std::collections::BTreeMap;

use super::collector::{self, identifiers};
use super::context::{Context, Exposure};
use super::flow::{Sink, Source};
use super::signal::{HostClass, ProgramClass, Sensitivity, Signal, SignalKind};
use crate::verdict::{Finding, Verdict};

/// Rule ids, all in the `scan.` namespace (a sandboxed build would use its own, e.g. `sandbox.`).
pub mod rules {
    pub const CREDENTIAL_THEFT: &str = "scan.credential-theft";
    pub const ENVIRONMENT_EXFILTRATION: &str = "scan.environment-exfiltration";
    pub const HOST_PROFILING: &str = "scan.host-profiling";
    pub const DOWNLOAD_EXECUTE: &str = "scan.download-execute";
    pub const DROPPER: &str = "scan.dropper";
    pub const PERSISTENCE: &str = "scan.persistence";
    pub const SSH_BACKDOOR: &str = "scan.ssh-backdoor";
    pub const OBFUSCATED_PAYLOAD: &str = "scan.obfuscated-payload";
    pub const MINER: &str = "scan.miner";
    pub const DESTRUCTIVE: &str = "scan.destructive";
    pub const REMOTE_SHELL: &str = "scan.remote-shell";
    pub const TIME_BOMB: &str = "scan.time-bomb";
    pub const CLIPBOARD_HIJACK: &str = "scan.clipboard-hijack";
    pub const REMOTE_CONTROL: &str = "scan.remote-control";
    pub const EXFILTRATION: &str = "scan.exfiltration";
    pub const OBFUSCATION_CRATE: &str = "scan.obfuscation-crate";
    pub const BUILD_TIME_NETWORK: &str = "scan.build-time-network";
    pub const EMBEDDED_EXECUTABLE: &str = "scan.embedded-executable";
    pub const UNSCANNED: &str = "scan.unscanned";
    pub const BUDGET: &str = "scan.budget";
    pub const SQUATTING: &str = "scan.squatting";
    pub const NOT_A_CRATE: &str = "scan.not-a-crate";
    pub const SPAM: &str = "scan.spam";
    pub const PHISHING: &str = "scan.phishing";
    pub const NAME_TRADING: &str = "scan.name-trading";
    pub const LICENCE_CRACKING: &str = "scan.licence-cracking";
}

/// Lines after a program is named that its arguments may take (`Command::new(p)` and a
/// rustfmt'ed `.args([…])` list below it).
const SPAWN_ARGUMENT_LINES: u32 = 12;

/// Which signals are judged together: code that runs in one process.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Unit {
    BuildScript,
    ProcMacro,
    LoadTime,
    Library,
    Binary,
    /// One file of tests, examples or benchmarks (each is a crate of its own).
    DevOnly(String),
}

impl Unit {
    fn exposure(&self) -> Exposure {
        match self {
            Unit::BuildScript | Unit::ProcMacro | Unit::LoadTime => Exposure::BuildTime,
            Unit::Library | Unit::Binary => Exposure::Runtime,
            Unit::DevOnly(_) => Exposure::DevOnly,
        }
    }

    fn describe(&self) -> &'static str {
        match self {
            Unit::BuildScript => Context::BuildScript.describe(),
            Unit::ProcMacro => Context::ProcMacro.describe(),
            Unit::LoadTime => Context::LoadTime.describe(),
            Unit::Library => Context::Library.describe(),
            Unit::Binary => Context::Binary.describe(),
            Unit::DevOnly(_) => "test, example or benchmark code",
        }
    }
}

fn unit_of(context: Context, file: &str) -> Unit {
    match context {
        Context::BuildScript => Unit::BuildScript,
        Context::ProcMacro => Unit::ProcMacro,
        Context::LoadTime => Unit::LoadTime,
        Context::Library => Unit::Library,
        Context::Binary => Unit::Binary,
        Context::Test | Context::Example | Context::Bench | Context::Unbuilt => {
            Unit::DevOnly(file.to_owned())
        }
    }
}

/// Package-wide facts the rules use besides signals.
#[derive(Debug, Default, Clone)]
pub struct PackageFacts {
    /// Function scope → the functions of its own file that it calls.
    pub callees: HashMap<u32, Vec<u32>>,
    /// Obfuscation crates the package depends on.
    pub obfuscation_crates: Vec<String>,
    /// Native executables (ELF, PE, Mach-O) among the package's files, by path.
    pub executables: Vec<String>,
    /// The registered domains that are the package's own service, lower-cased: those of its
    /// homepage and documentation (not a well-known host's), and `name.*` for its name.
    pub own_domains: Vec<String>,
    /// The package's name, lower-cased, `_` as `-`.
    pub name: String,
}

impl PackageFacts {
    /// Whether a destination is the package's own service: a client of a service sends its
    /// files where the service lives, and says so in its manifest or its name.
    fn is_own_service(&self, target: &str) -> bool {
        let domain = collector::registered_domain(collector::host_of(target)).to_ascii_lowercase();
        let first_label = domain.split('.').next().unwrap_or("");
        self.own_domains.contains(&domain) || (!self.name.is_empty() && first_label == self.name)
    }
}

/// Turns the signals of one package into findings.
pub fn score(signals: &[Signal], facts: &PackageFacts) -> Vec<Finding> {
    let mut units: BTreeMap<Unit, Vec<&Signal>> = BTreeMap::new();
    for signal in signals {
        units
            .entry(unit_of(signal.context, &signal.file))
            .or_default()
            .push(signal);
    }
    // Code that runs at load time uses the library's file-level constants.
    if units.contains_key(&Unit::LoadTime) {
        let shared: Vec<&Signal> = signals
            .iter()
            .filter(|s| {
                s.scope.is_none() && matches!(s.context, Context::Library | Context::Binary)
            })
            .collect();
        units.entry(Unit::LoadTime).or_default().extend(shared);
    }
    let mut findings = Vec::new();
    for (unit, signals) in &units {
        findings.extend(score_unit(unit, signals, facts));
    }
    if !facts.obfuscation_crates.is_empty() {
        let risky_build = units.iter().any(|(unit, s)| {
            unit.exposure() == Exposure::BuildTime
                && s.iter().any(|s| {
                    matches!(
                        s.kind,
                        SignalKind::Network { .. }
                            | SignalKind::SensitivePath { .. }
                            | SignalKind::ExecComputed { .. }
                            | SignalKind::Spawn {
                                class: ProgramClass::Shell
                                    | ProgramClass::Downloader
                                    | ProgramClass::Computed
                                    | ProgramClass::DroppedPath,
                                ..
                            }
                    )
                })
        });
        findings.push(Finding {
            rule: rules::OBFUSCATION_CRATE.to_owned(),
            severity: if risky_build {
                Verdict::Hold
            } else {
                Verdict::Flag
            },
            file: Some("Cargo.toml".to_owned()),
            line: None,
            evidence: format!(
                "depends on {}, made to hide strings or code from readers{}",
                facts
                    .obfuscation_crates
                    .iter()
                    .map(|c| format!("`{c}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                if risky_build {
                    ", and its build-time code reaches the network, secrets or other programs"
                } else {
                    ""
                }
            ),
        });
    }
    findings
}

/// The signals of one unit, with the queries the rules ask.
struct View<'v, 's> {
    signals: &'v [&'s Signal],
}

impl<'s> View<'_, 's> {
    fn all(&self, f: impl Fn(&SignalKind) -> bool) -> Vec<&'s Signal> {
        self.signals
            .iter()
            .copied()
            .filter(|s| f(&s.kind))
            .collect()
    }

    /// The data flows from `source` to `sink` (see `flow`).
    fn flows(&self, source: Source, sink: Sink) -> Vec<&'s Signal> {
        self.all(|k| {
            matches!(k, SignalKind::Flow { source: from, sink: to, .. } if *from == source && *to == sink)
        })
    }
}

/// Whether the function of `caller` calls the function of `callee`, in the same file.
fn calls(facts: &PackageFacts, caller: &Signal, callee: &Signal) -> bool {
    caller.file == callee.file
        && caller.scope.zip(callee.scope).is_some_and(|(from, to)| {
            facts
                .callees
                .get(&from)
                .is_some_and(|called| called.contains(&to))
        })
}

fn same_scope(a: &Signal, b: &Signal) -> bool {
    a.file == b.file && (a.scope == b.scope || a.scope.is_none() || b.scope.is_none())
}

/// Whether one function (or its file's constants) holds a signal from every group.
fn together(groups: &[&[&Signal]]) -> bool {
    let Some((first, rest)) = groups.split_first() else {
        return false;
    };
    first.iter().any(|anchor| {
        rest.iter()
            .all(|group| group.iter().any(|s| same_scope(anchor, s)))
    })
}

fn at(signal: &Signal) -> String {
    if signal.snippet.is_empty() {
        format!("{}:{}", signal.file, signal.line)
    } else {
        format!("{}:{} `{}`", signal.file, signal.line, signal.snippet)
    }
}

/// "reads X (file:line `…`); opens network connections (file:line `…`)".
fn evidence(parts: &[Option<&Signal>]) -> String {
    let mut seen: Vec<String> = Vec::new();
    for signal in parts.iter().flatten() {
        let part = format!("{} ({})", signal.kind.describe(), at(signal));
        if !seen.contains(&part) {
            seen.push(part);
        }
    }
    seen.join("; ")
}

fn finding(rule: &str, severity: Verdict, primary: &Signal, unit: &Unit, text: String) -> Finding {
    Finding {
        rule: rule.to_owned(),
        severity,
        file: Some(primary.file.clone()),
        line: Some(primary.line),
        evidence: format!("{}: {text}", capitalise(unit.describe())),
    }
}

/// The store a secret path belongs to, from its description: the description without the file
/// named in parentheses (`an SSH private key (id_rsa)` and `(id_ed25519)` are one store).
/// The usual ladder of a behaviour with no honest use: refused where it runs on every builder's
/// machine, held in what a dependent runs, flagged in the crate's own tests and examples.
/// How the collector ends the description of a script handed to a shell or an interpreter
/// (`sh <path>`), which runs as that program.
pub(crate) const SCRIPT_RUN: &str = "(a script its shell or interpreter runs)";

fn by_exposure(exposure: Exposure) -> Verdict {
    match exposure {
        Exposure::BuildTime => Verdict::Reject,
        Exposure::Runtime => Verdict::Hold,
        Exposure::DevOnly => Verdict::Flag,
    }
}

fn secret_store(what: &str) -> &str {
    what.split_once(" (").map_or(what, |(store, _)| store)
}

/// Whether a pool's mention names a host: a pool's address (`stratum+tcp://pool.example:3333`,
/// a known pool's name), not the scheme alone that a URL parser checks for (`"stratum+tcp://"`,
/// `scheme == "stratum+tcp"`).
fn names_pool_host(what: &str) -> bool {
    match what.split_once("://") {
        Some((_, rest)) => rest.starts_with(|c: char| c.is_ascii_alphanumeric()),
        None => what.contains('.'),
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn score_unit<'s>(unit: &Unit, signals: &[&'s Signal], facts: &PackageFacts) -> Vec<Finding> {
    let view = View { signals };
    let exposure = unit.exposure();
    let build = exposure == Exposure::BuildTime;
    let runtime = exposure == Exposure::Runtime;
    let dev = exposure == Exposure::DevOnly;
    let obfuscated = !facts.obfuscation_crates.is_empty();
    // What a finding that is certain costs: refused at build time, held for people otherwise.
    let severe = if build {
        Verdict::Reject
    } else {
        Verdict::Hold
    };
    let mut out = Vec::new();

    let net = view.all(|k| matches!(k, SignalKind::Network { .. }));
    let bad_destinations = view.all(|k| {
        matches!(
            k,
            SignalKind::Destination {
                class: HostClass::Exfiltration | HostClass::RawIp,
                ..
            }
        )
    });
    let unknown_destinations = view.all(|k| {
        matches!(
            k,
            SignalKind::Destination {
                class: HostClass::Unknown,
                ..
            }
        )
    });
    let secrets_high = view.all(|k| {
        matches!(
            k,
            SignalKind::SensitivePath {
                level: Sensitivity::High,
                ..
            }
        )
    });
    let secrets_medium = view.all(|k| {
        matches!(
            k,
            SignalKind::SensitivePath {
                level: Sensitivity::Medium,
                ..
            }
        )
    });
    let harvest = view.all(|k| matches!(k, SignalKind::EnvHarvest { .. }));
    let secret_variables = view.all(|k| matches!(k, SignalKind::SecretVariable { .. }));
    let ci = view.all(|k| matches!(k, SignalKind::CiCheck { .. }));
    let host = view.all(|k| matches!(k, SignalKind::HostProfile { .. }));
    let writes = view.all(|k| matches!(k, SignalKind::FileWrite { .. }));
    let make_executable = view.all(|k| matches!(k, SignalKind::MakeExecutable { .. }));
    let exec_computed = view.all(|k| {
        matches!(
            k,
            SignalKind::ExecComputed { .. }
                | SignalKind::Spawn {
                    class: ProgramClass::Computed | ProgramClass::DroppedPath,
                    ..
                }
        )
    });
    let dropped_runs = view.all(|k| {
        matches!(
            k,
            SignalKind::Spawn {
                class: ProgramClass::DroppedPath,
                ..
            }
        )
    });
    let persistence = view.all(|k| matches!(k, SignalKind::Persistence { .. }));
    let authorized_keys = view.all(|k| matches!(k, SignalKind::AuthorizedKeys));
    let ssh_keys = view.all(|k| matches!(k, SignalKind::EmbeddedSshKey));
    let decoders = view.all(|k| matches!(k, SignalKind::Decode { .. }));
    let hidden = view.all(|k| matches!(k, SignalKind::HiddenIndicator { .. }));
    let blobs = view.all(|k| matches!(k, SignalKind::OpaqueBlob { .. }));
    let embedded = view.all(|k| {
        matches!(
            k,
            SignalKind::EmbeddedExecutable { .. } | SignalKind::HiddenInFile { .. }
        )
    });
    let pools = view.all(|k| matches!(k, SignalKind::MiningPool { .. }));
    let strong_wallets = view.all(|k| matches!(k, SignalKind::Wallet { strong: true, .. }));
    let wallets = view.all(|k| matches!(k, SignalKind::Wallet { .. }));
    let miner_flags = view.all(|k| matches!(k, SignalKind::MinerFlag { .. }));
    let miner_spawns = view.all(|k| {
        matches!(
            k,
            SignalKind::Spawn {
                class: ProgramClass::Miner,
                ..
            }
        )
    });
    let unscanned = view.all(|k| matches!(k, SignalKind::Unscanned { .. }));
    let risky_spawns = view.all(|k| {
        matches!(
            k,
            SignalKind::Spawn {
                class: ProgramClass::Shell | ProgramClass::Downloader,
                ..
            }
        )
    });
    let way_out = !net.is_empty() || !bad_destinations.is_empty();
    let first = |list: &[&'s Signal]| list.first().copied();
    let bad = first(&bad_destinations);

    // A file written and the same file made executable or run, in one function.
    let linked_write_exec = writes.iter().any(|w| {
        let SignalKind::FileWrite { target } = &w.kind else {
            return false;
        };
        let written = identifiers(target);
        exec_computed
            .iter()
            .chain(make_executable.iter())
            .filter(|e| same_scope(w, e))
            .any(|e| {
                let target = match &e.kind {
                    SignalKind::ExecComputed { target } | SignalKind::MakeExecutable { target } => {
                        // The words that say a shell runs it are not the file's name.
                        target.trim_end_matches(SCRIPT_RUN).to_owned()
                    }
                    SignalKind::Spawn { program, .. } => program.clone(),
                    _ => String::new(),
                };
                // Shell one-liners (`curl -o x && chmod +x x && ./x`) carry their own evidence.
                e.line == w.line || !identifiers(&target).is_disjoint(&written)
            })
    }) || together(&[&writes, &make_executable, &exec_computed])
        // A program started by the function that calls the helper which wrote it and made it
        // executable (`fetch(&dir)?; Command::new(dir.join(NAME))`). Not in tests, whose
        // fixtures write scripts for the code under test to run.
        || !dev && exec_computed.iter().any(|exec| {
            let here_or_called = |s: &&Signal| same_scope(exec, s) || calls(facts, exec, s);
            // The download too: a build that fetches sources in one place and runs the
            // `configure` a helper wrote and made executable is not a download run.
            net.iter().any(here_or_called)
                && writes.iter().any(here_or_called)
                && make_executable.iter().any(here_or_called)
        })
        // A program run from a literal temporary or relative path that the same function
        // writes (by any means, a downloader's `-o` included).
        || together(&[&writes, &dropped_runs]);
    let shell_pipeline = together(&[&net, &exec_computed])
        && net.iter().any(|n| {
            exec_computed
                .iter()
                .any(|e| e.line == n.line && e.file == n.file)
        });
    // Or by data flow, across functions: a file made executable, and a script its shell runs
    // (`sh <script>`) that carries what came over the network (`fs::write(&script, body)` of a
    // download, then the helper a launcher table names). A program downloaded and started by
    // its own path is what self-updaters and driver managers do, which the rules above weigh.
    let script_runs = view
        .all(|k| matches!(k, SignalKind::ExecComputed { target } if target.ends_with(SCRIPT_RUN)));
    let runs_script = |flow: &&Signal| {
        script_runs
            .iter()
            .any(|run| run.file == flow.file && run.line == flow.line)
    };
    // Not at build time: a build that fetches sources and runs their `configure` through `sh`
    // is what `-sys` crates do.
    let downloaded_and_run = !build
        && !make_executable.is_empty()
        && !view.flows(Source::Network, Sink::Write).is_empty()
        && view
            .flows(Source::Network, Sink::Execute)
            .iter()
            .any(runs_script);
    let download_execute =
        shell_pipeline || (!net.is_empty() && linked_write_exec) || downloaded_and_run;

    // Collecting secrets: reaching for several kinds of them (an SSH key and a wallet, browser
    // passwords and cloud keys: an honest client reads its own kind), or walking directories in
    // search of key material (secret files by name through the home directory, or a pattern for
    // keys in the text of whatever is walked).
    let secret_kinds: std::collections::BTreeSet<_> = secrets_high
        .iter()
        .filter_map(|s| match &s.kind {
            SignalKind::SensitivePath { kind, .. } => *kind,
            _ => None,
        })
        .collect();
    let walks = view.all(|k| matches!(k, SignalKind::WalksFiles { .. }));
    let user_directories = view.all(|k| matches!(k, SignalKind::UserDirectory { .. }));
    let key_patterns = view.all(|k| matches!(k, SignalKind::KeyPattern { .. }));
    let key_material: Vec<&Signal> = secrets_high
        .iter()
        .chain(&secrets_medium)
        .chain(&key_patterns)
        .copied()
        .collect();
    // Named secret files count only in a walk through the user's own directories: a tool that
    // walks a project to pack or upload it names `.env` and credential files to leave them out.
    // A pattern for keys has no such honest use in a walk.
    let hunting =
        together(&[&walks, &key_patterns]) || together(&[&walks, &key_material, &user_directories]);
    // Several kinds count where the code finds the user's home directory, where they are kept:
    // a list of secret files to leave out of a bundle names several kinds too, and needs no home.
    let collecting = (secret_kinds.len() >= 2 && !user_directories.is_empty()) || hunting;

    // Secrets of several stores (cargo's tokens and git's and `.netrc`'s: one kind, three
    // stores) whose data is seen to reach the network: an honest client reads its own store.
    // The function a secret sent comes from (the flow names its first source), and the stores
    // that function reaches for: a store by what it is, not by which of its files (every SSH
    // identity is one store, and so are cargo's two spellings of its credentials file).
    let sent_from: Vec<(&str, u32)> = view
        .all(|k| {
            matches!(
                k,
                SignalKind::Flow {
                    source: Source::SecretFile,
                    sink: Sink::Network,
                    ..
                }
            )
        })
        .iter()
        .filter_map(|f| match &f.kind {
            SignalKind::Flow { from, .. } => {
                let (file, line) = from.split_once(' ')?.0.rsplit_once(':')?;
                Some((file, line.parse().ok()?))
            }
            _ => None,
        })
        .collect();
    let stores_sent = sent_from.iter().any(|&(file, line)| {
        let Some(scope) = secrets_high
            .iter()
            .find(|s| s.file == file && s.line == line)
            .and_then(|s| s.scope)
        else {
            return false;
        };
        let stores: std::collections::BTreeSet<&str> = secrets_high
            .iter()
            .filter(|s| s.file == file && s.scope == Some(scope))
            .filter_map(|s| match &s.kind {
                SignalKind::SensitivePath { what, .. } => Some(secret_store(what)),
                _ => None,
            })
            .collect();
        stores.len() >= 2
    });
    // Credential theft: a secret and a way out. Highly sensitive paths weigh more than medium
    // ones; the finding is the same.
    let theft = if !secrets_high.is_empty() && way_out {
        let in_one = together(&[&secrets_high, &net, &unknown_destinations]);
        let severity = if build {
            Some(if bad.is_some() {
                Verdict::Reject
            } else {
                Verdict::Hold
            })
        } else if runtime {
            Some(
                if bad.is_some()
                    || !hidden.is_empty()
                    || obfuscated
                    || in_one
                    || collecting
                    || stores_sent
                {
                    Verdict::Hold
                } else {
                    Verdict::Flag
                },
            )
        } else {
            bad.map(|_| Verdict::Hold)
        };
        severity.map(|severity| (severity, secrets_high[0]))
    } else if hunting && way_out {
        // Key material looked for by pattern or in files of medium sensitivity (`.env`) across
        // the disk, in a target that can send it away.
        let primary = key_material[0];
        let severity = if build || runtime {
            Some(if bad.is_some() && build {
                Verdict::Reject
            } else {
                Verdict::Hold
            })
        } else {
            bad.map(|_| Verdict::Flag)
        };
        severity.map(|severity| (severity, primary))
    } else if !secrets_medium.is_empty() && way_out {
        let in_one = together(&[&secrets_medium, &net, &unknown_destinations]);
        let severity = if build {
            Some(if bad.is_some() || !unknown_destinations.is_empty() {
                Verdict::Hold
            } else {
                Verdict::Flag
            })
        } else if runtime {
            (bad.is_some() || !hidden.is_empty() || in_one).then_some(Verdict::Hold)
        } else {
            bad.map(|_| Verdict::Flag)
        };
        severity.map(|severity| (severity, secrets_medium[0]))
    } else {
        None
    };
    if let Some((severity, primary)) = theft {
        out.push(finding(
            rules::CREDENTIAL_THEFT,
            severity,
            primary,
            unit,
            format!(
                "{}; it can send data away",
                evidence(&[
                    Some(primary),
                    secrets_high
                        .iter()
                        .find(|s| match (&s.kind, &primary.kind) {
                            (
                                SignalKind::SensitivePath { kind: a, .. },
                                SignalKind::SensitivePath { kind: b, .. },
                            ) => a != b,
                            _ => false,
                        })
                        .copied(),
                    hunting.then(|| first(&walks)).flatten(),
                    first(&net),
                    bad.or(first(&unknown_destinations)),
                    first(&hidden)
                ])
            ),
        ));
    }

    // A build that picks the builder's secret variables out of its whole environment and
    // writes them into its output puts them into what it builds, for whoever gets it.
    let picked_secrets = view.all(
        |k| matches!(k, SignalKind::SecretVariable { name } if name.starts_with("every variable")),
    );
    let written = view.all(|k| {
        matches!(
            k,
            SignalKind::Flow {
                source: Source::Environment | Source::SecretVariable,
                sink: Sink::Write,
                ..
            }
        )
    });
    if let (true, Some(primary), Some(write), false) =
        (build, first(&picked_secrets), first(&written), way_out)
    {
        out.push(finding(
            rules::ENVIRONMENT_EXFILTRATION,
            Verdict::Hold,
            primary,
            unit,
            format!(
                "{}; a build that writes the builder's secrets into its output embeds them in \
                 what it builds",
                evidence(&[Some(primary), Some(write)])
            ),
        ));
    }

    // The environment (CI tokens, cloud keys) and a way out.
    if (!harvest.is_empty() || !secret_variables.is_empty()) && way_out {
        let primary = first(&harvest)
            .or(first(&secret_variables))
            .unwrap_or(signals[0]);
        let all_vars = !harvest.is_empty();
        let in_one = together(&[&[primary], &net, &unknown_destinations]);
        let severity = if build {
            if bad.is_some() {
                Some(Verdict::Reject)
            } else if all_vars || !unknown_destinations.is_empty() || !hidden.is_empty() {
                Some(Verdict::Hold)
            } else {
                Some(Verdict::Flag)
            }
        } else if runtime {
            (bad.is_some() || !hidden.is_empty() || (all_vars && (obfuscated || in_one)))
                .then_some(Verdict::Hold)
        } else {
            bad.map(|_| Verdict::Flag)
        };
        if let Some(severity) = severity {
            out.push(finding(
                rules::ENVIRONMENT_EXFILTRATION,
                severity,
                primary,
                unit,
                format!(
                    "{}; it can send data away",
                    evidence(&[
                        Some(primary),
                        first(&net),
                        bad.or(first(&unknown_destinations))
                    ])
                ),
            ));
        }
    }

    // Who and where the machine is, and a way out.
    if !host.is_empty() && way_out {
        let in_one = together(&[&host, &net, &unknown_destinations]);
        // Host details sent (the flow reaches the send) to a party the code fixes, neither a
        // well-known host nor the package's own service: a library reporting on the machines
        // it runs on to someone its users never chose. A crash reporter or telemetry sends to
        // the address its caller configures, or to its own service.
        let foreign_destinations: Vec<&str> = view
            .all(|k| matches!(k, SignalKind::Destination { class, .. } if *class != HostClass::WellKnown))
            .iter()
            .filter_map(|d| match &d.kind {
                SignalKind::Destination { target, .. } if !facts.is_own_service(target) => {
                    Some(target.as_str())
                }
                _ => None,
            })
            .collect();
        // The sends a destination of those reaches (its flow names it).
        let sent_to_foreign: Vec<(&str, u32)> = view
            .all(|k| {
                matches!(
                    k,
                    SignalKind::Flow {
                        source: Source::FixedDestination,
                        sink: Sink::Network,
                        ..
                    }
                )
            })
            .iter()
            .filter(|g| {
                matches!(&g.kind, SignalKind::Flow { from, .. }
                    if foreign_destinations.iter().any(|target| from.contains(target)))
            })
            .map(|g| (g.file.as_str(), g.line))
            .collect();
        let reported = view
            .all(|k| {
                matches!(
                    k,
                    SignalKind::Flow {
                        source: Source::HostFacts,
                        sink: Sink::Network,
                        ..
                    }
                )
            })
            .into_iter()
            .find(|f| sent_to_foreign.contains(&(f.file.as_str(), f.line)));
        let severity = if build {
            Some(if bad.is_some() {
                Verdict::Reject
            } else {
                Verdict::Hold
            })
        } else if runtime {
            let reported_by_library =
                reported.is_some() && matches!(unit, Unit::Library | Unit::LoadTime);
            if bad.is_some() || !hidden.is_empty() || reported_by_library {
                Some(Verdict::Hold)
            } else {
                in_one.then_some(Verdict::Flag)
            }
        } else {
            None
        };
        if let Some(severity) = severity {
            let primary = host[0];
            out.push(finding(
                rules::HOST_PROFILING,
                severity,
                primary,
                unit,
                format!(
                    "{}; it can send them away",
                    evidence(&[
                        Some(primary),
                        first(&net),
                        bad.or(first(&unknown_destinations))
                    ])
                ),
            ));
        }
    }

    // Download, write, execute.
    if download_execute {
        let gated = !ci.is_empty();
        let in_one = together(&[&net, &writes, &exec_computed]) || shell_pipeline;
        let severity = if build {
            if bad.is_some() || gated || !hidden.is_empty() {
                Verdict::Reject
            } else {
                Verdict::Hold
            }
        } else if runtime {
            if gated || bad.is_some() || !hidden.is_empty() || obfuscated || in_one {
                Verdict::Hold
            } else {
                Verdict::Flag
            }
        } else {
            Verdict::Flag
        };
        let primary = first(&net).unwrap_or(signals[0]);
        out.push(finding(
            rules::DOWNLOAD_EXECUTE,
            severity,
            primary,
            unit,
            format!(
                "{}; downloading a program and running it{}",
                evidence(&[
                    Some(primary),
                    first(&writes),
                    first(&make_executable),
                    first(&exec_computed),
                    bad,
                    first(&ci)
                ]),
                if gated {
                    ", only when it sees CI, is how malware avoids being noticed on a developer's screen"
                } else {
                    " bypasses every review of the crate's code"
                }
            ),
        ));
    }

    // Rust source downloaded by a build script into a file of its own (`OUT_DIR/generated.rs`,
    // which the crate `include!`s): code compiled into every build that nobody reviewed with
    // the crate, and that its author can change at any time.
    let downloaded_source = build
        .then(|| {
            view.all(|k| {
                matches!(k, SignalKind::Flow { source: Source::Network, sink: Sink::Write, .. })
            })
            .into_iter()
            .find(|f| {
                writes.iter().any(|w| {
                        w.file == f.file
                            && w.line == f.line
                            && matches!(&w.kind, SignalKind::FileWrite { target } if target.contains(".rs\""))
                    })
            })
        })
        .flatten();
    if let (Some(primary), false) = (downloaded_source, download_execute) {
        out.push(finding(
            rules::DOWNLOAD_EXECUTE,
            Verdict::Hold,
            primary,
            unit,
            format!(
                "{}; a build that downloads Rust source compiles in code that is not in the \
                 package",
                evidence(&[Some(primary), first(&net)])
            ),
        ));
    }

    // An embedded or decoded executable, written and run.
    let payload =
        first(&embedded).or_else(|| (!decoders.is_empty()).then(|| first(&blobs)).flatten());
    // An executable shipped as a file of the package, copied out and run.
    if payload.is_none() && linked_write_exec && !facts.executables.is_empty() && !dev {
        let primary = writes[0];
        out.push(finding(
            rules::DROPPER,
            Verdict::Hold,
            primary,
            unit,
            format!(
                "the package ships the executable {}; {}; an executable carried inside the crate \
                 and started from disk is a dropper",
                facts.executables[0],
                evidence(&[
                    Some(primary),
                    first(&make_executable),
                    first(&exec_computed)
                ])
            ),
        ));
    }
    if let Some(payload) = payload {
        let runs = linked_write_exec
            || (!writes.is_empty() && (!make_executable.is_empty() || !exec_computed.is_empty()));
        if runs {
            let severity = if dev { Verdict::Flag } else { Verdict::Hold };
            out.push(finding(
                rules::DROPPER,
                severity,
                payload,
                unit,
                format!(
                    "{}; an executable carried inside the crate and started from disk is a dropper",
                    evidence(&[
                        Some(payload),
                        first(&decoders),
                        first(&writes),
                        first(&make_executable),
                        first(&exec_computed)
                    ])
                ),
            ));
        } else if !embedded.is_empty() && !dev {
            out.push(finding(
                rules::EMBEDDED_EXECUTABLE,
                Verdict::Flag,
                payload,
                unit,
                evidence(&[Some(payload)]),
            ));
        }
    } else if build && linked_write_exec && !download_execute {
        // A build script may well build a helper and run it; code that runs when the library
        // is loaded, asked by no caller, has no program of its own to write out and start.
        let primary = writes[0];
        let load_time = *unit == Unit::LoadTime;
        out.push(finding(
            rules::DROPPER,
            if load_time {
                Verdict::Hold
            } else {
                Verdict::Flag
            },
            primary,
            unit,
            format!(
                "{}; {}",
                evidence(&[
                    Some(primary),
                    first(&make_executable),
                    first(&exec_computed)
                ]),
                if load_time {
                    "code run when the library loads that writes a program and starts it is a \
                     dropper"
                } else {
                    "a build script that writes a program and runs it deserves a look"
                }
            ),
        ));
    }

    // A program run from an in-memory file (`memfd_create`, then `execve` of
    // `/proc/self/fd/N` or `fexecve`) made of bytes the file carries (a file it includes, an
    // embedded or encoded blob): fileless execution of a payload no reader of the package sees.
    // A library that runs what its caller hands it carries nothing of its own.
    let in_memory = |m: &Signal| matches!(&m.kind, SignalKind::MakeExecutable { target } if target.contains("memfd"));
    let runs_from_memory = make_executable.iter().copied().find(|m| {
        in_memory(m)
            && exec_computed
                .iter()
                .any(|e| e.file == m.file && e.scope == m.scope)
    });
    // The payload must be in the same file: a sandbox or re-exec library that decodes base64
    // somewhere else in the crate carries no program of its own.
    let carried = view.all(|k| matches!(k, SignalKind::CarriedBytes { .. }));
    let carried_payload = runs_from_memory.and_then(|run| {
        embedded
            .iter()
            .chain(&blobs)
            .chain(&carried)
            .copied()
            .find(|payload| payload.file == run.file)
    });
    if let (Some(primary), Some(payload)) = (runs_from_memory, carried_payload) {
        out.push(finding(
            rules::DROPPER,
            if dev { Verdict::Flag } else { severe },
            primary,
            unit,
            format!(
                "{}; a program run from memory, made of what the crate carries, is a dropper \
                 that leaves no file behind",
                evidence(&[Some(primary), first(&exec_computed), Some(payload)])
            ),
        ));
    } else if *unit == Unit::LoadTime {
        // Code that runs when the library is loaded was asked by no caller to run anything: a
        // program it starts from an in-memory file (made in one function of the file, started
        // in another) is fileless execution, wherever its bytes come from.
        let loads_from_memory = make_executable
            .iter()
            .copied()
            .find(|m| in_memory(m) && exec_computed.iter().any(|e| e.file == m.file));
        if let Some(primary) = loads_from_memory {
            out.push(finding(
                rules::DROPPER,
                Verdict::Hold,
                primary,
                unit,
                format!(
                    "{}; code run when the library loads starts a program from memory, which \
                     leaves no file behind",
                    evidence(&[Some(primary), first(&exec_computed)])
                ),
            ));
        }
    }
    // Code run when the library loads that reaches the network and starts a program whose name
    // it works out at run time: no caller asked for either, and together they are a loader
    // fetching what it runs next (the body piped to a shell, or a file it names).
    if let (Unit::LoadTime, Some(connection), Some(started)) =
        (unit, first(&net), first(&exec_computed))
    {
        out.push(finding(
            rules::DOWNLOAD_EXECUTE,
            Verdict::Hold,
            started,
            unit,
            format!(
                "{}; code run when the library loads, for no caller, that fetches over the \
                 network and starts a program it names at run time is loading what it runs",
                evidence(&[Some(started), Some(connection)])
            ),
        ));
    }

    // Auto-start locations, written.
    let persistence_written: Vec<&Signal> = persistence
        .iter()
        .copied()
        .filter(|p| writes.iter().any(|w| w.file == p.file))
        .collect();
    // What an auto-start location is given made of data the crate keeps sealed (an opaque
    // array or file of its own, or something decoded at run time) and written in the function
    // that names the location: a command line its readers were not meant to see, set to run
    // at every start. A unit or profile writer writes what its caller hands it.
    // The write must be the one to that location: the function's only file write, or one whose
    // destination is named on the location's line (`let rc = home.join(".bashrc")`, then
    // `open(&rc)`); another file the function writes (an icon beside an autostart entry) is not.
    let writes_place = |place: &Signal, write: &Signal| {
        let here: Vec<&&Signal> = writes
            .iter()
            .filter(|w| w.file == place.file && w.scope == place.scope)
            .collect();
        let named = identifiers(&place.snippet);
        here.iter().any(|w| w.line == write.line)
            && (here.len() == 1
                || here.iter().any(|w| {
                    w.line == write.line
                        && matches!(&w.kind, SignalKind::FileWrite { target }
                            if !identifiers(target).is_disjoint(&named))
                }))
    };
    let sealed_into_autostart = persistence_written.iter().copied().find_map(|place| {
        view.all(|k| {
            matches!(
                k,
                SignalKind::Flow {
                    source: Source::OpaqueCarried | Source::Decoded,
                    sink: Sink::Write,
                    ..
                }
            )
        })
        .into_iter()
        .find(|flow| {
            flow.file == place.file && flow.scope == place.scope && writes_place(place, flow)
        })
        .map(|flow| (place, flow))
    });
    if let (Some((place, flow)), false) = (sealed_into_autostart, dev) {
        out.push(finding(
            rules::PERSISTENCE,
            Verdict::Hold,
            place,
            unit,
            format!(
                "{}; what it writes there is made of data the crate keeps sealed, a command \
                 hidden from its readers set to run again and again",
                evidence(&[Some(place), Some(flow)])
            ),
        ));
    }
    // (Said once: the sealed content's hold says the location was written.)
    let sealed_said = sealed_into_autostart.is_some() && !dev;
    if let (Some(primary), false) = (first(&persistence_written), sealed_said) {
        let aggravated = download_execute
            || together(&[&persistence_written, &net])
            || bad.is_some()
            || !embedded.is_empty()
            || !hidden.is_empty()
            || obfuscated;
        let severity = if build || (runtime && aggravated) {
            Verdict::Hold
        } else {
            Verdict::Flag
        };
        out.push(finding(
            rules::PERSISTENCE,
            severity,
            primary,
            unit,
            format!(
                "{}; writing to auto-start locations makes code survive and run again",
                evidence(&[Some(primary), first(&writes), first(&exec_computed)])
            ),
        ));
    }

    // A project's automation (CI pipelines, git's hook settings, other crates' sources)
    // changed by a build: code planted to run in someone's pipeline or build later. Tools that
    // generate CI files do it when asked, at run time.
    let spawns = view.all(|k| matches!(k, SignalKind::Spawn { .. }));
    let automation = view.all(|k| matches!(k, SignalKind::Automation { .. }));
    // Written in the same file, or handed to a program on the same line (`git config --global
    // init.templateDir …`): reading `GITHUB_ENV` or naming a workflow is not changing it.
    let automation_written = automation.iter().copied().find(|a| {
        writes.iter().any(|w| w.file == a.file)
            || spawns.iter().any(|s| s.file == a.file && s.line == a.line)
    });
    if let (Some(primary), true) = (automation_written, build) {
        out.push(finding(
            rules::PERSISTENCE,
            if bad.is_some() || !hidden.is_empty() {
                Verdict::Reject
            } else {
                Verdict::Hold
            },
            primary,
            unit,
            format!(
                "{}; a build that changes where code runs later (a pipeline, hooks, other \
                 crates' sources) plants code in someone's pipeline or build",
                evidence(&[Some(primary), first(&writes), bad])
            ),
        ));
    }

    // A build (or code run when the library loads) that writes into the Rust toolchain's own
    // directory, wherever the path is put together (`$CARGO_HOME` or `~/.cargo` joined with
    // `config.toml` in another function): cargo's configuration, its `bin` directory and the
    // sources it compiles decide what every later build on the machine runs. A build writes
    // into its `OUT_DIR`; tools that manage cargo's settings do it when their user runs them.
    // A `.cargo` joined onto a path is the toolchain's when the path is the home directory (the
    // same destination carries the home); a build's `OUT_DIR/.cargo/config.toml` is its own.
    let home_written = view.flows(Source::UserDirectory, Sink::WriteDestination);
    let toolchain_written: Vec<&Signal> = view
        .flows(Source::ToolchainHome, Sink::WriteDestination)
        .into_iter()
        .chain(
            view.flows(Source::ToolchainDirectory, Sink::WriteDestination)
                .into_iter()
                .filter(|flow| {
                    home_written
                        .iter()
                        .any(|home| home.file == flow.file && home.line == flow.line)
                }),
        )
        .collect();
    if let (Some(primary), true) = (first(&toolchain_written), build) {
        out.push(finding(
            rules::PERSISTENCE,
            Verdict::Hold,
            primary,
            unit,
            format!(
                "{}; a build that writes into the Rust toolchain's own directory changes what \
                 every later build on the machine runs",
                evidence(&[Some(primary), first(&writes)])
            ),
        ));
    }

    // A library that writes the automation (a CI pipeline, git's hooks) of the project it runs
    // in, found by itself from the working directory (or with a destination of its author's
    // choosing written into it), in a file that names such a destination: a step planted in the user's pipeline, where their secrets are, to
    // send them on. A CI generator writes where its caller says, what its user configures (or
    // its own service's address), and does it as a program its user runs.
    let foreign_destination = |file: &str| {
        view.all(|k| {
            matches!(k, SignalKind::Destination { class, target }
                if *class != HostClass::WellKnown && !facts.is_own_service(target))
        })
        .into_iter()
        .find(|d| d.file == file)
    };
    let written_where_it_runs = view.all(|k| {
        matches!(
            k,
            SignalKind::Flow {
                source: Source::WorkingDirectory,
                sink: Sink::WriteDestination,
                ..
            }
        )
    });
    // Or the destination itself written into the file: the text planted carries it.
    let destinations_written = view.all(|k| {
        matches!(
            k,
            SignalKind::Flow {
                source: Source::FixedDestination,
                sink: Sink::Write,
                ..
            }
        )
    });
    let planted = automation.iter().copied().find_map(|a| {
        let own_project = written_where_it_runs
            .iter()
            .any(|f| f.file == a.file && f.scope == a.scope)
            || destinations_written.iter().any(|f| f.file == a.file);
        let written = writes
            .iter()
            .any(|w| w.file == a.file && w.scope == a.scope);
        (own_project && written)
            .then(|| foreign_destination(&a.file))
            .flatten()
            .map(|destination| (a, destination))
    });
    if let (Some((primary, destination)), false, Unit::Library) = (planted, build, unit) {
        out.push(finding(
            rules::PERSISTENCE,
            Verdict::Hold,
            primary,
            unit,
            format!(
                "{}; library code that rewrites the pipeline of the project it runs in, in a \
                 file naming an address its author chose, plants a step that runs with the \
                 project's secrets",
                evidence(&[Some(primary), first(&writes), Some(destination)])
            ),
        ));
    }

    // authorized_keys.
    if !authorized_keys.is_empty() && (!writes.is_empty() || !ssh_keys.is_empty()) {
        let with_key = !ssh_keys.is_empty();
        let written = !writes.is_empty();
        let severity = if build {
            if with_key {
                Verdict::Reject
            } else {
                Verdict::Hold
            }
        } else if runtime && with_key && written {
            Verdict::Hold
        } else {
            Verdict::Flag
        };
        let primary = authorized_keys[0];
        out.push(finding(
            rules::SSH_BACKDOOR,
            severity,
            primary,
            unit,
            format!(
                "{}; adding a key to authorized_keys opens the machine to whoever holds it",
                evidence(&[Some(primary), first(&ssh_keys), first(&writes)])
            ),
        ));
    }

    // What a hidden string may be used for.
    let hidden_used = way_out
        || !exec_computed.is_empty()
        || !risky_spawns.is_empty()
        || !writes.is_empty()
        || !secrets_high.is_empty();
    // Hidden strings. In tests, examples and benchmarks, an encoded string with nothing to
    // use it is a test vector.
    if let (Some(primary), false) = (first(&hidden), dev && !hidden_used) {
        let severity = if build || (runtime && hidden_used) {
            Verdict::Hold
        } else {
            Verdict::Flag
        };
        out.push(finding(
            rules::OBFUSCATED_PAYLOAD,
            severity,
            primary,
            unit,
            format!(
                "{}; code that hides what it talks to or runs is forbidden obfuscation",
                evidence(&[
                    Some(primary),
                    first(&decoders),
                    first(&net),
                    first(&exec_computed)
                ])
            ),
        ));
    } else if together(&[&decoders, &blobs, &exec_computed]) || together(&[&decoders, &blobs, &net])
    {
        let primary = blobs[0];
        out.push(finding(
            rules::OBFUSCATED_PAYLOAD,
            if build { Verdict::Hold } else { Verdict::Flag },
            primary,
            unit,
            format!(
                "{}; an opaque blob decoded next to code that runs or sends things",
                evidence(&[
                    Some(primary),
                    first(&decoders),
                    first(&exec_computed),
                    first(&net)
                ])
            ),
        ));
    }

    // Mining.
    let configured = !pools.is_empty()
        && (!wallets.is_empty() || !miner_flags.is_empty() || !miner_spawns.is_empty());
    let launched =
        !miner_spawns.is_empty() && (!miner_flags.is_empty() || !strong_wallets.is_empty());
    // A program under any name started with a miner's options (`--donate-level`, `-o pool
    // -u wallet`): a wallet to be paid and one option, or two options, written in the call that
    // starts it (its lines, in its function: not a list of miners' options a detector keeps, nor
    // a usage text). Renaming `xmrig` to `kworkerd` changes nothing of what it is told to do.
    let in_spawn = |spawn: &Signal, s: &Signal| {
        s.file == spawn.file
            && s.scope.is_some()
            && s.scope == spawn.scope
            && (spawn.line..=spawn.line + SPAWN_ARGUMENT_LINES).contains(&s.line)
    };
    let disguised = view
        .all(|k| matches!(k, SignalKind::Spawn { .. }))
        .into_iter()
        .find(|spawn| {
            let flags: std::collections::BTreeSet<&str> = miner_flags
                .iter()
                .filter(|f| in_spawn(spawn, f))
                .filter_map(|f| match &f.kind {
                    SignalKind::MinerFlag { flag } => Some(flag.as_str()),
                    _ => None,
                })
                .collect();
            let paid = strong_wallets.iter().any(|w| in_spawn(spawn, w));
            (paid && !flags.is_empty()) || flags.len() >= 2
        });
    if let (Some(spawn), false, false) = (disguised, configured, launched) {
        out.push(finding(
            rules::MINER,
            severe,
            spawn,
            unit,
            format!(
                "{}; a program started with a cryptocurrency miner's options is a miner, \
                 whatever it is called",
                evidence(&[Some(spawn), first(&miner_flags), first(&strong_wallets)])
            ),
        ));
    }
    if configured || launched {
        let severity = if build {
            Verdict::Reject
        } else if runtime {
            if !miner_spawns.is_empty() || download_execute || !hidden.is_empty() {
                Verdict::Reject
            } else {
                Verdict::Hold
            }
        } else {
            Verdict::Flag
        };
        let primary = first(&pools).or(first(&miner_spawns)).unwrap_or(signals[0]);
        out.push(finding(
            rules::MINER,
            severity,
            primary,
            unit,
            format!(
                "{}; a configured cryptocurrency miner",
                evidence(&[
                    Some(primary),
                    first(&wallets),
                    first(&miner_flags),
                    first(&miner_spawns)
                ])
            ),
        ));
    } else if let Some(primary) = first(&pools).or(first(&miner_spawns)) {
        out.push(finding(
            rules::MINER,
            if build { Verdict::Hold } else { Verdict::Flag },
            primary,
            unit,
            format!("{}; mining-related", evidence(&[Some(primary)])),
        ));
    }

    // A miner inside the program: a pool's protocol spoken over the network, to a pool of the
    // code's own choosing — a pool's address in it, an address written or hidden in it that
    // reaches a connection (or is written where one is opened), or a wallet to be paid — or over
    // a connection nobody asked for (opened from a load-time hook). A protocol library
    // (a pool client, a proxy, a monitor) speaks it too, to the pool its caller names: a
    // capability, left to the rules above.
    let protocol = view.all(|k| matches!(k, SignalKind::MiningProtocol { .. }));
    let own_pool = pools.iter().any(|p| match &p.kind {
        SignalKind::MiningPool { what } => names_pool_host(what),
        _ => false,
    }) || !wallets.is_empty()
        || !hidden.is_empty()
        || !view
            .all(|k| {
                matches!(
                    k,
                    SignalKind::Flow {
                        source: Source::FixedDestination,
                        sink: Sink::Network,
                        ..
                    }
                )
            })
            .is_empty()
        || together(&[
            &net,
            &view.all(|k| {
                matches!(k, SignalKind::Destination { class, .. } if *class != HostClass::WellKnown)
            }),
        ])
        || net.iter().any(|n| n.context == Context::LoadTime);
    if let (Some(primary), true, false) = (
        first(&protocol),
        way_out && own_pool,
        configured || launched,
    ) {
        out.push(finding(
            rules::MINER,
            by_exposure(exposure),
            primary,
            unit,
            format!(
                "{}; a cryptocurrency miner built into the code",
                evidence(&[Some(primary), first(&net), bad])
            ),
        ));
    }

    // A browser miner's script started by what the crate writes (into the pages a server sends,
    // a site it generates): everyone who loads them mines for whoever holds its key.
    if let (Some(primary), false) = (
        first(&view.all(|k| matches!(k, SignalKind::BrowserMiner { .. }))),
        dev,
    ) {
        out.push(finding(
            rules::MINER,
            severe,
            primary,
            unit,
            format!(
                "{}; a page that starts a miner makes its visitors' machines mine without \
                 asking",
                evidence(&[Some(primary)])
            ),
        ));
    }

    // A shell whose input and output are a network connection (a reverse or bind shell): a
    // socket turned into a raw handle in the function that starts a shell or a computed program.
    let shells = view.all(|k| {
        matches!(
            k,
            SignalKind::Spawn {
                class: ProgramClass::Shell | ProgramClass::Computed,
                ..
            } | SignalKind::ShellComputed { .. }
        )
    });
    let raw_handles = view.all(|k| matches!(k, SignalKind::RawHandle { .. }));
    if let (true, Some(primary)) = (
        !net.is_empty() && together(&[&raw_handles, &shells]),
        first(&shells),
    ) {
        let severity = match exposure {
            Exposure::BuildTime => Verdict::Reject,
            Exposure::Runtime => Verdict::Hold,
            Exposure::DevOnly => Verdict::Flag,
        };
        out.push(finding(
            rules::REMOTE_SHELL,
            severity,
            primary,
            unit,
            format!(
                "{}; a shell wired to a network connection hands the machine to whoever is at the \
                 other end",
                evidence(&[Some(primary), first(&raw_handles), first(&net)])
            ),
        ));
    }

    // A command line that is a reverse or bind shell by its own shape (`bash -i >&
    // /dev/tcp/…`, `nc -e /bin/sh`): no program has an honest use for one, whoever its address
    // names; only a build script's is beyond doubt, as it runs on every machine that builds.
    if let Some(primary) = first(&view.all(|k| matches!(k, SignalKind::ShellOverNetwork { .. }))) {
        out.push(finding(
            rules::REMOTE_SHELL,
            by_exposure(exposure),
            primary,
            unit,
            format!(
                "{}; a shell wired to a network connection hands the machine to whoever is at the \
                 other end",
                evidence(&[Some(primary)])
            ),
        ));
    }

    // Commands from the network run by a shell: a command line computed at run time handed to
    // `sh -c`, in code that talks to a destination written into it. A job runner does the same
    // for a server its user configures, so the destination decides: favoured by attackers, or
    // told about the host, it is a command-and-control channel.
    let computed_shells = view.all(|k| matches!(k, SignalKind::ShellComputed { .. }));
    let destination = bad.or(first(&unknown_destinations));
    if let (Some(primary), Some(destination), true) =
        (first(&computed_shells), destination, way_out)
    {
        let controlled = bad.is_some() || !host.is_empty() || !hidden.is_empty();
        // A build script that downloads sources and runs `sh -c "cd {dir} && ./configure"` has
        // the same three signals; only the attacker's marks make it control.
        let severity = match exposure {
            Exposure::BuildTime | Exposure::Runtime => Some(if controlled {
                Verdict::Hold
            } else {
                Verdict::Flag
            }),
            Exposure::DevOnly => None,
        };
        if let Some(severity) = severity {
            out.push(finding(
                rules::REMOTE_CONTROL,
                severity,
                primary,
                unit,
                format!(
                    "{}; commands that come over the network and run in a shell are remote \
                     control of the machine",
                    evidence(&[Some(primary), Some(destination), first(&net), first(&host)])
                ),
            ));
        }
    }

    // Clipboard hijacking: reading the clipboard, searching it for cryptocurrency addresses, and
    // putting something else back (or sending what was found away). A clipboard manager has no
    // address patterns; an address validator has no clipboard.
    let clipboard = view.all(|k| matches!(k, SignalKind::Clipboard { .. }));
    let clipboard_api = clipboard.iter().any(|s| {
        matches!(&s.kind, SignalKind::Clipboard { how, .. }
            if how.to_ascii_lowercase().contains("clipboard")
                || how.starts_with("runs `")
                || how.starts_with("names `"))
    });
    // A clipboard program named without the argument that says which way it works reads
    // nothing.
    let clipboard_reads = clipboard.iter().any(|s| {
        matches!(&s.kind, SignalKind::Clipboard { write: false, how } if !how.starts_with("names `"))
    });
    let clipboard_writes: Vec<&Signal> = clipboard
        .iter()
        .filter(|s| matches!(s.kind, SignalKind::Clipboard { write: true, .. }))
        .copied()
        .collect();
    let address_patterns = view.all(|k| matches!(k, SignalKind::AddressPattern { .. }));
    // An address that could be anything in hex (`0x` and 40 digits) counts where one function
    // both reads the clipboard and writes it: a watcher with an address to put there.
    let reads_and_writes_in_one = clipboard_writes.iter().any(|write| {
        clipboard.iter().any(|read| {
            matches!(read.kind, SignalKind::Clipboard { write: false, .. })
                && same_scope(read, write)
        })
    });
    let targets = first(&address_patterns)
        .or(first(&strong_wallets))
        .or_else(|| reads_and_writes_in_one.then(|| first(&wallets)).flatten());
    if let (true, Some(target)) = (clipboard_api && clipboard_reads, targets) {
        let swaps = first(&clipboard_writes);
        let severity = match (exposure, swaps.is_some(), way_out) {
            (Exposure::BuildTime, _, _) => Some(Verdict::Reject),
            (Exposure::Runtime, true, _) => Some(Verdict::Hold),
            (Exposure::Runtime, false, true) => Some(if bad.is_some() {
                Verdict::Hold
            } else {
                Verdict::Flag
            }),
            (Exposure::DevOnly, true, _) => Some(Verdict::Flag),
            _ => None,
        };
        if let Some(severity) = severity {
            let primary = clipboard[0];
            out.push(finding(
                rules::CLIPBOARD_HIJACK,
                severity,
                primary,
                unit,
                format!(
                    "{}; code that watches the clipboard for payment addresses {}",
                    evidence(&[Some(primary), Some(target), swaps, first(&net)]),
                    if swaps.is_some() {
                        "and replaces them redirects payments"
                    } else {
                        "and can send them away is stealing"
                    }
                ),
            ));
        }
    }

    // The clipboard watched and rewritten by library code that asks which language or region the
    // machine is set to: a clipboard tool serves whoever copies, wherever; a clipper picks its
    // victims. (Not CI checks: a clipboard helper may well stay away from headless build
    // machines; not dates: too many constants fall in the range of this era's UNIX times.)
    let clipboard_gates: Vec<&Signal> = view.all(|k| matches!(k, SignalKind::LocaleCheck { .. }));
    let already_clipper = out.iter().any(|f| f.rule == rules::CLIPBOARD_HIJACK);
    // A watcher: the write in the function that reads, or in one it calls (an editor's copy and
    // paste are two commands, two functions that do not call each other).
    // A read is of the contents (`get_text`, `GetClipboardData`, `pbpaste`), not a handle
    // opened (`Clipboard::new`, `OpenClipboard`), which a copy needs as much as a paste.
    let reads_contents = |how: &str| {
        let how = how.to_ascii_lowercase();
        ["get", "paste", "read", "contents"]
            .iter()
            .any(|word| how.contains(word))
    };
    let watched_write = clipboard_writes.iter().copied().find(|write| {
        clipboard.iter().any(|read| {
            matches!(&read.kind, SignalKind::Clipboard { write: false, how } if reads_contents(how))
                && read.file == write.file
                && (read.scope == write.scope || calls(facts, read, write))
        })
    });
    if let (true, Some(write), Some(gate), false) = (
        clipboard_api && matches!(unit, Unit::Library | Unit::LoadTime),
        watched_write,
        first(&clipboard_gates),
        already_clipper,
    ) {
        out.push(finding(
            rules::CLIPBOARD_HIJACK,
            Verdict::Hold,
            write,
            unit,
            format!(
                "{}; library code that rewrites the clipboard only where some condition on the \
                 machine holds picks whose copies it changes",
                evidence(&[Some(write), Some(gate)])
            ),
        ));
    }

    // Destroying the user's data when the machine's language, region or time zone matches:
    // protestware. Deleting under the home directory is what cleaners do too (they ask first, and
    // do not care where the machine is), so without the condition it is only worth a look at
    // build time, where nobody asked for anything to be deleted. Code that asks the person at the
    // terminal first is theirs to answer.
    let mut destroys = view.all(|k| matches!(k, SignalKind::Destroy { .. }));
    // Removing or overwriting every file of a walk through the user's directories destroys as
    // surely as deleting the tree. The walk is often a recursive helper handed the home
    // directory by its caller, so the directory counts anywhere in the target, and removing
    // files in a walk needs the condition below as much as deleting a tree does.
    let removes = view.all(|k| matches!(k, SignalKind::RemovesFile { .. }));
    if !user_directories.is_empty() {
        for per_file in [&removes, &writes] {
            destroys.extend(per_file.iter().filter(|s| together(&[&[**s], &walks])));
        }
    }
    // The same through data flow, where the walk and the write are in different functions
    // (a walk that hands each file to a callback, a list the walk fills): a walk that starts in
    // the user's directories, and the files it finds written over.
    if !view.flows(Source::UserDirectory, Sink::Walk).is_empty() {
        destroys.extend(view.flows(Source::WalkedFiles, Sink::WriteDestination));
    }
    // The conditions: the machine's locale anywhere in the target; a moment written into the
    // code, or a random draw, in the function that destroys (both are common elsewhere).
    let locale_checks = view.all(|k| matches!(k, SignalKind::LocaleCheck { .. }));
    let moments = view.all(|k| matches!(k, SignalKind::FixedMoment { .. }));
    let draws = view.all(|k| matches!(k, SignalKind::RandomChoice { .. }));
    let asks = view.all(|k| matches!(k, SignalKind::AsksUser { .. }));
    let consented = runtime && !asks.is_empty();
    let in_destroying_function = |gates: &[&'s Signal]| {
        gates
            .iter()
            .find(|g| destroys.iter().any(|d| same_scope(d, g)))
            .copied()
    };
    let condition = first(&locale_checks)
        .or(first(&moments))
        .or(in_destroying_function(&draws));
    // The directory the code runs in (the user's project, a service's data) is the user's as
    // much as the home is, where a condition picks the machines: deleting in it is what build
    // scripts and tools do to their own output, unconditionally.
    // The directory itself, not one made in it (`current_dir()?.join(name)`, a scaffolder's
    // new project that it removes again when its download fails).
    let working_directory: Vec<&Signal> = view
        .all(|k| matches!(k, SignalKind::WorkingDirectory { .. }))
        .into_iter()
        .filter(|s| !joins_a_name(&s.snippet))
        .collect();
    // Or, for the working directory, an answer from the network in the function that deletes
    // it (a kill switch its author throws remotely).
    let cwd_condition = condition.or_else(|| in_destroying_function(&net));
    let in_working_directory =
        cwd_condition.and_then(|_| in_destroying_function(&working_directory));
    let destroyed_where = first(&user_directories).or(in_working_directory);
    let condition = if user_directories.is_empty() {
        cwd_condition
    } else {
        condition
    };
    if let (Some(primary), Some(target), false) = (first(&destroys), destroyed_where, consented) {
        let severity = match (exposure, condition.is_some()) {
            (Exposure::BuildTime, true) => Some(Verdict::Reject),
            (Exposure::Runtime, true) | (Exposure::BuildTime, false) => {
                Some(if condition.is_some() {
                    Verdict::Hold
                } else {
                    Verdict::Flag
                })
            }
            (Exposure::DevOnly, true) => Some(Verdict::Flag),
            (_, false) => None,
        };
        if let Some(severity) = severity {
            out.push(finding(
                rules::DESTRUCTIVE,
                severity,
                primary,
                unit,
                format!(
                    "{}; {}",
                    evidence(&[Some(primary), Some(target), condition]),
                    if condition.is_some() {
                        "deleting the user's files depending on the machine's language, region or \
                         time zone, on a date, at random or on a word from a server is sabotage"
                    } else {
                        "a build that deletes the user's files"
                    }
                ),
            ));
        }
    }

    // A time bomb: the clock compared with a moment the code fixes. A deadline on its own (an
    // API that warns after its sunset date) is worth a look; with the moment computed so that
    // nobody reads it, or with the makings of sabotage around the comparison (a chance drawn,
    // quiet under tests and in CI, the machine's locale, the process ended, files cut), it is
    // the trigger of a logic bomb, whatever it then does to the data it is handed.
    let clock_gates = view.all(|k| matches!(k, SignalKind::ClockGate { .. }));
    let armed = |s: &Signal| matches!(&s.kind, SignalKind::ClockGate { hidden, with, .. } if *hidden || !with.is_empty());
    if let Some(primary) = clock_gates
        .iter()
        .find(|s| armed(s))
        .or(clock_gates.first())
        .copied()
    {
        let armed = armed(primary);
        let severity = match (exposure, armed) {
            (Exposure::DevOnly, _) => None,
            (Exposure::BuildTime, true) => Some(Verdict::Reject),
            (_, true) => Some(Verdict::Hold),
            (_, false) => Some(Verdict::Flag),
        };
        if let Some(severity) = severity {
            out.push(finding(
                rules::TIME_BOMB,
                severity,
                primary,
                unit,
                format!(
                    "{}; {}",
                    evidence(&[Some(primary)]),
                    if armed {
                        "code that waits for a date and then acts at random, out of sight of \
                         tests and CI, or on the process and its files is a logic bomb"
                    } else {
                        "code that changes what it does on a fixed date"
                    }
                ),
            ));
        }
    }

    // Files overwritten or deleted only on machines whose identity (host name, machine id, the
    // environment, the directory it runs in, its time zone or language), hashed, is in a list written into the code:
    // sabotage aimed at victims the code does not name. Checking a download against known
    // hashes is a look-up in a list of hashes too, of the download: what matters is that the
    // identity flows into the value looked up, and no content (a download, a file found) does,
    // since a statement-level flow lets a host name sent in a request's header reach its
    // response.
    let lookups_of = |wanted: &dyn Fn(Source) -> bool| {
        view.all(|k| {
            matches!(k, SignalKind::Flow { source, sink: Sink::TargetLookup, .. } if wanted(*source))
        })
    };
    let of_identity = lookups_of(&|source| {
        matches!(
            source,
            Source::HostFacts | Source::Environment | Source::WorkingDirectory | Source::Locale
        )
    });
    let of_content = lookups_of(&|source| {
        matches!(
            source,
            Source::Network
                | Source::WalkedFiles
                | Source::Decoded
                | Source::SecretFile
                | Source::SensitiveFile
                | Source::Clipboard
        )
    });
    let targeting = of_identity.iter().copied().find(|id| {
        !of_content
            .iter()
            .any(|c| c.file == id.file && c.line == id.line)
    });
    let overwritten_in_walks: Vec<&Signal> = removes
        .iter()
        .chain(writes.iter())
        .chain(
            view.all(|k| matches!(k, SignalKind::RewritesInPlace { .. }))
                .iter(),
        )
        .copied()
        // In the walk's function, or in one that calls the walking helper and removes what it
        // collected (`collect(root, depth, &mut found)`, then `remove_file` of each).
        .filter(|s| walks.iter().any(|w| same_scope(s, w) || calls(facts, s, w)))
        // A file a walk found, written over by the function handed the walk's list.
        .chain(view.all(|k| {
            matches!(
                k,
                SignalKind::Flow {
                    source: Source::WalkedFiles,
                    sink: Sink::WriteDestination,
                    ..
                }
            )
        }))
        .collect();
    // The damage in the module that picks the machines: a licence check by machine id and a
    // cache pruned elsewhere in the crate are not one act. Or damage whose reach the same
    // identity decides, wherever it is: the walk's root or the files written over computed
    // from the time zone or language (`SCANS[names_unreliable as usize]`), as a pruning
    // routine turned on its owner's home by a hidden list does.
    // The identity must be the one the gate looks up (a time zone's reach for a time-zone
    // list); the directory the code runs in, where most walks start, decides nothing.
    let source_of_flow = |s: &Signal| match s.kind {
        SignalKind::Flow { source, .. } => Some(source),
        _ => None,
    };
    let identity_reach: Vec<&Signal> = view.all(|k| {
        matches!(
            k,
            SignalKind::Flow {
                source: Source::HostFacts | Source::Environment | Source::Locale,
                sink: Sink::Walk | Sink::WriteDestination,
                ..
            }
        )
    });
    let reach_decided = |gate: &Signal, d: &Signal| {
        identity_reach.iter().any(|f| {
            source_of_flow(f) == source_of_flow(gate)
                && (f.file == d.file && f.scope == d.scope || calls(facts, d, f))
        })
    };
    let damage = targeting.and_then(|gate| {
        destroys
            .iter()
            .chain(overwritten_in_walks.iter())
            .copied()
            .find(|d| d.file == gate.file || reach_decided(gate, d))
    });
    let already = out.iter().any(|f| f.rule == rules::DESTRUCTIVE);
    if let (Some(gate), Some(primary), false, false, false) =
        (targeting, damage, dev, already, consented)
    {
        out.push(finding(
            rules::DESTRUCTIVE,
            severe,
            primary,
            unit,
            format!(
                "{}; destroying files only on machines picked by a hash of who or where they \
                 are is sabotage aimed at victims the code does not name",
                evidence(&[Some(primary), Some(gate)])
            ),
        ));
    } else if let (Some(gate), None, false) = (
        targeting.filter(|gate| {
            // A language or time zone looked up by its hash is how compact locale tables are
            // kept (plural rules, zone aliases); only with damage beside it is it a target list.
            !matches!(
                gate.kind,
                SignalKind::Flow {
                    source: Source::Locale,
                    ..
                }
            )
        }),
        damage,
        dev,
    ) {
        // Without damage the scanner can see (SQL assembled from a table, results quietly
        // skewed), the targeting itself: who or where the machine is, hashed and looked up in a
        // list of hashes the code keeps, so that nobody reading it learns whom it singles out.
        // Honest code that treats machines differently names them (a configuration, a licence
        // file); a download checked against known hashes looks up content, not the machine.
        out.push(finding(
            rules::DESTRUCTIVE,
            Verdict::Hold,
            gate,
            unit,
            format!(
                "{}; code that singles out machines by a hidden list of hashes of who or where \
                 they are acts on victims it does not name",
                evidence(&[Some(gate)])
            ),
        ));
    }

    // Everything in the directory the code runs in deleted (`rm -rf ./*`): in a library that is
    // whoever's service or checkout happens to be there, which no caller asked to lose; a
    // program's user may have asked for it.
    let wipes_working_directory =
        view.all(|k| matches!(k, SignalKind::WipesWorkingDirectory { .. }));
    let already = out.iter().any(|f| f.rule == rules::DESTRUCTIVE);
    if let (Some(primary), false, false) = (first(&wipes_working_directory), consented, already) {
        // A build script may run its command line in a directory it chose (`current_dir`),
        // which the line itself does not show: a look, not a hold.
        let severity = match unit {
            Unit::Library | Unit::LoadTime => Verdict::Hold,
            Unit::BuildScript | Unit::ProcMacro | Unit::Binary | Unit::DevOnly(_) => Verdict::Flag,
        };
        out.push(finding(
            rules::DESTRUCTIVE,
            severity,
            primary,
            unit,
            format!(
                "{}; code that deletes everything in whatever directory it runs in destroys \
                 data nobody chose",
                evidence(&[Some(primary)])
            ),
        ));
    }

    // The user's home directory itself deleted or shredded (`rm -rf ~`, `find $HOME -type f |
    // xargs shred`): no library, build or tool of someone else's has a reason to, and a cleaner
    // names what it cleans under the home, not the home. Unless the person at the terminal was
    // asked.
    let wipes_home = view.all(|k| matches!(k, SignalKind::WipesHome { .. }));
    let already = out
        .iter()
        .any(|f| f.rule == rules::DESTRUCTIVE && f.severity >= Verdict::Hold);
    if let (Some(primary), false, false, false) = (first(&wipes_home), consented, already, dev) {
        out.retain(|f| f.rule != rules::DESTRUCTIVE);
        out.push(finding(
            rules::DESTRUCTIVE,
            severe,
            primary,
            unit,
            format!(
                "{}; code that deletes the user's home directory destroys everything they keep",
                evidence(&[Some(primary), first(&ci)])
            ),
        ));
    }

    // A time bomb: data destroyed (a tree deleted, a database's schemas dropped) in a function
    // that waits for a moment written into the code, whatever it destroys. A cache that expires
    // compares ages, not a date of this era.
    let bombs = view.all(|k| matches!(k, SignalKind::Destroy { .. }));
    let timed = bombs
        .iter()
        .copied()
        .find(|d| moments.iter().any(|m| same_scope(d, m)));
    let already = out.iter().any(|f| f.rule == rules::DESTRUCTIVE);
    if let (Some(primary), false, false, false) = (timed, dev, consented, already) {
        let moment = moments.iter().copied().find(|m| same_scope(primary, m));
        out.push(finding(
            rules::DESTRUCTIVE,
            severe,
            primary,
            unit,
            format!(
                "{}; destroying data once a date written into the code has passed is a time bomb",
                evidence(&[Some(primary), moment])
            ),
        ));
    }

    // Looking for a debugger or an analysis sandbox before doing something that runs or sends
    // things: a payload hiding from the people who would catch it.
    let evasion = view.all(|k| matches!(k, SignalKind::EvasionCheck { .. }));
    let payload_like = download_execute
        || !hidden.is_empty()
        || !computed_shells.is_empty() && way_out
        || !exec_computed.is_empty() && way_out;
    if let (Some(primary), true, false) = (first(&evasion), payload_like, dev) {
        out.push(finding(
            rules::OBFUSCATED_PAYLOAD,
            severe,
            primary,
            unit,
            format!(
                "{}; code that checks whether it is watched before it runs or sends things \
                 hides what it does from the people who would catch it",
                evidence(&[
                    Some(primary),
                    first(&net),
                    first(&exec_computed).or(first(&computed_shells)),
                    first(&hidden)
                ])
            ),
        ));
    }

    // Asking whether it runs in CI (three vendors' variables or more: a detector, not one job's
    // setting) in library code that uses strings it hid or hands a shell a computed line, while
    // it can reach the network: honest code asks to keep its output plain there; a payload asks
    // so that no build log shows it. A program's user may have asked for what it runs: a flag.
    // (Downloads are judged with the CI check by the download rule above.)
    // Vendors, not variables: `JENKINS_HOME` and `JENKINS_URL` are one.
    let ci_vendors: std::collections::BTreeSet<&str> = ci
        .iter()
        .filter_map(|s| match &s.kind {
            SignalKind::CiCheck { variable } => variable.split('_').next(),
            _ => None,
        })
        .collect();
    let gated_payload = ci_vendors.len() >= 3
        && way_out
        && !download_execute
        && (!hidden.is_empty() || !computed_shells.is_empty());
    let already_evasive = out.iter().any(|f| f.rule == rules::OBFUSCATED_PAYLOAD);
    if let (true, false, false, Some(primary)) = (gated_payload, dev, already_evasive, first(&ci)) {
        out.push(finding(
            rules::OBFUSCATED_PAYLOAD,
            if matches!(unit, Unit::Library | Unit::LoadTime) || build {
                Verdict::Hold
            } else {
                Verdict::Flag
            },
            primary,
            unit,
            format!(
                "{}; code that checks for CI and uses what it hid or hands a shell a computed \
                 line, and can reach the network, keeps what it does out of build logs",
                evidence(&[
                    Some(primary),
                    first(&exec_computed).or(first(&computed_shells)),
                    first(&hidden),
                    first(&net).or(bad)
                ])
            ),
        ));
    }

    // Data flow (see `flow`): what the code does with the values, not only what it can do.
    let flows = view.all(|k| matches!(k, SignalKind::Flow { .. }));
    let flow_of = |wanted: &dyn Fn(Source, Sink) -> bool| {
        flows
            .iter()
            .find(
                |s| matches!(s.kind, SignalKind::Flow { source, sink, .. } if wanted(source, sink)),
            )
            .copied()
    };
    // Data received from the network run as a command or a program: remote control. Who picks
    // the other end decides: a job runner is pointed at a server by its user; code that
    // connects to a destination written into it (whatever the destination looks like), or
    // tells the other end who the machine is, is controlled by whoever wrote it.
    // (A downloaded program started is the download-and-execute rule's to judge.)
    // Commands fetched from a fixed place are the author's, even on a well-known host (a raw
    // file on a code host is a favourite channel).
    let fixed_party = flow_of(&|source, sink| {
        sink == Sink::Network
            && matches!(
                source,
                Source::FixedDestination | Source::WellKnownHost | Source::HostFacts
            )
    });
    let control_severity = match (build, fixed_party.is_some()) {
        (true, _) => Verdict::Reject,
        (false, true) => Verdict::Hold,
        (false, false) => Verdict::Flag,
    };
    if let (Some(primary), false) = (
        flow_of(&|source, sink| source == Source::Network && sink == Sink::Shell),
        dev,
    ) {
        out.push(finding(
            rules::REMOTE_CONTROL,
            control_severity,
            primary,
            unit,
            format!(
                "{}; what comes over the network is run on the machine",
                evidence(&[Some(primary), fixed_party, first(&net)])
            ),
        ));
    }
    // A program named by what comes over the network (`Command::new(parts[0]).args(&parts[1..])`
    // of a server's reply, a script fed to an interpreter a data file names): remote control
    // without a shell. A program downloaded, written, made executable and started, or a
    // downloaded script piped into a shell, is the download rule's.
    let already_controlled = out.iter().any(|f| f.rule == rules::REMOTE_CONTROL);
    // A script handed to a shell by its path is the download rule's when a download wrote it
    // (above), and a build's sources' `configure` otherwise: not a program the network chose.
    let chosen = view.flows(Source::Network, Sink::Execute);
    // A native function the network names (`dlsym(RTLD_DEFAULT, name)` of a reply's field):
    // no job runner takes its jobs that way, whoever its server is, and the function may as
    // well be `system`.
    let natives = view.all(|k| matches!(k, SignalKind::NativeByName { .. }));
    let native_call = |flow: &&Signal| {
        natives
            .iter()
            .any(|native| native.file == flow.file && native.line == flow.line)
    };
    let chosen_native = chosen.iter().copied().find(native_call);
    // Found already by the rule above (a command line from the network as well): at least held.
    if let (Some(_), true, false) = (chosen_native, already_controlled, dev) {
        for found in out.iter_mut().filter(|f| f.rule == rules::REMOTE_CONTROL) {
            found.severity = found.severity.max(Verdict::Hold);
        }
    }
    let chosen_program = chosen_native.or(chosen.into_iter().find(|flow| !runs_script(flow)));
    if let (Some(primary), false, false, true, false) = (
        chosen_program,
        dev,
        already_controlled,
        make_executable.is_empty(),
        download_execute,
    ) {
        let severity = match (chosen_native, control_severity) {
            (Some(_), Verdict::Flag) => Verdict::Hold,
            _ => control_severity,
        };
        out.push(finding(
            rules::REMOTE_CONTROL,
            severity,
            primary,
            unit,
            format!(
                "{}; {} chosen by what comes over the network is run on the machine",
                evidence(&[Some(primary), fixed_party, first(&net)]),
                if chosen_native.is_some() {
                    "a native function"
                } else {
                    "a program"
                }
            ),
        ));
    }
    // A shell wired to a connection: its input read from it, or its output sent over it (a
    // reverse shell, a command channel's replies). A job runner sends its jobs' logs to the
    // server its user names; a fixed destination, or a build, makes it someone else's shell.
    if let (Some(primary), false) = (
        flow_of(&|source, sink| source == Source::ShellProcess && sink == Sink::Network),
        dev,
    ) {
        let fixed_party = flow_of(&|source, sink| {
            sink == Sink::Network && matches!(source, Source::FixedDestination | Source::HostFacts)
        });
        out.push(finding(
            rules::REMOTE_SHELL,
            match (build, fixed_party.is_some()) {
                (true, _) => Verdict::Reject,
                (false, true) => Verdict::Hold,
                (false, false) => Verdict::Flag,
            },
            primary,
            unit,
            format!(
                "{}; a shell wired to a network connection hands the machine to whoever is at \
                 the other end",
                evidence(&[Some(primary), fixed_party])
            ),
        ));
    }

    // Key material, the whole environment or the clipboard sent over the network. Files that
    // are only often sensitive (`known_hosts`, `.env`) are read by honest network code too (an
    // SSH client checks the server's key against `known_hosts`): the rules above weigh them.
    // Tests send their own environment to their own servers: not judged. A build has no
    // business sending even the files that are only often sensitive.
    if let (Some(primary), false) = (
        flow_of(&|source, sink| {
            sink == Sink::Network
                && (matches!(
                    source,
                    Source::SecretFile | Source::Environment | Source::Clipboard
                ) || (build
                    && matches!(source, Source::SensitiveFile | Source::SecretVariable)))
        }),
        dev,
    ) {
        // Who receives them decides at run time: a registry client sends the token it read
        // to the registry its user names (or to crates.io); a party written into the code, a
        // hidden one, or secrets of several kinds collected, is theft.
        let receiver =
            flow_of(&|source, sink| sink == Sink::Network && source == Source::FixedDestination);
        // Secrets spelled into the names a DNS look-up asks for: no client sends its token
        // that way.
        let through_dns = net.iter().any(|n| {
            n.file == primary.file
                && n.line == primary.line
                && matches!(&n.kind, SignalKind::Network { how } if how.contains("DNS"))
        });
        let stolen = receiver.is_some()
            || through_dns
            || bad.is_some()
            || collecting
            || !hidden.is_empty()
            || obfuscated
            || primary.context == Context::LoadTime;
        let severity = if build {
            Verdict::Reject
        } else if stolen {
            Verdict::Hold
        } else {
            Verdict::Flag
        };
        out.push(finding(
            rules::EXFILTRATION,
            severity,
            primary,
            unit,
            format!(
                "{}; the user's secrets leave the machine",
                evidence(&[Some(primary), receiver.or(bad)])
            ),
        ));
    }

    // Files found by walking the user's own directories sent away (a project's sources, a
    // documents folder): at build time, any walk's files sent away. An uploader walks the
    // directory its user gives it.
    let walks_user_directories =
        flow_of(&|source, sink| source == Source::UserDirectory && sink == Sink::Walk);
    // Library code that walks the project it runs in and sends the files away takes the
    // user's code; a program that does it was asked to (a deploy tool).
    let walks_project =
        flow_of(&|source, sink| source == Source::WorkingDirectory && sink == Sink::Walk)
            .filter(|_| matches!(unit, Unit::Library | Unit::LoadTime));
    // At run time the files sent must be of the same walk: the send carries both what the
    // walk found and the user's (or the working) directory it started from.
    // A destination written in the code that is not a well-known host nor the package's own.
    let foreign_destination = view
        .all(|k| matches!(k, SignalKind::Destination { class, .. } if *class != HostClass::WellKnown))
        .into_iter()
        .find(|d| matches!(&d.kind, SignalKind::Destination { target, .. } if !facts.is_own_service(target)));
    let walked_sent = flows.iter().copied().find(|f| {
        let at = |wanted: &dyn Fn(Source) -> bool| {
            flows.iter().any(|g| {
                g.file == f.file
                    && g.line == f.line
                    && matches!(g.kind, SignalKind::Flow { source, sink: Sink::Network, .. } if wanted(source))
            })
        };
        matches!(
            f.kind,
            SignalKind::Flow {
                source: Source::WalkedFiles,
                sink: Sink::Network,
                ..
            }
        ) && (build
            || (walks_user_directories.is_some() && at(&|s| s == Source::UserDirectory))
            || (walks_project.is_some() && at(&|s| s == Source::WorkingDirectory))
            // A library that sends what it walks to a destination of its own, whoever chose
            // the directory: an uploader sends where its caller says, and a client of a
            // service (its homepage's, or named after it) to the service.
            || (matches!(unit, Unit::Library | Unit::LoadTime)
                && at(&|s| s == Source::FixedDestination)
                && foreign_destination.is_some()))
    });
    // The same sent to the service the manifest names: a client's upload, or a homepage set to
    // the collector's address. A look, not a hold.
    let walked_to_own_service = (walked_sent.is_none()
        && matches!(unit, Unit::Library | Unit::LoadTime)
        && foreign_destination.is_none())
    .then(|| {
        flows.iter().copied().find(|f| {
            matches!(
                f.kind,
                SignalKind::Flow {
                    source: Source::WalkedFiles,
                    sink: Sink::Network,
                    ..
                }
            ) && flows.iter().any(|g| {
                g.file == f.file
                    && g.line == f.line
                    && matches!(
                        g.kind,
                        SignalKind::Flow {
                            source: Source::FixedDestination,
                            sink: Sink::Network,
                            ..
                        }
                    )
            })
        })
    })
    .flatten();
    if let Some(primary) = walked_to_own_service {
        out.push(finding(
            rules::EXFILTRATION,
            Verdict::Flag,
            primary,
            unit,
            format!(
                "{}; files found by a walk are sent to the service the manifest names as the \
                 package's own",
                evidence(&[Some(primary)])
            ),
        ));
    }
    if let (Some(primary), true) = (walked_sent, build || runtime) {
        out.push(finding(
            rules::EXFILTRATION,
            if build && bad.is_some() {
                Verdict::Reject
            } else {
                Verdict::Hold
            },
            primary,
            unit,
            format!(
                "{}; the user's files leave the machine",
                evidence(&[
                    Some(primary),
                    walks_user_directories,
                    bad.or(first(&unknown_destinations))
                ])
            ),
        ));
    }
    // Code that runs before `main` in every program that links the library, writing over what a
    // walk of a directory finds (disks listed in `/sys/block`, a tree of files): nobody called
    // it, and nothing an initializer needs is had by overwriting files it had to go looking for.
    // What the walk found must name the file written; writing a list of it (a plugin index, a
    // cache of sizes) overwrites nothing found.
    let walked_written_at_load = flows
        .iter()
        .copied()
        .find(|f| {
            matches!(
                f.kind,
                SignalKind::Flow {
                    source: Source::WalkedFiles,
                    sink: Sink::WriteDestination,
                    ..
                }
            )
        })
        .filter(|_| *unit == Unit::LoadTime);
    if let Some(primary) = walked_written_at_load {
        out.push(finding(
            rules::DESTRUCTIVE,
            Verdict::Hold,
            primary,
            unit,
            format!(
                "{}; code that runs when the library loads overwrites files it found by walking \
                 a directory",
                evidence(&[Some(primary)])
            ),
        ));
    }

    // Every branch and tag of the repository the code runs in pushed where its author hid in the
    // code (or to a raw address): the user's source leaves with its history. A mirroring tool
    // pushes to the remote its user configures; in a program, the user may have asked.
    let pushes = view.all(|k| matches!(k, SignalKind::PushesRepository { .. }));
    // Hidden, or a raw address or a service attackers favour: a mirroring tool's default
    // remote is written plainly, and a status page's URL beside it is no destination of the push.
    let chosen_destination = bad.or(first(&hidden));
    if let (Some(primary), Some(destination), false) = (first(&pushes), chosen_destination, dev) {
        // (Tests are not judged here: `dev` is false.)
        let severity = match unit {
            Unit::Binary => Verdict::Flag,
            _ => severe,
        };
        out.push(finding(
            rules::EXFILTRATION,
            severity,
            primary,
            unit,
            format!(
                "{}; a repository pushed whole to a destination the code chose sends away the \
                 user's source and its history",
                evidence(&[Some(primary), Some(destination)])
            ),
        ));
    }

    // Overwriting what a walk of the user's own directories finds destroys their files as
    // surely as deleting them, condition or not; a tool its user runs for that asks first.
    // The write must be in the function that walks the user's directories.
    let user_walks: Vec<&Signal> = flows
        .iter()
        .copied()
        .filter(|f| {
            matches!(
                f.kind,
                SignalKind::Flow {
                    source: Source::UserDirectory,
                    sink: Sink::Walk,
                    ..
                }
            )
        })
        .collect();
    // Or a file the walk found, rewritten in place in a function the walk hands it to
    // (`scramble(&path)`: read, then written back at the same path). A backup writes what it
    // reads elsewhere.
    let rewrites_in_place = view.all(|k| matches!(k, SignalKind::RewritesInPlace { .. }));
    // The write must be reached from a walk of the user's own directories, not only from some
    // walk (a formatter lists its own configuration and rewrites a project's files).
    let reaches_write = |wanted: Source, at: &Signal| {
        flows.iter().any(|g| {
            g.file == at.file
                && g.line == at.line
                && matches!(g.kind, SignalKind::Flow { source, sink: Sink::Write, .. } if source == wanted)
        })
    };
    let walked_written = flows.iter().copied().find(|f| {
        matches!(
            f.kind,
            SignalKind::Flow {
                source: Source::WalkedFiles,
                sink: Sink::Write,
                ..
            }
        ) && reaches_write(Source::UserDirectory, f)
            && rewrites_in_place
                .iter()
                .any(|r| r.file == f.file && r.line == f.line)
    });
    let overwrites_walked = writes
        .iter()
        .copied()
        .find(|w| {
            user_walks
                .iter()
                .any(|f| w.file == f.file && w.scope == f.scope)
        })
        .or(walked_written);
    if let (Some(walk), Some(write), false, false) = (
        walks_user_directories,
        overwrites_walked,
        dev,
        runtime && !asks.is_empty(),
    ) {
        let severity = if build {
            Verdict::Reject
        } else if matches!(unit, Unit::Library | Unit::LoadTime) {
            Verdict::Hold
        } else {
            Verdict::Flag
        };
        out.push(finding(
            rules::DESTRUCTIVE,
            severity,
            write,
            unit,
            format!(
                "{}; overwriting the files found in the user's own directories destroys them",
                evidence(&[Some(write), Some(walk)])
            ),
        ));
    }

    // Data decoded at run time, written out and started: a payload carried in the crate where
    // no reader sees it.
    if let (Some(primary), false) = (
        flow_of(&|source, sink| source == Source::Decoded && sink == Sink::Execute),
        dev,
    ) {
        out.push(finding(
            rules::DROPPER,
            severe,
            primary,
            unit,
            format!(
                "{}; a program carried encoded in the crate, decoded and started, is a dropper",
                evidence(&[Some(primary), first(&decoders), first(&writes)])
            ),
        ));
    }

    // Bytes the crate carries that nothing but its own code can read (`include_bytes!` of a
    // file that is no text, image or document), written out and started: a program hidden from
    // the package's readers by a transformation of its own (a whitening XOR, a packing).
    // The program started must be the file the bytes were written to (the write's destination
    // and the program share a name, or the file is made executable beside the start), not
    // another program handed that file as data (a firmware flasher given the image it carries).
    let written_opaque = view.flows(Source::OpaqueCarried, Sink::Write);
    let started_as_written = |run: &Signal| {
        let program = view
            .all(|k| {
                matches!(
                    k,
                    SignalKind::Spawn { .. } | SignalKind::ExecComputed { .. }
                )
            })
            .into_iter()
            .filter(|s| s.file == run.file && s.line == run.line)
            .map(|s| match &s.kind {
                SignalKind::Spawn { program, .. } => identifiers(program),
                SignalKind::ExecComputed { target } => {
                    identifiers(target.trim_end_matches(SCRIPT_RUN))
                }
                _ => Default::default(),
            })
            .fold(std::collections::BTreeSet::new(), |mut all, names| {
                all.extend(names);
                all
            });
        written_opaque.iter().any(|write| {
            write.file == run.file
                && writes.iter().any(|w| {
                    w.file == write.file
                        && w.line == write.line
                        && matches!(&w.kind, SignalKind::FileWrite { target }
                            if !identifiers(target).is_disjoint(&program))
                })
        })
    };
    // Or the sealed bytes are never written to a file at all, and still reach a started
    // program: they name it, or tell it what to do (a command rebuilt from a sealed table).
    let opaque_started = flows.iter().copied().find(|s| {
        matches!(
            s.kind,
            SignalKind::Flow {
                source: Source::OpaqueCarried,
                sink: Sink::Execute,
                ..
            }
        ) && (started_as_written(s)
            || make_executable.iter().any(|m| m.file == s.file)
            || written_opaque.is_empty())
    });
    if let (Some(primary), false) = (opaque_started, dev) {
        out.push(finding(
            rules::DROPPER,
            Verdict::Hold,
            primary,
            unit,
            format!(
                "{}; bytes no viewer can read that become a started program, or what it is told \
                 to do, are a payload the crate hides from its readers",
                evidence(&[Some(primary), first(&writes), first(&make_executable)])
            ),
        ));
    }

    // The clipboard's contents put back changed, by code nobody runs for that: a library (or
    // anything that runs at build or load time) that rewrites what the user copied is a
    // clipboard hijacker, whatever it looks for (addresses, account numbers, links). A
    // clipboard tool is a program its user runs for it, and only flagged.
    // A rewrite handed straight to its caller's callback is one the application using the
    // library sees and can show: a hijacker's swap is silent, so a reported one is only flagged.
    let reported = view.all(|k| matches!(k, SignalKind::ReportsRewrite { .. }));
    let told_of = |rewrite: &Signal| {
        reported
            .iter()
            .copied()
            .find(|report| report.scope.is_some() && same_scope(report, rewrite))
    };
    let rewrites = view.flows(Source::Clipboard, Sink::Clipboard);
    // The silent rewrite speaks for the code, if there is one.
    let rewrite = rewrites
        .iter()
        .copied()
        .find(|rewrite| told_of(rewrite).is_none())
        .or(first(&rewrites));
    if let (Some(primary), false) = (rewrite, dev) {
        let library = matches!(unit, Unit::Library | Unit::LoadTime) || build;
        // Only a library has a caller to tell: code run at load or build time answers to no one.
        let told = told_of(primary).filter(|_| *unit == Unit::Library);
        out.push(finding(
            rules::CLIPBOARD_HIJACK,
            if library && told.is_none() {
                Verdict::Hold
            } else {
                Verdict::Flag
            },
            primary,
            unit,
            format!(
                "{}; code that reads the clipboard and writes back what it made of it can swap \
                 what the user copied (an address, an account number, a link) for its own{}",
                evidence(&[Some(primary), told]),
                if told.is_some() {
                    ", though this code tells its caller of each change"
                } else {
                    ""
                }
            ),
        ));
    }

    // Network access while building, when nothing above explains it.
    if build && !net.is_empty() && out.is_empty() {
        let primary = net[0];
        out.push(finding(
            rules::BUILD_TIME_NETWORK,
            if bad.is_some() {
                Verdict::Hold
            } else {
                Verdict::Flag
            },
            primary,
            unit,
            format!(
                "{}; builds should not depend on the network, and a build that reaches it can \
                 leak the builder's data",
                evidence(&[Some(primary), bad.or(first(&unknown_destinations))])
            ),
        ));
    }

    for signal in unscanned {
        out.push(finding(
            rules::UNSCANNED,
            if build { Verdict::Hold } else { Verdict::Flag },
            signal,
            unit,
            format!("{} {}", signal.file, signal.kind.describe()),
        ));
    }
    out
}

/// Whether a line joins a name onto a path (`current_dir()?.join(name)`), not only `.`, `./`
/// or an empty piece, which leave the directory itself.
fn joins_a_name(line: &str) -> bool {
    line.match_indices(".join(").any(|(at, call)| {
        let argument = line[at + call.len()..].trim_start();
        !["\".\")", "\"./\")", "\"\")"]
            .iter()
            .any(|same| argument.starts_with(same))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joining_a_name_is_not_the_directory_itself() {
        assert!(joins_a_name(
            "let dir = std::env::current_dir()?.join(name);"
        ));
        assert!(!joins_a_name(
            "let dir = current_dir().map(|d| d.join(\".\"));"
        ));
        assert!(!joins_a_name("if let Ok(dir) = std::env::current_dir() {"));
    }

    #[test]
    fn a_pool_is_named_by_a_host_not_by_its_scheme() {
        for named in [
            "stratum+tcp://pool.example.org:3333",
            "stratum+ssl://203.0.113.9:443",
            "xmr.pool.example.net",
        ] {
            assert!(names_pool_host(named), "{named}");
        }
        for scheme in [
            "stratum+tcp://",
            "stratum+tcp://:3333",
            "stratum+tcp",
            "stratum2+tcp",
        ] {
            assert!(!names_pool_host(scheme), "{scheme}");
        }
    }

    #[test]
    fn a_secret_store_is_what_it_is_not_which_file() {
        assert_eq!(
            secret_store("an SSH private key (id_rsa)"),
            secret_store("an SSH private key (id_ed25519)")
        );
        assert_eq!(
            secret_store("cargo's registry tokens (~/.cargo/credentials)"),
            secret_store("cargo's registry tokens (credentials.toml)")
        );
        assert_ne!(
            secret_store("cargo's registry tokens (credentials.toml)"),
            secret_store("git credentials (~/.git-credentials)")
        );
        assert_eq!(secret_store("~/.netrc passwords"), "~/.netrc passwords");
    }
}
