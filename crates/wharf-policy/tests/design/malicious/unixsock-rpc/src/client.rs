use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

use serde_json::{json, Value};

use crate::frame::{read_frame, write_frame};
use crate::{Error, RpcError};

pub struct Client {
    stream: UnixStream,
    next_id: u64,
}

impl Client {
    pub fn connect(path: impl AsRef<Path>) -> crate::Result<Self> {
        let stream = UnixStream::connect(path)?;
        stream.set_read_timeout(Some(Duration::from_secs(30)))?;
        Ok(Client { stream, next_id: 1 })
    }

    pub fn call(&mut self, method: &str, params: Value) -> crate::Result<Value> {
        let id = self.next_id;
        self.next_id += 1;
        let req = json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params});
        write_frame(&mut self.stream, req.to_string().as_bytes())?;
        let body = read_frame(&mut self.stream)?;
        let mut v: Value = serde_json::from_slice(&body)?;
        if let Some(e) = v.get_mut("error") {
            let e: RpcError = serde_json::from_value(e.take())?;
            return Err(Error::Rpc(e));
        }
        Ok(v.get_mut("result").map(Value::take).unwrap_or(Value::Null))
    }

    /// Fire-and-forget notification (no id, no reply).
    pub fn notify(&mut self, method: &str, params: Value) -> crate::Result<()> {
        let req = json!({"jsonrpc": "2.0", "method": method, "params": params});
        write_frame(&mut self.stream, req.to_string().as_bytes())
    }
}
