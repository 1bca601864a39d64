//! Environment detection for CLI output defaults.

use std::io::IsTerminal;

mod ci;
mod container;

pub use ci::Ci;
pub use container::Container;

#[derive(Debug, Clone)]
pub struct Env {
    pub ci: Option<Ci>,
    pub container: Option<Container>,
    pub wsl: bool,
    pub stdout_tty: bool,
    pub stderr_tty: bool,
    pub interactive: bool,
    no_color: bool,
    force_color: bool,
    term: Option<String>,
    colorterm: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorLevel {
    None,
    Basic,
    Ansi256,
    TrueColor,
}

pub fn detect() -> Env {
    let stdout_tty = std::io::stdout().is_terminal();
    let stderr_tty = std::io::stderr().is_terminal();
    let ci = ci::detect();
    Env {
        interactive: stdout_tty && std::io::stdin().is_terminal() && ci.is_none(),
        ci,
        container: container::detect(),
        wsl: is_wsl(),
        stdout_tty,
        stderr_tty,
        no_color: std::env::var_os("NO_COLOR").map(|v| !v.is_empty()).unwrap_or(false),
        force_color: std::env::var("CLICOLOR_FORCE").map(|v| v != "0").unwrap_or(false),
        term: std::env::var("TERM").ok(),
        colorterm: std::env::var("COLORTERM").ok(),
    }
}

impl Env {
    pub fn color_level(&self) -> ColorLevel {
        if self.no_color {
            return ColorLevel::None;
        }
        if !self.stdout_tty && !self.force_color {
            // most CI log viewers render ANSI colours even without a tty
            return match self.ci {
                Some(c) if c.renders_ansi() => ColorLevel::Basic,
                _ => ColorLevel::None,
            };
        }
        if self.term.as_deref() == Some("dumb") {
            return ColorLevel::None;
        }
        match self.colorterm.as_deref() {
            Some("truecolor") | Some("24bit") => return ColorLevel::TrueColor,
            _ => {}
        }
        if self.term.as_deref().map(|t| t.contains("256")).unwrap_or(false) {
            ColorLevel::Ansi256
        } else {
            ColorLevel::Basic
        }
    }

    /// Progress bars are pointless in CI logs and in non-interactive pipes.
    pub fn wants_progress(&self) -> bool {
        self.stderr_tty && self.ci.is_none()
    }
}

fn is_wsl() -> bool {
    if std::env::var_os("WSL_DISTRO_NAME").is_some() {
        return true;
    }
    std::fs::read_to_string("/proc/sys/kernel/osrelease")
        .map(|s| s.to_lowercase().contains("microsoft"))
        .unwrap_or(false)
}
