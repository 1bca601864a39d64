//! Signing in through the operator's OpenID Connect provider: `/account/sso` sends the browser
//! there with a state it also keeps in a cookie, and `/account/sso/callback` takes it back and
//! starts a session (waiting for a one-time code when the account has a second factor, as a
//! password sign-in would). The flow and its checks are the registry's
//! (`Registry::start_sso`, `finish_sso`).

use crate::account::safe_next;
use crate::forms::{query_value, see_other, sentence};
use crate::session::{clear_sso_cookie, sso_cookie, Visitor, SSO_COOKIE};
use crate::{pages, PageError, WebState};
use axum::extract::{RawQuery, State};
use axum::http::{header, HeaderMap, Method};
use axum::response::Response;
use axum_extra::extract::cookie::CookieJar;
use wharf_registry::RegistryError;
use wharf_routes::RecordedRoutes;

type PageResult = Result<Response, PageError>;

pub(crate) fn routes() -> RecordedRoutes<WebState> {
    RecordedRoutes::new()
        .route(Method::GET, "/account/sso", start)
        .route(Method::GET, "/account/sso/callback", callback)
}

fn refused_page(state: &WebState, error: RegistryError) -> PageResult {
    let status = crate::refusal_status(&error).ok_or(PageError::Internal)?;
    let mut response = pages::message(status, "Sign-in failed", &sentence(&error.detail()));
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_sso_cookie(state));
    Ok(response)
}

pub async fn start(State(state): State<WebState>, RawQuery(raw): RawQuery) -> PageResult {
    let next = safe_next(&query_value(&raw, "next").unwrap_or_else(|| "/settings".into()));
    match state.app.start_sso(&next).await {
        Ok(started) => {
            let mut response = see_other(&started.authorize_url);
            response
                .headers_mut()
                .append(header::SET_COOKIE, sso_cookie(&state, started.state));
            Ok(response)
        }
        Err(error) => refused_page(&state, error),
    }
}

pub async fn callback(
    State(state): State<WebState>,
    visitor: Visitor,
    headers: HeaderMap,
    RawQuery(raw): RawQuery,
) -> PageResult {
    if let Some(error) = query_value(&raw, "error") {
        return refused_page(
            &state,
            RegistryError::Forbidden(format!("the provider did not sign you in: {error}")),
        );
    }
    let jar = CookieJar::from_headers(&headers);
    let browser_state = jar.get(SSO_COOKIE).map(|c| c.value().to_string());
    let finished = state
        .app
        .finish_sso(
            &query_value(&raw, "state").unwrap_or_default(),
            browser_state.as_deref(),
            &query_value(&raw, "code").unwrap_or_default(),
            &visitor.actor(),
        )
        .await;
    let (user, next) = match finished {
        Ok(done) => done,
        Err(error) => return refused_page(&state, error),
    };
    let mut response =
        crate::account::start_session(&state, &user, &headers, &visitor.actor(), &next).await?;
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_sso_cookie(&state));
    Ok(response)
}
