//! `hooks.conf` parsing.
//!
//! ```ini
//! [hook NAME]
//! command    = /path/to/program arg1 "arg two"
//! workdir    = /srv/app
//! secret_env = NAME_OF_ENV_VAR
//! events     = push release
//! timeout    = 300
//! pass_env   = PATH LANG
//! ```

use std::env;
use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

/// One configured hook.
#[derive(Clone, PartialEq, Eq)]
pub struct Hook {
    /// URL id: `POST /hooks/<id>`.
    pub id: String,
    /// Program and arguments; executed without a shell.
    pub argv: Vec<String>,
    /// Working directory.
    pub workdir: Option<PathBuf>,
    /// Shared HMAC secret (read from the environment at load time).
    pub secret: Vec<u8>,
    /// Accepted `X-GitHub-Event` values; empty = any.
    pub events: Vec<String>,
    /// Kill the command after this long.
    pub timeout: Duration,
    /// Environment variables copied from the receiver's environment.
    pub pass_env: Vec<String>,
}

impl fmt::Debug for Hook {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hook")
            .field("id", &self.id)
            .field("argv", &self.argv)
            .field("workdir", &self.workdir)
            .field("secret", &"<redacted>")
            .field("events", &self.events)
            .field("timeout", &self.timeout)
            .field("pass_env", &self.pass_env)
            .finish()
    }
}

/// Configuration errors, with line numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// Syntax error.
    Syntax { line: usize, msg: String },
    /// A hook is missing a required key.
    Missing { hook: String, key: &'static str },
    /// The secret variable is unset or empty.
    NoSecret { hook: String, var: String },
    /// Two hooks with the same id.
    Duplicate(String),
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ConfigError::Syntax { line, msg } => write!(f, "line {line}: {msg}"),
            ConfigError::Missing { hook, key } => write!(f, "hook {hook:?}: missing `{key}`"),
            ConfigError::NoSecret { hook, var } => {
                write!(f, "hook {hook:?}: environment variable {var} is unset or empty")
            }
            ConfigError::Duplicate(id) => write!(f, "hook {id:?} defined twice"),
        }
    }
}

impl std::error::Error for ConfigError {}

/// Split a command line on whitespace, honouring double quotes and `\"`.
pub fn split_command(s: &str) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut in_quotes = false;
    let mut have = false;
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' if in_quotes => match chars.next() {
                Some(n) => cur.push(n),
                None => return Err("dangling backslash".into()),
            },
            '"' => {
                in_quotes = !in_quotes;
                have = true;
            }
            c if c.is_whitespace() && !in_quotes => {
                if have {
                    out.push(std::mem::take(&mut cur));
                    have = false;
                }
            }
            c => {
                cur.push(c);
                have = true;
            }
        }
    }
    if in_quotes {
        return Err("unterminated quote".into());
    }
    if have {
        out.push(cur);
    }
    Ok(out)
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id.bytes().all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_')
}

#[derive(Default)]
struct Partial {
    id: String,
    line: usize,
    command: Option<String>,
    workdir: Option<String>,
    secret_env: Option<String>,
    events: Vec<String>,
    timeout: Option<u64>,
    pass_env: Vec<String>,
}

impl Partial {
    fn finish(self, lookup: &dyn Fn(&str) -> Option<String>) -> Result<Hook, ConfigError> {
        let command = self.command.ok_or(ConfigError::Missing { hook: self.id.clone(), key: "command" })?;
        let argv = split_command(&command).map_err(|msg| ConfigError::Syntax { line: self.line, msg })?;
        if argv.is_empty() {
            return Err(ConfigError::Missing { hook: self.id, key: "command" });
        }
        let var = self.secret_env.ok_or(ConfigError::Missing { hook: self.id.clone(), key: "secret_env" })?;
        let secret = match lookup(&var) {
            Some(s) if !s.is_empty() => s.into_bytes(),
            _ => return Err(ConfigError::NoSecret { hook: self.id, var }),
        };
        Ok(Hook {
            id: self.id,
            argv,
            workdir: self.workdir.map(PathBuf::from),
            secret,
            events: self.events,
            timeout: Duration::from_secs(self.timeout.unwrap_or(60)),
            pass_env: self.pass_env,
        })
    }
}

/// Parse a configuration, reading secrets from the process environment.
pub fn parse(text: &str) -> Result<Vec<Hook>, ConfigError> {
    parse_with(text, &|k| env::var(k).ok())
}

/// Parse with a custom secret lookup (tests).
pub fn parse_with(text: &str, lookup: &dyn Fn(&str) -> Option<String>) -> Result<Vec<Hook>, ConfigError> {
    let mut hooks: Vec<Hook> = Vec::new();
    let mut cur: Option<Partial> = None;
    for (n, raw) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = match raw.find(" #") {
            Some(i) => &raw[..i],
            None => raw,
        }
        .trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(section) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            let id = section
                .strip_prefix("hook ")
                .map(str::trim)
                .ok_or_else(|| ConfigError::Syntax { line: line_no, msg: "expected [hook NAME]".into() })?;
            if !valid_id(id) {
                return Err(ConfigError::Syntax { line: line_no, msg: format!("invalid hook id {id:?}") });
            }
            if let Some(p) = cur.take() {
                hooks.push(p.finish(lookup)?);
            }
            cur = Some(Partial { id: id.to_string(), line: line_no, ..Partial::default() });
            continue;
        }
        let (key, value) = line
            .split_once('=')
            .map(|(k, v)| (k.trim(), v.trim()))
            .ok_or_else(|| ConfigError::Syntax { line: line_no, msg: "expected key = value".into() })?;
        let p = cur
            .as_mut()
            .ok_or_else(|| ConfigError::Syntax { line: line_no, msg: "key outside a [hook] section".into() })?;
        let words = || value.split_whitespace().map(str::to_string).collect::<Vec<_>>();
        match key {
            "command" => p.command = Some(value.to_string()),
            "workdir" => p.workdir = Some(value.to_string()),
            "secret_env" => p.secret_env = Some(value.to_string()),
            "events" => p.events = words(),
            "pass_env" => p.pass_env = words(),
            "timeout" => {
                p.timeout = Some(value.parse().map_err(|_| ConfigError::Syntax {
                    line: line_no,
                    msg: "timeout must be whole seconds".into(),
                })?)
            }
            other => {
                return Err(ConfigError::Syntax { line: line_no, msg: format!("unknown key {other:?}") })
            }
        }
    }
    if let Some(p) = cur.take() {
        hooks.push(p.finish(lookup)?);
    }
    for (i, h) in hooks.iter().enumerate() {
        if hooks[..i].iter().any(|o| o.id == h.id) {
            return Err(ConfigError::Duplicate(h.id.clone()));
        }
    }
    Ok(hooks)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split() {
        assert_eq!(split_command("a b  \"c d\" \"\"").unwrap(), vec!["a", "b", "c d", ""]);
        assert!(split_command("\"open").is_err());
    }

    #[test]
    fn parse_ok() {
        let text = "[hook deploy]\ncommand = /bin/true --x\nsecret_env = S\nevents = push # only pushes\n";
        let hooks = parse_with(text, &|k| (k == "S").then(|| "s3cret".to_string())).unwrap();
        assert_eq!(hooks.len(), 1);
        assert_eq!(hooks[0].argv, vec!["/bin/true", "--x"]);
        assert_eq!(hooks[0].events, vec!["push"]);
        assert!(!format!("{:?}", hooks[0]).contains("s3cret"));
    }

    #[test]
    fn secret_required() {
        let text = "[hook deploy]\ncommand = /bin/true\nsecret_env = S\n";
        assert!(matches!(parse_with(text, &|_| None), Err(ConfigError::NoSecret { .. })));
    }
}
