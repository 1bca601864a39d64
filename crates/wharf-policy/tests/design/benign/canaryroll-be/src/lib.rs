//! Host-sticky percentage rollouts with date ramps, change freezes and a kill switch.
//!
//! Everything is evaluated locally. The only network access is the optional kill
//! switch URL supplied in [`Config`]; the only file written or removed is the optional
//! [`Config::cache_path`].

pub mod bucket;
pub mod cache;
pub mod calendar;
pub mod killswitch;

use std::collections::BTreeMap;
use std::env;
use std::fmt;
use std::path::PathBuf;
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use cache::{DecisionCache, PurgeOutcome};
pub use calendar::{FreezePolicy, Ramp, Region};
pub use killswitch::KillState;

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// Invalid configuration.
    Config(String),
    /// Kill-switch fetch/parse failure.
    Remote(String),
    /// Cache file error.
    Io(std::io::Error),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Config(m) => write!(f, "config: {m}"),
            Error::Remote(m) => write!(f, "kill switch: {m}"),
            Error::Io(e) => write!(f, "cache: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Result alias.
pub type Result<T> = std::result::Result<T, Error>;

/// One flag.
#[derive(Debug, Clone)]
pub struct FlagRule {
    /// Flag name.
    pub name: String,
    /// Bucketing salt (defaults to the name; change it to reshuffle hosts).
    pub salt: String,
    /// Percentage ramp.
    pub ramp: Ramp,
}

impl FlagRule {
    /// Rule with salt = name.
    pub fn new(name: &str, ramp: Ramp) -> FlagRule {
        FlagRule { name: name.to_string(), salt: name.to_string(), ramp }
    }
}

/// Rollout configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// Flags.
    pub flags: Vec<FlagRule>,
    /// Freeze policy.
    pub freeze: FreezePolicy,
    /// Optional kill-switch document URL.
    pub kill_switch_url: Option<String>,
    /// Kill-switch fetch timeout.
    pub kill_switch_timeout: Duration,
    /// Optional decision cache file.
    pub cache_path: Option<PathBuf>,
    /// Report what a purge would delete instead of deleting it.
    pub dry_run_purge: bool,
    /// Value of every flag when running in CI.
    pub ci_default: bool,
    /// Override host identity (default: [`bucket::host_identity`]).
    pub host_id: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            flags: Vec::new(),
            freeze: FreezePolicy::default(),
            kill_switch_url: None,
            kill_switch_timeout: Duration::from_secs(3),
            cache_path: None,
            dry_run_purge: false,
            ci_default: false,
            host_id: None,
        }
    }
}

/// Why a flag has its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// Unknown flag.
    Unknown,
    /// CI default.
    Ci,
    /// Listed by the kill switch.
    Killed,
    /// Bucket vs. (possibly frozen) ramp percentage.
    Ramp,
}

/// A decision with its explanation.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Decision {
    /// Final value.
    pub enabled: bool,
    /// Why.
    pub reason: Reason,
    /// Effective percentage used.
    pub percent: f64,
    /// Host bucket.
    pub bucket: u32,
    /// True if a freeze held the ramp back.
    pub frozen: bool,
}

/// Detect common CI environments.
pub fn running_in_ci() -> bool {
    ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "CIRCLECI", "TF_BUILD", "JENKINS_URL"]
        .iter()
        .any(|k| env::var_os(k).map(|v| v != "false" && v != "0").unwrap_or(false))
}

struct KillCache {
    state: KillState,
    fetched: Option<Instant>,
}

/// Evaluator.
pub struct Rollout {
    cfg: Config,
    host: String,
    ci: bool,
    kill: Mutex<KillCache>,
    cache: Option<DecisionCache>,
}

fn now_secs() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

impl Rollout {
    /// Create an evaluator.
    pub fn new(cfg: Config) -> Rollout {
        let host = cfg.host_id.clone().unwrap_or_else(bucket::host_identity);
        let cache = cfg.cache_path.clone().map(DecisionCache::new);
        Rollout {
            host,
            ci: running_in_ci(),
            kill: Mutex::new(KillCache { state: KillState::default(), fetched: None }),
            cache,
            cfg,
        }
    }

    /// Host identity used for bucketing.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// Is `flag` on for this host right now?
    pub fn enabled(&self, flag: &str) -> bool {
        self.decide(flag).enabled
    }

    /// Full decision for `flag` at the current time.
    pub fn decide(&self, flag: &str) -> Decision {
        self.decide_at(flag, now_secs())
    }

    /// Full decision for `flag` at `unix_secs` (for tests and dry runs).
    pub fn decide_at(&self, flag: &str, unix_secs: i64) -> Decision {
        let rule = match self.cfg.flags.iter().find(|f| f.name == flag) {
            Some(r) => r,
            None => return Decision { enabled: false, reason: Reason::Unknown, percent: 0.0, bucket: 0, frozen: false },
        };
        let b = bucket::bucket(&rule.salt, &self.host);
        if self.ci {
            return Decision { enabled: self.cfg.ci_default, reason: Reason::Ci, percent: 0.0, bucket: b, frozen: false };
        }
        if self.killed(flag) {
            return Decision { enabled: false, reason: Reason::Killed, percent: 0.0, bucket: b, frozen: false };
        }
        let frozen = self.cfg.freeze.frozen_at(unix_secs);
        let t = if frozen { self.cfg.freeze.freeze_start(unix_secs) } else { unix_secs };
        let percent = rule.ramp.percent_at(t as f64 / 86_400.0);
        Decision { enabled: bucket::in_rollout(b, percent), reason: Reason::Ramp, percent, bucket: b, frozen }
    }

    fn killed(&self, flag: &str) -> bool {
        let mut k = self.kill.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(url) = &self.cfg.kill_switch_url {
            let ttl = k.state.ttl.unwrap_or(Duration::from_secs(300));
            if k.fetched.map(|t| t.elapsed() >= ttl).unwrap_or(true) {
                k.fetched = Some(Instant::now());
                if let Ok(new) = killswitch::fetch(url, self.cfg.kill_switch_timeout) {
                    if new.purge_cache && !k.state.purge_cache {
                        if let Some(c) = &self.cache {
                            let _ = c.purge(self.cfg.dry_run_purge);
                        }
                    }
                    k.state = new;
                }
            }
        }
        k.state.killed.contains(flag)
    }

    /// Apply a kill-switch document supplied by the caller (e.g. from their own
    /// config system) instead of fetching one.
    pub fn apply_kill_state(&self, state: KillState) {
        let mut k = self.kill.lock().unwrap_or_else(|p| p.into_inner());
        k.state = state;
        k.fetched = Some(Instant::now());
    }

    /// Evaluate every flag and persist the results to the cache file, if configured.
    pub fn snapshot(&self) -> Result<BTreeMap<String, bool>> {
        let map: BTreeMap<String, bool> = self.cfg.flags.iter().map(|f| (f.name.clone(), self.enabled(&f.name))).collect();
        if let Some(c) = &self.cache {
            c.store(&map).map_err(Error::Io)?;
        }
        Ok(map)
    }

    /// Remove the configured cache file (honours `dry_run_purge`).
    pub fn purge_cache(&self) -> Result<PurgeOutcome> {
        match &self.cache {
            Some(c) => c.purge(self.cfg.dry_run_purge).map_err(Error::Io),
            None => Ok(PurgeOutcome::Absent),
        }
    }
}
