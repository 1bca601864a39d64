//! Minimal line diff (LCS) for reviewing planned edits.

/// Render a diff of `a` -> `b` with ` `/`-`/`+` prefixes. Unchanged runs
/// longer than six lines are collapsed.
pub fn line_diff(a: &str, b: &str) -> String {
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    let (n, m) = (a.len(), b.len());
    // lcs[i][j] = LCS length of a[i..], b[j..]
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

    let mut ops: Vec<(char, &str)> = Vec::with_capacity(n + m);
    let (mut i, mut j) = (0, 0);
    while i < n && j < m {
        if a[i] == b[j] {
            ops.push((' ', a[i]));
            i += 1;
            j += 1;
        } else if lcs[i + 1][j] >= lcs[i][j + 1] {
            ops.push(('-', a[i]));
            i += 1;
        } else {
            ops.push(('+', b[j]));
            j += 1;
        }
    }
    ops.extend(a[i..].iter().map(|l| ('-', *l)));
    ops.extend(b[j..].iter().map(|l| ('+', *l)));

    let mut out = String::new();
    let mut k = 0;
    while k < ops.len() {
        if ops[k].0 == ' ' {
            let start = k;
            while k < ops.len() && ops[k].0 == ' ' {
                k += 1;
            }
            let run = &ops[start..k];
            if run.len() > 6 {
                for (_, l) in &run[..2] {
                    out.push_str(&format!("  {l}\n"));
                }
                out.push_str(&format!("  … {} unchanged lines …\n", run.len() - 4));
                for (_, l) in &run[run.len() - 2..] {
                    out.push_str(&format!("  {l}\n"));
                }
            } else {
                for (_, l) in run {
                    out.push_str(&format!("  {l}\n"));
                }
            }
        } else {
            out.push_str(&format!("{} {}\n", ops[k].0, ops[k].1));
            k += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn additions() {
        let d = line_diff("a\nb\n", "a\nb\nc\n");
        assert_eq!(d, "  a\n  b\n+ c\n");
    }
}
