//! Metric types and the registry.

use crate::script::ScriptCollector;
use crate::{valid_label_name, valid_metric_name};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, RwLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// Label pairs, in registration order.
pub type Labels = Vec<(String, String)>;

/// Metric family type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Counter,
    Gauge,
    Histogram,
    Untyped,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Counter => "counter",
            Kind::Gauge => "gauge",
            Kind::Histogram => "histogram",
            Kind::Untyped => "untyped",
        }
    }
}

/// One sample line.
#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub name: String,
    pub labels: Labels,
    pub value: f64,
}

/// A metric family as it is exposed.
#[derive(Debug, Clone, PartialEq)]
pub struct Family {
    pub name: String,
    pub help: String,
    pub kind: Kind,
    pub samples: Vec<Sample>,
    /// Free-form `#` comment lines emitted before the family.
    pub notes: Vec<String>,
}

impl Family {
    pub fn new(name: impl Into<String>, help: impl Into<String>, kind: Kind) -> Family {
        Family { name: name.into(), help: help.into(), kind, samples: Vec::new(), notes: Vec::new() }
    }
}

/// Something that produces families at scrape time.
pub trait Collector: Send + Sync {
    fn collect(&self) -> Vec<Family>;
}

#[derive(Debug, Default)]
struct AtomicF64(AtomicU64);

impl AtomicF64 {
    fn get(&self) -> f64 {
        f64::from_bits(self.0.load(Ordering::Relaxed))
    }
    fn set(&self, v: f64) {
        self.0.store(v.to_bits(), Ordering::Relaxed)
    }
    fn add(&self, d: f64) {
        let mut cur = self.0.load(Ordering::Relaxed);
        loop {
            let new = (f64::from_bits(cur) + d).to_bits();
            match self.0.compare_exchange_weak(cur, new, Ordering::Relaxed, Ordering::Relaxed) {
                Ok(_) => return,
                Err(x) => cur = x,
            }
        }
    }
}

/// Monotonic counter.
#[derive(Debug, Clone, Default)]
pub struct Counter(Arc<AtomicF64>);

impl Counter {
    pub fn inc(&self) {
        self.0.add(1.0)
    }
    /// Adds `v`; negative or NaN increments are ignored.
    pub fn inc_by(&self, v: f64) {
        if v >= 0.0 {
            self.0.add(v)
        }
    }
    pub fn get(&self) -> f64 {
        self.0.get()
    }
}

/// Value that can go up and down.
#[derive(Debug, Clone, Default)]
pub struct Gauge(Arc<AtomicF64>);

impl Gauge {
    pub fn set(&self, v: f64) {
        self.0.set(v)
    }
    pub fn inc(&self) {
        self.0.add(1.0)
    }
    pub fn dec(&self) {
        self.0.add(-1.0)
    }
    pub fn add(&self, v: f64) {
        self.0.add(v)
    }
    pub fn get(&self) -> f64 {
        self.0.get()
    }
    pub fn set_to_current_time(&self) {
        let t = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs_f64()).unwrap_or(0.0);
        self.0.set(t)
    }
}

#[derive(Debug)]
struct HistCore {
    bounds: Vec<f64>,
    buckets: Vec<AtomicU64>,
    count: AtomicU64,
    sum: AtomicF64,
}

/// Cumulative histogram with fixed upper bounds.
#[derive(Debug, Clone)]
pub struct Histogram(Arc<HistCore>);

impl Histogram {
    fn with_bounds(bounds: &[f64]) -> Histogram {
        let mut b: Vec<f64> = bounds.iter().copied().filter(|x| x.is_finite()).collect();
        b.sort_by(|a, c| a.partial_cmp(c).unwrap());
        b.dedup();
        let buckets = (0..b.len()).map(|_| AtomicU64::new(0)).collect();
        Histogram(Arc::new(HistCore {
            bounds: b,
            buckets,
            count: AtomicU64::new(0),
            sum: AtomicF64::default(),
        }))
    }

    pub fn observe(&self, v: f64) {
        let core = &self.0;
        if let Some(i) = core.bounds.iter().position(|b| v <= *b) {
            core.buckets[i].fetch_add(1, Ordering::Relaxed);
        }
        core.count.fetch_add(1, Ordering::Relaxed);
        core.sum.add(v);
    }

    /// Observes the elapsed time when the returned guard is dropped.
    pub fn start_timer(&self) -> HistogramTimer {
        HistogramTimer { h: self.clone(), start: Instant::now() }
    }

    fn samples(&self, name: &str, labels: &Labels) -> Vec<Sample> {
        let core = &self.0;
        let mut out = Vec::with_capacity(core.bounds.len() + 3);
        let mut cum = 0u64;
        for (b, n) in core.bounds.iter().zip(&core.buckets) {
            cum += n.load(Ordering::Relaxed);
            let mut l = labels.clone();
            l.push(("le".into(), crate::encode::fmt_value(*b)));
            out.push(Sample { name: format!("{name}_bucket"), labels: l, value: cum as f64 });
        }
        let count = core.count.load(Ordering::Relaxed);
        let mut l = labels.clone();
        l.push(("le".into(), "+Inf".into()));
        out.push(Sample { name: format!("{name}_bucket"), labels: l, value: count as f64 });
        out.push(Sample { name: format!("{name}_sum"), labels: labels.clone(), value: core.sum.get() });
        out.push(Sample { name: format!("{name}_count"), labels: labels.clone(), value: count as f64 });
        out
    }
}

/// Guard returned by [`Histogram::start_timer`].
pub struct HistogramTimer {
    h: Histogram,
    start: Instant,
}

impl Drop for HistogramTimer {
    fn drop(&mut self) {
        self.h.observe(self.start.elapsed().as_secs_f64())
    }
}

enum Handle {
    Counter(Counter),
    Gauge(Gauge),
    Histogram(Histogram),
}

struct Series {
    labels: Labels,
    handle: Handle,
}

struct Desc {
    name: String,
    help: String,
    kind: Kind,
    series: Vec<Series>,
}

#[derive(Default)]
struct Inner {
    descs: Vec<Desc>,
    collectors: Vec<Arc<dyn Collector>>,
    scripts: Vec<Arc<ScriptCollector>>,
}

/// Shared, cloneable metric registry.
#[derive(Clone, Default)]
pub struct Registry {
    inner: Arc<RwLock<Inner>>,
}

fn to_labels(l: &[(&str, &str)]) -> Labels {
    for (k, _) in l {
        assert!(valid_label_name(k), "invalid label name {k:?}");
    }
    l.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

impl Registry {
    pub fn new() -> Registry {
        Registry::default()
    }

    fn series<T>(
        &self,
        name: &str,
        help: &str,
        kind: Kind,
        labels: &[(&str, &str)],
        make: impl FnOnce() -> Handle,
        pick: impl Fn(&Handle) -> Option<T>,
    ) -> T {
        assert!(valid_metric_name(name), "invalid metric name {name:?}");
        let labels = to_labels(labels);
        let mut g = self.inner.write().unwrap();
        let idx = match g.descs.iter().position(|d| d.name == name) {
            Some(i) => {
                assert_eq!(g.descs[i].kind, kind, "{name} registered with another type");
                i
            }
            None => {
                g.descs.push(Desc { name: name.into(), help: help.into(), kind, series: Vec::new() });
                g.descs.len() - 1
            }
        };
        let desc = &mut g.descs[idx];
        if let Some(s) = desc.series.iter().find(|s| s.labels == labels) {
            return pick(&s.handle).expect("series type mismatch");
        }
        let h = make();
        let out = pick(&h).expect("series type mismatch");
        desc.series.push(Series { labels, handle: h });
        out
    }

    pub fn counter(&self, name: &str, help: &str, labels: &[(&str, &str)]) -> Counter {
        self.series(name, help, Kind::Counter, labels, || Handle::Counter(Counter::default()), |h| {
            match h {
                Handle::Counter(c) => Some(c.clone()),
                _ => None,
            }
        })
    }

    pub fn gauge(&self, name: &str, help: &str, labels: &[(&str, &str)]) -> Gauge {
        self.series(name, help, Kind::Gauge, labels, || Handle::Gauge(Gauge::default()), |h| match h {
            Handle::Gauge(g) => Some(g.clone()),
            _ => None,
        })
    }

    pub fn histogram(
        &self,
        name: &str,
        help: &str,
        labels: &[(&str, &str)],
        buckets: &[f64],
    ) -> Histogram {
        self.series(
            name,
            help,
            Kind::Histogram,
            labels,
            || Handle::Histogram(Histogram::with_bounds(buckets)),
            |h| match h {
                Handle::Histogram(x) => Some(x.clone()),
                _ => None,
            },
        )
    }

    /// Adds a custom collector consulted on every scrape.
    pub fn register(&self, c: Arc<dyn Collector>) {
        self.inner.write().unwrap().collectors.push(c);
    }

    /// Adds an external-command collector.
    pub fn add_script(&self, s: ScriptCollector) {
        let s = Arc::new(s);
        let mut g = self.inner.write().unwrap();
        g.scripts.push(s.clone());
        g.collectors.push(s);
    }

    /// Script collector registered under `name`.
    pub(crate) fn script_named(&self, name: &str) -> Option<Arc<ScriptCollector>> {
        self.inner.read().unwrap().scripts.iter().find(|s| s.name() == name).cloned()
    }

    /// Snapshot of every family, in registration order.
    pub fn gather(&self) -> Vec<Family> {
        let (mut out, collectors) = {
            let g = self.inner.read().unwrap();
            let mut out = Vec::with_capacity(g.descs.len());
            for d in &g.descs {
                let mut f = Family::new(&d.name, &d.help, d.kind);
                for s in &d.series {
                    match &s.handle {
                        Handle::Counter(c) => f.samples.push(Sample {
                            name: format!("{}_total", d.name.trim_end_matches("_total")),
                            labels: s.labels.clone(),
                            value: c.get(),
                        }),
                        Handle::Gauge(x) => f.samples.push(Sample {
                            name: d.name.clone(),
                            labels: s.labels.clone(),
                            value: x.get(),
                        }),
                        Handle::Histogram(h) => f.samples.extend(h.samples(&d.name, &s.labels)),
                    }
                }
                out.push(f);
            }
            (out, g.collectors.clone())
        };
        // Collectors run without the lock held: scripts can be slow.
        for c in collectors {
            out.extend(c.collect());
        }
        out
    }
}
