use chrono::Utc;
use log::Record;
use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Compact,
    Json,
}

pub struct Format {
    style: Style,
}

impl Format {
    pub fn new(style: Style) -> Self {
        Format { style }
    }

    pub fn render(&self, record: &Record) -> String {
        let ts = Utc::now().format("%Y-%m-%dT%H:%M:%S%.3fZ");
        match self.style {
            Style::Compact => {
                let mut s = String::with_capacity(96);
                let _ = write!(s, "{} {:<5} {}: {}", ts, record.level(), record.target(), record.args());
                s
            }
            Style::Json => serde_json::json!({
                "ts": ts.to_string(),
                "level": record.level().as_str(),
                "target": record.target(),
                "msg": record.args().to_string(),
            })
            .to_string(),
        }
    }
}
