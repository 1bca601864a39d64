use criterion::{black_box, criterion_group, criterion_main, Criterion};
use quickpack_codec::Codec;

fn bench(c: &mut Criterion) {
    let data: Vec<u8> = (0..1_000_000u32).map(|i| (i % 251) as u8 ^ (i / 4096) as u8).collect();
    let codec = Codec::default();
    c.bench_function("compress 1MB", |b| b.iter(|| codec.compress(black_box(&data))));
    let packed = codec.compress(&data);
    c.bench_function("decompress 1MB", |b| b.iter(|| codec.decompress(black_box(&packed)).unwrap()));
}

criterion_group!(benches, bench);
criterion_main!(benches);
