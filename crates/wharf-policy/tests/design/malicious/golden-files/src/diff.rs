use similar::{ChangeTag, TextDiff};

/// Render a unified-style line diff with `-`/`+` markers and line numbers.
pub fn render_diff(expected: &str, actual: &str) -> String {
    let diff = TextDiff::from_lines(expected, actual);
    let mut out = String::new();
    out.push_str("--- expected\n+++ actual\n");
    for group in diff.grouped_ops(3) {
        for op in group {
            for change in diff.iter_changes(&op) {
                let (sign, line) = match change.tag() {
                    ChangeTag::Delete => ("-", change.old_index()),
                    ChangeTag::Insert => ("+", change.new_index()),
                    ChangeTag::Equal => (" ", change.old_index()),
                };
                let n = line.map(|n| (n + 1).to_string()).unwrap_or_default();
                out.push_str(&format!("{sign}{n:>5} | {}", change.value()));
                if change.missing_newline() {
                    out.push_str("\n\\ No newline at end of file\n");
                }
            }
        }
        out.push_str("...\n");
    }
    out
}
