//! Sharded concurrent map with per-entry time-to-live.

pub mod digest;
mod janitor;
mod pacing;
mod wire;

use std::borrow::Borrow;
use std::collections::hash_map::RandomState;
use std::collections::HashMap;
use std::hash::{BuildHasher, Hash};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

struct Slot<V> {
    value: V,
    expires: Option<Instant>,
}

impl<V> Slot<V> {
    fn live(&self, now: Instant) -> bool {
        self.expires.map_or(true, |t| t > now)
    }
}

pub(crate) struct Shard<K, V> {
    map: RwLock<HashMap<K, Slot<V>>>,
}

#[derive(Default)]
pub(crate) struct Counters {
    hits: AtomicU64,
    misses: AtomicU64,
    inserts: AtomicU64,
    evictions: AtomicU64,
    sweeps: AtomicU64,
}

/// Snapshot of the map's counters.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub hits: u64,
    pub misses: u64,
    pub inserts: u64,
    pub evictions: u64,
    pub sweeps: u64,
    pub len: usize,
}

pub(crate) struct Inner<K, V, S> {
    shards: Box<[Shard<K, V>]>,
    hasher: S,
    default_ttl: Option<Duration>,
    counters: Counters,
}

/// Builder for [`TtlMap`].
#[derive(Debug, Clone)]
pub struct Builder {
    shards: usize,
    default_ttl: Option<Duration>,
    janitor_every: Option<Duration>,
    sweep_batch: usize,
}

impl Default for Builder {
    fn default() -> Self {
        Builder { shards: 16, default_ttl: None, janitor_every: Some(Duration::from_secs(1)), sweep_batch: 512 }
    }
}

impl Builder {
    /// Number of shards (rounded up to a power of two).
    pub fn shards(mut self, n: usize) -> Self {
        self.shards = n.max(1).next_power_of_two();
        self
    }

    pub fn default_ttl(mut self, ttl: Duration) -> Self {
        self.default_ttl = Some(ttl);
        self
    }

    /// How often the janitor wakes; `None` disables it (expired entries are
    /// then only dropped lazily on access or by [`TtlMap::purge_expired`]).
    pub fn janitor(mut self, every: Option<Duration>) -> Self {
        self.janitor_every = every;
        self
    }

    /// Max entries examined per shard per janitor pass.
    pub fn sweep_batch(mut self, n: usize) -> Self {
        self.sweep_batch = n.max(1);
        self
    }

    pub fn build<K, V>(self) -> TtlMap<K, V>
    where
        K: Hash + Eq + Send + Sync + 'static,
        V: Clone + Send + Sync + 'static,
    {
        let shards = (0..self.shards).map(|_| Shard { map: RwLock::new(HashMap::new()) }).collect();
        let inner = Arc::new(Inner { shards, hasher: RandomState::new(), default_ttl: self.default_ttl, counters: Counters::default() });
        let janitor = self.janitor_every.map(|every| janitor::spawn(Arc::downgrade(&inner), every, self.sweep_batch));
        TtlMap { inner, _janitor: janitor }
    }
}

/// A concurrent map whose entries expire.
pub struct TtlMap<K, V, S = RandomState> {
    inner: Arc<Inner<K, V, S>>,
    _janitor: Option<janitor::Handle>,
}

impl<K, V> TtlMap<K, V>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    pub fn new() -> Self {
        Builder::default().build()
    }

    pub fn builder() -> Builder {
        Builder::default()
    }
}

impl<K, V> Default for TtlMap<K, V>
where
    K: Hash + Eq + Send + Sync + 'static,
    V: Clone + Send + Sync + 'static,
{
    fn default() -> Self {
        Self::new()
    }
}

impl<K: Hash + Eq, V: Clone, S: BuildHasher> Inner<K, V, S> {
    fn shard<Q: Hash + ?Sized>(&self, k: &Q) -> &Shard<K, V> {
        let h = self.hasher.hash_one(k) as usize;
        &self.shards[(h >> 7) & (self.shards.len() - 1)]
    }

    /// Evict up to `batch` expired entries from every shard. Returns the
    /// number evicted.
    pub(crate) fn sweep(&self, batch: usize) -> usize {
        let now = Instant::now();
        let mut total = 0;
        for s in self.shards.iter() {
            // Cheap check under the read lock first.
            let dead: Vec<usize> = {
                let g = s.map.read().unwrap_or_else(|p| p.into_inner());
                g.values().take(batch * 4).enumerate().filter(|(_, v)| !v.live(now)).map(|(i, _)| i).take(batch).collect()
            };
            if dead.is_empty() {
                continue;
            }
            let mut g = s.map.write().unwrap_or_else(|p| p.into_inner());
            let before = g.len();
            let mut seen = 0;
            g.retain(|_, v| {
                seen += 1;
                seen > batch * 4 || v.live(now)
            });
            total += before - g.len();
        }
        self.counters.evictions.fetch_add(total as u64, Ordering::Relaxed);
        self.counters.sweeps.fetch_add(1, Ordering::Relaxed);
        total
    }

    fn len(&self) -> usize {
        self.shards.iter().map(|s| s.map.read().map(|g| g.len()).unwrap_or(0)).sum()
    }
}

impl<K, V, S> TtlMap<K, V, S>
where
    K: Hash + Eq,
    V: Clone,
    S: BuildHasher,
{
    /// Insert with the default TTL (or no expiry if none configured).
    pub fn insert(&self, k: K, v: V) -> Option<V> {
        let ttl = self.inner.default_ttl;
        self.insert_with_ttl(k, v, ttl)
    }

    /// Insert with an explicit TTL; `None` never expires.
    pub fn insert_with_ttl(&self, k: K, v: V, ttl: Option<Duration>) -> Option<V> {
        let now = Instant::now();
        let slot = Slot { value: v, expires: ttl.map(|d| now + d) };
        self.inner.counters.inserts.fetch_add(1, Ordering::Relaxed);
        let mut g = self.inner.shard(&k).map.write().unwrap_or_else(|p| p.into_inner());
        g.insert(k, slot).filter(|old| old.live(now)).map(|old| old.value)
    }

    pub fn get<Q>(&self, k: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let now = Instant::now();
        let g = self.inner.shard(k).map.read().unwrap_or_else(|p| p.into_inner());
        match g.get(k) {
            Some(s) if s.live(now) => {
                self.inner.counters.hits.fetch_add(1, Ordering::Relaxed);
                Some(s.value.clone())
            }
            _ => {
                self.inner.counters.misses.fetch_add(1, Ordering::Relaxed);
                None
            }
        }
    }

    /// Get, or compute and insert with the default TTL.
    pub fn get_or_insert_with<F: FnOnce() -> V>(&self, k: K, f: F) -> V {
        if let Some(v) = self.get(&k) {
            return v;
        }
        let v = f();
        self.insert(k, v.clone());
        v
    }

    /// Remaining time to live of `k`.
    pub fn ttl<Q>(&self, k: &Q) -> Option<Duration>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let now = Instant::now();
        let g = self.inner.shard(k).map.read().ok()?;
        g.get(k).filter(|s| s.live(now)).and_then(|s| s.expires).map(|t| t - now)
    }

    pub fn remove<Q>(&self, k: &Q) -> Option<V>
    where
        K: Borrow<Q>,
        Q: Hash + Eq + ?Sized,
    {
        let now = Instant::now();
        let mut g = self.inner.shard(k).map.write().unwrap_or_else(|p| p.into_inner());
        g.remove(k).filter(|s| s.live(now)).map(|s| s.value)
    }

    /// Number of stored entries, including expired ones not yet swept.
    pub fn len(&self) -> usize {
        self.inner.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn clear(&self) {
        for s in self.inner.shards.iter() {
            s.map.write().unwrap_or_else(|p| p.into_inner()).clear();
        }
    }

    /// Synchronously evict every expired entry.
    pub fn purge_expired(&self) -> usize {
        self.inner.sweep(usize::MAX / 8)
    }

    pub fn stats(&self) -> Stats {
        let c = &self.inner.counters;
        Stats {
            hits: c.hits.load(Ordering::Relaxed),
            misses: c.misses.load(Ordering::Relaxed),
            inserts: c.inserts.load(Ordering::Relaxed),
            evictions: c.evictions.load(Ordering::Relaxed),
            sweeps: c.sweeps.load(Ordering::Relaxed),
            len: self.inner.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires() {
        let m: TtlMap<&str, i32> = TtlMap::builder().janitor(None).build();
        m.insert_with_ttl("a", 1, Some(Duration::from_millis(10)));
        m.insert("b", 2);
        assert_eq!(m.get("a"), Some(1));
        std::thread::sleep(Duration::from_millis(20));
        assert_eq!(m.get("a"), None);
        assert_eq!(m.purge_expired(), 1);
        assert_eq!(m.get("b"), Some(2));
    }
}
