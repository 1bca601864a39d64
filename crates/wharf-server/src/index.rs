//! Serving the sparse index: `config.json` and one materialised file per crate.
//!
//! This is the hottest path of a registry, and it never touches the database: a request is a look-up
//! in an in-memory cache and a send. How a cached copy is known to be current depends on where the
//! files are:
//! - in a directory, an entry is checked against the file's `stat` (inode, size, modification time —
//!   every write is a rename, so any change gives a new inode) at most once a second;
//! - in an object store shared by instances, every rewrite is announced on the database
//!   (`wharf_store::IndexChanges`), and while this instance hears the announcements a copy stays
//!   until one names it (or 30 s pass, in case one was lost); while it does not, a copy is checked
//!   against the store (`HEAD`) at most once a second. Absent files are remembered the same way,
//!   so requests for names nobody published do not each cost the store a request.
//!
//! Either way this process's own writes drop their entry at once.
//! Conditional requests get 304 when the entity tag (If-None-Match) or, when no tag is sent, the date
//! (If-Modified-Since) says the client's copy is current, as RFC 9110 orders them.

use crate::error::ApiError;
use crate::http1_head;
use crate::metrics::{count_cache_lookup, count_index_response, CacheLookup};
use crate::wire::IndexConfig;
use crate::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, LazyLock, Mutex};
use std::time::{Duration, Instant, SystemTime};
use wharf_index::name_from_index_path;
use wharf_store::IndexChange;

/// Bodies shorter than this are sent as they are: gzip would save nothing worth the CPU.
const GZIP_THRESHOLD: usize = 512;

/// At most this many files are kept in memory; beyond it an arbitrary entry makes room. A file not in
/// memory is one `read` away, so the bound costs little and keeps a huge registry's memory flat.
const CACHE_CAPACITY: usize = 50_000;

/// Which copy of a file an entry holds, as its store identifies copies.
#[derive(Clone, PartialEq, Eq)]
enum Identity {
    /// A file in a directory: inode, size, modification time.
    Stat(u64, u64, SystemTime),
    /// An object: the store's version of it (see `IndexFiles::current_version`).
    Stored(String),
}

/// One index file ready to send.
struct CachedFile {
    identity: Identity,
    body: Bytes,
    gzipped: Option<Bytes>,
    etag: String,
    etag_gzip: String,
    etag_header: HeaderValue,
    etag_gzip_header: HeaderValue,
    last_modified: SystemTime,
    last_modified_header: HeaderValue,
}

/// How long a cached file is served before its store is asked again. This process's own writes
/// invalidate their entry at once; a write by another process (the CLI, another instance) shows
/// within this time, as with nginx's `open_file_cache_valid`, or at once where rewrites are
/// announced.
const REVALIDATE_AFTER: Duration = Duration::from_secs(1);

/// How long a copy the announcements vouch for is served before the store is asked anyway: an
/// announcement can be lost without the connection saying so (a failed `pg_notify`, a writer that
/// died between its write and its announcement), and this bounds how long that goes unseen.
const TRUST_ANNOUNCED_FOR: Duration = Duration::from_secs(30);

/// Most absent files remembered (object stores only): requests for names nobody published would
/// otherwise each cost the store a request. Beyond it the memory is forgotten at once.
const MISSING_CAPACITY: usize = 10_000;

struct Entry {
    checked: Instant,
    /// The copy was fetched while every rewrite was being announced to this instance, and no
    /// announcement came while it was fetched: it is current until one names it.
    announced: bool,
    file: Arc<CachedFile>,
}

/// The part of an index file's entity tag that names its contents: the first 128 bits of its
/// SHA-256, in unpadded base64url (22 characters). The same bytes give the same tag on every
/// instance, and 128 bits leave no practical chance that two versions of a file share one. Shorter
/// than the whole digest in hex (64 characters) because it travels twice in every revalidation,
/// in the client's `If-None-Match` and in the 304, which are otherwise a couple of hundred bytes.
fn entity_tag_digest(body: &[u8]) -> String {
    use base64::Engine as _;
    let digest = Sha256::digest(body);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..16])
}

impl CachedFile {
    fn new(identity: Identity, body: Vec<u8>, modified: SystemTime) -> CachedFile {
        let digest = entity_tag_digest(&body);
        let gzipped = (body.len() >= GZIP_THRESHOLD).then(|| gzip(&body));
        let etag = format!("\"{digest}\"");
        let etag_gzip = format!("\"{digest}-gz\"");
        CachedFile {
            identity,
            gzipped,
            etag_header: HeaderValue::from_str(&etag).expect("base64url is a valid header value"),
            etag_gzip_header: HeaderValue::from_str(&etag_gzip)
                .expect("base64url is a valid header value"),
            etag,
            etag_gzip,
            last_modified: modified,
            last_modified_header: HeaderValue::from_str(&httpdate::fmt_http_date(modified))
                .expect("HTTP dates are valid header values"),
            body: Bytes::from(body),
        }
    }
}

/// The index files served from the upstream registry this one proxies, as this process last
/// had them from the registry (which keeps the upstream's copies and decides what of them is
/// served): each is served for [`REVALIDATE_AFTER`] before it is asked again, as a local file is
/// checked again, and this process's own changes (a version withheld, an operator's rule) drop
/// it at once. A name with nothing to serve is remembered the same way.
#[derive(Default)]
pub struct UpstreamFiles {
    files: Mutex<HashMap<String, UpstreamEntry>>,
}

/// When an upstream file was last had from the registry, and the file (`None`: nothing to serve).
type UpstreamEntry = (Instant, Option<Arc<CachedFile>>);

impl UpstreamFiles {
    pub fn invalidate(&self, relative: &str) {
        self.files.lock().expect("cache poisoned").remove(relative);
    }

    async fn get(
        &self,
        state: &AppState,
        relative: &str,
        name: &str,
    ) -> Result<Option<Arc<CachedFile>>, ApiError> {
        if let Some((checked, file)) = self.files.lock().expect("cache poisoned").get(relative) {
            if checked.elapsed() < REVALIDATE_AFTER {
                return Ok(file.clone());
            }
        }
        let served = state.upstream_index_file(name).await?;
        let file = served.map(|body| {
            let previous = self
                .files
                .lock()
                .expect("cache poisoned")
                .get(relative)
                .and_then(|(_, file)| file.clone());
            match previous {
                // Unchanged: the same copy, with the date it was first served.
                Some(previous) if previous.body == body.as_bytes() => previous,
                _ => Arc::new(CachedFile::new(
                    Identity::Stored(String::new()),
                    body.into_bytes(),
                    SystemTime::now(),
                )),
            }
        });
        let mut files = self.files.lock().expect("cache poisoned");
        if files.len() >= CACHE_CAPACITY && !files.contains_key(relative) {
            files.clear();
        }
        files.insert(relative.to_string(), (Instant::now(), file.clone()));
        Ok(file)
    }
}

#[derive(Default)]
pub struct IndexCache {
    /// Keyed by a hasher faster than std's: the look-up is on every request's path.
    files: Mutex<HashMap<String, Entry, foldhash::fast::RandomState>>,
    /// Files found absent from an object store, when, and whether announcements vouch for it.
    missing: Mutex<HashMap<String, (Instant, bool)>>,
    /// Whether this instance hears every rewrite announced (see [`follow_announcements`]).
    hearing_announcements: AtomicBool,
    /// Counts invalidations, so a fetch can tell that one came while it was under way (the copy it
    /// fetched may then be the one the announcement replaced).
    invalidations: AtomicU64,
}

impl IndexCache {
    /// How many files are cached.
    pub fn len(&self) -> usize {
        self.files.lock().expect("cache poisoned").len()
    }

    /// Forgets a file that was just rewritten, so the next request reads the new one.
    pub fn invalidate(&self, relative: &str) {
        self.invalidations.fetch_add(1, Ordering::SeqCst);
        self.files.lock().expect("cache poisoned").remove(relative);
        self.missing
            .lock()
            .expect("cache poisoned")
            .remove(relative);
    }

    /// Forgets every file.
    fn clear(&self) {
        self.invalidations.fetch_add(1, Ordering::SeqCst);
        self.files.lock().expect("cache poisoned").clear();
        self.missing.lock().expect("cache poisoned").clear();
    }

    /// Whether a copy checked at `checked` (with announcements vouching for it or not) may be
    /// served without asking the store.
    fn fresh(&self, checked: Instant, announced: bool) -> bool {
        let age = checked.elapsed();
        let vouched = announced && self.hearing_announcements.load(Ordering::SeqCst);
        age < REVALIDATE_AFTER || (vouched && age < TRUST_ANNOUNCED_FOR)
    }

    fn cached(&self, relative: &str) -> Option<Arc<CachedFile>> {
        let files = self.files.lock().expect("cache poisoned");
        let entry = files.get(relative)?;
        self.fresh(entry.checked, entry.announced)
            .then(|| entry.file.clone())
    }

    /// Whether the file was found absent recently enough to answer so again.
    fn known_missing(&self, relative: &str) -> bool {
        let missing = self.missing.lock().expect("cache poisoned");
        missing
            .get(relative)
            .is_some_and(|(checked, announced)| self.fresh(*checked, *announced))
    }

    fn remember_missing(&self, relative: &str, announced: bool, invalidations: u64) {
        if self.invalidations.load(Ordering::SeqCst) != invalidations {
            return;
        }
        let mut missing = self.missing.lock().expect("cache poisoned");
        if missing.len() >= MISSING_CAPACITY {
            missing.clear();
        }
        missing.insert(relative.to_string(), (Instant::now(), announced));
    }

    /// The cached copy, if it is still the file's `identity`; marks it checked.
    fn revalidate(&self, relative: &str, identity: &Identity) -> Option<Arc<CachedFile>> {
        let mut files = self.files.lock().expect("cache poisoned");
        let entry = files.get_mut(relative)?;
        if entry.file.identity != *identity {
            return None;
        }
        entry.checked = Instant::now();
        Some(entry.file.clone())
    }

    async fn get(
        &self,
        state: &AppState,
        relative: &str,
    ) -> Result<Option<Arc<CachedFile>>, ApiError> {
        if let Some(cached) = self.cached(relative) {
            count_cache_lookup(CacheLookup::Hit);
            return Ok(Some(cached));
        }
        let in_object_store = state.index.local_root().is_none();
        if in_object_store && self.known_missing(relative) {
            count_cache_lookup(CacheLookup::Hit);
            return Ok(None);
        }
        let announced = self.hearing_announcements.load(Ordering::SeqCst);
        let invalidations = self.invalidations.load(Ordering::SeqCst);
        let identity = match state.index.local_root() {
            Some(root) => match std::fs::metadata(root.join(relative)) {
                Ok(metadata) => Some(Identity::Stat(
                    metadata.ino(),
                    metadata.len(),
                    metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                )),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
                Err(e) => return Err(wharf_store::StoreError::from(e).into()),
            },
            // Asking whether a copy is current only pays when there is a copy to keep.
            None if self
                .files
                .lock()
                .expect("cache poisoned")
                .contains_key(relative) =>
            {
                state
                    .index
                    .current_version(relative)
                    .await?
                    .map(Identity::Stored)
            }
            None => Some(Identity::Stored(String::new())),
        };
        let Some(identity) = identity else {
            self.files.lock().expect("cache poisoned").remove(relative);
            if in_object_store {
                self.remember_missing(relative, announced, invalidations);
            }
            return Ok(None);
        };
        if let Some(cached) = self.revalidate(relative, &identity) {
            count_cache_lookup(CacheLookup::Revalidated);
            return Ok(Some(cached));
        }
        count_cache_lookup(CacheLookup::Miss);
        let Some(file) = state.index.read(relative).await? else {
            self.files.lock().expect("cache poisoned").remove(relative);
            if in_object_store {
                self.remember_missing(relative, announced, invalidations);
            }
            return Ok(None);
        };
        let identity = match (identity, file.version) {
            (Identity::Stored(_), Some(version)) => Identity::Stored(version),
            (identity, _) => identity,
        };
        let cached = Arc::new(CachedFile::new(identity, file.body, file.modified));
        let mut files = self.files.lock().expect("cache poisoned");
        if files.len() >= CACHE_CAPACITY && !files.contains_key(relative) {
            if let Some(victim) = files.keys().next().cloned() {
                files.remove(&victim);
            }
        }
        let untouched = self.invalidations.load(Ordering::SeqCst) == invalidations;
        files.insert(
            relative.to_string(),
            Entry {
                checked: Instant::now(),
                announced: announced && untouched,
                file: cached.clone(),
            },
        );
        Ok(Some(cached))
    }
}

/// Keeps `state`'s index cache in step with the rewrites other instances announce, for as long as
/// the server runs. Only for index files in an object store (a directory's files are checked by
/// `stat`) on a database that announces (PostgreSQL); returns at once otherwise.
pub async fn follow_announcements(state: AppState) {
    if state.index.local_root().is_some() {
        return;
    }
    let cache = &state.serving.index_cache;
    loop {
        let mut changes = match state.db.index_changes().await {
            Ok(Some(changes)) => changes,
            Ok(None) => return,
            Err(error) => {
                tracing::warn!(%error, "cannot listen for index rewrites; checking files instead");
                tokio::time::sleep(REVALIDATE_AFTER).await;
                continue;
            }
        };
        // Listening from here on; copies fetched before may be older than a rewrite nobody heard.
        cache.clear();
        cache.hearing_announcements.store(true, Ordering::SeqCst);
        // Until `Missed`: the connection was lost.
        while let IndexChange::Rewritten(relative) = changes.next().await {
            cache.invalidate(&relative);
            // A rewrite elsewhere may be a new crate, a deletion or a hold, which change what a
            // search may list: the broad answers kept here go too (more often than needed, for
            // every new version, but a minute-long cache of a few answers is cheap to rebuild).
            state.forget_broad_searches();
        }
        cache.hearing_announcements.store(false, Ordering::SeqCst);
        tracing::warn!("lost the index announcements; listening again");
    }
}

fn gzip(body: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).expect("writing to memory");
    Bytes::from(encoder.finish().expect("writing to memory"))
}

/// What of a request decides an index file's answer: its validators and whether it takes gzip.
/// Read from hyper's `HeaderMap` ([`Conditions::of`]) or header by header from a parser that
/// keeps none ([`Conditions::add`], the connection threads' own reading in `index_wire`).
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Conditions<'a> {
    if_none_match: Option<&'a [u8]>,
    if_modified_since: Option<&'a [u8]>,
    accepts_gzip: bool,
}

impl<'a> Conditions<'a> {
    pub(crate) fn of(headers: &'a HeaderMap) -> Conditions<'a> {
        let mut conditions = Conditions::default();
        for (name, value) in headers {
            conditions.add(name.as_str(), value.as_bytes());
        }
        conditions
    }

    /// The headers these conditions were read from, as far as they decide an answer: for a task
    /// that outlives the request's bytes.
    pub(crate) fn to_headers(self) -> HeaderMap {
        let mut headers = HeaderMap::new();
        let validators = [
            (header::IF_NONE_MATCH, self.if_none_match),
            (header::IF_MODIFIED_SINCE, self.if_modified_since),
        ];
        for (name, value) in validators {
            // Always taken: a value a parser accepted (hyper's or httparse) is a header map's.
            if let Some(value) = value.and_then(|v| HeaderValue::from_bytes(v).ok()) {
                headers.insert(name, value);
            }
        }
        if self.accepts_gzip {
            headers.insert(header::ACCEPT_ENCODING, HeaderValue::from_static("gzip"));
        }
        headers
    }

    /// Takes one request header into account; the first `If-None-Match` or `If-Modified-Since`
    /// counts (as `HeaderMap::get` takes the first), every `Accept-Encoding` does.
    pub(crate) fn add(&mut self, name: &str, value: &'a [u8]) {
        if name.eq_ignore_ascii_case("if-none-match") {
            self.if_none_match.get_or_insert(value);
        } else if name.eq_ignore_ascii_case("if-modified-since") {
            self.if_modified_since.get_or_insert(value);
        } else if name.eq_ignore_ascii_case("accept-encoding") {
            self.accepts_gzip |= accepts_gzip(value);
        }
    }
}

/// Whether one `Accept-Encoding` value takes gzip (by name or `*`, without `q=0`).
fn accepts_gzip(value: &[u8]) -> bool {
    // Most values name neither (`identity`, `br`): answered without taking the list apart.
    let names_gzip = value.windows(4).any(|w| w.eq_ignore_ascii_case(b"gzip"));
    if !names_gzip && !value.contains(&b'*') {
        return false;
    }
    let Ok(value) = std::str::from_utf8(value) else {
        return false;
    };
    value.split(',').any(|coding| {
        let mut parts = coding.split(';');
        let name = parts.next().unwrap_or("").trim();
        // A weight of zero (`q=0`, `q=0.000`, `Q = 0`) refuses the coding (RFC 9110, 12.4.2).
        let refused = parts.any(|parameter| {
            parameter.split_once('=').is_some_and(|(name, weight)| {
                name.trim().eq_ignore_ascii_case("q")
                    && weight.trim().parse::<f32>().is_ok_and(|w| w == 0.0)
            })
        });
        (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
    })
}

/// Whether the client's copy is current. If-None-Match wins when present; If-Modified-Since is
/// consulted only without it.
fn not_modified(conditions: &Conditions, file: &CachedFile) -> bool {
    if let Some(tags) = conditions.if_none_match {
        let tags = std::str::from_utf8(tags).unwrap_or("");
        return tags.split(',').map(str::trim).any(|tag| {
            let tag = tag.strip_prefix("W/").unwrap_or(tag);
            tag == "*" || tag == file.etag || tag == file.etag_gzip
        });
    }
    if let Some(since) = conditions
        .if_modified_since
        .and_then(|v| std::str::from_utf8(v).ok())
        .and_then(|v| httpdate::parse_http_date(v).ok())
    {
        // HTTP dates have whole seconds; compare at that precision.
        let modified = httpdate::parse_http_date(&httpdate::fmt_http_date(file.last_modified))
            .unwrap_or(file.last_modified);
        return modified <= since;
    }
    false
}

#[utoipa::path(
    get,
    path = "/index/config.json",
    tag = "index",
    responses((status = 200, description = "The sparse index's configuration, as cargo reads it", body = IndexConfig))
)]
pub async fn config_json(State(state): State<AppState>) -> Response {
    let config = IndexConfig {
        dl: format!("{}/api/v1/crates", state.config.public_url),
        api: state.config.public_url.clone(),
        auth_required: state.config.auth_required,
    };
    (
        [(header::CACHE_CONTROL, cache_control(&state))],
        axum::Json(config),
    )
        .into_response()
}

const PUBLIC_CACHE_CONTROL: &str = "public, max-age=0, must-revalidate";
const PRIVATE_CACHE_CONTROL: &str = "private, max-age=0, must-revalidate";

fn cache_control(state: &AppState) -> &'static str {
    // Private registries must not let shared caches keep their files.
    if state.config.auth_required {
        PRIVATE_CACHE_CONTROL
    } else {
        PUBLIC_CACHE_CONTROL
    }
}

/// `GET /index/{path}`: a crate's index file, counted by status.
#[utoipa::path(
    get,
    path = "/index/{path}",
    tag = "index",
    params(("path" = String, Path, description = "The file's path in cargo's layout (`1/a`, `2/ab`, `3/a/abc`, `de/mo/demo`)", example = "de/mo/demo"), ("If-None-Match" = Option<String>, Header, description = "An ETag from an earlier answer"), ("If-Modified-Since" = Option<String>, Header, description = "A Last-Modified from an earlier answer")),
    responses((status = 200, description = "One crate's index file: a JSON object a line, one for each published version", body = String, content_type = "text/plain; charset=utf-8"), (status = 304, description = "The copy the client holds (its `If-None-Match` or `If-Modified-Since`) is current"))
)]
pub async fn index_file(State(state): State<AppState>, request: Request) -> Response {
    answer(
        &state,
        &Conditions::of(request.headers()),
        request.uri().path(),
    )
    .await
}

/// The answer to a `GET` of an index file at `path` (the whole request path, `/index/…`), counted
/// by status. Reached through the router ([`index_file`]) or, in the common case, straight from
/// the connection (see `connections::Connection` and `index_wire`).
pub(crate) async fn answer(state: &AppState, conditions: &Conditions<'_>, path: &str) -> Response {
    let response = serve_index_file(state, conditions, path)
        .await
        .into_response();
    count_index_response(response.status());
    response
}

/// The answer to a `GET` of an index file at `path` when the cache holds a copy it may serve
/// without asking the file's store, counted as [`answer`] counts; `None` when answering needs the
/// store (or the upstream registry), which [`answer`] does. Needs no runtime: the connection
/// threads answer with it and leave the rest to the main runtime (see `connections`).
pub(crate) fn answer_from_memory(
    state: &AppState,
    conditions: &Conditions,
    path: &str,
) -> Option<Response> {
    let file = cached_file(state, path)?;
    let response = respond_with(state, conditions, &file);
    count_index_response(response.status());
    Some(response)
}

/// What [`answer_from_memory`] answers, as HTTP/1.1 bytes: the answer's head is appended to
/// `head` (status line, headers, `Date` and the empty line) and its body returned (empty for a
/// 304). For the connection threads' own reading of requests (`index_wire`), which skips hyper;
/// the headers are those of [`respond_with`], from the same templates.
pub(crate) fn write_from_memory(
    state: &AppState,
    conditions: &Conditions,
    path: &str,
    head: &mut Vec<u8>,
) -> Option<Bytes> {
    let file = cached_file(state, path)?;
    let choice = Choice::of(conditions, &file);
    let templates = &response_templates(state).wire;
    let (status, template, body) = if choice.not_modified {
        (StatusCode::NOT_MODIFIED, &templates.not_modified, None)
    } else if choice.gzip {
        (StatusCode::OK, &templates.gzipped, file.gzipped.clone())
    } else {
        (StatusCode::OK, &templates.plain, Some(file.body.clone()))
    };
    http1_head::append_status_line(head, status);
    head.extend_from_slice(template);
    http1_head::append_header(head, "etag", choice.etag(&file).as_bytes());
    if body.is_some() {
        http1_head::append_header(head, "last-modified", file.last_modified_header.as_bytes());
    }
    http1_head::finish(head, body.as_ref().map(Bytes::len));
    count_index_response(status);
    Some(body.unwrap_or_default())
}

/// The cached copy of the index file at `path` (the whole request path), counted as a hit, when
/// it may be served without asking the file's store.
fn cached_file(state: &AppState, path: &str) -> Option<Arc<CachedFile>> {
    let relative = path.strip_prefix("/index/")?;
    // No check of the path here: only paths of crate names are ever cached (`serve_index_file`
    // checks before it fills the cache), so a path that finds a copy is one.
    let file = state.serving.index_cache.cached(relative)?;
    count_cache_lookup(CacheLookup::Hit);
    Some(file)
}

/// Takes the conditions and the path rather than extractors: the `HeaderMap` and `Path`
/// extractors copy them, which on this path is a measurable share of the work.
async fn serve_index_file(
    state: &AppState,
    conditions: &Conditions<'_>,
    path: &str,
) -> Result<Response, ApiError> {
    let path = path.strip_prefix("/index/").unwrap_or_default();
    let not_found = || ApiError::not_found(format!("no index file at `{path}`"));
    let Some(name) = name_from_index_path(path) else {
        return Err(not_found());
    };
    let file = match state.serving.index_cache.get(state, path).await? {
        Some(file) => file,
        // A name without a local file may be the upstream's (the registry checks that it is no
        // local crate's).
        None if state.proxies_upstream() => state
            .serving
            .upstream_files
            .get(state, path, name)
            .await?
            .ok_or_else(not_found)?,
        None => return Err(not_found()),
    };
    Ok(respond_with(state, conditions, &file))
}

/// The headers of every answer with an index file, with placeholders for the file's own `ETag`
/// and (but on a 304) `Last-Modified`: cloning these and setting those two is half the work of inserting all
/// of them one by one (see `bench/index_instructions.sh`), and costs no memory per cached file.
struct ResponseHeaders {
    plain: HeaderMap,
    gzipped: HeaderMap,
    /// A 304 has no body, so nothing that describes one: no `Content-Type`, `Content-Encoding`
    /// or `X-Content-Type-Options`, and no `Last-Modified` beside its `ETag` (RFC 9110, 15.4.5).
    /// Every byte of a 304 counts: it is most of what a revalidation costs both ends.
    not_modified: HeaderMap,
    /// The same three as HTTP/1.1 header lines, without the placeholders.
    wire: WireHeaders,
}

/// [`ResponseHeaders`] as the bytes [`write_from_memory`] sends: `name: value\r\n` for each
/// header but the `ETag` and `Last-Modified` placeholders, which each answer writes itself.
struct WireHeaders {
    plain: Vec<u8>,
    gzipped: Vec<u8>,
    not_modified: Vec<u8>,
}

impl WireHeaders {
    fn of(headers: &HeaderMap) -> Vec<u8> {
        let mut wire = Vec::new();
        for (name, value) in headers {
            if name == header::ETAG || name == header::LAST_MODIFIED {
                continue;
            }
            http1_head::append_header(&mut wire, name.as_str(), value.as_bytes());
        }
        wire
    }
}

impl ResponseHeaders {
    fn new(cache_control: &'static str) -> ResponseHeaders {
        let mut plain = HeaderMap::with_capacity(8);
        plain.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static("text/plain; charset=utf-8"),
        );
        plain.insert(header::ETAG, HeaderValue::from_static("\"\""));
        plain.insert(
            header::LAST_MODIFIED,
            HeaderValue::from_static("Thu, 01 Jan 1970 00:00:00 GMT"),
        );
        plain.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static(cache_control),
        );
        plain.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        // What the router's layer adds to every answer, here for the answers that skip the router.
        plain.insert(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        );
        let mut gzipped = plain.clone();
        gzipped.insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        let mut not_modified = plain.clone();
        not_modified.remove(header::CONTENT_TYPE);
        not_modified.remove(header::X_CONTENT_TYPE_OPTIONS);
        not_modified.remove(header::LAST_MODIFIED);
        let wire = WireHeaders {
            plain: WireHeaders::of(&plain),
            gzipped: WireHeaders::of(&gzipped),
            not_modified: WireHeaders::of(&not_modified),
        };
        ResponseHeaders {
            plain,
            gzipped,
            not_modified,
            wire,
        }
    }
}

/// The header templates of `state`'s registry (public or private).
fn response_templates(state: &AppState) -> &'static ResponseHeaders {
    static PUBLIC: LazyLock<ResponseHeaders> =
        LazyLock::new(|| ResponseHeaders::new(PUBLIC_CACHE_CONTROL));
    static PRIVATE: LazyLock<ResponseHeaders> =
        LazyLock::new(|| ResponseHeaders::new(PRIVATE_CACHE_CONTROL));
    if state.config.auth_required {
        &PRIVATE
    } else {
        &PUBLIC
    }
}

/// The headers of an answer with an index file, before its `ETag` (and, but on a 304, its
/// `Last-Modified`) are set.
fn response_headers(state: &AppState, status: StatusCode, gzipped: bool) -> &'static HeaderMap {
    let headers = response_templates(state);
    if status == StatusCode::NOT_MODIFIED {
        &headers.not_modified
    } else if gzipped {
        &headers.gzipped
    } else {
        &headers.plain
    }
}

/// How `file` answers a request: 304 when the client's copy is current, else the file, gzipped
/// when the client takes it.
struct Choice {
    not_modified: bool,
    gzip: bool,
}

impl Choice {
    fn of(conditions: &Conditions, file: &CachedFile) -> Choice {
        Choice {
            not_modified: not_modified(conditions, file),
            gzip: conditions.accepts_gzip && file.gzipped.is_some(),
        }
    }

    /// The entity tag of the representation chosen (a 304's is the one the client would get).
    fn etag<'a>(&self, file: &'a CachedFile) -> &'a HeaderValue {
        if self.gzip {
            &file.etag_gzip_header
        } else {
            &file.etag_header
        }
    }
}

/// `file` as the answer to a request with `conditions` (see [`Choice`]).
fn respond_with(state: &AppState, conditions: &Conditions, file: &CachedFile) -> Response {
    let choice = Choice::of(conditions, file);
    let gzip = choice.gzip;
    let etag = choice.etag(file);
    let (status, body) = if choice.not_modified {
        (StatusCode::NOT_MODIFIED, Body::empty())
    } else if gzip {
        (
            StatusCode::OK,
            Body::from(file.gzipped.clone().expect("checked")),
        )
    } else {
        (StatusCode::OK, Body::from(file.body.clone()))
    };
    let mut response_headers = response_headers(state, status, gzip).clone();
    response_headers.insert(header::ETAG, etag.clone());
    // Not on a 304: with an `ETag` there, a `Last-Modified` guides no cache (RFC 9110, 15.4.5:
    // "SHOULD NOT"), and it would be a fifth of the answer.
    if status != StatusCode::NOT_MODIFIED {
        response_headers.insert(header::LAST_MODIFIED, file.last_modified_header.clone());
    }
    let mut response = Response::new(body);
    *response.status_mut() = status;
    *response.headers_mut() = response_headers;
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gzip_is_taken_when_named_or_starred_without_a_zero_weight() {
        for taken in [
            "gzip",
            "GZip",
            "deflate, gzip",
            "br;q=1, gzip;q=0.5",
            "*",
            "br, *",
        ] {
            assert!(accepts_gzip(taken.as_bytes()), "{taken:?}");
        }
        for refused in [
            "",
            "identity",
            "br",
            "x-gzip",
            "gzip;q=0",
            "gzip; q = 0",
            "gzip;q=0.000",
            "gzip;Q=0",
            "*;q=0",
        ] {
            assert!(!accepts_gzip(refused.as_bytes()), "{refused:?}");
        }
    }

    #[test]
    fn conditions_take_the_first_validator_and_every_accept_encoding() {
        let mut conditions = Conditions::default();
        conditions.add("If-None-Match", b"\"a\"");
        conditions.add("if-none-match", b"\"b\"");
        conditions.add("Accept-Encoding", b"br");
        conditions.add("ACCEPT-ENCODING", b"gzip");
        conditions.add("Host", b"gzip");
        assert_eq!(conditions.if_none_match, Some(&b"\"a\""[..]));
        assert!(conditions.accepts_gzip);
        assert!(conditions.if_modified_since.is_none());
    }
}
