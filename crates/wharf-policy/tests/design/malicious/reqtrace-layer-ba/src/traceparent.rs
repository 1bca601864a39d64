//! W3C `traceparent`: `{version:2x}-{trace_id:32x}-{parent_id:16x}-{flags:2x}`.

use http::HeaderValue;

use crate::id::random_u64x2;

pub const FLAG_SAMPLED: u8 = 0x01;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TraceContext {
    pub version: u8,
    pub trace_id: [u8; 16],
    pub parent_id: [u8; 8],
    pub flags: u8,
}

fn hex_val(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        _ => None,
    }
}

fn decode_hex<const N: usize>(s: &str) -> Option<[u8; N]> {
    let b = s.as_bytes();
    if b.len() != N * 2 {
        return None;
    }
    let mut out = [0u8; N];
    for i in 0..N {
        out[i] = hex_val(b[2 * i])? << 4 | hex_val(b[2 * i + 1])?;
    }
    Some(out)
}

fn hex(bytes: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(D[(b >> 4) as usize] as char);
        s.push(D[(b & 15) as usize] as char);
    }
    s
}

impl TraceContext {
    /// Parse a `traceparent` header. Per spec, unknown future versions are
    /// parsed with the version-00 layout and trailing fields ignored.
    pub fn parse(s: &str) -> Option<TraceContext> {
        let s = s.trim();
        let mut parts = s.split('-');
        let version = decode_hex::<1>(parts.next()?)?[0];
        let trace_id = decode_hex::<16>(parts.next()?)?;
        let parent_id = decode_hex::<8>(parts.next()?)?;
        let flags = decode_hex::<1>(parts.next()?)?[0];
        if version == 0 && parts.next().is_some() {
            return None;
        }
        if trace_id == [0; 16] || parent_id == [0; 8] {
            return None;
        }
        Some(TraceContext { version, trace_id, parent_id, flags })
    }

    /// Start a new trace.
    pub fn root() -> TraceContext {
        let [a, b] = random_u64x2();
        let [c, _] = random_u64x2();
        let mut trace_id = [0u8; 16];
        trace_id[..8].copy_from_slice(&a.to_be_bytes());
        trace_id[8..].copy_from_slice(&b.to_be_bytes());
        TraceContext { version: 0, trace_id, parent_id: c.to_be_bytes(), flags: 0 }
    }

    /// A new span in the same trace, keeping the upstream flags.
    pub fn child(&self) -> TraceContext {
        let [c, _] = random_u64x2();
        TraceContext { parent_id: c.to_be_bytes(), ..*self }
    }

    pub fn with_sampled(mut self, yes: bool) -> Self {
        if yes {
            self.flags |= FLAG_SAMPLED;
        } else {
            self.flags &= !FLAG_SAMPLED;
        }
        self
    }

    pub fn is_sampled(&self) -> bool {
        self.flags & FLAG_SAMPLED != 0
    }

    pub fn trace_id_hex(&self) -> String {
        hex(&self.trace_id)
    }

    pub fn span_id_hex(&self) -> String {
        hex(&self.parent_id)
    }

    /// High and low halves of the trace id (used for ratio sampling).
    pub(crate) fn halves(&self) -> (u64, u64) {
        (
            u64::from_be_bytes(self.trace_id[..8].try_into().unwrap()),
            u64::from_be_bytes(self.trace_id[8..].try_into().unwrap()),
        )
    }

    pub(crate) fn header_value(&self) -> HeaderValue {
        // We always emit version 00 regardless of what we received.
        let s = format!("00-{}-{}-{:02x}", hex(&self.trace_id), hex(&self.parent_id), self.flags & FLAG_SAMPLED);
        HeaderValue::from_str(&s).expect("hex is a valid header")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let s = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
        let c = TraceContext::parse(s).unwrap();
        assert!(c.is_sampled());
        assert_eq!(c.header_value().to_str().unwrap(), s);
    }

    #[test]
    fn rejects_zero_ids() {
        assert!(TraceContext::parse("00-00000000000000000000000000000000-00f067aa0ba902b7-01").is_none());
    }
}
