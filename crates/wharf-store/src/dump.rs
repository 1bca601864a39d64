//! The registry's public data in one consistent read, for the database dump (`wharf-dump` writes it
//! in crates.io's layout).
//!
//! Only what the registry already shows to anyone is read: listed crates (not held, with a visible
//! version), their visible versions and dependencies on listed crates, keywords, categories,
//! owners, the accounts that own or published something (login, display name, creation date),
//! teams, daily downloads and reserved names. Never e-mail addresses, tokens, sessions, passwords,
//! reports, moderation records or the audit log.

use crate::tags::{CategoryRecord, KeywordRecord};
use crate::{Backend, Db, StoreError};
use sqlx::Row;

/// Crates that show on listings.
const LISTED: &str = "crates.max_version IS NOT NULL AND crates.held_at IS NULL";

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpCrate {
    pub id: i64,
    pub name: String,
    pub description: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    pub repository: Option<String>,
    pub downloads: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpVersion {
    pub id: i64,
    pub crate_id: i64,
    pub num: String,
    /// The features as JSON, as stored.
    pub features: String,
    pub yanked: bool,
    pub license: Option<String>,
    pub crate_size: i64,
    pub published_by: Option<i64>,
    /// SHA-256 of the `.crate` file, in hex.
    pub cksum: String,
    pub links: Option<String>,
    pub rust_version: Option<String>,
    pub edition: Option<String>,
    pub has_lib: Option<bool>,
    /// The program names as JSON, as stored; `None` when not recorded.
    pub bin_names: Option<String>,
    pub description: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    pub repository: Option<String>,
    pub downloads: i64,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A dependency of a dumped version on a listed crate of this registry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpDependency {
    pub id: i64,
    pub version_id: i64,
    /// The crate depended on.
    pub crate_id: i64,
    pub req: String,
    pub optional: bool,
    pub default_features: bool,
    /// The features as JSON, as stored.
    pub features: String,
    pub target: Option<String>,
    /// `normal`, `build` or `dev`.
    pub kind: String,
    /// The name in the depending manifest, when it renames the crate.
    pub explicit_name: Option<String>,
}

/// An account that owns a listed crate or published a dumped version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpUser {
    pub id: i64,
    pub login: String,
    pub name: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpTeam {
    pub id: i64,
    pub name: String,
}

/// An owner of a listed crate: a user (`team = false`) or a team.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpOwner {
    pub crate_id: i64,
    pub owner_id: i64,
    pub team: bool,
    pub created_at: i64,
    pub created_by: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DumpDownloads {
    pub version_id: i64,
    /// `YYYY-MM-DD`.
    pub day: String,
    pub downloads: i64,
}

/// Everything the dump holds, read at one moment.
#[derive(Debug, Clone, Default)]
pub struct DumpSnapshot {
    pub crates: Vec<DumpCrate>,
    pub versions: Vec<DumpVersion>,
    pub dependencies: Vec<DumpDependency>,
    pub keywords: Vec<KeywordRecord>,
    /// Crate id and keyword.
    pub crate_keywords: Vec<(i64, String)>,
    pub categories: Vec<CategoryRecord>,
    /// Crate id and category slug.
    pub crate_categories: Vec<(i64, String)>,
    pub users: Vec<DumpUser>,
    pub teams: Vec<DumpTeam>,
    pub owners: Vec<DumpOwner>,
    pub downloads: Vec<DumpDownloads>,
    pub reserved_names: Vec<String>,
}

impl Db {
    /// Reads the registry's public data in one read transaction (a snapshot on both databases), so
    /// every row refers only to rows of the same dump.
    pub async fn dump_snapshot(&self) -> Result<DumpSnapshot, StoreError> {
        let mut tx = self.pool().begin().await?;
        if self.backend() == Backend::Postgres {
            sqlx::query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
                .execute(&mut *tx)
                .await?;
        }
        let conn = &mut *tx;
        let mut dump = DumpSnapshot::default();

        for row in sqlx::query(&format!(
            "SELECT id, name, description, homepage, documentation, repository, downloads, created_at, \
             updated_at FROM crates WHERE {LISTED} ORDER BY id"
        ))
        .fetch_all(&mut *conn)
        .await?
        {
            dump.crates.push(DumpCrate {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
                description: row.try_get("description")?,
                homepage: row.try_get("homepage")?,
                documentation: row.try_get("documentation")?,
                repository: row.try_get("repository")?,
                downloads: row.try_get("downloads")?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
            });
        }

        let dumped_versions = format!(
            "SELECT versions.id FROM versions JOIN crates ON crates.id = versions.crate_id \
             WHERE NOT versions.held AND {LISTED}"
        );
        for row in sqlx::query(&format!(
            "SELECT id, crate_id, num, features, yanked, license, crate_size, published_by, cksum, links, \
             rust_version, edition, has_lib, bin_names, description, homepage, documentation, repository, \
             downloads, created_at, updated_at FROM versions WHERE id IN ({dumped_versions}) ORDER BY id"
        ))
        .fetch_all(&mut *conn)
        .await?
        {
            dump.versions.push(DumpVersion {
                id: row.try_get("id")?,
                crate_id: row.try_get("crate_id")?,
                num: row.try_get("num")?,
                features: row.try_get("features")?,
                yanked: crate::flag(&row, "yanked")?,
                license: row.try_get("license")?,
                crate_size: row.try_get("crate_size")?,
                published_by: row.try_get("published_by")?,
                cksum: row.try_get("cksum")?,
                links: row.try_get("links")?,
                rust_version: row.try_get("rust_version")?,
                edition: row.try_get("edition")?,
                has_lib: crate::optional_flag(&row, "has_lib")?,
                bin_names: row.try_get("bin_names")?,
                description: row.try_get("description")?,
                homepage: row.try_get("homepage")?,
                documentation: row.try_get("documentation")?,
                repository: row.try_get("repository")?,
                downloads: row.try_get("downloads")?,
                created_at: row.try_get("created_at")?,
                updated_at: row.try_get("updated_at")?,
            });
        }

        // Dependencies on this registry's listed crates; those on other registries (crates.io,
        // say) have no crate here to point at.
        for row in sqlx::query(&format!(
            "SELECT dependencies.id, dependencies.version_id, crates.id AS target_id, dependencies.req, \
             dependencies.optional, dependencies.default_features, dependencies.features, \
             dependencies.target, dependencies.kind, dependencies.name, dependencies.package \
             FROM dependencies JOIN crates ON crates.canonical_name = dependencies.crate_canonical \
             WHERE dependencies.registry IS NULL AND {LISTED} \
             AND dependencies.version_id IN ({dumped_versions}) ORDER BY dependencies.id"
        ))
        .fetch_all(&mut *conn)
        .await?
        {
            let package: Option<String> = row.try_get("package")?;
            let name: String = row.try_get("name")?;
            dump.dependencies.push(DumpDependency {
                id: row.try_get("id")?,
                version_id: row.try_get("version_id")?,
                crate_id: row.try_get("target_id")?,
                req: row.try_get("req")?,
                optional: crate::flag(&row, "optional")?,
                default_features: crate::flag(&row, "default_features")?,
                features: row.try_get("features")?,
                target: row.try_get("target")?,
                kind: row.try_get("kind")?,
                explicit_name: package.is_some().then_some(name),
            });
        }

        dump.keywords = crate::tags::all_keywords(&mut *conn).await?;
        for row in sqlx::query(&format!(
            "SELECT crate_keywords.crate_id, crate_keywords.keyword FROM crate_keywords \
             JOIN crates ON crates.id = crate_keywords.crate_id WHERE {LISTED} \
             ORDER BY crate_keywords.crate_id, crate_keywords.keyword"
        ))
        .fetch_all(&mut *conn)
        .await?
        {
            dump.crate_keywords
                .push((row.try_get("crate_id")?, row.try_get("keyword")?));
        }
        dump.categories = crate::tags::all_categories(&mut *conn).await?;
        for row in sqlx::query(&format!(
            "SELECT crate_categories.crate_id, crate_categories.slug FROM crate_categories \
             JOIN crates ON crates.id = crate_categories.crate_id \
             JOIN categories ON categories.slug = crate_categories.slug WHERE {LISTED} \
             ORDER BY crate_categories.crate_id, crate_categories.slug"
        ))
        .fetch_all(&mut *conn)
        .await?
        {
            dump.crate_categories
                .push((row.try_get("crate_id")?, row.try_get("slug")?));
        }

        // User owners, then team owners: the same columns in two tables.
        for (table, owner, team) in [
            ("crate_owners", "user_id", false),
            ("crate_team_owners", "team_id", true),
        ] {
            for row in sqlx::query(&format!(
                "SELECT {table}.crate_id, {table}.{owner} AS owner_id, {table}.created_at, \
                 {table}.created_by FROM {table} JOIN crates ON crates.id = {table}.crate_id \
                 WHERE {LISTED} ORDER BY {table}.crate_id, {table}.{owner}"
            ))
            .fetch_all(&mut *conn)
            .await?
            {
                dump.owners.push(DumpOwner {
                    crate_id: row.try_get("crate_id")?,
                    owner_id: row.try_get("owner_id")?,
                    team,
                    created_at: row.try_get("created_at")?,
                    created_by: row.try_get("created_by")?,
                });
            }
        }

        // The accounts the dump refers to: owners, publishers, and who added an owner.
        let mut user_ids: Vec<i64> = dump
            .owners
            .iter()
            .filter(|o| !o.team)
            .map(|o| o.owner_id)
            .chain(dump.owners.iter().filter_map(|o| o.created_by))
            .chain(dump.versions.iter().filter_map(|v| v.published_by))
            .collect();
        user_ids.sort_unstable();
        user_ids.dedup();
        for chunk in user_ids.chunks(100) {
            let placeholders: Vec<String> = (1..=chunk.len()).map(|i| format!("${i}")).collect();
            let sql = format!(
                "SELECT id, login, name, created_at FROM users WHERE id IN ({}) ORDER BY id",
                placeholders.join(", ")
            );
            let mut query = sqlx::query(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            for row in query.fetch_all(&mut *conn).await? {
                dump.users.push(DumpUser {
                    id: row.try_get("id")?,
                    login: row.try_get("login")?,
                    name: row.try_get("name")?,
                    created_at: row.try_get("created_at")?,
                });
            }
        }
        let mut team_ids: Vec<i64> = dump
            .owners
            .iter()
            .filter(|o| o.team)
            .map(|o| o.owner_id)
            .collect();
        team_ids.sort_unstable();
        team_ids.dedup();
        for team_id in team_ids {
            let row = sqlx::query("SELECT id, name FROM teams WHERE id = $1")
                .bind(team_id)
                .fetch_one(&mut *conn)
                .await?;
            dump.teams.push(DumpTeam {
                id: row.try_get("id")?,
                name: row.try_get("name")?,
            });
        }

        for row in sqlx::query(&format!(
            "SELECT version_id, day, downloads FROM version_downloads \
             WHERE version_id IN ({dumped_versions}) ORDER BY day, version_id"
        ))
        .fetch_all(&mut *conn)
        .await?
        {
            dump.downloads.push(DumpDownloads {
                version_id: row.try_get("version_id")?,
                day: row.try_get("day")?,
                downloads: row.try_get("downloads")?,
            });
        }
        for row in sqlx::query("SELECT name FROM reserved_names ORDER BY name")
            .fetch_all(&mut *conn)
            .await?
        {
            dump.reserved_names.push(row.try_get("name")?);
        }
        tx.commit().await?;
        Ok(dump)
    }
}
