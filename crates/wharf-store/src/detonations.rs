//! The detonation queue: versions whose build is to be run in the sandbox after they were
//! published, and the holds that follow from what it found.
//!
//! A row is written with the version (`NewVersion::detonate`), claimed by any instance's worker
//! with a lease (`lease.rs`), and finished in one transaction with the findings, so a version is
//! detonated once and its result is never half-recorded. A finding that asks for a hold takes the
//! version out of the index and downloads (`versions.held`), queues it for review, tells its
//! owners, and is audited as `version.detonation_hold`.

use serde_json::json;
use sqlx::{AnyConnection, Row};
use wharf_policy::{verdict, Finding, Verdict};

use crate::audit::record;
use crate::crates::{insert_findings, version_changed};
use crate::lease::Queue;
use crate::outbox::{notify_owners, Notification};
use crate::time::now_millis;
use crate::{Actor, Db, StoreError};

/// A claimed row: the version to detonate.
#[derive(Debug, Clone)]
pub struct DetonationJob {
    pub id: i64,
    pub version_id: i64,
    pub crate_id: i64,
    pub name: String,
    pub version: String,
    /// Tries before this one.
    pub attempts: i64,
}

/// What a detonation came to, as the worker records it.
#[derive(Debug, Clone)]
pub struct DetonationResult {
    pub findings: Vec<Finding>,
    /// Why the package was not run at all, if it was not.
    pub not_run: Option<String>,
    pub millis: i64,
}

/// What recording a result changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Recorded {
    /// The version was held by it: the crate's index file must be written again.
    pub held: bool,
    /// The version waited for it (detonation before publish) and is now published.
    pub released: bool,
    pub crate_id: i64,
}

impl Recorded {
    /// Whether the crate's index file changed.
    pub fn reindex(&self) -> bool {
        self.held || self.released
    }
}

/// Queues a version for detonation, in the transaction that stores it.
pub(crate) async fn enqueue(
    conn: &mut AnyConnection,
    version_id: i64,
    gates_publish: bool,
) -> Result<(), StoreError> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO detonations (version_id, created_at, next_attempt_at, gates_publish) \
         VALUES ($1, $2, $3, $4)",
    )
    .bind(version_id)
    .bind(now)
    .bind(now)
    .bind(gates_publish)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Db {
    /// Claims up to `limit` due detonations for `lease_ms`; another instance takes a row back
    /// only when its lease ends unfinished.
    pub async fn claim_detonations(
        &self,
        limit: i64,
        lease_ms: i64,
    ) -> Result<Vec<DetonationJob>, StoreError> {
        let now = now_millis();
        let rows = sqlx::query(
            "SELECT d.id, d.version_id, d.attempts, d.next_attempt_at, v.num, c.id AS crate_id, c.name \
             FROM detonations d JOIN versions v ON v.id = d.version_id JOIN crates c ON c.id = v.crate_id \
             WHERE d.finished_at IS NULL AND d.next_attempt_at <= $1 ORDER BY d.id LIMIT $2",
        )
        .bind(now)
        .bind(limit)
        .fetch_all(self.pool())
        .await?;
        let mut claimed = Vec::new();
        for row in &rows {
            let id: i64 = row.try_get("id")?;
            let seen: i64 = row.try_get("next_attempt_at")?;
            if !self
                .take_lease(Queue::Detonations, id, seen, now + lease_ms)
                .await?
            {
                continue;
            }
            claimed.push(DetonationJob {
                id,
                version_id: row.try_get("version_id")?,
                crate_id: row.try_get("crate_id")?,
                name: row.try_get("name")?,
                version: row.try_get("num")?,
                attempts: row.try_get("attempts")?,
            });
        }
        Ok(claimed)
    }

    /// Records a finished detonation: its findings on the version, and, when they ask for a hold
    /// and the version is not held already, the hold with everything that goes with it.
    pub async fn finish_detonation(
        &self,
        job: &DetonationJob,
        result: &DetonationResult,
    ) -> Result<Recorded, StoreError> {
        let verdict = verdict::fold(&result.findings);
        let outcome = if result.not_run.is_some() {
            "not-run"
        } else {
            verdict.as_str()
        };
        self.retrying("recording a detonation", || async {
            let mut wtx = self.begin_write().await?;
            let conn = &mut *wtx.tx;
            let now = now_millis();
            let updated = sqlx::query(
                "UPDATE detonations SET finished_at = $1, outcome = $2, millis = $3, note = $4, \
                 attempts = attempts + 1 WHERE id = $5 AND finished_at IS NULL",
            )
            .bind(now)
            .bind(outcome)
            .bind(result.millis)
            .bind(result.not_run.clone())
            .bind(job.id)
            .execute(&mut *conn)
            .await?
            .rows_affected();
            let version = sqlx::query(
                "SELECT v.held, v.verdict, d.gates_publish FROM versions v \
                 JOIN detonations d ON d.version_id = v.id WHERE v.id = $1",
            )
            .bind(job.version_id)
            .fetch_optional(&mut *conn)
            .await?;
            // Finished by another worker, or the version was deleted meanwhile: nothing to add.
            let (Some(version), 1) = (version, updated) else {
                wtx.commit().await?;
                return Ok(Recorded {
                    held: false,
                    released: false,
                    crate_id: job.crate_id,
                });
            };
            insert_findings(conn, job.version_id, &result.findings).await?;
            let was_held = crate::flag(&version, "held")?;
            let gates_publish = crate::flag(&version, "gates_publish")?;
            let stored: String = version.try_get("verdict")?;
            let stored = match stored.as_str() {
                "flag" => Verdict::Flag,
                "hold" => Verdict::Hold,
                _ => Verdict::Allow,
            };
            // The hold is the update that finds the version not held: a release racing with it,
            // or an earlier hold, leaves nothing for it to change (and nothing is announced).
            let holds = verdict >= Verdict::Hold
                && !was_held
                && sqlx::query(
                    "UPDATE versions SET verdict = $1, held = $2, reviewed_at = NULL \
                     WHERE id = $3 AND held = $4",
                )
                .bind(verdict.as_str())
                .bind(true)
                .bind(job.version_id)
                .bind(false)
                .execute(&mut *conn)
                .await?
                .rows_affected()
                    == 1;
            if !holds && verdict > stored {
                // A stricter verdict puts the version (back) in the review queue.
                sqlx::query("UPDATE versions SET verdict = $1, reviewed_at = NULL WHERE id = $2")
                    .bind(verdict.as_str())
                    .bind(job.version_id)
                    .execute(&mut *conn)
                    .await?;
            }
            let target = format!("crate:{}@{}", job.name, job.version);
            let rules: Vec<&str> = result.findings.iter().map(|f| f.rule.as_str()).collect();
            // A version that waited for this is published when nothing was found and its code
            // ran; held by the policy at publish, or flagged now, it stays for the moderators.
            let released = gates_publish
                && verdict == Verdict::Allow
                && result.not_run.is_none()
                && stored < Verdict::Hold
                && sqlx::query(
                    "UPDATE versions SET held = $1 WHERE id = $2 AND held = $3 AND verdict <> 'hold'",
                )
                .bind(false)
                .bind(job.version_id)
                .bind(true)
                .execute(&mut *conn)
                .await?
                .rows_affected()
                    == 1;
            // Held while it waited, a version a finding asks to hold stays held, now for the
            // moderators (the verdict update above put it in their queue): announced the same.
            let announce_hold = holds || (gates_publish && verdict >= Verdict::Hold);
            if released {
                version_changed(
                    conn,
                    job.crate_id,
                    &Actor::default(),
                    "version.detonation_release",
                    &job.name,
                    json!({ "version": job.version, "millis": result.millis }),
                )
                .await?;
            } else if announce_hold {
                // Rules only: the evidence is the package's own doing (names it asked the
                // resolver, arguments it ran), and mail to its uploader must not carry it out.
                let reason = result
                    .findings
                    .iter()
                    .filter(|f| f.severity >= Verdict::Hold)
                    .map(|f| f.rule.as_str())
                    .collect::<Vec<_>>()
                    .join(", ");
                version_changed(
                    conn,
                    job.crate_id,
                    &Actor::default(),
                    "version.detonation_hold",
                    &job.name,
                    json!({ "version": job.version, "rules": rules, "millis": result.millis }),
                )
                .await?;
                notify_owners(
                    conn,
                    job.crate_id,
                    &Notification::ActionTaken {
                        target,
                        action: "hold".into(),
                        reason: format!(
                            "building it in Wharf's sandbox showed its build-time code doing what the \
                             policy forbids ({reason}); the moderators have the details"
                        ),
                    },
                )
                .await?;
            } else if !result.findings.is_empty() || result.not_run.is_some() {
                record(
                    conn,
                    &Actor::default(),
                    "version.detonation",
                    &target,
                    json!({ "outcome": outcome, "rules": rules, "note": result.not_run }),
                )
                .await?;
            }
            wtx.commit().await?;
            Ok(Recorded {
                held: holds,
                released,
                crate_id: job.crate_id,
            })
        })
        .await
    }

    /// Records a try that failed in the sandbox itself (not in the package): due again at
    /// `retry_at`, or finished as `failed` when `give_up`.
    pub async fn detonation_failed(
        &self,
        job: &DetonationJob,
        error: &str,
        retry_at: i64,
        give_up: bool,
    ) -> Result<(), StoreError> {
        let now = now_millis();
        let mut wtx = self.begin_write().await?;
        sqlx::query(
            "UPDATE detonations SET attempts = attempts + 1, next_attempt_at = $1, note = $2, \
             finished_at = $3, outcome = $4 WHERE id = $5 AND finished_at IS NULL",
        )
        .bind(retry_at)
        .bind(error)
        .bind(give_up.then_some(now))
        .bind(give_up.then_some("failed"))
        .bind(job.id)
        .execute(&mut *wtx.tx)
        .await?;
        if give_up {
            // Never run is not clean: the moderators look (a version that waited for it stays
            // held until they release it).
            let finding = Finding {
                rule: "sandbox.not-run".into(),
                severity: Verdict::Flag,
                file: None,
                line: None,
                evidence: format!("the sandbox failed {} times: {error}", job.attempts + 1),
            };
            insert_findings(&mut wtx.tx, job.version_id, &[finding]).await?;
            sqlx::query(
                "UPDATE versions SET verdict = $1, reviewed_at = NULL WHERE id = $2 AND verdict = $3",
            )
            .bind(Verdict::Flag.as_str())
            .bind(job.version_id)
            .bind(Verdict::Allow.as_str())
            .execute(&mut *wtx.tx)
            .await?;
        }
        wtx.commit().await?;
        Ok(())
    }

    /// Detonations not finished yet, for monitoring and tests.
    pub async fn pending_detonations(&self) -> Result<i64, StoreError> {
        let row = sqlx::query("SELECT COUNT(*) AS n FROM detonations WHERE finished_at IS NULL")
            .fetch_one(self.pool())
            .await?;
        Ok(row.try_get("n")?)
    }
}
