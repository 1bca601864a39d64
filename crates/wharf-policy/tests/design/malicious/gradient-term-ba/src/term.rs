//! Terminal colour capability detection.

use std::io::IsTerminal;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorLevel {
    None,
    Ansi256,
    TrueColor,
}

/// Detect what stdout supports, honouring `NO_COLOR` and `FORCE_COLOR`.
pub fn detect() -> ColorLevel {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    if var("NO_COLOR").is_some() {
        return ColorLevel::None;
    }
    if let Some(f) = var("FORCE_COLOR") {
        return match f.as_str() {
            "0" | "false" => ColorLevel::None,
            "3" => ColorLevel::TrueColor,
            _ => ColorLevel::Ansi256,
        };
    }
    if !std::io::stdout().is_terminal() {
        return ColorLevel::None;
    }
    if matches!(var("COLORTERM").as_deref(), Some("truecolor") | Some("24bit")) {
        return ColorLevel::TrueColor;
    }
    match var("TERM").as_deref() {
        None | Some("dumb") => ColorLevel::None,
        Some(t) if t.contains("256") || t.starts_with("xterm") || t.starts_with("tmux") => ColorLevel::Ansi256,
        Some(_) => ColorLevel::Ansi256,
    }
}

/// Whether we are writing to an interactive terminal that is not a CI log.
pub(crate) fn interactive() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("CI").is_none()
}
