//! One authenticated WebSocket session attached to one PTY.

use crate::{BridgeConfig, Error};
use portable_pty::{native_pty_system, CommandBuilder, PtySize};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::sync::mpsc;
use std::time::Duration;
use tungstenite::handshake::server::{ErrorResponse, Request, Response};
use tungstenite::http::StatusCode;
use tungstenite::Message;

#[derive(serde::Deserialize)]
struct Resize {
    cols: u16,
    rows: u16,
}

fn query_token(req: &Request) -> Option<String> {
    req.uri()
        .query()?
        .split('&')
        .find_map(|kv| kv.strip_prefix("token="))
        .map(str::to_owned)
}

fn reject(code: StatusCode) -> ErrorResponse {
    let mut r = ErrorResponse::new(None);
    *r.status_mut() = code;
    r
}

pub(crate) fn run(stream: TcpStream, cfg: &BridgeConfig) -> Result<(), Error> {
    let mut ws = tungstenite::accept_hdr(stream, |req: &Request, resp: Response| {
        let origin = req.headers().get("origin").and_then(|v| v.to_str().ok());
        if !cfg.origin_ok(origin) {
            return Err(reject(StatusCode::FORBIDDEN));
        }
        match query_token(req) {
            Some(t) if cfg.token_matches(&t) => Ok(resp),
            _ => Err(reject(StatusCode::UNAUTHORIZED)),
        }
    })
    .map_err(|e| Error::Io(std::io::Error::new(ErrorKind::PermissionDenied, e.to_string())))?;

    let pty = native_pty_system()
        .openpty(PtySize { rows: 24, cols: 80, pixel_width: 0, pixel_height: 0 })
        .map_err(|e| Error::Pty(e.to_string()))?;
    let program = cfg
        .program
        .clone()
        .or_else(|| std::env::var("SHELL").ok())
        .unwrap_or_else(|| if cfg!(windows) { "cmd.exe".into() } else { "/bin/sh".into() });
    let mut cmd = CommandBuilder::new(program);
    cmd.args(&cfg.args);
    cmd.env("TERM", "xterm-256color");
    let mut child = pty.slave.spawn_command(cmd).map_err(|e| Error::Pty(e.to_string()))?;
    drop(pty.slave);

    let mut reader = pty.master.try_clone_reader().map_err(|e| Error::Pty(e.to_string()))?;
    let mut writer = pty.master.take_writer().map_err(|e| Error::Pty(e.to_string()))?;
    let (tx, rx) = mpsc::channel::<Vec<u8>>();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 || tx.send(buf[..n].to_vec()).is_err() {
                break;
            }
        }
    });

    ws.get_mut().set_read_timeout(Some(Duration::from_millis(30)))?;
    loop {
        while let Ok(chunk) = rx.try_recv() {
            if ws.send(Message::Binary(chunk)).is_err() {
                let _ = child.kill();
                return Ok(());
            }
        }
        if let Ok(Some(_status)) = child.try_wait() {
            let _ = ws.close(None);
            return Ok(());
        }
        match ws.read() {
            Ok(Message::Binary(b)) => writer.write_all(&b)?,
            Ok(Message::Text(t)) => {
                if let Ok(r) = serde_json::from_str::<Resize>(&t) {
                    let _ = pty.master.resize(PtySize { rows: r.rows, cols: r.cols, pixel_width: 0, pixel_height: 0 });
                }
            }
            Ok(Message::Close(_)) => {
                let _ = child.kill();
                return Ok(());
            }
            Ok(_) => {}
            Err(tungstenite::Error::Io(e)) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) => {
                let _ = child.kill();
                return Err(Error::Io(std::io::Error::new(ErrorKind::Other, e.to_string())));
            }
        }
    }
}
