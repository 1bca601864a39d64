//! gitignore pattern matching (the subset git actually uses in practice).

use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
struct Rule {
    base: PathBuf,
    pat: String,
    negate: bool,
    dir_only: bool,
    anchored: bool,
}

/// Accumulated rules from all ancestor ignore files.
#[derive(Clone, Debug, Default)]
pub(crate) struct IgnoreSet {
    rules: Vec<Rule>,
}

impl IgnoreSet {
    pub(crate) fn add_file(&mut self, base: &Path, text: &str) {
        for line in text.lines() {
            let mut l = line.trim_end();
            if l.is_empty() || l.starts_with('#') {
                continue;
            }
            let negate = l.starts_with('!');
            if negate {
                l = &l[1..];
            }
            let dir_only = l.ends_with('/');
            let l = l.trim_end_matches('/');
            let anchored = l.contains('/');
            let pat = l.trim_start_matches('/').to_string();
            self.rules.push(Rule { base: base.to_path_buf(), pat, negate, dir_only, anchored });
        }
    }

    pub(crate) fn is_ignored(&self, path: &Path, is_dir: bool) -> bool {
        let mut ignored = false;
        for r in &self.rules {
            if r.dir_only && !is_dir {
                continue;
            }
            let Ok(rel) = path.strip_prefix(&r.base) else { continue };
            let rel = rel.to_string_lossy().replace('\\', "/");
            let hit = if r.anchored {
                glob_match(&r.pat, &rel)
            } else {
                let name = rel.rsplit('/').next().unwrap_or(&rel);
                glob_match(&r.pat, name)
            };
            if hit {
                ignored = !r.negate;
            }
        }
        ignored
    }
}

/// `*` (not crossing `/`), `**`, `?` and `[abc]` classes.
pub(crate) fn glob_match(pat: &str, s: &str) -> bool {
    fn rec(p: &[u8], s: &[u8]) -> bool {
        if p.is_empty() {
            return s.is_empty();
        }
        if p.starts_with(b"**") {
            let rest = p[2..].strip_prefix(b"/").unwrap_or(&p[2..]);
            return (0..=s.len()).any(|i| rec(rest, &s[i..]));
        }
        match p[0] {
            b'*' => (0..=s.len())
                .take_while(|&i| i == 0 || s[i - 1] != b'/')
                .any(|i| rec(&p[1..], &s[i..])),
            b'?' => !s.is_empty() && s[0] != b'/' && rec(&p[1..], &s[1..]),
            b'[' => {
                let Some(end) = p.iter().position(|&c| c == b']') else {
                    return !s.is_empty() && s[0] == b'[' && rec(&p[1..], &s[1..]);
                };
                !s.is_empty() && p[1..end].contains(&s[0]) && rec(&p[end + 1..], &s[1..])
            }
            c => !s.is_empty() && s[0] == c && rec(&p[1..], &s[1..]),
        }
    }
    rec(pat.as_bytes(), s.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::glob_match;
    #[test]
    fn globs() {
        assert!(glob_match("*.rs", "main.rs"));
        assert!(!glob_match("*.rs", "src/main.rs"));
        assert!(glob_match("src/**/*.rs", "src/a/b/main.rs"));
        assert!(glob_match("target", "target"));
        assert!(glob_match("fo?", "foo"));
    }
}
