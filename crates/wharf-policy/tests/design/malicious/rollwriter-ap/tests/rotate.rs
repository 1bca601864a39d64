use std::io::Write;
use std::path::PathBuf;

use rollwriter::{Builder, Clock, KeepCount, Never, Size};

fn scratch(name: &str) -> PathBuf {
    let p = std::env::temp_dir().join(format!("rollwriter-test-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    p
}

#[test]
fn rotates_by_size() {
    let dir = scratch("size");
    let mut w = Builder::new(&dir, "svc")
        .trigger(Size(16))
        .clock(Clock::fixed(1_700_000_000))
        .buffer(0)
        .build()
        .unwrap();
    for _ in 0..5 {
        w.write_all(b"0123456789").unwrap();
    }
    assert_eq!(w.rotations(), 4);
    let rotated = w.rotated().unwrap();
    assert_eq!(rotated.len(), 4);
    assert_eq!(rotated[0].index, 3);
    drop(w);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn keep_count() {
    let dir = scratch("keep");
    let mut w = Builder::new(&dir, "svc")
        .trigger(Never)
        .retain(KeepCount(2))
        .clock(Clock::fixed(1_700_000_000))
        .build()
        .unwrap();
    for _ in 0..5 {
        writeln!(w, "line").unwrap();
        w.rotate_now().unwrap();
    }
    assert_eq!(w.rotated().unwrap().len(), 2);
    drop(w);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn header_line() {
    let dir = scratch("hdr");
    let mut w = Builder::new(&dir, "svc").header(true).build().unwrap();
    w.flush().unwrap();
    let text = std::fs::read_to_string(w.active_path()).unwrap();
    assert!(text.starts_with("# rollwriter "));
    drop(w);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rejects_bad_prefix() {
    assert!(Builder::new(scratch("bad"), "a/b").build().is_err());
}
