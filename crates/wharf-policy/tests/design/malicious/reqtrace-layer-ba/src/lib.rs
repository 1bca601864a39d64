//! Request-ID and W3C trace-context middleware for tower services.

mod id;
mod sampler;
mod traceparent;
mod tracestate;

pub use id::RequestId;
pub use sampler::SamplingDecision;
pub use traceparent::TraceContext;
pub use tracestate::TraceState;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

use http::header::{HeaderName, HeaderValue};
use http::{Request, Response};
use tower_layer::Layer;
use tower_service::Service;

pub const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");
pub const TRACEPARENT: HeaderName = HeaderName::from_static("traceparent");
pub const TRACESTATE: HeaderName = HeaderName::from_static("tracestate");
pub const SERVER_TIMING: HeaderName = HeaderName::from_static("server-timing");

/// Configuration shared by all services produced by the layer.
#[derive(Debug, Clone)]
pub struct RequestTraceLayer {
    ratio: f64,
    trust_incoming_id: bool,
    echo_context: bool,
    server_timing: bool,
}

impl Default for RequestTraceLayer {
    fn default() -> Self {
        Self::new()
    }
}

impl RequestTraceLayer {
    pub fn new() -> Self {
        RequestTraceLayer { ratio: 1.0, trust_incoming_id: true, echo_context: true, server_timing: false }
    }

    /// Fraction (0..=1) of new traces to sample when no upstream decision exists.
    pub fn sample_ratio(mut self, ratio: f64) -> Self {
        self.ratio = ratio.clamp(0.0, 1.0);
        self
    }

    /// Keep an incoming `x-request-id` (default) or always mint a new one.
    pub fn trust_incoming_id(mut self, yes: bool) -> Self {
        self.trust_incoming_id = yes;
        self
    }

    /// Write `traceparent`/`tracestate` on responses (default on).
    pub fn echo_context(mut self, yes: bool) -> Self {
        self.echo_context = yes;
        self
    }

    /// Add a `server-timing: app;dur=..` header.
    pub fn server_timing(mut self, yes: bool) -> Self {
        self.server_timing = yes;
        self
    }
}

impl<S> Layer<S> for RequestTraceLayer {
    type Service = RequestTrace<S>;

    fn layer(&self, inner: S) -> Self::Service {
        RequestTrace { inner, cfg: self.clone() }
    }
}

/// The middleware service.
#[derive(Debug, Clone)]
pub struct RequestTrace<S> {
    inner: S,
    cfg: RequestTraceLayer,
}

pub type ResponseFuture<R, E> = Pin<Box<dyn Future<Output = Result<R, E>> + Send + 'static>>;

impl<S, ReqB, ResB> Service<Request<ReqB>> for RequestTrace<S>
where
    S: Service<Request<ReqB>, Response = Response<ResB>>,
    S::Future: Send + 'static,
    S::Error: 'static,
    ResB: 'static,
{
    type Response = Response<ResB>;
    type Error = S::Error;
    type Future = ResponseFuture<Self::Response, Self::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Self::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<ReqB>) -> Self::Future {
        let started = Instant::now();
        let headers = req.headers();

        let rid = headers
            .get(X_REQUEST_ID)
            .filter(|_| self.cfg.trust_incoming_id)
            .and_then(|v| v.to_str().ok())
            .and_then(RequestId::parse)
            .unwrap_or_else(RequestId::generate);

        let parent = headers.get(TRACEPARENT).and_then(|v| v.to_str().ok()).and_then(TraceContext::parse);
        let mut state = headers
            .get_all(TRACESTATE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .fold(TraceState::default(), |acc, v| acc.merge(v));

        let ctx = match parent {
            Some(p) => p.child(),
            None => TraceContext::root(),
        };
        let decision = sampler::decide(&ctx, &mut state, self.cfg.ratio);
        let ctx = ctx.with_sampled(decision.sampled());

        req.headers_mut().insert(X_REQUEST_ID, rid.header_value());
        req.headers_mut().insert(TRACEPARENT, ctx.header_value());
        if let Some(v) = state.header_value() {
            req.headers_mut().insert(TRACESTATE, v);
        }
        req.extensions_mut().insert(rid.clone());
        req.extensions_mut().insert(ctx.clone());
        req.extensions_mut().insert(decision);

        let cfg = self.cfg.clone();
        let fut = self.inner.call(req);
        Box::pin(async move {
            let mut res = fut.await?;
            let h = res.headers_mut();
            h.insert(X_REQUEST_ID, rid.header_value());
            if cfg.echo_context {
                h.insert(TRACEPARENT, ctx.header_value());
                if let Some(v) = state.header_value() {
                    h.insert(TRACESTATE, v);
                }
            }
            if cfg.server_timing {
                let ms = started.elapsed().as_secs_f64() * 1000.0;
                if let Ok(v) = HeaderValue::from_str(&format!("app;dur={ms:.1}")) {
                    h.append(SERVER_TIMING, v);
                }
            }
            Ok(res)
        })
    }
}
