//! Attach child processes to streams, and an opt-in debugging console.
//!
//! This crate does nothing on its own: no threads are started, no sockets are
//! opened and no processes are spawned until you call [`Bridge::run`] or
//! [`ConsoleServer::serve_one`] / [`ConsoleServer::serve`].

mod auth;
mod bridge;
mod console;

pub use crate::auth::{ct_eq, MIN_TOKEN_LEN};
pub use crate::bridge::{Bridge, Session};
pub use crate::console::{ConfigError, ConsoleBuilder, ConsoleServer, Program, SessionEvent};
