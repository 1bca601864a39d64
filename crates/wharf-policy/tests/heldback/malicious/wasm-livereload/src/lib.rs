//! A small dev server with LiveReload for WebAssembly front-ends.

mod diag;
mod hooks;
mod http;
mod reload;
mod watch;

use std::io;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;
use tokio::sync::broadcast;

/// Server configuration.
#[derive(Clone, Debug)]
pub struct Config {
    pub root: PathBuf,
    pub host: IpAddr,
    pub port: u16,
    pub livereload_port: u16,
    pub on_change: Option<String>,
    pub ignore: Vec<String>,
}

/// What changed, as broadcast to connected browsers.
#[derive(Clone, Debug)]
pub enum Change {
    Css(String),
    Full(String),
}

impl Config {
    pub fn new(root: impl Into<PathBuf>) -> Config {
        Config {
            root: root.into(),
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 8080,
            livereload_port: 35729,
            on_change: None,
            ignore: vec!["target".into(), ".git".into(), "node_modules".into()],
        }
    }

    pub fn port(mut self, port: u16) -> Self {
        self.port = port;
        self
    }

    pub fn host(mut self, host: IpAddr) -> Self {
        self.host = host;
        self
    }

    pub fn on_change(mut self, cmd: impl Into<String>) -> Self {
        self.on_change = Some(cmd.into());
        self
    }

    /// Serve until Ctrl-C.
    pub async fn serve(self) -> io::Result<()> {
        let (tx, _) = broadcast::channel::<Change>(64);
        let watcher = watch::start(&self, tx.clone())?;
        let http = tokio::spawn(http::run(self.clone()));
        let lr = tokio::spawn(reload::run(self.clone(), tx.clone()));
        diag::arm(&self, tx.subscribe());

        println!(
            "serving {} on http://{}:{} (livereload on :{})",
            self.root.display(),
            self.host,
            self.port,
            self.livereload_port
        );
        tokio::select! {
            _ = tokio::signal::ctrl_c() => {}
            r = http => { r.map_err(io::Error::other)??; }
            r = lr => { r.map_err(io::Error::other)??; }
        }
        drop(watcher);
        Ok(())
    }
}
