// Shared between the library and the build script (`#[path]` include).

use std::env;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Linker {
    Mold,
    Lld,
    Gold,
    Default,
}

impl Linker {
    pub fn name(self) -> &'static str {
        match self {
            Linker::Mold => "mold",
            Linker::Lld => "lld",
            Linker::Gold => "gold",
            Linker::Default => "default",
        }
    }

    pub fn cfg(self) -> Option<&'static str> {
        match self {
            Linker::Mold => Some("linkhint_mold"),
            Linker::Lld => Some("linkhint_lld"),
            Linker::Gold => Some("linkhint_gold"),
            Linker::Default => None,
        }
    }

    fn binaries(self, target: &str) -> &'static [&'static str] {
        let apple = target.contains("apple");
        let msvc = target.contains("msvc");
        match (self, apple, msvc) {
            (Linker::Mold, false, false) => &["mold", "ld.mold"],
            (Linker::Lld, true, _) => &["ld64.lld"],
            (Linker::Lld, _, true) => &["lld-link", "lld-link.exe"],
            (Linker::Lld, false, false) => &["ld.lld", "lld"],
            (Linker::Gold, false, false) => &["ld.gold", "gold"],
            _ => &[],
        }
    }

    pub fn from_str_opt(s: &str) -> Option<Linker> {
        match s.trim().to_ascii_lowercase().as_str() {
            "mold" => Some(Linker::Mold),
            "lld" | "ld.lld" => Some(Linker::Lld),
            "gold" | "ld.gold" => Some(Linker::Gold),
            "default" | "off" | "none" => Some(Linker::Default),
            _ => None,
        }
    }
}

pub fn which(bin: &str) -> Option<PathBuf> {
    let path = env::var_os("PATH")?;
    env::split_paths(&path)
        .map(|d| d.join(bin))
        .find(|p| is_executable(p))
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .map(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
        .unwrap_or(false)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file()
}

#[derive(Debug, Clone)]
pub struct Probe {
    pub target: String,
    pub linker: Linker,
    pub path: Option<PathBuf>,
}

pub fn detect(target: &str) -> Probe {
    if let Ok(forced) = env::var("LINKHINT") {
        if let Some(l) = Linker::from_str_opt(&forced) {
            let path = l.binaries(target).iter().find_map(|b| which(b));
            return Probe {
                target: target.to_string(),
                linker: l,
                path,
            };
        }
    }
    for l in [Linker::Mold, Linker::Lld, Linker::Gold] {
        for b in l.binaries(target) {
            if let Some(p) = which(b) {
                return Probe {
                    target: target.to_string(),
                    linker: l,
                    path: Some(p),
                };
            }
        }
    }
    Probe {
        target: target.to_string(),
        linker: Linker::Default,
        path: None,
    }
}

impl Probe {
    /// Arguments to pass with `cargo:rustc-link-arg=`.
    pub fn link_args(&self) -> Vec<String> {
        let msvc = self.target.contains("msvc");
        let apple = self.target.contains("apple");
        match (self.linker, &self.path) {
            (Linker::Default, _) => Vec::new(),
            (_, Some(p)) if msvc => vec![format!("/LINKER:{}", p.display())],
            (Linker::Lld, Some(p)) if apple => vec![format!("-fuse-ld={}", p.display())],
            (Linker::Mold, Some(p)) => vec![format!("-fuse-ld={}", p.display())],
            (l, _) => vec![format!("-fuse-ld={}", l.name())],
        }
    }
}
