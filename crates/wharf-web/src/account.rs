//! Accounts on the web site: sign up, sign in, sign out, verifying an e-mail address, resetting a
//! password, and the account overview with its signed-in browsers.
//!
//! Protections against fake accounts and guessing: sign-ups and sign-in attempts are limited per
//! client address; a run of failed sign-ins makes the account wait before the next attempt
//! (`wharf_policy::accounts::sign_in_wait_ms`); reserved user names and blocked e-mail domains
//! (lists the operator keeps) are refused. Every form carries a CSRF token.

use crate::extract::{AccountOverview, CsrfForm, FormRefused, SignedIn};
use crate::forms::{see_other, sentence};
use crate::pages::Head;
use crate::session::{clear_session_cookie, session_cookie, Visitor};
use crate::{html, PageError, WebState};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wharf_policy::accounts::{
    check_password, is_blocked_email, is_reserved_login, sign_in_wait_ms, MIN_PASSWORD_CHARS,
};
use wharf_store::accounts::{hash_password, verify_password, NewAccount};
use wharf_store::{day_string, now_millis, rfc3339, Actor, AdminList, StoreError, UserRecord};

/// A form's outcome for the visitor: a page with a message in words, or somewhere else to go.
type FormResult = Result<Response, PageError>;

/// The page to return to after signing in: only a path on this site, never another site.
pub(crate) fn safe_next(next: &str) -> String {
    // Browsers drop tabs and line breaks inside addresses, so `/\t/evil.example` would become
    // `//evil.example`: a path with a control character, or a backslash, is not taken either.
    let local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.chars().any(|c| c == '\\' || c.is_control());
    if local {
        next.to_string()
    } else {
        "/settings".to_string()
    }
}

/// Runs argon2 off the async workers: it is slow on purpose.
async fn blocking<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    tokio::task::spawn_blocking(work)
        .await
        .expect("password hashing does not panic")
}

/// A stored hash that matches no password: checked when a sign-in names no account, so that the
/// answer takes as long as for a real one and does not reveal which names exist.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no account has this password").unwrap_or_default())
}

// ---------------------------------------------------------------------------------------------
// Sign in and out

#[derive(Template)]
#[template(path = "account/signin.html")]
struct SignInPage {
    head: Head,
    error: Option<String>,
    notice: Option<String>,
    next: String,
    login: String,
    signup_open: bool,
    /// The provider's name, when single sign-on is set up.
    sso_name: Option<String>,
    password_sign_in: bool,
}

fn sign_in_page(
    state: &WebState,
    status: StatusCode,
    error: Option<String>,
    login: &str,
    next: &str,
) -> Response {
    html(
        status,
        &SignInPage {
            head: Head::new("Sign in"),
            error,
            notice: None,
            next: next.to_string(),
            login: login.to_string(),
            signup_open: state.web.config.signup_open,
            sso_name: state.app.sso_name().map(str::to_string),
            password_sign_in: state.web.config.password_sign_in,
        },
    )
}

pub async fn sign_in_form(State(state): State<WebState>, RawQuery(raw): RawQuery) -> Response {
    let next = url::form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes())
        .find(|(k, _)| k == "next")
        .map(|(_, v)| safe_next(&v))
        .unwrap_or_else(|| "/settings".into());
    sign_in_page(&state, StatusCode::OK, None, "", &next)
}

#[derive(Deserialize)]
pub struct SignInForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    next: String,
}

pub async fn sign_in(
    State(state): State<WebState>,
    visitor: Visitor,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<SignInForm>,
) -> FormResult {
    let next = safe_next(&form.next);
    let login = form.login.trim().to_string();
    let again =
        |status, error: String| Ok(sign_in_page(&state, status, Some(error), &login, &next));
    if !state.web.config.password_sign_in {
        return again(
            StatusCode::FORBIDDEN,
            "Passwords do not sign in here: use the single sign-on button.".into(),
        );
    }
    if let Some(ip) = visitor.ip {
        if state.web.sign_in_limiter.check(ip).await.is_err() {
            return again(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many sign-in attempts from your address. Wait a minute and try again.".into(),
            );
        }
    }
    let facts = state.app.db.sign_in_facts(&login).await?;
    let now = now_millis();
    if let Some(facts) = &facts {
        let wait = sign_in_wait_ms(facts.failed_sign_ins);
        let free_at = facts.last_failed_sign_in_at.unwrap_or(0) + wait;
        if wait > 0 && free_at > now {
            let seconds = (free_at - now + 999) / 1000;
            return again(
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "This account had too many failed sign-ins. Try again in {seconds} seconds, or \
                     reset the password."
                ),
            );
        }
    }
    let stored = facts
        .as_ref()
        .and_then(|f| f.password_hash.clone())
        .unwrap_or_else(|| dummy_hash().to_string());
    let password = form.password.clone();
    let matches = blocking(move || verify_password(&stored, &password)).await;
    let named = facts.as_ref().map(|f| f.user.id);
    let Some(facts) = facts.filter(|f| matches && f.password_hash.is_some()) else {
        if let Some(user_id) = named {
            state
                .app
                .db
                .sign_in_failed(user_id, &visitor.actor())
                .await?;
        }
        return again(
            StatusCode::UNAUTHORIZED,
            "That user name and password do not match. Names are not case-sensitive; passwords are."
                .into(),
        );
    };
    let user = facts.user;
    if user.terminated_at.is_some() {
        return again(
            StatusCode::FORBIDDEN,
            "The moderators closed this account; it cannot sign in.".into(),
        );
    }
    if let Some(suspension) = user.suspended_at(now) {
        let until = match suspension.until {
            Some(until) => format!("until {}", rfc3339(until)),
            None => "until the moderators lift it".into(),
        };
        return again(
            StatusCode::FORBIDDEN,
            format!(
                "This account is suspended {until}. Reason: {}",
                suspension.reason
            ),
        );
    }
    start_session(&state, &user, &headers, &visitor.actor(), &next).await
}

/// Starts the session of a sign-in that was confirmed (by password, or by the single sign-on
/// provider) and sends the visitor on to `next` — by way of the page asking for the one-time code
/// when the account has a second factor, in which case the session waits for it.
pub(crate) async fn start_session(
    state: &WebState,
    user: &UserRecord,
    headers: &HeaderMap,
    actor: &Actor,
    next: &str,
) -> FormResult {
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let (_, secret) = state
        .app
        .db
        .start_session(user.id, user_agent, user.second_factor, actor)
        .await?;
    let mut response = if user.second_factor {
        let next: String = url::form_urlencoded::byte_serialize(next.as_bytes()).collect();
        see_other(&format!("/account/signin/code?next={next}"))
    } else {
        see_other(next)
    };
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(state, secret));
    Ok(response)
}

/// Ends the visitor's session, if they have one, and removes its cookie. Only a session needs
/// the form's token: a browser whose session already ended is signed out whatever it sends.
pub async fn sign_out(
    State(state): State<WebState>,
    visitor: Visitor,
    signed_in: Option<SignedIn>,
    form: Result<CsrfForm, FormRefused>,
) -> FormResult {
    // A session still waiting for its code ends too: it is no sign-in, but it is live.
    if let Some((user, session)) = &visitor.awaiting_code {
        match state
            .app
            .db
            .end_session(user.id, session.id, &visitor.actor())
            .await
        {
            Ok(()) | Err(StoreError::NotFound(_)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    if let Some(signed_in) = signed_in {
        if let Err(refused) = form {
            return Ok(refused.into_response());
        }
        match state
            .app
            .db
            .end_session(signed_in.user.id, signed_in.session.id, &signed_in.actor())
            .await
        {
            Ok(()) | Err(StoreError::NotFound(_)) => {}
            Err(error) => return Err(error.into()),
        }
    }
    let mut response = see_other("/");
    response
        .headers_mut()
        .append(header::SET_COOKIE, clear_session_cookie(&state));
    Ok(response)
}

// ---------------------------------------------------------------------------------------------
// Sign up and verify

#[derive(Template)]
#[template(path = "account/signup.html")]
struct SignUpPage {
    head: Head,
    error: Option<String>,
    notice: Option<String>,
    open: bool,
    login: String,
    email: String,
    min_password: usize,
}

fn sign_up_page(
    state: &WebState,
    status: StatusCode,
    error: Option<String>,
    login: &str,
    email: &str,
) -> Response {
    html(
        status,
        &SignUpPage {
            head: Head::new("Create an account"),
            error,
            notice: None,
            open: state.web.config.signup_open,
            login: login.to_string(),
            email: email.to_string(),
            min_password: MIN_PASSWORD_CHARS,
        },
    )
}

pub async fn sign_up_form(State(state): State<WebState>, visitor: Visitor) -> Response {
    if visitor.signed_in.is_some() {
        return see_other("/settings");
    }
    sign_up_page(&state, StatusCode::OK, None, "", "")
}

#[derive(Deserialize)]
pub struct SignUpForm {
    #[serde(default)]
    login: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn sign_up(
    State(state): State<WebState>,
    visitor: Visitor,
    headers: HeaderMap,
    CsrfForm(form): CsrfForm<SignUpForm>,
) -> FormResult {
    let login = form.login.trim().to_string();
    let email = form.email.trim().to_string();
    let again =
        |status, error: String| Ok(sign_up_page(&state, status, Some(error), &login, &email));
    if !state.web.config.signup_open {
        return again(
            StatusCode::FORBIDDEN,
            "This registry does not take new accounts on the web site.".into(),
        );
    }
    if let Err(error) = wharf_store::validate_login(&login) {
        return again(StatusCode::UNPROCESSABLE_ENTITY, error.to_string());
    }
    let reserved = state.app.db.admin_list(AdminList::ReservedLogins).await?;
    if is_reserved_login(&login, &reserved) {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("The name “{login}” is reserved: it could be taken for the registry or its staff. Choose another."),
        );
    }
    if let Err(error) = wharf_store::validate_email(&email) {
        return again(StatusCode::UNPROCESSABLE_ENTITY, error.to_string());
    }
    let blocked = state
        .app
        .db
        .admin_list(AdminList::BlockedEmailDomains)
        .await?;
    if is_blocked_email(&email, &blocked) {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Addresses at this provider are not accepted: they stop working too soon for us to reach \
             you about your crates. Use an address you keep."
                .into(),
        );
    }
    if let Err(error) = check_password(&form.password) {
        return again(StatusCode::UNPROCESSABLE_ENTITY, sentence(&error));
    }
    if form.password != form.confirm {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            "The two passwords differ. Type the same one twice.".into(),
        );
    }
    // Counted only for sign-ups that would otherwise succeed: mistakes in the form cost nothing.
    if let Some(ip) = visitor.ip {
        if state.web.sign_up_limiter.check(ip).await.is_err() {
            return again(
                StatusCode::TOO_MANY_REQUESTS,
                "Too many accounts were created from your address recently. Try again later."
                    .into(),
            );
        }
    }
    let password = form.password.clone();
    let password_hash = blocking(move || hash_password(&password)).await?;
    let actor = visitor.actor();
    let user = match state
        .app
        .db
        .sign_up(
            &NewAccount {
                login: login.clone(),
                email: email.clone(),
                password_hash,
            },
            &actor,
        )
        .await
    {
        Ok(user) => user,
        Err(StoreError::Conflict(message) | StoreError::Invalid(message)) => {
            return again(StatusCode::CONFLICT, sentence(&message));
        }
        Err(error) => return Err(error.into()),
    };
    let user_agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok());
    let (_, secret) = state
        .app
        .db
        .start_session(user.id, user_agent, false, &actor)
        .await?;
    let mut response = see_other("/settings?welcome=1");
    response
        .headers_mut()
        .append(header::SET_COOKIE, session_cookie(&state, secret));
    Ok(response)
}

pub async fn verify(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
) -> FormResult {
    match state.app.db.verify_email(&token, &visitor.actor()).await {
        Ok(user) => Ok(crate::pages::message(
            StatusCode::OK,
            "Address verified",
            &format!(
                "Thank you: {} is now the verified address of the account {}. You can create API \
                 tokens in your account settings.",
                user.email, user.login
            ),
        )),
        Err(StoreError::NotFound(message) | StoreError::Gone(message)) => {
            Ok(crate::pages::message(
                StatusCode::GONE,
                "This link does not work",
                &format!(
                    "{} Signed-in accounts can send a new one from their settings.",
                    sentence(&message)
                ),
            ))
        }
        Err(error) => Err(error.into()),
    }
}

pub async fn resend_verification(
    State(state): State<WebState>,
    SignedIn { user, .. }: SignedIn<AccountOverview>,
    _: CsrfForm,
) -> FormResult {
    match state.app.db.resend_verification(user.id).await {
        Ok(()) | Err(StoreError::Conflict(_)) => Ok(see_other("/settings?sent=1")),
        Err(error) => Err(error.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// Password reset

#[derive(Template)]
#[template(path = "account/reset_request.html")]
struct ResetRequestPage {
    head: Head,
    error: Option<String>,
    notice: Option<String>,
}

pub async fn reset_request_form() -> Response {
    html(
        StatusCode::OK,
        &ResetRequestPage {
            head: Head::new("Reset your password"),
            error: None,
            notice: None,
        },
    )
}

#[derive(Deserialize)]
pub struct ResetRequestForm {
    #[serde(default)]
    who: String,
}

pub async fn reset_request(
    State(state): State<WebState>,
    visitor: Visitor,
    CsrfForm(form): CsrfForm<ResetRequestForm>,
) -> FormResult {
    // Reset requests send mail: they share the sign-in limit, so the form cannot flood an inbox.
    if let Some(ip) = visitor.ip {
        if state.web.sign_in_limiter.check(ip).await.is_err() {
            return Ok(html(
                StatusCode::TOO_MANY_REQUESTS,
                &ResetRequestPage {
                    head: Head::new("Reset your password"),
                    error: Some("Too many requests from your address. Wait a minute.".into()),
                    notice: None,
                },
            ));
        }
    }
    state.app.db.request_password_reset(&form.who).await?;
    Ok(html(
        StatusCode::OK,
        &ResetRequestPage {
            head: Head::new("Reset your password"),
            error: None,
            notice: Some(
                "If an account has that name or address, a link to reset its password is on its \
                 way to the account's address. It works for one hour."
                    .into(),
            ),
        },
    ))
}

#[derive(Template)]
#[template(path = "account/reset.html")]
struct ResetPage {
    head: Head,
    error: Option<String>,
    notice: Option<String>,
    token: String,
    min_password: usize,
}

fn reset_page(token: &str, status: StatusCode, error: Option<String>) -> Response {
    html(
        status,
        &ResetPage {
            head: Head::new("Choose a new password"),
            error,
            notice: None,
            token: token.to_string(),
            min_password: MIN_PASSWORD_CHARS,
        },
    )
}

fn dead_reset_link() -> Response {
    crate::pages::message(
        StatusCode::GONE,
        "This link does not work",
        "The link has expired, was already used, or was not copied whole. Ask for a new one on the \
         password reset page.",
    )
}

pub async fn reset_form(State(state): State<WebState>, Path(token): Path<String>) -> FormResult {
    if !state.app.db.password_reset_is_valid(&token).await? {
        return Ok(dead_reset_link());
    }
    Ok(reset_page(&token, StatusCode::OK, None))
}

#[derive(Deserialize)]
pub struct ResetForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    confirm: String,
}

pub async fn reset(
    State(state): State<WebState>,
    visitor: Visitor,
    Path(token): Path<String>,
    CsrfForm(form): CsrfForm<ResetForm>,
) -> FormResult {
    if let Err(error) = check_password(&form.password) {
        return Ok(reset_page(
            &token,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(sentence(&error)),
        ));
    }
    if form.password != form.confirm {
        return Ok(reset_page(
            &token,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("The two passwords differ. Type the same one twice.".into()),
        ));
    }
    let password = form.password.clone();
    let password_hash = blocking(move || hash_password(&password)).await?;
    match state
        .app
        .db
        .reset_password(&token, &password_hash, &visitor.actor())
        .await
    {
        Ok(_) => {
            // Every session ended, this browser's too: it signs in with the new password.
            let mut response = see_other("/account/signin?next=/settings");
            response
                .headers_mut()
                .append(header::SET_COOKIE, clear_session_cookie(&state));
            Ok(response)
        }
        Err(StoreError::NotFound(_) | StoreError::Gone(_)) => Ok(dead_reset_link()),
        Err(error) => Err(error.into()),
    }
}

// ---------------------------------------------------------------------------------------------
// The account overview

/// The response for a page that needs a signed-in visitor who is not: the sign-in page, coming
/// back here afterwards.
pub fn sign_in_first(path: &str) -> Response {
    let next: String = url::form_urlencoded::byte_serialize(path.as_bytes()).collect();
    see_other(&format!("/account/signin?next={next}"))
}

pub struct SessionRow {
    pub id: i64,
    pub created: String,
    pub last_seen: String,
    pub ip: String,
    pub user_agent: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "account/settings.html")]
struct SettingsPage {
    head: Head,
    section: &'static str,
    error: Option<String>,
    notice: Option<String>,
    login: String,
    email: String,
    verified: bool,
    role: &'static str,
    joined: String,
    sessions: Vec<SessionRow>,
}

pub async fn settings(
    State(state): State<WebState>,
    SignedIn {
        user,
        session: current,
        ..
    }: SignedIn<AccountOverview>,
    RawQuery(raw): RawQuery,
) -> FormResult {
    let query = raw.unwrap_or_default();
    let notice = if query.contains("welcome=1") {
        Some(format!(
            "Welcome! We sent a link to {} to verify it.",
            user.email
        ))
    } else if query.contains("sent=1") {
        Some(format!("We sent a new link to {}.", user.email))
    } else {
        None
    };
    let sessions = state
        .app
        .db
        .sessions_of(user.id)
        .await?
        .into_iter()
        .map(|s| SessionRow {
            id: s.id,
            created: rfc3339(s.created_at),
            last_seen: rfc3339(s.last_seen_at),
            ip: s.ip.unwrap_or_default(),
            user_agent: s.user_agent.unwrap_or_default(),
            current: s.id == current.id,
        })
        .collect();
    let role = if user.is_admin {
        "administrator"
    } else if user.is_moderator {
        "moderator"
    } else {
        "user"
    };
    Ok(html(
        StatusCode::OK,
        &SettingsPage {
            head: Head::new("Your account"),
            section: "account",
            error: None,
            notice,
            login: user.login.clone(),
            email: user.email.clone(),
            verified: user.email_verified,
            role,
            joined: day_string(user.created_at),
            sessions,
        },
    ))
}

pub async fn end_session(
    State(state): State<WebState>,
    signed_in: SignedIn<AccountOverview>,
    Path(session_id): Path<i64>,
    _: CsrfForm,
) -> FormResult {
    match state
        .app
        .db
        .end_session(signed_in.user.id, session_id, &signed_in.actor())
        .await
    {
        Ok(()) | Err(StoreError::NotFound(_)) => Ok(see_other("/settings")),
        Err(error) => Err(error.into()),
    }
}

/// cargo's `login_url` and crates.io's address for the token page.
pub async fn me() -> Response {
    see_other("/settings/tokens")
}
