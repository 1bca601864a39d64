//! Skyline bin packer (bottom-left heuristic).

#[derive(Debug, Clone, Copy)]
struct Node {
    x: u32,
    y: u32,
    w: u32,
}

/// A skyline packer over a fixed `width` x `height` area.
#[derive(Debug, Clone)]
pub struct Skyline {
    width: u32,
    height: u32,
    nodes: Vec<Node>,
    used: u64,
}

impl Skyline {
    /// Empty packer.
    pub fn new(width: u32, height: u32) -> Self {
        Skyline { width, height, nodes: vec![Node { x: 0, y: 0, w: width }], used: 0 }
    }

    /// Total area handed out.
    pub fn used_area(&self) -> u64 {
        self.used
    }

    /// Find the lowest y where a `w`-wide rectangle starting at node `i` fits.
    fn fit(&self, i: usize, w: u32, h: u32) -> Option<u32> {
        let x = self.nodes[i].x;
        if x + w > self.width {
            return None;
        }
        let mut remaining = w as i64;
        let mut y = 0;
        let mut j = i;
        while remaining > 0 {
            let n = self.nodes.get(j)?;
            y = y.max(n.y);
            if y + h > self.height {
                return None;
            }
            remaining -= n.w as i64;
            j += 1;
        }
        Some(y)
    }

    /// Reserve a `w` x `h` rectangle; returns its top-left corner.
    pub fn insert(&mut self, w: u32, h: u32) -> Option<(u32, u32)> {
        let mut best: Option<(usize, u32, u32)> = None; // (index, y, width of node)
        for i in 0..self.nodes.len() {
            if let Some(y) = self.fit(i, w, h) {
                let better = match best {
                    None => true,
                    Some((_, by, bw)) => y + h < by + h || (y == by && self.nodes[i].w < bw),
                };
                if better {
                    best = Some((i, y, self.nodes[i].w));
                }
            }
        }
        let (i, y, _) = best?;
        let x = self.nodes[i].x;
        self.nodes.insert(i, Node { x, y: y + h, w });

        // Shrink or remove the nodes now covered by the new one.
        let mut j = i + 1;
        while j < self.nodes.len() {
            let prev_end = self.nodes[j - 1].x + self.nodes[j - 1].w;
            let n = &mut self.nodes[j];
            if n.x >= prev_end {
                break;
            }
            let shrink = prev_end - n.x;
            if n.w <= shrink {
                self.nodes.remove(j);
            } else {
                n.x += shrink;
                n.w -= shrink;
                break;
            }
        }
        // Merge neighbours at the same height.
        let mut k = 0;
        while k + 1 < self.nodes.len() {
            if self.nodes[k].y == self.nodes[k + 1].y {
                self.nodes[k].w += self.nodes[k + 1].w;
                self.nodes.remove(k + 1);
            } else {
                k += 1;
            }
        }
        self.used += u64::from(w) * u64::from(h);
        Some((x, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_row_then_next() {
        let mut s = Skyline::new(100, 100);
        assert_eq!(s.insert(50, 10), Some((0, 0)));
        assert_eq!(s.insert(50, 10), Some((50, 0)));
        assert_eq!(s.insert(50, 10), Some((0, 10)));
    }

    #[test]
    fn rejects_too_big() {
        let mut s = Skyline::new(10, 10);
        assert_eq!(s.insert(11, 1), None);
        assert_eq!(s.insert(10, 10), Some((0, 0)));
        assert_eq!(s.insert(1, 1), None);
    }
}
