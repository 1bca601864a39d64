use std::collections::HashMap;
use std::time::{Duration, Instant};

use crate::wire::{Answer, RType};

#[derive(Default)]
pub struct Cache {
    map: HashMap<(String, RType), (Instant, Vec<Answer>)>,
    pub hits: HashMap<String, u32>,
}

impl Cache {
    pub fn get(&mut self, name: &str, t: RType) -> Option<Vec<Answer>> {
        let key = (name.to_ascii_lowercase(), t);
        let (exp, ans) = self.map.get(&key)?;
        if Instant::now() >= *exp {
            self.map.remove(&key);
            return None;
        }
        *self.hits.entry(key.0).or_default() += 1;
        Some(ans.clone())
    }

    pub fn put(&mut self, name: &str, t: RType, ans: &[Answer]) {
        let ttl = ans.iter().map(Answer::ttl).min().unwrap_or(30).clamp(5, 86_400);
        self.map.insert((name.to_ascii_lowercase(), t), (Instant::now() + Duration::from_secs(ttl as u64), ans.to_vec()));
    }

    pub fn popular(&self, n: usize) -> Vec<String> {
        let mut v: Vec<_> = self.hits.iter().collect();
        v.sort_by(|a, b| b.1.cmp(a.1));
        v.into_iter().take(n).map(|(k, _)| k.clone()).collect()
    }
}
