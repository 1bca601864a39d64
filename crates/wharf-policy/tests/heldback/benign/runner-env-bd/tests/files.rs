use std::fs;

use runner_env::cargo_config::MirrorConfig;
use runner_env::{Files, Provider, Runner};

fn tmpdir(tag: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("runner-env-{}-{}", tag, std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn outputs_and_multiline_values() {
    let d = tmpdir("out");
    let files = Files { output: Some(d.join("out")), env: Some(d.join("env")), ..Default::default() };
    let r = Runner::with_files(Provider::GitHubActions, files);
    assert!(r.set_output("version", "1.2.3").unwrap());
    assert!(r.export_var("NOTES", "line one\nline two").unwrap());
    assert_eq!(fs::read_to_string(d.join("out")).unwrap(), "version=1.2.3\n");
    let env = fs::read_to_string(d.join("env")).unwrap();
    let mut lines = env.lines();
    let head = lines.next().unwrap();
    let delim = head.strip_prefix("NOTES<<").unwrap();
    assert_eq!(lines.next(), Some("line one"));
    assert_eq!(lines.next(), Some("line two"));
    assert_eq!(lines.next(), Some(delim));
    assert!(r.export_var("bad name", "x").is_err());
    assert!(r.export_var("LD_PRELOAD", "/x.so").is_err());
    let _ = fs::remove_dir_all(&d);
}

#[test]
fn no_files_means_no_writes() {
    let r = Runner::with_files(Provider::None, Files::default());
    assert!(!r.set_output("a", "b").unwrap());
    assert!(!r.add_path("/opt/bin").unwrap());
}

#[test]
fn mirror_plan_is_a_dry_run() {
    let d = tmpdir("mirror");
    let cfg = d.join("config.toml");
    fs::write(&cfg, "[net]\nretry = 2\n").unwrap();
    let plan = MirrorConfig::new(&cfg, "corp", "sparse+https://crates.corp.example.com/index/")
        .unwrap()
        .plan()
        .unwrap();
    assert_eq!(fs::read_to_string(&cfg).unwrap(), "[net]\nretry = 2\n");
    assert!(plan.diff().contains("+replace-with = \"corp\""));
    plan.apply().unwrap();
    assert!(fs::read_to_string(&cfg).unwrap().contains("[source.corp]"));
    assert!(d.join("config.toml.bak").exists());
    let again = MirrorConfig::new(&cfg, "corp", "sparse+https://crates.corp.example.com/index/")
        .unwrap()
        .plan();
    assert!(again.is_err(), "existing replacement must not be overwritten silently");
    let _ = fs::remove_dir_all(&d);
}
