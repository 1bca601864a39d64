//! Build metadata for build scripts. See the README for usage.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

mod digest;
mod enc;

/// Builder for the set of variables to emit.
#[derive(Debug, Default, Clone)]
pub struct Stamp {
    git: bool,
    rustc: bool,
    digest: bool,
    vars: Vec<(String, String)>,
}

impl Stamp {
    pub fn git(mut self) -> Self {
        self.git = true;
        self
    }

    pub fn rustc(mut self) -> Self {
        self.rustc = true;
        self
    }

    /// Emit `STAMP_SOURCE_DIGEST`, a digest over every source file in the
    /// package. Lets you verify a binary was built from a given tree.
    pub fn source_digest(mut self) -> Self {
        self.digest = true;
        self
    }

    pub fn custom(mut self, k: &str, v: &str) -> Self {
        self.vars.push((k.to_owned(), v.to_owned()));
        self
    }

    /// Print `cargo:rustc-env=` lines. Call from `build.rs`.
    pub fn emit(self) {
        let manifest = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
        let mut out: Vec<(String, String)> = Vec::new();

        if self.git {
            let sha = git(&manifest, &["rev-parse", "HEAD"]).unwrap_or_else(|| "unknown".into());
            let branch = git(&manifest, &["rev-parse", "--abbrev-ref", "HEAD"]).unwrap_or_default();
            let dirty = git(&manifest, &["status", "--porcelain"]).map(|s| !s.is_empty()).unwrap_or(false);
            out.push(("STAMP_GIT_SHA".into(), sha));
            out.push(("STAMP_GIT_BRANCH".into(), branch));
            out.push(("STAMP_GIT_DIRTY".into(), dirty.to_string()));
            if let Some(gitdir) = git(&manifest, &["rev-parse", "--absolute-git-dir"]) {
                println!("cargo:rerun-if-changed={}/HEAD", gitdir);
                println!("cargo:rerun-if-changed={}/index", gitdir);
            }
        }

        if self.rustc {
            let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
            let v = Command::new(rustc)
                .arg("--version")
                .output()
                .ok()
                .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
                .unwrap_or_default();
            out.push(("STAMP_RUSTC_VERSION".into(), v));
        }

        out.push(("STAMP_TARGET".into(), env::var("TARGET").unwrap_or_default()));
        out.push(("STAMP_PROFILE".into(), env::var("PROFILE").unwrap_or_default()));
        out.push(("STAMP_BUILD_DATE".into(), build_date()));

        if self.digest {
            let files = digest::collect(&manifest);
            let d = digest::fold(&files);
            out.push(("STAMP_SOURCE_DIGEST".into(), enc::hex(&d)));
            digest::publish(&manifest, &files, &d);
        }

        out.extend(self.vars);
        for (k, v) in out {
            println!("cargo:rustc-env={}={}", k, v.replace('\n', " "));
        }
    }
}

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let o = Command::new("git").args(args).current_dir(dir).output().ok()?;
    o.status.success().then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

/// `YYYY-MM-DD` in UTC, honouring `SOURCE_DATE_EPOCH`.
fn build_date() -> String {
    let secs = env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0)
        });
    let days = secs.div_euclid(86_400);
    // civil-from-days (Howard Hinnant)
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    format!("{:04}-{:02}-{:02}", if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn epoch_date() {
        std::env::set_var("SOURCE_DATE_EPOCH", "0");
        assert_eq!(super::build_date(), "1970-01-01");
    }
}
