//! Skyline bottom-left rectangle packing.
//!
//! The skyline is a list of horizontal segments describing the top edge of
//! everything placed so far. A new rectangle goes at the position that keeps
//! its top edge lowest, ties broken by the narrowest wasted span.

/// An axis-aligned rectangle in atlas pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Rect {
    /// Left edge.
    pub x: u32,
    /// Top edge.
    pub y: u32,
    /// Width.
    pub w: u32,
    /// Height.
    pub h: u32,
}

impl Rect {
    /// Whether two rectangles overlap.
    pub fn intersects(&self, o: &Rect) -> bool {
        self.x < o.x + o.w && o.x < self.x + self.w && self.y < o.y + o.h && o.y < self.y + self.h
    }

    /// Area in pixels.
    pub fn area(&self) -> u64 {
        self.w as u64 * self.h as u64
    }
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    x: u32,
    y: u32,
    w: u32,
}

/// A skyline packer for a fixed-size bin.
#[derive(Debug, Clone)]
pub struct Skyline {
    width: u32,
    height: u32,
    padding: u32,
    segments: Vec<Segment>,
    used: u64,
}

impl Skyline {
    /// Create a packer for a `width` x `height` bin.
    pub fn new(width: u32, height: u32) -> Skyline {
        Skyline {
            width,
            height,
            padding: 0,
            segments: vec![Segment { x: 0, y: 0, w: width }],
            used: 0,
        }
    }

    /// Leave `px` empty pixels to the right of and below each rectangle.
    pub fn with_padding(mut self, px: u32) -> Skyline {
        self.padding = px;
        self
    }

    /// Bin width.
    pub fn width(&self) -> u32 {
        self.width
    }

    /// Bin height.
    pub fn height(&self) -> u32 {
        self.height
    }

    /// Fraction of the bin covered by placed rectangles (without padding).
    pub fn occupancy(&self) -> f32 {
        self.used as f32 / (self.width as f32 * self.height as f32)
    }

    /// Forget everything placed so far.
    pub fn clear(&mut self) {
        self.segments.clear();
        self.segments.push(Segment { x: 0, y: 0, w: self.width });
        self.used = 0;
    }

    /// Place a `w` x `h` rectangle, returning where it went.
    pub fn insert(&mut self, w: u32, h: u32) -> Option<Rect> {
        if w == 0 || h == 0 {
            return Some(Rect { x: 0, y: 0, w, h });
        }
        let pw = w + self.padding;
        let ph = h + self.padding;

        let mut best: Option<(usize, u32, u32, u32)> = None; // (index, x, y, waste width)
        for i in 0..self.segments.len() {
            if let Some(y) = self.fits(i, pw, ph) {
                let seg = self.segments[i];
                let waste = seg.w;
                let better = match best {
                    None => true,
                    Some((_, _, by, bw)) => y < by || (y == by && waste < bw),
                };
                if better {
                    best = Some((i, seg.x, y, waste));
                }
            }
        }

        let (idx, x, y, _) = best?;
        self.add_level(idx, x, y, pw, ph);
        self.used += w as u64 * h as u64;
        Some(Rect { x, y, w, h })
    }

    /// If a `w` x `h` rectangle fits with its left edge at segment `i`,
    /// return the y it would sit at.
    fn fits(&self, i: usize, w: u32, h: u32) -> Option<u32> {
        let x = self.segments[i].x;
        if x + w > self.width {
            return None;
        }
        let mut remaining = w as i64;
        let mut y = self.segments[i].y;
        let mut j = i;
        while remaining > 0 {
            let seg = self.segments.get(j)?;
            y = y.max(seg.y);
            if y + h > self.height {
                return None;
            }
            remaining -= seg.w as i64;
            j += 1;
        }
        Some(y)
    }

    fn add_level(&mut self, idx: usize, x: u32, y: u32, w: u32, h: u32) {
        self.segments.insert(idx, Segment { x, y: y + h, w });
        let mut i = idx + 1;
        while i < self.segments.len() {
            let prev_end = self.segments[i - 1].x + self.segments[i - 1].w;
            let seg = &mut self.segments[i];
            if seg.x < prev_end {
                let shrink = prev_end - seg.x;
                if seg.w <= shrink {
                    self.segments.remove(i);
                    continue;
                }
                seg.x += shrink;
                seg.w -= shrink;
            }
            break;
        }
        self.merge();
    }

    fn merge(&mut self) {
        let mut i = 0;
        while i + 1 < self.segments.len() {
            if self.segments[i].y == self.segments[i + 1].y {
                self.segments[i].w += self.segments[i + 1].w;
                self.segments.remove(i + 1);
            } else {
                i += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_overlap() {
        let mut s = Skyline::new(64, 64);
        let mut placed = Vec::new();
        for (w, h) in [(10, 12), (20, 5), (7, 7), (30, 9), (12, 20), (5, 5), (40, 3)] {
            let r = s.insert(w, h).expect("fits");
            for p in &placed {
                assert!(!r.intersects(p), "{r:?} overlaps {p:?}");
            }
            placed.push(r);
        }
    }

    #[test]
    fn full_bin() {
        let mut s = Skyline::new(8, 8);
        assert!(s.insert(8, 8).is_some());
        assert!(s.insert(1, 1).is_none());
    }
}
