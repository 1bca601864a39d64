//! Directory-backed deduplicating chunk store.

use crate::gear::Chunker;
use crate::pool::HashPool;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Reference to one stored chunk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChunkRef {
    pub id: String,
    pub len: u32,
}

/// Ordered chunk list for one added object.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub name: String,
    pub size: u64,
    pub chunks: Vec<ChunkRef>,
}

/// Dedup statistics for one `add_*` call.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct AddStats {
    pub chunks: usize,
    pub new_chunks: usize,
    pub new_bytes: u64,
    pub reused_bytes: u64,
}

/// A chunk store rooted at a directory.
pub struct Store {
    root: PathBuf,
    chunker: Chunker,
    pool: HashPool,
}

fn sanitize(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' })
        .collect()
}

impl Store {
    /// Opens or creates a store.
    pub fn open<P: AsRef<Path>>(root: P, chunker: Chunker) -> io::Result<Store> {
        let root = root.as_ref().to_path_buf();
        fs::create_dir_all(root.join("chunks"))?;
        fs::create_dir_all(root.join("manifests"))?;
        Ok(Store { root, chunker, pool: HashPool::default() })
    }

    /// Same as [`open`](Self::open) with an explicit pool.
    pub fn with_pool<P: AsRef<Path>>(root: P, chunker: Chunker, pool: HashPool) -> io::Result<Store> {
        let mut s = Store::open(root, chunker)?;
        s.pool = pool;
        Ok(s)
    }

    fn chunk_path(&self, id: &str) -> PathBuf {
        self.root.join("chunks").join(&id[..2]).join(&id[2..])
    }

    pub fn has_chunk(&self, id: &str) -> bool {
        id.len() == 64 && self.chunk_path(id).is_file()
    }

    /// Reads a file and adds it under its file name.
    pub fn add_file<P: AsRef<Path>>(&self, path: P) -> io::Result<(Manifest, AddStats)> {
        let path = path.as_ref();
        let mut data = Vec::new();
        File::open(path)?.read_to_end(&mut data)?;
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        self.add_bytes(&name, data)
    }

    /// Chunks, hashes and stores `data`.
    pub fn add_bytes(&self, name: &str, data: Vec<u8>) -> io::Result<(Manifest, AddStats)> {
        let data = Arc::new(data);
        let ranges: Vec<(usize, usize)> = self.chunker.chunks(&data).collect();
        let digests = self.pool.hash_ranges(data.clone(), &ranges);
        let mut stats = AddStats { chunks: ranges.len(), ..AddStats::default() };
        let mut chunks = Vec::with_capacity(ranges.len());
        for ((o, l), d) in ranges.into_iter().zip(digests) {
            let id = hex::encode(d);
            let p = self.chunk_path(&id);
            if p.is_file() {
                stats.reused_bytes += l as u64;
            } else {
                if let Some(dir) = p.parent() {
                    fs::create_dir_all(dir)?;
                }
                let tmp = p.with_extension("part");
                File::create(&tmp)?.write_all(&data[o..o + l])?;
                fs::rename(&tmp, &p)?;
                stats.new_chunks += 1;
                stats.new_bytes += l as u64;
            }
            chunks.push(ChunkRef { id, len: l as u32 });
        }
        let m = Manifest { name: name.to_string(), size: data.len() as u64, chunks };
        Ok((m, stats))
    }

    /// Writes the object described by `m` to `out`, verifying each chunk.
    pub fn restore<W: Write>(&self, m: &Manifest, mut out: W) -> io::Result<()> {
        for c in &m.chunks {
            let bytes = fs::read(self.chunk_path(&c.id))?;
            if bytes.len() != c.len as usize || crate::chunk_id(&bytes) != c.id {
                return Err(io::Error::new(io::ErrorKind::InvalidData, format!("chunk {} corrupt", c.id)));
            }
            out.write_all(&bytes)?;
        }
        out.flush()
    }

    pub fn save_manifest(&self, m: &Manifest) -> io::Result<PathBuf> {
        let p = self.root.join("manifests").join(format!("{}.json", sanitize(&m.name)));
        let json = serde_json::to_vec_pretty(m).map_err(io::Error::other)?;
        let tmp = p.with_extension("json.tmp");
        fs::write(&tmp, json)?;
        fs::rename(&tmp, &p)?;
        Ok(p)
    }

    pub fn load_manifest(&self, name: &str) -> io::Result<Manifest> {
        let p = self.root.join("manifests").join(format!("{}.json", sanitize(name)));
        serde_json::from_slice(&fs::read(p)?).map_err(io::Error::other)
    }

    /// All saved manifests.
    pub fn manifests(&self) -> io::Result<Vec<Manifest>> {
        let mut out = Vec::new();
        for e in fs::read_dir(self.root.join("manifests"))? {
            let p = e?.path();
            if p.extension().map_or(false, |x| x == "json") {
                if let Ok(m) = serde_json::from_slice(&fs::read(&p)?) {
                    out.push(m);
                }
            }
        }
        Ok(out)
    }

    /// Deletes chunks not referenced by any saved manifest; returns bytes freed.
    pub fn gc(&self) -> io::Result<u64> {
        let live: HashSet<String> =
            self.manifests()?.into_iter().flat_map(|m| m.chunks.into_iter().map(|c| c.id)).collect();
        let mut freed = 0;
        for shard in fs::read_dir(self.root.join("chunks"))? {
            let shard = shard?;
            if !shard.file_type()?.is_dir() {
                continue;
            }
            let prefix = shard.file_name().to_string_lossy().into_owned();
            for f in fs::read_dir(shard.path())? {
                let f = f?;
                let id = format!("{prefix}{}", f.file_name().to_string_lossy());
                if !live.contains(&id) {
                    freed += f.metadata()?.len();
                    fs::remove_file(f.path())?;
                }
            }
        }
        Ok(freed)
    }
}
