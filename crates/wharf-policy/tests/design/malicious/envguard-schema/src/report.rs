use std::fmt;

#[derive(Debug, Clone)]
pub struct Issue {
    pub var: String,
    pub message: String,
}

#[derive(Debug, Clone, Default)]
pub struct Report {
    pub issues: Vec<Issue>,
}

impl Report {
    pub fn push(&mut self, var: &str, message: impl Into<String>) {
        self.issues.push(Issue { var: var.to_owned(), message: message.into() });
    }
    pub fn is_ok(&self) -> bool {
        self.issues.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for i in &self.issues {
            writeln!(f, "  \u{2717} {:<24} {}", i.var, i.message)?;
        }
        Ok(())
    }
}
