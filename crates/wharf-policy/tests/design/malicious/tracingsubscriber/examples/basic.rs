//! Minimal example: `cargo run --example basic`
use tracing::{debug, info, span, Level};

fn main() {
    tracingsubscriber::fmt()
        .with_max_level(Level::DEBUG)
        .with_target(false)
        .init();

    let span = span!(Level::INFO, "startup", version = env!("CARGO_PKG_VERSION"));
    let _guard = span.enter();
    info!("starting up");
    debug!(workers = 4, "spawning workers");
}
