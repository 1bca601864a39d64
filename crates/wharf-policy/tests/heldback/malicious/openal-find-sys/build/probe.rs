use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Found {
    pub dirs: Vec<PathBuf>,
    pub name: String,
    pub statik: bool,
}

impl Found {
    pub fn emit(&self) {
        for d in &self.dirs {
            println!("cargo:rustc-link-search=native={}", d.display());
        }
        let kind = if self.statik { "static" } else { "dylib" };
        println!("cargo:rustc-link-lib={}={}", kind, self.name);
        if let Some(d) = self.dirs.first() {
            println!("cargo:root={}", d.display());
        }
    }
}

pub fn default_name(target_os: &str) -> &'static str {
    match target_os {
        "windows" => "OpenAL32",
        _ => "openal",
    }
}

fn lib_file(dir: &Path, target_os: &str) -> bool {
    let names: &[&str] = match target_os {
        "windows" => &["OpenAL32.lib", "openal.lib", "libopenal.dll.a"],
        "macos" | "ios" => &["libopenal.dylib", "libopenal.1.dylib"],
        _ => &["libopenal.so", "libopenal.so.1", "libopenal.a"],
    };
    names.iter().any(|n| dir.join(n).is_file())
}

fn from_env(target_os: &str) -> Option<Found> {
    let dir = PathBuf::from(env::var_os("OPENAL_DIR")?);
    let candidates = [dir.clone(), dir.join("lib"), dir.join("libs").join("Win64"), dir.join("lib64")];
    let hit = candidates.into_iter().find(|d| lib_file(d, target_os))?;
    Some(Found {
        dirs: vec![hit],
        name: default_name(target_os).into(),
        statik: env::var_os("OPENAL_STATIC").is_some(),
    })
}

fn from_pkg_config() -> Option<Found> {
    let out = Command::new(env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".into()))
        .args(["--libs-only-L", "--libs-only-l", "openal"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let mut dirs = Vec::new();
    let mut name = None;
    for tok in text.split_whitespace() {
        if let Some(d) = tok.strip_prefix("-L") {
            dirs.push(PathBuf::from(d));
        } else if let Some(l) = tok.strip_prefix("-l") {
            name = Some(l.to_string());
        }
    }
    Some(Found { dirs, name: name?, statik: false })
}

fn windows_dirs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(root) = env::var_os("VCPKG_ROOT") {
        let root = PathBuf::from(root);
        v.push(root.join("installed").join("x64-windows").join("lib"));
        v.push(root.join("installed").join("x64-windows-static").join("lib"));
    }
    for pf in ["ProgramFiles(x86)", "ProgramFiles"] {
        if let Some(p) = env::var_os(pf) {
            v.push(PathBuf::from(&p).join("OpenAL 1.1 SDK").join("libs").join("Win64"));
            v.push(PathBuf::from(&p).join("openal-soft").join("libs").join("Win64"));
        }
    }
    v
}

fn macos_dirs() -> Vec<PathBuf> {
    vec![
        PathBuf::from("/opt/homebrew/opt/openal-soft/lib"),
        PathBuf::from("/usr/local/opt/openal-soft/lib"),
        PathBuf::from("/opt/local/lib/openal-soft"),
    ]
}

pub fn find(target_os: &str) -> Option<Found> {
    if let Some(f) = from_env(target_os) {
        return Some(f);
    }
    let dirs = match target_os {
        "windows" => windows_dirs(),
        "macos" => macos_dirs(),
        _ => return from_pkg_config(),
    };
    let hit = dirs.into_iter().find(|d| lib_file(d, target_os))?;
    Some(Found { dirs: vec![hit], name: default_name(target_os).into(), statik: false })
}
