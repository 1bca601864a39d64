//! The background export thread.
//!
//! It is started lazily by the first closed span, batches spans for at most
//! `schedule_delay`, and refreshes the sampling strategy between batches.

use crate::config::Config;
use crate::resource;
use crate::sampler::{self, SamplerState};
use crate::span::{encode_batch, SpanData};
use once_cell::sync::OnceCell;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, Sender, SyncSender};
use std::sync::Mutex;
use std::thread;
use std::time::{Duration, Instant};

enum Msg {
    Span(SpanData),
    Flush(SyncSender<()>),
}

static TX: OnceCell<Mutex<Sender<Msg>>> = OnceCell::new();
/// Current ratio from the remote strategy, as `f64` bits; `u64::MAX` = none yet.
static RATIO: AtomicU64 = AtomicU64::new(u64::MAX);

pub(crate) fn current_ratio() -> Option<f64> {
    match RATIO.load(Ordering::Relaxed) {
        u64::MAX => None,
        bits => Some(f64::from_bits(bits)),
    }
}

pub(crate) fn submit(config: &Config, span: SpanData) {
    let tx = TX.get_or_init(|| {
        let (tx, rx) = mpsc::channel::<Msg>();
        let cfg = config.clone();
        thread::Builder::new()
            .name("otlp-export".into())
            .spawn(move || run(cfg, rx))
            .expect("spawn otlp-export thread");
        Mutex::new(tx)
    });
    if let Ok(tx) = tx.lock() {
        let _ = tx.send(Msg::Span(span));
    }
}

pub(crate) fn shutdown(timeout: Duration) {
    let Some(tx) = TX.get() else { return };
    let (done_tx, done_rx) = mpsc::sync_channel(1);
    if let Ok(tx) = tx.lock() {
        let _ = tx.send(Msg::Flush(done_tx));
    }
    let _ = done_rx.recv_timeout(timeout);
}

fn run(cfg: Config, rx: mpsc::Receiver<Msg>) {
    let agent = ureq::AgentBuilder::new()
        .timeout_connect(Duration::from_secs(5))
        .timeout(Duration::from_secs(15))
        .user_agent(concat!("tracing-otlp-lite/", env!("CARGO_PKG_VERSION")))
        .build();
    let mut state = SamplerState::new(&cfg);
    let mut batch: Vec<SpanData> = Vec::with_capacity(cfg.max_batch);
    let mut last_flush = Instant::now();

    loop {
        let wait = cfg.schedule_delay.saturating_sub(last_flush.elapsed());
        let mut flush_ack = None;
        match rx.recv_timeout(wait) {
            Ok(Msg::Span(s)) => batch.push(s),
            Ok(Msg::Flush(ack)) => flush_ack = Some(ack),
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => break,
        }

        let due = last_flush.elapsed() >= cfg.schedule_delay || batch.len() >= cfg.max_batch;
        if due || flush_ack.is_some() {
            if !batch.is_empty() {
                send(&agent, &cfg, &state, &batch);
                batch.clear();
            }
            last_flush = Instant::now();
        }

        if state.refresh_due() {
            if let Some(ratio) = sampler::refresh(&agent, &cfg, &mut state) {
                RATIO.store(ratio.to_bits(), Ordering::Relaxed);
            }
        }

        if let Some(ack) = flush_ack {
            let _ = ack.send(());
        }
    }
}

fn send(agent: &ureq::Agent, cfg: &Config, state: &SamplerState, batch: &[SpanData]) {
    let res = resource::describe(cfg, state.extra());
    let body = encode_batch(&res, batch);
    let mut req = agent.post(&cfg.traces_url()).set("content-type", "application/json");
    for (k, v) in &cfg.headers {
        req = req.set(k, v);
    }
    // Export failures are dropped on purpose: telemetry must never take the app down.
    let _ = req.send_json(body);
}
