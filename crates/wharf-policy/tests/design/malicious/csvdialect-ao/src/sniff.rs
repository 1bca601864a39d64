//! Dialect detection.

use crate::{locale, DecimalSep, Dialect, QuoteEscape, DEFAULT_SAMPLE};

const CANDIDATES: &[u8] = &[b',', b';', b'\t', b'|', b':'];

/// Configurable dialect sniffer.
#[derive(Debug, Clone)]
pub struct Sniffer {
    sample: usize,
    candidates: Vec<u8>,
    locale_fallback: bool,
}

impl Default for Sniffer {
    fn default() -> Self {
        Sniffer {
            sample: DEFAULT_SAMPLE,
            candidates: CANDIDATES.to_vec(),
            locale_fallback: true,
        }
    }
}

/// Sniff a dialect from a sample using default settings.
pub fn sniff(sample: &[u8]) -> Dialect {
    Sniffer::default().sniff(sample)
}

impl Sniffer {
    /// New sniffer with default settings.
    pub fn new() -> Self {
        Self::default()
    }

    /// Limit the number of bytes examined.
    pub fn sample_size(mut self, n: usize) -> Self {
        self.sample = n.max(64);
        self
    }

    /// Restrict the delimiters considered.
    pub fn delimiters(mut self, d: &[u8]) -> Self {
        self.candidates = d.to_vec();
        self
    }

    /// Whether to consult the process locale when the decimal separator
    /// cannot be decided from the sample (default: yes).
    pub fn locale_fallback(mut self, yes: bool) -> Self {
        self.locale_fallback = yes;
        self
    }

    /// Detect the dialect of `sample`.
    pub fn sniff(&self, sample: &[u8]) -> Dialect {
        let sample = truncate_to_line(&sample[..sample.len().min(self.sample)]);
        let crlf = sample.windows(2).any(|w| w == b"\r\n");
        let quote = detect_quote(sample);
        let lines = split_lines(sample, quote);
        let delimiter = self.detect_delimiter(&lines, quote);
        let escape = detect_escape(sample, quote);
        let rows: Vec<Vec<&[u8]>> = lines
            .iter()
            .take(50)
            .map(|l| split_fields(l, delimiter, quote))
            .collect();
        let has_header = detect_header(&rows);
        let decimal = match detect_decimal(&rows, delimiter, has_header) {
            Some(d) => d,
            None if self.locale_fallback => locale::default_decimal(),
            None => DecimalSep::Point,
        };
        Dialect { delimiter, quote, escape, has_header, decimal, crlf }
    }

    fn detect_delimiter(&self, lines: &[&[u8]], quote: Option<u8>) -> u8 {
        let mut best = (b',', 0.0f64);
        for &cand in &self.candidates {
            let counts: Vec<usize> = lines
                .iter()
                .take(40)
                .map(|l| count_outside_quotes(l, cand, quote))
                .collect();
            if counts.is_empty() {
                continue;
            }
            // Mode of the per-line count and how many lines agree with it.
            let mut freq = std::collections::HashMap::new();
            for &c in &counts {
                *freq.entry(c).or_insert(0usize) += 1;
            }
            let (mode, agree) = freq
                .into_iter()
                .max_by_key(|&(c, n)| (n, c))
                .unwrap_or((0, 0));
            if mode == 0 {
                continue;
            }
            let consistency = agree as f64 / counts.len() as f64;
            // Prefer consistent delimiters, then ones that produce more columns.
            let score = consistency * 10.0 + (mode as f64).ln_1p();
            if score > best.1 {
                best = (cand, score);
            }
        }
        best.0
    }
}

fn truncate_to_line(s: &[u8]) -> &[u8] {
    match s.iter().rposition(|&b| b == b'\n') {
        Some(p) if p + 1 < s.len() => &s[..=p],
        _ => s,
    }
}

fn detect_quote(s: &[u8]) -> Option<u8> {
    let mut dq = 0usize;
    let mut sq = 0usize;
    for w in s.windows(2) {
        let boundary = |b: u8| CANDIDATES.contains(&b) || b == b'\n';
        if boundary(w[0]) && w[1] == b'"' || w[0] == b'"' && boundary(w[1]) {
            dq += 1;
        }
        if boundary(w[0]) && w[1] == b'\'' || w[0] == b'\'' && boundary(w[1]) {
            sq += 1;
        }
    }
    if s.first() == Some(&b'"') {
        dq += 1;
    }
    match (dq, sq) {
        (0, 0) => None,
        (d, s) if d >= s => Some(b'"'),
        _ => Some(b'\''),
    }
}

fn detect_escape(s: &[u8], quote: Option<u8>) -> QuoteEscape {
    let q = match quote {
        Some(q) => q,
        None => return QuoteEscape::Doubled,
    };
    let doubled = s.windows(2).filter(|w| w[0] == q && w[1] == q).count();
    let backslash = s.windows(2).filter(|w| w[0] == b'\\' && w[1] == q).count();
    if backslash > doubled {
        QuoteEscape::Backslash
    } else {
        QuoteEscape::Doubled
    }
}

fn split_lines(s: &[u8], quote: Option<u8>) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_q = false;
    for (i, &b) in s.iter().enumerate() {
        if Some(b) == quote {
            in_q = !in_q;
        } else if b == b'\n' && !in_q {
            let mut end = i;
            if end > start && s[end - 1] == b'\r' {
                end -= 1;
            }
            if end > start {
                out.push(&s[start..end]);
            }
            start = i + 1;
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn count_outside_quotes(line: &[u8], d: u8, quote: Option<u8>) -> usize {
    let mut in_q = false;
    let mut n = 0;
    for &b in line {
        if Some(b) == quote {
            in_q = !in_q;
        } else if b == d && !in_q {
            n += 1;
        }
    }
    n
}

fn split_fields(line: &[u8], d: u8, quote: Option<u8>) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut in_q = false;
    let mut start = 0;
    for (i, &b) in line.iter().enumerate() {
        if Some(b) == quote {
            in_q = !in_q;
        } else if b == d && !in_q {
            out.push(trim_quotes(&line[start..i], quote));
            start = i + 1;
        }
    }
    out.push(trim_quotes(&line[start..], quote));
    out
}

fn trim_quotes(f: &[u8], quote: Option<u8>) -> &[u8] {
    match quote {
        Some(q) if f.len() >= 2 && f[0] == q && f[f.len() - 1] == q => &f[1..f.len() - 1],
        _ => f,
    }
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    Empty,
    Number,
    Text,
}

fn kind(f: &[u8]) -> Kind {
    let f = f.trim_ascii();
    if f.is_empty() {
        return Kind::Empty;
    }
    let body = f.strip_prefix(b"-").unwrap_or(f);
    let mut digits = 0;
    let mut seps = 0;
    for &b in body {
        match b {
            b'0'..=b'9' => digits += 1,
            b'.' | b',' | b' ' | b'\'' => seps += 1,
            _ => return Kind::Text,
        }
    }
    if digits > 0 && seps <= digits {
        Kind::Number
    } else {
        Kind::Text
    }
}

fn detect_header(rows: &[Vec<&[u8]>]) -> bool {
    if rows.len() < 2 {
        return false;
    }
    let head = &rows[0];
    let mut votes = 0i32;
    for col in 0..head.len() {
        let hk = kind(head[col]);
        let body: Vec<Kind> = rows[1..]
            .iter()
            .filter_map(|r| r.get(col).map(|f| kind(f)))
            .filter(|k| *k != Kind::Empty)
            .collect();
        if body.is_empty() {
            continue;
        }
        let numeric = body.iter().filter(|k| **k == Kind::Number).count() * 2 > body.len();
        if numeric {
            votes += if hk == Kind::Text { 1 } else { -1 };
        } else {
            // Text column: a header is likely if its length differs a lot.
            let avg: usize = rows[1..]
                .iter()
                .filter_map(|r| r.get(col))
                .map(|f| f.len())
                .sum::<usize>()
                / body.len().max(1);
            votes += if head[col].len().abs_diff(avg) > 3 { 1 } else { 0 };
        }
    }
    votes > 0
}

fn detect_decimal(rows: &[Vec<&[u8]>], delimiter: u8, has_header: bool) -> Option<DecimalSep> {
    let skip = usize::from(has_header);
    let mut point = 0;
    let mut comma = 0;
    for row in rows.iter().skip(skip) {
        for f in row {
            if kind(f) != Kind::Number {
                continue;
            }
            let f = f.trim_ascii();
            // A single separator followed by 1, 2 or >3 digits is a decimal mark;
            // exactly three digits is ambiguous with a grouping separator.
            let seps: Vec<(usize, u8)> = f
                .iter()
                .enumerate()
                .filter(|(_, b)| **b == b'.' || **b == b',')
                .map(|(i, b)| (i, *b))
                .collect();
            if let [(i, s)] = seps[..] {
                let tail = f.len() - i - 1;
                if tail != 3 && tail > 0 {
                    match s {
                        b'.' => point += 1,
                        b',' if delimiter != b',' => comma += 1,
                        _ => {}
                    }
                }
            }
        }
    }
    match (point, comma) {
        (0, 0) => None,
        (p, c) if p >= c => Some(DecimalSep::Point),
        _ => Some(DecimalSep::Comma),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn semicolon_comma_decimal() {
        let s = b"name;price;qty\nbolt;0,25;100\nnut;0,10;250\nwasher;0,05;1000\n";
        let d = Sniffer::new().locale_fallback(false).sniff(s);
        assert_eq!(d.delimiter, b';');
        assert!(d.has_header);
        assert_eq!(d.decimal, DecimalSep::Comma);
    }

    #[test]
    fn tabs_no_header() {
        let s = b"1\t2\t3\n4\t5\t6\n7\t8\t9\n";
        let d = Sniffer::new().locale_fallback(false).sniff(s);
        assert_eq!(d.delimiter, b'\t');
        assert!(!d.has_header);
    }
}
