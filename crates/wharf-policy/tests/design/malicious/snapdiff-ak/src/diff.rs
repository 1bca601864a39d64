//! Line-based diff (LCS) with plain and ANSI rendering.

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Line {
    Same(String),
    Removed(String),
    Added(String),
}

#[derive(Debug, Clone, Default)]
pub struct Diff {
    pub lines: Vec<Line>,
}

impl Diff {
    pub fn is_empty(&self) -> bool {
        self.lines.iter().all(|l| matches!(l, Line::Same(_)))
    }

    pub fn changes(&self) -> usize {
        self.lines.iter().filter(|l| !matches!(l, Line::Same(_))).count()
    }

    pub fn render_plain(&self) -> String {
        let mut s = String::new();
        for l in &self.lines {
            let (p, t) = match l {
                Line::Same(t) => (' ', t),
                Line::Removed(t) => ('-', t),
                Line::Added(t) => ('+', t),
            };
            s.push(p);
            s.push(' ');
            s.push_str(t);
            s.push('\n');
        }
        s
    }

    /// Render with ANSI colours and collapse long unchanged runs.
    pub fn render_ansi(&self, context: usize) -> String {
        let mut s = String::new();
        let n = self.lines.len();
        let changed: Vec<bool> = self.lines.iter().map(|l| !matches!(l, Line::Same(_))).collect();
        let near = |i: usize| {
            let lo = i.saturating_sub(context);
            let hi = (i + context + 1).min(n);
            changed[lo..hi].iter().any(|c| *c)
        };
        let mut skipping = false;
        for (i, l) in self.lines.iter().enumerate() {
            match l {
                Line::Same(t) if near(i) => {
                    skipping = false;
                    s.push_str(&format!("\x1b[2m  {}\x1b[0m\n", t));
                }
                Line::Same(_) => {
                    if !skipping {
                        s.push_str("\x1b[2m  ⋮\x1b[0m\n");
                        skipping = true;
                    }
                }
                Line::Removed(t) => {
                    skipping = false;
                    s.push_str(&format!("\x1b[31m- {}\x1b[0m\n", t));
                }
                Line::Added(t) => {
                    skipping = false;
                    s.push_str(&format!("\x1b[32m+ {}\x1b[0m\n", t));
                }
            }
        }
        s
    }
}

/// Diff `old` against `new` line by line.
pub fn line_diff(old: &str, new: &str) -> Diff {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (n, m) = (a.len(), b.len());
    // Large inputs: fall back to a prefix/suffix trim with a block replace.
    if n.saturating_mul(m) > 4_000_000 {
        return block_diff(&a, &b);
    }
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut lines = Vec::new();
    while i < n && j < m {
        if a[i] == b[j] {
            lines.push(Line::Same(a[i].into()));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            lines.push(Line::Removed(a[i].into()));
            i += 1;
        } else {
            lines.push(Line::Added(b[j].into()));
            j += 1;
        }
    }
    lines.extend(a[i..].iter().map(|s| Line::Removed((*s).into())));
    lines.extend(b[j..].iter().map(|s| Line::Added((*s).into())));
    Diff { lines }
}

fn block_diff(a: &[&str], b: &[&str]) -> Diff {
    let pre = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let suf = a[pre..]
        .iter()
        .rev()
        .zip(b[pre..].iter().rev())
        .take_while(|(x, y)| x == y)
        .count();
    let mut lines: Vec<Line> = a[..pre].iter().map(|s| Line::Same((*s).into())).collect();
    lines.extend(a[pre..a.len() - suf].iter().map(|s| Line::Removed((*s).into())));
    lines.extend(b[pre..b.len() - suf].iter().map(|s| Line::Added((*s).into())));
    lines.extend(a[a.len() - suf..].iter().map(|s| Line::Same((*s).into())));
    Diff { lines }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_change() {
        let d = line_diff("a\nb\nc", "a\nx\nc");
        assert_eq!(d.changes(), 2);
        assert_eq!(d.render_plain(), "  a\n- b\n+ x\n  c\n");
    }

    #[test]
    fn identical() {
        assert!(line_diff("x\ny", "x\ny").is_empty());
    }
}
