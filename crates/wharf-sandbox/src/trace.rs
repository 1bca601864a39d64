//! Reading strace's log into [`Event`]s.
//!
//! The sandbox runs under `strace -f -qq -y -s 1024` with a fixed set of system calls (see
//! [`TRACED`]). Each line is `PID name(args) = result`; a call interrupted by another process's
//! line is split into `<unfinished ...>` and `<... name resumed>` halves, joined here. Paths are
//! resolved against each process's working directory (followed through `chdir`, inherited on
//! `clone`) or the directory file descriptor strace names (`-y`), and every process is known by
//! the program it runs and the chain of programs that started it.
//!
//! What the sandbox's own setup does (copying the package in, before cargo starts) is not the
//! package's doing: lines before the first successful `execve` of cargo are skipped.

use std::collections::HashMap;

use wharf_policy::detonation::{Action, Address, Event};

/// strace's options: follow every process, name descriptors' files, show strings up to 1 KiB,
/// and give children's process ids as strace's own lines do.
pub const OPTIONS: &[&str] = &["-f", "-qq", "-y", "-s", "4096", "--decode-pids=pidns"];

/// The system calls traced: processes, files, network. Reads and writes of open files are not
/// traced, which keeps the log to a few lines per file a compiler touches.
pub const TRACED: &str = "execve,execveat,clone,clone3,fork,vfork,chdir,fchdir,open,openat,openat2,creat,unlink,unlinkat,rmdir,rename,renameat,renameat2,link,linkat,symlink,symlinkat,chmod,fchmod,fchmodat,connect,sendto,sendmsg,sendmmsg,io_uring_setup";

/// The program whose start ends the sandbox's setup.
const FIRST_PROGRAM: &str = "cargo";

#[derive(Clone)]
struct Process {
    program: String,
    /// Started from the system's or the toolchain's directories.
    trusted: bool,
    chain: Vec<String>,
    cwd: String,
}

/// Turns a whole log into events, in the order they happened. A process is `trusted` when its
/// program was started from one of the `trusted` directories (the system's, the toolchain's), so
/// that a file named `cc` in a scratch directory is not taken for the compiler.
pub fn events(log: &str, trusted: &[&str]) -> Vec<Event> {
    let mut reader = Reader {
        trusted: trusted.iter().map(|t| t.to_string()).collect(),
        ..Reader::default()
    };
    for line in log.lines() {
        let Some((pid, _)) = line.split_once(' ') else {
            continue;
        };
        let Ok(pid) = pid.trim().parse::<u32>() else {
            continue;
        };
        // A new process's first lines can come before its parent's `clone` returns its pid;
        // they wait until then, so that it starts with its parent's program and directory.
        if reader.processes.is_empty() {
            reader.process(pid);
        }
        if reader.processes.contains_key(&pid) {
            reader.line(pid, line);
        } else {
            reader.orphans.entry(pid).or_default().push(line.to_owned());
        }
    }
    let orphans: Vec<(u32, Vec<String>)> = reader.orphans.drain().collect();
    for (pid, lines) in orphans {
        for line in lines {
            reader.line(pid, &line);
        }
    }
    reader.events
}

#[derive(Default)]
struct Reader {
    processes: HashMap<u32, Process>,
    unfinished: HashMap<u32, String>,
    /// Lines of processes whose parent's `clone` has not returned yet.
    orphans: HashMap<u32, Vec<String>>,
    started: bool,
    events: Vec<Event>,
    trusted: Vec<String>,
}

impl Reader {
    fn line(&mut self, pid: u32, line: &str) {
        let Some((_, rest)) = line.split_once(' ') else {
            return;
        };
        let rest = rest.trim_start();
        if rest.starts_with("---") || rest.starts_with("+++") {
            return;
        }
        let call = if let Some(head) = rest.strip_suffix(" <unfinished ...>") {
            self.unfinished.insert(pid, head.to_owned());
            return;
        } else if rest.starts_with("<... ") {
            let Some(head) = self.unfinished.remove(&pid) else {
                return;
            };
            let tail = rest.split_once("resumed>").map_or("", |(_, t)| t);
            format!("{head}{tail}")
        } else {
            rest.to_owned()
        };
        if let Some(parsed) = Call::parse(&call) {
            self.call(pid, parsed);
        }
    }

    fn process(&mut self, pid: u32) -> &mut Process {
        self.processes.entry(pid).or_insert_with(|| Process {
            program: String::new(),
            trusted: false,
            chain: Vec::new(),
            cwd: "/".to_owned(),
        })
    }

    fn call(&mut self, pid: u32, call: Call) {
        let ok = !call.result.starts_with('-');
        match call.name {
            "clone" | "clone3" if call.args.iter().any(|a| a.contains("CLONE_UNTRACED")) => {
                self.emit(
                    pid,
                    Action::Evasion(
                        "started a process hidden from tracing (CLONE_UNTRACED)".into(),
                    ),
                );
                return;
            }
            "io_uring_setup" => {
                self.emit(
                    pid,
                    Action::Evasion("set up io_uring, whose operations bypass tracing".into()),
                );
                return;
            }
            "execveat" => {
                self.emit(
                    pid,
                    Action::Evasion("ran a program by descriptor (execveat)".into()),
                );
                return;
            }
            "clone" | "clone3" | "fork" | "vfork" => {
                // Inside the sandbox's PID namespace the call returns the namespace's number;
                // `--decode-pids=pidns` adds the one strace's lines use.
                let child = call
                    .result
                    .split_once("/* ")
                    .and_then(|(_, rest)| rest.split_once(" in strace's PID NS"))
                    .map_or(call.result.trim(), |(host, _)| host.trim());
                if let Ok(child) = child.parse::<u32>() {
                    let parent = self.process(pid).clone();
                    self.processes.insert(child, parent);
                    for line in self.orphans.remove(&child).unwrap_or_default() {
                        self.line(child, &line);
                    }
                } else if call.result.contains("EAGAIN") {
                    self.emit(pid, Action::ForkRefused);
                }
                return;
            }
            "chdir" | "fchdir" if ok => {
                let dir = if call.name == "chdir" {
                    call.args.first().and_then(|a| string(a))
                } else {
                    call.args.first().and_then(|a| fd_path(a))
                };
                if let Some(dir) = dir {
                    let cwd = self.resolve(pid, None, &dir);
                    self.process(pid).cwd = cwd;
                }
                return;
            }
            "execve" if ok => {
                let Some(path) = call.args.first().and_then(|a| string(a)) else {
                    return;
                };
                let mut path = self.resolve(pid, None, &path);
                let argv = call.args.get(1).map(|a| strings(a)).unwrap_or_default();
                // The dynamic loader run as a program runs its first argument.
                if path
                    .rsplit('/')
                    .next()
                    .is_some_and(|n| n.starts_with("ld-linux"))
                {
                    if let Some(target) = argv.get(1) {
                        path = self.resolve(pid, None, target);
                    }
                }
                let program = path.rsplit('/').next().unwrap_or(&path).to_owned();
                let trusted = self.trusted.iter().any(|t| path.starts_with(t.as_str()));
                if !self.started && program == FIRST_PROGRAM {
                    self.started = true;
                }
                let process = self.process(pid);
                process.program = program.clone();
                process.trusted = trusted;
                process.chain.push(program);
                self.emit(pid, Action::Exec { path, argv });
                return;
            }
            _ => {}
        }
        let action = match call.name {
            "open" | "creat" => {
                let path = call.args.first().and_then(|a| string(a));
                let write = call.name == "creat" || call.args.get(1).is_some_and(|f| writes(f));
                path.map(|p| Action::Open {
                    path: result_path(&call.result).unwrap_or_else(|| self.resolve(pid, None, &p)),
                    write,
                })
            }
            "openat" | "openat2" => self.at(pid, &call.args, 0).map(|path| Action::Open {
                // What the kernel opened, when it did (`= 3</path>`): symbolic links, `..`
                // through them and `/proc/self/root` resolved.
                path: result_path(&call.result).unwrap_or(path),
                write: call.args.get(2).is_some_and(|f| writes(f)),
            }),
            "link" | "symlink" => match (
                call.args.first().and_then(|a| string(a)),
                call.args.get(1).and_then(|a| string(a)),
            ) {
                (Some(from), Some(to)) => Some(Action::Link {
                    from: self.resolve(pid, None, &from),
                    to: self.resolve(pid, None, &to),
                }),
                _ => None,
            },
            "linkat" => match (self.at(pid, &call.args, 0), self.at(pid, &call.args, 2)) {
                (Some(from), Some(to)) => Some(Action::Link { from, to }),
                _ => None,
            },
            "symlinkat" => match (
                call.args.first().and_then(|a| string(a)),
                self.at(pid, &call.args, 1),
            ) {
                (Some(from), Some(to)) => Some(Action::Link {
                    from: self.resolve(pid, None, &from),
                    to,
                }),
                _ => None,
            },
            "unlink" | "rmdir" => {
                call.args
                    .first()
                    .and_then(|a| string(a))
                    .map(|p| Action::Remove {
                        path: self.resolve(pid, None, &p),
                    })
            }
            "unlinkat" => self
                .at(pid, &call.args, 0)
                .map(|path| Action::Remove { path }),
            "rename" => match (
                call.args.first().and_then(|a| string(a)),
                call.args.get(1).and_then(|a| string(a)),
            ) {
                (Some(from), Some(to)) => Some(Action::Rename {
                    from: self.resolve(pid, None, &from),
                    to: self.resolve(pid, None, &to),
                }),
                _ => None,
            },
            "renameat" | "renameat2" => {
                match (self.at(pid, &call.args, 0), self.at(pid, &call.args, 2)) {
                    (Some(from), Some(to)) => Some(Action::Rename { from, to }),
                    _ => None,
                }
            }
            "chmod" => match (
                call.args.first().and_then(|a| string(a)),
                call.args.get(1).and_then(|m| mode(m)),
            ) {
                (Some(path), Some(mode)) => Some(Action::Chmod {
                    path: self.resolve(pid, None, &path),
                    mode,
                }),
                _ => None,
            },
            "fchmod" => match (
                call.args.first().and_then(|a| fd_path(a)),
                call.args.get(1).and_then(|m| mode(m)),
            ) {
                (Some(path), Some(mode)) => Some(Action::Chmod { path, mode }),
                _ => None,
            },
            "fchmodat" => match (
                self.at(pid, &call.args, 0),
                call.args.get(2).and_then(|m| mode(m)),
            ) {
                (Some(path), Some(mode)) => Some(Action::Chmod { path, mode }),
                _ => None,
            },
            "connect" | "sendto" | "sendmsg" | "sendmmsg" => {
                let names: Vec<String> = call.args.iter().flat_map(|a| dns_names(a)).collect();
                if !names.is_empty() {
                    Some(Action::DnsQuery(names))
                } else {
                    call.args
                        .iter()
                        .find_map(|a| address(a))
                        .map(Action::Connect)
                }
            }
            _ => None,
        };
        if let Some(action) = action {
            let evasive = action_paths(&action)
                .into_iter()
                .any(|p| through_proc(p) || p.ends_with("..."));
            if evasive {
                self.emit(
                    pid,
                    Action::Evasion(format!(
                        "reached a file through /proc or a path too long to see: {action:?}"
                    )),
                );
            }
            self.emit(pid, action);
        }
    }

    /// The path named by a `(dirfd, "path")` pair starting at `args[index]`.
    fn at(&mut self, pid: u32, args: &[String], index: usize) -> Option<String> {
        let path = string(args.get(index + 1)?)?;
        let dir = args.get(index).and_then(|d| fd_path(d));
        Some(self.resolve(pid, dir.as_deref(), &path))
    }

    fn resolve(&mut self, pid: u32, dir: Option<&str>, path: &str) -> String {
        if path.starts_with('/') {
            return path.to_owned();
        }
        let base = match dir {
            Some(dir) => dir.to_owned(),
            None => self.process(pid).cwd.clone(),
        };
        let mut parts: Vec<&str> = Vec::new();
        for part in base.split('/').chain(path.split('/')) {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop();
                }
                part => parts.push(part),
            }
        }
        format!("/{}", parts.join("/"))
    }

    fn emit(&mut self, pid: u32, action: Action) {
        if !self.started {
            return;
        }
        let process = self.process(pid).clone();
        // The chain starts at cargo: what ran before it is the sandbox's own (bwrap, its shell).
        let first = process
            .chain
            .iter()
            .position(|p| p == FIRST_PROGRAM)
            .unwrap_or(0);
        self.events.push(Event {
            pid,
            program: process.program,
            trusted: process.trusted,
            chain: process.chain[first..].to_vec(),
            action,
        });
    }
}

/// The file a successful call's result names (`= 3</path>` with strace's `-y`).
fn result_path(result: &str) -> Option<String> {
    let (_, rest) = result.split_once('<')?;
    let path = rest.split_once('>')?.0;
    path.starts_with('/').then(|| path.to_owned())
}

fn action_paths(action: &Action) -> Vec<&str> {
    match action {
        Action::Open { path, .. } | Action::Remove { path } | Action::Chmod { path, .. } => {
            vec![path]
        }
        Action::Rename { from, to } | Action::Link { from, to } => vec![from, to],
        _ => Vec::new(),
    }
}

/// A path through a process's magic links (`/proc/self/root/…`, `/proc/1/cwd/…`,
/// `/proc/self/fd/3/…`), which reach files under names the rules would not recognise.
fn through_proc(path: &str) -> bool {
    let Some(rest) = path.strip_prefix("/proc/") else {
        return false;
    };
    let mut parts = rest.split('/').skip(1);
    match parts.next() {
        Some("root" | "cwd") => parts.next().is_some(),
        Some("fd") => parts.nth(1).is_some(),
        _ => false,
    }
}

/// One system call: its name, its top-level arguments as strace printed them, and what follows
/// ` = ` (the result, with the error's name if it failed).
struct Call<'a> {
    name: &'a str,
    args: Vec<String>,
    result: String,
}

impl<'a> Call<'a> {
    fn parse(text: &'a str) -> Option<Call<'a>> {
        let open = text.find('(')?;
        let name = &text[..open];
        if name.is_empty() || !name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_') {
            return None;
        }
        let (args, end) = split_args(&text[open + 1..]);
        let result = text[open + 1 + end..]
            .split_once(" = ")
            .map_or(String::new(), |(_, r)| r.trim().to_owned());
        Some(Call { name, args, result })
    }
}

/// Splits an argument list at its top-level commas, up to its closing parenthesis; returns the
/// arguments and the offset just past that parenthesis.
fn split_args(text: &str) -> (Vec<String>, usize) {
    let mut args = Vec::new();
    let mut depth = 0usize;
    let mut angle = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        if angle > 0 {
            // Inside `3</path>` or `3<TCP:[1]>`: strace's `-y` names a descriptor's file.
            if b == b'>' {
                angle -= 1;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'(' | b'[' | b'{' => depth += 1,
            b'<' if i > 0 && bytes[i - 1].is_ascii_digit() => angle += 1,
            b']' | b'}' => depth = depth.saturating_sub(1),
            b')' if depth == 0 => {
                let last = text[start..i].trim();
                if !last.is_empty() {
                    args.push(last.to_owned());
                }
                return (args, i + 1);
            }
            b')' => depth -= 1,
            b',' if depth == 0 => {
                args.push(text[start..i].trim().to_owned());
                start = i + 1;
            }
            _ => {}
        }
    }
    (args, text.len())
}

/// The bytes of a quoted strace string (`"..."`, possibly followed by `...` when truncated).
fn bytes(arg: &str) -> Option<Vec<u8>> {
    let inner = arg.strip_prefix('"')?;
    let mut out = Vec::new();
    let mut chars = inner.bytes().peekable();
    while let Some(b) = chars.next() {
        match b {
            b'"' => return Some(out),
            b'\\' => match chars.next()? {
                b'n' => out.push(b'\n'),
                b't' => out.push(b'\t'),
                b'r' => out.push(b'\r'),
                b'v' => out.push(0x0b),
                b'f' => out.push(0x0c),
                b'x' => {
                    let hi = chars.next()?;
                    let lo = chars.next()?;
                    let text = [hi, lo];
                    out.push(u8::from_str_radix(std::str::from_utf8(&text).ok()?, 16).ok()?);
                }
                d @ b'0'..=b'7' => {
                    let mut value = u32::from(d - b'0');
                    for _ in 0..2 {
                        match chars.peek() {
                            Some(&n @ b'0'..=b'7') => {
                                value = value * 8 + u32::from(n - b'0');
                                chars.next();
                            }
                            _ => break,
                        }
                    }
                    out.push(value as u8);
                }
                other => out.push(other),
            },
            other => out.push(other),
        }
    }
    None
}

fn string(arg: &str) -> Option<String> {
    bytes(arg).map(|b| String::from_utf8_lossy(&b).into_owned())
}

/// The strings of an array argument (`["a", "b", ...]`).
fn strings(arg: &str) -> Vec<String> {
    let Some(inner) = arg.strip_prefix('[') else {
        return Vec::new();
    };
    let (items, _) = split_args(&format!("{})", inner.trim_end_matches(']')));
    items.iter().filter_map(|i| string(i)).collect()
}

/// The file a descriptor argument names (`3</sandbox/src>`), if strace gave one.
fn fd_path(arg: &str) -> Option<String> {
    let (_, rest) = arg.split_once('<')?;
    let path = rest.strip_suffix('>')?;
    path.starts_with('/').then(|| path.to_owned())
}

fn writes(flags: &str) -> bool {
    ["O_WRONLY", "O_RDWR", "O_CREAT", "O_TRUNC", "O_APPEND"]
        .iter()
        .any(|f| flags.contains(f))
}

fn mode(arg: &str) -> Option<u32> {
    u32::from_str_radix(arg.trim().trim_start_matches("0o"), 8).ok()
}

/// An internet address in a `sockaddr` argument.
fn address(arg: &str) -> Option<Address> {
    // Anywhere in the argument: a `sendmmsg`'s addresses are inside its message headers.
    if !arg.contains("sa_family=AF_INET") {
        return None;
    }
    let port = between(arg, "_port=htons(", ")")?.parse().ok()?;
    let ip = between(arg, "inet_addr(\"", "\"")
        .or_else(|| between(arg, "inet_pton(AF_INET6, \"", "\""))?
        .to_owned();
    Some(Address { ip, port })
}

fn between<'a>(text: &'a str, start: &str, end: &str) -> Option<&'a str> {
    let from = text.find(start)? + start.len();
    let len = text[from..].find(end)?;
    Some(&text[from..from + len])
}

/// The names asked in any DNS query packets among an argument's strings (a `sendto` buffer, or
/// the `iov_base` of each message of a `sendmmsg`).
fn dns_names(arg: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = arg;
    while let Some(at) = rest.find('"') {
        let quoted = &rest[at..];
        let Some(packet) = bytes(quoted) else {
            break;
        };
        if let Some(name) = dns_question(&packet) {
            if !names.contains(&name) {
                names.push(name);
            }
        }
        // Past this string: its closing quote is after the opening one.
        let close = 1 + quoted[1..]
            .char_indices()
            .scan(false, |escaped, (i, c)| {
                let end = !*escaped && c == '"';
                *escaped = !*escaped && c == '\\';
                Some((i, end))
            })
            .find(|(_, end)| *end)
            .map_or(quoted.len() - 1, |(i, _)| i);
        rest = &quoted[(close + 1).min(quoted.len())..];
    }
    names
}

/// The name in the question of a DNS query packet: a 12-byte header with one question and no
/// answers, then length-prefixed labels.
fn dns_question(packet: &[u8]) -> Option<String> {
    if packet.len() < 17 {
        return None;
    }
    let is_query = packet[2] & 0x80 == 0;
    let questions = u16::from_be_bytes([packet[4], packet[5]]);
    let answers = u16::from_be_bytes([packet[6], packet[7]]);
    if !is_query || questions != 1 || answers != 0 {
        return None;
    }
    let mut labels = Vec::new();
    let mut at = 12;
    loop {
        let len = usize::from(*packet.get(at)?);
        if len == 0 {
            break;
        }
        if len > 63 {
            return None;
        }
        let label = packet.get(at + 1..at + 1 + len)?;
        labels.push(String::from_utf8_lossy(label).into_owned());
        at += 1 + len;
    }
    // The question's type and class follow the name.
    (packet.len() >= at + 5 && !labels.is_empty()).then(|| labels.join("."))
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = r#"100 execve("/bin/sh", ["sh", "-c", "cp -a /stage/src /sandbox/src"], 0x7ffd /* 9 vars */) = 0
100 openat(AT_FDCWD, "/stage/home/.ssh/id_rsa", O_RDONLY) = 3</stage/home/.ssh/id_rsa>
100 chdir("/sandbox/src") = 0
100 execve("/opt/rust/bin/cargo", ["cargo", "check", "--offline"], 0x55 /* 9 vars */) = 0
100 clone3({flags=CLONE_VM|CLONE_VFORK, exit_signal=SIGCHLD, stack=0x7f, stack_size=0x9000}, 88 <unfinished ...>
101 chdir("/sandbox/src/sub") = 0
101 execve("/sandbox/target/debug/build/evil-1/build-script-build", ["/sandbox/target/debug/build/evil"...], 0x55 /* 40 vars */ <unfinished ...>
100 <... clone3 resumed>) = 2 /* 101 in strace's PID NS */
101 <... execve resumed>) = 0
101 openat(AT_FDCWD, "/home/builder/.ssh/id_rsa", O_RDONLY|O_CLOEXEC) = 3</sandbox/home/.ssh/id_rsa>
101 connect(3<TCP:[1]>, {sa_family=AF_INET, sin_port=htons(443), sin_addr=inet_addr("192.0.2.7")}, 16) = -1 ENETUNREACH (Network is unreachable)
101 connect(4<UDP:[2]>, {sa_family=AF_INET6, sin6_port=htons(80), sin6_flowinfo=htonl(0), inet_pton(AF_INET6, "2001:db8::1", &sin6_addr), sin6_scope_id=0}, 28) = -1 ENETUNREACH (Network is unreachable)
101 sendmmsg(3<UDP:[3]>, [{msg_hdr={msg_name=NULL, msg_namelen=0, msg_iov=[{iov_base="\257\314\1\0\0\1\0\0\0\0\0\0\10c2VjcmV0\5exfil\7invalid\0\0\1\0\1", iov_len=40}], msg_iovlen=1, msg_controllen=0, msg_flags=0}, msg_len=40}], 2, MSG_NOSIGNAL) = 1
101 unlinkat(5</sandbox/home/.ssh>, "known_hosts", 0) = 0
101 chdir("..") = 0
101 openat(AT_FDCWD, "out/payload", O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC, 0666) = 6</sandbox/src/out/payload>
101 fchmodat(AT_FDCWD, "out/payload", 0755) = 0
101 renameat2(AT_FDCWD, "a", 7</tmp>, "b", RENAME_NOREPLACE) = 0
101 clone(child_stack=NULL, flags=CLONE_CHILD_CLEARTID|SIGCHLD, child_tidptr=0x7f) = -1 EAGAIN (Resource temporarily unavailable)
101 +++ exited with 0 +++
"#;

    #[test]
    fn a_log_becomes_events_with_programs_paths_and_addresses() {
        let events = events(LOG, &["/usr/", "/opt/rust/"]);
        let actions: Vec<&Action> = events.iter().map(|e| &e.action).collect();
        // The setup's read of the staged home is not an event: cargo had not started.
        assert!(matches!(actions[0], Action::Exec { path, .. } if path == "/opt/rust/bin/cargo"));
        assert_eq!(events[1].program, "build-script-build");
        assert_eq!(events[1].chain, ["cargo", "build-script-build"]);
        assert_eq!(
            actions[2],
            &Action::Open {
                path: "/sandbox/home/.ssh/id_rsa".into(),
                write: false
            }
        );
        assert_eq!(
            actions[3],
            &Action::Connect(Address {
                ip: "192.0.2.7".into(),
                port: 443
            })
        );
        assert_eq!(
            actions[4],
            &Action::Connect(Address {
                ip: "2001:db8::1".into(),
                port: 80
            })
        );
        assert_eq!(
            actions[5],
            &Action::DnsQuery(vec!["c2VjcmV0.exfil.invalid".into()])
        );
        assert_eq!(
            actions[6],
            &Action::Remove {
                path: "/sandbox/home/.ssh/known_hosts".into()
            }
        );
        assert_eq!(
            actions[7],
            &Action::Open {
                path: "/sandbox/src/out/payload".into(),
                write: true
            }
        );
        assert_eq!(
            actions[8],
            &Action::Chmod {
                path: "/sandbox/src/out/payload".into(),
                mode: 0o755
            }
        );
        assert_eq!(
            actions[9],
            &Action::Rename {
                from: "/sandbox/src/a".into(),
                to: "/tmp/b".into()
            }
        );
        assert_eq!(actions[10], &Action::ForkRefused);
        assert_eq!(actions.len(), 11);
    }

    #[test]
    fn hiding_from_the_trace_is_itself_an_event() {
        let log = r#"100 execve("/opt/rust/bin/cargo", ["cargo"], 0x55 /* 9 vars */) = 0
100 clone(child_stack=NULL, flags=CLONE_UNTRACED|SIGCHLD) = 5 /* 105 in strace's PID NS */
100 io_uring_setup(8, {flags=0}) = 3
100 openat(AT_FDCWD</sandbox/src>, "/proc/self/root/home/builder/.ssh/id_rsa", O_RDONLY) = 4</sandbox/home/.ssh/id_rsa>
100 unlink("/proc/self/cwd/x") = 0
"#;
        let events = events(log, &["/opt/rust/"]);
        let evasions = events
            .iter()
            .filter(|e| matches!(e.action, Action::Evasion(_)))
            .count();
        // The untraced clone, io_uring and the unlink through /proc; the open through /proc is
        // known by what the kernel opened, so the rules see the decoy itself.
        assert_eq!(evasions, 3, "{events:#?}");
        assert!(events.iter().any(|e| e.action
            == Action::Open {
                path: "/sandbox/home/.ssh/id_rsa".into(),
                write: false
            }));
        assert!(events[0].trusted);
    }

    #[test]
    fn strings_unescape_octal_hex_and_named_escapes() {
        assert_eq!(
            bytes(r#""a\tb\\\"\1\12\x41\177""#).unwrap(),
            b"a\tb\\\"\x01\x0aA\x7f"
        );
        assert_eq!(bytes(r#""trunc"..."#).unwrap(), b"trunc");
        assert_eq!(
            strings(r#"["sh", "-c", "echo \"hi, there\""]"#),
            ["sh", "-c", "echo \"hi, there\""]
        );
    }

    #[test]
    fn only_query_packets_are_read_as_dns() {
        // A response (QR bit set) and a packet too short for a question are not queries.
        assert_eq!(
            dns_names(r#""\0\1\201\200\0\1\0\1\0\0\0\0\1a\0\0\1\0\1""#),
            Vec::<String>::new()
        );
        assert_eq!(dns_names(r#""hello""#), Vec::<String>::new());
        assert_eq!(
            dns_names(r#""\0\1\1\0\0\1\0\0\0\0\0\0\1a\3com\0\0\1\0\1""#),
            ["a.com"]
        );
    }
}
