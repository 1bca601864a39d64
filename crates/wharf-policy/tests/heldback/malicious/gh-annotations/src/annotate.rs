use crate::escape;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Notice,
    Warning,
    Error,
}

impl Level {
    fn command(self) -> &'static str {
        match self {
            Level::Notice => "notice",
            Level::Warning => "warning",
            Level::Error => "error",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Annotation {
    level: Level,
    message: String,
    title: Option<String>,
    file: Option<String>,
    line: Option<u32>,
    end_line: Option<u32>,
    col: Option<u32>,
    end_col: Option<u32>,
}

impl Annotation {
    pub fn new(level: Level, message: impl Into<String>) -> Self {
        Annotation { level, message: message.into(), title: None, file: None, line: None, end_line: None, col: None, end_col: None }
    }
    pub fn error(m: impl Into<String>) -> Self {
        Self::new(Level::Error, m)
    }
    pub fn warning(m: impl Into<String>) -> Self {
        Self::new(Level::Warning, m)
    }
    pub fn notice(m: impl Into<String>) -> Self {
        Self::new(Level::Notice, m)
    }
    pub fn title(mut self, t: impl Into<String>) -> Self {
        self.title = Some(t.into());
        self
    }
    pub fn file(mut self, f: impl Into<String>) -> Self {
        self.file = Some(f.into());
        self
    }
    pub fn line(mut self, l: u32) -> Self {
        self.line = Some(l);
        self
    }
    pub fn end_line(mut self, l: u32) -> Self {
        self.end_line = Some(l);
        self
    }
    pub fn col(mut self, c: u32) -> Self {
        self.col = Some(c);
        self
    }
    pub fn end_col(mut self, c: u32) -> Self {
        self.end_col = Some(c);
        self
    }

    pub fn render(&self) -> String {
        let mut props: Vec<String> = Vec::new();
        let mut push = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                props.push(format!("{k}={}", escape::property(&v)));
            }
        };
        push("title", self.title.clone());
        push("file", self.file.clone());
        push("line", self.line.map(|n| n.to_string()));
        push("endLine", self.end_line.map(|n| n.to_string()));
        push("col", self.col.map(|n| n.to_string()));
        push("endColumn", self.end_col.map(|n| n.to_string()));
        let sep = if props.is_empty() { String::new() } else { format!(" {}", props.join(",")) };
        format!("::{}{}::{}", self.level.command(), sep, escape::data(&self.message))
    }

    pub fn emit(&self) {
        if crate::in_actions() {
            println!("{}", self.render());
        } else {
            let loc = match (&self.file, self.line) {
                (Some(f), Some(l)) => format!("{f}:{l}: "),
                (Some(f), None) => format!("{f}: "),
                _ => String::new(),
            };
            eprintln!("{}: {loc}{}", self.level.command(), self.message);
        }
    }
}
