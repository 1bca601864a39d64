//! What a crate's build-time code did when it ran sealed, judged.
//!
//! `wharf-sandbox` builds an upload inside a network namespace with only loopback, a throw-away
//! home full of decoys and a read-only system, records the system calls of every process, and turns
//! them into [`Event`]s. This module decides, without I/O, which of those events a registry must act
//! on: data going out (or trying to), decoys read, persistence written, files outside the build
//! deleted, a file the build itself wrote then run, and the sandbox's limits reached.
//!
//! Nothing here matches a crate's names or strings: only what the processes did, to which paths and
//! addresses. The vocabularies below ([`DECOYS`], [`PERSISTENCE`], [`TOOLCHAIN_WRITERS`]) are sorted
//! data, tested to stay so.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Finding, Verdict};

/// Where the sandbox put things, as the sandboxed processes see them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// `$HOME`, as set in the environment (a symbolic link to [`Layout::home_real`]).
    pub home: String,
    /// What `$HOME` resolves to; file descriptors name it so.
    pub home_real: String,
    /// The unpacked package: the build's working directory.
    pub source: String,
    /// Directories the build may write to as it likes: the target directory (with every
    /// `OUT_DIR`), `$CARGO_HOME`, the temporary directories.
    pub scratch: Vec<String>,
}

/// Where a network operation was aimed.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Address {
    pub ip: String,
    pub port: u16,
}

impl Address {
    fn is_loopback(&self) -> bool {
        self.ip.starts_with("127.") || self.ip == "::1" || self.ip.starts_with("::ffff:127.")
    }
}

/// One thing one process did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// `connect` or a `sendto`/`sendmsg` with an address, whatever its result.
    Connect(Address),
    /// Names asked of the sandbox's resolver (decoded from the query packets).
    DnsQuery(Vec<String>),
    /// A file opened; `write` if for writing, creating or truncating.
    Open { path: String, write: bool },
    /// A program started, by path, with its arguments.
    Exec { path: String, argv: Vec<String> },
    /// A file or directory removed (`unlink`, `rmdir`) or renamed away.
    Remove { path: String },
    /// A rename: `from` goes, `to` is written.
    Rename { from: String, to: String },
    /// Permission bits changed (made executable, say).
    Chmod { path: String, mode: u32 },
    /// A new process could not be made because the process limit was reached.
    ForkRefused,
    /// A hard link or symbolic link `to` made to `from`: `to` is written, `from` reached.
    Link { from: String, to: String },
    /// Something that can only serve to hide from the observation (a process strace cannot
    /// follow, io_uring, a file reached through `/proc`'s magic links), said in words.
    Evasion(String),
}

/// One observed action with the process that did it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub pid: u32,
    /// The program the process runs (base name), e.g. `build-script-build`, `rustc`, `cc1`.
    pub program: String,
    /// Whether that program was started from the system's or the toolchain's directories (only
    /// then is a `cc` the compiler).
    pub trusted: bool,
    /// The programs from the first process of the build down to this one, for evidence.
    pub chain: Vec<String>,
    pub action: Action,
}

/// A limit of the sandbox that the build reached; each ends in a hold that names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LimitReached {
    WallTime {
        seconds: u64,
    },
    /// Its system calls or output outgrew what the sandbox keeps.
    Logs {
        bytes: u64,
    },
    Processes {
        max: u64,
    },
    Memory {
        bytes: u64,
    },
    Disk {
        bytes: u64,
    },
}

/// Decoys planted in the sandbox's home, relative to it: credentials and keys of the tools a
/// developer or CI machine has, wallets, browser profiles, `.env` files. Nothing a build needs
/// opens any of them. Sorted.
pub const DECOYS: &[&str] = &[
    ".aws/config",
    ".aws/credentials",
    ".azure/accessTokens.json",
    ".bitcoin/wallet.dat",
    ".cargo/credentials.toml",
    ".config/Code/User/globalStorage/state.vscdb",
    ".config/gcloud/application_default_credentials.json",
    ".config/gh/hosts.yml",
    ".config/google-chrome/Default/Cookies",
    ".config/google-chrome/Default/Login Data",
    ".docker/config.json",
    ".electrum/wallets/default_wallet",
    ".env",
    ".ethereum/keystore/UTC--2024-01-01T00-00-00.000Z--0000000000000000000000000000000000000000",
    ".git-credentials",
    ".gnupg/private-keys-v1.d/0000000000000000000000000000000000000000.key",
    ".kube/config",
    ".local/share/keyrings/login.keyring",
    ".mozilla/firefox/default/logins.json",
    ".netrc",
    ".npmrc",
    ".pypirc",
    ".ssh/id_ed25519",
    ".ssh/id_rsa",
    ".ssh/known_hosts",
    "projects/app/.env",
];

/// Directories of the home whose listing or reading is itself a look for secrets (the decoys
/// above live in them). Sorted.
const SECRET_DIRS: &[&str] = &[
    ".aws",
    ".bitcoin",
    ".config/google-chrome",
    ".electrum",
    ".ethereum",
    ".gnupg",
    ".mozilla",
    ".ssh",
];

/// Places where a write makes code run later, on this machine: shell start-up files, autostart,
/// user services, cron, git hooks, cargo's own configuration, ssh's authorised keys, the dynamic
/// loader's preload list. Relative ones are under the home; absolute ones anywhere. An entry ending
/// in `/` covers what is below it. Sorted.
pub const PERSISTENCE: &[&str] = &[
    ".bash_login",
    ".bash_logout",
    ".bash_profile",
    ".bashrc",
    ".cargo/config",
    ".cargo/config.toml",
    ".config/autostart/",
    ".config/fish/config.fish",
    ".config/systemd/",
    ".gitconfig",
    ".local/share/systemd/",
    ".profile",
    ".ssh/authorized_keys",
    ".ssh/rc",
    ".zlogin",
    ".zprofile",
    ".zshenv",
    ".zshrc",
    "/etc/cron.d/",
    "/etc/cron.daily/",
    "/etc/cron.hourly/",
    "/etc/crontab",
    "/etc/init.d/",
    "/etc/ld.so.preload",
    "/etc/profile",
    "/etc/profile.d/",
    "/etc/rc.local",
    "/etc/systemd/",
    "/var/spool/cron/",
];

/// Programs that write executables as their job (compilers, assemblers, linkers, archivers); a
/// file one of them wrote may be run. Sorted.
pub const TOOLCHAIN_WRITERS: &[&str] = &[
    "ar", "as", "c++", "cargo", "cc", "cc1", "cc1plus", "clang", "clang++", "collect2", "g++",
    "gcc", "ld", "ld.bfd", "ld.gold", "ld.lld", "lld", "llvm-ar", "ranlib", "rust-lld", "rustc",
];

/// How many pieces of evidence one finding lists before it says how many more there were.
const EVIDENCE_SHOWN: usize = 5;

/// Findings from what the build did. A finding's severity is the verdict it asks for: anything
/// that reaches for the network, decoys, persistence or the user's files, or runs what it dropped,
/// is held for a moderator; reaching only loopback is flagged.
pub fn judge(layout: &Layout, events: &[Event], limits: &[LimitReached]) -> Vec<Finding> {
    let mut found = Found::default();
    // Which program wrote each file, so that running it later can be judged by who made it.
    let mut writers: BTreeMap<String, Writer> = BTreeMap::new();
    // Files each process read from the package or its dependencies' sources, by file name: a
    // file it then writes under the same name is a copy of shipped source (a vendored
    // `configure` copied to OUT_DIR), not something it carried hidden or fetched.
    let mut read_sources: BTreeMap<u32, BTreeSet<String>> = BTreeMap::new();
    for event in events {
        let who = chain_text(event);
        match &event.action {
            Action::Connect(address) if address.port == 53 && address.is_loopback() => {
                // The sandbox's resolver: the query itself is judged (as `DnsQuery`).
            }
            Action::Connect(address) if address.is_loopback() => found.add(
                "sandbox.loopback",
                Verdict::Flag,
                format!("{}:{} by {who}", address.ip, address.port),
            ),
            Action::Connect(address) => found.add(
                "sandbox.network",
                Verdict::Hold,
                format!("{}:{} by {who}", address.ip, address.port),
            ),
            Action::DnsQuery(names) => {
                for name in names {
                    found.add("sandbox.dns", Verdict::Hold, format!("{name} by {who}"));
                }
            }
            Action::Open { path, write } => {
                let path = layout.normalise(path);
                // Opened for writing too: a decoy opened read-write can be read all the same.
                if let Some(secret) = layout.secret(&path) {
                    found.add(
                        "sandbox.canary-read",
                        Verdict::Hold,
                        format!("read {secret} by {who}"),
                    );
                }
                if *write {
                    let copied = read_sources
                        .get(&event.pid)
                        .is_some_and(|names| names.contains(file_name(&path)));
                    writers.insert(path.clone(), Writer::of(event, copied));
                    if let Some(place) = layout.persistence(&path) {
                        found.add(
                            "sandbox.persistence",
                            Verdict::Hold,
                            format!("wrote {place} by {who}"),
                        );
                    }
                } else if layout.is_shipped_source(&path) {
                    read_sources
                        .entry(event.pid)
                        .or_default()
                        .insert(file_name(&path).to_owned());
                }
            }
            Action::Link { from, to } => {
                let (from, to) = (layout.normalise(from), layout.normalise(to));
                if let Some(secret) = layout.secret(&from) {
                    found.add(
                        "sandbox.canary-read",
                        Verdict::Hold,
                        format!("linked {secret} elsewhere by {who}"),
                    );
                }
                if let Some(place) = layout.persistence(&to) {
                    found.add(
                        "sandbox.persistence",
                        Verdict::Hold,
                        format!("linked into {place} by {who}"),
                    );
                }
                let writer = writers
                    .get(&from)
                    .cloned()
                    .unwrap_or_else(|| Writer::of(event, false));
                writers.insert(to, writer);
            }
            Action::Evasion(what) => {
                found.add("sandbox.evasion", Verdict::Hold, format!("{what} by {who}"));
            }
            Action::Rename { from, to } => {
                let (from, to) = (layout.normalise(from), layout.normalise(to));
                if let Some(place) = layout.persistence(&to) {
                    found.add(
                        "sandbox.persistence",
                        Verdict::Hold,
                        format!("wrote {place} by {who}"),
                    );
                }
                if layout.is_users(&from) && !writers.contains_key(&from) {
                    found.add(
                        "sandbox.destructive",
                        Verdict::Hold,
                        format!("moved away {} by {who}", layout.shown(&from)),
                    );
                }
                let writer = writers
                    .remove(&from)
                    .unwrap_or_else(|| Writer::of(event, false));
                writers.insert(to, writer);
            }
            Action::Remove { path } => {
                let path = layout.normalise(path);
                // What the build made itself, it may remove.
                if layout.is_users(&path) && !writers.contains_key(&path) {
                    found.add(
                        "sandbox.destructive",
                        Verdict::Hold,
                        format!("deleted {} by {who}", layout.shown(&path)),
                    );
                }
            }
            Action::Chmod { path, mode } => {
                let path = layout.normalise(path);
                let copied = writers.get(&path).is_some_and(|w| w.copied);
                if mode & 0o111 != 0 && !copied && !Writer::of(event, false).is_toolchain() {
                    // Made executable: whoever did so answers for what runs.
                    writers.insert(path.clone(), Writer::of(event, false));
                }
                if let Some(place) = layout.persistence(&path) {
                    found.add(
                        "sandbox.persistence",
                        Verdict::Hold,
                        format!("changed mode of {place} by {who}"),
                    );
                }
            }
            Action::Exec { path, argv } => {
                let path = layout.normalise(path);
                if let Some(writer) = writers.get(&path) {
                    if !writer.is_toolchain() && !writer.copied {
                        found.add(
                            "sandbox.exec-dropped",
                            Verdict::Hold,
                            format!(
                                "ran {} (written by {}) as `{}` by {who}",
                                layout.shown(&path),
                                writer.program,
                                argv.join(" ")
                            ),
                        );
                    }
                }
            }
            Action::ForkRefused => {}
        }
    }
    let refused = events
        .iter()
        .filter(|e| e.action == Action::ForkRefused)
        .count();
    let mut limits = limits.to_vec();
    if refused > 0
        && !limits
            .iter()
            .any(|l| matches!(l, LimitReached::Processes { .. }))
    {
        limits.push(LimitReached::Processes { max: 0 });
    }
    for limit in &limits {
        found.add("sandbox.limit", Verdict::Hold, limit_text(limit, refused));
    }
    found.into_findings()
}

fn limit_text(limit: &LimitReached, refused: usize) -> String {
    match limit {
        LimitReached::WallTime { seconds } => {
            format!("time limit: still running after {seconds} s, stopped")
        }
        LimitReached::Processes { max: 0 } => {
            format!("process limit: {refused} new processes refused")
        }
        LimitReached::Processes { max } => {
            format!("process limit: {max} processes reached ({refused} forks refused)")
        }
        LimitReached::Memory { bytes } => format!("memory limit: {} MiB reached", bytes >> 20),
        LimitReached::Disk { bytes } => format!("disk limit: {} MiB filled", bytes >> 20),
        LimitReached::Logs { bytes } => format!(
            "log limit: over {} MiB of system calls and output, stopped",
            bytes >> 20
        ),
    }
}

fn is_toolchain(program: &str) -> bool {
    // Versioned and target-prefixed names count as their tool: `gcc-12`, `x86_64-linux-gnu-gcc`.
    let unversioned = match program.rsplit_once('-') {
        Some((base, version)) if version.chars().all(|c| c.is_ascii_digit() || c == '.') => base,
        _ => program,
    };
    TOOLCHAIN_WRITERS.binary_search(&unversioned).is_ok()
        || TOOLCHAIN_WRITERS
            .iter()
            .any(|tool| unversioned.ends_with(&format!("-{tool}")))
}

/// Who wrote a file: the program, whether it was the system's or the toolchain's, and whether
/// the file is a copy of shipped source.
#[derive(Debug, Clone)]
struct Writer {
    program: String,
    trusted: bool,
    copied: bool,
}

impl Writer {
    fn of(event: &Event, copied: bool) -> Writer {
        Writer {
            program: event.program.clone(),
            trusted: event.trusted,
            copied,
        }
    }

    fn is_toolchain(&self) -> bool {
        self.trusted && is_toolchain(&self.program)
    }
}

fn file_name(path: &str) -> &str {
    path.rsplit('/').next().unwrap_or(path)
}

fn chain_text(event: &Event) -> String {
    if event.chain.is_empty() {
        event.program.clone()
    } else {
        event.chain.join(" > ")
    }
}

impl Layout {
    /// The path with `$HOME`'s real directory spelt as `$HOME` and `.`/`..` resolved, so that
    /// one file has one spelling however it was reached.
    fn normalise(&self, path: &str) -> String {
        let joined = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("{}/{path}", self.source)
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in joined.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                part => parts.push(part),
            }
        }
        let clean = format!("/{}", parts.join("/"));
        match strip_dir(&clean, &self.home_real) {
            Some("") => self.home.clone(),
            Some(rest) => format!("{}/{rest}", self.home),
            None => clean,
        }
    }

    /// `~/…` for paths in the home, for evidence.
    fn shown(&self, path: &str) -> String {
        match strip_dir(path, &self.home) {
            Some("") => "~".to_owned(),
            Some(rest) => format!("~/{rest}"),
            None => path.to_owned(),
        }
    }

    fn secret(&self, path: &str) -> Option<String> {
        let rest = strip_dir(path, &self.home)?;
        let is_secret = DECOYS.binary_search(&rest).is_ok()
            || SECRET_DIRS.iter().any(|dir| strip_dir(rest, dir).is_some())
            || rest.rsplit('/').next() == Some(".env");
        is_secret.then(|| self.shown(path))
    }

    fn persistence(&self, path: &str) -> Option<String> {
        let in_home = strip_dir(path, &self.home);
        // A git hook anywhere but in the build's own scratch (a `git init` in OUT_DIR writes
        // inert `.sample`s).
        let hook = path.contains("/.git/hooks/")
            && !path.ends_with(".sample")
            && !self
                .scratch
                .iter()
                .any(|dir| strip_dir(path, dir).is_some());
        let listed = PERSISTENCE.iter().any(|place| {
            let candidate = if place.starts_with('/') {
                Some(path)
            } else {
                in_home
            };
            candidate.is_some_and(|c| match place.strip_suffix('/') {
                Some(dir) => strip_dir(c, dir).is_some(),
                None => c == *place,
            })
        });
        (hook || listed).then(|| self.shown(path))
    }

    /// Whether the path is source the package or its dependencies ship: the package's own
    /// directory, or the registry's sources in the home's cargo directory.
    fn is_shipped_source(&self, path: &str) -> bool {
        strip_dir(path, &self.source).is_some()
            || strip_dir(path, &format!("{}/.cargo/registry/src", self.home)).is_some()
    }

    /// Whether the path is the user's (not the build's): anything outside the package, the
    /// scratch directories and the system's pseudo-files.
    fn is_users(&self, path: &str) -> bool {
        let builds = strip_dir(path, &self.source).is_some()
            || self
                .scratch
                .iter()
                .any(|dir| strip_dir(path, dir).is_some())
            || strip_dir(path, "/dev").is_some()
            || strip_dir(path, "/proc").is_some();
        !builds
    }
}

/// The rest of `path` below `dir` (empty for `dir` itself), if it is there.
fn strip_dir<'a>(path: &'a str, dir: &str) -> Option<&'a str> {
    let rest = path.strip_prefix(dir)?;
    if rest.is_empty() {
        Some("")
    } else {
        rest.strip_prefix('/')
    }
}

/// Findings gathered per rule, each with its first pieces of evidence and a count of the rest.
#[derive(Default)]
struct Found {
    by_rule: BTreeMap<&'static str, (Verdict, Vec<String>, BTreeSet<String>)>,
}

impl Found {
    fn add(&mut self, rule: &'static str, severity: Verdict, evidence: String) {
        let (_, shown, seen) = self
            .by_rule
            .entry(rule)
            .or_insert_with(|| (severity, Vec::new(), BTreeSet::new()));
        if seen.insert(evidence.clone()) && shown.len() < EVIDENCE_SHOWN {
            shown.push(evidence);
        }
    }

    fn into_findings(self) -> Vec<Finding> {
        self.by_rule
            .into_iter()
            .map(|(rule, (severity, shown, seen))| {
                let mut evidence = shown.join("; ");
                if seen.len() > shown.len() {
                    evidence.push_str(&format!("; and {} more", seen.len() - shown.len()));
                }
                Finding {
                    rule: rule.to_owned(),
                    severity,
                    file: None,
                    line: None,
                    evidence,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> Layout {
        Layout {
            home: "/home/builder".into(),
            home_real: "/sandbox/home".into(),
            source: "/sandbox/src".into(),
            scratch: vec![
                "/sandbox/target".into(),
                "/sandbox/cargo-home".into(),
                "/sandbox/tmp".into(),
                "/tmp".into(),
                "/home/builder/.cache".into(),
            ],
        }
    }

    fn event(program: &str, action: Action) -> Event {
        Event {
            pid: 7,
            program: program.into(),
            trusted: !program.starts_with("build-script"),
            chain: vec!["cargo".into(), program.into()],
            action,
        }
    }

    fn rules(findings: &[Finding]) -> Vec<(&str, Verdict)> {
        findings
            .iter()
            .map(|f| (f.rule.as_str(), f.severity))
            .collect()
    }

    fn open(path: &str, write: bool) -> Action {
        Action::Open {
            path: path.into(),
            write,
        }
    }

    #[test]
    fn vocabularies_are_sorted_and_unique() {
        for list in [DECOYS, SECRET_DIRS, PERSISTENCE, TOOLCHAIN_WRITERS] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{list:?}");
        }
    }

    #[test]
    fn the_build_working_in_its_own_directories_is_nothing() {
        let events = [
            event("rustc", open("/sandbox/src/src/lib.rs", false)),
            event(
                "build-script-build",
                open("/sandbox/target/debug/build/x-1/out/gen.rs", true),
            ),
            event("cc1", open("/tmp/ccXYZ.s", true)),
            event(
                "build-script-build",
                Action::Remove {
                    path: "/sandbox/target/debug/build/x-1/out/old.o".into(),
                },
            ),
            event(
                "ld",
                open("/sandbox/target/debug/build/x-1/out/conftest", true),
            ),
            event(
                "sh",
                Action::Exec {
                    path: "/sandbox/target/debug/build/x-1/out/conftest".into(),
                    argv: vec!["./conftest".into()],
                },
            ),
            event(
                "build-script-build",
                Action::Connect(Address {
                    ip: "127.0.0.1".into(),
                    port: 53,
                }),
            ),
            event("git", open("/home/builder/.gitconfig", false)),
        ];
        assert_eq!(judge(&layout(), &events, &[]), vec![]);
    }

    #[test]
    fn network_outside_loopback_holds_and_loopback_flags() {
        let events = [
            event(
                "build-script-build",
                Action::Connect(Address {
                    ip: "192.0.2.7".into(),
                    port: 443,
                }),
            ),
            event(
                "build-script-build",
                Action::Connect(Address {
                    ip: "127.0.0.1".into(),
                    port: 8080,
                }),
            ),
        ];
        assert_eq!(
            rules(&judge(&layout(), &events, &[])),
            [
                ("sandbox.loopback", Verdict::Flag),
                ("sandbox.network", Verdict::Hold)
            ]
        );
    }

    #[test]
    fn decoys_read_through_either_spelling_of_home_hold() {
        for path in [
            "/home/builder/.ssh/id_rsa",
            "/sandbox/home/.aws/credentials",
            "/sandbox/home/projects/app/.env",
            "/home/builder/.ethereum/keystore",
        ] {
            let findings = judge(
                &layout(),
                &[event("build-script-build", open(path, false))],
                &[],
            );
            assert_eq!(
                rules(&findings),
                [("sandbox.canary-read", Verdict::Hold)],
                "{path}"
            );
            assert!(
                findings[0].evidence.starts_with("read ~/"),
                "{}",
                findings[0].evidence
            );
        }
        // Reading the git configuration, or the home itself, is not a look for secrets.
        let events = [
            event("git", open("/home/builder/.gitconfig", false)),
            event("build-script-build", open("/home/builder", false)),
        ];
        assert_eq!(judge(&layout(), &events, &[]), vec![]);
    }

    #[test]
    fn persistence_is_judged_by_place_in_the_home_anywhere_for_hooks_and_in_the_system() {
        for path in [
            "/home/builder/.bashrc",
            "/sandbox/home/.config/autostart/x.desktop",
            "/home/builder/.cargo/config.toml",
            "/sandbox/src/.git/hooks/pre-commit",
            "/etc/cron.d/job",
            "/etc/ld.so.preload",
        ] {
            let findings = judge(
                &layout(),
                &[event("build-script-build", open(path, true))],
                &[],
            );
            assert_eq!(
                rules(&findings),
                [("sandbox.persistence", Verdict::Hold)],
                "{path}"
            );
        }
        // Renamed into place counts as written there.
        let events = [event(
            "sh",
            Action::Rename {
                from: "/tmp/x".into(),
                to: "/home/builder/.profile".into(),
            },
        )];
        assert_eq!(
            rules(&judge(&layout(), &events, &[])),
            [("sandbox.persistence", Verdict::Hold)]
        );
        // A file in the home that starts nothing is neither.
        assert_eq!(
            judge(
                &layout(),
                &[event("x", open("/home/builder/.cache/tool/state", true))],
                &[]
            ),
            vec![]
        );
    }

    #[test]
    fn deleting_outside_the_build_is_destructive_however_the_path_is_spelt() {
        for path in [
            "/home/builder/notes.txt",
            "../../home/builder/x",
            "/sandbox/home",
            "/usr/lib/libc.so",
        ] {
            let findings = judge(
                &layout(),
                &[event(
                    "build-script-build",
                    Action::Remove { path: path.into() },
                )],
                &[],
            );
            assert_eq!(
                rules(&findings),
                [("sandbox.destructive", Verdict::Hold)],
                "{path}"
            );
        }
        let findings = judge(
            &layout(),
            &[event(
                "rm",
                Action::Remove {
                    path: "/sandbox/home".into(),
                },
            )],
            &[],
        );
        assert!(
            findings[0].evidence.starts_with("deleted ~ by"),
            "{}",
            findings[0].evidence
        );
    }

    #[test]
    fn running_what_the_build_wrote_holds_unless_a_toolchain_wrote_it() {
        let dropped = "/sandbox/target/debug/build/x-1/out/payload";
        let events = [
            event("build-script-build", open(dropped, true)),
            event(
                "build-script-build",
                Action::Chmod {
                    path: dropped.into(),
                    mode: 0o755,
                },
            ),
            event(
                "build-script-build",
                Action::Exec {
                    path: dropped.into(),
                    argv: vec![dropped.into()],
                },
            ),
        ];
        let findings = judge(&layout(), &events, &[]);
        assert_eq!(rules(&findings), [("sandbox.exec-dropped", Verdict::Hold)]);
        assert!(findings[0]
            .evidence
            .contains("written by build-script-build"));
        // Renamed after writing: the writer follows the file.
        let events = [
            event("curl", open("/tmp/dl", true)),
            event(
                "mv",
                Action::Rename {
                    from: "/tmp/dl".into(),
                    to: "/tmp/run".into(),
                },
            ),
            event(
                "sh",
                Action::Exec {
                    path: "/tmp/run".into(),
                    argv: vec![],
                },
            ),
        ];
        assert_eq!(
            rules(&judge(&layout(), &events, &[])),
            [("sandbox.exec-dropped", Verdict::Hold)]
        );
        // Versioned and target-prefixed compilers and linkers are toolchain.
        for tool in ["gcc-12", "x86_64-linux-gnu-gcc", "ld.bfd", "collect2"] {
            assert!(is_toolchain(tool), "{tool}");
        }
        assert!(
            !is_toolchain("build-script-build")
                && !is_toolchain("curl")
                && !is_toolchain("python3")
        );
    }

    #[test]
    fn copies_of_shipped_scripts_may_run_and_a_fake_compiler_is_no_compiler() {
        let copied = "/sandbox/target/debug/build/x-1/out/configure";
        let events = [
            event(
                "build-script-build",
                open("/sandbox/src/vendor/lib/configure", false),
            ),
            event("build-script-build", open(copied, true)),
            event(
                "build-script-build",
                Action::Chmod {
                    path: copied.into(),
                    mode: 0o755,
                },
            ),
            event(
                "sh",
                Action::Exec {
                    path: copied.into(),
                    argv: vec!["./configure".into()],
                },
            ),
        ];
        assert_eq!(judge(&layout(), &events, &[]), vec![]);
        // A program named `cc` that is not the system's does not vouch for what it wrote.
        let dropped = "/sandbox/tmp/payload";
        let mut fake_cc = event("cc", open(dropped, true));
        fake_cc.trusted = false;
        let events = [
            fake_cc,
            event(
                "sh",
                Action::Exec {
                    path: dropped.into(),
                    argv: vec![],
                },
            ),
        ];
        assert_eq!(
            rules(&judge(&layout(), &events, &[])),
            [("sandbox.exec-dropped", Verdict::Hold)]
        );
    }

    #[test]
    fn links_to_decoys_and_into_persistence_places_and_evasion_hold() {
        let events = [event(
            "build-script-build",
            Action::Link {
                from: "/home/builder/.ssh/id_rsa".into(),
                to: "/sandbox/tmp/k".into(),
            },
        )];
        assert_eq!(
            rules(&judge(&layout(), &events, &[])),
            [("sandbox.canary-read", Verdict::Hold)]
        );
        let events = [event(
            "build-script-build",
            Action::Link {
                from: "/sandbox/tmp/x".into(),
                to: "/home/builder/.config/autostart/x.desktop".into(),
            },
        )];
        assert_eq!(
            rules(&judge(&layout(), &events, &[])),
            [("sandbox.persistence", Verdict::Hold)]
        );
        let events = [event(
            "build-script-build",
            Action::Evasion("set up io_uring".into()),
        )];
        assert_eq!(
            rules(&judge(&layout(), &events, &[])),
            [("sandbox.evasion", Verdict::Hold)]
        );
        // A decoy opened read-write is read all the same.
        let events = [event(
            "build-script-build",
            open("/home/builder/.aws/credentials", true),
        )];
        assert_eq!(
            rules(&judge(&layout(), &events, &[])),
            [("sandbox.canary-read", Verdict::Hold)]
        );
    }

    #[test]
    fn the_builds_own_files_and_inert_hook_samples_are_not_judged() {
        let events = [
            event(
                "git",
                open(
                    "/sandbox/target/debug/build/x-1/out/repo/.git/hooks/pre-commit.sample",
                    true,
                ),
            ),
            event(
                "git",
                open(
                    "/sandbox/target/debug/build/x-1/out/repo/.git/hooks/pre-commit",
                    true,
                ),
            ),
            event(
                "build-script-build",
                open("/home/builder/.zig-cache/x", true),
            ),
            event(
                "build-script-build",
                Action::Remove {
                    path: "/home/builder/.zig-cache/x".into(),
                },
            ),
            event(
                "build-script-build",
                Action::Remove {
                    path: "/home/builder/.cache/go-build/y".into(),
                },
            ),
        ];
        assert_eq!(judge(&layout(), &events, &[]), vec![]);
    }

    #[test]
    fn dns_queries_hold_with_the_names_asked() {
        let events = [event(
            "build-script-build",
            Action::DnsQuery(vec!["c2VjcmV0.exfil.invalid".into()]),
        )];
        let findings = judge(&layout(), &events, &[]);
        assert_eq!(rules(&findings), [("sandbox.dns", Verdict::Hold)]);
        assert!(findings[0]
            .evidence
            .starts_with("c2VjcmV0.exfil.invalid by "));
    }

    #[test]
    fn limits_hold_and_are_named_and_refused_forks_alone_are_a_limit() {
        let findings = judge(&layout(), &[], &[LimitReached::WallTime { seconds: 20 }]);
        assert_eq!(
            findings[0].evidence,
            "time limit: still running after 20 s, stopped"
        );
        let events = vec![event("bomb", Action::ForkRefused); 3];
        let findings = judge(&layout(), &events, &[]);
        assert_eq!(rules(&findings), [("sandbox.limit", Verdict::Hold)]);
        assert_eq!(
            findings[0].evidence,
            "process limit: 3 new processes refused"
        );
        let findings = judge(
            &layout(),
            &[],
            &[
                LimitReached::Disk { bytes: 1 << 30 },
                LimitReached::Memory { bytes: 2 << 30 },
            ],
        );
        assert_eq!(
            findings[0].evidence,
            "disk limit: 1024 MiB filled; memory limit: 2048 MiB reached"
        );
    }

    #[test]
    fn evidence_is_capped_and_counted() {
        let events: Vec<Event> = (0..9)
            .map(|i| {
                event(
                    "x",
                    Action::Connect(Address {
                        ip: format!("192.0.2.{i}"),
                        port: 80,
                    }),
                )
            })
            .collect();
        let findings = judge(&layout(), &events, &[]);
        assert!(
            findings[0].evidence.ends_with("; and 4 more"),
            "{}",
            findings[0].evidence
        );
    }
}
