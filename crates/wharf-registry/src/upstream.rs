//! The pull-through proxy: serving another registry's crates (`upstream` in the configuration) for
//! every name this registry has no crate of, with this registry's policy applied to them.
//!
//! - **Index files.** An upstream file is fetched when first asked for, kept in the database with
//!   the upstream's entity tag, and asked for again (conditionally) once `upstream_ttl` has passed;
//!   when the upstream cannot be reached the copy kept is served. What is served is that file
//!   without the versions the policy or an operator withholds (`wharf_policy::upstream::may_serve`),
//!   every other line byte for byte.
//! - **Names.** A name is judged when it first has a file: a look-alike of a crate this registry's
//!   users build with, or a name in an internal prefix, is withheld whole.
//! - **Downloads.** A version's `.crate` is fetched on its first download, checked against the
//!   checksum of its upstream index line, scanned as a publish is, and kept; it is served from here
//!   from then on, also when the upstream is down. A version the scan withholds is never served and
//!   leaves the served index file.
//! - **Local crates win.** A name this registry has a crate of is never looked up upstream, and a
//!   new local crate may not take a name the upstream has unless an operator allows it
//!   (dependency confusion works the other way round too).

use crate::gate::{popular_crates, TyposquatCache};
use crate::{Registry, RegistryError, RegistryResult};
use bytes::Bytes;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use wharf_policy::typosquat::PopularCrate;
use wharf_policy::upstream::{may_serve, Kinship, OperatorRule, UpstreamFacts, Withheld};
use wharf_policy::Verdict;
use wharf_store::{
    upstream_crate_key, Actor, AdminList, LocalClaim, UpstreamIndexRecord, UpstreamRule,
    UpstreamVersionRecord, UpstreamWithheld,
};
use wharf_upstream::{filter_index_file, index_entry, IndexFetch, UpstreamError, UpstreamRegistry};

/// How many steps of dependencies through kept index files make a family (see
/// `Registry::kinship`).
const FAMILY_DEPTH: usize = 3;

/// The rule id of an upstream version larger than this registry accepts for a crate.
const RULE_TOO_LARGE: &str = "upstream-too-large";

/// How long a caller is told to wait when the upstream cannot be reached and nothing is kept.
const RETRY_UPSTREAM_AFTER_SECS: u64 = 30;

/// The proxy's own state: the upstream's client and the look-alike index over the crates this
/// registry's users build with.
pub struct Upstream {
    client: UpstreamRegistry,
    popular: TyposquatCache,
    /// One fetch at a time per version in this process: requests that come while one is under
    /// way wait for it and take its result (cargo, CI jobs started together, an index file's
    /// pre-scan and a download).
    fetching: std::sync::Mutex<HashMap<String, Arc<tokio::sync::Mutex<()>>>>,
    /// Downloads of kept files counted since the last flush, by (canonical name, version).
    counted: std::sync::Mutex<HashMap<(String, String), i64>>,
}

impl Upstream {
    pub fn new(url: &str) -> Result<Upstream, UpstreamError> {
        Ok(Upstream {
            client: UpstreamRegistry::new(url)?,
            popular: TyposquatCache::default(),
            fetching: std::sync::Mutex::new(HashMap::new()),
            counted: std::sync::Mutex::new(HashMap::new()),
        })
    }

    /// Counts a download in memory, for [`Registry::flush_upstream_downloads`]: serving a kept
    /// file writes nothing to the database, as a local download does not.
    fn count_later(&self, name: &str, version: &str) {
        *self
            .counted
            .lock()
            .expect("download counts poisoned")
            .entry((wharf_policy::canonical_name(name), version.to_string()))
            .or_default() += 1;
    }

    /// The turn to fetch `name` `version`, shared by every request for it.
    fn turn(&self, name: &str, version: &str) -> Arc<tokio::sync::Mutex<()>> {
        let key = format!("{}@{version}", wharf_policy::canonical_name(name));
        let mut fetching = self.fetching.lock().expect("fetch turns poisoned");
        // Turns nobody holds or waits for are dropped as new ones are made.
        fetching.retain(|_, turn| Arc::strong_count(turn) > 1);
        fetching.entry(key).or_default().clone()
    }
}

/// Whether `url` can be proxied (a sparse index over http or https); the reason when not.
pub fn check_upstream_url(url: &str) -> Result<(), String> {
    UpstreamRegistry::new(url)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// What an operator asks of an upstream name or version.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpstreamRuleChange {
    Set(OperatorRule),
    Unset,
}

impl Registry {
    /// Whether this registry proxies an upstream.
    pub fn proxies_upstream(&self) -> bool {
        self.upstream.is_some()
    }

    fn upstream(&self) -> RegistryResult<&Upstream> {
        self.upstream.as_ref().ok_or_else(|| {
            RegistryError::NotFound("this registry does not proxy an upstream registry".into())
        })
    }

    /// The index file this registry serves for `name` from its upstream, or `None`: when it proxies
    /// none, when `name` is a local crate's (even one with nothing to show), when the upstream has
    /// no such crate, or when nothing of it may be served.
    pub async fn upstream_index_file(&self, name: &str) -> RegistryResult<Option<String>> {
        let Some(upstream) = &self.upstream else {
            return Ok(None);
        };
        if wharf_policy::validate_crate_name(name).is_err() || self.claimed_here(name).await? {
            return Ok(None);
        }
        let Some(record) = self.upstream_record(upstream, name).await? else {
            return Ok(None);
        };
        let Some(body) = &record.body else {
            return Ok(None);
        };
        // Served only under the upstream's own spelling, as the upstream serves it: cargo asks
        // for the other one first when a manifest writes it so.
        if !record.name.eq_ignore_ascii_case(name) {
            return Ok(None);
        }
        let rules = self.db.upstream_rules(name).await?;
        let mut versions = self.db.upstream_versions(name).await?;
        // The newest version is scanned before it is ever listed: a malicious release is most
        // often the newest (a squat's only version, a hijacked crate's new one), and it is the
        // one cargo picks. Older ones are scanned before their first download.
        if let Some(newest) = newest_unscanned(body, &versions) {
            if may_serve(&facts(&record, &rules, &newest.vers, None)).is_ok() {
                match self
                    .fetch_and_scan(upstream, &record, &rules, &newest.vers, &newest.cksum)
                    .await
                {
                    Ok((stored, _)) => {
                        versions.push(stored);
                    }
                    // Listed unscanned, unless the failure was recorded as a refusal (too
                    // large); its first download scans it, or fails alike.
                    Err(error) => {
                        tracing::warn!(
                            %error,
                            name,
                            version = newest.vers,
                            "could not scan an upstream version before listing it"
                        );
                        versions = self.db.upstream_versions(name).await?;
                    }
                }
            }
        }
        let canonical = wharf_policy::canonical_name(name);
        let served = filter_index_file(body, |entry| {
            // Lines of another crate, or with a version cargo could not read, are no part of it.
            if wharf_policy::canonical_name(&entry.name) != canonical
                || semver::Version::parse(&entry.vers).is_err()
            {
                return false;
            }
            let scanned = versions.iter().find(|v| v.version == entry.vers);
            may_serve(&facts(&record, &rules, &entry.vers, scanned)).is_ok()
        });
        Ok((!served.is_empty()).then_some(served))
    }

    /// The `.crate` file of an upstream version, fetched, checked and scanned on its first
    /// download; refused when the policy or an operator withholds it.
    pub async fn upstream_download(&self, name: &str, version: &str) -> RegistryResult<Bytes> {
        let upstream = self.upstream()?;
        let not_found =
            || RegistryError::NotFound(format!("crate `{name}` has no version `{version}`"));
        if wharf_policy::validate_crate_name(name).is_err()
            || semver::Version::parse(version).is_err()
            || self.claimed_here(name).await?
        {
            return Err(not_found());
        }
        let record = self
            .upstream_record(upstream, name)
            .await?
            .ok_or_else(not_found)?;
        let entry = record
            .body
            .as_deref()
            .and_then(|body| index_entry(body, version))
            .ok_or_else(not_found)?;
        let rules = self.db.upstream_rules(name).await?;
        let kept = self.db.upstream_version(name, version).await?;
        if let Err(why) = may_serve(&facts(&record, &rules, version, kept.as_ref())) {
            return Err(withheld(name, version, why, &record, kept.as_ref()));
        }
        if let Some(kept) = &kept {
            // A published version's file never changes; an upstream that says otherwise is
            // serving something other than what was scanned here.
            if !kept.checksum.eq_ignore_ascii_case(&entry.cksum) {
                tracing::warn!(
                    name,
                    version,
                    kept = kept.checksum,
                    upstream = entry.cksum,
                    "the upstream changed the checksum of a version already fetched"
                );
                return Err(RegistryError::Refused(format!(
                    "{name} {version}: the upstream registry now gives it the checksum {}, not the \
                     {} of the file this registry fetched and scanned; it is not served until an \
                     operator looks into it",
                    entry.cksum, kept.checksum
                )));
            }
            if let Some(bytes) = self
                .blobs
                .get(&upstream_crate_key(
                    &kept.name,
                    &kept.version,
                    &kept.checksum,
                ))
                .await?
            {
                if kept.downloads == 0 {
                    // The first download makes the crate one this registry's users build with
                    // (look-alikes of it are judged from then on): counted at once.
                    self.db.count_upstream_download(name, version).await?;
                } else {
                    upstream.count_later(name, version);
                }
                return Ok(bytes);
            }
        }
        // Not fetched yet (or its kept file is gone): fetch, check and scan it.
        let (stored, bytes) = self
            .fetch_and_scan(upstream, &record, &rules, version, &entry.cksum)
            .await?;
        if let Err(why) = may_serve(&facts(&record, &rules, version, Some(&stored))) {
            return Err(withheld(name, version, why, &record, Some(&stored)));
        }
        self.db.count_upstream_download(name, version).await?;
        Ok(bytes)
    }

    /// Fetches an upstream version's `.crate` (checked against `checksum`), scans it, keeps the
    /// file when the version may be served, and records the verdict; the record kept (the first,
    /// when two instances fetch at once) and the bytes.
    async fn fetch_and_scan(
        &self,
        upstream: &Upstream,
        record: &UpstreamIndexRecord,
        rules: &[UpstreamRule],
        version: &str,
        checksum: &str,
    ) -> RegistryResult<(UpstreamVersionRecord, Bytes)> {
        let name = &record.name;
        let turn = upstream.turn(name, version);
        let _turn = turn.lock().await;
        // Another request may have fetched it while this one waited.
        if let Some(kept) = self.db.upstream_version(name, version).await? {
            if kept.checksum.eq_ignore_ascii_case(checksum) {
                let key = upstream_crate_key(name, version, checksum);
                if let Some(bytes) = self.blobs.get(&key).await? {
                    return Ok((kept, bytes));
                }
                if may_serve(&facts(record, rules, version, Some(&kept))).is_err() {
                    // Withheld, and its file never kept: nothing to fetch again.
                    return Ok((kept, Bytes::new()));
                }
            }
        }
        let bytes = match upstream
            .client
            .download(name, version, checksum, self.config.max_upload_size)
            .await
        {
            Ok(bytes) => bytes,
            // Too large is a fact about the version, not a passing failure: it is recorded as
            // refused, so it leaves the index instead of being fetched again on every request.
            Err(error @ UpstreamError::TooLarge { .. }) => {
                let refused = UpstreamVersionRecord {
                    name: name.clone(),
                    version: version.to_string(),
                    checksum: checksum.to_ascii_lowercase(),
                    verdict: Verdict::Reject,
                    findings: vec![wharf_policy::Finding {
                        rule: RULE_TOO_LARGE.to_string(),
                        severity: Verdict::Reject,
                        file: None,
                        line: None,
                        evidence: format!("{error}, the most this registry accepts for a crate"),
                    }],
                    crate_size: 0,
                    scanned_at: self.now(),
                    downloads: 0,
                };
                self.db.record_upstream_version(&refused).await?;
                self.index_changed(&wharf_index::index_path(name));
                return Err(upstream_failure(&format!("{name} {version}"), error));
            }
            Err(error) => return Err(upstream_failure(&format!("{name} {version}"), error)),
        };
        let scanned = self.scan_upstream_version(name, version, &bytes).await?;
        let candidate = UpstreamVersionRecord {
            name: name.clone(),
            version: version.to_string(),
            checksum: checksum.to_ascii_lowercase(),
            verdict: wharf_policy::verdict::fold(&scanned),
            findings: scanned,
            crate_size: bytes.len() as i64,
            scanned_at: self.now(),
            downloads: 0,
        };
        if may_serve(&facts(record, rules, version, Some(&candidate))).is_ok() {
            // Kept before it is recorded: a recorded, servable version always has its file.
            self.blobs
                .put(&upstream_crate_key(name, version, checksum), bytes.clone())
                .await?;
        }
        let mut stored = self.db.record_upstream_version(&candidate).await?;
        metrics::counter!("wharf_upstream_scans_total", "verdict" => stored.verdict.as_str())
            .increment(1);
        // Another request recorded the version first: its record stands, and these bytes must be
        // the ones it judged.
        if !stored.checksum.eq_ignore_ascii_case(checksum) {
            return Err(RegistryError::Refused(format!(
                "{name} {version}: the upstream gave two different files for this version; it \
                 is not served until an operator looks into it"
            )));
        }
        if candidate.verdict > stored.verdict {
            stored.verdict = candidate.verdict;
            stored.findings = candidate.findings;
        }
        if may_serve(&facts(record, rules, version, Some(&stored))).is_err() {
            // A served index file must lose the version at once.
            self.index_changed(&wharf_index::index_path(name));
        }
        Ok((stored, bytes))
    }

    /// Writes the downloads of upstream versions counted in memory, in one transaction; on
    /// failure they are kept for the next flush. The server calls it with its own download
    /// counter's flush.
    pub async fn flush_upstream_downloads(&self) {
        let Some(upstream) = &self.upstream else {
            return;
        };
        let counted =
            std::mem::take(&mut *upstream.counted.lock().expect("download counts poisoned"));
        if counted.is_empty() {
            return;
        }
        let batch: Vec<(String, String, i64)> = counted
            .iter()
            .map(|((name, version), n)| (name.clone(), version.clone(), *n))
            .collect();
        if let Err(error) = self.db.add_upstream_downloads(&batch).await {
            tracing::warn!(%error, "could not record upstream downloads; keeping them for the next flush");
            let mut pending = upstream.counted.lock().expect("download counts poisoned");
            for (key, n) in counted {
                *pending.entry(key).or_default() += n;
            }
        }
    }

    /// Sets or removes an operator's rule on an upstream name or version (`wharf admin upstream`).
    pub async fn change_upstream_rule(
        &self,
        actor: &Actor,
        name: &str,
        version: Option<&str>,
        change: UpstreamRuleChange,
        reason: &str,
    ) -> RegistryResult<bool> {
        wharf_policy::validate_crate_name(name)
            .map_err(|e| RegistryError::Invalid(e.to_string()))?;
        if let Some(version) = version {
            semver::Version::parse(version).map_err(|e| {
                RegistryError::Invalid(format!("`{version}` is not a valid semantic version: {e}"))
            })?;
        }
        let changed = match change {
            UpstreamRuleChange::Set(rule) => {
                self.db
                    .set_upstream_rule(actor, name, version, rule, reason)
                    .await?;
                true
            }
            UpstreamRuleChange::Unset => self.db.remove_upstream_rule(actor, name, version).await?,
        };
        self.index_changed(&wharf_index::index_path(name));
        Ok(changed)
    }

    /// Forgets what was decided about an upstream version's file (`wharf admin upstream rescan`):
    /// it is fetched, checked and scanned again when next listed or downloaded — after the
    /// scanner improved, or `max_upload_size` grew. Returns whether it had been fetched.
    pub async fn rescan_upstream_version(
        &self,
        actor: &Actor,
        name: &str,
        version: &str,
    ) -> RegistryResult<bool> {
        wharf_policy::validate_crate_name(name)
            .map_err(|e| RegistryError::Invalid(e.to_string()))?;
        let forgotten = self
            .db
            .forget_upstream_version(actor, name, version)
            .await?;
        self.index_changed(&wharf_index::index_path(name));
        Ok(forgotten)
    }

    /// Every operator's rule on upstream names and versions.
    pub async fn upstream_rules(&self) -> RegistryResult<Vec<UpstreamRule>> {
        Ok(self.db.all_upstream_rules().await?)
    }

    /// What the policy withheld from the upstream, newest first, for moderators.
    pub async fn upstream_withheld(&self, limit: i64) -> RegistryResult<Vec<UpstreamWithheld>> {
        Ok(self.db.upstream_withheld(limit).await?)
    }

    /// Refuses a new local crate whose name the upstream has, unless an operator allowed the
    /// name: a local crate shadows the upstream's for every build here, which only the operator
    /// may decide. Fails closed when the upstream cannot say.
    pub(crate) async fn check_local_name_against_upstream(&self, name: &str) -> RegistryResult<()> {
        let Some(upstream) = &self.upstream else {
            return Ok(());
        };
        let allowed = self
            .db
            .upstream_rules(name)
            .await?
            .iter()
            .any(|rule| rule.version.is_none() && rule.rule == OperatorRule::Allow);
        if allowed {
            return Ok(());
        }
        let record = self.upstream_record(upstream, name).await?;
        let mut taken = record.is_some_and(|r| r.body.is_some());
        // The upstream's paths tell `-` from `_`, names do not: its crate may be spelt otherwise.
        for spelling in other_spellings(name) {
            if taken {
                break;
            }
            taken = match upstream.client.index_file(&spelling, None).await {
                Ok(IndexFetch::Found { .. }) => true,
                Ok(_) => false,
                Err(error) => {
                    return Err(upstream_failure(
                        &format!("the index file of `{spelling}`"),
                        error,
                    ))
                }
            };
        }
        if taken {
            return Err(RegistryError::Refused(format!(
                "`{name}` is a crate of the upstream registry this registry proxies ({}): a local \
                 crate of that name would replace it in every build here; an operator can allow it \
                 with `wharf admin upstream allow {name}`",
                upstream.client.url()
            )));
        }
        Ok(())
    }

    /// Whether `name` is this registry's own, so that the upstream's crate of that name is never
    /// served: a crate here, or one deleted here unless an operator allowed the upstream's name.
    async fn claimed_here(&self, name: &str) -> RegistryResult<bool> {
        Ok(match self.db.local_claim(name).await? {
            Some(LocalClaim::Crate) => true,
            Some(LocalClaim::Deleted) => !self
                .db
                .upstream_rules(name)
                .await?
                .iter()
                .any(|rule| rule.version.is_none() && rule.rule == OperatorRule::Allow),
            None => false,
        })
    }

    /// The upstream's file of `name` as kept, fetched again (conditionally) once it is older than
    /// the configured lifetime; the copy kept is used when the upstream cannot be reached.
    async fn upstream_record(
        &self,
        upstream: &Upstream,
        name: &str,
    ) -> RegistryResult<Option<UpstreamIndexRecord>> {
        let now = self.now();
        let kept = self.db.upstream_index_file(name).await?;
        let lifetime = self.config.upstream_ttl.as_millis() as i64;
        if let Some(kept) = &kept {
            if now - kept.fetched_at < lifetime {
                return Ok(Some(kept.clone()));
            }
        }
        // A crate the upstream has is asked for as the upstream spells it: the index's paths
        // tell `-` from `_`, and another spelling would find nothing there.
        let known = kept.as_ref().filter(|k| k.body.is_some());
        let spelling = known.map_or(name, |k| k.name.as_str());
        let etag = known.and_then(|k| k.etag.as_deref());
        let fetched = match upstream.client.index_file(spelling, etag).await {
            Ok(fetched) => fetched,
            Err(error) => {
                metrics::counter!("wharf_upstream_failures_total").increment(1);
                return match kept {
                    Some(kept) => {
                        tracing::warn!(%error, name, "serving the kept copy of an upstream index file");
                        Ok(Some(kept))
                    }
                    None => Err(upstream_failure(
                        &format!("the index file of `{name}`"),
                        error,
                    )),
                };
            }
        };
        // A name the upstream lacks in the spelling asked for may be there in the other one
        // (cargo asks for a dependency as it is written): the row is the canonical name's, so a
        // miss must not be kept for a crate the upstream has.
        let (fetched, spelling) = match fetched {
            IndexFetch::Missing if known.is_none() => {
                let mut found = (IndexFetch::Missing, spelling.to_string());
                for other in other_spellings(name) {
                    match upstream.client.index_file(&other, None).await {
                        Ok(hit @ IndexFetch::Found { .. }) => {
                            found = (hit, other);
                            break;
                        }
                        Ok(_) => {}
                        Err(error) => {
                            return Err(upstream_failure(
                                &format!("the index file of `{other}`"),
                                error,
                            ))
                        }
                    }
                }
                (found.0, found.1)
            }
            fetched => (fetched, spelling.to_string()),
        };
        let spelling = spelling.as_str();
        let (body, etag) = match fetched {
            IndexFetch::NotModified => {
                self.db.upstream_index_file_current(name, now).await?;
                return Ok(kept.map(|kept| UpstreamIndexRecord {
                    fetched_at: now,
                    ..kept
                }));
            }
            IndexFetch::Missing => (None, None),
            IndexFetch::Found { body, etag } => (Some(body), etag),
        };
        // A name is judged when it first has a file (a name the upstream lacked may be taken
        // there later, by anyone).
        let judge = body.is_some() && kept.as_ref().is_none_or(|k| k.body.is_none());
        let spelt = body
            .as_deref()
            .and_then(|body| spelling_in_file(body, name))
            .unwrap_or_else(|| spelling.to_string());
        let (name_verdict, name_findings) = if judge {
            let (popular, local) = self.upstream_popular(upstream).await?;
            let mut lookalikes = Vec::new();
            for hit in wharf_policy::upstream::lookalikes(&spelt, &popular) {
                let shared = if local.contains(&wharf_policy::canonical_name(&hit.target)) {
                    // This registry's own crate: nobody upstream owns it.
                    Kinship::Strangers
                } else {
                    self.kinship(upstream, &spelt, &hit.target).await?
                };
                if shared == Kinship::Family {
                    tracing::info!(
                        name = spelt,
                        resembles = hit.target,
                        "an upstream look-alike is served: it is of the same family"
                    );
                }
                lookalikes.push((hit, shared));
            }
            let prefixes = self.db.admin_list(AdminList::InternalPrefixes).await?;
            let findings = wharf_policy::upstream::name_findings(&spelt, &lookalikes, &prefixes);
            (wharf_policy::upstream::name_verdict(&findings), findings)
        } else {
            kept.as_ref()
                .map(|k| (k.name_verdict, k.name_findings.clone()))
                .unwrap_or((Verdict::Allow, Vec::new()))
        };
        let record = UpstreamIndexRecord {
            name: spelt,
            body,
            etag,
            fetched_at: now,
            name_verdict,
            name_findings,
        };
        let dependencies = record
            .body
            .as_deref()
            .map(wharf_upstream::dependencies)
            .unwrap_or_default();
        self.db
            .save_upstream_index_file(&record, &dependencies, judge)
            .await?;
        if judge && wharf_policy::upstream::withholds(record.name_verdict) {
            metrics::counter!("wharf_upstream_names_withheld_total").increment(1);
        }
        Ok(Some(record))
    }

    /// The look-alike index over the crates this registry's users build with: its own most
    /// downloaded and protected crates, and the upstream crates most downloaded through it.
    /// Also returns the canonical names of this registry's own crates among them.
    async fn upstream_popular(
        &self,
        upstream: &Upstream,
    ) -> RegistryResult<(
        Arc<wharf_policy::typosquat::TyposquatIndex>,
        HashSet<String>,
    )> {
        let top = self.config.typosquat_top_crates;
        let mut popular = popular_crates(&self.db, top).await?;
        let local: HashSet<String> = popular
            .iter()
            .map(|p| wharf_policy::canonical_name(&p.name))
            .collect();
        for name in self.db.upstream_popular(top).await? {
            let canonical = wharf_policy::canonical_name(&name);
            if !popular
                .iter()
                .any(|p| wharf_policy::canonical_name(&p.name) == canonical)
            {
                popular.push(PopularCrate {
                    name,
                    owner_ids: Vec::new(),
                });
            }
        }
        popular.sort_unstable_by(|a, b| a.name.cmp(&b.name));
        Ok((upstream.popular.over(popular).await, local))
    }

    /// How the upstream crate `name` relates to the popular upstream crate `target` it looks
    /// like: of one family when `target` pulls it in (its kept index file depends on it, or on a
    /// kept crate that does, up to [`FAMILY_DEPTH`] steps: `rand` → `rand_core`, `zstd` →
    /// `zstd-safe` → `zstd-sys`), else as their owners on the upstream say. Only the popular
    /// crate's owners decide what it pulls in, so a squatter cannot make their crate its kin;
    /// a dependent of the squatter's own choosing proves nothing.
    async fn kinship(
        &self,
        upstream: &Upstream,
        name: &str,
        target: &str,
    ) -> RegistryResult<Kinship> {
        let wanted = wharf_policy::canonical_name(name);
        let mut seen = HashSet::from([wharf_policy::canonical_name(target)]);
        let mut step = vec![wharf_policy::canonical_name(target)];
        for _ in 0..FAMILY_DEPTH {
            let mut next = Vec::new();
            for krate in &step {
                for dependency in self.db.upstream_dependencies(krate).await? {
                    if dependency == wanted {
                        return Ok(Kinship::Family);
                    }
                    if seen.insert(dependency.clone()) {
                        next.push(dependency);
                    }
                }
            }
            step = next;
        }
        Ok(shared_owners(upstream, name, target).await)
    }

    /// Reads and scans an upstream `.crate` off the async workers, as publish does.
    async fn scan_upstream_version(
        &self,
        name: &str,
        version: &str,
        bytes: &Bytes,
    ) -> RegistryResult<Vec<wharf_policy::Finding>> {
        let limits = self.config.tarball_limits;
        let (name, version, bytes) = (name.to_string(), version.to_string(), bytes.clone());
        tokio::task::spawn_blocking(move || {
            match wharf_tarball::process_tarball(&name, &version, &bytes, &limits) {
                Ok(tarball) => wharf_policy::upstream::version_findings(&tarball),
                // A file that cannot be read as a crate is not served: cargo could not build it
                // either, and it cannot be scanned.
                Err(error) => vec![wharf_policy::Finding {
                    rule: wharf_policy::compat::RULE_NOT_A_CRATE.to_string(),
                    severity: Verdict::Reject,
                    file: None,
                    line: None,
                    evidence: format!("the upstream's `.crate` file cannot be read: {error}"),
                }],
            }
        })
        .await
        .map_err(|_| RegistryError::Internal("the upstream scan panicked".into()))
    }
}

/// Whether two upstream crates have an owner in common, as the upstream's API says.
async fn shared_owners(upstream: &Upstream, name: &str, target: &str) -> Kinship {
    let owners = |crate_name: &str| {
        let crate_name = crate_name.to_string();
        async move {
            match upstream.client.owners(&crate_name).await {
                Ok(owners) => owners,
                Err(error) => {
                    tracing::warn!(%error, crate_name, "cannot read an upstream crate's owners");
                    None
                }
            }
        }
    };
    match (owners(name).await, owners(target).await) {
        (Some(a), Some(b)) if a.iter().any(|owner| b.contains(owner)) => Kinship::Family,
        (Some(a), Some(b)) if !a.is_empty() && !b.is_empty() => Kinship::Strangers,
        _ => Kinship::Unknown,
    }
}

/// The newest release of an index file (by semver; yanked ones and pre-releases left out), when
/// it was never scanned.
fn newest_unscanned(
    body: &str,
    scanned: &[UpstreamVersionRecord],
) -> Option<wharf_upstream::IndexEntry> {
    wharf_upstream::entries(body)
        .filter(|entry| !entry.yanked)
        .filter_map(|entry| Some((semver::Version::parse(&entry.vers).ok()?, entry)))
        // cargo picks a pre-release only when asked for one.
        .filter(|(version, _)| version.pre.is_empty())
        .max_by(|(a, _), (b, _)| a.cmp(b))
        .map(|(_, entry)| entry)
        .filter(|entry| !scanned.iter().any(|s| s.version == entry.vers))
}

/// The facts [`may_serve`] decides on for one version.
fn facts(
    record: &UpstreamIndexRecord,
    rules: &[UpstreamRule],
    version: &str,
    scanned: Option<&UpstreamVersionRecord>,
) -> UpstreamFacts {
    let rule_on = |v: Option<&str>| {
        rules
            .iter()
            .find(|rule| rule.version.as_deref() == v)
            .map(|rule| rule.rule)
    };
    UpstreamFacts {
        version_rule: rule_on(Some(version)),
        name_rule: rule_on(None),
        name_verdict: Some(record.name_verdict),
        scan_verdict: scanned.map(|s| s.verdict),
    }
}

/// The refusal of a withheld version, saying why.
fn withheld(
    name: &str,
    version: &str,
    why: Withheld,
    record: &UpstreamIndexRecord,
    scanned: Option<&UpstreamVersionRecord>,
) -> RegistryError {
    let because = match why {
        Withheld::Blocked => "an operator of this registry blocked it".to_string(),
        Withheld::Name => evidence(&record.name_findings),
        Withheld::Content => scanned.map(|s| evidence(&s.findings)).unwrap_or_default(),
    };
    RegistryError::Forbidden(format!(
        "{name} {version} from the upstream registry is withheld by this registry's policy: {because}"
    ))
}

/// The evidence of the findings that withhold, in one sentence.
fn evidence(findings: &[wharf_policy::Finding]) -> String {
    findings
        .iter()
        .filter(|f| wharf_policy::upstream::withholds(f.severity))
        .map(|f| f.evidence.as_str())
        .collect::<Vec<_>>()
        .join("; ")
}

fn upstream_failure(what: &str, error: UpstreamError) -> RegistryError {
    match error {
        UpstreamError::Unreachable(_) => RegistryError::Busy {
            message: format!(
                "{what} is not kept here and the upstream registry could not be reached ({error}); \
                 try again later"
            ),
            retry_after_secs: RETRY_UPSTREAM_AFTER_SECS,
        },
        UpstreamError::ChecksumMismatch { .. } | UpstreamError::TooLarge { .. } => {
            tracing::warn!(%error, what, "refused a file from the upstream");
            RegistryError::Refused(format!("{what}: {error}"))
        }
        UpstreamError::Unexpected(_) => {
            tracing::warn!(%error, what, "the upstream answered unexpectedly");
            RegistryError::Busy {
                message: format!("{what}: {error}; try again later"),
                retry_after_secs: RETRY_UPSTREAM_AFTER_SECS,
            }
        }
    }
}

/// The other spellings of a name in `-` and `_` (every mix for up to three separators, beyond
/// that all of one or the other), which an upstream's paths tell apart and names do not.
fn other_spellings(name: &str) -> Vec<String> {
    let separators: Vec<usize> = name
        .char_indices()
        .filter(|(_, c)| *c == '-' || *c == '_')
        .map(|(at, _)| at)
        .collect();
    let mut spellings = Vec::new();
    if separators.len() <= 3 {
        for mix in 0..(1u32 << separators.len()) {
            let mut spelling = name.as_bytes().to_vec();
            for (bit, at) in separators.iter().enumerate() {
                spelling[*at] = if mix & (1 << bit) == 0 { b'-' } else { b'_' };
            }
            spellings.push(String::from_utf8(spelling).expect("ASCII separators"));
        }
    } else {
        spellings.push(name.replace('_', "-"));
        spellings.push(name.replace('-', "_"));
    }
    spellings.retain(|spelling| spelling != name);
    spellings.sort();
    spellings.dedup();
    spellings
}

/// The crate's name as the upstream spells it, from the first line of its index file, when it is
/// the name asked for.
fn spelling_in_file(body: &str, asked: &str) -> Option<String> {
    wharf_upstream::entries(body)
        .next()
        .map(|entry| entry.name)
        .filter(|name| {
            wharf_policy::validate_crate_name(name).is_ok()
                && wharf_policy::canonical_name(name) == wharf_policy::canonical_name(asked)
        })
}

#[cfg(test)]
mod tests {
    use super::other_spellings;

    #[test]
    fn every_other_spelling_of_the_separators() {
        assert_eq!(other_spellings("serde"), Vec::<String>::new());
        assert_eq!(other_spellings("serde_json"), ["serde-json"]);
        assert_eq!(other_spellings("a-b_c"), ["a-b-c", "a_b-c", "a_b_c"]);
        assert_eq!(other_spellings("a-b-c-d-e"), ["a_b_c_d_e"]);
    }
}
