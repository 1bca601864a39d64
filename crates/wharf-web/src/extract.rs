//! What a handler needs from the request, stated in its signature: [`SignedIn`] (an account is
//! signed in), [`Moderator`] (one that may moderate), and [`CsrfForm`] (a form, read, that came
//! from a page this site showed this visitor). Each refuses a request that lacks it with the same
//! page every handler gave before, so a handler's body starts with its own work.
//!
//! Who is visiting is resolved once by `session::resolve`; these extractors only read that
//! [`Visitor`] and decide.

use crate::account::sign_in_first;
use crate::forms::{refused_csrf, unreadable_form};
use crate::session::Visitor;
use axum::extract::rejection::RawFormRejection;
use axum::extract::{FromRequest, FromRequestParts, OptionalFromRequestParts, RawForm, Request};
use axum::http::request::Parts;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::Deserialize;
use std::convert::Infallible;
use std::marker::PhantomData;
use std::net::IpAddr;
use wharf_registry::Principal;
use wharf_store::accounts::Session;
use wharf_store::{Actor, UserRecord};

/// The request's own visitor. Only a route mounted outside the site's layers would have none, and
/// to such a route nobody is signed in.
fn visitor(parts: &Parts) -> Option<&Visitor> {
    parts.extensions.get::<Visitor>()
}

// ---------------------------------------------------------------------------------------------
// Where a visitor comes back to after signing in

/// Where a visitor sent to sign in first comes back to afterwards.
pub trait ReturnAddress {
    fn address(request: &Parts) -> String;
}

/// The address asked for, with its query: right for a page, and for a form posted to the address
/// of the page it is on.
pub struct ThisPage;

impl ReturnAddress for ThisPage {
    fn address(request: &Parts) -> String {
        match request.uri.path_and_query() {
            Some(path_and_query) => path_and_query.as_str().to_string(),
            None => request.uri.path().to_string(),
        }
    }
}

/// Pages named by their address alone. Their forms post elsewhere, so a visitor whose session
/// ended while the page was open comes back to the page, not to the form's address (which has no
/// page of its own); and their query only says what the last form did, a notice not to repeat.
macro_rules! pages_with_forms {
    ($($(#[doc = $doc:literal])* $page:ident => $address:literal,)*) => {$(
        $(#[doc = $doc])*
        pub struct $page;

        impl ReturnAddress for $page {
            fn address(_: &Parts) -> String {
                $address.to_string()
            }
        }
    )*};
}

pages_with_forms! {
    /// The account overview: ending a session, sending a new verification link.
    AccountOverview => "/settings",
    /// The API tokens: creating and revoking one.
    TokenList => "/settings/tokens",
    /// The owner invitations: accepting or declining one.
    InvitationList => "/settings/invitations",
    /// The visitor's crates: inviting and removing owners, deleting a crate.
    OwnedCrates => "/settings/crates",
    /// The moderators' queue: actions sent from any moderation page.
    ModerationQueue => "/moderation",
    /// The accounts under suspension.
    SuspensionList => "/moderation/suspensions",
    /// What the policy withheld from the upstream registry.
    UpstreamWithheldList => "/moderation/upstream",
    /// The visitor's reports: the confirmation of a report is one of them.
    ReportList => "/settings/reports",
}

// ---------------------------------------------------------------------------------------------
// Signed in

/// A signed-in account and its session. Anyone else is sent to sign in and comes back to `Back`'s
/// address: a redirect, whatever the method, as a browser follows it to the sign-in page.
pub struct SignedIn<Back = ThisPage> {
    pub user: UserRecord,
    pub session: Session,
    ip: Option<IpAddr>,
    back: PhantomData<fn() -> Back>,
}

impl<Back> SignedIn<Back> {
    /// Who is acting, for the audit log: the account, its session and its address.
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.user.id),
            token_id: None,
            session_id: Some(self.session.id),
            ip: self.ip.map(|ip| ip.to_string()),
        }
    }

    /// The account as the registry's use-cases take it: acting through this session, with every
    /// right the account has.
    pub fn principal(&self) -> Principal {
        Principal {
            user: self.user.clone(),
            token: None,
            actor: self.actor(),
            trusted_publishing_token: None,
        }
    }

    fn of(visitor: Option<&Visitor>) -> Option<SignedIn<Back>> {
        let visitor = visitor?;
        let (user, session) = visitor.signed_in.clone()?;
        Some(SignedIn {
            user,
            session,
            ip: visitor.ip,
            back: PhantomData,
        })
    }
}

/// The answer to a visitor who must sign in first: the sign-in page, coming back afterwards.
#[derive(Debug)]
pub struct SignInFirst {
    back: String,
}

impl IntoResponse for SignInFirst {
    fn into_response(self) -> Response {
        sign_in_first(&self.back)
    }
}

impl<S: Send + Sync, Back: ReturnAddress> FromRequestParts<S> for SignedIn<Back> {
    type Rejection = SignInFirst;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, SignInFirst> {
        SignedIn::of(visitor(parts)).ok_or_else(|| SignInFirst {
            back: Back::address(parts),
        })
    }
}

/// `Option<SignedIn>`: the account if one is signed in, for the few addresses anyone may use.
impl<S: Send + Sync, Back> OptionalFromRequestParts<S> for SignedIn<Back> {
    type Rejection = Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Option<Self>, Infallible> {
        Ok(SignedIn::of(visitor(parts)))
    }
}

// ---------------------------------------------------------------------------------------------
// Moderator

/// A signed-in moderator or admin. Anonymous visitors are sent to sign in; anyone else signed in
/// gets the site's ordinary "page not found", so the moderation pages do not admit they exist.
pub struct Moderator<Back = ThisPage>(pub SignedIn<Back>);

/// Why a visitor may not use a moderation page.
#[derive(Debug)]
pub enum NotModerator {
    SignInFirst(SignInFirst),
    NotFound,
}

impl IntoResponse for NotModerator {
    fn into_response(self) -> Response {
        match self {
            NotModerator::SignInFirst(sign_in) => sign_in.into_response(),
            NotModerator::NotFound => crate::not_found(),
        }
    }
}

impl<S: Send + Sync, Back: ReturnAddress> FromRequestParts<S> for Moderator<Back> {
    type Rejection = NotModerator;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, NotModerator> {
        let signed_in = <SignedIn<Back> as FromRequestParts<S>>::from_request_parts(parts, state)
            .await
            .map_err(NotModerator::SignInFirst)?;
        if signed_in.user.can_moderate() {
            Ok(Moderator(signed_in))
        } else {
            Err(NotModerator::NotFound)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// A form with its CSRF token

/// The fields of a form that is only a button: its CSRF token is all it carries.
#[derive(Debug, Deserialize)]
pub struct NoFields {}

/// A url-encoded form whose `csrf` field is the visitor's token (the session's for a signed-in
/// visitor, the double-submit cookie's for anyone else), with its other fields read into `T`.
///
/// `T` names only the fields the handler uses; the `csrf` field is checked here and not passed on.
pub struct CsrfForm<T = NoFields>(pub T);

/// Why a form was not taken. Each answer is a page in words, and nothing was changed.
#[derive(Debug)]
pub enum FormRefused {
    /// The form did not carry this visitor's token: it came from elsewhere, or from a page shown
    /// before the session changed.
    Csrf,
    /// The body could not be read as the form, with the status that says why: 415 (not sent as a
    /// url-encoded form), 413 (too large), or 400 (its fields are not the form's).
    Unreadable(StatusCode),
}

impl IntoResponse for FormRefused {
    fn into_response(self) -> Response {
        match self {
            FormRefused::Csrf => refused_csrf(),
            FormRefused::Unreadable(status) => unreadable_form(status),
        }
    }
}

impl From<RawFormRejection> for FormRefused {
    fn from(rejection: RawFormRejection) -> FormRefused {
        let status = match rejection.status() {
            status @ (StatusCode::UNSUPPORTED_MEDIA_TYPE | StatusCode::PAYLOAD_TOO_LARGE) => status,
            _ => StatusCode::BAD_REQUEST,
        };
        FormRefused::Unreadable(status)
    }
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for CsrfForm<T> {
    type Rejection = FormRefused;

    async fn from_request(request: Request, state: &S) -> Result<Self, FormRefused> {
        let visitor = request.extensions().get::<Visitor>().cloned();
        let RawForm(body) = RawForm::from_request(request, state).await?;
        // The token is checked before the other fields are read: a form from another site is
        // refused as such, whatever else it carries.
        let submitted = url::form_urlencoded::parse(&body)
            .find(|(key, _)| key == "csrf")
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        if !visitor.is_some_and(|visitor| visitor.csrf_matches(&submitted)) {
            return Err(FormRefused::Csrf);
        }
        serde_urlencoded::from_bytes(&body)
            .map(CsrfForm)
            .map_err(|_| FormRefused::Unreadable(StatusCode::BAD_REQUEST))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{header, Method};

    const TOKEN: &str = "a-token-as-long-as-the-site-makes-them-0123";

    fn user(is_moderator: bool) -> UserRecord {
        UserRecord {
            id: 7,
            login: "alice".into(),
            email: "alice@example.org".into(),
            name: None,
            is_admin: false,
            email_verified: true,
            created_at: 0,
            is_moderator,
            trusted_reporter: false,
            suspension: None,
            terminated_at: None,
            second_factor: false,
        }
    }

    fn visitor(signed_in: Option<UserRecord>) -> Visitor {
        Visitor {
            awaiting_code: None,
            signed_in: signed_in.map(|user| {
                let session = Session {
                    id: 3,
                    user_id: user.id,
                    csrf_token: TOKEN.into(),
                    created_at: 0,
                    last_seen_at: 0,
                    expires_at: i64::MAX,
                    ip: None,
                    user_agent: None,
                    second_factor_pending: false,
                    second_factor_at: None,
                };
                (user, session)
            }),
            csrf: TOKEN.into(),
            ip: None,
        }
    }

    fn request(method: Method, uri: &str, visitor: Visitor) -> Request {
        let mut request = Request::builder()
            .method(method)
            .uri(uri)
            .body(Body::empty())
            .unwrap();
        request.extensions_mut().insert(visitor);
        request
    }

    fn form(content_type: Option<&str>, body: impl Into<Body>) -> Request {
        let mut request = request(Method::POST, "/settings/invitations/1", visitor(None));
        if let Some(content_type) = content_type {
            request.headers_mut().insert(
                header::CONTENT_TYPE,
                content_type.parse().expect("a header value"),
            );
        }
        *request.body_mut() = body.into();
        request
    }

    async fn signed_in<Back: ReturnAddress>(request: Request) -> Result<SignedIn<Back>, Response> {
        let (mut parts, _) = request.into_parts();
        <SignedIn<Back> as FromRequestParts<()>>::from_request_parts(&mut parts, &())
            .await
            .map_err(IntoResponse::into_response)
    }

    fn location(response: &Response) -> &str {
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        response.headers()[header::LOCATION].to_str().unwrap()
    }

    #[tokio::test]
    async fn anonymous_visitors_sign_in_and_come_back() {
        let page = request(Method::GET, "/moderation/audit?actor=a%26b", visitor(None));
        let refused = signed_in::<ThisPage>(page).await.err().unwrap();
        assert_eq!(
            location(&refused),
            "/account/signin?next=%2Fmoderation%2Faudit%3Factor%3Da%2526b"
        );
        // A form's address is not a page: the visitor comes back to the page it was on.
        let form = request(Method::POST, "/settings/tokens/9/revoke", visitor(None));
        let refused = signed_in::<TokenList>(form).await.err().unwrap();
        assert_eq!(
            location(&refused),
            "/account/signin?next=%2Fsettings%2Ftokens"
        );

        let page = request(Method::GET, "/settings", visitor(Some(user(false))));
        let alice = signed_in::<AccountOverview>(page).await.ok().unwrap();
        assert_eq!((alice.user.id, alice.session.id), (7, 3));
        assert_eq!(alice.actor().session_id, Some(3));
    }

    #[tokio::test]
    async fn moderation_pages_do_not_exist_for_other_accounts() {
        async fn moderator(visitor: Visitor) -> Result<Moderator, Response> {
            let (mut parts, _) = request(Method::GET, "/moderation", visitor).into_parts();
            Moderator::from_request_parts(&mut parts, &())
                .await
                .map_err(IntoResponse::into_response)
        }
        let anonymous = moderator(visitor(None)).await.err().unwrap();
        assert_eq!(location(&anonymous), "/account/signin?next=%2Fmoderation");
        let user = moderator(visitor(Some(user(false)))).await.err().unwrap();
        assert_eq!(user.status(), StatusCode::NOT_FOUND);
        assert!(moderator(visitor(Some(self::user(true)))).await.is_ok());
    }

    #[derive(Debug, Deserialize)]
    struct AnswerForm {
        #[serde(default)]
        answer: String,
    }

    async fn csrf_form(request: Request) -> Result<CsrfForm<AnswerForm>, FormRefused> {
        CsrfForm::from_request(request, &()).await
    }

    #[tokio::test]
    async fn a_form_is_read_only_with_the_visitors_token() {
        let url_encoded = Some("application/x-www-form-urlencoded");
        let sent = format!("csrf={TOKEN}&answer=accept");
        let CsrfForm(read) = csrf_form(form(url_encoded, sent)).await.unwrap();
        assert_eq!(read.answer, "accept");
        let sent = format!("answer=accept&csrf={TOKEN}");
        let with_charset = Some("application/x-www-form-urlencoded; charset=UTF-8");
        assert!(csrf_form(form(with_charset, sent)).await.is_ok());

        for forged in [
            "answer=accept",
            "csrf=&answer=accept",
            "csrf=another&answer=x",
        ] {
            let refused = csrf_form(form(url_encoded, forged)).await.err().unwrap();
            assert!(matches!(refused, FormRefused::Csrf), "{forged}");
            assert_eq!(refused.into_response().status(), StatusCode::FORBIDDEN);
        }
    }

    #[tokio::test]
    async fn a_body_that_is_not_the_form_is_answered_in_words() {
        let url_encoded = Some("application/x-www-form-urlencoded");
        let cases = [
            (
                form(Some("application/json"), "{}"),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (
                form(None, format!("csrf={TOKEN}")),
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ),
            (
                form(url_encoded, format!("csrf={TOKEN}&answer=a&answer=b")),
                StatusCode::BAD_REQUEST,
            ),
            (
                form(
                    url_encoded,
                    format!("csrf={TOKEN}&answer={}", "a".repeat(3 << 20)),
                ),
                StatusCode::PAYLOAD_TOO_LARGE,
            ),
        ];
        for (request, status) in cases {
            let response = csrf_form(request).await.err().unwrap().into_response();
            assert_eq!(response.status(), status);
            assert!(response.headers()[header::CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with("text/html"));
        }
    }
}
