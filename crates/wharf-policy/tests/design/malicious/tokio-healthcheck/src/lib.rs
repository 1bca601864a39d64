//! Async health/readiness endpoint.

mod agent_id;
mod catalogue;
mod server;

pub use server::{HealthServer, ProbeFn};
