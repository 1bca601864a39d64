//! The downloads chart: an SVG drawn on the server, so it costs no script and no second request.
//!
//! Colours come from the style sheet (classes), so the chart follows the page's light or dark
//! scheme. Each bar carries a `<title>`, which browsers show as a tooltip and screen readers read.

use std::collections::HashMap;
use std::fmt::Write;

/// How many days the chart covers, today included.
pub const DAYS: usize = 90;

const WIDTH: f64 = 720.0;
const HEIGHT: f64 = 180.0;
const LEFT: f64 = 8.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 22.0;

/// Sums per-version counts into days and draws them. `days` lists the chart's days oldest first
/// (`YYYY-MM-DD`); `counts` may hold days outside them, which are ignored.
pub fn downloads_svg(days: &[String], counts: &[(String, i64)]) -> (String, i64) {
    let mut by_day: HashMap<&str, i64> = HashMap::with_capacity(days.len());
    for (day, n) in counts {
        *by_day.entry(day.as_str()).or_default() += n;
    }
    let values: Vec<i64> = days
        .iter()
        .map(|d| by_day.get(d.as_str()).copied().unwrap_or(0))
        .collect();
    let total: i64 = values.iter().sum();
    let max = values.iter().copied().max().unwrap_or(0).max(1);
    let plot_height = HEIGHT - TOP - BOTTOM;
    let slot = (WIDTH - 2.0 * LEFT) / days.len().max(1) as f64;
    let bar = (slot - 1.0).max(1.0);
    let first = days.first().map(String::as_str).unwrap_or("");
    let last = days.last().map(String::as_str).unwrap_or("");

    let mut svg = String::with_capacity(12_000);
    let _ = write!(
        svg,
        "<svg class=\"chart\" viewBox=\"0 0 {WIDTH} {HEIGHT}\" role=\"img\" \
         aria-labelledby=\"chart-title chart-desc\" preserveAspectRatio=\"none\">\
         <title id=\"chart-title\">Downloads per day, {first} to {last}</title>\
         <desc id=\"chart-desc\">{total} downloads in {n} days; the busiest day had {peak}.</desc>",
        n = days.len(),
        peak = values.iter().copied().max().unwrap_or(0),
    );
    let baseline = HEIGHT - BOTTOM;
    let _ = write!(
        svg,
        "<line class=\"chart-axis\" x1=\"{LEFT}\" y1=\"{baseline}\" x2=\"{x2}\" y2=\"{baseline}\"/>",
        x2 = WIDTH - LEFT
    );
    for (i, (day, value)) in days.iter().zip(&values).enumerate() {
        let height = (*value as f64 / max as f64) * plot_height;
        // Days without downloads keep a sliver, so the time axis stays readable.
        let height = if *value > 0 { height.max(1.5) } else { 0.5 };
        let x = LEFT + i as f64 * slot;
        let y = baseline - height;
        let _ = write!(
            svg,
            "<rect class=\"chart-bar\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{bar:.1}\" height=\"{height:.1}\">\
             <title>{day}: {value}</title></rect>"
        );
    }
    let _ = write!(
        svg,
        "<text class=\"chart-label\" x=\"{LEFT}\" y=\"14\">{max}</text>\
         <text class=\"chart-label\" x=\"{LEFT}\" y=\"{below}\">{first}</text>\
         <text class=\"chart-label\" x=\"{right}\" y=\"{below}\" text-anchor=\"end\">{last}</text></svg>",
        max = values.iter().copied().max().unwrap_or(0),
        below = HEIGHT - 6.0,
        right = WIDTH - LEFT,
    );
    (svg, total)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sums_versions_into_days_and_ignores_other_days() {
        let days: Vec<String> = vec!["2026-01-01".into(), "2026-01-02".into()];
        let counts = vec![
            ("2026-01-01".to_string(), 2),
            ("2026-01-01".to_string(), 3),
            ("2026-01-02".to_string(), 1),
            ("2025-12-31".to_string(), 100),
        ];
        let (svg, total) = downloads_svg(&days, &counts);
        assert_eq!(total, 6);
        assert!(svg.contains("<title>2026-01-01: 5</title>"), "{svg}");
        assert!(svg.contains("<title>2026-01-02: 1</title>"), "{svg}");
        assert_eq!(svg.matches("<rect").count(), 2);
    }
}
