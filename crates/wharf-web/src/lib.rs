//! Wharf's web site: server-rendered pages for people browsing the registry — the home page,
//! search, crates, users, teams, keywords and categories, and the policy, security and
//! data-access pages.
//!
//! Pages are askama templates (checked at compile time, escaping by default) with one small
//! hand-written style sheet and no JavaScript. Publishers' text reaches a page only escaped, or as
//! README HTML after ammonia. The `Content-Security-Policy` forbids scripts outright, so even a
//! mistake there could not run one.
//!
//! Visitors sign in with local accounts (`account`, `session`); in private mode every page but
//! signing in needs an account.

mod account;
mod chart;
mod extract;
mod forms;
mod moderation;
mod pages;
mod readme;
mod report;
mod second_factor;
mod session;
mod settings;
mod single_sign_on;

use askama::Template;
use axum::extract::FromRef;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use wharf_registry::{AddressLimiter, Registry, RegistryError};
use wharf_routes::RecordedRoutes;
use wharf_store::StoreError;

pub use readme::render as render_readme;
pub use session::Visitor;

/// How the site treats accounts.
#[derive(Debug, Clone)]
pub struct WebConfig {
    /// Whether anyone may create an account on the site. Private registries usually leave this
    /// off and make accounts with `wharf user add`.
    pub signup_open: bool,
    /// Accounts created per client address per hour.
    pub signups_per_hour: u32,
    /// Sign-in attempts (and password-reset requests) per client address per minute.
    pub sign_ins_per_minute: u32,
    /// Whether passwords sign in (off when single sign-on replaces them).
    pub password_sign_in: bool,
}

impl WebConfig {
    /// Sign-up is open on a public registry and closed on a private one.
    pub fn for_registry(auth_required: bool) -> WebConfig {
        WebConfig {
            signup_open: !auth_required,
            signups_per_hour: 5,
            sign_ins_per_minute: 20,
            password_sign_in: true,
        }
    }
}

/// What the site keeps beside the registry's state.
pub struct WebContext {
    pub config: WebConfig,
    /// Per-address limits, shared by the instances of a registry on PostgreSQL.
    sign_up_limiter: AddressLimiter,
    sign_in_limiter: AddressLimiter,
}

/// The state the site's handlers share; handlers that need only the registry take `Registry`.
#[derive(Clone, FromRef)]
pub struct WebState {
    pub app: Registry,
    pub web: Arc<WebContext>,
}

/// The site's routes, to be served beside the API (see `wharf_server::router_with_site`).
pub fn router(app: Registry, config: WebConfig) -> Router {
    let web = Arc::new(WebContext {
        sign_up_limiter: AddressLimiter::new(
            "sign-up",
            config.signups_per_hour,
            Duration::from_secs(60 * 60) / config.signups_per_hour.max(1),
            &app.db,
        ),
        sign_in_limiter: AddressLimiter::new(
            "sign-in",
            config.sign_ins_per_minute,
            Duration::from_secs(60) / config.sign_ins_per_minute.max(1),
            &app.db,
        ),
        config,
    });
    let state = WebState { app, web };
    site_endpoints()
        .into_router()
        .fallback(|| async { not_found() })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            private_mode,
        ))
        // Outside private mode's layer: it needs to know who is visiting.
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            session::resolve,
        ))
        .layer(axum::middleware::from_fn(security_headers))
        .with_state(state)
}

/// Every page and form of the site.
fn site_endpoints() -> RecordedRoutes<WebState> {
    RecordedRoutes::new()
        .route(Method::GET, "/account/signin", account::sign_in_form)
        .route(Method::POST, "/account/signin", account::sign_in)
        .route(Method::POST, "/account/signout", account::sign_out)
        .route(Method::GET, "/account/signup", account::sign_up_form)
        .route(Method::POST, "/account/signup", account::sign_up)
        .route(
            Method::POST,
            "/account/verify/resend",
            account::resend_verification,
        )
        .route(Method::GET, "/account/verify/{token}", account::verify)
        .route(Method::GET, "/account/reset", account::reset_request_form)
        .route(Method::POST, "/account/reset", account::reset_request)
        .route(Method::GET, "/account/reset/{token}", account::reset_form)
        .route(Method::POST, "/account/reset/{token}", account::reset)
        .route(Method::GET, "/settings", account::settings)
        .route(
            Method::POST,
            "/settings/sessions/{id}/end",
            account::end_session,
        )
        .route(Method::GET, "/me", account::me)
        .merge(settings::routes())
        .merge(second_factor::routes())
        .merge(single_sign_on::routes())
        .route(Method::GET, "/", pages::home)
        .route(Method::GET, "/search", pages::search)
        .route(Method::GET, "/crates/{name}", pages::crate_page)
        .route(Method::GET, "/crates/{name}/versions", pages::all_versions)
        .route(Method::GET, "/crates/{name}/{version}", pages::version_page)
        .route(Method::GET, "/users/{login}", pages::user)
        .route(Method::GET, "/teams/{name}", pages::team)
        .route(Method::GET, "/crates/{name}/badge.svg", pages::badge)
        .route(Method::GET, "/keywords", pages::keywords_index)
        .route(Method::GET, "/keywords/{keyword}", pages::keyword)
        .route(Method::GET, "/categories", pages::categories_index)
        .route(Method::GET, "/categories/{category}", pages::category)
        .route(Method::GET, "/policy", pages::policy)
        // crates.io's address for its policies.
        .route(Method::GET, "/policies", pages::policy)
        .route(Method::GET, "/robots.txt", robots_txt)
        .route(Method::GET, "/security", pages::security)
        .route(
            Method::GET,
            "/.well-known/security.txt",
            pages::security_txt,
        )
        .route(Method::GET, "/data-access", pages::data_access)
        .route(Method::GET, "/static/wharf.css", style_sheet)
        .merge(report::routes())
        .merge(moderation::routes())
}

/// Every method and path the site routes, read from the declarations its router is built from.
/// Whatever else is asked for gets the site's "page not found".
pub fn site_routes() -> Vec<(Method, &'static str)> {
    site_endpoints().routes().to_vec()
}

/// Paths that tell nothing about the registry's contents, served even in private mode: the style
/// sheet, how to report a vulnerability, and what it takes to sign in.
fn public_in_private_mode(path: &str) -> bool {
    matches!(
        path,
        "/static/wharf.css"
            | "/security"
            | "/.well-known/security.txt"
            | "/account/signin"
            // The code after the password: the session waiting for it is not a sign-in yet.
            | "/account/signin/code"
            // Single sign-on, there and back.
            | "/account/sso"
            | "/account/sso/callback"
            | "/account/signup"
            | "/account/reset"
    ) || path.starts_with("/account/reset/")
        // A verification link; asking for a new one is for signed-in accounts.
        || (path.starts_with("/account/verify/") && path != "/account/verify/resend")
}

/// In private mode, anonymous visitors are sent to sign in (a page's address comes back after it);
/// whatever else they ask for is a 401 with a short explanation.
async fn private_mode(
    State(state): State<Registry>,
    visitor: Visitor,
    request: Request,
    next: Next,
) -> Response {
    let path = request.uri().path();
    if state.config.auth_required && visitor.signed_in.is_none() && !public_in_private_mode(path) {
        if request.method() == axum::http::Method::GET {
            let mut back = path.to_string();
            if let Some(query) = request.uri().query() {
                back.push('?');
                back.push_str(query);
            }
            return account::sign_in_first(&back);
        }
        let mut response = pages::message(
            StatusCode::UNAUTHORIZED,
            "This registry is private",
            "Only its members can use it: sign in first.",
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

/// What crawlers may read: the public pages, not the API (the data-access page and the database
/// dump are for programs), the account, settings and moderation pages, or search results.
const ROBOTS_TXT: &str = "\
User-agent: *
Disallow: /api/
Disallow: /account/
Disallow: /settings
Disallow: /me
Disallow: /moderation
Disallow: /search
Disallow: /crates/*/report
";

async fn robots_txt() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=86400"),
        ],
        ROBOTS_TXT,
    )
        .into_response()
}

/// The site's "page not found", also what a moderation page answers anyone but a moderator.
pub(crate) fn not_found() -> Response {
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
    /// A use-case failed inside the registry; its details were logged where it failed.
    Internal,
}

/// The status a refusal by the registry stands for on a page, or `None` when the registry failed
/// rather than refused. Invalid input is 422 here (the form is shown again with the reason), where
/// the API answers 400.
pub(crate) fn refusal_status(error: &RegistryError) -> Option<StatusCode> {
    Some(match error {
        RegistryError::Invalid(_) | RegistryError::Refused(_) | RegistryError::TooLarge(_) => {
            StatusCode::UNPROCESSABLE_ENTITY
        }
        RegistryError::Forbidden(_) => StatusCode::FORBIDDEN,
        RegistryError::NotFound(_) => StatusCode::NOT_FOUND,
        RegistryError::Gone(_) => StatusCode::GONE,
        RegistryError::Conflict(_) => StatusCode::CONFLICT,
        RegistryError::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
        RegistryError::Busy { .. } => StatusCode::SERVICE_UNAVAILABLE,
        RegistryError::Internal(_) => return None,
    })
}

/// The registry failing, in words for the visitor.
pub(crate) fn registry_failed() -> Response {
    pages::message(
        StatusCode::SERVICE_UNAVAILABLE,
        "Something went wrong",
        "The registry could not answer just now. Please try again in a moment.",
    )
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
                registry_failed()
            }
            PageError::Internal => registry_failed(),
        }
    }
}

pub(crate) type PageResult = Result<Response, PageError>;
