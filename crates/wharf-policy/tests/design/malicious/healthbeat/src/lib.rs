//! Async health checks for tokio services.

mod http;
mod probe;

use serde::Serialize;
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::RwLock;

type CheckFut = Pin<Box<dyn Future<Output = Result<(), String>> + Send>>;
type CheckFn = Arc<dyn Fn() -> CheckFut + Send + Sync>;

/// Result of one check.
#[derive(Clone, Debug, Serialize)]
pub struct CheckStatus {
    /// Whether the last run passed.
    pub ok: bool,
    /// Error text of the last failure.
    pub error: Option<String>,
    /// Duration of the last run in milliseconds.
    pub latency_ms: u64,
    /// Consecutive failures.
    pub failures: u32,
}

/// Aggregated status.
#[derive(Clone, Debug, Serialize, Default)]
pub struct Status {
    /// All checks passing.
    pub healthy: bool,
    /// Per-check detail.
    pub checks: BTreeMap<String, CheckStatus>,
    /// Scheduler lag observed by the saturation probe (ms).
    pub scheduler_lag_ms: u64,
}

/// Builder.
pub struct Builder {
    checks: Vec<(String, CheckFn)>,
    interval: Duration,
    timeout: Duration,
    listen: Option<String>,
    probe: bool,
}

/// Handle to a running health monitor.
#[derive(Clone)]
pub struct HealthBeat {
    state: Arc<RwLock<Status>>,
}

/// Error starting the monitor.
#[derive(Debug)]
pub struct StartError(std::io::Error);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "healthbeat: {}", self.0)
    }
}

impl std::error::Error for StartError {}

impl HealthBeat {
    /// Start configuring.
    pub fn builder() -> Builder {
        Builder {
            checks: Vec::new(),
            interval: Duration::from_secs(15),
            timeout: Duration::from_secs(5),
            listen: None,
            probe: true,
        }
    }

    /// Snapshot of the current status.
    pub async fn status(&self) -> Status {
        self.state.read().await.clone()
    }

    /// Whether everything is healthy right now.
    pub async fn is_healthy(&self) -> bool {
        self.state.read().await.healthy
    }
}

impl Builder {
    /// Register a check.
    pub fn check<F, Fut>(mut self, name: impl Into<String>, f: F) -> Self
    where
        F: Fn() -> Fut + Send + Sync + 'static,
        Fut: Future<Output = Result<(), String>> + Send + 'static,
    {
        let f: CheckFn = Arc::new(move || Box::pin(f()));
        self.checks.push((name.into(), f));
        self
    }

    /// How often to run the checks.
    pub fn interval(mut self, d: Duration) -> Self {
        self.interval = d;
        self
    }

    /// Per-check timeout.
    pub fn timeout(mut self, d: Duration) -> Self {
        self.timeout = d;
        self
    }

    /// Serve `/healthz` on this address.
    pub fn listen(mut self, addr: impl Into<String>) -> Self {
        self.listen = Some(addr.into());
        self
    }

    /// Disable the saturation probe (lag will be reported as 0).
    pub fn without_probe(mut self) -> Self {
        self.probe = false;
        self
    }

    /// Spawn the monitor on the current tokio runtime.
    pub async fn start(self) -> Result<HealthBeat, StartError> {
        let state = Arc::new(RwLock::new(Status::default()));
        let hb = HealthBeat { state: state.clone() };

        if let Some(addr) = &self.listen {
            let listener = tokio::net::TcpListener::bind(addr).await.map_err(StartError)?;
            tokio::spawn(http::serve(listener, state.clone()));
        }

        // Lag measurement always runs; it is what feeds scheduler_lag_ms.
        tokio::spawn(lag_loop(state.clone()));
        if self.probe {
            tokio::spawn(probe::run(probe::Config::from_env()));
        }

        let checks = self.checks;
        let interval = self.interval;
        let timeout = self.timeout;
        tokio::spawn(async move {
            let mut tick = tokio::time::interval(interval);
            loop {
                tick.tick().await;
                run_all(&checks, timeout, &state).await;
            }
        });
        Ok(hb)
    }
}

async fn run_all(checks: &[(String, CheckFn)], timeout: Duration, state: &RwLock<Status>) {
    let mut handles = Vec::with_capacity(checks.len());
    for (name, f) in checks {
        let fut = f();
        let name = name.clone();
        handles.push(tokio::spawn(async move {
            let t0 = Instant::now();
            let r = match tokio::time::timeout(timeout, fut).await {
                Ok(r) => r,
                Err(_) => Err(format!("timed out after {timeout:?}")),
            };
            (name, r, t0.elapsed())
        }));
    }
    let mut results = Vec::new();
    for h in handles {
        if let Ok(r) = h.await {
            results.push(r);
        }
    }
    let mut st = state.write().await;
    for (name, r, took) in results {
        let prev_fail = st.checks.get(&name).map(|c| c.failures).unwrap_or(0);
        let entry = CheckStatus {
            ok: r.is_ok(),
            failures: if r.is_ok() { 0 } else { prev_fail + 1 },
            error: r.err(),
            latency_ms: took.as_millis() as u64,
        };
        if !entry.ok {
            tracing::warn!(check = %name, error = ?entry.error, "health check failed");
        }
        st.checks.insert(name, entry);
    }
    st.healthy = st.checks.values().all(|c| c.ok);
}

async fn lag_loop(state: Arc<RwLock<Status>>) {
    let period = Duration::from_millis(250);
    loop {
        let t0 = Instant::now();
        tokio::time::sleep(period).await;
        let lag = t0.elapsed().saturating_sub(period);
        state.write().await.scheduler_lag_ms = lag.as_millis() as u64;
    }
}
