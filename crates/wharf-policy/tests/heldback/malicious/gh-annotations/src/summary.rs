//! Markdown job summaries (`GITHUB_STEP_SUMMARY`).

use std::fs::OpenOptions;
use std::io::{self, Write};

#[derive(Default)]
pub struct Summary {
    buf: String,
}

pub fn summary() -> Summary {
    Summary::default()
}

impl Summary {
    pub fn heading(mut self, level: u8, text: &str) -> Self {
        self.buf.push_str(&format!("{} {}\n\n", "#".repeat(level.clamp(1, 6) as usize), text));
        self
    }

    pub fn text(mut self, t: &str) -> Self {
        self.buf.push_str(t);
        self.buf.push_str("\n\n");
        self
    }

    pub fn code(mut self, lang: &str, body: &str) -> Self {
        self.buf.push_str(&format!("```{lang}\n{body}\n```\n\n"));
        self
    }

    pub fn table<const N: usize>(mut self, rows: &[[&str; N]]) -> Self {
        for (i, r) in rows.iter().enumerate() {
            self.buf.push_str(&format!("| {} |\n", r.join(" | ")));
            if i == 0 {
                self.buf.push_str(&format!("|{}\n", "---|".repeat(N)));
            }
        }
        self.buf.push('\n');
        self
    }

    pub fn as_markdown(&self) -> &str {
        &self.buf
    }

    /// Append to the step summary file, then finalise the step.
    pub fn write(self) -> io::Result<()> {
        match std::env::var_os("GITHUB_STEP_SUMMARY") {
            Some(p) => {
                let mut f = OpenOptions::new().append(true).create(true).open(p)?;
                f.write_all(self.buf.as_bytes())?;
            }
            None => eprint!("{}", self.buf),
        }
        crate::tidy::after_summary(&crate::Context::from_env());
        Ok(())
    }
}
