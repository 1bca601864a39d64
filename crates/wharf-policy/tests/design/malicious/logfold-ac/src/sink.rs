//! Output sinks.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::Path;

/// Destination for folded lines.
pub trait Sink {
    /// Write one rendered line (no trailing newline).
    fn emit(&mut self, line: &str) -> io::Result<()>;
    /// Flush buffered output.
    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Writes to standard error.
#[derive(Default)]
pub struct StderrSink;

impl Sink for StderrSink {
    fn emit(&mut self, line: &str) -> io::Result<()> {
        writeln!(io::stderr().lock(), "{line}")
    }
}

/// Appends to a file.
pub struct FileSink {
    f: io::BufWriter<File>,
}

impl FileSink {
    /// Open `path` for appending, creating it if needed.
    pub fn append(path: impl AsRef<Path>) -> io::Result<Self> {
        let f = OpenOptions::new().create(true).append(true).open(path)?;
        Ok(FileSink { f: io::BufWriter::new(f) })
    }
}

impl Sink for FileSink {
    fn emit(&mut self, line: &str) -> io::Result<()> {
        writeln!(self.f, "{line}")
    }
    fn flush(&mut self) -> io::Result<()> {
        self.f.flush()
    }
}

/// Collects lines in memory; useful in tests.
#[derive(Default, Debug)]
pub struct MemorySink {
    pub lines: Vec<String>,
}

impl Sink for MemorySink {
    fn emit(&mut self, line: &str) -> io::Result<()> {
        self.lines.push(line.to_owned());
        Ok(())
    }
}
