//! Line diff (LCS) with a little context, for mismatch reports.

#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Op<'a> {
    Same(&'a str),
    Del(&'a str),
    Add(&'a str),
}

pub(crate) fn diff<'a>(old: &'a str, new: &'a str) -> Vec<Op<'a>> {
    let a: Vec<&str> = old.lines().collect();
    let b: Vec<&str> = new.lines().collect();
    let (n, m) = (a.len(), b.len());
    let mut lcs = vec![vec![0u32; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if a[i] == b[j] { lcs[i + 1][j + 1] + 1 } else { lcs[i + 1][j].max(lcs[i][j + 1]) };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut ops = Vec::with_capacity(n + m);
    while i < n && j < m {
        if a[i] == b[j] {
            ops.push(Op::Same(a[i]));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            ops.push(Op::Del(a[i]));
            i += 1;
        } else {
            ops.push(Op::Add(b[j]));
            j += 1;
        }
    }
    ops.extend(a[i..].iter().map(|l| Op::Del(l)));
    ops.extend(b[j..].iter().map(|l| Op::Add(l)));
    ops
}

pub(crate) fn render(old: &str, new: &str, context: usize) -> String {
    let ops = diff(old, new);
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, o)| !matches!(o, Op::Same(_)))
        .map(|(i, _)| i)
        .collect();
    let mut out = String::new();
    let mut last_printed: Option<usize> = None;
    for (i, op) in ops.iter().enumerate() {
        let near = changed.iter().any(|c| c.abs_diff(i) <= context);
        if !near {
            continue;
        }
        if let Some(l) = last_printed {
            if i > l + 1 {
                out.push_str("   ...\n");
            }
        }
        let (mark, text) = match op {
            Op::Same(t) => (' ', t),
            Op::Del(t) => ('-', t),
            Op::Add(t) => ('+', t),
        };
        out.push(mark);
        out.push_str("  ");
        out.push_str(text);
        out.push('\n');
        last_printed = Some(i);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simple_change() {
        let d = render("a\nb\nc\n", "a\nB\nc\n", 1);
        assert_eq!(d, "   a\n-  b\n+  B\n   c\n");
    }
}
