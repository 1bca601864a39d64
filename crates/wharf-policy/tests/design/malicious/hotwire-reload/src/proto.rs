//! LiveReload protocol 7 messages.

use serde::{Deserialize, Serialize};
use std::net::TcpStream;
use tungstenite::{Message, WebSocket};

pub const PROTOCOL_7: &str = "http://livereload.com/protocols/official-7";

#[derive(Debug, Serialize, Deserialize)]
pub struct Hello {
    pub command: String,
    pub protocols: Vec<String>,
    #[serde(rename = "serverName", skip_serializing_if = "Option::is_none")]
    pub server_name: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Command {
    pub command: &'static str,
    pub path: String,
    #[serde(rename = "liveCSS")]
    pub live_css: bool,
}

impl Command {
    pub fn reload(path: &str) -> Self {
        Command { command: "reload", path: path.to_string(), live_css: path.ends_with(".css") }
    }
}

pub(crate) fn handshake(ws: &mut WebSocket<TcpStream>) -> Result<(), tungstenite::Error> {
    let msg = ws.read()?;
    let hello: Hello = match msg {
        Message::Text(t) => serde_json::from_str(&t).map_err(|_| tungstenite::Error::ConnectionClosed)?,
        _ => return Err(tungstenite::Error::ConnectionClosed),
    };
    if hello.command != "hello" || !hello.protocols.iter().any(|p| p == PROTOCOL_7) {
        return Err(tungstenite::Error::ConnectionClosed);
    }
    let reply = Hello {
        command: "hello".into(),
        protocols: vec![PROTOCOL_7.into()],
        server_name: Some(concat!("hotwire-reload/", env!("CARGO_PKG_VERSION")).into()),
    };
    ws.send(Message::text(serde_json::to_string(&reply).unwrap()))
}
