//! Minimal GET/PUT client for the cache.

use std::io::Read;
use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::config::Config;

const MAX_OBJECT: u64 = 512 << 20;

pub struct Client<'a> {
    cfg: &'a Config,
    agent: ureq::Agent,
}

fn sha_hex(b: &[u8]) -> String {
    Sha256::digest(b).iter().map(|x| format!("{x:02x}")).collect()
}

impl<'a> Client<'a> {
    pub fn new(cfg: &'a Config) -> Client<'a> {
        let agent = ureq::AgentBuilder::new()
            .timeout_connect(Duration::from_secs(5))
            .timeout(Duration::from_secs(120))
            // Redirects could carry the Authorization header elsewhere.
            .redirects(0)
            .user_agent(concat!("objcache-build/", env!("CARGO_PKG_VERSION")))
            .build();
        Client { cfg, agent }
    }

    fn url(&self, key: &str) -> String {
        format!("{}/v1/obj/{}.a", self.cfg.base, key)
    }

    fn request(&self, method: &str, key: &str) -> ureq::Request {
        let mut req = self.agent.request(method, &self.url(key));
        if let Some(t) = &self.cfg.token {
            req = req.set("Authorization", &format!("Bearer {t}"));
        }
        req
    }

    pub fn get(&self, key: &str) -> Result<Option<Vec<u8>>, String> {
        match self.request("GET", key).call() {
            Ok(resp) => {
                let expected = resp.header("X-Objcache-Sha256").map(str::to_owned);
                let mut bytes = Vec::new();
                resp.into_reader()
                    .take(MAX_OBJECT)
                    .read_to_end(&mut bytes)
                    .map_err(|e| e.to_string())?;
                match expected {
                    Some(h) if h == sha_hex(&bytes) => Ok(Some(bytes)),
                    _ => Err("cached object failed verification; ignoring it".into()),
                }
            }
            Err(ureq::Error::Status(404, _)) => Ok(None),
            Err(e) => Err(e.to_string()),
        }
    }

    pub fn put(&self, key: &str, bytes: &[u8]) -> Result<(), String> {
        self.request("PUT", key)
            .set("Content-Type", "application/x-archive")
            .set("X-Objcache-Sha256", &sha_hex(bytes))
            .send_bytes(bytes)
            .map(|_| ())
            .map_err(|e| e.to_string())
    }
}
