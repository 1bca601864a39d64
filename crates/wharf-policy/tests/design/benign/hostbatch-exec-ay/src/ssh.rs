//! Building the `ssh` command line.
//!
//! We shell out to OpenSSH rather than embedding an SSH implementation so
//! that the user's `~/.ssh/config`, agent, `known_hosts`, jump hosts and
//! hardware keys all work exactly as they do interactively.

use std::ffi::OsString;
use std::path::PathBuf;
use std::time::Duration;

/// A target host, as given by the caller.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Host {
    /// Name or address, possibly an alias from `~/.ssh/config`.
    pub name: String,
    pub user: Option<String>,
    pub port: Option<u16>,
}

impl Host {
    /// Parse `[user@]host[:port]`.
    pub fn parse(spec: &str) -> Result<Host, String> {
        let spec = spec.trim();
        if spec.is_empty() || spec.starts_with('-') {
            return Err(format!("invalid host {:?}", spec));
        }
        let (user, rest) = match spec.split_once('@') {
            Some((u, r)) if !u.is_empty() => (Some(u.to_owned()), r),
            Some(_) => return Err(format!("empty user in {:?}", spec)),
            None => (None, spec),
        };
        let (name, port) = match rest.rsplit_once(':') {
            Some((h, p)) if !h.contains(':') => {
                (h.to_owned(), Some(p.parse().map_err(|_| format!("bad port in {:?}", spec))?))
            }
            _ => (rest.to_owned(), None),
        };
        if name.is_empty() || name.starts_with('-') {
            return Err(format!("invalid host {:?}", spec));
        }
        Ok(Host { name, user, port })
    }

    pub fn display(&self) -> String {
        let mut s = String::new();
        if let Some(u) = &self.user {
            s.push_str(u);
            s.push('@');
        }
        s.push_str(&self.name);
        if let Some(p) = self.port {
            s.push_str(&format!(":{}", p));
        }
        s
    }
}

/// Options passed to every `ssh` invocation.
#[derive(Clone, Debug)]
pub struct SshOptions {
    /// Path to the ssh binary (default: `ssh` from PATH).
    pub program: PathBuf,
    pub connect_timeout: Duration,
    /// Extra `-i` identity file.
    pub identity: Option<PathBuf>,
    /// Extra `-J` jump host.
    pub jump: Option<String>,
    /// Host key policy; the default refuses unknown hosts.
    pub strict_host_keys: StrictHostKeys,
    /// Allocate a tty (`-tt`); off by default, which is what batch jobs want.
    pub tty: bool,
    /// Raw extra `-o key=value` options.
    pub extra: Vec<(String, String)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrictHostKeys {
    Yes,
    AcceptNew,
}

impl Default for SshOptions {
    fn default() -> Self {
        SshOptions {
            program: PathBuf::from("ssh"),
            connect_timeout: Duration::from_secs(10),
            identity: None,
            jump: None,
            strict_host_keys: StrictHostKeys::Yes,
            tty: false,
            extra: Vec::new(),
        }
    }
}

/// Quote one word for a POSIX shell.
pub fn sh_quote(word: &str) -> String {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_alphanumeric() || b"-_./=:,+@%".contains(&b)) {
        return word.to_owned();
    }
    format!("'{}'", word.replace('\'', "'\\''"))
}

/// The remote command string: argv words quoted and joined, because ssh
/// hands the remote side a single string for its login shell.
pub fn remote_command(argv: &[String]) -> String {
    argv.iter().map(|w| sh_quote(w)).collect::<Vec<_>>().join(" ")
}

/// Full argument vector for `ssh` (excluding the program itself).
pub fn ssh_args(host: &Host, opts: &SshOptions, argv: &[String]) -> Vec<OsString> {
    let mut a: Vec<OsString> = Vec::new();
    let mut o = |k: &str, v: &str| {
        a.push("-o".into());
        a.push(format!("{}={}", k, v).into());
    };
    o("BatchMode", "yes");
    o("ConnectTimeout", &opts.connect_timeout.as_secs().max(1).to_string());
    o(
        "StrictHostKeyChecking",
        match opts.strict_host_keys {
            StrictHostKeys::Yes => "yes",
            StrictHostKeys::AcceptNew => "accept-new",
        },
    );
    for (k, v) in &opts.extra {
        o(k, v);
    }
    if let Some(i) = &opts.identity {
        a.push("-i".into());
        a.push(i.clone().into_os_string());
    }
    if let Some(j) = &opts.jump {
        a.push("-J".into());
        a.push(j.into());
    }
    if let Some(p) = host.port {
        a.push("-p".into());
        a.push(p.to_string().into());
    }
    if let Some(u) = &host.user {
        a.push("-l".into());
        a.push(u.into());
    }
    a.push(if opts.tty { "-tt" } else { "-T" }.into());
    a.push("--".into());
    a.push(host.name.clone().into());
    a.push(remote_command(argv).into());
    a
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_hosts() {
        assert_eq!(Host::parse("web1.example.com").unwrap().name, "web1.example.com");
        let h = Host::parse("deploy@db.example.com:2222").unwrap();
        assert_eq!((h.user.as_deref(), h.port), (Some("deploy"), Some(2222)));
        assert!(Host::parse("-oProxyCommand=x").is_err());
        assert!(Host::parse("@host").is_err());
    }

    #[test]
    fn quoting() {
        assert_eq!(sh_quote("uptime"), "uptime");
        assert_eq!(sh_quote("it's"), "'it'\\''s'");
        assert_eq!(remote_command(&["echo".into(), "a b".into()]), "echo 'a b'");
    }

    #[test]
    fn args_end_with_host_and_command() {
        let h = Host::parse("web1.example.com").unwrap();
        let a = ssh_args(&h, &SshOptions::default(), &["uptime".into()]);
        let n = a.len();
        assert_eq!(a[n - 3], "--");
        assert_eq!(a[n - 2], "web1.example.com");
        assert_eq!(a[n - 1], "uptime");
        assert!(a.iter().any(|x| x == "BatchMode=yes"));
    }
}
