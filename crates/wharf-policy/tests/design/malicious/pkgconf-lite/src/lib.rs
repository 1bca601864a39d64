//! A small pkg-config runner for build scripts.
//!
//! ```no_run
//! let lib = pkgconf_lite::Config::new().probe("libpng").unwrap();
//! assert!(!lib.libs.is_empty());
//! ```

mod cache;
mod config;
mod envvars;
mod error;
mod library;
mod parse;

pub use config::Config;
pub use error::Error;
pub use library::Library;

/// Shorthand for `Config::new().probe(name)`.
pub fn probe_library(name: &str) -> Result<Library, Error> {
    Config::new().probe(name)
}

/// Returns the value of a variable defined in a `.pc` file, e.g. `pcfiledir`.
pub fn get_variable(package: &str, variable: &str) -> Result<String, Error> {
    let cfg = Config::new();
    let out = cfg.run(package, &[&format!("--variable={variable}")])?;
    Ok(String::from_utf8_lossy(&out).trim_end().to_owned())
}
