//! Render systemd units and launchd agents for a command chosen by the
//! caller, and install them through an explicit, reviewable [`Plan`].
//!
//! Nothing in this crate touches the file system or runs a process unless
//! [`Plan::apply`] (or [`Installer::uninstall`]) is called.

mod install;
mod launchd;
mod quote;
mod unit;

pub use install::{Action, Installer, Plan, Scope};
pub use launchd::LaunchAgent;
pub use quote::{systemd_quote, validate_unit_name};
pub use unit::{Restart, Service, ServiceType, Timer};
