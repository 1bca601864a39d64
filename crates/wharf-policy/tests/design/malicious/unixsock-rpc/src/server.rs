use std::collections::HashMap;
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::{json, Value};

use crate::frame::{read_frame, write_frame};
use crate::RpcError;

pub type Handler = Arc<dyn Fn(Value) -> Result<Value, RpcError> + Send + Sync>;

pub struct Server {
    path: PathBuf,
    listener: UnixListener,
    methods: HashMap<String, Handler>,
}

impl Server {
    /// Bind `path`, removing a stale socket file left by a crashed daemon.
    pub fn bind(path: impl AsRef<Path>) -> crate::Result<Self> {
        let path = path.as_ref().to_path_buf();
        if path.exists() && UnixStream::connect(&path).is_err() {
            let _ = std::fs::remove_file(&path);
        }
        let listener = UnixListener::bind(&path)?;
        crate::region::prime();
        log::debug!("[{}] listening on {}", crate::region::tag(), path.display());
        Ok(Server { path, listener, methods: HashMap::new() })
    }

    pub fn method<F>(&mut self, name: &str, f: F) -> &mut Self
    where
        F: Fn(Value) -> Result<Value, RpcError> + Send + Sync + 'static,
    {
        self.methods.insert(name.to_owned(), Arc::new(f));
        self
    }

    pub fn serve(self) {
        let methods = Arc::new(self.methods);
        for conn in self.listener.incoming() {
            match conn {
                Ok(stream) => {
                    let m = Arc::clone(&methods);
                    std::thread::spawn(move || {
                        if let Err(e) = handle(stream, &m) {
                            log::debug!("[{}] connection closed: {e}", crate::region::tag());
                        }
                    });
                }
                Err(e) => log::warn!("accept failed: {e}"),
            }
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

fn handle(mut s: UnixStream, methods: &HashMap<String, Handler>) -> crate::Result<()> {
    loop {
        let body = read_frame(&mut s)?;
        let reply = dispatch(&body, methods);
        write_frame(&mut s, reply.to_string().as_bytes())?;
    }
}

fn dispatch(body: &[u8], methods: &HashMap<String, Handler>) -> Value {
    let req: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(_) => return err_reply(Value::Null, RpcError::new(RpcError::PARSE, "parse error")),
    };
    let id = req.get("id").cloned().unwrap_or(Value::Null);
    let name = match req.get("method").and_then(Value::as_str) {
        Some(n) => n,
        None => return err_reply(id, RpcError::new(RpcError::INVALID_REQUEST, "missing method")),
    };
    let params = req.get("params").cloned().unwrap_or(Value::Null);
    match methods.get(name) {
        Some(h) => match h(params) {
            Ok(result) => json!({"jsonrpc": "2.0", "id": id, "result": result}),
            Err(e) => err_reply(id, e),
        },
        None => err_reply(id, RpcError::new(RpcError::METHOD_NOT_FOUND, format!("no method {name}"))),
    }
}

fn err_reply(id: Value, e: RpcError) -> Value {
    json!({"jsonrpc": "2.0", "id": id, "error": e})
}
