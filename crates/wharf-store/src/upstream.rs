//! What this registry keeps of the upstream registry it proxies (`upstream` in the configuration):
//! the upstream's index files as last fetched, the verdict on every upstream version fetched and
//! scanned, and the operators' block and allow rules. The `.crate` files fetched live in the blob
//! store under `upstream/` ([`upstream_crate_key`]), apart from this registry's own.

use crate::{now_millis, Actor, Db, StoreError};
use serde::Serialize;
use sqlx::any::AnyRow;
use sqlx::Row;
use std::collections::BTreeSet;
use wharf_policy::names::canonical_name;
use wharf_policy::upstream::OperatorRule;
use wharf_policy::{Finding, Verdict};

/// Where an upstream version's `.crate` file lives in the blob store: beside this registry's own
/// files but never among them, so neither can be taken for the other, and the sweep of `crates/`
/// for leftovers never sees them. The checksum is part of the key, so a file fetched under
/// another checksum (an upstream that changed it, a request that lost a race) never replaces the
/// one a record names.
pub fn upstream_crate_key(name: &str, version: &str, checksum: &str) -> String {
    format!(
        "upstream/{name}/{name}-{version}-{}.crate",
        checksum.to_ascii_lowercase()
    )
}

/// Why a name is this registry's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LocalClaim {
    /// A crate of that name is here.
    Crate,
    /// A crate of that name was here and was deleted.
    Deleted,
}

/// An upstream index file as last fetched.
#[derive(Debug, Clone, PartialEq)]
pub struct UpstreamIndexRecord {
    /// The name as the upstream spells it (as asked for until the file says otherwise).
    pub name: String,
    /// The file, or `None` when the upstream has no such crate.
    pub body: Option<String>,
    /// The upstream's entity tag, sent back to make the next fetch conditional.
    pub etag: Option<String>,
    pub fetched_at: i64,
    /// The verdict on the name, from its first fetch.
    pub name_verdict: Verdict,
    pub name_findings: Vec<Finding>,
}

/// An upstream version this registry fetched and scanned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UpstreamVersionRecord {
    pub name: String,
    pub version: String,
    /// The sha256 of the `.crate`, as the upstream's index line gives it.
    pub checksum: String,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    pub crate_size: i64,
    pub scanned_at: i64,
    /// Downloads served by this registry.
    pub downloads: i64,
}

/// An operator's rule on an upstream name (`version` `None`: every version) or one version.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpstreamRule {
    /// The canonical name.
    pub name: String,
    pub version: Option<String>,
    pub rule: OperatorRule,
    pub reason: String,
    pub set_at: i64,
}

/// Something from the upstream this registry does not serve because its policy withheld it, for
/// moderators: a name (`version` `None`) or a version, with the findings behind the verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct UpstreamWithheld {
    pub name: String,
    pub version: Option<String>,
    pub verdict: Verdict,
    pub findings: Vec<Finding>,
    pub at: i64,
}

/// A stored value this code cannot read back.
fn corrupt(message: String) -> StoreError {
    StoreError::Database(sqlx::Error::Decode(message.into()))
}

fn parse_verdict(text: &str) -> Result<Verdict, StoreError> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|_| corrupt(format!("unknown verdict `{text}`")))
}

fn parse_findings(text: &str) -> Result<Vec<Finding>, StoreError> {
    serde_json::from_str(text).map_err(|e| corrupt(format!("stored findings: {e}")))
}

fn findings_json(findings: &[Finding]) -> String {
    serde_json::to_string(findings).expect("findings serialise")
}

fn version_record(row: &AnyRow) -> Result<UpstreamVersionRecord, StoreError> {
    Ok(UpstreamVersionRecord {
        name: row.try_get("name")?,
        version: row.try_get("version")?,
        checksum: row.try_get("checksum")?,
        verdict: parse_verdict(&row.try_get::<String, _>("verdict")?)?,
        findings: parse_findings(&row.try_get::<String, _>("findings")?)?,
        crate_size: row.try_get("crate_size")?,
        scanned_at: row.try_get("scanned_at")?,
        downloads: row.try_get("downloads")?,
    })
}

const VERSION_COLUMNS: &str =
    "name, version, checksum, verdict, findings, crate_size, scanned_at, downloads";

impl Db {
    /// The upstream index file of `name` as last fetched, if it was ever fetched.
    pub async fn upstream_index_file(
        &self,
        name: &str,
    ) -> Result<Option<UpstreamIndexRecord>, StoreError> {
        let row = sqlx::query(
            "SELECT name, body, etag, fetched_at, name_verdict, name_findings \
             FROM upstream_index_files WHERE canonical_name = $1",
        )
        .bind(canonical_name(name))
        .fetch_optional(self.pool())
        .await?;
        row.map(|row| {
            Ok(UpstreamIndexRecord {
                name: row.try_get("name")?,
                body: row.try_get("body")?,
                etag: row.try_get("etag")?,
                fetched_at: row.try_get("fetched_at")?,
                name_verdict: parse_verdict(&row.try_get::<String, _>("name_verdict")?)?,
                name_findings: parse_findings(&row.try_get::<String, _>("name_findings")?)?,
            })
        })
        .transpose()
    }

    /// Keeps a fetched upstream index file and what it depends on (`dependencies`, canonical
    /// names). With `judged`, the name's verdict is written too (the use-case judges a name when
    /// it first has a file), and audited when it withholds the name; otherwise the verdict
    /// already kept stays.
    pub async fn save_upstream_index_file(
        &self,
        record: &UpstreamIndexRecord,
        dependencies: &BTreeSet<String>,
        judged: bool,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        let canonical = canonical_name(&record.name);
        sqlx::query("DELETE FROM upstream_dependencies WHERE canonical_name = $1")
            .bind(&canonical)
            .execute(&mut *wtx.tx)
            .await?;
        for dependency in dependencies {
            sqlx::query(
                "INSERT INTO upstream_dependencies (canonical_name, dependency) VALUES ($1, $2)",
            )
            .bind(&canonical)
            .bind(dependency)
            .execute(&mut *wtx.tx)
            .await?;
        }
        sqlx::query(
            "INSERT INTO upstream_index_files \
             (canonical_name, name, body, etag, fetched_at, name_verdict, name_findings) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (canonical_name) \
             DO UPDATE SET name = excluded.name, body = excluded.body, etag = excluded.etag, \
             fetched_at = excluded.fetched_at",
        )
        .bind(canonical_name(&record.name))
        .bind(&record.name)
        .bind(record.body.clone())
        .bind(record.etag.clone())
        .bind(record.fetched_at)
        .bind(record.name_verdict.as_str())
        .bind(findings_json(&record.name_findings))
        .execute(&mut *wtx.tx)
        .await?;
        if judged {
            sqlx::query(
                "UPDATE upstream_index_files SET name_verdict = $2, name_findings = $3 \
                 WHERE canonical_name = $1",
            )
            .bind(canonical_name(&record.name))
            .bind(record.name_verdict.as_str())
            .bind(findings_json(&record.name_findings))
            .execute(&mut *wtx.tx)
            .await?;
            if wharf_policy::upstream::withholds(record.name_verdict) {
                crate::audit::record(
                    &mut wtx.tx,
                    &Actor::default(),
                    "upstream.withhold",
                    &format!("upstream:{}", record.name),
                    serde_json::json!({
                        "verdict": record.name_verdict.as_str(),
                        "findings": record.name_findings,
                    }),
                )
                .await?;
            }
        }
        wtx.commit().await
    }

    /// What the kept upstream index file of `name` depends on (canonical names).
    pub async fn upstream_dependencies(&self, name: &str) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT dependency FROM upstream_dependencies WHERE canonical_name = $1 \
             ORDER BY dependency",
        )
        .bind(canonical_name(name))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| r.try_get("dependency").map_err(StoreError::from))
            .collect()
    }

    /// This registry's own claim on a name, which upstream crates never override: a crate of
    /// that name here, or one that was deleted (a name an internal crate had must not start
    /// resolving to whoever registers it upstream).
    pub async fn local_claim(&self, name: &str) -> Result<Option<LocalClaim>, StoreError> {
        let canonical = canonical_name(name);
        if sqlx::query("SELECT 1 AS one FROM crates WHERE canonical_name = $1")
            .bind(&canonical)
            .fetch_optional(self.pool())
            .await?
            .is_some()
        {
            return Ok(Some(LocalClaim::Crate));
        }
        let deleted = sqlx::query("SELECT 1 AS one FROM deleted_crates WHERE canonical_name = $1")
            .bind(&canonical)
            .fetch_optional(self.pool())
            .await?;
        Ok(deleted.map(|_| LocalClaim::Deleted))
    }

    /// Notes that the upstream said the copy of `name`'s file held is still current.
    pub async fn upstream_index_file_current(
        &self,
        name: &str,
        fetched_at: i64,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        sqlx::query("UPDATE upstream_index_files SET fetched_at = $2 WHERE canonical_name = $1")
            .bind(canonical_name(name))
            .bind(fetched_at)
            .execute(&mut *wtx.tx)
            .await?;
        wtx.commit().await
    }

    /// Every upstream version of `name` this registry fetched.
    pub async fn upstream_versions(
        &self,
        name: &str,
    ) -> Result<Vec<UpstreamVersionRecord>, StoreError> {
        let rows = sqlx::query(&format!(
            "SELECT {VERSION_COLUMNS} FROM upstream_versions WHERE canonical_name = $1"
        ))
        .bind(canonical_name(name))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(version_record).collect()
    }

    /// One upstream version, if this registry fetched it.
    pub async fn upstream_version(
        &self,
        name: &str,
        version: &str,
    ) -> Result<Option<UpstreamVersionRecord>, StoreError> {
        let row = sqlx::query(&format!(
            "SELECT {VERSION_COLUMNS} FROM upstream_versions \
             WHERE canonical_name = $1 AND version = $2"
        ))
        .bind(canonical_name(name))
        .bind(version)
        .fetch_optional(self.pool())
        .await?;
        row.as_ref().map(version_record).transpose()
    }

    /// Records a fetched and scanned upstream version, audited when its verdict withholds it.
    /// Two instances may fetch one version at once; the first record stays and is returned.
    pub async fn record_upstream_version(
        &self,
        record: &UpstreamVersionRecord,
    ) -> Result<UpstreamVersionRecord, StoreError> {
        let mut wtx = self.begin_write().await?;
        let first = sqlx::query(
            "INSERT INTO upstream_versions (canonical_name, name, version, checksum, verdict, \
             findings, crate_size, scanned_at, downloads) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 0) \
             ON CONFLICT (canonical_name, version) DO NOTHING",
        )
        .bind(canonical_name(&record.name))
        .bind(&record.name)
        .bind(&record.version)
        .bind(&record.checksum)
        .bind(record.verdict.as_str())
        .bind(findings_json(&record.findings))
        .bind(record.crate_size)
        .bind(record.scanned_at)
        .execute(&mut *wtx.tx)
        .await?
        .rows_affected()
            > 0;
        if first && wharf_policy::upstream::withholds(record.verdict) {
            crate::audit::record(
                &mut wtx.tx,
                &Actor::default(),
                "upstream.withhold",
                &format!("upstream:{}@{}", record.name, record.version),
                serde_json::json!({
                    "verdict": record.verdict.as_str(),
                    "findings": record.findings,
                }),
            )
            .await?;
        }
        let row = sqlx::query(&format!(
            "SELECT {VERSION_COLUMNS} FROM upstream_versions \
             WHERE canonical_name = $1 AND version = $2"
        ))
        .bind(canonical_name(&record.name))
        .bind(&record.version)
        .fetch_one(&mut *wtx.tx)
        .await?;
        let stored = version_record(&row)?;
        wtx.commit().await?;
        Ok(stored)
    }

    /// Forgets the verdict on an upstream version, so that it is fetched and scanned again (after
    /// the scanner or the size limit changed); audited. Returns whether there was one.
    pub async fn forget_upstream_version(
        &self,
        actor: &Actor,
        name: &str,
        version: &str,
    ) -> Result<bool, StoreError> {
        let mut wtx = self.begin_write().await?;
        let forgotten =
            sqlx::query("DELETE FROM upstream_versions WHERE canonical_name = $1 AND version = $2")
                .bind(canonical_name(name))
                .bind(version)
                .execute(&mut *wtx.tx)
                .await?
                .rows_affected()
                > 0;
        if forgotten {
            crate::audit::record(
                &mut wtx.tx,
                actor,
                "upstream.rescan",
                &upstream_target(name, Some(version)),
                serde_json::json!({}),
            )
            .await?;
        }
        wtx.commit().await?;
        Ok(forgotten)
    }

    /// Counts one download of an upstream version served by this registry.
    pub async fn count_upstream_download(
        &self,
        name: &str,
        version: &str,
    ) -> Result<(), StoreError> {
        self.add_upstream_downloads(&[(name.to_string(), version.to_string(), 1)])
            .await
    }

    /// Adds counted downloads of upstream versions, `(name, version, count)`, in one transaction.
    pub async fn add_upstream_downloads(
        &self,
        counted: &[(String, String, i64)],
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        for (name, version, count) in counted {
            sqlx::query(
                "UPDATE upstream_versions SET downloads = downloads + $3 \
                 WHERE canonical_name = $1 AND version = $2",
            )
            .bind(canonical_name(name))
            .bind(version)
            .bind(count)
            .execute(&mut *wtx.tx)
            .await?;
        }
        wtx.commit().await
    }

    /// The upstream crates most downloaded through this registry, most first: the crates its
    /// users build with, which look-alike upstream names are compared against.
    pub async fn upstream_popular(&self, limit: i64) -> Result<Vec<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT MIN(name) AS name FROM upstream_versions \
             WHERE verdict IN ('allow', 'flag') GROUP BY canonical_name HAVING SUM(downloads) > 0 \
             ORDER BY SUM(downloads) DESC, MIN(name) LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| r.try_get("name").map_err(StoreError::from))
            .collect()
    }

    /// The operators' rules on `name`: on the whole name and on its versions.
    pub async fn upstream_rules(&self, name: &str) -> Result<Vec<UpstreamRule>, StoreError> {
        let rows = sqlx::query(
            "SELECT canonical_name, version, rule, reason, set_at FROM upstream_rules \
             WHERE canonical_name = $1 ORDER BY version",
        )
        .bind(canonical_name(name))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(rule_record).collect()
    }

    /// Every operator's rule, by name and version.
    pub async fn all_upstream_rules(&self) -> Result<Vec<UpstreamRule>, StoreError> {
        let rows = sqlx::query(
            "SELECT canonical_name, version, rule, reason, set_at FROM upstream_rules \
             ORDER BY canonical_name, version",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(rule_record).collect()
    }

    /// Sets (or replaces) an operator's rule on a name or one of its versions; audited.
    pub async fn set_upstream_rule(
        &self,
        actor: &Actor,
        name: &str,
        version: Option<&str>,
        rule: OperatorRule,
        reason: &str,
    ) -> Result<(), StoreError> {
        let mut wtx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO upstream_rules (canonical_name, version, rule, reason, set_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (canonical_name, version) \
             DO UPDATE SET rule = excluded.rule, reason = excluded.reason, set_at = excluded.set_at",
        )
        .bind(canonical_name(name))
        .bind(version.unwrap_or(""))
        .bind(rule.as_str())
        .bind(reason)
        .bind(now_millis())
        .execute(&mut *wtx.tx)
        .await?;
        crate::audit::record(
            &mut wtx.tx,
            actor,
            &format!("upstream.{}", rule.as_str()),
            &upstream_target(name, version),
            serde_json::json!({ "reason": reason }),
        )
        .await?;
        wtx.commit().await
    }

    /// Removes an operator's rule; audited. Returns whether there was one.
    pub async fn remove_upstream_rule(
        &self,
        actor: &Actor,
        name: &str,
        version: Option<&str>,
    ) -> Result<bool, StoreError> {
        let mut wtx = self.begin_write().await?;
        let removed =
            sqlx::query("DELETE FROM upstream_rules WHERE canonical_name = $1 AND version = $2")
                .bind(canonical_name(name))
                .bind(version.unwrap_or(""))
                .execute(&mut *wtx.tx)
                .await?
                .rows_affected()
                > 0;
        if removed {
            crate::audit::record(
                &mut wtx.tx,
                actor,
                "upstream.unset",
                &upstream_target(name, version),
                serde_json::json!({}),
            )
            .await?;
        }
        wtx.commit().await?;
        Ok(removed)
    }

    /// What the policy withheld from the upstream, newest first: names judged look-alikes (or
    /// otherwise withheld) on their first fetch, and versions held or rejected by the scan.
    pub async fn upstream_withheld(&self, limit: i64) -> Result<Vec<UpstreamWithheld>, StoreError> {
        let names = sqlx::query(
            "SELECT name, name_verdict, name_findings, fetched_at FROM upstream_index_files \
             WHERE name_verdict IN ('hold', 'reject') ORDER BY fetched_at DESC LIMIT $1",
        )
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let versions = sqlx::query(&format!(
            "SELECT {VERSION_COLUMNS} FROM upstream_versions \
             WHERE verdict IN ('hold', 'reject') ORDER BY scanned_at DESC LIMIT $1"
        ))
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut withheld = Vec::with_capacity(names.len() + versions.len());
        for row in &names {
            withheld.push(UpstreamWithheld {
                name: row.try_get("name")?,
                version: None,
                verdict: parse_verdict(&row.try_get::<String, _>("name_verdict")?)?,
                findings: parse_findings(&row.try_get::<String, _>("name_findings")?)?,
                at: row.try_get("fetched_at")?,
            });
        }
        for row in &versions {
            let record = version_record(row)?;
            withheld.push(UpstreamWithheld {
                name: record.name,
                version: Some(record.version),
                verdict: record.verdict,
                findings: record.findings,
                at: record.scanned_at,
            });
        }
        withheld.sort_by_key(|w| std::cmp::Reverse(w.at));
        withheld.truncate(limit.max(0) as usize);
        Ok(withheld)
    }
}

fn upstream_target(name: &str, version: Option<&str>) -> String {
    match version {
        Some(version) => format!("upstream:{}@{version}", canonical_name(name)),
        None => format!("upstream:{}", canonical_name(name)),
    }
}

fn rule_record(row: &AnyRow) -> Result<UpstreamRule, StoreError> {
    let version: String = row.try_get("version")?;
    Ok(UpstreamRule {
        name: row.try_get("canonical_name")?,
        version: (!version.is_empty()).then_some(version),
        rule: {
            let rule: String = row.try_get("rule")?;
            OperatorRule::parse(&rule)
                .ok_or_else(|| corrupt(format!("unknown upstream rule `{rule}`")))?
        },
        reason: row.try_get("reason")?,
        set_at: row.try_get("set_at")?,
    })
}
