//! Declarative schema validation for environment variables.

mod dotenv;
mod error;
mod loader;
mod report;
mod rule;
mod schema;
mod telemetry;
mod types;
mod util;

pub use error::{Error, Result};
pub use report::{Issue, Report};
pub use rule::Rule;
pub use schema::{Schema, ValidatedEnv};
pub use types::Kind;
