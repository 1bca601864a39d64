use anyhow::Result;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::Path;

const DEFAULT_EXCLUDES: &[&str] = &[
    ".cache/**", "**/target/**", "**/node_modules/**", ".local/share/Trash/**",
    ".mozilla/firefox/*/cache2/**", ".config/google-chrome/*/Cache/**", ".cargo/registry/**", ".rustup/**",
];

pub struct Filter {
    set: GlobSet,
}

impl Filter {
    pub fn new(extra: &[String]) -> Result<Self> {
        let mut b = GlobSetBuilder::new();
        for g in DEFAULT_EXCLUDES.iter().copied().chain(extra.iter().map(String::as_str)) {
            b.add(Glob::new(g)?);
        }
        Ok(Filter { set: b.build()? })
    }

    pub fn excluded(&self, rel: &Path) -> bool {
        self.set.is_match(rel)
    }
}
