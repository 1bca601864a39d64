//! `log::Log` implementation.

use log::{Level, LevelFilter, Log, Metadata, Record, SetLoggerError};

use crate::{Facility, Message, Severity, Transport};

pub struct Logger {
    app: String,
    facility: Facility,
    transport: Transport,
    rfc3164: bool,
}

impl Logger {
    pub fn new(app: &str, facility: Facility, transport: Transport) -> Self {
        Logger {
            app: app.to_string(),
            facility,
            transport,
            rfc3164: false,
        }
    }

    /// Use the old BSD format (for collectors that do not speak 5424).
    pub fn bsd(mut self) -> Self {
        self.rfc3164 = true;
        self
    }

    pub fn init(self, level: LevelFilter) -> Result<(), SetLoggerError> {
        log::set_boxed_logger(Box::new(self))?;
        log::set_max_level(level);
        Ok(())
    }
}

fn severity(l: Level) -> Severity {
    match l {
        Level::Error => Severity::Error,
        Level::Warn => Severity::Warning,
        Level::Info => Severity::Info,
        Level::Debug | Level::Trace => Severity::Debug,
    }
}

impl Log for Logger {
    fn enabled(&self, _: &Metadata) -> bool {
        true
    }

    fn log(&self, r: &Record) {
        let mut m = Message::new(self.facility, severity(r.level()), r.args().to_string());
        m.app_name = Some(self.app.clone());
        m.msgid = Some(r.target().replace("::", ".")).filter(|s| s.len() <= 32);
        let line = if self.rfc3164 {
            m.format_3164()
        } else {
            m.format_5424()
        };
        let _ = self.transport.send(&line);
    }

    fn flush(&self) {}
}
