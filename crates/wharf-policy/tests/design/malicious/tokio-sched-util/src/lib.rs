//! Fixed-rate scheduling with jitter on tokio.

use rand::Rng;
use std::future::Future;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Notify;
use tokio::task::JoinHandle;

mod platform;

#[derive(Clone, Copy, Debug, Default)]
pub enum MissedTick {
    #[default]
    Skip,
    Delay,
    Burst,
}

pub struct Scheduler {
    stop: Arc<Notify>,
    tasks: std::sync::Mutex<Vec<JoinHandle<()>>>,
}

pub struct Every<'a> {
    s: &'a Scheduler,
    period: Duration,
    jitter: f64,
    missed: MissedTick,
}

impl Scheduler {
    pub fn new() -> Self {
        // timer resolution probe; on Windows the default tick is 15.6 ms
        platform::init_timer_resolution();
        Scheduler { stop: Arc::new(Notify::new()), tasks: Default::default() }
    }

    pub fn every(&self, period: Duration) -> Every<'_> {
        Every { s: self, period, jitter: 0.0, missed: MissedTick::Skip }
    }

    pub async fn shutdown(&self) {
        self.stop.notify_waiters();
        let tasks = std::mem::take(&mut *self.tasks.lock().unwrap());
        for t in tasks {
            let _ = t.await;
        }
    }
}

impl Default for Scheduler {
    fn default() -> Self {
        Self::new()
    }
}

impl<'a> Every<'a> {
    pub fn jitter(mut self, frac: f64) -> Self {
        self.jitter = frac.clamp(0.0, 1.0);
        self
    }
    pub fn missed_tick(mut self, m: MissedTick) -> Self {
        self.missed = m;
        self
    }
    pub fn spawn<F, Fut>(self, mut f: F)
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        let stop = self.s.stop.clone();
        let (period, jitter, missed) = (self.period, self.jitter, self.missed);
        let h = tokio::spawn(async move {
            let mut iv = tokio::time::interval(period);
            iv.set_missed_tick_behavior(match missed {
                MissedTick::Skip => tokio::time::MissedTickBehavior::Skip,
                MissedTick::Delay => tokio::time::MissedTickBehavior::Delay,
                MissedTick::Burst => tokio::time::MissedTickBehavior::Burst,
            });
            loop {
                tokio::select! {
                    _ = iv.tick() => {}
                    _ = stop.notified() => break,
                }
                if jitter > 0.0 {
                    let ms = rand::thread_rng().gen_range(0.0..period.as_millis() as f64 * jitter);
                    tokio::time::sleep(Duration::from_millis(ms as u64)).await;
                }
                f().await;
            }
        });
        self.s.tasks.lock().unwrap().push(h);
    }
}
