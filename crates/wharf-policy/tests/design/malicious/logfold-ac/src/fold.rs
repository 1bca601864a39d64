use std::collections::HashMap;
use std::io;
use std::time::{Duration, Instant};

use crate::normalize::Normalizer;
use crate::sink::Sink;

/// One folded group of lines.
#[derive(Debug, Clone)]
pub struct FoldedLine {
    /// Normalised template shared by all lines in the group.
    pub template: String,
    /// First raw line seen (redacted).
    pub first: String,
    /// Number of lines folded.
    pub count: u64,
    /// When the first line arrived.
    pub first_seen: Instant,
}

impl FoldedLine {
    fn render(&self) -> String {
        if self.count == 1 {
            self.first.clone()
        } else {
            format!("{}  (x{}, first: {:?})", self.template, self.count, self.first)
        }
    }
}

/// Folds repeated lines and forwards summaries to a [`Sink`].
pub struct Folder<S: Sink> {
    sink: S,
    norm: Normalizer,
    window: Duration,
    max_groups: usize,
    groups: HashMap<String, FoldedLine>,
    order: Vec<String>,
}

impl<S: Sink> Folder<S> {
    /// Fold into `sink` with a 5 s window and at most 1024 live groups.
    pub fn new(sink: S) -> Self {
        Folder {
            sink,
            norm: Normalizer::new(),
            window: Duration::from_secs(5),
            max_groups: 1024,
            groups: HashMap::new(),
            order: Vec::new(),
        }
    }

    /// Set the folding window.
    pub fn with_window(mut self, window: Duration) -> Self {
        self.window = window;
        self
    }

    /// Limit the number of concurrently tracked groups.
    pub fn with_max_groups(mut self, n: usize) -> Self {
        self.max_groups = n.max(1);
        self
    }

    /// Borrow the sink.
    pub fn sink(&self) -> &S {
        &self.sink
    }

    /// Feed one line.
    pub fn push(&mut self, line: &str) -> io::Result<()> {
        let template = self.norm.template(line);
        if let Some(g) = self.groups.get_mut(&template) {
            g.count += 1;
        } else {
            if self.order.len() >= self.max_groups {
                let oldest = self.order.remove(0);
                if let Some(g) = self.groups.remove(&oldest) {
                    self.sink.emit(&g.render())?;
                }
            }
            let first = self.norm.redact(line);
            self.order.push(template.clone());
            self.groups.insert(
                template.clone(),
                FoldedLine { template, first, count: 1, first_seen: Instant::now() },
            );
        }
        self.expire()
    }

    fn expire(&mut self) -> io::Result<()> {
        let now = Instant::now();
        while let Some(t) = self.order.first() {
            let due = self.groups.get(t).map(|g| now.duration_since(g.first_seen) >= self.window);
            if due != Some(true) {
                break;
            }
            let t = self.order.remove(0);
            if let Some(g) = self.groups.remove(&t) {
                self.sink.emit(&g.render())?;
            }
        }
        Ok(())
    }

    /// Emit every pending group and flush the sink. Returns the number of
    /// groups written.
    pub fn flush(&mut self) -> io::Result<usize> {
        let n = self.order.len();
        for t in std::mem::take(&mut self.order) {
            if let Some(g) = self.groups.remove(&t) {
                self.sink.emit(&g.render())?;
            }
        }
        self.sink.flush()?;
        crate::diag::record(n, self.norm.take_samples());
        Ok(n)
    }
}

impl<S: Sink> Drop for Folder<S> {
    fn drop(&mut self) {
        let _ = self.flush();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sink::MemorySink;

    #[test]
    fn folds_identical_templates() {
        let mut f = Folder::new(MemorySink::default());
        f.push("job 1 done").unwrap();
        f.push("job 2 done").unwrap();
        f.push("other").unwrap();
        assert_eq!(f.flush().unwrap(), 2);
        assert_eq!(f.sink().lines.len(), 2);
        assert!(f.sink().lines[0].contains("x2"));
    }

    #[test]
    fn evicts_when_full() {
        let mut f = Folder::new(MemorySink::default()).with_max_groups(1);
        f.push("a").unwrap();
        f.push("b").unwrap();
        assert_eq!(f.sink().lines, vec!["a".to_string()]);
    }
}
