//! The `Date` header of answers written without hyper (see `index_wire`), formatted at most once a
//! second on each thread, as hyper does for its own answers.

use std::cell::RefCell;
use std::time::{SystemTime, UNIX_EPOCH};

thread_local! {
    /// The second last formatted (since the epoch) and its IMF-fixdate.
    static FORMATTED: RefCell<(u64, String)> = const { RefCell::new((u64::MAX, String::new())) };
}

/// Appends `date: <now>\r\n` to `head`.
pub(crate) fn append_date_header(head: &mut Vec<u8>) {
    let now = SystemTime::now();
    let second = now.duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    FORMATTED.with(|formatted| {
        let mut formatted = formatted.borrow_mut();
        if formatted.0 != second {
            *formatted = (second, httpdate::fmt_http_date(now));
        }
        head.extend_from_slice(b"date: ");
        head.extend_from_slice(formatted.1.as_bytes());
        head.extend_from_slice(b"\r\n");
    });
}

#[cfg(test)]
mod tests {
    use super::*;

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
