use crate::Error;
use serde_json::Value;

/// A `mining.notify` job announcement.
#[derive(Debug, Clone, PartialEq)]
pub struct Notify {
    pub job_id: String,
    pub prev_hash: String,
    pub version: String,
    pub nbits: String,
    pub ntime: String,
    pub clean_jobs: bool,
}

/// Stratum v1 messages relevant to statistics.
#[derive(Debug, Clone, PartialEq)]
pub enum Message {
    SetDifficulty(f64),
    Notify(Notify),
    /// A share submitted by a worker (request id, worker name, job id).
    Submit { id: u64, worker: String, job_id: String },
    /// Pool's answer to a request.
    Result { id: u64, accepted: bool, error: Option<String> },
    Authorize { id: u64, worker: String },
    Other(String),
}

impl Message {
    pub fn parse(line: &str) -> Result<Self, Error> {
        // tolerate "<timestamp> <direction> {json}" log prefixes
        let json = match line.find('{') {
            Some(i) => &line[i..],
            None => return Err(Error::Parse(line.chars().take(40).collect())),
        };
        let v: Value = serde_json::from_str(json)?;
        let id = v.get("id").and_then(Value::as_u64);
        let params = v.get("params").and_then(Value::as_array);
        let s = |i: usize| -> String {
            params.and_then(|p| p.get(i)).and_then(Value::as_str).unwrap_or_default().to_string()
        };
        if let Some(method) = v.get("method").and_then(Value::as_str) {
            return Ok(match method {
                "mining.set_difficulty" => Message::SetDifficulty(
                    params.and_then(|p| p.first()).and_then(Value::as_f64).unwrap_or(1.0),
                ),
                "mining.notify" => Message::Notify(Notify {
                    job_id: s(0),
                    prev_hash: s(1),
                    version: s(5),
                    nbits: s(6),
                    ntime: s(7),
                    clean_jobs: params.and_then(|p| p.get(8)).and_then(Value::as_bool).unwrap_or(false),
                }),
                "mining.submit" => Message::Submit { id: id.unwrap_or(0), worker: s(0), job_id: s(1) },
                "mining.authorize" => Message::Authorize { id: id.unwrap_or(0), worker: s(0) },
                other => Message::Other(other.to_string()),
            });
        }
        if let Some(id) = id {
            let error = match v.get("error") {
                Some(Value::Null) | None => None,
                Some(e) => Some(e.to_string()),
            };
            let accepted = v.get("result").and_then(Value::as_bool).unwrap_or(false) && error.is_none();
            return Ok(Message::Result { id, accepted, error });
        }
        Err(Error::Parse("no method or id".into()))
    }
}
