use std::io::Write;
use std::time::Duration;

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("atomwrite-test-{}-{}", name, std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d
}

#[test]
fn commit_replaces_target() {
    let d = scratch("commit");
    let p = d.join("a.txt");
    std::fs::write(&p, b"old").unwrap();
    let mut f = atomwrite::Options::new().housekeeping(false).open(&p).unwrap();
    f.write_all(b"new").unwrap();
    f.commit().unwrap();
    assert_eq!(std::fs::read(&p).unwrap(), b"new");
}

#[test]
fn drop_without_commit_keeps_target() {
    let d = scratch("drop");
    let p = d.join("b.txt");
    std::fs::write(&p, b"keep").unwrap();
    {
        let mut f = atomwrite::Options::new().housekeeping(false).open(&p).unwrap();
        f.write_all(b"discarded").unwrap();
    }
    assert_eq!(std::fs::read(&p).unwrap(), b"keep");
    let leftovers: Vec<_> = std::fs::read_dir(&d)
        .unwrap()
        .flatten()
        .filter(|e| atomwrite::is_temp_name(&e.file_name().to_string_lossy()))
        .collect();
    assert!(leftovers.is_empty());
}

#[test]
fn sweep_dry_run_lists_only_temp_names() {
    let d = scratch("sweep");
    std::fs::write(d.join("keep.toml"), b"x").unwrap();
    std::fs::write(d.join(".keep.toml.~aw0b00-abcdef.tmp"), b"x").unwrap();
    let r = atomwrite::sweep_stale(&d, Duration::from_secs(0), true).unwrap();
    assert_eq!(r.removed.len(), 1);
    assert!(d.join("keep.toml").exists());
}
