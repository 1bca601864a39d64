use crate::auth::{origin_ok, Token};
use crate::pty;
use anyhow::Result;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{ConnectInfo, Query, State as AxState};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use futures_util::{SinkExt, StreamExt};
use serde::Deserialize;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::sync::Semaphore;

const INDEX: &str = include_str!("../assets/index.html");

#[derive(Clone)]
pub struct State(Arc<Inner>);

struct Inner {
    token: Token,
    command: Vec<String>,
    readonly: bool,
    slots: Arc<Semaphore>,
    cwd: Option<PathBuf>,
    addr: SocketAddr,
}

impl State {
    pub fn new(token: Token, command: Vec<String>, readonly: bool, max: usize, cwd: Option<PathBuf>, addr: SocketAddr) -> State {
        State(Arc::new(Inner { token, command, readonly, slots: Arc::new(Semaphore::new(max.max(1))), cwd, addr }))
    }
}

#[derive(Deserialize)]
struct Auth {
    token: Option<String>,
}

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum Control {
    Resize { cols: u16, rows: u16 },
}

pub async fn run(addr: SocketAddr, state: State) -> Result<()> {
    let app = Router::new().route("/", get(index)).route("/ws", get(ws)).with_state(state);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    tracing::info!(%addr, "listening");
    axum::serve(listener, app.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}

async fn index(AxState(st): AxState<State>, Query(q): Query<Auth>) -> Response {
    if !q.token.as_deref().map(|t| st.0.token.matches(t)).unwrap_or(false) {
        return (StatusCode::UNAUTHORIZED, "missing or wrong token").into_response();
    }
    ([(header::CACHE_CONTROL, "no-store")], Html(INDEX)).into_response()
}

async fn ws(
    AxState(st): AxState<State>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Query(q): Query<Auth>,
    headers: HeaderMap,
    upgrade: WebSocketUpgrade,
) -> Response {
    let origin = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok());
    let host = headers.get(header::HOST).and_then(|v| v.to_str().ok());
    if !origin_ok(origin, host) {
        tracing::warn!(%peer, ?origin, "rejected cross-origin websocket");
        return StatusCode::FORBIDDEN.into_response();
    }
    if !q.token.as_deref().map(|t| st.0.token.matches(t)).unwrap_or(false) {
        tracing::warn!(%peer, "rejected websocket: bad token");
        return StatusCode::UNAUTHORIZED.into_response();
    }
    let Ok(permit) = Arc::clone(&st.0.slots).try_acquire_owned() else {
        return (StatusCode::SERVICE_UNAVAILABLE, "too many clients").into_response();
    };
    upgrade.on_upgrade(move |socket| async move {
        tracing::info!(%peer, served = %st.0.addr, "session start");
        if let Err(e) = session(socket, &st).await {
            tracing::warn!(%peer, error = %e, "session error");
        }
        tracing::info!(%peer, "session end");
        drop(permit);
    })
}

async fn session(socket: WebSocket, st: &State) -> Result<()> {
    let mut p = pty::spawn(&st.0.command, st.0.cwd.as_deref(), 80, 24)?;
    let master = std::fs::File::from(p.master.try_clone()?);
    let mut reader = tokio::fs::File::from_std(master.try_clone()?);
    let mut writer = tokio::fs::File::from_std(master);
    let (mut tx, mut rx) = socket.split();

    let out = tokio::spawn(async move {
        let mut buf = vec![0u8; 8192];
        loop {
            match reader.read(&mut buf).await {
                Ok(0) | Err(_) => break,
                Ok(n) => {
                    if tx.send(Message::Binary(buf[..n].to_vec())).await.is_err() {
                        break;
                    }
                }
            }
        }
    });

    while let Some(Ok(msg)) = rx.next().await {
        match msg {
            Message::Binary(b) if !st.0.readonly => writer.write_all(&b).await?,
            Message::Text(t) => {
                if let Ok(Control::Resize { cols, rows }) = serde_json::from_str(&t) {
                    pty::resize(&p.master, cols.clamp(1, 500), rows.clamp(1, 200));
                }
            }
            Message::Close(_) => break,
            _ => {}
        }
    }
    out.abort();
    let _ = p.child.kill();
    let _ = p.child.wait();
    Ok(())
}
