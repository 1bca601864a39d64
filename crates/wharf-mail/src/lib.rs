//! Wharf's notifications by e-mail.
//!
//! Changes write notifications into the database's outbox in their own transaction (see
//! `wharf_store::Notification`); the worker here takes them out, words them ([`render`]) and sends
//! them over SMTP with `lettre`. Without an SMTP server the messages are written to the log instead,
//! minus their secrets, and stay in the outbox unsent.

mod render;

pub use render::{render, Rendered};

use lettre::message::Mailbox;
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;
use wharf_store::{Db, Delivery, OutboxMessage, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("invalid mail setting: {0}")]
    Config(String),
    #[error("cannot send: {0}")]
    Send(String),
}

/// How the SMTP connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain text: only for a relay on the same host or network.
    None,
    /// Upgrade with STARTTLS (port 587).
    #[default]
    Starttls,
    /// TLS from the first byte (port 465).
    Tls,
}

/// Where and how to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub tls: SmtpTls,
    pub username: Option<String>,
    pub password: Option<String>,
    /// The sender, e.g. `Wharf <wharf@example.org>`.
    pub from: String,
}

/// Sends rendered messages: by SMTP, or into the log when no server is configured.
#[derive(Clone)]
pub enum Mailer {
    Smtp {
        transport: Box<AsyncSmtpTransport<Tokio1Executor>>,
        from: Mailbox,
    },
    Log,
}

impl Mailer {
    pub fn smtp(settings: &SmtpSettings) -> Result<Mailer, MailError> {
        let from: Mailbox = settings
            .from
            .parse()
            .map_err(|e| MailError::Config(format!("sender `{}`: {e}", settings.from)))?;
        let builder = match settings.tls {
            SmtpTls::None => {
                AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host)
            }
            SmtpTls::Starttls => {
                AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
                    .map_err(|e| MailError::Config(e.to_string()))?
            }
            SmtpTls::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)
                .map_err(|e| MailError::Config(e.to_string()))?,
        };
        let mut builder = builder
            .port(settings.port)
            .timeout(Some(Duration::from_secs(30)));
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Mailer::Smtp {
            transport: Box::new(builder.build()),
            from,
        })
    }

    fn delivery(&self) -> Delivery {
        match self {
            Mailer::Smtp { .. } => Delivery::Smtp,
            Mailer::Log => Delivery::Log,
        }
    }

    async fn send(&self, to: &str, rendered: &Rendered) -> Result<(), MailError> {
        let Mailer::Smtp { transport, from } = self else {
            return Ok(());
        };
        let to: Mailbox = to
            .parse()
            .map_err(|e| MailError::Send(format!("recipient `{to}`: {e}")))?;
        let message = Message::builder()
            .from(from.clone())
            .to(to)
            .subject(&rendered.subject)
            .body(rendered.body.clone())
            .map_err(|e| MailError::Send(e.to_string()))?;
        transport
            .send(message)
            .await
            .map_err(|e| MailError::Send(e.to_string()))?;
        Ok(())
    }
}

/// The worker that empties the outbox.
pub struct Outbox {
    pub db: Db,
    pub mailer: Mailer,
    pub public_url: String,
    /// How often the outbox is looked at.
    pub interval: Duration,
}

/// Attempts before a message is given up.
const MAX_ATTEMPTS: i64 = 10;
/// How long a claimed message is left to the worker that claimed it.
const LEASE_MS: i64 = 5 * 60 * 1000;

impl Outbox {
    /// Delivers what is due every `interval` until `shutdown` completes.
    pub async fn run(self, shutdown: impl std::future::Future<Output = ()>) {
        tokio::pin!(shutdown);
        let mut ticks = tokio::time::interval(self.interval);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                _ = &mut shutdown => return,
                _ = ticks.tick() => {
                    if let Err(error) = self.deliver_due().await {
                        tracing::warn!(%error, "the outbox could not be read");
                    }
                }
            }
        }
    }

    /// One pass: claims due messages and sends (or logs) each. Returns how many were handled.
    pub async fn deliver_due(&self) -> Result<usize, StoreError> {
        let batch = self
            .db
            .claim_mail(self.mailer.delivery(), 50, LEASE_MS)
            .await?;
        for message in &batch {
            self.deliver(message).await?;
        }
        Ok(batch.len())
    }

    async fn deliver(&self, message: &OutboxMessage) -> Result<(), StoreError> {
        if let Mailer::Log = self.mailer {
            // No server to send to: the operator reads it in the log, without its secrets.
            let rendered = render(&message.notification.without_secrets(), &self.public_url);
            tracing::info!(
                id = message.id,
                to = %message.recipient,
                subject = %rendered.subject,
                body = %rendered.body,
                "mail not sent: no SMTP server is configured"
            );
            return self.db.mail_logged(message.id).await;
        }
        let rendered = render(&message.notification, &self.public_url);
        match self.mailer.send(&message.recipient, &rendered).await {
            Ok(()) => self.db.mail_sent(message).await,
            Err(error) => {
                let attempts = message.attempts + 1;
                let retry_at = (attempts < MAX_ATTEMPTS).then(|| {
                    // 1 min, 2 min, 4 min, … up to an hour between attempts.
                    let backoff = (30_000i64 << attempts.min(7)).min(3_600_000);
                    wharf_store::now_millis() + backoff
                });
                tracing::warn!(
                    id = message.id,
                    attempts,
                    %error,
                    gave_up = retry_at.is_none(),
                    "mail not sent"
                );
                self.db
                    .mail_failed(message.id, &error.to_string(), retry_at)
                    .await
            }
        }
    }
}
