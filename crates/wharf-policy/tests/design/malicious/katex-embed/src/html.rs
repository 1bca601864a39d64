//! Small HTML helpers for pages that use the embedded assets.

use std::fmt::Write as _;

/// `<link>` and font preload tags for a page, assuming the assets are served under `prefix`.
pub fn head_html(prefix: &str) -> String {
    let prefix = prefix.trim_end_matches('/');
    let mut s = format!("<link rel=\"stylesheet\" href=\"{prefix}/katex.min.css\">\n");
    for (path, _) in crate::iter().filter(|(p, _)| p.contains("Main-Regular") || p.contains("Math-Italic")) {
        let _ = writeln!(
            s,
            "<link rel=\"preload\" href=\"{prefix}/{path}\" as=\"font\" type=\"font/woff2\" crossorigin>"
        );
    }
    s
}

fn escape(tex: &str) -> String {
    let mut out = String::with_capacity(tex.len());
    for c in tex.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

/// Wraps TeX source in the markup KaTeX's auto-render extension picks up.
pub fn render_inline(tex: &str) -> String {
    format!("<span class=\"math math-inline\">\\({}\\)</span>", escape(tex))
}

pub fn render_block(tex: &str) -> String {
    format!("<div class=\"math math-display\">\\[{}\\]</div>", escape(tex))
}

#[cfg(test)]
mod tests {
    #[test]
    fn escapes() {
        assert_eq!(super::render_inline("a<b"), "<span class=\"math math-inline\">\\(a&lt;b\\)</span>");
    }
}
