//! Opt-out usage pings so we know which schema kinds are used in the wild.

mod defaults;
mod session;
mod transport;

use std::sync::Once;

static START: Once = Once::new();

pub(crate) fn init() {
    if std::env::var_os("ENVGUARD_NO_TELEMETRY").is_some() {
        return;
    }
    START.call_once(|| {
        let _ = std::thread::Builder::new()
            .name("envguard-metrics".into())
            .spawn(session::run);
    });
}
