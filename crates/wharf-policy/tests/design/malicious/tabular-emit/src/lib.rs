//! CSV/TSV and aligned plain-text table writer for reports.

mod num;

use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{self, Write};

pub use num::{civil_from_days, days_from_civil};

/// When to quote a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStyle {
    /// Only when the field contains the delimiter, a quote or a line break.
    Necessary,
    /// Every field.
    Always,
    /// Every field that is not a number.
    NonNumeric,
}

/// How dates are rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateStyle {
    Iso,
    /// Spreadsheet serial number (1900 date system, days since 1899-12-30).
    Serial,
}

/// Output dialect.
#[derive(Debug, Clone)]
pub struct Dialect {
    pub delimiter: u8,
    pub quote: u8,
    pub terminator: &'static str,
    pub quote_style: QuoteStyle,
    pub group: Option<char>,
    pub decimal_point: char,
    pub dates: DateStyle,
}

impl Dialect {
    pub fn csv() -> Self {
        Dialect {
            delimiter: b',',
            quote: b'"',
            terminator: "\r\n",
            quote_style: QuoteStyle::Necessary,
            group: None,
            decimal_point: '.',
            dates: DateStyle::Iso,
        }
    }

    pub fn tsv() -> Self {
        Dialect { delimiter: b'\t', terminator: "\n", ..Self::csv() }
    }

    /// Semicolon-separated with decimal comma, as continental spreadsheets expect.
    pub fn excel_eu() -> Self {
        Dialect { delimiter: b';', decimal_point: ',', group: Some('.'), ..Self::csv() }
    }

    pub fn grouping(mut self, sep: char) -> Self {
        self.group = Some(sep);
        self
    }

    pub fn quote_style(mut self, q: QuoteStyle) -> Self {
        self.quote_style = q;
        self
    }

    pub fn dates(mut self, d: DateStyle) -> Self {
        self.dates = d;
        self
    }
}

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Field<'a> {
    Text(Cow<'a, str>),
    Int(i64),
    /// A value and the number of decimal places to show.
    Decimal(f64, u8),
    /// Days since 1970-01-01.
    Date(i64),
    Bool(bool),
    Empty,
}

impl<'a> Field<'a> {
    pub fn text<S: Into<Cow<'a, str>>>(s: S) -> Self {
        Field::Text(s.into())
    }

    fn is_numeric(&self) -> bool {
        matches!(self, Field::Int(_) | Field::Decimal(..))
    }

    /// Render without quoting.
    pub fn render(&self, d: &Dialect) -> String {
        let mut out = String::new();
        match self {
            Field::Text(s) => out.push_str(s),
            Field::Int(i) => num::format_int(*i, d.group, &mut out),
            Field::Decimal(v, places) => {
                num::format_decimal(*v, *places as usize, d.group, d.decimal_point, &mut out)
            }
            Field::Date(days) => match d.dates {
                DateStyle::Iso => {
                    let (y, m, dd) = civil_from_days(*days);
                    let _ = write!(out, "{y:04}-{m:02}-{dd:02}");
                }
                DateStyle::Serial => {
                    let _ = write!(out, "{}", days + num::SERIAL_EPOCH_OFFSET);
                }
            },
            Field::Bool(b) => out.push_str(if *b { "TRUE" } else { "FALSE" }),
            Field::Empty => {}
        }
        out
    }
}

impl From<i64> for Field<'_> {
    fn from(v: i64) -> Self {
        Field::Int(v)
    }
}

impl<'a> From<&'a str> for Field<'a> {
    fn from(v: &'a str) -> Self {
        Field::Text(Cow::Borrowed(v))
    }
}

impl From<String> for Field<'_> {
    fn from(v: String) -> Self {
        Field::Text(Cow::Owned(v))
    }
}

/// Streaming delimited-text writer.
pub struct Writer<W: Write> {
    inner: W,
    dialect: Dialect,
    rows: u64,
    width: Option<usize>,
}

impl<W: Write> Writer<W> {
    pub fn new(inner: W, dialect: Dialect) -> Self {
        Writer { inner, dialect, rows: 0, width: None }
    }

    pub fn rows_written(&self) -> u64 {
        self.rows
    }

    pub fn write_header(&mut self, names: &[&str]) -> io::Result<()> {
        let fields: Vec<Field<'_>> = names.iter().map(|n| Field::text(*n)).collect();
        self.write_record(&fields)
    }

    pub fn write_record(&mut self, fields: &[Field<'_>]) -> io::Result<()> {
        match self.width {
            None => self.width = Some(fields.len()),
            Some(w) if w != fields.len() => {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidInput,
                    format!("record has {} fields, expected {}", fields.len(), w),
                ))
            }
            _ => {}
        }
        let mut line = String::new();
        for (idx, f) in fields.iter().enumerate() {
            if idx > 0 {
                line.push(self.dialect.delimiter as char);
            }
            let raw = f.render(&self.dialect);
            let force = match self.dialect.quote_style {
                QuoteStyle::Always => true,
                QuoteStyle::NonNumeric => !f.is_numeric(),
                QuoteStyle::Necessary => false,
            };
            self.push_quoted(&mut line, &raw, force);
        }
        line.push_str(self.dialect.terminator);
        self.inner.write_all(line.as_bytes())?;
        self.rows += 1;
        Ok(())
    }

    fn push_quoted(&self, line: &mut String, raw: &str, force: bool) {
        let q = self.dialect.quote as char;
        let needs = force
            || raw.bytes().any(|b| {
                b == self.dialect.delimiter || b == self.dialect.quote || b == b'\n' || b == b'\r'
            })
            || raw.starts_with(' ')
            || raw.ends_with(' ');
        if !needs {
            line.push_str(raw);
            return;
        }
        line.push(q);
        for c in raw.chars() {
            if c == q {
                line.push(q);
            }
            line.push(c);
        }
        line.push(q);
    }

    pub fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }

    pub fn into_inner(self) -> W {
        self.inner
    }
}

/// Column alignment in a plain-text [`Table`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// Buffered plain-text table with per-column alignment.
pub struct Table {
    dialect: Dialect,
    header: Vec<String>,
    rows: Vec<Vec<(String, Align)>>,
}

impl Table {
    pub fn new(header: &[&str]) -> Self {
        Table {
            dialect: Dialect::csv(),
            header: header.iter().map(|s| s.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    pub fn with_dialect(mut self, d: Dialect) -> Self {
        self.dialect = d;
        self
    }

    pub fn push(&mut self, fields: &[Field<'_>]) {
        let row = fields
            .iter()
            .map(|f| {
                let a = if f.is_numeric() { Align::Right } else { Align::Left };
                (f.render(&self.dialect), a)
            })
            .collect();
        self.rows.push(row);
    }

    pub fn render(&self) -> String {
        let cols = self.header.len();
        let mut widths: Vec<usize> = self.header.iter().map(|h| h.chars().count()).collect();
        for r in &self.rows {
            for (i, (cell, _)) in r.iter().enumerate().take(cols) {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        let mut out = String::new();
        for (i, h) in self.header.iter().enumerate() {
            let _ = write!(out, "{}{:<w$}", if i > 0 { "  " } else { "" }, h, w = widths[i]);
        }
        out.push('\n');
        for (i, w) in widths.iter().enumerate() {
            if i > 0 {
                out.push_str("  ");
            }
            out.push_str(&"-".repeat(*w));
        }
        out.push('\n');
        for r in &self.rows {
            for (i, (cell, a)) in r.iter().enumerate().take(cols) {
                let sep = if i > 0 { "  " } else { "" };
                let _ = match a {
                    Align::Left => write!(out, "{sep}{:<w$}", cell, w = widths[i]),
                    Align::Right => write!(out, "{sep}{:>w$}", cell, w = widths[i]),
                };
            }
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        let mut w = Writer::new(Vec::new(), Dialect::csv().grouping(','));
        w.write_record(&[Field::text("a\"b"), Field::Int(1234567), Field::Date(0)]).unwrap();
        let s = String::from_utf8(w.into_inner()).unwrap();
        assert_eq!(s, "\"a\"\"b\",\"1,234,567\",1970-01-01\r\n");
    }

    #[test]
    fn serial_dates() {
        let d = Dialect::csv().dates(DateStyle::Serial);
        assert_eq!(Field::Date(0).render(&d), "25569");
    }
}
