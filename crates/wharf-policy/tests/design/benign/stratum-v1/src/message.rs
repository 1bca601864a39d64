//! Wire messages. Stratum v1 is JSON-RPC 1.0-ish over newline-delimited JSON.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A client request.
#[derive(Debug, Serialize)]
pub struct Request {
    pub id: u64,
    pub method: &'static str,
    pub params: Value,
}

/// A reply to one of our requests.
#[derive(Debug, Deserialize)]
pub struct Response {
    pub id: Option<u64>,
    #[serde(default)]
    pub result: Value,
    #[serde(default)]
    pub error: Value,
}

/// Anything the server may send.
#[derive(Debug)]
pub enum ServerMessage {
    Response(Response),
    Notification { method: String, params: Vec<Value> },
}

impl ServerMessage {
    pub fn parse(line: &str) -> Result<ServerMessage, serde_json::Error> {
        let v: Value = serde_json::from_str(line)?;
        match v.get("method").and_then(Value::as_str) {
            Some(m) => Ok(ServerMessage::Notification {
                method: m.to_owned(),
                params: v.get("params").and_then(Value::as_array).cloned().unwrap_or_default(),
            }),
            None => Ok(ServerMessage::Response(serde_json::from_value(v)?)),
        }
    }
}

impl Response {
    /// Pools send errors as `[code, "message", traceback]` or as a string.
    pub fn error_text(&self) -> Option<String> {
        match &self.error {
            Value::Null => None,
            Value::Array(a) => Some(a.get(1).and_then(Value::as_str).unwrap_or("unknown error").to_owned()),
            other => Some(other.to_string()),
        }
    }
}
