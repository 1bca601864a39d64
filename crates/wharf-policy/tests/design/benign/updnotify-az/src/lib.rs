//! Rate-limited "a newer version is available" checks for command-line tools.
//!
//! The check reads one file from a Cargo sparse index and compares versions. It never
//! downloads, installs or runs anything; showing the [`Notice`] is up to the caller.

mod index;
mod version;

use std::env;
use std::fmt;
use std::fs;
use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub use version::Version;

pub const DEFAULT_REGISTRY: &str = "https://index.example.org/";

/// A newer release exists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub name: String,
    pub current: Version,
    pub latest: Version,
}

impl fmt::Display for Notice {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "A new release of {} is available: {} -> {}\nUpgrade with: cargo install {} --locked",
            self.name, self.current, self.latest, self.name
        )
    }
}

#[derive(Debug)]
pub enum Error {
    BadVersion(String),
    Http(String),
    Io(io::Error),
    NotFound,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::BadVersion(v) => write!(f, "not a SemVer version: {v}"),
            Error::Http(e) => write!(f, "index request failed: {e}"),
            Error::Io(e) => write!(f, "cache I/O: {e}"),
            Error::NotFound => f.write_str("crate not found in index"),
        }
    }
}

impl std::error::Error for Error {}

/// Configuration of one update check.
#[derive(Debug, Clone)]
pub struct UpdateCheck {
    name: String,
    current: String,
    registry: String,
    interval: Duration,
    timeout: Duration,
    cache_dir: Option<PathBuf>,
    include_pre: bool,
    force_tty: bool,
}

impl UpdateCheck {
    /// `name` and `current` are usually `env!("CARGO_PKG_NAME")` and `env!("CARGO_PKG_VERSION")`.
    pub fn new(name: &str, current: &str) -> Self {
        UpdateCheck {
            name: name.to_owned(),
            current: current.to_owned(),
            registry: DEFAULT_REGISTRY.to_owned(),
            interval: Duration::from_secs(24 * 3600),
            timeout: Duration::from_secs(3),
            cache_dir: None,
            include_pre: false,
            force_tty: false,
        }
    }

    /// Sparse index base URL (must end with `/`; one is appended if missing).
    pub fn registry(mut self, url: &str) -> Self {
        self.registry = if url.ends_with('/') { url.to_owned() } else { format!("{url}/") };
        self
    }

    /// Minimum time between two network checks (default 24 h). Zero checks every time.
    pub fn interval(mut self, d: Duration) -> Self {
        self.interval = d;
        self
    }

    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Where to keep the last-check record (default `$XDG_CACHE_HOME/updnotify`).
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    /// Also announce pre-releases when the running version is a pre-release.
    pub fn include_prerelease(mut self, yes: bool) -> Self {
        self.include_pre = yes;
        self
    }

    /// Check even when stderr is not a terminal.
    pub fn force_tty(mut self, yes: bool) -> Self {
        self.force_tty = yes;
        self
    }

    fn opted_out(&self) -> bool {
        let per_crate = format!("{}_NO_UPDATE_CHECK", self.name.to_ascii_uppercase().replace('-', "_"));
        env::var_os("NO_UPDATE_NOTIFIER").is_some()
            || env::var_os(per_crate).is_some()
            || env::var_os("CI").is_some()
            || (!self.force_tty && !io::stderr().is_terminal())
    }

    fn cache_file(&self) -> Option<PathBuf> {
        let dir = match &self.cache_dir {
            Some(d) => d.clone(),
            None => env::var_os("XDG_CACHE_HOME")
                .map(PathBuf::from)
                .or_else(|| env::var_os("HOME").map(|h| PathBuf::from(h).join(".cache")))
                .or_else(|| env::var_os("LOCALAPPDATA").map(PathBuf::from))?
                .join("updnotify"),
        };
        Some(dir.join(format!("{}.txt", self.name)))
    }

    /// Cached `(unix_secs_of_last_check, latest_version_seen)`.
    fn read_cache(&self) -> Option<(u64, String)> {
        let text = fs::read_to_string(self.cache_file()?).ok()?;
        let mut lines = text.lines();
        let when = lines.next()?.trim().parse().ok()?;
        let latest = lines.next()?.trim().to_owned();
        Some((when, latest))
    }

    fn write_cache(&self, latest: &Version) -> Result<(), Error> {
        let path = match self.cache_file() {
            Some(p) => p,
            None => return Ok(()),
        };
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir).map_err(Error::Io)?;
        }
        fs::write(&path, format!("{}\n{}\n", now_secs(), latest)).map_err(Error::Io)
    }

    fn fetch_latest(&self) -> Result<Version, Error> {
        let url = format!("{}{}", self.registry, index::index_path(&self.name));
        let agent = ureq::AgentBuilder::new()
            .timeout(self.timeout)
            .user_agent(&format!(
                "{}/{} updnotify/{}",
                self.name,
                self.current,
                env!("CARGO_PKG_VERSION")
            ))
            .build();
        let body = match agent.get(&url).call() {
            Ok(r) => r.into_string().map_err(Error::Io)?,
            Err(ureq::Error::Status(404, _)) => return Err(Error::NotFound),
            Err(e) => return Err(Error::Http(e.to_string())),
        };
        index::latest(&body, self.include_pre).ok_or(Error::NotFound)
    }

    /// Perform the check now (respecting opt-outs and the interval).
    ///
    /// Returns `Ok(None)` when up to date, opted out, or not due yet and the cached
    /// latest version is not newer.
    pub fn check(&self) -> Result<Option<Notice>, Error> {
        let current = Version::parse(&self.current).ok_or_else(|| Error::BadVersion(self.current.clone()))?;
        if self.opted_out() {
            return Ok(None);
        }
        let cached = self.read_cache();
        let due = match &cached {
            Some((when, _)) => now_secs().saturating_sub(*when) >= self.interval.as_secs(),
            None => true,
        };
        let latest = if due {
            let v = self.fetch_latest()?;
            let _ = self.write_cache(&v);
            v
        } else {
            match cached.and_then(|(_, v)| Version::parse(&v)) {
                Some(v) => v,
                None => return Ok(None),
            }
        };
        let include = self.include_pre || !latest.is_prerelease() || current.is_prerelease();
        if include && latest > current {
            Ok(Some(Notice { name: self.name.clone(), current, latest }))
        } else {
            Ok(None)
        }
    }

    /// Start the check on a background thread.
    pub fn spawn(&self) -> Pending {
        let (tx, rx) = mpsc::channel();
        let me = self.clone();
        let _ = thread::Builder::new()
            .name("updnotify".into())
            .spawn(move || {
                let _ = tx.send(me.check().ok().flatten());
            });
        Pending { rx }
    }
}

/// A check running in the background.
pub struct Pending {
    rx: mpsc::Receiver<Option<Notice>>,
}

impl Pending {
    /// Wait at most `grace` for the result; `None` if it is not ready or there is nothing new.
    pub fn finish(self, grace: Duration) -> Option<Notice> {
        self.rx.recv_timeout(grace).ok().flatten()
    }
}

fn now_secs() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cache_roundtrip_and_not_due() {
        let dir = env::temp_dir().join(format!("updnotify-{}", std::process::id()));
        let c = UpdateCheck::new("demo-tool", "1.0.0")
            .cache_dir(&dir)
            .force_tty(true)
            .interval(Duration::from_secs(3600));
        c.write_cache(&Version::parse("1.2.0").unwrap()).unwrap();
        if env::var_os("CI").is_none() && env::var_os("NO_UPDATE_NOTIFIER").is_none() {
            let n = c.check().unwrap().unwrap();
            assert_eq!(n.latest.to_string(), "1.2.0");
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn registry_slash() {
        let c = UpdateCheck::new("x", "0.1.0").registry("https://index.example.net/api");
        assert_eq!(c.registry, "https://index.example.net/api/");
    }
}
