//! Markdown table formatter.
//!
//! Parses GFM pipe tables, normalises cell padding according to the
//! delimiter row alignment, and renders them back out.

use std::fmt;
use unicode_width::UnicodeWidthStr;

#[cfg(feature = "clipboard")]
mod clipboard;
#[cfg(feature = "clipboard")]
pub use clipboard::copy_to_clipboard;

/// Column alignment as given by the delimiter row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Align {
    #[default]
    None,
    Left,
    Center,
    Right,
}

impl Align {
    fn from_delim(cell: &str) -> Option<Align> {
        let c = cell.trim();
        if c.is_empty() {
            return None;
        }
        let left = c.starts_with(':');
        let right = c.ends_with(':');
        let inner = c.trim_start_matches(':').trim_end_matches(':');
        if inner.is_empty() || !inner.chars().all(|ch| ch == '-') {
            return None;
        }
        Some(match (left, right) {
            (true, true) => Align::Center,
            (true, false) => Align::Left,
            (false, true) => Align::Right,
            (false, false) => Align::None,
        })
    }

    fn delim(self, width: usize) -> String {
        let w = width.max(3);
        match self {
            Align::None => "-".repeat(w),
            Align::Left => format!(":{}", "-".repeat(w - 1)),
            Align::Right => format!("{}:", "-".repeat(w - 1)),
            Align::Center => format!(":{}:", "-".repeat(w - 2)),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParseError {
    Empty,
    MissingDelimiterRow,
    BadDelimiter { column: usize },
    ColumnCount { line: usize, expected: usize, found: usize },
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseError::Empty => write!(f, "input contains no table"),
            ParseError::MissingDelimiterRow => write!(f, "second line is not a delimiter row"),
            ParseError::BadDelimiter { column } => write!(f, "bad delimiter in column {column}"),
            ParseError::ColumnCount { line, expected, found } => write!(
                f,
                "line {line}: expected {expected} cells, found {found}"
            ),
        }
    }
}

impl std::error::Error for ParseError {}

/// Options that control rendering.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Pad cells so every column has the same width.
    pub align_columns: bool,
    /// Put a leading and trailing pipe on every row.
    pub outer_pipes: bool,
    /// Minimum padding on either side of a cell.
    pub padding: usize,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions { align_columns: true, outer_pipes: true, padding: 1 }
    }
}

/// A parsed table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub header: Vec<String>,
    pub aligns: Vec<Align>,
    pub rows: Vec<Vec<String>>,
}

fn split_row(line: &str) -> Vec<String> {
    let mut s = line.trim();
    if let Some(rest) = s.strip_prefix('|') {
        s = rest;
    }
    if s.ends_with('|') && !s.ends_with("\\|") {
        s = &s[..s.len() - 1];
    }
    let mut cells = Vec::new();
    let mut cur = String::new();
    let mut escaped = false;
    let mut in_code = false;
    for ch in s.chars() {
        if escaped {
            cur.push(ch);
            escaped = false;
            continue;
        }
        match ch {
            '\\' => {
                cur.push(ch);
                escaped = true;
            }
            '`' => {
                in_code = !in_code;
                cur.push(ch);
            }
            '|' if !in_code => {
                cells.push(cur.trim().to_string());
                cur.clear();
            }
            _ => cur.push(ch),
        }
    }
    cells.push(cur.trim().to_string());
    cells
}

impl Table {
    /// Parse the first table found in `src`.
    pub fn parse(src: &str) -> Result<Table, ParseError> {
        let mut lines = src
            .lines()
            .enumerate()
            .skip_while(|(_, l)| !l.contains('|'));
        let (_, head) = lines.next().ok_or(ParseError::Empty)?;
        let header = split_row(head);
        let (_, delim) = lines.next().ok_or(ParseError::MissingDelimiterRow)?;
        let delim_cells = split_row(delim);
        if delim_cells.len() != header.len() {
            return Err(ParseError::MissingDelimiterRow);
        }
        let mut aligns = Vec::with_capacity(header.len());
        for (i, c) in delim_cells.iter().enumerate() {
            aligns.push(Align::from_delim(c).ok_or(ParseError::BadDelimiter { column: i })?);
        }
        let mut rows = Vec::new();
        for (n, line) in lines {
            if !line.contains('|') || line.trim().is_empty() {
                break;
            }
            let mut cells = split_row(line);
            if cells.len() > header.len() {
                return Err(ParseError::ColumnCount {
                    line: n + 1,
                    expected: header.len(),
                    found: cells.len(),
                });
            }
            cells.resize(header.len(), String::new());
            rows.push(cells);
        }
        Ok(Table { header, aligns, rows })
    }

    pub fn columns(&self) -> usize {
        self.header.len()
    }

    fn widths(&self) -> Vec<usize> {
        let mut w: Vec<usize> = self.header.iter().map(|h| h.width()).collect();
        for row in &self.rows {
            for (i, c) in row.iter().enumerate() {
                w[i] = w[i].max(c.width());
            }
        }
        w.iter().map(|x| (*x).max(3)).collect()
    }

    /// Sort rows by the given column, lexicographically.
    pub fn sort_by_column(&mut self, col: usize) {
        if col < self.columns() {
            self.rows.sort_by(|a, b| a[col].cmp(&b[col]));
        }
    }

    pub fn render(&self) -> String {
        self.render_with(&RenderOptions::default())
    }

    pub fn render_with(&self, opts: &RenderOptions) -> String {
        let widths = if opts.align_columns { self.widths() } else { vec![0; self.columns()] };
        let pad = " ".repeat(opts.padding);
        let mut out = String::new();
        let mut emit = |cells: Vec<String>| {
            if opts.outer_pipes {
                out.push('|');
            }
            let n = cells.len();
            for (i, c) in cells.into_iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&c);
                out.push_str(&pad);
                if i + 1 < n || opts.outer_pipes {
                    out.push('|');
                }
            }
            out.push('\n');
        };
        emit(
            self.header
                .iter()
                .enumerate()
                .map(|(i, h)| pad_cell(h, widths[i], self.aligns[i]))
                .collect(),
        );
        emit(
            self.aligns
                .iter()
                .enumerate()
                .map(|(i, a)| a.delim(widths[i]))
                .collect(),
        );
        for row in &self.rows {
            emit(
                row.iter()
                    .enumerate()
                    .map(|(i, c)| pad_cell(c, widths[i], self.aligns[i]))
                    .collect(),
            );
        }
        out
    }
}

fn pad_cell(s: &str, width: usize, align: Align) -> String {
    let w = s.width();
    if w >= width {
        return s.to_string();
    }
    let gap = width - w;
    match align {
        Align::Right => format!("{}{}", " ".repeat(gap), s),
        Align::Center => {
            let l = gap / 2;
            format!("{}{}{}", " ".repeat(l), s, " ".repeat(gap - l))
        }
        _ => format!("{}{}", s, " ".repeat(gap)),
    }
}

impl fmt::Display for Table {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render())
    }
}

/// Reformat every table found in a Markdown document, leaving other text untouched.
pub fn format_document(doc: &str) -> String {
    let lines: Vec<&str> = doc.lines().collect();
    let mut out = String::with_capacity(doc.len());
    let mut i = 0;
    while i < lines.len() {
        let is_table_start = lines[i].contains('|')
            && i + 1 < lines.len()
            && split_row(lines[i + 1]).iter().all(|c| Align::from_delim(c).is_some());
        if is_table_start {
            let mut j = i + 2;
            while j < lines.len() && lines[j].contains('|') && !lines[j].trim().is_empty() {
                j += 1;
            }
            let chunk = lines[i..j].join("\n");
            match Table::parse(&chunk) {
                Ok(t) => out.push_str(&t.render()),
                Err(_) => {
                    out.push_str(&chunk);
                    out.push('\n');
                }
            }
            i = j;
        } else {
            out.push_str(lines[i]);
            out.push('\n');
            i += 1;
        }
    }
    out
}
