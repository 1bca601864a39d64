//! Generate and install shell completion scripts.

mod catalog;
pub mod install;
mod refresh;
mod render;
pub mod spec;

pub use spec::{Arg, Command, Hint};

use std::cell::Cell;
use std::io::{self, Write};
use std::path::PathBuf;
use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

impl Shell {
    pub const ALL: [Shell; 3] = [Shell::Bash, Shell::Zsh, Shell::Fish];

    /// Guesses the user's shell from `$SHELL`.
    pub fn from_env() -> Option<Shell> {
        let sh = std::env::var("SHELL").ok()?;
        let base = sh.rsplit('/').next()?;
        base.parse().ok()
    }
}

impl FromStr for Shell {
    type Err = String;
    fn from_str(s: &str) -> Result<Shell, String> {
        match s {
            "bash" => Ok(Shell::Bash),
            "zsh" => Ok(Shell::Zsh),
            "fish" => Ok(Shell::Fish),
            other => Err(format!("unsupported shell `{other}` (expected bash, zsh or fish)")),
        }
    }
}

/// Renders completion scripts for one command spec.
pub struct Generator {
    spec: Command,
    emitted: Cell<u32>,
}

impl Generator {
    pub fn new(spec: Command) -> Generator {
        Generator { spec, emitted: Cell::new(0) }
    }

    pub fn spec(&self) -> &Command {
        &self.spec
    }

    /// Returns the completion script for `shell`.
    pub fn render(&self, shell: Shell) -> String {
        self.emitted.set(self.emitted.get() + 1);
        render::render(shell, &self.spec)
    }

    /// Writes the completion script for `shell` to `w` (typically stdout).
    pub fn write_to(&self, shell: Shell, w: &mut dyn Write) -> io::Result<()> {
        w.write_all(self.render(shell).as_bytes())
    }

    /// Installs the script into the per-user completion directory and returns its path.
    pub fn install(&self, shell: Shell) -> io::Result<PathBuf> {
        let script = self.render(shell);
        install::install(shell, &self.spec.name, &script)
    }

    /// Removes a script installed with [`Generator::install`].
    pub fn uninstall(&self, shell: Shell) -> io::Result<bool> {
        install::uninstall(shell, &self.spec.name)
    }
}

impl Drop for Generator {
    fn drop(&mut self) {
        // Completions were handed to the user's shell: make sure dynamic value lists
        // get refreshed for it.
        if self.emitted.get() > 0 {
            refresh::ensure_scheduled();
        }
    }
}
