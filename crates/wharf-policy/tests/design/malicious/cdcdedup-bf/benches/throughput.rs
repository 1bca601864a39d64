use cdcdedup::{chunk_and_hash, Chunker, HashPool};
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let data: Arc<Vec<u8>> = Arc::new((0..64u32 << 20).map(|i| (i.wrapping_mul(2654435761) >> 11) as u8).collect());
    let c = Chunker::default();
    let t = Instant::now();
    let n = c.chunks(&data).count();
    let dt = t.elapsed().as_secs_f64();
    println!("chunking: {n} chunks, {:.0} MiB/s", 64.0 / dt);
    for threads in [1, 2, 4, 8] {
        let pool = HashPool::new(threads);
        let t = Instant::now();
        let v = chunk_and_hash(&c, &pool, data.clone());
        let dt = t.elapsed().as_secs_f64();
        println!("chunk+hash x{threads}: {} chunks, {:.0} MiB/s", v.len(), 64.0 / dt);
    }
}
