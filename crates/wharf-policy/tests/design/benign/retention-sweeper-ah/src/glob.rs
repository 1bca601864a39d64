//! Minimal wildcard matching for file names (`*`, `?`).

/// Does `name` match `pattern`? Matching is on the file name only.
pub fn matches(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni) = (0usize, 0usize);
    let mut star: Option<usize> = None;
    let mut mark = 0usize;
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn wildcard_cases() {
        assert!(matches("*.log", "app.log"));
        assert!(matches("*.log.*", "app.log.3"));
        assert!(!matches("*.log", "app.log.3"));
        assert!(matches("db-????.dump", "db-2024.dump"));
        assert!(!matches("*.dump", ".hidden"));
    }
}
