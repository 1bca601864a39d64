//! # convlog
//!
//! Markdown changelogs from Conventional Commits.

mod cache;
pub mod commit;
mod git;
pub mod render;

pub use commit::{Bump, Commit};
pub use git::Repo;

use std::io;

/// Changelog builder.
pub struct Changelog<'r> {
    repo: &'r Repo,
    range: Option<String>,
    title: Option<String>,
    icons: bool,
    link_base: Option<String>,
    include_other: bool,
}

impl<'r> Changelog<'r> {
    pub fn new(repo: &'r Repo) -> Self {
        Changelog { repo, range: None, title: None, icons: false, link_base: None, include_other: false }
    }

    /// Only commits after the most recent tag.
    pub fn since_last_tag(mut self) -> Self {
        self.range = self.repo.last_tag().map(|t| format!("{t}..HEAD"));
        self
    }

    /// Only commits since the previous run (falls back to everything).
    pub fn since_last_run(mut self) -> Self {
        self.range = cache::last_head(self.repo).map(|h| format!("{h}..HEAD"));
        self
    }

    pub fn range(mut self, r: impl Into<String>) -> Self {
        self.range = Some(r.into());
        self
    }

    pub fn title(mut self, t: impl Into<String>) -> Self {
        self.title = Some(t.into());
        self
    }

    pub fn scope_icons(mut self, on: bool) -> Self {
        self.icons = on;
        self
    }

    /// Link commit hashes, e.g. `https://git.example.org/team/app`.
    pub fn link_base(mut self, url: impl Into<String>) -> Self {
        self.link_base = Some(url.into());
        self
    }

    pub fn include_other(mut self, on: bool) -> Self {
        self.include_other = on;
        self
    }

    pub fn commits(&self) -> io::Result<Vec<Commit>> {
        self.repo.commits(self.range.as_deref())
    }

    /// Suggested next version based on the last tag and the commits since.
    pub fn next_version(&self) -> io::Result<Option<String>> {
        let commits = self.commits()?;
        let bump = commit::bump_for(&commits);
        Ok(self.repo.last_tag().and_then(|t| commit::apply_bump(&t, bump)))
    }

    pub fn render(&self) -> io::Result<String> {
        let commits = self.commits()?;
        let date = today();
        let opts = render::Options {
            title: self.title.as_deref(),
            date: Some(&date),
            icons: self.icons,
            link_base: self.link_base.as_deref(),
            include_other: self.include_other,
        };
        Ok(render::markdown(&commits, &opts))
    }
}

/// UTC date as `YYYY-MM-DD` (civil-from-days, Howard Hinnant).
fn today() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
