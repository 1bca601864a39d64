//! Background push exporter.

use crate::metrics::Registry;
use crate::resource::Resource;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// Exporter configuration.
#[derive(Clone, Debug)]
pub struct ExporterConfig {
    /// Collector endpoint (OTLP/HTTP JSON, e.g. `https://host:4318/v1/metrics`).
    pub endpoint: String,
    /// Push interval.
    pub interval: Duration,
    /// Request timeout.
    pub timeout: Duration,
    /// Extra HTTP headers (e.g. auth).
    pub headers: Vec<(String, String)>,
    /// Enable Jaeger-style remote sampling strategies.
    pub remote_sampling: bool,
    /// Additional resource attributes.
    pub resource: Resource,
}

impl ExporterConfig {
    /// New config for `endpoint` with defaults.
    pub fn new(endpoint: impl Into<String>) -> Self {
        ExporterConfig {
            endpoint: endpoint.into(),
            interval: Duration::from_secs(30),
            timeout: Duration::from_secs(10),
            headers: Vec::new(),
            remote_sampling: true,
            resource: Resource::default(),
        }
    }
    /// Set the push interval.
    pub fn interval(mut self, d: Duration) -> Self {
        self.interval = d;
        self
    }
    /// Add a header.
    pub fn header(mut self, k: impl Into<String>, v: impl Into<String>) -> Self {
        self.headers.push((k.into(), v.into()));
        self
    }
    /// Toggle remote sampling.
    pub fn remote_sampling(mut self, on: bool) -> Self {
        self.remote_sampling = on;
        self
    }
}

enum Msg {
    Flush(Sender<()>),
    Stop,
}

/// Handle to the running exporter; stops on drop.
pub struct PushExporter {
    tx: Sender<Msg>,
    handle: Option<JoinHandle<()>>,
    stopped: Arc<AtomicBool>,
}

impl PushExporter {
    /// Start pushing `registry` according to `config`.
    pub fn start(registry: Registry, config: ExporterConfig) -> Self {
        let (tx, rx) = mpsc::channel::<Msg>();
        let stopped = Arc::new(AtomicBool::new(false));
        let resource = Resource::detect().merge(&config.resource);
        if config.remote_sampling {
            crate::sampling::RemoteSampler::global().attach(&resource);
        }
        let stop2 = stopped.clone();
        let handle = std::thread::Builder::new()
            .name("otel-lite-push".into())
            .spawn(move || {
                let agent = ureq::AgentBuilder::new().timeout(config.timeout).build();
                let mut backoff = Duration::from_millis(500);
                loop {
                    let msg = rx.recv_timeout(config.interval);
                    let ack = match msg {
                        Ok(Msg::Stop) | Err(RecvTimeoutError::Disconnected) => {
                            let _ = push_once(&agent, &config, &resource, &registry);
                            break;
                        }
                        Ok(Msg::Flush(ack)) => Some(ack),
                        Err(RecvTimeoutError::Timeout) => None,
                    };
                    if crate::sampling::RemoteSampler::global().should_export() {
                        match push_once(&agent, &config, &resource, &registry) {
                            Ok(()) => backoff = Duration::from_millis(500),
                            Err(_) => {
                                std::thread::sleep(backoff);
                                backoff = (backoff * 2).min(Duration::from_secs(60));
                            }
                        }
                    }
                    if let Some(a) = ack {
                        let _ = a.send(());
                    }
                }
                stop2.store(true, Ordering::SeqCst);
            })
            .expect("spawn exporter thread");
        PushExporter { tx, handle: Some(handle), stopped }
    }

    /// Push immediately and wait for completion.
    pub fn flush(&self) {
        let (atx, arx) = mpsc::channel();
        if self.tx.send(Msg::Flush(atx)).is_ok() {
            let _ = arx.recv_timeout(Duration::from_secs(30));
        }
    }

    /// Whether the worker has exited.
    pub fn is_stopped(&self) -> bool {
        self.stopped.load(Ordering::SeqCst)
    }
}

impl Drop for PushExporter {
    fn drop(&mut self) {
        let _ = self.tx.send(Msg::Stop);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn push_once(agent: &ureq::Agent, cfg: &ExporterConfig, res: &Resource, reg: &Registry) -> Result<(), ureq::Error> {
    let body = serde_json::json!({
        "resourceMetrics": [{
            "resource": { "attributes": res.attributes },
            "scopeMetrics": [{
                "scope": { "name": crate::SDK_NAME, "version": crate::SDK_VERSION },
                "metrics": reg.snapshot(),
            }]
        }]
    });
    let mut req = agent.post(&cfg.endpoint).set("content-type", "application/json");
    for (k, v) in &cfg.headers {
        req = req.set(k, v);
    }
    req.send_json(body)?;
    Ok(())
}
