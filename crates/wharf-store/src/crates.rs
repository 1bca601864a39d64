//! Crates, versions, dependencies and owners: publishing, yanking, ownership and search.

use crate::audit::{record, Actor};
use crate::blobs::{crate_file_key, BlobStore};
use crate::outbox::{notify, notify_owners, Notification};
use crate::policy::{take_rate_token, RateAction, RateLimit};
use crate::teams::{find_team, membership, TeamRecord, TEAM_PREFIX};
use crate::users::{existing_user, user_from_row, USER_COLUMNS};
use crate::{now_millis, Backend, Db, StoreError, UserRecord};
use bytes::Bytes;
use sqlx::any::AnyRow;
use sqlx::{AnyConnection, Row};
use std::collections::BTreeMap;
use wharf_index::{split_features, DependencyKind, IndexDependency, IndexLine};
use wharf_policy::access::{
    invitation_open, keeps_a_user_owner, may_add_team, may_change_owners, may_yank, ExistingCrate,
    PublishFacts, PublishKind, Refusal, Standing, TeamRole,
};
use wharf_policy::{Finding, Verdict};

/// Everything about a version that the registry keeps, as checked by the server.
#[derive(Debug, Clone)]
pub struct NewVersion {
    pub name: String,
    pub vers: semver::Version,
    pub cksum: String,
    pub crate_size: i64,
    pub features: BTreeMap<String, Vec<String>>,
    pub deps: Vec<NewDependency>,
    pub links: Option<String>,
    pub rust_version: Option<String>,
    pub edition: Option<String>,
    pub license: Option<String>,
    pub license_file: Option<String>,
    pub description: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    pub repository: Option<String>,
    pub readme: Option<String>,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
    /// Whether the version has a library target.
    pub has_lib: bool,
    /// The names of its programs (`[[bin]]` targets).
    pub bin_names: Vec<String>,
    /// The policy's verdict: allow, flag or hold (a reject never reaches the store).
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    /// The name's confusable skeleton, kept so later publishes can find look-alikes by index.
    pub confusable_skeleton: String,
    /// Queue the version for detonation (its build run in the sandbox) once it is committed.
    pub detonate: bool,
    /// Store it held until detonation finds nothing (detonation before publish).
    pub awaits_detonation: bool,
}

pub(crate) fn finding_from_row(row: &AnyRow) -> Result<StoredFinding, sqlx::Error> {
    Ok(StoredFinding {
        rule: row.try_get("rule")?,
        severity: row.try_get("severity")?,
        file: row.try_get("file")?,
        line: row.try_get("line")?,
        evidence: row.try_get("evidence")?,
    })
}

/// A policy finding as stored with its version.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoredFinding {
    pub rule: String,
    pub severity: String,
    pub file: Option<String>,
    pub line: Option<i64>,
    pub evidence: String,
}

#[derive(Debug, Clone)]
pub struct NewDependency {
    /// The name the depending crate uses for it.
    pub name: String,
    /// The real crate name, when renamed.
    pub package: Option<String>,
    pub req: String,
    pub features: Vec<String>,
    pub optional: bool,
    pub default_features: bool,
    pub target: Option<String>,
    pub kind: DependencyKind,
    /// Another registry's index URL; `None` for this registry.
    pub registry: Option<String>,
}

impl NewDependency {
    pub fn crate_name(&self) -> &str {
        self.package.as_deref().unwrap_or(&self.name)
    }
}

/// What the publishing credential allows: the server works out the token's scopes, the store knows
/// whether the publish creates a crate or updates one.
#[derive(Debug, Clone, Copy)]
pub struct PublishAuthority {
    pub user_id: i64,
    pub may_create: bool,
    pub may_update: bool,
    /// The publisher's bucket for new crates, unless an admin set their own; `None` when the
    /// operator publishes for them (an import), which no bucket limits.
    pub new_crate_limit: Option<RateLimit>,
    /// The publisher's bucket for new versions of existing crates; `None` as above.
    pub new_version_limit: Option<RateLimit>,
    /// Whether every dependency on this registry must name a crate it has. An upload must; an
    /// import takes files as they were published elsewhere, whose dev-dependencies and unused
    /// optional dependencies are seldom among them.
    pub require_dependencies: bool,
    /// The trusted-publishing token the publish came with, if it came from a CI job's exchange
    /// (recorded on the version).
    pub trusted_publishing_token: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct PublishOutcome {
    pub crate_id: i64,
    pub version_id: i64,
    pub created_crate: bool,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct CrateRecord {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    pub repository: Option<String>,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
    pub max_version: Option<String>,
    pub max_stable_version: Option<String>,
    pub downloads: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct VersionRecord {
    pub id: i64,
    pub crate_id: i64,
    pub num: String,
    pub cksum: String,
    pub features: BTreeMap<String, Vec<String>>,
    pub links: Option<String>,
    pub rust_version: Option<String>,
    pub edition: Option<String>,
    pub license: Option<String>,
    pub description: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    pub repository: Option<String>,
    /// Unknown (`None`) for versions published before Wharf recorded targets.
    pub has_lib: Option<bool>,
    pub bin_names: Option<Vec<String>>,
    pub crate_size: i64,
    pub yanked: bool,
    pub downloads: i64,
    pub published_by: Option<UserRecord>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct OwnerRecord {
    pub user: UserRecord,
    pub added_at: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SearchSort {
    /// An exact name first, then by downloads.
    Relevance,
    Downloads,
    /// Downloads over the last 90 days (see [`SearchQuery::recent_since`]).
    RecentDownloads,
    RecentUpdates,
    /// First published most recently.
    New,
    Alphabetical,
}

/// A search of the listed crates, as crates.io's `GET /api/v1/crates` takes it: every filter given
/// must hold.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchQuery {
    /// Words that must all appear in the name, description or keywords.
    pub text: String,
    pub page: i64,
    pub per_page: i64,
    pub sort: SearchSort,
    /// Only crates with these names (any case, `-` or `_`), if any are given.
    pub names: Vec<String>,
    /// Only crates this user owns in their own name.
    pub user_id: Option<i64>,
    /// Only crates this team owns.
    pub team_id: Option<i64>,
    /// Only crates with this keyword.
    pub keyword: Option<String>,
    /// Only crates in this category or one of its subcategories.
    pub category: Option<String>,
    /// Only crates whose name starts with this letter (any case).
    pub letter: Option<char>,
    /// The first day (`YYYY-MM-DD`) counted by [`SearchSort::RecentDownloads`].
    pub recent_since: String,
}

impl SearchQuery {
    /// A search for `text` with no filters, most relevant first, ten a page.
    pub fn text(text: &str) -> SearchQuery {
        SearchQuery {
            text: text.to_string(),
            page: 1,
            per_page: 10,
            sort: SearchSort::Relevance,
            names: Vec::new(),
            user_id: None,
            team_id: None,
            keyword: None,
            category: None,
            letter: None,
            recent_since: String::new(),
        }
    }
}

/// The words of a search's text as the full-text index knows words: runs of letters and digits,
/// lower-cased (`serde_json` is `serde` and `json`, as in the index), at most eight.
fn search_terms(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .take(8)
        .map(str::to_lowercase)
        .collect()
}

/// Up to how many matches a relevance search ranks them by how well the text matched (PostgreSQL's
/// `ts_rank`, SQLite's `bm25`), after an exact name. Ranking reads every match, which for a word
/// most crates have costs more than the search itself (at 200,000 crates: 180 ms on SQLite for
/// 160,000 matches); past this many, the most downloaded come first, which is what a word that
/// common can be ranked by anyway.
const RANK_BY_TEXT_UP_TO: i64 = 2_000;

/// The longest prefix, in characters, SQLite's full-text index keeps its own list of crates for
/// (migration 0016: every length from 1). A prefix that long or shorter is looked up like a whole
/// word, in a single list the database can seek in; a longer one makes the database merge the
/// lists of every word it starts, each time it is asked, which is what makes looking up crates
/// one by one ([`BroadPlan::ProbeMostDownloaded`]) affordable only for indexed prefixes. The
/// stemmer only ever shortens a word, so a search word this long or shorter stays within it.
const LONGEST_INDEXED_PREFIX: usize = 16;

/// What looking one crate up in SQLite's full-text index costs, in matches read into a temporary
/// index: measured at 200,000 crates, a look-up 25–50 µs (a seek in each word's list), a match
/// read 0.12 µs (165,000 matches of the commonest word in 20 ms).
const PROBE_COST_IN_MATCHES: f64 = 400.0;

/// The fewest of the most downloaded crates a probing walk may look at before it gives up: enough
/// for a page of a word in one crate in ten or more, whatever the estimate says.
const FEWEST_PROBED: i64 = 64;

/// How a broad search on SQLite (more matches than [`RANK_BY_TEXT_UP_TO`], so listed most
/// downloaded first) finds its page.
#[derive(Debug, Clone, Copy, PartialEq)]
enum BroadPlan {
    /// Read every match into a temporary index, then walk the downloads index and keep the
    /// crates found there: costs the number of matches, whatever page is asked.
    ReadEveryMatch,
    /// Walk the crates from the most downloaded, at most `candidates` of them, and look each up
    /// in the full-text index until the page is full: costs the crates walked, which for a word
    /// in a large share of the registry is a few dozen. If the page is not full by then (the
    /// estimate was wrong, or the page is deep), every match is read after all.
    ProbeMostDownloaded { candidates: i64 },
}

/// Chooses how a broad SQLite search finds its page: `wanted` crates from the top (page and
/// those before it), a text whose last word is `last_term` (looked up as a prefix), matching
/// about `share` of the crates (from the bounded count) and `estimate` in all.
fn broad_plan(last_term: &str, wanted: i64, share: f64, estimate: i64) -> BroadPlan {
    if last_term.chars().count() > LONGEST_INDEXED_PREFIX || share <= 0.0 {
        return BroadPlan::ReadEveryMatch;
    }
    let expected_probes = wanted as f64 / share.min(1.0);
    if expected_probes * PROBE_COST_IN_MATCHES >= estimate as f64 {
        return BroadPlan::ReadEveryMatch;
    }
    BroadPlan::ProbeMostDownloaded {
        candidates: ((expected_probes * 4.0).ceil() as i64).max(FEWEST_PROBED),
    }
}

/// A statement with the search's values bound in order.
fn bind_all<'q>(
    mut statement: sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>>,
    binds: &'q [SearchBind],
) -> sqlx::query::Query<'q, sqlx::Any, sqlx::any::AnyArguments<'q>> {
    for value in binds {
        statement = match value {
            SearchBind::Text(text) => statement.bind(text.as_str()),
            SearchBind::Int(n) => statement.bind(*n),
        };
    }
    statement
}

/// How many words of a search's text match as prefixes: the last only, the one a searcher may
/// still be typing ("serde js" finds `serde_json`); the others are whole words (stemmed, so
/// "formatting" still finds "format"). A prefix of a common word is the costly part of a search
/// (the database merges the lists of every word it starts, at 200,000 crates tens of
/// milliseconds for each), and "arba" before another word is meant as a word far more often than
/// as the start of "arbamacro".
fn is_prefix_term(position: usize, terms: &[String]) -> bool {
    position + 1 == terms.len()
}

/// PostgreSQL's `to_tsquery` text: every term, the last as a prefix. Terms are letters and digits
/// only, so none can be read as an operator.
fn postgres_text_query(terms: &[String]) -> String {
    terms
        .iter()
        .enumerate()
        .map(|(i, term)| match is_prefix_term(i, terms) {
            true => format!("{term}:*"),
            false => term.clone(),
        })
        .collect::<Vec<_>>()
        .join(" & ")
}

/// SQLite FTS5's query text: every term quoted (a term is letters and digits, never a quote), the
/// last as a prefix; FTS5 requires them all.
fn sqlite_text_query(terms: &[String]) -> String {
    terms
        .iter()
        .enumerate()
        .map(|(i, term)| match is_prefix_term(i, terms) {
            true => format!("\"{term}\"*"),
            false => format!("\"{term}\""),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A value bound to a search's statement, numbered in the order the filters were written.
#[derive(Clone)]
enum SearchBind {
    Text(String),
    Int(i64),
}

pub(crate) const CRATE_COLUMNS: &str = "crates.id, crates.name, crates.description, crates.homepage, \
     crates.documentation, crates.repository, crates.keywords, crates.categories, crates.max_version, \
     crates.max_stable_version, crates.downloads, crates.created_at, crates.updated_at";

pub(crate) fn crate_from_row(row: &AnyRow) -> Result<CrateRecord, sqlx::Error> {
    let keywords: String = row.try_get("keywords")?;
    let categories: String = row.try_get("categories")?;
    Ok(CrateRecord {
        id: row.try_get("id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        homepage: row.try_get("homepage")?,
        documentation: row.try_get("documentation")?,
        repository: row.try_get("repository")?,
        keywords: serde_json::from_str(&keywords).unwrap_or_default(),
        categories: serde_json::from_str(&categories).unwrap_or_default(),
        max_version: row.try_get("max_version")?,
        max_stable_version: row.try_get("max_stable_version")?,
        downloads: row.try_get("downloads")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

/// The form under which names are unique: the policy's one definition.
pub(crate) use wharf_policy::names::canonical_name as canonical;

/// Selects the columns of a [`VersionRecord`] and its publisher; callers add the `WHERE` clause.
fn version_select() -> String {
    format!(
    "SELECT versions.id AS version_id, versions.crate_id, versions.num, versions.cksum, versions.features, \
     versions.links, versions.rust_version, versions.edition, versions.license, \
     versions.description AS version_description, versions.homepage AS version_homepage, \
     versions.documentation AS version_documentation, versions.repository AS version_repository, \
     versions.has_lib, versions.bin_names, versions.crate_size, versions.yanked, \
     versions.downloads AS version_downloads, versions.created_at AS version_created_at, \
     versions.updated_at AS version_updated_at, versions.published_by, {USER_COLUMNS} \
     FROM versions LEFT JOIN users ON users.id = versions.published_by"
    )
}

fn version_from_row(row: &AnyRow) -> Result<VersionRecord, sqlx::Error> {
    let features: String = row.try_get("features")?;
    let bin_names: Option<String> = row.try_get("bin_names")?;
    let published_by: Option<i64> = row.try_get("published_by")?;
    Ok(VersionRecord {
        id: row.try_get("version_id")?,
        crate_id: row.try_get("crate_id")?,
        num: row.try_get("num")?,
        cksum: row.try_get("cksum")?,
        features: serde_json::from_str(&features).unwrap_or_default(),
        links: row.try_get("links")?,
        rust_version: row.try_get("rust_version")?,
        edition: row.try_get("edition")?,
        license: row.try_get("license")?,
        description: row.try_get("version_description")?,
        homepage: row.try_get("version_homepage")?,
        documentation: row.try_get("version_documentation")?,
        repository: row.try_get("version_repository")?,
        has_lib: crate::optional_flag(row, "has_lib")?,
        bin_names: bin_names.and_then(|names| serde_json::from_str(&names).ok()),
        crate_size: row.try_get("crate_size")?,
        yanked: crate::flag(row, "yanked")?,
        downloads: row.try_get("version_downloads")?,
        published_by: match published_by {
            Some(_) => Some(user_from_row(row)?),
            None => None,
        },
        created_at: row.try_get("version_created_at")?,
        updated_at: row.try_get("version_updated_at")?,
    })
}

/// The text search matches against: name, description and keywords, lower-cased.
fn search_text(name: &str, description: Option<&str>, keywords: &[String]) -> String {
    let mut text = format!("{} {}", name, name.replace(['-', '_'], " "));
    if let Some(description) = description {
        text.push(' ');
        text.push_str(description);
    }
    for keyword in keywords {
        text.push(' ');
        text.push_str(keyword);
    }
    text.to_lowercase()
}

/// Recomputes the highest version (and highest stable version) among the crate's live versions.
async fn refresh_max_version(conn: &mut AnyConnection, crate_id: i64) -> Result<(), StoreError> {
    // Held versions are invisible until released, so they do not count.
    let rows = sqlx::query("SELECT num, yanked FROM versions WHERE crate_id = $1 AND NOT held")
        .bind(crate_id)
        .fetch_all(&mut *conn)
        .await?;
    let mut live = Vec::new();
    let mut all = Vec::new();
    for row in &rows {
        let num: String = row.try_get("num")?;
        let yanked: bool = crate::flag(row, "yanked")?;
        if let Ok(v) = semver::Version::parse(&num) {
            if !yanked {
                live.push(v.clone());
            }
            all.push(v);
        }
    }
    // crates.io shows the newest version even when everything is yanked, rather than nothing.
    let max = live
        .iter()
        .max()
        .or(all.iter().max())
        .map(|v| v.to_string());
    let max_stable = live
        .iter()
        .filter(|v| v.pre.is_empty())
        .max()
        .map(|v| v.to_string());
    sqlx::query("UPDATE crates SET max_version = $1, max_stable_version = $2 WHERE id = $3")
        .bind(max)
        .bind(max_stable)
        .bind(crate_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether the user is one of the crate's user owners, who hold every right over it.
async fn is_owner(
    conn: &mut AnyConnection,
    crate_id: i64,
    user_id: i64,
) -> Result<bool, StoreError> {
    Ok(
        sqlx::query("SELECT 1 AS one FROM crate_owners WHERE crate_id = $1 AND user_id = $2")
            .bind(crate_id)
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?
            .is_some(),
    )
}

/// Whether the user is a member of a team that owns the crate.
async fn is_member_of_owning_team(
    conn: &mut AnyConnection,
    crate_id: i64,
    user_id: i64,
) -> Result<bool, StoreError> {
    Ok(sqlx::query(
        "SELECT 1 AS one FROM crate_team_owners JOIN team_members ON team_members.team_id = crate_team_owners.team_id \
         WHERE crate_team_owners.crate_id = $1 AND team_members.user_id = $2",
    )
    .bind(crate_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?
    .is_some())
}

/// How a user stands to a crate: a user owner, a member of an owning team, or neither.
pub(crate) async fn standing(
    conn: &mut AnyConnection,
    crate_id: i64,
    user_id: i64,
) -> Result<Standing, StoreError> {
    if is_owner(conn, crate_id, user_id).await? {
        return Ok(Standing::Owner);
    }
    Ok(Standing::of(
        false,
        is_member_of_owning_team(conn, crate_id, user_id).await?,
    ))
}

/// A version number without its build metadata: versions are unique ignoring it.
fn without_build_metadata(version: &semver::Version) -> semver::Version {
    let mut no_build = version.clone();
    no_build.build = semver::BuildMetadata::EMPTY;
    no_build
}

/// The facts the publish rule decides on, read inside the publish transaction, and the id of the
/// crate the version would join, if it exists.
async fn publish_facts(
    conn: &mut AnyConnection,
    new: &NewVersion,
    authority: &PublishAuthority,
) -> Result<(PublishFacts, Option<i64>), StoreError> {
    let vers = new.vers.to_string();
    let traces = Db::deletion_traces(conn, &new.name).await?;
    let row = sqlx::query(
        "SELECT id, name, held_reason, trusted_publishing_only FROM crates WHERE canonical_name = $1",
    )
        .bind(canonical(&new.name))
        .fetch_optional(&mut *conn)
        .await?;
    let (existing, crate_id) = match row {
        None => (None, None),
        Some(row) => {
            let crate_id: i64 = row.try_get("id")?;
            let same_version =
                sqlx::query("SELECT num FROM versions WHERE crate_id = $1 AND num_no_build = $2")
                    .bind(crate_id)
                    .bind(without_build_metadata(&new.vers).to_string())
                    .fetch_optional(&mut *conn)
                    .await?
                    .map(|row| row.try_get("num"))
                    .transpose()?;
            let existing = ExistingCrate {
                name: row.try_get("name")?,
                held_reason: row.try_get("held_reason")?,
                standing: standing(conn, crate_id, authority.user_id).await?,
                same_version,
                trusted_publishing_only: crate::flag(&row, "trusted_publishing_only")?,
            };
            (Some(existing), Some(crate_id))
        }
    };
    let facts = PublishFacts {
        name: new.name.clone(),
        version: vers,
        existing,
        traces,
        may_create: authority.may_create,
        may_update: authority.may_update,
        via_trusted_publishing: authority.trusted_publishing_token.is_some(),
    };
    Ok((facts, crate_id))
}

/// A user's login, for the messages that say who did something.
pub(crate) async fn login_of(
    conn: &mut AnyConnection,
    user_id: i64,
) -> Result<Option<String>, StoreError> {
    Ok(
        match sqlx::query("SELECT login FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_optional(&mut *conn)
            .await?
        {
            Some(row) => Some(row.try_get("login")?),
            None => None,
        },
    )
}

/// Keeps a removed owner on record before the ownership row goes.
pub(crate) async fn record_former_owner(
    conn: &mut AnyConnection,
    crate_id: i64,
    owner: FormerOwner,
    removed_by: Option<i64>,
) -> Result<(), StoreError> {
    let (table, column, id) = match owner {
        FormerOwner::User(id) => ("crate_owners", "user_id", id),
        FormerOwner::Team(id) => ("crate_team_owners", "team_id", id),
    };
    sqlx::query(&format!(
        "INSERT INTO former_crate_owners (crate_id, {column}, added_at, added_by, removed_at, removed_by) \
         SELECT crate_id, {column}, created_at, created_by, $3, $4 FROM {table} WHERE crate_id = $1 AND {column} = $2"
    ))
    .bind(crate_id)
    .bind(id)
    .bind(now_millis())
    .bind(removed_by)
    .execute(&mut *conn)
    .await?;
    sqlx::query(&format!(
        "DELETE FROM {table} WHERE crate_id = $1 AND {column} = $2"
    ))
    .bind(crate_id)
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, Copy)]
pub(crate) enum FormerOwner {
    User(i64),
    Team(i64),
}

/// Adds or removes a team owner. A team needs no invitation, but only a member of it can add it, so
/// nobody hands a crate to a group they are not part of. Returns whether anything changed.
async fn change_team_owner(
    conn: &mut AnyConnection,
    crate_id: i64,
    crate_name: &str,
    team_name: &str,
    add: bool,
    caller_id: i64,
    actor: &Actor,
) -> Result<bool, StoreError> {
    let team = find_team(conn, team_name)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("there is no team `{team_name}`")))?;
    let owned =
        sqlx::query("SELECT 1 AS one FROM crate_team_owners WHERE crate_id = $1 AND team_id = $2")
            .bind(crate_id)
            .bind(team.id)
            .fetch_optional(&mut *conn)
            .await?
            .is_some();
    if add && !owned {
        may_add_team(
            TeamRole::of(membership(conn, team.id, caller_id).await?),
            &team.name,
        )?;
        sqlx::query(
            "INSERT INTO crate_team_owners (crate_id, team_id, created_at, created_by) VALUES ($1, $2, $3, $4)",
        )
        .bind(crate_id)
        .bind(team.id)
        .bind(now_millis())
        .bind(caller_id)
        .execute(&mut *conn)
        .await?;
    } else if !add && owned {
        record_former_owner(conn, crate_id, FormerOwner::Team(team.id), Some(caller_id)).await?;
    } else {
        return Ok(false);
    }
    record(
        conn,
        actor,
        if add {
            "owner.team.add"
        } else {
            "owner.team.remove"
        },
        &format!("crate:{crate_name}"),
        serde_json::json!({ "team": team.name }),
    )
    .await?;
    Ok(true)
}

/// One version and its crate, found by any spelling of the crate's name.
pub(crate) struct FoundVersion {
    pub(crate) crate_id: i64,
    pub(crate) crate_name: String,
    pub(crate) version_id: i64,
    yanked: bool,
    held: bool,
}

pub(crate) async fn find_version(
    conn: &mut AnyConnection,
    name: &str,
    version: &str,
) -> Result<FoundVersion, StoreError> {
    let row = sqlx::query(
        "SELECT crates.id AS crate_id, crates.name, versions.id AS version_id, versions.yanked, \
         versions.held FROM versions JOIN crates ON crates.id = versions.crate_id \
         WHERE crates.canonical_name = $1 AND versions.num = $2",
    )
    .bind(canonical(name))
    .bind(version)
    .fetch_optional(&mut *conn)
    .await?
    .ok_or_else(|| StoreError::NotFound(format!("crate `{name}` has no version `{version}`")))?;
    Ok(FoundVersion {
        crate_id: row.try_get("crate_id")?,
        crate_name: row.try_get("name")?,
        version_id: row.try_get("version_id")?,
        yanked: crate::flag(&row, "yanked")?,
        held: crate::flag(&row, "held")?,
    })
}

/// What every change to a version's visibility entails: the crate's newest version recomputed, its
/// index file marked out of date, and an audit row.
pub(crate) async fn version_changed(
    conn: &mut AnyConnection,
    crate_id: i64,
    actor: &Actor,
    action: &str,
    crate_name: &str,
    details: serde_json::Value,
) -> Result<(), StoreError> {
    refresh_max_version(conn, crate_id).await?;
    bump_index_generation(conn, crate_id).await?;
    record(conn, actor, action, &format!("crate:{crate_name}"), details).await
}

/// Records findings on a version (the gate's at publish, the sandbox's after).
pub(crate) async fn insert_findings(
    conn: &mut AnyConnection,
    version_id: i64,
    findings: &[Finding],
) -> Result<(), StoreError> {
    for finding in findings {
        sqlx::query(
            "INSERT INTO version_findings (version_id, rule, severity, file, line, evidence) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(version_id)
        .bind(&finding.rule)
        .bind(finding.severity.as_str())
        .bind(finding.file.clone())
        .bind(finding.line.map(i64::from))
        .bind(&finding.evidence)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Marks the crate's index file as out of date; the caller writes it after committing.
async fn bump_index_generation(conn: &mut AnyConnection, crate_id: i64) -> Result<(), StoreError> {
    sqlx::query(
        "UPDATE crates SET index_generation = index_generation + 1, updated_at = $1 WHERE id = $2",
    )
    .bind(now_millis())
    .bind(crate_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Db {
    /// Dates a version by when it was published where it came from (`wharf import --db-dump`),
    /// and its crate no later than that; audited. Returns whether the date changed (a run again
    /// changes and audits nothing).
    pub async fn set_published_at(
        &self,
        name: &str,
        version: &str,
        at: i64,
        actor: &crate::Actor,
    ) -> Result<bool, StoreError> {
        let mut wtx = self.begin_write().await?;
        let dated = sqlx::query(
            "UPDATE versions SET created_at = $3 WHERE num = $2 AND created_at <> $3 \
             AND crate_id = (SELECT id FROM crates WHERE name = $1)",
        )
        .bind(name)
        .bind(version)
        .bind(at)
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected()
            > 0;
        if dated {
            sqlx::query("UPDATE crates SET created_at = $2 WHERE name = $1 AND created_at > $2")
                .bind(name)
                .bind(at)
                .execute(&mut *wtx.tx)
                .await?;
            crate::audit::record(
                &mut wtx.tx,
                actor,
                "version.date",
                &format!("crate:{name}@{version}"),
                serde_json::json!({ "published_at": crate::rfc3339(at) }),
            )
            .await?;
        }
        wtx.commit().await?;
        Ok(dated)
    }
}

impl Db {
    /// Publishes a version: reads the facts the publish rule needs, asks `decide` (the policy's
    /// `decide_publish`), then writes every row in one transaction and stores the `.crate` file
    /// before committing, so a committed version always has its file. A refusal or a failure at any
    /// step leaves the database as it was.
    pub async fn publish(
        &self,
        blobs: &BlobStore,
        new: &NewVersion,
        tarball: Bytes,
        authority: PublishAuthority,
        decide: impl FnOnce(&PublishFacts) -> Result<PublishKind, Refusal>,
        actor: &Actor,
    ) -> Result<PublishOutcome, StoreError> {
        let canonical_name = canonical(&new.name);
        let vers = new.vers.to_string();
        let no_build = without_build_metadata(&new.vers);
        let now = now_millis();

        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let (facts, existing_id) = publish_facts(conn, new, &authority).await?;
        let (crate_id, created_crate) = match (decide(&facts)?, existing_id) {
            (PublishKind::NewVersion, Some(crate_id)) => {
                if let Some(limit) = authority.new_version_limit {
                    take_rate_token(conn, authority.user_id, RateAction::PublishUpdate, limit)
                        .await?;
                }
                (crate_id, false)
            }
            (PublishKind::NewVersion, None) => {
                return Err(StoreError::NotFound(format!(
                    "crate `{}` does not exist",
                    new.name
                )))
            }
            (PublishKind::NewCrate, _) => {
                if let Some(limit) = authority.new_crate_limit {
                    take_rate_token(conn, authority.user_id, RateAction::PublishNew, limit).await?;
                }
                let inserted = sqlx::query(
                    "INSERT INTO crates (name, canonical_name, confusable_skeleton, created_at, updated_at) \
                     VALUES ($1, $2, $3, $4, $4) RETURNING id",
                )
                .bind(&new.name)
                .bind(&canonical_name)
                .bind(&new.confusable_skeleton)
                .bind(now)
                .fetch_one(&mut *conn)
                .await
                .map_err(StoreError::from);
                let crate_id: i64 = match inserted {
                    Ok(row) => row.try_get("id")?,
                    // Another publisher created the name between our look-up and insert; the
                    // constraint decides, and they won.
                    Err(e) if e.is_unique_violation() => {
                        return Err(StoreError::Conflict(format!(
                            "the name `{}` was just taken by another publisher",
                            new.name
                        )))
                    }
                    Err(e) => return Err(e),
                };
                sqlx::query(
                    "INSERT INTO crate_owners (crate_id, user_id, created_at, created_by) VALUES ($1, $2, $3, $2)",
                )
                .bind(crate_id)
                .bind(authority.user_id)
                .bind(now)
                .execute(&mut *conn)
                .await?;
                (crate_id, true)
            }
        };

        let checked_dependencies = new
            .deps
            .iter()
            .filter(|d| authority.require_dependencies && d.registry.is_none());
        for dep in checked_dependencies {
            let found = sqlx::query("SELECT name FROM crates WHERE canonical_name = $1")
                .bind(canonical(dep.crate_name()))
                .fetch_optional(&mut *conn)
                .await?;
            // A crate may depend on itself (as a dev-dependency, say) in its first version.
            let is_self = canonical(dep.crate_name()) == canonical_name;
            if found.is_none() && !is_self {
                return Err(StoreError::Invalid(format!(
                    "dependency `{}` does not exist in this registry: publish it first, or point the \
                     dependency at the registry it comes from",
                    dep.crate_name()
                )));
            }
        }

        let features = serde_json::to_string(&new.features).expect("features serialise");
        let inserted = sqlx::query(
            "INSERT INTO versions (crate_id, num, num_no_build, cksum, features, links, rust_version, edition, \
             license, license_file, description, readme, crate_size, published_by, created_at, updated_at, verdict, held, \
             homepage, documentation, repository, has_lib, bin_names, trusted_publishing_token_id) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, \
             $18, $19, $20, $21, $22, $23) RETURNING id",
        )
        .bind(crate_id)
        .bind(&vers)
        .bind(no_build.to_string())
        .bind(&new.cksum)
        .bind(features)
        .bind(new.links.clone())
        .bind(new.rust_version.clone())
        .bind(new.edition.clone())
        .bind(new.license.clone())
        .bind(new.license_file.clone())
        .bind(new.description.clone())
        .bind(new.readme.clone())
        .bind(new.crate_size)
        .bind(authority.user_id)
        .bind(now)
        .bind(new.verdict.as_str())
        .bind(new.verdict.withholds() || new.awaits_detonation)
        .bind(new.homepage.clone())
        .bind(new.documentation.clone())
        .bind(new.repository.clone())
        .bind(new.has_lib)
        .bind(serde_json::to_string(&new.bin_names).expect("names serialise"))
        .bind(authority.trusted_publishing_token)
        .fetch_one(&mut *conn)
        .await
        .map_err(StoreError::from);
        let version_id: i64 = match inserted {
            Ok(row) => row.try_get("id")?,
            Err(e) if e.is_unique_violation() => {
                return Err(StoreError::Conflict(format!(
                    "crate `{}` version `{vers}` was just published by another upload",
                    new.name
                )))
            }
            Err(e) => return Err(e),
        };
        for dep in &new.deps {
            sqlx::query(
                "INSERT INTO dependencies (version_id, name, package, crate_canonical, req, features, optional, \
                 default_features, target, kind, registry) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
            )
            .bind(version_id)
            .bind(&dep.name)
            .bind(dep.package.clone())
            .bind(canonical(dep.crate_name()))
            .bind(&dep.req)
            .bind(serde_json::to_string(&dep.features).expect("features serialise"))
            .bind(dep.optional)
            .bind(dep.default_features)
            .bind(dep.target.clone())
            .bind(dep.kind.as_str())
            .bind(dep.registry.clone())
            .execute(&mut *conn)
            .await?;
        }

        insert_findings(conn, version_id, &new.findings).await?;

        if new.detonate {
            crate::detonations::enqueue(conn, version_id, new.awaits_detonation).await?;
        }

        refresh_max_version(conn, crate_id).await?;
        // The crate's page shows the metadata of its newest version.
        let max_version: Option<String> =
            sqlx::query("SELECT max_version FROM crates WHERE id = $1")
                .bind(crate_id)
                .fetch_one(&mut *conn)
                .await?
                .try_get("max_version")?;
        if max_version.as_deref() == Some(vers.as_str()) {
            sqlx::query(
                "UPDATE crates SET description = $1, homepage = $2, documentation = $3, repository = $4, \
                 keywords = $5, categories = $6, search_text = $7 WHERE id = $8",
            )
            .bind(new.description.clone())
            .bind(new.homepage.clone())
            .bind(new.documentation.clone())
            .bind(new.repository.clone())
            .bind(serde_json::to_string(&new.keywords).expect("keywords serialise"))
            .bind(serde_json::to_string(&new.categories).expect("categories serialise"))
            .bind(search_text(&new.name, new.description.as_deref(), &new.keywords))
            .bind(crate_id)
            .execute(&mut *conn)
            .await?;
            crate::tags::set_crate_tags(conn, crate_id, &new.keywords, &new.categories, now)
                .await?;
        }
        bump_index_generation(conn, crate_id).await?;
        record(
            conn,
            actor,
            "crate.publish",
            &format!("crate:{}", new.name),
            serde_json::json!({
                "version": vers, "cksum": new.cksum, "new_crate": created_crate, "verdict": new.verdict.as_str(),
            }),
        )
        .await?;
        let publisher = login_of(conn, authority.user_id).await?.unwrap_or_default();
        notify_owners(
            conn,
            crate_id,
            &Notification::VersionPublished {
                crate_name: new.name.clone(),
                version: vers.clone(),
                publisher,
                held: new.verdict.withholds(),
            },
        )
        .await?;

        blobs
            .put(&crate_file_key(&new.name, &vers), tarball)
            .await?;
        crate::crash_point("publish-before-commit");
        wtx.commit().await?;
        Ok(PublishOutcome {
            crate_id,
            version_id,
            created_crate,
        })
    }

    /// Yanks or un-yanks a version. Returns the crate's id, whose index file must then be rewritten.
    pub async fn set_yanked(
        &self,
        name: &str,
        version: &str,
        yanked: bool,
        user_id: i64,
        limit: Option<RateLimit>,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        // Everything a yank does is in this one transaction, so it can simply run again.
        self.retrying("yanking", || {
            self.set_yanked_once(name, version, yanked, user_id, limit, actor)
        })
        .await
    }

    async fn set_yanked_once(
        &self,
        name: &str,
        version: &str,
        yanked: bool,
        user_id: i64,
        limit: Option<RateLimit>,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let found = find_version(conn, name, version).await?;
        // A held version is invisible, so it cannot be yanked either.
        if found.held {
            return Err(StoreError::NotFound(format!(
                "crate `{name}` has no version `{version}`"
            )));
        }
        let (crate_id, version_id, crate_name) =
            (found.crate_id, found.version_id, found.crate_name);
        may_yank(standing(conn, crate_id, user_id).await?, &crate_name)?;
        let was_yanked = found.yanked;
        if was_yanked != yanked {
            // No limit when the operator imports versions already yanked where they come from.
            if let Some(limit) = limit {
                take_rate_token(conn, user_id, RateAction::Yank, limit).await?;
            }
            sqlx::query("UPDATE versions SET yanked = $1, updated_at = $2 WHERE id = $3")
                .bind(yanked)
                .bind(now_millis())
                .bind(version_id)
                .execute(&mut *conn)
                .await?;
            version_changed(
                conn,
                crate_id,
                actor,
                if yanked {
                    "version.yank"
                } else {
                    "version.unyank"
                },
                &crate_name,
                serde_json::json!({ "version": version }),
            )
            .await?;
        }
        wtx.commit().await?;
        Ok(crate_id)
    }

    pub async fn crate_by_id(&self, id: i64) -> Result<Option<CrateRecord>, StoreError> {
        let row = sqlx::query(&format!("SELECT {CRATE_COLUMNS} FROM crates WHERE id = $1"))
            .bind(id)
            .fetch_optional(self.pool())
            .await?;
        Ok(row.as_ref().map(crate_from_row).transpose()?)
    }

    /// The crate's own spelling of its name and the SHA-256 of the `.crate` file stored as
    /// `version` of the crate `name` (in canonical form), held or not, if there is one.
    pub async fn version_checksum(
        &self,
        name: &str,
        version: &str,
    ) -> Result<Option<(String, String)>, StoreError> {
        let row = sqlx::query(
            "SELECT crates.name, versions.cksum FROM versions \
             JOIN crates ON crates.id = versions.crate_id \
             WHERE crates.canonical_name = $1 AND versions.num = $2",
        )
        .bind(canonical(name))
        .bind(version)
        .fetch_optional(self.pool())
        .await?;
        Ok(row
            .map(|row| Ok::<_, sqlx::Error>((row.try_get("name")?, row.try_get("cksum")?)))
            .transpose()?)
    }

    pub async fn crate_by_name(&self, name: &str) -> Result<Option<CrateRecord>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {CRATE_COLUMNS} FROM crates WHERE canonical_name = $1"
        ))
        .bind(canonical(name))
        .fetch_optional(self.pool())
        .await?;
        Ok(row.as_ref().map(crate_from_row).transpose()?)
    }

    /// A crate's versions, newest publication first.
    pub async fn versions_of(&self, crate_id: i64) -> Result<Vec<VersionRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "{} WHERE versions.crate_id = $1 AND NOT versions.held ORDER BY versions.id DESC",
            version_select()
        ))
        .bind(crate_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(version_from_row)
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// The visible versions with these ids, in no particular order.
    pub async fn versions_by_id(&self, ids: &[i64]) -> Result<Vec<VersionRecord>, StoreError> {
        let mut found = Vec::with_capacity(ids.len());
        // One query per hundred ids keeps the statement's parameters well under every limit.
        for chunk in ids.chunks(100) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "{} WHERE versions.id IN ({}) AND NOT versions.held",
                version_select(),
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(self.pool()).await? {
                found.push(version_from_row(&row)?);
            }
        }
        Ok(found)
    }

    /// The dependencies of one version, as the crates.io API lists them.
    pub async fn dependencies_of(
        &self,
        version_id: i64,
    ) -> Result<Vec<IndexDependency>, StoreError> {
        Ok(self
            .dependency_rows_of(version_id)
            .await?
            .into_iter()
            .map(|(_, dep)| dep)
            .collect())
    }

    /// The dependencies of one version with their row ids (crates.io's dependency `id`).
    pub async fn dependency_rows_of(
        &self,
        version_id: i64,
    ) -> Result<Vec<(i64, IndexDependency)>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, version_id, name, package, req, features, optional, default_features, target, kind, registry \
             FROM dependencies WHERE version_id = $1 ORDER BY id",
        )
        .bind(version_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| Ok((row.try_get("id")?, dependency_from_row(row)?.1)))
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// The lines of the crate's index file, in publication order, read from the database.
    pub async fn index_lines(&self, crate_id: i64) -> Result<Vec<IndexLine>, StoreError> {
        let row = sqlx::query("SELECT name, held_at FROM crates WHERE id = $1")
            .bind(crate_id)
            .fetch_one(self.pool())
            .await?;
        let crate_name: String = row.try_get("name")?;
        // A crate held by moderation is out of the index as a whole, until released.
        if row.try_get::<Option<i64>, _>("held_at")?.is_some() {
            return Ok(Vec::new());
        }
        let versions = sqlx::query(
            "SELECT id, num, cksum, features, links, rust_version, yanked, created_at \
             FROM versions WHERE crate_id = $1 AND NOT held ORDER BY id",
        )
        .bind(crate_id)
        .fetch_all(self.pool())
        .await?;
        let dep_rows = sqlx::query(
            "SELECT dependencies.version_id, dependencies.name, dependencies.package, dependencies.req, \
             dependencies.features, dependencies.optional, dependencies.default_features, dependencies.target, \
             dependencies.kind, dependencies.registry \
             FROM dependencies JOIN versions ON versions.id = dependencies.version_id \
             WHERE versions.crate_id = $1 ORDER BY dependencies.id",
        )
        .bind(crate_id)
        .fetch_all(self.pool())
        .await?;
        let mut deps_by_version: BTreeMap<i64, Vec<IndexDependency>> = BTreeMap::new();
        for row in &dep_rows {
            let (version_id, dep) = dependency_from_row(row)?;
            deps_by_version.entry(version_id).or_default().push(dep);
        }
        versions
            .iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let features: String = row.try_get("features")?;
                let features: BTreeMap<String, Vec<String>> =
                    serde_json::from_str(&features).unwrap_or_default();
                let (features, features2) = split_features(features);
                let mut deps = deps_by_version.remove(&id).unwrap_or_default();
                // cargo does not care about order, but a stable order keeps files comparable.
                deps.sort_by(|a, b| {
                    (a.name.as_str(), a.kind.as_str()).cmp(&(b.name.as_str(), b.kind.as_str()))
                });
                Ok(IndexLine {
                    name: crate_name.clone(),
                    vers: row.try_get("num")?,
                    deps,
                    cksum: row.try_get("cksum")?,
                    v: features2.as_ref().map(|_| 2),
                    features,
                    features2,
                    yanked: crate::flag(row, "yanked")?,
                    links: row.try_get("links")?,
                    rust_version: row.try_get("rust_version")?,
                    pubtime: Some(crate::rfc3339(row.try_get("created_at")?)),
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// The crate's index generation (see the `crates` table) and name, for the index writer.
    pub async fn index_generation(&self, crate_id: i64) -> Result<(String, i64), StoreError> {
        let row = sqlx::query("SELECT name, index_generation FROM crates WHERE id = $1")
            .bind(crate_id)
            .fetch_one(self.pool())
            .await?;
        Ok((row.try_get("name")?, row.try_get("index_generation")?))
    }

    /// Records that the crate's index file reflects `generation`. A write like any other: run
    /// beside the write lock, it was the commit that made concurrent publishes and yanks fail on
    /// SQLite (see [`Db::begin_write`]).
    pub async fn mark_index_written(
        &self,
        crate_id: i64,
        generation: i64,
    ) -> Result<(), StoreError> {
        self.retrying("marking an index file written", || async {
            let mut wtx = self.begin_write().await?;
            sqlx::query(
                "UPDATE crates SET index_written = $1 WHERE id = $2 AND index_written < $1",
            )
            .bind(generation)
            .bind(crate_id)
            .execute(&mut *wtx.tx)
            .await?;
            wtx.commit().await
        })
        .await
    }

    /// Crates whose index file is behind the database: left so by a crash between commit and write.
    pub async fn crates_with_stale_index(&self) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query("SELECT id FROM crates WHERE index_written < index_generation")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| r.try_get("id").map_err(StoreError::from))
            .collect()
    }

    pub async fn all_crate_ids(&self) -> Result<Vec<i64>, StoreError> {
        let rows = sqlx::query("SELECT id FROM crates ORDER BY id")
            .fetch_all(self.pool())
            .await?;
        rows.iter()
            .map(|r| r.try_get("id").map_err(StoreError::from))
            .collect()
    }

    /// Finds a version for download: the crate's stored name and the version's id.
    pub async fn version_for_download(
        &self,
        name: &str,
        version: &str,
    ) -> Result<Option<(String, i64)>, StoreError> {
        let row = sqlx::query(
            "SELECT crates.name, versions.id FROM versions JOIN crates ON crates.id = versions.crate_id \
             WHERE crates.canonical_name = $1 AND versions.num = $2 AND NOT versions.held \
             AND crates.held_at IS NULL",
        )
        .bind(canonical(name))
        .bind(version)
        .fetch_optional(self.pool())
        .await?;
        Ok(match row {
            Some(row) => Some((row.try_get("name")?, row.try_get("id")?)),
            None => None,
        })
    }

    pub async fn owners_of(&self, crate_id: i64) -> Result<Vec<OwnerRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, crate_owners.created_at AS added_at FROM crate_owners \
             JOIN users ON users.id = crate_owners.user_id WHERE crate_owners.crate_id = $1 \
             ORDER BY crate_owners.created_at, users.id"
        ))
        .bind(crate_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(OwnerRecord {
                    user: user_from_row(row)?,
                    added_at: row.try_get("added_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// The teams that own a crate, with when each was added.
    pub async fn team_owners_of(
        &self,
        crate_id: i64,
    ) -> Result<Vec<(TeamRecord, i64)>, StoreError> {
        let rows = sqlx::query(
            "SELECT teams.id, teams.name, teams.created_at, crate_team_owners.created_at AS added_at \
             FROM crate_team_owners JOIN teams ON teams.id = crate_team_owners.team_id \
             WHERE crate_team_owners.crate_id = $1 ORDER BY crate_team_owners.created_at, teams.id",
        )
        .bind(crate_id)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok((
                    TeamRecord {
                        id: row.try_get("id")?,
                        name: row.try_get("name")?,
                        created_at: row.try_get("created_at")?,
                    },
                    row.try_get("added_at")?,
                ))
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Invites owners (`add`) or removes them, by login; `team:NAME` adds or removes a team. Only a
    /// user owner may do so; an invitation lasts `invitation_ttl_ms`; the last user owner cannot be
    /// removed; every change is audited. Returns the logins actually invited, added or removed.
    pub async fn change_owners(
        &self,
        crate_name: &str,
        logins: &[String],
        add: bool,
        caller_id: i64,
        invitation_ttl_ms: i64,
        actor: &Actor,
    ) -> Result<Vec<String>, StoreError> {
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let row = sqlx::query("SELECT id, name FROM crates WHERE canonical_name = $1")
            .bind(canonical(crate_name))
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("crate `{crate_name}` does not exist")))?;
        let crate_id: i64 = row.try_get("id")?;
        let name: String = row.try_get("name")?;
        may_change_owners(standing(conn, crate_id, caller_id).await?, &name)?;
        let mut changed = Vec::new();
        for login in logins {
            if let Some(team_name) = login.strip_prefix(TEAM_PREFIX) {
                if change_team_owner(conn, crate_id, &name, team_name, add, caller_id, actor)
                    .await?
                {
                    changed.push(login.clone());
                }
                continue;
            }
            let user = existing_user(conn, login).await?;
            let owned = is_owner(conn, crate_id, user.id).await?;
            if add && !owned {
                // An invitation, not an owner: ownership moves only when the invitee accepts.
                let now = now_millis();
                let open = sqlx::query(
                    "SELECT expires_at FROM crate_owner_invitations WHERE crate_id = $1 AND invitee_id = $2",
                )
                .bind(crate_id)
                .bind(user.id)
                .fetch_optional(&mut *conn)
                .await?;
                if let Some(open) = open {
                    if invitation_open(open.try_get("expires_at")?, now) {
                        continue;
                    }
                    sqlx::query(
                        "DELETE FROM crate_owner_invitations WHERE crate_id = $1 AND invitee_id = $2",
                    )
                    .bind(crate_id)
                    .bind(user.id)
                    .execute(&mut *conn)
                    .await?;
                }
                // The accept link's secret reaches the invitee only by e-mail; the table keeps its hash.
                let accept_token = crate::generate_token();
                let expires_at = now.saturating_add(invitation_ttl_ms);
                sqlx::query(
                    "INSERT INTO crate_owner_invitations (crate_id, invitee_id, inviter_id, token_hash, created_at, expires_at) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(crate_id)
                .bind(user.id)
                .bind(caller_id)
                .bind(crate::hash_token(&accept_token))
                .bind(now)
                .bind(expires_at)
                .execute(&mut *conn)
                .await?;
                let inviter = login_of(conn, caller_id).await?.unwrap_or_default();
                notify(
                    conn,
                    user.id,
                    &Notification::OwnerInvitation {
                        crate_name: name.clone(),
                        crate_id,
                        inviter,
                        accept_token: Some(accept_token),
                        expires_at,
                        replaces_owners: false,
                    },
                )
                .await?;
            } else if !add && owned {
                let removed = Notification::OwnersChanged {
                    crate_name: name.clone(),
                    owner: user.login.clone(),
                    added: false,
                    by: login_of(conn, caller_id).await?,
                };
                // The removed owner hears of it too, then the ones who remain.
                notify(conn, user.id, &removed).await?;
                record_former_owner(conn, crate_id, FormerOwner::User(user.id), Some(caller_id))
                    .await?;
                notify_owners(conn, crate_id, &removed).await?;
            } else {
                continue;
            }
            record(
                conn,
                actor,
                if add { "owner.invite" } else { "owner.remove" },
                &format!("crate:{name}"),
                serde_json::json!({ "user": user.login }),
            )
            .await?;
            changed.push(user.login);
        }
        let remaining: i64 =
            sqlx::query("SELECT COUNT(*) AS n FROM crate_owners WHERE crate_id = $1")
                .bind(crate_id)
                .fetch_one(&mut *conn)
                .await?
                .try_get("n")?;
        keeps_a_user_owner(remaining, &name)?;
        wtx.commit().await?;
        Ok(changed)
    }

    /// Searches names, descriptions and keywords among the listed crates, with the query's
    /// filters: every word of the text must match a word of the crate's, stemmed, and the last
    /// one as a prefix ("formatting" finds "format"; "serde tok" finds crates with the word
    /// "serde" and one beginning "tok"), through the database's full-text index (PostgreSQL's
    /// `tsvector`, SQLite's FTS5). Returns one page of crates and how many matched:
    /// exactly, or estimated when a word is in more crates than are worth counting one by one.
    pub async fn search(&self, query: &SearchQuery) -> Result<SearchPage, StoreError> {
        let mut binds = vec![SearchBind::Text(canonical(query.text.trim()))];
        let mut filter =
            String::from("crates.max_version IS NOT NULL AND crates.held_at IS NULL AND ($1 = $1)");
        let bind = |value: SearchBind, binds: &mut Vec<SearchBind>| {
            binds.push(value);
            format!("${}", binds.len())
        };
        // The full-text match (its query text bound once, as `text_query`), kept apart from the
        // other filters until they are all written.
        let terms = search_terms(&query.text);
        let text_query = (!terms.is_empty()).then(|| {
            bind(
                SearchBind::Text(match self.backend() {
                    Backend::Postgres => postgres_text_query(&terms),
                    Backend::Sqlite => sqlite_text_query(&terms),
                }),
                &mut binds,
            )
        });
        // `walk` says the crates are to be walked in another index's order, the matches only
        // looked up: SQLite's `+` keeps it from driving the search from the full-text list.
        let text_filter = |walk: bool| match (&text_query, self.backend()) {
            (None, _) => String::new(),
            (Some(n), Backend::Postgres) => {
                format!(" AND crates.search_vector @@ to_tsquery('wharf_search', {n})")
            }
            (Some(n), Backend::Sqlite) => format!(
                " AND {}crates.id IN (SELECT rowid FROM crates_fts WHERE crates_fts MATCH {n})",
                if walk { "+" } else { "" }
            ),
        };
        if !query.names.is_empty() {
            let placeholders: Vec<String> = query
                .names
                .iter()
                .take(100)
                .map(|name| bind(SearchBind::Text(canonical(name)), &mut binds))
                .collect();
            filter.push_str(&format!(
                " AND crates.canonical_name IN ({})",
                placeholders.join(", ")
            ));
        }
        if let Some(user_id) = query.user_id {
            let n = bind(SearchBind::Int(user_id), &mut binds);
            filter.push_str(&format!(
                " AND crates.id IN (SELECT crate_id FROM crate_owners WHERE user_id = {n})"
            ));
        }
        if let Some(team_id) = query.team_id {
            let n = bind(SearchBind::Int(team_id), &mut binds);
            filter.push_str(&format!(
                " AND crates.id IN (SELECT crate_id FROM crate_team_owners WHERE team_id = {n})"
            ));
        }
        if let Some(keyword) = &query.keyword {
            let n = bind(SearchBind::Text(keyword.to_lowercase()), &mut binds);
            filter.push_str(&format!(
                " AND crates.id IN (SELECT crate_id FROM crate_keywords WHERE keyword = {n})"
            ));
        }
        if let Some(category) = &query.category {
            let slug = category.to_lowercase();
            let exact = bind(SearchBind::Text(slug.clone()), &mut binds);
            let below = bind(
                SearchBind::Text(format!("{}::%", crate::browse::like_literal(&slug))),
                &mut binds,
            );
            filter.push_str(&format!(
                " AND crates.id IN (SELECT crate_id FROM crate_categories \
                 WHERE slug = {exact} OR slug LIKE {below} ESCAPE '\\')"
            ));
        }
        if let Some(letter) = query.letter {
            let pattern = format!(
                "{}%",
                crate::browse::like_literal(&letter.to_lowercase().to_string())
            );
            let n = bind(SearchBind::Text(pattern), &mut binds);
            filter.push_str(&format!(" AND crates.canonical_name LIKE {n} ESCAPE '\\'"));
        }
        // Counted first: how many matched decides how they are ordered.
        let matching = format!("{filter}{}", text_filter(false));
        let (total, share) = match &text_query {
            Some(n) => self.count_text_matches(&filter, n, &binds).await?,
            None => {
                let count = format!("SELECT COUNT(*) AS n FROM crates WHERE {matching}");
                let n: i64 = bind_all(sqlx::query(&count), &binds)
                    .fetch_one(self.pool())
                    .await?
                    .try_get("n")?;
                (SearchTotal::Exact(n), None)
            }
        };
        let (limit, offset) = crate::paging(query.page, query.per_page);
        if let (SearchSort::Relevance, Some(n)) = (query.sort, &text_query) {
            if total.count() > RANK_BY_TEXT_UP_TO {
                // Too many to rank by text: the exact name, then the most downloaded, read in
                // the downloads index's order rather than sorted (a word most crates have
                // matches most of the table). The exact name's own words match the text, so it
                // is looked up by name alone; `{n} = {n}` keeps the text's value in use.
                let exact_sql = format!(
                    "SELECT {CRATE_COLUMNS} FROM crates WHERE {filter} AND ({n} = {n}) \
                     AND crates.canonical_name = $1"
                );
                let exact = bind_all(sqlx::query(&exact_sql), &binds)
                    .fetch_optional(self.pool())
                    .await?
                    .map(|row| crate_from_row(&row))
                    .transpose()?;
                let (rest_limit, rest_offset) = match (&exact, offset) {
                    (Some(_), 0) => (limit - 1, 0),
                    (Some(_), offset) => (limit, offset - 1),
                    (None, offset) => (limit, offset),
                };
                let mut crates: Vec<CrateRecord> =
                    exact.into_iter().filter(|_| offset == 0).collect();
                let plan = match (self.backend(), share, terms.last()) {
                    (Backend::Sqlite, Some(share), Some(last)) => {
                        broad_plan(last, rest_limit + rest_offset, share, total.count())
                    }
                    _ => BroadPlan::ReadEveryMatch,
                };
                if let BroadPlan::ProbeMostDownloaded { candidates } = plan {
                    let found = self
                        .probe_most_downloaded(
                            &filter,
                            n,
                            &binds,
                            candidates,
                            rest_limit,
                            rest_offset,
                        )
                        .await?;
                    if let Some(found) = found {
                        crates.extend(found);
                        return Ok(SearchPage { crates, total });
                    }
                }
                let limit_n = bind(SearchBind::Int(rest_limit), &mut binds);
                let offset_n = bind(SearchBind::Int(rest_offset), &mut binds);
                let rest_sql = format!(
                    "SELECT {CRATE_COLUMNS} FROM crates WHERE {filter}{} \
                     AND crates.canonical_name <> $1 ORDER BY crates.downloads DESC, crates.name \
                     LIMIT {limit_n} OFFSET {offset_n}",
                    text_filter(true)
                );
                let rest = bind_all(sqlx::query(&rest_sql), &binds)
                    .fetch_all(self.pool())
                    .await?;
                for row in &rest {
                    crates.push(crate_from_row(row)?);
                }
                return Ok(SearchPage { crates, total });
            }
        }
        let mut source = String::from("crates");
        let order = match query.sort {
            SearchSort::Relevance => {
                let text_rank = match &text_query {
                    Some(n) if total.count() <= RANK_BY_TEXT_UP_TO => match self.backend() {
                        Backend::Postgres => format!(
                            "ts_rank(crates.search_vector, to_tsquery('wharf_search', {n})) DESC, "
                        ),
                        Backend::Sqlite => {
                            source = format!(
                                "crates JOIN (SELECT rowid AS crate_id, bm25(crates_fts) AS rank \
                                 FROM crates_fts WHERE crates_fts MATCH {n}) AS matched \
                                 ON matched.crate_id = crates.id"
                            );
                            "matched.rank, ".to_string()
                        }
                    },
                    _ => String::new(),
                };
                format!(
                    "CASE WHEN crates.canonical_name = $1 THEN 0 ELSE 1 END, {text_rank}\
                     crates.downloads DESC, crates.name"
                )
            }
            SearchSort::Downloads => "crates.downloads DESC, crates.name".to_string(),
            SearchSort::RecentDownloads => {
                let since = bind(SearchBind::Text(query.recent_since.clone()), &mut binds);
                format!(
                    "(SELECT COALESCE(SUM(version_downloads.downloads), 0) FROM version_downloads \
                     JOIN versions ON versions.id = version_downloads.version_id \
                     WHERE versions.crate_id = crates.id AND version_downloads.day >= {since}) DESC, \
                     crates.name"
                )
            }
            SearchSort::RecentUpdates => "crates.updated_at DESC, crates.name".to_string(),
            SearchSort::New => "crates.created_at DESC, crates.id DESC".to_string(),
            SearchSort::Alphabetical => "crates.name".to_string(),
        };
        let limit_n = bind(SearchBind::Int(limit), &mut binds);
        let offset_n = bind(SearchBind::Int(offset), &mut binds);
        let select = format!(
            "SELECT {CRATE_COLUMNS} FROM {source} WHERE {matching} ORDER BY {order} \
             LIMIT {limit_n} OFFSET {offset_n}"
        );
        let rows = bind_all(sqlx::query(&select), &binds)
            .fetch_all(self.pool())
            .await?;
        let crates = rows
            .iter()
            .map(crate_from_row)
            .collect::<Result<_, sqlx::Error>>()?;
        Ok(SearchPage { crates, total })
    }

    /// How many crates match the search's text and its other filters (`filter`, whose values are
    /// `binds`; `text` is the bound text query's placeholder): exactly up to
    /// [`RANK_BY_TEXT_UP_TO`], estimated past it. Counting every match of a word most crates
    /// have reads most of the table (55–115 ms at 200,000 crates); stopping at the bound reads a
    /// few thousand index entries, and the estimate costs no more:
    ///
    /// - SQLite: the full-text list gives matches in id order, and crates are numbered in the
    ///   order they came, so the id of the match past the bound says what share of the registry
    ///   it took to find that many: the total is scaled up from that share.
    /// - PostgreSQL: the planner's own estimate of the rows the unbounded count would read, from
    ///   the statistics `ANALYZE` keeps of each word's frequency (autovacuum runs it).
    ///
    /// Also returns, on SQLite past the bound, the share of the crates that matched (the second
    /// value), which [`broad_plan`] weighs.
    async fn count_text_matches(
        &self,
        filter: &str,
        text: &str,
        binds: &[SearchBind],
    ) -> Result<(SearchTotal, Option<f64>), StoreError> {
        let bound = RANK_BY_TEXT_UP_TO + 1;
        let bounded = match self.backend() {
            // Driven from the full-text list, in its (id) order, without materialising it.
            Backend::Sqlite => format!(
                "SELECT COUNT(*) AS n, COALESCE(MAX(id), 0) AS last_id FROM (\
                 SELECT crates.id AS id FROM crates_fts JOIN crates ON crates.id = crates_fts.rowid \
                 WHERE crates_fts MATCH {text} AND {filter} ORDER BY crates_fts.rowid LIMIT {bound}\
                 ) AS bounded"
            ),
            Backend::Postgres => format!(
                "SELECT COUNT(*) AS n, CAST(0 AS BIGINT) AS last_id FROM (SELECT 1 FROM crates \
                 WHERE {filter} AND crates.search_vector @@ to_tsquery('wharf_search', {text}) \
                 LIMIT {bound}) AS bounded"
            ),
        };
        let row = bind_all(sqlx::query(&bounded), binds)
            .fetch_one(self.pool())
            .await?;
        let found: i64 = row.try_get("n")?;
        if found < bound {
            return Ok((SearchTotal::Exact(found), None));
        }
        let mut share = None;
        let estimate = match self.backend() {
            Backend::Sqlite => {
                let last_id: i64 = row.try_get("last_id")?;
                let highest_id: i64 = sqlx::query("SELECT COALESCE(MAX(id), 0) AS n FROM crates")
                    .fetch_one(self.pool())
                    .await?
                    .try_get("n")?;
                if last_id > 0 {
                    share = Some(found as f64 / last_id as f64);
                }
                estimate_from_share(found, last_id, highest_id)
            }
            Backend::Postgres => {
                // Not kept as a prepared statement: PostgreSQL plans an unnamed one with the
                // values bound, which is what makes the estimate the text's own.
                let explain = format!(
                    "EXPLAIN SELECT 1 FROM crates WHERE {filter} \
                     AND crates.search_vector @@ to_tsquery('wharf_search', {text})"
                );
                let top_node: String = bind_all(sqlx::query(&explain).persistent(false), binds)
                    .fetch_one(self.pool())
                    .await?
                    .try_get(0)?;
                planned_rows(&top_node).unwrap_or(0)
            }
        };
        Ok((SearchTotal::Estimated(estimate.max(found)), share))
    }

    /// [`BroadPlan::ProbeMostDownloaded`] on SQLite: the crates past the exact name that match
    /// the search (`filter`, and the full-text query bound at `text`), most downloaded first,
    /// `limit` from `offset`, looked for only among the crates more downloaded than the one at
    /// position `candidates`. All of those are more downloaded than any crate not looked at, so
    /// a full page from them is the page; `None` when they held fewer (then every match must be
    /// read). A walk over the whole registry (no more crates than `candidates`) is always the
    /// answer.
    async fn probe_most_downloaded(
        &self,
        filter: &str,
        text: &str,
        binds: &[SearchBind],
        candidates: i64,
        limit: i64,
        offset: i64,
    ) -> Result<Option<Vec<CrateRecord>>, StoreError> {
        // Read from the downloads index alone: no row of the table is touched.
        let floor: Option<i64> =
            sqlx::query("SELECT downloads FROM crates ORDER BY downloads DESC LIMIT 1 OFFSET $1")
                .bind(candidates)
                .fetch_optional(self.pool())
                .await?
                .map(|row| row.try_get("downloads"))
                .transpose()?;
        let mut binds = binds.to_vec();
        let mut bind = |value: SearchBind| {
            binds.push(value);
            format!("${}", binds.len())
        };
        let above_floor = match floor {
            Some(floor) => format!(" AND crates.downloads > {}", bind(SearchBind::Int(floor))),
            None => String::new(),
        };
        let limit_n = bind(SearchBind::Int(limit));
        let offset_n = bind(SearchBind::Int(offset));
        // The look-up names the crate's row id, so the full-text index seeks each word's list to
        // it instead of reading the list.
        let walk = format!(
            "SELECT {CRATE_COLUMNS} FROM crates WHERE {filter}{above_floor} \
             AND crates.canonical_name <> $1 \
             AND EXISTS (SELECT 1 FROM crates_fts WHERE crates_fts MATCH {text} \
                 AND crates_fts.rowid = crates.id) \
             ORDER BY crates.downloads DESC, crates.name LIMIT {limit_n} OFFSET {offset_n}"
        );
        let rows = bind_all(sqlx::query(&walk), &binds)
            .fetch_all(self.pool())
            .await?;
        if floor.is_some() && (rows.len() as i64) < limit {
            return Ok(None);
        }
        let crates = rows
            .iter()
            .map(crate_from_row)
            .collect::<Result<_, sqlx::Error>>()?;
        Ok(Some(crates))
    }
}

/// One page of a search's answer.
#[derive(Debug, Clone)]
pub struct SearchPage {
    pub crates: Vec<CrateRecord>,
    pub total: SearchTotal,
}

/// How many crates a search matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchTotal {
    Exact(i64),
    /// More than [`RANK_BY_TEXT_UP_TO`], and about this many.
    Estimated(i64),
}

impl SearchTotal {
    /// The number, exact or not.
    pub fn count(self) -> i64 {
        match self {
            SearchTotal::Exact(n) | SearchTotal::Estimated(n) => n,
        }
    }

    pub fn is_estimate(self) -> bool {
        matches!(self, SearchTotal::Estimated(_))
    }
}

/// The total implied by finding `found` matches among the crates numbered up to `last_id`, of
/// `highest_id` in all, had the rest matched as often.
fn estimate_from_share(found: i64, last_id: i64, highest_id: i64) -> i64 {
    if last_id <= 0 || highest_id <= last_id {
        return found;
    }
    (found as f64 * highest_id as f64 / last_id as f64).round() as i64
}

/// The rows the top node of a PostgreSQL plan expects to return, from the first line `EXPLAIN`
/// writes: `Seq Scan on crates  (cost=0.00..19341.00 rows=56573 width=4)`.
fn planned_rows(top_node: &str) -> Option<i64> {
    let (_, after) = top_node.split_once(" rows=")?;
    after.split(' ').next()?.parse().ok()
}

fn dependency_from_row(row: &AnyRow) -> Result<(i64, IndexDependency), sqlx::Error> {
    let features: String = row.try_get("features")?;
    let kind: String = row.try_get("kind")?;
    Ok((
        row.try_get("version_id")?,
        IndexDependency {
            name: row.try_get("name")?,
            req: row.try_get("req")?,
            features: serde_json::from_str(&features).unwrap_or_default(),
            optional: crate::flag(row, "optional")?,
            default_features: crate::flag(row, "default_features")?,
            target: row.try_get("target")?,
            kind: DependencyKind::parse(&kind).unwrap_or(DependencyKind::Normal),
            registry: row.try_get("registry")?,
            package: row.try_get("package")?,
        },
    ))
}

impl Db {
    /// Whether the user owns the crate.
    pub async fn is_crate_owner(&self, crate_id: i64, user_id: i64) -> Result<bool, StoreError> {
        let mut conn = self.pool().acquire().await?;
        is_owner(&mut conn, crate_id, user_id).await
    }

    /// The policy's verdict on a version and its findings, held versions included.
    pub async fn findings_of(
        &self,
        crate_id: i64,
        version: &str,
    ) -> Result<Option<(String, bool, Vec<StoredFinding>)>, StoreError> {
        let Some(row) =
            sqlx::query("SELECT id, verdict, held FROM versions WHERE crate_id = $1 AND num = $2")
                .bind(crate_id)
                .bind(version)
                .fetch_optional(self.pool())
                .await?
        else {
            return Ok(None);
        };
        let version_id: i64 = row.try_get("id")?;
        let rows = sqlx::query(
            "SELECT rule, severity, file, line, evidence FROM version_findings WHERE version_id = $1 ORDER BY id",
        )
        .bind(version_id)
        .fetch_all(self.pool())
        .await?;
        let findings = rows
            .iter()
            .map(finding_from_row)
            .collect::<Result<_, sqlx::Error>>()?;
        Ok(Some((
            row.try_get("verdict")?,
            crate::flag(&row, "held")?,
            findings,
        )))
    }

    /// Releases a held version: it joins the index and can be downloaded. Returns the crate's id, whose
    /// index file must then be rewritten.
    pub async fn release_version(
        &self,
        name: &str,
        version: &str,
        released_by: &str,
        actor: &Actor,
    ) -> Result<i64, StoreError> {
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let found = find_version(conn, name, version).await?;
        if !found.held {
            return Err(StoreError::Invalid(format!(
                "`{name}` {version} is not held"
            )));
        }
        let (crate_id, version_id, crate_name) =
            (found.crate_id, found.version_id, found.crate_name);
        sqlx::query(
            "UPDATE versions SET held = $1, released_at = $2, released_by = $3 WHERE id = $4",
        )
        .bind(false)
        .bind(now_millis())
        .bind(released_by)
        .bind(version_id)
        .execute(&mut *conn)
        .await?;
        version_changed(
            conn,
            crate_id,
            actor,
            "version.release",
            &crate_name,
            serde_json::json!({ "version": version, "by": released_by }),
        )
        .await?;
        wtx.commit().await?;
        Ok(crate_id)
    }
}

#[cfg(test)]
mod search_tests {
    use super::*;

    #[test]
    fn a_broad_search_is_scaled_up_from_the_share_it_was_found_in() {
        // 2,001 matches among the first 12,209 of 200,000 crates: about 32,800; 10,001 among
        // them, about 163,800.
        assert_eq!(estimate_from_share(2_001, 12_209, 200_000), 32_779);
        assert_eq!(estimate_from_share(10_001, 12_209, 200_000), 163_830);
        // Found at the very end, or ids that say nothing: no more than were found.
        assert_eq!(estimate_from_share(2_001, 200_000, 200_000), 2_001);
        assert_eq!(estimate_from_share(2_001, 0, 200_000), 2_001);
    }

    #[test]
    fn a_broad_search_probes_the_most_downloaded_only_when_that_reads_less() {
        // The commonest word of 200,000 crates (82 %): a page of ten is about a dozen look-ups,
        // against 165,000 matches read; the walk may look at four times that before it gives up.
        assert_eq!(
            broad_plan("serde", 10, 0.82, 164_000),
            BroadPlan::ProbeMostDownloaded { candidates: 64 }
        );
        assert_eq!(
            broad_plan("serde", 100, 0.5, 100_000),
            BroadPlan::ProbeMostDownloaded { candidates: 800 }
        );
        // Page 50 of the same word, or a word in 1 % of crates: reading every match is cheaper.
        assert_eq!(
            broad_plan("serde", 500, 0.82, 164_000),
            BroadPlan::ReadEveryMatch
        );
        assert_eq!(
            broad_plan("serde", 10, 0.01, 2_001),
            BroadPlan::ReadEveryMatch
        );
        // A prefix longer than the index keeps lists for would be merged at every look-up.
        let indexed = "a".repeat(LONGEST_INDEXED_PREFIX);
        let longer = "a".repeat(LONGEST_INDEXED_PREFIX + 1);
        assert!(matches!(
            broad_plan(&indexed, 10, 0.82, 164_000),
            BroadPlan::ProbeMostDownloaded { .. }
        ));
        assert_eq!(
            broad_plan(&longer, 10, 0.82, 164_000),
            BroadPlan::ReadEveryMatch
        );
        // Characters, not bytes: sixteen letters of two bytes each are still indexed.
        assert!(matches!(
            broad_plan(&"é".repeat(LONGEST_INDEXED_PREFIX), 10, 0.82, 164_000),
            BroadPlan::ProbeMostDownloaded { .. }
        ));
        // A share the count could not measure says nothing.
        assert_eq!(
            broad_plan("serde", 10, 0.0, 164_000),
            BroadPlan::ReadEveryMatch
        );
    }

    #[test]
    fn the_planned_rows_are_read_from_postgres_plans() {
        let top = "Seq Scan on crates  (cost=0.00..19341.00 rows=56573 width=4)";
        assert_eq!(planned_rows(top), Some(56_573));
        let top = "Bitmap Heap Scan on crates  (cost=28.02..40.13 rows=3 width=4)";
        assert_eq!(planned_rows(top), Some(3));
        assert_eq!(planned_rows("Result  (cost=0.00..0.01 width=4)"), None);
        assert_eq!(planned_rows("Result (rows=many)"), None);
    }

    #[test]
    fn search_terms_are_the_words_the_index_keeps() {
        assert_eq!(
            search_terms("  Serde_JSON  tokio-util\tv2 "),
            ["serde", "json", "tokio", "util", "v2"]
        );
        assert_eq!(search_terms("Ünïcode façade"), ["ünïcode", "façade"]);
        assert!(search_terms(" -_ !* \" ").is_empty());
        assert_eq!(search_terms("a b c d e f g h i j").len(), 8);
    }

    #[test]
    fn query_syntax_cannot_be_smuggled_in_through_the_text() {
        // Operators, quotes and parentheses are not letters: they separate terms and vanish.
        let terms = search_terms("foo\" OR bar* & !baz:* (NEAR)");
        assert_eq!(terms, ["foo", "or", "bar", "baz", "near"]);
        assert_eq!(postgres_text_query(&terms), "foo & or & bar & baz & near:*");
        assert_eq!(
            sqlite_text_query(&terms),
            "\"foo\" \"or\" \"bar\" \"baz\" \"near\"*"
        );
    }
}
