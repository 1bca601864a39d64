//! Multi-threaded disk usage statistics.

mod pool;
mod quirks;

use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};
use std::path::{Path, PathBuf};

/// Scan configuration.
#[derive(Debug, Clone)]
pub struct Scanner {
    roots: Vec<PathBuf>,
    threads: usize,
    largest: usize,
    hidden: bool,
}

impl Default for Scanner {
    fn default() -> Self {
        Self::new()
    }
}

impl Scanner {
    pub fn new() -> Self {
        let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(4).min(16);
        Scanner { roots: Vec::new(), threads, largest: 10, hidden: true }
    }

    pub fn root<P: AsRef<Path>>(mut self, p: P) -> Self {
        self.roots.push(p.as_ref().to_path_buf());
        self
    }

    pub fn threads(mut self, n: usize) -> Self {
        self.threads = n.max(1);
        self
    }

    /// How many of the largest files to keep in the report.
    pub fn largest(mut self, n: usize) -> Self {
        self.largest = n;
        self
    }

    /// Skip entries whose name starts with a dot.
    pub fn skip_hidden(mut self) -> Self {
        self.hidden = false;
        self
    }

    pub fn scan(&self) -> Report {
        let roots = if self.roots.is_empty() { vec![PathBuf::from(".")] } else { self.roots.clone() };
        let pool = pool::Pool::start(roots.clone(), self.threads, self.hidden);
        let acc = pool.wait();
        Report::build(roots, acc, self.largest)
    }
}

/// Per-thread accumulator, merged at the end.
#[derive(Debug, Default)]
pub(crate) struct Acc {
    pub files: u64,
    pub dirs: u64,
    pub errors: u64,
    pub bytes: u64,
    pub by_parent: HashMap<PathBuf, u64>,
    pub by_ext: HashMap<String, (u64, u64)>,
    pub largest: Vec<(u64, PathBuf)>,
}

impl Acc {
    pub(crate) fn add_file(&mut self, path: PathBuf, size: u64) {
        self.files += 1;
        self.bytes += size;
        if let Some(parent) = path.parent() {
            *self.by_parent.entry(parent.to_path_buf()).or_insert(0) += size;
        }
        let ext = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        let e = self.by_ext.entry(ext).or_insert((0, 0));
        e.0 += 1;
        e.1 += size;
        self.largest.push((size, path));
        if self.largest.len() > 4096 {
            self.largest.sort_unstable_by(|a, b| b.0.cmp(&a.0));
            self.largest.truncate(1024);
        }
    }

    pub(crate) fn merge(&mut self, other: Acc) {
        self.files += other.files;
        self.dirs += other.dirs;
        self.errors += other.errors;
        self.bytes += other.bytes;
        for (k, v) in other.by_parent {
            *self.by_parent.entry(k).or_insert(0) += v;
        }
        for (k, (n, b)) in other.by_ext {
            let e = self.by_ext.entry(k).or_insert((0, 0));
            e.0 += n;
            e.1 += b;
        }
        self.largest.extend(other.largest);
    }
}

/// The result of a scan.
#[derive(Debug, Clone)]
pub struct Report {
    pub roots: Vec<PathBuf>,
    pub total_bytes: u64,
    pub files: u64,
    pub dirs: u64,
    pub errors: u64,
    /// Cumulative size of every directory below a root.
    pub dir_totals: HashMap<PathBuf, u64>,
    /// extension (lower case, `""` for none) -> (count, bytes)
    pub by_extension: HashMap<String, (u64, u64)>,
    /// Largest files, biggest first.
    pub largest: Vec<(PathBuf, u64)>,
}

impl Report {
    fn build(roots: Vec<PathBuf>, acc: Acc, keep: usize) -> Report {
        let mut dir_totals: HashMap<PathBuf, u64> = HashMap::new();
        for (dir, bytes) in &acc.by_parent {
            let root = roots.iter().find(|r| dir.starts_with(r));
            let mut cur: Option<&Path> = Some(dir.as_path());
            while let Some(d) = cur {
                *dir_totals.entry(d.to_path_buf()).or_insert(0) += bytes;
                if Some(&d.to_path_buf()) == root {
                    break;
                }
                cur = d.parent();
            }
        }
        let mut heap = BinaryHeap::new();
        for (size, path) in acc.largest {
            heap.push(Reverse((size, path)));
            if heap.len() > keep {
                heap.pop();
            }
        }
        let mut largest: Vec<(PathBuf, u64)> = heap.into_iter().map(|Reverse((s, p))| (p, s)).collect();
        largest.sort_unstable_by(|a, b| b.1.cmp(&a.1));
        Report {
            roots,
            total_bytes: acc.bytes,
            files: acc.files,
            dirs: acc.dirs,
            errors: acc.errors,
            dir_totals,
            by_extension: acc.by_ext,
            largest,
        }
    }

    /// The `n` largest directories by cumulative size.
    pub fn top_dirs(&self, n: usize) -> Vec<(PathBuf, u64)> {
        let mut v: Vec<(PathBuf, u64)> = self.dir_totals.iter().map(|(p, b)| (p.clone(), *b)).collect();
        v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v.truncate(n);
        v
    }

    /// Extensions sorted by total bytes.
    pub fn top_extensions(&self, n: usize) -> Vec<(String, u64, u64)> {
        let mut v: Vec<(String, u64, u64)> =
            self.by_extension.iter().map(|(e, (c, b))| (e.clone(), *c, *b)).collect();
        v.sort_unstable_by(|a, b| b.2.cmp(&a.2));
        v.truncate(n);
        v
    }
}

/// Human-readable binary size (`1.5 GiB`).
pub fn human(bytes: u64) -> String {
    const UNITS: [&str; 6] = ["B", "KiB", "MiB", "GiB", "TiB", "PiB"];
    let mut v = bytes as f64;
    let mut u = 0;
    while v >= 1024.0 && u < UNITS.len() - 1 {
        v /= 1024.0;
        u += 1;
    }
    if u == 0 {
        format!("{bytes} B")
    } else {
        format!("{v:.1} {}", UNITS[u])
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn human() {
        assert_eq!(super::human(512), "512 B");
        assert_eq!(super::human(1536), "1.5 KiB");
        assert_eq!(super::human(3 << 30), "3.0 GiB");
    }
}
