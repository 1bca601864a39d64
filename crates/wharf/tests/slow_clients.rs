//! The server's defences against clients that hold connections without finishing a request, and
//! against more publish work than it can do at once: header and body deadlines, the connection
//! cap, the publish queue's 503, and request limits answered in the API's JSON before any work.

mod support;

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};
use support::{crate_file, error_detail, metadata, publish_body, Backend, Wharf};

backend_tests!(
    connections_that_never_send_headers_are_closed,
    the_connection_cap_holds_new_clients_until_one_closes,
    a_stalled_upload_is_refused_and_stores_nothing,
    publishes_beyond_the_queue_are_refused_as_busy,
    oversized_and_overlong_requests_are_refused_in_json
);

fn connect(wharf: &Wharf) -> TcpStream {
    let stream = TcpStream::connect(wharf.url.trim_start_matches("http://")).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    stream
}

/// Reads until the server closes the connection, and returns what it sent.
fn read_until_closed(stream: &mut TcpStream) -> String {
    let mut answer = Vec::new();
    match stream.read_to_end(&mut answer) {
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::ConnectionReset => {}
        Err(error) => panic!("the server kept the connection open: {error}"),
    }
    String::from_utf8_lossy(&answer).into_owned()
}

fn health_answers(wharf: &Wharf) {
    let response = wharf.get("/health");
    assert_eq!(response.status(), 200);
}

fn connections_that_never_send_headers_are_closed(backend: Backend) {
    let wharf = Wharf::with_config(backend, "[connections]\nheader_timeout_seconds = 1\n");
    let mut silent: Vec<TcpStream> = (0..40).map(|_| connect(&wharf)).collect();
    let mut halfway: Vec<TcpStream> = (0..40)
        .map(|_| {
            let mut stream = connect(&wharf);
            stream
                .write_all(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ")
                .unwrap();
            stream
        })
        .collect();
    // Everyone else is still served while they wait.
    health_answers(&wharf);
    let started = Instant::now();
    for stream in silent.iter_mut().chain(halfway.iter_mut()) {
        let answer = read_until_closed(stream);
        // hyper may answer a timed-out half-sent request with 408 before closing; never with
        // what was asked for.
        assert!(
            answer.is_empty() || answer.starts_with("HTTP/1.1 408"),
            "unexpected answer: {answer:?}"
        );
    }
    // All closed by the header deadline (read timeouts above are 20 s, far beyond it).
    assert!(started.elapsed() < Duration::from_secs(20));
    health_answers(&wharf);
}

fn the_connection_cap_holds_new_clients_until_one_closes(backend: Backend) {
    let wharf = Wharf::with_config(
        backend,
        "[connections]\nheader_timeout_seconds = 60\nmax_connections = 3\n",
    );
    let mut idle: Vec<TcpStream> = (0..3).map(|_| connect(&wharf)).collect();
    // Give the server time to accept all three before the fourth arrives.
    std::thread::sleep(Duration::from_millis(300));
    let mut waiting = connect(&wharf);
    waiting
        .set_read_timeout(Some(Duration::from_secs(2)))
        .unwrap();
    waiting
        .write_all(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        .unwrap();
    let mut buffer = [0u8; 64];
    let early = waiting.read(&mut buffer);
    assert!(
        early.is_err(),
        "a fourth connection was served while three were open: {early:?}"
    );
    // One of the three goes away: the waiting client is accepted and answered.
    drop(idle.pop());
    waiting
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    let answer = read_until_closed(&mut waiting);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
}

fn a_stalled_upload_is_refused_and_stores_nothing(backend: Backend) {
    let wharf = Wharf::with_config(backend, "[connections]\nbody_idle_timeout_seconds = 1\n");
    let token = wharf.user_with_token("alice");
    let body = publish_body(
        &metadata("stalled", "1.0.0"),
        &crate_file("stalled", "1.0.0", &[]),
    );
    let mut stream = connect(&wharf);
    let head = format!(
        "PUT /api/v1/crates/new HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: wharf-tests\r\nAuthorization: {token}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    stream.write_all(head.as_bytes()).unwrap();
    stream.write_all(&body[..body.len() / 2]).unwrap();
    let answer = read_until_closed(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer:?}");
    assert!(answer.contains(r#"{"errors":[{"detail":"#), "{answer:?}");
    assert_eq!(wharf.get("/api/v1/crates/stalled").status(), 404);
    assert!(!wharf
        .data_dir()
        .join("crates/crates/stalled/stalled-1.0.0.crate")
        .exists());
}

fn publishes_beyond_the_queue_are_refused_as_busy(backend: Backend) {
    let wharf = Wharf::with_config(
        backend,
        "publish_workers = 1\npublish_queue_wait_seconds = 1\n",
    );
    let token = wharf.user_with_token("alice");
    let body = publish_body(
        &metadata("patient", "1.0.0"),
        &crate_file("patient", "1.0.0", &[]),
    );
    // The first publisher takes the only turn and is slow to send its upload.
    let mut slow = connect(&wharf);
    let head = format!(
        "PUT /api/v1/crates/new HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: wharf-tests\r\nAuthorization: {token}\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    slow.write_all(head.as_bytes()).unwrap();
    slow.write_all(&body[..10]).unwrap();
    std::thread::sleep(Duration::from_millis(300));

    let refused = wharf.publish_raw(
        &token,
        publish_body(
            &metadata("impatient", "1.0.0"),
            &crate_file("impatient", "1.0.0", &[]),
        ),
    );
    assert_eq!(refused.status(), 503);
    assert_eq!(refused.headers()["retry-after"], "10");
    assert!(error_detail(refused).contains("busy"));

    // The first upload completes in its turn; then the second goes through.
    slow.write_all(&body[10..]).unwrap();
    let answer = read_until_closed(&mut slow);
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer:?}");
    let retried = wharf.publish_raw(
        &token,
        publish_body(
            &metadata("impatient", "1.0.0"),
            &crate_file("impatient", "1.0.0", &[]),
        ),
    );
    assert_eq!(retried.status(), 200);
}

fn oversized_and_overlong_requests_are_refused_in_json(backend: Backend) {
    let wharf = Wharf::with_config(backend, "max_upload_size = 1000\nmax_json_size = 1000\n");
    let token = wharf.user_with_token("alice");

    // A declared length over the limit is refused without reading the body.
    let mut stream = connect(&wharf);
    let head = format!(
        "PUT /api/v1/crates/new HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: wharf-tests\r\nAuthorization: {token}\r\n\
         Content-Length: 50000000\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(head.as_bytes()).unwrap();
    let answer = read_until_closed(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer:?}");
    assert!(answer.contains(r#"{"errors":[{"detail":"#), "{answer:?}");

    // A chunked body, with no declared length, is cut at the limit (1,000 + 1,000 + 8 bytes).
    let mut stream = connect(&wharf);
    let chunk = vec![b'x'; 5000];
    let mut request = format!(
        "PUT /api/v1/crates/new HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: wharf-tests\r\n\
         Authorization: {token}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n{:x}\r\n",
        chunk.len()
    )
    .into_bytes();
    request.extend_from_slice(&chunk);
    request.extend_from_slice(b"\r\n0\r\n\r\n");
    stream.write_all(&request).unwrap();
    let answer = read_until_closed(&mut stream);
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer:?}");
    assert!(
        answer.contains("larger than this registry accepts"),
        "{answer:?}"
    );

    // An over-long address.
    let query = "q".repeat(10_000);
    let response = wharf.get(&format!("/api/v1/crates?q={query}"));
    assert_eq!(response.status(), 414);
    assert!(error_detail(response).contains("address"));
}
