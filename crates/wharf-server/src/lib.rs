//! Wharf's HTTP server: the cargo registry API, the sparse index and downloads.
//!
//! This crate wires the pure crates (tarball reading, index records, the policy) to the store and to
//! HTTP. It holds no state of its own that another instance would need: everything shared lives in the
//! database, the blob store and the index files.

mod api;
mod auth;
mod download;
mod error;
mod gate;
mod guard;
mod index;
mod moderation;
mod publish;
mod teams;
pub mod wire;

use axum::extract::DefaultBodyLimit;
use axum::routing::{any, delete, get, post, put};
use axum::Router;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::trace::TraceLayer;
use wharf_store::{BlobStore, Db, IndexFiles, RateLimit};

pub use auth::client_address;
pub use error::ApiError;
pub use gate::{name_facts, seed_policy_lists, typosquat_index, NameFacts};
pub use moderation::{parse_action, ActionOptions, MAX_REPORT_DETAILS, TRUSTED_REPORTER_RULE};

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
    /// Per-user buckets for publishing and yanking, shared by all instances through the database.
    pub rate_limits: RateLimits,
    /// Per-client-address limit on the API (never on index files or downloads).
    pub api_rate: ApiRate,
    /// Typosquats are checked against this many of the most-downloaded crates.
    pub typosquat_top_crates: i64,
    /// How long the list of typosquat targets is reused before it is read again.
    pub typosquat_refresh: Duration,
    /// A trusted proxy is in front: take the client's address from the last `X-Forwarded-For` entry.
    pub behind_proxy: bool,
    /// How long an owner invitation can be accepted.
    pub invitation_ttl: Duration,
    /// How long a deleted crate's name stays blocked before anyone may take it.
    pub deleted_name_block: Duration,
    /// Where to report a vulnerability (a `mailto:` or `https:` URI); by default
    /// `mailto:security@` the public host.
    pub security_contact: Option<String>,
}

/// Per-user token buckets, by action.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub new_crate: RateLimit,
    pub new_version: RateLimit,
    pub yank: RateLimit,
    pub report: RateLimit,
}

/// The crawler policy: sustained requests per second per client address, and the burst allowed.
#[derive(Debug, Clone, Copy)]
pub struct ApiRate {
    pub per_second: u32,
    pub burst: u32,
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
            rate_limits: RateLimits {
                new_crate: RateLimit {
                    burst: 5,
                    period_ms: 10 * 60 * 1000,
                },
                new_version: RateLimit {
                    burst: 30,
                    period_ms: 60 * 1000,
                },
                yank: RateLimit {
                    burst: 100,
                    period_ms: 60 * 1000,
                },
                report: RateLimit {
                    burst: 10,
                    period_ms: 60 * 1000,
                },
            },
            api_rate: ApiRate {
                per_second: 1,
                burst: 60,
            },
            typosquat_top_crates: 3000,
            typosquat_refresh: Duration::from_secs(60),
            behind_proxy: false,
            invitation_ttl: Duration::from_secs(30 * 24 * 60 * 60),
            deleted_name_block: Duration::from_secs(24 * 60 * 60),
            security_contact: None,
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
    api_limiter: guard::ApiLimiter,
    typosquat: gate::TyposquatCache,
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

/// The policy's owner-deletion rule on the facts the store read.
fn owner_deletion_rule(facts: &wharf_store::CrateDeletionFacts, now: i64) -> Result<(), String> {
    wharf_policy::deletion::check_deletion(&wharf_policy::deletion::DeletionFacts {
        first_published_at: facts.first_published_at,
        now,
        owner_count: facts.owner_count,
        downloads: facts.downloads,
        dependents: facts.dependents,
    })
}

impl AppState {
    /// Deletes a crate under the owner-deletion rule, then its files and index file.
    pub async fn delete_crate(
        &self,
        name: &str,
        caller_id: i64,
        message: Option<&str>,
        actor: &wharf_store::Actor,
    ) -> Result<String, ApiError> {
        let now = wharf_store::now_millis();
        let blocked_until = now + self.config.deleted_name_block.as_millis() as i64;
        let deleted = self
            .db
            .delete_crate(
                wharf_store::DeletionRequest {
                    name,
                    caller_id,
                    now,
                    blocked_until,
                    message,
                },
                |facts| owner_deletion_rule(facts, now),
                actor,
            )
            .await?;
        // The rows are gone, so nothing serves these any more; removing them only frees the space.
        for key in &deleted.files {
            if let Err(error) = self.blobs.delete(key).await {
                tracing::warn!(%error, key, "could not remove a deleted crate's file");
            }
        }
        self.index.remove(&deleted.name)?;
        self.index_cache
            .invalidate(&wharf_index::index_path(&deleted.name));
        Ok(deleted.name)
    }

    /// Deletes one version under the owner-deletion rule applied to that version, then its file,
    /// and rewrites the crate's index file. Returns the crate's name.
    pub async fn delete_version(
        &self,
        name: &str,
        version: &str,
        caller_id: i64,
        message: Option<&str>,
        actor: &wharf_store::Actor,
    ) -> Result<String, ApiError> {
        let now = wharf_store::now_millis();
        let deleted = self
            .db
            .delete_version(
                wharf_store::DeletionRequest {
                    name,
                    caller_id,
                    now,
                    blocked_until: now,
                    message,
                },
                version,
                |facts| owner_deletion_rule(facts, now),
                actor,
            )
            .await?;
        self.rewrite_index(deleted.crate_id).await?;
        if let Err(error) = self.blobs.delete(&deleted.file).await {
            tracing::warn!(%error, key = deleted.file, "could not remove a deleted version's file");
        }
        Ok(deleted.name)
    }

    /// Rewrites a crate's index file after a change, and drops this process's cached copy.
    pub async fn rewrite_index(&self, crate_id: i64) -> Result<(), ApiError> {
        let relative = self.index.rewrite(&self.db, crate_id).await?;
        self.index_cache.invalidate(&relative);
        Ok(())
    }

    pub fn new(config: ServerConfig, db: Db, blobs: BlobStore, index: IndexFiles) -> AppState {
        AppState(Arc::new(Inner {
            db,
            blobs,
            index,
            index_cache: index::IndexCache::default(),
            downloads: download::DownloadCounter::default(),
            api_limiter: guard::ApiLimiter::new(config.api_rate),
            typosquat: gate::TyposquatCache::default(),
            config,
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
    // The index is the hot path: no per-request middleware but what private mode needs.
    let index = Router::new()
        .route("/index/config.json", get(index::config_json))
        .route("/index/{*path}", get(index::index_file));
    let api = Router::new()
        .route(
            "/api/v1/crates/new",
            put(publish::publish).layer(DefaultBodyLimit::max(body_limit)),
        )
        .route("/api/v1/crates", get(api::search))
        .route(
            "/api/v1/crates/{name}",
            get(api::crate_info).delete(api::delete_crate),
        )
        .route("/api/v1/crates/{name}/versions", get(api::crate_versions))
        .route(
            "/api/v1/crates/{name}/owners",
            get(api::owners)
                .put(api::add_owners)
                .delete(api::remove_owners),
        )
        .route("/api/v1/crates/{name}/owner_user", get(api::user_owners))
        .route("/api/v1/crates/{name}/owner_team", get(api::team_owners))
        .route("/api/v1/crates/{name}/downloads", get(api::crate_downloads))
        .route(
            "/api/v1/crates/{name}/reverse_dependencies",
            get(api::reverse_dependencies),
        )
        .route(
            "/api/v1/crates/{name}/{version}",
            get(api::version_info).delete(api::delete_version),
        )
        .route(
            "/api/v1/crates/{name}/{version}/download",
            get(download::download),
        )
        .route(
            "/api/v1/crates/{name}/{version}/dependencies",
            get(api::version_dependencies),
        )
        .route(
            "/api/v1/crates/{name}/{version}/downloads",
            get(api::version_downloads),
        )
        .route(
            "/api/v1/crates/{name}/{version}/readme",
            get(api::version_readme),
        )
        .route(
            "/api/v1/crates/{name}/{version}/authors",
            get(api::version_authors),
        )
        .route(
            "/api/v1/crates/{name}/{version}/findings",
            get(api::version_findings),
        )
        .route("/api/v1/crates/{name}/{version}/yank", delete(api::yank))
        .route("/api/v1/crates/{name}/{version}/unyank", put(api::unyank))
        .route("/api/v1/me", get(api::me))
        .route(
            "/api/v1/me/crate_owner_invitations",
            get(api::my_invitations),
        )
        .route(
            "/api/v1/me/crate_owner_invitations/{crate_id}",
            put(api::answer_invitation),
        )
        .route(
            "/api/v1/me/crate_owner_invitations/accept/{token}",
            put(api::accept_invitation_by_token),
        )
        .route("/api/v1/users/{login}", get(api::user))
        .route("/api/v1/reports", post(moderation::file_report))
        .route(
            "/api/v1/reports/categories",
            get(moderation::report_categories),
        )
        .route("/api/v1/me/reports", get(moderation::my_reports))
        .route("/api/v1/admin/queue", get(moderation::queue))
        .route("/api/v1/admin/queue/{target}", get(moderation::queue_item))
        .route("/api/v1/admin/actions", post(moderation::act))
        .route("/api/v1/admin/actions/bulk", post(moderation::act_in_bulk))
        .route(
            "/api/v1/crates/{name}/notice",
            put(moderation::reply_to_notice),
        )
        .route("/api/v1/admin/audit", get(moderation::audit))
        .route("/api/v1/teams/{name}", get(teams::team))
        .route(
            "/api/v1/teams/{name}/members",
            put(teams::add_members).delete(teams::remove_members),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::api_guard,
        ))
        .route_layer(TraceLayer::new_for_http());
    let mut app = Router::new()
        .route("/health", get(health))
        .merge(index)
        .merge(api);
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
    app.layer(CatchPanicLayer::custom(|_| {
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
    gate::seed_policy_lists(&state.db).await?;
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
    state.downloads.flush(&state.db).await;
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
