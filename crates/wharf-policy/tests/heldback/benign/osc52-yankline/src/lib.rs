//! Copy to (and, where a local tool exists, paste from) the user's clipboard
//! from a terminal application.
//!
//! ```no_run
//! use osc52_yankline::{Yank, Target};
//! let y = Yank::detect();
//! y.copy("some text", Target::Clipboard)?;
//! # Ok::<(), osc52_yankline::YankError>(())
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod command;
pub mod osc52;

use std::io::Write;

pub use command::Tool;
pub use osc52::Passthrough;

/// Which selection to operate on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Target {
    /// The regular Ctrl-C / Ctrl-V clipboard.
    #[default]
    Clipboard,
    /// The X11/Wayland "primary" (middle-click) selection.
    Primary,
}

/// Errors from copying or pasting.
#[derive(Debug, thiserror::Error)]
pub enum YankError {
    /// The clipboard program could not be started.
    #[error("could not start `{0}`: {1}")]
    Spawn(&'static str, #[source] std::io::Error),
    /// The clipboard program exited with an error.
    #[error("`{0}` exited with status {1:?}")]
    ToolFailed(&'static str, Option<i32>),
    /// The clipboard contents were not UTF-8.
    #[error("clipboard does not contain UTF-8 text")]
    NotText,
    /// OSC 52 payload larger than the configured limit.
    #[error("text is {0} bytes, larger than the OSC 52 limit of {1}")]
    TooLarge(usize, usize),
    /// OSC 52 cannot read the clipboard back without terminal raw mode.
    #[error("reading the clipboard is not supported over OSC 52")]
    PasteUnsupported,
    /// I/O error talking to the tool or the terminal.
    #[error(transparent)]
    Io(#[from] std::io::Error),
}

/// How text reaches the clipboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    /// A local clipboard program.
    Tool(Tool),
    /// OSC 52 escape sequence to the controlling terminal.
    Osc52 {
        /// tmux / screen wrapping.
        passthrough: Passthrough,
        /// Refuse payloads larger than this many bytes.
        max_bytes: usize,
    },
}

/// A configured clipboard writer.
#[derive(Debug, Clone, Copy)]
pub struct Yank {
    backend: Backend,
}

impl Yank {
    /// Use a specific backend.
    pub fn with_backend(backend: Backend) -> Self {
        Yank { backend }
    }

    /// Always use OSC 52 (useful over SSH, where local tools would talk to
    /// the *remote* machine's clipboard, if any).
    pub fn osc52() -> Self {
        Yank {
            backend: Backend::Osc52 {
                passthrough: Passthrough::from_env(),
                max_bytes: osc52::DEFAULT_MAX_BYTES,
            },
        }
    }

    /// Pick a backend from the environment. See the crate README for order.
    pub fn detect() -> Self {
        if let Ok(forced) = std::env::var("YANKLINE_BACKEND") {
            if let Some(y) = Self::from_name(&forced) {
                return y;
            }
        }
        // Over SSH the local tools (if installed at all) belong to the wrong
        // machine; the terminal on the user's desk is the one that matters.
        let over_ssh = std::env::var_os("SSH_CONNECTION").is_some()
            || std::env::var_os("SSH_TTY").is_some();
        if !over_ssh {
            if let Some(tool) = detect_tool() {
                return Yank { backend: Backend::Tool(tool) };
            }
        }
        Self::osc52()
    }

    fn from_name(name: &str) -> Option<Self> {
        let tool = match name.to_ascii_lowercase().as_str() {
            "osc52" => return Some(Self::osc52()),
            "wl" | "wayland" => Tool::Wayland,
            "xclip" => Tool::Xclip,
            "xsel" => Tool::Xsel,
            "pbcopy" | "macos" => Tool::Pasteboard,
            "windows" | "clip" => Tool::Windows,
            _ => return None,
        };
        Some(Yank { backend: Backend::Tool(tool) })
    }

    /// The backend in use.
    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Place `text` on the clipboard.
    pub fn copy(&self, text: &str, target: Target) -> Result<(), YankError> {
        match self.backend {
            Backend::Tool(t) => command::copy(t, text, target),
            Backend::Osc52 { passthrough, max_bytes } => {
                if text.len() > max_bytes {
                    return Err(YankError::TooLarge(text.len(), max_bytes));
                }
                let seq = osc52::wrap(&osc52::set_sequence(text, target), passthrough);
                write_tty(&seq)
            }
        }
    }

    /// Read the clipboard. Only supported with a local tool.
    pub fn paste(&self, target: Target) -> Result<String, YankError> {
        match self.backend {
            Backend::Tool(t) => command::paste(t, target),
            Backend::Osc52 { .. } => Err(YankError::PasteUnsupported),
        }
    }

    /// Empty the clipboard (e.g. after the user cancels a "copy" action).
    pub fn clear(&self, target: Target) -> Result<(), YankError> {
        match self.backend {
            Backend::Tool(t) => command::clear(t, target),
            Backend::Osc52 { passthrough, .. } => {
                write_tty(&osc52::wrap(&osc52::clear_sequence(target), passthrough))
            }
        }
    }
}

fn detect_tool() -> Option<Tool> {
    let has = |p: &str| command::which(p).is_some();
    if std::env::var_os("WAYLAND_DISPLAY").is_some() && has("wl-copy") {
        return Some(Tool::Wayland);
    }
    if std::env::var_os("DISPLAY").is_some() {
        if has("xclip") {
            return Some(Tool::Xclip);
        }
        if has("xsel") {
            return Some(Tool::Xsel);
        }
    }
    if cfg!(target_os = "macos") && has("pbcopy") {
        return Some(Tool::Pasteboard);
    }
    let wsl = std::env::var_os("WSL_DISTRO_NAME").is_some();
    if (cfg!(windows) || wsl) && has("clip.exe") {
        return Some(Tool::Windows);
    }
    None
}

fn write_tty(seq: &str) -> Result<(), YankError> {
    let mut tty = osc52::open_tty()?;
    tty.write_all(seq.as_bytes())?;
    tty.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_backends() {
        assert_eq!(
            Yank::from_name("xsel").unwrap().backend(),
            Backend::Tool(Tool::Xsel)
        );
        assert!(matches!(
            Yank::from_name("OSC52").unwrap().backend(),
            Backend::Osc52 { .. }
        ));
        assert!(Yank::from_name("nonsense").is_none());
    }

    #[test]
    fn osc52_refuses_oversize() {
        let y = Yank::with_backend(Backend::Osc52 {
            passthrough: Passthrough::None,
            max_bytes: 4,
        });
        assert!(matches!(
            y.copy("too long", Target::Clipboard),
            Err(YankError::TooLarge(8, 4))
        ));
    }

    #[test]
    fn osc52_cannot_paste() {
        assert!(matches!(
            Yank::osc52().paste(Target::Clipboard),
            Err(YankError::PasteUnsupported)
        ));
    }
}
