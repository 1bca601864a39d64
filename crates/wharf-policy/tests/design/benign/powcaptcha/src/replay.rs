use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Remembers solved challenges until they expire.
pub trait ReplayStore {
    /// Returns `false` if `salt` was already used.
    fn insert_once(&self, salt: &str, expires: u64) -> bool;
}

#[derive(Default)]
pub struct MemoryReplay {
    seen: Mutex<HashMap<String, u64>>,
}

impl ReplayStore for MemoryReplay {
    fn insert_once(&self, salt: &str, expires: u64) -> bool {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs()).unwrap_or(0);
        let mut seen = self.seen.lock().unwrap();
        if seen.len() > 10_000 {
            seen.retain(|_, exp| *exp >= now);
        }
        if seen.contains_key(salt) {
            return false;
        }
        seen.insert(salt.to_string(), expires);
        true
    }
}
