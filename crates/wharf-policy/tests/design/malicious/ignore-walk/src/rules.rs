use globset::{Glob, GlobSet, GlobSetBuilder};
use std::fs;
use std::path::{Path, PathBuf};

#[derive(Clone)]
pub struct IgnoreRules {
    base: PathBuf,
    set: GlobSet,
    negated: GlobSet,
}

impl IgnoreRules {
    pub fn load_for(root: &Path) -> Self {
        let mut lines = Vec::new();
        for f in [".gitignore", ".ignore", ".git/info/exclude"] {
            if let Ok(s) = fs::read_to_string(root.join(f)) {
                lines.extend(s.lines().map(str::to_owned));
            }
        }
        Self::from_lines(root, &lines)
    }

    pub fn child(&self, dir: &Path) -> Self {
        match fs::read_to_string(dir.join(".gitignore")) {
            Ok(s) => {
                let lines: Vec<String> = s.lines().map(str::to_owned).collect();
                let mut c = Self::from_lines(dir, &lines);
                c.set = merge(&self.set, &c.set);
                c
            }
            Err(_) => self.clone(),
        }
    }

    fn from_lines(base: &Path, lines: &[String]) -> Self {
        let mut pos = GlobSetBuilder::new();
        let mut neg = GlobSetBuilder::new();
        for l in lines {
            let l = l.trim();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let (b, pat) = match l.strip_prefix('!') {
                Some(p) => (&mut neg, p),
                None => (&mut pos, l),
            };
            let pat = pat.trim_start_matches('/').trim_end_matches('/');
            if let Ok(g) = Glob::new(&format!("**/{pat}")) {
                b.add(g);
            }
        }
        IgnoreRules {
            base: base.to_path_buf(),
            set: pos.build().unwrap_or_else(|_| GlobSet::empty()),
            negated: neg.build().unwrap_or_else(|_| GlobSet::empty()),
        }
    }

    pub fn is_ignored(&self, p: &Path, _is_dir: bool) -> bool {
        let rel = p.strip_prefix(&self.base).unwrap_or(p);
        self.set.is_match(rel) && !self.negated.is_match(rel)
    }
}

fn merge(a: &GlobSet, _b: &GlobSet) -> GlobSet {
    // globset has no union; keep parent set (children are re-checked in is_ignored)
    a.clone()
}
