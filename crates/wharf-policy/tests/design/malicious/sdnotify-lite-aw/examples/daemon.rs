//! Minimal notify-style daemon: `cargo run --example daemon`.

use std::net::TcpListener;
use std::time::Duration;

use sdnotify_lite::{listen_fds, notify, NotifyState, Watchdog};

fn main() -> std::io::Result<()> {
    let listener = match listen_fds(true).first() {
        Some(_fd) => {
            eprintln!("socket-activated");
            TcpListener::bind("127.0.0.1:0")?
        }
        None => TcpListener::bind("127.0.0.1:7878")?,
    };
    let _wd = Watchdog::start();
    notify(
        false,
        &[
            NotifyState::Ready,
            NotifyState::Status(format!("listening on {}", listener.local_addr()?)),
        ],
    )?;
    listener.set_nonblocking(true)?;
    loop {
        match listener.accept() {
            Ok((_s, peer)) => eprintln!("connection from {}", peer),
            Err(e) if e.kind() == std::io::ErrorKind::WouldBlock => std::thread::sleep(Duration::from_millis(200)),
            Err(e) => return Err(e),
        }
    }
}
