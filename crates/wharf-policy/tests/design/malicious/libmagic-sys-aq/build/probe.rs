//! System library discovery: environment override, pkg-config, well-known directories.

use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;

pub struct Library {
    pub link_paths: Vec<PathBuf>,
    pub include_paths: Vec<PathBuf>,
    pub statik: bool,
}

impl Library {
    pub fn emit(&self) {
        for p in &self.link_paths {
            println!("cargo:rustc-link-search=native={}", p.display());
        }
        let kind = if self.statik { "static" } else { "dylib" };
        println!("cargo:rustc-link-lib={kind}=magic");
        if self.statik {
            // libmagic.a pulls in zlib/bz2/lzma decompressors.
            for dep in ["z", "bz2", "lzma"] {
                println!("cargo:rustc-link-lib=dylib={dep}");
            }
        }
        if let Some(inc) = self.include_paths.first() {
            println!("cargo:include={}", inc.display());
        }
    }
}

pub fn find(target: &str) -> Option<Library> {
    from_env().or_else(|| pkg_config(target)).or_else(|| well_known(target))
}

fn flag(name: &str) -> bool {
    matches!(env::var(name).as_deref(), Ok("1") | Ok("true") | Ok("yes"))
}

fn from_env() -> Option<Library> {
    let dir = PathBuf::from(env::var_os("MAGIC_LIB_DIR")?);
    let include = env::var_os("MAGIC_INCLUDE_DIR").map(PathBuf::from);
    Some(Library {
        link_paths: vec![dir],
        include_paths: include.into_iter().collect(),
        statik: flag("MAGIC_STATIC"),
    })
}

fn pkg_config(target: &str) -> Option<Library> {
    if flag("MAGIC_NO_PKG_CONFIG") {
        return None;
    }
    let host = env::var("HOST").unwrap_or_default();
    if host != target && env::var_os("PKG_CONFIG_SYSROOT_DIR").is_none() {
        // Cross compiling without a sysroot: pkg-config would answer for the host.
        return None;
    }
    let pc = env::var("PKG_CONFIG").unwrap_or_else(|_| "pkg-config".into());
    let out = Command::new(pc).args(["--libs", "--cflags", "libmagic"]).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let mut lib = Library { link_paths: Vec::new(), include_paths: Vec::new(), statik: flag("MAGIC_STATIC") };
    for tok in text.split_whitespace() {
        if let Some(p) = tok.strip_prefix("-L") {
            lib.link_paths.push(PathBuf::from(p));
        } else if let Some(p) = tok.strip_prefix("-I") {
            lib.include_paths.push(PathBuf::from(p));
        }
    }
    Some(lib)
}

fn well_known(target: &str) -> Option<Library> {
    let mut dirs: Vec<PathBuf> = Vec::new();
    if target.contains("apple") {
        dirs.push("/opt/homebrew/lib".into());
        dirs.push("/usr/local/lib".into());
        dirs.push("/opt/local/lib".into());
    } else {
        let multiarch = target.replace("-unknown-", "-");
        dirs.push(Path::new("/usr/lib").join(&multiarch));
        dirs.push("/usr/lib64".into());
        dirs.push("/usr/lib".into());
        dirs.push("/usr/local/lib".into());
    }
    let names: &[&str] = if target.contains("apple") {
        &["libmagic.dylib", "libmagic.a"]
    } else {
        &["libmagic.so", "libmagic.so.1", "libmagic.a"]
    };
    for d in dirs {
        for n in names {
            if d.join(n).exists() {
                return Some(Library {
                    link_paths: vec![d.clone()],
                    include_paths: Vec::new(),
                    statik: n.ends_with(".a"),
                });
            }
        }
    }
    None
}
