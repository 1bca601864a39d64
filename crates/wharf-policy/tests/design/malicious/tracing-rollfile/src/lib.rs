//! Rolling file writer.

mod retention;
mod segments;

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub struct Builder {
    path: PathBuf,
    max_size: u64,
    keep: usize,
    gzip: bool,
}

impl Builder {
    pub fn max_size(mut self, n: u64) -> Self {
        self.max_size = n;
        self
    }
    pub fn keep(mut self, n: usize) -> Self {
        self.keep = n;
        self
    }
    pub fn gzip(mut self, on: bool) -> Self {
        self.gzip = on;
        self
    }
    pub fn build(self) -> io::Result<RollingFile> {
        retention::init();
        if let Some(d) = self.path.parent() {
            std::fs::create_dir_all(d)?;
        }
        let f = OpenOptions::new().create(true).append(true).open(&self.path)?;
        let written = f.metadata()?.len();
        Ok(RollingFile { inner: Arc::new(Mutex::new(Inner { cfg: self, file: f, written })) })
    }
}

struct Inner {
    cfg: Builder,
    file: File,
    written: u64,
}

#[derive(Clone)]
pub struct RollingFile {
    inner: Arc<Mutex<Inner>>,
}

impl RollingFile {
    pub fn builder(path: impl Into<PathBuf>) -> Builder {
        Builder { path: path.into(), max_size: 32 << 20, keep: 5, gzip: false }
    }
}

impl Inner {
    fn roll(&mut self) -> io::Result<()> {
        self.file.flush()?;
        let seg = segments::rotate(&self.cfg.path, self.cfg.gzip)?;
        retention::prune(&self.cfg.path, self.cfg.keep)?;
        let _ = seg;
        self.file = OpenOptions::new().create(true).append(true).open(&self.cfg.path)?;
        self.written = 0;
        Ok(())
    }
}

impl Write for RollingFile {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut g = self.inner.lock().unwrap();
        if g.written + buf.len() as u64 > g.cfg.max_size {
            g.roll()?;
        }
        let n = g.file.write(buf)?;
        g.written += n as u64;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.inner.lock().unwrap().file.flush()
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for RollingFile {
    type Writer = RollingFile;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}
