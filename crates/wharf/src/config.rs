//! Settings: command-line flags over environment variables over the config file over defaults.

use crate::{GlobalOptions, ServeArgs};
use anyhow::{bail, Context};
use serde::Deserialize;
use std::path::PathBuf;
use std::time::Duration;
use wharf_store::{BlobStore, Db, IndexFiles, Storage};

/// The file of a `sqlite:` database URL (without its query), or `None` for another database.
fn sqlite_path(url: &str) -> Option<PathBuf> {
    let path = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = path.split('?').next().unwrap_or(path);
    Some(PathBuf::from(path))
}

/// The config file. Every key is optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    /// `file:///PATH` or `s3://BUCKET/PREFIX` [default: the data directory].
    storage_url: Option<String>,
    listen: Option<String>,
    public_url: Option<String>,
    auth_required: Option<bool>,
    max_upload_size: Option<u64>,
    max_json_size: Option<u64>,
    /// Where the keys that sign GitHub's secret-scanning reports are published [default:
    /// GitHub's address].
    secret_scanning_keys_url: Option<String>,
    allowed_registries: Option<Vec<String>>,
    download_flush_seconds: Option<u64>,
    /// Sustained API requests per second per client address.
    api_requests_per_second: Option<u32>,
    /// API requests a client address may make at once.
    api_burst: Option<u32>,
    /// How many of the most-downloaded crates typosquats are checked against.
    typosquat_top_crates: Option<i64>,
    /// A trusted proxy or load balancer is in front and appends the client to X-Forwarded-For.
    behind_proxy: Option<bool>,
    /// Per-user buckets for publishing and yanking.
    rate_limits: Option<RateLimitsFile>,
    /// How many days an owner invitation can be accepted.
    invitation_expiry_days: Option<u32>,
    /// The most a .crate may unpack to, in bytes.
    max_unpacked_size: Option<u64>,
    /// How many hours a deleted crate's name stays blocked.
    deleted_name_block_hours: Option<u32>,
    /// Where to report a vulnerability (`mailto:…` or `https://…`), for the security page and
    /// security.txt; by default `security@` the public host.
    security_contact: Option<String>,
    /// A token Prometheus must send to read `/metrics` (better given in `WHARF_METRICS_TOKEN`);
    /// without one, `/metrics` is as open as the rest of the API.
    metrics_token: Option<String>,
    /// Hours between two database dumps published at `/db-dump.tar.gz`; 0 turns them off
    /// [default: 24].
    dump_interval_hours: Option<u64>,
    /// The SMTP server notifications are sent through; without it they are written to the log.
    smtp: Option<SmtpFile>,
    /// Accounts on the web site.
    accounts: Option<AccountsFile>,
    /// Publishes this process works on at once [default: one per core].
    publish_workers: Option<usize>,
    /// Seconds a publish waits for its turn before it is refused as busy [default: 30].
    publish_queue_wait_seconds: Option<u64>,
    /// Seconds a publish upload may take to arrive [default: 180].
    upload_timeout_seconds: Option<u64>,
    /// Seconds a `.crate` file without a committed version must have existed before it is
    /// removed as a crash's leftover [default: 3600].
    leftover_grace_seconds: Option<u64>,
    /// Defences against slow and idle clients.
    connections: Option<ConnectionsFile>,
    /// Seconds before a failed webhook delivery is tried again, doubled each time [default: 10].
    webhook_retry_seconds: Option<u64>,
    /// Seconds the answer of a broad search (a word in more than 2,000 crates, whose total is
    /// estimated) is given again to the same query, at most a day; 0: never kept [default: 60].
    broad_search_cache_seconds: Option<u64>,
    /// How downloads hand out `.crate` files: `served` by Wharf [default], `presigned` (a redirect
    /// to a URL the S3 store signs), or a CDN's base URL to redirect to.
    downloads: Option<String>,
    /// The registry proxied for names this one has no crate of.
    upstream: Option<UpstreamFile>,
    /// Running each published version's build in a sealed sandbox.
    detonation: Option<DetonationFile>,
    /// CI jobs that publish with a token exchanged for their OpenID token.
    trusted_publishing: Option<TrustedPublishingFile>,
    /// Signing in to the web site through an OpenID Connect provider.
    oidc: Option<OidcFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OidcFile {
    /// The provider's issuer URL (its discovery document is under it).
    issuer: String,
    client_id: String,
    /// Better given in `WHARF_OIDC_CLIENT_SECRET` than in the file.
    client_secret: Option<String>,
    /// What the sign-in button calls the provider [default: "single sign-on"].
    name: Option<String>,
    /// Whether a first sign-in creates an account [default: yes].
    create_accounts: Option<bool>,
    /// Whether passwords still sign in beside the provider [default: yes].
    password_sign_in: Option<bool>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct TrustedPublishingFile {
    /// GitHub Actions' token issuer; `""` refuses GitHub's jobs [default:
    /// https://token.actions.githubusercontent.com].
    github_issuer: Option<String>,
    /// GitLab's token issuer (a self-managed GitLab's URL); `""` refuses GitLab's jobs [default:
    /// https://gitlab.com].
    gitlab_issuer: Option<String>,
    /// The audience (`aud`) jobs must request their token for [default: the public URL's host].
    audience: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DetonationFile {
    /// `after-publish` [default where the machine can seal a build], `before-publish` (a version
    /// waits, held, until its build is found clean) or `off`.
    mode: Option<String>,
    /// Builds run at once [default: 1].
    workers: Option<usize>,
    /// Seconds a build may run [default: 600].
    time_limit_seconds: Option<u64>,
    /// Processes and threads a build may have at once [default: 1024].
    process_limit: Option<u64>,
    /// MiB of memory a build may use [default: 4096].
    memory_limit_mib: Option<u64>,
    /// MiB a build may write [default: 4096].
    disk_limit_mib: Option<u64>,
    /// A cargo `config.toml` for fetching a package's dependencies before its build (outside the
    /// sandbox), e.g. to take crates.io's crates through a mirror [default: none].
    cargo_config: Option<PathBuf>,
    /// Where builds are staged and dependencies kept [default: DATA_DIR/sandbox].
    work_dir: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct UpstreamFile {
    /// Its sparse index URL, say `sparse+https://index.crates.io/`.
    url: Option<String>,
    /// Seconds an upstream index file is served before the upstream is asked whether it changed
    /// [default: 60].
    ttl_seconds: Option<u64>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConnectionsFile {
    /// Seconds a client has to send a request's headers [default: 15].
    header_timeout_seconds: Option<u64>,
    /// Seconds a request body may pause between two parts [default: 30].
    body_idle_timeout_seconds: Option<u64>,
    /// Most connections open at once [default: 8192, lowered to fit the file-descriptor limit].
    max_connections: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct AccountsFile {
    /// Whether anyone may sign up on the web site [default: yes, unless the registry is private].
    signup: Option<bool>,
    /// Accounts created per client address per hour [default: 5].
    signups_per_hour: Option<u32>,
    /// Sign-in attempts per client address per minute [default: 20].
    sign_ins_per_minute: Option<u32>,
    /// Publishing needs a verified e-mail address [default: yes, unless the registry is private].
    publish_requires_verified_email: Option<bool>,
    /// Crate owners must have two-factor sign-in on to publish, yank, change owners or delete
    /// [default: no].
    require_2fa_for_owners: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SmtpFile {
    host: String,
    port: Option<u16>,
    /// `starttls` (the default), `tls`, or `none` for a relay on a trusted network.
    tls: Option<wharf_mail::SmtpTls>,
    username: Option<String>,
    /// Better given in `WHARF_SMTP_PASSWORD` than in the file.
    password: Option<String>,
    from: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RateLimitsFile {
    publish_new: Option<BucketFile>,
    publish_update: Option<BucketFile>,
    yank: Option<BucketFile>,
    report: Option<BucketFile>,
}

/// `{ burst = 5, period_seconds = 600 }`: five at once, then one more every ten minutes.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
struct BucketFile {
    burst: u32,
    period_seconds: u32,
}

impl BucketFile {
    fn limit(self) -> wharf_store::RateLimit {
        wharf_store::RateLimit {
            burst: i64::from(self.burst),
            period_ms: i64::from(self.period_seconds.max(1)) * 1000,
        }
    }
}

pub struct Settings {
    pub data_dir: PathBuf,
    pub database_url: String,
    /// Where `.crate` files, dumps and index files live.
    pub storage: Storage,
    pub listen: String,
    pub public_url: Option<String>,
    pub auth_required: bool,
    /// The sparse index proxied for names this registry has no crate of.
    pub upstream: Option<String>,
    /// Whether published versions are detonated (`--detonate`, `[detonation] mode`).
    pub detonate: bool,
    /// Whether they wait for it, held, before they are published (`before-publish`).
    pub detonate_before_publish: bool,
    file: ConfigFile,
}

impl Settings {
    pub fn load(global: &GlobalOptions, serve: Option<&ServeArgs>) -> anyhow::Result<Settings> {
        let file = match &global.config {
            Some(path) => {
                let text = std::fs::read_to_string(path)
                    .with_context(|| format!("cannot read the config file {}", path.display()))?;
                toml::from_str(&text)
                    .with_context(|| format!("invalid config file {}", path.display()))?
            }
            None => ConfigFile::default(),
        };
        let data_dir = global
            .data_dir
            .clone()
            .or_else(|| file.data_dir.clone())
            .unwrap_or_else(|| PathBuf::from("wharf-data"));
        let database_url = global
            .database_url
            .clone()
            .or_else(|| file.database_url.clone())
            .unwrap_or_else(|| format!("sqlite://{}", data_dir.join("wharf.db").display()));
        let storage = match global.storage_url.as_ref().or(file.storage_url.as_ref()) {
            Some(url) => Storage::parse(url)?,
            None => Storage::in_data_dir(&data_dir),
        };
        let default_serve = ServeArgs::default();
        let upstream = serve
            .and_then(|s| s.upstream.clone())
            .or_else(|| file.upstream.as_ref().and_then(|u| u.url.clone()))
            .filter(|url| !url.is_empty());
        if let Some(url) = &upstream {
            wharf_registry::check_upstream_url(url).map_err(anyhow::Error::msg)?;
        }
        let detonate_mode = serve
            .and_then(|s| s.detonate.clone())
            .or_else(|| file.detonation.as_ref().and_then(|d| d.mode.clone()))
            .unwrap_or_else(|| "after-publish".into());
        let (detonate, detonate_before_publish) = match detonate_mode.as_str() {
            "after-publish" => (true, false),
            "before-publish" => (true, true),
            "off" => (false, false),
            other => bail!(
                "detonation mode must be `after-publish`, `before-publish` or `off`, not `{other}`"
            ),
        };
        let serve = serve.unwrap_or(&default_serve);
        Ok(Settings {
            detonate,
            detonate_before_publish,
            listen: serve
                .listen
                .clone()
                .or_else(|| file.listen.clone())
                .unwrap_or_else(|| "127.0.0.1:8787".into()),
            public_url: serve
                .public_url
                .clone()
                .or_else(|| file.public_url.clone())
                .map(|url| url.trim_end_matches('/').to_string()),
            auth_required: serve.auth_required || file.auth_required.unwrap_or(false),
            upstream,
            data_dir,
            database_url,
            storage,
            file,
        })
    }

    /// Connects and brings the schema up to date, so every subcommand works on a fresh data directory.
    /// Opens (and migrates) the database. Only `serve` and `migrate` may create it: any other
    /// command run from the wrong directory would otherwise work on a new, empty registry and say
    /// that nothing exists.
    pub async fn open_database(&self, may_create: bool) -> anyhow::Result<Db> {
        if !may_create {
            if let Some(path) = sqlite_path(&self.database_url) {
                if !path.exists() {
                    bail!(
                        "there is no Wharf database at {}: run this where the registry's data is, or \
                         name it with --data-dir or --database-url (`wharf serve` or `wharf migrate` \
                         creates a new one)",
                        path.display()
                    );
                }
            }
        }
        let db = Db::connect(&self.database_url)
            .await
            .with_context(|| format!("cannot open the database {}", redact(&self.database_url)))?;
        db.migrate().await.context("cannot migrate the database")?;
        Ok(db)
    }

    /// The registry these settings describe, on an open database.
    pub fn registry(&self, db: Db) -> anyhow::Result<wharf_registry::Registry> {
        let (blobs, index) = self.files()?;
        let trusted = &self.registry_config().trusted_publishing;
        for issuer in [&trusted.github_issuer, &trusted.gitlab_issuer]
            .into_iter()
            .flatten()
        {
            wharf_oidc::check_url(issuer)
                .map_err(|e| anyhow::anyhow!("trusted_publishing: {e}"))?;
        }
        if let Some(oidc) = &self.file.oidc {
            wharf_oidc::check_url(&oidc.issuer).map_err(|e| anyhow::anyhow!("oidc: {e}"))?;
        }
        Ok(wharf_registry::Registry::new(
            self.registry_config(),
            db,
            blobs,
            index,
        ))
    }

    /// How long, and how many, connections may stay open, within `descriptors` (the process's
    /// file-descriptor limit): the database, files and the listener need some of them too.
    pub fn connection_limits(&self, descriptors: u64) -> wharf_server::ConnectionLimits {
        /// Descriptors kept back from connections for the database pool, files being read or
        /// written, and the runtime.
        const RESERVED_DESCRIPTORS: u64 = 256;
        let mut limits = wharf_server::ConnectionLimits::default();
        let file = self.file.connections.as_ref();
        if let Some(seconds) = file.and_then(|c| c.header_timeout_seconds) {
            limits.header_timeout = Duration::from_secs(seconds.max(1));
        }
        if let Some(seconds) = file.and_then(|c| c.body_idle_timeout_seconds) {
            limits.body_idle_timeout = Duration::from_secs(seconds.max(1));
        }
        if let Some(max) = file.and_then(|c| c.max_connections) {
            limits.max_connections = max;
        }
        // Each connection thread's runtime holds a few of its own (its poller, its waker, the
        // signal pipe's copy).
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get()) as u64;
        let reserved = RESERVED_DESCRIPTORS + 4 * threads;
        let room = descriptors.saturating_sub(reserved).max(16);
        limits.max_connections = limits.max_connections.min(room as usize).max(1);
        limits
    }

    /// The stores of `.crate` files (and dumps) and of index files.
    pub fn files(&self) -> anyhow::Result<(BlobStore, IndexFiles)> {
        self.storage
            .open()
            .with_context(|| format!("cannot open the storage {}", self.storage))
    }

    /// The first pause after a failed webhook delivery.
    pub fn webhook_retry_base(&self) -> Duration {
        Duration::from_secs(self.file.webhook_retry_seconds.unwrap_or(10).max(1))
    }

    /// How downloads hand out files, checked against where the files are and who may read them.
    pub fn downloads(&self, blobs: &BlobStore) -> anyhow::Result<wharf_registry::Downloads> {
        let downloads = match &self.file.downloads {
            Some(value) => wharf_registry::Downloads::parse(value).map_err(anyhow::Error::msg)?,
            None => wharf_registry::Downloads::Served,
        };
        match &downloads {
            wharf_registry::Downloads::Presigned if !blobs.can_sign() => anyhow::bail!(
                "downloads = \"presigned\" needs files in an S3 store (storage_url = \"s3://…\"); \
                 the storage {} cannot sign URLs",
                self.storage
            ),
            wharf_registry::Downloads::Base(_) if self.auth_required => anyhow::bail!(
                "a private registry cannot send downloads to a CDN base, which would hand its \
                 files to anyone: use downloads = \"presigned\" or leave them served"
            ),
            _ => Ok(downloads),
        }
    }

    pub fn registry_config(&self) -> wharf_registry::Config {
        let mut config = wharf_registry::Config {
            auth_required: self.auth_required,
            publish_requires_verified_email: self
                .file
                .accounts
                .as_ref()
                .and_then(|a| a.publish_requires_verified_email)
                .unwrap_or(!self.auth_required),
            require_second_factor_for_owners: self
                .file
                .accounts
                .as_ref()
                .and_then(|a| a.require_2fa_for_owners)
                .unwrap_or(false),
            ..Default::default()
        };
        if let Some(url) = &self.public_url {
            config.public_url = url.clone();
        }
        if let Some(size) = self.file.max_upload_size {
            config.max_upload_size = size;
        }
        if let Some(size) = self.file.max_json_size {
            config.max_json_size = size;
        }
        if let Some(url) = &self.file.secret_scanning_keys_url {
            config.secret_scanning_keys_url = url.clone();
        }
        if let Some(oidc) = &self.file.oidc {
            config.single_sign_on = Some(wharf_registry::SingleSignOn {
                issuer: oidc.issuer.trim_end_matches('/').to_string(),
                client_id: oidc.client_id.clone(),
                client_secret: std::env::var("WHARF_OIDC_CLIENT_SECRET")
                    .ok()
                    .or_else(|| oidc.client_secret.clone())
                    .unwrap_or_default(),
                name: oidc.name.clone().unwrap_or_else(|| "single sign-on".into()),
                create_accounts: oidc.create_accounts.unwrap_or(true),
            });
        }
        if let Some(trusted) = &self.file.trusted_publishing {
            let issuer = |value: &Option<String>, default: Option<String>| match value {
                Some(url) if url.is_empty() => None,
                Some(url) => Some(url.trim_end_matches('/').to_string()),
                None => default,
            };
            let defaults = config.trusted_publishing.clone();
            config.trusted_publishing = wharf_registry::TrustedPublishing {
                github_issuer: issuer(&trusted.github_issuer, defaults.github_issuer),
                gitlab_issuer: issuer(&trusted.gitlab_issuer, defaults.gitlab_issuer),
                audience: trusted.audience.clone().or(defaults.audience),
            };
        }
        if let Some(registries) = &self.file.allowed_registries {
            config.allowed_registries = registries.clone();
        }
        let flush = std::env::var("WHARF_DOWNLOAD_FLUSH_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .or(self.file.download_flush_seconds);
        if let Some(seconds) = flush {
            config.download_flush_interval = Duration::from_secs(seconds.max(1));
        }
        if let Some(rate) = self.file.api_requests_per_second {
            config.api_rate.per_second = rate;
        }
        if let Some(burst) = self.file.api_burst {
            config.api_rate.burst = burst;
        }
        if let Some(limits) = &self.file.rate_limits {
            let defaults = &mut config.rate_limits;
            for (bucket, target) in [
                (limits.publish_new, &mut defaults.new_crate),
                (limits.publish_update, &mut defaults.new_version),
                (limits.yank, &mut defaults.yank),
                (limits.report, &mut defaults.report),
            ] {
                if let Some(bucket) = bucket {
                    *target = bucket.limit();
                }
            }
        }
        if let Some(hours) = self.file.deleted_name_block_hours {
            config.deleted_name_block = Duration::from_secs(u64::from(hours) * 60 * 60);
        }
        if let Some(size) = self.file.max_unpacked_size {
            config.tarball_limits.max_unpacked_size = size;
        }
        if let Some(days) = self.file.invitation_expiry_days {
            config.invitation_ttl = Duration::from_secs(u64::from(days) * 24 * 60 * 60);
        }
        if let Some(workers) = self.file.publish_workers {
            config.publish_workers = workers.max(1);
        }
        if let Some(seconds) = self.file.publish_queue_wait_seconds {
            config.publish_queue_wait = Duration::from_secs(seconds);
        }
        if let Some(seconds) = self.file.upload_timeout_seconds {
            config.upload_timeout = Duration::from_secs(seconds.max(1));
        }
        if let Some(seconds) = self.file.leftover_grace_seconds {
            config.leftover_grace = Duration::from_secs(seconds);
        }
        if let Some(behind_proxy) = self.file.behind_proxy {
            config.behind_proxy = behind_proxy;
        }
        config.security_contact = self.file.security_contact.clone();
        config.metrics_token = std::env::var("WHARF_METRICS_TOKEN")
            .ok()
            .or_else(|| self.file.metrics_token.clone())
            .filter(|token| !token.is_empty());
        if let Some(seconds) = self.file.broad_search_cache_seconds {
            // A day at most: longer would show a changed registry too late to be of use.
            config.broad_search_lifetime = Duration::from_secs(seconds.min(24 * 60 * 60));
        }
        if let Some(hours) = self.file.dump_interval_hours {
            config.dump_interval = (hours > 0).then(|| Duration::from_secs(hours * 60 * 60));
        }
        if let Some(top) = self.file.typosquat_top_crates {
            config.typosquat_top_crates = top;
        }
        config.upstream = self.upstream.clone();
        if let Some(seconds) = self.file.upstream.as_ref().and_then(|u| u.ttl_seconds) {
            config.upstream_ttl = Duration::from_secs(seconds);
        }
        config
    }
}

impl Settings {
    /// The sandbox's settings, when detonation is on: the limits, the work directory, the cargo
    /// configuration for fetching dependencies.
    pub fn sandbox_config(&self) -> anyhow::Result<Option<(wharf_sandbox::SandboxConfig, usize)>> {
        if !self.detonate {
            return Ok(None);
        }
        let file = self.file.detonation.as_ref();
        let work_dir = file
            .and_then(|d| d.work_dir.clone())
            .unwrap_or_else(|| self.data_dir.join("sandbox"));
        let mut config = wharf_sandbox::SandboxConfig::new(work_dir);
        let limits = &mut config.limits;
        if let Some(seconds) = file.and_then(|d| d.time_limit_seconds) {
            limits.wall_time = Duration::from_secs(seconds.max(1));
        }
        if let Some(processes) = file.and_then(|d| d.process_limit) {
            limits.processes = processes.max(16);
        }
        if let Some(mib) = file.and_then(|d| d.memory_limit_mib) {
            limits.memory_bytes = mib.max(64) << 20;
        }
        if let Some(mib) = file.and_then(|d| d.disk_limit_mib) {
            limits.disk_bytes = mib.max(64) << 20;
        }
        if let Some(path) = file.and_then(|d| d.cargo_config.as_ref()) {
            config.cargo_config = Some(std::fs::read_to_string(path).with_context(|| {
                format!("cannot read the detonation cargo_config {}", path.display())
            })?);
        }
        let workers = file.and_then(|d| d.workers).unwrap_or(1).max(1);
        Ok(Some((config, workers)))
    }

    /// How the web site treats accounts.
    pub fn web_config(&self) -> wharf_web::WebConfig {
        let mut config = wharf_web::WebConfig::for_registry(self.auth_required);
        if let Some(accounts) = &self.file.accounts {
            if let Some(open) = accounts.signup {
                config.signup_open = open;
            }
            if let Some(n) = accounts.signups_per_hour {
                config.signups_per_hour = n;
            }
            if let Some(n) = accounts.sign_ins_per_minute {
                config.sign_ins_per_minute = n;
            }
        }
        if let Some(oidc) = &self.file.oidc {
            config.password_sign_in = oidc.password_sign_in.unwrap_or(true);
        }
        config
    }

    /// How notifications leave: through the configured SMTP server, or into the log.
    pub fn mailer(&self) -> anyhow::Result<wharf_mail::Mailer> {
        let Some(smtp) = &self.file.smtp else {
            return Ok(wharf_mail::Mailer::Log);
        };
        let tls = smtp.tls.unwrap_or_default();
        let settings = wharf_mail::SmtpSettings {
            host: smtp.host.clone(),
            port: smtp.port.unwrap_or(match tls {
                wharf_mail::SmtpTls::None => 25,
                wharf_mail::SmtpTls::Starttls => 587,
                wharf_mail::SmtpTls::Tls => 465,
            }),
            tls,
            username: smtp.username.clone(),
            password: std::env::var("WHARF_SMTP_PASSWORD")
                .ok()
                .or_else(|| smtp.password.clone()),
            from: smtp
                .from
                .clone()
                .unwrap_or_else(|| "Wharf <wharf@localhost>".into()),
        };
        Ok(wharf_mail::Mailer::smtp(&settings)?)
    }
}

/// A database URL fit for an error message: the password replaced.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example in the README is a real, complete configuration file.
    #[test]
    fn readme_example_parses() {
        let readme = include_str!("../../../README.md");
        let section = readme
            .split("## Configuration file")
            .nth(1)
            .expect("README has a configuration section");
        let example = section
            .split("```toml\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .expect("the section has a TOML example");
        let file: ConfigFile = toml::from_str(example).expect("the README example parses");
        let settings = Settings {
            data_dir: PathBuf::from("d"),
            database_url: String::new(),
            storage: Storage::in_data_dir(std::path::Path::new("d")),
            listen: String::new(),
            public_url: None,
            auth_required: false,
            upstream: None,
            detonate: true,
            detonate_before_publish: false,
            file,
        };
        let config = settings.registry_config();
        assert_eq!(config.rate_limits.new_crate.burst, 5);
        assert_eq!(config.rate_limits.new_crate.period_ms, 600_000);
        assert_eq!(config.rate_limits.yank.burst, 100);
        assert_eq!(config.api_rate.burst, 60);
        assert_eq!(config.allowed_registries.len(), 2);
        let (sandbox, workers) = settings.sandbox_config().unwrap().unwrap();
        assert_eq!(workers, 1);
        assert_eq!(sandbox.limits.wall_time, Duration::from_secs(600));
        assert_eq!(sandbox.limits.disk_bytes, 4096 << 20);
    }

    #[test]
    fn passwords_stay_out_of_messages() {
        assert_eq!(
            redact("postgres://wharf:secret@db/wharf"),
            "postgres://wharf:***@db/wharf"
        );
        assert_eq!(redact("sqlite://x.db"), "sqlite://x.db");
    }
}
