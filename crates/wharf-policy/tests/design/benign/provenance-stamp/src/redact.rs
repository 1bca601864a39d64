//! Keeps credentials out of the generated file.

const SECRET_NAME_PARTS: &[&str] = &[
    "TOKEN", "SECRET", "PASSWORD", "PASSWD", "CREDENTIAL", "PRIVATE", "AUTH", "COOKIE", "SESSION",
];
const SECRET_NAME_PREFIXES: &[&str] = &["AWS_", "AZURE_", "GCP_", "GOOGLE_", "NPM_", "CARGO_REGISTRY"];
const SECRET_NAME_SUFFIXES: &[&str] = &["_KEY", "_PAT", "_PWD", "_DSN"];
const SECRET_VALUE_PREFIXES: &[&str] = &["ghp_", "gho_", "ghs_", "github_pat_", "glpat-", "xoxb-", "AKIA", "cio"];

/// True if an environment variable name looks like it holds a credential.
pub fn is_secret_name(name: &str) -> bool {
    let up = name.to_ascii_uppercase();
    SECRET_NAME_PARTS.iter().any(|p| up.contains(p))
        || SECRET_NAME_PREFIXES.iter().any(|p| up.starts_with(p))
        || SECRET_NAME_SUFFIXES.iter().any(|s| up.ends_with(s))
}

/// Returns the value unchanged, `<redacted>` if it looks like a credential,
/// or the URL with its userinfo removed.
pub fn redact_value(value: &str) -> String {
    let v = value.trim();
    if SECRET_VALUE_PREFIXES.iter().any(|p| v.starts_with(p)) || v.contains("-----BEGIN") {
        return "<redacted>".into();
    }
    if let Some(scheme_end) = v.find("://") {
        let rest = &v[scheme_end + 3..];
        let host_end = rest.find('/').unwrap_or(rest.len());
        if let Some(at) = rest[..host_end].rfind('@') {
            return format!("{}{}", &v[..scheme_end + 3], &rest[at + 1..]);
        }
    }
    v.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_secret_name("GITHUB_TOKEN"));
        assert!(is_secret_name("aws_access_key_id"));
        assert!(is_secret_name("SIGNING_KEY"));
        assert!(!is_secret_name("GITHUB_SHA"));
        assert!(!is_secret_name("BUILD_FLAVOR"));
    }

    #[test]
    fn values() {
        assert_eq!(redact_value("https://user:pw@git.example.com/x.git"), "https://git.example.com/x.git");
        assert_eq!(redact_value("ghp_FAKEFAKEFAKE"), "<redacted>");
        assert_eq!(redact_value("release"), "release");
    }
}
