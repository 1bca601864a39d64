//! Everything prepared outside the sandbox before a package's code runs: the package unpacked,
//! the decoy home, its dependencies downloaded.
//!
//! Nothing here runs the package's code. Downloading dependencies runs `cargo fetch`, which reads
//! the manifest and the lock file and downloads `.crate` files; it runs no build script. So that
//! no configuration in the package applies to it, the package's own `.cargo/` and toolchain files
//! are removed first, cargo starts in the stage's root (outside the package), and dependencies
//! by path or git are refused without fetching.

use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use flate2::read::GzDecoder;
use wharf_policy::detonation::DECOYS;
use wharf_tarball::Manifest;

use crate::SandboxError;

/// Files in a package that would configure the build around it rather than be built.
/// (and a packaged `.git`, whose hooks and configuration the sandbox's own `git` would obey).
const BUILD_CONFIGURATION: &[&str] = &[".cargo", ".git", "rust-toolchain", "rust-toolchain.toml"];

/// Unpacks a `.crate` file (already validated by `wharf_tarball`) into `dest`: regular files and
/// directories under `{name}-{version}/` only, no links, no permission bits beyond the owner's
/// read and write (and execute where the archive had it).
pub fn unpack(bytes: &[u8], package_dir: &str, dest: &Path) -> Result<(), SandboxError> {
    let mut archive = tar::Archive::new(GzDecoder::new(bytes));
    for entry in archive.entries()? {
        let mut entry = entry?;
        let kind = entry.header().entry_type();
        if !(kind.is_file() || kind.is_dir()) {
            continue;
        }
        let path = entry.path()?.into_owned();
        let Ok(relative) = path.strip_prefix(package_dir) else {
            continue;
        };
        if relative
            .components()
            .any(|c| !matches!(c, Component::Normal(_)))
        {
            continue;
        }
        let target = dest.join(relative);
        if kind.is_dir() {
            fs::create_dir_all(&target)?;
            continue;
        }
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent)?;
        }
        let executable = entry.header().mode().unwrap_or(0) & 0o100 != 0;
        let mut file = fs::File::create(&target)?;
        io::copy(&mut entry, &mut file)?;
        set_mode(&target, if executable { 0o755 } else { 0o644 })?;
    }
    for name in BUILD_CONFIGURATION {
        let path = dest.join(name);
        if path.is_dir() {
            fs::remove_dir_all(&path)?;
        } else if path.exists() {
            fs::remove_file(&path)?;
        }
    }
    Ok(())
}

fn set_mode(path: &Path, mode: u32) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(mode))
}

/// The decoy home: every file in [`DECOYS`] with plausible, worthless contents, and the shell
/// start-up files a real home has, so that appending to them is seen.
pub fn decoy_home(home: &Path) -> io::Result<()> {
    for decoy in DECOYS {
        let path = home.join(decoy);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, decoy_contents(decoy))?;
    }
    for (file, contents) in [
        (
            ".bashrc",
            "# ~/.bashrc\nexport PATH=\"$HOME/.cargo/bin:$PATH\"\n",
        ),
        (".profile", "# ~/.profile\n. \"$HOME/.bashrc\"\n"),
        (
            ".gitconfig",
            "[user]\n\tname = Builder\n\temail = builder@example.com\n",
        ),
    ] {
        fs::write(home.join(file), contents)?;
    }
    fs::create_dir_all(home.join(".cache"))?;
    Ok(())
}

fn decoy_contents(path: &str) -> String {
    let marker = "wharf-sandbox-decoy";
    if path.starts_with(".ssh/id_") {
        format!(
            "-----BEGIN OPENSSH PRIVATE KEY-----\n{marker}\n-----END OPENSSH PRIVATE KEY-----\n"
        )
    } else if path.starts_with(".aws/") {
        format!("[default]\naws_access_key_id = AKIA{marker}\naws_secret_access_key = {marker}\n")
    } else if path.ends_with(".env") {
        format!("DATABASE_URL=postgres://app:{marker}@db.invalid/app\nAPI_KEY={marker}\n")
    } else if path.ends_with("credentials.toml") {
        format!("[registry]\ntoken = \"{marker}\"\n")
    } else {
        format!("{marker}\n")
    }
}

/// Whether the manifest names dependencies at all (then they must be fetched), or refuses to be
/// fetched because some come from a path or a git repository.
pub fn dependencies(manifest: &Manifest) -> Result<bool, String> {
    let mut tables: Vec<&toml::Value> = Vec::new();
    let plain = [
        &manifest.dependencies,
        &manifest.dev_dependencies,
        &manifest.build_dependencies,
    ];
    let mut any = plain.iter().any(|t| !t.is_empty());
    for table in plain {
        tables.extend(table.values());
    }
    for target in manifest.target.values() {
        for kind in ["dependencies", "dev-dependencies", "build-dependencies"] {
            if let Some(table) = target.get(kind).and_then(|t| t.as_table()) {
                any |= !table.is_empty();
                tables.extend(table.values());
            }
        }
    }
    for dependency in tables {
        for key in ["path", "git"] {
            if dependency.get(key).is_some() {
                return Err(format!(
                    "a dependency is taken from a {key}, not a registry"
                ));
            }
        }
    }
    Ok(any)
}

/// Downloads the package's dependencies into the shared `cargo_home` with `cargo fetch`.
pub fn fetch(
    cargo: &Path,
    stage: &Path,
    cargo_home: &Path,
    timeout: Duration,
) -> Result<(), String> {
    let log = stage.join("fetch.log");
    let out = fs::File::create(&log).map_err(|e| e.to_string())?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let mut child = Command::new(cargo)
        .args(["fetch", "--manifest-path", "src/Cargo.toml"])
        .current_dir(stage)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("CARGO_HOME", cargo_home)
        // The toolchain's own rustc: a rustup proxy on PATH would look for its settings in HOME.
        .env("RUSTC", cargo.with_file_name("rustc"))
        .env("CARGO_TERM_COLOR", "never")
        .env("HOME", stage)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cargo fetch did not start: {e}"))?;
    let started = Instant::now();
    loop {
        match child.try_wait() {
            Ok(Some(status)) if status.success() => return Ok(()),
            Ok(Some(_)) => {
                let text = fs::read_to_string(&log).unwrap_or_default();
                return Err(format!("cargo fetch failed: {}", tail(&text, 600)));
            }
            Ok(None) if started.elapsed() > timeout => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("cargo fetch took over {} s", timeout.as_secs()));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(error) => return Err(error.to_string()),
        }
    }
}

/// The last `max` bytes of a text, from a line start where possible.
pub fn tail(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.trim().to_owned();
    }
    let mut from = text.len() - max;
    while !text.is_char_boundary(from) {
        from += 1;
    }
    let cut = &text[from..];
    cut.split_once('\n')
        .map_or(cut, |(_, rest)| rest)
        .trim()
        .to_owned()
}

/// A fresh directory for one run under `runs`, never one another run (of this process or of
/// another instance sharing the directory) has.
pub fn run_dir(runs: &Path, name: &str, version: &str) -> io::Result<PathBuf> {
    fs::create_dir_all(runs)?;
    loop {
        let dir = runs.join(format!("{name}-{version}-{}", unique()));
        match fs::create_dir(&dir) {
            Ok(()) => return Ok(dir),
            Err(error) if error.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
}

/// A name part no other run has: the process, the time in nanoseconds and a counter.
pub fn unique() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!(
        "{}-{nanos}-{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    )
}

/// The macros a proc-macro crate exports, read from its crate root: derives by the name they
/// are used under, attribute and function-like macros by their function's name.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Macros {
    pub derives: Vec<String>,
    pub attributes: Vec<String>,
    pub functions: Vec<String>,
}

impl Macros {
    pub fn is_empty(&self) -> bool {
        self.derives.is_empty() && self.attributes.is_empty() && self.functions.is_empty()
    }
}

/// Reads the exported macros of a crate root's source; nothing if it does not parse.
pub fn exported_macros(lib_rs: &str) -> Macros {
    let mut macros = Macros::default();
    let Ok(file) = syn::parse_file(lib_rs) else {
        return macros;
    };
    for item in file.items {
        let syn::Item::Fn(function) = item else {
            continue;
        };
        for attr in &function.attrs {
            let path = attr.path();
            if path.is_ident("proc_macro") {
                macros.functions.push(function.sig.ident.to_string());
            } else if path.is_ident("proc_macro_attribute") {
                macros.attributes.push(function.sig.ident.to_string());
            } else if path.is_ident("proc_macro_derive") {
                // `#[proc_macro_derive(Name, attributes(...))]`: the first path is the name.
                let mut name = None;
                let _ = attr.parse_nested_meta(|meta| {
                    if name.is_none() {
                        name = meta.path.get_ident().map(|i| i.to_string());
                    }
                    if meta.input.peek(syn::token::Paren) {
                        let content;
                        syn::parenthesized!(content in meta.input);
                        let _: proc_macro2::TokenStream = content.parse()?;
                    }
                    Ok(())
                });
                macros.derives.extend(name);
            }
        }
    }
    macros
}

/// A crate that uses every macro a proc-macro package exports, so that building it runs them:
/// built alone, a proc-macro crate is only compiled, and its code runs in the compiler of its
/// users. Errors the expansions cause do not matter: the macros have run by then.
pub fn harness(package: &str, macros: &Macros) -> (String, String) {
    let manifest = format!(
        "[package]\nname = \"app\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nunder-test = {{ package = \"{package}\", path = \"../src\" }}\n\n[workspace]\n"
    );
    let mut lib = String::from("#![allow(unused, dead_code)]\n");
    for (i, derive) in macros.derives.iter().enumerate() {
        lib.push_str(&format!(
            "#[derive(under_test::{derive})]\npub struct Derived{i} {{ pub field: u8 }}\n"
        ));
    }
    for (i, attribute) in macros.attributes.iter().enumerate() {
        lib.push_str(&format!(
            "#[under_test::{attribute}]\npub fn attributed{i}() {{}}\n"
        ));
    }
    for function in &macros.functions {
        lib.push_str(&format!("under_test::{function}!();\n"));
    }
    (manifest, lib)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exported_macros_are_read_from_the_crate_root() {
        let source = r#"
            use proc_macro::TokenStream;
            #[proc_macro_derive(Builder, attributes(builder))]
            pub fn derive_builder(input: TokenStream) -> TokenStream { input }
            #[proc_macro_attribute]
            pub fn traced(_: TokenStream, item: TokenStream) -> TokenStream { item }
            #[proc_macro]
            pub fn sql(input: TokenStream) -> TokenStream { input }
            pub fn helper() {}
        "#;
        let macros = exported_macros(source);
        assert_eq!(macros.derives, ["Builder"]);
        assert_eq!(macros.attributes, ["traced"]);
        assert_eq!(macros.functions, ["sql"]);
        let (manifest, lib) = harness("my-macros", &macros);
        assert!(manifest.contains("package = \"my-macros\", path = \"../src\""));
        assert!(lib.contains("#[derive(under_test::Builder)]"));
        assert!(lib.contains("#[under_test::traced]"));
        assert!(lib.contains("under_test::sql!();"));
    }
}
