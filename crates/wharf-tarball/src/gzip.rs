//! The gzip decoder: a `Read` over the inflated contents of one gzip member held in memory.
//!
//! It uses `zlib-rs` directly (its safe `Inflate` API, in gzip mode) rather than `flate2`'s
//! `GzDecoder`: inflating is the largest single cost of reading an upload, `zlib-rs` inflates
//! real crates about a third faster than `flate2`'s default `miniz_oxide` backend, and
//! `flate2`'s backend is a feature of the whole build, so choosing it there would change the
//! compressor every other crate of the workspace gets as well.
//!
//! `zlib-rs` parses the gzip header (with its optional fields), checks the CRC-32 and length in
//! the trailer, and stops at the end of the first member; what follows it is left in
//! [`GzipReader::rest`] for the caller to judge.

use std::io::{self, Read};

use zlib_rs::{Inflate, InflateFlush, Status};

/// `window_bits` for a gzip stream (16 + the largest deflate window): the gzip wrapper only,
/// never a zlib one.
const GZIP_WINDOW_BITS: u8 = 16 + 15;

pub(crate) struct GzipReader<'a> {
    inflate: Inflate,
    /// The compressed bytes not consumed yet.
    input: &'a [u8],
    /// Whether the member's trailer has been read and checked.
    finished: bool,
}

impl<'a> GzipReader<'a> {
    pub(crate) fn new(input: &'a [u8]) -> Self {
        GzipReader {
            inflate: Inflate::new(true, GZIP_WINDOW_BITS),
            input,
            finished: false,
        }
    }

    /// What follows the gzip member, once it has been read to its end (before that, the part of
    /// the input not consumed yet).
    pub(crate) fn rest(&self) -> &'a [u8] {
        self.input
    }
}

impl Read for GzipReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.finished || buf.is_empty() {
            return Ok(0);
        }
        loop {
            let (in_before, out_before) = (self.inflate.total_in(), self.inflate.total_out());
            let status = self
                .inflate
                .decompress(self.input, buf, InflateFlush::NoFlush)
                .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e.as_str()))?;
            // Both deltas are bounded by the lengths of the slices just passed in.
            let consumed = (self.inflate.total_in() - in_before) as usize;
            let produced = (self.inflate.total_out() - out_before) as usize;
            self.input = &self.input[consumed..];
            match status {
                Status::StreamEnd => {
                    self.finished = true;
                    return Ok(produced);
                }
                _ if produced > 0 => return Ok(produced),
                // Returning 0 here would read as a clean end of the data.
                _ if self.input.is_empty() => {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "the gzip stream ends before its trailer",
                    ))
                }
                // Input left and room for output, yet nothing moved: never loop on that.
                _ if consumed == 0 => {
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        "the gzip stream makes no progress",
                    ))
                }
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::gzip;

    fn inflate_all(bytes: &[u8]) -> io::Result<(Vec<u8>, usize)> {
        let mut reader = GzipReader::new(bytes);
        let mut out = Vec::new();
        reader.read_to_end(&mut out)?;
        Ok((out, reader.rest().len()))
    }

    #[test]
    fn round_trips_and_leaves_what_follows() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let mut bytes = gzip(&data);
        assert_eq!(inflate_all(&bytes).unwrap(), (data.clone(), 0));
        bytes.extend_from_slice(b"extra");
        assert_eq!(inflate_all(&bytes).unwrap(), (data, 5));
    }

    #[test]
    fn reads_in_small_pieces() {
        let data = b"hello, hello, hello, world".repeat(100);
        let bytes = gzip(&data);
        let mut reader = GzipReader::new(&bytes);
        let mut out = Vec::new();
        let mut piece = [0u8; 7];
        loop {
            let n = reader.read(&mut piece).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&piece[..n]);
        }
        assert_eq!(out, data);
    }

    #[test]
    fn truncation_is_unexpected_eof_wherever_it_falls() {
        let bytes = gzip(&b"some text that compresses".repeat(50));
        for cut in 0..bytes.len() {
            let err = inflate_all(&bytes[..cut]).unwrap_err();
            assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof, "cut at {cut}");
        }
    }

    #[test]
    fn corruption_is_invalid_data() {
        let mut bytes = gzip(b"checked by the trailer");
        let crc_at = bytes.len() - 8;
        bytes[crc_at] ^= 1;
        let err = inflate_all(&bytes).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        let err = inflate_all(b"\x1f\x8b\x09\0\0\0\0\0\0\xff").unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData, "{err}");
    }
}
