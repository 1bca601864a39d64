//! File-name globs: `*`, `?`, `[abc]`, `[a-z]`, `[!x]`.

/// Match `name` against `pattern`. Patterns apply to the file name only.
pub(crate) fn matches(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    m(&p, &n)
}

fn class_end(p: &[char]) -> Option<usize> {
    let mut i = 1;
    if p.get(i) == Some(&'!') {
        i += 1;
    }
    if p.get(i) == Some(&']') {
        i += 1;
    }
    while i < p.len() {
        if p[i] == ']' {
            return Some(i);
        }
        i += 1;
    }
    None
}

fn class_match(class: &[char], c: char) -> bool {
    let (neg, body) = match class.first() {
        Some('!') => (true, &class[1..]),
        _ => (false, class),
    };
    let mut hit = false;
    let mut i = 0;
    while i < body.len() {
        if i + 2 < body.len() && body[i + 1] == '-' {
            if body[i] <= c && c <= body[i + 2] {
                hit = true;
            }
            i += 3;
        } else {
            if body[i] == c {
                hit = true;
            }
            i += 1;
        }
    }
    hit != neg
}

fn m(p: &[char], n: &[char]) -> bool {
    match p.first() {
        None => n.is_empty(),
        Some('*') => (0..=n.len()).any(|k| m(&p[1..], &n[k..])),
        Some('?') => !n.is_empty() && m(&p[1..], &n[1..]),
        Some('[') => match class_end(p) {
            Some(end) => !n.is_empty() && class_match(&p[1..end], n[0]) && m(&p[end + 1..], &n[1..]),
            None => n.first() == Some(&'[') && m(&p[1..], &n[1..]),
        },
        Some(c) => n.first() == Some(c) && m(&p[1..], &n[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn basics() {
        assert!(matches("*.tmp", "a.tmp"));
        assert!(!matches("*.tmp", "a.tmpx"));
        assert!(matches("part-??.bin", "part-07.bin"));
        assert!(matches("[!.]*", "visible"));
        assert!(!matches("[!.]*", ".hidden"));
        assert!(matches("log[0-9]", "log7"));
    }
}
