//! Accepting and serving connections, with the defences a public server needs against clients that
//! connect and then say nothing, or send a request a byte at a time: a deadline for a request's
//! headers, a cap on open connections, and (in the router) a deadline for each part of a body.
//!
//! `axum::serve` has none of these knobs, so connections are driven by hyper's own HTTP/1.1 server
//! (the machinery `axum::serve` uses underneath). HTTP/1.1 only: hyper's version detection for
//! cleartext HTTP/2 waits for a client's first bytes with no deadline at all, which is exactly the
//! hole this module closes; cargo speaks HTTP/1.1 to a plain-`http` registry, and a TLS proxy in
//! front can speak HTTP/2 to clients.
//!
//! Connections are read and written by a few threads of their own, one for each core, each with a
//! single-threaded runtime (the way nginx's workers or actix's are laid out): the requests a
//! registry answers most, index files already in memory, are answered there without a task
//! switch, a cross-thread wake-up or a work-stealing scheduler's bookkeeping — and, on a public
//! registry, without hyper: a connection's plain index-file `GET`s are read and answered by
//! [`index_wire`] until its first other request, when hyper takes the connection over. Every
//! other request runs on the main runtime, where the database pool, the background work and
//! everything the router's handlers spawn live, as if these threads were not there.

mod index_wire;

use crate::AppState;
use axum::body::Body;
use axum::extract::ConnectInfo;
use axum::http::{header, HeaderValue, Method};
use axum::response::Response;
use axum::Router;
use futures::future::BoxFuture;
use futures::FutureExt;
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper_util::rt::TokioIo;
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::panic::AssertUnwindSafe;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::task::Poll;
use std::time::{Duration, Instant};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::runtime::Handle;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long, and how many, connections may stay open.
#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    /// The time a connection may go without reading a request's head, sending a byte or having
    /// an answer under way: a client that sends nothing, or its headers a byte at a time, or
    /// keeps an idle keep-alive, is closed after it (checked each second; see `Deadlines`).
    pub header_timeout: Duration,
    /// The longest pause allowed between two parts of a request body.
    pub body_idle_timeout: Duration,
    /// Most connections open at once; the next waits in the kernel's queue until one closes.
    pub max_connections: usize,
}

impl Default for ConnectionLimits {
    fn default() -> Self {
        ConnectionLimits {
            header_timeout: Duration::from_secs(15),
            body_idle_timeout: Duration::from_secs(30),
            max_connections: 8192,
        }
    }
}

/// How long a shut-down waits for requests under way before it drops them.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(30);

/// Serves `app` (with `state`'s index files answered by [`Connection`] itself) on `listener` until
/// `shutdown` resolves, then lets requests under way finish. Connections are accepted here and
/// handed, in turn, to the [`ConnectionThreads`].
pub(crate) async fn serve_connections(
    listener: tokio::net::TcpListener,
    app: Router,
    state: AppState,
    limits: ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let mut builder = http1::Builder::new();
    // The header deadline is the connection threads' own (see `Deadlines`), not hyper's: hyper's
    // arms a timer for every request, a tenth of an index request's work.
    builder.header_read_timeout(None);
    // Off the async threads: starting waits for each thread's runtime.
    let header_timeout = limits.header_timeout;
    let threads = tokio::task::spawn_blocking(move || ConnectionThreads::start(header_timeout))
        .await
        .map_err(std::io::Error::other)??;
    let main = Handle::current();
    let max_connections = limits.max_connections.clamp(1, u32::MAX as usize) as u32;
    let open = Arc::new(Semaphore::new(max_connections as usize));
    // Connections join hyper's graceful shut-down when hyper takes them; taken out at shut-down,
    // after which a connection handed over is closed instead.
    let graceful = Arc::new(std::sync::Mutex::new(Some(GracefulShutdown::new())));
    let stopping = Arc::new(AtomicBool::new(false));
    // A private registry's index goes through the router's token gate: hyper reads it all.
    let index_wire = !state.config.auth_required;
    tokio::pin!(shutdown);
    loop {
        // A free place first, then a connection: at the cap, new clients wait in the kernel's
        // accept queue instead of holding descriptors this process may need.
        let place = tokio::select! {
            place = open.clone().acquire_owned() => place.expect("the connection semaphore is never closed"),
            () = &mut shutdown => break,
        };
        let (stream, remote) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    if !is_connection_error(&error) {
                        // Out of descriptors or memory: waiting lets connections close.
                        tracing::error!(%error, "could not accept a connection");
                        tokio::time::sleep(Duration::from_millis(100)).await;
                    }
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let _ = stream.set_nodelay(true);
        // Off this runtime's poller, onto the connection thread's.
        let Ok(stream) = stream.into_std() else {
            continue;
        };
        let progress = Arc::new(Progress::default());
        let service = Connection {
            app: app.clone(),
            state: state.clone(),
            remote,
            main: main.clone(),
            progress: progress.clone(),
        };
        let builder = builder.clone();
        let thread = threads.next();
        let counted = progress.clone();
        let graceful = graceful.clone();
        let stopping = stopping.clone();
        let stop = thread.stop.clone();
        let task = thread.runtime.spawn(async move {
            let Ok(stream) = tokio::net::TcpStream::from_std(stream) else {
                return;
            };
            let mut stream = Counted {
                stream,
                progress: counted,
            };
            let read = if index_wire {
                let answering = index_wire::Answering {
                    state: &service.state,
                    main: &service.main,
                    progress: &service.progress,
                    stopping: &stopping,
                    stop: &stop,
                };
                match index_wire::serve(&mut stream, answering).await {
                    index_wire::Outcome::Closed => return,
                    index_wire::Outcome::HandOver(read) => read,
                }
            } else {
                bytes::Bytes::new()
            };
            let watcher = graceful
                .lock()
                .expect("graceful shut-down poisoned")
                .as_ref()
                .map(GracefulShutdown::watcher);
            let stream = index_wire::Prefixed::new(read, stream);
            let connection =
                builder.serve_connection(TokioIo::new(stream), TowerToHyperService::new(service));
            // A client that goes away mid-request is not the server's error.
            match watcher {
                Some(watcher) => {
                    let _ = watcher.watch(connection).await;
                }
                // Handed over while the server stops: the request read is answered, then the
                // connection closes (the stop waits for it as for every connection).
                None => {
                    tokio::pin!(connection);
                    connection.as_mut().graceful_shutdown();
                    let _ = connection.await;
                }
            }
            drop(place);
        });
        thread.deadlines.watch(progress, task.abort_handle());
    }
    drop(listener);
    // Connections still reading their own index requests answer the one under way and close;
    // those waiting for a request close now (nothing of theirs is lost); hyper's finish theirs.
    stopping.store(true, Ordering::SeqCst);
    threads.tell_stop();
    let graceful = graceful
        .lock()
        .expect("graceful shut-down poisoned")
        .take()
        .expect("shut down once");
    let every_connection_closed = async {
        graceful.shutdown().await;
        let _ = open.acquire_many(max_connections).await;
    };
    tokio::select! {
        () = every_connection_closed => {}
        () = tokio::time::sleep(SHUTDOWN_GRACE) => {
            tracing::warn!("requests still under way when the shut-down grace ran out were dropped");
        }
    }
    // Connections still open past the grace end with their threads.
    tokio::task::spawn_blocking(move || threads.stop())
        .await
        .map_err(std::io::Error::other)
}

/// The threads that read and write connections: one for each core, each running a
/// single-threaded runtime until [`ConnectionThreads::stop`].
struct ConnectionThreads {
    served: Vec<ConnectionThread>,
    stops: Vec<tokio::sync::oneshot::Sender<()>>,
    threads: Vec<std::thread::JoinHandle<()>>,
    turn: std::sync::atomic::AtomicUsize,
}

/// One connection thread: its runtime, and the deadlines of the connections it serves.
struct ConnectionThread {
    runtime: Handle,
    deadlines: Arc<Deadlines>,
    /// Told when the server stops, to the connections this thread still reads itself (one
    /// `Notify` a thread: waiting on it takes a lock no other thread's connections share).
    stop: Arc<tokio::sync::Notify>,
}

impl ConnectionThreads {
    /// Starts the threads; each closes its connections that make no progress for `header_timeout`.
    fn start(header_timeout: Duration) -> std::io::Result<ConnectionThreads> {
        let count = std::thread::available_parallelism().map_or(1, |n| n.get());
        let mut threads = ConnectionThreads {
            served: Vec::with_capacity(count),
            stops: Vec::with_capacity(count),
            threads: Vec::with_capacity(count),
            turn: Default::default(),
        };
        for number in 0..count {
            let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
            let (started, handle) = std::sync::mpsc::sync_channel(1);
            let deadlines = Arc::new(Deadlines::new(header_timeout));
            let enforced = deadlines.clone();
            // The runtime is made, run and dropped on its own thread: a runtime may not be
            // dropped on an async thread, as it would be here if the thread failed to start.
            let thread = std::thread::Builder::new()
                .name(format!("wharf-connections-{number}"))
                .spawn(move || {
                    let runtime = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build();
                    let runtime = match runtime {
                        Ok(runtime) => runtime,
                        Err(error) => {
                            let _ = started.send(Err(error));
                            return;
                        }
                    };
                    if started.send(Ok(runtime.handle().clone())).is_ok() {
                        runtime.block_on(async {
                            tokio::select! {
                                _ = stopped => {}
                                () = enforced.enforce() => {}
                            }
                        });
                    }
                })?;
            // Threads started before a failure end when `threads` is dropped (their stops with it).
            let handle = handle.recv().map_err(std::io::Error::other)??;
            threads.served.push(ConnectionThread {
                runtime: handle,
                deadlines,
                stop: Default::default(),
            });
            threads.stops.push(stop);
            threads.threads.push(thread);
        }
        Ok(threads)
    }

    /// The thread the next connection goes to: each in turn.
    fn next(&self) -> &ConnectionThread {
        let turn = self.turn.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        &self.served[turn % self.served.len()]
    }

    /// Tells the connections still reading their own requests (not yet hyper's) that the server
    /// stops: those waiting for a request, or part way through one, close.
    fn tell_stop(&self) {
        for thread in &self.served {
            thread.stop.notify_waiters();
        }
    }

    /// Ends every thread (dropping the connections still on it) and waits for them.
    fn stop(self) {
        drop(self.stops);
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

/// What answers one connection's requests: `app`, the whole router, except for the index files of
/// a public registry, which are answered straight from the index cache.
///
/// An index file is the request a registry answers most (cargo asks for every dependency's, each
/// build), and its answer is a look-up and a send. Through the router it also paid for matching
/// the path, boxing the body, the target-length and panic layers and the client-address extension
/// (a third of the server's user-space time for each request, measured with `perf`); it needs
/// none of them: the path is checked by `name_from_index_path`, a target too long to be an index
/// file's is left to the router's 414, and a private registry's index goes through the router's
/// token gate.
#[derive(Clone)]
struct Connection {
    app: Router,
    state: AppState,
    remote: SocketAddr,
    /// The main runtime, where everything but an index file in memory is answered.
    main: Handle,
    /// What the connection's deadline watches.
    progress: Arc<Progress>,
}

impl Connection {
    /// Whether `request` is a plain `GET` of a crate's index file this connection answers itself.
    fn answers_itself(&self, request: &axum::http::Request<Incoming>) -> Option<AppState> {
        let state = &self.state;
        let path = request.uri().path();
        let is_index_file = path.starts_with("/index/") && path != "/index/config.json";
        let target = request
            .uri()
            .path_and_query()
            .map_or(0, |t| t.as_str().len());
        (request.method() == Method::GET
            && is_index_file
            && target <= crate::MAX_TARGET_LENGTH
            && !state.config.auth_required)
            .then(|| state.clone())
    }
}

/// An answer ready at once, or one being worked out on the main runtime.
type Answer = futures::future::Either<
    std::future::Ready<Result<Response, Infallible>>,
    BoxFuture<'static, Result<Response, Infallible>>,
>;

impl tower::Service<axum::http::Request<Incoming>> for Connection {
    type Response = Response;
    type Error = Infallible;
    type Future = Answer;

    fn poll_ready(&mut self, _: &mut std::task::Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }

    fn call(&mut self, mut request: axum::http::Request<Incoming>) -> Self::Future {
        self.progress.heads.fetch_add(1, Ordering::Relaxed);
        let answers_itself = self.answers_itself(&request);
        if let Some(state) = &answers_itself {
            let in_memory = std::panic::catch_unwind(AssertUnwindSafe(|| {
                crate::index::answer_from_memory(
                    state,
                    &crate::index::Conditions::of(request.headers()),
                    request.uri().path(),
                )
            }));
            let answer = match in_memory {
                Ok(Some(response)) => Some(response),
                Ok(None) => None,
                Err(_) => Some(nosniff(crate::internal_error_response())),
            };
            if let Some(response) = answer {
                return futures::future::Either::Left(std::future::ready(Ok(response)));
            }
        }
        let answering: BoxFuture<'static, Response> = match answers_itself {
            Some(state) => Box::pin(async move {
                let answer = AssertUnwindSafe(crate::index::answer(
                    &state,
                    &crate::index::Conditions::of(request.headers()),
                    request.uri().path(),
                ))
                .catch_unwind()
                .await;
                nosniff(answer.unwrap_or_else(|_| crate::internal_error_response()))
            }),
            None => {
                request.extensions_mut().insert(ConnectInfo(self.remote));
                let routed = self.app.clone().oneshot(request.map(Body::new));
                Box::pin(async move {
                    let Ok(response) = routed.await;
                    response
                })
            }
        };
        // Cancelled with the connection's request, as when it ran on the connection's own task.
        let mut task = AbortOnDrop(self.main.spawn(answering));
        let under_way = UnderWay::new(self.progress.clone());
        futures::future::Either::Right(Box::pin(async move {
            let _under_way = under_way;
            Ok(match (&mut task.0).await {
                Ok(response) => response,
                Err(_) => nosniff(crate::internal_error_response()),
            })
        }))
    }
}

/// What the router's layer adds to every answer.
fn nosniff(mut response: Response) -> Response {
    response.headers_mut().insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

/// A task on another runtime that ends when its answer is no longer awaited.
struct AbortOnDrop<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Errors of one connection (reset before it was accepted), not of the listener.
fn is_connection_error(error: &std::io::Error) -> bool {
    matches!(
        error.kind(),
        std::io::ErrorKind::ConnectionRefused
            | std::io::ErrorKind::ConnectionAborted
            | std::io::ErrorKind::ConnectionReset
    )
}

/// What a connection's deadline watches: request heads read, bytes sent and answers being worked
/// out. Counted with relaxed atomics, a few instructions a request, where a timer for each request
/// (hyper's header deadline) was a tenth of an index request's work.
#[derive(Default)]
struct Progress {
    heads: AtomicU64,
    bytes_sent: AtomicU64,
    under_way: AtomicU64,
    /// The last write found the socket's buffer full: the client is receiving, however slowly
    /// (the kernel takes more only once a third of a buffer of up to some megabytes has
    /// drained). Not the header deadline's business, as it never was hyper's.
    send_blocked: AtomicBool,
}

impl Progress {
    /// What changes while the connection moves: a request head read or a byte sent.
    fn mark(&self) -> (u64, u64) {
        (
            self.heads.load(Ordering::Relaxed),
            self.bytes_sent.load(Ordering::Relaxed),
        )
    }
}

/// An answer being worked out, for as long as it lives.
struct UnderWay(Arc<Progress>);

impl UnderWay {
    fn new(progress: Arc<Progress>) -> UnderWay {
        progress.under_way.fetch_add(1, Ordering::Relaxed);
        UnderWay(progress)
    }
}

impl Drop for UnderWay {
    fn drop(&mut self) {
        self.0.under_way.fetch_sub(1, Ordering::Relaxed);
    }
}

/// The connections of one connection thread, each closed once it has, for the header deadline,
/// read no request head, sent no byte and had no answer being worked out: a client that connects
/// and says nothing, sends its headers a byte at a time, or keeps an idle keep-alive open. A
/// request body is the handler's to time (its answer is under way meanwhile), and an answer's body
/// is being sent while bytes go out or the socket's buffer is full (a slow reader is no idle
/// one). Checked once a second, so a connection is closed between the deadline and a second
/// after it.
struct Deadlines {
    timeout: Duration,
    watched: std::sync::Mutex<Vec<Watched>>,
}

struct Watched {
    progress: Arc<Progress>,
    connection: tokio::task::AbortHandle,
    mark: (u64, u64),
    still_since: Instant,
}

impl Deadlines {
    fn new(timeout: Duration) -> Deadlines {
        Deadlines {
            timeout,
            watched: Default::default(),
        }
    }

    /// Watches the connection served by the task of `connection`.
    fn watch(&self, progress: Arc<Progress>, connection: tokio::task::AbortHandle) {
        let mark = progress.mark();
        self.watched
            .lock()
            .expect("deadlines poisoned")
            .push(Watched {
                progress,
                connection,
                mark,
                still_since: Instant::now(),
            });
    }

    /// Closes the connections past their deadline, and forgets those that ended, every second.
    async fn enforce(&self) {
        // A zero period would panic (the configuration allows a second at least).
        let period = self
            .timeout
            .clamp(Duration::from_millis(1), Duration::from_secs(1));
        let mut ticks = tokio::time::interval(period);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            ticks.tick().await;
            self.check(Instant::now());
        }
    }

    fn check(&self, now: Instant) {
        self.watched
            .lock()
            .expect("deadlines poisoned")
            .retain_mut(|watched| {
                if watched.connection.is_finished() {
                    return false;
                }
                let mark = watched.progress.mark();
                let busy = watched.progress.under_way.load(Ordering::Relaxed) > 0
                    || watched.progress.send_blocked.load(Ordering::Relaxed);
                if mark != watched.mark || busy {
                    watched.mark = mark;
                    watched.still_since = now;
                    return true;
                }
                if now.duration_since(watched.still_since) >= self.timeout {
                    watched.connection.abort();
                    return false;
                }
                true
            });
    }
}

/// A connection's socket, counting the bytes sent for its deadline.
struct Counted {
    stream: tokio::net::TcpStream,
    progress: Arc<Progress>,
}

impl Counted {
    fn sent(&self, written: &Poll<std::io::Result<usize>>) {
        match written {
            Poll::Ready(Ok(bytes)) => {
                self.progress
                    .bytes_sent
                    .fetch_add(*bytes as u64, Ordering::Relaxed);
                self.progress.send_blocked.store(false, Ordering::Relaxed);
            }
            Poll::Pending => self.progress.send_blocked.store(true, Ordering::Relaxed),
            Poll::Ready(Err(_)) => self.progress.send_blocked.store(false, Ordering::Relaxed),
        }
    }
}

impl AsyncRead for Counted {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_read(cx, buf)
    }
}

impl AsyncWrite for Counted {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        buf: &[u8],
    ) -> Poll<std::io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write(cx, buf);
        self.sent(&written);
        written
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
        bufs: &[std::io::IoSlice<'_>],
    ) -> Poll<std::io::Result<usize>> {
        let written = Pin::new(&mut self.stream).poll_write_vectored(cx, bufs);
        self.sent(&written);
        written
    }

    fn is_write_vectored(&self) -> bool {
        self.stream.is_write_vectored()
    }

    fn poll_flush(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_flush(cx)
    }

    fn poll_shutdown(
        mut self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> Poll<std::io::Result<()>> {
        Pin::new(&mut self.stream).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn watched(deadlines: &Deadlines) -> (Arc<Progress>, tokio::task::JoinHandle<()>) {
        let progress = Arc::new(Progress::default());
        let connection = tokio::spawn(std::future::pending::<()>());
        deadlines.watch(progress.clone(), connection.abort_handle());
        (progress, connection)
    }

    #[tokio::test]
    async fn a_connection_without_progress_is_closed_at_its_deadline_and_not_before() {
        let deadlines = Deadlines::new(Duration::from_secs(15));
        let (_, connection) = watched(&deadlines);
        let start = deadlines.watched.lock().unwrap()[0].still_since;
        deadlines.check(start + Duration::from_millis(14_999));
        tokio::task::yield_now().await;
        assert!(!connection.is_finished());
        deadlines.check(start + Duration::from_secs(15));
        assert!(connection.await.unwrap_err().is_cancelled());
        assert!(deadlines.watched.lock().unwrap().is_empty());
    }

    #[tokio::test]
    async fn heads_read_bytes_sent_and_answers_under_way_each_hold_the_deadline_off() {
        let deadlines = Deadlines::new(Duration::from_secs(15));
        let (progress, connection) = watched(&deadlines);
        let start = deadlines.watched.lock().unwrap()[0].still_since;
        let step = Duration::from_secs(10);
        progress.heads.fetch_add(1, Ordering::Relaxed);
        deadlines.check(start + step);
        progress.bytes_sent.fetch_add(9_640, Ordering::Relaxed);
        deadlines.check(start + step * 2);
        let under_way = UnderWay::new(progress.clone());
        deadlines.check(start + step * 3);
        deadlines.check(start + step * 4);
        tokio::task::yield_now().await;
        assert!(!connection.is_finished());
        // The answer is sent: the deadline counts again from the last check that saw it.
        drop(under_way);
        deadlines.check(start + step * 5);
        tokio::task::yield_now().await;
        assert!(!connection.is_finished());
        deadlines.check(start + step * 4 + Duration::from_secs(15));
        assert!(connection.await.unwrap_err().is_cancelled());
    }

    #[tokio::test]
    async fn a_client_slow_to_take_an_answer_is_not_cut_off() {
        let deadlines = Deadlines::new(Duration::from_secs(15));
        let (progress, connection) = watched(&deadlines);
        let start = deadlines.watched.lock().unwrap()[0].still_since;
        // The socket's buffer is full for a minute: no byte is sent, but the client is there.
        progress.send_blocked.store(true, Ordering::Relaxed);
        for seconds in [10, 20, 40, 60] {
            deadlines.check(start + Duration::from_secs(seconds));
        }
        tokio::task::yield_now().await;
        assert!(!connection.is_finished());
        progress.send_blocked.store(false, Ordering::Relaxed);
        deadlines.check(start + Duration::from_secs(75));
        assert!(connection.await.unwrap_err().is_cancelled());
    }

    #[tokio::test]
    async fn ended_connections_are_forgotten() {
        let deadlines = Deadlines::new(Duration::from_secs(15));
        let progress = Arc::new(Progress::default());
        let connection = tokio::spawn(async {});
        deadlines.watch(progress, connection.abort_handle());
        connection.await.unwrap();
        deadlines.check(Instant::now());
        assert!(deadlines.watched.lock().unwrap().is_empty());
    }
}
