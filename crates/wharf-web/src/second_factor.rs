//! Two-factor sign-in on the site: setting it up (a QR code and a first code), the recovery codes
//! shown once, turning it off with a code, the code asked after the password at sign-in, and the
//! code asked again before the pages that decide who may publish act (tokens, owners, trusted
//! publishing, deletion) when the session's last code is older than a quarter of an hour.
//!
//! The codes are checked by the registry's use cases (`Registry::verify_second_factor`), which
//! count wrong ones and pause code entry after several, so every way in is limited alike.

use crate::account::safe_next;
use crate::extract::{CsrfForm, SignedIn};
use crate::forms::{query_value, refusal, see_other};
use crate::pages::Head;
use crate::session::Visitor;
use crate::{html, PageError, WebState};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{Method, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use wharf_policy::accounts::needs_fresh_code;
use wharf_routes::RecordedRoutes;
use wharf_store::now_millis;

type FormResult = Result<Response, PageError>;

/// The two-factor settings page, which its forms come back to.
pub struct TwoFactorPage;

impl crate::extract::ReturnAddress for TwoFactorPage {
    fn address(_: &axum::http::request::Parts) -> String {
        "/settings/2fa".into()
    }
}

pub(crate) fn routes() -> RecordedRoutes<WebState> {
    RecordedRoutes::new()
        .route(Method::GET, "/account/signin/code", sign_in_code_form)
        .route(Method::POST, "/account/signin/code", sign_in_code)
        .route(Method::GET, "/account/confirm", confirm_form)
        .route(Method::POST, "/account/confirm", confirm)
        .route(Method::GET, "/settings/2fa", settings)
        .route(Method::POST, "/settings/2fa/enrol", enrol)
        .route(Method::POST, "/settings/2fa/confirm", confirm_enrolment)
        .route(Method::POST, "/settings/2fa/disable", disable)
}

/// What the settings page shows.
enum Mode {
    Off,
    Enrolling { secret: String, qr_svg: String },
    NewCodes(Vec<String>),
    On { recovery_codes_left: i64 },
}

#[derive(Template)]
#[template(path = "account/two_factor.html")]
struct TwoFactorSettings {
    head: Head,
    section: &'static str,
    error: Option<String>,
    notice: Option<String>,
    off: bool,
    enrolling: Option<(String, String)>,
    new_codes: Vec<String>,
    codes_left: Option<i64>,
}

fn settings_page(
    status: StatusCode,
    mode: Mode,
    error: Option<String>,
    notice: Option<String>,
) -> Response {
    let mut page = TwoFactorSettings {
        head: Head::new("Two-factor sign-in"),
        section: "2fa",
        error,
        notice,
        off: false,
        enrolling: None,
        new_codes: Vec::new(),
        codes_left: None,
    };
    match mode {
        Mode::Off => page.off = true,
        Mode::Enrolling { secret, qr_svg } => page.enrolling = Some((secret, qr_svg)),
        Mode::NewCodes(codes) => page.new_codes = codes,
        Mode::On {
            recovery_codes_left,
        } => page.codes_left = Some(recovery_codes_left),
    }
    html(status, &page)
}

async fn current_mode(state: &WebState, user_id: i64) -> Result<Mode, PageError> {
    let facts = state.app.db.second_factor_state(user_id).await?;
    Ok(if facts.secret.is_some() {
        Mode::On {
            recovery_codes_left: facts.recovery_codes_left,
        }
    } else {
        Mode::Off
    })
}

pub async fn settings(
    State(state): State<WebState>,
    signed_in: SignedIn<TwoFactorPage>,
    RawQuery(raw): RawQuery,
) -> FormResult {
    let notice = match query_value(&raw, "done").as_deref() {
        Some("off") => Some("Two-factor sign-in is off: your password alone signs you in.".into()),
        _ => None,
    };
    let mode = current_mode(&state, signed_in.user.id).await?;
    Ok(settings_page(StatusCode::OK, mode, None, notice))
}

#[derive(Deserialize, Default)]
pub struct CodeForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    next: String,
}

#[derive(Deserialize, Default)]
pub struct EnrolForm {
    #[serde(default)]
    password: String,
}

/// Setting up asks for the password (or, for an account without one, a sign-in in the last
/// quarter of an hour): a session left open must not be enough to lock its owner out with
/// someone else's phone.
async fn may_enrol(
    state: &WebState,
    signed_in: &SignedIn<TwoFactorPage>,
    password: String,
) -> Result<bool, PageError> {
    let facts = state.app.db.sign_in_facts(&signed_in.user.login).await?;
    match facts.and_then(|f| f.password_hash) {
        Some(stored) => Ok(tokio::task::spawn_blocking(move || {
            wharf_store::accounts::verify_password(&stored, &password)
        })
        .await
        .unwrap_or(false)),
        None => Ok(now_millis() - signed_in.session.created_at
            <= wharf_policy::accounts::FRESH_SECOND_FACTOR_MS),
    }
}

pub async fn enrol(
    State(state): State<WebState>,
    signed_in: SignedIn<TwoFactorPage>,
    CsrfForm(form): CsrfForm<EnrolForm>,
) -> FormResult {
    if !may_enrol(&state, &signed_in, form.password).await? {
        let mode = current_mode(&state, signed_in.user.id).await?;
        return Ok(settings_page(
            StatusCode::FORBIDDEN,
            mode,
            Some(
                "That password is not right (an account without one signs in again first). \
                 Nothing changed."
                    .into(),
            ),
            None,
        ));
    }
    match state.app.start_totp_enrolment(&signed_in.user).await {
        Ok(enrolment) => Ok(settings_page(
            StatusCode::OK,
            Mode::Enrolling {
                secret: enrolment.secret,
                qr_svg: enrolment.qr_svg,
            },
            None,
            None,
        )),
        Err(error) => {
            let (status, message) = refusal(error)?;
            let mode = current_mode(&state, signed_in.user.id).await?;
            Ok(settings_page(status, mode, Some(message), None))
        }
    }
}

pub async fn confirm_enrolment(
    State(state): State<WebState>,
    signed_in: SignedIn<TwoFactorPage>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> FormResult {
    match state
        .app
        .confirm_totp(&signed_in.user, &form.code, &signed_in.actor())
        .await
    {
        Ok(codes) => {
            // The code just given counts as this session's; the account's other sessions were
            // opened with the password alone, and end.
            let db = &state.app.db;
            db.second_factor_given(signed_in.session.id, &signed_in.actor())
                .await?;
            db.end_sessions_of(signed_in.user.id, Some(signed_in.session.id))
                .await?;
            Ok(settings_page(
                StatusCode::OK,
                Mode::NewCodes(codes),
                None,
                Some("Two-factor sign-in is on.".into()),
            ))
        }
        Err(error) => {
            let (status, message) = refusal(error)?;
            // The same secret stays pending: show it again with the reason.
            let facts = state.app.db.second_factor_state(signed_in.user.id).await?;
            let mode = match facts.pending_secret {
                Some(_) => match state.app.start_totp_enrolment(&signed_in.user).await {
                    Ok(enrolment) => Mode::Enrolling {
                        secret: enrolment.secret,
                        qr_svg: enrolment.qr_svg,
                    },
                    Err(_) => current_mode(&state, signed_in.user.id).await?,
                },
                None => current_mode(&state, signed_in.user.id).await?,
            };
            Ok(settings_page(
                status,
                mode,
                Some(format!("{message} A new code was made: scan it again.")),
                None,
            ))
        }
    }
}

pub async fn disable(
    State(state): State<WebState>,
    signed_in: SignedIn<TwoFactorPage>,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> FormResult {
    match state
        .app
        .disable_totp(&signed_in.user, &form.code, &signed_in.actor())
        .await
    {
        Ok(()) => Ok(see_other("/settings/2fa?done=off")),
        Err(error) => {
            let (status, message) = refusal(error)?;
            let mode = current_mode(&state, signed_in.user.id).await?;
            Ok(settings_page(status, mode, Some(message), None))
        }
    }
}

#[derive(Template)]
#[template(path = "account/code.html")]
struct CodePage {
    head: Head,
    error: Option<String>,
    notice: Option<String>,
    heading: &'static str,
    action: &'static str,
    next: String,
    explanation: &'static str,
}

fn code_page(status: StatusCode, signing_in: bool, next: &str, error: Option<String>) -> Response {
    let (heading, action, explanation) = if signing_in {
        (
            "Enter your code",
            "/account/signin/code",
            "Your password was right. Now type the six-digit code your authenticator app shows, or one of your recovery codes.",
        )
    } else {
        (
            "Confirm it is you",
            "/account/confirm",
            "This page changes who may publish crates. Type the six-digit code your authenticator app shows, or a recovery code, to go on.",
        )
    };
    html(
        status,
        &CodePage {
            head: Head::new(heading),
            error,
            notice: None,
            heading,
            action,
            next: next.to_string(),
            explanation,
        },
    )
}

pub async fn sign_in_code_form(visitor: Visitor, RawQuery(raw): RawQuery) -> Response {
    let next = safe_next(&query_value(&raw, "next").unwrap_or_default());
    if visitor.awaiting_code.is_none() {
        return see_other("/account/signin");
    }
    code_page(StatusCode::OK, true, &next, None)
}

pub async fn sign_in_code(
    State(state): State<WebState>,
    visitor: Visitor,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> FormResult {
    let Some((user, session)) = visitor.awaiting_code.clone() else {
        return Ok(see_other("/account/signin"));
    };
    let actor = wharf_store::Actor {
        user_id: Some(user.id),
        session_id: Some(session.id),
        ..visitor.actor()
    };
    take_code(&state, &visitor, &user, session.id, &actor, form, true).await
}

/// Checks a code given in a session — after the password (`signing_in`) or before a page that
/// changes who may publish — within the per-address limit sign-ins have, marks the session as
/// having given it, and sends the visitor on; a wrong code shows the page again.
async fn take_code(
    state: &WebState,
    visitor: &Visitor,
    user: &wharf_store::UserRecord,
    session_id: i64,
    actor: &wharf_store::Actor,
    form: CodeForm,
    signing_in: bool,
) -> FormResult {
    let next = safe_next(&form.next);
    if let Some(ip) = visitor.ip {
        if state.web.sign_in_limiter.check(ip).await.is_err() {
            return Ok(code_page(
                StatusCode::TOO_MANY_REQUESTS,
                signing_in,
                &next,
                Some("Too many attempts from your address. Wait a minute and try again.".into()),
            ));
        }
    }
    match state
        .app
        .verify_second_factor(user, &form.code, actor)
        .await
    {
        Ok(()) => {
            state.app.db.second_factor_given(session_id, actor).await?;
            Ok(see_other(&next))
        }
        Err(error) => {
            let (status, message) = refusal(error)?;
            Ok(code_page(status, signing_in, &next, Some(message)))
        }
    }
}

pub async fn confirm_form(_signed_in: SignedIn, RawQuery(raw): RawQuery) -> Response {
    let next = safe_next(&query_value(&raw, "next").unwrap_or_default());
    code_page(StatusCode::OK, false, &next, None)
}

pub async fn confirm(
    State(state): State<WebState>,
    visitor: Visitor,
    signed_in: SignedIn,
    CsrfForm(form): CsrfForm<CodeForm>,
) -> FormResult {
    let actor = signed_in.actor();
    take_code(
        &state,
        &visitor,
        &signed_in.user,
        signed_in.session.id,
        &actor,
        form,
        false,
    )
    .await
}

/// Before a form that changes who may publish acts: when the account has a second factor and
/// this session gave no code recently, the visitor is sent to give one and come back to `page`
/// (whose form they then send again). `None`: go ahead.
pub(crate) fn fresh_code_needed<Back>(signed_in: &SignedIn<Back>, page: &str) -> Option<Response> {
    needs_fresh_code(
        signed_in.user.second_factor,
        signed_in.session.second_factor_at,
        now_millis(),
    )
    .then(|| {
        let next: String = url::form_urlencoded::byte_serialize(page.as_bytes()).collect();
        see_other(&format!("/account/confirm?next={next}"))
    })
}
