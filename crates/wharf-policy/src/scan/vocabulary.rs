//! The scanner's vocabulary: every name, path, program, host, variable and phrase the content
//! scanner looks for, in one place, as data.
//!
//! The modules of [`scan`](super) hold the logic (where a word counts, how signals combine); the
//! words themselves are here, so that they can be read, reviewed and extended without reading that
//! logic. Each table says what it means, how it is matched and why its entries are there.
//!
//! To add a word, put it in the table whose meaning fits, in sorted order (byte order, so `Z`
//! before `a`; tables matched without regard to case are sorted without regard to case), and spell
//! it the way the table's documentation says (most are lower-case because what they are compared
//! with is lower-cased first). The tests at the end of this file check that every table is sorted,
//! free of duplicates and spelled in its case, and list every table here, so a new table must be
//! added to them too. A word that should raise a finding also deserves a fixture in
//! `tests/fixtures`, and every word should be checked against the real-crate corpus
//! (`examples/corpus.rs`) for false positives.
//!
//! The priority lists at the end are the exception ([`CRACK_PHRASES`] to [`SHELL_HOST_COMMANDS`]):
//! the first of their entries that a text holds is the one a finding quotes (or, for
//! [`PHISHING_CUES`], the one that decides it), so their order is meaningful and they are not
//! sorted. Add to them where the new entry should rank.

use super::signal::SecretKind;

// ---- Prefilter ----------------------------------------------------------------------------------
//
// The words of the prefilter's single pass over every Rust file (see `prefilter`), one table per
// vocabulary category. They are matched as substrings, ignoring ASCII case, anywhere in the file
// (comments and strings included), so they over-approximate on purpose: a word here only decides
// that a file is worth parsing, never a finding. A word in several tables belongs to all of their
// categories (`curl` is both network access and a program run). Lower-case.

/// Network access: HTTP, WebSocket, SSH, mail and chat-bot crates, socket types and DNS lookups,
/// Windows download APIs, downloader programs, and bash's `/dev/tcp/`.
pub const PREFILTER_NETWORK: &[&str] = &[
    "/dev/tcp/",
    "actix_web",
    "attohttpc",
    "axum",
    "bitsadmin",
    "certutil",
    "curl",
    "dns_lookup",
    "frankenstein",
    "getaddrinfo",
    "hickory",
    "http_req",
    "hyper",
    "internetopen",
    "invoke-webrequest",
    "isahc",
    "lettre",
    "lookup_host",
    "minreq",
    "reqwest",
    "serenity",
    "socket2",
    "ssh2",
    "tcplistener",
    "tcpstream",
    "teloxide",
    "tiny_http",
    "to_socket_addrs",
    "tower_service",
    "trust_dns",
    "tungstenite",
    "udpsocket",
    "ureq",
    "urldownloadtofile",
    "websocket",
    "wget",
    "winhttpopen",
];

/// Running other programs: `std::process`, `tokio::process`, `duct`, libc's `system`, `popen` and
/// `exec*`, Windows' process APIs, and the downloader programs that are run rather than linked.
pub const PREFILTER_PROCESSES: &[&str] = &[
    "bitsadmin",
    "boa_engine",
    "certutil",
    "cmd!",
    "command::new",
    "createprocess",
    "curl",
    "deno_core",
    "dlsym",
    "duct::",
    "execl",
    "execv",
    "getprocaddress",
    "invoke-webrequest",
    "mlua",
    "popen(",
    "posix_spawn",
    "process::command",
    "pyo3",
    "rhai",
    "rlua",
    "rquickjs",
    "rustpython",
    "shellexecute",
    "std::process",
    "system(",
    "tokio::process",
    "wget",
    "winexec",
];

/// Writing files: `std::fs` writes and copies, `OpenOptions`, and tools that write for you
/// (`crontab`, Windows' `URLDownloadToFile`).
pub const PREFILTER_FILE_WRITES: &[&str] = &[
    "crontab",
    "file::create",
    "fs::copy",
    "fs::rename",
    "fs::write",
    "openoptions",
    "urldownloadtofile",
];

/// Making something executable or running it from memory: permission modes, `chmod`, `memfd`,
/// `fexecve`, `exec*`.
pub const PREFILTER_EXECUTION: &[&str] = &[
    ".exec()",
    "chmod",
    "dlopen",
    "execl",
    "execv",
    "fexecve",
    "from_mode",
    "libloading",
    "loadlibrary",
    "memfd_create",
    "mode(0o",
    "set_mode",
    "wasm3",
    "wasmer",
    "wasmi",
    "wasmtime",
];

/// Reading the environment: the whole of it (`env::vars`, `/proc/self/environ`, `printenv`),
/// variables whose names end like secrets (as string literals, hence the closing quote), and CI
/// variables.
pub const PREFILTER_ENVIRONMENT: &[&str] = &[
    "\"ci\"",
    "\"travis\"",
    "/proc/self/environ",
    "_token\"",
    "access_key\"",
    "access_key_id\"",
    "api_key\"",
    "buildkite",
    "circleci",
    "env::vars",
    "github_actions",
    "gitlab_ci",
    "jenkins_url",
    "password\"",
    "printenv",
    "secret\"",
    "vars_os",
];

/// Host details: crates and functions that name the machine, its user and its addresses, and
/// public-IP lookup services.
pub const PREFILTER_HOST: &[&str] = &[
    "\"computername\"",
    "\"hostname\"",
    "/etc/hostname",
    "get_if_addrs",
    "gethostname",
    "host_name()",
    "hostname::",
    "icanhazip",
    "ifconfig",
    "ipify",
    "ipinfo.io",
    "kernel/hostname",
    "local_ip",
    "mac_address::",
    "machine-id",
    "machine_uid",
    "sys_info::",
    "systeminfo",
    "whoami",
];

/// Secrets: SSH keys, cloud, registry and package-manager credentials, browser, wallet and keychain
/// stores, shell histories, system password files. Windows paths appear three ways: with `/`, with
/// `\` (raw strings) and with `\\` (escaped in ordinary strings).
pub const PREFILTER_SECRETS: &[&str] = &[
    ".aws",
    ".bitcoin",
    ".docker/config",
    ".env\"",
    ".ethereum",
    ".gnupg",
    ".kube/config",
    ".netrc",
    ".npmrc",
    ".pypirc",
    ".ssh",
    "/etc/passwd",
    "/etc/shadow",
    "/tdata",
    "0-9a-f]{64",
    "1-9a-hj-np-za-km-z",
    "a-f0-9]{64",
    "akia[",
    "authorized_keys",
    "bash_history",
    "bravesoftware",
    "cookies.sqlite",
    "credentials.toml",
    "default_credentials",
    "dump-keychain",
    "electrum",
    "exodus",
    "find-generic-password",
    "firefox",
    "ghp_",
    "git-credentials",
    "google/chrome",
    "google\\\\chrome",
    "google\\chrome",
    "id_dsa",
    "id_ecdsa",
    "id_ed25519",
    "id_rsa",
    "key4.db",
    "keychains",
    "keystore/utc",
    "known_hosts",
    "local state",
    "local storage/leveldb",
    "login data",
    "login.keychain",
    "logins.json",
    "network/cookies",
    "nkbihfbeogaeaoehlefnkodbefgpgknn",
    "sk_live",
    "solana/id.json",
    "wallet.dat",
    "web data",
    "xox[",
    "zsh_history",
];

/// Walking directory trees: what code that hunts for files through a disk does.
pub const PREFILTER_WALKING: &[&str] = &[
    "append_dir_all",
    "glob(",
    "glob_with",
    "jwalk",
    "read_dir",
    "walkbuilder",
    "walkdir",
];

/// Auto-start locations and tools: shell start-up files, cron, systemd, launchd, XDG autostart,
/// Windows Run keys, Startup folders and scheduled tasks, the dynamic loader's preload list, and
/// cargo's own configuration and bin directory (and the variable that says where they are,
/// `CARGO_HOME`, for paths joined at run time). Windows paths appear escaped and raw, as above.
pub const PREFILTER_PERSISTENCE: &[&str] = &[
    "\".cargo\"",
    "\".profile",
    ".bash_profile",
    ".bashrc",
    ".cargo/bin",
    ".cargo/config",
    ".circleci/config",
    ".git/hooks",
    ".github/workflows",
    ".gitlab-ci",
    ".rustup/toolchains",
    ".zprofile",
    ".zshrc",
    "/.profile",
    "/etc/cron",
    "/etc/init.d",
    "/var/spool/cron",
    "@reboot",
    "authorized_keys",
    "azure-pipelines",
    "bitbucket-pipelines",
    "cargo_home",
    "config/autostart",
    "core.hookspath",
    "crontab",
    "currentversion\\\\run",
    "currentversion\\run",
    "github_env",
    "github_path",
    "init.templatedir",
    "jenkinsfile",
    "launchagents",
    "launchctl",
    "launchdaemons",
    "ld.so.preload",
    "programs\\\\startup",
    "programs\\startup",
    "rc.local",
    "registry/src",
    "rustc-wrapper",
    "schtasks",
    "systemctl",
    "systemd/system",
    "systemd/user",
];

/// Decoding and string obfuscation: base64 and hex decoders, strings built from bytes or
/// characters, a key repeated over data (`key.iter().cycle()`, `key[i % key.len()]`), obfuscation
/// crates and macros, reversed URLs (`//:`), PowerShell's encoded commands.
pub const PREFILTER_DECODING: &[&str] = &[
    ".cycle()",
    ".len()]",
    ".rev()",
    "//:",
    "as char",
    "base64",
    "char::from",
    "cryptify",
    "encodedcommand",
    "from_hex",
    "from_utf8(&[",
    "from_utf8(vec!",
    "hex::decode",
    "lc!(",
    "litcrypt",
    "obfstr",
    "wrapping_add",
    "wrapping_sub",
    "xorstr",
];

/// What hashes a machine's identity before it is looked up in a list of hashes
/// (`PICKED.contains(&fnv(host))`): hash functions' names in the spellings code gives them, as
/// written (not `Hash`, which every `HashMap` spells).
pub const IDENTITY_HASHES: &[&str] = &[
    "Crc32", "Fnv", "Hasher", "Sha1", "Sha256", "Sha512", "blake", "crc32", "digest(", "fnv",
    "hasher", "murmur", "sha2::", "xxh",
];

/// A key rotated over words (`k.rotate_left(i * 5)`): see `prefilter::ROTATE`.
pub const PREFILTER_ROTATION: &[&str] = &["rotate_left(", "rotate_right("];

/// Cryptocurrency mining: the stratum protocol, miner programs and flags, and mining pools.
pub const PREFILTER_MINING: &[&str] = &[
    "\"cn/r\"",
    "\"job_id\"",
    "\"rx/0\"",
    ".anonymous(",
    "2miners",
    "c3pool",
    "coinhive",
    "cpuminer",
    "crlt.",
    "cryptoloot",
    "cryptonight",
    "deepminer",
    "donate-level",
    "eth_getwork",
    "eth_submitwork",
    "ethermine",
    "f2pool",
    "getblocktemplate",
    "hashvault",
    "herominers",
    "job_id\\\"",
    "kawpow",
    "minergate",
    "minexmr",
    "mining.submit",
    "mining.subscribe",
    "moneroocean",
    "nanopool",
    "nicehash",
    "stratum",
    "supportxmr",
    "unmineable",
    "xmrig",
    "xmrpool",
];

/// How a browser miner's script starts mining in the page that loads it (Coinhive's API, copied
/// by Crypto-Loot, CoinImp and deepMiner): its constructors, lower-cased. Block lists name these
/// services' domains, not their calls. Each holds a word of [`PREFILTER_MINING`] (a test checks),
/// so the files that hold one are read.
pub const BROWSER_MINER_CALLS: &[&str] = &[
    "client.anonymous(",
    "coinhive.anonymous(",
    "coinhive.token(",
    "coinhive.user(",
    "crlt.anonymous(",
    "cryptoloot.anonymous(",
    "deepminer.anonymous(",
];

/// Code that runs when a library is loaded: `#[ctor]`/`#[dtor]`, and the linker sections of
/// initialisers on ELF, Mach-O and Windows.
pub const PREFILTER_LOAD_TIME: &[&str] = &[
    "#[ctor",
    "#[dtor",
    ".ctors",
    "crt$xc",
    "ctor::ctor",
    "init_array",
    "mod_init_func",
];

/// Files embedded into the binary.
pub const PREFILTER_EMBEDDING: &[&str] = &["include_bytes!", "include_str!"];

/// Destroying data: deleting directory trees (in Rust or in a shell line), and the user's home,
/// document and working directories, which such code aims at (and which walks that send files
/// away start from).
pub const PREFILTER_DESTRUCTION: &[&str] = &[
    "\"-fr\"",
    "\"-rf\"",
    "current_dir",
    "del /f",
    "del /q",
    "del /s",
    "desktop_dir",
    "document_dir",
    "home_dir",
    "rd /s",
    "remove_dir_all",
    "remove_file",
    "rm -fr",
    "rm -rf",
    "rmdir /s",
    "shred",
    "truncate(true)",
    "userprofile",
];

/// Command lines that delete everything in the directory they run in (`rm -rf ./*`, `rd /s /q
/// .`): rare enough that a file naming one is read whatever else it holds. Prefixes: `rm -rf .`
/// also matches `rm -rf ./target`, which only sends one more file on.
pub const PREFILTER_WIPING: &[&str] = &[
    "del /s /q *",
    "rd /s /q .",
    "rm -fr *",
    "rm -fr .",
    "rm -rf *",
    "rm -rf .",
    "rmdir /s /q .",
];

/// Indicators whose base64 spellings the prefilter looks for (each in its three alignments), so
/// that a file keeping a command line or an address base64-encoded, and nothing else of
/// interest, is still read (its literals are decoded then).
pub const PREFILTER_BASE64_WORDS: &[&str] = &[
    "/bin/bash",
    "/bin/sh",
    "/dev/tcp/",
    "chmod +x",
    "curl ",
    "http://",
    "https://",
    "nohup ",
    "powershell",
    "stratum+",
    "wget ",
];

/// Indicators looked for spelled backwards as well (the prefilter reverses them, and every
/// [`BROWSER_MINER_CALLS`] too): schemes, a shell's path, a shell's network device, a pool's
/// scheme.
pub const PREFILTER_REVERSED_WORDS: &[&str] = &[
    "/bin/bash",
    "/bin/sh",
    "/dev/tcp/",
    "http://",
    "https://",
    "powershell",
    "stratum+",
    "wss://",
];

/// The machine's language, region and time zone: what protestware checks before it acts.
pub const PREFILTER_LOCALE: &[&str] = &[
    "\"lang\"",
    "\"language\"",
    "\"lc_all\"",
    "\"lc_ctype\"",
    "\"lc_messages\"",
    "\"tz\"",
    "/etc/default/keyboard",
    "/etc/default/locale",
    "/etc/locale.conf",
    "/etc/localtime",
    "/etc/timezone",
    "/etc/vconsole.conf",
    "applelanguages",
    "applelocale",
    "get_locale",
    "get_timezone",
    "getkeyboardlayout",
    "getlocaleinfo",
    "getsystemdefault",
    "gettimezoneinformation",
    "getuserdefault",
    "getusergeoid",
    "iana_time_zone",
    "localectl",
    "setxkbmap",
    "sys_locale",
];

/// Conditions other than the locale that sabotage waits for: the clock and random draws.
pub const PREFILTER_CONDITIONS: &[&str] = &[
    "fastrand",
    "gen_bool",
    "gen_range",
    "gen_ratio",
    "local::now",
    "now_utc",
    "rand::random",
    "random_bool",
    "random_range",
    "systemtime",
    "timestamp::now",
    "unix_epoch",
    "utc::now",
    "zoned::now",
];

/// The clipboard, and patterns for the cryptocurrency addresses that clipboard hijackers swap.
pub const PREFILTER_CLIPBOARD: &[&str] = &[
    "clipboard",
    "hj-np-z",
    "pbcopy",
    "pbpaste",
    "wl-copy",
    "wl-paste",
    "xclip",
    "xsel",
];

/// Not a category: the file pulls other files into its target (`include!`, `#[path]`), which
/// decides the context of those files.
pub const PREFILTER_FILE_INCLUSION: &[&str] = &["#[path", "include!("];

/// What pushes a whole repository somewhere (`git push --mirror`, wildcard ref specs): the
/// user's source sent away with its history.
pub const PREFILTER_REPOSITORY_PUSH: &[&str] =
    &["+refs/", "--mirror", "refs/heads/*", "refs/tags/*"];

/// Functions and methods that take a function and call it (`thread::spawn(run)`,
/// `ONCE.call_once(init)`, `opt.map(parse)`): a bare name handed to them is a function, where
/// elsewhere it may be a local variable.
pub const FUNCTION_TAKING: &[&str] = &[
    "and_then",
    "call_once",
    "call_once_force",
    "catch_unwind",
    "for_each",
    "from_fn",
    "get_or_init",
    "get_or_try_init",
    "map",
    "or_else",
    "spawn",
    "spawn_blocking",
    "spawn_local",
    "then",
    "unwrap_or_else",
];

/// Words that give away a table of numbers as hidden text: whatever maps them to numbers, a map
/// that keeps letters in order and evenly spaced (a shift, `3 * c + 17`, an index into an
/// alphabet) leaves the spacing of a word's letters in the table, and one of these found that way
/// decodes the rest (see `decode::table_signals`). Six characters or more, so that chance does
/// not spell them.
pub const KNOWN_PLAINTEXTS: &[&str] = &[
    ".aws/credentials",
    ".git-credentials",
    ".git/config",
    ".npmrc",
    ".ssh/id_",
    "/bin/bash",
    "/bin/sh",
    "/dev/tcp/",
    "/etc/passwd",
    "cmd.exe",
    "http://",
    "https://",
    "id_rsa",
    "nc -e ",
    "powershell",
    "stratum+tcp",
    "wallet.dat",
];

/// Exfiltration services: serverless hosting, tunnels, request catchers, webhooks, chat-bot APIs,
/// paste sites and out-of-band testing domains (see [`EXFILTRATION_HOSTS`], of which these are
/// shortened forms).
pub const PREFILTER_EXFILTRATION: &[&str] = &[
    ".oast",
    "api.telegram",
    "api/webhooks",
    "burpcollaborator",
    "glitch.me",
    "herokuapp",
    "hooks.slack",
    "interact.sh",
    "netlify.app",
    "ngrok",
    "oastify",
    "pages.dev",
    "paste.ee",
    "pastebin",
    "pipedream",
    "repl.co",
    "requestbin",
    "transfer.sh",
    "trycloudflare",
    "vercel.app",
    "webhook.site",
    "workers.dev",
];

/// Markers in the first kilobyte of a file that say it was generated (bindings, tables), so that
/// the prefilter searches it only for the categories that count in generated code. Case-sensitive.
pub const GENERATED_MARKERS: &[&str] = &[
    "@generated",
    "DO NOT EDIT",
    "Do not edit",
    "This file is generated",
    "auto-generated",
    "autogenerated",
    "automatically generated by rust-bindgen",
    "do not edit",
];

// ---- Rust code ----------------------------------------------------------------------------------
//
// Names in Rust code, compared exactly (they are identifiers, and case tells them apart).

/// Crates whose use (as the first segment of a path) means network access: HTTP, WebSocket, SSH,
/// mail and chat-bot clients, DNS resolvers and raw sockets.
pub const NETWORK_CRATES: &[&str] = &[
    "attohttpc",
    "awc",
    "curl",
    "dns_lookup",
    "frankenstein",
    "hickory_resolver",
    "http_req",
    "hyper",
    "isahc",
    "lettre",
    "libcurl",
    "minreq",
    "reqwest",
    "serenity",
    "socket2",
    "ssh2",
    "surf",
    "telegram_bot",
    "teloxide",
    "tokio_tungstenite",
    "trust_dns_resolver",
    "tungstenite",
    "ureq",
    "websocket",
];

/// The clients and connections of the network crates ([`NETWORK_CRATES`]), by their types'
/// last names (`ureq::Agent`, `reqwest::blocking::Client`, `curl::easy::Easy`, `ssh2::Session`):
/// a parameter of one of them is how a function is handed the network.
pub const CLIENT_TYPES: &[&str] = &[
    "Agent",
    "AsyncResolver",
    "Client",
    "Easy",
    "Easy2",
    "Resolver",
    "Session",
    "TokioAsyncResolver",
    "WebSocket",
    "WebSocketStream",
];

/// Crates that serve HTTP (or give its request type to those that do): a request handed to
/// code of theirs arrived from a client over the network.
pub const SERVER_CRATES: &[&str] = &[
    "actix_web",
    "axum",
    "http",
    "hyper",
    "poem",
    "rocket",
    "salvo",
    "tide",
    "tiny_http",
    "warp",
];

/// The request types of the server crates ([`SERVER_CRATES`]), by their last names: a parameter
/// of one of them (`req: http::Request<B>` in a tower `Service::call`, `HttpRequest` in an
/// actix handler) hands the function what a client sent. (Not `HeaderMap`: clients build
/// and pass those around as much as servers read them.)
pub const REQUEST_TYPES: &[&str] = &["HttpRequest", "Request"];

/// Types of an open connection: a parameter of one of them hands the function what arrives
/// on it.
pub const CONNECTION_TYPES: &[&str] = &["TcpListener", "TcpStream", "UdpSocket", "UnixStream"];

/// Path segments that mean a socket or a download wherever they come from. Address types
/// (`SocketAddr`) are not here: they are everywhere, and open nothing.
pub const NETWORK_TYPES: &[&str] = &[
    "InternetOpenA",
    "InternetOpenUrlA",
    "InternetOpenUrlW",
    "InternetOpenW",
    "TcpListener",
    "TcpStream",
    "ToSocketAddrs",
    "URLDownloadToFileA",
    "URLDownloadToFileW",
    "UdpSocket",
    "WinHttpConnect",
    "WinHttpOpen",
    "getaddrinfo",
    "lookup_host",
];

/// Crates whose use (as the first segment of a path with at least two) asks who and where the
/// machine is: its name, user, addresses and hardware ids.
pub const HOST_PROFILE_CRATES: &[&str] = &[
    "get_if_addrs",
    "gethostname",
    "hostname",
    "local_ip_address",
    "mac_address",
    "machine_uid",
    "sys_info",
    "whoami",
];

/// Crates whose purpose is to obfuscate strings or code. A dependency on one is a finding of its
/// own. Canonical names (`-`, not `_`), as the manifest's keys are compared after that change.
pub const OBFUSCATION_CRATES: &[&str] = &[
    "const-obfuscation",
    "cryptify",
    "goldberg",
    "litcrypt",
    "litcrypt2",
    "muddy",
    "obfstr",
    "obfuscate",
    "obfuscator",
    "obfuse",
    "obfustring",
    "rustfuscator",
    "string-obfuscator",
    "xorstr",
];

/// Functions (the last segment of a call's path) whose arguments the `syn` front end hands to the
/// collector: spawns, file writes, permission changes, downloads, environment reads, strings built
/// from bytes. Other calls are reported without arguments, which saves a source look-up each.
pub const CALLS_WITH_ARGUMENTS: &[&str] = &[
    "CreateProcessA",
    "CreateProcessW",
    "GetProcAddress",
    "LoadLibraryA",
    "LoadLibraryExA",
    "LoadLibraryExW",
    "LoadLibraryW",
    "ShellExecuteA",
    "ShellExecuteExA",
    "ShellExecuteExW",
    "ShellExecuteW",
    "URLDownloadToFileA",
    "URLDownloadToFileW",
    "WinExec",
    "chmod",
    "cmd",
    "copy",
    "create",
    "dlopen",
    "dlsym",
    "execl",
    "execlp",
    "execv",
    "execve",
    "execvp",
    "execvpe",
    "fchmod",
    "fchmodat",
    "from_binary",
    "from_mode",
    "from_utf8",
    "from_utf8_lossy",
    "from_utf8_unchecked",
    "hard_link",
    "new",
    "open",
    "popen",
    "posix_spawn",
    "posix_spawnp",
    "read",
    "read_to_string",
    "rename",
    "system",
    "var",
    "var_os",
    "write",
];

/// Methods whose receiver and arguments the `syn` front end hands to the collector: a spawn's
/// arguments, permission modes, `OpenOptions`, decoders, and Windows registry writes.
pub const METHODS_WITH_ARGUMENTS: &[&str] = &[
    "append",
    "arg",
    "args",
    "concat",
    "create",
    "create_new",
    "create_subkey",
    "create_subkey_with_flags",
    "decode",
    "decode_to_vec",
    "decode_vec",
    "join",
    "mode",
    "open",
    "raw_arg",
    "set_mode",
    "set_raw_value",
    "set_value",
    "truncate",
    "write",
];

/// Words in the receiver of a `.decode(…)` call that make it a base64, base32 or hex decoder
/// (`STANDARD.decode(…)`, `general_purpose::URL_SAFE.decode(…)`, `HEXLOWER.decode(…)`). Matched
/// as substrings.
pub const DECODER_RECEIVERS: &[&str] = &[
    "BASE32",
    "BASE64",
    "Engine",
    "HEXLOWER",
    "HEXUPPER",
    "STANDARD",
    "URL_SAFE",
    "base64",
    "engine",
    "general_purpose",
];

/// Words in the path of a `decode`-like function that make it a decoder of encoded text
/// (`base64::decode`, `hex::FromHex::from_hex`, `bs58::decode`). Matched as substrings of the
/// whole path.
pub const DECODER_PATHS: &[&str] = &[
    "FromHex",
    "STANDARD",
    "URL_SAFE",
    "base32",
    "base64",
    "base85",
    "bs58",
    "data_encoding",
    "general_purpose",
    "hex",
];

/// Identifiers too common to link the file a function writes to the program it runs (`path`
/// written and `path` run is a link; `std` or `unwrap` on both sides is not).
pub const GENERIC_IDENTIFIERS: &[&str] = &[
    "OsStr",
    "Path",
    "PathBuf",
    "as_path",
    "as_ref",
    "as_str",
    "clone",
    "display",
    "env",
    "expect",
    "format",
    "from",
    "fs",
    "into",
    "io",
    "join",
    "mut",
    "new",
    "ref",
    "self",
    "std",
    "temp_dir",
    "tempfile",
    "to_owned",
    "to_str",
    "to_string",
    "unwrap",
];

/// Linker sections whose functions run when a library is loaded (`#[link_section = "…"]` on a
/// static): ELF's `.init_array` and `.ctors`, Mach-O's `__mod_init_func`, and the CRT's
/// `.CRT$XC*`/`.CRT$XI*` on Windows. Matched as substrings of the lower-cased section name.
pub const LOAD_TIME_SECTIONS: &[&str] =
    &[".ctors", "crt$xc", "crt$xi", "init_array", "mod_init_func"];

// ---- Environment variables ----------------------------------------------------------------------
//
// Names of environment variables as code reads them (`env::var("…")`, `env!("…")`, or a string
// literal), upper-case as they are written.

/// Variables that say "this is CI". Checking for them is how malware runs only where nobody
/// watches the screen, and where the tokens are.
pub const CI_VARIABLES: &[&str] = &[
    "APPVEYOR",
    "BITBUCKET_BUILD_NUMBER",
    "BUILDKITE",
    "CI",
    "CIRCLECI",
    "CI_JOB_ID",
    "CI_SERVER",
    "CODEBUILD_BUILD_ID",
    "DRONE",
    "GITHUB_ACTIONS",
    "GITHUB_WORKFLOW",
    "GITLAB_CI",
    "JENKINS_HOME",
    "JENKINS_URL",
    "TEAMCITY_VERSION",
    "TF_BUILD",
    "TRAVIS",
];

/// Files that name the machine: its host name and its unique identity.
pub const HOST_IDENTITY_FILES: &[&str] = &[
    "/etc/hostname",
    "/etc/machine-id",
    "/proc/sys/kernel/hostname",
    "/var/lib/dbus/machine-id",
];

/// Variables that name the user or the machine: host profiling.
pub const HOST_VARIABLES: &[&str] = &[
    "COMPUTERNAME",
    "HOSTNAME",
    "LOGNAME",
    "USER",
    "USERDOMAIN",
    "USERNAME",
];

/// Functions (last path segment) and constructors (last two) that walk a directory tree, or
/// list a directory, to find files.
pub const DIRECTORY_WALKS: &[&str] = &[
    "Walk::new",
    "WalkBuilder::new",
    "WalkDir::new",
    "glob",
    "glob_with",
    "read_dir",
];

/// What a pattern for finding key material in text says, matched in lower-cased literals that look
/// like regular expressions: private-key blocks, 64-digit hex keys, the base58 alphabet of
/// Bitcoin and Solana keys, and the prefixes of cloud, code-host and payment tokens.
pub const KEY_PATTERN_MARKERS: &[&str] = &[
    "1-9a-hj-np-za-km-z",
    "akia",
    "ghp_",
    "glpat-",
    "private key",
    "sk_live",
    "xox[",
];

/// UNIX times (seconds) of this era, 2023 to 2040: an integer in this range is a moment written
/// into the code, which destructive code waits for.
pub const FIXED_MOMENTS: std::ops::RangeInclusive<u64> = 1_672_531_200..=2_208_988_800;

/// Types whose `now()` reads the wall clock (std's, `chrono`'s, `time`'s, `jiff`'s), not
/// `Instant`, which no date can be compared with.
pub const WALL_CLOCK_TYPES: &[&str] = &[
    "DateTime",
    "Local",
    "OffsetDateTime",
    "SystemTime",
    "Timestamp",
    "Utc",
    "Zoned",
];

/// The functions of [`WALL_CLOCK_TYPES`] that read the clock.
pub const WALL_CLOCK_NOW: &[&str] = &["now", "now_local", "now_utc"];

/// Methods that turn a clock reading into a duration from another moment: what they give is
/// an age or a timeout, not a date.
pub const DURATION_METHODS: &[&str] = &[
    "abs_diff",
    "checked_sub",
    "elapsed",
    "saturating_sub",
    "signed_duration_since",
    "since",
    "sub",
    "wrapping_sub",
];

/// What a time bomb's gate draws its chance from, lower-cased: random number crates, the
/// clock's nanoseconds, a mixing multiply (a home-made generator's step).
pub const TIME_BOMB_CHANCE: &[&str] = &[
    "fastrand::",
    "gen_bool",
    "gen_range",
    "gen_ratio",
    "getrandom",
    "rand::",
    "random_bool",
    "random_range",
    "randomstate",
    "subsec_nanos",
    "thread_rng",
    "wrapping_mul(",
];

/// How a time bomb keeps quiet where it would be caught, lower-cased: in debug builds, under the
/// test harness (whose binaries run from `target/*/deps`); the CI variables count too (see
/// [`CI_VARIABLES`]).
pub const TIME_BOMB_HIDING: &[&str] = &[
    "cfg!(test)",
    "current_exe",
    "debug_assertions",
    "rust_test_threads",
];

/// What a time bomb does to the process, lower-cased: ends it.
pub const TIME_BOMB_ENDINGS: &[&str] = &["abort()", "process::exit("];

/// What a time bomb does to files, lower-cased: cuts them short or deletes them.
pub const TIME_BOMB_DAMAGE: &[&str] = &[
    "remove_dir_all(",
    "remove_file(",
    "set_len(",
    "truncate(true)",
];

/// What a file must contain for the scanner's decoding hints (XOR, character or byte
/// arithmetic, reversal) to be set anywhere in it; a file with none keeps no literal for
/// decoding. Matched exactly, anywhere in the source.
pub const DECODING_HINT_NEEDLES: &[&str] = &[
    "^",
    "as char",
    "char::from",
    "from_u32",
    "from_utf8",
    "rev()",
    "wrapping_add",
    "wrapping_sub",
];

/// Calls (last two path segments) that draw a random number.
pub const RANDOM_CALLS: &[&str] = &["rand::random", "rand::random_bool", "rand::random_range"];

/// Methods that draw a random number to decide.
pub const RANDOM_METHODS: &[&str] = &[
    "gen_bool",
    "gen_range",
    "gen_ratio",
    "random_bool",
    "random_range",
    "random_ratio",
];

/// Method names so common across the standard library and popular crates that a call of one
/// on a value of unknown type (`map.get(k)`) cannot be taken for the crate's own method of that
/// name: data flow follows such calls only on `self`.
pub const COMMON_METHODS: &[&str] = &[
    "add",
    "and_then",
    "apply",
    "as_bytes",
    "as_ref",
    "as_str",
    "bind",
    "build",
    "call",
    "clear",
    "clone",
    "close",
    "cmp",
    "collect",
    "connect",
    "contains",
    "decode",
    "default",
    "deref",
    "drop",
    "encode",
    "eq",
    "execute",
    "extend",
    "fetch",
    "filter",
    "finish",
    "flush",
    "fmt",
    "from",
    "get",
    "handle",
    "hash",
    "index",
    "insert",
    "into",
    "is_empty",
    "iter",
    "join",
    "len",
    "load",
    "lock",
    "map",
    "new",
    "next",
    "ok",
    "open",
    "parse",
    "poll",
    "pop",
    "process",
    "push",
    "read",
    "recv",
    "remove",
    "replace",
    "request",
    "run",
    "save",
    "send",
    "set",
    "spawn",
    "split",
    "start",
    "stop",
    "sub",
    "take",
    "to_string",
    "unwrap",
    "update",
    "wait",
    "write",
];

/// The modules of the standard library. A module the crate writes inline under one of these
/// names (`mod env { pub const REGION: &str = "AWS_REGION"; }`) does not make every `env::var(…)`
/// of the crate a call of its own.
pub const STD_MODULES: &[&str] = &[
    "alloc",
    "any",
    "arch",
    "array",
    "ascii",
    "backtrace",
    "borrow",
    "boxed",
    "cell",
    "char",
    "clone",
    "cmp",
    "collections",
    "convert",
    "default",
    "env",
    "error",
    "f32",
    "f64",
    "ffi",
    "fmt",
    "fs",
    "future",
    "hash",
    "hint",
    "io",
    "iter",
    "marker",
    "mem",
    "net",
    "num",
    "ops",
    "option",
    "os",
    "panic",
    "path",
    "pin",
    "prelude",
    "primitive",
    "process",
    "ptr",
    "rc",
    "result",
    "slice",
    "str",
    "string",
    "sync",
    "task",
    "thread",
    "time",
    "vec",
];

/// What names the clipboard in a call's path (`arboard::Clipboard`, `ClipboardContext`,
/// `OpenClipboard`, `clipboard_win`), matched in the lower-cased path.
pub const CLIPBOARD_PATH_WORD: &str = "clipboard";

/// Methods and functions that read the clipboard once a clipboard is in use.
pub const CLIPBOARD_READS: &[&str] = &["GetClipboardData", "get_contents", "get_text"];

/// Methods and functions that write the clipboard once a clipboard is in use.
pub const CLIPBOARD_WRITES: &[&str] = &["SetClipboardData", "set_contents", "set_text"];

/// Programs that read or write the clipboard, with whether they write. `xclip` and `xsel` do
/// either, as their arguments say ([`CLIPBOARD_EITHER_WAY`]).
pub const CLIPBOARD_PROGRAMS: &[(&str, bool)] = &[
    ("pbcopy", true),
    ("pbpaste", false),
    ("wl-copy", true),
    ("wl-paste", false),
    ("xclip", false),
    ("xsel", false),
];

/// Clipboard programs that print the clipboard when told to (`-o`) and otherwise put their input
/// on it: named in a table with no argument beside them, they say only that the clipboard is used.
pub const CLIPBOARD_EITHER_WAY: &[&str] = &["xclip", "xsel"];

/// The arguments that tell [`CLIPBOARD_EITHER_WAY`]'s programs to print the clipboard.
pub const CLIPBOARD_OUTPUT_FLAGS: &[&str] = &["--output", "-o", "-out", "-output"];

/// The arguments that tell them to put their input on it.
pub const CLIPBOARD_INPUT_FLAGS: &[&str] = &["--input", "-i", "-in"];

/// What a pattern for cryptocurrency addresses says, matched in lower-cased literals that look
/// like regular expressions: the base58 alphabet (without `0`, `O`, `I`, `l`) in either order,
/// Ethereum's `0x` and 40 hex digits, Bitcoin's bech32 prefix.
pub const ADDRESS_PATTERN_MARKERS: &[&str] = &["bc1", "hj-np-z", "{40}"];

/// Variables that say which language, region or time zone the machine is set up for.
pub const LOCALE_VARIABLES: &[&str] = &[
    "LANG",
    "LANGUAGE",
    "LC_ALL",
    "LC_CTYPE",
    "LC_MESSAGES",
    "LC_TIME",
    "TZ",
];

/// Functions (last path segment) that read the machine's language, region or time zone: the
/// `sys-locale` and `iana-time-zone` crates, and the Windows API.
pub const LOCALE_FUNCTIONS: &[&str] = &[
    "GetKeyboardLayout",
    "GetKeyboardLayoutList",
    "GetKeyboardLayoutNameA",
    "GetKeyboardLayoutNameW",
    "GetLocaleInfoEx",
    "GetSystemDefaultLCID",
    "GetSystemDefaultLangID",
    "GetSystemDefaultLocaleName",
    "GetTimeZoneInformation",
    "GetUserDefaultLCID",
    "GetUserDefaultLangID",
    "GetUserDefaultLocaleName",
    "GetUserDefaultUILanguage",
    "GetUserGeoID",
    "get_locale",
    "get_locales",
    "get_timezone",
];

/// Files and settings that say the machine's language, keyboard or time zone (macOS keeps the
/// first two in its global preferences).
pub const LOCALE_PATHS: &[&str] = &[
    "/etc/default/keyboard",
    "/etc/default/locale",
    "/etc/locale.conf",
    "/etc/localtime",
    "/etc/timezone",
    "/etc/vconsole.conf",
    "AppleLanguages",
    "AppleLocale",
];

/// Programs that print the machine's language, keyboard layouts or time zone.
pub const LOCALE_PROGRAMS: &[&str] = &["locale", "localectl", "setxkbmap", "timedatectl"];

/// Functions (last path segment) that return the user's own directories: the `dirs`, `home` and
/// `directories` crates, and `std::env::home_dir`.
pub const USER_DIRECTORY_FUNCTIONS: &[&str] = &[
    "desktop_dir",
    "document_dir",
    "download_dir",
    "home_dir",
    "picture_dir",
];

/// Variables holding the user's home directory.
pub const HOME_VARIABLES: &[&str] = &["HOME", "USERPROFILE"];

/// Variables naming the Rust toolchain's own directories: cargo's (its configuration, its `bin`,
/// the registry sources it compiles) and rustup's (the toolchains themselves).
pub const TOOLCHAIN_HOME_VARIABLES: &[&str] = &["CARGO_HOME", "RUSTUP_HOME"];

/// Functions (last path segment) that return those directories (the `home` crate).
pub const TOOLCHAIN_HOME_FUNCTIONS: &[&str] = &["cargo_home", "rustup_home"];

/// The same directories as a path component joined onto the home directory (`.join(".cargo")`).
pub const TOOLCHAIN_HOME_DIRECTORIES: &[&str] = &[".cargo", ".rustup"];

/// Functions (last path segment) that delete a whole directory tree.
pub const TREE_REMOVALS: &[&str] = &["remove_dir_all"];

/// Arguments of `rm` that delete recursively, as a literal of their own
/// (`Command::new("rm").arg("-rf")`).
pub const RECURSIVE_REMOVE_FLAGS: &[&str] = &["-Rf", "-fR", "-fr", "-r", "-rf"];

/// Shell commands that delete recursively or overwrite files for good, matched in lower-cased
/// command lines.
pub const SHELL_DESTRUCTION: &[&str] = &[
    "del /f",
    "del /q",
    "del /s",
    "format c:",
    "rd /s",
    "rm -fr",
    "rm -r",
    "rm -rf",
    "rmdir /s",
    "shred ",
];

/// How a shell line names the user's home directory, matched in lower-cased command lines.
pub const SHELL_HOME: &[&str] = &["$home", "${home}", "%userprofile%", "~"];

/// How a deleting command line names the home directory itself, not a directory in it (`rm -rf
/// ~`, `find $HOME -type f | xargs shred`, `del /s /q "%USERPROFILE%\*"`): lower-cased words with
/// their quotes taken off.
pub const HOME_ROOTS: &[&str] = &[
    "$env:userprofile",
    "$home",
    "$home/",
    "$home/*",
    "$home/.*",
    "$home\\",
    "$home\\*",
    "${home}",
    "${home}/",
    "${home}/*",
    "%userprofile%",
    "%userprofile%\\",
    "%userprofile%\\*",
    "~",
    "~/",
    "~/*",
    "~/.*",
];

/// The tests of `find` that pick files by name or path: a `find` with one deletes what it
/// picks, not the tree it starts from.
pub const FIND_NAME_TESTS: &[&str] = &[
    "-iname",
    "-ipath",
    "-iregex",
    "-iwholename",
    "-name",
    "-path",
    "-regex",
    "-wholename",
];

/// What a deleting command line names to delete everything in the directory it runs in (`rm -rf
/// ./*`, `rd /s /q .`), lower-cased.
pub const WORKING_DIRECTORY_GLOBS: &[&str] = &[
    "*", "*.*", ".", ".*", "./", "./*", "./.*", "./.[!.]*", ".\\", ".\\*",
];

/// Words that make a variable's name a secret's (`GITHUB_TOKEN`, `AWS_SECRET_ACCESS_KEY`,
/// `NPM_PASSWORD`), matched as substrings of the upper-cased name. Cargo's own variables are
/// exempt unless they name a token.
pub const SECRET_VARIABLE_WORDS: &[&str] = &[
    "ACCESS_KEY",
    "APIKEY",
    "API_KEY",
    "CREDENTIAL",
    "PASSWD",
    "PASSWORD",
    "PRIVATE_KEY",
    "SECRET",
    "TOKEN",
];

/// Prefixes of the variables services keep their credentials in (`AWS_SECRET_ACCESS_KEY`,
/// `GITHUB_TOKEN`, `CI_JOB_TOKEN`): filtering `env::vars()` by one of them picks credentials,
/// where filtering by a crate's own prefix (`LIBFOO_`) picks its settings.
pub const CREDENTIAL_VARIABLE_PREFIXES: &[&str] = &[
    "ACTIONS_",
    "ARM_",
    "AWS_",
    "AZURE_",
    "CARGO_REGISTRY",
    "CI_",
    "CLOUDFLARE_",
    "DIGITALOCEAN_",
    "DOCKER_",
    "GCP_",
    "GH_",
    "GITHUB_",
    "GITLAB_",
    "GOOGLE_",
    "HEROKU_",
    "NPM_",
    "OPENAI_",
    "SLACK_",
    "STRIPE_",
    "TWINE_",
    "VAULT_",
];

// ---- Programs -----------------------------------------------------------------------------------
//
// Programs a spawn or a shell command runs, by their base name, lower-cased and without `.exe`.

/// Programs that fetch data from the network (or open raw connections): a download.
pub const DOWNLOADERS: &[&str] = &[
    "aria2c",
    "bitsadmin",
    "certutil",
    "curl",
    "invoke-restmethod",
    "invoke-webrequest",
    "irm",
    "iwr",
    "nc",
    "ncat",
    "netcat",
    "socat",
    "start-bitstransfer",
    "tftp",
    "wget",
];

/// Script interpreters, by base name without a version (`python3.12` → `python`): given `-c` or
/// `-e`, they run the next argument as a program, like a shell.
pub const INTERPRETERS: &[&str] = &[
    "bun", "deno", "lua", "luajit", "node", "perl", "php", "python", "pythonw", "ruby",
];

/// What code looks for to tell whether a person, a debugger or an analysis sandbox is watching
/// (debugger checks, virtual machines' and sandboxes' tell-tale drivers and files, debuggers; not
/// tools honest programs name too, such as packet capture),
/// lower-cased and matched in literals and called names. Honest code has reasons to ask too
/// (crash reporters, hypervisor detection); it counts only beside a payload.
pub const EVASION_MARKERS: &[&str] = &[
    "checkremotedebuggerpresent",
    "isdebuggerpresent",
    "ollydbg",
    "sbiedll",
    "tracerpid",
    "vboxguest",
    "vboxservice",
    "vboxtray",
    "vmtoolsd",
    "wine_get_version",
    "x64dbg",
];

/// The flags after which an interpreter runs its next argument as a program (`python -c`,
/// `node -e`, `perl -E`, `php -r`), exactly as written; `-c` only for Python (Ruby's checks
/// syntax, PHP's names a configuration file).
pub const INTERPRETER_INLINE_FLAGS: &[&str] = &["--eval", "-E", "-c", "-e", "-r"];

/// Crates that embed a script interpreter (Lua, JavaScript, Python, Rhai): code handed to
/// them runs with the program's rights, like a shell's command line.
pub const INTERPRETER_CRATES: &[&str] = &[
    "boa_engine",
    "deno_core",
    "mlua",
    "pyo3",
    "rhai",
    "rlua",
    "rquickjs",
    "rustpython_vm",
];

/// WebAssembly runtimes: a module compiled from bytes (`Module::new(&engine, bytes)`) is code
/// that runs in the program.
pub const WASM_RUNTIME_CRATES: &[&str] = &["wasm3", "wasmer", "wasmi", "wasmtime"];

/// Methods that run code in an embedded interpreter (`lua.load(code).exec()`,
/// `engine.eval(code)`, `py.run(code, …)`), in files that use one of [`INTERPRETER_CRATES`].
pub const EVALUATING_METHODS: &[&str] = &[
    "eval",
    "exec",
    "execute_script",
    "from_code",
    "load",
    "run",
    "run_code",
];

/// Methods that put their arguments into their receiver (`buf.push_str(&secret)`).
pub const FILLING_METHODS: &[&str] = &[
    "append",
    "append_dir_all",
    "extend",
    "extend_from_slice",
    "get_or_insert_with",
    "insert",
    "push",
    "push_back",
    "push_str",
    "set",
    "write",
    "write_all",
    "write_fmt",
    "write_str",
];

/// A request's verbs: called on a client (a parameter typed as one, or a chain that starts with
/// an HTTP crate's function), they send the address they are given (`agent.get(&url)`); on
/// anything else (`fleet.get(&host)`, a map that arrived) they are look-ups.
pub const REQUEST_VERBS: &[&str] = &["delete", "get", "head", "patch", "request"];

/// Methods that send what they are given through the value they are called on, when that value
/// is a connection (or a program that sends: `curl`'s standard input).
pub const SENDING_METHODS: &[&str] = &[
    "basic_auth",
    "bearer_auth",
    "body",
    "form",
    "header",
    "json",
    "multipart",
    "post",
    "put",
    "query",
    "send",
    "send_bytes",
    "send_form",
    "send_json",
    "send_string",
    "send_to",
    "write",
    "write_all",
    "write_fmt",
];

/// PowerShell's clipboard commands, lower-cased, with whether they write it.
pub const POWERSHELL_CLIPBOARD: &[(&str, bool)] =
    &[("get-clipboard", false), ("set-clipboard", true)];

/// Programs that send probes whose contents can carry data out (a ping's pattern, the name a
/// DNS look-up asks for): started, they reach the network like a downloader. Short, common
/// words, so they are not looked for in decoded text.
pub const NETWORK_PROBES: &[&str] = &["dig", "nslookup", "ping"];

/// Programs whose job is to start another program, named by their first argument that is not a
/// flag (`nohup ./x`, `setsid x`, `env x`, `sudo x`): what they start is what runs, so the
/// argument is judged as if it were the program.
pub const LAUNCHERS: &[&str] = &[
    "chrt",
    "daemonize",
    "doas",
    "env",
    "ionice",
    "nice",
    "nohup",
    "pkexec",
    "proxychains",
    "proxychains4",
    "runuser",
    "setsid",
    "start-stop-daemon",
    "stdbuf",
    "sudo",
    "systemd-run",
    "taskset",
    "timeout",
    "torsocks",
];

/// Options of launchers that take a value (`sudo -u root`, `timeout -s KILL`): the word after
/// one is the option's, not the program. Compared with lower-cased text, so only options that
/// take a value with every launcher that has them (not `sudo -e`, which edits, nor `-i`).
pub const LAUNCHER_VALUE_OPTIONS: &[&str] = &[
    "--group",
    "--pidfile",
    "--property",
    "--setenv",
    "--signal",
    "--uid",
    "--unit",
    "--user",
    "-c",
    "-f",
    "-g",
    "-k",
    "-n",
    "-p",
    "-s",
    "-u",
];

/// Shells and script hosts: whatever they run is a script, read for what it does.
pub const SHELLS: &[&str] = &[
    "bash",
    "cmd",
    "cscript",
    "dash",
    "fish",
    "ksh",
    "mshta",
    "osascript",
    "powershell",
    "pwsh",
    "regsvr32",
    "rundll32",
    "sh",
    "wscript",
    "zsh",
];

/// Programs that make something start again later: schedulers, service managers, the registry.
pub const PERSISTENCE_TOOLS: &[&str] = &[
    "at",
    "crontab",
    "launchctl",
    "reg",
    "sc",
    "schtasks",
    "systemctl",
];

/// Arguments that make a persistence tool answer a question instead of installing anything
/// (`launchctl getenv`, `crontab -l`, `systemctl status`, `schtasks /query`).
pub const PERSISTENCE_QUERIES: &[&str] = &[
    "-l",
    "/query",
    "getenv",
    "is-active",
    "is-enabled",
    "list",
    "print",
    "query",
    "show",
    "status",
];

/// Programs that say who and where the machine is: host profiling.
pub const RECON_TOOLS: &[&str] = &[
    "hostname",
    "id",
    "ifconfig",
    "ipconfig",
    "net",
    "systeminfo",
    "users",
    "who",
    "whoami",
];

/// Programs that print the whole environment: its secrets included.
pub const ENVIRONMENT_PROGRAMS: &[&str] = &["env", "printenv"];

/// Cryptocurrency miners. A program whose name starts with one is a miner.
pub const MINERS: &[&str] = &[
    "bfgminer",
    "ccminer",
    "cgminer",
    "cpuminer",
    "ethminer",
    "lolminer",
    "minerd",
    "nanominer",
    "nbminer",
    "phoenixminer",
    "srbminer",
    "t-rex",
    "xmr-stak",
    "xmrig",
];

/// Programs that are part of building software (compilers, linkers, build systems, code
/// generators, version control, and the shell utilities build scripts use): a build script that
/// runs them is doing its job.
pub const BUILD_TOOLS: &[&str] = &[
    "ar",
    "as",
    "autoconf",
    "automake",
    "autoreconf",
    "awk",
    "bindgen",
    "c++",
    "cargo",
    "cat",
    "cc",
    "ccache",
    "cl",
    "clang",
    "clang++",
    "clang-cl",
    "cmake",
    "cp",
    "cygpath",
    "dotnet",
    "doxygen",
    "dtc",
    "dxc",
    "echo",
    "emcc",
    "false",
    "file",
    "find",
    "flatc",
    "fxc",
    "g++",
    "gcc",
    "gdb",
    "getconf",
    "git",
    "glslangvalidator",
    "glslc",
    "gmake",
    "go",
    "gradle",
    "grep",
    "gzip",
    "hg",
    "iconv",
    "install_name_tool",
    "java",
    "javac",
    "ld",
    "ld.lld",
    "ldconfig",
    "ldd",
    "lib",
    "libtool",
    "link",
    "lipo",
    "lld",
    "lldb",
    "llvm-ar",
    "llvm-config",
    "ln",
    "ls",
    "make",
    "meson",
    "mkdir",
    "moc",
    "msbuild",
    "mt",
    "mv",
    "mvn",
    "nasm",
    "ninja",
    "nm",
    "nmake",
    "node",
    "npm",
    "objcopy",
    "objdump",
    "otool",
    "patch",
    "perl",
    "pkg-config",
    "pkgconf",
    "protoc",
    "python",
    "python3",
    "qmake",
    "rc",
    "rm",
    "rust-lld",
    "rustc",
    "rustdoc",
    "rustfmt",
    "rustup",
    "sccache",
    "sed",
    "sh.exe",
    "sort",
    "strip",
    "svn",
    "sw_vers",
    "swift",
    "swiftc",
    "sysctl",
    "tar",
    "true",
    "uname",
    "unzip",
    "valgrind",
    "vswhere",
    "wasm-bindgen",
    "wasm-opt",
    "wc",
    "where",
    "which",
    "windres",
    "xcode-select",
    "xcodebuild",
    "xcrun",
    "xxd",
    "yarn",
    "yasm",
    "zig",
];

/// Starts of program names that are toolchains too: versioned (`llvm-…`, `clang-…`, `gcc-…`,
/// `python3.12`) or cross-compiling (`x86_64-…`, `aarch64-…`, `riscv64…`) ones.
pub const BUILD_TOOL_PREFIXES: &[&str] = &[
    "aarch64-", "arm-", "clang", "gcc", "i686-", "llvm-", "python", "riscv", "wasm", "x86_64-",
];

/// Ends of program names that are cross toolchains (`arm-none-eabi-gcc`, `…-g++`, `…-ar`).
pub const BUILD_TOOL_SUFFIXES: &[&str] = &["-ar", "-g++", "-gcc"];

/// Starts of a program's path that mean it was put there by the package itself (relative, or in
/// a temporary directory): running it is running a dropped file. Compared with the lower-cased
/// path.
pub const DROPPED_PATH_PREFIXES: &[&str] = &["./", ".\\", "/dev/shm/", "/tmp/", "/var/tmp/"];

/// Parts of a program's Windows path that mean the same: a temporary or per-user application
/// directory. Compared with the lower-cased path.
pub const DROPPED_PATH_PARTS: &[&str] = &["%temp%", "\\temp\\", "appdata"];

/// Extensions of script files worth reading when code includes them (`include_str!`). Compared
/// with the lower-cased path.
pub const SCRIPT_EXTENSIONS: &[&str] = &[
    ".bash", ".bat", ".cmd", ".js", ".pl", ".ps1", ".py", ".sh", ".vbs",
];

// ---- Command lines ------------------------------------------------------------------------------
//
// Pieces of shell command lines (`sh -c "…"`, `cmd /C …`, `powershell -Command …`, or a literal
// that reads like one), compared with the lower-cased text.

/// Starts of a literal's first word, besides the programs above, that make it read like a command
/// line rather than prose or data.
pub const COMMAND_PREFIXES: &[&str] = &[
    "./",
    "cat",
    "chmod",
    "echo",
    "iex",
    "nohup",
    "start-process",
];

/// Pieces that make a literal read like a command line wherever they are: piping into a shell,
/// running what was just written.
pub const COMMAND_CHAINS: &[&str] = &["&& ./", "; ./", "| bash", "| sh"];

/// A shell's flags that say the next argument is a script (`sh -c`, `cmd /C`, `cmd /K`,
/// `powershell -Command`, `perl -e`).
pub const SHELL_SCRIPT_FLAGS: &[&str] = &["-c", "-command", "-e", "/c", "/k"];

/// PowerShell's flags that say the next argument is a base64-encoded script (`-e` is one too,
/// but a script flag first).
pub const SHELL_ENCODED_FLAGS: &[&str] = &["-e", "-enc", "-encodedcommand"];

/// A downloader's flags that name the file it writes.
pub const DOWNLOADER_OUTPUT_FLAGS: &[&str] = &["--output", "-o", "-outfile"];

/// Network access without a downloader program: bash's `/dev/tcp/`, and .NET's `WebClient` from
/// PowerShell. Matched as substrings.
pub const SHELL_NETWORK_PRIMITIVES: &[&str] = &[
    "/dev/tcp/",
    "downloadfile(",
    "downloadstring(",
    "new-object net.webclient",
];

/// Programs that open a network connection from a command line and can join it to another
/// program's input and output: netcat and its kin, `socat`, `telnet`.
pub const SHELL_CONNECTORS: &[&str] = &["nc", "ncat", "netcat", "socat", "telnet"];

/// Flags with which netcat runs a program for each connection (`nc -e /bin/sh 192.0.2.1 4444`,
/// `ncat --sh-exec`), as written: `-C` and `-E` are other options.
pub const CONNECTOR_EXEC_FLAGS: &[&str] = &["--exec", "--lua-exec", "--sh-exec", "-c", "-e"];

/// `socat` address types that run a program on the other end of its connection.
pub const SOCAT_PROGRAM_ADDRESSES: &[&str] = &["exec:", "system:"];

/// Redirections that make an open connection a program's standard input: `0>&1` after `>&
/// /dev/tcp/…`, `0<&196` and `<&196` of a descriptor opened on one.
pub const STDIN_FROM_DESCRIPTOR: &[&str] = &["0<&", "0>&1"];

/// Script calls that hand a socket to a shell: `os.dup2(s.fileno(), 0)`, `pty.spawn("/bin/sh")`,
/// Perl's `open(STDIN, ">&S")`. Matched, lower-cased, with a socket and a shell in the same line.
pub const SOCKET_TO_SHELL_CALLS: &[&str] = &["dup2(", "open(stdin", "pty.spawn("];

/// What opens a connection in a script one-liner (Python, Perl, PHP, Ruby, PowerShell).
pub const SCRIPT_SOCKETS: &[&str] = &[
    "fsockopen(",
    "io::socket::inet",
    "net.sockets.tcpclient",
    "socket(",
    "tcpsocket",
];

/// Piping what came before into PowerShell's `Invoke-Expression`: running a downloaded script.
/// Matched as substrings; pipes into a shell by any name or path are found by
/// `text::pipes_into_shell`.
pub const PIPES_TO_SHELL: &[&str] = &["iex(", "invoke-expression", "| iex", "|iex"];

/// `chmod` making a file executable. Matched as substrings.
pub const CHMOD_EXECUTABLE: &[&str] = &["chmod +x", "chmod 7", "chmod a+x", "chmod u+x"];

/// Starts of a command's word that run a file by its path, relative or in a temporary directory.
pub const RUN_BY_PATH_PREFIXES: &[&str] = &["$env:temp", "%temp%", "./", "/tmp/"];

/// Commands that schedule something (and so write where the scheduler reads). Matched as
/// substrings.
pub const SCHEDULER_COMMANDS: &[&str] = &["crontab", "reg add", "schtasks"];

// ---- Indicators in text -------------------------------------------------------------------------
//
// What a string literal, a decoded payload or a script names. Fragments of paths and keys are
// matched ignoring ASCII case and only on word boundaries at their own ends (`.env` does not match
// `.environment`, nor `id_rsa` `my_id_rsa`), so they keep the spelling people know them by and are
// sorted without regard to case. Each comes with the words a finding uses for it.

/// Files and stores with no business being read by a library or a build: private keys, cloud,
/// registry and package-manager credentials, browser, wallet and keychain stores, extension ids of
/// wallet extensions. Reading one and having a way out is credential theft. Each names the kind
/// of secret it holds: an honest client reads its own kind (a cloud SDK, cloud credentials), a
/// stealer several.
pub const SENSITIVE_PATHS_HIGH: &[(&str, &str, SecretKind)] = &[
    (
        ".aws/credentials",
        "AWS credentials (~/.aws/credentials)",
        SecretKind::Cloud,
    ),
    (
        ".aws\\credentials",
        "AWS credentials (~/.aws/credentials)",
        SecretKind::Cloud,
    ),
    (".bitcoin", "a Bitcoin data directory", SecretKind::Wallet),
    (
        ".cargo/credentials",
        "cargo's registry tokens (~/.cargo/credentials)",
        SecretKind::DeveloperToken,
    ),
    (
        ".docker/config.json",
        "Docker registry credentials",
        SecretKind::Cloud,
    ),
    (".electrum", "Electrum wallets", SecretKind::Wallet),
    (
        ".ethereum/keystore",
        "Ethereum keystores",
        SecretKind::Wallet,
    ),
    (
        ".git-credentials",
        "git credentials (~/.git-credentials)",
        SecretKind::DeveloperToken,
    ),
    (".gnupg", "GnuPG keys (~/.gnupg)", SecretKind::SystemStore),
    (
        ".kube/config",
        "Kubernetes credentials (~/.kube/config)",
        SecretKind::Cloud,
    ),
    (
        ".mozilla/firefox",
        "the Firefox profile",
        SecretKind::Browser,
    ),
    (".netrc", "~/.netrc passwords", SecretKind::DeveloperToken),
    (
        ".npmrc",
        "npm tokens (~/.npmrc)",
        SecretKind::DeveloperToken,
    ),
    (
        ".pypirc",
        "PyPI tokens (~/.pypirc)",
        SecretKind::DeveloperToken,
    ),
    ("/etc/shadow", "/etc/shadow", SecretKind::SystemStore),
    (
        "application_default_credentials.json",
        "Google Cloud credentials",
        SecretKind::Cloud,
    ),
    (
        "bfnaelmomeimhlpmgjnjophhpkkoljpa",
        "the Phantom extension's store",
        SecretKind::Wallet,
    ),
    ("BraveSoftware", "the Brave profile", SecretKind::Browser),
    ("cookies.sqlite", "Firefox cookies", SecretKind::Browser),
    (
        "credentials.toml",
        "cargo's registry tokens (credentials.toml)",
        SecretKind::DeveloperToken,
    ),
    (
        "dump-keychain",
        "macOS keychain passwords",
        SecretKind::SystemStore,
    ),
    ("electrum/wallets", "Electrum wallets", SecretKind::Wallet),
    ("exodus.wallet", "an Exodus wallet", SecretKind::Wallet),
    (
        "find-generic-password",
        "macOS keychain passwords",
        SecretKind::SystemStore,
    ),
    (
        "find-internet-password",
        "macOS keychain passwords",
        SecretKind::SystemStore,
    ),
    (
        "Google/Chrome/User Data",
        "the Chrome profile",
        SecretKind::Browser,
    ),
    (
        "Google\\Chrome\\User Data",
        "the Chrome profile",
        SecretKind::Browser,
    ),
    ("id_dsa", "an SSH private key (id_dsa)", SecretKind::SshKey),
    (
        "id_ecdsa",
        "an SSH private key (id_ecdsa)",
        SecretKind::SshKey,
    ),
    (
        "id_ed25519",
        "an SSH private key (id_ed25519)",
        SecretKind::SshKey,
    ),
    ("id_rsa", "an SSH private key (id_rsa)", SecretKind::SshKey),
    (
        "key4.db",
        "the Firefox key store (key4.db)",
        SecretKind::Browser,
    ),
    ("keystore/utc--", "Ethereum keystores", SecretKind::Wallet),
    (
        "Library/Keychains",
        "macOS keychains",
        SecretKind::SystemStore,
    ),
    (
        "Local State",
        "the browser's encryption key (Local State)",
        SecretKind::Browser,
    ),
    (
        "Local Storage/leveldb",
        "browser or Discord local storage tokens",
        SecretKind::Browser,
    ),
    (
        "Login Data",
        "browser saved passwords (Login Data)",
        SecretKind::Browser,
    ),
    (
        "login.keychain",
        "the macOS login keychain",
        SecretKind::SystemStore,
    ),
    (
        "logins.json",
        "Firefox saved passwords (logins.json)",
        SecretKind::Browser,
    ),
    (
        "Mozilla/Firefox/Profiles",
        "the Firefox profile",
        SecretKind::Browser,
    ),
    ("Network/Cookies", "Chromium cookies", SecretKind::Browser),
    (
        "nkbihfbeogaeaoehlefnkodbefgpgknn",
        "the MetaMask extension's store",
        SecretKind::Wallet,
    ),
    ("solana/id.json", "a Solana keypair", SecretKind::Wallet),
    (
        "Telegram Desktop/tdata",
        "Telegram sessions",
        SecretKind::Browser,
    ),
    (
        "wallet.dat",
        "a Bitcoin wallet (wallet.dat)",
        SecretKind::Wallet,
    ),
    (
        "Web Data",
        "browser autofill data (Web Data)",
        SecretKind::Browser,
    ),
];

/// Files often read for good reasons too (configuration, SSH set-up, user lists): they count only
/// with more evidence.
pub const SENSITIVE_PATHS_MEDIUM: &[(&str, &str)] = &[
    (".aws", "the AWS configuration directory (~/.aws)"),
    (".bash_history", "shell history"),
    (".env", "a .env file"),
    (".ssh", "the SSH directory (~/.ssh)"),
    (".zsh_history", "shell history"),
    ("/etc/passwd", "/etc/passwd"),
    ("known_hosts", "SSH known_hosts"),
];

/// Auto-start locations: writing one makes code survive and run again.
pub const PERSISTENCE_LOCATIONS: &[(&str, &str)] = &[
    (".bash_profile", "~/.bash_profile"),
    (".bashrc", "~/.bashrc"),
    (
        ".cargo/bin",
        "cargo's bin directory (~/.cargo/bin), whose programs developers run",
    ),
    (
        ".cargo/config",
        "cargo's configuration (a rustc wrapper runs on every build)",
    ),
    (".config/autostart", "XDG autostart"),
    (".config/systemd/user", "a systemd user unit"),
    (
        ".git/hooks",
        "git hooks, which run on every commit, checkout or push",
    ),
    (".profile", "~/.profile"),
    (".zprofile", "~/.zprofile"),
    (".zshrc", "~/.zshrc"),
    ("/etc/cron", "/etc/cron*"),
    ("/etc/init.d", "an init script"),
    ("/etc/profile", "/etc/profile"),
    ("/etc/rc.local", "/etc/rc.local"),
    ("/etc/systemd/system", "a systemd unit"),
    ("/var/spool/cron", "the cron spool"),
    ("@reboot", "a cron job run at every start"),
    ("crontab", "crontab"),
    ("CurrentVersion\\Run", "the Windows Run registry key"),
    (
        "CurrentVersion\\RunOnce",
        "the Windows RunOnce registry key",
    ),
    ("LaunchAgents", "macOS LaunchAgents"),
    ("LaunchDaemons", "macOS LaunchDaemons"),
    ("ld.so.preload", "/etc/ld.so.preload"),
    ("Programs\\Startup", "the Windows Startup folder"),
    ("schtasks", "Windows scheduled tasks"),
    ("systemctl enable", "systemctl enable"),
];

/// Where a project's automation lives: CI pipelines, git's hook settings, the sources cargo
/// compiles from its registry. Writing one from a build makes code run in someone's pipeline or
/// build later; tools that generate CI files write them on request, so only build-time writes
/// count.
pub const AUTOMATION_LOCATIONS: &[(&str, &str)] = &[
    (
        ".circleci/config.yml",
        "the CircleCI pipeline, which runs with the project's secrets",
    ),
    (
        ".github/workflows",
        "GitHub Actions workflows, which run with the repository's secrets",
    ),
    (
        ".gitlab-ci.yml",
        "the GitLab CI pipeline, which runs with the project's secrets",
    ),
    (
        ".rustup/toolchains",
        "the installed Rust toolchains, which compile every build",
    ),
    (
        "azure-pipelines.yml",
        "the Azure Pipelines definition, which runs with the project's secrets",
    ),
    (
        "bitbucket-pipelines.yml",
        "the Bitbucket pipeline, which runs with the project's secrets",
    ),
    (
        "core.hooksPath",
        "git's hooks directory setting, whose hooks run on every commit",
    ),
    (
        "GITHUB_ENV",
        "the GitHub Actions environment file, whose variables every later step gets",
    ),
    (
        "GITHUB_PATH",
        "the GitHub Actions path file, whose directories every later step searches first",
    ),
    (
        "init.templateDir",
        "git's template directory, whose hooks every new repository gets",
    ),
    (
        "Jenkinsfile",
        "the Jenkins pipeline, which runs with the project's secrets",
    ),
    (
        "registry/src",
        "the sources of crates in cargo's registry, compiled into every build that uses them",
    ),
];

/// The file of keys allowed to log in over SSH: writing one opens the machine.
pub const AUTHORIZED_KEYS_FILES: &[&str] = &["authorized_keys"];

/// Starts of an SSH public key, as written into `authorized_keys`.
pub const SSH_PUBLIC_KEY_PREFIXES: &[&str] = &[
    "ecdsa-sha2-nistp256 AAAA",
    "ssh-ed25519 AAAA",
    "ssh-rsa AAAA",
];

/// Mining pools and the stratum protocol's schemes.
pub const MINING_POOLS: &[&str] = &[
    "2miners.com",
    "c3pool",
    "ethermine.org",
    "f2pool",
    "hashvault.pro",
    "herominers",
    "minergate",
    "minexmr",
    "moneroocean",
    "nanopool.org",
    "nicehash.com",
    "stratum+ssl",
    "stratum+tcp",
    "stratum+tls",
    "stratum2+tcp",
    "supportxmr",
    "unmineable",
    "xmrpool",
];

/// Names of proof-of-work algorithms as miners and pools spell them, lower-cased.
pub const MINING_ALGORITHMS: &[&str] = &[
    "autolykos2",
    "cn-heavy/0",
    "cn-lite/1",
    "cn/0",
    "cn/1",
    "cn/2",
    "cn/half",
    "cn/r",
    "cryptonight",
    "etchash",
    "ethash",
    "ghostrider",
    "kawpow",
    "randomx",
    "rx/0",
    "rx/arq",
    "rx/wow",
];

/// Methods of the protocols miners fetch work and submit it by, lower-cased: stratum's, and the
/// getwork and `getblocktemplate` calls of Ethereum and Bitcoin nodes. Every Ethereum or Bitcoin
/// RPC client names the latter too; they make a miner only with a pool of the code's own choosing
/// (`scan::score`), which a client that talks to its caller's node has not (`web3`,
/// `bitcoincore-rpc`, `ethers-providers` are allowed).
pub const STRATUM_METHODS: &[&str] = &[
    "eth_getwork",
    "eth_submithashrate",
    "eth_submitwork",
    "getblocktemplate",
    "mining.authorize",
    "mining.submit",
    "mining.subscribe",
];

/// Command-line flags (and the name) of XMRig and its kin.
pub const MINER_FLAGS: &[&str] = &[
    "--algo=rx/0",
    "--coin monero",
    "--coin=monero",
    "--cpu-max-threads-hint",
    "--donate-level",
    "--max-cpu-usage",
    "--randomx",
    "-a rx/0",
    "xmrig",
];

/// Files that hold a process's whole environment.
pub const ENVIRONMENT_FILES: &[&str] = &["/proc/self/environ"];

// ---- Destinations -------------------------------------------------------------------------------
//
// Hosts, matched against a URL's lower-cased host as the host itself or a parent domain
// (`evil.workers.dev` matches `workers.dev`); an entry with a `/` is a host and path prefix.

/// Top-level names reserved for documentation and tests (RFC 2606, RFC 6761): a host under one
/// is nobody's server, though still a party the code fixes.
pub const RESERVED_DOMAINS: &[&str] = &[
    "example",
    "example.com",
    "example.net",
    "example.org",
    "invalid",
    "localhost",
    "test",
];

/// Hosts that hard-coded URLs point to all the time for good reasons. Deliberately small: a
/// destination off this list is not suspicious by itself either.
pub const WELL_KNOWN_HOSTS: &[&str] = &[
    "apple.com",
    "bitbucket.org",
    "crates.io",
    "docs.rs",
    "github.com",
    "github.io",
    "githubusercontent.com",
    "gitlab.com",
    "gnu.org",
    "google.com",
    "googlesource.com",
    "ietf.org",
    "kernel.org",
    "llvm.org",
    "localhost",
    "microsoft.com",
    "mozilla.org",
    "python.org",
    "rust-lang.org",
    "rustup.rs",
    "sourceforge.net",
    "unicode.org",
    "w3.org",
    "wikipedia.org",
];

/// Services favoured for receiving stolen data or serving second stages: serverless hosting,
/// tunnels, request catchers, paste and file sites, chat-bot APIs and webhooks, and out-of-band
/// testing domains.
pub const EXFILTRATION_HOSTS: &[&str] = &[
    "0x0.st",
    "api.telegram.org",
    "beeceptor.com",
    "burpcollaborator.net",
    "canarytokens.com",
    "ceye.io",
    "deno.dev",
    "discord.com/api/webhooks",
    "discordapp.com/api/webhooks",
    "dnslog.cn",
    "file.io",
    "glitch.me",
    "gofile.io",
    "hastebin.com",
    "herokuapp.com",
    "hookb.in",
    "hooks.slack.com",
    "interact.sh",
    "loca.lt",
    "localtunnel.me",
    "netlify.app",
    "ngrok-free.app",
    "ngrok.app",
    "ngrok.dev",
    "ngrok.io",
    "oast.fun",
    "oast.live",
    "oast.online",
    "oast.pro",
    "oast.site",
    "oastify.com",
    "onrender.com",
    "pages.dev",
    "paste.ee",
    "pastebin.com",
    "pipedream.net",
    "rentry.co",
    "repl.co",
    "replit.dev",
    "requestbin.com",
    "requestbin.net",
    "requestcatcher.com",
    "serveo.net",
    "temp.sh",
    "transfer.sh",
    "trycloudflare.com",
    "vercel.app",
    "webhook.site",
    "workers.dev",
];

/// Services that tell a program its public IP address or location: host profiling.
pub const IP_LOOKUP_HOSTS: &[&str] = &[
    "api.ipify.org",
    "checkip.amazonaws.com",
    "icanhazip.com",
    "ident.me",
    "ifconfig.co",
    "ifconfig.me",
    "ip-api.com",
    "ipecho.net",
    "ipify.org",
    "ipinfo.io",
    "myexternalip.com",
    "wtfismyip.com",
];

/// Public DNS resolvers, which code names for connectivity checks and local-address discovery: not
/// destinations worth a signal.
pub const WELL_KNOWN_IPS: &[[u8; 4]] = &[
    [1, 0, 0, 1],
    [1, 1, 1, 1],
    [8, 8, 4, 4],
    [8, 8, 8, 8],
    [9, 9, 9, 9],
    [208, 67, 222, 222],
];

// ---- What people read ---------------------------------------------------------------------------
//
// Phrases in the name, description, README and HTML files. Spam phrases are matched ignoring
// ASCII case; the others are compared with lower-cased text. All are lower-case, and count only as
// whole words unless said otherwise.

/// Spam: gambling.
pub const SPAM_GAMBLING: &[&str] = &[
    "1xbet",
    "bet365",
    "betting tips",
    "casino bonus",
    "free spins",
    "jackpot",
    "no deposit bonus",
    "online casino",
    "online slots",
    "poker online",
    "slot machine",
    "sports betting",
    "sportsbook",
];

/// Spam: get-rich-quick schemes.
pub const SPAM_GET_RICH: &[&str] = &[
    "binary options",
    "double your bitcoin",
    "double your money",
    "earn money online",
    "financial freedom",
    "forex signals",
    "get rich",
    "guaranteed profit",
    "guaranteed returns",
    "investment opportunity",
    "make money fast",
    "make money online",
    "passive income",
    "risk-free",
    "work from home",
];

/// Spam: cryptocurrency promotion (airdrops, presales, giveaways).
pub const SPAM_CRYPTO_PROMOTION: &[&str] = &[
    "1000x",
    "100x gains",
    "airdrop is live",
    "buy now",
    "claim your airdrop",
    "claim your tokens",
    "crypto giveaway",
    "don't miss out",
    "free bitcoin",
    "free crypto",
    "join our telegram",
    "limited time offer",
    "presale is live",
    "to the moon",
    "token presale",
];

/// Spam: pharmacy.
pub const SPAM_PHARMACY: &[&str] = &[
    "cialis",
    "online pharmacy",
    "viagra",
    "weight loss pills",
    "without prescription",
];

/// Spam: adult advertising.
pub const SPAM_ADULT: &[&str] = &[
    "adult dating",
    "call girls",
    "escort service",
    "hot singles",
    "porn",
];

/// Spam: selling links and followers.
pub const SPAM_SEO: &[&str] = &[
    "buy backlinks",
    "buy followers",
    "cheap followers",
    "instagram followers",
    "seo services",
];

/// Spam: fake support numbers.
pub const SPAM_FAKE_SUPPORT: &[&str] = &[
    "customer care number",
    "customer support number",
    "helpline number",
    "support phone number",
    "toll free number",
    "toll-free number",
];

/// Hosts (as substrings of a link's host) of developer sites, which a README links to for good
/// reasons: they do not make it a link farm.
pub const DEVELOPER_SITES: &[&str] = &[
    "apache.org",
    "circleci",
    "codecov",
    "crates.io",
    "deps.rs",
    "docs.rs",
    "github",
    "gitlab",
    "google",
    "img.shields",
    "lib.rs",
    "microsoft",
    "mozilla",
    "opensource.org",
    "rust-lang",
    "shields.io",
    "travis",
    "wikipedia",
];

/// Words that refer to the crate's name, for offers to sell it. A sentence needs one of these and
/// one of [`TRADE_WORDS`]. Matched as substrings.
pub const NAME_REFERENCES: &[&str] = &[
    "crate name",
    "name of this crate",
    "package name",
    "the name",
    "this crate for sale",
    "this crate is for sale",
    "this name",
    "this package is for sale",
];

/// Words of a sale or trade. Matched as substrings.
pub const TRADE_WORDS: &[&str] = &[
    "$",
    "acquire",
    "best offer",
    "btc",
    "buy",
    "for sale",
    "make an offer",
    "make me an offer",
    "paypal",
    "price",
    "purchase",
    "sell",
    "selling",
    "usd",
];

/// Services (as substrings of an HTML page) a phishing form posts what it collects to.
pub const FORM_COLLECTORS: &[&str] = &[
    "api.telegram.org",
    "discord.com/api/webhooks",
    "workers.dev",
];

/// The cues of [`PHISHING_CUES`] that alarm about the reader's account: a password form that says
/// one is a phishing page even when it posts to its own site. Each must also be a cue.
pub const ACCOUNT_ALARMS: &[&str] = &[
    "account suspended",
    "confirm your identity",
    "update your payment",
    "verify your account",
];

/// Descriptions that are nothing but a placeholder word (compared with the whole lower-cased
/// description, a final `.` removed).
pub const PLACEHOLDER_DESCRIPTIONS: &[&str] = &[".", "empty", "stub", "tbd", "test", "todo", "wip"];

// ---- Priority lists -----------------------------------------------------------------------------
//
// Lists whose order matters: the first entry a text holds is the one the finding quotes (and for
// `PHISHING_CUES`, the one that decides it), so they are not sorted. Each is free of duplicates
// and lower-case, as the text it is compared with is lower-cased.

/// Phrases that offer keys, cracks or bypasses of licence checks on their own, as substrings
/// bounded by non-word characters. The first found is quoted.
pub const CRACK_PHRASES: &[&str] = &[
    "license key generator",
    "licence key generator",
    "serial key generator",
    "product key generator",
    "activation key generator",
    "cd key generator",
    "serial number generator",
    "cracked version",
    "full version free",
    "free full version",
    "license bypass",
    "licence bypass",
    "bypass license",
    "bypass licence",
    "bypass the license",
    "bypass the licence",
    "bypass activation",
    "activation bypass",
    "bypass license check",
    "bypass licensing",
    "remove license check",
    "remove the license check",
    "trial reset",
    "reset trial",
    "reset the trial",
    "extend the trial",
    "extend trial",
    "unlimited trial",
    "kms activator",
    "windows activator",
    "office activator",
    "nulled",
    "warez",
];

/// Words that are cracking only next to a [`LICENCE_WORDS`] entry ("keygen" alone is also key
/// generation for cryptography, "crack" also password-cracking research). The first found is
/// quoted.
pub const WEAK_CRACK_WORDS: &[&str] = &["keygen", "crack"];

/// Words that turn a [`WEAK_CRACK_WORDS`] entry into licence cracking, as substrings. The first
/// found is quoted.
pub const LICENCE_WORDS: &[&str] = &[
    "license",
    "licence",
    "serial",
    "activation",
    "product key",
    "registration key",
    "full version",
    "premium",
];

/// Phrases that urge a reader to act on their account or wallet, which in a README with a link is
/// phishing. The first found is quoted.
pub const URGENT_PHRASES: &[&str] = &[
    "verify your account",
    "your account has been suspended",
    "your account will be suspended",
    "confirm your identity",
    "validate your wallet",
    "enter your seed phrase",
    "enter your recovery phrase",
];

/// What no legitimate form asks for: the keys to a wallet. The first found is quoted.
pub const SEED_PHRASES: &[&str] = &[
    "seed phrase",
    "recovery phrase",
    "mnemonic phrase",
    "secret recovery",
    "private key",
];

/// What a look-alike login page says: sign-in prompts, account alarms and the brands whose logins
/// are copied. The first found is quoted, and decides whether an [`ACCOUNT_ALARMS`] entry holds a
/// page that posts to its own site.
pub const PHISHING_CUES: &[&str] = &[
    "sign in to your",
    "verify your account",
    "account suspended",
    "confirm your identity",
    "update your payment",
    "microsoft account",
    "office 365",
    "outlook",
    "paypal",
    "apple id",
    "icloud",
    "github",
    "crates.io",
    "metamask",
    "coinbase",
    "binance",
    "trust wallet",
    "wallet connect",
    "walletconnect",
    "bank",
];

/// Phrases that announce a placeholder crate, as whole words. The first found is quoted.
pub const PLACEHOLDER_PHRASES: &[&str] = &[
    "reserved",
    "reserving",
    "reserve this name",
    "reserve the name",
    "placeholder",
    "coming soon",
    "name reserved",
    "squat",
    "empty crate",
    "dummy crate",
    "nothing to see here",
    "nothing here yet",
    "under construction",
    "for future use",
    "to be announced",
    "work in progress, nothing",
];

/// Commands in a shell command line that profile the host, as substrings. Each found adds a
/// signal, in this order, and the first signal is the one a finding quotes.
pub const SHELL_HOST_COMMANDS: &[&str] = &[
    "whoami",
    "hostname",
    "ipconfig",
    "ifconfig",
    "systeminfo",
    "uname -a",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// The known-plaintext search fixes a map's scale from a word's first two characters.
    #[test]
    fn known_plaintexts_start_with_two_different_characters() {
        for word in KNOWN_PLAINTEXTS {
            let bytes = word.as_bytes();
            assert!(bytes.len() >= 6 && bytes[0] != bytes[1], "{word}");
        }
    }

    /// How a table's entries are spelled and ordered.
    #[derive(Debug, Clone, Copy, PartialEq, Eq)]
    enum Spelling {
        /// Compared with lower-cased text: lower-case, sorted.
        Lower,
        /// Compared with upper-cased text or upper-case names: upper-case, sorted.
        Upper,
        /// Compared exactly (identifiers, markers): sorted in byte order.
        Exact,
        /// Matched ignoring ASCII case, spelled as people know them: sorted and unique without
        /// regard to case.
        AnyCase,
        /// A priority list: lower-case and unique, in its own order.
        Priority,
    }
    use Spelling::*;

    /// Why `entries` break their table's rules, if they do.
    fn check(entries: &[&str], spelling: Spelling) -> Result<(), String> {
        for entry in entries {
            let wrong_case = match spelling {
                Lower | Priority => *entry != entry.to_ascii_lowercase(),
                Upper => *entry != entry.to_ascii_uppercase(),
                Exact | AnyCase => false,
            };
            if wrong_case || entry.is_empty() {
                return Err(format!("{entry:?} is not spelled as {spelling:?} requires"));
            }
        }
        let key = |entry: &&str| match spelling {
            AnyCase => entry.to_ascii_lowercase(),
            _ => entry.to_string(),
        };
        if spelling == Priority {
            let mut seen = std::collections::BTreeSet::new();
            if let Some(entry) = entries.iter().find(|e| !seen.insert(key(e))) {
                return Err(format!("{entry:?} appears twice"));
            }
            return Ok(());
        }
        match entries.windows(2).find(|w| key(&w[0]) >= key(&w[1])) {
            Some(w) if key(&w[0]) == key(&w[1]) => Err(format!("{:?} appears twice", w[1])),
            Some(w) => Err(format!(
                "{:?} is out of order: it belongs before {:?}",
                w[1], w[0]
            )),
            None => Ok(()),
        }
    }

    fn keys(pairs: &[(&'static str, &'static str)]) -> Vec<&'static str> {
        pairs.iter().map(|(key, _)| *key).collect()
    }

    /// Every table of this module, by name.
    fn tables() -> Vec<(&'static str, Vec<&'static str>, Spelling)> {
        macro_rules! tables {
            ($($name:ident: $spelling:expr),* $(,)?) => {
                vec![$((stringify!($name), $name.to_vec(), $spelling)),*]
            };
        }
        let mut all = tables![
            PREFILTER_NETWORK: Lower,
            PREFILTER_PROCESSES: Lower,
            PREFILTER_FILE_WRITES: Lower,
            PREFILTER_EXECUTION: Lower,
            PREFILTER_ENVIRONMENT: Lower,
            PREFILTER_HOST: Lower,
            PREFILTER_SECRETS: Lower,
            PREFILTER_PERSISTENCE: Lower,
            PREFILTER_DECODING: Lower,
            PREFILTER_ROTATION: Lower,
            IDENTITY_HASHES: Exact,
            PREFILTER_MINING: Lower,
            PREFILTER_LOAD_TIME: Lower,
            PREFILTER_EMBEDDING: Lower,
            PREFILTER_FILE_INCLUSION: Lower,
            PREFILTER_EXFILTRATION: Lower,
            PREFILTER_REPOSITORY_PUSH: Lower,
            KNOWN_PLAINTEXTS: Lower,
            FUNCTION_TAKING: Exact,
            PREFILTER_DESTRUCTION: Lower,
            PREFILTER_WIPING: Lower,
            PREFILTER_BASE64_WORDS: Lower,
            PREFILTER_WALKING: Lower,
            PREFILTER_CONDITIONS: Lower,
            PREFILTER_CLIPBOARD: Lower,
            DIRECTORY_WALKS: Exact,
            KEY_PATTERN_MARKERS: Lower,
            RANDOM_CALLS: Exact,
            DECODING_HINT_NEEDLES: Exact,
            CLIPBOARD_READS: Exact,
            CLIPBOARD_WRITES: Exact,
            ADDRESS_PATTERN_MARKERS: Lower,
            RANDOM_METHODS: Exact,
            PREFILTER_LOCALE: Lower,
            LOCALE_VARIABLES: Upper,
            LOCALE_FUNCTIONS: Exact,
            LOCALE_PATHS: AnyCase,
            USER_DIRECTORY_FUNCTIONS: Exact,
            COMMON_METHODS: Exact,
            STD_MODULES: Exact,
            HOME_VARIABLES: Upper,
            TOOLCHAIN_HOME_VARIABLES: Upper,
            TOOLCHAIN_HOME_FUNCTIONS: Exact,
            TOOLCHAIN_HOME_DIRECTORIES: Exact,
            TREE_REMOVALS: Exact,
            RECURSIVE_REMOVE_FLAGS: Exact,
            SHELL_DESTRUCTION: Lower,
            SHELL_HOME: Lower,
            WORKING_DIRECTORY_GLOBS: Lower,
            HOME_ROOTS: Lower,
            PREFILTER_REVERSED_WORDS: Lower,
            FIND_NAME_TESTS: Lower,
            CREDENTIAL_VARIABLE_PREFIXES: Upper,
            BROWSER_MINER_CALLS: Lower,
            LOCALE_PROGRAMS: Lower,
            GENERATED_MARKERS: Exact,
            NETWORK_CRATES: Exact,
            NETWORK_TYPES: Exact,
            CONNECTION_TYPES: Exact,
            CLIENT_TYPES: Exact,
            SERVER_CRATES: Exact,
            REQUEST_TYPES: Exact,
            HOST_PROFILE_CRATES: Exact,
            OBFUSCATION_CRATES: Lower,
            CALLS_WITH_ARGUMENTS: Exact,
            METHODS_WITH_ARGUMENTS: Exact,
            DECODER_RECEIVERS: Exact,
            DECODER_PATHS: Exact,
            GENERIC_IDENTIFIERS: Exact,
            LOAD_TIME_SECTIONS: Lower,
            CI_VARIABLES: Upper,
            HOST_VARIABLES: Upper,
            HOST_IDENTITY_FILES: Lower,
            SECRET_VARIABLE_WORDS: Upper,
            DOWNLOADERS: Lower,
            NETWORK_PROBES: Lower,
            CLIPBOARD_EITHER_WAY: Lower,
            CLIPBOARD_OUTPUT_FLAGS: Lower,
            CLIPBOARD_INPUT_FLAGS: Lower,
            FILLING_METHODS: Exact,
            SENDING_METHODS: Exact,
            REQUEST_VERBS: Exact,
            EVASION_MARKERS: Lower,
            INTERPRETERS: Lower,
            INTERPRETER_CRATES: Exact,
            WASM_RUNTIME_CRATES: Exact,
            EVALUATING_METHODS: Exact,
            INTERPRETER_INLINE_FLAGS: Exact,
            SHELLS: Lower,
            LAUNCHERS: Lower,
            LAUNCHER_VALUE_OPTIONS: Lower,
            PERSISTENCE_TOOLS: Lower,
            PERSISTENCE_QUERIES: Lower,
            RECON_TOOLS: Lower,
            ENVIRONMENT_PROGRAMS: Lower,
            MINERS: Lower,
            BUILD_TOOLS: Lower,
            BUILD_TOOL_PREFIXES: Lower,
            BUILD_TOOL_SUFFIXES: Lower,
            DROPPED_PATH_PREFIXES: Lower,
            DROPPED_PATH_PARTS: Lower,
            SCRIPT_EXTENSIONS: Lower,
            COMMAND_PREFIXES: Lower,
            COMMAND_CHAINS: Lower,
            SHELL_SCRIPT_FLAGS: Lower,
            SHELL_ENCODED_FLAGS: Lower,
            DOWNLOADER_OUTPUT_FLAGS: Lower,
            SHELL_NETWORK_PRIMITIVES: Lower,
            WALL_CLOCK_TYPES: Exact,
            WALL_CLOCK_NOW: Lower,
            DURATION_METHODS: Lower,
            TIME_BOMB_CHANCE: Lower,
            TIME_BOMB_HIDING: Lower,
            TIME_BOMB_ENDINGS: Lower,
            TIME_BOMB_DAMAGE: Lower,
            SHELL_CONNECTORS: Lower,
            CONNECTOR_EXEC_FLAGS: Lower,
            SOCAT_PROGRAM_ADDRESSES: Lower,
            STDIN_FROM_DESCRIPTOR: Lower,
            SOCKET_TO_SHELL_CALLS: Lower,
            SCRIPT_SOCKETS: Lower,
            PIPES_TO_SHELL: Lower,
            CHMOD_EXECUTABLE: Lower,
            RUN_BY_PATH_PREFIXES: Lower,
            SCHEDULER_COMMANDS: Lower,
            AUTHORIZED_KEYS_FILES: AnyCase,
            SSH_PUBLIC_KEY_PREFIXES: AnyCase,
            MINING_POOLS: AnyCase,
            MINER_FLAGS: AnyCase,
            ENVIRONMENT_FILES: AnyCase,
            WELL_KNOWN_HOSTS: Lower,
            RESERVED_DOMAINS: Lower,
            MINING_ALGORITHMS: Lower,
            STRATUM_METHODS: Lower,
            EXFILTRATION_HOSTS: Lower,
            IP_LOOKUP_HOSTS: Lower,
            SPAM_GAMBLING: Lower,
            SPAM_GET_RICH: Lower,
            SPAM_CRYPTO_PROMOTION: Lower,
            SPAM_PHARMACY: Lower,
            SPAM_ADULT: Lower,
            SPAM_SEO: Lower,
            SPAM_FAKE_SUPPORT: Lower,
            DEVELOPER_SITES: Lower,
            NAME_REFERENCES: Lower,
            TRADE_WORDS: Lower,
            FORM_COLLECTORS: Lower,
            ACCOUNT_ALARMS: Lower,
            PLACEHOLDER_DESCRIPTIONS: Lower,
            CRACK_PHRASES: Priority,
            WEAK_CRACK_WORDS: Priority,
            LICENCE_WORDS: Priority,
            URGENT_PHRASES: Priority,
            SEED_PHRASES: Priority,
            PHISHING_CUES: Priority,
            PLACEHOLDER_PHRASES: Priority,
            SHELL_HOST_COMMANDS: Priority,
        ];
        all.push((
            "SENSITIVE_PATHS_HIGH",
            SENSITIVE_PATHS_HIGH
                .iter()
                .map(|(key, _, _)| *key)
                .collect(),
            AnyCase,
        ));
        all.push((
            "CLIPBOARD_PROGRAMS",
            CLIPBOARD_PROGRAMS
                .iter()
                .map(|(program, _)| *program)
                .collect(),
            Lower,
        ));
        all.push((
            "POWERSHELL_CLIPBOARD",
            POWERSHELL_CLIPBOARD
                .iter()
                .map(|(command, _)| *command)
                .collect(),
            Lower,
        ));
        for (name, pairs) in [
            ("SENSITIVE_PATHS_MEDIUM", SENSITIVE_PATHS_MEDIUM),
            ("PERSISTENCE_LOCATIONS", PERSISTENCE_LOCATIONS),
            ("AUTOMATION_LOCATIONS", AUTOMATION_LOCATIONS),
        ] {
            all.push((name, keys(pairs), AnyCase));
        }
        all
    }

    #[test]
    fn browser_miner_calls_are_read_by_the_prefilter() {
        for call in BROWSER_MINER_CALLS {
            assert!(
                PREFILTER_MINING.iter().any(|word| call.contains(word)),
                "{call} holds no word of PREFILTER_MINING"
            );
        }
    }

    #[test]
    fn every_table_is_sorted_unique_and_in_its_case() {
        let problems: Vec<String> = tables()
            .into_iter()
            .filter_map(|(name, entries, spelling)| {
                check(&entries, spelling)
                    .err()
                    .map(|why| format!("{name}: {why}"))
            })
            .collect();
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert!(
            WELL_KNOWN_IPS.windows(2).all(|w| w[0] < w[1]),
            "WELL_KNOWN_IPS must be sorted, without duplicates"
        );
        let new_year = |year| {
            chrono::NaiveDate::from_ymd_opt(year, 1, 1)
                .and_then(|d| d.and_hms_opt(0, 0, 0))
                .map(|t| t.and_utc().timestamp() as u64)
        };
        assert_eq!(Some(*FIXED_MOMENTS.start()), new_year(2023));
        assert_eq!(Some(*FIXED_MOMENTS.end()), new_year(2040));
    }

    /// The tests cover every table: a new one must be listed in [`tables`] with its spelling.
    #[test]
    fn every_table_is_checked() {
        let listed: Vec<&str> = tables().iter().map(|(name, _, _)| *name).collect();
        let source = include_str!("vocabulary.rs");
        let declared: Vec<&str> = source
            .lines()
            .filter_map(|line| line.strip_prefix("pub const "))
            .filter_map(|rest| rest.split(':').next())
            // Not lists of words: checked on their own.
            .filter(|name| {
                !matches!(
                    *name,
                    "WELL_KNOWN_IPS" | "FIXED_MOMENTS" | "CLIPBOARD_PATH_WORD"
                )
            })
            .collect();
        let missing: Vec<&&str> = declared.iter().filter(|d| !listed.contains(d)).collect();
        assert!(
            missing.is_empty(),
            "tables the tests do not check: {missing:?}"
        );
        assert_eq!(declared.len(), listed.len(), "a table is listed twice");
    }

    /// The checks fail on what they are meant to catch.
    #[test]
    fn the_checks_catch_disorder_duplicates_and_case() {
        assert_eq!(check(&["a", "b", "c"], Lower), Ok(()));
        assert!(check(&["b", "a"], Lower).is_err());
        assert!(check(&["a", "a"], Lower).is_err());
        assert!(check(&["a", "B"], Lower).is_err());
        assert!(check(&[""], Lower).is_err());
        assert_eq!(check(&["AB", "B"], Upper), Ok(()));
        assert!(check(&["A", "b"], Upper).is_err());
        assert_eq!(check(&["Z", "a"], Exact), Ok(()));
        assert!(check(&["a", "Z"], Exact).is_err());
        assert_eq!(check(&["a", "Login Data", "z"], AnyCase), Ok(()));
        assert!(check(&["Z", "a"], AnyCase).is_err());
        assert!(check(&["login data", "Login Data"], AnyCase).is_err());
        assert_eq!(check(&["b", "a"], Priority), Ok(()));
        assert!(check(&["b", "a", "b"], Priority).is_err());
        assert!(check(&["B"], Priority).is_err());
    }

    /// An alarm that is not a cue could never be the cue found, so it would never count.
    #[test]
    fn account_alarms_are_phishing_cues() {
        for alarm in ACCOUNT_ALARMS {
            assert!(PHISHING_CUES.contains(alarm), "{alarm:?}");
        }
    }

    /// The manifest's keys are compared after `_` becomes `-`.
    #[test]
    fn obfuscation_crates_are_canonical() {
        for name in OBFUSCATION_CRATES {
            assert!(!name.contains('_'), "{name:?}");
        }
    }
}
