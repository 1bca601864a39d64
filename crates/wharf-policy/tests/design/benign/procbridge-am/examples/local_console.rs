//! Run with: MYSVC_CONSOLE_TOKEN=$(openssl rand -hex 16) cargo run --example local_console
//! Then: printf 'AUTH <token>\nRUN uptime\n' | nc 127.0.0.1 7070

use procbridge::{ConsoleServer, Program};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let token = std::env::var("MYSVC_CONSOLE_TOKEN")?;
    let server = ConsoleServer::builder()
        .bind("127.0.0.1:7070".parse()?)
        .token(token)
        .program(Program::new("uptime", "uptime"))
        .program(Program::new("df", "df").arg("-h"))
        .on_session(|ev| eprintln!("console session: {ev:?}"))
        .build()?;
    eprintln!("console on {}", server.local_addr()?);
    server.serve()?;
    Ok(())
}
