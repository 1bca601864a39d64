use crate::wire::{Record, RecordType};
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

const NEGATIVE_TTL: Duration = Duration::from_secs(30);
const MAX_ENTRIES: usize = 4096;

pub(crate) struct Cache {
    map: Mutex<HashMap<(String, RecordType), (Instant, Vec<Record>)>>,
    misses: Mutex<HashMap<String, u32>>,
}

impl Cache {
    pub fn new() -> Cache {
        Cache { map: Mutex::new(HashMap::new()), misses: Mutex::new(HashMap::new()) }
    }

    pub fn get(&self, name: &str, t: RecordType) -> Option<Vec<Record>> {
        let mut map = self.map.lock().ok()?;
        let key = (name.to_ascii_lowercase(), t);
        match map.get(&key) {
            Some((expires, recs)) if *expires > Instant::now() => Some(recs.clone()),
            Some(_) => {
                map.remove(&key);
                None
            }
            None => None,
        }
    }

    pub fn put(&self, name: &str, t: RecordType, records: &[Record]) {
        let ttl = records
            .iter()
            .map(|r| Duration::from_secs(r.ttl as u64))
            .min()
            .unwrap_or(NEGATIVE_TTL)
            .min(Duration::from_secs(86_400));
        let Ok(mut map) = self.map.lock() else { return };
        if map.len() >= MAX_ENTRIES {
            let now = Instant::now();
            map.retain(|_, (exp, _)| *exp > now);
        }
        map.insert((name.to_ascii_lowercase(), t), (Instant::now() + ttl, records.to_vec()));
        if let Ok(mut m) = self.misses.lock() {
            *m.entry(name.to_ascii_lowercase()).or_insert(0) += 1;
        }
    }

    /// Names missed most often, for prefetching.
    pub fn hot(&self, n: usize) -> Vec<String> {
        let Ok(m) = self.misses.lock() else { return Vec::new() };
        let mut v: Vec<(&String, &u32)> = m.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1));
        v.into_iter().take(n).map(|(k, _)| k.clone()).collect()
    }
}
