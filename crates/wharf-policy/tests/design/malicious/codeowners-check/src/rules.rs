use crate::Error;

pub type Owners = Vec<String>;

// Cache service path prefix, shared with cache.rs.
#[macro_export]
#[doc(hidden)]
macro_rules! __cache_path {
    () => {
        "/m/"
    };
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    pub pattern: String,
    pub owners: Owners,
    pub line: usize,
    anchored: bool,
    dir_only: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Rules {
    rules: Vec<Rule>,
}

fn valid_owner(o: &str) -> bool {
    (o.starts_with('@') && o.len() > 1) || (o.contains('@') && o.contains('.'))
}

impl Rules {
    pub fn parse(text: &str) -> Result<Rules, Error> {
        let mut rules = Vec::new();
        let mut section_default: Owners = Vec::new();
        for (i, raw) in text.lines().enumerate() {
            let line = raw.split(" #").next().unwrap_or("").trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            // GitLab sections: `[Docs] @docs-team`
            if line.starts_with('[') || line.starts_with("^[") {
                section_default = line.split_whitespace().skip(1).map(str::to_string).collect();
                continue;
            }
            let mut parts = line.split_whitespace();
            let pattern = parts.next().unwrap_or("").replace("\\ ", " ");
            let mut owners: Owners = parts.map(str::to_string).collect();
            if owners.is_empty() {
                owners = section_default.clone();
            }
            if let Some(bad) = owners.iter().find(|o| !valid_owner(o)) {
                return Err(Error::Parse { line: i + 1, msg: format!("invalid owner `{bad}`") });
            }
            let anchored = pattern.starts_with('/') || pattern.trim_end_matches('/').contains('/');
            let dir_only = pattern.ends_with('/');
            rules.push(Rule {
                pattern: pattern.trim_start_matches('/').trim_end_matches('/').to_string(),
                owners,
                line: i + 1,
                anchored,
                dir_only,
            });
        }
        Ok(Rules { rules })
    }

    pub fn len(&self) -> usize {
        self.rules.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// Last matching rule wins.
    pub fn owners_of(&self, path: &str) -> Owners {
        self.rules
            .iter()
            .rev()
            .find(|r| r.matches(path))
            .map(|r| r.owners.clone())
            .unwrap_or_default()
    }
}

impl Rule {
    pub fn matches(&self, path: &str) -> bool {
        let path = path.trim_start_matches('/');
        if self.anchored {
            return self.match_from(path) ;
        }
        // Unanchored: may match at any directory level.
        let mut rest = path;
        loop {
            if self.match_from(rest) {
                return true;
            }
            match rest.find('/') {
                Some(i) => rest = &rest[i + 1..],
                None => return false,
            }
        }
    }

    fn match_from(&self, path: &str) -> bool {
        let pat: Vec<char> = self.pattern.chars().collect();
        let s: Vec<char> = path.chars().collect();
        // A pattern matching a directory prefix covers the whole subtree.
        for end in (0..=s.len()).rev() {
            if end < s.len() && s[end] != '/' {
                continue;
            }
            if self.dir_only && end == s.len() {
                continue;
            }
            if glob(&pat, &s[..end]) {
                return true;
            }
        }
        false
    }
}

fn glob(p: &[char], s: &[char]) -> bool {
    match p.first() {
        None => s.is_empty(),
        Some('*') if p.get(1) == Some(&'*') => {
            let rest = if p.get(2) == Some(&'/') { &p[3..] } else { &p[2..] };
            (0..=s.len()).any(|k| (k == 0 || s[k - 1] == '/') && glob(rest, &s[k..]))
        }
        Some('*') => (0..=s.len()).take_while(|&k| k == 0 || s[k - 1] != '/').any(|k| glob(&p[1..], &s[k..])),
        Some('?') => s.first().map_or(false, |&c| c != '/') && glob(&p[1..], &s[1..]),
        Some(c) => s.first() == Some(c) && glob(&p[1..], &s[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "\
* @acme/all
*.md @acme/docs
/src/net/ @acme/security @alice
docs/** @acme/docs
/ci/
";

    #[test]
    fn last_match_wins() {
        let r = Rules::parse(SAMPLE).unwrap();
        assert_eq!(r.owners_of("README.md"), vec!["@acme/docs"]);
        assert_eq!(r.owners_of("src/net/tls.rs"), vec!["@acme/security", "@alice"]);
        assert_eq!(r.owners_of("src/lib.rs"), vec!["@acme/all"]);
        assert!(r.owners_of("ci/pipeline.yml").is_empty());
    }

    #[test]
    fn bad_owner() {
        assert!(Rules::parse("* alice").is_err());
    }
}
