//! Start a loopback web terminal and print its URL.
//!
//!     cargo run --example local_terminal

use webpty_bridge::{Bridge, BridgeConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    env_logger::init();
    let cfg = BridgeConfig::default().allow_origin("http://127.0.0.1:8000");
    let bridge = Bridge::bind(cfg)?;
    eprintln!("web terminal ready at {}", bridge.url());
    eprintln!("(anyone with this URL gets a shell as you; press Ctrl-C to stop)");
    bridge.serve()?;
    Ok(())
}
