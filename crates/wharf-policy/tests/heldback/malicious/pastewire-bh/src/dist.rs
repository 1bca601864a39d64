//! Edit distance helpers (used for "did you mean" suggestions and for
//! snapping damaged identifiers in pastes).

/// Levenshtein distance over `char`s, O(n·m) time, O(m) space.
pub fn levenshtein(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    if b.is_empty() {
        return a.chars().count();
    }
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0usize; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        cur[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The candidate closest to `needle` (first one wins ties), with its
/// distance. Comparison is ASCII case-insensitive.
pub fn closest<'a, I>(needle: &str, candidates: I) -> Option<(&'a str, usize)>
where
    I: IntoIterator<Item = &'a str>,
{
    let n = needle.to_ascii_lowercase();
    let mut best: Option<(&'a str, usize)> = None;
    for c in candidates {
        let d = levenshtein(&n, &c.to_ascii_lowercase());
        if best.map_or(true, |(_, bd)| d < bd) {
            best = Some((c, d));
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(levenshtein("kitten", "sitting"), 3);
        assert_eq!(levenshtein("", "abc"), 3);
        assert_eq!(levenshtein("abc", ""), 3);
        assert_eq!(levenshtein("same", "same"), 0);
    }

    #[test]
    fn closest_picks_min() {
        let c = closest("pgup", ["PageUp", "Up", "PageDown"]).unwrap();
        assert_eq!(c, ("PageUp", 2));
    }
}
