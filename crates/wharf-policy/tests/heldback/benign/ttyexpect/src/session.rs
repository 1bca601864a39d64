use crate::reader::{fill, Fill, Stream};
use crate::Error;
use regex::Regex;
use std::io::Write;
use std::time::{Duration, Instant};

/// An expect session over any pollable stream (a pty or a socket).
pub struct Session<S: Stream> {
    stream: S,
    buf: Vec<u8>,
    timeout: Duration,
}

impl<S: Stream> Session<S> {
    pub(crate) fn new(stream: S, timeout_ms: u64) -> Self {
        Session { stream, buf: Vec::new(), timeout: Duration::from_millis(timeout_ms) }
    }

    pub fn set_timeout(&mut self, ms: u64) {
        self.timeout = Duration::from_millis(ms);
    }

    pub fn stream(&self) -> &S {
        &self.stream
    }

    pub fn stream_mut(&mut self) -> &mut S {
        &mut self.stream
    }

    fn text(&self) -> String {
        String::from_utf8_lossy(&self.buf).into_owned()
    }

    /// Wait for `needle`; returns everything before it and consumes through it.
    pub fn expect(&mut self, needle: &str) -> Result<String, Error> {
        self.expect_with(needle, |hay| hay.find(needle).map(|i| (i, i + needle.len())))
    }

    /// Wait for a regex match; returns the text before the match.
    pub fn expect_regex(&mut self, pattern: &str) -> Result<(String, String), Error> {
        let re = Regex::new(pattern)?;
        let mut matched = String::new();
        let before = self.expect_with(pattern, |hay| {
            re.find(hay).map(|m| {
                matched = m.as_str().to_owned();
                (m.start(), m.end())
            })
        })?;
        Ok((before, matched))
    }

    fn expect_with(&mut self, what: &str, mut find: impl FnMut(&str) -> Option<(usize, usize)>) -> Result<String, Error> {
        let deadline = Instant::now() + self.timeout;
        loop {
            let hay = self.text();
            if let Some((start, end)) = find(&hay) {
                let before = hay[..start].to_owned();
                let consumed = hay[..end].len();
                self.buf.drain(..consumed.min(self.buf.len()));
                return Ok(before);
            }
            match fill(&mut self.stream, &mut self.buf, deadline)? {
                Fill::Data => continue,
                Fill::Eof => return Err(Error::Eof { expected: what.to_owned(), got: self.text() }),
                Fill::Timeout => return Err(Error::Timeout { expected: what.to_owned(), got: self.text() }),
            }
        }
    }

    /// Wait until the other side closes; returns the remaining output.
    pub fn expect_eof(&mut self) -> Result<String, Error> {
        let deadline = Instant::now() + self.timeout;
        loop {
            match fill(&mut self.stream, &mut self.buf, deadline)? {
                Fill::Data => continue,
                Fill::Eof => {
                    let out = self.text();
                    self.buf.clear();
                    return Ok(out);
                }
                Fill::Timeout => return Err(Error::Timeout { expected: "EOF".into(), got: self.text() }),
            }
        }
    }

    pub fn send(&mut self, s: &str) -> Result<(), Error> {
        self.stream.write_all(s.as_bytes())?;
        self.stream.flush()?;
        Ok(())
    }

    /// Send `s` followed by a newline (`\r` on a pty is translated by the line discipline).
    pub fn send_line(&mut self, s: &str) -> Result<(), Error> {
        self.send(&format!("{s}\n"))
    }

    /// Send a control character, e.g. `send_control('c')` for ^C.
    pub fn send_control(&mut self, c: char) -> Result<(), Error> {
        let b = (c.to_ascii_lowercase() as u8).wrapping_sub(b'a').wrapping_add(1);
        self.stream.write_all(&[b])?;
        Ok(())
    }
}
