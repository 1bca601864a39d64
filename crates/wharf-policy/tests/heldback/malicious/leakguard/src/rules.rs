use regex::Regex;

pub struct Rule {
    pub id: &'static str,
    pub re: Regex,
}

pub fn all() -> Vec<Rule> {
    let r = |id, pat: &str| Rule { id, re: Regex::new(pat).unwrap() };
    vec![
        r("aws-access-key", r"\b(AKIA|ASIA)[0-9A-Z]{16}\b"),
        r("aws-secret-key", r#"(?i)aws_secret_access_key\s*[=:]\s*["']?([A-Za-z0-9/+=]{40})"#),
        r("github-token", r"\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36}\b"),
        r("github-pat", r"\bgithub_pat_[A-Za-z0-9_]{82}\b"),
        r("npm-token", r"\bnpm_[A-Za-z0-9]{36}\b"),
        r("crates-io-token", r"\bcio[A-Za-z0-9]{32}\b"),
        r("chat-webhook", r"https://hooks\.chat\.example\.com/services/[A-Za-z0-9/]+"),
        r("pem-private-key", r"-----BEGIN ([A-Z ]+ )?PRIVATE KEY-----"),
    ]
}
