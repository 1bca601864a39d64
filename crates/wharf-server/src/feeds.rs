//! RSS 2.0 feeds at crates.io's paths: new crates, new versions, and the versions of one crate, so
//! feed readers and bots can follow the registry without polling the API.

use crate::error::{ApiError, ApiResult};
use crate::params::CratePath;
use crate::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{IntoResponse, Response};
use rss::{Channel, ChannelBuilder, GuidBuilder, Item, ItemBuilder};
use std::time::{Duration, UNIX_EPOCH};
use wharf_store::{BrowseOrder, RecentVersion};

/// How many items a feed holds, as on crates.io.
const FEED_LENGTH: i64 = 50;

/// RFC 2822 time, as RSS wants it.
fn rss_date(millis: i64) -> String {
    httpdate::fmt_http_date(UNIX_EPOCH + Duration::from_millis(u64::try_from(millis).unwrap_or(0)))
}

fn respond(channel: Channel) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/rss+xml; charset=utf-8"),
            ),
            // Feed readers poll; a minute of staleness costs nobody anything.
            (
                header::CACHE_CONTROL,
                HeaderValue::from_static("public, max-age=60"),
            ),
        ],
        channel.to_string(),
    )
        .into_response()
}

fn channel(title: String, link: String, description: String, items: Vec<Item>) -> Channel {
    ChannelBuilder::default()
        .title(title)
        .link(link)
        .description(description)
        .language(Some("en".to_string()))
        .items(items)
        .build()
}

fn version_item(state: &AppState, version: &RecentVersion) -> Item {
    let link = format!(
        "{}/crates/{}/{}",
        state.config.public_url, version.crate_name, version.num
    );
    ItemBuilder::default()
        .title(Some(format!("{} {}", version.crate_name, version.num)))
        .link(Some(link.clone()))
        .description(version.description.clone())
        .pub_date(Some(rss_date(version.created_at)))
        .guid(Some(
            GuidBuilder::default().value(link).permalink(true).build(),
        ))
        .build()
}

/// `GET /api/v1/rss/crates`: the newest crates.
#[utoipa::path(
    get,
    path = "/api/v1/rss/crates",
    tag = "data",
    responses((status = 200, description = "RSS 2.0: the newest crates", body = String, content_type = "application/rss+xml; charset=utf-8"))
)]
pub async fn new_crates(State(state): State<AppState>) -> ApiResult<Response> {
    let crates = state
        .db
        .browse_crates(BrowseOrder::New, FEED_LENGTH)
        .await?;
    let url = &state.config.public_url;
    let items = crates
        .iter()
        .map(|krate| {
            let link = format!("{url}/crates/{}", krate.name);
            ItemBuilder::default()
                .title(Some(krate.name.clone()))
                .link(Some(link.clone()))
                .description(krate.description.clone())
                .pub_date(Some(rss_date(krate.created_at)))
                .guid(Some(
                    GuidBuilder::default().value(link).permalink(true).build(),
                ))
                .build()
        })
        .collect();
    Ok(respond(channel(
        "Wharf: new crates".into(),
        format!("{url}/"),
        format!("Crates first published on {url}"),
        items,
    )))
}

/// `GET /api/v1/rss/updates`: the newest versions of all crates.
#[utoipa::path(
    get,
    path = "/api/v1/rss/updates",
    tag = "data",
    responses((status = 200, description = "RSS 2.0: the newest versions", body = String, content_type = "application/rss+xml; charset=utf-8"))
)]
pub async fn updates(State(state): State<AppState>) -> ApiResult<Response> {
    let versions = state.db.recent_versions(None, FEED_LENGTH).await?;
    let url = &state.config.public_url;
    Ok(respond(channel(
        "Wharf: new versions".into(),
        format!("{url}/"),
        format!("Versions published on {url}"),
        versions.iter().map(|v| version_item(&state, v)).collect(),
    )))
}

/// `GET /api/v1/rss/crates/{name}`: the newest versions of one crate.
#[utoipa::path(
    get,
    path = "/api/v1/rss/crates/{name}",
    tag = "data",
    params(CratePath),
    responses((status = 200, description = "RSS 2.0: the crate's newest versions", body = String, content_type = "application/rss+xml; charset=utf-8"))
)]
pub async fn crate_updates(
    State(state): State<AppState>,
    Path(CratePath { name }): Path<CratePath>,
) -> ApiResult<Response> {
    let krate = state
        .db
        .crate_by_name(&name)
        .await?
        .filter(|c| c.max_version.is_some())
        .ok_or_else(|| ApiError::not_found(format!("crate `{name}` does not exist")))?;
    if state.db.crate_is_held(krate.id).await? {
        return Err(ApiError::not_found(format!(
            "crate `{name}` does not exist"
        )));
    }
    let versions = state
        .db
        .recent_versions(Some(krate.id), FEED_LENGTH)
        .await?;
    let url = &state.config.public_url;
    Ok(respond(channel(
        format!("Wharf: {}", krate.name),
        format!("{url}/crates/{}", krate.name),
        krate
            .description
            .clone()
            .unwrap_or_else(|| format!("Versions of {}", krate.name)),
        versions.iter().map(|v| version_item(&state, v)).collect(),
    )))
}
