//! How the registry is run: public address, limits, rate buckets, policy knobs. Read from the
//! command line and config file by the binary, and shared by every front end.

use std::time::Duration;
use wharf_store::RateLimit;

/// How this registry is run: what every front end and use-case needs to know beyond where its
/// data lives.
#[derive(Debug, Clone)]
pub struct Config {
    /// The URL clients reach this server at, without a trailing slash.
    pub public_url: String,
    /// Private mode: every request, index included, needs a token.
    pub auth_required: bool,
    /// The largest `.crate` file accepted.
    pub max_upload_size: u64,
    /// Where the public keys that sign GitHub's secret-scanning reports are published (GitHub's
    /// own address by default; a test runs its own).
    pub secret_scanning_keys_url: String,
    /// Which CI issuers' tokens may be exchanged for publish tokens, and the audience they must
    /// name.
    pub trusted_publishing: TrustedPublishing,
    /// Whether crate owners must sign in with a second factor to publish, yank, change owners or
    /// delete (an operator's choice; off by default).
    pub require_second_factor_for_owners: bool,
    /// The OpenID Connect provider people may sign in to the web site with.
    pub single_sign_on: Option<crate::SingleSignOn>,
    /// The largest publish metadata accepted.
    pub max_json_size: u64,
    /// Index URLs of other registries that dependencies may come from.
    pub allowed_registries: Vec<String>,
    /// How often counted downloads are written to the database.
    pub download_flush_interval: Duration,
    pub tarball_limits: wharf_tarball::Limits,
    /// Most publishes this process reads, scans and stores at once; the rest wait their turn.
    /// Each costs a core and tens of MiB at its peak, so this bounds both.
    pub publish_workers: usize,
    /// How long a publish upload may take to arrive, once its turn has come; a slower one is
    /// refused (408) before anything is read into the registry.
    pub upload_timeout: Duration,
    /// How old a `.crate` file without a committed version must be before it is removed as a
    /// crash's leftover (younger ones may belong to a publish still under way).
    pub leftover_grace: Duration,
    /// How long a publish waits for its turn before it is refused as busy (503, Retry-After).
    pub publish_queue_wait: Duration,
    /// Per-user buckets for publishing and yanking, shared by all instances through the database.
    pub rate_limits: RateLimits,
    /// Per-client-address limit on the API (never on index files or downloads).
    pub api_rate: ApiRate,
    /// Typosquats are checked against this many of the most-downloaded crates.
    pub typosquat_top_crates: i64,
    /// A trusted proxy is in front: take the client's address from the last `X-Forwarded-For` entry.
    pub behind_proxy: bool,
    /// How long an owner invitation can be accepted.
    pub invitation_ttl: Duration,
    /// How long a deleted crate's name stays blocked before anyone may take it.
    pub deleted_name_block: Duration,
    /// Publishing needs a verified e-mail address (accounts made by the operator are verified).
    /// On by default for a public registry, where anyone can sign up; off for a private one.
    pub publish_requires_verified_email: bool,
    /// Where to report a vulnerability (a `mailto:` or `https:` URI); by default
    /// `mailto:security@` the public host.
    pub security_contact: Option<String>,
    /// When set, `/metrics` answers only scrapers that send it as a bearer token.
    pub metrics_token: Option<String>,
    /// How often the server publishes the database dump at `/db-dump.tar.gz`; `None`: never.
    pub dump_interval: Option<Duration>,
    /// How long the answer of a broad search (one whose total is estimated) is given again to
    /// the same query; zero: never kept.
    pub broad_search_lifetime: Duration,
    /// How a download hands out the `.crate` file.
    pub downloads: Downloads,
    /// The sparse index proxied for names this registry has no crate of (`sparse+https://…/`).
    pub upstream: Option<String>,
    /// How long an upstream index file is served before the upstream is asked again.
    pub upstream_ttl: Duration,
}

/// How `GET /api/v1/crates/{name}/{version}/download` hands out a `.crate` file, once the version
/// is known to be downloadable and the download is counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Downloads {
    /// Wharf sends the file itself.
    #[default]
    Served,
    /// A redirect to a URL the object store signs, valid for [`PRESIGNED_DOWNLOAD_LIFETIME`]:
    /// the bytes go from the store to the client, and the bucket stays private.
    Presigned,
    /// A redirect to this base URL (a CDN or a static server in front of the blob store's root:
    /// an S3 bucket under its prefix, a directory storage's `crates/` folder; no trailing slash)
    /// followed by the file's key (`/crates/NAME/NAME-VERSION.crate`).
    Base(String),
}

/// How long a presigned download URL stays valid: long enough for a slow start, short enough that
/// a URL seen in a log is soon worthless.
pub const PRESIGNED_DOWNLOAD_LIFETIME: Duration = Duration::from_secs(5 * 60);

impl Downloads {
    /// `served` (the default), `presigned`, or an `http://`/`https://` base URL.
    pub fn parse(value: &str) -> Result<Downloads, String> {
        match value.trim() {
            "" | "served" => Ok(Downloads::Served),
            "presigned" => Ok(Downloads::Presigned),
            url if url.starts_with("https://") || url.starts_with("http://") => {
                let base = url.trim_end_matches('/');
                if base.contains(['?', '#']) || base.split("://").nth(1).is_none_or(str::is_empty) {
                    return Err(format!(
                        "download base `{value}` must be a plain URL with a host, no query or fragment"
                    ));
                }
                Ok(Downloads::Base(base.to_string()))
            }
            other => Err(format!(
                "downloads must be `served`, `presigned` or an http(s):// base URL, not `{other}`"
            )),
        }
    }
}

/// Per-user token buckets, by action.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    pub new_crate: RateLimit,
    pub new_version: RateLimit,
    pub yank: RateLimit,
    pub report: RateLimit,
}

/// The crawler policy: sustained requests per second per client address, and the burst allowed.
#[derive(Debug, Clone, Copy)]
pub struct ApiRate {
    pub per_second: u32,
    pub burst: u32,
}

/// Trusted publishing's settings: the issuer URL of each CI provider (`None`: that provider's
/// tokens are refused) and the audience (`aud`) a job's token must be made out to.
#[derive(Debug, Clone)]
pub struct TrustedPublishing {
    pub github_issuer: Option<String>,
    pub gitlab_issuer: Option<String>,
    /// `None`: the host of `public_url`, as crates.io's audience is its host name.
    pub audience: Option<String>,
}

/// GitHub Actions' OpenID issuer.
pub const GITHUB_ACTIONS_ISSUER: &str = "https://token.actions.githubusercontent.com";
/// GitLab.com's OpenID issuer (a self-managed GitLab is configured with its own URL).
pub const GITLAB_ISSUER: &str = "https://gitlab.com";

/// Where GitHub publishes the keys it signs secret-scanning reports with.
pub const GITHUB_SECRET_SCANNING_KEYS: &str =
    "https://api.github.com/meta/public_keys/secret_scanning";

impl Config {
    /// The host name of `public_url`: the audience CI tokens are made out to, and the issuer
    /// authenticator apps show.
    pub fn public_host(&self) -> Option<String> {
        url::Url::parse(&self.public_url)
            .ok()
            .and_then(|url| url.host_str().map(str::to_string))
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            public_url: "http://127.0.0.1:8787".into(),
            auth_required: false,
            max_upload_size: 10 * 1024 * 1024,
            secret_scanning_keys_url: GITHUB_SECRET_SCANNING_KEYS.into(),
            trusted_publishing: TrustedPublishing {
                github_issuer: Some(GITHUB_ACTIONS_ISSUER.into()),
                gitlab_issuer: Some(GITLAB_ISSUER.into()),
                audience: None,
            },
            max_json_size: 1024 * 1024,
            allowed_registries: vec![
                "https://github.com/rust-lang/crates.io-index".into(),
                "sparse+https://index.crates.io/".into(),
            ],
            download_flush_interval: Duration::from_secs(10),
            tarball_limits: wharf_tarball::Limits::default(),
            publish_workers: std::thread::available_parallelism().map_or(2, |n| n.get()),
            publish_queue_wait: Duration::from_secs(30),
            leftover_grace: Duration::from_secs(60 * 60),
            upload_timeout: Duration::from_secs(180),
            rate_limits: RateLimits {
                new_crate: RateLimit {
                    burst: 5,
                    period_ms: 10 * 60 * 1000,
                },
                new_version: RateLimit {
                    burst: 30,
                    period_ms: 60 * 1000,
                },
                yank: RateLimit {
                    burst: 100,
                    period_ms: 60 * 1000,
                },
                report: RateLimit {
                    burst: 10,
                    period_ms: 60 * 1000,
                },
            },
            api_rate: ApiRate {
                per_second: 1,
                burst: 60,
            },
            typosquat_top_crates: 3000,
            behind_proxy: false,
            invitation_ttl: Duration::from_secs(30 * 24 * 60 * 60),
            deleted_name_block: Duration::from_secs(24 * 60 * 60),
            security_contact: None,
            metrics_token: None,
            dump_interval: Some(Duration::from_secs(24 * 60 * 60)),
            broad_search_lifetime: crate::search::BROAD_ANSWER_LIFETIME,
            downloads: Downloads::Served,
            upstream: None,
            upstream_ttl: Duration::from_secs(60),
            publish_requires_verified_email: true,
            require_second_factor_for_owners: false,
            single_sign_on: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn download_modes_parse_and_refuse_what_they_cannot_use() {
        assert_eq!(Downloads::parse("served"), Ok(Downloads::Served));
        assert_eq!(Downloads::parse("presigned"), Ok(Downloads::Presigned));
        assert_eq!(
            Downloads::parse("https://cdn.example.com/registry/"),
            Ok(Downloads::Base("https://cdn.example.com/registry".into()))
        );
        assert_eq!(
            Downloads::parse("http://127.0.0.1:9000"),
            Ok(Downloads::Base("http://127.0.0.1:9000".into()))
        );
        for bad in [
            "ftp://cdn",
            "https://",
            "https://cdn.example.com/?a=b",
            "redirect",
        ] {
            assert!(Downloads::parse(bad).is_err(), "{bad}");
        }
    }
}
