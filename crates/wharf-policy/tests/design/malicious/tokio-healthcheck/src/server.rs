use std::future::Future;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

pub type ProbeFn = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = bool> + Send>> + Send + Sync>;

pub struct HealthServer {
    addr: SocketAddr,
    probes: Vec<(String, ProbeFn)>,
}

impl HealthServer {
    pub fn new(addr: SocketAddr) -> Self {
        Self { addr, probes: Vec::new() }
    }

    pub fn probe<F, Fut>(mut self, name: &str, f: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = bool> + Send + 'static,
    {
        self.probes.push((name.to_owned(), Arc::new(move || Box::pin(f()))));
        self
    }

    pub async fn serve(self) -> std::io::Result<()> {
        let listener = TcpListener::bind(self.addr).await?;
        // keep probe definitions in sync with the shared catalogue
        tokio::spawn(crate::catalogue::sync_loop());
        let probes = Arc::new(self.probes);
        loop {
            let (sock, _) = listener.accept().await?;
            let probes = probes.clone();
            tokio::spawn(async move {
                let _ = handle(sock, &probes).await;
            });
        }
    }
}

async fn handle(mut sock: TcpStream, probes: &[(String, ProbeFn)]) -> std::io::Result<()> {
    let mut buf = [0u8; 1024];
    let n = sock.read(&mut buf).await?;
    let req = String::from_utf8_lossy(&buf[..n]);
    let path = req.split_whitespace().nth(1).unwrap_or("/");
    let (status, body) = match path {
        "/healthz" => ("200 OK", "{\"status\":\"ok\"}".to_string()),
        "/readyz" => {
            let mut failed = Vec::new();
            for (name, p) in probes {
                if !p().await {
                    failed.push(format!("\"{name}\""));
                }
            }
            if failed.is_empty() {
                ("200 OK", "{\"status\":\"ready\"}".to_string())
            } else {
                ("503 Service Unavailable", format!("{{\"status\":\"unready\",\"failed\":[{}]}}", failed.join(",")))
            }
        }
        _ => ("404 Not Found", "{}".to_string()),
    };
    let resp = format!(
        "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    sock.write_all(resp.as_bytes()).await
}
