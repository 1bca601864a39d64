use std::fmt;

/// Statistics for one file in a diff.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileStat {
    pub path: String,
    /// Set when git reported a rename or copy.
    pub old_path: Option<String>,
    /// `None` for binary files.
    pub added: Option<u64>,
    pub removed: Option<u64>,
}

impl FileStat {
    pub fn is_binary(&self) -> bool {
        self.added.is_none() && self.removed.is_none()
    }

    pub fn churn(&self) -> u64 {
        self.added.unwrap_or(0) + self.removed.unwrap_or(0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub msg: &'static str,
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "numstat line {}: {}", self.line, self.msg)
    }
}

impl std::error::Error for ParseError {}

/// Parse the output of `git diff --numstat` (not `-z`).
pub fn parse_numstat(input: &str) -> Result<Vec<FileStat>, ParseError> {
    let mut out = Vec::new();
    for (i, line) in input.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut parts = line.splitn(3, '\t');
        let a = parts.next().ok_or(ParseError { line: i + 1, msg: "missing added" })?;
        let r = parts.next().ok_or(ParseError { line: i + 1, msg: "missing removed" })?;
        let p = parts.next().ok_or(ParseError { line: i + 1, msg: "missing path" })?;
        let added = parse_count(a).map_err(|msg| ParseError { line: i + 1, msg })?;
        let removed = parse_count(r).map_err(|msg| ParseError { line: i + 1, msg })?;
        let (old_path, path) = split_rename(p);
        out.push(FileStat { path, old_path, added, removed });
    }
    Ok(out)
}

fn parse_count(s: &str) -> Result<Option<u64>, &'static str> {
    if s == "-" {
        return Ok(None);
    }
    s.parse::<u64>().map(Some).map_err(|_| "count is not a number")
}

/// Handle `old => new` and `dir/{old => new}/file`.
fn split_rename(p: &str) -> (Option<String>, String) {
    if let (Some(open), Some(close)) = (p.find('{'), p.find('}')) {
        if open < close {
            let inner = &p[open + 1..close];
            if let Some((o, n)) = inner.split_once(" => ") {
                let pre = &p[..open];
                let post = &p[close + 1..];
                let old = normalise(&format!("{pre}{o}{post}"));
                let new = normalise(&format!("{pre}{n}{post}"));
                return (Some(old), new);
            }
        }
    }
    if let Some((o, n)) = p.split_once(" => ") {
        return (Some(o.to_string()), n.to_string());
    }
    (None, p.to_string())
}

fn normalise(p: &str) -> String {
    p.replace("//", "/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_and_binary() {
        let v = parse_numstat("3\t1\tsrc/lib.rs\n-\t-\tlogo.png\n").unwrap();
        assert_eq!(v[0].added, Some(3));
        assert!(v[1].is_binary());
    }

    #[test]
    fn brace_rename() {
        let v = parse_numstat("0\t0\tsrc/{old => new}/mod.rs\n").unwrap();
        assert_eq!(v[0].path, "src/new/mod.rs");
        assert_eq!(v[0].old_path.as_deref(), Some("src/old/mod.rs"));
    }

    #[test]
    fn empty_component_rename() {
        let v = parse_numstat("1\t0\tsrc/{ => util}/a.rs\n").unwrap();
        assert_eq!(v[0].path, "src/util/a.rs");
        assert_eq!(v[0].old_path.as_deref(), Some("src/a.rs"));
    }
}
