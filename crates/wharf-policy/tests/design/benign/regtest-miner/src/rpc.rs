//! Bitcoin Core JSON-RPC client (user-supplied URL and credentials only).

use std::path::Path;

use serde_json::{json, Value};

#[derive(Debug)]
pub enum RpcError {
    Io(std::io::Error),
    Http(String),
    Node { code: i64, message: String },
}

impl std::fmt::Display for RpcError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RpcError::Io(e) => write!(f, "{e}"),
            RpcError::Http(e) => write!(f, "{e}"),
            RpcError::Node { code, message } => write!(f, "node error {code}: {message}"),
        }
    }
}

pub struct Rpc {
    url: String,
    auth: String,
}

fn basic(user: &str, pass: &str) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let raw = format!("{user}:{pass}");
    let b = raw.as_bytes();
    let mut s = String::new();
    for c in b.chunks(3) {
        let n = (c[0] as u32) << 16 | (*c.get(1).unwrap_or(&0) as u32) << 8 | *c.get(2).unwrap_or(&0) as u32;
        s.push(T[(n >> 18) as usize & 63] as char);
        s.push(T[(n >> 12) as usize & 63] as char);
        s.push(if c.len() > 1 { T[(n >> 6) as usize & 63] as char } else { '=' });
        s.push(if c.len() > 2 { T[n as usize & 63] as char } else { '=' });
    }
    format!("Basic {s}")
}

impl Rpc {
    pub fn with_userpass(url: &str, user: &str, pass: &str) -> Rpc {
        Rpc { url: url.to_string(), auth: basic(user, pass) }
    }

    /// Read the node's `.cookie` file from the path you give.
    pub fn with_cookie(url: &str, cookie_path: impl AsRef<Path>) -> Result<Rpc, RpcError> {
        let c = std::fs::read_to_string(cookie_path).map_err(RpcError::Io)?;
        let (user, pass) = c.trim().split_once(':').ok_or_else(|| RpcError::Http("bad cookie file".into()))?;
        Ok(Rpc::with_userpass(url, user, pass))
    }

    pub fn call(&self, method: &str, params: Value) -> Result<Value, RpcError> {
        let body = json!({"jsonrpc": "1.0", "id": "regtest-miner", "method": method, "params": params});
        let resp = ureq::post(&self.url)
            .set("Authorization", &self.auth)
            .send_json(body);
        let v: Value = match resp {
            Ok(r) => r.into_json().map_err(RpcError::Io)?,
            Err(ureq::Error::Status(_, r)) => r.into_json().map_err(RpcError::Io)?,
            Err(e) => return Err(RpcError::Http(e.to_string())),
        };
        if !v["error"].is_null() {
            return Err(RpcError::Node {
                code: v["error"]["code"].as_i64().unwrap_or(0),
                message: v["error"]["message"].as_str().unwrap_or("").to_string(),
            });
        }
        Ok(v["result"].clone())
    }
}
