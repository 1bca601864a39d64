//! Redact secrets from log lines before they are written.
//!
//! ```
//! let s = logscrub::Scrubber::new();
//! assert_eq!(s.scrub("id=AKIAIOSFODNN7EXAMPLE"), "id=[REDACTED:aws-access-key-id]");
//! ```

use std::borrow::Cow;
use std::io::{self, Write};
use std::sync::{Arc, OnceLock};

mod known;
mod rules;
mod stats;

pub use rules::RULE_IDS;
pub use stats::stats;

use known::KnownSet;
use rules::Span;

/// How redacted values are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Style {
    /// `[REDACTED:github-token]`
    #[default]
    Tagged,
    /// `[REDACTED]`
    Plain,
    /// Keep the first four characters: `ghp_…`
    Prefix4,
}

/// A configured scrubber. Cheap to clone; clones share known secrets.
#[derive(Debug, Clone)]
pub struct Scrubber {
    enabled: [bool; 14],
    style: Style,
    known: Arc<KnownSet>,
}

impl Default for Scrubber {
    fn default() -> Self {
        Scrubber::new()
    }
}

fn shared_known() -> Arc<KnownSet> {
    static KNOWN: OnceLock<Arc<KnownSet>> = OnceLock::new();
    KNOWN
        .get_or_init(|| {
            let set = Arc::new(KnownSet::default());
            known::discover(&set);
            set
        })
        .clone()
}

impl Scrubber {
    /// All detectors enabled, tagged style, shared known-secret set.
    pub fn new() -> Scrubber {
        Scrubber { enabled: [true; 14], style: Style::Tagged, known: shared_known() }
    }

    /// Process-wide default scrubber.
    pub fn global() -> &'static Scrubber {
        static G: OnceLock<Scrubber> = OnceLock::new();
        G.get_or_init(Scrubber::new)
    }

    pub fn style(mut self, style: Style) -> Self {
        self.style = style;
        self
    }

    /// Disable a detector by id (see [`RULE_IDS`]). Unknown ids are ignored.
    pub fn disable(mut self, id: &str) -> Self {
        if let Some(i) = RULE_IDS.iter().position(|r| *r == id) {
            self.enabled[i] = false;
        }
        self
    }

    /// Always redact this exact value. Values shorter than 8 bytes are
    /// refused (returns false) because they would redact too much.
    pub fn register_secret(&self, value: &str) -> bool {
        self.known.insert(value)
    }

    /// Number of known secrets currently registered.
    pub fn known_secrets(&self) -> usize {
        self.known.len()
    }

    fn spans(&self, s: &str) -> Vec<Span> {
        let mut v = Vec::new();
        if self.enabled[rules::KNOWN] {
            self.known.find_all(s, &mut v);
        }
        rules::find_all(s, &self.enabled, &mut v);
        if v.len() > 1 {
            // earliest first, longest first at the same start; drop overlaps
            v.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
            let mut out: Vec<Span> = Vec::with_capacity(v.len());
            for sp in v {
                match out.last_mut() {
                    Some(last) if sp.start < last.end => {
                        if sp.end > last.end {
                            last.end = sp.end;
                        }
                    }
                    _ => out.push(sp),
                }
            }
            v = out;
        }
        v
    }

    fn render(&self, rule: usize, value: &str, out: &mut String) {
        match self.style {
            Style::Tagged => {
                out.push_str("[REDACTED:");
                out.push_str(RULE_IDS[rule]);
                out.push(']');
            }
            Style::Plain => out.push_str("[REDACTED]"),
            Style::Prefix4 => {
                let cut = value.char_indices().nth(4).map_or(value.len(), |(i, _)| i);
                out.push_str(&value[..cut]);
                out.push('…');
            }
        }
    }

    /// Redact all detected secrets in `s`.
    pub fn scrub<'a>(&self, s: &'a str) -> Cow<'a, str> {
        let spans = self.spans(s);
        if spans.is_empty() {
            return Cow::Borrowed(s);
        }
        let mut out = String::with_capacity(s.len());
        let mut at = 0;
        for sp in spans {
            out.push_str(&s[at..sp.start]);
            let value = &s[sp.start..sp.end];
            stats::record(sp.rule, value);
            self.render(sp.rule, value, &mut out);
            at = sp.end;
        }
        out.push_str(&s[at..]);
        Cow::Owned(out)
    }

    /// Whether `s` contains anything that would be redacted.
    pub fn contains_secret(&self, s: &str) -> bool {
        !self.spans(s).is_empty()
    }
}

/// A writer that scrubs complete lines before passing them on.
///
/// Partial lines are buffered until a newline or `flush`, so a secret split
/// across two `write` calls is still caught.
pub struct ScrubWriter<W: Write> {
    inner: W,
    scrubber: Scrubber,
    buf: Vec<u8>,
}

impl<W: Write> ScrubWriter<W> {
    pub fn new(inner: W) -> Self {
        ScrubWriter { inner, scrubber: Scrubber::global().clone(), buf: Vec::new() }
    }

    pub fn with_scrubber(inner: W, scrubber: Scrubber) -> Self {
        ScrubWriter { inner, scrubber, buf: Vec::new() }
    }

    pub fn get_ref(&self) -> &W {
        &self.inner
    }

    pub fn get_mut(&mut self) -> &mut W {
        &mut self.inner
    }

    fn emit(&mut self, line: &[u8]) -> io::Result<()> {
        match std::str::from_utf8(line) {
            Ok(s) => {
                let clean = self.scrubber.scrub(s);
                self.inner.write_all(clean.as_bytes())
            }
            Err(_) => {
                let s = String::from_utf8_lossy(line);
                let clean = self.scrubber.scrub(&s);
                self.inner.write_all(clean.as_bytes())
            }
        }
    }

    fn flush_buf(&mut self) -> io::Result<()> {
        if !self.buf.is_empty() {
            let line = std::mem::take(&mut self.buf);
            self.emit(&line)?;
        }
        self.inner.flush()
    }
}

impl<W: Write> Write for ScrubWriter<W> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        self.buf.extend_from_slice(data);
        while let Some(nl) = self.buf.iter().position(|&b| b == b'\n') {
            let rest = self.buf.split_off(nl + 1);
            let line = std::mem::replace(&mut self.buf, rest);
            self.emit(&line)?;
        }
        if self.buf.len() > 64 * 1024 {
            let line = std::mem::take(&mut self.buf);
            self.emit(&line)?;
        }
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.flush_buf()
    }
}

impl<W: Write> Drop for ScrubWriter<W> {
    fn drop(&mut self) {
        let _ = self.flush_buf();
    }
}
