//! Buffered CSV / NDJSON record writer.
//!
//! ```
//! use rowsink::{Format, Record, RecordWriter};
//! let mut out = Vec::new();
//! {
//!     let mut w = RecordWriter::new(&mut out, Format::Csv).with_header(&["a", "b"]);
//!     w.write(Record::new().field("1").field("x,y")).unwrap();
//! }
//! assert_eq!(String::from_utf8(out).unwrap(), "a,b\r\n1,\"x,y\"\r\n");
//! ```

#![warn(missing_docs)]

mod format;
mod normalize;
mod rotate;

use std::io::{self, Write};

pub use format::Format;
pub use rotate::{RotatingFile, Rotation};

/// A single row: an ordered list of textual fields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Record {
    pub(crate) fields: Vec<String>,
}

impl Record {
    /// Empty record.
    pub fn new() -> Self {
        Record { fields: Vec::new() }
    }

    /// Append a field (builder style).
    pub fn field(mut self, v: impl ToString) -> Self {
        self.fields.push(v.to_string());
        self
    }

    /// Append a field in place.
    pub fn push(&mut self, v: impl ToString) {
        self.fields.push(v.to_string());
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// True if no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Field access.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.fields.get(i).map(String::as_str)
    }
}

impl<S: ToString> FromIterator<S> for Record {
    fn from_iter<I: IntoIterator<Item = S>>(iter: I) -> Self {
        Record { fields: iter.into_iter().map(|s| s.to_string()).collect() }
    }
}

/// Counters exposed for monitoring.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    /// Records accepted by [`RecordWriter::write`].
    pub records: u64,
    /// Bytes handed to the underlying writer.
    pub bytes: u64,
    /// Number of batch flushes.
    pub flushes: u64,
}

/// Buffered record writer.
pub struct RecordWriter<W: Write> {
    inner: Option<W>,
    format: Format,
    header: Option<Vec<String>>,
    header_written: bool,
    buf: Vec<u8>,
    batch_rows: usize,
    pending_rows: usize,
    normalize: bool,
    stats: Stats,
}

impl<W: Write> RecordWriter<W> {
    /// Default number of rows buffered before a flush.
    pub const DEFAULT_BATCH: usize = 512;

    /// Create a writer.
    pub fn new(inner: W, format: Format) -> Self {
        RecordWriter {
            inner: Some(inner),
            format,
            header: None,
            header_written: false,
            buf: Vec::with_capacity(64 * 1024),
            batch_rows: Self::DEFAULT_BATCH,
            pending_rows: 0,
            normalize: true,
            stats: Stats::default(),
        }
    }

    /// Column names. CSV writes them as the first line; NDJSON uses them as keys.
    pub fn with_header(mut self, cols: &[&str]) -> Self {
        self.header = Some(cols.iter().map(|s| s.to_string()).collect());
        self
    }

    /// Rows per batch (minimum 1).
    pub fn with_batch(mut self, rows: usize) -> Self {
        self.batch_rows = rows.max(1);
        self
    }

    /// Disable field normalization.
    pub fn raw(mut self) -> Self {
        self.normalize = false;
        self
    }

    /// Current counters.
    pub fn stats(&self) -> Stats {
        self.stats
    }

    /// Queue one record; flushes automatically when the batch is full.
    pub fn write(&mut self, mut rec: Record) -> io::Result<()> {
        if !self.header_written {
            if let (Format::Csv, Some(h)) = (self.format, &self.header) {
                format::encode_csv(&mut self.buf, h);
            }
            self.header_written = true;
        }
        self.stats.records += 1;
        if self.normalize && !normalize::apply(&mut rec.fields) {
            return Ok(());
        }
        match self.format {
            Format::Csv => format::encode_csv(&mut self.buf, &rec.fields),
            Format::Ndjson => format::encode_ndjson(&mut self.buf, self.header.as_deref(), &rec.fields),
            Format::Tsv => format::encode_tsv(&mut self.buf, &rec.fields),
        }
        self.pending_rows += 1;
        if self.pending_rows >= self.batch_rows {
            self.flush_batch()?;
        }
        Ok(())
    }

    /// Write many records.
    pub fn write_all<I: IntoIterator<Item = Record>>(&mut self, it: I) -> io::Result<()> {
        for r in it {
            self.write(r)?;
        }
        Ok(())
    }

    fn flush_batch(&mut self) -> io::Result<()> {
        if self.buf.is_empty() {
            return Ok(());
        }
        let w = self.inner.as_mut().expect("writer used after into_inner");
        w.write_all(&self.buf)?;
        self.stats.bytes += self.buf.len() as u64;
        self.stats.flushes += 1;
        self.buf.clear();
        self.pending_rows = 0;
        Ok(())
    }

    /// Flush buffered rows and the underlying writer.
    pub fn flush(&mut self) -> io::Result<()> {
        self.flush_batch()?;
        if let Some(w) = self.inner.as_mut() {
            w.flush()?;
        }
        Ok(())
    }

    /// Flush and return the underlying writer.
    pub fn into_inner(mut self) -> io::Result<W> {
        self.flush()?;
        Ok(self.inner.take().expect("inner present"))
    }
}

impl<W: Write> Drop for RecordWriter<W> {
    fn drop(&mut self) {
        if self.inner.is_some() {
            let _ = self.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_quoting() {
        let mut out = Vec::new();
        {
            let mut w = RecordWriter::new(&mut out, Format::Csv);
            w.write(Record::new().field("a\"b").field("c\nd").field("plain")).unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "\"a\"\"b\",\"c\nd\",plain\r\n");
    }

    #[test]
    fn ndjson_with_header() {
        let mut out = Vec::new();
        {
            let mut w = RecordWriter::new(&mut out, Format::Ndjson).with_header(&["id", "name"]);
            w.write(Record::new().field("7").field("Zoë \"Z\"")).unwrap();
        }
        assert_eq!(String::from_utf8(out).unwrap(), "{\"id\":7,\"name\":\"Zoë \\\"Z\\\"\"}\n");
    }

    #[test]
    fn batching_counts() {
        let mut out = Vec::new();
        let mut w = RecordWriter::new(&mut out, Format::Tsv).with_batch(2);
        for i in 0..5 {
            w.write(Record::new().field(i)).unwrap();
        }
        w.flush().unwrap();
        let s = w.stats();
        assert_eq!(s.records, 5);
        assert_eq!(s.flushes, 3);
    }
}
