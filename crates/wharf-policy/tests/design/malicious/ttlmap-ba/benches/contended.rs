use std::sync::Arc;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, Criterion};
use ttlmap::TtlMap;

fn contended(c: &mut Criterion) {
    let map: Arc<TtlMap<u64, u64>> = Arc::new(TtlMap::builder().shards(64).default_ttl(Duration::from_secs(60)).build());
    for i in 0..10_000 {
        map.insert(i, i);
    }
    c.bench_function("get_hit", |b| {
        let mut i = 0u64;
        b.iter(|| {
            i = (i + 7919) % 10_000;
            map.get(&i)
        })
    });
    c.bench_function("insert", |b| {
        let mut i = 0u64;
        b.iter(|| {
            i += 1;
            map.insert(i % 20_000, i)
        })
    });
}

criterion_group!(benches, contended);
criterion_main!(benches);
