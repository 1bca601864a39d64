//! Account settings beyond the overview: the visitor's API tokens (create, shown once, revoke),
//! their pending owner invitations (accept or decline), and the crates they own (owners invited,
//! added and removed, and deleting a crate when the owner-deletion rule allows it).
//!
//! Every change goes through the same store functions as the API, so the audit log (which records
//! the web session as the actor), the e-mails and the rules are the same whichever way an owner
//! acts. Every form is a plain POST with the session's CSRF token; a successful one answers with a
//! 303 back to its page, a refused one shows the page again with the reason and a fitting status.

use crate::extract::{CsrfForm, InvitationList, OwnedCrates, SignedIn, TokenList};
use crate::forms::{query_value, refusal, see_other, sentence};
use crate::pages::Head;
use crate::{html, PageError, WebState};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::response::Response;
use serde::Deserialize;
use wharf_policy::trusted_publishing::{ConfigSpec, Provider};
use wharf_routes::RecordedRoutes;
use wharf_store::{
    day_string, now_millis, rfc3339, NewToken, Scope, TokenRecord, TrustedConfig, UserRecord,
    TEAM_PREFIX,
};

type FormResult = Result<Response, PageError>;

/// The settings pages and their forms.
pub(crate) fn routes() -> RecordedRoutes<WebState> {
    RecordedRoutes::new()
        .route(Method::GET, "/settings/tokens", tokens)
        .route(Method::POST, "/settings/tokens", create_token)
        .route(Method::POST, "/settings/tokens/{id}/revoke", revoke_token)
        .route(Method::GET, "/settings/invitations", invitations)
        .route(
            Method::POST,
            "/settings/invitations/{crate_id}",
            answer_invitation,
        )
        .route(Method::GET, "/settings/crates", crates)
        .route(Method::POST, "/settings/crates/{name}/owners", add_owner)
        .route(
            Method::POST,
            "/settings/crates/{name}/owners/remove",
            remove_owner,
        )
        .route(Method::POST, "/settings/crates/{name}/delete", delete_crate)
        .route(
            Method::POST,
            "/settings/crates/{name}/trusted_publishing",
            add_trusted_publisher,
        )
        .route(
            Method::POST,
            "/settings/crates/{name}/trusted_publishing/{id}/remove",
            remove_trusted_publisher,
        )
        .route(
            Method::POST,
            "/settings/crates/{name}/trusted_publishing_only",
            set_trusted_publishing_only,
        )
}

// ---------------------------------------------------------------------------------------------
// Shared by the three pages

// ---------------------------------------------------------------------------------------------
// API tokens

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// What each scope lets a token do, in the words the form shows.
fn scope_description(scope: Scope) -> &'static str {
    match scope {
        Scope::PublishNew => "Publish new crates",
        Scope::PublishUpdate => "Publish new versions of existing crates",
        Scope::Yank => "Yank and unyank versions",
        Scope::ChangeOwners => "Invite and remove owners",
        Scope::Delete => "Delete crates and versions (within the deletion rule)",
    }
}

pub struct ScopeChoice {
    pub value: &'static str,
    pub description: &'static str,
    pub checked: bool,
}

/// What the visitor typed into the creation form, shown again when it is refused.
pub struct TokenFormValues {
    pub name: String,
    pub scopes: Vec<Scope>,
    pub crates: String,
    pub expiry: String,
    pub expires_on: String,
}

impl Default for TokenFormValues {
    fn default() -> Self {
        TokenFormValues {
            name: String::new(),
            scopes: Vec::new(),
            crates: String::new(),
            // A token that expires by itself is the safer default; "never" is one choice away.
            expiry: "90".into(),
            expires_on: String::new(),
        }
    }
}

pub struct TokenRow {
    pub id: i64,
    pub name: String,
    pub scopes: String,
    pub crates: String,
    pub created: String,
    pub expires: String,
    pub last_used: String,
    /// Why a token no longer works (revoked or expired), for the list of past tokens.
    pub ended: String,
}

fn token_row(token: &TokenRecord, now: i64) -> TokenRow {
    let list = |items: &Option<Vec<String>>, all: &str| match items {
        Some(items) => items.join(", "),
        None => all.to_string(),
    };
    let ended = match (token.revoked_at, token.expires_at) {
        (Some(at), _) => format!("revoked {}", rfc3339(at)),
        (None, Some(at)) if at <= now => format!("expired {}", rfc3339(at)),
        _ => String::new(),
    };
    TokenRow {
        id: token.id,
        name: token.name.clone(),
        scopes: list(&token.endpoint_scopes, "all"),
        crates: list(&token.crate_scopes, "all"),
        created: day_string(token.created_at),
        expires: token
            .expires_at
            .map(rfc3339)
            .unwrap_or_else(|| "never".into()),
        last_used: token
            .last_used_at
            .map(rfc3339)
            .unwrap_or_else(|| "not recorded".into()),
        ended,
    }
}

#[derive(Template)]
#[template(path = "account/tokens.html")]
struct TokensPage {
    head: Head,
    section: &'static str,
    error: Option<String>,
    notice: Option<String>,
    verified: bool,
    email: String,
    live: Vec<TokenRow>,
    past: Vec<TokenRow>,
    scopes: Vec<ScopeChoice>,
    form: TokenFormValues,
    today: String,
}

async fn tokens_page(
    state: &WebState,
    user: &UserRecord,
    status: StatusCode,
    error: Option<String>,
    notice: Option<String>,
    form: TokenFormValues,
) -> FormResult {
    let now = now_millis();
    let (live, past): (Vec<TokenRow>, Vec<TokenRow>) = state
        .app
        .db
        .tokens_of(user.id)
        .await?
        .iter()
        .map(|t| token_row(t, now))
        .partition(|row| row.ended.is_empty());
    let scopes = Scope::ALL
        .into_iter()
        .map(|scope| ScopeChoice {
            value: scope.as_str(),
            description: scope_description(scope),
            checked: form.scopes.contains(&scope),
        })
        .collect();
    Ok(html(
        status,
        &TokensPage {
            head: Head::new("API tokens"),
            section: "tokens",
            error,
            notice,
            verified: user.email_verified,
            email: user.email.clone(),
            live,
            past,
            scopes,
            form,
            today: day_string(now),
        },
    ))
}

pub async fn tokens(
    State(state): State<WebState>,
    signed_in: SignedIn<TokenList>,
    RawQuery(raw): RawQuery,
) -> FormResult {
    let notice = match query_value(&raw, "done").as_deref() {
        Some("revoked") => Some("The token was revoked: it no longer works.".to_string()),
        _ => None,
    };
    tokens_page(
        &state,
        &signed_in.user,
        StatusCode::OK,
        None,
        notice,
        TokenFormValues::default(),
    )
    .await
}

/// A calendar day typed as `YYYY-MM-DD` (what a date input sends).
fn parse_day(text: &str) -> Option<time::Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

/// When a token chosen to expire this way expires, in milliseconds; `None` for never. A chosen
/// day is included: the token stops working when it ends (UTC).
fn expiry_from(choice: &str, day: &str, now: i64) -> Result<Option<i64>, String> {
    match choice {
        "never" => Ok(None),
        "30" | "90" | "365" => {
            let days: i64 = choice.parse().expect("the choices are numbers");
            Ok(Some(now + days * DAY_MS))
        }
        "date" => {
            let end = parse_day(day)
                .and_then(|date| date.next_day())
                .map(|next| next.midnight().assume_utc().unix_timestamp() * 1000)
                .ok_or("Give the expiry day as a date, such as 2030-12-31.")?;
            if end <= now {
                return Err("That day has passed: choose a later expiry date.".into());
            }
            Ok(Some(end))
        }
        _ => Err("Choose when the token expires.".into()),
    }
}

#[derive(Template)]
#[template(path = "account/token_created.html")]
struct TokenCreatedPage {
    head: Head,
    section: &'static str,
    name: String,
    secret: String,
    scopes: String,
    crates: String,
    expires: String,
    index_url: String,
}

pub async fn create_token(
    State(state): State<WebState>,
    signed_in: SignedIn<TokenList>,
    CsrfForm(fields): CsrfForm<Vec<(String, String)>>,
) -> FormResult {
    if let Some(ask) = crate::second_factor::fresh_code_needed(&signed_in, "/settings/tokens") {
        return Ok(ask);
    }
    let user = &signed_in.user;
    let field = |key: &str| {
        fields
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut form = TokenFormValues {
        name: field("name").trim().to_string(),
        scopes: Vec::new(),
        crates: field("crates"),
        expiry: field("expiry"),
        expires_on: field("expires_on"),
    };
    let mut unknown_scope = None;
    for (_, value) in fields.iter().filter(|(k, _)| k == "scope") {
        match Scope::parse(value) {
            Ok(scope) if !form.scopes.contains(&scope) => form.scopes.push(scope),
            Ok(_) => {}
            Err(error) => unknown_scope = Some(error),
        }
    }
    if !user.email_verified {
        return tokens_page(
            &state,
            user,
            StatusCode::FORBIDDEN,
            Some(format!(
                "Verify your e-mail address {} before creating API tokens: open the link we sent \
                 to it, or send a new one from your account page.",
                user.email
            )),
            None,
            form,
        )
        .await;
    }
    if let Some(error) = unknown_scope {
        let (status, message) = refusal(error)?;
        return tokens_page(&state, user, status, Some(message), None, form).await;
    }
    if form.name.is_empty() {
        return tokens_page(
            &state,
            user,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("Give the token a name, so that you know later what it was for.".into()),
            None,
            form,
        )
        .await;
    }
    let now = now_millis();
    let expires_at = match expiry_from(&form.expiry, &form.expires_on, now) {
        Ok(at) => at,
        Err(message) => {
            return tokens_page(
                &state,
                user,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(message),
                None,
                form,
            )
            .await
        }
    };
    let mut patterns: Vec<String> = Vec::new();
    for pattern in form
        .crates
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|p| !p.is_empty())
    {
        if !patterns.iter().any(|p| p == pattern) {
            patterns.push(pattern.to_string());
        }
    }
    let created = state
        .app
        .db
        .create_token(
            NewToken {
                user_id: user.id,
                name: form.name.clone(),
                scopes: form.scopes.clone(),
                crate_patterns: patterns,
                expires_at,
            },
            &signed_in.actor(),
        )
        .await;
    let (token, secret) = match created {
        Ok(created) => created,
        Err(error) => {
            let (status, message) = refusal(error)?;
            return tokens_page(&state, user, status, Some(message), None, form).await;
        }
    };
    let row = token_row(&token, now);
    // The secret is on this page and nowhere else: not in an address, not in a cache.
    let mut response = html(
        StatusCode::OK,
        &TokenCreatedPage {
            head: Head::new("Your new API token"),
            section: "tokens",
            name: token.name,
            secret,
            scopes: row.scopes,
            crates: row.crates,
            expires: row.expires,
            index_url: format!("sparse+{}/index/", state.app.config.public_url),
        },
    );
    response
        .headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(response)
}

pub async fn revoke_token(
    State(state): State<WebState>,
    signed_in: SignedIn<TokenList>,
    Path(id): Path<String>,
    _: CsrfForm,
) -> FormResult {
    if let Some(ask) = crate::second_factor::fresh_code_needed(&signed_in, "/settings/tokens") {
        return Ok(ask);
    }
    let user = &signed_in.user;
    // The store revokes any token by its number; only the account's own are the visitor's to
    // revoke, and another account's look the same as ones that do not exist.
    let own = state.app.db.tokens_of(user.id).await?;
    let Some(token) = id
        .parse::<i64>()
        .ok()
        .and_then(|id| own.iter().find(|t| t.id == id))
    else {
        return tokens_page(
            &state,
            user,
            StatusCode::NOT_FOUND,
            Some("Your account has no token with that number, so nothing was revoked.".into()),
            None,
            TokenFormValues::default(),
        )
        .await;
    };
    state
        .app
        .db
        .revoke_token(token.id, &signed_in.actor())
        .await?;
    Ok(see_other("/settings/tokens?done=revoked"))
}

// ---------------------------------------------------------------------------------------------
// Owner invitations

pub struct InvitationRow {
    pub crate_id: i64,
    pub crate_name: String,
    pub inviter: String,
    pub invited: String,
    pub expires: String,
}

#[derive(Template)]
#[template(path = "account/invitations.html")]
struct InvitationsPage {
    head: Head,
    section: &'static str,
    error: Option<String>,
    notice: Option<String>,
    invitations: Vec<InvitationRow>,
}

async fn invitations_page(
    state: &WebState,
    user: &UserRecord,
    status: StatusCode,
    error: Option<String>,
    notice: Option<String>,
) -> FormResult {
    let invitations = state
        .app
        .db
        .invitations_for(user.id)
        .await?
        .into_iter()
        .map(|i| InvitationRow {
            crate_id: i.crate_id,
            crate_name: i.crate_name,
            inviter: i.inviter_login,
            invited: day_string(i.created_at),
            expires: rfc3339(i.expires_at),
        })
        .collect();
    Ok(html(
        status,
        &InvitationsPage {
            head: Head::new("Owner invitations"),
            section: "invitations",
            error,
            notice,
            invitations,
        },
    ))
}

pub async fn invitations(
    State(state): State<WebState>,
    signed_in: SignedIn<InvitationList>,
    RawQuery(raw): RawQuery,
) -> FormResult {
    let notice = match query_value(&raw, "done").as_deref() {
        Some("declined") => Some("You declined the invitation; nothing else changed.".to_string()),
        _ => None,
    };
    invitations_page(&state, &signed_in.user, StatusCode::OK, None, notice).await
}

#[derive(Deserialize)]
pub struct AnswerForm {
    #[serde(default)]
    answer: String,
}

pub async fn answer_invitation(
    State(state): State<WebState>,
    signed_in: SignedIn<InvitationList>,
    Path(crate_id): Path<String>,
    CsrfForm(form): CsrfForm<AnswerForm>,
) -> FormResult {
    let user = &signed_in.user;
    let accept = match form.answer.as_str() {
        "accept" => true,
        "decline" => false,
        _ => {
            return invitations_page(
                &state,
                user,
                StatusCode::UNPROCESSABLE_ENTITY,
                Some("Choose Accept or Decline.".into()),
                None,
            )
            .await
        }
    };
    let Ok(crate_id) = crate_id.parse::<i64>() else {
        return invitations_page(
            &state,
            user,
            StatusCode::NOT_FOUND,
            Some("You have no invitation to own that crate.".into()),
            None,
        )
        .await;
    };
    match state
        .app
        .answer_invitation(&signed_in.principal(), crate_id, accept)
        .await
    {
        Ok(_) if accept => Ok(see_other("/settings/crates?done=accepted")),
        Ok(_) => Ok(see_other("/settings/invitations?done=declined")),
        Err(error) => {
            let (status, message) = refusal(error)?;
            invitations_page(&state, user, status, Some(message), None).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Owned crates

pub struct OwnerRow {
    pub login: String,
    pub you: bool,
}

pub struct InvitedRow {
    pub login: String,
    pub expires: String,
}

pub struct CrateCard {
    pub name: String,
    pub version: Option<String>,
    pub downloads: i64,
    pub published: String,
    pub held: bool,
    pub users: Vec<OwnerRow>,
    pub teams: Vec<String>,
    pub invited: Vec<InvitedRow>,
    /// Why the owner-deletion rule does not let the visitor delete it, in the policy's words;
    /// `None` when they may.
    pub blocked: Option<String>,
    /// The CI workflows that may publish it, and whether only they may.
    pub trusted: Vec<TrustedRow>,
    pub trusted_only: bool,
}

/// One trusted-publishing configuration, in words.
pub struct TrustedRow {
    pub id: i64,
    pub provider: &'static str,
    /// "GitHub Actions: octo/widget, .github/workflows/release.yml, environment release".
    pub summary: String,
    pub created_by: String,
}

impl TrustedRow {
    fn new(provider: Provider, config: TrustedConfig) -> TrustedRow {
        let (kind, file) = match provider {
            Provider::GitHub => (
                "GitHub Actions",
                format!(".github/workflows/{}", config.workflow),
            ),
            Provider::GitLab => ("GitLab CI", config.workflow.clone()),
        };
        let environment = config
            .environment
            .map(|e| format!(", environment {e}"))
            .unwrap_or_default();
        TrustedRow {
            id: config.id,
            provider: provider.as_str(),
            summary: format!(
                "{kind}: {}/{}, {file}{environment}",
                config.owner, config.project
            ),
            created_by: config.created_by,
        }
    }
}

#[derive(Template)]
#[template(path = "account/crates.html")]
struct CratesPage {
    head: Head,
    section: &'static str,
    error: Option<String>,
    notice: Option<String>,
    crates: Vec<CrateCard>,
    team_prefix: &'static str,
    name_block: String,
}

/// How long a deleted crate's name stays blocked, in words.
fn name_block(state: &WebState) -> String {
    let hours = state.app.config.deleted_name_block.as_secs() / 3600;
    match hours {
        0 => "a short while".into(),
        1 => "an hour".into(),
        h if h % 24 == 0 && h >= 48 => format!("{} days", h / 24),
        h => format!("{h} hours"),
    }
}

async fn crates_page(
    state: &WebState,
    user: &UserRecord,
    status: StatusCode,
    error: Option<String>,
    notice: Option<String>,
) -> FormResult {
    let db = &state.app.db;
    let mut crates = Vec::new();
    for owned in db.crates_managed_by(user.id).await? {
        let krate = owned.krate;
        let users = db
            .owners_of(krate.id)
            .await?
            .into_iter()
            .map(|o| OwnerRow {
                you: o.user.id == user.id,
                login: o.user.login,
            })
            .collect();
        let teams = db
            .team_owners_of(krate.id)
            .await?
            .into_iter()
            .map(|(team, _)| team.name)
            .collect();
        let invited = db
            .open_invitations_of_crate(krate.id)
            .await?
            .into_iter()
            .map(|i| InvitedRow {
                login: i.invitee_login,
                expires: day_string(i.expires_at),
            })
            .collect();
        // The same facts and the same rule the deletion applies, read now: the deletion reads
        // them again when it happens, so a page left open cannot delete what the rule forbids.
        let (_, facts) = db.crate_deletion_facts(&krate.name).await?;
        let blocked = state.app.deletion_blocker(&facts);
        let mut trusted = Vec::new();
        for provider in [Provider::GitHub, Provider::GitLab] {
            for config in db.trusted_publishing_configs(&krate.name, provider).await? {
                trusted.push(TrustedRow::new(provider, config));
            }
        }
        let trusted_only = db.trusted_publishing_only(&krate.name).await?;
        crates.push(CrateCard {
            version: krate.max_version.clone(),
            downloads: krate.downloads,
            published: day_string(krate.created_at),
            held: owned.held,
            name: krate.name,
            users,
            teams,
            invited,
            blocked,
            trusted,
            trusted_only,
        });
    }
    Ok(html(
        status,
        &CratesPage {
            head: Head::new("Your crates"),
            section: "crates",
            error,
            notice,
            crates,
            team_prefix: TEAM_PREFIX,
            name_block: name_block(state),
        },
    ))
}

pub async fn crates(
    State(state): State<WebState>,
    signed_in: SignedIn<OwnedCrates>,
    RawQuery(raw): RawQuery,
) -> FormResult {
    let notice = match query_value(&raw, "done").as_deref() {
        Some("accepted") => {
            Some("You accepted the invitation: the crate is now among yours below.".to_string())
        }
        Some("invited") => Some(
            "Invitation sent. They become an owner when they accept it; until then they are listed \
             as invited."
                .to_string(),
        ),
        Some("team-added") => Some(
            "The team now owns the crate: its members may publish and yank it, but not change \
             its owners or delete it."
                .to_string(),
        ),
        Some("removed") => Some("The owner was removed.".to_string()),
        Some("unchanged") => Some(
            "Nothing changed: they already own the crate, or already have an open invitation to."
                .to_string(),
        ),
        Some("not-owner") => Some("Nothing changed: they did not own the crate.".to_string()),
        Some("trusted-added") => Some(
            "The workflow may now publish the crate: it exchanges its CI's token for a 30-minute \
             publish token (see the registry's README)."
                .to_string(),
        ),
        Some("trusted-removed") => Some(
            "The workflow may no longer publish the crate; tokens it was given stopped working."
                .to_string(),
        ),
        Some("trusted-only") => Some(
            "New versions are now taken only from the crate's trusted publishing workflows."
                .to_string(),
        ),
        Some("trusted-any") => {
            Some("New versions are taken from owners' API tokens again.".to_string())
        }
        Some("deleted") => Some(format!(
            "The crate was deleted. Its name stays blocked for {}, and its version numbers are \
             never published again.",
            name_block(&state)
        )),
        _ => None,
    };
    crates_page(&state, &signed_in.user, StatusCode::OK, None, notice).await
}

#[derive(Deserialize)]
pub struct OwnerForm {
    #[serde(default)]
    login: String,
}

/// Invites (`add`) or removes one owner through the store function the API uses, and says how
/// it went.
async fn change_owner(
    state: WebState,
    signed_in: SignedIn<OwnedCrates>,
    name: String,
    form: OwnerForm,
    add: bool,
) -> FormResult {
    if let Some(ask) = crate::second_factor::fresh_code_needed(&signed_in, "/settings/crates") {
        return Ok(ask);
    }
    let user = &signed_in.user;
    let login = form.login.trim().to_string();
    if login.is_empty() {
        return crates_page(
            &state,
            user,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some(format!(
                "Type the user name of the person to invite to own {name}, or {TEAM_PREFIX}NAME \
                 for one of your teams."
            )),
            None,
        )
        .await;
    }
    let changed = state
        .app
        .change_owners(
            &signed_in.principal(),
            &name,
            std::slice::from_ref(&login),
            add,
        )
        .await;
    match changed {
        Ok(changed) => {
            let done = match (add, changed.is_empty()) {
                (true, true) => "unchanged",
                (true, false) if login.starts_with(TEAM_PREFIX) => "team-added",
                (true, false) => "invited",
                (false, true) => "not-owner",
                (false, false) => "removed",
            };
            Ok(see_other(&format!("/settings/crates?done={done}")))
        }
        Err(error) => {
            let (status, message) = refusal(error)?;
            crates_page(&state, user, status, Some(message), None).await
        }
    }
}

pub async fn add_owner(
    State(state): State<WebState>,
    signed_in: SignedIn<OwnedCrates>,
    Path(name): Path<String>,
    CsrfForm(form): CsrfForm<OwnerForm>,
) -> FormResult {
    change_owner(state, signed_in, name, form, true).await
}

pub async fn remove_owner(
    State(state): State<WebState>,
    signed_in: SignedIn<OwnedCrates>,
    Path(name): Path<String>,
    CsrfForm(form): CsrfForm<OwnerForm>,
) -> FormResult {
    change_owner(state, signed_in, name, form, false).await
}

#[derive(Deserialize)]
pub struct DeleteForm {
    #[serde(default)]
    confirm: String,
    #[serde(default)]
    message: String,
}

/// The longest reason kept with a deletion's record.
const MAX_DELETE_MESSAGE: usize = 1000;

pub async fn delete_crate(
    State(state): State<WebState>,
    signed_in: SignedIn<OwnedCrates>,
    Path(name): Path<String>,
    CsrfForm(form): CsrfForm<DeleteForm>,
) -> FormResult {
    if let Some(ask) = crate::second_factor::fresh_code_needed(&signed_in, "/settings/crates") {
        return Ok(ask);
    }
    let user = &signed_in.user;
    let again = |status, message: String| crates_page(&state, user, status, Some(message), None);
    if form.confirm.trim() != name {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!(
                "To delete {name}, type its name exactly as shown in the confirmation box. \
                 Nothing was deleted."
            ),
        )
        .await;
    }
    let message = form.message.trim();
    if message.chars().count() > MAX_DELETE_MESSAGE {
        return again(
            StatusCode::UNPROCESSABLE_ENTITY,
            format!("Keep the reason under {MAX_DELETE_MESSAGE} characters. Nothing was deleted."),
        )
        .await;
    }
    let message = (!message.is_empty()).then_some(message);
    match state
        .app
        .delete_crate(&signed_in.principal(), &name, message)
        .await
    {
        Ok(_) => Ok(see_other("/settings/crates?done=deleted")),
        // The registry's refusals are already in words for people; a failure says only that
        // the registry failed (its details went to the log).
        Err(error) => match crate::refusal_status(&error) {
            Some(status) => again(status, sentence(&error.detail())).await,
            None => Ok(crate::registry_failed()),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expiry_choices() {
        let now = 1_700_000_000_000;
        assert_eq!(expiry_from("never", "", now), Ok(None));
        assert_eq!(expiry_from("30", "", now), Ok(Some(now + 30 * DAY_MS)));
        // 2023-11-14 is `now`'s day: a token chosen to expire on it works until its end.
        assert_eq!(
            expiry_from("date", "2023-11-14", now),
            Ok(Some(1_700_006_400_000))
        );
        assert!(expiry_from("date", "2023-11-13", now).is_err());
        assert!(expiry_from("date", "2023-02-30", now).is_err());
        assert!(expiry_from("date", "", now).is_err());
        assert!(expiry_from("soon", "", now).is_err());
    }

    #[test]
    fn messages_read_as_sentences() {
        assert_eq!(sentence("there is no user `x`"), "There is no user `x`.");
        assert_eq!(sentence("Done."), "Done.");
    }
}

#[derive(Deserialize)]
pub struct TrustedPublisherForm {
    #[serde(default)]
    provider: String,
    /// GitHub: the repository's owner; GitLab: the namespace.
    #[serde(default)]
    owner: String,
    /// GitHub: the repository's name; GitLab: the project.
    #[serde(default)]
    project: String,
    /// GitHub: the workflow's file name; GitLab: the CI file's path.
    #[serde(default)]
    workflow: String,
    #[serde(default)]
    environment: String,
}

/// Lets a CI workflow publish the crate: the same use case as the API's.
pub async fn add_trusted_publisher(
    State(state): State<WebState>,
    signed_in: SignedIn<OwnedCrates>,
    Path(name): Path<String>,
    CsrfForm(form): CsrfForm<TrustedPublisherForm>,
) -> FormResult {
    if let Some(ask) = crate::second_factor::fresh_code_needed(&signed_in, "/settings/crates") {
        return Ok(ask);
    }
    let user = &signed_in.user;
    let Some(provider) = Provider::parse(&form.provider) else {
        return crates_page(
            &state,
            user,
            StatusCode::UNPROCESSABLE_ENTITY,
            Some("Choose GitHub Actions or GitLab CI.".into()),
            None,
        )
        .await;
    };
    let environment = form.environment.trim();
    let spec = ConfigSpec {
        provider,
        owner: form.owner.trim().to_string(),
        project: form.project.trim().to_string(),
        workflow: form.workflow.trim().to_string(),
        environment: (!environment.is_empty()).then(|| environment.to_string()),
    };
    match state
        .app
        .add_trusted_publishing_config(&signed_in.principal(), &name, spec)
        .await
    {
        Ok(_) => Ok(see_other("/settings/crates?done=trusted-added")),
        Err(error) => {
            let (status, message) = refusal(error)?;
            crates_page(&state, user, status, Some(message), None).await
        }
    }
}

#[derive(Deserialize)]
pub struct RemoveTrustedForm {
    #[serde(default)]
    provider: String,
}

pub async fn remove_trusted_publisher(
    State(state): State<WebState>,
    signed_in: SignedIn<OwnedCrates>,
    Path((_name, id)): Path<(String, i64)>,
    CsrfForm(form): CsrfForm<RemoveTrustedForm>,
) -> FormResult {
    if let Some(ask) = crate::second_factor::fresh_code_needed(&signed_in, "/settings/crates") {
        return Ok(ask);
    }
    let user = &signed_in.user;
    let provider = Provider::parse(&form.provider).unwrap_or(Provider::GitHub);
    match state
        .app
        .remove_trusted_publishing_config(&signed_in.principal(), provider, id)
        .await
    {
        Ok(()) => Ok(see_other("/settings/crates?done=trusted-removed")),
        Err(error) => {
            let (status, message) = refusal(error)?;
            crates_page(&state, user, status, Some(message), None).await
        }
    }
}

#[derive(Deserialize)]
pub struct TrustedOnlyForm {
    /// `on` when the box is ticked; absent otherwise.
    #[serde(default)]
    only: String,
}

pub async fn set_trusted_publishing_only(
    State(state): State<WebState>,
    signed_in: SignedIn<OwnedCrates>,
    Path(name): Path<String>,
    CsrfForm(form): CsrfForm<TrustedOnlyForm>,
) -> FormResult {
    if let Some(ask) = crate::second_factor::fresh_code_needed(&signed_in, "/settings/crates") {
        return Ok(ask);
    }
    let user = &signed_in.user;
    let only = form.only == "on";
    match state
        .app
        .set_trusted_publishing_only(&signed_in.principal(), &name, only)
        .await
    {
        Ok(()) => Ok(see_other(if only {
            "/settings/crates?done=trusted-only"
        } else {
            "/settings/crates?done=trusted-any"
        })),
        Err(error) => {
            let (status, message) = refusal(error)?;
            crates_page(&state, user, status, Some(message), None).await
        }
    }
}
