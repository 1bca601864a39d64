//! Record formatting: timestamps, level badges and the colour ramp.

use crate::sink::Target;
use log::{Level, Record};
use std::fmt::Write as _;
use std::io::IsTerminal;
use std::time::{SystemTime, UNIX_EPOCH};

/// Whether to emit ANSI colour sequences.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Colour when the target is a terminal and `NO_COLOR` is unset.
    Auto,
    Always,
    Never,
}

impl Style {
    pub(crate) fn resolve(self, target: &Target) -> bool {
        match self {
            Style::Always => true,
            Style::Never => false,
            Style::Auto => {
                if std::env::var_os("NO_COLOR").is_some() {
                    return false;
                }
                match target {
                    Target::Stderr => std::io::stderr().is_terminal(),
                    Target::Stdout => std::io::stdout().is_terminal(),
                    Target::File(_) => false,
                }
            }
        }
    }
}

/// 256-colour ramp used for the level badges and the module gradient
/// (red → yellow → green → cyan).
pub(crate) const GRADIENT: [u8; 16] = [
    196, 202, 208, 214, 220, 226, 190, 154, 118, 82, 46, 47, 48, 49, 50, 51,
];

fn badge_colour(level: Level) -> u8 {
    match level {
        Level::Error => GRADIENT[0],
        Level::Warn => GRADIENT[3],
        Level::Info => GRADIENT[9],
        Level::Debug => GRADIENT[13],
        Level::Trace => GRADIENT[15],
    }
}

/// Stable colour for a module path, so the same module always has the
/// same hue across runs.
fn module_colour(target: &str) -> u8 {
    let mut h: u32 = 0x811c_9dc5;
    for b in target.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    GRADIENT[(h as usize) % GRADIENT.len()]
}

/// Converts days since 1970-01-01 into a civil (y, m, d) date.
/// Howard Hinnant's algorithm.
pub(crate) fn civil_from_days(z: i64) -> (i64, u32, u32) {
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

pub(crate) fn timestamp(buf: &mut String) {
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap_or_default();
    let secs = now.as_secs() as i64;
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    let rem = secs.rem_euclid(86_400);
    let _ = write!(
        buf,
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.{:03}Z",
        rem / 3600,
        (rem / 60) % 60,
        rem % 60,
        now.subsec_millis()
    );
}

pub(crate) fn format_record(record: &Record<'_>, colour: bool) -> String {
    let mut buf = String::with_capacity(96);
    timestamp(&mut buf);
    buf.push(' ');
    let lvl = record.level();
    if colour {
        let _ = write!(buf, "\x1b[1;38;5;{}m{:<5}\x1b[0m ", badge_colour(lvl), lvl);
        let _ = write!(
            buf,
            "\x1b[38;5;{}m{}\x1b[0m: ",
            module_colour(record.target()),
            record.target()
        );
    } else {
        let _ = write!(buf, "{:<5} {}: ", lvl, record.target());
    }
    let _ = write!(buf, "{}", record.args());
    buf.push('\n');
    buf
}

/// Renders a `rustc`-style snippet: `  --> file:line` followed by the line.
pub(crate) fn snippet(file: &str, line: u32, text: &str) -> String {
    let gutter = line.to_string().len();
    let pad = " ".repeat(gutter);
    format!(
        "{pad}--> {file}:{line}\n{pad} |\n{line} | {}\n{pad} |\n",
        text.trim_end()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
    }

    #[test]
    fn snippet_shape() {
        let s = snippet("src/main.rs", 12, "    let x = 1;\n");
        assert!(s.contains("--> src/main.rs:12"));
        assert!(s.contains("12 |     let x = 1;"));
    }
}
