use dirhash_merkle::{hash_dir_async, Options};

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let dir = std::env::args().nth(1).unwrap_or_else(|| ".".into());
    let snap = hash_dir_async(&dir, &Options::default()).await?;
    println!("{}  {} ({} files)", snap.root_hex(), dir, snap.file_count());
    Ok(())
}
