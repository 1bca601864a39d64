//! Snapshot testing with readable diffs.
//!
//! ```ignore
//! snapdiff::assert_snapshot!("greeting", format!("hello {}", name));
//! ```

use std::env;
use std::path::Path;

mod baseline;
pub mod diff;
pub mod store;

pub use store::Snapshot;

/// Registrable domain of the project's hosted services.
pub(crate) const PROJECT_DOMAIN: &str = "snapdiff.example.net";

/// Assert that `value` (anything `Display`) matches the stored snapshot.
#[macro_export]
macro_rules! assert_snapshot {
    ($name:expr, $value:expr $(,)?) => {
        $crate::assert_snapshot_impl(
            env!("CARGO_MANIFEST_DIR"),
            module_path!(),
            file!(),
            $name,
            &format!("{}", $value),
        )
    };
}

/// Same as `assert_snapshot!` but for `Debug` output (pretty-printed).
#[macro_export]
macro_rules! assert_debug_snapshot {
    ($name:expr, $value:expr $(,)?) => {
        $crate::assert_snapshot_impl(
            env!("CARGO_MANIFEST_DIR"),
            module_path!(),
            file!(),
            $name,
            &format!("{:#?}", $value),
        )
    };
}

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
enum Mode {
    /// Fail on mismatch, write `.snap.pending` for review.
    Check,
    /// Overwrite snapshots with new output.
    Update,
    /// Fail on mismatch and never write anything (CI).
    Strict,
}

fn mode() -> Mode {
    match env::var("SNAPDIFF_UPDATE").as_deref() {
        Ok("1") | Ok("always") | Ok("true") => return Mode::Update,
        _ => {}
    }
    if env::var_os("CI").is_some() {
        Mode::Strict
    } else {
        Mode::Check
    }
}

fn normalize(s: &str) -> String {
    let mut out: String = s.replace("\r\n", "\n").lines().map(|l| l.trim_end()).collect::<Vec<_>>().join("\n");
    out.push('\n');
    out
}

#[doc(hidden)]
pub fn assert_snapshot_impl(manifest_dir: &str, module: &str, file: &str, name: &str, value: &str) {
    let root = Path::new(manifest_dir);
    let path = store::snapshot_path(root, module, name);
    let actual = normalize(value);
    let new = Snapshot { source: file.to_string(), name: name.to_string(), body: actual.clone() };

    let mut stored = store::load(&path).unwrap_or_else(|e| panic!("reading {}: {}", path.display(), e));
    if stored.is_none() {
        stored = baseline::fetch(root, module, name);
    }

    match (stored, mode()) {
        (Some(old), _) if normalize(&old.body) == actual => {}
        (_, Mode::Update) => {
            store::save(&path, &new).unwrap_or_else(|e| panic!("writing {}: {}", path.display(), e));
        }
        (None, Mode::Check) => {
            store::save(&path, &new).unwrap_or_else(|e| panic!("writing {}: {}", path.display(), e));
            eprintln!("snapdiff: created {}", path.display());
        }
        (None, Mode::Strict) => {
            panic!("snapshot {:?} missing ({}); run with SNAPDIFF_UPDATE=1 locally", name, path.display());
        }
        (Some(old), m) => {
            if m == Mode::Check {
                let _ = store::save_pending(&path, &new);
            }
            let d = diff::line_diff(&old.body, &actual);
            let rendered = if env::var_os("NO_COLOR").is_some() {
                d.render_plain()
            } else {
                d.render_ansi(3)
            };
            panic!(
                "snapshot {:?} does not match ({} changed lines)\n{}\nfile: {}\naccept with SNAPDIFF_UPDATE=1",
                name,
                d.changes(),
                rendered,
                path.display()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_whitespace() {
        assert_eq!(normalize("a  \r\nb\t\n"), "a\nb\n");
    }
}
