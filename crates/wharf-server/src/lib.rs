//! Wharf's HTTP server: the cargo registry API, the sparse index and downloads.
//!
//! This crate wires the pure crates (tarball reading, index records, the policy) to the store and to
//! HTTP. It holds no state of its own that another instance would need: everything shared lives in the
//! database, the blob store and the index files.

mod api;
mod auth;
mod download;
mod error;
mod guard;
mod index;
mod moderation;
mod publish;
mod routes;
mod teams;
pub mod wire;

use axum::http::{header, HeaderValue};
use axum::routing::any;
use axum::Router;
use routes::Endpoints;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::trace::TraceLayer;
use wharf_registry::Registry;
use wharf_store::Db;

pub use error::ApiError;
pub use routes::api_routes;

/// What only the HTTP server keeps: this process's copy of index files, the downloads counted since
/// the last flush, and the per-address API limiter.
pub struct Serving {
    index_cache: index::IndexCache,
    downloads: download::DownloadCounter,
    api_limiter: guard::ApiLimiter,
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
            downloads: download::DownloadCounter::default(),
            api_limiter: guard::ApiLimiter::new(registry.config.api_rate),
        });
        // This process's own index changes are served at once, not after the next stat.
        let observer = serving.clone();
        registry.observe_index(Box::new(move |relative| {
            observer.index_cache.invalidate(relative)
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
    // The body limit covers the two length prefixes, the metadata and the file; the exact limits
    // are checked against the frame, so this only stops absurd bodies before they are buffered.
    let body_limit = (state.config.max_upload_size + state.config.max_json_size + 8) as usize;
    let Endpoints { health, index, api } = routes::endpoints(body_limit);
    let api = api
        .into_router()
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::api_guard,
        ))
        .route_layer(TraceLayer::new_for_http())
        // A layer, not a route layer: it also sees the 405 a route answers for a method it lacks.
        .layer(axum::middleware::from_fn(error::json_errors));
    let mut app = health.into_router().merge(index.into_router()).merge(api);
    app = match site {
        None => app.fallback(not_found),
        Some(_) => app
            .route("/api", any(not_found))
            .route("/api/{*rest}", any(not_found)),
    };
    if state.config.auth_required {
        app = app.layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::private_mode_gate,
        ));
    }
    // Added after the gate's layer, so the gate does not wrap it.
    if let Some(site) = site {
        app = app.fallback_service(site);
    }
    app
        // Nothing Wharf serves (JSON, index files, .crate files, pages) is to be sniffed into
        // something else.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "the registry hit an internal error; the request changed nothing",
            ))
        }))
        .with_state(state)
}

/// Repairs what a crash may have left behind, then serves (with the web site's router, if given)
/// until `shutdown` resolves, then writes the download counts still in memory.
pub async fn serve(
    state: AppState,
    site: Option<Router>,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    wharf_registry::seed_policy_lists(&state.db).await?;
    let repaired = state.index.repair(&state.db).await?;
    if repaired > 0 {
        tracing::info!(repaired, "rewrote index files left behind the database");
    }
    let flusher = tokio::spawn(download::run_flusher(
        state.clone(),
        state.config.download_flush_interval,
    ));
    let reminders = tokio::spawn(warn_expiring_tokens(state.db.clone()));
    let app = router_with_site(state.clone(), site);
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    flusher.abort();
    reminders.abort();
    state.serving.downloads.flush(&state.db).await;
    Ok(())
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
