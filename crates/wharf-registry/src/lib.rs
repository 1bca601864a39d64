//! Wharf's use-cases: what the registry does when someone publishes, yanks, changes owners,
//! deletes, reports or moderates — the one layer every front end calls.
//!
//! The HTTP API (`wharf-server`), the web site (`wharf-web`) and the command line (`wharf`) each
//! turn their input into a call on [`Registry`] and its answer (or [`RegistryError`]) into their own
//! output. A use-case reads facts through the store, asks the usage policy (`wharf-policy`, pure
//! functions over those facts) and has the store write the rows in one transaction; then it updates
//! what lives outside the database (index files, `.crate` files). None of the front ends depends on
//! another.

mod address_limits;
mod caller;
mod config;
mod deletion;
mod detonation;
mod dump;
mod error;
mod exposed;
mod findings;
mod gate;
mod import;
mod moderation;
mod owners;
mod publish;
mod reports;
mod search;
mod second_factor;
mod single_sign_on;
mod trusted_publishing;
mod upstream;
mod yank;

use std::sync::{Arc, RwLock};
use wharf_store::{BlobStore, Db, IndexFiles};

pub use address_limits::AddressLimiter;
pub use caller::{client_address, Principal};
pub use config::{
    ApiRate, Config, Downloads, RateLimits, TrustedPublishing, GITHUB_ACTIONS_ISSUER,
    GITHUB_SECRET_SCANNING_KEYS, GITLAB_ISSUER, PRESIGNED_DOWNLOAD_LIFETIME,
};
pub use dump::PUBLISHED_DUMP_KEY;
pub use error::{RegistryError, RegistryResult};
pub use exposed::{ExposedSecret, Exposure};
pub use findings::VersionFindings;
pub use gate::{name_facts, seed_policy_lists, typosquat_index, NameFacts};
pub use import::{publish_metadata, ImportOutcome, ImportedFile, SourceFacts};
pub use moderation::{parse_action, ActionOptions, BulkResult, Moderator, ACTION_NAMES};
pub use owners::OwnersChanged;
pub use publish::{PublishSlot, PublishWarnings, Published};
pub use reports::{MAX_REPORT_DETAILS, TRUSTED_REPORTER_RULE};
pub use search::BROAD_ANSWER_LIFETIME;
pub use second_factor::{Enrolment, RECOVERY_CODES};
pub use single_sign_on::{SingleSignOn, SsoStart};
pub use trusted_publishing::{is_trusted_publishing_token, ExchangedToken};
pub use upstream::{check_upstream_url, UpstreamRuleChange};

// The publish request's model lives with the index it feeds, where the fuzz targets reach it too.
pub use wharf_index::publish::{PublishDependency, PublishMetadata};

/// Something that keeps a copy of index files (the server's serving cache) and must hear when one
/// changes in this process. Argument: the file's path relative to the index root.
pub type IndexObserver = Box<dyn Fn(&str) + Send + Sync>;

pub struct Inner {
    pub config: Config,
    pub db: Db,
    pub blobs: BlobStore,
    pub index: IndexFiles,
    typosquat: gate::TyposquatCache,
    broad_answers: search::BroadAnswers,
    publish_slots: Arc<tokio::sync::Semaphore>,
    /// The registry proxied for names this one has no crate of, when configured.
    upstream: Option<upstream::Upstream>,
    index_observers: RwLock<Vec<IndexObserver>>,
    /// The sandbox versions are detonated in after publish, when this process has one.
    detonator: std::sync::OnceLock<detonation::Detonator>,
    trusted_issuers: Option<trusted_publishing::TrustedIssuers>,
    sso: Option<single_sign_on::SsoClient>,
}

/// The registry: its data and its rules. Cheap to clone; every clone is the same registry.
#[derive(Clone)]
pub struct Registry(Arc<Inner>);

impl std::ops::Deref for Registry {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl Registry {
    pub fn new(config: Config, db: Db, blobs: BlobStore, index: IndexFiles) -> Registry {
        let publish_slots = Arc::new(tokio::sync::Semaphore::new(config.publish_workers.max(1)));
        let broad_answers = search::BroadAnswers::new(config.broad_search_lifetime);
        // The binary checks the URL before it builds the registry; one that still fails to parse
        // proxies nothing rather than something else.
        let upstream =
            config
                .upstream
                .as_deref()
                .and_then(|url| match upstream::Upstream::new(url) {
                    Ok(upstream) => Some(upstream),
                    Err(error) => {
                        tracing::error!(%error, "the upstream registry is not proxied");
                        None
                    }
                });
        let trusted_issuers = match trusted_publishing::TrustedIssuers::new(&config) {
            Ok(issuers) => issuers,
            Err(error) => {
                tracing::error!(%error, "trusted publishing is off");
                None
            }
        };
        let sso =
            config.single_sign_on.as_ref().and_then(
                |settings| match single_sign_on::SsoClient::new(settings) {
                    Ok(client) => Some(client),
                    Err(error) => {
                        tracing::error!(%error, "single sign-on is off");
                        None
                    }
                },
            );
        Registry(Arc::new(Inner {
            sso,
            trusted_issuers,
            upstream,
            publish_slots,
            config,
            db,
            blobs,
            index,
            typosquat: gate::TyposquatCache::default(),
            broad_answers,
            index_observers: RwLock::new(Vec::new()),
            detonator: std::sync::OnceLock::new(),
        }))
    }

    /// The registry's clock, in milliseconds since the epoch. Rules take `now` as an argument; this
    /// is where it comes from (offset in tests by `WHARF_CLOCK_OFFSET_SECONDS`).
    pub fn now(&self) -> i64 {
        wharf_store::now_millis()
    }

    /// Registers a copy of index files to be told of every change this process makes.
    pub fn observe_index(&self, observer: IndexObserver) {
        self.index_observers
            .write()
            .expect("index observers poisoned")
            .push(observer);
    }

    fn index_changed(&self, relative: &str) {
        for observer in self
            .index_observers
            .read()
            .expect("index observers poisoned")
            .iter()
        {
            observer(relative);
        }
    }

    /// Rewrites a crate's index file from the database after a change. The change is committed
    /// by then, so a failed write (a full disk, an object store that is down) does not fail it:
    /// the crate stays marked as behind, and the server's repair loop writes the file as soon as
    /// it can (`wharf_server::serve`, every few seconds, backing off while writes fail).
    pub async fn rewrite_index(&self, crate_id: i64) {
        match self.index.rewrite(&self.db, crate_id).await {
            Ok(relative) => self.index_changed(&relative),
            Err(error) => tracing::warn!(
                crate_id,
                %error,
                "could not write an index file after a change; it will be repaired"
            ),
        }
    }

    /// Removes the index file of a crate that no longer exists.
    async fn remove_index(&self, name: &str) -> RegistryResult<()> {
        let relative = wharf_index::index_path(name);
        self.index.remove(name).await?;
        self.index.announce(&self.db, &relative).await;
        self.index_changed(&relative);
        Ok(())
    }

    /// Removes what a killed process left outside the database (see [`wharf_store::Leftovers`]):
    /// at start-up (`starting`) every temporary index file, and at any time `.crate` files no
    /// committed version names once they are older than the configured grace.
    pub async fn remove_leftovers(&self, starting: bool) -> RegistryResult<wharf_store::Leftovers> {
        let removed = wharf_store::remove_leftovers(
            &self.db,
            &self.blobs,
            &self.index,
            self.config.leftover_grace,
            starting,
        )
        .await?;
        if removed.total() > 0 {
            tracing::info!(?removed, "removed files a crash left behind");
        }
        Ok(removed)
    }

    /// Removes stored `.crate` files whose rows are already gone. Nothing serves them any more, so
    /// a failure only leaves garbage behind: it is logged, not returned.
    async fn remove_files(&self, keys: &[String]) {
        for key in keys {
            if let Err(error) = self.blobs.delete(key).await {
                tracing::warn!(%error, key, "could not remove a deleted crate file");
            }
        }
    }
}
