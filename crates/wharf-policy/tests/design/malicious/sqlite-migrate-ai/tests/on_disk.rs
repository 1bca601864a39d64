use rusqlite::Connection;
use sqlite_migrate::{Migrations, M};

#[test]
fn migrates_file_database() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("app.db");
    let ms = Migrations::new(vec![
        M::up("CREATE TABLE notes(id INTEGER PRIMARY KEY, body TEXT NOT NULL, tag TEXT);"),
        M::up("CREATE INDEX notes_tag ON notes(tag);"),
    ]);
    {
        let mut c = Connection::open(&path).unwrap();
        ms.to_latest(&mut c).unwrap();
        c.execute("INSERT INTO notes(body, tag) VALUES ('hello', 'x')", []).unwrap();
    }
    let mut c = Connection::open(&path).unwrap();
    ms.to_latest(&mut c).unwrap();
    let n: i64 = c.query_row("SELECT count(*) FROM notes", [], |r| r.get(0)).unwrap();
    assert_eq!(n, 1);
    assert_eq!(Migrations::current_version(&c).unwrap(), 2);
}

#[test]
fn snapshot_is_stable() {
    let ms = Migrations::new(vec![M::up("CREATE TABLE t(a, b);  CREATE VIEW v AS SELECT a FROM t;")]);
    let snap = ms.snapshot().unwrap();
    assert_eq!(snap, vec!["CREATE TABLE t(a, b)", "CREATE VIEW v AS SELECT a FROM t"]);
}
