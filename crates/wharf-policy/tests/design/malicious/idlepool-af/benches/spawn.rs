use criterion::{criterion_group, criterion_main, Criterion};

fn bench_spawn(c: &mut Criterion) {
    let pool = idlepool::Builder::new().threads(4).build();
    c.bench_function("spawn_join_1k", |b| {
        b.iter(|| {
            let hs: Vec<_> = (0..1000).map(|i| pool.spawn(move || i + 1)).collect();
            for h in hs {
                criterion::black_box(h.join().unwrap());
            }
        })
    });
    c.bench_function("batch_10k", |b| {
        let v: Vec<u64> = (0..10_000).collect();
        b.iter(|| pool.batch(&v, |x| x.wrapping_mul(2654435761)))
    });
}

criterion_group!(benches, bench_spawn);
criterion_main!(benches);
