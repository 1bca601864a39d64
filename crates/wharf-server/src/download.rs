//! `GET /api/v1/crates/{name}/{version}/download`, and the batched download counter behind it.

use crate::error::{ApiError, ApiResult};
use crate::params::VersionPath;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use std::mem;
use std::sync::Mutex;
use std::time::Duration;
use wharf_registry::{Downloads, PRESIGNED_DOWNLOAD_LIFETIME};
use wharf_store::{crate_file_key, day_string, now_millis, Db, DownloadBatch};

/// Downloads counted in memory, flushed to the database in one transaction by [`run_flusher`].
#[derive(Default)]
pub struct DownloadCounter {
    pending: Mutex<DownloadBatch>,
}

impl DownloadCounter {
    fn count(&self, version_id: i64) {
        let day = day_string(now_millis());
        *self
            .pending
            .lock()
            .expect("download counter poisoned")
            .entry((version_id, day))
            .or_default() += 1;
    }

    /// Writes the counted downloads. On failure they are put back, to be written next time.
    pub async fn flush(&self, db: &Db) {
        let batch = mem::take(&mut *self.pending.lock().expect("download counter poisoned"));
        if batch.is_empty() {
            return;
        }
        if let Err(error) = db.record_downloads(&batch).await {
            tracing::warn!(%error, "could not record downloads; keeping them for the next flush");
            let mut pending = self.pending.lock().expect("download counter poisoned");
            for (key, count) in batch {
                *pending.entry(key).or_default() += count;
            }
        }
    }
}

/// Flushes the counter at a fixed interval, for as long as the server runs.
pub async fn run_flusher(state: AppState, interval: Duration) {
    let mut ticker = tokio::time::interval(interval);
    ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        ticker.tick().await;
        state.serving.downloads.flush(&state.db).await;
        state.flush_upstream_downloads().await;
    }
}

#[utoipa::path(
    get,
    path = "/api/v1/crates/{name}/{version}/download",
    tag = "versions",
    params(VersionPath),
    responses((status = 200, description = "The `.crate` file", body = Vec<u8>, content_type = "application/gzip"), (status = 302, description = "Where to fetch the `.crate` file (`downloads = \"presigned\"` or a CDN base in the configuration)"))
)]
pub async fn download(
    State(state): State<AppState>,
    Path(VersionPath { name, version }): Path<VersionPath>,
) -> ApiResult<Response> {
    let not_found = || ApiError::not_found(format!("crate `{name}` has no version `{version}`"));
    let Some((crate_name, version_id)) = state.db.version_for_download(&name, &version).await?
    else {
        if state.proxies_upstream() {
            let bytes = state.upstream_download(&name, &version).await?;
            crate::metrics::count_download();
            return Ok(crate_file_response(&state, bytes));
        }
        return Err(not_found());
    };
    let key = crate_file_key(&crate_name, &version);
    let elsewhere = match &state.config.downloads {
        Downloads::Served => None,
        Downloads::Base(base) => Some(format!("{base}/{key}")),
        Downloads::Presigned => {
            let signed = state
                .blobs
                .signed_url(&key, PRESIGNED_DOWNLOAD_LIFETIME)
                .await?;
            // Start-up refuses `presigned` for a store that cannot sign.
            Some(signed.ok_or_else(|| {
                ApiError::new(
                    StatusCode::INTERNAL_SERVER_ERROR,
                    "this registry's storage cannot sign download URLs",
                )
            })?)
        }
    };
    if let Some(location) = elsewhere {
        state.serving.downloads.count(version_id);
        crate::metrics::count_download();
        let location = HeaderValue::from_str(&location).map_err(|_| {
            ApiError::new(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!("the download address for `{key}` is not a valid header value"),
            )
        })?;
        // Each download is counted here, so the redirect itself is never to be kept by a cache
        // (and a presigned one expires).
        return Ok((
            StatusCode::FOUND,
            [
                (header::LOCATION, location),
                (header::CACHE_CONTROL, HeaderValue::from_static("no-store")),
            ],
        )
            .into_response());
    }
    let Some(bytes) = state.blobs.get(&key).await? else {
        tracing::error!(
            crate_name,
            version,
            "a published version has no .crate file"
        );
        return Err(not_found());
    };
    state.serving.downloads.count(version_id);
    crate::metrics::count_download();
    Ok(crate_file_response(&state, bytes))
}

/// A `.crate` file sent as it is.
fn crate_file_response(state: &AppState, bytes: bytes::Bytes) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/gzip"),
            ),
            (
                header::CACHE_CONTROL,
                // A published file never changes; only a private registry keeps it out of shared caches.
                HeaderValue::from_static(if state.config.auth_required {
                    "private, max-age=31536000, immutable"
                } else {
                    "public, max-age=31536000, immutable"
                }),
            ),
        ],
        bytes,
    )
        .into_response()
}

/// `GET /db-dump.tar.gz`: the newest published database dump (see `wharf dump`).
#[utoipa::path(
    get,
    path = "/db-dump.tar.gz",
    tag = "data",
    responses((status = 200, description = "The newest database dump: the public data in crates.io's db-dump layout", body = Vec<u8>, content_type = "application/gzip"))
)]
pub async fn database_dump(State(state): State<AppState>) -> ApiResult<Response> {
    let dump = state.published_dump().await?.ok_or_else(|| {
        ApiError::not_found("no database dump has been published yet: the server writes one when it starts, then every `dump_interval_hours`")
    })?;
    Ok((
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/gzip"),
            ),
            (
                header::CONTENT_DISPOSITION,
                HeaderValue::from_static("attachment; filename=\"db-dump.tar.gz\""),
            ),
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=3600"),
            ),
        ],
        dump,
    )
        .into_response())
}
