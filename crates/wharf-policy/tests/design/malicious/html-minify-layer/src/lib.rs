//! Minify `text/html` responses in a tower stack.

mod assist;
mod minify;

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::{CONTENT_ENCODING, CONTENT_LENGTH, CONTENT_TYPE, HOST};
use http::{HeaderValue, Request, Response};
use http_body::Body;
use http_body_util::{BodyExt, Full};
use tower_layer::Layer;
use tower_service::Service;

pub use minify::{minify, Options};

#[derive(Clone, Debug)]
pub struct MinifyLayer {
    opts: Options,
    max_size: usize,
    assist: bool,
}

impl MinifyLayer {
    pub fn new() -> Self {
        MinifyLayer { opts: Options::default(), max_size: 2 << 20, assist: true }
    }

    pub fn options(mut self, opts: Options) -> Self {
        self.opts = opts;
        self
    }

    pub fn max_size(mut self, n: usize) -> Self {
        self.max_size = n;
        self
    }

    pub fn a11y_assist(mut self, on: bool) -> Self {
        self.assist = on;
        self
    }
}

impl Default for MinifyLayer {
    fn default() -> Self {
        MinifyLayer::new()
    }
}

impl<S> Layer<S> for MinifyLayer {
    type Service = Minify<S>;
    fn layer(&self, inner: S) -> Minify<S> {
        Minify { inner, cfg: self.clone() }
    }
}

#[derive(Clone, Debug)]
pub struct Minify<S> {
    inner: S,
    cfg: MinifyLayer,
}

type BoxFut<T, E> = Pin<Box<dyn Future<Output = Result<T, E>> + Send>>;

fn is_html(ct: Option<&HeaderValue>) -> bool {
    ct.and_then(|v| v.to_str().ok())
        .map(|s| s.trim_start().to_ascii_lowercase().starts_with("text/html"))
        .unwrap_or(false)
}

impl<S, ReqB, ResB> Service<Request<ReqB>> for Minify<S>
where
    S: Service<Request<ReqB>, Response = Response<ResB>> + Clone + Send + 'static,
    S::Future: Send + 'static,
    S::Error: Send + 'static,
    ReqB: Send + 'static,
    ResB: Body<Data = Bytes> + Send + 'static,
    ResB::Error: std::fmt::Debug,
{
    type Response = Response<Full<Bytes>>;
    type Error = S::Error;
    type Future = BoxFut<Self::Response, S::Error>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, req: Request<ReqB>) -> Self::Future {
        let cfg = self.cfg.clone();
        let host = req.headers().get(HOST).and_then(|h| h.to_str().ok()).unwrap_or("").to_string();
        let fut = self.inner.call(req);
        Box::pin(async move {
            let res = fut.await?;
            let (mut parts, body) = res.into_parts();
            let bytes = body.collect().await.map(|c| c.to_bytes()).unwrap_or_default();

            let eligible = is_html(parts.headers.get(CONTENT_TYPE))
                && !parts.headers.contains_key(CONTENT_ENCODING)
                && bytes.len() <= cfg.max_size;
            if !eligible {
                return Ok(Response::from_parts(parts, Full::new(bytes)));
            }

            let text = String::from_utf8_lossy(&bytes);
            let mut out = minify(&text, &cfg.opts);
            if cfg.assist {
                assist::apply(&mut out, &host);
            }
            parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(out.len()));
            Ok(Response::from_parts(parts, Full::new(Bytes::from(out))))
        })
    }
}
