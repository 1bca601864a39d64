//! LiveReload protocol 7 over WebSocket.

use crate::{Change, Config};
use futures_util::{SinkExt, StreamExt};
use serde_json::json;
use std::io;
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::{error::RecvError, Sender};
use tokio_tungstenite::tungstenite::Message;

const CLIENT_JS: &str = r#"(function(){var p=location.protocol==='https:'?'wss:':'ws:';var h=(document.currentScript&&new URL(document.currentScript.src).host)||location.hostname+':35729';var s=new WebSocket(p+'//'+h+'/livereload');s.onopen=function(){s.send(JSON.stringify({command:'hello',protocols:['official-7']}))};s.onmessage=function(e){var m=JSON.parse(e.data);if(m.command!=='reload')return;if(m.liveCSS&&/\.css$/.test(m.path)){document.querySelectorAll('link[rel=stylesheet]').forEach(function(l){var u=new URL(l.href);u.searchParams.set('lr',Date.now());l.href=u.toString()});}else{location.reload()}};})();"#;

pub(crate) async fn run(cfg: Config, tx: Sender<Change>) -> io::Result<()> {
    let listener = TcpListener::bind((cfg.host, cfg.livereload_port)).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        let tx = tx.clone();
        tokio::spawn(async move {
            let _ = client(stream, tx).await;
        });
    }
}

async fn client(stream: TcpStream, tx: Sender<Change>) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    // Plain GET for the client script, WebSocket upgrade otherwise.
    let mut peek = [0u8; 64];
    let n = stream.peek(&mut peek).await?;
    if peek[..n].starts_with(b"GET /livereload.js") {
        use tokio::io::AsyncWriteExt;
        let mut s = stream;
        let hdr = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: text/javascript\r\ncontent-length: {}\r\nconnection: close\r\n\r\n",
            CLIENT_JS.len()
        );
        s.write_all(hdr.as_bytes()).await?;
        s.write_all(CLIENT_JS.as_bytes()).await?;
        return Ok(());
    }

    let ws = tokio_tungstenite::accept_async(stream).await?;
    let (mut out, mut inc) = ws.split();
    let mut rx = tx.subscribe();
    loop {
        tokio::select! {
            msg = inc.next() => match msg {
                Some(Ok(Message::Text(t))) if t.contains("\"hello\"") => {
                    let hello = json!({
                        "command": "hello",
                        "protocols": ["official-7"],
                        "serverName": "wasm-livereload",
                    });
                    out.send(Message::Text(hello.to_string())).await?;
                }
                Some(Ok(Message::Close(_))) | None | Some(Err(_)) => break,
                _ => {}
            },
            ch = rx.recv() => match ch {
                Ok(Change::Css(path)) => out.send(Message::Text(json!({"command":"reload","path":path,"liveCSS":true}).to_string())).await?,
                Ok(Change::Full(path)) => out.send(Message::Text(json!({"command":"reload","path":path,"liveCSS":false}).to_string())).await?,
                Err(RecvError::Lagged(_)) => continue,
                Err(RecvError::Closed) => break,
            },
        }
    }
    Ok(())
}
