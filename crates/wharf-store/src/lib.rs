//! Wharf's persistent state.
//!
//! Three stores, each behind its own type:
//! - [`Db`]: metadata (users, tokens, crates, versions, owners, download counts, the audit log) in
//!   SQLite or PostgreSQL, through one set of portable queries;
//! - [`BlobStore`]: `.crate` files, through `object_store`, so a local directory and an S3 bucket are
//!   the same to the rest of Wharf;
//! - [`IndexFiles`]: the materialised sparse-index files, in a directory or the object store,
//!   written whenever the database changes and read by the server without touching the database;
//!   [`IndexChanges`] tells instances sharing a PostgreSQL database of each other's rewrites;
//! - [`Storage`]: where the files of both live, named by one URL.
//!
//! The database is the source of truth. Index files are a pure function of it, and a blob without a
//! committed version row is garbage that is never served.

pub mod accounts;
mod activity;
mod address_limits;
mod audit;
mod blobs;
pub mod browse;
mod crates;
mod db;
mod deletion;
mod detonations;
mod downloads;
mod dump;
mod error;
mod index_feed;
mod index_files;
mod invitations;
mod lease;
mod leftovers;
mod moderation;
mod outbox;
mod owned;
mod policy;
mod second_factor;
mod single_sign_on;
mod storage;
mod tags;
mod teams;
mod time;
mod tokens;
mod trusted_publishing;
mod upstream;
mod users;
mod webhooks;

pub use activity::{DayDownloads, ReverseDependency};
pub use audit::{Actor, AuditEntry, AuditQuery, VersionAction};
pub use blobs::{crate_file_key, BlobStore};
pub use browse::{
    recent_days_since, BrowseOrder, RecentVersion, RegistryTotals, VersionCount, RECENT_DAYS,
};
pub use crates::{
    CrateRecord, NewDependency, NewVersion, OwnerRecord, PublishAuthority, PublishOutcome,
    SearchPage, SearchQuery, SearchSort, SearchTotal, StoredFinding, VersionRecord,
};
pub use db::{Backend, Db, PoolStatus, WriteTx};
pub use deletion::{CrateDeletionFacts, DeletedCrate, DeletedVersion, DeletionRequest};
pub use detonations::{DetonationJob, DetonationResult, Recorded};
pub use downloads::DownloadBatch;
pub use dump::{
    DumpCrate, DumpDependency, DumpDownloads, DumpOwner, DumpSnapshot, DumpTeam, DumpUser,
    DumpVersion,
};
pub use error::StoreError;
pub use index_feed::{IndexChange, IndexChanges};
pub use index_files::{IndexFile, IndexFiles};
pub use invitations::Invitation;
pub use leftovers::{remove_leftovers, Leftovers};
pub use moderation::{
    FiledReport, ModAction, ModOutcome, NewReport, NoticeRecord, QueueDetail, QueueItem,
    ReportRecord, Role, Target, VersionEvidence,
};
pub use outbox::{Delivery, Notification, OutboxCounts, OutboxMessage};
pub use owned::{OpenInvitation, OwnedCrate};
pub use policy::{AdminList, CrateOwners, RateAction, RateLimit};
pub use second_factor::SecondFactorState;
pub use single_sign_on::{NewSsoAccount, SsoFlow};
pub use storage::Storage;
pub use tags::{CategoryRecord, KeywordRecord, TagOrder};
pub use teams::{TeamManager, TeamMember, TeamRecord, TEAM_PREFIX};
pub use time::{day_string, now_millis, rfc3339, set_clock_offset};
pub use tokens::{
    generate_token, hash_token, ExposedToken, NewToken, Scope, TokenRecord, TOKEN_PREFIX,
};
pub use trusted_publishing::{TrustedConfig, TrustedGrant, TrustedLookup, TRUSTED_TOKEN_PREFIX};
pub use upstream::{
    upstream_crate_key, LocalClaim, UpstreamIndexRecord, UpstreamRule, UpstreamVersionRecord,
    UpstreamWithheld,
};
pub use users::{validate_email, validate_login, Suspension, UserRecord};
pub use webhooks::{DeliveryRecord, Webhook, WebhookDelivery};

/// Stops the process at a named point when `WHARF_CRASH_AT` names it. Only the crash-safety tests set
/// it, to kill a server in the middle of a publish; without it this is one cached comparison.
pub fn crash_point(name: &str) {
    static CRASH_AT: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    let at = CRASH_AT.get_or_init(|| std::env::var("WHARF_CRASH_AT").ok());
    if at.as_deref() == Some(name) {
        eprintln!("WHARF_CRASH_AT={name}: aborting");
        std::process::abort();
    }
}

/// Reads a yes/no column. PostgreSQL has a boolean type; SQLite keeps 0 and 1, which sqlx's `Any`
/// driver hands over as integers, so both are accepted.
pub(crate) fn flag(row: &sqlx::any::AnyRow, column: &str) -> Result<bool, sqlx::Error> {
    use sqlx::Row;
    row.try_get::<bool, _>(column)
        .or_else(|_| row.try_get::<i64, _>(column).map(|v| v != 0))
}

/// `LIMIT` and `OFFSET` for page `page` (from 1) of `per_page` rows, at most 100 a page.
pub(crate) fn paging(page: i64, per_page: i64) -> (i64, i64) {
    let per_page = per_page.clamp(1, 100);
    (per_page, (page.max(1) - 1).saturating_mul(per_page))
}

/// A nullable boolean column, read as [`flag`] reads a required one.
pub(crate) fn optional_flag(
    row: &sqlx::any::AnyRow,
    column: &str,
) -> Result<Option<bool>, sqlx::Error> {
    use sqlx::Row;
    row.try_get::<Option<bool>, _>(column).or_else(|_| {
        row.try_get::<Option<i64>, _>(column)
            .map(|v| v.map(|v| v != 0))
    })
}
