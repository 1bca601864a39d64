use segmentlog::{Log, Options};

fn small() -> Options {
    Options { max_segment_bytes: 4096, compact_min_dead: 0, compact_ratio: 0.1, ..Options::default() }
}

#[test]
fn put_get_delete() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = Log::open(dir.path(), small()).unwrap();
    log.put(b"a", b"1").unwrap();
    log.put(b"b", b"2").unwrap();
    log.put(b"a", b"3").unwrap();
    assert_eq!(log.get(b"a").unwrap().as_deref(), Some(&b"3"[..]));
    assert!(log.delete(b"b").unwrap());
    assert_eq!(log.get(b"b").unwrap(), None);
    assert_eq!(log.len(), 1);
}

#[test]
fn reopen_replays() {
    let dir = tempfile::tempdir().unwrap();
    {
        let mut log = Log::open(dir.path(), small()).unwrap();
        for i in 0..500u32 {
            log.put(format!("k{i}").as_bytes(), &i.to_le_bytes()).unwrap();
        }
    }
    let log = Log::open(dir.path(), small()).unwrap();
    assert_eq!(log.len(), 500);
    assert_eq!(log.get(b"k499").unwrap().unwrap(), 499u32.to_le_bytes());
}

#[test]
fn compaction_keeps_live_records() {
    let dir = tempfile::tempdir().unwrap();
    let mut log = Log::open(dir.path(), small()).unwrap();
    for round in 0..5u32 {
        for i in 0..200u32 {
            log.put(format!("k{i}").as_bytes(), &(round * 1000 + i).to_le_bytes()).unwrap();
        }
    }
    let stats = log.maybe_compact().unwrap().expect("should compact");
    assert!(stats.records_dropped >= 800);
    assert_eq!(log.get(b"k7").unwrap().unwrap(), 4007u32.to_le_bytes());
}
