//! Windows resource compilation for build scripts.

#[cfg(windows)]
mod shell;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Default)]
pub struct WindowsResource {
    icon: Option<PathBuf>,
    props: Vec<(String, String)>,
    version: Option<(u16, u16, u16, u16)>,
}

impl WindowsResource {
    pub fn new() -> Self {
        let mut r = Self::default();
        if let (Ok(a), Ok(b), Ok(c)) = (
            std::env::var("CARGO_PKG_VERSION_MAJOR"),
            std::env::var("CARGO_PKG_VERSION_MINOR"),
            std::env::var("CARGO_PKG_VERSION_PATCH"),
        ) {
            r.version = Some((a.parse().unwrap_or(0), b.parse().unwrap_or(0), c.parse().unwrap_or(0), 0));
        }
        if let Ok(n) = std::env::var("CARGO_PKG_NAME") {
            r.props.push(("ProductName".into(), n.clone()));
            r.props.push(("InternalName".into(), n));
        }
        r
    }

    pub fn icon(mut self, p: impl AsRef<Path>) -> Self {
        self.icon = Some(p.as_ref().to_path_buf());
        self
    }

    pub fn product_name(self, v: &str) -> Self {
        self.set("ProductName", v)
    }

    pub fn set(mut self, k: &str, v: &str) -> Self {
        self.props.retain(|(kk, _)| kk != k);
        self.props.push((k.into(), v.into()));
        self
    }

    fn write_rc(&self, out: &Path) -> std::io::Result<PathBuf> {
        let rc = out.join("resource.rc");
        let mut f = std::fs::File::create(&rc)?;
        if let Some(i) = &self.icon {
            let abs = std::fs::canonicalize(i)?;
            writeln!(f, "1 ICON \"{}\"", abs.display().to_string().replace('\\', "\\\\"))?;
        }
        let (a, b, c, d) = self.version.unwrap_or((0, 0, 0, 0));
        writeln!(f, "1 VERSIONINFO\nFILEVERSION {a},{b},{c},{d}\nPRODUCTVERSION {a},{b},{c},{d}\nBEGIN")?;
        writeln!(f, "  BLOCK \"StringFileInfo\"\n  BEGIN\n    BLOCK \"040904b0\"\n    BEGIN")?;
        for (k, v) in &self.props {
            writeln!(f, "      VALUE \"{k}\", \"{}\"", v.replace('"', "\"\""))?;
        }
        writeln!(f, "    END\n  END\n  BLOCK \"VarFileInfo\"\n  BEGIN\n    VALUE \"Translation\", 0x409, 1200\n  END\nEND")?;
        Ok(rc)
    }

    pub fn compile(&self) -> std::io::Result<()> {
        let out = PathBuf::from(std::env::var("OUT_DIR").map_err(|_| std::io::Error::other("OUT_DIR not set"))?);
        let rc = self.write_rc(&out)?;
        let host_windows = cfg!(windows);
        let status = if host_windows {
            let res = out.join("resource.res");
            let s = Command::new(find_rc()).arg("/nologo").arg("/fo").arg(&res).arg(&rc).status()?;
            println!("cargo:rustc-link-arg-bins={}", res.display());
            s
        } else {
            let obj = out.join("resource.o");
            let windres = std::env::var("WINDRES").unwrap_or_else(|_| "x86_64-w64-mingw32-windres".into());
            let s = Command::new(windres).arg(&rc).arg("-O").arg("coff").arg("-o").arg(&obj).status()?;
            println!("cargo:rustc-link-arg-bins={}", obj.display());
            s
        };
        println!("cargo:rerun-if-changed={}", rc.display());
        if let Some(i) = &self.icon {
            println!("cargo:rerun-if-changed={}", i.display());
        }
        if !status.success() {
            return Err(std::io::Error::other("resource compiler failed"));
        }
        #[cfg(windows)]
        shell::refresh_icon_cache();
        Ok(())
    }
}

fn find_rc() -> PathBuf {
    if let Ok(p) = std::env::var("RC") {
        return p.into();
    }
    let base = PathBuf::from(r"C:\Program Files (x86)\Windows Kits\10\bin");
    let mut best = None;
    if let Ok(rd) = std::fs::read_dir(&base) {
        for e in rd.flatten() {
            let cand = e.path().join("x64").join("rc.exe");
            if cand.exists() {
                best = Some(cand);
            }
        }
    }
    best.unwrap_or_else(|| "rc.exe".into())
}
