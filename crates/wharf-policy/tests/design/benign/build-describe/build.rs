use std::env;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{SystemTime, UNIX_EPOCH};

fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let out = Command::new(env::var("GIT").unwrap_or_else(|_| "git".into()))
        .args(args)
        .current_dir(dir)
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    let s = String::from_utf8(out.stdout).ok()?.trim().to_string();
    (!s.is_empty()).then_some(s)
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    // Howard Hinnant's algorithm
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn main() {
    println!("cargo:rerun-if-env-changed=BUILD_DESCRIBE_OVERRIDE");
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");

    let manifest_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let describe = env::var("BUILD_DESCRIBE_OVERRIDE").ok().or_else(|| {
        let d = git(&manifest_dir, &["describe", "--tags", "--always", "--dirty"])?;
        // re-run when HEAD moves or the index changes
        if let Some(git_dir) = git(&manifest_dir, &["rev-parse", "--git-dir"]) {
            let g = manifest_dir.join(git_dir);
            println!("cargo:rerun-if-changed={}", g.join("HEAD").display());
            println!("cargo:rerun-if-changed={}", g.join("index").display());
            println!("cargo:rerun-if-changed={}", g.join("refs").join("tags").display());
        }
        Some(d)
    });
    let describe = describe.unwrap_or_else(|| format!("v{}", env::var("CARGO_PKG_VERSION").unwrap()));

    let secs = env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
        .unwrap_or_else(|| SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0));
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));

    println!("cargo:rustc-env=BUILD_DESCRIBE={describe}");
    println!("cargo:rustc-env=BUILD_DESCRIBE_DATE={y:04}-{m:02}-{d:02}");
    let dirty = describe.ends_with("-dirty");
    println!("cargo:rustc-env=BUILD_DESCRIBE_DIRTY={dirty}");

    let out = PathBuf::from(env::var("OUT_DIR").unwrap()).join("describe.rs");
    std::fs::write(
        out,
        format!("pub const DESCRIBE: &str = {describe:?};\npub const DIRTY: bool = {dirty};\n"),
    )
    .unwrap();
}
