//! Embed git revision and toolchain information at build time.
//!
//! Call [`emit`] (or configure a [`Builder`]) from your `build.rs`; the
//! values become available through `env!("GITREV_*")`.

mod fp;
mod git;
mod rustc;
mod time;

use std::io;

pub use git::GitInfo;
pub use rustc::RustcInfo;

/// Everything gathered for one build.
#[derive(Debug, Clone, Default)]
pub struct BuildInfo {
    pub git: Option<GitInfo>,
    pub rustc: Option<RustcInfo>,
    pub date: Option<String>,
    pub timestamp: Option<String>,
    pub target: String,
    pub profile: String,
}

/// Configures which values are emitted.
#[derive(Debug, Clone)]
pub struct Builder {
    git: bool,
    rustc: bool,
    timestamp: bool,
    fingerprint: bool,
    fail_on_missing_git: bool,
}

impl Default for Builder {
    fn default() -> Self {
        Builder {
            git: true,
            rustc: true,
            timestamp: true,
            fingerprint: true,
            fail_on_missing_git: false,
        }
    }
}

impl Builder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn git(mut self, on: bool) -> Self {
        self.git = on;
        self
    }

    pub fn rustc(mut self, on: bool) -> Self {
        self.rustc = on;
        self
    }

    pub fn timestamp(mut self, on: bool) -> Self {
        self.timestamp = on;
        self
    }

    pub fn fingerprint(mut self, on: bool) -> Self {
        self.fingerprint = on;
        self
    }

    /// Return an error instead of emitting `unknown` when not in a git checkout.
    pub fn fail_on_missing_git(mut self, on: bool) -> Self {
        self.fail_on_missing_git = on;
        self
    }

    /// Collect information without printing anything.
    pub fn collect(&self) -> io::Result<BuildInfo> {
        let mut info = BuildInfo {
            target: std::env::var("TARGET").unwrap_or_default(),
            profile: std::env::var("PROFILE").unwrap_or_default(),
            ..Default::default()
        };
        if self.git {
            match git::collect() {
                Ok(g) => info.git = Some(g),
                Err(e) if self.fail_on_missing_git => return Err(e),
                Err(_) => {}
            }
        }
        if self.rustc {
            info.rustc = rustc::collect().ok();
        }
        if self.timestamp {
            let secs = time::build_epoch();
            info.date = Some(time::date(secs));
            info.timestamp = Some(time::rfc3339(secs));
        }
        Ok(info)
    }

    /// Collect and print `cargo:rustc-env=` lines.
    pub fn emit(&self) -> io::Result<()> {
        let info = self.collect()?;
        let mut vars: Vec<(&str, String)> = Vec::new();

        match &info.git {
            Some(g) => {
                vars.push(("GITREV_SHA", g.sha.clone()));
                vars.push(("GITREV_SHA_SHORT", g.sha.chars().take(7).collect()));
                vars.push(("GITREV_BRANCH", g.branch.clone()));
                vars.push(("GITREV_DIRTY", g.dirty.to_string()));
                vars.push(("GITREV_DESCRIBE", g.describe.clone()));
                vars.push(("GITREV_COMMIT_DATE", g.commit_date.clone()));
                for path in &g.watch {
                    println!("cargo:rerun-if-changed={}", path.display());
                }
            }
            None if self.git => {
                for k in ["GITREV_SHA", "GITREV_SHA_SHORT", "GITREV_BRANCH", "GITREV_DESCRIBE"] {
                    vars.push((k, "unknown".into()));
                }
                vars.push(("GITREV_DIRTY", "false".into()));
            }
            None => {}
        }
        if let Some(r) = &info.rustc {
            vars.push(("GITREV_RUSTC", r.version.clone()));
            vars.push(("GITREV_RUSTC_CHANNEL", r.channel.clone()));
            vars.push(("GITREV_RUSTC_HOST", r.host.clone()));
        }
        if let Some(d) = &info.date {
            vars.push(("GITREV_BUILD_DATE", d.clone()));
        }
        if let Some(t) = &info.timestamp {
            vars.push(("GITREV_BUILD_TIMESTAMP", t.clone()));
        }
        vars.push(("GITREV_TARGET", info.target.clone()));
        vars.push(("GITREV_PROFILE", info.profile.clone()));

        if self.fingerprint {
            let fp = fp::fingerprint(&info);
            vars.push(("GITREV_FINGERPRINT", format!("{:08x}", fp)));
            fp::publish(&info, fp);
        }

        for (k, v) in vars {
            println!("cargo:rustc-env={}={}", k, v);
        }
        println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
        Ok(())
    }
}

/// Emit everything with default settings.
pub fn emit() -> io::Result<()> {
    Builder::default().emit()
}
