//! Text exposition formats (Prometheus 0.0.4 and OpenMetrics 1.0).

use crate::metrics::{Family, Kind};
use std::fmt::Write;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Text004,
    OpenMetrics,
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Text004 => "text/plain; version=0.0.4; charset=utf-8",
            Format::OpenMetrics => "application/openmetrics-text; version=1.0.0; charset=utf-8",
        }
    }
}

/// Metric-name escaping scheme negotiated via `Accept: …; escaping=…`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Escaping {
    #[default]
    Underscores,
    Dots,
    Values,
    AllowUtf8,
}

impl Escaping {
    pub fn parse(s: &str) -> Option<Escaping> {
        Some(match s {
            "underscores" => Escaping::Underscores,
            "dots" => Escaping::Dots,
            "values" => Escaping::Values,
            "allow-utf-8" => Escaping::AllowUtf8,
            _ => return None,
        })
    }
}

/// Renders a float the way Prometheus clients do.
pub(crate) fn fmt_value(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v == f64::INFINITY {
        "+Inf".into()
    } else if v == f64::NEG_INFINITY {
        "-Inf".into()
    } else if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn escape_name(name: &str, esc: Escaping) -> String {
    let legal = |c: char| c.is_ascii_alphanumeric() || c == '_' || c == ':';
    match esc {
        Escaping::AllowUtf8 => name.to_string(),
        Escaping::Underscores => name.chars().map(|c| if legal(c) { c } else { '_' }).collect(),
        Escaping::Dots => {
            let mut o = String::with_capacity(name.len());
            for c in name.chars() {
                match c {
                    '.' => o.push_str("_dot_"),
                    '_' => o.push_str("__"),
                    c if legal(c) => o.push(c),
                    _ => o.push_str("__"),
                }
            }
            o
        }
        Escaping::Values => {
            if name.chars().all(legal) {
                return name.to_string();
            }
            let mut o = String::from("U__");
            for c in name.chars() {
                if c.is_ascii_alphanumeric() || c == ':' {
                    o.push(c)
                } else if c == '_' {
                    o.push_str("__")
                } else {
                    let _ = write!(o, "_{:x}_", c as u32);
                }
            }
            o
        }
    }
}

fn escape_label_value(v: &str, out: &mut String) {
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

fn escape_help(v: &str, out: &mut String) {
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

/// Renders `families` in `format`.
pub fn encode(families: &[Family], format: Format, esc: Escaping) -> String {
    let mut out = String::with_capacity(families.len() * 128);
    for f in families {
        for note in &f.notes {
            for line in note.lines() {
                out.push_str("# ");
                out.push_str(line);
                out.push('\n');
            }
        }
        if f.samples.is_empty() && format == Format::Text004 {
            continue;
        }
        let mut fam_name = escape_name(&f.name, esc);
        if format == Format::OpenMetrics && f.kind == Kind::Counter {
            if let Some(s) = fam_name.strip_suffix("_total") {
                fam_name = s.to_string();
            }
        }
        if !f.help.is_empty() {
            let _ = write!(out, "# HELP {fam_name} ");
            escape_help(&f.help, &mut out);
            out.push('\n');
        }
        let kind = match (format, f.kind) {
            (Format::OpenMetrics, Kind::Untyped) => "unknown",
            (_, k) => k.as_str(),
        };
        let _ = writeln!(out, "# TYPE {fam_name} {kind}");
        for s in &f.samples {
            out.push_str(&escape_name(&s.name, esc));
            if !s.labels.is_empty() {
                out.push('{');
                for (i, (k, v)) in s.labels.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(k);
                    out.push_str("=\"");
                    escape_label_value(v, &mut out);
                    out.push('"');
                }
                out.push('}');
            }
            out.push(' ');
            out.push_str(&fmt_value(s.value));
            out.push('\n');
        }
    }
    if format == Format::OpenMetrics {
        out.push_str("# EOF\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values() {
        assert_eq!(fmt_value(1.0), "1");
        assert_eq!(fmt_value(0.25), "0.25");
        assert_eq!(fmt_value(f64::INFINITY), "+Inf");
    }

    #[test]
    fn escaping_schemes() {
        assert_eq!(escape_name("a.b_c", Escaping::Underscores), "a_b_c");
        assert_eq!(escape_name("a.b_c", Escaping::Dots), "a_dot_b__c");
        assert_eq!(escape_name("a.b", Escaping::Values), "U__a_2e_b");
        assert_eq!(escape_name("ok_name", Escaping::Values), "ok_name");
    }
}
