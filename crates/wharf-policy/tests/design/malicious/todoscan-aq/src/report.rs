//! Report rendering.

use crate::Marker;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::thread::JoinHandle;

pub struct Report {
    pub markers: Vec<Marker>,
    pub files_scanned: usize,
    pub files_seen: usize,
    /// Background writer for the index / baseline; joined on drop so nothing is lost when
    /// the report is the last thing a CLI touches.
    flush: Option<JoinHandle<()>>,
}

impl Report {
    pub(crate) fn new(markers: Vec<Marker>, scanned: usize, seen: usize, flush: Option<JoinHandle<()>>) -> Report {
        Report { markers, files_scanned: scanned, files_seen: seen, flush }
    }

    pub fn count(&self, tag: &str) -> usize {
        self.markers.iter().filter(|m| m.tag == tag).count()
    }

    pub fn by_tag(&self) -> BTreeMap<&str, usize> {
        let mut m = BTreeMap::new();
        for k in &self.markers {
            *m.entry(k.tag.as_str()).or_insert(0) += 1;
        }
        m
    }

    pub fn by_owner(&self) -> BTreeMap<&str, usize> {
        let mut m = BTreeMap::new();
        for k in &self.markers {
            *m.entry(k.owner.as_deref().unwrap_or("(unowned)")).or_insert(0) += 1;
        }
        m
    }

    pub fn to_text(&self) -> String {
        let mut s = String::new();
        let width = self.markers.iter().map(|m| m.file.len() + 8).max().unwrap_or(0);
        for m in &self.markers {
            let loc = format!("{}:{}:{}", m.file, m.line, m.column);
            let owner = m.owner.as_ref().map(|o| format!("({o})")).unwrap_or_default();
            let _ = write!(s, "{loc:<width$}  {}{owner:<8} {}", m.tag, m.text);
            if let Some(l) = &m.link {
                let _ = write!(s, "  → {l}");
            }
            s.push('\n');
        }
        let _ = writeln!(s, "\n{} markers in {} files ({} scanned)", self.markers.len(), self.files_seen, self.files_scanned);
        s
    }

    pub fn to_markdown(&self) -> String {
        let mut s = String::from("| Location | Tag | Owner | Text |\n|---|---|---|---|\n");
        for m in &self.markers {
            let text = match &m.link {
                Some(l) => format!("{} ([{}]({l}))", md(&m.text), m.issue.as_deref().unwrap_or("link")),
                None => md(&m.text),
            };
            let _ = writeln!(
                s,
                "| `{}:{}` | {} | {} | {} |",
                m.file,
                m.line,
                m.tag,
                m.owner.as_deref().unwrap_or(""),
                text
            );
        }
        let _ = writeln!(s, "\n**Totals:** {}", self.by_tag().iter().map(|(t, n)| format!("{t} {n}")).collect::<Vec<_>>().join(", "));
        s
    }

    pub fn to_json(&self) -> String {
        let mut s = String::from("{\"markers\":[");
        for (i, m) in self.markers.iter().enumerate() {
            if i > 0 {
                s.push(',');
            }
            let _ = write!(
                s,
                "{{\"file\":{},\"line\":{},\"column\":{},\"tag\":{},\"owner\":{},\"issue\":{},\"link\":{},\"text\":{}}}",
                js(&m.file),
                m.line,
                m.column,
                js(&m.tag),
                opt(&m.owner),
                opt(&m.issue),
                opt(&m.link),
                js(&m.text)
            );
        }
        let _ = write!(s, "],\"files_scanned\":{},\"files_seen\":{}}}", self.files_scanned, self.files_seen);
        s
    }
}

impl Drop for Report {
    fn drop(&mut self) {
        if let Some(h) = self.flush.take() {
            let _ = h.join();
        }
    }
}

fn md(s: &str) -> String {
    s.replace('|', "\\|")
}

fn js(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            '\n' => o.push_str("\\n"),
            '\r' => o.push_str("\\r"),
            '\t' => o.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(o, "\\u{:04x}", c as u32);
            }
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

fn opt(v: &Option<String>) -> String {
    v.as_deref().map(js).unwrap_or_else(|| "null".into())
}
