mod args;
mod auth;
mod pty;
mod server;

use anyhow::{bail, Context, Result};
use clap::Parser;
use std::net::SocketAddr;

#[tokio::main]
async fn main() -> Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "webtty=info".into()))
        .init();

    let args = args::Args::parse();
    let addr = SocketAddr::new(args.bind, args.port);

    if !addr.ip().is_loopback() && !args.i_understand_this_exposes_a_shell {
        bail!(
            "refusing to listen on non-loopback address {addr}: anyone who can reach it and knows the \
             token gets a shell. Use an SSH tunnel, or pass --i-understand-this-exposes-a-shell"
        );
    }

    let token = match &args.token_file {
        Some(p) => auth::Token::from_file(p).with_context(|| format!("reading token from {}", p.display()))?,
        None => auth::Token::generate(),
    };

    let command = args.command();
    tracing::info!(?command, readonly = args.readonly, "sharing command");
    if args.token_file.is_none() {
        // printed once, to the terminal that started us; never logged
        println!("\n  open http://{addr}/?token={}\n", token.reveal());
    }

    let state = server::State::new(token, command, args.readonly, args.max_clients, args.cwd.clone(), addr);
    server::run(addr, state).await
}
