//! Rendering comparisons as Markdown or plain text.

use crate::{Comparison, Verdict};

/// Format nanoseconds with a sensible unit.
pub fn human_ns(ns: f64) -> String {
    let (v, unit) = if ns >= 1e9 {
        (ns / 1e9, "s")
    } else if ns >= 1e6 {
        (ns / 1e6, "ms")
    } else if ns >= 1e3 {
        (ns / 1e3, "µs")
    } else {
        (ns, "ns")
    };
    if v >= 100.0 {
        format!("{v:.0} {unit}")
    } else if v >= 10.0 {
        format!("{v:.1} {unit}")
    } else {
        format!("{v:.2} {unit}")
    }
}

fn mark(v: Verdict) -> &'static str {
    match v {
        Verdict::Improved => "✅ faster",
        Verdict::Regressed => "⚠ slower",
        Verdict::Unchanged => "",
        Verdict::New => "new",
        Verdict::Missing => "missing",
    }
}

fn pct(c: &Comparison) -> String {
    match c.change {
        Some(x) => format!("{:+.1}%", x * 100.0),
        None => "–".into(),
    }
}

pub fn markdown(rows: &[Comparison]) -> String {
    let name_w = rows.iter().map(|r| r.name.chars().count()).max().unwrap_or(9).max(9);
    let mut s = String::new();
    s.push_str(&format!("| {:<name_w$} | {:<8} | {:<8} | {:<7} | {:<8} |\n", "benchmark", "base", "new", "change", ""));
    s.push_str(&format!("|{}|{}|{}|{}|{}|\n", "-".repeat(name_w + 2), "-".repeat(10), "-".repeat(10), "-".repeat(9), "-".repeat(10)));
    for r in rows {
        s.push_str(&format!(
            "| {:<name_w$} | {:<8} | {:<8} | {:<7} | {:<8} |\n",
            r.name,
            r.base_ns.map(human_ns).unwrap_or_else(|| "–".into()),
            r.new_ns.map(human_ns).unwrap_or_else(|| "–".into()),
            pct(r),
            mark(r.verdict)
        ));
    }
    s
}

pub fn plain(rows: &[Comparison]) -> String {
    rows.iter()
        .map(|r| format!("{:40} {:>10} -> {:>10} {:>8} {}", r.name,
            r.base_ns.map(human_ns).unwrap_or_default(),
            r.new_ns.map(human_ns).unwrap_or_default(),
            pct(r), mark(r.verdict)))
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        assert_eq!(human_ns(1210.0), "1.21 µs");
        assert_eq!(human_ns(97_300.0), "97.3 µs");
        assert_eq!(human_ns(5.0), "5.00 ns");
    }
}
