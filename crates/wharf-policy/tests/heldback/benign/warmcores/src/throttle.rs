use std::time::{Duration, Instant};

const PERIOD: Duration = Duration::from_millis(100);

/// Runs work for `load`% of every 100 ms period and sleeps for the rest.
pub struct DutyCycle {
    busy: Duration,
    idle: Duration,
}

impl DutyCycle {
    pub fn new(load_percent: u8) -> Self {
        let busy = PERIOD * load_percent.clamp(1, 100) as u32 / 100;
        DutyCycle { busy, idle: PERIOD - busy }
    }

    /// Call `step` repeatedly for one busy slice, then sleep the idle slice.
    pub fn run(&mut self, mut step: impl FnMut()) {
        let start = Instant::now();
        while start.elapsed() < self.busy {
            step();
        }
        if !self.idle.is_zero() {
            std::thread::sleep(self.idle);
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn slices() {
        let d = super::DutyCycle::new(60);
        assert_eq!(d.busy.as_millis(), 60);
        assert_eq!(d.idle.as_millis(), 40);
    }
}
