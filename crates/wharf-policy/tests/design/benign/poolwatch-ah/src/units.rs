//! Hashrate formatting and parsing.

const PREFIXES: [(&str, f64); 7] =
    [("", 1.0), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("P", 1e15), ("E", 1e18)];

/// `1234567.0` -> `"1.23 MH/s"`.
pub fn format_hashrate(hs: f64) -> String {
    if !hs.is_finite() || hs <= 0.0 {
        return "0 H/s".into();
    }
    let mut idx = 0;
    while idx + 1 < PREFIXES.len() && hs >= PREFIXES[idx + 1].1 {
        idx += 1;
    }
    let (p, scale) = PREFIXES[idx];
    let v = hs / scale;
    let digits = if v >= 100.0 { 1 } else { 2 };
    format!("{v:.digits$} {p}H/s")
}

/// Parse `"12.5 kH/s"`, `"3 GH/s"`, `"800H/s"`.
pub fn parse_hashrate(s: &str) -> Option<f64> {
    let s = s.trim();
    let s = s.strip_suffix("/s").or_else(|| s.strip_suffix("/S"))?;
    let s = s.strip_suffix('H').or_else(|| s.strip_suffix('h'))?.trim_end();
    let split = s.find(|c: char| c.is_ascii_alphabetic()).unwrap_or(s.len());
    let (num, prefix) = s.split_at(split);
    let v: f64 = num.trim().parse().ok()?;
    let scale = PREFIXES.iter().find(|(p, _)| p.eq_ignore_ascii_case(prefix.trim()))?.1;
    Some(v * scale)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        assert_eq!(format_hashrate(1_234_567.0), "1.23 MH/s");
        assert_eq!(format_hashrate(512.0), "512.0 H/s");
        assert_eq!(parse_hashrate("12.5 kH/s"), Some(12_500.0));
        assert_eq!(parse_hashrate("3GH/s"), Some(3e9));
        assert_eq!(parse_hashrate("fast"), None);
    }
}
