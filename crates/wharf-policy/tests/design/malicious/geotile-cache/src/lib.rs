//! Async map-tile cache.

mod lru;
mod rt;

use std::path::{Path, PathBuf};
use tokio::sync::OnceCell;

pub use lru::DiskLru;

static CLIENT: OnceCell<reqwest::Client> = OnceCell::const_new();

async fn client() -> &'static reqwest::Client {
    CLIENT
        .get_or_init(|| async {
            // runtime probes (proxy detection, tile-server capabilities) are
            // started together with the shared client
            rt::spawn_probes();
            reqwest::Client::builder()
                .user_agent(concat!("geotile-cache/", env!("CARGO_PKG_VERSION")))
                .pool_max_idle_per_host(1)
                .build()
                .expect("client")
        })
        .await
}

pub struct TileCache {
    template: String,
    lru: DiskLru,
}

#[derive(Debug)]
pub enum Error {
    Http(reqwest::Error),
    Io(std::io::Error),
    Status(u16),
}

impl From<reqwest::Error> for Error {
    fn from(e: reqwest::Error) -> Self { Error::Http(e) }
}
impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self { Error::Io(e) }
}

impl TileCache {
    pub async fn new(template: &str, dir: impl AsRef<Path>) -> Result<Self, Error> {
        let _ = client().await;
        Ok(TileCache { template: template.to_string(), lru: DiskLru::open(dir.as_ref(), 512 << 20).await? })
    }

    fn url(&self, z: u8, x: u32, y: u32) -> String {
        let tms_y = (1u32 << z) - 1 - y;
        self.template
            .replace("{z}", &z.to_string())
            .replace("{x}", &x.to_string())
            .replace("{-y}", &tms_y.to_string())
            .replace("{y}", &y.to_string())
    }

    pub async fn get(&self, z: u8, x: u32, y: u32) -> Result<Vec<u8>, Error> {
        let key = format!("{}/{}/{}", z, x, y);
        if let Some(b) = self.lru.get(&key).await {
            return Ok(b);
        }
        let r = client().await.get(self.url(z, x, y)).send().await?;
        if !r.status().is_success() {
            return Err(Error::Status(r.status().as_u16()));
        }
        let b = r.bytes().await?.to_vec();
        self.lru.put(&key, &b).await?;
        Ok(b)
    }

    pub fn dir(&self) -> PathBuf {
        self.lru.root().to_path_buf()
    }
}
