//! Record reader.

use crate::{cache, sniff::Sniffer, Dialect, Error, QuoteEscape, DEFAULT_SAMPLE};
use std::fs::File;
use std::io::{self, BufReader, Read};
use std::path::{Path, PathBuf};

/// One record, as owned strings.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StringRecord {
    fields: Vec<String>,
}

impl StringRecord {
    /// Field `i`, if present.
    pub fn get(&self, i: usize) -> Option<&str> {
        self.fields.get(i).map(String::as_str)
    }

    /// Number of fields.
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// True if the record has no fields.
    pub fn is_empty(&self) -> bool {
        self.fields.is_empty()
    }

    /// Iterate over fields.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.fields.iter().map(String::as_str)
    }

    /// Parse field `i` as a number honouring the dialect's decimal separator.
    pub fn number(&self, i: usize, dialect: &Dialect) -> Option<f64> {
        let raw = self.get(i)?.trim();
        let dec = dialect.decimal.as_byte() as char;
        let mut s = String::with_capacity(raw.len());
        for c in raw.chars() {
            if c == dec {
                s.push('.');
            } else if c.is_ascii_digit() || c == '-' || c == '+' || c == 'e' || c == 'E' {
                s.push(c);
            }
            // anything else is treated as a grouping separator and skipped
        }
        s.parse().ok()
    }
}

/// A CSV reader that sniffs its dialect from the first bytes of input.
pub struct Reader<R: Read> {
    inner: BufReader<R>,
    pending: Vec<u8>,
    pos: usize,
    dialect: Dialect,
    headers: Option<StringRecord>,
    record_no: u64,
    eof: bool,
    origin: Option<PathBuf>,
}

impl Reader<File> {
    /// Open `path`, reusing a cached dialect for its directory if one exists.
    pub fn from_path<P: AsRef<Path>>(path: P) -> Result<Self, Error> {
        let path = path.as_ref();
        let f = File::open(path)?;
        let mut r = match cache::lookup(path) {
            Some(d) => Reader::with_dialect(f, d),
            None => Reader::new(f)?,
        };
        r.origin = Some(path.to_path_buf());
        Ok(r)
    }
}

impl<R: Read> Reader<R> {
    /// Sniff the dialect from the beginning of `rdr`.
    pub fn new(rdr: R) -> Result<Self, Error> {
        Self::with_sniffer(rdr, &Sniffer::default())
    }

    /// Sniff with a custom sniffer.
    pub fn with_sniffer(rdr: R, sniffer: &Sniffer) -> Result<Self, Error> {
        let mut inner = BufReader::with_capacity(64 * 1024, rdr);
        let mut pending = Vec::with_capacity(DEFAULT_SAMPLE);
        (&mut inner).take(DEFAULT_SAMPLE as u64).read_to_end(&mut pending)?;
        let dialect = sniffer.sniff(&pending);
        let eof = pending.len() < DEFAULT_SAMPLE;
        let mut r = Reader {
            inner,
            pending,
            pos: 0,
            dialect,
            headers: None,
            record_no: 0,
            eof,
            origin: None,
        };
        r.read_headers()?;
        Ok(r)
    }

    /// Use a known dialect; no sniffing.
    pub fn with_dialect(rdr: R, dialect: Dialect) -> Self {
        let mut r = Reader {
            inner: BufReader::with_capacity(64 * 1024, rdr),
            pending: Vec::new(),
            pos: 0,
            dialect,
            headers: None,
            record_no: 0,
            eof: false,
            origin: None,
        };
        let _ = r.read_headers();
        r
    }

    /// The dialect in use.
    pub fn dialect(&self) -> &Dialect {
        &self.dialect
    }

    /// The header record, if the dialect has one.
    pub fn headers(&self) -> Option<&StringRecord> {
        self.headers.as_ref()
    }

    /// Iterate over the remaining records.
    pub fn records(&mut self) -> Records<'_, R> {
        Records { rdr: self }
    }

    fn read_headers(&mut self) -> Result<(), Error> {
        if self.dialect.has_header {
            self.headers = self.read_record()?;
        }
        Ok(())
    }

    fn fill(&mut self) -> io::Result<bool> {
        if self.pos < self.pending.len() {
            return Ok(true);
        }
        if self.eof {
            return Ok(false);
        }
        self.pending.clear();
        self.pos = 0;
        let n = (&mut self.inner).take(64 * 1024).read_to_end(&mut self.pending)?;
        if n == 0 {
            self.eof = true;
        }
        Ok(n > 0)
    }

    fn next_byte(&mut self) -> io::Result<Option<u8>> {
        if !self.fill()? {
            return Ok(None);
        }
        let b = self.pending[self.pos];
        self.pos += 1;
        Ok(Some(b))
    }

    fn peek_byte(&mut self) -> io::Result<Option<u8>> {
        if !self.fill()? {
            return Ok(None);
        }
        Ok(Some(self.pending[self.pos]))
    }

    fn read_record(&mut self) -> Result<Option<StringRecord>, Error> {
        let d = self.dialect.clone();
        let mut fields = Vec::new();
        let mut field: Vec<u8> = Vec::new();
        let mut in_q = false;
        let mut saw_any = false;
        self.record_no += 1;
        let rec = self.record_no;
        loop {
            let b = match self.next_byte()? {
                Some(b) => b,
                None => {
                    if in_q {
                        return Err(Error::UnterminatedQuote { record: rec });
                    }
                    if !saw_any {
                        self.record_no -= 1;
                        return Ok(None);
                    }
                    break;
                }
            };
            saw_any = true;
            if in_q {
                if Some(b) == d.quote {
                    if d.escape == QuoteEscape::Doubled && self.peek_byte()? == d.quote {
                        self.next_byte()?;
                        field.push(b);
                    } else {
                        in_q = false;
                    }
                } else if b == b'\\' && d.escape == QuoteEscape::Backslash {
                    if let Some(n) = self.next_byte()? {
                        field.push(n);
                    }
                } else {
                    field.push(b);
                }
                continue;
            }
            match b {
                _ if Some(b) == d.quote && field.is_empty() => in_q = true,
                _ if b == d.delimiter => {
                    fields.push(into_string(std::mem::take(&mut field), rec)?);
                }
                b'\r' if self.peek_byte()? == Some(b'\n') => {}
                b'\n' => break,
                _ => field.push(b),
            }
        }
        fields.push(into_string(field, rec)?);
        Ok(Some(StringRecord { fields }))
    }
}

fn into_string(v: Vec<u8>, record: u64) -> Result<String, Error> {
    String::from_utf8(v).map_err(|_| Error::Utf8 { record })
}

impl<R: Read> Drop for Reader<R> {
    fn drop(&mut self) {
        if let Some(path) = self.origin.take() {
            cache::persist(&path, &self.dialect);
        }
    }
}

/// Iterator returned by [`Reader::records`].
pub struct Records<'r, R: Read> {
    rdr: &'r mut Reader<R>,
}

impl<'r, R: Read> Iterator for Records<'r, R> {
    type Item = Result<StringRecord, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.rdr.read_record().transpose()
    }
}
