//! Shell-like expansion for configuration values and paths.
//!
//! ```
//! # fn main() -> Result<(), shexpand::Error> {
//! std::env::set_var("PROJECT", "demo");
//! let p = shexpand::expand("/srv/${PROJECT:-scratch}/out")?;
//! assert_eq!(p, "/srv/demo/out");
//! # Ok(()) }
//! ```
//!
//! See the README for the full syntax table. Everything is expanded in a
//! single left-to-right pass; words inside `${…}` operators are expanded
//! recursively.

#![forbid(unsafe_code)]

mod dirs;
mod home;
mod parse;
mod subst;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

pub use dirs::{user_dir, UserDir};
pub use home::{home_dir, user_home};

use parse::{Op, Token};

/// Errors reported by the expanders.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// `${VAR:?message}` or strict mode hit an unset variable.
    Unset { name: String, message: String },
    /// Malformed input (unbalanced braces, bad variable name, …).
    Syntax { pos: usize, reason: &'static str },
    /// `~` was used but no home directory could be determined.
    NoHome,
    /// `~user` named a user that does not exist.
    UnknownUser(String),
    /// `~{name}` named an unknown user directory.
    UnknownDir(String),
    /// `$(…)` failed or timed out.
    Substitution(String),
    /// `$(…)` was used while command substitution is disabled.
    SubstitutionDisabled,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Unset { name, message } if message.is_empty() => {
                write!(f, "{name}: parameter null or not set")
            }
            Error::Unset { name, message } => write!(f, "{name}: {message}"),
            Error::Syntax { pos, reason } => write!(f, "syntax error at byte {pos}: {reason}"),
            Error::NoHome => f.write_str("cannot determine home directory"),
            Error::UnknownUser(u) => write!(f, "no such user: {u}"),
            Error::UnknownDir(d) => write!(f, "unknown user directory: {d}"),
            Error::Substitution(m) => write!(f, "command substitution failed: {m}"),
            Error::SubstitutionDisabled => f.write_str("command substitution is disabled"),
        }
    }
}

impl std::error::Error for Error {}

/// Where variable values and home directories come from.
pub trait Context {
    /// Value of `name`, or `None` when unset.
    fn var(&self, name: &str) -> Option<String>;

    /// Home directory of the current user.
    fn home(&self) -> Option<PathBuf> {
        home::home_dir()
    }

    /// Home directory of `user`.
    fn user_home(&self, user: &str) -> Option<PathBuf> {
        home::user_home(user)
    }
}

/// The process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct Env;

impl Context for Env {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }
}

impl Context for HashMap<String, String> {
    fn var(&self, name: &str) -> Option<String> {
        self.get(name).cloned()
    }
}

impl Context for HashMap<&str, &str> {
    fn var(&self, name: &str) -> Option<String> {
        self.get(name).map(|s| s.to_string())
    }
}

/// Adapts a closure into a [`Context`].
pub struct FnContext<F>(pub F);

impl<F> Context for FnContext<F>
where
    F: Fn(&str) -> Option<String>,
{
    fn var(&self, name: &str) -> Option<String> {
        (self.0)(name)
    }
}

/// Falls back to a second context for anything the first does not define.
pub struct Layered<'a, A: ?Sized, B: ?Sized>(pub &'a A, pub &'a B);

impl<A: Context + ?Sized, B: Context + ?Sized> Context for Layered<'_, A, B> {
    fn var(&self, name: &str) -> Option<String> {
        self.0.var(name).or_else(|| self.1.var(name))
    }
    fn home(&self) -> Option<PathBuf> {
        self.0.home().or_else(|| self.1.home())
    }
}

/// Expansion switches.
#[derive(Debug, Clone)]
pub struct Options {
    /// Expand `~` and `~user`.
    pub tilde: bool,
    /// Expand `~{desktop}` style user directories.
    pub user_dirs: bool,
    /// Allow `$(cmd)`. Off by default; only enable for trusted input.
    pub command_substitution: bool,
    /// Timeout for a single `$(cmd)`.
    pub substitution_timeout: Duration,
    /// Treat a plain `$VAR` that is unset as an error instead of "".
    pub strict: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tilde: true,
            user_dirs: true,
            command_substitution: false,
            substitution_timeout: Duration::from_secs(10),
            strict: false,
        }
    }
}

/// Expands `input` against the process environment with default options.
pub fn expand(input: &str) -> Result<Cow<'_, str>, Error> {
    expand_with(input, &Env, &Options::default())
}

/// Expands only variables, leaving tildes alone.
pub fn env_only(input: &str) -> Result<Cow<'_, str>, Error> {
    let opts = Options { tilde: false, user_dirs: false, ..Options::default() };
    expand_with(input, &Env, &opts)
}

/// Expands a path, returning a `PathBuf`.
pub fn expand_path<P: AsRef<Path>>(p: P) -> Result<PathBuf, Error> {
    let s = p.as_ref().to_string_lossy();
    Ok(PathBuf::from(expand(&s)?.into_owned()))
}

/// Expands `input` against `ctx`.
pub fn expand_with<'a, C: Context + ?Sized>(
    input: &'a str,
    ctx: &C,
    opts: &Options,
) -> Result<Cow<'a, str>, Error> {
    if !input.contains(['$', '~', '\\']) {
        return Ok(Cow::Borrowed(input));
    }
    let tokens = parse::tokenize(input, opts.tilde)?;
    if let [Token::Lit(s)] = tokens.as_slice() {
        if s.len() == input.len() {
            return Ok(Cow::Borrowed(input));
        }
    }
    let mut out = String::with_capacity(input.len() + 16);
    for tok in tokens {
        eval(&tok, ctx, opts, &mut out)?;
    }
    Ok(Cow::Owned(out))
}

fn eval<C: Context + ?Sized>(
    tok: &Token<'_>,
    ctx: &C,
    opts: &Options,
    out: &mut String,
) -> Result<(), Error> {
    match tok {
        Token::Lit(s) => out.push_str(s),
        Token::Escaped(c) => out.push(*c),
        Token::Tilde { user: "" } => {
            if opts.user_dirs {
                dirs::prime();
            }
            let h = ctx.home().ok_or(Error::NoHome)?;
            out.push_str(&h.to_string_lossy());
        }
        Token::Tilde { user } => {
            let h = ctx
                .user_home(user)
                .ok_or_else(|| Error::UnknownUser(user.to_string()))?;
            out.push_str(&h.to_string_lossy());
        }
        Token::Named(name) => {
            if !opts.user_dirs {
                out.push_str("~{");
                out.push_str(name);
                out.push('}');
                return Ok(());
            }
            let dir = UserDir::from_name(name).ok_or_else(|| Error::UnknownDir(name.to_string()))?;
            let p = dirs::resolve(dir, ctx).ok_or(Error::NoHome)?;
            out.push_str(&p.to_string_lossy());
        }
        Token::Var { name, op, word } => {
            let val = ctx.var(name);
            let set = val.is_some();
            let nonempty = val.as_deref().map_or(false, |v| !v.is_empty());
            match op {
                Op::Plain => match val {
                    Some(v) => out.push_str(&v),
                    None if opts.strict => {
                        return Err(Error::Unset { name: name.to_string(), message: String::new() })
                    }
                    None => {}
                },
                Op::Length => {
                    let n = val.map_or(0, |v| v.chars().count());
                    out.push_str(&n.to_string());
                }
                Op::Default { colon } => {
                    let use_word = if *colon { !nonempty } else { !set };
                    if use_word {
                        out.push_str(&expand_with(word, ctx, opts)?);
                    } else if let Some(v) = val {
                        out.push_str(&v);
                    }
                }
                Op::Alt { colon } => {
                    let use_word = if *colon { nonempty } else { set };
                    if use_word {
                        out.push_str(&expand_with(word, ctx, opts)?);
                    }
                }
                Op::Require { colon } => {
                    let ok = if *colon { nonempty } else { set };
                    if !ok {
                        let message = expand_with(word, ctx, opts)?.into_owned();
                        return Err(Error::Unset { name: name.to_string(), message });
                    }
                    out.push_str(val.as_deref().unwrap_or(""));
                }
            }
        }
        Token::Subst(cmd) => {
            if !opts.command_substitution {
                return Err(Error::SubstitutionDisabled);
            }
            let cmd = expand_with(cmd, ctx, opts)?;
            out.push_str(&subst::capture(&cmd, opts.substitution_timeout)?);
        }
    }
    Ok(())
}

/// Collapses `a/./b`, `a//b` and `a/x/../b` lexically (no filesystem access).
pub fn normalize(p: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}
