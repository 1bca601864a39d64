//! Prometheus metrics: what operators graph and alert on. Requests by route and status with their
//! latency, publishes by verdict, downloads, index-cache hits, the mail queue and the database pool.
//!
//! Counters and histograms are recorded where things happen, through the `metrics` facade; gauges
//! that describe state (queue depth, pool) are read when `/metrics` is scraped, so they cost
//! nothing in between. The text is rendered by `metrics-exporter-prometheus`.

use crate::error::ApiError;
use crate::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use metrics::Counter;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use std::sync::{LazyLock, OnceLock};
use std::time::Instant;

/// The process's recorder. `metrics` allows one per process; servers started in one process (as
/// some tests do) share it.
static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();

/// Installs the recorder on first use and returns the handle that renders it.
pub fn handle() -> &'static PrometheusHandle {
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new()
            // Seconds, from a cached index file (sub-millisecond) to a large publish.
            .set_buckets(&[
                0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0,
                10.0,
            ])
            .expect("the bucket list is not empty")
            .build_recorder();
        let handle = recorder.handle();
        // Another recorder is only installed by a test harness that wants its own: keep it.
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

/// How often recorded histogram samples are folded into their buckets. Until then the exporter
/// keeps each sample, so without this a busy server that is never scraped would grow.
pub const UPKEEP_INTERVAL: std::time::Duration = std::time::Duration::from_secs(5);

/// The index is the hot path (a cached file served in a few microseconds): its responses are
/// counted through handles registered once, each an atomic add, rather than through [`track`],
/// which builds labels and times every request.
pub(crate) fn count_index_response(status: StatusCode) {
    static BY_STATUS: LazyLock<[Counter; 3]> = LazyLock::new(|| {
        ["200", "304", "404"].map(|status| {
            metrics::counter!(
                "wharf_http_requests_total",
                "method" => "GET", "route" => "/index/{*path}", "status" => status
            )
        })
    });
    match status.as_u16() {
        200 => BY_STATUS[0].increment(1),
        304 => BY_STATUS[1].increment(1),
        404 => BY_STATUS[2].increment(1),
        other => metrics::counter!(
            "wharf_http_requests_total",
            "method" => "GET", "route" => "/index/{*path}", "status" => other.to_string()
        )
        .increment(1),
    }
}

/// An index-cache lookup's outcome, counted through handles registered once (see
/// [`count_index_response`]).
#[derive(Clone, Copy)]
pub(crate) enum CacheLookup {
    Hit,
    Revalidated,
    Miss,
}

pub(crate) fn count_cache_lookup(lookup: CacheLookup) {
    static BY_RESULT: LazyLock<[Counter; 3]> = LazyLock::new(|| {
        ["hit", "revalidated", "miss"]
            .map(|result| metrics::counter!("wharf_index_cache_lookups_total", "result" => result))
    });
    BY_RESULT[lookup as usize].increment(1);
}

/// A request read by a connection thread itself (`connections::index_wire`): answered there, or
/// handed to hyper with the rest of its connection.
pub(crate) fn count_connection_thread_request(answered: bool) {
    static BY_OUTCOME: LazyLock<[Counter; 2]> = LazyLock::new(|| {
        ["answered", "handed_over"].map(|outcome| {
            metrics::counter!("wharf_connection_thread_requests_total", "outcome" => outcome)
        })
    });
    BY_OUTCOME[usize::from(!answered)].increment(1);
}

/// A download served.
pub(crate) fn count_download() {
    static DOWNLOADS: LazyLock<Counter> =
        LazyLock::new(|| metrics::counter!("wharf_downloads_total"));
    DOWNLOADS.increment(1);
}

/// Counts a request and times it, by method, route (as routed, so `/api/v1/crates/{name}`, never
/// the crate's name) and status.
pub(crate) async fn track(request: Request, next: Next) -> Response {
    let started = Instant::now();
    let route = request
        .extensions()
        .get::<MatchedPath>()
        .map(|path| path.as_str().to_owned())
        .unwrap_or_else(|| "unmatched".to_owned());
    let method = request.method().as_str().to_owned();
    let response = next.run(request).await;
    let status = response.status().as_u16().to_string();
    let labels = [("method", method), ("route", route), ("status", status)];
    metrics::counter!("wharf_http_requests_total", &labels).increment(1);
    metrics::histogram!("wharf_http_request_duration_seconds", &labels)
        .record(started.elapsed().as_secs_f64());
    response
}

/// `GET /metrics`: Prometheus text. With `metrics_token` set, only a scraper that sends it as a
/// bearer token is answered.
#[utoipa::path(
    get,
    path = "/metrics",
    tag = "operations",
    responses((status = 200, description = "Prometheus text exposition format", body = String, content_type = "text/plain; version=0.0.4; charset=utf-8")),
    security((), ("metrics_token" = []))
)]
pub(crate) async fn metrics(
    State(state): State<AppState>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    if let Some(expected) = &state.config.metrics_token {
        let presented = headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .map(|v| v.strip_prefix("Bearer ").unwrap_or(v));
        // Compared in constant time, so the time taken tells nothing of the token.
        let matches = presented.is_some_and(|token| {
            bool::from(subtle::ConstantTimeEq::ct_eq(
                token.as_bytes(),
                expected.as_bytes(),
            ))
        });
        if !matches {
            return Err(ApiError::new(
                StatusCode::UNAUTHORIZED,
                "the metrics need the metrics token: send it as `Authorization: Bearer TOKEN`",
            ));
        }
    }
    let pool = state.db.pool_status();
    metrics::gauge!("wharf_db_pool_connections").set(pool.size as f64);
    metrics::gauge!("wharf_db_pool_idle_connections").set(pool.idle as f64);
    metrics::gauge!("wharf_db_pool_max_connections").set(pool.max as f64);
    let outbox = state.db.outbox_counts().await?;
    metrics::gauge!("wharf_mail_queue_pending").set(outbox.pending as f64);
    metrics::gauge!("wharf_mail_queue_failed").set(outbox.failed as f64);
    metrics::gauge!("wharf_index_cache_files").set(state.serving.index_cache.len() as f64);
    Ok((
        [(
            header::CONTENT_TYPE,
            "text/plain; version=0.0.4; charset=utf-8",
        )],
        handle().render(),
    )
        .into_response())
}
