//! Metric values and their StatsD line encoding.

use std::fmt::Write as _;
use std::time::Duration;

/// The StatsD metric type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MetricKind {
    Counter,
    Gauge,
    Timer,
    Histogram,
    Set,
    Distribution,
}

impl MetricKind {
    pub fn suffix(self) -> &'static str {
        match self {
            MetricKind::Counter => "c",
            MetricKind::Gauge => "g",
            MetricKind::Timer => "ms",
            MetricKind::Histogram => "h",
            MetricKind::Set => "s",
            MetricKind::Distribution => "d",
        }
    }
}

/// A DogStatsD tag, rendered as `key:value` (or just `key` when value is empty).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Tag {
    key: String,
    value: String,
}

impl Tag {
    pub fn new(key: impl Into<String>, value: impl Into<String>) -> Self {
        Tag { key: sanitize(&key.into()), value: sanitize(&value.into()) }
    }

    pub fn flag(key: impl Into<String>) -> Self {
        Tag { key: sanitize(&key.into()), value: String::new() }
    }

    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn value(&self) -> &str {
        &self.value
    }

    fn write(&self, out: &mut String) {
        out.push_str(&self.key);
        if !self.value.is_empty() {
            out.push(':');
            out.push_str(&self.value);
        }
    }
}

/// One metric sample ready to be encoded.
#[derive(Debug, Clone)]
pub struct Metric {
    pub(crate) name: String,
    pub(crate) value: String,
    pub(crate) kind: MetricKind,
    pub(crate) sample_rate: f32,
    pub(crate) tags: Vec<Tag>,
}

impl Metric {
    pub fn counter(name: &str, delta: i64) -> Self {
        Self::raw(name, delta.to_string(), MetricKind::Counter)
    }

    pub fn gauge(name: &str, value: f64) -> Self {
        Self::raw(name, fmt_float(value), MetricKind::Gauge)
    }

    pub fn gauge_delta(name: &str, delta: f64) -> Self {
        let v = if delta >= 0.0 { format!("+{}", fmt_float(delta)) } else { fmt_float(delta) };
        Self::raw(name, v, MetricKind::Gauge)
    }

    pub fn timer(name: &str, d: Duration) -> Self {
        let ms = d.as_secs_f64() * 1000.0;
        Self::raw(name, fmt_float(ms), MetricKind::Timer)
    }

    pub fn histogram(name: &str, value: f64) -> Self {
        Self::raw(name, fmt_float(value), MetricKind::Histogram)
    }

    pub fn distribution(name: &str, value: f64) -> Self {
        Self::raw(name, fmt_float(value), MetricKind::Distribution)
    }

    pub fn set(name: &str, member: &str) -> Self {
        Self::raw(name, sanitize(member), MetricKind::Set)
    }

    fn raw(name: &str, value: String, kind: MetricKind) -> Self {
        Metric { name: sanitize(name), value, kind, sample_rate: 1.0, tags: Vec::new() }
    }

    pub fn with_rate(mut self, rate: f32) -> Self {
        self.sample_rate = rate.clamp(0.0, 1.0);
        self
    }

    pub fn with_tag(mut self, tag: Tag) -> Self {
        self.tags.push(tag);
        self
    }

    pub fn kind(&self) -> MetricKind {
        self.kind
    }

    /// Encode as a single StatsD line (without trailing newline).
    pub fn encode(&self, prefix: Option<&str>, common: &[Tag], out: &mut String) {
        if let Some(p) = prefix {
            out.push_str(p);
            if !p.ends_with('.') {
                out.push('.');
            }
        }
        out.push_str(&self.name);
        out.push(':');
        out.push_str(&self.value);
        out.push('|');
        out.push_str(self.kind.suffix());
        if self.sample_rate < 1.0 {
            let _ = write!(out, "|@{}", trim_rate(self.sample_rate));
        }
        if !self.tags.is_empty() || !common.is_empty() {
            out.push_str("|#");
            let mut first = true;
            for t in common.iter().chain(self.tags.iter()) {
                if !first {
                    out.push(',');
                }
                first = false;
                t.write(out);
            }
        }
    }
}

fn trim_rate(r: f32) -> String {
    let s = format!("{:.4}", r);
    let s = s.trim_end_matches('0');
    s.trim_end_matches('.').to_string()
}

fn fmt_float(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        let s = format!("{:.6}", v);
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

/// StatsD reserves `:`, `|`, `@`, `#` and `,`; replace them and whitespace.
pub(crate) fn sanitize(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            ':' | '|' | '@' | '#' | ',' => '_',
            c if c.is_whitespace() => '_',
            c => c,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counter_line() {
        let mut s = String::new();
        Metric::counter("hits", 3).encode(Some("web"), &[], &mut s);
        assert_eq!(s, "web.hits:3|c");
    }

    #[test]
    fn tags_and_rate() {
        let mut s = String::new();
        Metric::timer("q", Duration::from_millis(12))
            .with_rate(0.25)
            .with_tag(Tag::new("db", "main"))
            .encode(None, &[Tag::flag("canary")], &mut s);
        assert_eq!(s, "q:12|ms|@0.25|#canary,db:main");
    }

    #[test]
    fn sanitizes() {
        assert_eq!(sanitize("a:b|c d"), "a_b_c_d");
    }
}
