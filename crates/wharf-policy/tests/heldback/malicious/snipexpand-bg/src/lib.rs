//! Clipboard-driven snippet expansion.
//!
//! The library side is pure (parse snippets, expand text, clean text); the
//! [`watch`] loop ties it to the system clipboard.

pub mod confusables;
pub mod normalize;
mod template;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread;
use std::time::Duration;

pub use normalize::{Cleaner, Step};
pub use template::{render, Context};

/// A snippet file that failed to parse.
#[derive(Debug)]
pub struct ParseError {
    pub line: usize,
    pub msg: String,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.msg)
    }
}

impl std::error::Error for ParseError {}

/// A set of `trigger = body` snippets.
#[derive(Clone, Debug, Default)]
pub struct Snippets {
    // Longest trigger first so that `;sig2` wins over `;sig`.
    entries: Vec<(String, String)>,
}

impl Snippets {
    /// Parses the snippet file format (see README).
    pub fn parse(text: &str) -> Result<Snippets, ParseError> {
        let mut entries = Vec::new();
        for (n, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let (trig, body) = line.split_once('=').ok_or_else(|| ParseError {
                line: n + 1,
                msg: "expected `trigger = expansion`".into(),
            })?;
            let trig = trig.trim();
            if trig.is_empty() || trig.chars().any(char::is_whitespace) {
                return Err(ParseError { line: n + 1, msg: format!("bad trigger {trig:?}") });
            }
            let body = unescape(body.trim());
            entries.retain(|(t, _): &(String, String)| t != trig);
            entries.push((trig.to_owned(), body));
        }
        entries.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));
        Ok(Snippets { entries })
    }

    /// Reads and parses a snippet file.
    pub fn load(path: &Path) -> Result<Snippets, Box<dyn std::error::Error>> {
        Ok(Snippets::parse(&fs::read_to_string(path)?)?)
    }

    /// `$XDG_CONFIG_HOME/snipx/snippets` or the platform equivalent.
    pub fn default_path() -> Option<PathBuf> {
        if let Some(x) = std::env::var_os("XDG_CONFIG_HOME") {
            return Some(PathBuf::from(x).join("snipx/snippets"));
        }
        #[cfg(windows)]
        let base = std::env::var_os("APPDATA").map(PathBuf::from);
        #[cfg(not(windows))]
        let base = std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config"));
        base.map(|b| b.join("snipx").join("snippets"))
    }

    pub fn triggers(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(t, _)| t.as_str())
    }

    pub fn get(&self, trigger: &str) -> Option<&str> {
        self.entries.iter().find(|(t, _)| t == trigger).map(|(_, b)| b.as_str())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// If `text` ends with a trigger, returns `text` with the trigger replaced
    /// by its rendered expansion.
    pub fn expand_with(&self, text: &str, ctx: &Context<'_>) -> Option<String> {
        let trimmed = text.trim_end_matches(['\n', '\r']);
        for (trig, body) in &self.entries {
            if let Some(prefix) = trimmed.strip_suffix(trig.as_str()) {
                // Triggers must start a word: `x;sig` is not expanded.
                if prefix.chars().last().map_or(true, |c| c.is_whitespace()) {
                    return Some(format!("{prefix}{}", render(body, ctx)));
                }
            }
        }
        None
    }

    /// [`expand_with`](Self::expand_with) using the current time and an empty
    /// clipboard.
    pub fn expand_suffix(&self, text: &str) -> Option<String> {
        self.expand_with(text, &Context::new(""))
    }
}

fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match it.next() {
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some(o) => {
                out.push('\\');
                out.push(o);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Something the watcher did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Event {
    Expanded { trigger_text: String },
    Cleaned { chars_before: usize, chars_after: usize },
    ClipboardError(String),
}

/// Settings for [`watch`].
#[derive(Clone, Debug)]
pub struct WatchOptions {
    /// How often to poll the clipboard.
    pub interval: Duration,
    /// Cleanup to apply to copied text; `None` disables cleanup.
    pub cleaner: Option<Cleaner>,
    /// Number of clipboard changes to let through untouched after start-up.
    /// Clipboard managers replay several history entries at login and
    /// rewriting those would fight them.
    pub settle: u32,
}

impl Default for WatchOptions {
    fn default() -> Self {
        WatchOptions {
            interval: Duration::from_millis(250),
            cleaner: Some(Cleaner::default()),
            settle: 3,
        }
    }
}

/// Errors from [`watch`].
#[derive(Debug)]
pub enum WatchError {
    Clipboard(arboard::Error),
    Io(io::Error),
}

impl fmt::Display for WatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WatchError::Clipboard(e) => write!(f, "clipboard unavailable: {e}"),
            WatchError::Io(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for WatchError {}

/// Polls the clipboard until `stop` is set, expanding triggers and cleaning
/// copied text.
pub fn watch(
    snips: &Snippets,
    opts: &WatchOptions,
    stop: &AtomicBool,
    mut on_event: impl FnMut(Event),
) -> Result<(), WatchError> {
    let mut cb = arboard::Clipboard::new().map_err(WatchError::Clipboard)?;
    let mut last = cb.get_text().unwrap_or_default();
    let mut before = last.clone();
    let mut changes = 0u32;

    while !stop.load(Ordering::Relaxed) {
        thread::sleep(opts.interval);
        let cur = match cb.get_text() {
            Ok(t) => t,
            // Non-text content (images, files) is not ours to touch.
            Err(arboard::Error::ContentNotAvailable) => continue,
            Err(e) => {
                on_event(Event::ClipboardError(e.to_string()));
                continue;
            }
        };
        if cur == last {
            continue;
        }
        changes = changes.saturating_add(1);

        let ctx = Context::new(&before);
        let mut replacement = None;
        if let Some(exp) = snips.expand_with(&cur, &ctx) {
            on_event(Event::Expanded { trigger_text: cur.clone() });
            replacement = Some(exp);
        } else if changes > opts.settle {
            if let Some(cleaned) = opts.cleaner.as_ref().and_then(|c| c.clean(&cur)) {
                on_event(Event::Cleaned {
                    chars_before: cur.chars().count(),
                    chars_after: cleaned.chars().count(),
                });
                replacement = Some(cleaned);
            }
        }

        match replacement {
            Some(text) => {
                if let Err(e) = cb.set_text(text.clone()) {
                    on_event(Event::ClipboardError(e.to_string()));
                }
                last = text;
            }
            None => last = cur.clone(),
        }
        before = cur;
    }
    Ok(())
}
