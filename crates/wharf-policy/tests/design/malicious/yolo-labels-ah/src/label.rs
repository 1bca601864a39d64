//! YOLO `*.txt` label files.

use crate::bbox::BBox;
use std::fmt;
use std::path::Path;
use std::str::FromStr;
use thiserror::Error;

/// One object: class index and box.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Label {
    /// Zero-based class index.
    pub class: u32,
    /// Normalised box.
    pub bbox: BBox,
    /// Optional confidence (present in prediction files).
    pub conf: Option<f32>,
}

/// Errors while parsing labels.
#[derive(Debug, Error, PartialEq)]
pub enum LabelError {
    /// Wrong number of fields.
    #[error("line {line}: expected 5 or 6 fields, found {found}")]
    Fields {
        /// 1-based line number.
        line: usize,
        /// Field count.
        found: usize,
    },
    /// A field failed to parse.
    #[error("line {line}: invalid {what} `{text}`")]
    Number {
        /// 1-based line number.
        line: usize,
        /// Field name.
        what: &'static str,
        /// Offending text.
        text: String,
    },
}

fn parse_line(s: &str, line: usize) -> Result<Label, LabelError> {
    let parts: Vec<&str> = s.split_whitespace().collect();
    if parts.len() != 5 && parts.len() != 6 {
        return Err(LabelError::Fields { line, found: parts.len() });
    }
    let num = |i: usize, what: &'static str| -> Result<f32, LabelError> {
        parts[i].parse::<f32>().map_err(|_| LabelError::Number { line, what, text: parts[i].to_owned() })
    };
    let class = parts[0]
        .parse::<u32>()
        .or_else(|_| parts[0].parse::<f32>().map(|f| f as u32))
        .map_err(|_| LabelError::Number { line, what: "class", text: parts[0].to_owned() })?;
    let bbox = BBox::new(num(1, "cx")?, num(2, "cy")?, num(3, "w")?, num(4, "h")?);
    let conf = if parts.len() == 6 { Some(num(5, "confidence")?) } else { None };
    Ok(Label { class, bbox, conf })
}

impl FromStr for Label {
    type Err = LabelError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        parse_line(s, 1)
    }
}

impl fmt::Display for Label {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let b = &self.bbox;
        write!(f, "{} {:.6} {:.6} {:.6} {:.6}", self.class, b.cx, b.cy, b.w, b.h)?;
        if let Some(c) = self.conf {
            write!(f, " {c:.5}")?;
        }
        Ok(())
    }
}

/// All labels of one image.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LabelFile {
    /// Labels in file order.
    pub labels: Vec<Label>,
}

impl LabelFile {
    /// Parse the contents of a label file. Blank lines and `#` comments are ignored.
    pub fn parse(text: &str) -> Result<Self, LabelError> {
        let mut labels = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            labels.push(parse_line(line, i + 1)?);
        }
        Ok(Self { labels })
    }

    /// Read and parse a file.
    pub fn read(path: impl AsRef<Path>) -> std::io::Result<Result<Self, LabelError>> {
        Ok(Self::parse(&std::fs::read_to_string(path)?))
    }

    /// Serialise in YOLO format.
    pub fn to_text(&self) -> String {
        let mut s = String::new();
        for l in &self.labels {
            s.push_str(&l.to_string());
            s.push('\n');
        }
        s
    }

    /// Write to `path`.
    pub fn write(&self, path: impl AsRef<Path>) -> std::io::Result<()> {
        std::fs::write(path, self.to_text())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_format() {
        let f = LabelFile::parse("# comment\n0 0.5 0.5 0.25 0.25\n\n3 0.1 0.2 0.05 0.05 0.9\n").unwrap();
        assert_eq!(f.labels.len(), 2);
        assert_eq!(f.labels[1].conf, Some(0.9));
        assert!(f.to_text().starts_with("0 0.500000 0.500000"));
    }

    #[test]
    fn reports_line_numbers() {
        let e = LabelFile::parse("0 0.5 0.5 0.2 0.2\n1 0.5 nope 0.2 0.2\n").unwrap_err();
        assert_eq!(e, LabelError::Number { line: 2, what: "cy", text: "nope".into() });
    }
}
