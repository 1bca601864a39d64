//! Offline password strength estimation.

use std::collections::HashSet;
use std::sync::OnceLock;

static COMMON: OnceLock<HashSet<&'static str>> = OnceLock::new();

fn common() -> &'static HashSet<&'static str> {
    COMMON.get_or_init(|| include_str!("../data/common.txt").lines().filter(|l| !l.is_empty()).collect())
}

const ROWS: &[&str] = &["`1234567890-=", "qwertyuiop[]\\", "asdfghjkl;'", "zxcvbnm,./"];

#[derive(Debug, Clone)]
pub struct Report {
    pub bits: f64,
    pub score: u8,
    pub warnings: Vec<&'static str>,
}

impl Report {
    /// Seconds to exhaust half the space at 1e10 guesses/s.
    pub fn crack_seconds(&self) -> f64 {
        2f64.powf(self.bits - 1.0) / 1e10
    }

    pub fn crack_time_display(&self) -> String {
        let s = self.crack_seconds();
        let units = [(31_557_600.0 * 100.0, "centuries"), (31_557_600.0, "years"), (86_400.0, "days"), (3_600.0, "hours"), (60.0, "minutes")];
        for (u, name) in units {
            if s >= u {
                return format!("{:.0} {name}", s / u);
            }
        }
        "less than a minute".into()
    }
}

fn unleet(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '0' => 'o',
            '1' | '!' => 'i',
            '3' => 'e',
            '4' | '@' => 'a',
            '5' | '$' => 's',
            '7' => 't',
            _ => c,
        })
        .collect()
}

fn charset_size(p: &str) -> f64 {
    let mut n = 0;
    if p.chars().any(|c| c.is_ascii_lowercase()) {
        n += 26;
    }
    if p.chars().any(|c| c.is_ascii_uppercase()) {
        n += 26;
    }
    if p.chars().any(|c| c.is_ascii_digit()) {
        n += 10;
    }
    if p.chars().any(|c| c.is_ascii_punctuation() || c == ' ') {
        n += 33;
    }
    if p.chars().any(|c| !c.is_ascii()) {
        n += 100;
    }
    n.max(1) as f64
}

fn keyboard_walk_len(p: &str) -> usize {
    let lower: Vec<char> = p.to_lowercase().chars().collect();
    let pos = |c: char| ROWS.iter().enumerate().find_map(|(r, row)| row.find(c).map(|i| (r as i32, i as i32)));
    let mut best = 0;
    let mut run = 1;
    for w in lower.windows(2) {
        match (pos(w[0]), pos(w[1])) {
            (Some((r1, c1)), Some((r2, c2))) if (r1 - r2).abs() <= 1 && (c1 - c2).abs() <= 1 => run += 1,
            _ => run = 1,
        }
        best = best.max(run);
    }
    best
}

fn sequence_or_repeat_len(p: &str) -> usize {
    let b = p.as_bytes();
    let mut best = 1;
    let mut run = 1;
    for w in b.windows(2) {
        let d = w[1] as i16 - w[0] as i16;
        if d.abs() <= 1 {
            run += 1;
        } else {
            run = 1;
        }
        best = best.max(run);
    }
    best
}

pub fn estimate(password: &str) -> Report {
    let mut warnings = Vec::new();
    let len = password.chars().count();
    let lower = password.to_lowercase();
    if len == 0 {
        return Report { bits: 0.0, score: 0, warnings: vec!["empty password"] };
    }
    if common().contains(lower.as_str()) || common().contains(unleet(&lower).as_str()) {
        warnings.push("this is a very common password");
        return Report { bits: 10.0, score: 0, warnings };
    }
    let mut effective = len as f64;
    let walk = keyboard_walk_len(password);
    if walk >= 4 {
        warnings.push("keyboard patterns are easy to guess");
        effective -= walk as f64 * 0.75;
    }
    let seq = sequence_or_repeat_len(password);
    if seq >= 3 {
        warnings.push("repeats and sequences like 'aaa' or 'abc' add little");
        effective -= seq as f64 * 0.75;
    }
    let bits = (effective.max(1.0) * charset_size(password).log2()).max(0.0);
    let score = match bits as u32 {
        0..=27 => 0,
        28..=35 => 1,
        36..=59 => 2,
        60..=79 => 3,
        _ => 4,
    };
    Report { bits, score, warnings }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn common_is_weak() {
        assert_eq!(estimate("password").score, 0);
        assert_eq!(estimate("P@ssw0rd").score, 0);
    }
    #[test]
    fn walk_penalised() {
        assert!(estimate("qwertyuiop").score <= 1);
    }
    #[test]
    fn passphrase_strong() {
        assert!(estimate("correct horse battery staple").score >= 3);
    }
}
