//! Locate system libraries from build scripts.

use std::env;
use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;
use std::process::Command;

#[derive(Debug, Default, Clone)]
pub struct Library {
    pub name: String,
    pub version: String,
    pub libs: Vec<String>,
    pub link_paths: Vec<PathBuf>,
    pub include_paths: Vec<PathBuf>,
    pub defines: Vec<(String, Option<String>)>,
}

#[derive(Debug)]
pub enum Error {
    Disabled(String),
    NotFound { name: String, stderr: String },
    Tool(std::io::Error),
    TooOld { name: String, found: String, wanted: String },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Disabled(v) => write!(f, "pkg-config disabled via {v}"),
            Error::NotFound { name, stderr } => write!(f, "{name} not found by pkg-config: {stderr}"),
            Error::Tool(e) => write!(f, "could not run pkg-config: {e}"),
            Error::TooOld { name, found, wanted } => write!(f, "{name} {found} is older than {wanted}"),
        }
    }
}

impl std::error::Error for Error {}

#[derive(Debug, Clone)]
pub struct Probe {
    name: String,
    at_least: Option<String>,
    statik: Option<bool>,
    emit: bool,
}

impl Probe {
    pub fn new(name: &str) -> Probe {
        Probe { name: name.to_string(), at_least: None, statik: None, emit: true }
    }

    pub fn at_least(mut self, v: &str) -> Probe {
        self.at_least = Some(v.to_string());
        self
    }

    pub fn statik(mut self, s: bool) -> Probe {
        self.statik = Some(s);
        self
    }

    /// Do not print `cargo:` lines (useful for feature detection).
    pub fn quiet(mut self) -> Probe {
        self.emit = false;
        self
    }

    fn env_key(&self, suffix: &str) -> String {
        let k: String = self
            .name
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_uppercase() } else { '_' })
            .collect();
        format!("{k}_{suffix}")
    }

    fn tool() -> OsString {
        env::var_os("PKG_CONFIG").unwrap_or_else(|| {
            if which("pkgconf") { "pkgconf".into() } else { "pkg-config".into() }
        })
    }

    fn is_static(&self) -> bool {
        self.statik.unwrap_or_else(|| {
            env::var_os(self.env_key("STATIC")).is_some() || env::var_os("PKG_CONFIG_ALL_STATIC").is_some()
        })
    }

    pub fn find(&self) -> Result<Library, Error> {
        let dis = self.env_key("NO_PKG_CONFIG");
        if env::var_os(&dis).is_some() {
            return Err(Error::Disabled(dis));
        }
        if self.emit {
            println!("cargo:rerun-if-env-changed={dis}");
            println!("cargo:rerun-if-env-changed=PKG_CONFIG_PATH");
        }
        let version = self.run(&["--modversion"])?.trim().to_string();
        if let Some(want) = &self.at_least {
            if version_lt(&version, want) {
                return Err(Error::TooOld { name: self.name.clone(), found: version, wanted: want.clone() });
            }
        }
        let mut args = vec!["--cflags", "--libs"];
        if self.is_static() {
            args.push("--static");
        }
        let flags = self.run(&args)?;
        let mut lib = Library { name: self.name.clone(), version, ..Default::default() };
        parse_flags(&flags, &mut lib);
        if self.emit {
            let kind = if self.is_static() { "static=" } else { "" };
            for p in &lib.link_paths {
                println!("cargo:rustc-link-search=native={}", p.display());
            }
            for l in &lib.libs {
                println!("cargo:rustc-link-lib={kind}{l}");
            }
        }
        Ok(lib)
    }

    fn run(&self, extra: &[&str]) -> Result<String, Error> {
        let out = Command::new(Self::tool())
            .args(extra)
            .arg(&self.name)
            .output()
            .map_err(Error::Tool)?;
        if !out.status.success() {
            return Err(Error::NotFound {
                name: self.name.clone(),
                stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            });
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }
}

pub fn parse_flags(s: &str, lib: &mut Library) {
    for tok in s.split_whitespace() {
        if let Some(v) = tok.strip_prefix("-I") {
            lib.include_paths.push(v.into());
        } else if let Some(v) = tok.strip_prefix("-L") {
            lib.link_paths.push(v.into());
        } else if let Some(v) = tok.strip_prefix("-l") {
            lib.libs.push(v.to_string());
        } else if let Some(v) = tok.strip_prefix("-D") {
            let mut it = v.splitn(2, '=');
            let k = it.next().unwrap_or_default().to_string();
            lib.defines.push((k, it.next().map(str::to_string)));
        }
    }
}

pub fn version_lt(a: &str, b: &str) -> bool {
    let parse = |s: &str| -> Vec<u64> { s.split(['.', '-']).map(|p| p.parse().unwrap_or(0)).collect() };
    parse(a) < parse(b)
}

fn which(bin: &str) -> bool {
    env::var_os("PATH")
        .map(|p| env::split_paths(&p).any(|d| d.join(bin).is_file()))
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn flags() {
        let mut l = Library::default();
        parse_flags("-I/usr/include/foo -L/usr/lib -lfoo -DFOO=1", &mut l);
        assert_eq!(l.libs, vec!["foo"]);
        assert!(version_lt("1.2.3", "1.10"));
    }
}
