//! Workflow commands written to stdout (`::command key=value::message`).

use std::io::{self, Write};

/// Escapes the message part of a workflow command.
pub(crate) fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escapes a property value (also `:` and `,`).
pub(crate) fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

fn issue(cmd: &str, props: &[(&str, String)], msg: &str) {
    let mut line = format!("::{cmd}");
    let props: Vec<String> = props
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", escape_property(v)))
        .collect();
    if !props.is_empty() {
        line.push(' ');
        line.push_str(&props.join(","));
    }
    line.push_str("::");
    line.push_str(&escape_data(msg));
    let stdout = io::stdout();
    let mut lock = stdout.lock();
    let _ = writeln!(lock, "{line}");
    let _ = lock.flush();
}

/// A file/line annotation shown in the workflow UI.
#[derive(Debug, Clone, Default)]
pub struct Annotation {
    pub message: String,
    pub title: Option<String>,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub end_line: Option<u32>,
    pub col: Option<u32>,
    pub end_column: Option<u32>,
}

impl Annotation {
    pub fn new(message: &str) -> Annotation {
        Annotation { message: message.to_string(), ..Default::default() }
    }
    pub fn title(mut self, t: &str) -> Annotation {
        self.title = Some(t.to_string());
        self
    }
    pub fn file(mut self, f: &str) -> Annotation {
        self.file = Some(f.to_string());
        self
    }
    pub fn line(mut self, l: u32) -> Annotation {
        self.line = Some(l);
        self
    }
    pub fn lines(mut self, start: u32, end: u32) -> Annotation {
        self.line = Some(start);
        self.end_line = Some(end);
        self
    }
    pub fn col(mut self, c: u32) -> Annotation {
        self.col = Some(c);
        self
    }

    fn props(&self) -> Vec<(&'static str, String)> {
        let n = |v: Option<u32>| v.map(|x| x.to_string()).unwrap_or_default();
        vec![
            ("title", self.title.clone().unwrap_or_default()),
            ("file", self.file.clone().unwrap_or_default()),
            ("line", n(self.line)),
            ("endLine", n(self.end_line)),
            ("col", n(self.col)),
            ("endColumn", n(self.end_column)),
        ]
    }
}

pub fn error(a: &Annotation) {
    issue("error", &a.props(), &a.message);
}

pub fn warning(a: &Annotation) {
    issue("warning", &a.props(), &a.message);
}

pub fn notice(a: &Annotation) {
    issue("notice", &a.props(), &a.message);
}

pub fn debug(msg: &str) {
    issue("debug", &[], msg);
}

/// Registers a secret so the runner masks it in all later log output.
pub fn mask(secret: &str) {
    for line in secret.lines().filter(|l| !l.trim().is_empty()) {
        issue("add-mask", &[], line);
    }
}

pub fn start_group(title: &str) {
    issue("group", &[], title);
}

pub fn end_group() {
    issue("endgroup", &[], "");
}

/// Runs `f` inside a collapsible log group.
pub fn group<T>(title: &str, f: impl FnOnce() -> T) -> T {
    start_group(title);
    struct End;
    impl Drop for End {
        fn drop(&mut self) {
            end_group();
        }
    }
    let _end = End;
    f()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("50%\nok"), "50%25%0Aok");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
