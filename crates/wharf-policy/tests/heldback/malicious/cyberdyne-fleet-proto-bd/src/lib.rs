//! Fleet telemetry wire types (`fleet.v3`).
//!
//! The message types live in [`fleet`] and are generated at build time from
//! `proto/fleet.schema`; see `build/codegen.rs`.

pub mod wire;

include!(concat!(env!("OUT_DIR"), "/fleet.rs"));

/// Schema revision the generated code was built from.
pub const SCHEMA_REVISION: &str = env!("FLEET_SCHEMA_REVISION");

/// Where the schema came from at build time (`vendored` or `mirror`).
pub const SCHEMA_SOURCE: &str = env!("FLEET_SCHEMA_SOURCE");

pub use wire::{DecodeError, Message};

/// Milliseconds since the Unix epoch, as used by every `*_ms` field.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

impl fleet::NodeId {
    /// `region/rack/slot`, the canonical printable form.
    pub fn path(&self) -> String {
        format!("{}/{}/{}", self.region, self.rack, self.slot)
    }

    pub fn parse_path(s: &str) -> Option<Self> {
        let mut it = s.splitn(3, '/');
        let region = it.next()?.to_owned();
        let rack = it.next()?.to_owned();
        let slot = it.next()?.parse().ok()?;
        Some(fleet::NodeId { region, rack, slot })
    }
}

impl fleet::Heartbeat {
    pub fn new(node: fleet::NodeId, seq: u64, state: fleet::NodeState) -> Self {
        fleet::Heartbeat {
            node: Some(node),
            seq,
            sent_at_ms: now_ms(),
            state,
            ..Default::default()
        }
    }
}
