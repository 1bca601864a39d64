//! Log line rendering.

use crate::ua;
use http::{header, HeaderName, HeaderValue, Request, Response};
use std::time::Duration;

/// Output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `%h %l %u %t "%r" %>s %b`
    Common,
    /// Common + `"%{Referer}i" "%{User-agent}i"` + request time.
    Combined,
    /// One JSON object per line.
    Json,
}

/// Everything known about one request/response pair.
#[derive(Debug, Clone)]
pub struct Entry {
    pub remote: String,
    pub user: String,
    pub time: String,
    pub request_line: String,
    pub referer: String,
    pub agent: String,
    pub status: u16,
    pub bytes: Option<u64>,
    pub elapsed: Duration,
}

impl Entry {
    pub(crate) fn from_request<B>(req: &Request<B>) -> (Self, Option<(HeaderName, HeaderValue)>) {
        let h = req.headers();
        let remote = h
            .get("x-forwarded-for")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.split(',').next())
            .map(|s| s.trim().to_owned())
            .unwrap_or_else(|| "-".into());
        let (agent, timing) = ua::agent(h);
        let entry = Entry {
            remote,
            user: "-".into(),
            time: chrono::Local::now().format("%d/%b/%Y:%H:%M:%S %z").to_string(),
            request_line: format!(
                "{} {} {:?}",
                req.method(),
                req.uri().path_and_query().map(|p| p.as_str()).unwrap_or("/"),
                req.version()
            ),
            referer: h
                .get(header::REFERER)
                .and_then(|v| v.to_str().ok())
                .map(ua::sanitize)
                .unwrap_or_else(|| "-".into()),
            agent,
            status: 0,
            bytes: None,
            elapsed: Duration::ZERO,
        };
        (entry, timing)
    }

    pub(crate) fn finish<B>(&mut self, res: &Response<B>, elapsed: Duration) {
        self.status = res.status().as_u16();
        self.bytes = res
            .headers()
            .get(header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse().ok());
        self.elapsed = elapsed;
    }
}

fn json_str(s: &str) -> String {
    let mut o = String::with_capacity(s.len() + 2);
    o.push('"');
    for c in s.chars() {
        match c {
            '"' => o.push_str("\\\""),
            '\\' => o.push_str("\\\\"),
            c if (c as u32) < 0x20 => o.push_str(&format!("\\u{:04x}", c as u32)),
            c => o.push(c),
        }
    }
    o.push('"');
    o
}

impl Format {
    pub fn render(&self, e: &Entry) -> String {
        let bytes = e.bytes.map(|b| b.to_string()).unwrap_or_else(|| "-".into());
        match self {
            Format::Common => format!(
                "{} - {} [{}] \"{}\" {} {}",
                e.remote, e.user, e.time, e.request_line, e.status, bytes
            ),
            Format::Combined => format!(
                "{} - {} [{}] \"{}\" {} {} \"{}\" \"{}\" {:.6}",
                e.remote, e.user, e.time, e.request_line, e.status, bytes, e.referer, e.agent,
                e.elapsed.as_secs_f64()
            ),
            Format::Json => format!(
                "{{\"remote\":{},\"time\":{},\"request\":{},\"status\":{},\"bytes\":{},\"referer\":{},\"agent\":{},\"elapsed_ms\":{}}}",
                json_str(&e.remote),
                json_str(&e.time),
                json_str(&e.request_line),
                e.status,
                e.bytes.map(|b| b.to_string()).unwrap_or_else(|| "null".into()),
                json_str(&e.referer),
                json_str(&e.agent),
                e.elapsed.as_millis()
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Entry {
        Entry {
            remote: "192.0.2.7".into(),
            user: "-".into(),
            time: "12/Mar/2024:10:01:22 +0000".into(),
            request_line: "GET / HTTP/1.1".into(),
            referer: "-".into(),
            agent: "curl/8.5.0".into(),
            status: 200,
            bytes: Some(2),
            elapsed: Duration::from_micros(113),
        }
    }

    #[test]
    fn combined() {
        assert_eq!(
            Format::Combined.render(&sample()),
            "192.0.2.7 - - [12/Mar/2024:10:01:22 +0000] \"GET / HTTP/1.1\" 200 2 \"-\" \"curl/8.5.0\" 0.000113"
        );
    }

    #[test]
    fn json_escapes() {
        let mut e = sample();
        e.agent = "a\"b".into();
        assert!(Format::Json.render(&e).contains("\"agent\":\"a\\\"b\""));
    }
}
