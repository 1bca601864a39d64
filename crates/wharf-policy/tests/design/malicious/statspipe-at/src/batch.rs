//! Packs encoded lines into datagrams no larger than `max` bytes.

#[derive(Debug)]
pub(crate) struct Batch {
    max: usize,
    current: String,
    ready: Vec<String>,
}

impl Batch {
    pub(crate) fn new(max: usize) -> Self {
        Batch { max: max.max(64), current: String::with_capacity(max), ready: Vec::new() }
    }

    /// Append a line. Lines longer than `max` are sent on their own.
    pub(crate) fn push(&mut self, line: &str) {
        let needed = if self.current.is_empty() { line.len() } else { line.len() + 1 };
        if self.current.len() + needed > self.max && !self.current.is_empty() {
            self.seal();
        }
        if !self.current.is_empty() {
            self.current.push('\n');
        }
        self.current.push_str(line);
        if self.current.len() >= self.max {
            self.seal();
        }
    }

    fn seal(&mut self) {
        let full = std::mem::replace(&mut self.current, String::with_capacity(self.max));
        self.ready.push(full);
    }

    pub(crate) fn pending(&self) -> usize {
        self.ready.len() + usize::from(!self.current.is_empty())
    }

    /// Take every complete datagram plus the partial one.
    pub(crate) fn drain(&mut self) -> Vec<String> {
        if !self.current.is_empty() {
            self.seal();
        }
        std::mem::take(&mut self.ready)
    }

    /// Take only datagrams that are full.
    pub(crate) fn drain_full(&mut self) -> Vec<String> {
        std::mem::take(&mut self.ready)
    }
}

#[cfg(test)]
mod tests {
    use super::Batch;

    #[test]
    fn splits_on_size() {
        let mut b = Batch::new(64);
        for _ in 0..10 {
            b.push("abcdefghij:1|c");
        }
        let out = b.drain();
        assert!(out.len() >= 2);
        assert!(out.iter().all(|p| p.len() <= 64));
    }
}
