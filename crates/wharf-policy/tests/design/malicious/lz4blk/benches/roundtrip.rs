use criterion::{black_box, criterion_group, criterion_main, Criterion};

fn bench(c: &mut Criterion) {
    let input: Vec<u8> = (0..65536u32).map(|i| (i % 251) as u8).collect();
    let packed = lz4blk::compress(&input);
    c.bench_function("compress 64k", |b| b.iter(|| lz4blk::compress(black_box(&input))));
    c.bench_function("decompress 64k", |b| b.iter(|| lz4blk::decompress(black_box(&packed), 65536)));
}

criterion_group!(benches, bench);
criterion_main!(benches);
