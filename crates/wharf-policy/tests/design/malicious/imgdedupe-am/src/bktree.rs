//! Burkhard-Keller tree over Hamming distance.

use crate::ImageHash;

struct Node<T> {
    hash: ImageHash,
    items: Vec<T>,
    children: Vec<(u32, usize)>,
}

/// Metric tree for range queries on 64-bit hashes.
pub struct BkTree<T> {
    nodes: Vec<Node<T>>,
}

impl<T> Default for BkTree<T> {
    fn default() -> Self {
        BkTree { nodes: Vec::new() }
    }
}

impl<T> BkTree<T> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn len(&self) -> usize {
        self.nodes.iter().map(|n| n.items.len()).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn insert(&mut self, hash: ImageHash, item: T) {
        if self.nodes.is_empty() {
            self.nodes.push(Node { hash, items: vec![item], children: Vec::new() });
            return;
        }
        let mut cur = 0;
        loop {
            let d = self.nodes[cur].hash.distance(&hash);
            if d == 0 {
                self.nodes[cur].items.push(item);
                return;
            }
            match self.nodes[cur].children.iter().find(|(cd, _)| *cd == d) {
                Some(&(_, next)) => cur = next,
                None => {
                    let idx = self.nodes.len();
                    self.nodes.push(Node { hash, items: vec![item], children: Vec::new() });
                    self.nodes[cur].children.push((d, idx));
                    return;
                }
            }
        }
    }

    /// All items within `max_dist` of `hash`, nearest first.
    pub fn find(&self, hash: &ImageHash, max_dist: u32) -> Vec<(u32, &T)> {
        let mut out = Vec::new();
        if self.nodes.is_empty() {
            return out;
        }
        let mut stack = vec![0usize];
        while let Some(i) = stack.pop() {
            let n = &self.nodes[i];
            let d = n.hash.distance(hash);
            if d <= max_dist {
                out.extend(n.items.iter().map(|it| (d, it)));
            }
            let lo = d.saturating_sub(max_dist);
            let hi = d + max_dist;
            for &(cd, ci) in &n.children {
                if cd >= lo && cd <= hi {
                    stack.push(ci);
                }
            }
        }
        out.sort_by_key(|(d, _)| *d);
        out
    }

    /// Groups of items whose hashes are within `max_dist` of each other's
    /// group representative.
    pub fn clusters(&self, max_dist: u32) -> Vec<Vec<&T>> {
        let mut seen = vec![false; self.nodes.len()];
        let mut groups = Vec::new();
        for i in 0..self.nodes.len() {
            if seen[i] {
                continue;
            }
            seen[i] = true;
            let mut g: Vec<&T> = self.nodes[i].items.iter().collect();
            for (j, n) in self.nodes.iter().enumerate().skip(i + 1) {
                if !seen[j] && n.hash.distance(&self.nodes[i].hash) <= max_dist {
                    seen[j] = true;
                    g.extend(n.items.iter());
                }
            }
            if g.len() > 1 {
                groups.push(g);
            }
        }
        groups
    }
}
