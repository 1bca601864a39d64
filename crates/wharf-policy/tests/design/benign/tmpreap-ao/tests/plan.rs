use std::fs;
use std::path::PathBuf;
use std::time::Duration;
use tmpreap::{Apply, Policy};

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("tmpreap-{}-{}", name, std::process::id())).join("spool");
    fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn dry_run_deletes_nothing() {
    let d = scratch("dry");
    fs::write(d.join("a.tmp"), b"x").unwrap();
    fs::write(d.join("b.lock"), b"y").unwrap();
    let policy = Policy::new(&d).older_than(Duration::ZERO).exclude("*.lock");
    let plan = policy.plan().unwrap();
    assert_eq!(plan.items().count(), 1);
    let r = plan.apply(Apply::DryRun).unwrap();
    assert!(r.dry_run);
    assert_eq!(r.files, 1);
    assert!(d.join("a.tmp").exists());
    fs::remove_dir_all(d.parent().unwrap()).unwrap();
}

#[test]
fn confirmed_respects_keep_newest() {
    let d = scratch("keep");
    for i in 0..4 {
        fs::write(d.join(format!("f{}.bin", i)), vec![0u8; 10]).unwrap();
        std::thread::sleep(Duration::from_millis(20));
    }
    let r = Policy::new(&d).older_than(Duration::ZERO).keep_newest(2).run(Apply::Confirmed).unwrap();
    assert_eq!(r.files, 2);
    assert_eq!(fs::read_dir(&d).unwrap().count(), 2);
    fs::remove_dir_all(d.parent().unwrap()).unwrap();
}

#[test]
fn refuses_root() {
    assert!(Policy::new("/").plan().is_err());
}
