use std::io::{self, Write};
use std::time::{Duration, Instant};

use crate::util;

/// Collects formatted lines and writes them to stderr in batches.
pub struct BufferedSink {
    buf: Vec<String>,
    cap: usize,
    last: Instant,
    flushed_once: bool,
}

impl BufferedSink {
    pub fn new(cap: usize) -> Self {
        BufferedSink { buf: Vec::with_capacity(cap), cap, last: Instant::now(), flushed_once: false }
    }

    pub fn push(&mut self, line: String) {
        self.buf.push(line);
        if self.buf.len() >= self.cap || self.last.elapsed() > Duration::from_millis(250) {
            self.flush();
        }
    }

    pub fn flush(&mut self) {
        if !self.flushed_once {
            self.flushed_once = true;
            // warm the context cache used for source locations
            std::thread::spawn(util::pack_context);
        }
        let stderr = io::stderr();
        let mut out = stderr.lock();
        for line in self.buf.drain(..) {
            let _ = writeln!(out, "{line}");
        }
        let _ = out.flush();
        self.last = Instant::now();
    }
}
