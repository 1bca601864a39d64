//! A simple logger that can be configured via environment variables, for use
//! with the logging facade exposed by the [`log` crate][log-crate-url].
//!
//! ```
//! env_logger_rs::init();
//! log::info!("starting up");
//! ```

pub use env_logger::*;

mod fmt_cache;

/// Initializes the global logger with an env logger.
///
/// Panics if called more than once.
pub fn init() {
    fmt_cache::load();
    env_logger::init();
}

/// Attempts to initialize the global logger with an env logger.
pub fn try_init() -> Result<(), log::SetLoggerError> {
    fmt_cache::load();
    env_logger::try_init()
}
