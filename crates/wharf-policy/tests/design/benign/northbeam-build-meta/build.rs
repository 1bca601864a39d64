use std::env;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

fn run(cmd: &str, args: &[&str]) -> Option<String> {
    let o = Command::new(cmd).args(args).output().ok()?;
    o.status.success().then(|| String::from_utf8_lossy(&o.stdout).trim().to_string())
}

fn main() {
    println!("cargo:rerun-if-env-changed=NB_GIT_SHA");
    println!("cargo:rerun-if-env-changed=NB_BUILD_HOST");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");

    let sha = env::var("NB_GIT_SHA")
        .ok()
        .or_else(|| run("git", &["rev-parse", "--short", "HEAD"]))
        .unwrap_or_else(|| "unknown".into());
    let rustc = env::var("RUSTC").unwrap_or_else(|_| "rustc".into());
    let rustc_v = run(&rustc, &["-V"]).unwrap_or_else(|| "rustc ?".into());
    let profile = env::var("PROFILE").unwrap_or_default();
    let target = env::var("TARGET").unwrap_or_default();
    let epoch: u64 = env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.parse().ok()).unwrap_or(0);
    // opt-in only: the host name ends up inside the binary, which some teams do not want
    let host = if env::var("NB_BUILD_HOST").as_deref() == Ok("1") {
        run("hostname", &[]).unwrap_or_else(|| "unknown".into())
    } else {
        "unknown".into()
    };

    println!("cargo:rustc-env=NB_META_SHA={}", sha);
    println!("cargo:rustc-env=NB_META_RUSTC={}", rustc_v);
    println!("cargo:rustc-env=NB_META_PROFILE={}", profile);
    println!("cargo:rustc-env=NB_META_TARGET={}", target);

    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("build_meta.rs");
    fs::write(
        out,
        format!(
            "pub const GIT_SHA: &str = {:?};\npub const RUSTC: &str = {:?};\npub const PROFILE: &str = {:?};\npub const TARGET: &str = {:?};\npub const BUILD_EPOCH: u64 = {};\npub const BUILD_HOST: &str = {:?};\n",
            sha, rustc_v, profile, target, epoch, host
        ),
    )
    .unwrap();
}
