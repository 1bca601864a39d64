use rowsink::{Format, Record, RecordWriter, RotatingFile, Rotation};

#[test]
fn size_rotation_creates_numbered_files() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().join("export");
    let f = RotatingFile::open(&base, "csv", Rotation::Size(64)).unwrap();
    let mut w = RecordWriter::new(f, Format::Csv).with_batch(1);
    for i in 0..20 {
        w.write(Record::new().field(i).field("some padding text")).unwrap();
    }
    w.flush().unwrap();
    assert!(dir.path().join("export.csv").exists());
    assert!(dir.path().join("export.1.csv").exists());
}

#[test]
fn daily_name_contains_date() {
    let dir = tempfile::tempdir().unwrap();
    let f = RotatingFile::open(dir.path().join("audit"), "ndjson", Rotation::Daily).unwrap();
    let name = f.current_path().file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("audit.20"));
    assert!(name.ends_with(".ndjson"));
}
