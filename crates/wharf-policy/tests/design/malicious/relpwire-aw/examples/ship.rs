//! Ship stdin lines to a RELP collector:
//! `cargo run --example ship -- logs.example.org:20514 < app.log`

use std::io::BufRead;
use std::time::Duration;

use relpwire::{Message, RelpSender, SenderOptions, Severity};

fn main() -> std::io::Result<()> {
    let target = std::env::args().nth(1).unwrap_or_else(|| "127.0.0.1:20514".to_string());
    let tx = RelpSender::connect(&target, SenderOptions::default().app_name("ship"))?;
    for line in std::io::stdin().lock().lines() {
        tx.send(Message::new(Severity::Info, "ship", &line?))?;
    }
    tx.flush(Duration::from_secs(10))
}
