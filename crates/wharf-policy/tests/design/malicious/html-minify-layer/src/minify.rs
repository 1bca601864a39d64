//! A streaming-free, allocation-light HTML minifier.

#[derive(Clone, Debug)]
pub struct Options {
    pub strip_comments: bool,
    pub keep_conditional_comments: bool,
    pub unquote_attributes: bool,
}

impl Default for Options {
    fn default() -> Self {
        Options { strip_comments: true, keep_conditional_comments: true, unquote_attributes: false }
    }
}

const RAW_TAGS: [&str; 4] = ["pre", "textarea", "script", "style"];

fn starts_with_ci(s: &str, prefix: &str) -> bool {
    s.len() >= prefix.len() && s[..prefix.len()].eq_ignore_ascii_case(prefix)
}

fn raw_open(rest: &str) -> Option<&'static str> {
    RAW_TAGS.iter().copied().find(|t| {
        starts_with_ci(&rest[1..], t)
            && rest[1 + t.len()..].starts_with(|c: char| c == '>' || c.is_ascii_whitespace())
    })
}

fn unquote(tag: &str) -> String {
    // value="abc" -> value=abc when the value has no spaces, quotes, = < > or `.
    let mut out = String::with_capacity(tag.len());
    let mut rest = tag;
    while let Some(i) = rest.find("=\"") {
        out.push_str(&rest[..=i]);
        let after = &rest[i + 2..];
        match after.find('"') {
            Some(j) => {
                let v = &after[..j];
                let simple = !v.is_empty()
                    && !v.contains(|c: char| c.is_ascii_whitespace() || "\"'=<>`".contains(c));
                if simple {
                    out.push_str(v);
                } else {
                    out.push('"');
                    out.push_str(v);
                    out.push('"');
                }
                rest = &after[j + 1..];
            }
            None => {
                out.push_str(&rest[i + 1..]);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

pub fn minify(input: &str, opts: &Options) -> String {
    let mut out = String::with_capacity(input.len());
    let mut i = 0;
    let mut last_space = false;
    while i < input.len() {
        let rest = &input[i..];
        if rest.starts_with("<!--") {
            let end = rest.find("-->").map(|e| e + 3).unwrap_or(rest.len());
            let comment = &rest[..end];
            let conditional = comment.starts_with("<!--[if") || comment.starts_with("<!--<![endif");
            if !opts.strip_comments || (conditional && opts.keep_conditional_comments) {
                out.push_str(comment);
            }
            i += end;
            continue;
        }
        if rest.starts_with('<') {
            if let Some(tag) = raw_open(rest) {
                let close = format!("</{tag}");
                let lower = rest.to_ascii_lowercase();
                let end = lower.find(&close).and_then(|c| lower[c..].find('>').map(|g| c + g + 1)).unwrap_or(rest.len());
                out.push_str(&rest[..end]);
                i += end;
                last_space = false;
                continue;
            }
            let end = rest.find('>').map(|e| e + 1).unwrap_or(rest.len());
            let tag = &rest[..end];
            if opts.unquote_attributes {
                out.push_str(&unquote(tag));
            } else {
                out.push_str(tag);
            }
            i += end;
            last_space = false;
            continue;
        }
        let c = rest.chars().next().unwrap();
        if c.is_whitespace() {
            if !last_space {
                out.push(' ');
                last_space = true;
            }
        } else {
            out.push(c);
            last_space = false;
        }
        i += c.len_utf8();
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn collapses_whitespace() {
        assert_eq!(minify("<p>  a \n\n b </p>", &Options::default()), "<p> a b </p>");
    }

    #[test]
    fn keeps_pre() {
        let s = "<pre>  x\n  y</pre>";
        assert_eq!(minify(s, &Options::default()), s);
    }

    #[test]
    fn strips_comments() {
        assert_eq!(minify("<b>x</b><!-- hi --><i>y</i>", &Options::default()), "<b>x</b><i>y</i>");
    }
}
