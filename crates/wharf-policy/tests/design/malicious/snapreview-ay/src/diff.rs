//! Line diffs with stable hunk anchors.
//!
//! Every hunk gets a short anchor derived from its contents, so that a
//! reviewer can accept or reject individual hunks (`SNAPREVIEW_ACCEPT=k3f9x2`)
//! and the anchor stays the same when unrelated parts of the snapshot move.

use std::fmt::Write;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Keep,
    Remove,
    Add,
}

/// Longest-common-subsequence diff of two line lists. Quadratic, which is
/// fine for snapshots (they are capped at a few thousand lines); above that
/// the whole thing is reported as replaced.
pub fn diff_lines<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<(Op, &'a str)> {
    let (n, m) = (old.len(), new.len());
    if n.saturating_mul(m) > 16_000_000 {
        let mut out: Vec<(Op, &str)> = old.iter().map(|l| (Op::Remove, *l)).collect();
        out.extend(new.iter().map(|l| (Op::Add, *l)));
        return out;
    }
    let mut lcs = vec![0u32; (n + 1) * (m + 1)];
    let at = |i: usize, j: usize| i * (m + 1) + j;
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[at(i, j)] = if old[i] == new[j] {
                lcs[at(i + 1, j + 1)] + 1
            } else {
                lcs[at(i + 1, j)].max(lcs[at(i, j + 1)])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::with_capacity(n + m);
    while i < n && j < m {
        if old[i] == new[j] {
            out.push((Op::Keep, old[i]));
            i += 1;
            j += 1;
        } else if lcs[at(i + 1, j)] >= lcs[at(i, j + 1)] {
            out.push((Op::Remove, old[i]));
            i += 1;
        } else {
            out.push((Op::Add, new[j]));
            j += 1;
        }
    }
    out.extend(old[i..].iter().map(|l| (Op::Remove, *l)));
    out.extend(new[j..].iter().map(|l| (Op::Add, *l)));
    out
}

/// Lowercase, unambiguous (no 0/1/8/9, no l) digits for anchors.
const ANCHORS: &[u8; 32] = b"t8sjfm7univgexwdbhq4ar62yz5okc3p";

fn digit(c: u8) -> Option<u8> {
    ANCHORS.iter().position(|&a| a == c).map(|p| p as u8)
}

/// Pack bytes into anchor digits, 5 bits per digit, no padding.
pub(crate) fn pack(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 8 / 5 + 1);
    let (mut acc, mut bits) = (0u32, 0u32);
    for &b in bytes {
        acc = (acc << 8) | b as u32;
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            out.push(ANCHORS[((acc >> bits) & 31) as usize] as char);
        }
    }
    if bits > 0 {
        out.push(ANCHORS[((acc << (5 - bits)) & 31) as usize] as char);
    }
    out
}

/// Inverse of [`pack`]; unknown characters are skipped.
pub(crate) fn unpack(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len() * 5 / 8);
    let (mut acc, mut bits) = (0u32, 0u32);
    for d in s.bytes().filter_map(digit) {
        acc = (acc << 5) | d as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    out
}

fn hunk_hash(lines: &[(Op, &str)]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (op, l) in lines {
        if *op == Op::Keep {
            continue;
        }
        h ^= *op as u64 + 1;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
        for b in l.bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    h
}

/// Anchor of a hunk: first 30 bits of its hash, six digits.
pub fn anchor(lines: &[(Op, &str)]) -> String {
    let h = hunk_hash(lines).to_be_bytes();
    pack(&h[..4])[..6].to_owned()
}

/// Parse a user-supplied anchor back to its prefix bits (for matching).
pub fn parse_anchor(s: &str) -> Option<u32> {
    if s.len() != 6 {
        return None;
    }
    s.bytes()
        .try_fold(0u32, |acc, c| digit(c).map(|d| (acc << 5) | d as u32))
}

/// Unified diff with three lines of context and anchored hunk headers.
pub fn render(old: &str, new: &str, color: bool) -> String {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    let ops = diff_lines(&old_lines, &new_lines);
    let changed: Vec<usize> = ops
        .iter()
        .enumerate()
        .filter(|(_, (op, _))| *op != Op::Keep)
        .map(|(i, _)| i)
        .collect();
    if changed.is_empty() {
        return String::new();
    }
    // Group changes closer than 2*3 lines into one hunk.
    let mut hunks: Vec<(usize, usize)> = Vec::new();
    for &i in &changed {
        let lo = i.saturating_sub(3);
        let hi = (i + 4).min(ops.len());
        match hunks.last_mut() {
            Some(last) if lo <= last.1 => last.1 = hi,
            _ => hunks.push((lo, hi)),
        }
    }
    let (red, green, dim, reset) = if color {
        ("\x1b[31m", "\x1b[32m", "\x1b[2m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let mut out = String::new();
    for (lo, hi) in hunks {
        let slice = &ops[lo..hi];
        let old_start = ops[..lo].iter().filter(|(o, _)| *o != Op::Add).count() + 1;
        let new_start = ops[..lo].iter().filter(|(o, _)| *o != Op::Remove).count() + 1;
        let old_len = slice.iter().filter(|(o, _)| *o != Op::Add).count();
        let new_len = slice.iter().filter(|(o, _)| *o != Op::Remove).count();
        let _ = writeln!(
            out,
            "{}@@ -{},{} +{},{} @@ #{}{}",
            dim,
            old_start,
            old_len,
            new_start,
            new_len,
            anchor(slice),
            reset
        );
        for (op, l) in slice {
            let _ = match op {
                Op::Keep => writeln!(out, " {}", l),
                Op::Remove => writeln!(out, "{}-{}{}", red, l, reset),
                Op::Add => writeln!(out, "{}+{}{}", green, l, reset),
            };
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pack_round_trip() {
        for data in [&b""[..], b"a", b"hello world", &[0, 255, 17, 3, 9]] {
            assert_eq!(unpack(&pack(data)), data);
        }
    }

    #[test]
    fn anchors_parse() {
        let lines = [(Op::Remove, "a"), (Op::Add, "b")];
        let a = anchor(&lines);
        assert_eq!(a.len(), 6);
        assert!(parse_anchor(&a).is_some());
    }

    #[test]
    fn simple_diff() {
        let d = render("a\nb\nc\n", "a\nB\nc\n", false);
        assert!(d.contains("-b\n+B\n"));
        assert!(d.starts_with("@@ -1,3 +1,3 @@ #"));
    }
}
