use serde_json::{json, Value};
use std::time::{SystemTime, UNIX_EPOCH};

/// One finished span, ready to be encoded.
#[derive(Clone, Debug)]
pub(crate) struct SpanData {
    pub trace_id: [u8; 16],
    pub span_id: [u8; 8],
    pub parent_span_id: Option<[u8; 8]>,
    pub name: String,
    pub target: String,
    pub start_unix_nanos: u64,
    pub end_unix_nanos: u64,
    pub attributes: Vec<(String, AttrValue)>,
    pub error: bool,
}

#[derive(Clone, Debug)]
pub(crate) enum AttrValue {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
}

impl AttrValue {
    fn to_otlp(&self) -> Value {
        match self {
            AttrValue::Str(s) => json!({ "stringValue": s }),
            // OTLP/JSON encodes 64-bit integers as strings.
            AttrValue::Int(i) => json!({ "intValue": i.to_string() }),
            AttrValue::Float(f) => json!({ "doubleValue": f }),
            AttrValue::Bool(b) => json!({ "boolValue": b }),
        }
    }
}

pub(crate) fn now_nanos() -> u64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_nanos() as u64).unwrap_or(0)
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 15) as usize] as char);
    }
    s
}

pub(crate) fn kv(key: &str, value: &AttrValue) -> Value {
    json!({ "key": key, "value": value.to_otlp() })
}

impl SpanData {
    pub fn to_otlp(&self) -> Value {
        let mut v = json!({
            "traceId": hex(&self.trace_id),
            "spanId": hex(&self.span_id),
            "name": self.name,
            "kind": 1,
            "startTimeUnixNano": self.start_unix_nanos.to_string(),
            "endTimeUnixNano": self.end_unix_nanos.to_string(),
            "attributes": self.attributes.iter().map(|(k, a)| kv(k, a)).collect::<Vec<_>>(),
            "status": { "code": if self.error { 2 } else { 0 } },
        });
        if let Some(p) = self.parent_span_id {
            v["parentSpanId"] = Value::String(hex(&p));
        }
        v
    }
}

/// Encode a batch as an `ExportTraceServiceRequest` in OTLP/JSON.
pub(crate) fn encode_batch(resource: &[(String, AttrValue)], spans: &[SpanData]) -> Value {
    let mut by_scope: std::collections::BTreeMap<&str, Vec<Value>> = Default::default();
    for s in spans {
        by_scope.entry(s.target.as_str()).or_default().push(s.to_otlp());
    }
    json!({
        "resourceSpans": [{
            "resource": { "attributes": resource.iter().map(|(k, v)| kv(k, v)).collect::<Vec<_>>() },
            "scopeSpans": by_scope.into_iter().map(|(scope, spans)| json!({
                "scope": { "name": scope },
                "spans": spans,
            })).collect::<Vec<_>>(),
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_encoding() {
        assert_eq!(hex(&[0x00, 0xab, 0x10]), "00ab10");
    }
}
