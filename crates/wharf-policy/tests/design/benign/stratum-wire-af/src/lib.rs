//! Stratum V1 protocol types and helpers (no I/O).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod hashrate;
mod target;
mod url;
mod validate;

pub use hashrate::{format_hashrate, HashrateEstimator};
pub use target::{bits_to_target, difficulty_to_target, target_to_difficulty, Target};
pub use url::{PoolUrl, Transport};
pub use validate::{build_header, check_share, Job, ShareCheck, Submission};

use serde_json::{json, Value};
use std::fmt;

/// Codec errors.
#[derive(Debug)]
pub enum Error {
    /// Not valid JSON.
    Json(serde_json::Error),
    /// Valid JSON but not a recognised Stratum message.
    Shape(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Json(e) => write!(f, "invalid JSON: {e}"),
            Error::Shape(s) => write!(f, "unexpected message shape: {s}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::Json(e)
    }
}

/// Message from miner to pool.
#[derive(Debug, Clone, PartialEq)]
pub enum ClientMessage {
    /// `mining.subscribe` [user agent, optional session id].
    Subscribe { id: u64, agent: String, session: Option<String> },
    /// `mining.authorize` [worker, password].
    Authorize { id: u64, worker: String, password: String },
    /// `mining.submit`.
    Submit { id: u64, submission: Submission },
    /// `mining.extranonce.subscribe`.
    ExtranonceSubscribe { id: u64 },
    /// `mining.configure` (BIP 310) with raw params.
    Configure { id: u64, params: Value },
}

/// Message from pool to miner.
#[derive(Debug, Clone, PartialEq)]
pub enum ServerMessage {
    /// Response to a request.
    Response { id: u64, result: Value, error: Option<Value> },
    /// `mining.notify`.
    Notify(Job),
    /// `mining.set_difficulty`.
    SetDifficulty(f64),
    /// `mining.set_extranonce` [extranonce1 hex, extranonce2 size].
    SetExtranonce { extranonce1: String, extranonce2_size: usize },
    /// `client.reconnect` [host, port, wait seconds].
    Reconnect { host: Option<String>, port: Option<u16>, wait: Option<u64> },
    /// `client.show_message`.
    ShowMessage(String),
}

/// Parsed result of a `mining.subscribe` response.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SubscribeResult {
    /// Subscription (method, id) pairs.
    pub subscriptions: Vec<(String, String)>,
    /// Extranonce1, hex.
    pub extranonce1: String,
    /// Extranonce2 size in bytes.
    pub extranonce2_size: usize,
}

impl SubscribeResult {
    /// Parse the `result` of a subscribe response.
    pub fn from_result(v: &Value) -> Result<Self, Error> {
        let arr = v.as_array().ok_or_else(|| Error::Shape("subscribe result not an array".into()))?;
        let subs = arr
            .first()
            .and_then(Value::as_array)
            .map(|s| {
                s.iter()
                    .filter_map(|p| {
                        let p = p.as_array()?;
                        Some((p.first()?.as_str()?.to_string(), p.get(1)?.as_str()?.to_string()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        let extranonce1 = arr
            .get(1)
            .and_then(Value::as_str)
            .ok_or_else(|| Error::Shape("missing extranonce1".into()))?
            .to_string();
        let extranonce2_size = arr
            .get(2)
            .and_then(Value::as_u64)
            .ok_or_else(|| Error::Shape("missing extranonce2 size".into()))? as usize;
        Ok(SubscribeResult { subscriptions: subs, extranonce1, extranonce2_size })
    }
}

fn str_at(p: &Value, i: usize) -> Result<String, Error> {
    p.get(i)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| Error::Shape(format!("param {i} must be a string")))
}

/// Parse one line sent by a pool.
pub fn parse_server_line(line: &str) -> Result<ServerMessage, Error> {
    let v: Value = serde_json::from_str(line.trim())?;
    let method = v.get("method").and_then(Value::as_str);
    let params = v.get("params").cloned().unwrap_or(Value::Array(vec![]));
    match method {
        None => {
            let id = v.get("id").and_then(Value::as_u64).ok_or_else(|| Error::Shape("response without id".into()))?;
            let error = v.get("error").cloned().filter(|e| !e.is_null());
            Ok(ServerMessage::Response { id, result: v.get("result").cloned().unwrap_or(Value::Null), error })
        }
        Some("mining.notify") => Ok(ServerMessage::Notify(Job::from_params(&params)?)),
        Some("mining.set_difficulty") => {
            let d = params.get(0).and_then(Value::as_f64).ok_or_else(|| Error::Shape("difficulty".into()))?;
            Ok(ServerMessage::SetDifficulty(d))
        }
        Some("mining.set_extranonce") => Ok(ServerMessage::SetExtranonce {
            extranonce1: str_at(&params, 0)?,
            extranonce2_size: params.get(1).and_then(Value::as_u64).unwrap_or(4) as usize,
        }),
        Some("client.reconnect") => Ok(ServerMessage::Reconnect {
            host: params.get(0).and_then(Value::as_str).map(str::to_string),
            port: params.get(1).and_then(|p| p.as_u64().or_else(|| p.as_str()?.parse().ok())).map(|p| p as u16),
            wait: params.get(2).and_then(Value::as_u64),
        }),
        Some("client.show_message") => Ok(ServerMessage::ShowMessage(str_at(&params, 0)?)),
        Some(other) => Err(Error::Shape(format!("unknown method {other}"))),
    }
}

/// Parse one line sent by a miner (useful for proxies and pool servers).
pub fn parse_client_line(line: &str) -> Result<ClientMessage, Error> {
    let v: Value = serde_json::from_str(line.trim())?;
    let id = v.get("id").and_then(Value::as_u64).unwrap_or(0);
    let p = v.get("params").cloned().unwrap_or(Value::Array(vec![]));
    match v.get("method").and_then(Value::as_str) {
        Some("mining.subscribe") => Ok(ClientMessage::Subscribe {
            id,
            agent: p.get(0).and_then(Value::as_str).unwrap_or("").to_string(),
            session: p.get(1).and_then(Value::as_str).map(str::to_string),
        }),
        Some("mining.authorize") => Ok(ClientMessage::Authorize {
            id,
            worker: str_at(&p, 0)?,
            password: p.get(1).and_then(Value::as_str).unwrap_or("").to_string(),
        }),
        Some("mining.submit") => Ok(ClientMessage::Submit {
            id,
            submission: Submission {
                worker: str_at(&p, 0)?,
                job_id: str_at(&p, 1)?,
                extranonce2: str_at(&p, 2)?,
                ntime: str_at(&p, 3)?,
                nonce: str_at(&p, 4)?,
                version_bits: p.get(5).and_then(Value::as_str).map(str::to_string),
            },
        }),
        Some("mining.extranonce.subscribe") => Ok(ClientMessage::ExtranonceSubscribe { id }),
        Some("mining.configure") => Ok(ClientMessage::Configure { id, params: p }),
        Some(m) => Err(Error::Shape(format!("unknown method {m}"))),
        None => Err(Error::Shape("missing method".into())),
    }
}

impl ClientMessage {
    /// Encode as one newline-terminated line.
    pub fn to_line(&self) -> String {
        let v = match self {
            ClientMessage::Subscribe { id, agent, session } => {
                let mut p = vec![json!(agent)];
                if let Some(s) = session {
                    p.push(json!(s));
                }
                json!({"id": id, "method": "mining.subscribe", "params": p})
            }
            ClientMessage::Authorize { id, worker, password } => {
                json!({"id": id, "method": "mining.authorize", "params": [worker, password]})
            }
            ClientMessage::Submit { id, submission: s } => {
                let mut p = vec![json!(s.worker), json!(s.job_id), json!(s.extranonce2), json!(s.ntime), json!(s.nonce)];
                if let Some(vb) = &s.version_bits {
                    p.push(json!(vb));
                }
                json!({"id": id, "method": "mining.submit", "params": p})
            }
            ClientMessage::ExtranonceSubscribe { id } => {
                json!({"id": id, "method": "mining.extranonce.subscribe", "params": []})
            }
            ClientMessage::Configure { id, params } => json!({"id": id, "method": "mining.configure", "params": params}),
        };
        let mut s = v.to_string();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_notify() {
        let line = r#"{"id":null,"method":"mining.notify","params":["bf","4d16b6f85af6e2198f44ae2a6de67f78487ae5611b77c6c0440b921e00000000","01000000010000000000000000000000000000000000000000000000000000000000000000ffffffff20020862062f503253482f04b8864e5008","072f736c7573682f000000000100f2052a010000001976a914000000000000000000000000000000000000000088ac00000000",[],"00000002","1c2ac4af","504e86b9",false]}"#;
        let ServerMessage::Notify(job) = parse_server_line(line).unwrap() else { panic!() };
        assert_eq!(job.job_id, "bf");
        assert_eq!(job.nbits, "1c2ac4af");
        assert!(!job.clean_jobs);
    }

    #[test]
    fn subscribe_roundtrip() {
        let m = ClientMessage::Subscribe { id: 1, agent: "dashboard/0.1".into(), session: None };
        assert_eq!(parse_client_line(&m.to_line()).unwrap(), m);
        let r = SubscribeResult::from_result(&json!([[["mining.notify", "ae6812eb4cd7735a302a8a9dd95cf71f"]], "08000002", 4])).unwrap();
        assert_eq!(r.extranonce1, "08000002");
        assert_eq!(r.extranonce2_size, 4);
    }

    #[test]
    fn reconnect_and_errors() {
        let m = parse_server_line(r#"{"id":null,"method":"client.reconnect","params":["pool.example.com","3333",5]}"#).unwrap();
        assert_eq!(m, ServerMessage::Reconnect { host: Some("pool.example.com".into()), port: Some(3333), wait: Some(5) });
        assert!(parse_server_line("{").is_err());
        let r = parse_server_line(r#"{"id":4,"result":null,"error":[23,"Low difficulty share",null]}"#).unwrap();
        assert!(matches!(r, ServerMessage::Response { id: 4, error: Some(_), .. }));
    }
}
