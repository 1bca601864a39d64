//! Reporting on the web site: the form that reports a crate or one of its versions, the
//! confirmation that says what happens next, and the reporter's own list of reports.
//!
//! A report from the form is filed by `Registry::file_report`, as one from the API is: the same
//! categories and length limit, the same `report` rate bucket, the same trusted-reporter hold rule,
//! the same audit row and e-mail. Only signed-in visitors report; anonymous ones are sent to sign in
//! and come back to the form.

use crate::extract::{CsrfForm, ReportList, SignedIn};
use crate::forms::{see_other, sentence};
use crate::pages::{message, Head};
use crate::{html, PageError, PageResult, WebState};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::Method;
use axum::http::{header, HeaderValue, StatusCode};
use serde::Deserialize;
use wharf_policy::reports::{report_category, REPORT_CATEGORIES};
use wharf_registry::{RegistryError, MAX_REPORT_DETAILS, TRUSTED_REPORTER_RULE};
use wharf_routes::RecordedRoutes;
use wharf_store::{day_string, CrateRecord, Target};

/// The reporting pages, merged into the site's router.
pub(crate) fn routes() -> RecordedRoutes<WebState> {
    RecordedRoutes::new()
        .route(Method::GET, "/crates/{name}/report", report_form)
        .route(Method::POST, "/crates/{name}/report", file_report)
        .route(Method::GET, "/crates/{name}/report/filed", filed)
        .route(Method::GET, "/settings/reports", your_reports)
}

/// A category as the form's select offers it.
pub struct CategoryChoice {
    pub slug: &'static str,
    pub title: &'static str,
    pub description: &'static str,
    pub selected: bool,
}

/// A version as the form's select offers it.
pub struct VersionChoice {
    pub num: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "report.html")]
struct ReportPage {
    head: Head,
    name: String,
    error: Option<String>,
    notice: Option<String>,
    categories: Vec<CategoryChoice>,
    /// The category chosen, if any: the select's empty choice is selected otherwise.
    chosen: bool,
    versions: Vec<VersionChoice>,
    details: String,
    max_details: usize,
    hold_rule: &'static str,
    public_url: String,
}

/// What the visitor typed, kept when the form comes back with an error.
#[derive(Default, Deserialize)]
pub struct ReportForm {
    #[serde(default)]
    category: String,
    #[serde(default)]
    version: String,
    #[serde(default)]
    details: String,
}

async fn find_crate(state: &WebState, name: &str) -> Result<CrateRecord, PageError> {
    state
        .app
        .db
        .crate_by_name(name)
        .await?
        .ok_or_else(|| PageError::NotFound(format!("There is no crate named “{name}” here.")))
}

async fn report_page(
    state: &WebState,
    krate: &CrateRecord,
    status: StatusCode,
    error: Option<String>,
    form: &ReportForm,
) -> PageResult {
    // Held versions are not public, so a reporter cannot know of them; the ones listed are the
    // ones the crate's page shows.
    let mut versions: Vec<_> = state.app.db.versions_of(krate.id).await?;
    versions.sort_by_cached_key(|v| std::cmp::Reverse(semver::Version::parse(&v.num).ok()));
    let page = ReportPage {
        head: Head::new(format!("Report {}", krate.name)),
        name: krate.name.clone(),
        error,
        notice: None,
        categories: REPORT_CATEGORIES
            .iter()
            .map(|c| CategoryChoice {
                slug: c.slug,
                title: c.title,
                description: c.description,
                selected: c.slug == form.category,
            })
            .collect(),
        chosen: report_category(&form.category).is_some(),
        versions: versions
            .into_iter()
            .map(|v| VersionChoice {
                selected: v.num == form.version,
                num: v.num,
            })
            .collect(),
        details: form.details.clone(),
        max_details: MAX_REPORT_DETAILS,
        hold_rule: TRUSTED_REPORTER_RULE,
        public_url: state.app.config.public_url.clone(),
    };
    Ok(html(status, &page))
}

/// `GET /crates/{name}/report`.
pub async fn report_form(
    State(state): State<WebState>,
    _: SignedIn,
    Path(name): Path<String>,
) -> PageResult {
    let krate = find_crate(&state, &name).await?;
    report_page(&state, &krate, StatusCode::OK, None, &ReportForm::default()).await
}

/// `POST /crates/{name}/report`.
pub async fn file_report(
    State(state): State<WebState>,
    signed_in: SignedIn,
    Path(name): Path<String>,
    CsrfForm(form): CsrfForm<ReportForm>,
) -> PageResult {
    let krate = find_crate(&state, &name).await?;
    let invalid = StatusCode::UNPROCESSABLE_ENTITY;
    // The shared filing function checks these too; checking here first gives the form's words.
    if report_category(&form.category).is_none() {
        let error = "Choose the category that fits best.".to_string();
        return report_page(&state, &krate, invalid, Some(error), &form).await;
    }
    let details = form.details.trim();
    if details.is_empty() {
        let error =
            "Say what is wrong, and where: the moderators start from what you write.".to_string();
        return report_page(&state, &krate, invalid, Some(error), &form).await;
    }
    if details.len() > MAX_REPORT_DETAILS {
        let error = format!(
            "The details are too long: at most {MAX_REPORT_DETAILS} characters. Link to longer \
             material instead."
        );
        return report_page(&state, &krate, invalid, Some(error), &form).await;
    }
    let version = form.version.trim();
    let target = if version.is_empty() {
        Target::Crate(krate.name.clone())
    } else {
        Target::Version(krate.name.clone(), version.to_string())
    };
    match state
        .app
        .file_report(&signed_in.principal(), &target, &form.category, details)
        .await
    {
        Ok(filed) => {
            let mut to = format!("/crates/{}/report/filed?report={}", krate.name, filed.id);
            if filed.merged {
                to.push_str("&merged=1");
            }
            if filed.held.is_some() {
                to.push_str("&held=1");
            }
            Ok(see_other(&to))
        }
        Err(error) => refused_report(&state, &krate, &form, error).await,
    }
}

/// The form again, saying why the report was not filed.
async fn refused_report(
    state: &WebState,
    krate: &CrateRecord,
    form: &ReportForm,
    error: RegistryError,
) -> PageResult {
    let (status, text) =
        match &error {
            RegistryError::NotFound(_) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "{} has no version {}. Choose one from the list, or report the whole crate.",
                    krate.name,
                    form.version.trim()
                ),
            ),
            RegistryError::RateLimited { .. } => (
                StatusCode::TOO_MANY_REQUESTS,
                format!(
                    "{}. Your report was not sent; it is still below.",
                    sentence(&error.detail())
                ),
            ),
            RegistryError::Internal(_) => return Ok(message(
                StatusCode::SERVICE_UNAVAILABLE,
                "Something went wrong",
                "The registry could not take your report just now. Please try again in a moment.",
            )),
            _ => (StatusCode::UNPROCESSABLE_ENTITY, sentence(&error.detail())),
        };
    let mut response = report_page(state, krate, status, Some(text), form).await?;
    if let RegistryError::RateLimited {
        retry_after_secs, ..
    } = error
    {
        // `Retry-After` on a rate limit, as the API sends it.
        response
            .headers_mut()
            .insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
    }
    Ok(response)
}

#[derive(Template)]
#[template(path = "report_filed.html")]
struct FiledPage {
    head: Head,
    name: String,
    id: i64,
    target: String,
    category: String,
    email: String,
    merged: bool,
    held: bool,
}

/// `GET /crates/{name}/report/filed?report=ID`: what happens next, after the form was sent.
pub async fn filed(
    State(state): State<WebState>,
    SignedIn { user, .. }: SignedIn<ReportList>,
    Path(name): Path<String>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let params: Vec<(String, String)> =
        url::form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes())
            .into_owned()
            .collect();
    let flag = |key: &str| params.iter().any(|(k, v)| k == key && v == "1");
    let id = params
        .iter()
        .find(|(k, _)| k == "report")
        .and_then(|(_, v)| v.parse::<i64>().ok());
    // Only the reporter's own reports: the page shows nothing of anyone else's.
    let report = state
        .app
        .db
        .reports_by(user.id)
        .await?
        .into_iter()
        .find(|r| Some(r.id) == id)
        .ok_or_else(|| PageError::NotFound("You have no report with that number.".into()))?;
    let category = report_category(&report.category)
        .map(|c| c.title.to_string())
        .unwrap_or(report.category);
    Ok(html(
        StatusCode::OK,
        &FiledPage {
            head: Head::new("Report sent"),
            name,
            id: report.id,
            target: report.target,
            category,
            email: user.email,
            merged: flag("merged"),
            held: flag("held"),
        },
    ))
}

/// A report in the reporter's list.
pub struct ReportRow {
    pub id: i64,
    /// The crate the report is about, for a link, when it is about a crate or a version.
    pub crate_name: Option<String>,
    pub target: String,
    pub category: String,
    pub details: String,
    pub filed: String,
    pub status: String,
    pub decided: Option<String>,
    pub resolution: Option<String>,
}

#[derive(Template)]
#[template(path = "your_reports.html")]
struct YourReportsPage {
    head: Head,
    section: &'static str,
    reports: Vec<ReportRow>,
}

/// `GET /settings/reports`: the visitor's reports and what became of them, newest first — what
/// `GET /api/v1/me/reports` answers.
pub async fn your_reports(
    State(state): State<WebState>,
    SignedIn { user, .. }: SignedIn<ReportList>,
) -> PageResult {
    let reports = state
        .app
        .db
        .reports_by(user.id)
        .await?
        .into_iter()
        .map(|r| ReportRow {
            id: r.id,
            crate_name: match Target::parse(&r.target) {
                Ok(Target::Crate(name) | Target::Version(name, _)) => Some(name),
                _ => None,
            },
            category: report_category(&r.category)
                .map(|c| c.title.to_string())
                .unwrap_or(r.category),
            details: r.details,
            filed: day_string(r.created_at),
            status: match r.status.as_str() {
                "open" => "Open: waiting for a moderator".to_string(),
                "actioned" => "Decided: the moderators acted".to_string(),
                "dismissed" => "Decided: no breach found".to_string(),
                other => other.to_string(),
            },
            decided: r.resolved_at.map(day_string),
            resolution: r.resolution,
            target: r.target,
        })
        .collect();
    Ok(html(
        StatusCode::OK,
        &YourReportsPage {
            head: Head::new("Your reports"),
            section: "reports",
            reports,
        },
    ))
}
