//! Minimal static file server (GET/HEAD only) with LiveReload client injection.

use crate::Config;
use std::io;
use std::path::{Component, Path, PathBuf};
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};

pub(crate) async fn run(cfg: Config) -> io::Result<()> {
    let listener = TcpListener::bind((cfg.host, cfg.port)).await?;
    loop {
        let (stream, _) = listener.accept().await?;
        let cfg = cfg.clone();
        tokio::spawn(async move {
            let _ = handle(stream, &cfg).await;
        });
    }
}

async fn handle(stream: TcpStream, cfg: &Config) -> io::Result<()> {
    let (r, mut w) = stream.into_split();
    let mut reader = BufReader::new(r);
    let mut request_line = String::new();
    reader.read_line(&mut request_line).await?;
    let mut header = String::new();
    while reader.read_line(&mut header).await? > 2 {
        header.clear();
    }
    let mut parts = request_line.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    if method != "GET" && method != "HEAD" {
        return respond(&mut w, 405, "text/plain", b"method not allowed", method == "HEAD").await;
    }
    let Some(path) = resolve(&cfg.root, target) else {
        return respond(&mut w, 403, "text/plain", b"forbidden", false).await;
    };
    match tokio::fs::read(&path).await {
        Ok(mut body) => {
            let mime = mime_for(&path);
            if mime.starts_with("text/html") {
                body = inject(&body, cfg.livereload_port);
            }
            respond(&mut w, 200, mime, &body, method == "HEAD").await
        }
        Err(_) => respond(&mut w, 404, "text/plain", b"not found", method == "HEAD").await,
    }
}

fn resolve(root: &Path, target: &str) -> Option<PathBuf> {
    let path = target.split(['?', '#']).next().unwrap_or("/");
    let mut out = root.to_path_buf();
    for c in Path::new(path.trim_start_matches('/')).components() {
        match c {
            Component::Normal(s) => out.push(s),
            Component::CurDir => {}
            _ => return None, // no `..`, no absolute paths
        }
    }
    if out.is_dir() {
        out.push("index.html");
    }
    Some(out)
}

fn mime_for(p: &Path) -> &'static str {
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" | "htm" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript",
        "wasm" => "application/wasm",
        "css" => "text/css",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        _ => "application/octet-stream",
    }
}

fn inject(html: &[u8], lr_port: u16) -> Vec<u8> {
    let snippet = format!(
        "<script>document.write('<script src=\"http://' + (location.host || 'localhost').split(':')[0] + ':{lr_port}/livereload.js?snipver=1\"></' + 'script>')</script>"
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{}{}", &text[..i], snippet, &text[i..]).into_bytes(),
        None => format!("{text}{snippet}").into_bytes(),
    }
}

async fn respond(w: &mut (impl AsyncWriteExt + Unpin), code: u16, mime: &str, body: &[u8], head: bool) -> io::Result<()> {
    let reason = match code {
        200 => "OK",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Method Not Allowed",
    };
    let hdr = format!(
        "HTTP/1.1 {code} {reason}\r\ncontent-type: {mime}\r\ncontent-length: {}\r\ncache-control: no-store\r\nconnection: close\r\n\r\n",
        body.len()
    );
    w.write_all(hdr.as_bytes()).await?;
    if !head {
        w.write_all(body).await?;
    }
    w.flush().await
}
