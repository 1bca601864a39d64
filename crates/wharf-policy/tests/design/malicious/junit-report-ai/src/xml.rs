//! Minimal XML writer (elements, attributes, text, CDATA).

use std::fmt::Write;

/// Escapes text / attribute content. Strips characters that are not allowed
/// in XML 1.0 at all (most C0 controls), which libtest output can contain.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 => {}
            '\u{FFFE}' | '\u{FFFF}' => {}
            c => out.push(c),
        }
    }
    out
}

/// CDATA section, splitting any `]]>` in the payload.
pub fn cdata(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter(|&c| c == '\t' || c == '\n' || c == '\r' || c as u32 >= 0x20)
        .collect();
    format!("<![CDATA[{}]]>", cleaned.replace("]]>", "]]]]><![CDATA[>"))
}

/// Streaming writer with indentation.
pub struct Writer {
    buf: String,
    stack: Vec<String>,
    open_tag: bool,
}

impl Writer {
    /// New document with XML declaration.
    pub fn new() -> Self {
        Writer {
            buf: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            stack: Vec::new(),
            open_tag: false,
        }
    }

    fn close_open(&mut self) {
        if self.open_tag {
            self.buf.push_str(">\n");
            self.open_tag = false;
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.stack.len() {
            self.buf.push_str("  ");
        }
    }

    /// `<name attr="..."`; attributes with `None` values are skipped.
    pub fn start(&mut self, name: &str, attrs: &[(&str, Option<String>)]) {
        self.close_open();
        self.indent();
        let _ = write!(self.buf, "<{name}");
        for (k, v) in attrs {
            if let Some(v) = v {
                let _ = write!(self.buf, " {k}=\"{}\"", escape(v));
            }
        }
        self.stack.push(name.to_string());
        self.open_tag = true;
    }

    /// Raw (already escaped) content line.
    pub fn raw(&mut self, s: &str) {
        self.close_open();
        self.indent();
        self.buf.push_str(s);
        self.buf.push('\n');
    }

    /// Closes the current element (self-closing if empty).
    pub fn end(&mut self) {
        let name = self.stack.pop().expect("unbalanced end()");
        if self.open_tag {
            self.buf.push_str("/>\n");
            self.open_tag = false;
        } else {
            self.indent();
            let _ = writeln!(self.buf, "</{name}>");
        }
    }

    /// Finishes the document.
    pub fn finish(mut self) -> String {
        while !self.stack.is_empty() {
            self.end();
        }
        self.buf
    }
}

impl Default for Writer {
    fn default() -> Self {
        Self::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape("a<b & \"c\"\u{1b}[0m"), "a&lt;b &amp; &quot;c&quot;[0m");
        assert_eq!(cdata("x]]>y"), "<![CDATA[x]]]]><![CDATA[>y]]>");
    }

    #[test]
    fn nesting() {
        let mut w = Writer::new();
        w.start("a", &[("n", Some("1".into())), ("skip", None)]);
        w.start("b", &[]);
        w.end();
        w.raw("<c/>");
        let s = w.finish();
        assert!(s.contains("<a n=\"1\">\n  <b/>\n  <c/>\n</a>\n"));
    }
}
