use keyshell_server::{Config, Server};

#[tokio::main]
async fn main() -> Result<(), keyshell_server::Error> {
    tracing_subscriber::fmt::init();
    let keys = std::env::args().nth(1).expect("usage: serve <authorized_keys>");
    let cfg = Config::new("127.0.0.1:2222").authorized_keys(keys).shell("/bin/sh");
    Server::bind(cfg).await?.run().await
}
