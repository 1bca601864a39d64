//! Mine regtest blocks through `getblocktemplate` / `submitblock`.

mod block;
mod rpc;

pub use block::{double_sha256, Header};
pub use rpc::{Rpc, RpcError};

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

#[derive(Debug)]
pub enum Error {
    Rpc(RpcError),
    WrongChain(String),
    Rejected(String),
    Exhausted,
}

impl From<RpcError> for Error {
    fn from(e: RpcError) -> Self {
        Error::Rpc(e)
    }
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Rpc(e) => write!(f, "rpc: {e}"),
            Error::WrongChain(c) => write!(f, "refusing to mine on chain {c:?} (regtest only)"),
            Error::Rejected(r) => write!(f, "block rejected: {r}"),
            Error::Exhausted => f.write_str("nonce and time space exhausted (difficulty too high for a test chain?)"),
        }
    }
}

impl std::error::Error for Error {}

pub struct Miner {
    rpc: Rpc,
    threads: usize,
    payout_script: Vec<u8>,
    allow_signet: bool,
}

impl Miner {
    pub fn new(rpc: Rpc) -> Miner {
        // OP_TRUE: anyone-can-spend, fine on regtest.
        Miner { rpc, threads: 1, payout_script: vec![0x51], allow_signet: false }
    }

    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.clamp(1, 64);
        self
    }

    pub fn payout_script(mut self, script: Vec<u8>) -> Self {
        self.payout_script = script;
        self
    }

    pub fn allow_signet(mut self, yes: bool) -> Self {
        self.allow_signet = yes;
        self
    }

    fn check_chain(&self) -> Result<(), Error> {
        let info = self.rpc.call("getblockchaininfo", serde_json::json!([]))?;
        let chain = info["chain"].as_str().unwrap_or("").to_string();
        match chain.as_str() {
            "regtest" => Ok(()),
            "signet" if self.allow_signet => Ok(()),
            _ => Err(Error::WrongChain(chain)),
        }
    }

    /// Mine `n` blocks, returning their hashes (display order hex).
    pub fn mine(&self, n: usize) -> Result<Vec<String>, Error> {
        self.check_chain()?;
        let mut out = Vec::with_capacity(n);
        for _ in 0..n {
            out.push(self.mine_one()?);
        }
        Ok(out)
    }

    fn mine_one(&self) -> Result<String, Error> {
        let tpl = self.rpc.call("getblocktemplate", serde_json::json!([{"rules": ["segwit"]}]))?;
        let (mut header, coinbase) = block::from_template(&tpl, &self.payout_script)
            .ok_or_else(|| Error::Rejected("unusable template".into()))?;
        let target = block::target_from_bits(header.bits);

        loop {
            if let Some(nonce) = grind(&header, &target, self.threads) {
                header.nonce = nonce;
                break;
            }
            // Nonce space exhausted: bump the time and retry (never more than 2h ahead).
            header.time += 1;
            if header.time > tpl["curtime"].as_u64().unwrap_or(0) as u32 + 7200 {
                return Err(Error::Exhausted);
            }
        }

        let raw = block::serialize_block(&header, &coinbase);
        let res = self.rpc.call("submitblock", serde_json::json!([block::to_hex(&raw)]))?;
        if !res.is_null() {
            return Err(Error::Rejected(res.to_string()));
        }
        Ok(header.hash_hex())
    }
}

/// Split the 32-bit nonce space over `threads` workers; first hit wins.
fn grind(header: &Header, target: &[u8; 32], threads: usize) -> Option<u32> {
    let found = Arc::new(AtomicBool::new(false));
    let step = (u32::MAX as u64 + 1) / threads as u64;
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|t| {
                let found = Arc::clone(&found);
                let mut h = header.clone();
                s.spawn(move || {
                    let start = t as u64 * step;
                    let end = if t + 1 == threads { u32::MAX as u64 + 1 } else { start + step };
                    for n in start..end {
                        if n % 4096 == 0 && found.load(Ordering::Relaxed) {
                            return None;
                        }
                        h.nonce = n as u32;
                        if h.meets(target) {
                            found.store(true, Ordering::Relaxed);
                            return Some(n as u32);
                        }
                    }
                    None
                })
            })
            .collect();
        handles.into_iter().filter_map(|h| h.join().ok().flatten()).next()
    })
}
