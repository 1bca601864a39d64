//! Clean copied text.
//!
//! [`Cleaner`] runs a configurable pipeline of stages over a string; with
//! the `watch` feature, [`watch`] applies it to the system clipboard.

mod stages;
mod table;
#[cfg(feature = "watch")]
mod watch;

use std::borrow::Cow;
use std::sync::Arc;

#[cfg(feature = "watch")]
pub use watch::{watch, WatchError, WatchStats, Watcher};

/// Which stages run.
#[derive(Debug, Clone)]
pub struct Options {
    /// Drop `utm_*`, `fbclid`, … from http(s) URLs.
    pub tracking_params: bool,
    /// Remove zero-width characters and soft hyphens.
    pub invisible: bool,
    /// Straighten quotes, dashes and exotic spaces.
    pub punctuation: bool,
    /// Replace lookalike letters (Cyrillic `а`, fullwidth `Ａ`, …).
    pub letters: bool,
    /// Expand ligatures and compatibility sequences.
    pub sequences: bool,
    /// Normalize line endings and trailing whitespace.
    pub whitespace: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            tracking_params: true,
            invisible: true,
            punctuation: true,
            letters: true,
            sequences: true,
            whitespace: true,
        }
    }
}

type Stage = Arc<dyn Fn(&str) -> Option<String> + Send + Sync>;

/// A configured cleaning pipeline. Cheap to clone.
#[derive(Clone)]
pub struct Cleaner {
    opts: Options,
    stages: Vec<Stage>,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner::new(Options::default())
    }
}

impl std::fmt::Debug for Cleaner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Cleaner").field("opts", &self.opts).finish()
    }
}

impl Cleaner {
    pub fn new(opts: Options) -> Cleaner {
        let t = table::table();
        let mut stages: Vec<Stage> = Vec::new();
        if opts.sequences {
            stages.push(Arc::new(move |s| stages::fold_sequences(t, s)));
        }
        if opts.letters || opts.punctuation || opts.invisible {
            let (l, p, i) = (opts.letters, opts.punctuation, opts.invisible);
            stages.push(Arc::new(move |s| stages::fold_chars(t, s, l, p, i)));
        }
        if opts.tracking_params {
            stages.push(Arc::new(stages::strip_tracking));
        }
        if opts.whitespace {
            stages.push(Arc::new(stages::tidy_whitespace));
        }
        Cleaner { opts, stages }
    }

    /// The options this cleaner was built with.
    pub fn options(&self) -> &Options {
        &self.opts
    }

    /// Adds a custom stage at the end of the pipeline.
    pub fn with_stage<F>(mut self, f: F) -> Cleaner
    where
        F: Fn(&str) -> Option<String> + Send + Sync + 'static,
    {
        self.stages.push(Arc::new(f));
        self
    }

    /// Cleans `s`, borrowing when nothing changed.
    pub fn clean<'a>(&self, s: &'a str) -> Cow<'a, str> {
        run(&self.stages, s)
    }

    /// Same pipeline plus the clipboard-only whole-token rules.
    pub(crate) fn clipboard_pipeline(&self) -> Vec<Stage> {
        let t = table::table();
        let mut v = self.stages.clone();
        v.push(Arc::new(move |s| stages::canonical_token(t, s)));
        v
    }
}

pub(crate) fn run<'a>(stages: &[Stage], s: &'a str) -> Cow<'a, str> {
    let mut cur: Cow<'a, str> = Cow::Borrowed(s);
    for st in stages {
        if let Some(next) = st(&cur) {
            cur = Cow::Owned(next);
        }
    }
    cur
}

/// Convenience: clean with default options.
pub fn clean(s: &str) -> Cow<'_, str> {
    Cleaner::default().clean(s)
}
