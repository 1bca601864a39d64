use std::io::Write;

use logroll::{RollingFile, Rotation, Zone};

fn tmpdir(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("logroll-test-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn size_rotation_creates_sequence() {
    let dir = tmpdir("size");
    let mut log = RollingFile::builder(&dir, "app")
        .rotation(Rotation::Size(64))
        .zone(Zone::fixed(0))
        .keep(3)
        .inline_retention()
        .build()
        .unwrap();
    for i in 0..40 {
        writeln!(log, "line number {i:04}").unwrap();
    }
    drop(log);
    let count = std::fs::read_dir(&dir).unwrap().count();
    assert!(count <= 4, "kept {count}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn daily_name_uses_local_date() {
    let dir = tmpdir("daily");
    let log = RollingFile::builder(&dir, "svc").zone(Zone::fixed(3600)).build().unwrap();
    let name = log.current_path().file_name().unwrap().to_str().unwrap().to_string();
    assert!(name.starts_with("svc.20") && name.ends_with(".log"), "{name}");
    drop(log);
    std::fs::remove_dir_all(&dir).unwrap();
}
