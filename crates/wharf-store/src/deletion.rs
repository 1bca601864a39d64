//! Deleting a crate at its owner's request: what the deletion rule needs to know, and the deletion
//! itself, in one transaction so the facts cannot change between the decision and the act.

use crate::audit::{record, Actor};
use crate::crates::{canonical, find_version, login_of, version_changed};
use crate::outbox::{notify, notify_owners, Notification};
use crate::{crate_file_key, Backend, Db, StoreError};
use sqlx::Row;
use wharf_policy::access::{
    may_delete, may_delete_one_version, DeletedCrate as DeletedName, DeletionTraces, Standing,
};

/// What the owner-deletion rule weighs, read inside the deleting transaction.
#[derive(Debug, Clone, Copy)]
pub struct CrateDeletionFacts {
    pub first_published_at: i64,
    pub owner_count: i64,
    pub downloads: i64,
    pub dependents: i64,
}

/// A deletion asked for by (or on behalf of) an owner.
#[derive(Debug, Clone, Copy)]
pub struct DeletionRequest<'a> {
    pub name: &'a str,
    pub caller_id: i64,
    pub now: i64,
    /// Until when the name stays blocked.
    pub blocked_until: i64,
    pub message: Option<&'a str>,
}

/// What a deletion removed, for the caller to clean up outside the database.
#[derive(Debug, Clone)]
pub struct DeletedCrate {
    pub name: String,
    /// Blob keys of the crate's files.
    pub files: Vec<String>,
}

/// `blocked_until` of a name that moderators removed and reserved: never free again.
pub(crate) use wharf_policy::access::RESERVED_FOREVER;

/// What a version deletion removed: the crate's index file must be rewritten and the file removed.
#[derive(Debug, Clone)]
pub struct DeletedVersion {
    pub crate_id: i64,
    pub name: String,
    pub file: String,
}

/// Checks that the caller is a user owner (team owners may not delete) and returns how many user
/// owners the crate has, which the rule weighs.
async fn owners_deciding(
    conn: &mut sqlx::AnyConnection,
    crate_id: i64,
    crate_name: &str,
    caller_id: i64,
) -> Result<i64, StoreError> {
    require_user_owner(conn, crate_id, crate_name, caller_id).await?;
    user_owner_count(conn, crate_id).await
}

/// Refuses a caller who is not one of the crate's user owners (the policy's `may_delete`).
async fn require_user_owner(
    conn: &mut sqlx::AnyConnection,
    crate_id: i64,
    crate_name: &str,
    caller_id: i64,
) -> Result<(), StoreError> {
    let owner =
        sqlx::query("SELECT 1 AS one FROM crate_owners WHERE crate_id = $1 AND user_id = $2")
            .bind(crate_id)
            .bind(caller_id)
            .fetch_optional(&mut *conn)
            .await?;
    // Team members never delete, so whether the caller is one does not matter here.
    let standing = Standing::of(owner.is_some(), false);
    Ok(may_delete(standing, crate_name)?)
}

/// How many users own a crate. Teams do not count: they cannot delete, and the rule asks how many
/// people would lose the crate.
async fn user_owner_count(
    conn: &mut sqlx::AnyConnection,
    crate_id: i64,
) -> Result<i64, StoreError> {
    Ok(
        sqlx::query("SELECT COUNT(*) AS n FROM crate_owners WHERE crate_id = $1")
            .bind(crate_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("n")?,
    )
}

/// The id of the crate `name` names, or that it does not exist.
async fn crate_id_of(conn: &mut sqlx::AnyConnection, name: &str) -> Result<i64, StoreError> {
    sqlx::query("SELECT id FROM crates WHERE canonical_name = $1")
        .bind(canonical(name))
        .fetch_optional(&mut *conn)
        .await?
        .ok_or_else(|| StoreError::NotFound(format!("crate `{name}` does not exist")))?
        .try_get("id")
        .map_err(StoreError::from)
}

/// A crate as a deletion finds it: its id and stored name, and the facts the rule weighs. The
/// deletion reads these inside its own transaction; the settings page reads them to say beforehand
/// whether the owner may delete, so both answers come from this one query.
async fn crate_facts(
    conn: &mut sqlx::AnyConnection,
    name: &str,
) -> Result<(i64, String, CrateDeletionFacts), StoreError> {
    let row =
        sqlx::query("SELECT id, name, created_at, downloads FROM crates WHERE canonical_name = $1")
            .bind(canonical(name))
            .fetch_optional(&mut *conn)
            .await?
            .ok_or_else(|| StoreError::NotFound(format!("crate `{name}` does not exist")))?;
    let crate_id: i64 = row.try_get("id")?;
    let crate_name: String = row.try_get("name")?;
    let dependents: i64 = sqlx::query(
        "SELECT COUNT(DISTINCT versions.crate_id) AS n FROM dependencies \
         JOIN versions ON versions.id = dependencies.version_id \
         WHERE dependencies.crate_canonical = $1 AND dependencies.registry IS NULL \
         AND versions.crate_id <> $2",
    )
    .bind(canonical(&crate_name))
    .bind(crate_id)
    .fetch_one(&mut *conn)
    .await?
    .try_get("n")?;
    let facts = CrateDeletionFacts {
        first_published_at: row.try_get("created_at")?,
        owner_count: user_owner_count(conn, crate_id).await?,
        downloads: row.try_get("downloads")?,
        dependents,
    };
    Ok((crate_id, crate_name, facts))
}

/// How many other crates have a version whose dependency on this crate accepts `version` (yanked
/// ones included: their users still resolve them from lock files).
async fn dependents_of_version(
    conn: &mut sqlx::AnyConnection,
    crate_id: i64,
    crate_name: &str,
    version: &str,
) -> Result<i64, StoreError> {
    let Ok(version) = semver::Version::parse(version) else {
        return Ok(0);
    };
    let rows = sqlx::query(
        "SELECT DISTINCT versions.crate_id, dependencies.req FROM dependencies \
         JOIN versions ON versions.id = dependencies.version_id \
         WHERE dependencies.crate_canonical = $1 AND dependencies.registry IS NULL \
         AND versions.crate_id <> $2",
    )
    .bind(canonical(crate_name))
    .bind(crate_id)
    .fetch_all(&mut *conn)
    .await?;
    let mut dependents = std::collections::BTreeSet::new();
    for row in &rows {
        let req: String = row.try_get("req")?;
        // A requirement the registry cannot parse cannot be resolved by cargo either.
        if semver::VersionReq::parse(&req).is_ok_and(|req| req.matches(&version)) {
            dependents.insert(row.try_get::<i64, _>("crate_id")?);
        }
    }
    Ok(dependents.len() as i64)
}

/// Who deleted something, when, why, and the downloads it had, for the record.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Deleted<'a> {
    pub at: i64,
    pub by: Option<i64>,
    pub message: Option<&'a str>,
    pub downloads: i64,
}

/// Removes every row of a crate, keeping a `deleted_crates` record that blocks the name until
/// `blocked_until` and its version numbers forever. Returns the version numbers.
/// Which open reports an owner's deletion leaves without a subject.
enum ReportsAbout<'a> {
    /// Every report on the crate or one of its versions.
    Crate(i64),
    /// Reports on one version, by their target (`crate:NAME@VERSION`).
    Version(&'a str),
}

/// Closes the open reports on what the owners just deleted, as `gone`, and tells the reporters:
/// there is nothing left for a moderator to act on, and an open report whose subject no longer
/// exists would sit in the queue unresolvable.
async fn close_reports_on_deleted(
    conn: &mut sqlx::AnyConnection,
    about: ReportsAbout<'_>,
    now: i64,
) -> Result<(), StoreError> {
    let open = match about {
        ReportsAbout::Crate(crate_id) => sqlx::query(
            "SELECT id, reporter_id, target FROM reports WHERE crate_id = $1 AND status = 'open'",
        )
        .bind(crate_id),
        ReportsAbout::Version(target) => sqlx::query(
            "SELECT id, reporter_id, target FROM reports WHERE target = $1 AND status = 'open'",
        )
        .bind(target.to_string()),
    }
    .fetch_all(&mut *conn)
    .await?;
    for row in &open {
        let report_id: i64 = row.try_get("id")?;
        sqlx::query(
            "UPDATE reports SET status = 'gone', resolved_at = $1, resolution = $2, updated_at = $1 \
             WHERE id = $3",
        )
        .bind(now)
        .bind("the owners deleted it")
        .bind(report_id)
        .execute(&mut *conn)
        .await?;
        notify(
            conn,
            row.try_get("reporter_id")?,
            &Notification::ReportResolved {
                report_id,
                target: row.try_get("target")?,
                outcome: "gone".into(),
            },
        )
        .await?;
    }
    Ok(())
}

pub(crate) async fn remove_crate_rows(
    conn: &mut sqlx::AnyConnection,
    crate_id: i64,
    crate_name: &str,
    deleted: Deleted<'_>,
    blocked_until: i64,
) -> Result<Vec<String>, StoreError> {
    let versions: Vec<String> =
        sqlx::query("SELECT num FROM versions WHERE crate_id = $1 ORDER BY id")
            .bind(crate_id)
            .fetch_all(&mut *conn)
            .await?
            .iter()
            .map(|r| r.try_get("num"))
            .collect::<Result<_, _>>()?;
    sqlx::query(
        "INSERT INTO deleted_crates (name, canonical_name, deleted_at, deleted_by, message, blocked_until, versions, downloads) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(crate_name)
    .bind(canonical(crate_name))
    .bind(deleted.at)
    .bind(deleted.by)
    .bind(deleted.message.map(str::to_string))
    .bind(blocked_until)
    .bind(serde_json::to_string(&versions).expect("strings serialise"))
    .bind(deleted.downloads)
    .execute(&mut *conn)
    .await?;
    for sql in [
        "DELETE FROM version_findings WHERE version_id IN (SELECT id FROM versions WHERE crate_id = $1)",
        "DELETE FROM detonations WHERE version_id IN (SELECT id FROM versions WHERE crate_id = $1)",
        "DELETE FROM dependencies WHERE version_id IN (SELECT id FROM versions WHERE crate_id = $1)",
        "DELETE FROM version_downloads WHERE version_id IN (SELECT id FROM versions WHERE crate_id = $1)",
        "DELETE FROM versions WHERE crate_id = $1",
        "DELETE FROM crate_owners WHERE crate_id = $1",
        "DELETE FROM crate_owner_invitations WHERE crate_id = $1",
        "DELETE FROM crate_team_owners WHERE crate_id = $1",
        "DELETE FROM notices WHERE crate_id = $1",
        "DELETE FROM crate_keywords WHERE crate_id = $1",
        "DELETE FROM crate_categories WHERE crate_id = $1",
        "DELETE FROM trusted_publishing_grants WHERE crate_id = $1",
        "DELETE FROM trusted_publishing_configs WHERE crate_id = $1",
        "DELETE FROM crates WHERE id = $1",
    ] {
        sqlx::query(sql).bind(crate_id).execute(&mut *conn).await?;
    }
    Ok(versions)
}

/// Removes one version's rows, keeping a `deleted_versions` record so the number is never reused.
/// The caller recomputes the crate's newest version and index.
pub(crate) async fn remove_version_rows(
    conn: &mut sqlx::AnyConnection,
    crate_name: &str,
    version_id: i64,
    version: &str,
    deleted: Deleted<'_>,
) -> Result<(), StoreError> {
    sqlx::query(
        "INSERT INTO deleted_versions (name, canonical_name, num, deleted_at, deleted_by, message, downloads) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(crate_name)
    .bind(canonical(crate_name))
    .bind(version)
    .bind(deleted.at)
    .bind(deleted.by)
    .bind(deleted.message.map(str::to_string))
    .bind(deleted.downloads)
    .execute(&mut *conn)
    .await?;
    for sql in [
        "DELETE FROM version_findings WHERE version_id = $1",
        "DELETE FROM detonations WHERE version_id = $1",
        "DELETE FROM dependencies WHERE version_id = $1",
        "DELETE FROM version_downloads WHERE version_id = $1",
        "DELETE FROM versions WHERE id = $1",
    ] {
        sqlx::query(sql)
            .bind(version_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

impl Db {
    /// Deletes a crate if `decide` allows it on the facts read in the same transaction. The caller
    /// must own it. The name stays blocked until `blocked_until`; its version numbers are kept so
    /// they are never published again under that name.
    pub async fn delete_crate(
        &self,
        request: DeletionRequest<'_>,
        decide: impl Fn(&CrateDeletionFacts) -> Result<(), String>,
        actor: &Actor,
    ) -> Result<DeletedCrate, StoreError> {
        // Everything it does is in one transaction, so one that PostgreSQL aborts (a deadlock
        // with the download-count flush, which locks the same rows in another order) runs again.
        self.retrying("deleting a crate", || {
            self.delete_crate_once(request, &decide, actor)
        })
        .await
    }

    async fn delete_crate_once(
        &self,
        request: DeletionRequest<'_>,
        decide: &impl Fn(&CrateDeletionFacts) -> Result<(), String>,
        actor: &Actor,
    ) -> Result<DeletedCrate, StoreError> {
        let DeletionRequest {
            name,
            caller_id,
            now,
            blocked_until,
            message,
        } = request;
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        // The versions locked first, then the facts the rule weighs read under the lock (a
        // flush that committed meanwhile is counted); a crate another deletion removed while
        // this one waited is gone.
        let crate_id = crate_id_of(conn, name).await?;
        if self
            .lock_versions(conn, "crate_id", crate_id)
            .await?
            .is_some_and(|locked| locked.is_empty())
        {
            return Err(StoreError::NotFound(format!(
                "crate `{name}` does not exist"
            )));
        }
        let (crate_id, crate_name, facts) = crate_facts(conn, name).await?;
        require_user_owner(conn, crate_id, &crate_name, caller_id).await?;
        decide(&facts).map_err(|reason| {
            StoreError::Refused(format!("`{crate_name}` cannot be deleted: {reason}"))
        })?;

        let by = login_of(conn, caller_id).await?;
        notify_owners(
            conn,
            crate_id,
            &Notification::CrateDeleted {
                crate_name: crate_name.clone(),
                version: None,
                by,
            },
        )
        .await?;
        let deleted = Deleted {
            at: now,
            by: Some(caller_id),
            message,
            downloads: facts.downloads,
        };
        let versions =
            remove_crate_rows(conn, crate_id, &crate_name, deleted, blocked_until).await?;
        close_reports_on_deleted(conn, ReportsAbout::Crate(crate_id), now).await?;
        record(
            conn,
            actor,
            "crate.delete",
            &format!("crate:{crate_name}"),
            serde_json::json!({ "versions": versions, "message": message, "downloads": facts.downloads }),
        )
        .await?;
        wtx.commit().await?;
        Ok(DeletedCrate {
            files: versions
                .iter()
                .map(|v| crate_file_key(&crate_name, v))
                .collect(),
            name: crate_name,
        })
    }

    /// Locks the rows of the versions a deletion may touch (those whose `column` is `value`), in
    /// id order, on PostgreSQL, and returns their ids; on SQLite, whose single writer needs no row
    /// locks, returns `None`. The download-count flush updates a version's row before adding its
    /// day rows: one that got there first has committed its day rows before the deletion removes
    /// them, and one that comes later finds the version gone. Without the lock a flush could add a
    /// day row under a version being deleted, and the deletion fail on its foreign key.
    async fn lock_versions(
        &self,
        conn: &mut sqlx::AnyConnection,
        column: &'static str,
        value: i64,
    ) -> Result<Option<Vec<i64>>, StoreError> {
        if self.backend() != Backend::Postgres {
            return Ok(None);
        }
        let rows = sqlx::query(&format!(
            "SELECT id FROM versions WHERE {column} = $1 ORDER BY id FOR UPDATE"
        ))
        .bind(value)
        .fetch_all(&mut *conn)
        .await?;
        let ids = rows
            .iter()
            .map(|row| row.try_get("id"))
            .collect::<Result<_, _>>()?;
        Ok(Some(ids))
    }

    /// What the owner-deletion rule would weigh if the crate were deleted now, read without
    /// deleting anything: for showing an owner beforehand whether they may delete it and, if not,
    /// why. The deletion itself reads the facts again inside its transaction and decides on those.
    /// Returns the crate's name as it was published.
    pub async fn crate_deletion_facts(
        &self,
        name: &str,
    ) -> Result<(String, CrateDeletionFacts), StoreError> {
        let mut conn = self.pool().acquire().await?;
        let (_, crate_name, facts) = crate_facts(&mut conn, name).await?;
        Ok((crate_name, facts))
    }

    /// Deletes one version if `decide` allows it on that version's facts: its own publication time
    /// and downloads, the crate's owners, and the other crates whose requirements it satisfies. The
    /// number is never accepted again for that name. A crate's only version is deleted by deleting
    /// the crate.
    pub async fn delete_version(
        &self,
        request: DeletionRequest<'_>,
        version: &str,
        decide: impl Fn(&CrateDeletionFacts) -> Result<(), String>,
        actor: &Actor,
    ) -> Result<DeletedVersion, StoreError> {
        // One transaction, run again when PostgreSQL aborts it (see `delete_crate`).
        self.retrying("deleting a version", || {
            self.delete_version_once(request, version, &decide, actor)
        })
        .await
    }

    async fn delete_version_once(
        &self,
        request: DeletionRequest<'_>,
        version: &str,
        decide: &impl Fn(&CrateDeletionFacts) -> Result<(), String>,
        actor: &Actor,
    ) -> Result<DeletedVersion, StoreError> {
        let DeletionRequest {
            name,
            caller_id,
            now,
            message,
            ..
        } = request;
        let mut wtx = self.begin_write().await?;
        let conn = &mut *wtx.tx;
        let found = find_version(conn, name, version).await?;
        let (crate_id, crate_name, version_id) =
            (found.crate_id, found.crate_name, found.version_id);
        // All the crate's versions locked before anything is counted: two deletions of its
        // last two versions cannot both see two, and one of this version that another deletion
        // removed while this one waited finds it gone.
        if self
            .lock_versions(conn, "crate_id", crate_id)
            .await?
            .is_some_and(|locked| !locked.contains(&version_id))
        {
            return Err(StoreError::NotFound(format!(
                "crate `{crate_name}` has no version `{version}`"
            )));
        }
        let owner_count = owners_deciding(conn, crate_id, &crate_name, caller_id).await?;
        let versions: i64 = sqlx::query("SELECT COUNT(*) AS n FROM versions WHERE crate_id = $1")
            .bind(crate_id)
            .fetch_one(&mut *conn)
            .await?
            .try_get("n")?;
        may_delete_one_version(versions, version, &crate_name)?;
        let row = sqlx::query("SELECT created_at, downloads FROM versions WHERE id = $1")
            .bind(version_id)
            .fetch_one(&mut *conn)
            .await?;
        let facts = CrateDeletionFacts {
            first_published_at: row.try_get("created_at")?,
            owner_count,
            downloads: row.try_get("downloads")?,
            dependents: dependents_of_version(conn, crate_id, &crate_name, version).await?,
        };
        decide(&facts).map_err(|reason| {
            StoreError::Refused(format!(
                "version `{version}` of `{crate_name}` cannot be deleted: {reason}"
            ))
        })?;
        let deleted = Deleted {
            at: now,
            by: Some(caller_id),
            message,
            downloads: facts.downloads,
        };
        remove_version_rows(conn, &crate_name, version_id, version, deleted).await?;
        close_reports_on_deleted(
            conn,
            ReportsAbout::Version(&format!("crate:{crate_name}@{version}")),
            now,
        )
        .await?;
        version_changed(
            conn,
            crate_id,
            actor,
            "version.delete",
            &crate_name,
            serde_json::json!({ "version": version, "message": message, "downloads": facts.downloads }),
        )
        .await?;
        wtx.commit().await?;
        Ok(DeletedVersion {
            crate_id,
            file: crate_file_key(&crate_name, version),
            name: crate_name,
        })
    }

    /// Names of deleted crates that no crate holds now: their index files must not exist.
    pub async fn deleted_names_without_crate(&self) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT DISTINCT name FROM deleted_crates WHERE canonical_name NOT IN (SELECT canonical_name FROM crates)",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| r.try_get("name").map_err(StoreError::from))
            .collect()
    }

    /// What deletions left behind for this name: the publish rule
    /// (`wharf_policy::access::deletion_block`) decides whether they block it.
    pub(crate) async fn deletion_traces(
        conn: &mut sqlx::AnyConnection,
        name: &str,
    ) -> Result<DeletionTraces, StoreError> {
        let rows = sqlx::query(
            "SELECT name, blocked_until, versions FROM deleted_crates WHERE canonical_name = $1",
        )
        .bind(canonical(name))
        .fetch_all(&mut *conn)
        .await?;
        let deleted_versions =
            sqlx::query("SELECT name, num FROM deleted_versions WHERE canonical_name = $1")
                .bind(canonical(name))
                .fetch_all(&mut *conn)
                .await?
                .iter()
                .map(|row| Ok((row.try_get("name")?, row.try_get("num")?)))
                .collect::<Result<Vec<_>, sqlx::Error>>()?;
        let mut deleted_crates = Vec::with_capacity(rows.len());
        for row in &rows {
            let versions: String = row.try_get("versions")?;
            deleted_crates.push(DeletedName {
                name: row.try_get("name")?,
                blocked_until: row.try_get("blocked_until")?,
                versions: serde_json::from_str(&versions).unwrap_or_default(),
            });
        }
        Ok(DeletionTraces {
            deleted_crates,
            deleted_versions,
        })
    }
}
