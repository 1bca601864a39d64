//! Index-file requests read and answered by a connection thread itself, before hyper is given the
//! connection.
//!
//! cargo's connections to a registry carry little but `GET`s of index files, and most of those are
//! revalidations answered from memory with a 304 of under two hundred bytes. Through hyper each
//! also paid for its general machinery — a header map and a URI built from the request, the
//! dispatcher's state machine, the response's header map and its encoder — which measured as most
//! of a revalidation's user-space instructions (`bench/index_instructions.sh`, BENCHMARKS.md).
//! Here a request head is parsed in place by `httparse`, the parser hyper itself uses, and the
//! answer is written from the index module's header templates (`index::write_from_memory`).
//!
//! Only the plainest requests are answered here, which is how cargo asks: `GET` of a path under
//! `/index/` (but `config.json`) made of the characters of index paths alone (no query, fragment
//! or escape, whose handling is `http::Uri`'s), HTTP/1.1, no body (neither `Content-Length` nor
//! `Transfer-Encoding`), no `Connection`, `Expect` or `Upgrade` header. The first request that is
//! anything else, or whose head is not complete within [`MAX_HEAD`] bytes, hands the connection to
//! hyper with every byte read and not yet answered ([`Prefixed`]): hyper reads the client's bytes
//! from that request on as if it had read them all itself, and keeps the connection from then on.
//! A malformed head is hyper's to refuse, so its answers to bad requests stay what they were.

use super::{nosniff, AbortOnDrop, Progress};
use crate::http1_head;
use crate::index::{self, Conditions};
use crate::AppState;
use axum::http::{header, response::Parts, HeaderName, StatusCode};
use axum::response::Response;
use bytes::{Buf, Bytes, BytesMut};
use futures::FutureExt;
use http_body_util::BodyExt;
use std::io::IoSlice;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, Ordering};
use std::task::{Context, Poll};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::runtime::Handle;
use tokio::sync::Notify;

/// The longest request head read here; a longer one (or the rest of its connection) is hyper's,
/// whose own limit then applies.
const MAX_HEAD: usize = 16 * 1024;

/// Headers a request answered here may have; a request with more is hyper's.
const MAX_HEADERS: usize = 32;

/// Space the read buffer keeps for the next read.
const READ_SPACE: usize = 4096;

/// How the connection's time here ended.
pub(super) enum Outcome {
    /// The client closed it, it failed, or the server is stopping: nothing more to do.
    Closed,
    /// The rest of the connection is hyper's; these bytes were read and not answered.
    HandOver(Bytes),
}

/// What answering a connection's requests here needs.
pub(super) struct Answering<'a> {
    pub state: &'a AppState,
    /// The main runtime, where an index file not in memory is fetched.
    pub main: &'a Handle,
    pub progress: &'a Progress,
    /// The server is shutting down: no request is read after the one being answered.
    pub stopping: &'a AtomicBool,
    /// Told (`notify_waiters`) once `stopping` is set: a connection waiting for a request closes.
    pub stop: &'a Notify,
}

/// Answers the connection's index-file requests until it closes or a request is hyper's.
pub(super) async fn serve<S>(io: &mut S, answering: Answering<'_>) -> Outcome
where
    S: AsyncRead + AsyncWrite + Unpin,
{
    let mut read = BytesMut::with_capacity(READ_SPACE);
    let mut head = Vec::with_capacity(512);
    // Created before `stopping` is first read: a stop told after this completes it, and one told
    // before set `stopping` first (both are sequentially consistent), which the loop sees.
    let stop = answering.stop.notified();
    tokio::pin!(stop);
    loop {
        // Every complete request read is answered, in order (a client may send several before it
        // reads an answer), before more is read.
        loop {
            let length = match parse(&read) {
                Parsed::Incomplete => break,
                Parsed::Other => {
                    crate::metrics::count_connection_thread_request(false);
                    return Outcome::HandOver(read.freeze());
                }
                Parsed::Index {
                    length,
                    path,
                    conditions,
                } => {
                    crate::metrics::count_connection_thread_request(true);
                    answering.progress.heads.fetch_add(1, Ordering::Relaxed);
                    let _under_way = UnderWay::new(answering.progress);
                    head.clear();
                    let body = answer(&answering, path, &conditions, &mut head).await;
                    if send(io, &head, &body).await.is_err() {
                        return Outcome::Closed;
                    }
                    length
                }
            };
            read.advance(length);
        }
        if read.len() >= MAX_HEAD {
            crate::metrics::count_connection_thread_request(false);
            return Outcome::HandOver(read.freeze());
        }
        if answering.stopping.load(Ordering::SeqCst) {
            return Outcome::Closed;
        }
        if read.capacity() - read.len() < READ_SPACE / 4 {
            read.reserve(READ_SPACE);
        }
        // Waiting for a request (or the rest of one) is where a stop closes the connection:
        // nothing of it has been answered, so nothing is cut. The read first: the stop is
        // looked at (a lock) only when there is nothing to read.
        tokio::select! {
            biased;
            got = io.read_buf(&mut read) => match got {
                Ok(0) | Err(_) => return Outcome::Closed,
                Ok(_) => {}
            },
            () = &mut stop => return Outcome::Closed,
        }
    }
}

/// What the start of the bytes read holds.
#[derive(Debug)]
enum Parsed<'a> {
    /// A request answered here: the length of its head, its path and what decides its answer.
    Index {
        length: usize,
        path: &'a str,
        conditions: Conditions<'a>,
    },
    /// Part of a head.
    Incomplete,
    /// Anything else (including a malformed head): hyper's.
    Other,
}

fn parse(read: &[u8]) -> Parsed<'_> {
    if read.is_empty() {
        return Parsed::Incomplete;
    }
    // Left uninitialised: filling the array was a third of a request's own work here.
    let mut headers = [const { std::mem::MaybeUninit::<httparse::Header>::uninit() }; MAX_HEADERS];
    let mut request = httparse::Request::new(&mut []);
    let length = match request.parse_with_uninit_headers(read, &mut headers) {
        Ok(httparse::Status::Complete(length)) => length,
        Ok(httparse::Status::Partial) => return Parsed::Incomplete,
        Err(_) => return Parsed::Other,
    };
    let (Some("GET"), Some(1), Some(path)) = (request.method, request.version, request.path) else {
        return Parsed::Other;
    };
    let answered_here = path.starts_with("/index/")
        && path != "/index/config.json"
        && path.len() <= crate::MAX_TARGET_LENGTH
        && path.bytes().all(is_index_path_byte);
    if !answered_here {
        return Parsed::Other;
    }
    let mut conditions = Conditions::default();
    for header in request.headers.iter() {
        if HANDED_OVER_HEADERS
            .iter()
            .any(|name| header.name.eq_ignore_ascii_case(name))
        {
            return Parsed::Other;
        }
        conditions.add(header.name, header.value);
    }
    Parsed::Index {
        length,
        path,
        conditions,
    }
}

/// The bytes of index paths (`/index/se/rd/serde`, `/index/3/a/abc`) and of names that are none
/// (`..`, answered 404 here as by the router): a target with anything else — a query, a
/// fragment, an escape, a byte `http::Uri` refuses — is hyper's, whose answer it always had.
fn is_index_path_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'_' | b'.')
}

/// Headers that make a request hyper's: a body's framing, a connection's management, or an
/// interim answer. Sorted.
const HANDED_OVER_HEADERS: &[&str] = &[
    "connection",
    "content-length",
    "expect",
    "transfer-encoding",
    "upgrade",
];

/// The answer to an index-file request: its head appended to `head`, its body returned.
async fn answer(
    answering: &Answering<'_>,
    path: &str,
    conditions: &Conditions<'_>,
    head: &mut Vec<u8>,
) -> Bytes {
    let state = answering.state;
    let in_memory = std::panic::catch_unwind(AssertUnwindSafe(|| {
        index::write_from_memory(state, conditions, path, head)
    }));
    let (parts, body) = match in_memory {
        Ok(Some(body)) => return body,
        Ok(None) => {
            // Not in memory: the store (or the upstream registry) is asked on the main runtime,
            // where its clients and the database pool live.
            let state = state.clone();
            let path = path.to_owned();
            let headers = conditions.to_headers();
            let mut task = AbortOnDrop(answering.main.spawn(async move {
                let answered =
                    AssertUnwindSafe(index::answer(&state, &Conditions::of(&headers), &path))
                        .catch_unwind()
                        .await;
                whole(answered.unwrap_or_else(|_| crate::internal_error_response())).await
            }));
            match (&mut task.0).await {
                Ok(answer) => answer,
                Err(_) => whole(crate::internal_error_response()).await,
            }
        }
        Err(_) => whole(crate::internal_error_response()).await,
    };
    head.clear();
    write_head(&parts, body.len(), head);
    if has_body(parts.status) {
        body
    } else {
        Bytes::new()
    }
}

/// `response` (with what the router's layer adds to every answer) and its whole body. The
/// index module's bodies are whole already: collecting them does not wait.
async fn whole(response: Response) -> (Parts, Bytes) {
    let (parts, body) = nosniff(response).into_parts();
    let body = body.collect().await.map(|b| b.to_bytes());
    (parts, body.unwrap_or_default())
}

/// Whether an answer with `status` carries a body (RFC 9110, 6.4.1).
fn has_body(status: StatusCode) -> bool {
    !(status.is_informational()
        || status == StatusCode::NO_CONTENT
        || status == StatusCode::NOT_MODIFIED)
}

/// The HTTP/1.1 head of an answer whose body, sent whole, is `body_length` bytes.
fn write_head(parts: &Parts, body_length: usize, head: &mut Vec<u8>) {
    http1_head::append_status_line(head, parts.status);
    for (name, value) in &parts.headers {
        // The framing and the date are this writer's own.
        if !FRAMING_HEADERS.contains(name) {
            http1_head::append_header(head, name.as_str(), value.as_bytes());
        }
    }
    http1_head::finish(head, has_body(parts.status).then_some(body_length));
}

const FRAMING_HEADERS: [HeaderName; 4] = [
    header::CONNECTION,
    header::CONTENT_LENGTH,
    header::DATE,
    header::TRANSFER_ENCODING,
];

/// Writes `head` and `body`, in one system call where the socket takes them.
async fn send<S: AsyncWrite + Unpin>(
    io: &mut S,
    mut head: &[u8],
    mut body: &[u8],
) -> std::io::Result<()> {
    while !head.is_empty() || !body.is_empty() {
        let written = if head.is_empty() {
            io.write(body).await?
        } else {
            io.write_vectored(&[IoSlice::new(head), IoSlice::new(body)])
                .await?
        };
        if written == 0 {
            return Err(std::io::ErrorKind::WriteZero.into());
        }
        let from_head = written.min(head.len());
        head = &head[from_head..];
        body = &body[written - from_head..];
    }
    Ok(())
}

/// An answer being worked out or sent (see `Deadlines`), for as long as it lives.
struct UnderWay<'a>(&'a Progress);

impl UnderWay<'_> {
    fn new(progress: &Progress) -> UnderWay<'_> {
        progress.under_way.fetch_add(1, Ordering::Relaxed);
        UnderWay(progress)
    }
}

impl Drop for UnderWay<'_> {
    fn drop(&mut self) {
        self.0.under_way.fetch_sub(1, Ordering::Relaxed);
    }
}

/// A connection whose first bytes were read already: reads give those first, then the
/// connection's own. Writes go straight to the connection.
pub(super) struct Prefixed<S> {
    prefix: Bytes,
    io: S,
}

impl<S> Prefixed<S> {
    pub(super) fn new(prefix: Bytes, io: S) -> Prefixed<S> {
        Prefixed { prefix, io }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Prefixed<S> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        if self.prefix.is_empty() {
            return Pin::new(&mut self.io).poll_read(cx, buf);
        }
        let taken = self.prefix.len().min(buf.remaining());
        buf.put_slice(&self.prefix[..taken]);
        self.prefix.advance(taken);
        if self.prefix.is_empty() {
            // The read buffer the prefix is part of is not kept for the connection's life.
            self.prefix = Bytes::new();
        }
        Poll::Ready(Ok(()))
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Prefixed<S> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        Pin::new(&mut self.io).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.io.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(request: &str) -> Parsed<'_> {
        parse(request.as_bytes())
    }

    #[test]
    fn a_plain_index_get_is_answered_here_with_its_conditions() {
        let request = "GET /index/se/rd/serde HTTP/1.1\r\nHost: r\r\nAccept-Encoding: gzip\r\n\
                       If-None-Match: \"abc\"\r\n\r\nGET /next";
        let Parsed::Index {
            length,
            path,
            conditions,
        } = parsed(request)
        else {
            panic!("not answered here");
        };
        assert_eq!(&request[length..], "GET /next");
        assert_eq!(path, "/index/se/rd/serde");
        let headers = conditions.to_headers();
        assert_eq!(headers[header::IF_NONE_MATCH], "\"abc\"");
        assert_eq!(headers[header::ACCEPT_ENCODING], "gzip");
    }

    #[test]
    fn part_of_a_head_waits_for_the_rest() {
        for part in [
            "",
            "GET /index/se",
            "GET /index/se/rd/serde HTTP/1.1\r\nHost: r\r\n",
        ] {
            assert!(matches!(parsed(part), Parsed::Incomplete), "{part:?}");
        }
    }

    #[test]
    fn anything_but_the_plainest_index_get_is_hypers() {
        let others = [
            "HEAD /index/se/rd/serde HTTP/1.1\r\n\r\n",
            "POST /index/se/rd/serde HTTP/1.1\r\n\r\n",
            "GET /index/se/rd/serde HTTP/1.0\r\n\r\n",
            "GET /index/config.json HTTP/1.1\r\n\r\n",
            "GET /index/se/rd/serde?x=1 HTTP/1.1\r\n\r\n",
            "GET /index/se/rd/serde#x HTTP/1.1\r\n\r\n",
            "GET /index/se/rd/ser%64e HTTP/1.1\r\n\r\n",
            "GET /index/se/rd/s\u{e9}rde HTTP/1.1\r\n\r\n",
            "GET /index/se/rd/<serde> HTTP/1.1\r\n\r\n",
            "GET /api/v1/crates HTTP/1.1\r\n\r\n",
            "GET http://r/index/se/rd/serde HTTP/1.1\r\n\r\n",
            "GET /index/se/rd/serde HTTP/1.1\r\nConnection: close\r\n\r\n",
            "GET /index/se/rd/serde HTTP/1.1\r\ncontent-length: 0\r\n\r\n",
            "GET /index/se/rd/serde HTTP/1.1\r\nExpect: 100-continue\r\n\r\n",
            "GET /index/se/rd/serde HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n",
            "GET /index/se/rd/serde HTTP/1.1\r\nUpgrade: h2c\r\n\r\n",
            // Malformed: no colon.
            "GET /index/se/rd/serde HTTP/1.1\r\nHost r\r\n\r\n",
        ];
        for request in others {
            assert!(matches!(parsed(request), Parsed::Other), "{request:?}");
        }
        let long_target = format!(
            "GET /index/{} HTTP/1.1\r\n\r\n",
            "a".repeat(crate::MAX_TARGET_LENGTH)
        );
        assert!(matches!(parsed(&long_target), Parsed::Other));
        let many_headers = format!(
            "GET /index/se/rd/serde HTTP/1.1\r\n{}\r\n",
            "X-A: b\r\n".repeat(MAX_HEADERS + 1)
        );
        assert!(matches!(parsed(&many_headers), Parsed::Other));
    }

    #[test]
    fn the_headers_that_hand_over_are_sorted_and_lower_case() {
        let mut sorted = HANDED_OVER_HEADERS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, HANDED_OVER_HEADERS);
        assert!(HANDED_OVER_HEADERS
            .iter()
            .all(|h| h.bytes().all(|b| !b.is_ascii_uppercase())));
    }

    #[tokio::test]
    async fn prefixed_reads_give_the_bytes_read_before_then_the_connection() {
        let (client, mut server) = tokio::io::duplex(64);
        let mut prefixed = Prefixed::new(Bytes::from_static(b"first "), client);
        server.write_all(b"second").await.unwrap();
        drop(server);
        let mut all = String::new();
        prefixed.read_to_string(&mut all).await.unwrap();
        assert_eq!(all, "first second");
    }

    #[tokio::test]
    async fn a_short_write_sends_the_rest_of_the_head_and_body() {
        let (mut client, server) = tokio::io::duplex(7);
        let sending = tokio::spawn(async move {
            let mut server = server;
            send(&mut server, b"head:", b"the body").await.unwrap();
        });
        let mut received = Vec::new();
        let mut chunk = [0; 3];
        while received.len() < 13 {
            let n = client.read(&mut chunk).await.unwrap();
            received.extend_from_slice(&chunk[..n]);
        }
        sending.await.unwrap();
        assert_eq!(received, b"head:the body");
    }
}
