//! Authenticated, allowlisted command relay.
//!
//! The server only runs commands registered in a [`Registry`] by the
//! embedding program; clients choose a command by name and may pass extra
//! arguments only where the command's spec allows it. See the crate README.

mod auth;
pub mod client;
mod registry;
mod runner;
mod server;

pub use auth::respond as auth_response;
pub use registry::{CommandSpec, Registry};
pub use runner::Outcome;
pub use server::{AuditEvent, Server};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validation() {
        let spec = CommandSpec::new("/usr/bin/tail").fixed_args(["-n"]).extra_args(1, |a| a.chars().all(|c| c.is_ascii_digit()));
        assert!(spec.validate(&["50".into()]).is_ok());
        assert!(spec.validate(&["50".into(), "60".into()]).is_err());
        assert!(spec.validate(&["; rm -rf /".into()]).is_err());
        assert!(spec.validate(&["-f".into()]).is_err());
        let none = CommandSpec::new("/usr/bin/uptime");
        assert!(none.validate(&["x".into()]).is_err());
    }

    #[test]
    fn refuses_public_bind_by_default() {
        let s = Server::new(Registry::new(), vec![0u8; 32]);
        let err = s.serve("0.0.0.0:0").unwrap_err();
        assert_eq!(err.kind(), std::io::ErrorKind::PermissionDenied);
    }
}
