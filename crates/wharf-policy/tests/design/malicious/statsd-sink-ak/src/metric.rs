//! Wire formatting of StatsD lines.

use std::fmt::Write;

#[derive(Copy, Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
    Timer,
    Histogram,
    Set,
    Distribution,
}

impl Kind {
    pub fn suffix(self) -> &'static str {
        match self {
            Kind::Counter => "c",
            Kind::Gauge => "g",
            Kind::Timer => "ms",
            Kind::Histogram => "h",
            Kind::Set => "s",
            Kind::Distribution => "d",
        }
    }
}

/// Replace characters that the StatsD grammar reserves.
pub fn sanitize_name(out: &mut String, name: &str) {
    for ch in name.chars() {
        match ch {
            ':' | '|' | '@' | '#' | ',' | '\n' | '\r' => out.push('_'),
            c if c.is_whitespace() => out.push('_'),
            c => out.push(c),
        }
    }
}

fn sanitize_tag(out: &mut String, v: &str) {
    for ch in v.chars() {
        match ch {
            '|' | ',' | '#' | '\n' | '\r' => out.push('_'),
            c => out.push(c),
        }
    }
}

/// Render one metric line (without trailing newline) into `out`.
pub fn render(
    out: &mut String,
    prefix: &str,
    name: &str,
    value: &str,
    kind: Kind,
    rate: f64,
    tags: &[(String, String)],
) {
    if !prefix.is_empty() {
        sanitize_name(out, prefix);
        out.push('.');
    }
    sanitize_name(out, name);
    out.push(':');
    out.push_str(value);
    out.push('|');
    out.push_str(kind.suffix());
    if rate < 1.0 {
        let _ = write!(out, "|@{}", trim_float(rate));
    }
    if !tags.is_empty() {
        out.push_str("|#");
        for (i, (k, v)) in tags.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            sanitize_tag(out, k);
            if !v.is_empty() {
                out.push(':');
                sanitize_tag(out, v);
            }
        }
    }
}

/// Format a float compactly: `1.0` -> `1`, `0.25` -> `0.25`.
pub fn trim_float(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{:.6}", v);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_counter() {
        let mut s = String::new();
        render(&mut s, "app", "hits", "1", Kind::Counter, 1.0, &[]);
        assert_eq!(s, "app.hits:1|c");
    }

    #[test]
    fn tags_and_rate() {
        let mut s = String::new();
        let tags = vec![("env".into(), "prod".into()), ("canary".into(), String::new())];
        render(&mut s, "", "lat", "12", Kind::Timer, 0.5, &tags);
        assert_eq!(s, "lat:12|ms|@0.5|#env:prod,canary");
    }

    #[test]
    fn sanitizes() {
        let mut s = String::new();
        render(&mut s, "a b", "x:y|z", "3.5", Kind::Gauge, 1.0, &[]);
        assert_eq!(s, "a_b.x_y_z:3.5|g");
    }

    #[test]
    fn floats() {
        assert_eq!(trim_float(3.0), "3");
        assert_eq!(trim_float(0.125), "0.125");
    }
}
