//! The page handlers and the view models their templates show.
//!
//! Handlers read the store, then turn records into plain view structs with every number and date
//! already formatted, so templates only lay things out.

use crate::moderation::{evidence_views, EvidenceView};
use crate::session::Visitor;
use crate::{chart, html, readme, style_sheet_href, PageError, PageResult};
use askama::Template;
use axum::extract::{Path, RawQuery, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use wharf_registry::Registry;
use wharf_store::{
    day_string, now_millis, rfc3339, BrowseOrder, CrateRecord, SearchPage, SearchQuery, SearchSort,
    SearchTotal, TagOrder, VersionRecord,
};

/// The name the install snippets give this registry in cargo's configuration.
const REGISTRY_NAME: &str = "wharf";
/// Crates per page in search results and keyword or category lists.
const PER_PAGE: i64 = 20;
/// Versions listed on a crate's page; the rest are on its versions page.
const VERSIONS_SHOWN: usize = 30;
const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// What the layout around every page needs.
pub struct Head {
    pub title: String,
    pub css: &'static str,
    /// The search box's text.
    pub query: String,
    /// The signed-in account, for the header's menu.
    pub login: Option<String>,
    /// Whether the header links to the moderation dashboard.
    pub moderator: bool,
    /// The CSRF token of the header's sign-out form.
    pub csrf: String,
    /// The crate whose version feed the page links to, besides the registry's feeds.
    pub crate_feed: Option<String>,
}

impl Head {
    pub(crate) fn new(title: impl Into<String>) -> Head {
        let visitor = crate::session::current();
        let user = visitor.as_ref().and_then(|v| v.user());
        Head {
            title: title.into(),
            css: style_sheet_href(),
            query: String::new(),
            login: user.map(|u| u.login.clone()),
            moderator: user.is_some_and(|u| u.can_moderate()),
            csrf: visitor.map(|v| v.csrf).unwrap_or_default(),
            crate_feed: None,
        }
    }
}

/// `1234567` → `1,234,567`.
fn thousands(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 + 1);
    if n < 0 {
        out.push('-');
    }
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A link from a publisher is shown only if it is a web address: `javascript:` and the like never
/// become an `href`.
fn web_link(url: Option<&String>) -> Option<String> {
    url.map(|u| u.trim())
        .filter(|u| u.starts_with("https://") || u.starts_with("http://"))
        .map(str::to_string)
}

/// The query string's parameters, leniently: a bad or repeated parameter is ignored, not an error.
pub(crate) fn params(raw: &Option<String>) -> Vec<(String, String)> {
    url::form_urlencoded::parse(raw.as_deref().unwrap_or("").as_bytes())
        .into_owned()
        .collect()
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn page_number(params: &[(String, String)]) -> i64 {
    param(params, "page")
        .and_then(|p| p.trim().parse::<i64>().ok())
        .unwrap_or(1)
        .clamp(1, 10_000)
}

fn encode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// A crate in a list.
pub struct CrateRow {
    pub name: String,
    pub version: String,
    pub description: String,
    pub downloads: String,
    pub updated: String,
}

impl CrateRow {
    fn from(record: &CrateRecord) -> CrateRow {
        CrateRow {
            name: record.name.clone(),
            version: record
                .max_stable_version
                .clone()
                .or_else(|| record.max_version.clone())
                .unwrap_or_default(),
            description: record.description.clone().unwrap_or_default(),
            downloads: thousands(record.downloads),
            updated: day_string(record.updated_at),
        }
    }

    fn list(records: &[CrateRecord]) -> Vec<CrateRow> {
        records.iter().map(CrateRow::from).collect()
    }
}

/// Previous and next links of a paged list.
pub struct Pager {
    pub page: i64,
    /// How many pages there are, when that is known (`pages_known`); else at least this many.
    pub pages: i64,
    pub pages_known: bool,
    pub total: String,
    pub previous: Option<String>,
    pub next: Option<String>,
}

impl Pager {
    /// `base` is the list's address with its query so far, ending in `?` or `&`.
    fn new(base: &str, page: i64, per_page: i64, total: i64) -> Pager {
        let pages = ((total + per_page - 1) / per_page).max(1);
        Pager {
            page,
            pages,
            pages_known: true,
            total: thousands(total),
            previous: (page > 1).then(|| format!("{base}page={}", (page - 1).min(pages))),
            next: (page < pages).then(|| format!("{base}page={}", page + 1)),
        }
    }

    /// A search's pager, for a page that showed `shown` crates. An estimated total is said to be
    /// one, rounded to what it is worth ("about 160,000"), and says nothing of where the last
    /// page is: a full page has a next one (maybe empty), as the API's `next_page` does.
    fn for_search(base: &str, page: i64, per_page: i64, total: SearchTotal, shown: usize) -> Pager {
        let mut pager = Pager::new(base, page, per_page, total.count());
        if let SearchTotal::Estimated(n) = total {
            let full = shown as i64 == per_page;
            pager.total = format!("about {}", thousands(two_significant_digits(n)));
            pager.pages_known = false;
            pager.pages = if full { page + 1 } else { page };
            pager.next = full.then(|| format!("{base}page={}", page + 1));
            pager.previous = (page > 1).then(|| format!("{base}page={}", page - 1));
        }
        pager
    }
}

/// `n` rounded to its two leading digits (163,316 → 160,000).
fn two_significant_digits(n: i64) -> i64 {
    let mut unit = 1;
    while n / unit >= 100 {
        unit *= 10;
    }
    (n + unit / 2) / unit * unit
}

#[derive(Template)]
#[template(path = "message.html")]
struct MessagePage<'a> {
    head: Head,
    heading: &'a str,
    text: &'a str,
}

/// A short page with a heading and a sentence: errors, and private mode's explanation.
pub fn message(status: StatusCode, heading: &str, text: &str) -> Response {
    html(
        status,
        &MessagePage {
            head: Head::new(heading),
            heading,
            text,
        },
    )
}

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    head: Head,
    crates: String,
    versions: String,
    downloads: String,
    new: Vec<CrateRow>,
    updated: Vec<CrateRow>,
    popular: Vec<CrateRow>,
    /// The lines that point cargo at this registry.
    registry_config: String,
}

/// The `.cargo/config.toml` lines that point cargo at this registry.
fn registry_config(state: &Registry) -> String {
    format!(
        "[registries.{REGISTRY_NAME}]\nindex = \"sparse+{}/index/\"",
        state.config.public_url
    )
}

pub async fn home(State(state): State<Registry>) -> PageResult {
    let db = &state.db;
    let totals = db.registry_totals().await?;
    let page = HomePage {
        head: Head::new("Wharf: the Rust crate registry"),
        crates: thousands(totals.crates),
        versions: thousands(totals.versions),
        downloads: thousands(totals.downloads),
        new: CrateRow::list(&db.browse_crates(BrowseOrder::New, 10).await?),
        updated: CrateRow::list(&db.browse_crates(BrowseOrder::RecentlyUpdated, 10).await?),
        popular: CrateRow::list(&db.browse_crates(BrowseOrder::MostDownloaded, 10).await?),
        registry_config: registry_config(&state),
    };
    Ok(html(StatusCode::OK, &page))
}

/// One way of ordering search results, as the sort control offers it.
pub struct SortChoice {
    pub value: &'static str,
    pub label: &'static str,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "list.html")]
struct ListPage {
    head: Head,
    heading: String,
    /// The search form with its sort control, on search results only.
    sorts: Vec<SortChoice>,
    crates: Vec<CrateRow>,
    pager: Pager,
    empty: String,
}

pub async fn search(State(state): State<Registry>, RawQuery(raw): RawQuery) -> PageResult {
    let params = params(&raw);
    let text = param(&params, "q").unwrap_or("").trim().to_string();
    let sort_name = match param(&params, "sort") {
        Some("downloads") => "downloads",
        Some("recent") => "recent",
        _ => "relevance",
    };
    let sort = match sort_name {
        "downloads" => SearchSort::Downloads,
        "recent" => SearchSort::RecentUpdates,
        _ => SearchSort::Relevance,
    };
    let page = page_number(&params);
    let per_page = param(&params, "per_page")
        .and_then(|p| p.trim().parse::<i64>().ok())
        .unwrap_or(PER_PAGE)
        .clamp(1, 100);
    let SearchPage { crates, total } = state
        .search(&SearchQuery {
            page,
            per_page,
            sort,
            ..SearchQuery::text(&text)
        })
        .await
        .map_err(|error| {
            tracing::error!(%error, "search failed");
            PageError::Internal
        })?;
    let mut base = format!("/search?q={}&sort={sort_name}&", encode(&text));
    if per_page != PER_PAGE {
        base.push_str(&format!("per_page={per_page}&"));
    }
    let mut head = Head::new(if text.is_empty() {
        "All crates".to_string()
    } else {
        format!("Search: {text}")
    });
    head.query = text.clone();
    let sorts = [
        ("relevance", "Relevance"),
        ("downloads", "Downloads"),
        ("recent", "Recently updated"),
    ]
    .into_iter()
    .map(|(value, label)| SortChoice {
        value,
        label,
        selected: value == sort_name,
    })
    .collect();
    let page = ListPage {
        heading: if text.is_empty() {
            "All crates".into()
        } else {
            format!("Crates matching “{text}”")
        },
        head,
        sorts,
        crates: CrateRow::list(&crates),
        pager: Pager::for_search(&base, page, per_page, total, crates.len()),
        empty: "No crate matches. Every word you search for must be a word of a crate's name, \
             description or keywords (the last may be the start of one); other forms of a word \
             count (“format” finds “formatting”)."
            .into(),
    };
    Ok(html(StatusCode::OK, &page))
}

async fn tagged(state: Registry, keyword: bool, tag: String, raw: Option<String>) -> PageResult {
    let params = params(&raw);
    let page = page_number(&params);
    let (crates, total) = state
        .db
        .crates_tagged(keyword, &tag, page, PER_PAGE)
        .await?;
    let (kind, path) = if keyword {
        ("keyword", "keywords")
    } else {
        ("category", "categories")
    };
    let shown = if keyword {
        tag.clone()
    } else {
        wharf_policy::categories::describe(&tag).name
    };
    let page = ListPage {
        head: Head::new(format!("Crates with the {kind} {shown}")),
        heading: format!("Crates with the {kind} “{shown}”"),
        sorts: Vec::new(),
        crates: CrateRow::list(&crates),
        pager: Pager::new(&format!("/{path}/{}?", encode(&tag)), page, PER_PAGE, total),
        empty: format!("No crate has this {kind}."),
    };
    Ok(html(StatusCode::OK, &page))
}

pub async fn keyword(
    State(state): State<Registry>,
    Path(keyword): Path<String>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    tagged(state, true, keyword, raw).await
}

pub async fn category(
    State(state): State<Registry>,
    Path(category): Path<String>,
    RawQuery(raw): RawQuery,
) -> PageResult {
    tagged(state, false, category, raw).await
}

/// A keyword or category on its index page.
pub struct TagRow {
    pub href: String,
    pub name: String,
    pub description: String,
    pub crates: String,
}

#[derive(Template)]
#[template(path = "tags.html")]
struct TagsPage {
    head: Head,
    heading: String,
    intro: String,
    tags: Vec<TagRow>,
    pager: Pager,
}

/// How many keywords the keyword index shows a page.
const TAGS_PER_PAGE: i64 = 100;

/// `/keywords`: every keyword, most used first.
pub async fn keywords_index(State(state): State<Registry>, RawQuery(raw): RawQuery) -> PageResult {
    let params = params(&raw);
    let page = page_number(&params);
    let (keywords, total) = state
        .db
        .keywords_page(TagOrder::Crates, page, TAGS_PER_PAGE)
        .await?;
    let page = TagsPage {
        head: Head::new("Keywords"),
        heading: "Keywords".into(),
        intro: "The keywords crates list in their manifests, most used first.".into(),
        tags: keywords
            .into_iter()
            .map(|k| TagRow {
                href: format!("/keywords/{}", encode(&k.keyword)),
                name: k.keyword,
                description: String::new(),
                crates: crate_count(k.crates_cnt),
            })
            .collect(),
        pager: Pager::new("/keywords?", page, TAGS_PER_PAGE, total),
    };
    Ok(html(StatusCode::OK, &page))
}

/// `/categories`: the registry's categories, by name, subcategories under their parents.
pub async fn categories_index(State(state): State<Registry>) -> PageResult {
    // The registry's whole list fits one page (crates.io's has about a hundred).
    let (categories, total) = state
        .db
        .categories_page(TagOrder::Alphabetical, 1, 100)
        .await?;
    let page = TagsPage {
        head: Head::new("Categories"),
        heading: "Categories".into(),
        intro: "Crates choose up to five categories in their manifests, from this list.".into(),
        tags: categories
            .into_iter()
            .map(|c| {
                let text = wharf_policy::categories::describe(&c.slug);
                let depth = c.slug.matches("::").count();
                TagRow {
                    href: format!("/categories/{}", c.slug),
                    name: format!("{}{}", "› ".repeat(depth), text.name),
                    description: text.description,
                    crates: crate_count(c.crates_cnt),
                }
            })
            .collect(),
        pager: Pager::new("/categories?", 1, 100, total.min(100)),
    };
    Ok(html(StatusCode::OK, &page))
}

fn crate_count(n: i64) -> String {
    format!("{} crate{}", thousands(n), if n == 1 { "" } else { "s" })
}

/// `/crates/{name}/badge.svg`: a badge with the crate's current version, for READMEs.
pub async fn badge(State(state): State<Registry>, Path(name): Path<String>) -> Response {
    let version = match state.db.crate_by_name(&name).await {
        Ok(Some(krate)) if !matches!(state.db.crate_is_held(krate.id).await, Ok(true)) => krate
            .max_stable_version
            .or(krate.max_version)
            .map(|v| format!("v{v}")),
        _ => None,
    };
    let (status, value) = match version {
        Some(v) => (StatusCode::OK, v),
        None => (StatusCode::NOT_FOUND, "not found".to_string()),
    };
    (
        status,
        [
            (header::CONTENT_TYPE, "image/svg+xml; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        badge_svg(REGISTRY_NAME, &value),
    )
        .into_response()
}

/// A two-part badge in the common style: a label, then a value. Widths are estimated at 7 px a
/// character (Verdana 11 px averages a little under that).
fn badge_svg(label: &str, value: &str) -> String {
    let escape = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&quot;")
    };
    let width = |text: &str| 10 + 7 * text.chars().count();
    let (left, right) = (width(label), width(value));
    let total = left + right;
    let (label, value) = (escape(label), escape(value));
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{total}\" height=\"20\" role=\"img\" \
         aria-label=\"{label}: {value}\"><title>{label}: {value}</title>\
         <rect width=\"{left}\" height=\"20\" fill=\"#555\"/>\
         <rect x=\"{left}\" width=\"{right}\" height=\"20\" fill=\"#0b6e99\"/>\
         <g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">\
         <text x=\"{}\" y=\"14\">{label}</text><text x=\"{}\" y=\"14\">{value}</text></g></svg>",
        left / 2,
        left + right / 2
    )
}

/// A version in a crate's list.
pub struct VersionRow {
    pub num: String,
    pub date: String,
    pub downloads: String,
    pub yanked: bool,
    pub current: bool,
}

/// A dependency of the version shown.
pub struct DependencyRow {
    /// The crate depended on (its package name when renamed).
    pub name: String,
    /// Its page: on this registry, or on crates.io for a crates.io dependency.
    pub url: Option<String>,
    pub req: String,
    pub notes: String,
}

/// The index URLs cargo uses for crates.io.
const CRATES_IO_INDEXES: &[&str] = &[
    "https://github.com/rust-lang/crates.io-index",
    "sparse+https://index.crates.io/",
];

/// A feature of the version shown, and what it turns on.
pub struct FeatureRow {
    pub name: String,
    /// Features, optional dependencies (`dep:name`) and dependencies' features it enables.
    pub enables: Vec<String>,
}

pub struct ReverseRow {
    pub name: String,
    pub version: String,
    pub req: String,
}

pub struct NoticeView {
    pub reason: String,
    pub deadline: String,
    pub reply: Option<String>,
}

#[derive(Template)]
#[template(path = "crate.html")]
struct CratePage {
    head: Head,
    name: String,
    version: String,
    description: String,
    yanked: bool,
    held: bool,
    is_default: bool,
    default_version: String,
    /// The version shown first is yanked too (every version is).
    default_yanked: bool,
    license: String,
    rust_version: String,
    edition: String,
    published: String,
    published_by: Option<String>,
    size: String,
    homepage: Option<String>,
    documentation: Option<String>,
    repository: Option<String>,
    keywords: Vec<String>,
    /// The registry's categories the crate is in: slug and readable name.
    categories: Vec<(String, String)>,
    features: Vec<FeatureRow>,
    readme: Option<String>,
    chart: String,
    downloads_total: String,
    downloads_recent: String,
    versions: Vec<VersionRow>,
    versions_total: usize,
    normal_deps: Vec<DependencyRow>,
    build_deps: Vec<DependencyRow>,
    dev_deps: Vec<DependencyRow>,
    dependents: Vec<ReverseRow>,
    owners: Vec<(String, String)>,
    teams: Vec<String>,
    notice: Option<NoticeView>,
    /// The policy's findings, for the crate's owners and the moderators only.
    show_findings: bool,
    evidence: Vec<EvidenceView>,
    clean_versions: usize,
    cargo_add: String,
    toml_line: String,
    registry_config: String,
}

/// The features of a version, `default` first, then by name.
fn feature_rows(features: &std::collections::BTreeMap<String, Vec<String>>) -> Vec<FeatureRow> {
    let mut rows: Vec<FeatureRow> = features
        .iter()
        .map(|(name, enables)| FeatureRow {
            name: name.clone(),
            enables: enables.clone(),
        })
        .collect();
    rows.sort_by_key(|row| (row.name != "default", row.name.clone()));
    rows
}

/// Versions newest first by semantic version; unparsable numbers (none are accepted at publish)
/// would sort last.
fn sorted_versions(mut versions: Vec<VersionRecord>) -> Vec<VersionRecord> {
    versions.sort_by_cached_key(|v| std::cmp::Reverse(semver::Version::parse(&v.num).ok()));
    versions
}

async fn find_crate(state: &Registry, name: &str) -> Result<CrateRecord, PageError> {
    state
        .db
        .crate_by_name(name)
        .await?
        .ok_or_else(|| PageError::NotFound(format!("There is no crate named “{name}” here.")))
}

pub async fn crate_page(
    State(state): State<Registry>,
    visitor: Visitor,
    Path(name): Path<String>,
) -> PageResult {
    render_crate(&state, &visitor, &name, None).await
}

pub async fn version_page(
    State(state): State<Registry>,
    visitor: Visitor,
    Path((name, version)): Path<(String, String)>,
) -> PageResult {
    render_crate(&state, &visitor, &name, Some(&version)).await
}

/// Whether the visitor may read the policy's findings on a crate: its (user) owners, as the API's
/// findings endpoint allows, and the moderators and admins, who review them.
async fn sees_findings(
    state: &Registry,
    visitor: &Visitor,
    crate_id: i64,
) -> Result<bool, PageError> {
    Ok(match visitor.user() {
        None => false,
        Some(user) if user.can_moderate() => true,
        Some(user) => state.db.is_crate_owner(crate_id, user.id).await?,
    })
}

async fn render_crate(
    state: &Registry,
    visitor: &Visitor,
    name: &str,
    wanted: Option<&str>,
) -> PageResult {
    let db = &state.db;
    let krate = find_crate(state, name).await?;
    let versions = sorted_versions(db.versions_of(krate.id).await?);
    let default_num = krate
        .max_stable_version
        .clone()
        .or_else(|| krate.max_version.clone());
    let default = versions
        .iter()
        .find(|v| Some(&v.num) == default_num.as_ref())
        .or_else(|| versions.iter().find(|v| !v.yanked))
        .or(versions.first())
        .ok_or_else(|| PageError::NotFound(format!("There is no crate named “{name}” here.")))?;
    let shown = match wanted {
        Some(num) => versions
            .iter()
            .find(|v| v.num == num)
            .ok_or_else(|| PageError::NotFound(format!("{} has no version {num}.", krate.name)))?,
        None => default,
    };
    let today = now_millis();
    let days: Vec<String> = (0..chart::DAYS as i64)
        .rev()
        .map(|back| day_string(today - back * DAY_MS))
        .collect();
    let counts: Vec<(String, i64)> = db
        .crate_downloads(krate.id, &days[0])
        .await?
        .into_iter()
        .map(|d| (d.day, d.downloads))
        .collect();
    let (chart, recent) = chart::downloads_svg(&days, &counts);

    let mut normal_deps = Vec::new();
    let mut build_deps = Vec::new();
    let mut dev_deps = Vec::new();
    for dep in db.dependencies_of(shown.id).await? {
        let mut notes = Vec::new();
        if dep.optional {
            notes.push("optional".to_string());
        }
        if let Some(target) = &dep.target {
            notes.push(format!("on {target}"));
        }
        if dep.package.is_some() {
            notes.push(format!("as {}", dep.name));
        }
        if let Some(registry) = &dep.registry {
            notes.push(format!("from {registry}"));
        }
        let name = dep.package.clone().unwrap_or_else(|| dep.name.clone());
        let url = match dep.registry.as_deref() {
            None => Some(format!("/crates/{name}")),
            Some(index) if CRATES_IO_INDEXES.contains(&index) => {
                Some(format!("https://crates.io/crates/{name}"))
            }
            Some(_) => None,
        };
        let row = DependencyRow {
            name,
            url,
            req: dep.req.clone(),
            notes: notes.join(", "),
        };
        match dep.kind.as_str() {
            "build" => build_deps.push(row),
            "dev" => dev_deps.push(row),
            _ => normal_deps.push(row),
        }
    }
    let dependents = db
        .reverse_dependencies(&krate.name)
        .await?
        .into_iter()
        .map(|r| ReverseRow {
            name: r.crate_name,
            version: r.version,
            req: r.req,
        })
        .collect();
    let owners = db
        .owners_of(krate.id)
        .await?
        .into_iter()
        .map(|o| {
            let display = o.user.name.clone().unwrap_or_else(|| o.user.login.clone());
            (o.user.login, display)
        })
        .collect();
    let teams = db
        .team_owners_of(krate.id)
        .await?
        .into_iter()
        .map(|(team, _)| team.name)
        .collect();
    let notice = db.open_notice(krate.id).await?.map(|n| NoticeView {
        reason: n.reason,
        deadline: day_string(n.deadline),
        reply: n.reply,
    });
    let readme = db
        .readme_of(shown.id)
        .await?
        .filter(|text| !text.trim().is_empty())
        .map(|text| readme::render(&text, krate.repository.as_deref()));
    let held = db.crate_is_held(krate.id).await?;
    let show_findings = sees_findings(state, visitor, krate.id).await?;
    let (evidence, clean_versions) = if show_findings {
        let versions = db.crate_findings(krate.id).await?;
        evidence_views(&versions, Some(&shown.num))
    } else {
        (Vec::new(), 0)
    };

    let is_default = shown.id == default.id;
    let requirement = if is_default {
        shown.num.clone()
    } else {
        format!("={}", shown.num)
    };
    let mut head = Head::new(if is_default {
        krate.name.clone()
    } else {
        format!("{} {}", krate.name, shown.num)
    });
    head.crate_feed = Some(krate.name.clone());
    let page = CratePage {
        head,
        name: krate.name.clone(),
        version: shown.num.clone(),
        description: shown
            .description
            .clone()
            .or_else(|| krate.description.clone())
            .unwrap_or_default(),
        yanked: shown.yanked,
        held,
        is_default,
        default_version: default.num.clone(),
        default_yanked: default.yanked,
        license: shown.license.clone().unwrap_or_default(),
        rust_version: shown.rust_version.clone().unwrap_or_default(),
        edition: shown.edition.clone().unwrap_or_default(),
        published: day_string(shown.created_at),
        published_by: shown.published_by.as_ref().map(|u| u.login.clone()),
        size: format!("{:.1} KiB", shown.crate_size as f64 / 1024.0),
        homepage: web_link(shown.homepage.as_ref().or(krate.homepage.as_ref())),
        documentation: web_link(
            shown
                .documentation
                .as_ref()
                .or(krate.documentation.as_ref()),
        ),
        repository: web_link(shown.repository.as_ref().or(krate.repository.as_ref())),
        keywords: krate.keywords.clone(),
        // Only the categories the registry knows: others were ignored at publish, as cargo was
        // told.
        categories: db
            .categories_of(krate.id)
            .await?
            .into_iter()
            .map(|c| {
                let name = wharf_policy::categories::describe(&c.slug).name;
                (c.slug, name)
            })
            .collect(),
        features: feature_rows(&shown.features),
        readme,
        chart,
        downloads_total: thousands(krate.downloads),
        downloads_recent: thousands(recent),
        versions_total: versions.len(),
        versions: versions
            .iter()
            .take(VERSIONS_SHOWN)
            .map(|v| version_row(v, shown.id))
            .collect(),
        normal_deps,
        build_deps,
        dev_deps,
        dependents,
        owners,
        teams,
        notice,
        show_findings,
        evidence,
        clean_versions,
        cargo_add: format!(
            "cargo add {}{} --registry {REGISTRY_NAME}",
            krate.name,
            if is_default {
                String::new()
            } else {
                format!("@={}", shown.num)
            }
        ),
        toml_line: format!(
            "{} = {{ version = \"{requirement}\", registry = \"{REGISTRY_NAME}\" }}",
            krate.name
        ),
        registry_config: registry_config(state),
    };
    Ok(html(StatusCode::OK, &page))
}

fn version_row(v: &VersionRecord, current: i64) -> VersionRow {
    VersionRow {
        num: v.num.clone(),
        date: day_string(v.created_at),
        downloads: thousands(v.downloads),
        yanked: v.yanked,
        current: v.id == current,
    }
}

#[derive(Template)]
#[template(path = "versions.html")]
struct VersionsPage {
    head: Head,
    name: String,
    versions: Vec<VersionRow>,
}

pub async fn all_versions(State(state): State<Registry>, Path(name): Path<String>) -> PageResult {
    let krate = find_crate(&state, &name).await?;
    let versions = sorted_versions(state.db.versions_of(krate.id).await?);
    if versions.is_empty() {
        return Err(PageError::NotFound(format!(
            "There is no crate named “{name}” here."
        )));
    }
    let page = VersionsPage {
        head: Head::new(format!("{}: all versions", krate.name)),
        versions: versions.iter().map(|v| version_row(v, -1)).collect(),
        name: krate.name,
    };
    Ok(html(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "user.html")]
struct UserPage {
    head: Head,
    login: String,
    name: Option<String>,
    joined: String,
    terminated: bool,
    suspension: Option<(String, String)>,
    crates: Vec<CrateRow>,
}

pub async fn user(State(state): State<Registry>, Path(login): Path<String>) -> PageResult {
    let user = state
        .db
        .user_by_login(&login)
        .await?
        .ok_or_else(|| PageError::NotFound(format!("There is no user “{login}” here.")))?;
    let crates = state.db.crates_owned_by_user(user.id).await?;
    let suspension = user.suspended_at(now_millis()).map(|s| {
        let until = match s.until {
            Some(until) => format!("until {}", rfc3339(until)),
            None => "until the moderators lift it".to_string(),
        };
        (until, s.reason.clone())
    });
    let page = UserPage {
        head: Head::new(user.login.clone()),
        name: user.name.clone().filter(|n| n != &user.login),
        joined: day_string(user.created_at),
        terminated: user.terminated_at.is_some(),
        suspension,
        crates: CrateRow::list(&crates),
        login: user.login,
    };
    Ok(html(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "team.html")]
struct TeamPage {
    head: Head,
    name: String,
    members: Vec<(String, bool)>,
    crates: Vec<CrateRow>,
}

pub async fn team(State(state): State<Registry>, Path(name): Path<String>) -> PageResult {
    let name = name
        .strip_prefix(wharf_store::TEAM_PREFIX)
        .unwrap_or(&name)
        .to_string();
    let team = state
        .db
        .team_by_name(&name)
        .await?
        .ok_or_else(|| PageError::NotFound(format!("There is no team “{name}” here.")))?;
    let members = state
        .db
        .team_members(team.id)
        .await?
        .into_iter()
        .map(|m| (m.user.login, m.maintainer))
        .collect();
    let crates = state.db.crates_owned_by_team(team.id).await?;
    let page = TeamPage {
        head: Head::new(format!("Team {}", team.name)),
        name: team.name,
        members,
        crates: CrateRow::list(&crates),
    };
    Ok(html(StatusCode::OK, &page))
}

#[derive(Template)]
#[template(path = "document.html")]
struct DocumentPage {
    head: Head,
    body: String,
}

const POLICY: &str = include_str!("../../../POLICY.md");

pub async fn policy() -> Response {
    static RENDERED: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    // The policy is the project's own text, rendered once; it still goes through the same
    // sanitiser as READMEs, and its `# ` title becomes the page's only `<h1>`.
    let body = RENDERED.get_or_init(|| {
        let (title, rest) = POLICY
            .split_once('\n')
            .unwrap_or(("# Usage policy", POLICY));
        let title = title.trim_start_matches('#').trim();
        format!(
            "<h1>{}</h1>\n{}",
            title.replace('&', "&amp;").replace('<', "&lt;"),
            readme::render_document(rest)
        )
    });
    html(
        StatusCode::OK,
        &DocumentPage {
            head: Head::new("Usage policy"),
            body: body.clone(),
        },
    )
}

/// Where to report a vulnerability: the configured contact, or `security@` the public host.
fn security_contact(state: &Registry) -> String {
    if let Some(contact) = &state.config.security_contact {
        let contact = contact.trim();
        if contact.contains(':') {
            return contact.to_string();
        }
        return format!("mailto:{contact}");
    }
    let host = url::Url::parse(&state.config.public_url)
        .ok()
        .and_then(|u| u.host_str().map(str::to_string))
        .unwrap_or_else(|| "localhost".into());
    format!("mailto:security@{host}")
}

#[derive(Template)]
#[template(path = "security.html")]
struct SecurityPage {
    head: Head,
    contact: String,
    contact_label: String,
    public_url: String,
}

pub async fn security(State(state): State<Registry>) -> Response {
    let contact = security_contact(&state);
    html(
        StatusCode::OK,
        &SecurityPage {
            head: Head::new("Security"),
            contact_label: contact
                .strip_prefix("mailto:")
                .unwrap_or(&contact)
                .to_string(),
            contact,
            public_url: state.config.public_url.clone(),
        },
    )
}

/// RFC 9116's file. It expires in half a year and is generated on each request, so it never goes
/// stale while the registry runs.
pub async fn security_txt(State(state): State<Registry>) -> Response {
    let url = &state.config.public_url;
    let expires = rfc3339(now_millis() + 182 * DAY_MS);
    let body = format!(
        "Contact: {}\nExpires: {expires}\nPolicy: {url}/security\nCanonical: {url}/.well-known/security.txt\nPreferred-Languages: en\n",
        security_contact(&state)
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}

#[derive(Template)]
#[template(path = "data_access.html")]
struct DataAccessPage {
    head: Head,
    per_second: u32,
    burst: u32,
    public_url: String,
    /// Hours between two database dumps, if the server publishes them.
    dump_hours: Option<u64>,
}

pub async fn data_access(State(state): State<Registry>) -> Response {
    html(
        StatusCode::OK,
        &DataAccessPage {
            head: Head::new("Data access"),
            per_second: state.config.api_rate.per_second,
            burst: state.config.api_rate.burst,
            public_url: state.config.public_url.clone(),
            dump_hours: state.config.dump_interval.map(|d| d.as_secs() / 3600),
        },
    )
}

#[cfg(test)]
mod tests {

    #[test]
    fn estimated_totals_keep_two_digits() {
        assert_eq!(two_significant_digits(0), 0);
        assert_eq!(two_significant_digits(99), 99);
        assert_eq!(two_significant_digits(2_001), 2_000);
        assert_eq!(two_significant_digits(2_051), 2_100);
        assert_eq!(two_significant_digits(163_316), 160_000);
        assert_eq!(two_significant_digits(165_000), 170_000);
        // An estimate says nothing of the last page: a full page has a next one.
        let pager = Pager::for_search("/search?q=a&", 3, 10, SearchTotal::Estimated(2_301), 10);
        assert_eq!(pager.total, "about 2,300");
        assert!(!pager.pages_known);
        assert_eq!(pager.next.as_deref(), Some("/search?q=a&page=4"));
        assert_eq!(pager.previous.as_deref(), Some("/search?q=a&page=2"));
        let pager = Pager::for_search("/search?q=a&", 400, 10, SearchTotal::Estimated(2_301), 10);
        assert_eq!(pager.next.as_deref(), Some("/search?q=a&page=401"));
        let pager = Pager::for_search("/search?q=a&", 401, 10, SearchTotal::Estimated(2_301), 4);
        assert_eq!(pager.next, None);
        let pager = Pager::for_search("/search?q=a&", 1, 10, SearchTotal::Exact(1_234), 10);
        assert_eq!(pager.total, "1,234");
        assert!(pager.pages_known);
        assert_eq!(pager.pages, 124);
    }

    use super::*;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(-1234), "-1,234");
    }

    #[test]
    fn only_web_links_are_linked() {
        assert_eq!(
            web_link(Some(&"https://x.org".into())).as_deref(),
            Some("https://x.org")
        );
        assert_eq!(web_link(Some(&"javascript:alert(1)".into())), None);
        assert_eq!(web_link(None), None);
    }

    #[test]
    fn pager_links() {
        let pager = Pager::new("/search?q=a&", 2, 20, 45);
        assert_eq!(pager.pages, 3);
        assert_eq!(pager.previous.as_deref(), Some("/search?q=a&page=1"));
        assert_eq!(pager.next.as_deref(), Some("/search?q=a&page=3"));
        let last = Pager::new("/k?", 1, 20, 0);
        assert_eq!((last.pages, last.previous, last.next), (1, None, None));
    }
}
