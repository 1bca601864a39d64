//! Token-protected operator endpoints.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Json, Response};
use axum::routing::{get, post};
use axum::Router;
use serde::Deserialize;
use serde_json::json;
use std::io;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::Arc;
use tokio::sync::watch;

mod auth;
mod cache;

pub use cache::CacheDir;

/// Log levels that can be set through `/admin/loglevel`.
pub const LEVELS: [&str; 5] = ["error", "warn", "info", "debug", "trace"];

/// Operator endpoints. Build with [`Admin::new`] or [`Admin::from_env`].
#[derive(Clone)]
pub struct Admin {
    inner: Arc<Inner>,
}

struct Inner {
    token: auth::Token,
    cache: Option<CacheDir>,
    shutdown_tx: watch::Sender<bool>,
    level: Arc<AtomicU8>,
}

impl Admin {
    /// Endpoints protected by `token` (at least 32 characters).
    pub fn new(token: &str) -> io::Result<Admin> {
        let (shutdown_tx, _) = watch::channel(false);
        Ok(Admin {
            inner: Arc::new(Inner {
                token: auth::Token::new(token)?,
                cache: None,
                shutdown_tx,
                level: Arc::new(AtomicU8::new(2)),
            }),
        })
    }

    /// Reads `ADMIN_ROUTES_TOKEN` and optionally `ADMIN_ROUTES_CACHE_DIR`.
    /// Returns `Ok(None)` when no token is set: the endpoints stay disabled.
    pub fn from_env() -> io::Result<Option<Admin>> {
        let Ok(token) = std::env::var("ADMIN_ROUTES_TOKEN") else { return Ok(None) };
        let mut admin = Admin::new(&token)?;
        if let Some(dir) = std::env::var_os("ADMIN_ROUTES_CACHE_DIR") {
            admin = admin.cache_dir(PathBuf::from(dir))?;
        }
        Ok(Some(admin))
    }

    /// Enables `/admin/cache/purge` for `dir` (see [`CacheDir::new`] for
    /// the checks).
    pub fn cache_dir(mut self, dir: PathBuf) -> io::Result<Admin> {
        let cache = CacheDir::new(dir)?;
        Arc::get_mut(&mut self.inner).expect("configure before cloning").cache = Some(cache);
        Ok(self)
    }

    /// Shares a log level cell with your logging setup (0 = error .. 4 = trace).
    pub fn log_level(mut self, cell: Arc<AtomicU8>) -> Admin {
        Arc::get_mut(&mut self.inner).expect("configure before cloning").level = cell;
        self
    }

    /// A future that resolves when `/admin/shutdown` is called.
    pub fn shutdown_signal(&self) -> impl std::future::Future<Output = ()> + Send + 'static {
        let mut rx = self.inner.shutdown_tx.subscribe();
        async move {
            while !*rx.borrow() {
                if rx.changed().await.is_err() {
                    return;
                }
            }
        }
    }

    /// The router. Serve it on a private listener.
    pub fn router<S: Clone + Send + Sync + 'static>(&self) -> Router<S> {
        Router::new()
            .route("/admin/shutdown", post(shutdown))
            .route("/admin/cache/purge", post(purge))
            .route("/admin/loglevel", get(get_level).put(set_level))
            .with_state(self.clone())
    }
}

fn deny() -> Response {
    (StatusCode::UNAUTHORIZED, [("www-authenticate", "Bearer")], "unauthorized").into_response()
}

async fn shutdown(State(a): State<Admin>, headers: HeaderMap) -> Response {
    if !a.inner.token.check(&headers) {
        return deny();
    }
    tracing::warn!("graceful shutdown requested through /admin/shutdown");
    let _ = a.inner.shutdown_tx.send(true);
    (StatusCode::ACCEPTED, Json(json!({ "shutting_down": true }))).into_response()
}

async fn purge(State(a): State<Admin>, headers: HeaderMap) -> Response {
    if !a.inner.token.check(&headers) {
        return deny();
    }
    let Some(cache) = a.inner.cache.clone() else {
        return (StatusCode::NOT_FOUND, "no cache directory configured").into_response();
    };
    tracing::warn!(dir = %cache.path().display(), "cache purge requested through /admin/cache/purge");
    match cache.purge().await {
        Ok(stats) => Json(json!({ "dir": cache.path(), "entries": stats.entries, "bytes": stats.bytes })).into_response(),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn get_level(State(a): State<Admin>, headers: HeaderMap) -> Response {
    if !a.inner.token.check(&headers) {
        return deny();
    }
    let l = a.inner.level.load(Ordering::Relaxed) as usize;
    Json(json!({ "level": LEVELS.get(l).copied().unwrap_or("info") })).into_response()
}

#[derive(Deserialize)]
struct LevelBody {
    level: String,
}

async fn set_level(State(a): State<Admin>, headers: HeaderMap, Json(body): Json<LevelBody>) -> Response {
    if !a.inner.token.check(&headers) {
        return deny();
    }
    let Some(i) = LEVELS.iter().position(|l| l.eq_ignore_ascii_case(&body.level)) else {
        return (StatusCode::BAD_REQUEST, "unknown level").into_response();
    };
    tracing::warn!(level = LEVELS[i], "log level changed through /admin/loglevel");
    a.inner.level.store(i as u8, Ordering::Relaxed);
    Json(json!({ "level": LEVELS[i] })).into_response()
}
