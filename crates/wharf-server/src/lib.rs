//! Wharf's HTTP server: the cargo registry API, the sparse index and downloads.
//!
//! This crate wires the pure crates (tarball reading, index records, the policy) to the store and to
//! HTTP. It holds no state of its own that another instance would need: everything shared lives in the
//! database, the blob store and the index files.

mod api;
mod auth;
mod catalog;
mod connections;
mod download;
mod error;
mod feeds;
mod github;
mod guard;
mod http1_head;
mod index;
mod metrics;
mod moderation;
mod openapi;
mod params;
mod publish;
mod routes;
mod teams;
mod trusted_publishing;
pub mod wire;

use axum::http::{header, HeaderName, HeaderValue};
use axum::routing::any;
use axum::Router;
use routes::Endpoints;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{
    MakeRequestId, PropagateRequestIdLayer, RequestId, SetRequestIdLayer,
};
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::TraceLayer;
use wharf_registry::Registry;
use wharf_store::Db;

pub use connections::ConnectionLimits;
pub use error::ApiError;
pub use metrics::handle as metrics_handle;
pub use routes::api_routes;

/// What only the HTTP server keeps: this process's copy of index files, the downloads counted since
/// the last flush, and the per-address API limiter.
pub struct Serving {
    index_cache: index::IndexCache,
    upstream_files: index::UpstreamFiles,
    downloads: download::DownloadCounter,
    api_limiter: wharf_registry::AddressLimiter,
    github_keys: github::PublicKeys,
}

/// The state every handler shares; cheap to clone. It dereferences to the [`Registry`], whose
/// use-cases the handlers call.
#[derive(Clone)]
pub struct AppState {
    registry: Registry,
    serving: Arc<Serving>,
}

impl std::ops::Deref for AppState {
    type Target = Registry;
    fn deref(&self) -> &Registry {
        &self.registry
    }
}

impl AppState {
    pub fn new(registry: Registry) -> AppState {
        let serving = Arc::new(Serving {
            index_cache: index::IndexCache::default(),
            upstream_files: index::UpstreamFiles::default(),
            downloads: download::DownloadCounter::default(),
            api_limiter: guard::api_limiter(registry.config.api_rate, &registry.db),
            github_keys: github::PublicKeys::new(&registry.config.secret_scanning_keys_url),
        });
        // This process's own index changes are served at once, not after the next stat.
        let observer = serving.clone();
        registry.observe_index(Box::new(move |relative| {
            observer.index_cache.invalidate(relative);
            observer.upstream_files.invalidate(relative);
        }));
        AppState { registry, serving }
    }

    pub fn registry(&self) -> &Registry {
        &self.registry
    }
}

async fn not_found() -> ApiError {
    ApiError::not_found("there is nothing at this address")
}

#[utoipa::path(
    get,
    path = "/health",
    tag = "operations",
    responses((status = 200, description = "The server is up", body = String, content_type = "text/plain; charset=utf-8"))
)]
async fn health() -> &'static str {
    "ok"
}

pub fn router(state: AppState) -> Router {
    router_with_site(state, None)
}

/// The API, the index and downloads, and — when given — the web site's router, which answers
/// every other path. Unknown `/api/` paths still get the API's JSON 404. The site applies private
/// mode itself (anonymous visitors need a page, not cargo's JSON), so the token gate stays on the
/// cargo-facing routes.
pub fn router_with_site(state: AppState, site: Option<Router>) -> Router {
    let Endpoints { health, index, api } = routes::endpoints();
    // Installed before the first request is counted.
    metrics::handle();
    let track = || axum::middleware::from_fn(metrics::track);
    // The health check and the index take no per-request middleware, request ids included (they
    // cost the index a tenth of its throughput): the index counts its own responses (see
    // `metrics::count_index_response`), and neither writes log lines.
    let health = health.into_router();
    // Its GETs are answered before the router in `serve` (see `connections::Connection`); what
    // reaches it here (HEAD, other methods, private mode) pays for the JSON errors layer.
    let index = index
        .into_router()
        .layer(axum::middleware::from_fn(error::json_errors));
    let api = with_request_ids(api.into_router().route_layer(
        axum::middleware::from_fn_with_state(state.clone(), guard::api_guard),
    ))
    .route_layer(track())
    // A layer, not a route layer: it also sees the 405 a route answers for a method it lacks.
    .layer(axum::middleware::from_fn(error::json_errors));
    let mut app = health.merge(index).merge(api);
    app = match site {
        None => app.fallback(not_found),
        // cargo's paths: a JSON 404, never the site's page (`/index/{*path}` needs a path).
        Some(_) => app
            .route("/api", any(not_found))
            .route("/api/{*rest}", any(not_found))
            .route("/index", any(not_found))
            .route("/index/", any(not_found)),
    };
    if state.config.auth_required {
        app = app.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::private_mode_gate,
        ));
    }
    // Added after the gate's layer, so the gate does not wrap it.
    if let Some(site) = site {
        app = app.fallback_service(with_request_ids(site).route_layer(track()));
    }
    app
        // Nothing Wharf serves (JSON, index files, .crate files, pages) is to be sniffed into
        // something else.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(CatchPanicLayer::custom(|_| internal_error_response()))
        .with_state(state)
}

/// The answer to a request whose handler panicked.
fn internal_error_response() -> axum::response::Response {
    axum::response::IntoResponse::into_response(ApiError::new(
        axum::http::StatusCode::INTERNAL_SERVER_ERROR,
        "the registry hit an internal error; the request changed nothing",
    ))
}

/// The header a request's id travels in: taken from a proxy in front when it sets one, else made
/// here, and sent back with the response.
static REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// Gives each request of `routes` an id (kept from a proxy in front that sent one), runs it in
/// [`request_span`] so every log line written while serving it names the id, and returns the id
/// with the response.
fn with_request_ids<S: Clone + Send + Sync + 'static>(routes: Router<S>) -> Router<S> {
    routes
        .route_layer(PropagateRequestIdLayer::new(REQUEST_ID.clone()))
        .route_layer(TraceLayer::new_for_http().make_span_with(request_span))
        .route_layer(SetRequestIdLayer::new(REQUEST_ID.clone(), RandomRequestId))
}

/// The span a request of the API or the site runs in: its id, method and path are fields of every
/// log line written while serving it.
fn request_span(request: &axum::http::Request<axum::body::Body>) -> tracing::Span {
    let id = request
        .headers()
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    tracing::info_span!("request", id, method = %request.method(), path = request.uri().path())
}

/// Request ids: 128 random bits in hex, unique without coordination between instances.
#[derive(Clone, Copy)]
struct RandomRequestId;

impl MakeRequestId for RandomRequestId {
    fn make_request_id<B>(&mut self, _: &axum::http::Request<B>) -> Option<RequestId> {
        let id = hex::encode(rand::random::<[u8; 16]>());
        HeaderValue::from_str(&id).ok().map(RequestId::new)
    }
}

/// Repairs what a crash may have left behind: the policy's seed lists, leftover files, index files
/// behind the database. Run before the server says it is listening, so that its first answer
/// already comes from repaired data.
pub async fn prepare(state: &AppState) -> anyhow::Result<()> {
    wharf_registry::seed_policy_lists(&state.db).await?;
    state.remove_leftovers(true).await?;
    let repaired = state.index.repair(&state.db).await?;
    if repaired > 0 {
        tracing::info!(repaired, "rewrote index files left behind the database");
    }
    prune_finished_work(&state.db).await;
    Ok(())
}

/// How long sent mail and ended webhook deliveries stay in the database (the delivery log).
pub const FINISHED_WORK_KEPT: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// Deletes the mail and webhook deliveries that ended more than [`FINISHED_WORK_KEPT`] ago: at
/// start and in the hourly sweep.
async fn prune_finished_work(db: &Db) {
    let before = wharf_store::now_millis() - FINISHED_WORK_KEPT.as_millis() as i64;
    match db.prune_finished_mail(before).await {
        Ok(0) => {}
        Ok(pruned) => tracing::info!(pruned, "deleted old sent mail"),
        Err(error) => tracing::warn!(%error, "could not delete old sent mail"),
    }
    match db.prune_finished_deliveries(before).await {
        Ok(0) => {}
        Ok(pruned) => tracing::info!(pruned, "deleted old webhook deliveries"),
        Err(error) => tracing::warn!(%error, "could not delete old webhook deliveries"),
    }
}

/// Serves (with the web site's router, if given) until `shutdown` resolves, then writes the
/// download counts still in memory. [`prepare`] comes first.
pub async fn serve(
    state: AppState,
    site: Option<Router>,
    listener: tokio::net::TcpListener,
    limits: ConnectionLimits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let flusher = tokio::spawn(download::run_flusher(
        state.clone(),
        state.config.download_flush_interval,
    ));
    let reminders = tokio::spawn(warn_expiring_tokens(state.db.clone()));
    let sweeper = tokio::spawn(sweep_leftovers(state.registry.clone()));
    let repairer = tokio::spawn(repair_index_files(state.registry.clone()));
    let announcements = tokio::spawn(index::follow_announcements(state.clone()));
    let upkeep = tokio::spawn(async {
        let mut ticks = tokio::time::interval(metrics::UPKEEP_INTERVAL);
        loop {
            ticks.tick().await;
            metrics::handle().run_upkeep();
        }
    });
    let dumper = state
        .config
        .dump_interval
        .map(|every| tokio::spawn(publish_dumps(state.registry.clone(), every)));
    let app = router_with_site(state.clone(), site)
        .layer(RequestBodyTimeoutLayer::new(limits.body_idle_timeout))
        .layer(axum::middleware::from_fn(refuse_long_targets));
    let served =
        connections::serve_connections(listener, app, state.clone(), limits, shutdown).await;
    flusher.abort();
    reminders.abort();
    sweeper.abort();
    repairer.abort();
    announcements.abort();
    upkeep.abort();
    if let Some(dumper) = dumper {
        dumper.abort();
    }
    state.serving.downloads.flush(&state.db).await;
    state.flush_upstream_downloads().await;
    Ok(served?)
}

/// The longest request target (path and query) answered. Real ones are a few hundred bytes; the
/// HTTP parser's own limit is 64 KiB, and it answers that with an empty 414.
pub(crate) const MAX_TARGET_LENGTH: usize = 8 * 1024;

/// Refuses over-long request targets with 414 and the API's JSON, before any routing or parsing.
async fn refuse_long_targets(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    let length = request
        .uri()
        .path_and_query()
        .map_or(0, |target| target.as_str().len());
    if length > MAX_TARGET_LENGTH {
        return axum::response::IntoResponse::into_response(ApiError::new(
            axum::http::StatusCode::URI_TOO_LONG,
            format!("the request's address is {length} bytes long; at most {MAX_TARGET_LENGTH} are accepted"),
        ));
    }
    next.run(request).await
}

/// Removes crash leftovers every hour: another instance sharing the storage may have been killed,
/// and the orphans of this one's start were too young to remove then.
async fn sweep_leftovers(registry: Registry) {
    let mut ticks = tokio::time::interval(Duration::from_secs(60 * 60));
    // The first tick is immediate, and start-up has just swept.
    ticks.tick().await;
    loop {
        ticks.tick().await;
        if let Err(error) = registry.remove_leftovers(false).await {
            tracing::warn!(%error, "could not remove crash leftovers");
        }
        // Deleted crates' files too, which the loop of `repair_index_files` leaves alone.
        match registry.index.repair(&registry.db).await {
            Ok(0) => {}
            Ok(repaired) => {
                tracing::info!(repaired, "rewrote index files left behind the database")
            }
            Err(error) => tracing::warn!(%error, "could not repair index files"),
        }
        prune_finished_work(&registry.db).await;
        if let Err(error) = registry.db.sweep_address_buckets().await {
            tracing::warn!(%error, "could not sweep idle per-address limits");
        }
    }
}

/// How often index files behind the database are looked for while writes succeed.
const INDEX_REPAIR_INTERVAL: Duration = Duration::from_secs(5);

/// The longest pause between two attempts while writes fail.
const INDEX_REPAIR_MAX_PAUSE: Duration = Duration::from_secs(5 * 60);

/// Writes the index files the database says are behind: those whose write failed after their
/// change was committed (the store was down), and those whose writer died in between — which a
/// fleet would otherwise only repair when an instance starts, maybe never. Every instance runs
/// it; rewrites are idempotent and ordered by the crate's generation, so two doing one crate at
/// once is harmless. Finding none is one look-up in a partial index (migration 0015). Removing
/// deleted crates' files is left to start-up and the hourly sweep (`IndexFiles::repair`).
async fn repair_index_files(registry: Registry) {
    let mut pause = INDEX_REPAIR_INTERVAL;
    loop {
        tokio::time::sleep(pause).await;
        match registry.index.repair_behind(&registry.db).await {
            Ok(repaired) => {
                if repaired > 0 {
                    tracing::info!(repaired, "rewrote index files left behind the database");
                }
                pause = INDEX_REPAIR_INTERVAL;
            }
            Err(error) => {
                pause = (pause * 2).min(INDEX_REPAIR_MAX_PAUSE);
                tracing::warn!(%error, retry_in_seconds = pause.as_secs(), "could not repair index files");
            }
        }
    }
}

/// Publishes the database dump now if there is none yet, then every `every` — unless one was
/// written less than half an interval ago, by another instance sharing the storage or by this
/// one before a restart: a fleet writes about one dump an interval, not one an instance, and a
/// restart does not take one. (Two instances deciding at the same moment both write; each dump
/// is a consistent snapshot, and the last one written is served.)
async fn publish_dumps(registry: Registry, every: Duration) {
    let mut ticks = tokio::time::interval(every);
    loop {
        ticks.tick().await;
        match registry.published_dump_age().await {
            Ok(Some(age)) if age < every / 2 => continue,
            Ok(_) => {}
            Err(error) => tracing::warn!(%error, "could not read the published dump's age"),
        }
        match registry.publish_dump().await {
            Ok(bytes) => tracing::info!(bytes, "published the database dump"),
            Err(error) => tracing::warn!(%error, "could not publish the database dump"),
        }
    }
}

/// How long before a token expires its owner is told.
const TOKEN_EXPIRY_WARNING: Duration = Duration::from_secs(7 * 24 * 60 * 60);

/// Tells owners of tokens about to expire, at start and then every hour.
async fn warn_expiring_tokens(db: Db) {
    let mut ticks = tokio::time::interval(Duration::from_secs(60 * 60));
    loop {
        ticks.tick().await;
        let before = wharf_store::now_millis() + TOKEN_EXPIRY_WARNING.as_millis() as i64;
        match db.warn_expiring_tokens(before).await {
            Ok(0) => {}
            Ok(warned) => tracing::info!(warned, "told owners of tokens about to expire"),
            Err(error) => tracing::warn!(%error, "could not look for tokens about to expire"),
        }
    }
}
