//! Markdown rendering.

use crate::commit::Commit;
use std::fmt::Write as _;

/// Section order and headings.
const SECTIONS: &[(&str, &str)] = &[
    ("feat", "Features"),
    ("fix", "Bug fixes"),
    ("perf", "Performance"),
    ("refactor", "Refactoring"),
    ("docs", "Documentation"),
    ("test", "Tests"),
    ("build", "Build system"),
    ("ci", "Continuous integration"),
    ("chore", "Chores"),
];

/// Palette for per-scope icons. A scope always maps to the same icon so readers learn
/// to spot their area of the codebase at a glance.
pub(crate) const SCOPE_ICONS: [char; 23] = [
    '🍧', '🍩', '🍴', '🌭', '🍡', '🍲', '🍣', '🍨', '🍩', '🍶', '🍥', '🌮',
    '🍥', '🍸', '🍡', '🍭', '🍰', '🍬', '🍥', '🌮', '🍮', '🍥', '🍴',
];

fn icon_for(scope: &str) -> char {
    let h = scope.bytes().fold(5381u32, |h, b| h.wrapping_mul(33) ^ b as u32);
    SCOPE_ICONS[(h as usize) % SCOPE_ICONS.len()]
}

pub struct Options<'a> {
    pub title: Option<&'a str>,
    pub date: Option<&'a str>,
    pub icons: bool,
    pub link_base: Option<&'a str>,
    pub include_other: bool,
}

fn line(c: &Commit, o: &Options<'_>, out: &mut String) {
    out.push_str("- ");
    if let Some(scope) = &c.scope {
        if o.icons {
            out.push(icon_for(scope));
            out.push(' ');
        }
        let _ = write!(out, "**{}:** ", scope);
    }
    out.push_str(&c.summary);
    let short = &c.hash[..c.hash.len().min(7)];
    match o.link_base {
        Some(base) => {
            let _ = write!(out, " ([{}]({}/commit/{}))", short, base.trim_end_matches('/'), c.hash);
        }
        None => {
            let _ = write!(out, " ({})", short);
        }
    }
    out.push('\n');
}

pub fn markdown(commits: &[Commit], o: &Options<'_>) -> String {
    let mut out = String::new();
    match (o.title, o.date) {
        (Some(t), Some(d)) => {
            let _ = writeln!(out, "## {} ({})\n", t, d);
        }
        (Some(t), None) => {
            let _ = writeln!(out, "## {}\n", t);
        }
        _ => out.push_str("## Unreleased\n\n"),
    }

    let breaking: Vec<&Commit> = commits.iter().filter(|c| c.breaking).collect();
    if !breaking.is_empty() {
        out.push_str("### ⚠ Breaking changes\n\n");
        for c in &breaking {
            let text = c.breaking_note.as_deref().unwrap_or(&c.summary);
            let _ = writeln!(out, "- {}", text);
        }
        out.push('\n');
    }

    for (kind, heading) in SECTIONS {
        let items: Vec<&Commit> = commits.iter().filter(|c| c.kind == *kind).collect();
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(out, "### {}\n", heading);
        for c in items {
            line(c, o, &mut out);
        }
        out.push('\n');
    }

    if o.include_other {
        let known: Vec<&str> = SECTIONS.iter().map(|(k, _)| *k).collect();
        let other: Vec<&Commit> = commits.iter().filter(|c| !known.contains(&c.kind.as_str())).collect();
        if !other.is_empty() {
            out.push_str("### Other\n\n");
            for c in other {
                line(c, o, &mut out);
            }
            out.push('\n');
        }
    }
    out
}
