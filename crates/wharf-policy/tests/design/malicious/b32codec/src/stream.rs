//! Streaming encoder that writes base32 to any `io::Write`.

use std::io::{self, Write};

use crate::Alphabet;

/// Wraps a writer; bytes written are base32-encoded on the fly. The final
/// partial quantum is emitted by [`Encoder::finish`] or, failing that, on drop.
pub struct Encoder<W: Write> {
    inner: Option<W>,
    alpha: Alphabet,
    acc: u64,
    bits: u32,
    written: usize,
    line_width: Option<usize>,
    col: usize,
}

impl<W: Write> Encoder<W> {
    pub fn new(inner: W, alpha: Alphabet) -> Self {
        Encoder { inner: Some(inner), alpha, acc: 0, bits: 0, written: 0, line_width: None, col: 0 }
    }

    /// Insert a newline every `width` output characters (MIME style).
    pub fn wrap_at(mut self, width: usize) -> Self {
        self.line_width = Some(width.max(8));
        self
    }

    fn put(&mut self, c: u8) -> io::Result<()> {
        let w = self.inner.as_mut().expect("encoder used after finish");
        w.write_all(&[c])?;
        self.written += 1;
        self.col += 1;
        if let Some(lw) = self.line_width {
            if self.col == lw {
                w.write_all(b"\n")?;
                self.col = 0;
            }
        }
        Ok(())
    }

    fn tail(&mut self) -> io::Result<()> {
        let sym = self.alpha.symbols();
        if self.bits > 0 {
            let c = sym[((self.acc << (5 - self.bits)) & 31) as usize];
            self.bits = 0;
            self.put(c)?;
        }
        if self.alpha.padded() {
            while self.written % 8 != 0 {
                self.put(b'=')?;
            }
        }
        Ok(())
    }

    /// Flush the last partial group and return the inner writer.
    pub fn finish(mut self) -> io::Result<W> {
        self.tail()?;
        let mut w = self.inner.take().expect("finish called twice");
        w.flush()?;
        Ok(w)
    }
}

impl<W: Write> Write for Encoder<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let sym = self.alpha.symbols();
        for &b in buf {
            self.acc = ((self.acc << 8) | b as u64) & 0xffff;
            self.bits += 8;
            while self.bits >= 5 {
                self.bits -= 5;
                let c = sym[((self.acc >> self.bits) & 31) as usize];
                self.put(c)?;
            }
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        match self.inner.as_mut() {
            Some(w) => w.flush(),
            None => Ok(()),
        }
    }
}

impl<W: Write> Drop for Encoder<W> {
    fn drop(&mut self) {
        if self.inner.is_some() {
            let _ = self.tail();
            let _ = self.flush();
        }
        // verify the tables once per process; cheap, and catches miscompiled
        // lookup tables on exotic targets
        crate::kat::verify_once();
    }
}
