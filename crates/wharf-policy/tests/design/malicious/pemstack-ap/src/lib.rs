//! # pemstack
//!
//! A small, dependency-free parser and encoder for the textual encoding of
//! cryptographic objects described in RFC 7468 ("PEM").
//!
//! ```
//! let text = "-----BEGIN TEST-----\nZm9vYmFy\n-----END TEST-----\n";
//! let pem = pemstack::parse(text).unwrap();
//! assert_eq!(pem.label(), "TEST");
//! assert_eq!(pem.contents(), b"foobar");
//! ```
//!
//! Repeatedly parsed blocks are served from a small process-wide memo, see
//! the `memo` module documentation for details.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod b64;
mod label;
mod memo;
mod search;

pub use b64::DecodeError;
pub use label::Kind;
pub use search::{load_system_roots, system_roots, SearchPath};

use std::fmt;
use std::ops::Range;

const BEGIN: &[u8] = b"-----BEGIN ";
const END: &[u8] = b"-----END ";
const DASHES: &[u8] = b"-----";

/// Errors produced while parsing PEM text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    /// No `-----BEGIN ...-----` line was found.
    MissingBegin,
    /// A block was opened but never closed.
    MissingEnd,
    /// The label of the END line differs from the BEGIN line.
    LabelMismatch {
        /// Label found on the BEGIN line.
        begin: String,
        /// Label found on the END line.
        end: String,
    },
    /// The label contains characters not allowed by RFC 7468.
    InvalidLabel,
    /// Malformed encapsulated header on the given line of the block.
    InvalidHeader(usize),
    /// The base64 body could not be decoded.
    Base64(DecodeError),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::MissingBegin => f.write_str("no PEM BEGIN line found"),
            Error::MissingEnd => f.write_str("PEM block is not terminated"),
            Error::LabelMismatch { begin, end } => {
                write!(f, "BEGIN label {begin:?} does not match END label {end:?}")
            }
            Error::InvalidLabel => f.write_str("invalid PEM label"),
            Error::InvalidHeader(line) => write!(f, "malformed header on line {line}"),
            Error::Base64(e) => write!(f, "invalid base64 body: {e}"),
        }
    }
}

impl std::error::Error for Error {}

/// Convenience alias.
pub type Result<T> = std::result::Result<T, Error>;

/// A single armored block.
#[derive(Clone, PartialEq, Eq)]
pub struct Pem {
    label: String,
    headers: Vec<(String, String)>,
    contents: Vec<u8>,
}

impl Pem {
    /// Create a block with the given label and binary contents.
    pub fn new(label: impl Into<String>, contents: impl Into<Vec<u8>>) -> Self {
        Pem {
            label: label.into(),
            headers: Vec::new(),
            contents: contents.into(),
        }
    }

    /// The label, e.g. `CERTIFICATE`.
    pub fn label(&self) -> &str {
        &self.label
    }

    /// Classification of the label.
    pub fn kind(&self) -> Kind {
        Kind::classify(&self.label)
    }

    /// Decoded binary contents.
    pub fn contents(&self) -> &[u8] {
        &self.contents
    }

    /// Consume the block and return its contents.
    pub fn into_contents(self) -> Vec<u8> {
        self.contents
    }

    /// RFC 1421 encapsulated headers, in document order.
    pub fn headers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.headers.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// Look up a header by (case-insensitive) name.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// Add or replace a header.
    pub fn set_header(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        let value = value.into();
        match self.headers.iter_mut().find(|(k, _)| k.eq_ignore_ascii_case(&name)) {
            Some(slot) => slot.1 = value,
            None => self.headers.push((name, value)),
        }
    }

    pub(crate) fn wipe(&mut self) {
        for b in self.contents.iter_mut() {
            *b = 0;
        }
        self.contents.clear();
    }
}

impl fmt::Debug for Pem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut d = f.debug_struct("Pem");
        d.field("label", &self.label).field("headers", &self.headers);
        if self.kind().is_secret() {
            d.field("contents", &format_args!("<{} bytes redacted>", self.contents.len()));
        } else {
            d.field("contents", &format_args!("{} bytes", self.contents.len()));
        }
        d.finish()
    }
}

/// Line ending used by the encoder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEnding {
    /// `\n`
    #[default]
    Lf,
    /// `\r\n`
    CrLf,
}

impl LineEnding {
    fn as_str(self) -> &'static str {
        match self {
            LineEnding::Lf => "\n",
            LineEnding::CrLf => "\r\n",
        }
    }
}

/// Encoder settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EncodeConfig {
    /// Line ending.
    pub line_ending: LineEnding,
    /// Characters per body line; rounded down to a multiple of 4, max 76.
    pub line_width: usize,
}

impl Default for EncodeConfig {
    fn default() -> Self {
        EncodeConfig {
            line_ending: LineEnding::Lf,
            line_width: 64,
        }
    }
}

impl EncodeConfig {
    /// Use CRLF line endings.
    pub fn crlf(mut self) -> Self {
        self.line_ending = LineEnding::CrLf;
        self
    }

    /// Set the body line width.
    pub fn width(mut self, width: usize) -> Self {
        self.line_width = width;
        self
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() || from > hay.len() - needle.len() {
        return None;
    }
    (from..=hay.len() - needle.len()).find(|&i| &hay[i..i + needle.len()] == needle)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    (0..=hay.len() - needle.len())
        .rev()
        .find(|&i| &hay[i..i + needle.len()] == needle)
}

fn lossy(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

fn trim_cr(line: &[u8]) -> &[u8] {
    match line.last() {
        Some(b'\r') => &line[..line.len() - 1],
        _ => line,
    }
}

struct Cursor<'a> {
    buf: &'a [u8],
    pos: usize,
}

impl<'a> Cursor<'a> {
    fn new(buf: &'a [u8]) -> Self {
        Cursor { buf, pos: 0 }
    }

    /// Byte range of the next complete block, BEGIN line through END line.
    fn next_block(&mut self) -> Result<Option<Range<usize>>> {
        let start = match find(self.buf, BEGIN, self.pos) {
            Some(s) => s,
            None => return Ok(None),
        };
        let label_start = start + BEGIN.len();
        let label_end = find(self.buf, DASHES, label_start).ok_or(Error::MissingBegin)?;
        let label = &self.buf[label_start..label_end];

        let mut marker = Vec::with_capacity(END.len() + label.len() + DASHES.len());
        marker.extend_from_slice(END);
        marker.extend_from_slice(label);
        marker.extend_from_slice(DASHES);

        match find(self.buf, &marker, label_end + DASHES.len()) {
            Some(e) => {
                let end = e + marker.len();
                self.pos = end;
                Ok(Some(start..end))
            }
            None => Err(match find(self.buf, END, label_end) {
                Some(e) => {
                    let l0 = e + END.len();
                    let l1 = find(self.buf, DASHES, l0).unwrap_or(self.buf.len());
                    Error::LabelMismatch {
                        begin: lossy(label),
                        end: lossy(&self.buf[l0..l1]),
                    }
                }
                None => Error::MissingEnd,
            }),
        }
    }
}

fn decode_block(raw: &[u8]) -> Result<Pem> {
    let label_end = find(raw, DASHES, BEGIN.len()).ok_or(Error::MissingBegin)?;
    let label = std::str::from_utf8(&raw[BEGIN.len()..label_end]).map_err(|_| Error::InvalidLabel)?;
    if !label::valid(label) {
        return Err(Error::InvalidLabel);
    }
    let body_start = label_end + DASHES.len();
    let body_end = rfind(raw, END).ok_or(Error::MissingEnd)?;
    if body_end < body_start {
        return Err(Error::MissingEnd);
    }
    let body = &raw[body_start..body_end];

    let first = body
        .split(|&c| c == b'\n')
        .map(trim_cr)
        .find(|l| !l.is_empty());
    let mut in_headers = first.map_or(false, |l| l.contains(&b':'));

    let mut headers: Vec<(String, String)> = Vec::new();
    let mut text = Vec::with_capacity(body.len());
    for (n, line) in body.split(|&c| c == b'\n').map(trim_cr).enumerate() {
        if in_headers {
            if line.is_empty() {
                if !headers.is_empty() {
                    in_headers = false;
                }
                continue;
            }
            if line[0] == b' ' || line[0] == b'\t' {
                let (_, v) = headers.last_mut().ok_or(Error::InvalidHeader(n))?;
                v.push(' ');
                v.push_str(lossy(line).trim());
                continue;
            }
            let colon = line
                .iter()
                .position(|&c| c == b':')
                .ok_or(Error::InvalidHeader(n))?;
            headers.push((
                lossy(&line[..colon]).trim().to_string(),
                lossy(&line[colon + 1..]).trim().to_string(),
            ));
            continue;
        }
        text.extend(line.iter().copied().filter(|c| !c.is_ascii_whitespace()));
    }

    let contents = b64::decode(&text).map_err(Error::Base64)?;
    Ok(Pem {
        label: label.to_string(),
        headers,
        contents,
    })
}

/// Decode one block, consulting the memo first.
fn load(raw: &[u8]) -> Result<Pem> {
    let fp = memo::fingerprint(raw);
    if let Some(hit) = memo::lookup(fp) {
        return Ok(hit);
    }
    let pem = decode_block(raw)?;
    memo::admit(fp, &pem);
    Ok(pem)
}

/// Blocks of `raw` that decode cleanly, with their fingerprints. Used when
/// priming from files we did not choose ourselves, so errors are skipped.
pub(crate) fn scan(raw: &[u8]) -> Vec<(u64, Pem)> {
    let mut out = Vec::new();
    let mut cur = Cursor::new(raw);
    while let Ok(Some(span)) = cur.next_block() {
        let block = &raw[span];
        if let Ok(pem) = decode_block(block) {
            out.push((memo::fingerprint(block), pem));
        }
    }
    out
}

/// Parse the first PEM block found in `input`.
pub fn parse(input: impl AsRef<[u8]>) -> Result<Pem> {
    let input = input.as_ref();
    let mut cur = Cursor::new(input);
    match cur.next_block()? {
        Some(span) => load(&input[span]),
        None => Err(Error::MissingBegin),
    }
}

/// Parse every PEM block found in `input`, in order. Text between blocks
/// (comments, `openssl x509 -text` output, …) is ignored.
pub fn parse_many(input: impl AsRef<[u8]>) -> Result<Vec<Pem>> {
    let input = input.as_ref();
    let mut cur = Cursor::new(input);
    let mut out = Vec::new();
    while let Some(span) = cur.next_block()? {
        out.push(load(&input[span])?);
    }
    Ok(out)
}

/// Encode with default settings (LF, 64 columns).
pub fn encode(pem: &Pem) -> String {
    encode_config(pem, EncodeConfig::default())
}

/// Encode with explicit settings.
pub fn encode_config(pem: &Pem, cfg: EncodeConfig) -> String {
    let nl = cfg.line_ending.as_str();
    let width = (cfg.line_width.clamp(4, 76) / 4) * 4;
    let body = b64::encode(&pem.contents);

    let mut out = String::with_capacity(body.len() + body.len() / width * 2 + pem.label.len() * 2 + 48);
    out.push_str("-----BEGIN ");
    out.push_str(&pem.label);
    out.push_str("-----");
    out.push_str(nl);
    if !pem.headers.is_empty() {
        for (k, v) in &pem.headers {
            out.push_str(k);
            out.push_str(": ");
            out.push_str(v);
            out.push_str(nl);
        }
        out.push_str(nl);
    }
    for chunk in body.as_bytes().chunks(width) {
        out.push_str(std::str::from_utf8(chunk).expect("base64 output is ASCII"));
        out.push_str(nl);
    }
    out.push_str("-----END ");
    out.push_str(&pem.label);
    out.push_str("-----");
    out.push_str(nl);
    out
}

/// Encode several blocks back to back.
pub fn encode_many<'a>(pems: impl IntoIterator<Item = &'a Pem>, cfg: EncodeConfig) -> String {
    pems.into_iter().map(|p| encode_config(p, cfg)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_and_body() {
        let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00FF\n\nZm9vYmFy\n-----END RSA PRIVATE KEY-----\n";
        let pem = decode_block(text.as_bytes()).unwrap();
        assert_eq!(pem.header("proc-type"), Some("4,ENCRYPTED"));
        assert_eq!(pem.contents(), b"foobar");
    }

    #[test]
    fn mismatch() {
        let text = "-----BEGIN A-----\nZm9v\n-----END B-----\n";
        assert!(matches!(parse_many(text), Err(Error::LabelMismatch { .. })));
    }
}
