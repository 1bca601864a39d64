//! Wharf's HTTP server: the cargo registry API, the sparse index and downloads.
//!
//! This crate wires the pure crates (tarball reading, index records, the policy) to the store and to
//! HTTP. It holds no state of its own that another instance would need: everything shared lives in the
//! database, the blob store and the index files.

mod api;
mod auth;
mod download;
mod error;
mod index;
mod publish;

use axum::extract::DefaultBodyLimit;
use axum::routing::{delete, get, put};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;
use wharf_store::{BlobStore, Db, IndexFiles};

pub use error::ApiError;

/// What the server needs to know beyond where its data lives.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The URL clients reach this server at, without a trailing slash.
    pub public_url: String,
    /// Private mode: every request, index included, needs a token.
    pub auth_required: bool,
    /// The largest `.crate` file accepted.
    pub max_upload_size: u64,
    /// The largest publish metadata accepted.
    pub max_json_size: u64,
    /// Index URLs of other registries that dependencies may come from.
    pub allowed_registries: Vec<String>,
    /// How often counted downloads are written to the database.
    pub download_flush_interval: Duration,
    pub tarball_limits: wharf_tarball::Limits,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            public_url: "http://127.0.0.1:8787".into(),
            auth_required: false,
            max_upload_size: 10 * 1024 * 1024,
            max_json_size: 1024 * 1024,
            allowed_registries: vec![
                "https://github.com/rust-lang/crates.io-index".into(),
                "sparse+https://index.crates.io/".into(),
            ],
            download_flush_interval: Duration::from_secs(10),
            tarball_limits: wharf_tarball::Limits::default(),
        }
    }
}

pub struct Inner {
    pub config: ServerConfig,
    pub db: Db,
    pub blobs: BlobStore,
    pub index: IndexFiles,
    index_cache: index::IndexCache,
    downloads: download::DownloadCounter,
}

/// The state every handler shares; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    pub fn new(config: ServerConfig, db: Db, blobs: BlobStore, index: IndexFiles) -> AppState {
        AppState(Arc::new(Inner {
            config,
            db,
            blobs,
            index,
            index_cache: index::IndexCache::default(),
            downloads: download::DownloadCounter::default(),
        }))
    }
}

async fn not_found() -> ApiError {
    ApiError::not_found("there is nothing at this address")
}

async fn health() -> &'static str {
    "ok"
}

pub fn router(state: AppState) -> Router {
    // The body limit covers the two length prefixes, the metadata and the file; the exact limits
    // are checked against the frame, so this only stops absurd bodies before they are buffered.
    let body_limit = (state.config.max_upload_size + state.config.max_json_size + 8) as usize;
    Router::new()
        .route("/health", get(health))
        .route("/index/config.json", get(index::config_json))
        .route("/index/{*path}", get(index::index_file))
        .route(
            "/api/v1/crates/new",
            put(publish::publish).layer(DefaultBodyLimit::max(body_limit)),
        )
        .route("/api/v1/crates", get(api::search))
        .route("/api/v1/crates/{name}", get(api::crate_info))
        .route("/api/v1/crates/{name}/versions", get(api::crate_versions))
        .route(
            "/api/v1/crates/{name}/owners",
            get(api::owners)
                .put(api::add_owners)
                .delete(api::remove_owners),
        )
        .route("/api/v1/crates/{name}/owner_user", get(api::owners))
        .route("/api/v1/crates/{name}/{version}", get(api::version_info))
        .route(
            "/api/v1/crates/{name}/{version}/download",
            get(download::download),
        )
        .route(
            "/api/v1/crates/{name}/{version}/dependencies",
            get(api::version_dependencies),
        )
        .route("/api/v1/crates/{name}/{version}/yank", delete(api::yank))
        .route("/api/v1/crates/{name}/{version}/unyank", put(api::unyank))
        .route("/api/v1/me", get(api::me))
        .route("/api/v1/users/{login}", get(api::user))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::private_mode_gate,
        ))
        .layer(CatchPanicLayer::custom(|_| {
            axum::response::IntoResponse::into_response(ApiError::new(
                axum::http::StatusCode::INTERNAL_SERVER_ERROR,
                "the registry hit an internal error; the request changed nothing",
            ))
        }))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// Repairs what a crash may have left behind, then serves until `shutdown` resolves, then writes
/// the download counts still in memory.
pub async fn serve(
    state: AppState,
    listener: tokio::net::TcpListener,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let repaired = state.index.repair(&state.db).await?;
    if repaired > 0 {
        tracing::info!(repaired, "rewrote index files left behind the database");
    }
    let flusher = tokio::spawn(download::run_flusher(
        state.clone(),
        state.config.download_flush_interval,
    ));
    let app = router(state.clone());
    axum::serve(
        listener,
        app.into_make_service_with_connect_info::<SocketAddr>(),
    )
    .with_graceful_shutdown(shutdown)
    .await?;
    flusher.abort();
    state.downloads.flush(&state.db).await;
    Ok(())
}
