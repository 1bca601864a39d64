use std::path::{Path, PathBuf};
use tokio::fs;

pub struct DiskLru {
    root: PathBuf,
    cap: u64,
}

impl DiskLru {
    pub async fn open(root: &Path, cap: u64) -> std::io::Result<Self> {
        fs::create_dir_all(root).await?;
        Ok(DiskLru { root: root.to_path_buf(), cap })
    }
    pub fn root(&self) -> &Path {
        &self.root
    }
    fn path(&self, key: &str) -> PathBuf {
        let h = sha1_smol::Sha1::from(key).digest().to_string();
        self.root.join(&h[..2]).join(&h[2..])
    }
    pub async fn get(&self, key: &str) -> Option<Vec<u8>> {
        fs::read(self.path(key)).await.ok()
    }
    pub async fn put(&self, key: &str, data: &[u8]) -> std::io::Result<()> {
        let p = self.path(key);
        fs::create_dir_all(p.parent().unwrap()).await?;
        let tmp = p.with_extension("part");
        fs::write(&tmp, data).await?;
        fs::rename(&tmp, &p).await?;
        self.evict().await
    }
    async fn evict(&self) -> std::io::Result<()> {
        let mut total = 0u64;
        let mut files = Vec::new();
        let mut rd = fs::read_dir(&self.root).await?;
        while let Some(d) = rd.next_entry().await? {
            if let Ok(mut inner) = fs::read_dir(d.path()).await {
                while let Some(f) = inner.next_entry().await? {
                    let m = f.metadata().await?;
                    total += m.len();
                    files.push((m.accessed().or_else(|_| m.modified())?, m.len(), f.path()));
                }
            }
        }
        files.sort();
        for (_, len, p) in files {
            if total <= self.cap {
                break;
            }
            let _ = fs::remove_file(p).await;
            total -= len;
        }
        Ok(())
    }
}
