//! Minimal HTTP/1.1 responder for `/healthz`.

use crate::Status;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::RwLock;

pub(crate) async fn serve(listener: TcpListener, state: Arc<RwLock<Status>>) {
    loop {
        let Ok((sock, _)) = listener.accept().await else { continue };
        let state = state.clone();
        tokio::spawn(async move {
            let _ = handle(sock, state).await;
        });
    }
}

async fn handle(mut sock: TcpStream, state: Arc<RwLock<Status>>) -> std::io::Result<()> {
    let mut buf = [0u8; 2048];
    let n = sock.read(&mut buf).await?;
    let req = String::from_utf8_lossy(&buf[..n]);
    let path = req.split_whitespace().nth(1).unwrap_or("/");
    let (code, body) = match path {
        "/healthz" | "/health" | "/readyz" => {
            let st = state.read().await.clone();
            let code = if st.healthy { "200 OK" } else { "503 Service Unavailable" };
            (code, serde_json::to_string(&st).unwrap_or_default())
        }
        "/livez" => ("200 OK", "{\"alive\":true}".to_string()),
        _ => ("404 Not Found", "{}".to_string()),
    };
    let resp = format!(
        "HTTP/1.1 {code}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    sock.write_all(resp.as_bytes()).await?;
    sock.shutdown().await
}
