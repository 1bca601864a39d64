//! Wharf's webhook worker.
//!
//! Changes write their deliveries into the database in their own transaction (see
//! `wharf_store::Webhook`); the worker here claims the due ones, signs each body with the webhook's
//! secret and POSTs it, and records the outcome: delivered on a 2xx answer, else tried again after
//! a growing pause, and given up after [`MAX_ATTEMPTS`]. Every instance runs a worker; a claim is
//! a lease, so exactly one of them sends a delivery while it holds it.
//!
//! A receiver checks `X-Wharf-Signature-256` (`sha256=` and the hex HMAC-SHA256 of the body under
//! the secret, as GitHub's webhooks do) and may use `X-Wharf-Delivery` to drop a repeat: a worker
//! killed after the receiver answered but before it recorded so sends the delivery again.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::time::Duration;
use wharf_store::{now_millis, Db, WebhookDelivery};

/// Attempts before a delivery is given up.
pub const MAX_ATTEMPTS: i64 = 8;
/// The longest pause between two attempts.
const MAX_PAUSE: Duration = Duration::from_secs(60 * 60);
/// How long a claimed batch is this worker's. A delivery is only sent while at least
/// [`TIMEOUT`] and a margin of the lease remain (the rest wait for the next claim), so its outcome
/// is recorded before another worker can take it.
const LEASE: Duration = Duration::from_secs(120);
/// The lease left, beyond the timeout, for recording an outcome.
const RECORD_MARGIN: Duration = Duration::from_secs(10);
/// How long a receiver has to answer.
const TIMEOUT: Duration = Duration::from_secs(10);
/// Deliveries claimed at once.
const BATCH: i64 = 16;

/// The signature header's value for `body` under `secret`.
pub fn signature(secret: &str, body: &[u8]) -> String {
    let mut mac =
        Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(body);
    format!("sha256={}", hex::encode(mac.finalize().into_bytes()))
}

/// The pause before the next attempt after `attempts` failed ones (counting the one that just
/// failed), or `None` when the delivery is given up: `base`, doubled each time, at most an hour.
pub fn pause_after(attempts: i64, base: Duration) -> Option<Duration> {
    if attempts >= MAX_ATTEMPTS {
        return None;
    }
    let doublings = u32::try_from(attempts.saturating_sub(1).max(0)).unwrap_or(u32::MAX);
    Some(
        base.checked_mul(2u32.saturating_pow(doublings))
            .unwrap_or(MAX_PAUSE)
            .min(MAX_PAUSE),
    )
}

pub struct Worker {
    pub db: Db,
    /// The first pause after a failed attempt.
    pub retry_base: Duration,
    /// How often the worker looks for due deliveries.
    pub interval: Duration,
}

impl Worker {
    /// Sends due deliveries until `shutdown` resolves.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        let client = match reqwest::Client::builder()
            .user_agent(concat!("Wharf-Webhooks/", env!("CARGO_PKG_VERSION")))
            .timeout(TIMEOUT)
            // A receiver answers; it does not send the registry elsewhere.
            .redirect(reqwest::redirect::Policy::none())
            .build()
        {
            Ok(client) => client,
            Err(error) => {
                tracing::error!(%error, "cannot build the webhook client; webhooks are not sent");
                return;
            }
        };
        tokio::pin!(shutdown);
        let mut ticks = tokio::time::interval(self.interval);
        loop {
            tokio::select! {
                _ = &mut shutdown => return,
                _ = ticks.tick() => {}
            }
            match self
                .db
                .claim_webhook_deliveries(BATCH, LEASE.as_millis() as i64)
                .await
            {
                Ok(deliveries) => {
                    for delivery in deliveries {
                        self.send(&client, delivery).await;
                    }
                }
                Err(error) => tracing::warn!(%error, "cannot claim webhook deliveries"),
            }
        }
    }

    async fn send(&self, client: &reqwest::Client, delivery: WebhookDelivery) {
        let needed = (TIMEOUT + RECORD_MARGIN).as_millis() as i64;
        if now_millis() + needed > delivery.leased_until {
            // Slow receivers earlier in the batch used the lease up; a later claim sends it.
            return;
        }
        let body = delivery.payload.clone().into_bytes();
        let result = client
            .post(&delivery.url)
            .header("Content-Type", "application/json")
            .header("X-Wharf-Event", &delivery.event)
            .header("X-Wharf-Delivery", delivery.id.to_string())
            .header("X-Wharf-Signature-256", signature(&delivery.secret, &body))
            .body(body)
            .send()
            .await;
        let (status, error) = match result {
            Ok(response) if response.status().is_success() => (Some(response.status()), None),
            Ok(response) => (
                Some(response.status()),
                Some(format!("the receiver answered {}", response.status())),
            ),
            // Without the URL: many receivers carry their credential in it.
            Err(error) => (error.status(), Some(error.without_url().to_string())),
        };
        let attempts = delivery.attempts + 1;
        let retry_at = error.as_ref().and_then(|_| {
            pause_after(attempts, self.retry_base)
                .map(|pause| now_millis() + pause.as_millis() as i64)
        });
        if let Some(error) = &error {
            tracing::warn!(
                id = delivery.id,
                attempts,
                error,
                given_up = retry_at.is_none(),
                "a webhook delivery failed"
            );
        }
        match self
            .db
            .webhook_attempted(
                &delivery,
                error.is_none(),
                status.map(|s| s.as_u16()),
                error.as_deref(),
                retry_at,
            )
            .await
        {
            Ok(true) => {}
            Ok(false) => tracing::warn!(
                id = delivery.id,
                "a webhook delivery's claim ran out before its outcome was recorded"
            ),
            // The lease runs out and the delivery is tried again: a receiver may see it twice.
            Err(store_error) => {
                tracing::warn!(%store_error, id = delivery.id, "cannot record a webhook delivery")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signatures_are_githubs_hmac_sha256() {
        // RFC 4231, test case 2.
        assert_eq!(
            signature("Jefe", b"what do ya want for nothing?"),
            "sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn pauses_double_from_the_base_up_to_an_hour_then_stop() {
        let base = Duration::from_secs(10);
        assert_eq!(pause_after(1, base), Some(Duration::from_secs(10)));
        assert_eq!(pause_after(2, base), Some(Duration::from_secs(20)));
        assert_eq!(pause_after(4, base), Some(Duration::from_secs(80)));
        assert_eq!(
            pause_after(7, Duration::from_secs(600)),
            Some(Duration::from_secs(3600))
        );
        assert_eq!(pause_after(MAX_ATTEMPTS, base), None);
    }
}
