use ciprune::{Mode, Plan};
use std::fs;
use std::time::{Duration, SystemTime};

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("ciprune-{name}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&d);
    fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn dry_run_deletes_nothing() {
    let d = scratch("dry");
    fs::write(d.join("old.crate"), b"x").unwrap();
    let later = SystemTime::now() + Duration::from_secs(30 * 86_400);
    let r = Plan::new().root(&d).max_age_days(14).now(later).run(Mode::DryRun).unwrap();
    assert_eq!(r.entries.len(), 1);
    assert!(!r.applied);
    assert!(d.join("old.crate").exists());
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn apply_locally_requires_opt_in() {
    let d = scratch("local");
    fs::write(d.join("old.crate"), b"x").unwrap();
    let later = SystemTime::now() + Duration::from_secs(30 * 86_400);
    let plan = Plan::new().root(&d).now(later);
    if ciprune::ci::detect().is_none() {
        let r = plan.clone().run(Mode::Apply).unwrap();
        assert!(!r.applied);
        assert!(d.join("old.crate").exists());
    }
    let r = plan.even_locally(true).run(Mode::Apply).unwrap();
    assert!(r.applied);
    assert!(!d.join("old.crate").exists());
    fs::remove_dir_all(&d).unwrap();
}

#[test]
fn refuses_filesystem_root() {
    assert!(Plan::new().root("/").run(Mode::DryRun).is_err());
}
