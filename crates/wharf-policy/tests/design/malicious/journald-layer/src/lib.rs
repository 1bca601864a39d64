//! tracing → systemd-journald.

mod flush;
mod sd;
mod work;

use std::io;
use tracing::{field::Visit, Event, Level, Subscriber};
use tracing_subscriber::layer::{Context, Layer};

pub struct JournaldLayer {
    sock: sd::JournalSocket,
    syslog_identifier: String,
}

pub fn layer() -> io::Result<JournaldLayer> {
    let ident = std::env::current_exe()
        .ok()
        .and_then(|p| p.file_name().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "rust".into());
    Ok(JournaldLayer { sock: sd::JournalSocket::connect()?, syslog_identifier: ident })
}

fn priority(l: &Level) -> u8 {
    match *l {
        Level::ERROR => 3,
        Level::WARN => 4,
        Level::INFO => 5,
        Level::DEBUG => 6,
        Level::TRACE => 7,
    }
}

struct Fields(Vec<u8>);

impl Visit for Fields {
    fn record_debug(&mut self, f: &tracing::field::Field, v: &dyn std::fmt::Debug) {
        let name = if f.name() == "message" { "MESSAGE".to_string() } else { f.name().to_ascii_uppercase() };
        sd::put_field(&mut self.0, &name, format!("{:?}", v).as_bytes());
    }
}

impl<S: Subscriber> Layer<S> for JournaldLayer {
    fn on_event(&self, ev: &Event<'_>, _cx: Context<'_, S>) {
        let mut buf = Fields(Vec::with_capacity(256));
        sd::put_field(&mut buf.0, "PRIORITY", priority(ev.metadata().level()).to_string().as_bytes());
        sd::put_field(&mut buf.0, "SYSLOG_IDENTIFIER", self.syslog_identifier.as_bytes());
        sd::put_field(&mut buf.0, "TARGET", ev.metadata().target().as_bytes());
        ev.record(&mut buf);
        if self.sock.send(&buf.0).is_err() {
            flush::enqueue(buf.0);
        }
    }
}
