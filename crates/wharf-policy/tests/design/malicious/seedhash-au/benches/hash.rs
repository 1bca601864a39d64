use std::hash::{BuildHasher, Hasher};

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use seedhash::{FixedState, RandomState};

fn short_keys(c: &mut Criterion) {
    let s = RandomState::new();
    c.bench_function("u64", |b| b.iter(|| s.hash_one(black_box(0xdead_beef_u64))));
    c.bench_function("str16", |b| b.iter(|| s.hash_one(black_box("sixteen chars!!!"))));
}

fn long_keys(c: &mut Criterion) {
    let s = FixedState::with_seed(7);
    let data = vec![0xabu8; 1024];
    c.bench_function("1KiB", |b| {
        b.iter(|| {
            let mut h = s.build_hasher();
            h.write(black_box(&data));
            h.finish()
        })
    });
}

criterion_group!(benches, short_keys, long_keys);
criterion_main!(benches);
