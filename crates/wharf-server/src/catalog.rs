//! The registry's catalogue in crates.io's shapes: the summary its front page shows, keywords and
//! categories with their crate counts.

use crate::api::{check_page, check_per_page, encode_crates};
use crate::error::{ApiError, ApiResult};
use crate::wire::{
    CategoriesResponse, CategoryResponse, CategorySlugsResponse, EncodableCategory,
    EncodableCategorySlug, EncodableKeyword, KeywordResponse, KeywordsResponse, SummaryResponse,
    TotalMeta,
};
use crate::AppState;
use axum::extract::{Path, Query, State};
use axum::Json;
use serde::Deserialize;
use wharf_store::{BrowseOrder, TagOrder};

/// How many crates, keywords and categories each list of the summary holds, as on crates.io.
const SUMMARY_LIST_LENGTH: i64 = 10;

/// `GET /api/v1/summary`.
#[utoipa::path(
    get,
    path = "/api/v1/summary",
    tag = "catalog",
    responses((status = 200, description = "OK", body = SummaryResponse))
)]
pub async fn summary(State(state): State<AppState>) -> ApiResult<Json<SummaryResponse>> {
    let totals = state.db.registry_totals().await?;
    let list = |order| state.db.browse_crates(order, SUMMARY_LIST_LENGTH);
    let new_crates = list(BrowseOrder::New).await?;
    let most_downloaded = list(BrowseOrder::MostDownloaded).await?;
    let most_recently_downloaded = list(BrowseOrder::RecentlyDownloaded).await?;
    let just_updated = list(BrowseOrder::RecentlyUpdated).await?;
    let (keywords, _) = state
        .db
        .keywords_page(TagOrder::Crates, 1, SUMMARY_LIST_LENGTH)
        .await?;
    let (categories, _) = state
        .db
        .categories_page(TagOrder::Crates, 1, SUMMARY_LIST_LENGTH)
        .await?;
    Ok(Json(SummaryResponse {
        num_crates: totals.crates,
        num_downloads: totals.downloads,
        new_crates: encode_crates(&state, &new_crates, "").await?,
        most_downloaded: encode_crates(&state, &most_downloaded, "").await?,
        most_recently_downloaded: encode_crates(&state, &most_recently_downloaded, "").await?,
        just_updated: encode_crates(&state, &just_updated, "").await?,
        popular_keywords: keywords.iter().map(EncodableKeyword::from).collect(),
        popular_categories: categories.iter().map(EncodableCategory::from).collect(),
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TagListParams {
    page: Option<i64>,
    /// 10 unless given; at most 100.
    per_page: Option<i64>,
    /// `alpha` (the default) or `crates` (most crates first).
    #[param(pattern = "^(alpha|crates)$")]
    sort: Option<String>,
}

impl TagListParams {
    /// The order (`alpha`, the default, or `crates`), page and page size.
    fn read(&self) -> ApiResult<(TagOrder, i64, i64)> {
        let order = match self.sort.as_deref() {
            None | Some("alpha") => TagOrder::Alphabetical,
            Some("crates") => TagOrder::Crates,
            Some(other) => {
                return Err(ApiError::bad_request(format!(
                    "unknown sort `{other}`: use alpha or crates"
                )))
            }
        };
        Ok((
            order,
            check_page(self.page)?,
            check_per_page(self.per_page.unwrap_or(10))?,
        ))
    }
}

/// `GET /api/v1/keywords`.
#[utoipa::path(
    get,
    path = "/api/v1/keywords",
    tag = "catalog",
    params(TagListParams),
    responses((status = 200, description = "OK", body = KeywordsResponse))
)]
pub async fn keywords(
    State(state): State<AppState>,
    Query(params): Query<TagListParams>,
) -> ApiResult<Json<KeywordsResponse>> {
    let (order, page, per_page) = params.read()?;
    let (keywords, total) = state.db.keywords_page(order, page, per_page).await?;
    Ok(Json(KeywordsResponse {
        keywords: keywords.iter().map(EncodableKeyword::from).collect(),
        meta: TotalMeta { total },
    }))
}

/// `GET /api/v1/keywords/{keyword}`.
#[utoipa::path(
    get,
    path = "/api/v1/keywords/{keyword}",
    tag = "catalog",
    params(("keyword" = String, Path, example = "parser")),
    responses((status = 200, description = "OK", body = KeywordResponse))
)]
pub async fn keyword(
    State(state): State<AppState>,
    Path(keyword): Path<String>,
) -> ApiResult<Json<KeywordResponse>> {
    let found = state
        .db
        .keyword(&keyword)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("no crate has the keyword `{keyword}`")))?;
    Ok(Json(KeywordResponse {
        keyword: EncodableKeyword::from(&found),
    }))
}

/// `GET /api/v1/categories`.
#[utoipa::path(
    get,
    path = "/api/v1/categories",
    tag = "catalog",
    params(TagListParams),
    responses((status = 200, description = "OK", body = CategoriesResponse))
)]
pub async fn categories(
    State(state): State<AppState>,
    Query(params): Query<TagListParams>,
) -> ApiResult<Json<CategoriesResponse>> {
    let (order, page, per_page) = params.read()?;
    let (categories, total) = state.db.categories_page(order, page, per_page).await?;
    Ok(Json(CategoriesResponse {
        categories: categories.iter().map(EncodableCategory::from).collect(),
        meta: TotalMeta { total },
    }))
}

/// `GET /api/v1/categories/{slug}`: with its direct subcategories and its parents, outermost
/// first.
#[utoipa::path(
    get,
    path = "/api/v1/categories/{slug}",
    tag = "catalog",
    params(("slug" = String, Path, description = "A category slug; subcategories are `parent::child`", example = "parsing")),
    responses((status = 200, description = "OK", body = CategoryResponse))
)]
pub async fn category(
    State(state): State<AppState>,
    Path(slug): Path<String>,
) -> ApiResult<Json<CategoryResponse>> {
    let found = state
        .db
        .category(&slug)
        .await?
        .ok_or_else(|| ApiError::not_found(format!("there is no category `{slug}`")))?;
    let prefix = format!("{}::", found.slug);
    let subcategories = state
        .db
        .categories_under(&prefix)
        .await?
        .iter()
        .filter(|c| !c.slug[prefix.len()..].contains("::"))
        .map(EncodableCategory::from)
        .collect();
    let mut parent_categories = Vec::new();
    let mut parent = found.slug.as_str();
    while let Some((outer, _)) = parent.rsplit_once("::") {
        if let Some(record) = state.db.category(outer).await? {
            parent_categories.insert(0, EncodableCategory::from(&record));
        }
        parent = outer;
    }
    let mut category = EncodableCategory::from(&found);
    category.subcategories = Some(subcategories);
    category.parent_categories = Some(parent_categories);
    Ok(Json(CategoryResponse { category }))
}

/// `GET /api/v1/category_slugs`: every category the registry knows, by slug.
#[utoipa::path(
    get,
    path = "/api/v1/category_slugs",
    tag = "catalog",
    responses((status = 200, description = "OK", body = CategorySlugsResponse))
)]
pub async fn category_slugs(
    State(state): State<AppState>,
) -> ApiResult<Json<CategorySlugsResponse>> {
    let slugs = state
        .db
        .admin_list(wharf_store::AdminList::Categories)
        .await?;
    Ok(Json(CategorySlugsResponse {
        category_slugs: slugs
            .into_iter()
            .map(|slug| EncodableCategorySlug {
                id: slug.clone(),
                description: wharf_policy::categories::describe(&slug).description,
                slug,
            })
            .collect(),
    }))
}
