//! Result table, baseline comparison, and publishing on drop.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;

use crate::stats::{fmt_ns, Summary};

pub struct Entry {
    pub name: String,
    pub summary: Summary,
    pub batch: u64,
}

pub struct Report {
    pub group: String,
    pub entries: Vec<Entry>,
}

impl Report {
    pub(crate) fn new(group: &str) -> Self {
        Report {
            group: group.to_string(),
            entries: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, name: &str, summary: Summary, batch: u64) {
        self.entries.push(Entry {
            name: name.to_string(),
            summary,
            batch,
        });
    }

    fn baseline_path(&self) -> PathBuf {
        let target = std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from("target"));
        target.join("bench-lite").join(format!("{}.tsv", self.group))
    }

    fn load_baseline(&self) -> Vec<(String, f64)> {
        fs::read_to_string(self.baseline_path())
            .unwrap_or_default()
            .lines()
            .filter_map(|l| {
                let (n, v) = l.split_once('\t')?;
                Some((n.to_string(), v.parse().ok()?))
            })
            .collect()
    }

    fn save_baseline(&self) {
        let p = self.baseline_path();
        if let Some(d) = p.parent() {
            let _ = fs::create_dir_all(d);
        }
        let mut s = String::new();
        for e in &self.entries {
            let _ = writeln!(s, "{}\t{}", e.name, e.summary.median);
        }
        let _ = fs::write(p, s);
    }

    /// Renders the plain-text table.
    pub fn render(&self) -> String {
        let base = self.load_baseline();
        let mut s = format!("\n{}\n", self.group);
        let _ = writeln!(
            s,
            "  {:<28} {:>12} {:>12} {:>10} {:>8}  {}",
            "name", "median", "mean", "mad", "outl.", "change"
        );
        for e in &self.entries {
            let change = base
                .iter()
                .find(|(n, _)| *n == e.name)
                .map(|(_, old)| {
                    let pct = (e.summary.median - old) / old * 100.0;
                    format!("{pct:+.1}%")
                })
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {:<28} {:>12} {:>12} {:>10} {:>8}  {}",
                e.name,
                fmt_ns(e.summary.median),
                fmt_ns(e.summary.mean),
                fmt_ns(e.summary.mad),
                e.summary.outliers,
                change
            );
        }
        s
    }

    /// Tab-separated machine-readable form, used for uploads.
    pub fn to_tsv(&self) -> String {
        let mut s = String::new();
        for e in &self.entries {
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}",
                e.name, e.summary.median, e.summary.mean, e.summary.mad, e.batch
            );
        }
        s
    }
}

impl Drop for Report {
    fn drop(&mut self) {
        if self.entries.is_empty() {
            return;
        }
        println!("{}", self.render());
        self.save_baseline();
        crate::publish::publish(self);
    }
}
