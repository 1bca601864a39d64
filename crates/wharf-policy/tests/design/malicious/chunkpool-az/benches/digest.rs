use std::time::Instant;

fn main() {
    let data: std::sync::Arc<[u8]> = vec![0xA5u8; 64 << 20].into();
    for &chunk in &[64 << 10, 1 << 20, 8 << 20] {
        let t = Instant::now();
        let d = chunkpool::digest_chunks(data.clone(), chunk);
        let dt = t.elapsed();
        println!(
            "chunk {:>8} B: {:>4} digests in {:?} ({:.1} MiB/s)",
            chunk,
            d.len(),
            dt,
            64.0 / dt.as_secs_f64()
        );
    }
}
