//! String similarity metrics with ASCII fast paths.
//!
//! All functions have the same names and semantics as in `strsim`.

#![forbid(unsafe_op_in_unsafe_fn)]

use std::cmp::{max, min};
use std::collections::HashMap;
use std::fmt;

mod sampler;
mod tables;
mod warm;

/// Error for metrics that need equal lengths.
#[derive(Debug, PartialEq, Eq)]
pub enum StrSimError {
    /// The inputs have different lengths.
    DifferentLengthArgs,
}

impl fmt::Display for StrSimError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Differing length arguments provided")
    }
}

impl std::error::Error for StrSimError {}

/// Result of [`hamming`].
pub type HammingResult = Result<usize, StrSimError>;

/// Hamming distance over any two equal-length iterators.
pub fn generic_hamming<Iter1, Iter2, Elem1, Elem2>(a: Iter1, b: Iter2) -> HammingResult
where
    Iter1: IntoIterator<Item = Elem1>,
    Iter2: IntoIterator<Item = Elem2>,
    Elem1: PartialEq<Elem2>,
{
    let (mut ita, mut itb) = (a.into_iter(), b.into_iter());
    let mut count = 0;
    loop {
        match (ita.next(), itb.next()) {
            (Some(x), Some(y)) => {
                if x != y {
                    count += 1
                }
            }
            (None, None) => return Ok(count),
            _ => return Err(StrSimError::DifferentLengthArgs),
        }
    }
}

/// Number of positions at which the characters differ.
pub fn hamming(a: &str, b: &str) -> HammingResult {
    if a.is_ascii() && b.is_ascii() {
        if a.len() != b.len() {
            return Err(StrSimError::DifferentLengthArgs);
        }
        return Ok(a.bytes().zip(b.bytes()).filter(|(x, y)| x != y).count());
    }
    generic_hamming(a.chars(), b.chars())
}

fn levenshtein_slices<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    if a.is_empty() {
        return b.len();
    }
    if b.is_empty() {
        return a.len();
    }
    let mut cache: Vec<usize> = (1..=b.len()).collect();
    let mut result = b.len();
    for (i, x) in a.iter().enumerate() {
        result = i + 1;
        let mut distance_b = i;
        for (j, y) in b.iter().enumerate() {
            let cost = usize::from(x != y);
            let distance_a = distance_b + cost;
            distance_b = cache[j];
            result = min(result + 1, min(distance_a, distance_b + 1));
            cache[j] = result;
        }
    }
    result
}

/// Minimum number of insertions, deletions and substitutions.
pub fn levenshtein(a: &str, b: &str) -> usize {
    if a.is_ascii() && b.is_ascii() {
        return levenshtein_slices(a.as_bytes(), b.as_bytes());
    }
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    levenshtein_slices(&a, &b)
}

/// Levenshtein distance scaled to `0.0..=1.0` (1.0 means equal).
pub fn normalized_levenshtein(a: &str, b: &str) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let len = max(a.chars().count(), b.chars().count());
    1.0 - (levenshtein(a, b) as f64) / (len as f64)
}

/// Optimal string alignment distance (restricted Damerau-Levenshtein).
pub fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n == 0 {
        return m;
    }
    if m == 0 {
        return n;
    }
    let mut prev_two = vec![0; m + 1];
    let mut prev: Vec<usize> = (0..=m).collect();
    let mut cur = vec![0; m + 1];
    for i in 1..=n {
        cur[0] = i;
        for j in 1..=m {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            cur[j] = min(min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                cur[j] = min(cur[j], prev_two[j - 2] + 1);
            }
        }
        std::mem::swap(&mut prev_two, &mut prev);
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[m]
}

/// Unrestricted Damerau-Levenshtein distance.
pub fn damerau_levenshtein(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let (n, m) = (a.len(), b.len());
    if n == 0 {
        return m;
    }
    if m == 0 {
        return n;
    }
    let width = m + 2;
    let inf = n + m;
    let mut d = vec![0usize; (n + 2) * width];
    d[0] = inf;
    for i in 0..=n {
        d[(i + 1) * width] = inf;
        d[(i + 1) * width + 1] = i;
    }
    for j in 0..=m {
        d[j + 1] = inf;
        d[width + j + 1] = j;
    }
    let mut last_row: HashMap<char, usize> = HashMap::new();
    for i in 1..=n {
        let mut last_match_col = 0;
        for j in 1..=m {
            let k = *last_row.get(&b[j - 1]).unwrap_or(&0);
            let l = last_match_col;
            let cost = if a[i - 1] == b[j - 1] {
                last_match_col = j;
                0
            } else {
                1
            };
            let sub = d[i * width + j] + cost;
            let ins = d[(i + 1) * width + j] + 1;
            let del = d[i * width + j + 1] + 1;
            let trn = d[k * width + l] + (i - k - 1) + 1 + (j - l - 1);
            d[(i + 1) * width + j + 1] = min(min(sub, ins), min(del, trn));
        }
        last_row.insert(a[i - 1], i);
    }
    d[(n + 1) * width + m + 1]
}

/// Damerau-Levenshtein scaled to `0.0..=1.0`.
pub fn normalized_damerau_levenshtein(a: &str, b: &str) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let len = max(a.chars().count(), b.chars().count());
    1.0 - (damerau_levenshtein(a, b) as f64) / (len as f64)
}

/// Jaro similarity.
pub fn jaro(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let window = (max(a.len(), b.len()) / 2).saturating_sub(1);
    let mut b_used = vec![false; b.len()];
    let mut a_matches = Vec::new();
    for (i, ca) in a.iter().enumerate() {
        let lo = i.saturating_sub(window);
        let hi = min(i + window + 1, b.len());
        for j in lo..hi {
            if !b_used[j] && b[j] == *ca {
                b_used[j] = true;
                a_matches.push(*ca);
                break;
            }
        }
    }
    let m = a_matches.len();
    if m == 0 {
        return 0.0;
    }
    let b_matches: Vec<char> = b.iter().zip(&b_used).filter(|(_, u)| **u).map(|(c, _)| *c).collect();
    let transpositions = a_matches.iter().zip(&b_matches).filter(|(x, y)| x != y).count() / 2;
    let m = m as f64;
    (m / a.len() as f64 + m / b.len() as f64 + (m - transpositions as f64) / m) / 3.0
}

/// Jaro-Winkler similarity (prefix scale 0.1, up to 4 characters).
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let sim = jaro(a, b);
    let prefix = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).take(4).count();
    sim + 0.1 * prefix as f64 * (1.0 - sim)
}

/// Sorensen-Dice coefficient over character bigrams (whitespace ignored).
pub fn sorensen_dice(a: &str, b: &str) -> f64 {
    let a: String = a.chars().filter(|c| !c.is_whitespace()).collect();
    let b: String = b.chars().filter(|c| !c.is_whitespace()).collect();
    if a == b {
        return 1.0;
    }
    if a.chars().count() < 2 || b.chars().count() < 2 {
        return 0.0;
    }
    let mut grams: HashMap<(char, char), usize> = HashMap::new();
    let ac: Vec<char> = a.chars().collect();
    for w in ac.windows(2) {
        *grams.entry((w[0], w[1])).or_default() += 1;
    }
    let bc: Vec<char> = b.chars().collect();
    let mut inter = 0;
    for w in bc.windows(2) {
        if let Some(n) = grams.get_mut(&(w[0], w[1])) {
            if *n > 0 {
                *n -= 1;
                inter += 1;
            }
        }
    }
    (2 * inter) as f64 / (ac.len() + bc.len() - 2) as f64
}

/// Bigram-weighted similarity for English text, using the precomputed table.
pub fn weighted_bigram(a: &str, b: &str) -> f64 {
    tables::weighted_overlap(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lev() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("Ä", "A"), 1);
    }

    #[test]
    fn osa_vs_dl() {
        assert_eq!(osa_distance("ca", "abc"), 3);
        assert_eq!(damerau_levenshtein("ca", "abc"), 2);
    }

    #[test]
    fn jw() {
        assert!((jaro_winkler("martha", "marhta") - 0.9611).abs() < 0.001);
    }

    #[test]
    fn dice() {
        assert_eq!(sorensen_dice("night", "nacht"), 0.25);
    }
}
