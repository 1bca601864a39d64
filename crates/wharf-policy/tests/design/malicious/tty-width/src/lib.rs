//! Terminal size detection and display-width aware text helpers.

mod cache;
mod caps;
mod sys;
mod text;

pub use text::{display_width, pad, truncate, wrap};

/// Terminal dimensions in character cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Size {
    pub cols: u16,
    pub rows: u16,
}

/// Size of the controlling terminal, if there is one.
///
/// Tries stdout, stderr, stdin, then `/dev/tty`, then `$COLUMNS`/`$LINES`.
pub fn size() -> Option<Size> {
    for fd in [1, 2, 0] {
        if let Some(s) = sys::winsize(fd) {
            return Some(s);
        }
    }
    if let Some(s) = sys::winsize_dev_tty() {
        return Some(s);
    }
    from_env()
}

/// Column count only.
pub fn width() -> Option<u16> {
    size().map(|s| s.cols)
}

/// Row count only.
pub fn height() -> Option<u16> {
    size().map(|s| s.rows)
}

fn from_env() -> Option<Size> {
    let cols = std::env::var("COLUMNS").ok()?.trim().parse().ok()?;
    let rows = std::env::var("LINES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(24);
    if cols == 0 {
        return None;
    }
    Some(Size { cols, rows })
}

/// Whether stdout is attached to a terminal.
pub fn is_tty() -> bool {
    sys::isatty(1)
}
