//! Serving the sparse index: `config.json` and one materialised file per crate.
//!
//! This is the hottest path of a registry, and it never touches the database: a request is a look-up
//! in an in-memory cache and a send. An entry is checked against the file's `stat` (inode, size,
//! modification time — every write is a rename, so any change gives a new inode) at most once a
//! second, and this process's own writes drop their entry at once.
//! Conditional requests get 304 when the entity tag (If-None-Match) or, when no tag is sent, the date
//! (If-Modified-Since) says the client's copy is current, as RFC 9110 orders them.

use crate::error::ApiError;
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
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};
use wharf_index::name_from_index_path;

/// Bodies shorter than this are sent as they are: gzip would save nothing worth the CPU.
const GZIP_THRESHOLD: usize = 512;

/// At most this many files are kept in memory; beyond it an arbitrary entry makes room. A file not in
/// memory is one `read` away, so the bound costs little and keeps a huge registry's memory flat.
const CACHE_CAPACITY: usize = 50_000;

/// One index file ready to send.
struct CachedFile {
    identity: (u64, u64, SystemTime),
    body: Bytes,
    gzipped: Option<Bytes>,
    etag: String,
    etag_gzip: String,
    etag_header: HeaderValue,
    etag_gzip_header: HeaderValue,
    last_modified: SystemTime,
    last_modified_header: HeaderValue,
}

/// How long a cached file is served before its `stat` is checked again. This process's own writes
/// invalidate their entry at once; a write by another process (the CLI, another instance on a shared
/// disk) shows within this time, as with nginx's `open_file_cache_valid`.
const REVALIDATE_AFTER: Duration = Duration::from_secs(1);

#[derive(Default)]
pub struct IndexCache {
    /// Each entry with the time its file was last `stat`ed.
    files: Mutex<HashMap<String, (Instant, Arc<CachedFile>)>>,
}

impl IndexCache {
    /// How many files are cached.
    pub fn len(&self) -> usize {
        self.files.lock().expect("cache poisoned").len()
    }

    /// Forgets a file this process has just rewritten, so the next request reads the new one.
    pub fn invalidate(&self, relative: &str) {
        self.files.lock().expect("cache poisoned").remove(relative);
    }

    fn get(&self, state: &AppState, relative: &str) -> Result<Option<Arc<CachedFile>>, ApiError> {
        if let Some((checked, cached)) = self.files.lock().expect("cache poisoned").get(relative) {
            if checked.elapsed() < REVALIDATE_AFTER {
                count_cache_lookup(CacheLookup::Hit);
                return Ok(Some(cached.clone()));
            }
        }
        let path = state.index.root().join(relative);
        let metadata = match std::fs::metadata(&path) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                self.files.lock().expect("cache poisoned").remove(relative);
                return Ok(None);
            }
            Err(e) => return Err(wharf_store::StoreError::from(e).into()),
        };
        let identity = (
            metadata.ino(),
            metadata.len(),
            metadata.modified().unwrap_or(SystemTime::UNIX_EPOCH),
        );
        if let Some((checked, cached)) =
            self.files.lock().expect("cache poisoned").get_mut(relative)
        {
            if cached.identity == identity {
                *checked = Instant::now();
                count_cache_lookup(CacheLookup::Revalidated);
                return Ok(Some(cached.clone()));
            }
        }
        count_cache_lookup(CacheLookup::Miss);
        let Some(file) = state.index.read(relative)? else {
            return Ok(None);
        };
        let digest = hex::encode(Sha256::digest(&file.body));
        let gzipped = (file.body.len() >= GZIP_THRESHOLD).then(|| gzip(&file.body));
        let etag = format!("\"{digest}\"");
        let etag_gzip = format!("\"{digest}-gzip\"");
        let cached = Arc::new(CachedFile {
            identity,
            gzipped,
            etag_header: HeaderValue::from_str(&etag).expect("hex is a valid header value"),
            etag_gzip_header: HeaderValue::from_str(&etag_gzip)
                .expect("hex is a valid header value"),
            etag,
            etag_gzip,
            last_modified: file.modified,
            last_modified_header: HeaderValue::from_str(&httpdate::fmt_http_date(file.modified))
                .expect("HTTP dates are valid header values"),
            body: Bytes::from(file.body),
        });
        let mut files = self.files.lock().expect("cache poisoned");
        if files.len() >= CACHE_CAPACITY && !files.contains_key(relative) {
            if let Some(victim) = files.keys().next().cloned() {
                files.remove(&victim);
            }
        }
        files.insert(relative.to_string(), (Instant::now(), cached.clone()));
        Ok(Some(cached))
    }
}

fn gzip(body: &[u8]) -> Bytes {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(body).expect("writing to memory");
    Bytes::from(encoder.finish().expect("writing to memory"))
}

fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';');
            let name = parts.next().unwrap_or("").trim();
            let refused = parts.any(|p| p.trim().replace(' ', "") == "q=0");
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// Whether the client's copy is current. If-None-Match wins when present; If-Modified-Since is
/// consulted only without it.
fn not_modified(headers: &HeaderMap, file: &CachedFile) -> bool {
    if let Some(tags) = headers.get(header::IF_NONE_MATCH) {
        let tags = tags.to_str().unwrap_or("");
        return tags.split(',').map(str::trim).any(|tag| {
            let tag = tag.strip_prefix("W/").unwrap_or(tag);
            tag == "*" || tag == file.etag || tag == file.etag_gzip
        });
    }
    if let Some(since) = headers
        .get(header::IF_MODIFIED_SINCE)
        .and_then(|v| v.to_str().ok())
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

fn cache_control(state: &AppState) -> &'static str {
    // Private registries must not let shared caches keep their files.
    if state.config.auth_required {
        "private, max-age=0, must-revalidate"
    } else {
        "public, max-age=0, must-revalidate"
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
    let response = serve_index_file(state, request).await.into_response();
    count_index_response(response.status());
    response
}

/// Takes the whole request rather than extractors: the `HeaderMap` and `Path` extractors copy the
/// headers and the path, which on this path is a measurable share of the work.
async fn serve_index_file(state: AppState, request: Request) -> Result<Response, ApiError> {
    let headers = request.headers();
    let path = request
        .uri()
        .path()
        .strip_prefix("/index/")
        .unwrap_or_default();
    let not_found = || ApiError::not_found(format!("no index file at `{path}`"));
    if name_from_index_path(path).is_none() {
        return Err(not_found());
    }
    let Some(file) = state.serving.index_cache.get(&state, path)? else {
        return Err(not_found());
    };
    let gzip = accepts_gzip(headers) && file.gzipped.is_some();
    let etag = if gzip {
        &file.etag_gzip_header
    } else {
        &file.etag_header
    };
    let mut response = if not_modified(headers, &file) {
        StatusCode::NOT_MODIFIED.into_response()
    } else if gzip {
        let mut response = Response::new(Body::from(file.gzipped.clone().expect("checked")));
        response
            .headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        response
    } else {
        Response::new(Body::from(file.body.clone()))
    };
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    headers.insert(header::ETAG, etag.clone());
    headers.insert(header::LAST_MODIFIED, file.last_modified_header.clone());
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static(cache_control(&state)),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    Ok(response)
}
