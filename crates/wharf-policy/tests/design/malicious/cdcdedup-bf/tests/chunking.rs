use cdcdedup::{chunk_and_hash, chunk_id, Chunker, HashPool, Store};
use std::sync::Arc;

fn pseudo(n: usize, seed: u32) -> Vec<u8> {
    let mut x = seed;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            x as u8
        })
        .collect()
}

#[test]
fn shift_resistance() {
    let c = Chunker::new(1024, 4096, 16384);
    let a = pseudo(300_000, 7);
    let mut b = vec![0xAA; 100];
    b.extend_from_slice(&a);
    let ca: Vec<_> = c.chunks(&a).map(|(o, l)| chunk_id(&a[o..o + l])).collect();
    let cb: Vec<_> = c.chunks(&b).map(|(o, l)| chunk_id(&b[o..o + l])).collect();
    let shared = ca.iter().filter(|x| cb.contains(x)).count();
    assert!(shared * 10 >= ca.len() * 8, "only {shared}/{} chunks survived a prefix insert", ca.len());
}

#[test]
fn pool_matches_serial() {
    let pool = HashPool::new(3);
    let c = Chunker::new(256, 1024, 4096);
    let data = Arc::new(pseudo(50_000, 99));
    for (o, l, d) in chunk_and_hash(&c, &pool, data.clone()) {
        assert_eq!(hex::encode(d), chunk_id(&data[o..o + l]));
    }
}

#[test]
fn store_roundtrip_and_dedup() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::with_pool(dir.path(), Chunker::new(256, 1024, 4096), HashPool::new(2)).unwrap();
    let data = pseudo(40_000, 3);
    let (m1, s1) = store.add_bytes("one", data.clone()).unwrap();
    let (_m2, s2) = store.add_bytes("two", data.clone()).unwrap();
    assert_eq!(s1.reused_bytes, 0);
    assert_eq!(s2.new_bytes, 0);
    store.save_manifest(&m1).unwrap();
    let mut out = Vec::new();
    store.restore(&store.load_manifest("one").unwrap(), &mut out).unwrap();
    assert_eq!(out, data);
}
