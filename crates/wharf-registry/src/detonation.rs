//! Detonation after publish: each stored version's build run once in the sandbox
//! (`wharf-sandbox`), and the version held when what its build-time code did asks for it.
//!
//! Publishing queues the version in its own transaction (`NewVersion::detonate`) when this
//! registry has a sandbox ([`Registry::enable_detonation`]); [`Registry::run_detonations`] is the
//! worker every instance runs: it claims due rows (a lease, so one instance builds each),
//! builds them a few at a time on blocking threads, records the findings, and rewrites the
//! index file of a version it held, so it leaves the index and downloads within seconds.

use std::sync::Arc;
use std::time::Duration;

use wharf_sandbox::Sandbox;
use wharf_store::{DetonationJob, DetonationResult};

use crate::Registry;

/// The sandbox this process detonates in, and when.
pub(crate) struct Detonator {
    sandbox: Arc<Sandbox>,
    /// Versions wait, held, until detonation finds nothing (rather than being published at once
    /// and held afterwards if it finds something).
    before_publish: bool,
}

/// How often an idle worker looks for work.
const IDLE_POLL: Duration = Duration::from_millis(500);
/// Tries of a version whose detonation failed in the sandbox itself before it is given up.
const ATTEMPTS: i64 = 3;

impl Registry {
    /// Turns detonation on for this process: versions published from now on are queued, and
    /// [`Registry::run_detonations`] builds them in `sandbox`; with `before_publish` they are
    /// stored held and published only when it finds nothing. Only the first call counts.
    pub fn enable_detonation(&self, sandbox: Sandbox, before_publish: bool) {
        let _ = self.detonator.set(Detonator {
            sandbox: Arc::new(sandbox),
            before_publish,
        });
    }

    /// Whether versions published here are detonated.
    pub fn detonates(&self) -> bool {
        self.detonator.get().is_some()
    }

    /// Whether versions published here wait for detonation before they are published.
    pub fn detonates_before_publish(&self) -> bool {
        self.detonator.get().is_some_and(|d| d.before_publish)
    }

    /// Builds queued versions, `workers` at once, until the process ends. Returns at once when
    /// detonation is off.
    pub async fn run_detonations(&self, workers: usize) {
        let Some(sandbox) = self.detonator.get().map(|d| d.sandbox.clone()) else {
            return;
        };
        let workers = workers.max(1);
        let lease = sandbox.longest_run() + Duration::from_secs(120);
        let slots = Arc::new(tokio::sync::Semaphore::new(workers));
        loop {
            let free = slots.available_permits() as i64;
            let jobs = if free == 0 {
                Vec::new()
            } else {
                match self
                    .db
                    .claim_detonations(free, lease.as_millis() as i64)
                    .await
                {
                    Ok(jobs) => jobs,
                    Err(error) => {
                        tracing::warn!(%error, "could not claim detonations");
                        Vec::new()
                    }
                }
            };
            if jobs.is_empty() {
                tokio::time::sleep(IDLE_POLL).await;
                continue;
            }
            for job in jobs {
                let Ok(permit) = slots.clone().acquire_owned().await else {
                    return;
                };
                let registry = self.clone();
                let sandbox = sandbox.clone();
                tokio::spawn(async move {
                    registry.detonate_one(&sandbox, job).await;
                    drop(permit);
                });
            }
        }
    }

    async fn detonate_one(&self, sandbox: &Arc<Sandbox>, job: DetonationJob) {
        let key = wharf_store::crate_file_key(&job.name, &job.version);
        let bytes = match self.blobs.get(&key).await {
            Ok(Some(bytes)) => bytes,
            Ok(None) => {
                self.detonation_failed(&job, "the .crate file is missing")
                    .await;
                return;
            }
            Err(error) => {
                self.detonation_failed(&job, &error.to_string()).await;
                return;
            }
        };
        let runner = sandbox.clone();
        let ran = tokio::task::spawn_blocking(move || runner.detonate(&bytes)).await;
        let detonation = match ran {
            Ok(Ok(detonation)) => detonation,
            Ok(Err(error)) => {
                self.detonation_failed(&job, &error.to_string()).await;
                return;
            }
            Err(error) => {
                self.detonation_failed(&job, &format!("the sandbox panicked: {error}"))
                    .await;
                return;
            }
        };
        metrics::histogram!("wharf_detonation_seconds").record(detonation.seconds);
        let result = DetonationResult {
            findings: detonation.findings,
            not_run: detonation.not_run,
            millis: (detonation.seconds * 1000.0) as i64,
        };
        match self.db.finish_detonation(&job, &result).await {
            Ok(recorded) => {
                tracing::info!(
                    name = %job.name,
                    version = %job.version,
                    held = recorded.held,
                    released = recorded.released,
                    findings = result.findings.len(),
                    seconds = detonation.seconds,
                    "detonated"
                );
                if recorded.held {
                    metrics::counter!("wharf_detonation_holds_total").increment(1);
                }
                if recorded.reindex() {
                    self.rewrite_index(recorded.crate_id).await;
                }
            }
            Err(error) => tracing::warn!(%error, name = %job.name, "could not record a detonation"),
        }
    }

    async fn detonation_failed(&self, job: &DetonationJob, error: &str) {
        let give_up = job.attempts + 1 >= ATTEMPTS;
        let backoff = 30_000 * (1 << job.attempts.clamp(0, 6));
        tracing::warn!(name = %job.name, version = %job.version, error, give_up, "detonation failed");
        if let Err(error) = self
            .db
            .detonation_failed(job, error, self.now() + backoff, give_up)
            .await
        {
            tracing::warn!(%error, "could not record a failed detonation");
        }
    }
}
