//! TeX pattern files and Liang's algorithm.

use std::collections::HashMap;

/// Header directives found in `% @key value` comment lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Directives {
    /// Language tag.
    pub lang: Option<String>,
    /// Minimum characters before / after a break.
    pub min: Option<(usize, usize)>,
    /// Base URL of the pattern mirror.
    pub mirror: Option<String>,
    /// Languages the mirror is expected to carry.
    pub langs: Vec<String>,
}

/// Compiled patterns plus the exception list.
#[derive(Debug, Clone, Default)]
pub struct Patterns {
    /// letters → inter-letter values (len = letters + 1)
    table: HashMap<Box<[char]>, Box<[u8]>>,
    /// Longest pattern in letters, bounds the inner loop.
    max_len: usize,
    /// word → break positions
    exceptions: HashMap<String, Vec<usize>>,
    /// Parsed header.
    pub directives: Directives,
}

/// Parse failure with a line number.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    /// 1-based line.
    pub line: usize,
    /// What was wrong.
    pub msg: &'static str,
}

impl std::fmt::Display for ParseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.msg)
    }
}

impl std::error::Error for ParseError {}

#[derive(PartialEq)]
enum Block {
    None,
    Patterns,
    Exceptions,
}

impl Patterns {
    /// Parses a TeX-style file with `\patterns{…}` and `\hyphenation{…}`.
    pub fn parse(src: &str) -> Result<Patterns, ParseError> {
        let mut p = Patterns::default();
        let mut block = Block::None;
        for (n, raw) in src.lines().enumerate() {
            let line_no = n + 1;
            if let Some(c) = raw.trim_start().strip_prefix('%') {
                if let Some(d) = c.trim_start().strip_prefix('@') {
                    p.directive(d);
                }
                continue;
            }
            let line = raw.split('%').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            if line.starts_with("\\patterns{") {
                block = Block::Patterns;
                continue;
            }
            if line.starts_with("\\hyphenation{") {
                block = Block::Exceptions;
                continue;
            }
            if line == "}" {
                block = Block::None;
                continue;
            }
            for tok in line.split_whitespace() {
                match block {
                    Block::Patterns => p.add_pattern(tok).map_err(|msg| ParseError { line: line_no, msg })?,
                    Block::Exceptions => p.add_exception(tok),
                    Block::None => return Err(ParseError { line: line_no, msg: "text outside a block" }),
                }
            }
        }
        if p.table.is_empty() {
            return Err(ParseError { line: 0, msg: "no patterns" });
        }
        Ok(p)
    }

    fn directive(&mut self, d: &str) {
        let mut it = d.split_whitespace();
        let key = it.next().unwrap_or("");
        let rest: Vec<&str> = it.collect();
        match key {
            "lang" => self.directives.lang = rest.first().map(|s| s.to_string()),
            "min" => {
                if let [a, b] = rest[..] {
                    if let (Ok(a), Ok(b)) = (a.parse(), b.parse()) {
                        self.directives.min = Some((a, b));
                    }
                }
            }
            "mirror" => self.directives.mirror = rest.first().map(|s| s.to_string()),
            "langs" => self.directives.langs = rest.iter().map(|s| s.to_string()).collect(),
            _ => {}
        }
    }

    /// Adds one pattern such as `a5bal` or `.ach4`.
    pub fn add_pattern(&mut self, pat: &str) -> Result<(), &'static str> {
        let mut letters = Vec::with_capacity(pat.len());
        let mut values = vec![0u8];
        for c in pat.chars() {
            if let Some(d) = c.to_digit(10) {
                *values.last_mut().unwrap() = d as u8;
            } else if c.is_alphabetic() || c == '.' || c == '\'' {
                letters.push(c);
                values.push(0);
            } else {
                return Err("invalid character in pattern");
            }
        }
        if letters.is_empty() {
            return Err("empty pattern");
        }
        self.max_len = self.max_len.max(letters.len());
        self.table.insert(letters.into_boxed_slice(), values.into_boxed_slice());
        Ok(())
    }

    /// Adds an exception such as `ta-ble`.
    pub fn add_exception(&mut self, word: &str) {
        let mut plain = String::with_capacity(word.len());
        let mut breaks = Vec::new();
        let mut n = 0;
        for c in word.chars() {
            if c == '-' {
                breaks.push(n);
            } else {
                plain.push(c);
                n += 1;
            }
        }
        self.exceptions.insert(plain.to_lowercase(), breaks);
    }

    /// Number of patterns.
    pub fn len(&self) -> usize {
        self.table.len()
    }

    /// `true` if empty.
    pub fn is_empty(&self) -> bool {
        self.table.is_empty()
    }

    /// Break opportunities in `word` (character indices where a hyphen may
    /// be inserted *before* that character).
    pub fn breaks(&self, word: &str, left_min: usize, right_min: usize) -> Vec<usize> {
        let lower = word.to_lowercase();
        let n = lower.chars().count();
        if let Some(b) = self.exceptions.get(&lower) {
            return b.clone();
        }
        if n < left_min + right_min {
            return Vec::new();
        }
        let mut w: Vec<char> = Vec::with_capacity(n + 2);
        w.push('.');
        w.extend(lower.chars());
        w.push('.');
        let mut points = vec![0u8; w.len() + 1];
        for i in 0..w.len() {
            let max_j = (i + self.max_len).min(w.len());
            for j in i + 1..=max_j {
                if let Some(v) = self.table.get(&w[i..j]) {
                    for (k, &val) in v.iter().enumerate() {
                        if val > points[i + k] {
                            points[i + k] = val;
                        }
                    }
                }
            }
        }
        // points[i + 1] is the value between word chars i-1 and i.
        (left_min..=n.saturating_sub(right_min)).filter(|&i| points[i + 1] % 2 == 1).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tiny() -> Patterns {
        Patterns::parse(
            "% @mirror http://mirror.invalid/\n% @min 2 3\n\\patterns{\n1ba 2b1b a1b\n}\n\\hyphenation{\nta-ble\n}\n",
        )
        .unwrap()
    }

    #[test]
    fn directives_parsed() {
        let p = tiny();
        assert_eq!(p.directives.mirror.as_deref(), Some("http://mirror.invalid/"));
        assert_eq!(p.directives.min, Some((2, 3)));
    }

    #[test]
    fn exceptions_win() {
        assert_eq!(tiny().breaks("Table", 2, 3), vec![2]);
    }

    #[test]
    fn rejects_garbage() {
        assert!(Patterns::parse("\\patterns{\na$b\n}\n").is_err());
        assert!(Patterns::parse("loose text\n").is_err());
    }
}
