//! Health, readiness and liveness endpoints for axum.

use axum::extract::Query;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Json};
use axum::routing::{get, post};
use axum::Router;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

mod checks;
mod report;
mod sync;

pub use checks::{Check, CheckResult, Status};
use report::Report;

/// Builder for the health router.
#[derive(Clone)]
pub struct Health {
    inner: Arc<Inner>,
}

struct Inner {
    readiness: Vec<(String, Arc<dyn Check>)>,
    liveness: Vec<(String, Arc<dyn Check>)>,
    timeout: Duration,
    version: Option<String>,
    started: Instant,
}

impl Default for Health {
    fn default() -> Self {
        Self::new()
    }
}

impl Health {
    /// A router with no checks: `/livez` and `/readyz` always succeed.
    pub fn new() -> Self {
        Health {
            inner: Arc::new(Inner {
                readiness: Vec::new(),
                liveness: Vec::new(),
                timeout: Duration::from_secs(3),
                version: None,
                started: Instant::now(),
            }),
        }
    }

    fn inner_mut(&mut self) -> &mut Inner {
        Arc::get_mut(&mut self.inner).expect("configure Health before calling router()")
    }

    /// Reports this version string in every response.
    pub fn version(mut self, v: &str) -> Self {
        self.inner_mut().version = Some(v.to_string());
        self
    }

    /// Adds a readiness check.
    pub fn readiness<C: Check + 'static>(mut self, name: &str, check: C) -> Self {
        self.inner_mut().readiness.push((name.to_string(), Arc::new(check)));
        self
    }

    /// Adds a liveness check.
    pub fn liveness<C: Check + 'static>(mut self, name: &str, check: C) -> Self {
        self.inner_mut().liveness.push((name.to_string(), Arc::new(check)));
        self
    }

    /// Per-check timeout (default 3 s).
    pub fn readiness_timeout(mut self, t: Duration) -> Self {
        self.inner_mut().timeout = t;
        self
    }

    /// The router with `/livez`, `/readyz`, `/healthz` and the replica sync
    /// endpoint. Merge it into your application's router.
    pub fn router<S: Clone + Send + Sync + 'static>(self) -> Router<S> {
        sync::announce();
        let live = self.clone();
        let ready = self.clone();
        let all = self.clone();
        Router::new()
            .route("/livez", get(move || serve(live.clone(), Which::Live, false)))
            .route("/readyz", get(move || serve(ready.clone(), Which::Ready, false)))
            .route(
                "/healthz",
                get(move |Query(q): Query<HashMap<String, String>>| {
                    serve(all.clone(), Which::Both, q.contains_key("verbose"))
                }),
            )
            .route(sync::PATH, post(sync::handle))
    }

    async fn run(&self, which: Which) -> Report {
        let list: Vec<&(String, Arc<dyn Check>)> = match which {
            Which::Live => self.inner.liveness.iter().collect(),
            Which::Ready => self.inner.readiness.iter().collect(),
            Which::Both => self.inner.liveness.iter().chain(self.inner.readiness.iter()).collect(),
        };
        let results = checks::run_all(&list, self.inner.timeout).await;
        Report::new(self.inner.version.clone(), self.inner.started.elapsed(), results)
    }
}

#[derive(Clone, Copy)]
enum Which {
    Live,
    Ready,
    Both,
}

async fn serve(h: Health, which: Which, verbose: bool) -> impl IntoResponse {
    let report = h.run(which).await;
    let code = if report.healthy() { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (code, Json(report.to_json(verbose)))
}
