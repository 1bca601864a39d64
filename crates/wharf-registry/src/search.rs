//! Searching the registry, as the API's `GET /api/v1/crates` and the web site's search page ask
//! for it: the store's full-text search, with the answers of the broadest searches kept a while.
//!
//! A search whose words most crates share ("rust", "a", a two-letter prefix) costs in proportion
//! to how many crates match: tens of milliseconds at 200,000 crates on SQLite, where the most
//! downloaded matches are found by reading the whole match list. Those are also the searches
//! people repeat, and their answer barely moves in a minute (its total is an estimate anyway). So
//! an answer with an estimated total is kept for a while ([`BROAD_ANSWER_LIFETIME`] unless
//! configured otherwise) and given again to the same query, on this instance. Selective searches
//! are index look-ups and are never kept. What changes which crates a search may list — a new
//! crate, a deletion, a moderator's action — drops every kept answer on the instance that made the
//! change; the other instances of a fleet drop theirs when they hear of an index rewrite
//! (`wharf_server`'s `follow_announcements`: PostgreSQL with S3 storage), else as their lifetime
//! ends. New versions, yanks and download counts show in kept answers when next computed.

use std::time::Duration;

use wharf_store::{SearchPage, SearchQuery};

use crate::{Registry, RegistryResult};

/// How long a broad search's answer is given again, by default.
pub const BROAD_ANSWER_LIFETIME: Duration = Duration::from_secs(60);

/// How many broad answers are kept at most (each at most a page of 100 crates).
const KEPT_ANSWERS: u64 = 512;

/// The answers of recent broad searches, by query; none when they are not to be kept.
pub(crate) struct BroadAnswers(Option<moka::sync::Cache<SearchQuery, SearchPage>>);

impl BroadAnswers {
    pub(crate) fn new(lifetime: Duration) -> BroadAnswers {
        BroadAnswers((!lifetime.is_zero()).then(|| {
            moka::sync::Cache::builder()
                .max_capacity(KEPT_ANSWERS)
                .time_to_live(lifetime)
                .build()
        }))
    }
}

impl Registry {
    /// Drops every kept answer: the set of listed crates changed (here, or on another instance
    /// that announced an index rewrite).
    pub fn forget_broad_searches(&self) {
        if let Some(answers) = &self.broad_answers.0 {
            answers.invalidate_all();
        }
    }

    /// One page of the crates matching `query`, and how many match (estimated for broad searches:
    /// see [`wharf_store::SearchTotal`]).
    pub async fn search(&self, query: &SearchQuery) -> RegistryResult<SearchPage> {
        let kept = self.broad_answers.0.as_ref();
        if let Some(answer) = kept.and_then(|answers| answers.get(query)) {
            return Ok(answer);
        }
        let answer = self.db.search(query).await?;
        if let (Some(answers), true) = (kept, answer.total.is_estimate()) {
            answers.insert(query.clone(), answer.clone());
        }
        Ok(answer)
    }
}
