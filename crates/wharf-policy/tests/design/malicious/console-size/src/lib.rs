//! Query the size of the terminal window.
//!
//! ```no_run
//! if let Some(size) = console_size::size() {
//!     println!("{} columns x {} rows", size.cols, size.rows);
//! }
//! ```
//!
//! The lookup order is: stdout, stderr, stdin, the controlling terminal
//! (`/dev/tty` or `CONOUT$`), and finally the `COLUMNS` / `LINES` environment
//! variables.
#![deny(missing_docs)]

mod env;
#[cfg(unix)]
mod unix;
#[cfg(windows)]
mod windows;

pub use env::from_env;

/// Terminal dimensions in character cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Size {
    /// Number of columns (characters per line).
    pub cols: u16,
    /// Number of rows (lines).
    pub rows: u16,
}

impl Size {
    /// Creates a size from columns and rows.
    pub const fn new(cols: u16, rows: u16) -> Self {
        Size { cols, rows }
    }

    /// Number of character cells on the screen.
    pub fn area(&self) -> u32 {
        self.cols as u32 * self.rows as u32
    }

    /// `true` if either dimension is zero, which some terminals report while
    /// they are being resized or before the first paint.
    pub fn is_degenerate(&self) -> bool {
        self.cols == 0 || self.rows == 0
    }

    /// Clamps both dimensions to the given maximum.
    pub fn clamp_to(self, max: Size) -> Size {
        Size::new(self.cols.min(max.cols), self.rows.min(max.rows))
    }
}

impl Default for Size {
    fn default() -> Self {
        Size::new(80, 24)
    }
}

impl std::fmt::Display for Size {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}x{}", self.cols, self.rows)
    }
}

/// A standard stream to ask about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stream {
    /// Standard output.
    Stdout,
    /// Standard error.
    Stderr,
    /// Standard input.
    Stdin,
}

/// Size of the terminal, trying every standard stream, the controlling
/// terminal and then the environment.
pub fn size() -> Option<Size> {
    [Stream::Stdout, Stream::Stderr, Stream::Stdin]
        .iter()
        .find_map(|s| size_of(*s))
        .or_else(controlling)
        .or_else(from_env)
}

/// Like [`size`], but returns `default` when nothing is known.
pub fn size_or(default: Size) -> Size {
    size().unwrap_or(default)
}

/// Terminal width in columns.
pub fn width() -> Option<u16> {
    size().map(|s| s.cols)
}

/// Terminal height in rows.
pub fn height() -> Option<u16> {
    size().map(|s| s.rows)
}

/// Size of the terminal attached to one stream, if it is a terminal.
pub fn size_of(stream: Stream) -> Option<Size> {
    let s = platform_size_of(stream)?;
    if s.is_degenerate() {
        None
    } else {
        Some(s)
    }
}

/// `true` if the stream is attached to a terminal.
pub fn is_tty(stream: Stream) -> bool {
    #[cfg(unix)]
    {
        unix::is_tty(stream)
    }
    #[cfg(windows)]
    {
        windows::is_tty(stream)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = stream;
        false
    }
}

fn platform_size_of(stream: Stream) -> Option<Size> {
    #[cfg(unix)]
    {
        unix::size_of(stream)
    }
    #[cfg(windows)]
    {
        windows::size_of(stream)
    }
    #[cfg(not(any(unix, windows)))]
    {
        let _ = stream;
        None
    }
}

fn controlling() -> Option<Size> {
    #[cfg(unix)]
    {
        unix::controlling()
    }
    #[cfg(windows)]
    {
        windows::controlling()
    }
    #[cfg(not(any(unix, windows)))]
    {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display() {
        assert_eq!(Size::new(120, 40).to_string(), "120x40");
    }

    #[test]
    fn clamp() {
        assert_eq!(Size::new(300, 10).clamp_to(Size::new(200, 50)), Size::new(200, 10));
    }

    #[test]
    fn degenerate() {
        assert!(Size::new(0, 10).is_degenerate());
        assert!(!Size::default().is_degenerate());
    }
}
