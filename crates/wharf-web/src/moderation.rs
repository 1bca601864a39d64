//! The moderators' dashboard on the web site: the review queue, the evidence on one item with a
//! form for every action, the accounts under suspension, and (for admins) the audit log.
//!
//! Only moderators and admins see any of it. Anyone else signed in gets the site's ordinary "page
//! not found", so the pages do not even admit that they exist; anonymous visitors are sent to sign
//! in. Every action goes through `Registry::moderate`, as the API's does: the same rules, the same
//! audit row (with the web session as the credential), the same e-mails, and the same rewrite of
//! index files after holds, releases, yanks and removals.

use crate::extract::{CsrfForm, ModerationQueue, Moderator, SuspensionList, UpstreamWithheldList};
use crate::forms::{see_other, sentence};
use crate::pages::params;
use crate::pages::{message, Head};
use crate::{html, PageError, PageResult, WebState};
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::{Method, StatusCode};
use serde::Deserialize;
use wharf_policy::reports::report_category;
use wharf_registry::{parse_action, ActionOptions, RegistryError, ACTION_NAMES};
use wharf_routes::RecordedRoutes;
use wharf_store::{
    now_millis, rfc3339, AuditQuery, QueueDetail, StoredFinding, Target, UserRecord,
    VersionEvidence,
};

/// The dashboard's pages, merged into the site's router.
pub(crate) fn routes() -> RecordedRoutes<WebState> {
    RecordedRoutes::new()
        .route(Method::GET, "/moderation", queue)
        .route(Method::GET, "/moderation/item", item)
        .route(Method::POST, "/moderation/act", act)
        .route(Method::GET, "/moderation/suspensions", suspensions)
        .route(Method::GET, "/moderation/upstream", upstream)
        .route(Method::GET, "/moderation/audit", audit)
}

/// Audit rows per page.
const AUDIT_PAGE: i64 = 50;

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// "Done" after a redirect, from the query: only a known action's name is repeated, so a crafted
/// link cannot put words of its own on the page.
fn done_notice(params: &[(String, String)]) -> Option<String> {
    let action = param(params, "done").filter(|a| ACTION_NAMES.contains(a))?;
    let on = param(params, "on")
        .and_then(|t| Target::parse(t).ok())
        .map(|t| target_key(&t))?;
    Some(format!(
        "Done: {action} on {on}. The action and its reason are in the audit log."
    ))
}

fn target_key(target: &Target) -> String {
    match target {
        Target::Crate(name) => format!("crate:{name}"),
        Target::Version(name, num) => format!("crate:{name}@{num}"),
        Target::User(login) => format!("user:{login}"),
    }
}

fn kind_label(target: &str) -> &'static str {
    match Target::parse(target) {
        Ok(Target::Crate(_)) => "Crate",
        Ok(Target::Version(..)) => "Version",
        Ok(Target::User(_)) => "Account",
        Err(_) => "Other",
    }
}

/// How long ago, in the largest whole unit.
fn age(since: i64, now: i64) -> String {
    let minutes = (now - since).max(0) / 60_000;
    let plural = |n: i64, unit: &str| format!("{n} {unit}{}", if n == 1 { "" } else { "s" });
    match minutes {
        0 => "under a minute".into(),
        m if m < 60 => plural(m, "minute"),
        m if m < 48 * 60 => plural(m / 60, "hour"),
        m => plural(m / (24 * 60), "day"),
    }
}

fn category_title(slug: &str) -> String {
    report_category(slug)
        .map(|c| c.title.to_string())
        .unwrap_or_else(|| slug.to_string())
}

/// An account's standing, in words.
fn account_state(user: &UserRecord, now: i64) -> String {
    if let Some(at) = user.terminated_at {
        return format!("terminated on {}", rfc3339(at));
    }
    match user.suspended_at(now) {
        Some(s) => format!(
            "suspended {} — {}",
            match s.until {
                Some(until) => format!("until {}", rfc3339(until)),
                None => "until lifted".into(),
            },
            s.reason
        ),
        None => "active".into(),
    }
}

// ---------------------------------------------------------------------------------------------
// The queue

/// One line of the queue.
pub struct QueueRow {
    pub target: String,
    pub link: String,
    pub kind: &'static str,
    pub reports: i64,
    pub trusted: i64,
    pub categories: String,
    pub verdict: Option<String>,
    pub held: Option<String>,
    pub notice: Option<String>,
    pub stale: bool,
    pub waiting: String,
    pub since: String,
}

#[derive(Template)]
#[template(path = "moderation/queue.html")]
struct QueuePage {
    head: Head,
    section: &'static str,
    notice: Option<String>,
    error: Option<String>,
    rows: Vec<QueueRow>,
}

/// `GET /moderation`: everything waiting for a moderator, held crates first, then the oldest.
pub async fn queue(
    State(state): State<WebState>,
    _: Moderator<ModerationQueue>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let params = params(&raw);
    queue_page(&state, StatusCode::OK, done_notice(&params), None).await
}

async fn queue_page(
    state: &WebState,
    status: StatusCode,
    notice: Option<String>,
    error: Option<String>,
) -> PageResult {
    let now = now_millis();
    let rows = state
        .app
        .db
        .review_queue()
        .await?
        .into_iter()
        .map(|item| QueueRow {
            link: format!("/moderation/item?target={}", encode(&item.target)),
            kind: kind_label(&item.target),
            reports: item.open_reports,
            trusted: item.trusted_reports,
            categories: item
                .categories
                .iter()
                .map(|c| category_title(c))
                .collect::<Vec<_>>()
                .join(", "),
            verdict: item.verdict,
            held: item.held,
            notice: item.notice.map(|n| {
                if n.replied_at.is_some() {
                    "the owners replied".to_string()
                } else {
                    "the deadline passed".to_string()
                }
            }),
            stale: item.stale_placeholder,
            waiting: age(item.since, now),
            since: rfc3339(item.since),
            target: item.target,
        })
        .collect();
    Ok(html(
        status,
        &QueuePage {
            head: Head::new("Moderation: the queue"),
            section: "queue",
            notice,
            error,
            rows,
        },
    ))
}

// ---------------------------------------------------------------------------------------------
// One item and its actions

/// A form that applies one action to one target. Built here, laid out by one template macro.
pub struct ActionForm {
    /// Unique on the page: the fields' ids start with it.
    pub id: String,
    pub action: &'static str,
    pub target: String,
    pub legend: String,
    pub help: &'static str,
    pub button: String,
    /// Cannot be undone.
    pub danger: bool,
    /// The label of a date field named `until`, for actions that take an end.
    pub until: Option<&'static str>,
    /// A user-name field named `to` (reassigning a name).
    pub to: bool,
    /// A "reserve the name" check box (removing a crate).
    pub reserve: bool,
    /// A "remove the crates it alone owns" check box (terminating an account).
    pub remove_crates: bool,
    /// What the moderator typed, when the form comes back with an error.
    pub reason: String,
    pub until_value: String,
    pub to_value: String,
    pub error: Option<String>,
}

fn action_form(
    action: &'static str,
    target: &str,
    legend: String,
    help: &'static str,
) -> ActionForm {
    ActionForm {
        id: String::new(),
        action,
        target: target.to_string(),
        button: legend.clone(),
        legend,
        help,
        danger: false,
        until: None,
        to: false,
        reserve: false,
        remove_crates: false,
        reason: String::new(),
        until_value: String::new(),
        to_value: String::new(),
        error: None,
    }
}

/// The forms for a crate or a version item.
fn content_forms(detail: &QueueDetail, target: &Target) -> Vec<ActionForm> {
    let key = &detail.target;
    let mut forms = vec![action_form(
        "dismiss",
        key,
        "Dismiss the reports".into(),
        "Nothing to act on: closes the open reports and marks the findings reviewed. The reporters \
         are told.",
    )];
    match target {
        Target::Crate(_) => {
            if detail.held.is_some() {
                forms.push(action_form(
                    "release",
                    key,
                    "Release the hold".into(),
                    "The crate returns to the index and downloads, and its owners can publish again.",
                ));
            } else {
                forms.push(action_form(
                    "hold",
                    key,
                    "Hold the crate".into(),
                    "Takes the whole crate out of the index and downloads and closes it to \
                     publishing until it is released.",
                ));
            }
            let mut notice = action_form(
                "notice",
                key,
                "Send a notice to the owners".into(),
                "Tells the owners what is wrong and gives them until the deadline to answer; the \
                 notice shows on the crate's page. The item leaves the queue until the deadline \
                 passes or they reply.",
            );
            notice.until = Some("Deadline (optional; 14 days from now if empty)");
            forms.push(notice);
            let mut reassign = action_form(
                "reassign",
                key,
                "Offer the name to another user".into(),
                "After a notice has run out or been answered: the user is invited to own the \
                 crate, and replaces its owners if they accept.",
            );
            reassign.to = true;
            forms.push(reassign);
            let mut remove = action_form(
                "remove-crate",
                key,
                "Remove the crate".into(),
                "Removes the crate, every version and its files for good. This cannot be undone.",
            );
            remove.reserve = true;
            remove.danger = true;
            forms.push(remove);
        }
        Target::Version(..) => {
            if detail.versions.iter().any(|v| v.held) {
                forms.push(action_form(
                    "release",
                    key,
                    "Release the held version".into(),
                    "Publishes the version the policy held: it joins the index and can be \
                     downloaded.",
                ));
            }
            forms.push(action_form(
                "yank",
                key,
                "Yank the version".into(),
                "New projects will not select it; projects that lock it still build.",
            ));
            let mut remove = action_form(
                "remove-version",
                key,
                "Remove the version".into(),
                "Removes this version and its file for good. This cannot be undone.",
            );
            remove.danger = true;
            forms.push(remove);
        }
        Target::User(_) => {}
    }
    forms
}

/// The forms on an account: its reports, suspension, trust and termination.
fn account_forms(user: &UserRecord, with_dismiss: bool, now: i64) -> Vec<ActionForm> {
    let key = format!("user:{}", user.login);
    let mut forms = Vec::new();
    if with_dismiss {
        forms.push(action_form(
            "dismiss",
            &key,
            "Dismiss the reports".into(),
            "Nothing to act on: closes the open reports on the account. The reporters are told.",
        ));
    }
    if user.terminated_at.is_some() {
        return forms;
    }
    if user.suspended_at(now).is_some() {
        forms.push(action_form(
            "lift",
            &key,
            format!("Lift {}'s suspension", user.login),
            "The account can sign in, use its tokens and publish again.",
        ));
    } else {
        let mut suspend = action_form(
            "suspend",
            &key,
            format!("Suspend {}", user.login),
            "Refuses the account's sign-in and API tokens, with the reason, until the date or until \
             a moderator lifts it.",
        );
        suspend.until =
            Some("Until (optional; UTC, from the start of that day; empty: until lifted)");
        forms.push(suspend);
    }
    forms
}

/// The forms only an account's own page carries: trust and termination.
fn account_only_forms(user: &UserRecord) -> Vec<ActionForm> {
    let key = format!("user:{}", user.login);
    let mut forms = Vec::new();
    if user.terminated_at.is_some() {
        return forms;
    }
    forms.push(if user.trusted_reporter {
        action_form(
            "untrust",
            &key,
            "Stop trusting the account's reports".into(),
            "Its malware reports no longer hold a crate on their own.",
        )
    } else {
        action_form(
            "trust",
            &key,
            "Make the account a trusted reporter".into(),
            "Its reports of malicious code can hold a crate before a moderator looks (see the \
             usage policy).",
        )
    });
    let mut terminate = action_form(
        "terminate",
        &key,
        format!("Terminate {}", user.login),
        "Closes the account for good and revokes every token. This cannot be undone.",
    );
    terminate.remove_crates = true;
    terminate.danger = true;
    forms.push(terminate);
    forms
}

/// A report as the item page shows it.
pub struct ReportView {
    pub id: i64,
    pub reporter: String,
    pub trusted: bool,
    pub target: String,
    pub category: String,
    pub details: String,
    pub filed: String,
    pub status: String,
    pub resolution: Option<String>,
}

/// One policy finding, ready to show.
pub struct FindingRow {
    pub rule: String,
    pub severity: String,
    pub location: String,
    pub evidence: String,
}

impl FindingRow {
    pub fn from(finding: &StoredFinding) -> FindingRow {
        FindingRow {
            rule: finding.rule.clone(),
            severity: finding.severity.clone(),
            location: match (&finding.file, finding.line) {
                (Some(file), Some(line)) => format!("{file}:{line}"),
                (Some(file), None) => file.clone(),
                _ => String::new(),
            },
            evidence: finding.evidence.clone(),
        }
    }
}

/// A version's verdict and findings.
pub struct EvidenceView {
    pub version: String,
    pub verdict: String,
    pub held: bool,
    pub reviewed: bool,
    /// The version the page shows (on a crate's version page).
    pub current: bool,
    pub findings: Vec<FindingRow>,
}

/// The versions worth showing, in the order given, and how many others passed with nothing to
/// say: a crate with hundreds of clean versions gets one sentence, not hundreds of sections.
pub fn evidence_views<'a>(
    versions: impl IntoIterator<Item = &'a VersionEvidence>,
    current: Option<&str>,
) -> (Vec<EvidenceView>, usize) {
    let mut shown = Vec::new();
    let mut clean = 0;
    for v in versions {
        let is_current = current == Some(v.version.as_str());
        if v.findings.is_empty() && v.verdict == "allow" && !v.held && !is_current {
            clean += 1;
            continue;
        }
        shown.push(EvidenceView {
            version: v.version.clone(),
            verdict: v.verdict.clone(),
            held: v.held,
            reviewed: v.reviewed,
            current: is_current,
            findings: v.findings.iter().map(FindingRow::from).collect(),
        });
    }
    (shown, clean)
}

/// An owner or publisher on a crate's item page, with its own suspend or lift form.
pub struct AccountView {
    pub login: String,
    /// How the account is tied to the crate: owner, publisher, or both.
    pub relation: &'static str,
    pub review_link: String,
    pub state: String,
    pub trusted: bool,
    pub forms: Vec<ActionForm>,
}

#[derive(Template)]
#[template(path = "moderation/item.html")]
struct ItemPage {
    head: Head,
    section: &'static str,
    notice: Option<String>,
    error: Option<String>,
    target: String,
    kind: &'static str,
    /// The crate of a crate or version item, for links.
    crate_name: Option<String>,
    /// For a version item: the crate's own item page, where crate-wide actions are.
    crate_review: Option<String>,
    held: Option<String>,
    open_notice: Option<(String, String, Option<String>)>,
    reports: Vec<ReportView>,
    evidence: Vec<EvidenceView>,
    /// Versions with no findings and an `allow` verdict, summed up in one sentence.
    clean_versions: usize,
    accounts: Vec<AccountView>,
    /// The account of a user item: e-mail, role, joined, state.
    account: Option<Vec<(&'static str, String)>>,
    related: Vec<String>,
    forms: Vec<ActionForm>,
    back: String,
}

/// A form that failed, to show again with what the moderator typed and why it failed.
#[derive(Default)]
struct Failed {
    action: String,
    target: String,
    reason: String,
    until: String,
    to: String,
    error: String,
}

impl Failed {
    fn apply(&self, forms: &mut [ActionForm]) {
        for form in forms {
            if form.action == self.action && form.target == self.target {
                form.reason = self.reason.clone();
                form.until_value = self.until.clone();
                form.to_value = self.to.clone();
                form.error = Some(self.error.clone());
            }
        }
    }
}

/// `GET /moderation/item?target=crate:NAME`: the evidence on one item, and what can be done.
pub async fn item(
    State(state): State<WebState>,
    _: Moderator,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let params = params(&raw);
    let target = match param(&params, "target").map(Target::parse) {
        Some(Ok(target)) => target,
        Some(Err(error)) => {
            return queue_page(
                &state,
                StatusCode::UNPROCESSABLE_ENTITY,
                None,
                Some(sentence(&error.to_string())),
            )
            .await
        }
        None => return Ok(see_other("/moderation")),
    };
    item_page(&state, &target, StatusCode::OK, done_notice(&params), None).await
}

async fn item_page(
    state: &WebState,
    target: &Target,
    status: StatusCode,
    notice: Option<String>,
    failed: Option<&Failed>,
) -> PageResult {
    let db = &state.app.db;
    let now = now_millis();
    let detail = db.review_item(target).await?;
    let crate_name = match target {
        Target::Crate(_) | Target::Version(..) => detail
            .target
            .strip_prefix("crate:")
            .map(|rest| rest.split('@').next().unwrap_or(rest).to_string()),
        Target::User(_) => None,
    };
    let krate = match &crate_name {
        Some(name) => db.crate_by_name(name).await?,
        None => None,
    };
    let open_notice = match (target, &krate) {
        (Target::Crate(_), Some(krate)) => db.open_notice(krate.id).await?.map(|n| {
            (
                n.reason,
                rfc3339(n.deadline),
                n.reply
                    .map(|r| format!("{r} (on {})", n.replied_at.map(rfc3339).unwrap_or_default())),
            )
        }),
        _ => None,
    };
    let reports = detail
        .reports
        .iter()
        .map(|r| ReportView {
            id: r.id,
            reporter: r.reporter.clone(),
            trusted: r.reporter_trusted,
            target: r.target.clone(),
            category: category_title(&r.category),
            details: r.details.clone(),
            filed: rfc3339(r.created_at),
            status: r.status.clone(),
            resolution: r.resolution.clone(),
        })
        .collect();
    // Newest version first, as everywhere else on the site.
    let (evidence, clean_versions) = evidence_views(detail.versions.iter().rev(), None);
    let mut counter = 0;
    let mut number = |forms: &mut Vec<ActionForm>| {
        for form in forms.iter_mut() {
            form.id = format!("act{counter}");
            counter += 1;
        }
        if let Some(failed) = failed {
            failed.apply(forms);
        }
    };
    let mut forms = match (target, &detail.user) {
        (Target::User(_), Some(account)) => {
            let mut forms = account_forms(account, true, now);
            forms.extend(account_only_forms(account));
            forms
        }
        _ => content_forms(&detail, target),
    };
    number(&mut forms);
    // The owners, then whoever else published a version (a team member, a former owner): the
    // accounts a moderator may have to act on.
    let publishers = match &krate {
        Some(krate) => db.publishers_of(krate.id).await?,
        None => Vec::new(),
    };
    let mut people = Vec::new();
    for login in &detail.owners {
        if let Some(owner) = db.user_by_login(login).await? {
            let published = publishers.iter().any(|p| p.id == owner.id);
            let relation = if published {
                "Owner; published versions"
            } else {
                "Owner"
            };
            people.push((owner, relation));
        }
    }
    for publisher in publishers {
        if !people.iter().any(|(p, _)| p.id == publisher.id) {
            people.push((publisher, "Published versions; not an owner"));
        }
    }
    let mut accounts = Vec::new();
    for (person, relation) in people {
        let mut person_forms = account_forms(&person, false, now);
        number(&mut person_forms);
        accounts.push(AccountView {
            review_link: format!(
                "/moderation/item?target={}",
                encode(&format!("user:{}", person.login))
            ),
            relation,
            state: account_state(&person, now),
            trusted: person.trusted_reporter,
            forms: person_forms,
            login: person.login,
        });
    }
    let account = detail.user.as_ref().map(|u| {
        vec![
            ("User name", u.login.clone()),
            ("E-mail", {
                let verified = if u.email_verified {
                    " (verified)"
                } else {
                    " (not verified)"
                };
                format!("{}{verified}", u.email)
            }),
            (
                "Role",
                if u.is_admin {
                    "administrator"
                } else if u.is_moderator {
                    "moderator"
                } else {
                    "user"
                }
                .to_string(),
            ),
            ("Joined", rfc3339(u.created_at)),
            ("State", account_state(u, now)),
            (
                "Trusted reporter",
                if u.trusted_reporter { "yes" } else { "no" }.to_string(),
            ),
        ]
    });
    let page = ItemPage {
        head: Head::new(format!("Moderation: {}", detail.target)),
        section: "queue",
        notice,
        error: failed.map(|f| format!("Could not {} {}: {}", f.action, f.target, f.error)),
        kind: kind_label(&detail.target),
        crate_review: match target {
            Target::Version(..) => crate_name.as_ref().map(|name| {
                format!(
                    "/moderation/item?target={}",
                    encode(&format!("crate:{name}"))
                )
            }),
            _ => None,
        },
        crate_name,
        held: detail.held.clone(),
        open_notice,
        reports,
        evidence,
        clean_versions,
        accounts,
        account,
        related: detail.related_crates.clone(),
        forms,
        back: detail.target.clone(),
        target: detail.target,
    };
    Ok(html(status, &page))
}

#[derive(Default, Deserialize)]
pub struct ActForm {
    #[serde(default)]
    action: String,
    #[serde(default)]
    target: String,
    /// The page the form was on: `suspensions`, or the target of an item page.
    #[serde(default)]
    back: String,
    #[serde(default)]
    reason: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    to: String,
    /// Check boxes: present when ticked.
    reserve: Option<String>,
    remove_crates: Option<String>,
}

/// Where a form came from, to return to it.
enum Back {
    Suspensions,
    Item(Target),
    Queue,
}

impl Back {
    fn parse(text: &str) -> Back {
        if text == "suspensions" {
            return Back::Suspensions;
        }
        Target::parse(text).map(Back::Item).unwrap_or(Back::Queue)
    }
}

/// A date from the form's date field (`YYYY-MM-DD`) as the RFC 3339 time the actions take: the
/// start of that day, UTC. `parse_action` then checks it is a real date.
fn until_option(date: &str) -> Result<Option<String>, String> {
    let date = date.trim();
    if date.is_empty() {
        return Ok(None);
    }
    let shape = date.len() == 10
        && date.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape {
        return Err(format!(
            "“{date}” is not a date: write it as YYYY-MM-DD, or leave the field empty."
        ));
    }
    Ok(Some(format!("{date}T00:00:00Z")))
}

/// `POST /moderation/act`: applies one action, with its reason, and returns to the page the form
/// was on.
pub async fn act(
    State(state): State<WebState>,
    Moderator(moderator): Moderator<ModerationQueue>,
    CsrfForm(form): CsrfForm<ActForm>,
) -> PageResult {
    let back = Back::parse(&form.back);
    let mut failed = Failed {
        action: form.action.clone(),
        target: form.target.clone(),
        reason: form.reason.clone(),
        until: form.until.clone(),
        to: form.to.clone(),
        error: String::new(),
    };
    let reason = form.reason.trim();
    if reason.is_empty() {
        failed.error = "Give a reason: it is sent to the people the action affects and kept in \
                        the audit log."
            .into();
        return again(&state, &back, StatusCode::UNPROCESSABLE_ENTITY, failed).await;
    }
    let target = match Target::parse(&form.target) {
        Ok(target) => target,
        Err(error) => {
            failed.error = sentence(&error.to_string());
            return again(&state, &back, StatusCode::UNPROCESSABLE_ENTITY, failed).await;
        }
    };
    let until = match until_option(&form.until) {
        Ok(until) => until,
        Err(error) => {
            failed.error = error;
            return again(&state, &back, StatusCode::UNPROCESSABLE_ENTITY, failed).await;
        }
    };
    let ticked = |field: &Option<String>| field.as_deref().is_some_and(|v| !v.is_empty());
    let options = ActionOptions {
        until,
        days: None,
        reserve: ticked(&form.reserve),
        remove_crates: ticked(&form.remove_crates),
        to: Some(form.to.trim().to_string()).filter(|to| !to.is_empty()),
    };
    let action = match parse_action(&form.action, &options) {
        Ok(action) => action,
        Err(error) => {
            failed.error = sentence(&error.detail());
            return again(&state, &back, StatusCode::UNPROCESSABLE_ENTITY, failed).await;
        }
    };
    let moderated = match wharf_registry::Moderator::verify(&moderator.principal()) {
        Ok(rights) => state.app.moderate(&rights, &action, &target, reason).await,
        Err(error) => Err(error),
    };
    if let Err(error) = moderated {
        return refused(&state, &back, failed, error).await;
    }
    let done = format!("done={}&on={}", action.name(), encode(&target_key(&target)));
    // After a removal or a termination the item may be gone; the queue is always there.
    let removed = matches!(
        action.name(),
        "remove-crate" | "remove-version" | "terminate"
    );
    Ok(see_other(&match back {
        Back::Suspensions => format!("/moderation/suspensions?{done}"),
        Back::Item(item) if !removed => {
            format!(
                "/moderation/item?target={}&{done}",
                encode(&target_key(&item))
            )
        }
        _ => format!("/moderation?{done}"),
    }))
}

/// The page the form was on, again, with why the action was not taken.
async fn refused(
    state: &WebState,
    back: &Back,
    mut failed: Failed,
    error: RegistryError,
) -> PageResult {
    let Some(status) = crate::refusal_status(&error) else {
        return Ok(message(
            StatusCode::SERVICE_UNAVAILABLE,
            "Something went wrong",
            "The registry could not apply the action just now. Nothing was changed; please try \
             again in a moment.",
        ));
    };
    failed.error = sentence(&error.detail());
    again(state, back, status, failed).await
}

async fn again(state: &WebState, back: &Back, status: StatusCode, failed: Failed) -> PageResult {
    match back {
        Back::Suspensions => suspensions_page(state, status, None, Some(&failed)).await,
        Back::Item(target) => {
            match item_page(state, target, status, None, Some(&failed)).await {
                // The item itself is gone (or was never there): say so on the queue instead.
                Err(PageError::NotFound(what)) => {
                    queue_page(
                        state,
                        status,
                        None,
                        Some(format!("{} {}", failed.error, sentence(&what))),
                    )
                    .await
                }
                other => other,
            }
        }
        Back::Queue => {
            let error = format!(
                "Could not {} {}: {}",
                failed.action, failed.target, failed.error
            );
            queue_page(state, status, None, Some(error)).await
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Suspensions

/// An account under suspension, with its lift form.
pub struct SuspendedRow {
    pub login: String,
    pub review_link: String,
    pub since: String,
    pub until: String,
    pub reason: String,
    pub lift: ActionForm,
}

#[derive(Template)]
#[template(path = "moderation/suspensions.html")]
struct SuspensionsPage {
    head: Head,
    section: &'static str,
    notice: Option<String>,
    error: Option<String>,
    rows: Vec<SuspendedRow>,
    back: &'static str,
}

/// `GET /moderation/suspensions`: the accounts suspended now, most recent first.
pub async fn suspensions(
    State(state): State<WebState>,
    _: Moderator<SuspensionList>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let params = params(&raw);
    suspensions_page(&state, StatusCode::OK, done_notice(&params), None).await
}

async fn suspensions_page(
    state: &WebState,
    status: StatusCode,
    notice: Option<String>,
    failed: Option<&Failed>,
) -> PageResult {
    let now = now_millis();
    let mut rows = Vec::new();
    for (i, account) in state
        .app
        .db
        .suspended_accounts(now)
        .await?
        .into_iter()
        .enumerate()
    {
        let Some(suspension) = account.suspended_at(now) else {
            continue;
        };
        let mut lift = action_form(
            "lift",
            &format!("user:{}", account.login),
            format!("Lift {}'s suspension", account.login),
            "The account can sign in, use its tokens and publish again.",
        );
        lift.id = format!("lift{i}");
        if let Some(failed) = failed {
            failed.apply(std::slice::from_mut(&mut lift));
        }
        rows.push(SuspendedRow {
            review_link: format!(
                "/moderation/item?target={}",
                encode(&format!("user:{}", account.login))
            ),
            since: rfc3339(suspension.since),
            until: suspension
                .until
                .map(rfc3339)
                .unwrap_or_else(|| "until lifted".into()),
            reason: suspension.reason.clone(),
            lift,
            login: account.login.clone(),
        });
    }
    Ok(html(
        status,
        &SuspensionsPage {
            head: Head::new("Moderation: suspended accounts"),
            section: "suspensions",
            notice,
            error: failed.map(|f| format!("Could not {} {}: {}", f.action, f.target, f.error)),
            rows,
            back: "suspensions",
        },
    ))
}

// ---------------------------------------------------------------------------------------------
// The upstream registry

/// One thing withheld from the upstream, ready to show.
pub struct UpstreamRow {
    pub name: String,
    /// The version, or "every version" for a withheld name.
    pub what: String,
    pub verdict: &'static str,
    pub at: String,
    pub findings: Vec<wharf_policy::Finding>,
}

/// One operator's rule, ready to show.
pub struct UpstreamRuleRow {
    pub target: String,
    pub rule: &'static str,
    pub reason: String,
    pub at: String,
}

#[derive(Template)]
#[template(path = "moderation/upstream.html")]
struct UpstreamPage {
    head: Head,
    section: &'static str,
    proxies: bool,
    rows: Vec<UpstreamRow>,
    rules: Vec<UpstreamRuleRow>,
}

/// A read that failed inside the registry: logged here, a neutral page for the visitor.
fn failed(error: wharf_registry::RegistryError) -> PageError {
    tracing::error!(%error, "the upstream page could not read the registry");
    PageError::Internal
}

/// How many withheld names and versions the page lists, newest first.
const UPSTREAM_PAGE_ROWS: i64 = 200;

/// `GET /moderation/upstream`: what the policy withheld from the upstream registry this one
/// proxies, with the findings, and the operators' rules (set with `wharf admin upstream`).
pub async fn upstream(
    State(state): State<WebState>,
    _: Moderator<UpstreamWithheldList>,
) -> PageResult {
    let rows = state
        .app
        .upstream_withheld(UPSTREAM_PAGE_ROWS)
        .await
        .map_err(failed)?
        .into_iter()
        .map(|w| UpstreamRow {
            what: w.version.unwrap_or_else(|| "every version".into()),
            name: w.name,
            verdict: w.verdict.as_str(),
            at: rfc3339(w.at),
            findings: w.findings,
        })
        .collect();
    let rules = state
        .app
        .upstream_rules()
        .await
        .map_err(failed)?
        .into_iter()
        .map(|r| UpstreamRuleRow {
            target: match &r.version {
                Some(version) => format!("{}@{version}", r.name),
                None => r.name.clone(),
            },
            rule: r.rule.as_str(),
            reason: r.reason,
            at: rfc3339(r.set_at),
        })
        .collect();
    Ok(html(
        StatusCode::OK,
        &UpstreamPage {
            head: Head::new("Moderation: the upstream registry"),
            section: "upstream",
            proxies: state.app.proxies_upstream(),
            rows,
            rules,
        },
    ))
}

// ---------------------------------------------------------------------------------------------
// The audit log

/// One audit row, ready to show.
pub struct AuditRow {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub credential: String,
    pub ip: String,
    pub action: String,
    pub target: String,
    pub details: String,
}

#[derive(Template)]
#[template(path = "moderation/audit.html")]
struct AuditPage {
    head: Head,
    section: &'static str,
    admin: bool,
    actor: String,
    action: String,
    target: String,
    rows: Vec<AuditRow>,
    older: Option<String>,
    newest: Option<String>,
}

/// `GET /moderation/audit?actor=&action=&target=&before=`: the audit log, newest first, for
/// moderators and admins — the rule of `GET /api/v1/admin/audit`. The client addresses in it are
/// personal data that investigating abuse seldom needs: only admins see them.
pub async fn audit(
    State(state): State<WebState>,
    Moderator(moderator): Moderator,
    RawQuery(raw): RawQuery,
) -> PageResult {
    let user = &moderator.user;
    let params = params(&raw);
    let actor = param(&params, "actor").unwrap_or("").to_string();
    let action = param(&params, "action").unwrap_or("").to_string();
    let target = param(&params, "target").unwrap_or("").to_string();
    let before = param(&params, "before").and_then(|b| b.parse::<i64>().ok());
    let entries = state
        .app
        .db
        .audit_entries(&AuditQuery {
            actor: Some(actor.clone()).filter(|a| !a.is_empty()),
            action: Some(action.clone()).filter(|a| !a.is_empty()),
            target: Some(target.clone()).filter(|t| !t.is_empty()),
            before,
            limit: AUDIT_PAGE,
        })
        .await?;
    let filters = format!(
        "actor={}&action={}&target={}",
        encode(&actor),
        encode(&action),
        encode(&target)
    );
    let older = (entries.len() as i64 == AUDIT_PAGE)
        .then(|| entries.last().map(|e| e.id))
        .flatten()
        .map(|id| format!("/moderation/audit?{filters}&before={id}"));
    let newest = before.map(|_| format!("/moderation/audit?{filters}"));
    let rows = entries
        .into_iter()
        .map(|e| AuditRow {
            id: e.id,
            at: rfc3339(e.at),
            actor: e.actor.unwrap_or_else(|| "the registry".into()),
            credential: match (e.session_id, e.token_id) {
                (Some(session), _) => format!("web session #{session}"),
                (None, Some(token)) => format!("API token #{token}"),
                (None, None) => String::new(),
            },
            ip: if user.is_admin {
                e.ip.unwrap_or_default()
            } else {
                String::new()
            },
            action: e.action,
            target: e.target,
            details: match e.details.to_string().as_str() {
                "{}" | "null" => String::new(),
                text => text.to_string(),
            },
        })
        .collect();
    Ok(html(
        StatusCode::OK,
        &AuditPage {
            head: Head::new("Moderation: audit log"),
            section: "audit",
            admin: user.is_admin,
            actor,
            action,
            target,
            rows,
            older,
            newest,
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ages_read_as_words() {
        let now = 10 * 24 * 60 * 60 * 1000;
        assert_eq!(age(now - 30_000, now), "under a minute");
        assert_eq!(age(now - 60_000, now), "1 minute");
        assert_eq!(age(now - 5 * 3_600_000, now), "5 hours");
        assert_eq!(age(now - 3 * 86_400_000, now), "3 days");
        assert_eq!(age(now + 5_000, now), "under a minute");
    }

    #[test]
    fn dates_become_the_start_of_the_day() {
        assert_eq!(until_option("  "), Ok(None));
        assert_eq!(
            until_option("2031-02-03"),
            Ok(Some("2031-02-03T00:00:00Z".into()))
        );
        assert!(until_option("3 Feb 2031").is_err());
        assert!(until_option("2031-2-3").is_err());
    }

    #[test]
    fn only_known_actions_are_repeated() {
        let done =
            |a: &str, on: &str| done_notice(&[("done".into(), a.into()), ("on".into(), on.into())]);
        assert!(done("suspend", "user:alice")
            .unwrap()
            .starts_with("Done: suspend on user:alice."));
        assert_eq!(done("you were hacked", "user:alice"), None);
        assert_eq!(done("suspend", "nonsense"), None);
    }
}
