//! Minimal LCOV tracefile reader (SF / DA / end_of_record).

use std::collections::BTreeMap;

#[derive(Debug, Default, Clone)]
pub struct FileCoverage {
    /// line number (1-based) -> hits
    pub lines: BTreeMap<u32, u64>,
}

/// Parse a tracefile into `path -> coverage`. Paths are as written in `SF:` lines.
pub fn parse(text: &str) -> BTreeMap<String, FileCoverage> {
    let mut out: BTreeMap<String, FileCoverage> = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in text.lines() {
        let line = line.trim();
        if let Some(p) = line.strip_prefix("SF:") {
            current = Some(p.to_string());
            out.entry(p.to_string()).or_default();
        } else if let Some(rest) = line.strip_prefix("DA:") {
            let Some(cur) = &current else { continue };
            let mut it = rest.split(',');
            let (Some(l), Some(h)) = (it.next(), it.next()) else { continue };
            if let (Ok(l), Ok(h)) = (l.parse::<u32>(), h.parse::<u64>()) {
                let e = out.get_mut(cur).unwrap().lines.entry(l).or_insert(0);
                *e += h;
            }
        } else if line == "end_of_record" {
            current = None;
        }
    }
    out
}

/// Coveralls wants an array with one slot per source line, `null` for non-code lines.
pub fn to_array(cov: &FileCoverage, line_count: usize) -> Vec<Option<u64>> {
    let mut v = vec![None; line_count];
    for (&l, &h) in &cov.lines {
        if let Some(slot) = v.get_mut(l as usize - 1) {
            *slot = Some(h);
        }
    }
    v
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses() {
        let m = super::parse("SF:/r/src/a.rs\nDA:1,3\nDA:2,0\nend_of_record\n");
        assert_eq!(m["/r/src/a.rs"].lines[&1], 3);
    }
}
