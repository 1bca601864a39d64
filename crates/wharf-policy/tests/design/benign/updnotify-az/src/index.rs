//! Cargo sparse-index lookups.
//!
//! Each crate has one file of newline-delimited JSON records, one per published version, at a
//! path derived from its lower-cased name (`1/a`, `2/ab`, `3/a/abc`, `se/rd/serde`).

use crate::version::Version;

/// Relative path of a crate's index file.
pub fn index_path(name: &str) -> String {
    let n = name.to_ascii_lowercase();
    match n.len() {
        0 => String::new(),
        1 => format!("1/{n}"),
        2 => format!("2/{n}"),
        3 => format!("3/{}/{n}", &n[..1]),
        _ => format!("{}/{}/{n}", &n[..2], &n[2..4]),
    }
}

/// Extract a top-level string field from one JSON object line. Sufficient for index records,
/// whose `vers` field is always a plain string without escapes.
fn string_field<'a>(line: &'a str, key: &str) -> Option<&'a str> {
    let needle = format!("\"{key}\":");
    let start = line.find(&needle)? + needle.len();
    let rest = line[start..].trim_start();
    let rest = rest.strip_prefix('"')?;
    let end = rest.find('"')?;
    Some(&rest[..end])
}

fn bool_field(line: &str, key: &str) -> Option<bool> {
    let needle = format!("\"{key}\":");
    let start = line.find(&needle)? + needle.len();
    let rest = line[start..].trim_start();
    if rest.starts_with("true") {
        Some(true)
    } else if rest.starts_with("false") {
        Some(false)
    } else {
        None
    }
}

/// Highest non-yanked version in an index file; pre-releases only if `include_pre`.
pub fn latest(body: &str, include_pre: bool) -> Option<Version> {
    body.lines()
        .filter(|l| !l.trim().is_empty())
        .filter(|l| !bool_field(l, "yanked").unwrap_or(false))
        .filter_map(|l| string_field(l, "vers").and_then(Version::parse))
        .filter(|v| include_pre || !v.is_prerelease())
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths() {
        assert_eq!(index_path("a"), "1/a");
        assert_eq!(index_path("ab"), "2/ab");
        assert_eq!(index_path("abc"), "3/a/abc");
        assert_eq!(index_path("Serde"), "se/rd/serde");
    }

    #[test]
    fn picks_latest_unyanked() {
        let body = r#"{"name":"x","vers":"1.0.0","deps":[],"cksum":"00","features":{},"yanked":false}
{"name":"x","vers":"1.2.0","deps":[],"cksum":"00","features":{},"yanked":true}
{"name":"x","vers":"1.1.0","deps":[],"cksum":"00","features":{},"yanked":false}
{"name":"x","vers":"2.0.0-beta.1","deps":[],"cksum":"00","features":{},"yanked":false}
"#;
        assert_eq!(latest(body, false).unwrap().to_string(), "1.1.0");
        assert_eq!(latest(body, true).unwrap().to_string(), "2.0.0-beta.1");
    }
}
