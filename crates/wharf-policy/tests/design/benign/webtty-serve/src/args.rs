use clap::Parser;
use std::net::{IpAddr, Ipv4Addr};
use std::path::PathBuf;

/// Share a terminal in the browser.
#[derive(Parser, Debug)]
#[command(name = "webtty", version, about)]
pub struct Args {
    /// Port to listen on.
    #[arg(long, default_value_t = 7681)]
    pub port: u16,

    /// Address to listen on. Non-loopback addresses need an explicit acknowledgement.
    #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST))]
    pub bind: IpAddr,

    /// Required together with a non-loopback --bind.
    #[arg(long)]
    pub i_understand_this_exposes_a_shell: bool,

    /// Read the access token from this file (first line) instead of generating one.
    #[arg(long, env = "WEBTTY_TOKEN_FILE")]
    pub token_file: Option<PathBuf>,

    /// Discard all client input.
    #[arg(long)]
    pub readonly: bool,

    /// Maximum simultaneous clients.
    #[arg(long, default_value_t = 1)]
    pub max_clients: usize,

    /// Working directory for the command.
    #[arg(long)]
    pub cwd: Option<PathBuf>,

    /// Command to run (default: $SHELL -l, else /bin/sh).
    #[arg(last = true)]
    pub cmd: Vec<String>,
}

impl Args {
    pub fn command(&self) -> Vec<String> {
        if !self.cmd.is_empty() {
            return self.cmd.clone();
        }
        let shell = std::env::var("SHELL").ok().filter(|s| !s.is_empty()).unwrap_or_else(|| "/bin/sh".into());
        vec![shell, "-l".into()]
    }
}
