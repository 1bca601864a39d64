//! Wharf's web site: server-rendered pages for people browsing the registry — the home page,
//! search, crates, users, teams, keywords and categories, and the policy, security and
//! data-access pages.
//!
//! Pages are askama templates (checked at compile time, escaping by default) with one small
//! hand-written style sheet and no JavaScript. Publishers' text reaches a page only escaped, or as
//! README HTML after ammonia. The `Content-Security-Policy` forbids scripts outright, so even a
//! mistake there could not run one.
//!
//! This increment is read-only and has no sessions: in private mode every page answers 401.

mod chart;
mod pages;
mod readme;

use askama::Template;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use wharf_server::AppState;
use wharf_store::StoreError;

pub use readme::render as render_readme;

/// The site's routes, to be served beside the API (see `wharf_server::router_with_site`).
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::home))
        .route("/search", get(pages::search))
        .route("/crates/{name}", get(pages::crate_page))
        .route("/crates/{name}/versions", get(pages::all_versions))
        .route("/crates/{name}/report", get(pages::report))
        .route("/crates/{name}/{version}", get(pages::version_page))
        .route("/users/{login}", get(pages::user))
        .route("/teams/{name}", get(pages::team))
        .route("/keywords/{keyword}", get(pages::keyword))
        .route("/categories/{category}", get(pages::category))
        .route("/policy", get(pages::policy))
        .route("/security", get(pages::security))
        .route("/.well-known/security.txt", get(pages::security_txt))
        .route("/data-access", get(pages::data_access))
        .route("/static/wharf.css", get(style_sheet))
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            private_mode,
        ))
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(state)
}

/// Paths that tell nothing about the registry's contents, served even in private mode: the style
/// sheet (so the sign-in explanation is readable) and how to report a vulnerability.
const PUBLIC_IN_PRIVATE_MODE: &[&str] = &[
    "/static/wharf.css",
    "/security",
    "/.well-known/security.txt",
];

/// In private mode, anonymous visitors get a short explanation and nothing else.
async fn private_mode(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if state.config.auth_required && !PUBLIC_IN_PRIVATE_MODE.contains(&request.uri().path()) {
        let mut response = pages::message(
            StatusCode::UNAUTHORIZED,
            "This registry is private",
            "Only its members can browse it. Signing in on the web site is not available yet; \
             members use cargo with an API token from the registry's operators.",
        );
        // A 401 names a scheme; cargo's is the one this registry speaks.
        if let Ok(value) = HeaderValue::from_str(&format!(
            "Cargo login_url=\"{}/me\"",
            state.config.public_url
        )) {
            response
                .headers_mut()
                .insert(header::WWW_AUTHENTICATE, value);
        }
        return response;
    }
    next.run(request).await
}

/// Headers every page carries: no scripts, no framing, no sniffing, no referrer to other sites.
async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    for (name, value) in [
        (
            header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'self'; img-src 'self' https: data:; \
             form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
        ),
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::REFERRER_POLICY, "same-origin"),
    ] {
        headers
            .entry(name)
            .or_insert(HeaderValue::from_static(value));
    }
    response
}

const STYLE_SHEET: &str = include_str!("../static/wharf.css");

/// The style sheet's address, with a hash of its content: the file can be cached for a year, and a
/// new release's sheet has a new address.
pub(crate) fn style_sheet_href() -> &'static str {
    static HREF: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HREF.get_or_init(|| {
        // FNV-1a: a version tag, not a security measure.
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in STYLE_SHEET.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        format!("/static/wharf.css?v={:08x}", hash as u32)
    })
}

async fn style_sheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=31536000, immutable"),
        ],
        STYLE_SHEET,
    )
        .into_response()
}

async fn not_found() -> Response {
    pages::message(
        StatusCode::NOT_FOUND,
        "Page not found",
        "There is nothing at this address. Try searching for a crate instead.",
    )
}

/// A page's template rendered, as an HTML response with a status.
pub(crate) fn html(status: StatusCode, template: &impl Template) -> Response {
    match template.render() {
        Ok(body) => (
            status,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            body,
        )
            .into_response(),
        Err(error) => {
            tracing::error!(%error, "could not render a page");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "the page could not be rendered",
            )
                .into_response()
        }
    }
}

/// Why a page could not be shown.
#[derive(Debug)]
pub(crate) enum PageError {
    NotFound(String),
    Store(StoreError),
}

impl From<StoreError> for PageError {
    fn from(error: StoreError) -> PageError {
        match error {
            StoreError::NotFound(what) => PageError::NotFound(what),
            other => PageError::Store(other),
        }
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        match self {
            PageError::NotFound(what) => pages::message(StatusCode::NOT_FOUND, "Not found", &what),
            PageError::Store(error) => {
                // Details go to the log, not to the visitor.
                tracing::error!(%error, "a page could not read the registry");
                pages::message(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "Something went wrong",
                    "The registry could not answer just now. Please try again in a moment.",
                )
            }
        }
    }
}

pub(crate) type PageResult = Result<Response, PageError>;
