//! Compiler flag probing.
//!
//! `cc::Build::is_flag_supported` spawns the compiler once per flag and writes into OUT_DIR;
//! we wrap it so that one broken probe (exotic cross compilers print odd diagnostics) does not
//! fail the whole build.

use std::fs;
use std::path::Path;

pub fn supported_flags<'a>(build: &cc::Build, out_dir: &Path, candidates: &[&'a str]) -> Vec<&'a str> {
    let scratch = out_dir.join("flag-probe");
    let _ = fs::create_dir_all(&scratch);
    let mut probe = build.clone();
    probe.out_dir(&scratch).cargo_metadata(false).warnings(false);

    candidates
        .iter()
        .copied()
        .filter(|flag| {
            let ok = probe.is_flag_supported(flag).unwrap_or(false);
            if !ok {
                println!("cargo:warning=fastcrc64: compiler does not accept {flag}, continuing without it");
            }
            ok
        })
        .collect()
}
