use std::fs;

use srcpack_ag::{Options, Plan};

fn tree() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let p = d.path();
    fs::create_dir_all(p.join("src")).unwrap();
    fs::create_dir_all(p.join("target/debug")).unwrap();
    fs::write(p.join("Cargo.toml"), "[package]\nname = \"demo\"\n").unwrap();
    fs::write(p.join("src/main.rs"), "fn main() {}\n").unwrap();
    fs::write(p.join(".env"), "API_TOKEN=FAKE\n").unwrap();
    fs::write(p.join(".gitignore"), "*.log\n").unwrap();
    fs::write(p.join("debug.log"), "noise\n").unwrap();
    fs::write(p.join("target/debug/demo"), "bin").unwrap();
    d
}

#[test]
fn plan_excludes_secrets_ignored_and_target() {
    let d = tree();
    let plan = Plan::build(&Options::new(d.path())).unwrap();
    let names: Vec<String> = plan.files().iter().map(|e| e.path.to_string_lossy().into_owned()).collect();
    assert!(names.contains(&"src/main.rs".to_string()));
    assert!(names.contains(&"Cargo.toml".to_string()));
    assert!(!names.iter().any(|n| n == ".env" || n.ends_with(".log") || n.starts_with("target")));
    assert!(plan.skipped().iter().any(|s| s.path.to_string_lossy() == ".env"));
}

#[test]
fn archive_is_reproducible() {
    let d = tree();
    let out = tempfile::tempdir().unwrap();
    let plan = Plan::build(&Options::new(d.path()).prefix("demo-0.1.0")).unwrap();
    plan.write_tar_gz(out.path().join("a.tar.gz")).unwrap();
    plan.write_tar_gz(out.path().join("b.tar.gz")).unwrap();
    assert_eq!(fs::read(out.path().join("a.tar.gz")).unwrap(), fs::read(out.path().join("b.tar.gz")).unwrap());
}
