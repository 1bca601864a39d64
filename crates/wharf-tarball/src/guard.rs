//! A `Read` adapter between the gzip decoder and the tar parser that counts
//! every decompressed byte and refuses to produce more than the limits allow.
//!
//! This is the backstop against decompression bombs: whatever the tar layer
//! does (skipping padding, reading metadata records, reading what follows the
//! end of the archive), it can only get bytes through here, so no input can
//! make us inflate more than the limit, however it is shaped (plus at most the
//! one buffer the reader below may have inflated ahead, see
//! `scan::INFLATE_BUFFER`).
//!
//! The tar crate wraps and rewrites I/O errors, so the reason for a refusal
//! is not passed through the `io::Error`; it is recorded in a shared [`Meter`]
//! that the caller inspects when the tar layer reports a failure.

use std::cell::{Cell, RefCell};
use std::io::{self, BufRead, Read, Seek, SeekFrom};
use std::rc::Rc;

use crate::TarballError;

/// State shared between the guard (owned, through the tar archive, by the
/// parser) and the code driving the parser.
#[derive(Clone, Default)]
pub(crate) struct Meter(Rc<MeterState>);

#[derive(Default)]
struct MeterState {
    /// The first refusal or decoder failure, if any.
    fault: RefCell<Option<TarballError>>,
    /// Decompressed bytes handed out so far, i.e. the tar stream position.
    produced: Cell<u64>,
}

impl Meter {
    /// The recorded failure, if the guard refused or the decoder failed.
    pub(crate) fn take_fault(&self) -> Option<TarballError> {
        self.0.fault.borrow_mut().take()
    }

    pub(crate) fn produced(&self) -> u64 {
        self.0.produced.get()
    }

    fn fail(&self, err: TarballError) -> io::Error {
        let io = io::Error::other(err.to_string());
        self.0.fault.borrow_mut().get_or_insert(err);
        io
    }
}

/// The bounds a [`Guard`] enforces.
pub(crate) struct GuardLimits {
    /// Hard cap on decompressed bytes (file data plus all tar metadata).
    pub stream_limit: u64,
    /// `Limits::max_unpacked_size`, reported when `stream_limit` is hit.
    pub unpacked_limit: u64,
    /// The ratio check applies only above this many decompressed bytes.
    pub ratio_floor: u64,
    pub max_ratio: u64,
    /// Length of the compressed input.
    pub compressed_len: u64,
}

pub(crate) struct Guard<R> {
    inner: R,
    meter: Meter,
    limits: GuardLimits,
    /// Decompressed bytes the ratio allows: `max_ratio * compressed_len`.
    ratio_allowance: u64,
}

impl<R: Read> Guard<R> {
    pub(crate) fn new(inner: R, meter: Meter, limits: GuardLimits) -> Self {
        let ratio_allowance = limits.max_ratio.saturating_mul(limits.compressed_len);
        Guard {
            inner,
            meter,
            limits,
            ratio_allowance,
        }
    }

    pub(crate) fn into_inner(self) -> R {
        self.inner
    }
}

impl<R> Guard<R> {
    /// How many more bytes may be asked of the decoder: never more than one
    /// byte past the hard cap, so that hitting the cap costs at most one
    /// buffer of work.
    fn room(&self) -> u64 {
        self.limits
            .stream_limit
            .saturating_sub(self.meter.produced())
            .saturating_add(1)
    }

    /// Counts `n` more decompressed bytes and refuses once a limit is passed.
    fn account(&self, n: usize) -> io::Result<()> {
        let produced = self.meter.produced() + n as u64;
        self.meter.0.produced.set(produced);
        if produced > self.limits.stream_limit {
            return Err(self.meter.fail(TarballError::UnpackedSizeExceeded {
                limit: self.limits.unpacked_limit,
            }));
        }
        if produced > self.limits.ratio_floor && produced > self.ratio_allowance {
            return Err(self.meter.fail(TarballError::CompressionRatioExceeded {
                limit: self.limits.max_ratio,
            }));
        }
        Ok(())
    }
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let want = buf
            .len()
            .min(usize::try_from(self.room()).unwrap_or(usize::MAX));
        let n = match self.inner.read(&mut buf[..want]) {
            Ok(n) => n,
            Err(e) => return Err(self.meter.fail(gzip_error(&e))),
        };
        self.account(n)?;
        Ok(n)
    }
}

/// Forward-only seeking, so that the tar parser skips what it does not read
/// (the data of files nobody asked for, and the padding after every entry)
/// by consuming the decoder's buffer in place. Without it, the parser zeroes
/// a 32 KiB buffer of its own for every entry, even for a few bytes of
/// padding: 3.6 % of the gate's instructions on real crates.
impl<R: BufRead> Seek for Guard<R> {
    fn seek(&mut self, pos: SeekFrom) -> io::Result<u64> {
        let SeekFrom::Current(ahead) = pos else {
            return Err(io::Error::new(
                io::ErrorKind::Unsupported,
                "the tar stream only skips forward",
            ));
        };
        let mut left = u64::try_from(ahead).map_err(|_| {
            io::Error::new(
                io::ErrorKind::Unsupported,
                "the tar stream only skips forward",
            )
        })?;
        while left > 0 {
            let room = self.room();
            let available = match self.inner.fill_buf() {
                Ok(buf) => buf.len(),
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(self.meter.fail(gzip_error(&e))),
            };
            if available == 0 {
                return Err(io::Error::new(
                    io::ErrorKind::UnexpectedEof,
                    "unexpected EOF during skip",
                ));
            }
            let n = usize::try_from(left.min(room))
                .unwrap_or(usize::MAX)
                .min(available);
            self.inner.consume(n);
            self.account(n)?;
            left -= n as u64;
        }
        Ok(self.meter.produced())
    }
}

/// Turns an error from the gzip decoder into the user-facing error.
fn gzip_error(e: &io::Error) -> TarballError {
    if e.kind() == io::ErrorKind::UnexpectedEof {
        TarballError::Truncated {
            reason: format!("gzip stream: {e}"),
        }
    } else {
        TarballError::CorruptGzip {
            reason: e.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(stream_limit: u64, ratio_floor: u64, compressed_len: u64) -> GuardLimits {
        GuardLimits {
            stream_limit,
            unpacked_limit: stream_limit,
            ratio_floor,
            max_ratio: 100,
            compressed_len,
        }
    }

    /// An endless source cannot be drained, so an `Ok` here would hang: the
    /// guard must stop it, and must stop it close to the limit.
    #[test]
    fn stops_an_endless_stream_at_the_size_limit() {
        let meter = Meter::default();
        let mut guard = Guard::new(io::repeat(0), meter.clone(), limits(1 << 20, u64::MAX, 0));
        assert!(io::copy(&mut guard, &mut io::sink()).is_err());
        assert_eq!(meter.produced(), (1 << 20) + 1);
        assert_eq!(
            meter.take_fault(),
            Some(TarballError::UnpackedSizeExceeded { limit: 1 << 20 })
        );
    }

    #[test]
    fn stops_an_endless_stream_at_the_ratio_limit() {
        let meter = Meter::default();
        let mut guard = Guard::new(io::repeat(0), meter.clone(), limits(u64::MAX, 4096, 1000));
        assert!(io::copy(&mut guard, &mut io::sink()).is_err());
        assert!(
            meter.produced() <= 100_000 + 64 * 1024,
            "{}",
            meter.produced()
        );
        assert_eq!(
            meter.take_fault(),
            Some(TarballError::CompressionRatioExceeded { limit: 100 })
        );
    }

    #[test]
    fn small_highly_compressible_input_is_fine_below_the_floor() {
        let meter = Meter::default();
        let mut guard = Guard::new(
            io::repeat(0).take(1 << 20),
            meter.clone(),
            limits(u64::MAX, 2 << 20, 10),
        );
        assert_eq!(io::copy(&mut guard, &mut io::sink()).unwrap(), 1 << 20);
        assert!(meter.take_fault().is_none());
    }

    /// Skipping counts like reading: a skip past the limit is refused
    /// just past the limit, not after the whole skip.
    #[test]
    fn skipping_is_held_to_the_same_limits() {
        let meter = Meter::default();
        let source = io::BufReader::new(io::repeat(0));
        let mut guard = Guard::new(source, meter.clone(), limits(1 << 20, u64::MAX, 0));
        assert_eq!(guard.seek(SeekFrom::Current(4096)).unwrap(), 4096);
        assert!(guard.seek(SeekFrom::Current(1 << 30)).is_err());
        assert!(meter.produced() <= (1 << 20) + 8192, "{}", meter.produced());
        assert_eq!(
            meter.take_fault(),
            Some(TarballError::UnpackedSizeExceeded { limit: 1 << 20 })
        );
    }

    #[test]
    fn skipping_only_goes_forward_and_stops_at_the_end() {
        let meter = Meter::default();
        let source = io::BufReader::new(io::repeat(0).take(100));
        let mut guard = Guard::new(source, meter.clone(), limits(u64::MAX, u64::MAX, 0));
        assert!(guard.seek(SeekFrom::Current(-1)).is_err());
        assert!(guard.seek(SeekFrom::Start(0)).is_err());
        assert_eq!(guard.seek(SeekFrom::Current(60)).unwrap(), 60);
        let mut rest = Vec::new();
        guard.read_to_end(&mut rest).unwrap();
        assert_eq!(rest.len(), 40);
        let mut guard = Guard::new(
            io::BufReader::new(io::repeat(0).take(100)),
            Meter::default(),
            limits(u64::MAX, u64::MAX, 0),
        );
        let err = guard.seek(SeekFrom::Current(101)).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::UnexpectedEof);
    }
}
