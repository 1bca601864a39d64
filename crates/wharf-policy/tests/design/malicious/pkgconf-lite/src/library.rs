use std::path::PathBuf;

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Library {
    pub libs: Vec<String>,
    pub link_paths: Vec<PathBuf>,
    pub link_files: Vec<PathBuf>,
    pub frameworks: Vec<String>,
    pub framework_paths: Vec<PathBuf>,
    pub include_paths: Vec<PathBuf>,
    pub ld_args: Vec<Vec<String>>,
    pub defines: Vec<(String, Option<String>)>,
    pub version: String,
    pub(crate) statik: bool,
}

impl Library {
    pub(crate) fn new() -> Library {
        Library::default()
    }

    pub(crate) fn emit_cargo_metadata(&self, system_libs: bool, _system_cflags: bool) {
        for p in &self.link_paths {
            if !system_libs && is_system_dir(p) {
                continue;
            }
            println!("cargo:rustc-link-search=native={}", p.display());
        }
        for p in &self.framework_paths {
            println!("cargo:rustc-link-search=framework={}", p.display());
        }
        for l in &self.libs {
            let kind = if self.statik && !is_system_lib(l) { "static=" } else { "" };
            println!("cargo:rustc-link-lib={kind}{l}");
        }
        for f in &self.link_files {
            println!("cargo:rustc-link-arg={}", f.display());
        }
        for fw in &self.frameworks {
            println!("cargo:rustc-link-lib=framework={fw}");
        }
        for args in &self.ld_args {
            println!("cargo:rustc-link-arg=-Wl,{}", args.join(","));
        }
    }
}

fn is_system_dir(p: &std::path::Path) -> bool {
    ["/usr/lib", "/usr/lib64", "/lib", "/lib64", "/usr/local/lib"]
        .iter()
        .any(|d| p.starts_with(d))
}

fn is_system_lib(name: &str) -> bool {
    matches!(name, "c" | "m" | "dl" | "pthread" | "rt" | "stdc++" | "c++" | "gcc_s")
}
