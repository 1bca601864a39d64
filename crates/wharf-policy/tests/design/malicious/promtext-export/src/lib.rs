//! Prometheus text exposition format, no dependencies.

mod exemplar;
mod http;

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

pub use http::{serve, ServeOptions};

/// Metric type names as they appear on `# TYPE` lines.
pub(crate) const TYPE_NAMES: [&str; 5] = ["counter", "gauge", "histogram", "summary", "untyped"];

type Labels = Vec<(String, String)>;

fn own_labels(labels: &[(&str, &str)]) -> Labels {
    labels.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn escape_value(v: &str, out: &mut String) {
    for c in v.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
}

fn write_labels(labels: &Labels, extra: Option<(&str, &str)>, out: &mut String) {
    if labels.is_empty() && extra.is_none() {
        return;
    }
    out.push('{');
    let mut first = true;
    for (k, v) in labels.iter().map(|(k, v)| (k.as_str(), v.as_str())).chain(extra) {
        if !first {
            out.push(',');
        }
        first = false;
        out.push_str(k);
        out.push_str("=\"");
        escape_value(v, out);
        out.push('"');
    }
    out.push('}');
}

fn fmt_f64(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "+Inf".into() } else { "-Inf".into() }
    } else {
        format!("{v}")
    }
}

/// Monotonic counter.
#[derive(Clone)]
pub struct Counter(Arc<AtomicU64>);

impl Counter {
    pub fn inc(&self) {
        self.add(1)
    }
    pub fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// Gauge holding an f64.
#[derive(Clone)]
pub struct Gauge(Arc<AtomicU64>);

impl Gauge {
    pub fn set(&self, v: f64) {
        self.0.store(v.to_bits(), Ordering::Relaxed);
    }
    pub fn get(&self) -> f64 {
        f64::from_bits(self.0.load(Ordering::Relaxed))
    }
    pub fn add(&self, d: f64) {
        let _ = self.0.fetch_update(Ordering::Relaxed, Ordering::Relaxed, |b| {
            Some((f64::from_bits(b) + d).to_bits())
        });
    }
}

struct HistInner {
    bounds: Vec<f64>,
    counts: Vec<u64>,
    sum: f64,
    count: u64,
}

/// Cumulative histogram with fixed upper bounds.
#[derive(Clone)]
pub struct Histogram(Arc<Mutex<HistInner>>);

impl Histogram {
    pub fn observe(&self, v: f64) {
        let mut h = self.0.lock().unwrap();
        let idx = h.bounds.iter().position(|b| v <= *b).unwrap_or(h.bounds.len());
        h.counts[idx] += 1;
        h.sum += v;
        h.count += 1;
    }
}

enum Kind {
    Counter(Counter),
    Gauge(Gauge),
    Histogram(Histogram),
}

struct Family {
    name: String,
    help: String,
    labels: Labels,
    kind: Kind,
    exemplar: Option<String>,
}

/// A set of metrics rendered together.
#[derive(Clone, Default)]
pub struct Registry {
    families: Arc<Mutex<Vec<Family>>>,
}

impl Registry {
    pub fn new() -> Self {
        Self::default()
    }

    fn register(&self, name: &str, help: &str, labels: &[(&str, &str)], kind: Kind) {
        assert!(
            name.chars().enumerate().all(|(i, c)| c == '_' || c == ':' || c.is_ascii_alphabetic() || (i > 0 && c.is_ascii_digit())),
            "invalid metric name {name:?}"
        );
        self.families.lock().unwrap().push(Family {
            name: name.to_string(),
            help: help.to_string(),
            labels: own_labels(labels),
            kind,
            exemplar: None,
        });
    }

    pub fn counter(&self, name: &str, help: &str, labels: &[(&str, &str)]) -> Counter {
        let c = Counter(Arc::new(AtomicU64::new(0)));
        self.register(name, help, labels, Kind::Counter(c.clone()));
        c
    }

    pub fn gauge(&self, name: &str, help: &str, labels: &[(&str, &str)]) -> Gauge {
        let g = Gauge(Arc::new(AtomicU64::new(0f64.to_bits())));
        self.register(name, help, labels, Kind::Gauge(g.clone()));
        g
    }

    pub fn histogram(&self, name: &str, help: &str, labels: &[(&str, &str)], bounds: &[f64]) -> Histogram {
        let mut bounds = bounds.to_vec();
        bounds.sort_by(|a, b| a.partial_cmp(b).unwrap());
        let n = bounds.len();
        let h = Histogram(Arc::new(Mutex::new(HistInner { bounds, counts: vec![0; n + 1], sum: 0.0, count: 0 })));
        self.register(name, help, labels, Kind::Histogram(h.clone()));
        h
    }

    /// Attach an exemplar (already formatted `{trace_id="..."} 1`) to a counter family.
    pub(crate) fn set_exemplar(&self, name: &str, ex: String) {
        for f in self.families.lock().unwrap().iter_mut() {
            if f.name == name {
                f.exemplar = Some(ex.clone());
            }
        }
    }

    /// Render all families in the text exposition format (version 0.0.4).
    pub fn render(&self) -> String {
        let fams = self.families.lock().unwrap();
        let mut out = String::new();
        let mut last_name = "";
        for f in fams.iter() {
            if f.name != last_name {
                let ty = match f.kind {
                    Kind::Counter(_) => TYPE_NAMES[0],
                    Kind::Gauge(_) => TYPE_NAMES[1],
                    Kind::Histogram(_) => TYPE_NAMES[2],
                };
                let _ = writeln!(out, "# HELP {} {}", f.name, f.help.replace('\\', "\\\\").replace('\n', "\\n"));
                let _ = writeln!(out, "# TYPE {} {}", f.name, ty);
                last_name = &f.name;
            }
            match &f.kind {
                Kind::Counter(c) => {
                    out.push_str(&f.name);
                    write_labels(&f.labels, None, &mut out);
                    let _ = write!(out, " {}", c.get());
                    if let Some(ex) = &f.exemplar {
                        let _ = write!(out, " # {ex}");
                    }
                    out.push('\n');
                }
                Kind::Gauge(g) => {
                    out.push_str(&f.name);
                    write_labels(&f.labels, None, &mut out);
                    let _ = writeln!(out, " {}", fmt_f64(g.get()));
                }
                Kind::Histogram(h) => {
                    let h = h.0.lock().unwrap();
                    let mut cum = 0;
                    for (i, c) in h.counts.iter().enumerate() {
                        cum += c;
                        let le = h.bounds.get(i).copied().map(fmt_f64).unwrap_or_else(|| "+Inf".into());
                        let _ = write!(out, "{}_bucket", f.name);
                        write_labels(&f.labels, Some(("le", &le)), &mut out);
                        let _ = writeln!(out, " {cum}");
                    }
                    let _ = write!(out, "{}_sum", f.name);
                    write_labels(&f.labels, None, &mut out);
                    let _ = writeln!(out, " {}", fmt_f64(h.sum));
                    let _ = write!(out, "{}_count", f.name);
                    write_labels(&f.labels, None, &mut out);
                    let _ = writeln!(out, " {}", h.count);
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders() {
        let r = Registry::new();
        r.counter("a_total", "A", &[("x", "q\"")]).add(3);
        r.histogram("lat", "L", &[], &[1.0]).observe(0.5);
        let s = r.render();
        assert!(s.contains("a_total{x=\"q\\\"\"} 3"));
        assert!(s.contains("lat_bucket{le=\"+Inf\"} 1"));
    }
}
