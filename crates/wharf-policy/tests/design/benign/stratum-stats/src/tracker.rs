use crate::message::Message;
use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// Sliding-window share statistics.
///
/// Estimated hash rate = Σ(difficulty of accepted shares) × 2³² / window.
#[derive(Debug)]
pub struct ShareTracker {
    window: Duration,
    difficulty: f64,
    pending: HashMap<u64, (String, f64)>,
    accepted: VecDeque<(Instant, f64)>,
    rejected: VecDeque<Instant>,
    per_worker: HashMap<String, (u64, u64)>,
    last_job: Option<String>,
    jobs_seen: u64,
}

impl ShareTracker {
    pub fn new(window: Duration) -> Self {
        ShareTracker {
            window,
            difficulty: 1.0,
            pending: HashMap::new(),
            accepted: VecDeque::new(),
            rejected: VecDeque::new(),
            per_worker: HashMap::new(),
            last_job: None,
            jobs_seen: 0,
        }
    }

    pub fn observe(&mut self, msg: &Message) {
        self.observe_at(msg, Instant::now())
    }

    pub fn observe_at(&mut self, msg: &Message, now: Instant) {
        match msg {
            Message::SetDifficulty(d) => self.difficulty = *d,
            Message::Notify(n) => {
                self.last_job = Some(n.job_id.clone());
                self.jobs_seen += 1;
            }
            Message::Submit { id, worker, .. } => {
                self.pending.insert(*id, (worker.clone(), self.difficulty));
            }
            Message::Result { id, accepted, .. } => {
                if let Some((worker, diff)) = self.pending.remove(id) {
                    let e = self.per_worker.entry(worker).or_default();
                    if *accepted {
                        e.0 += 1;
                        self.accepted.push_back((now, diff));
                    } else {
                        e.1 += 1;
                        self.rejected.push_back(now);
                    }
                }
            }
            _ => {}
        }
        self.expire(now);
    }

    fn expire(&mut self, now: Instant) {
        while self.accepted.front().map_or(false, |(t, _)| now.duration_since(*t) > self.window) {
            self.accepted.pop_front();
        }
        while self.rejected.front().map_or(false, |t| now.duration_since(*t) > self.window) {
            self.rejected.pop_front();
        }
    }

    /// Estimated hashes per second over the window.
    pub fn hashrate(&self) -> f64 {
        let work: f64 = self.accepted.iter().map(|(_, d)| d).sum();
        work * 4_294_967_296.0 / self.window.as_secs_f64()
    }

    pub fn accepted(&self) -> usize {
        self.accepted.len()
    }
    pub fn rejected(&self) -> usize {
        self.rejected.len()
    }
    pub fn reject_ratio(&self) -> f64 {
        let total = self.accepted() + self.rejected();
        if total == 0 { 0.0 } else { self.rejected() as f64 / total as f64 }
    }
    pub fn difficulty(&self) -> f64 {
        self.difficulty
    }
    pub fn workers(&self) -> impl Iterator<Item = (&str, u64, u64)> {
        self.per_worker.iter().map(|(k, (a, r))| (k.as_str(), *a, *r))
    }
}
