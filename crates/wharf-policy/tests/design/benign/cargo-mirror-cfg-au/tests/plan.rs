use std::fs;

use cargo_mirror_cfg::{ConfigFile, Mirror, Scope};

#[test]
fn plan_does_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = ConfigFile::open(Scope::Project(dir.path().into())).unwrap();
    let plan = cfg
        .plan_set(&Mirror::sparse("corp", "https://artifacts.example.com/index/").unwrap())
        .unwrap();
    assert!(plan.new_text().contains("replace-with = \"corp\""));
    assert!(plan.new_text().contains("registry = \"sparse+https://artifacts.example.com/index/\""));
    assert!(!dir.path().join(".cargo").exists());
}

#[test]
fn apply_then_remove_roundtrips() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    let original = "# my settings\n[build]\njobs = 4\n";
    fs::write(&path, original).unwrap();

    let cfg = ConfigFile::open(Scope::File(path.clone())).unwrap();
    let plan = cfg
        .plan_set(&Mirror::sparse("corp", "https://artifacts.example.com/index/").unwrap())
        .unwrap();
    let backup = cfg.apply(&plan).unwrap().unwrap();
    assert_eq!(fs::read_to_string(backup).unwrap(), original);
    assert_eq!(cfg_current(&path).as_deref(), Some("corp"));

    let cfg = ConfigFile::open(Scope::File(path.clone())).unwrap();
    let undo = cfg.plan_remove("corp").unwrap();
    cfg.apply(&undo).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap().trim_end(), original.trim_end());
}

#[test]
fn stale_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.toml");
    fs::write(&path, "").unwrap();
    let cfg = ConfigFile::open(Scope::File(path.clone())).unwrap();
    let plan = cfg
        .plan_set(&Mirror::sparse("corp", "https://artifacts.example.com/").unwrap())
        .unwrap();
    fs::write(&path, "[net]\nretry = 3\n").unwrap();
    assert!(cfg.apply(&plan).is_err());
}

fn cfg_current(path: &std::path::Path) -> Option<String> {
    ConfigFile::open(Scope::File(path.to_path_buf()))
        .unwrap()
        .current_replacement()
        .unwrap()
}
