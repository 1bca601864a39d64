//! Read models for the web site's browsing pages: registry totals, the home page's lists, crates by
//! keyword, category, user or team owner, and a version's README text.
//!
//! Every list leaves out crates a moderator holds and crates with no visible version, as the API's
//! search does, so a page never links to something that is not there.

use crate::crates::{crate_from_row, CRATE_COLUMNS};
use crate::{CrateRecord, Db, StoreError};
use sqlx::Row;
use std::collections::HashMap;

/// What the home page counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct RegistryTotals {
    pub crates: i64,
    pub versions: i64,
    pub downloads: i64,
}

/// The order of a browsing list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BrowseOrder {
    /// First published most recently.
    New,
    /// Last changed most recently.
    RecentlyUpdated,
    MostDownloaded,
    /// Most downloads over the last 90 days (see [`recent_days_since`]).
    RecentlyDownloaded,
}

impl BrowseOrder {
    fn sql(self) -> String {
        match self {
            BrowseOrder::New => "crates.created_at DESC, crates.id DESC".into(),
            BrowseOrder::RecentlyUpdated => "crates.updated_at DESC, crates.id DESC".into(),
            BrowseOrder::MostDownloaded => "crates.downloads DESC, crates.name".into(),
            BrowseOrder::RecentlyDownloaded => format!("{RECENT_DOWNLOADS} DESC, crates.name"),
        }
    }
}

/// The days "recent downloads" cover: today and the 89 before it, as on crates.io.
pub const RECENT_DAYS: i64 = 90;

/// The first day (`YYYY-MM-DD`, UTC) of the [`RECENT_DAYS`] ending today.
pub fn recent_days_since() -> String {
    crate::day_string(crate::now_millis() - (RECENT_DAYS - 1) * 86_400_000)
}

/// A crate's downloads on or after the day bound as `$2`.
const RECENT_DOWNLOADS: &str = "(SELECT COALESCE(SUM(version_downloads.downloads), 0) \
     FROM version_downloads JOIN versions ON versions.id = version_downloads.version_id \
     WHERE versions.crate_id = crates.id AND version_downloads.day >= $2)";

/// A version as the update feeds list it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecentVersion {
    pub crate_name: String,
    pub num: String,
    pub description: Option<String>,
    pub yanked: bool,
    pub created_at: i64,
}

/// How many visible versions a crate has, and whether every one is yanked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct VersionCount {
    pub versions: i64,
    pub yanked: i64,
}

impl VersionCount {
    /// crates.io's `yanked` of a crate: it has versions and all are yanked.
    pub fn all_yanked(self) -> bool {
        self.versions > 0 && self.yanked == self.versions
    }
}

/// Crates that show on listings.
const LISTED: &str = "crates.max_version IS NOT NULL AND crates.held_at IS NULL";

/// Escapes `LIKE` wildcards, for queries that say `ESCAPE '\'`: `_` and `%` in a name match only
/// themselves.
pub(crate) fn like_literal(text: &str) -> String {
    text.replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_")
}

impl Db {
    /// Listed crates, their visible versions, and all downloads ever counted.
    pub async fn registry_totals(&self) -> Result<RegistryTotals, StoreError> {
        // PostgreSQL sums BIGINT into NUMERIC, which the `Any` driver cannot read: cast it back.
        let row = sqlx::query(&format!(
            "SELECT (SELECT COUNT(*) FROM crates WHERE {LISTED}) AS crates, \
             (SELECT COUNT(*) FROM versions JOIN crates ON crates.id = versions.crate_id \
              WHERE NOT versions.held AND crates.held_at IS NULL) AS versions, \
             (SELECT CAST(COALESCE(SUM(downloads), 0) AS BIGINT) FROM crates) AS downloads"
        ))
        .fetch_one(self.pool())
        .await?;
        Ok(RegistryTotals {
            crates: row.try_get("crates")?,
            versions: row.try_get("versions")?,
            downloads: row.try_get("downloads")?,
        })
    }

    /// The first `limit` listed crates in `order`.
    pub async fn browse_crates(
        &self,
        order: BrowseOrder,
        limit: i64,
    ) -> Result<Vec<CrateRecord>, StoreError> {
        let sql = format!(
            "SELECT {CRATE_COLUMNS} FROM crates WHERE {LISTED} ORDER BY {} LIMIT $1",
            order.sql()
        );
        let mut query = sqlx::query(&sql).bind(limit.clamp(1, 100));
        if order == BrowseOrder::RecentlyDownloaded {
            query = query.bind(recent_days_since());
        }
        let rows = query.fetch_all(self.pool()).await?;
        Ok(rows
            .iter()
            .map(crate_from_row)
            .collect::<Result<_, sqlx::Error>>()?)
    }

    /// Downloads on or after `since_day` (`YYYY-MM-DD`) of each of these crates; crates with none
    /// are left out.
    pub async fn recent_downloads(
        &self,
        crate_ids: &[i64],
        since_day: &str,
    ) -> Result<HashMap<i64, i64>, StoreError> {
        let mut totals = HashMap::new();
        for chunk in crate_ids.chunks(100) {
            let placeholders: Vec<String> = (2..chunk.len() + 2).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT versions.crate_id, CAST(SUM(version_downloads.downloads) AS BIGINT) AS n \
                 FROM version_downloads JOIN versions ON versions.id = version_downloads.version_id \
                 WHERE version_downloads.day >= $1 AND versions.crate_id IN ({}) \
                 GROUP BY versions.crate_id",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql).bind(since_day);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(self.pool()).await? {
                totals.insert(row.try_get("crate_id")?, row.try_get("n")?);
            }
        }
        Ok(totals)
    }

    /// The visible versions of each of these crates, counted; crates with none are left out.
    pub async fn version_counts(
        &self,
        crate_ids: &[i64],
    ) -> Result<HashMap<i64, VersionCount>, StoreError> {
        let mut counts = HashMap::new();
        for chunk in crate_ids.chunks(100) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT crate_id, COUNT(*) AS versions, \
                 CAST(SUM(CASE WHEN yanked THEN 1 ELSE 0 END) AS BIGINT) AS yanked \
                 FROM versions WHERE NOT held AND crate_id IN ({}) GROUP BY crate_id",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(self.pool()).await? {
                counts.insert(
                    row.try_get("crate_id")?,
                    VersionCount {
                        versions: row.try_get("versions")?,
                        yanked: row.try_get("yanked")?,
                    },
                );
            }
        }
        Ok(counts)
    }

    /// The newest visible versions of listed crates, newest first; of one crate when
    /// `crate_id` is given.
    pub async fn recent_versions(
        &self,
        crate_id: Option<i64>,
        limit: i64,
    ) -> Result<Vec<RecentVersion>, StoreError> {
        let only = if crate_id.is_some() {
            " AND crates.id = $2"
        } else {
            " AND $2 = $2"
        };
        let rows = sqlx::query(&format!(
            "SELECT crates.name, versions.num, versions.description, versions.yanked, versions.created_at \
             FROM versions JOIN crates ON crates.id = versions.crate_id \
             WHERE NOT versions.held AND {LISTED}{only} \
             ORDER BY versions.created_at DESC, versions.id DESC LIMIT $1"
        ))
        .bind(limit.clamp(1, 100))
        .bind(crate_id.unwrap_or(0))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                Ok(RecentVersion {
                    crate_name: row.try_get("name")?,
                    num: row.try_get("num")?,
                    description: row.try_get("description")?,
                    yanked: crate::flag(row, "yanked")?,
                    created_at: row.try_get("created_at")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// One page of the listed crates with a keyword (`keyword = true`) or in a category, most
    /// downloaded first, and how many there are in all.
    ///
    /// Keywords and categories are stored as a JSON array of strings per crate, and the policy
    /// allows neither quotes nor backslashes in them, so matching the quoted value in that text is
    /// exact. It scans the crates table, which at a registry's size costs a few milliseconds.
    pub async fn crates_tagged(
        &self,
        keyword: bool,
        tag: &str,
        page: i64,
        per_page: i64,
    ) -> Result<(Vec<CrateRecord>, i64), StoreError> {
        if tag.contains(['"', '\\']) {
            return Ok((Vec::new(), 0));
        }
        let column = if keyword { "keywords" } else { "categories" };
        let pattern = format!("%\"{}\"%", like_literal(&tag.to_lowercase()));
        let filter = format!("{LISTED} AND LOWER(crates.{column}) LIKE $1 ESCAPE '\\'");
        let per_page = per_page.clamp(1, 100);
        let offset = (page.max(1) - 1).saturating_mul(per_page);
        let rows = sqlx::query(&format!(
            "SELECT {CRATE_COLUMNS} FROM crates WHERE {filter} \
             ORDER BY crates.downloads DESC, crates.name LIMIT $2 OFFSET $3"
        ))
        .bind(pattern.clone())
        .bind(per_page)
        .bind(offset)
        .fetch_all(self.pool())
        .await?;
        let total: i64 = sqlx::query(&format!("SELECT COUNT(*) AS n FROM crates WHERE {filter}"))
            .bind(pattern)
            .fetch_one(self.pool())
            .await?
            .try_get("n")?;
        let crates = rows
            .iter()
            .map(crate_from_row)
            .collect::<Result<_, sqlx::Error>>()?;
        Ok((crates, total))
    }

    /// The listed crates a user owns in their own name, by name.
    pub async fn crates_owned_by_user(&self, user_id: i64) -> Result<Vec<CrateRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CRATE_COLUMNS} FROM crates JOIN crate_owners ON crate_owners.crate_id = crates.id \
             WHERE crate_owners.user_id = $1 AND {LISTED} ORDER BY crates.canonical_name"
        ))
        .bind(user_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .iter()
            .map(crate_from_row)
            .collect::<Result<_, sqlx::Error>>()?)
    }

    /// The listed crates a team owns, by name.
    pub async fn crates_owned_by_team(&self, team_id: i64) -> Result<Vec<CrateRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {CRATE_COLUMNS} FROM crates \
             JOIN crate_team_owners ON crate_team_owners.crate_id = crates.id \
             WHERE crate_team_owners.team_id = $1 AND {LISTED} ORDER BY crates.canonical_name"
        ))
        .bind(team_id)
        .fetch_all(self.pool())
        .await?;
        Ok(rows
            .iter()
            .map(crate_from_row)
            .collect::<Result<_, sqlx::Error>>()?)
    }

    /// The README text stored with a version, as the tarball carried it.
    pub async fn readme_of(&self, version_id: i64) -> Result<Option<String>, StoreError> {
        let row = sqlx::query("SELECT readme FROM versions WHERE id = $1 AND NOT held")
            .bind(version_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(match row {
            Some(row) => row.try_get("readme")?,
            None => None,
        })
    }

    /// Whether moderators hold the crate as a whole (see `crates.held_at`).
    pub async fn crate_is_held(&self, crate_id: i64) -> Result<bool, StoreError> {
        let row = sqlx::query("SELECT held_at FROM crates WHERE id = $1")
            .bind(crate_id)
            .fetch_optional(self.pool())
            .await?;
        Ok(match row {
            Some(row) => row.try_get::<Option<i64>, _>("held_at")?.is_some(),
            None => false,
        })
    }
}
