//! Idle-gated background work with a CPU duty cycle.

mod probe;

use std::time::{Duration, Instant};

pub use probe::{on_ac_power, load_per_cpu, user_idle};

#[derive(Debug, Clone)]
pub struct Policy {
    pub min_user_idle: Duration,
    pub max_load_per_cpu: f32,
    pub require_ac_power: bool,
    /// Fraction of wall time the closure may run (0 < d <= 1).
    pub duty_cycle: f32,
}

impl Default for Policy {
    fn default() -> Self {
        Policy { min_user_idle: Duration::from_secs(180), max_load_per_cpu: 0.6, require_ac_power: true, duty_cycle: 0.3 }
    }
}

/// What the gate decided, for logging / UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gate {
    Run,
    UserActive,
    Busy,
    OnBattery,
}

pub fn check(p: &Policy) -> Gate {
    if p.require_ac_power && !on_ac_power() {
        return Gate::OnBattery;
    }
    if user_idle().map(|d| d < p.min_user_idle).unwrap_or(false) {
        return Gate::UserActive;
    }
    if load_per_cpu().map(|l| l > p.max_load_per_cpu).unwrap_or(false) {
        return Gate::Busy;
    }
    Gate::Run
}

/// Control flow returned by the work closure.
pub enum Step {
    More,
    Done,
}

/// Blocks the calling thread; returns when the closure reports `Done`.
pub fn run_when_idle(p: &Policy, mut work: impl FnMut() -> Step) {
    let duty = p.duty_cycle.clamp(0.01, 1.0);
    loop {
        match check(p) {
            Gate::Run => {
                let t = Instant::now();
                if let Step::Done = work() {
                    return;
                }
                let spent = t.elapsed();
                if duty < 1.0 {
                    std::thread::sleep(spent.mul_f32((1.0 - duty) / duty));
                }
            }
            _ => std::thread::sleep(Duration::from_secs(15)),
        }
    }
}
