//! HTTP/1.1 answer heads written without hyper (see `connections::index_wire` and
//! `index::write_from_memory`): the status line, header lines, and the framing and `Date` every
//! head ends with. The date is formatted at most once a second on each thread, as hyper does.

use axum::http::StatusCode;
use std::cell::RefCell;
use std::time::{SystemTime, UNIX_EPOCH};

/// Appends `HTTP/1.1 <code> <reason>\r\n`.
#[inline]
pub(crate) fn append_status_line(head: &mut Vec<u8>, status: StatusCode) {
    head.extend_from_slice(b"HTTP/1.1 ");
    head.extend_from_slice(status.as_str().as_bytes());
    head.extend_from_slice(b" ");
    head.extend_from_slice(status.canonical_reason().unwrap_or_default().as_bytes());
    head.extend_from_slice(b"\r\n");
}

/// Appends `name: value\r\n`.
#[inline]
pub(crate) fn append_header(head: &mut Vec<u8>, name: &str, value: &[u8]) {
    head.extend_from_slice(name.as_bytes());
    head.extend_from_slice(b": ");
    head.extend_from_slice(value);
    head.extend_from_slice(b"\r\n");
}

/// Ends a head: `content-length` when the answer has a body of `body_length` bytes, `date`, and
/// the empty line.
#[inline]
pub(crate) fn finish(head: &mut Vec<u8>, body_length: Option<usize>) {
    if let Some(length) = body_length {
        append_header(
            head,
            "content-length",
            itoa::Buffer::new().format(length).as_bytes(),
        );
    }
    append_date_header(head);
    head.extend_from_slice(b"\r\n");
}

thread_local! {
    /// The second last formatted (since the epoch) and its IMF-fixdate.
    static FORMATTED: RefCell<(u64, String)> = const { RefCell::new((u64::MAX, String::new())) };
}

/// Appends `date: <now>\r\n` to `head`.
fn append_date_header(head: &mut Vec<u8>) {
    let now = SystemTime::now();
    let second = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    FORMATTED.with(|formatted| {
        let mut formatted = formatted.borrow_mut();
        if formatted.0 != second {
            *formatted = (second, httpdate::fmt_http_date(now));
        }
        append_header(head, "date", formatted.1.as_bytes());
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_head_is_a_status_line_headers_framing_date_and_an_empty_line() {
        let mut head = Vec::new();
        append_status_line(&mut head, StatusCode::NOT_MODIFIED);
        append_header(&mut head, "etag", b"\"x\"");
        finish(&mut head, None);
        let text = String::from_utf8(head).unwrap();
        assert!(
            text.starts_with("HTTP/1.1 304 Not Modified\r\netag: \"x\"\r\ndate: "),
            "{text:?}"
        );
        assert!(
            text.ends_with(" GMT\r\n\r\n") && !text.contains("content-length"),
            "{text:?}"
        );
        let mut head = Vec::new();
        finish(&mut head, Some(9640));
        assert!(String::from_utf8(head)
            .unwrap()
            .starts_with("content-length: 9640\r\ndate: "));
    }

    #[test]
    fn the_header_carries_the_current_second() {
        let before = SystemTime::now();
        let mut head = Vec::new();
        append_date_header(&mut head);
        let line = String::from_utf8(head).unwrap();
        let value = line
            .strip_prefix("date: ")
            .and_then(|l| l.strip_suffix("\r\n"))
            .unwrap();
        let date = httpdate::parse_http_date(value).unwrap();
        let whole_second = |t: SystemTime| t.duration_since(UNIX_EPOCH).unwrap().as_secs();
        assert!(whole_second(date) >= whole_second(before));
        assert!(whole_second(date) <= whole_second(SystemTime::now()));
    }
}
