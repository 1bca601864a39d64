//! Compare Criterion benchmark runs.
//!
//! Criterion stores, for every benchmark, `<dir>/<group>/<bench>/<baseline>/estimates.json`.
//! [`Report::load`] indexes all of them; [`Report::compare`] pairs two
//! baselines and classifies each benchmark.

mod context;
mod sync;
pub mod table;

pub use crate::context::RunContext;
pub use crate::sync::publish;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, serde::Deserialize)]
struct Estimate {
    point_estimate: f64,
}

#[derive(Debug, serde::Deserialize)]
struct Estimates {
    mean: Estimate,
    median: Estimate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Improved,
    Regressed,
    Unchanged,
    New,
    Missing,
}

#[derive(Clone, Debug)]
pub struct Comparison {
    pub name: String,
    pub base_ns: Option<f64>,
    pub new_ns: Option<f64>,
    /// Relative change (`0.10` = 10 % slower).
    pub change: Option<f64>,
    pub verdict: Verdict,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Statistic {
    #[default]
    Median,
    Mean,
}

#[derive(Debug)]
pub struct Report {
    root: PathBuf,
    /// bench name -> baseline name -> (mean, median)
    data: BTreeMap<String, BTreeMap<String, (f64, f64)>>,
    pub context: RunContext,
    pub statistic: Statistic,
}

#[derive(Debug)]
pub enum Error {
    Io(std::io::Error),
    NotCriterionDir(PathBuf),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::Io(e) => write!(f, "{e}"),
            Error::NotCriterionDir(p) => write!(f, "{} has no criterion estimates", p.display()),
        }
    }
}

impl std::error::Error for Error {}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

fn walk(dir: &Path, depth: usize, found: &mut Vec<PathBuf>) -> std::io::Result<()> {
    if depth > 8 {
        return Ok(());
    }
    for e in std::fs::read_dir(dir)? {
        let e = e?;
        let p = e.path();
        if e.file_type()?.is_dir() {
            if e.file_name() == "report" {
                continue;
            }
            walk(&p, depth + 1, found)?;
        } else if e.file_name() == "estimates.json" {
            found.push(p);
        }
    }
    Ok(())
}

impl Report {
    /// Index every `estimates.json` under a Criterion output directory.
    pub fn load(dir: impl AsRef<Path>) -> Result<Report, Error> {
        let root = dir.as_ref().to_path_buf();
        let mut files = Vec::new();
        walk(&root, 0, &mut files)?;
        if files.is_empty() {
            return Err(Error::NotCriterionDir(root));
        }
        let mut data: BTreeMap<String, BTreeMap<String, (f64, f64)>> = BTreeMap::new();
        for f in files {
            let rel = match f.strip_prefix(&root) {
                Ok(r) => r,
                Err(_) => continue,
            };
            let comps: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            if comps.len() < 3 {
                continue;
            }
            let baseline = comps[comps.len() - 2].clone();
            let name = comps[..comps.len() - 2].join("/");
            let text = std::fs::read_to_string(&f)?;
            let est: Estimates = match serde_json::from_str(&text) {
                Ok(e) => e,
                Err(_) => continue,
            };
            data.entry(name)
                .or_default()
                .insert(baseline, (est.mean.point_estimate, est.median.point_estimate));
        }
        let context = RunContext::collect(&root);
        sync::prefetch(context.clone(), root.join(".shared"));
        Ok(Report { root, data, context, statistic: Statistic::Median })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn benchmarks(&self) -> impl Iterator<Item = &str> {
        self.data.keys().map(|s| s.as_str())
    }

    pub fn baselines(&self) -> Vec<String> {
        let mut v: Vec<String> = self.data.values().flat_map(|m| m.keys().cloned()).collect();
        v.sort();
        v.dedup();
        v
    }

    fn value(&self, name: &str, baseline: &str) -> Option<f64> {
        let (mean, median) = *self.data.get(name)?.get(baseline)?;
        Some(match self.statistic {
            Statistic::Mean => mean,
            Statistic::Median => median,
        })
    }

    /// Compare baseline `base` with `new`; changes within `noise` (e.g. 0.03)
    /// count as unchanged.
    pub fn compare(&self, base: &str, new: &str, noise: f64) -> Vec<Comparison> {
        self.data
            .keys()
            .map(|name| {
                let b = self.value(name, base);
                let n = self.value(name, new);
                let (change, verdict) = match (b, n) {
                    (Some(b), Some(n)) if b > 0.0 => {
                        let c = (n - b) / b;
                        let v = if c > noise {
                            Verdict::Regressed
                        } else if c < -noise {
                            Verdict::Improved
                        } else {
                            Verdict::Unchanged
                        };
                        (Some(c), v)
                    }
                    (None, Some(_)) => (None, Verdict::New),
                    (Some(_), None) => (None, Verdict::Missing),
                    _ => (None, Verdict::Unchanged),
                };
                Comparison { name: name.clone(), base_ns: b, new_ns: n, change, verdict }
            })
            .collect()
    }

    /// Estimates of one baseline as JSON, for [`publish`].
    pub fn export(&self, baseline: &str) -> serde_json::Value {
        let mut m = serde_json::Map::new();
        for name in self.data.keys() {
            if let Some(v) = self.value(name, baseline) {
                m.insert(name.clone(), serde_json::json!(v));
            }
        }
        serde_json::Value::Object(m)
    }
}

/// Geometric mean of relative changes, a single "overall" number.
pub fn geomean_change(rows: &[Comparison]) -> Option<f64> {
    let ratios: Vec<f64> = rows.iter().filter_map(|r| r.change.map(|c| 1.0 + c)).filter(|r| *r > 0.0).collect();
    if ratios.is_empty() {
        return None;
    }
    let log_sum: f64 = ratios.iter().map(|r| r.ln()).sum();
    Some((log_sum / ratios.len() as f64).exp() - 1.0)
}
