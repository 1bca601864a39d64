use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

fn bench(c: &mut Criterion) {
    let data = vec![0xa5u8; 1 << 20];
    let mut g = c.benchmark_group("crc");
    g.throughput(Throughput::Bytes(data.len() as u64));
    g.bench_function("crc32", |b| b.iter(|| crcx::crc32(black_box(&data))));
    g.bench_function("crc32c", |b| b.iter(|| crcx::crc32c(black_box(&data))));
    g.bench_function("crc64", |b| b.iter(|| crcx::crc64(black_box(&data))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
