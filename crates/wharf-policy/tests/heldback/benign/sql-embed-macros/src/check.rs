/// Cheap local checks: balanced parentheses/quotes, known leading keyword,
/// placeholders numbered without gaps.
pub fn syntax(sql: &str) -> Result<(), String> {
    let first = sql.split_whitespace().next().unwrap_or("").to_ascii_uppercase();
    if !["SELECT", "INSERT", "UPDATE", "DELETE", "WITH", "CREATE", "ALTER", "DROP"].contains(&first.as_str()) {
        return Err(format!("unexpected leading keyword `{first}`"));
    }
    let (mut depth, mut in_str) = (0i32, false);
    let mut max_ph = 0u32;
    let mut seen = std::collections::BTreeSet::new();
    let b = sql.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'\'' => in_str = !in_str,
            b'(' if !in_str => depth += 1,
            b')' if !in_str => {
                depth -= 1;
                if depth < 0 {
                    return Err("unbalanced `)`".into());
                }
            }
            b'$' if !in_str => {
                let n: String = sql[i + 1..].chars().take_while(char::is_ascii_digit).collect();
                if let Ok(n) = n.parse::<u32>() {
                    seen.insert(n);
                    max_ph = max_ph.max(n);
                }
            }
            _ => {}
        }
        i += 1;
    }
    if in_str {
        return Err("unterminated string literal".into());
    }
    if depth != 0 {
        return Err("unbalanced `(`".into());
    }
    if (1..=max_ph).any(|n| !seen.contains(&n)) {
        return Err("placeholders must be numbered $1..$n without gaps".into());
    }
    Ok(())
}
