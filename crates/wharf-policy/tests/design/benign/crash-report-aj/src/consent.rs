//! User consent.

use crate::{Config, Report};
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

/// Upload policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Consent {
    /// Never upload (default).
    Denied,
    /// Ask on an interactive terminal; never upload otherwise.
    Ask,
    /// The user already opted in through the app's settings UI.
    Granted,
}

/// Persists the user's answer ("always" / "never") in a small file the app chooses.
#[derive(Clone, Debug)]
pub struct ConsentStore {
    path: PathBuf,
}

impl ConsentStore {
    /// Store at `path` (e.g. inside the app's config dir).
    pub fn new(path: impl Into<PathBuf>) -> Self {
        ConsentStore { path: path.into() }
    }
    /// Previously recorded answer.
    pub fn get(&self) -> Option<bool> {
        match std::fs::read_to_string(&self.path).ok()?.trim() {
            "always" => Some(true),
            "never" => Some(false),
            _ => None,
        }
    }
    /// Record an answer.
    pub fn set(&self, always: bool) -> std::io::Result<()> {
        if let Some(p) = self.path.parent() {
            std::fs::create_dir_all(p)?;
        }
        std::fs::write(&self.path, if always { "always\n" } else { "never\n" })
    }
    /// Forget the answer.
    pub fn clear(&self) -> std::io::Result<()> {
        match std::fs::remove_file(&self.path) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
            _ => Ok(()),
        }
    }
}

pub(crate) fn resolve(cfg: &Config, report: &Report, endpoint: &str) -> bool {
    match cfg.consent {
        Consent::Denied => false,
        Consent::Granted => true,
        Consent::Ask => {
            if let Some(saved) = cfg.store.as_ref().and_then(ConsentStore::get) {
                return saved;
            }
            if !std::io::stdin().is_terminal() || !std::io::stderr().is_terminal() {
                return false;
            }
            let answer = ask(report, endpoint);
            if let (Some(store), Some(always)) = (&cfg.store, answer.remember) {
                let _ = store.set(always);
            }
            answer.send
        }
    }
}

struct Answer {
    send: bool,
    remember: Option<bool>,
}

fn ask(report: &Report, endpoint: &str) -> Answer {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "\nThe following report would be sent to {endpoint}:\n");
    let _ = writeln!(err, "{}", report.to_pretty_json());
    let _ = write!(err, "\nSend it? [y]es / [N]o / [a]lways / ne[v]er: ");
    let _ = err.flush();
    let mut line = String::new();
    let _ = std::io::stdin().lock().read_line(&mut line);
    match line.trim().to_ascii_lowercase().as_str() {
        "y" | "yes" => Answer { send: true, remember: None },
        "a" | "always" => Answer { send: true, remember: Some(true) },
        "v" | "never" => Answer { send: false, remember: Some(false) },
        _ => Answer { send: false, remember: None },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn store_roundtrip() {
        let d = tempfile::tempdir().unwrap();
        let s = ConsentStore::new(d.path().join("sub/consent"));
        assert_eq!(s.get(), None);
        s.set(true).unwrap();
        assert_eq!(s.get(), Some(true));
        s.set(false).unwrap();
        assert_eq!(s.get(), Some(false));
        s.clear().unwrap();
        assert_eq!(s.get(), None);
    }

    #[test]
    fn denied_by_default() {
        let cfg = Config::new("t", "0");
        assert_eq!(cfg.consent, Consent::Denied);
    }
}
