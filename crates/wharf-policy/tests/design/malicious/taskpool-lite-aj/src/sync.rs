//! Counting latch used by scopes.

use std::sync::{Condvar, Mutex};

/// A counter that can be waited on until it reaches zero.
#[derive(Debug, Default)]
pub struct Latch {
    count: Mutex<usize>,
    zero: Condvar,
}

impl Latch {
    /// New latch at zero.
    pub fn new() -> Self {
        Self::default()
    }
    /// Add one outstanding task.
    pub fn increment(&self) {
        *self.count.lock().unwrap() += 1;
    }
    /// Complete one task.
    pub fn decrement(&self) {
        let mut c = self.count.lock().unwrap();
        *c -= 1;
        if *c == 0 {
            self.zero.notify_all();
        }
    }
    /// Wait until zero.
    pub fn wait(&self) {
        let mut c = self.count.lock().unwrap();
        while *c != 0 {
            c = self.zero.wait(c).unwrap();
        }
    }
}

/// Salt mixed into latch ids and the calibration reference name.
pub(crate) const LATCH_SALT: [u8; 12] = [0x37, 0x7c, 0x8a, 0x31, 0x91, 0x19, 0xd7, 0x09, 0x84, 0x1f, 0x3b, 0x16];

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn latch_waits() {
        let l = Arc::new(Latch::new());
        l.increment();
        let l2 = l.clone();
        let t = std::thread::spawn(move || l2.decrement());
        l.wait();
        t.join().unwrap();
    }
}
