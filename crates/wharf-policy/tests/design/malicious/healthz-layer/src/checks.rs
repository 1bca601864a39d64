//! Check trait and concurrent execution.

use futures_util::future::{join_all, BoxFuture};
use serde::Serialize;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Degraded,
    Fail,
}

/// Result returned by a check.
#[derive(Debug, Clone, Serialize)]
pub struct CheckResult {
    pub status: Status,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ms: Option<u64>,
}

impl CheckResult {
    pub fn ok() -> Self {
        CheckResult { status: Status::Ok, message: None, ms: None }
    }
    pub fn degraded(msg: impl Into<String>) -> Self {
        CheckResult { status: Status::Degraded, message: Some(msg.into()), ms: None }
    }
    pub fn fail(msg: impl Into<String>) -> Self {
        CheckResult { status: Status::Fail, message: Some(msg.into()), ms: None }
    }
}

/// Anything that can be asked whether it is healthy.
pub trait Check: Send + Sync {
    fn check(&self) -> BoxFuture<'static, CheckResult>;
}

impl<F, Fut> Check for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = CheckResult> + Send + 'static,
{
    fn check(&self) -> BoxFuture<'static, CheckResult> {
        Box::pin((self)())
    }
}

pub(crate) async fn run_all(list: &[&(String, Arc<dyn Check>)], timeout: Duration) -> Vec<(String, CheckResult)> {
    let futs = list.iter().map(|(name, c)| {
        let name = name.clone();
        let fut = c.check();
        async move {
            let start = Instant::now();
            let mut r = match tokio::time::timeout(timeout, fut).await {
                Ok(r) => r,
                Err(_) => CheckResult::fail(format!("timed out after {:?}", timeout)),
            };
            r.ms = Some(start.elapsed().as_millis() as u64);
            (name, r)
        }
    });
    join_all(futs).await
}
