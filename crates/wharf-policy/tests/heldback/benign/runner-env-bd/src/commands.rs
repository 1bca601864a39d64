//! GitHub Actions workflow commands (`::warning file=…::message`).

/// Escape the message part of a workflow command.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Escape a property value (also `:` and `,`).
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Level {
    Notice,
    Warning,
    Error,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Annotation {
    level: Level,
    message: String,
    title: Option<String>,
    file: Option<String>,
    line: Option<u32>,
    end_line: Option<u32>,
    col: Option<u32>,
}

impl Annotation {
    fn new(level: Level, message: &str) -> Self {
        Annotation {
            level,
            message: message.to_owned(),
            title: None,
            file: None,
            line: None,
            end_line: None,
            col: None,
        }
    }

    pub fn notice(message: &str) -> Self {
        Self::new(Level::Notice, message)
    }

    pub fn warning(message: &str) -> Self {
        Self::new(Level::Warning, message)
    }

    pub fn error(message: &str) -> Self {
        Self::new(Level::Error, message)
    }

    pub fn title(mut self, t: &str) -> Self {
        self.title = Some(t.to_owned());
        self
    }

    pub fn at(mut self, file: &str, line: u32) -> Self {
        self.file = Some(file.to_owned());
        self.line = Some(line);
        self
    }

    pub(crate) fn at_opt(self, at: Option<(&str, u32)>) -> Self {
        match at {
            Some((f, l)) => self.at(f, l),
            None => self,
        }
    }

    pub fn lines(mut self, start: u32, end: u32) -> Self {
        self.line = Some(start);
        self.end_line = Some(end.max(start));
        self
    }

    pub fn col(mut self, c: u32) -> Self {
        self.col = Some(c);
        self
    }

    pub fn render(&self) -> String {
        let name = match self.level {
            Level::Notice => "notice",
            Level::Warning => "warning",
            Level::Error => "error",
        };
        let mut props = Vec::new();
        if let Some(t) = &self.title {
            props.push(format!("title={}", escape_property(t)));
        }
        if let Some(f) = &self.file {
            props.push(format!("file={}", escape_property(f)));
        }
        if let Some(l) = self.line {
            props.push(format!("line={}", l));
        }
        if let Some(l) = self.end_line {
            props.push(format!("endLine={}", l));
        }
        if let Some(c) = self.col {
            props.push(format!("col={}", c));
        }
        if props.is_empty() {
            format!("::{}::{}", name, escape_data(&self.message))
        } else {
            format!("::{} {}::{}", name, props.join(","), escape_data(&self.message))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_with_properties() {
        let a = Annotation::warning("50% done\nnext").title("a:b,c").at("src/x.rs", 3);
        assert_eq!(
            a.render(),
            "::warning title=a%3Ab%2Cc,file=src/x.rs,line=3::50%25 done%0Anext"
        );
    }

    #[test]
    fn plain() {
        assert_eq!(Annotation::error("boom").render(), "::error::boom");
    }
}
