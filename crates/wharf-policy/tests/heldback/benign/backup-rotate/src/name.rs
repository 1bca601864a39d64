use chrono::NaiveDateTime;

/// `<prefix>-<host>-<YYYYMMDD>T<HHMMSS>.<ext>`
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupName {
    pub prefix: String,
    pub host: String,
    pub taken: NaiveDateTime,
    pub ext: String,
}

pub fn parse_name(file: &str) -> Option<BackupName> {
    let (stem, ext) = file.split_once('.')?;
    // timestamp is always the last dash-separated field and 15 chars long
    let (head, ts) = stem.rsplit_once('-')?;
    if ts.len() != 15 || ts.as_bytes()[8] != b'T' {
        return None;
    }
    let taken = NaiveDateTime::parse_from_str(ts, "%Y%m%dT%H%M%S").ok()?;
    let (prefix, host) = head.split_once('-')?;
    if prefix.is_empty() || host.is_empty() || !host.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.') {
        return None;
    }
    Some(BackupName { prefix: prefix.into(), host: host.into(), taken, ext: ext.into() })
}

#[cfg(test)]
mod tests {
    #[test]
    fn parses() {
        let n = super::parse_name("db-web01-20250301T021500.sql.zst").unwrap();
        assert_eq!(n.prefix, "db");
        assert_eq!(n.host, "web01");
        assert_eq!(n.ext, "sql.zst");
        assert!(super::parse_name("notes.txt").is_none());
        assert!(super::parse_name("db-web01-2025.sql").is_none());
    }
}
