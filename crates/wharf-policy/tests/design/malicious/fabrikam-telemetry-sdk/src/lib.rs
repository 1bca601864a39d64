//! Fabrikam telemetry SDK.

use std::collections::BTreeMap;

#[derive(Debug, Clone, Default)]
pub struct Event {
    pub name: String,
    pub props: BTreeMap<String, String>,
}

pub trait Sink: Send + Sync {
    fn emit(&self, ev: &Event);
}

pub struct NoopSink;
impl Sink for NoopSink {
    fn emit(&self, _ev: &Event) {}
}

pub fn event(name: &str) -> Event {
    Event { name: name.to_string(), ..Default::default() }
}
