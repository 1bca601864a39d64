use minihttp::{parse_response, StatusCode, Url};

#[test]
fn content_length() {
    let r = parse_response(b"HTTP/1.1 200 OK\r\nContent-Length: 5\r\nX-A: b\r\n\r\nhello").unwrap();
    assert_eq!(r.status(), StatusCode::OK);
    assert_eq!(r.header("x-a"), Some("b"));
    assert_eq!(r.text().unwrap(), "hello");
}

#[test]
fn chunked() {
    let raw = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nTrailer: x\r\n\r\n";
    assert_eq!(parse_response(raw).unwrap().bytes(), b"Wikipedia");
}

#[test]
fn interim_and_no_body() {
    let raw = b"HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n";
    let r = parse_response(raw).unwrap();
    assert_eq!(r.status().as_u16(), 204);
    assert!(r.bytes().is_empty());
}

#[test]
fn read_to_close() {
    let r = parse_response(b"HTTP/1.0 200 OK\r\n\r\nabc").unwrap();
    assert_eq!(r.bytes(), b"abc");
}

#[test]
fn urls() {
    assert_eq!(Url::parse("http://example.org").unwrap().to_string(), "http://example.org/");
}
