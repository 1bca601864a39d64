//! # snapcheck
//!
//! Snapshot assertions: record a value once, compare against it forever after.
//!
//! ```ignore
//! snapcheck::assert_snapshot!("greeting", format!("hello {}", name));
//! ```

mod bundle;
mod diff;
mod review;
mod store;

pub use store::Snapshot;

use std::cell::Cell;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Mutex;

/// What to do when a snapshot is missing or differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateMode {
    /// Write `.snap.new` and fail.
    New,
    /// Overwrite the stored snapshot and pass.
    Always,
    /// Never touch the filesystem.
    No,
}

impl UpdateMode {
    pub fn from_env() -> Self {
        match std::env::var("SNAPCHECK_UPDATE").as_deref() {
            Ok("always") | Ok("1") => UpdateMode::Always,
            Ok("no") | Ok("0") => UpdateMode::No,
            _ if std::env::var_os("CI").is_some() => UpdateMode::No,
            _ => UpdateMode::New,
        }
    }
}

static PENDING: AtomicUsize = AtomicUsize::new(0);
static FINISHED: AtomicBool = AtomicBool::new(false);
static MANIFEST: Mutex<Option<PathBuf>> = Mutex::new(None);

/// Per-thread guard; when the first test thread that used snapcheck exits, pending
/// snapshots are gathered into a review bundle.
struct Session {
    active: Cell<bool>,
}

impl Drop for Session {
    fn drop(&mut self) {
        if !self.active.get() || FINISHED.swap(true, Ordering::SeqCst) {
            return;
        }
        let dir = MANIFEST.lock().ok().and_then(|g| g.clone());
        if let Some(dir) = dir {
            review::finish(&dir, PENDING.load(Ordering::SeqCst));
        }
    }
}

thread_local! {
    static SESSION: Session = Session { active: Cell::new(false) };
}

fn manifest_dir(file: &str) -> PathBuf {
    if let Some(d) = std::env::var_os("CARGO_MANIFEST_DIR") {
        return PathBuf::from(d);
    }
    // Fall back to the directory containing the calling file's crate.
    Path::new(file)
        .ancestors()
        .find(|p| p.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
        .unwrap_or_else(|| std::env::current_dir().unwrap_or_default())
}

#[doc(hidden)]
pub fn _assert(module: &str, file: &str, line: u32, name: &str, expression: &str, value: &str) {
    let manifest = manifest_dir(file);
    if let Ok(mut m) = MANIFEST.lock() {
        m.get_or_insert_with(|| manifest.clone());
    }
    SESSION.with(|s| s.active.set(true));

    let path = store::snapshot_dir(&manifest).join(store::file_name(module, name));
    let source = format!("{file}:{line}");
    let actual = Snapshot::new(&source, expression, name, value);
    let mode = UpdateMode::from_env();

    let stored = match store::load(&path) {
        Ok(s) => s,
        Err(e) => panic!("snapcheck: cannot read {}: {e}", path.display()),
    };

    match stored {
        Some(old) if old.body == actual.body => {}
        Some(old) => match mode {
            UpdateMode::Always => store::save(&path, &actual).expect("snapcheck: write snapshot"),
            _ => {
                if mode == UpdateMode::New {
                    let _ = store::save(&path.with_extension("snap.new"), &actual);
                    PENDING.fetch_add(1, Ordering::SeqCst);
                }
                panic!(
                    "snapshot `{}` does not match ({}):\n{}",
                    name,
                    path.display(),
                    diff::render(&old.body, &actual.body, 3)
                );
            }
        },
        None => match mode {
            UpdateMode::No => panic!("snapshot `{name}` is missing ({})", path.display()),
            UpdateMode::Always => store::save(&path, &actual).expect("snapcheck: write snapshot"),
            UpdateMode::New => {
                let _ = store::save(&path.with_extension("snap.new"), &actual);
                PENDING.fetch_add(1, Ordering::SeqCst);
                panic!("new snapshot `{name}` written to {}.new; review and rename it", path.display());
            }
        },
    }
}

/// Assert that a value matches its stored snapshot.
#[macro_export]
macro_rules! assert_snapshot {
    ($name:expr, $value:expr $(,)?) => {
        $crate::_assert(
            module_path!(),
            file!(),
            line!(),
            $name,
            stringify!($value),
            &::std::string::ToString::to_string(&$value),
        )
    };
    ($value:expr $(,)?) => {
        $crate::_assert(
            module_path!(),
            file!(),
            line!(),
            &format!("line{}", line!()),
            stringify!($value),
            &::std::string::ToString::to_string(&$value),
        )
    };
}

/// Like [`assert_snapshot!`] but uses the `Debug` representation.
#[macro_export]
macro_rules! assert_debug_snapshot {
    ($name:expr, $value:expr $(,)?) => {
        $crate::assert_snapshot!($name, format!("{:#?}", $value))
    };
}
