use std::io::Write;

use dailyroll::{format_day, parse_day, Builder, Retention, Stamp};

fn scratch(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("dailyroll-test-{}-{}", name, std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

#[test]
fn writes_into_dated_file() {
    let dir = scratch("write");
    {
        let mut w = Builder::new(&dir, "app").utc().build().unwrap();
        writeln!(w, "line one").unwrap();
        w.flush().unwrap();
        let name = w.current_path().unwrap().file_name().unwrap().to_string_lossy().into_owned();
        let s = Stamp::parse(&name, "app").unwrap();
        assert_eq!(s.part, 0);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn prunes_by_count() {
    let dir = scratch("count");
    std::fs::create_dir_all(&dir).unwrap();
    let today = parse_day("2030-01-10").unwrap();
    for d in 0..5 {
        let name = Stamp { day: today - 10 - d, part: 0 }.file_name("app");
        std::fs::write(dir.join(name), b"x").unwrap();
    }
    {
        let mut w = Builder::new(&dir, "app")
            .utc()
            .retention(Retention::KEEP_ALL.max_files(2))
            .prune_on_drop(false)
            .build()
            .unwrap();
        assert!(w.prune() >= 3);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn day_format() {
    assert_eq!(format_day(19_723), "2024-01-01");
}
