//! Job summary builder (`GITHUB_STEP_SUMMARY`, GitHub-flavoured Markdown).

use crate::Error;
use std::fs::OpenOptions;
use std::io::Write;

#[derive(Debug, Default, Clone)]
pub struct Summary {
    buf: String,
}

pub fn summary() -> Summary {
    Summary::default()
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', "<br>")
}

impl Summary {
    pub fn raw(mut self, text: &str) -> Summary {
        self.buf.push_str(text);
        self
    }
    pub fn h1(self, t: &str) -> Summary {
        self.raw(&format!("# {t}\n\n"))
    }
    pub fn h2(self, t: &str) -> Summary {
        self.raw(&format!("## {t}\n\n"))
    }
    pub fn paragraph(self, t: &str) -> Summary {
        self.raw(&format!("{t}\n\n"))
    }
    pub fn code(self, lang: &str, body: &str) -> Summary {
        self.raw(&format!("```{lang}\n{body}\n```\n\n"))
    }
    pub fn list(self, items: &[&str]) -> Summary {
        let s: String = items.iter().map(|i| format!("- {i}\n")).collect();
        self.raw(&format!("{s}\n"))
    }
    pub fn details(self, summary: &str, body: &str) -> Summary {
        self.raw(&format!("<details><summary>{summary}</summary>\n\n{body}\n\n</details>\n\n"))
    }
    /// First row is the header.
    pub fn table(self, rows: &[&[&str]]) -> Summary {
        let Some((head, rest)) = rows.split_first() else { return self };
        let mut s = format!("| {} |\n", head.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | "));
        s.push_str(&format!("|{}\n", "---|".repeat(head.len())));
        for r in rest {
            s.push_str(&format!("| {} |\n", r.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")));
        }
        self.raw(&format!("{s}\n"))
    }

    pub fn as_str(&self) -> &str {
        &self.buf
    }

    /// Appends the built Markdown to the step summary.
    pub fn write(self) -> Result<(), Error> {
        let path = std::env::var_os("GITHUB_STEP_SUMMARY")
            .filter(|v| !v.is_empty())
            .ok_or(Error::NotInActions("GITHUB_STEP_SUMMARY"))?;
        let mut f = OpenOptions::new().append(true).open(path)?;
        f.write_all(self.buf.as_bytes())?;
        Ok(())
    }
}
