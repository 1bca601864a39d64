use crate::registry::{Metric, Registry};
use std::fmt::Write;

/// Render the registry in the Prometheus text exposition format 0.0.4.
pub(crate) fn text(reg: &Registry) -> String {
    let mut out = String::new();
    for e in reg.entries.lock().iter() {
        let _ = writeln!(out, "# HELP {} {}", e.name, escape_help(&e.help));
        match &e.metric {
            Metric::Counter(c) => {
                let _ = writeln!(out, "# TYPE {} counter", e.name);
                let _ = writeln!(out, "{} {}", e.name, c.get());
            }
            Metric::Gauge(g) => {
                let _ = writeln!(out, "# TYPE {} gauge", e.name);
                let _ = writeln!(out, "{} {}", e.name, fmt_f64(g.get()));
            }
            Metric::Histogram(h) => {
                let _ = writeln!(out, "# TYPE {} histogram", e.name);
                h.with(|h| {
                    for (b, c) in h.bounds.iter().zip(&h.counts) {
                        let _ = writeln!(out, "{}_bucket{{le=\"{}\"}} {}", e.name, fmt_f64(*b), c);
                    }
                    let _ = writeln!(out, "{}_bucket{{le=\"+Inf\"}} {}", e.name, h.count);
                    let _ = writeln!(out, "{}_sum {}", e.name, fmt_f64(h.sum));
                    let _ = writeln!(out, "{}_count {}", e.name, h.count);
                });
            }
        }
    }
    out
}

fn escape_help(s: &str) -> String {
    s.replace('\\', "\\\\").replace('\n', "\\n")
}

pub(crate) fn fmt_f64(v: f64) -> String {
    if v.is_infinite() {
        if v > 0.0 { "+Inf".into() } else { "-Inf".into() }
    } else if v.is_nan() {
        "NaN".into()
    } else {
        format!("{}", v)
    }
}
