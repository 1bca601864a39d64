//! Signals: single observations about a package (a capability its code has, or an indicator of a
//! threat), each with where it was seen. Scoring turns combinations of signals into findings.
//!
//! A signal says nothing bad on its own — a build script that runs `cc` is a signal, and so is a
//! certificate in base64. Signals are also the interface for other sources: a sandboxed build that
//! watches the build script can report the hosts it contacted and the files it read as signals
//! with [`Origin::Sandbox`], and the same scoring judges them together with the static ones.

use super::context::Context;
use super::flow::{Sink, Source};

/// Who observed a signal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Origin {
    /// This module, reading the package's files.
    Static,
    /// A sandboxed build or run (not part of Wharf yet).
    Sandbox,
}

/// One observation, with its evidence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signal {
    pub kind: SignalKind,
    pub context: Context,
    pub file: String,
    pub line: u32,
    /// The line of source, shortened.
    pub snippet: String,
    /// The function it was seen in (ids are unique within one scan); `None` for file-level code
    /// (constants, statics), which counts as part of every function in its file.
    pub scope: Option<u32>,
    pub origin: Origin,
}

/// How a hard-coded destination looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HostClass {
    /// An address or name reserved for documentation and tests (192.0.2.0/24, `*.invalid`):
    /// nobody's server, but still a party fixed by the code, which data flow cares about.
    Reserved,
    /// A host on the allow-list of well-known development sites (github.com, crates.io, …).
    WellKnown,
    /// Any other named host.
    Unknown,
    /// A service attackers favour for receiving stolen data or serving payloads: serverless
    /// hosting, tunnels, webhooks, paste sites, chat bot APIs.
    Exfiltration,
    /// A public IP address written into the code.
    RawIp,
}

/// How sensitive a file or store the code touches is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Sensitivity {
    /// Often read for good reasons too: `.env`, the `.ssh` directory, `known_hosts`, `/etc/passwd`.
    Medium,
    /// Secrets with no business being read by a library or a build: private keys, cloud and
    /// registry credentials, browser and wallet stores, keychains.
    High,
}

/// What kind of program a process spawn runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProgramClass {
    /// Compilers, build systems, version control, toolchain helpers.
    BuildTool,
    /// `sh`, `bash`, `cmd`, `powershell`, `python`, …
    Shell,
    /// `curl`, `wget`, `certutil`, `bitsadmin`, `nc`, …
    Downloader,
    /// `crontab`, `schtasks`, `reg`, `launchctl`, `systemctl`.
    Persistence,
    /// `whoami`, `hostname`, `ipconfig`, `systeminfo`, `env`.
    Recon,
    /// `xmrig` and friends.
    Miner,
    /// A literal path into a temporary or hidden directory, or relative (`./x`).
    DroppedPath,
    /// Any other literal program name.
    Other,
    /// Not a literal: a variable or an expression.
    Computed,
}

/// What a highly sensitive file or store holds. Honest code that reads one reads its own kind (a
/// cloud SDK reads cloud credentials, a wallet its wallet); code that reaches for several kinds is
/// collecting them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SecretKind {
    /// SSH private keys.
    SshKey,
    /// Cloud and cluster credentials (AWS, Google Cloud, Kubernetes, Docker registries).
    Cloud,
    /// Tokens of package registries and code hosts (cargo, npm, PyPI, git, `.netrc`).
    DeveloperToken,
    /// Cryptocurrency wallets and keystores.
    Wallet,
    /// Browser and messaging profiles: saved passwords, cookies, sessions.
    Browser,
    /// The system's own secret stores: keychains, GnuPG, `/etc/shadow`.
    SystemStore,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SignalKind {
    /// Opens network connections (`how`: the API or program).
    Network { how: String },
    /// A request a server's handler is handed (`req: http::Request<B>`): what a client of the
    /// service sent, data from the network but no way out of its own.
    ServedRequest { how: String },
    /// A hard-coded URL, host or IP address.
    Destination { target: String, class: HostClass },
    /// Starts a process.
    Spawn {
        program: String,
        class: ProgramClass,
    },
    /// Refers to a sensitive file or secret store.
    SensitivePath {
        what: String,
        level: Sensitivity,
        /// What a highly sensitive path holds; `None` for medium ones.
        kind: Option<SecretKind>,
    },
    /// Reads every environment variable (or `/proc/self/environ`).
    EnvHarvest { how: String },
    /// Reads an environment variable that holds a secret (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`).
    SecretVariable { name: String },
    /// Checks whether it runs in CI.
    CiCheck { variable: String },
    /// Collects who and where the machine is: user name, host name, public IP.
    HostProfile { how: String },
    /// Writes a file; `target` is the path expression as written.
    FileWrite { target: String },
    /// Makes a file executable, or prepares code to run from memory.
    MakeExecutable { target: String },
    /// Runs a program from a path it computed; `target` is the expression.
    ExecComputed { target: String },
    /// Looks a native function up by a name it computes (`dlsym(RTLD_DEFAULT, name)`,
    /// `GetProcAddress(module, name)`) to call it: whatever decides the name decides what
    /// runs, `system` as well as `getpid`. A sink only (data flow): loaders of graphics and
    /// plugin APIs look their functions up this way by names of their own.
    NativeByName { how: String },
    /// Refers to an auto-start location (Run keys, cron, shell rc files, systemd, LaunchAgents).
    Persistence { what: String },
    /// Refers to a project's automation: a CI pipeline, git's hook settings, the sources cargo
    /// compiles from its registry.
    Automation { what: String },
    /// Refers to `authorized_keys`.
    AuthorizedKeys,
    /// An SSH public key written into the code.
    EmbeddedSshKey,
    /// Decodes or deobfuscates data at run time (base64, hex, XOR, strings from byte arrays).
    Decode { how: String },
    /// A literal that decodes to something meaningful: a URL, a command, a sensitive path.
    HiddenIndicator { encoding: String, decoded: String },
    /// A call of one of the package's own decoders (a function that computes text with XOR,
    /// shifts, reversal, …) on constants, whose result the interpreter could not work out:
    /// a value the code fixes, kept from its readers.
    UnreadDecoding { call: String },
    /// A long literal of encoded, high-entropy data.
    OpaqueBlob { length: usize },
    /// Embeds a native executable (`include_bytes!` of one, or its bytes in an array).
    EmbeddedExecutable { what: String },
    /// A byte array in the code that is neither text nor a small table: enciphered or packed
    /// data (see [`decode::is_opaque_array`](super::decode::is_opaque_array)).
    OpaqueConstant { length: usize },
    /// Reads a file of the package into the program as bytes (`include_bytes!` of an image, a
    /// data file): where a payload hides when it is no executable to look at. `opaque`: the
    /// bytes are neither text nor an image, a sound, a video or a document by their first bytes
    /// (a compressed archive, and a format the sniffer does not know, such as a font, count as
    /// opaque): only code turns them into something.
    CarriedBytes { path: String, opaque: bool },
    /// Carries data where no viewer shows it: after the end of an image the code reads in
    /// (bytes after a PNG's `IEND` chunk), the way polyglot files smuggle a payload.
    HiddenInFile { what: String },
    /// A mining pool address or stratum URL.
    MiningPool { what: String },
    /// A cryptocurrency wallet address (`strong`: a shape that is hard to hit by accident).
    Wallet { coin: String, strong: bool },
    /// A miner's command-line flag (`--donate-level`, `--coin monero`, …).
    MinerFlag { flag: String },
    /// Hands code to an embedded interpreter (`lua.load(code).exec()`, `engine.eval(code)`).
    Evaluates { how: String },
    /// Finds the directory it was started in: the project of whoever runs it.
    WorkingDirectory { how: String },
    /// Looks for a debugger, a virtual machine or an analysis sandbox.
    EvasionCheck { what: String },
    /// Speaks a mining pool's protocol (a stratum method, work submitted by job and nonce).
    MiningProtocol { what: String },
    /// Starts a browser miner's script (`CoinHive.Anonymous(…)`): written into pages, it makes
    /// their visitors mine.
    BrowserMiner { what: String },
    /// Depends on a crate whose purpose is obfuscating code or strings.
    ObfuscationCrate { name: String },
    /// Registers code that runs before `main` or when the library loads.
    LoadTimeHook { how: String },
    /// A Rust file the scanner could not read (too large, or not kept).
    Unscanned { reason: String },
    /// Deletes a directory tree or wipes files (`remove_dir_all`, `rm -rf`, `del /s`).
    Destroy { how: String },
    /// Finds the user's own directories (home, documents, desktop).
    UserDirectory { how: String },
    /// Finds the Rust toolchain's own directories (`CARGO_HOME`, `~/.cargo`, `RUSTUP_HOME`),
    /// where cargo's configuration and the programs every build runs are kept. `joined`: a
    /// `.cargo` component joined onto a path, which is the toolchain's only when that path is
    /// the home directory (a build's `OUT_DIR/.cargo` is its own).
    ToolchainHome { how: String, joined: bool },
    /// Reads the machine's language, region or time zone.
    LocaleCheck { how: String },
    /// Looks a value up in a constant list of hashes (`TARGETS.contains(&fnv(host))`): the way
    /// code picks the machines or projects it acts on without naming them.
    HashedTargets { list: String },
    /// Walks a directory tree or lists a directory (`read_dir`, `WalkDir`, `glob`).
    WalksFiles { how: String },
    /// A pattern for finding key material in text (a private-key block, a 64-digit hex key, the
    /// base58 alphabet, a token prefix).
    KeyPattern { pattern: String },
    /// Hands a shell a command line computed at run time (`sh -c <expr>`, `cmd /C <expr>`).
    ShellComputed { expr: String },
    /// Turns a socket or file into a raw handle, or a raw handle into one (`into_raw_fd`,
    /// `from_raw_fd`, `dup2`): how a connection becomes a process's standard input and output.
    RawHandle { how: String },
    /// A command line that joins a shell to a network connection: the shell's input and output
    /// redirected to `/dev/tcp/…`, netcat running a shell for a connection (`nc -e /bin/sh`), a
    /// shell between a named pipe and a connection, a script handing a socket to a shell.
    ShellOverNetwork { how: String },
    /// Uses the clipboard (`arboard::Clipboard`, `ClipboardContext`, `OpenClipboard`, `pbpaste`):
    /// `write` when it puts something there.
    Clipboard { how: String, write: bool },
    /// A pattern for finding cryptocurrency addresses in text (the base58 alphabet, `0x` and 40
    /// hex digits, `bc1`).
    AddressPattern { pattern: String },
    /// Removes one file (`remove_file`): destruction when it is done to every file of a walk.
    RemovesFile { how: String },
    /// A file handed to a function (a parameter) changed where it lies: read and written back at
    /// the same path, or opened for writing without being created or appended to (a formatter's
    /// edit, or a file scrambled where it lies), where a copy writes elsewhere.
    RewritesInPlace { target: String },
    /// Deletes everything in the directory it runs in (`rm -rf ./*`, `rd /s /q .` in a command
    /// line).
    WipesWorkingDirectory { how: String },
    /// Deletes or shreds the user's home directory itself, not a directory in it (`rm -rf ~`,
    /// `find $HOME -type f | xargs shred` in a command line).
    WipesHome { how: String },
    /// Pushes every branch or tag of a repository (`git push --mirror`, a wildcard ref spec
    /// such as `+refs/heads/*:refs/heads/*` handed to a push).
    PushesRepository { how: String },
    /// A moment written into the code: a UNIX time of this era (a date the code waits for).
    FixedMoment { what: String },
    /// Draws a random number to decide.
    RandomChoice { how: String },
    /// The wall clock compared with a moment of this era the code fixes (`today() >= CUTOVER`,
    /// a day number; `now.as_secs() < fold()`, a computed one): a time bomb's trigger, or a
    /// deadline. `hidden` when the moment is computed rather than written; `with` what the code
    /// around the comparison also does that sabotage is made of, in words (see
    /// [`super::time_bomb`]).
    ClockGate {
        moment: String,
        hidden: bool,
        with: String,
    },
    /// Asks the person at the terminal (reads standard input, or a confirmation prompt).
    AsksUser { how: String },
    /// What was just put on the clipboard handed to a function value the caller supplied (a
    /// callback parameter, a closure made from one): a tool telling its user of each rewrite.
    ReportsRewrite { callback: String },
    /// A value from a source reaches a sink inside the crate (see [`super::flow`]); located at
    /// the sink, `from` says where the source is, `through_call` the line of the call that
    /// hands the value to the function holding the sink, if it is not in the same function.
    Flow {
        source: Source,
        sink: Sink,
        from: String,
        through_call: Option<u32>,
    },
}

impl SignalKind {
    /// A short description for evidence: "reads every environment variable (env::vars)".
    pub fn describe(&self) -> String {
        match self {
            SignalKind::Network { how } => format!("opens network connections ({how})"),
            SignalKind::ServedRequest { how } => format!("receives requests from clients ({how})"),
            SignalKind::Destination { target, class } => match class {
                HostClass::WellKnown => format!("names the well-known host {target}"),
                HostClass::Reserved => format!("names the reserved address {target}"),
                HostClass::Unknown => format!("hard-codes the destination {target}"),
                HostClass::Exfiltration => format!(
                    "hard-codes {target}, a service favoured for receiving stolen data or serving \
                     payloads"
                ),
                HostClass::RawIp => format!("hard-codes the public IP address {target}"),
            },
            SignalKind::Spawn { program, class } => match class {
                ProgramClass::Computed => {
                    format!("runs a program from a computed path ({program})")
                }
                _ => format!("runs `{program}`"),
            },
            SignalKind::SensitivePath { what, .. } => format!("reaches for {what}"),
            SignalKind::EnvHarvest { how } => {
                format!("collects every environment variable ({how})")
            }
            SignalKind::SecretVariable { name } => format!("reads the secret variable {name}"),
            SignalKind::CiCheck { variable } => {
                format!("checks whether it runs in CI ({variable})")
            }
            SignalKind::HostProfile { how } => format!("collects host details ({how})"),
            SignalKind::FileWrite { target } => format!("writes a file ({target})"),
            SignalKind::MakeExecutable { target } => format!("makes a file executable ({target})"),
            SignalKind::ExecComputed { target } => {
                format!("executes a file it computed ({target})")
            }
            SignalKind::NativeByName { how } => {
                format!("calls a native function looked up by a computed name ({how})")
            }
            SignalKind::Persistence { what } => format!("touches the auto-start location {what}"),
            SignalKind::Automation { what } => format!("touches {what}"),
            SignalKind::AuthorizedKeys => "touches SSH authorized_keys".to_owned(),
            SignalKind::EmbeddedSshKey => "embeds an SSH public key".to_owned(),
            SignalKind::Decode { how } => format!("decodes data at run time ({how})"),
            SignalKind::HiddenIndicator { encoding, decoded } => {
                format!("hides `{decoded}` in {encoding}")
            }
            SignalKind::UnreadDecoding { call } => {
                format!("decodes a value fixed in the code with its own function ({call})")
            }
            SignalKind::OpaqueBlob { length } => {
                format!("embeds {length} characters of encoded high-entropy data")
            }
            SignalKind::EmbeddedExecutable { what } => format!("embeds an executable ({what})"),
            SignalKind::OpaqueConstant { length } => {
                format!("holds {length} bytes of opaque data")
            }
            SignalKind::CarriedBytes { path, opaque } => format!(
                "carries the {}bytes of {path}",
                if *opaque { "opaque " } else { "" }
            ),
            SignalKind::MiningPool { what } => format!("names the mining pool {what}"),
            SignalKind::Wallet { coin, .. } => format!("contains a {coin} wallet address"),
            SignalKind::MinerFlag { flag } => format!("uses the miner option {flag}"),
            SignalKind::Evaluates { how } => {
                format!("runs code in an embedded interpreter ({how})")
            }
            SignalKind::WorkingDirectory { how } => {
                format!("finds the directory it runs in ({how})")
            }
            SignalKind::EvasionCheck { what } => {
                format!("looks for a debugger or an analysis sandbox ({what})")
            }
            SignalKind::BrowserMiner { what } => {
                format!("starts a browser miner's script ({what})")
            }
            SignalKind::MiningProtocol { what } => {
                format!("speaks a mining pool's protocol: {what}")
            }
            SignalKind::ObfuscationCrate { name } => {
                format!("depends on the obfuscation crate `{name}`")
            }
            SignalKind::LoadTimeHook { how } => format!("runs code at load time ({how})"),
            SignalKind::Unscanned { reason } => format!("could not be scanned: {reason}"),
            SignalKind::Destroy { how } => format!("deletes files for good ({how})"),
            SignalKind::UserDirectory { how } => format!("finds the user's own files ({how})"),
            SignalKind::ToolchainHome { how, .. } => {
                format!("finds the Rust toolchain's own directory ({how})")
            }
            SignalKind::AsksUser { how } => format!("asks the user ({how})"),
            SignalKind::WalksFiles { how } => format!("walks directories ({how})"),
            SignalKind::RemovesFile { how } => format!("removes files ({how})"),
            SignalKind::RewritesInPlace { target } => {
                format!("reads a file and writes it back in place ({target})")
            }
            SignalKind::WipesWorkingDirectory { how } => {
                format!("deletes everything in the directory it runs in ({how})")
            }
            SignalKind::WipesHome { how } => {
                format!("deletes the user's home directory ({how})")
            }
            SignalKind::PushesRepository { how } => {
                format!("pushes every branch or tag of the repository ({how})")
            }
            SignalKind::Clipboard { how, write: false } => format!("reads the clipboard ({how})"),
            SignalKind::Clipboard { how, write: true } => {
                format!("writes to the clipboard ({how})")
            }
            SignalKind::AddressPattern { pattern } => {
                format!("searches text for cryptocurrency addresses ({pattern})")
            }
            SignalKind::ShellComputed { expr } => {
                format!("hands a shell a command line computed at run time ({expr})")
            }
            SignalKind::RawHandle { how } => format!("passes raw handles around ({how})"),
            SignalKind::HiddenInFile { what } => format!("carries hidden data ({what})"),
            SignalKind::ShellOverNetwork { how } => {
                format!("joins a shell to a network connection ({how})")
            }
            SignalKind::FixedMoment { what } => format!("waits for a fixed moment ({what})"),
            SignalKind::RandomChoice { how } => format!("decides at random ({how})"),
            SignalKind::ClockGate {
                moment,
                hidden,
                with,
            } => format!(
                "waits for {moment} on the clock{}{}",
                if *hidden { ", a date it computes" } else { "" },
                if with.is_empty() {
                    String::new()
                } else {
                    format!("; around it, the code {with}")
                }
            ),
            SignalKind::KeyPattern { pattern } => {
                format!("searches text for key material ({pattern})")
            }
            SignalKind::Flow {
                source, sink, from, ..
            } => format!("{} ({from}) {}", source.describe(), sink.describe()),
            SignalKind::LocaleCheck { how } => {
                format!("checks the machine's language, region or time zone ({how})")
            }
            SignalKind::ReportsRewrite { callback } => {
                format!("tells its caller what it put on the clipboard (`{callback}(…)`)")
            }
            SignalKind::HashedTargets { list } => {
                format!("looks a value up in a list of hashes written into the code (`{list}`)")
            }
        }
    }
}
