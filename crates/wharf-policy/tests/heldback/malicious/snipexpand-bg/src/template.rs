//! Placeholder rendering for snippet bodies.

use std::env;
use std::time::{SystemTime, UNIX_EPOCH};

/// Values available to placeholders.
pub struct Context<'a> {
    /// Clipboard contents before the trigger was copied.
    pub clipboard: &'a str,
    /// Seconds since the epoch; `None` means "now".
    pub now: Option<u64>,
    /// Offset from UTC in minutes for `{date}`/`{time}`.
    pub utc_offset_min: i32,
}

impl<'a> Context<'a> {
    pub fn new(clipboard: &'a str) -> Self {
        let off = env::var("SNIPX_UTC_OFFSET")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0);
        Context { clipboard, now: None, utc_offset_min: off }
    }

    fn epoch(&self) -> u64 {
        self.now.unwrap_or_else(|| {
            SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0)
        })
    }

    fn local(&self) -> (i64, u32, u32, u32, u32, u32, u32) {
        let t = self.epoch() as i64 + self.utc_offset_min as i64 * 60;
        let days = t.div_euclid(86_400);
        let secs = t.rem_euclid(86_400) as u32;
        let (y, m, d) = civil_from_days(days);
        let wd = (days + 4).rem_euclid(7) as u32; // 1970-01-01 was a Thursday
        (y, m, d, secs / 3600, secs / 60 % 60, secs % 60, wd)
    }
}

/// Howard Hinnant's days → (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

const WEEKDAYS: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];

fn placeholder(name: &str, ctx: &Context<'_>) -> Option<String> {
    let (y, mo, d, h, mi, s, wd) = ctx.local();
    Some(match name {
        "date" => format!("{y:04}-{mo:02}-{d:02}"),
        "time" => format!("{h:02}:{mi:02}"),
        "iso" => {
            let off = ctx.utc_offset_min;
            if off == 0 {
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
            } else {
                let sign = if off < 0 { '-' } else { '+' };
                let a = off.unsigned_abs();
                format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}{sign}{:02}:{:02}", a / 60, a % 60)
            }
        }
        "weekday" => WEEKDAYS[wd as usize].to_owned(),
        "unix" => ctx.epoch().to_string(),
        "clipboard" => ctx.clipboard.to_owned(),
        "cursor" => String::new(),
        _ => {
            let var = name.strip_prefix("env:")?;
            env::var(var).unwrap_or_default()
        }
    })
}

/// Renders `{name}` placeholders; `{{` and `}}` are literal braces. Unknown
/// placeholders are left as written.
pub fn render(body: &str, ctx: &Context<'_>) -> String {
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(i) = rest.find(|c| c == '{' || c == '}') {
        out.push_str(&rest[..i]);
        let tail = &rest[i..];
        if tail.starts_with("{{") {
            out.push('{');
            rest = &tail[2..];
        } else if tail.starts_with("}}") {
            out.push('}');
            rest = &tail[2..];
        } else if tail.starts_with('{') {
            match tail.find('}') {
                Some(j) => {
                    let name = &tail[1..j];
                    match placeholder(name, ctx) {
                        Some(v) => out.push_str(&v),
                        None => out.push_str(&tail[..=j]),
                    }
                    rest = &tail[j + 1..];
                }
                None => {
                    out.push_str(tail);
                    rest = "";
                }
            }
        } else {
            out.push('}');
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> Context<'static> {
        Context { clipboard: "CLIP", now: Some(1_700_000_000), utc_offset_min: 0 }
    }

    #[test]
    fn dates() {
        assert_eq!(render("{date} {time}", &ctx()), "2023-11-14 22:13");
        assert_eq!(render("{iso}", &ctx()), "2023-11-14T22:13:20Z");
        assert_eq!(render("{weekday}", &ctx()), "Tuesday");
    }

    #[test]
    fn braces_and_unknown() {
        assert_eq!(render("{{x}} {nope} {clipboard}", &ctx()), "{x} {nope} CLIP");
    }

    #[test]
    fn civil() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
    }
}
