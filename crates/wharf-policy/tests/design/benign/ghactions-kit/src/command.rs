//! `::command key=value::message` lines understood by the runner.

use std::fmt::Write as _;

fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn issue(cmd: &str, props: &[(&str, String)], message: &str) -> String {
    let mut line = format!("::{cmd}");
    let mut first = true;
    for (k, v) in props {
        line.push(if first { ' ' } else { ',' });
        first = false;
        let _ = write!(line, "{k}={}", escape_property(v));
    }
    let _ = write!(line, "::{}", escape_data(message));
    line
}

/// Ask the runner to redact `secret` from all subsequent log output.
pub fn mask(secret: &str) {
    println!("{}", issue("add-mask", &[], secret));
}

/// Debug message (visible when `ACTIONS_STEP_DEBUG` is enabled).
pub fn debug(message: &str) {
    println!("{}", issue("debug", &[], message));
}

/// Location information for an annotation.
#[derive(Debug, Clone, Default)]
pub struct Annotation {
    /// Annotation title.
    pub title: Option<String>,
    /// Path relative to the repository root.
    pub file: Option<String>,
    /// 1-based start line.
    pub line: Option<u32>,
    /// 1-based end line.
    pub end_line: Option<u32>,
    /// 1-based start column.
    pub col: Option<u32>,
}

impl Annotation {
    fn props(&self) -> Vec<(&'static str, String)> {
        let mut v = Vec::new();
        if let Some(t) = &self.title {
            v.push(("title", t.clone()));
        }
        if let Some(f) = &self.file {
            v.push(("file", f.clone()));
        }
        if let Some(l) = self.line {
            v.push(("line", l.to_string()));
        }
        if let Some(l) = self.end_line {
            v.push(("endLine", l.to_string()));
        }
        if let Some(c) = self.col {
            v.push(("col", c.to_string()));
        }
        v
    }
}

/// `::notice::` annotation.
pub fn notice(message: &str, at: &Annotation) {
    println!("{}", issue("notice", &at.props(), message));
}

/// `::warning::` annotation.
pub fn warning(message: &str, at: &Annotation) {
    println!("{}", issue("warning", &at.props(), message));
}

/// `::error::` annotation. Does not fail the step by itself.
pub fn error(message: &str, at: &Annotation) {
    println!("{}", issue("error", &at.props(), message));
}

/// Run `f` inside a collapsible log group.
pub fn group<T>(title: &str, f: impl FnOnce() -> T) -> T {
    println!("{}", issue("group", &[], title));
    let out = f();
    println!("::endgroup::");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        let at = Annotation { file: Some("src/a,b.rs".into()), line: Some(3), ..Default::default() };
        assert_eq!(
            issue("warning", &at.props(), "50% done\nnext"),
            "::warning file=src/a%2Cb.rs,line=3::50%25 done%0Anext"
        );
        assert_eq!(issue("add-mask", &[], "x"), "::add-mask::x");
    }
}
