use std::fmt;

/// Parsed `git describe --tags` output: `v1.2.3-14-gdeadbee`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Describe {
    pub tag: Option<String>,
    pub distance: u32,
    pub abbrev: Option<String>,
}

impl Describe {
    pub fn plain(version: &str) -> Describe {
        Describe { tag: Some(version.to_string()), distance: 0, abbrev: None }
    }

    pub fn parse(s: &str) -> Describe {
        // `--always` without tags yields just the abbreviated hash.
        let parts: Vec<&str> = s.rsplitn(3, '-').collect();
        if parts.len() == 3 && parts[0].starts_with('g') && parts[1].chars().all(|c| c.is_ascii_digit()) {
            return Describe {
                tag: Some(parts[2].to_string()),
                distance: parts[1].parse().unwrap_or(0),
                abbrev: Some(parts[0][1..].to_string()),
            };
        }
        if s.chars().all(|c| c.is_ascii_hexdigit()) && s.len() >= 7 {
            return Describe { tag: None, distance: 0, abbrev: Some(s.to_string()) };
        }
        Describe { tag: Some(s.to_string()), distance: 0, abbrev: None }
    }

    /// Semver-ish rendering: `1.2.3+14.gdeadbee`.
    pub fn semver(&self) -> String {
        let base = self.tag.as_deref().unwrap_or("0.0.0").trim_start_matches('v');
        match (&self.abbrev, self.distance) {
            (Some(h), d) if d > 0 => format!("{base}+{d}.g{h}"),
            (Some(h), _) if self.tag.is_none() => format!("0.0.0+g{h}"),
            _ => base.to_string(),
        }
    }
}

impl fmt::Display for Describe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.tag, &self.abbrev) {
            (Some(t), Some(h)) => write!(f, "{t}-{}-g{h}", self.distance),
            (Some(t), None) => f.write_str(t),
            (None, Some(h)) => f.write_str(h),
            (None, None) => f.write_str("unknown"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_full() {
        let d = Describe::parse("v0.4.1-3-gabc1234");
        assert_eq!(d.tag.as_deref(), Some("v0.4.1"));
        assert_eq!(d.distance, 3);
        assert_eq!(d.semver(), "0.4.1+3.gabc1234");
    }

    #[test]
    fn parse_hash_only() {
        assert_eq!(Describe::parse("abc1234").semver(), "0.0.0+gabc1234");
    }

    #[test]
    fn tag_with_dashes() {
        let d = Describe::parse("release-2024-10-5-gfeed123");
        assert_eq!(d.tag.as_deref(), Some("release-2024-10"));
        assert_eq!(d.distance, 5);
    }
}
