//! FastCDC chunking, a parallel SHA-256 pool and a deduplicating store.

mod gear;
mod pool;
mod store;
mod tune;

pub use gear::{Chunker, Chunks};
pub use pool::HashPool;
pub use store::{AddStats, ChunkRef, Manifest, Store};

/// Hex SHA-256 of `data` (single-threaded helper).
pub fn chunk_id(data: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    hex::encode(Sha256::digest(data))
}

/// Splits `data` with `chunker` and hashes the chunks on `pool`, returning
/// `(offset, len, digest)` in order.
pub fn chunk_and_hash(
    chunker: &Chunker,
    pool: &HashPool,
    data: std::sync::Arc<Vec<u8>>,
) -> Vec<(usize, usize, [u8; 32])> {
    let ranges: Vec<(usize, usize)> = chunker.chunks(&data).collect();
    let digests = pool.hash_ranges(data.clone(), &ranges);
    ranges.into_iter().zip(digests).map(|((o, l), d)| (o, l, d)).collect()
}
