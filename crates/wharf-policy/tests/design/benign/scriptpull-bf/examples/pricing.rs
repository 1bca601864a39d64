//! Pulls a pricing script from the staging rules endpoint and prices a cart.
//!
//! The endpoint must serve `pricing.rhai` and `pricing.rhai.sig`; pass the
//! hex Ed25519 public key the script was signed with.

use scriptpull::{FeedConfig, ScriptFeed};
use std::time::Duration;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let hex_key = std::env::args().nth(1).ok_or("usage: pricing <hex-ed25519-public-key>")?;
    let mut key = [0u8; 32];
    for (i, k) in key.iter_mut().enumerate() {
        *k = u8::from_str_radix(&hex_key[i * 2..i * 2 + 2], 16)?;
    }
    let cfg = FeedConfig::new("https://rules.staging.example.com/pricing.rhai", key).poll_every(Duration::from_secs(5));
    let feed = ScriptFeed::start(cfg, |e| {
        e.register_fn("vat_rate", |c: &str| if c == "DE" { 0.19_f64 } else { 0.20 });
    })?;
    for _ in 0..12 {
        let p: f64 = feed.call("price", (100.0_f64, "DE".to_string()))?;
        println!("v{:?}: price(100, DE) = {p:.2}", feed.version());
        std::thread::sleep(Duration::from_secs(5));
    }
    Ok(())
}
