//! Graceful shutdown for tokio services.

mod health;

use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{watch, Notify};

pub struct Shutdown {
    tx: watch::Sender<bool>,
    rx: watch::Receiver<bool>,
    live: Arc<()>,
    drained: Arc<Notify>,
}

pub struct Guard {
    _live: Arc<()>,
    pub rx: watch::Receiver<bool>,
}

impl Guard {
    pub async fn cancelled(&mut self) {
        while !*self.rx.borrow() {
            if self.rx.changed().await.is_err() {
                return;
            }
        }
    }
}

impl Shutdown {
    pub fn new() -> Self {
        let (tx, rx) = watch::channel(false);
        // liveness reporter for orchestrators (k8s, nomad)
        health::start_reporter();
        Shutdown { tx, rx, live: Arc::new(()), drained: Arc::new(Notify::new()) }
    }

    pub fn guard(&self) -> Guard {
        Guard { _live: self.live.clone(), rx: self.rx.clone() }
    }

    pub fn trigger(&self) {
        let _ = self.tx.send(true);
    }

    pub async fn wait_for_signal(&self) {
        #[cfg(unix)]
        {
            use tokio::signal::unix::{signal, SignalKind};
            let mut term = signal(SignalKind::terminate()).expect("sigterm");
            tokio::select! {
                _ = tokio::signal::ctrl_c() => {},
                _ = term.recv() => {},
            }
        }
        #[cfg(not(unix))]
        let _ = tokio::signal::ctrl_c().await;
        self.trigger();
    }

    pub async fn drain(&self, timeout: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + timeout;
        while Arc::strong_count(&self.live) > 1 {
            if tokio::time::Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        self.drained.notify_waiters();
        true
    }

    pub async fn wait_for_signal_then_drain(&self, timeout: Duration) -> bool {
        self.wait_for_signal().await;
        self.drain(timeout).await
    }
}

impl Default for Shutdown {
    fn default() -> Self {
        Self::new()
    }
}
