//! Snapshot ("golden file") testing with readable diffs.
//!
//! ```ignore
//! #[test]
//! fn renders_invoice() {
//!     let html = render(&invoice());
//!     snapreview_ay::assert_snapshot!("invoice", html);
//! }
//! ```
//!
//! The first run writes `tests/snapshots/<module>__invoice.snap.new` and
//! fails; accept it with `cargo snapreview accept` (or
//! [`review::accept_all`]) and commit the `.snap` file. Later runs compare
//! against it and print a unified diff with anchored hunks on mismatch.
//!
//! `SNAPREVIEW_UPDATE` controls what happens on mismatch:
//! `new` (default locally) writes `.snap.new`, `always` overwrites the
//! snapshot, `no` (default on CI) only fails.

pub mod diff;
pub mod review;
mod snapshot;
pub mod walk;

use std::io::IsTerminal;
use std::path::PathBuf;

pub use snapshot::Snapshot;

/// Assert that `value` (anything `Display`) matches the stored snapshot.
#[macro_export]
macro_rules! assert_snapshot {
    ($name:expr, $value:expr $(,)?) => {
        $crate::SnapshotAssertion::new(
            env!("CARGO_MANIFEST_DIR"),
            file!(),
            line!(),
            module_path!(),
            $name,
            stringify!($value),
            ::std::string::ToString::to_string(&$value),
        )
        .finish()
    };
}

/// Assert that the pretty `Debug` output of `value` matches the stored snapshot.
#[macro_export]
macro_rules! assert_debug_snapshot {
    ($name:expr, $value:expr $(,)?) => {
        $crate::SnapshotAssertion::new(
            env!("CARGO_MANIFEST_DIR"),
            file!(),
            line!(),
            module_path!(),
            $name,
            stringify!($value),
            ::std::format!("{:#?}", $value),
        )
        .finish()
    };
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Match,
    New,
    Mismatch,
    Outdated,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Update {
    Always,
    New,
    No,
}

fn update_mode() -> Update {
    match std::env::var("SNAPREVIEW_UPDATE").as_deref() {
        Ok("always") | Ok("1") => Update::Always,
        Ok("no") | Ok("0") => Update::No,
        Ok("new") => Update::New,
        _ if std::env::var_os("CI").is_some() || review::hosted_ci() => Update::No,
        _ => Update::New,
    }
}

/// One pending assertion. Created by the macros; call [`finish`](Self::finish).
pub struct SnapshotAssertion {
    manifest_dir: &'static str,
    source: String,
    expression: &'static str,
    path: PathBuf,
    actual: String,
    outcome: Option<Outcome>,
}

impl SnapshotAssertion {
    #[doc(hidden)]
    pub fn new(
        manifest_dir: &'static str,
        file: &'static str,
        line: u32,
        module: &'static str,
        name: &str,
        expression: &'static str,
        actual: String,
    ) -> Self {
        SnapshotAssertion {
            manifest_dir,
            source: format!("{}:{}", file, line),
            expression,
            path: snapshot::path_for(manifest_dir, file, module, name),
            actual: normalize(&actual),
            outcome: None,
        }
    }

    fn compare(&self) -> (Outcome, Option<Snapshot>) {
        match Snapshot::load(&self.path) {
            Ok(Some(old)) if !old.is_current_format() => (Outcome::Outdated, Some(old)),
            Ok(Some(old)) if old.contents == self.actual => (Outcome::Match, Some(old)),
            Ok(Some(old)) => (Outcome::Mismatch, Some(old)),
            Ok(None) => (Outcome::New, None),
            Err(e) => panic!("snapreview: cannot read {}: {}", self.path.display(), e),
        }
    }

    /// Compare, record and panic with a diff on mismatch.
    pub fn finish(mut self) {
        let (outcome, old) = self.compare();
        self.outcome = Some(outcome);
        if outcome == Outcome::Match {
            return;
        }
        let new = Snapshot::new(self.source.clone(), self.expression.to_owned(), self.actual.clone());

        // Hunk-level acceptance: if every changed hunk was accepted by
        // anchor, write the snapshot and pass.
        if let (Outcome::Mismatch, Some(old)) = (outcome, &old) {
            let accepted = review::accepted_anchors();
            if !accepted.is_empty() {
                let d = diff::render(&old.contents, &self.actual, false);
                let all = d
                    .lines()
                    .filter_map(|l| l.rsplit_once(" #").map(|(_, a)| a.to_owned()))
                    .all(|a| accepted.contains(&a));
                if all && new.save(&self.path).is_ok() {
                    self.outcome = Some(Outcome::Match);
                    return;
                }
            }
        }

        let written = match update_mode() {
            Update::Always => new.save(&self.path).map(|_| self.path.clone()).ok(),
            Update::New => {
                let p = self.path.with_extension("snap.new");
                new.save(&p).map(|_| p).ok()
            }
            Update::No => None,
        };
        let color = std::io::stderr().is_terminal();
        let body = match (&outcome, &old) {
            (Outcome::New, _) => format!("new snapshot\n{}", self.actual),
            (Outcome::Outdated, _) => "stored snapshot was written by an older format; re-accept it".to_owned(),
            (_, Some(old)) => diff::render(&old.contents, &self.actual, color),
            _ => String::new(),
        };
        let hint = match written {
            Some(p) => format!("\nwrote {}", p.display()),
            None => String::new(),
        };
        panic!(
            "snapshot {} does not match ({}){}\n{}",
            self.path.display(),
            self.source,
            hint,
            body
        );
    }
}

impl Drop for SnapshotAssertion {
    fn drop(&mut self) {
        if self.outcome.is_some() {
            review::observe(self.manifest_dir);
        }
    }
}

/// Trailing whitespace and final newlines are not significant.
fn normalize(s: &str) -> String {
    let mut out: String = s
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n");
    while out.ends_with('\n') {
        out.pop();
    }
    out
}
