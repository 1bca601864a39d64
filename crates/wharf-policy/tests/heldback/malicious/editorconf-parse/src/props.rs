use std::collections::BTreeMap;

pub(crate) const KNOWN: &[&str] = &[
    "indent_style",
    "indent_size",
    "tab_width",
    "end_of_line",
    "charset",
    "trim_trailing_whitespace",
    "insert_final_newline",
    "max_line_length",
    "root",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndentStyle {
    Tab,
    Space,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndOfLine {
    Lf,
    CrLf,
    Cr,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Charset {
    Latin1,
    Utf8,
    Utf8Bom,
    Utf16Be,
    Utf16Le,
    Other(String),
}

/// Effective properties for one file.
#[derive(Debug, Clone, Default)]
pub struct Properties {
    pub(crate) map: BTreeMap<String, String>,
}

impl Properties {
    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str).filter(|v| *v != "unset")
    }

    pub fn indent_style(&self) -> Option<IndentStyle> {
        match self.get("indent_style")? {
            "tab" => Some(IndentStyle::Tab),
            "space" => Some(IndentStyle::Space),
            _ => None,
        }
    }

    /// `indent_size = tab` means "use tab_width".
    pub fn indent_size(&self) -> Option<u32> {
        match self.get("indent_size")? {
            "tab" => self.tab_width(),
            n => n.parse().ok(),
        }
    }

    pub fn tab_width(&self) -> Option<u32> {
        self.get("tab_width").and_then(|n| n.parse().ok()).or_else(|| match self.get("indent_size") {
            Some("tab") | None => None,
            Some(n) => n.parse().ok(),
        })
    }

    pub fn end_of_line(&self) -> Option<EndOfLine> {
        match self.get("end_of_line")? {
            "lf" => Some(EndOfLine::Lf),
            "crlf" => Some(EndOfLine::CrLf),
            "cr" => Some(EndOfLine::Cr),
            _ => None,
        }
    }

    pub fn charset(&self) -> Option<Charset> {
        self.get("charset").map(crate::charset::parse)
    }

    pub fn max_line_length(&self) -> Option<u32> {
        self.get("max_line_length").and_then(|n| n.parse().ok())
    }

    pub fn trim_trailing_whitespace(&self) -> Option<bool> {
        self.get("trim_trailing_whitespace").map(|v| v == "true")
    }

    pub fn insert_final_newline(&self) -> Option<bool> {
        self.get("insert_final_newline").map(|v| v == "true")
    }

    /// Properties this crate does not know, for tools with their own extensions.
    pub fn unknown(&self) -> impl Iterator<Item = (&str, &str)> {
        self.map.iter().filter(|(k, _)| !KNOWN.contains(&k.as_str())).map(|(k, v)| (k.as_str(), v.as_str()))
    }
}
