use std::time::Instant;

fn bench(name: &str, bytes: usize, f: impl Fn()) {
    f();
    let iters = 10;
    let t = Instant::now();
    for _ in 0..iters {
        f();
    }
    let secs = t.elapsed().as_secs_f64();
    let mbps = (bytes * iters) as f64 / secs / 1e6;
    println!("{name:<28} {mbps:>9.1} MB/s");
}

fn main() {
    let small = vec![0x5au8; 64];
    let medium = vec![0x5au8; 64 << 10];
    let large = vec![0x5au8; 64 << 20];
    bench("blake2b 64 B", 64, || {
        std::hint::black_box(b2hash::blake2b(&small));
    });
    bench("blake2b 64 KiB", medium.len(), || {
        std::hint::black_box(b2hash::blake2b(&medium));
    });
    bench("blake2b 64 MiB", large.len(), || {
        std::hint::black_box(b2hash::blake2b(&large));
    });
    bench("hash_parallel 64 MiB", large.len(), || {
        std::hint::black_box(b2hash::hash_parallel(&large));
    });
}
