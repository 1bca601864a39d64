use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use noncebench::{hash_range, header, Algo};

fn kernels(c: &mut Criterion) {
    let h = header(42);
    let mut g = c.benchmark_group("nonce-kernels");
    g.throughput(Throughput::Elements(1024));
    g.bench_function("sha256d x1024", |b| b.iter(|| hash_range(Algo::Sha256d, &h, 0, 1024, 16)));
    g.bench_function("blake3 x1024", |b| b.iter(|| hash_range(Algo::Blake3, &h, 0, 1024, 16)));
    g.finish();
}

criterion_group!(benches, kernels);
criterion_main!(benches);
