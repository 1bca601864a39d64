//! Who is visiting: the session cookie resolved to an account, and the CSRF token every form on
//! the page must carry back.
//!
//! Signed-in visitors' forms carry their session's own CSRF token (kept with the session in the
//! database). Anonymous forms (sign in, sign up, password reset) use a double-submit cookie: a
//! random `wharf_csrf` cookie whose value the form repeats, which another site can neither read nor
//! set. Both cookies are `HttpOnly` and `SameSite=Lax`, and `Secure` when the registry is served
//! over HTTPS.

use crate::WebState;
use axum::extract::{FromRequestParts, Request, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;
use axum_extra::extract::cookie::{Cookie, CookieJar, SameSite};
use rand::distr::{Alphanumeric, SampleString};
use std::convert::Infallible;
use std::net::IpAddr;
use wharf_store::accounts::{Session, SESSION_TTL_MS};
use wharf_store::{hash_token, now_millis, Actor, UserRecord};

tokio::task_local! {
    /// The visitor of the request being served, for the page layout (its header shows who is
    /// signed in and carries the sign-out form) without every handler passing it down. Set by
    /// [`resolve`] around the whole request; handlers that act on the account take [`Visitor`] as
    /// an argument instead.
    static CURRENT: Visitor;
}

/// The visitor of the request being served, if called while serving one.
pub fn current() -> Option<Visitor> {
    CURRENT.try_with(Visitor::clone).ok()
}

pub const SESSION_COOKIE: &str = "wharf_session";
pub const CSRF_COOKIE: &str = "wharf_csrf";
/// The state of a single sign-on in progress, which the provider's answer must carry back.
pub const SSO_COOKIE: &str = "wharf_sso";
/// As long as a single sign-on may take.
const SSO_COOKIE_MS: i64 = 10 * 60 * 1000;

/// The visitor of one request, resolved once by [`resolve`] and taken by handlers as an argument.
#[derive(Debug, Clone)]
pub struct Visitor {
    /// The signed-in account and its session, if any.
    pub signed_in: Option<(UserRecord, Session)>,
    /// An account whose password was right, in a session waiting for its one-time code: not
    /// signed in until the code is given.
    pub awaiting_code: Option<(UserRecord, Session)>,
    /// The token this page's forms carry.
    pub csrf: String,
    pub ip: Option<IpAddr>,
}

impl Visitor {
    pub fn user(&self) -> Option<&UserRecord> {
        self.signed_in.as_ref().map(|(user, _)| user)
    }

    /// Who is acting, for the audit log: the account and the session, or only the address.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: self.user().map(|u| u.id),
            token_id: None,
            session_id: self.signed_in.as_ref().map(|(_, s)| s.id),
            ip: self.ip.map(|ip| ip.to_string()),
        }
    }

    /// Whether a submitted form's token is this visitor's. Both sides are hashed first, so the
    /// comparison's timing says nothing about the secret.
    pub fn csrf_matches(&self, submitted: &str) -> bool {
        !submitted.is_empty() && hash_token(submitted) == hash_token(&self.csrf)
    }
}

impl<S: Send + Sync> FromRequestParts<S> for Visitor {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Visitor, Infallible> {
        Ok(parts
            .extensions
            .get::<Visitor>()
            .cloned()
            // Only reachable if a route were mounted outside the site's layers.
            .unwrap_or_else(|| Visitor {
                signed_in: None,
                awaiting_code: None,
                csrf: String::new(),
                ip: None,
            }))
    }
}

fn new_secret() -> String {
    Alphanumeric.sample_string(&mut rand::rng(), 43)
}

/// Whether cookies must be `Secure`: when the registry's public address is HTTPS.
fn secure(state: &WebState) -> bool {
    state.app.config.public_url.starts_with("https://")
}

/// A cookie with the site's attributes.
fn cookie(state: &WebState, name: &'static str, value: String, max_age_ms: i64) -> Cookie<'static> {
    Cookie::build((name, value))
        .path("/")
        .http_only(true)
        .same_site(SameSite::Lax)
        .secure(secure(state))
        .max_age(time::Duration::milliseconds(max_age_ms))
        .build()
}

/// The `Set-Cookie` value that starts a session in the browser.
pub fn session_cookie(state: &WebState, secret: String) -> HeaderValue {
    let cookie = cookie(state, SESSION_COOKIE, secret, SESSION_TTL_MS);
    HeaderValue::from_str(&cookie.to_string()).expect("cookie values are ASCII")
}

/// The `Set-Cookie` value that binds a single sign-on's state to this browser.
pub fn sso_cookie(state: &WebState, value: String) -> HeaderValue {
    let cookie = cookie(state, SSO_COOKIE, value, SSO_COOKIE_MS);
    HeaderValue::from_str(&cookie.to_string()).expect("cookie values are ASCII")
}

/// The `Set-Cookie` value that removes the single sign-on cookie.
pub fn clear_sso_cookie(state: &WebState) -> HeaderValue {
    let cookie = cookie(state, SSO_COOKIE, String::new(), 0);
    HeaderValue::from_str(&cookie.to_string()).expect("cookie values are ASCII")
}

/// The `Set-Cookie` value that removes the session cookie.
pub fn clear_session_cookie(state: &WebState) -> HeaderValue {
    let cookie = cookie(state, SESSION_COOKIE, String::new(), 0);
    HeaderValue::from_str(&cookie.to_string()).expect("cookie values are ASCII")
}

/// Resolves the visitor before any page runs, and gives an anonymous visitor a CSRF cookie if they
/// have none. A session of a suspended or closed account counts as signed out: such an account
/// cannot act, and the sign-in page says why.
pub async fn resolve(State(state): State<WebState>, mut request: Request, next: Next) -> Response {
    let jar = CookieJar::from_headers(request.headers());
    let peer = request
        .extensions()
        .get::<axum::extract::ConnectInfo<std::net::SocketAddr>>()
        .map(|info| info.0.ip());
    let ip = wharf_registry::client_address(state.app.config.behind_proxy, request.headers(), peer);
    let mut signed_in = None;
    let mut awaiting_code = None;
    if let Some(secret) = jar.get(SESSION_COOKIE).map(|c| c.value().to_string()) {
        match state.app.db.session_by_secret(&secret).await {
            Ok(Some((session, user))) => {
                let barred =
                    user.terminated_at.is_some() || user.suspended_at(now_millis()).is_some();
                if !barred && session.second_factor_pending {
                    awaiting_code = Some((user, session));
                } else if !barred {
                    signed_in = Some((user, session));
                }
            }
            Ok(None) => {}
            // The page can still be shown to an anonymous visitor; the log says why.
            Err(error) => tracing::warn!(%error, "could not read a session"),
        }
    }
    // Only the account pages have forms an anonymous visitor sends; other pages set no cookie,
    // so browsing the registry leaves nothing behind.
    let needs_csrf_cookie = request.uri().path().starts_with("/account/");
    let mut new_csrf_cookie = None;
    let csrf = match signed_in.as_ref().or(awaiting_code.as_ref()) {
        Some((_, session)) => session.csrf_token.clone(),
        None => match jar.get(CSRF_COOKIE).map(|c| c.value().to_string()) {
            Some(value) if value.len() >= 32 => value,
            _ => {
                let value = new_secret();
                if needs_csrf_cookie {
                    new_csrf_cookie = Some(value.clone());
                }
                value
            }
        },
    };
    let visitor = Visitor {
        signed_in,
        awaiting_code,
        csrf,
        ip,
    };
    let personal = visitor.signed_in.is_some();
    request.extensions_mut().insert(visitor.clone());
    let mut response = CURRENT.scope(visitor, next.run(request)).await;
    if personal {
        // A signed-in page is for this visitor only: no shared cache may keep it.
        response.headers_mut().insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("private, no-store"),
        );
    }
    if let Some(value) = new_csrf_cookie {
        // A year: it is not a credential, only proof that a form came from this site.
        let cookie = cookie(&state, CSRF_COOKIE, value, 365 * 24 * 60 * 60 * 1000);
        if let Ok(value) = HeaderValue::from_str(&cookie.to_string()) {
            response.headers_mut().append(header::SET_COOKIE, value);
        }
    }
    response
}
