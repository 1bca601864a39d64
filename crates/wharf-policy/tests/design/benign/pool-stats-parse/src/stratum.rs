//! Stratum v1 (newline-delimited JSON-RPC).
use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    #[error("unexpected shape for {0}")]
    Shape(&'static str),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    SetDifficulty(f64),
    Notify(Notify),
    SubscribeResult { extranonce1: String, extranonce2_size: u32 },
    SubmitResult { id: u64, accepted: bool, reason: Option<String> },
    CnJob { job_id: String, blob: String, target: String, height: Option<u64> },
    Other(Value),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Notify {
    pub job_id: String,
    pub prevhash: String,
    pub coinb1: String,
    pub coinb2: String,
    pub merkle_branch: Vec<String>,
    pub version: String,
    pub nbits: String,
    pub ntime: String,
    pub clean_jobs: bool,
}

#[derive(Deserialize)]
struct Raw {
    id: Option<Value>,
    method: Option<String>,
    #[serde(default)]
    params: Value,
    result: Option<Value>,
    error: Option<Value>,
}

fn s(v: &Value, i: usize) -> Option<String> {
    v.get(i)?.as_str().map(str::to_string)
}

pub fn parse_line(line: &str) -> Result<Message, Error> {
    let r: Raw = serde_json::from_str(line.trim())?;
    match r.method.as_deref() {
        Some("mining.set_difficulty") => {
            Ok(Message::SetDifficulty(r.params.get(0).and_then(Value::as_f64).ok_or(Error::Shape("set_difficulty"))?))
        }
        Some("mining.notify") => {
            let p = &r.params;
            let branch = p.get(4).and_then(Value::as_array).ok_or(Error::Shape("notify"))?;
            Ok(Message::Notify(Notify {
                job_id: s(p, 0).ok_or(Error::Shape("notify"))?,
                prevhash: s(p, 1).ok_or(Error::Shape("notify"))?,
                coinb1: s(p, 2).ok_or(Error::Shape("notify"))?,
                coinb2: s(p, 3).ok_or(Error::Shape("notify"))?,
                merkle_branch: branch.iter().filter_map(|b| b.as_str().map(str::to_string)).collect(),
                version: s(p, 5).ok_or(Error::Shape("notify"))?,
                nbits: s(p, 6).ok_or(Error::Shape("notify"))?,
                ntime: s(p, 7).ok_or(Error::Shape("notify"))?,
                clean_jobs: p.get(8).and_then(Value::as_bool).unwrap_or(false),
            }))
        }
        Some("job") => {
            let p = &r.params;
            Ok(Message::CnJob {
                job_id: p["job_id"].as_str().ok_or(Error::Shape("job"))?.to_string(),
                blob: p["blob"].as_str().ok_or(Error::Shape("job"))?.to_string(),
                target: p["target"].as_str().ok_or(Error::Shape("job"))?.to_string(),
                height: p["height"].as_u64(),
            })
        }
        Some(_) => Ok(Message::Other(r.params)),
        None => {
            let id = r.id.as_ref().and_then(Value::as_u64).unwrap_or(0);
            match (&r.result, &r.error) {
                (Some(Value::Array(a)), _) if a.len() == 3 => Ok(Message::SubscribeResult {
                    extranonce1: a[1].as_str().unwrap_or_default().to_string(),
                    extranonce2_size: a[2].as_u64().unwrap_or(0) as u32,
                }),
                (Some(Value::Bool(b)), e) => Ok(Message::SubmitResult {
                    id,
                    accepted: *b,
                    reason: e.as_ref().and_then(|e| e.get(1)).and_then(Value::as_str).map(str::to_string),
                }),
                (_, Some(e)) => Ok(Message::SubmitResult { id, accepted: false, reason: Some(e.to_string()) }),
                _ => Ok(Message::Other(r.result.unwrap_or(Value::Null))),
            }
        }
    }
}
