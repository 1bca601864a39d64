//! Signing in through the operator's OpenID Connect provider: `/account/sso` sends the browser
//! there with a state it also keeps in a cookie, and `/account/sso/callback` takes it back and
//! starts a session (waiting for a one-time code when the account has a second factor, as a
//! password sign-in would). The flow and its checks are the registry's
//! (`Registry::start_sso`, `finish_sso`).

use crate::account::safe_next;
use crate::forms::{see_other, sentence};
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

fn query(raw: &Option<String>) -> std::collections::HashMap<String, String> {
    url::form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes())
        .into_owned()
        .collect()
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
    let next = safe_next(query(&raw).get("next").map_or("/settings", String::as_str));
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
    let query = query(&raw);
    if let Some(error) = query.get("error") {
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
            query.get("state").map_or("", String::as_str),
            browser_state.as_deref(),
            query.get("code").map_or("", String::as_str),
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
