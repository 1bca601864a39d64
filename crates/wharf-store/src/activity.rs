//! Read models over the registry's history: download counts by day, and which crates depend on a
//! crate. Both feed the owner-deletion rule and crates.io's API.

use crate::{Db, StoreError};
use sqlx::Row;

/// Downloads of one version on one UTC day.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DayDownloads {
    pub version_id: i64,
    pub day: String,
    pub downloads: i64,
}

/// A crate that depends on another: the newest of its versions that does, and the requirement.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ReverseDependency {
    pub crate_name: String,
    /// All downloads of the depending crate.
    pub crate_downloads: i64,
    pub version_id: i64,
    pub version: String,
    /// The dependency's row.
    pub dependency_id: i64,
    pub req: String,
    pub kind: String,
    pub optional: bool,
    pub default_features: bool,
    pub features: Vec<String>,
    pub target: Option<String>,
    pub yanked: bool,
}

impl Db {
    /// Per-version, per-day downloads of a crate since `since_day` (`YYYY-MM-DD`), oldest first.
    pub async fn crate_downloads(
        &self,
        crate_id: i64,
        since_day: &str,
    ) -> Result<Vec<DayDownloads>, StoreError> {
        let rows = sqlx::query(
            "SELECT version_downloads.version_id, version_downloads.day, version_downloads.downloads \
             FROM version_downloads JOIN versions ON versions.id = version_downloads.version_id \
             WHERE versions.crate_id = $1 AND version_downloads.day >= $2 \
             ORDER BY version_downloads.day, version_downloads.version_id",
        )
        .bind(crate_id)
        .bind(since_day)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DayDownloads {
                    version_id: r.try_get("version_id")?,
                    day: r.try_get("day")?,
                    downloads: r.try_get("downloads")?,
                })
            })
            .collect::<Result<_, sqlx::Error>>()
            .map_err(StoreError::from)
    }

    /// Other crates of this registry that depend on the crate, through any of their versions,
    /// yanked ones included (a yanked version still builds for whoever locked it). A crate's
    /// dependency on itself does not count.
    pub async fn reverse_dependencies(
        &self,
        crate_name: &str,
    ) -> Result<Vec<ReverseDependency>, StoreError> {
        let canonical = crate::crates::canonical(crate_name);
        let rows = sqlx::query(
            "SELECT crates.name, crates.downloads, versions.id AS version_id, versions.num, versions.yanked, \
             dependencies.id AS dependency_id, dependencies.req, dependencies.kind, dependencies.optional, \
             dependencies.default_features, dependencies.features, dependencies.target \
             FROM dependencies JOIN versions ON versions.id = dependencies.version_id \
             JOIN crates ON crates.id = versions.crate_id \
             WHERE dependencies.crate_canonical = $1 AND dependencies.registry IS NULL \
             AND crates.canonical_name <> $1 AND NOT versions.held \
             ORDER BY crates.name, versions.id DESC",
        )
        .bind(canonical)
        .fetch_all(self.pool())
        .await?;
        let mut out: Vec<ReverseDependency> = Vec::new();
        for row in &rows {
            let name: String = row.try_get("name")?;
            if out.last().is_some_and(|last| last.crate_name == name) {
                continue;
            }
            let features: String = row.try_get("features")?;
            out.push(ReverseDependency {
                crate_name: name,
                crate_downloads: row.try_get("downloads")?,
                version_id: row.try_get("version_id")?,
                version: row.try_get("num")?,
                dependency_id: row.try_get("dependency_id")?,
                req: row.try_get("req")?,
                kind: row.try_get("kind")?,
                optional: crate::flag(row, "optional")?,
                default_features: crate::flag(row, "default_features")?,
                features: serde_json::from_str(&features).unwrap_or_default(),
                target: row.try_get("target")?,
                yanked: crate::flag(row, "yanked")?,
            });
        }
        Ok(out)
    }
}
