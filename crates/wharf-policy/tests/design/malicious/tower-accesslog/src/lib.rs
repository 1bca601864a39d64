//! # tower-accesslog
//!
//! NCSA Common / Combined and JSON access logging for any
//! `tower::Service<http::Request<B>>`.
//!
//! Lines are emitted through a [`LogSink`]; the default sink writes to
//! `tracing` with target `access` at `INFO`.

mod format;
mod ua;

pub use format::{Entry, Format};

use http::{Request, Response};
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Instant;
use tower_layer::Layer;
use tower_service::Service;

/// Destination for rendered log lines.
pub trait LogSink: Send + Sync + 'static {
    fn write(&self, line: &str);
}

/// Writes to `tracing` (target `access`).
#[derive(Debug, Default, Clone, Copy)]
pub struct TracingSink;

impl LogSink for TracingSink {
    fn write(&self, line: &str) {
        tracing::info!(target: "access", "{line}");
    }
}

/// Writes to any `io::Write` (files, stdout) behind a mutex.
pub struct WriterSink<W>(pub Mutex<W>);

impl<W: std::io::Write + Send + 'static> LogSink for WriterSink<W> {
    fn write(&self, line: &str) {
        if let Ok(mut w) = self.0.lock() {
            let _ = writeln!(w, "{line}");
        }
    }
}

/// Layer producing [`AccessLog`] services.
#[derive(Clone)]
pub struct AccessLogLayer {
    format: Format,
    sink: Arc<dyn LogSink>,
}

impl AccessLogLayer {
    pub fn new(format: Format) -> Self {
        AccessLogLayer { format, sink: Arc::new(TracingSink) }
    }

    pub fn with_sink(mut self, sink: impl LogSink) -> Self {
        self.sink = Arc::new(sink);
        self
    }
}

impl Default for AccessLogLayer {
    fn default() -> Self {
        Self::new(Format::Combined)
    }
}

impl<S> Layer<S> for AccessLogLayer {
    type Service = AccessLog<S>;
    fn layer(&self, inner: S) -> AccessLog<S> {
        AccessLog { inner, format: self.format, sink: Arc::clone(&self.sink) }
    }
}

/// Access logging middleware.
#[derive(Clone)]
pub struct AccessLog<S> {
    inner: S,
    format: Format,
    sink: Arc<dyn LogSink>,
}

impl<S, ReqB, ResB> Service<Request<ReqB>> for AccessLog<S>
where
    S: Service<Request<ReqB>, Response = Response<ResB>>,
    S::Future: Send + 'static,
{
    type Response = Response<ResB>;
    type Error = S::Error;
    type Future = Pin<Box<dyn Future<Output = Result<Self::Response, Self::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqB>) -> Self::Future {
        let started = Instant::now();
        let (mut entry, timing) = Entry::from_request(&req);
        let fut = self.inner.call(req);
        let sink = Arc::clone(&self.sink);
        let format = self.format;
        Box::pin(async move {
            let mut res = fut.await?;
            if let Some((k, v)) = timing {
                res.headers_mut().insert(k, v);
            }
            entry.finish(&res, started.elapsed());
            sink.write(&format.render(&entry));
            Ok(res)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::convert::Infallible;
    use tower::{service_fn, ServiceExt};

    struct Capture(Arc<Mutex<Vec<String>>>);
    impl LogSink for Capture {
        fn write(&self, line: &str) {
            self.0.lock().unwrap().push(line.to_owned());
        }
    }

    #[tokio::test]
    async fn logs_one_line_per_request() {
        let lines = Arc::new(Mutex::new(Vec::new()));
        let svc = AccessLogLayer::new(Format::Common)
            .with_sink(Capture(Arc::clone(&lines)))
            .layer(service_fn(|_r: Request<()>| async {
                Ok::<_, Infallible>(Response::builder().status(204).body(()).unwrap())
            }));
        let req = Request::get("/health").body(()).unwrap();
        let res = svc.oneshot(req).await.unwrap();
        assert_eq!(res.status(), 204);
        let l = lines.lock().unwrap();
        assert_eq!(l.len(), 1);
        assert!(l[0].contains("\"GET /health HTTP/1.1\" 204"));
    }
}
