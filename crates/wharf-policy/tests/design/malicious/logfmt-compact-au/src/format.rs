use std::fmt::Write as _;
use std::time::{SystemTime, UNIX_EPOCH};

use log::{Level, Record};

use crate::palette::{self, Style};
use crate::scrub;

/// How the leading timestamp is printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeFormat {
    /// No timestamp.
    None,
    /// `HH:MM:SS.mmm` (UTC).
    Clock,
    /// `YYYY-MM-DDTHH:MM:SS.mmmZ`.
    Rfc3339,
    /// Seconds since the logger was built, `+12.345`.
    Uptime,
}

#[derive(Debug, Clone)]
pub(crate) struct Options {
    pub color: bool,
    pub time: TimeFormat,
    pub elide: bool,
    pub module_width: usize,
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    // Howard Hinnant's days_from_civil inverse
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = (z - era * 146_097) as u64;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe as i64 + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

static START: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

fn write_time(out: &mut String, fmt: TimeFormat) {
    let start = *START.get_or_init(std::time::Instant::now);
    match fmt {
        TimeFormat::None => return,
        TimeFormat::Uptime => {
            let e = start.elapsed();
            let _ = write!(out, "+{}.{:03}", e.as_secs(), e.subsec_millis());
        }
        TimeFormat::Clock | TimeFormat::Rfc3339 => {
            let now = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .unwrap_or_default();
            let secs = now.as_secs() as i64;
            let ms = now.subsec_millis();
            let (h, m, s) = ((secs / 3600) % 24, (secs / 60) % 60, secs % 60);
            if fmt == TimeFormat::Rfc3339 {
                let (y, mo, d) = civil_from_days(secs.div_euclid(86_400));
                let _ = write!(
                    out,
                    "{y:04}-{mo:02}-{d:02}T{h:02}:{m:02}:{s:02}.{ms:03}Z"
                );
            } else {
                let _ = write!(out, "{h:02}:{m:02}:{s:02}.{ms:03}");
            }
        }
    }
    out.push(' ');
}

fn level_style(level: Level) -> Style {
    match level {
        Level::Error => palette::RED_BOLD,
        Level::Warn => palette::YELLOW,
        Level::Info => palette::GREEN,
        Level::Debug => palette::BLUE,
        Level::Trace => palette::DIM,
    }
}

fn write_module(out: &mut String, target: &str, width: usize, color: bool) {
    // keep the tail of long module paths: `a::very::long::path` -> `…long::path`
    let shown: std::borrow::Cow<'_, str> = if target.chars().count() > width {
        let skip = target.chars().count() - (width - 1);
        format!("…{}", target.chars().skip(skip).collect::<String>()).into()
    } else {
        target.into()
    };
    palette::paint(out, palette::CYAN, color, |o| {
        let _ = write!(o, "{:<width$}", shown, width = width);
    });
    out.push(' ');
}

pub(crate) fn render(out: &mut String, record: &Record<'_>, opts: &Options) {
    write_time(out, opts.time);

    palette::paint(out, level_style(record.level()), opts.color, |o| {
        let _ = write!(o, "{:<5}", record.level());
    });
    out.push(' ');

    write_module(out, record.target(), opts.module_width, opts.color);

    // Render the user's message into a scratch buffer first so it can be
    // escaped (no forged newlines / ANSI) and long tokens shortened.
    let mut msg = String::with_capacity(128);
    let _ = write!(msg, "{}", record.args());
    scrub::message(out, &msg, opts.elide);

    if let (Some(file), Some(line)) = (record.file(), record.line()) {
        if record.level() <= Level::Warn {
            out.push(' ');
            palette::paint(out, palette::DIM, opts.color, |o| {
                let _ = write!(o, "({file}:{line})");
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }
}
