//! Crates and versions: what `GET /api/v1/crates…` answers, in crates.io's shapes.

use super::{AlwaysEmpty, EncodableOwner};
use serde::Serialize;
use std::collections::BTreeMap;
use utoipa::ToSchema;
use wharf_index::IndexDependency;
use wharf_store::{
    rfc3339, CategoryRecord, CrateRecord, DayDownloads, KeywordRecord, NoticeRecord,
    ReverseDependency, StoredFinding, VersionAction, VersionCount, VersionRecord,
};

/// What crates.io reports as the newest version of a crate that has none left to show.
const NO_VERSION: &str = "0.0.0";

/// A crate as search results and the crate page list it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct EncodableCrate {
    /// crates.io identifies crates by name on the wire.
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    pub repository: Option<String>,
    pub keywords: Vec<String>,
    pub categories: Vec<String>,
    #[schema(value_type = Vec<Object>, max_items = 0)]
    pub badges: AlwaysEmpty,
    pub max_version: String,
    pub max_stable_version: Option<String>,
    pub newest_version: String,
    /// The version a visitor is shown first: the newest stable one, else the newest.
    pub default_version: Option<String>,
    pub downloads: i64,
    /// Downloads over the last 90 days.
    pub recent_downloads: Option<i64>,
    /// The ids of the crate's versions, newest first, on the crate's own response; `null` in lists.
    pub versions: Option<Vec<i64>>,
    pub num_versions: i64,
    /// Every version is yanked (a crate with no versions is not).
    pub yanked: bool,
    pub created_at: String,
    pub updated_at: String,
    /// Whether the crate's name is what was searched for (ignoring case and `-`/`_`).
    pub exact_match: bool,
    pub links: CrateLinks,
}

/// What a crate's list entry says beyond its own row: its versions, counted, and its recent
/// downloads.
#[derive(Debug, Clone, Copy, Default)]
pub struct CrateCounts {
    pub versions: VersionCount,
    pub recent_downloads: i64,
}

impl EncodableCrate {
    pub fn from_record(
        krate: &CrateRecord,
        exact_match: bool,
        counts: CrateCounts,
    ) -> EncodableCrate {
        let max_version = krate.max_version.as_deref().unwrap_or(NO_VERSION);
        EncodableCrate {
            id: krate.name.clone(),
            name: krate.name.clone(),
            description: krate.description.clone(),
            homepage: krate.homepage.clone(),
            documentation: krate.documentation.clone(),
            repository: krate.repository.clone(),
            keywords: krate.keywords.clone(),
            categories: krate.categories.clone(),
            badges: [],
            max_version: max_version.to_string(),
            max_stable_version: krate.max_stable_version.clone(),
            newest_version: max_version.to_string(),
            default_version: krate
                .max_stable_version
                .clone()
                .or_else(|| krate.max_version.clone()),
            downloads: krate.downloads,
            recent_downloads: Some(counts.recent_downloads),
            versions: None,
            num_versions: counts.versions.versions,
            yanked: counts.versions.all_yanked(),
            created_at: rfc3339(krate.created_at),
            updated_at: rfc3339(krate.updated_at),
            exact_match,
            links: CrateLinks::new(&krate.name),
        }
    }
}

/// The API paths about a crate, relative to the registry's URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CrateLinks {
    pub versions: String,
    pub owners: String,
    pub owner_user: String,
    pub owner_team: String,
    pub reverse_dependencies: String,
    /// Per-version, per-day downloads of the whole crate.
    pub version_downloads: String,
}

impl CrateLinks {
    pub fn new(name: &str) -> CrateLinks {
        let base = format!("/api/v1/crates/{name}");
        CrateLinks {
            versions: format!("{base}/versions"),
            owners: format!("{base}/owners"),
            owner_user: format!("{base}/owner_user"),
            owner_team: format!("{base}/owner_team"),
            reverse_dependencies: format!("{base}/reverse_dependencies"),
            version_downloads: format!("{base}/downloads"),
        }
    }
}

/// A crate as its own page shows it: the summary with its versions' ids, and any notice.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct EncodableCrateDetail {
    #[serde(flatten)]
    pub summary: EncodableCrate,
    /// An open notice before removal; public, because users of the crate deserve the warning too.
    pub notice: Option<NoticeRecord>,
}

impl EncodableCrateDetail {
    pub fn new(
        krate: &CrateRecord,
        versions: &[VersionRecord],
        recent_downloads: i64,
        notice: Option<NoticeRecord>,
    ) -> EncodableCrateDetail {
        let counts = CrateCounts {
            versions: VersionCount {
                versions: versions.len() as i64,
                yanked: versions.iter().filter(|v| v.yanked).count() as i64,
            },
            recent_downloads,
        };
        let mut summary = EncodableCrate::from_record(krate, true, counts);
        summary.versions = Some(versions.iter().map(|v| v.id).collect());
        EncodableCrateDetail { summary, notice }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableKeyword {
    pub id: String,
    pub keyword: String,
    pub created_at: String,
    /// Listed crates with this keyword.
    pub crates_cnt: i64,
}

impl From<&KeywordRecord> for EncodableKeyword {
    fn from(keyword: &KeywordRecord) -> EncodableKeyword {
        EncodableKeyword {
            id: keyword.keyword.clone(),
            keyword: keyword.keyword.clone(),
            created_at: rfc3339(keyword.created_at),
            crates_cnt: keyword.crates_cnt,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableCategory {
    pub id: String,
    /// The readable name (of a subcategory, without its parent's).
    pub category: String,
    pub slug: String,
    pub description: String,
    pub created_at: String,
    /// Listed crates in the category or one of its subcategories.
    pub crates_cnt: i64,
    /// On a single category's response only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub subcategories: Option<Vec<EncodableCategory>>,
    /// On a single category's response only.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(no_recursion)]
    pub parent_categories: Option<Vec<EncodableCategory>>,
}

impl From<&CategoryRecord> for EncodableCategory {
    fn from(category: &CategoryRecord) -> EncodableCategory {
        let names = wharf_policy::categories::describe(&category.slug);
        EncodableCategory {
            id: category.slug.clone(),
            category: names.name,
            slug: category.slug.clone(),
            description: names.description,
            created_at: rfc3339(category.created_at),
            crates_cnt: category.crates_cnt,
            subcategories: None,
            parent_categories: None,
        }
    }
}

/// `GET /api/v1/crates/{name}`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CrateResponse {
    #[serde(rename = "crate")]
    pub krate: EncodableCrateDetail,
    pub versions: Vec<EncodableVersion>,
    pub keywords: Vec<EncodableKeyword>,
    pub categories: Vec<EncodableCategory>,
}

/// `GET /api/v1/crates?q=…`.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SearchResponse {
    pub crates: Vec<EncodableCrate>,
    pub meta: SearchMeta,
}

/// The total, and the query strings of the next and previous pages (`null` at either end), as
/// crates.io gives them: `?page=N&…` with the request's other parameters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct SearchMeta {
    /// How many crates match: exact without search text or up to 2,000 matches; past that an
    /// estimate (a word most crates have
    /// is not counted one by one).
    pub total: i64,
    pub next_page: Option<String>,
    pub prev_page: Option<String>,
}

/// One published version.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct EncodableVersion {
    pub id: i64,
    #[serde(rename = "crate")]
    pub krate: String,
    pub num: String,
    pub dl_path: String,
    pub readme_path: String,
    pub checksum: String,
    pub features: BTreeMap<String, Vec<String>>,
    pub yanked: bool,
    /// Wharf's yanks carry no message.
    pub yank_message: Option<String>,
    /// The `links` key of the manifest (a native library), not API links.
    pub lib_links: Option<String>,
    pub license: Option<String>,
    pub crate_size: i64,
    pub downloads: i64,
    pub rust_version: Option<String>,
    pub edition: Option<String>,
    pub description: Option<String>,
    pub homepage: Option<String>,
    pub documentation: Option<String>,
    pub repository: Option<String>,
    /// `null` for versions published before Wharf recorded targets.
    pub has_lib: Option<bool>,
    pub bin_names: Option<Vec<String>>,
    pub published_by: Option<EncodableOwner>,
    /// Who published, yanked and unyanked it, oldest first (on a crate's own versions; empty in
    /// reverse-dependency lists).
    pub audit_actions: Vec<EncodableAuditAction>,
    pub created_at: String,
    pub updated_at: String,
    pub links: VersionLinks,
}

impl EncodableVersion {
    pub fn from_record(
        crate_name: &str,
        version: &VersionRecord,
        public_url: &str,
    ) -> EncodableVersion {
        let base = format!("/api/v1/crates/{crate_name}/{}", version.num);
        EncodableVersion {
            id: version.id,
            krate: crate_name.to_string(),
            num: version.num.clone(),
            dl_path: format!("{base}/download"),
            readme_path: format!("{base}/readme"),
            checksum: version.cksum.clone(),
            features: version.features.clone(),
            yanked: version.yanked,
            yank_message: None,
            lib_links: version.links.clone(),
            license: version.license.clone(),
            crate_size: version.crate_size,
            downloads: version.downloads,
            rust_version: version.rust_version.clone(),
            edition: version.edition.clone(),
            description: version.description.clone(),
            homepage: version.homepage.clone(),
            documentation: version.documentation.clone(),
            repository: version.repository.clone(),
            has_lib: version.has_lib,
            bin_names: version.bin_names.clone(),
            published_by: version
                .published_by
                .as_ref()
                .map(|user| EncodableOwner::user(user, public_url)),
            audit_actions: Vec::new(),
            created_at: rfc3339(version.created_at),
            updated_at: rfc3339(version.updated_at),
            links: VersionLinks::new(&base),
        }
    }
}

/// One entry of a version's history.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct EncodableAuditAction {
    /// `publish`, `yank` or `unyank`.
    pub action: &'static str,
    pub user: EncodableOwner,
    pub time: String,
}

impl EncodableAuditAction {
    pub fn new(action: &VersionAction, public_url: &str) -> EncodableAuditAction {
        EncodableAuditAction {
            action: action.action,
            user: EncodableOwner::user(&action.user, public_url),
            time: rfc3339(action.at),
        }
    }
}

/// The API paths about one version, relative to the registry's URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct VersionLinks {
    pub dependencies: String,
    pub version_downloads: String,
    pub authors: String,
}

impl VersionLinks {
    /// `base` is the version's own path, `/api/v1/crates/{name}/{num}`.
    fn new(base: &str) -> VersionLinks {
        VersionLinks {
            dependencies: format!("{base}/dependencies"),
            version_downloads: format!("{base}/downloads"),
            authors: format!("{base}/authors"),
        }
    }
}

/// `GET /api/v1/crates/{name}/{version}`.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct VersionResponse {
    pub version: EncodableVersion,
}

/// `GET /api/v1/crates/{name}/versions`: one page of versions (all of them unless `per_page` is
/// given, as on crates.io).
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct VersionsResponse {
    pub versions: Vec<EncodableVersion>,
    pub meta: VersionsMeta,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct VersionsMeta {
    pub total: usize,
    pub next_page: Option<String>,
}

/// `GET /api/v1/summary`: the registry at a glance, as crates.io's front page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct SummaryResponse {
    pub num_crates: i64,
    pub num_downloads: i64,
    pub new_crates: Vec<EncodableCrate>,
    pub most_downloaded: Vec<EncodableCrate>,
    pub most_recently_downloaded: Vec<EncodableCrate>,
    pub just_updated: Vec<EncodableCrate>,
    pub popular_keywords: Vec<EncodableKeyword>,
    pub popular_categories: Vec<EncodableCategory>,
}

/// `GET /api/v1/keywords`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct KeywordsResponse {
    pub keywords: Vec<EncodableKeyword>,
    pub meta: TotalMeta,
}

/// `GET /api/v1/keywords/{keyword}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct KeywordResponse {
    pub keyword: EncodableKeyword,
}

/// `GET /api/v1/categories`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CategoriesResponse {
    pub categories: Vec<EncodableCategory>,
    pub meta: TotalMeta,
}

/// `GET /api/v1/categories/{slug}`: with its subcategories and parents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CategoryResponse {
    pub category: EncodableCategory,
}

/// One entry of `GET /api/v1/category_slugs`: every category the registry knows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableCategorySlug {
    pub id: String,
    pub slug: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CategorySlugsResponse {
    pub category_slugs: Vec<EncodableCategorySlug>,
}

/// One dependency of a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableDependency {
    /// The dependency's row.
    pub id: i64,
    pub version_id: i64,
    /// The real crate's name, also when the manifest renames it.
    pub crate_id: String,
    pub req: String,
    pub optional: bool,
    pub default_features: bool,
    pub features: Vec<String>,
    pub target: Option<String>,
    pub kind: String,
    /// In a reverse-dependency list, all downloads of the depending crate; else 0, as on
    /// crates.io.
    pub downloads: i64,
}

impl EncodableDependency {
    pub fn new(id: i64, version_id: i64, dep: &IndexDependency) -> EncodableDependency {
        EncodableDependency {
            id,
            version_id,
            crate_id: dep.package.clone().unwrap_or_else(|| dep.name.clone()),
            req: dep.req.clone(),
            optional: dep.optional,
            default_features: dep.default_features,
            features: dep.features.clone(),
            target: dep.target.clone(),
            kind: dep.kind.as_str().to_string(),
            downloads: 0,
        }
    }

    /// A dependency on `crate_name` of another crate's version.
    pub fn reverse(crate_name: &str, dependent: &ReverseDependency) -> EncodableDependency {
        EncodableDependency {
            id: dependent.dependency_id,
            version_id: dependent.version_id,
            crate_id: crate_name.to_string(),
            req: dependent.req.clone(),
            optional: dependent.optional,
            default_features: dependent.default_features,
            features: dependent.features.clone(),
            target: dependent.target.clone(),
            kind: dependent.kind.clone(),
            downloads: dependent.crate_downloads,
        }
    }
}

/// `GET /api/v1/crates/{name}/{version}/dependencies`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DependenciesResponse {
    pub dependencies: Vec<EncodableDependency>,
}

/// Downloads of one version on one UTC day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct EncodableVersionDownload {
    /// The version's id.
    pub version: i64,
    pub downloads: i64,
    /// `YYYY-MM-DD`.
    pub date: String,
}

impl From<&DayDownloads> for EncodableVersionDownload {
    fn from(day: &DayDownloads) -> EncodableVersionDownload {
        EncodableVersionDownload {
            version: day.version_id,
            downloads: day.downloads,
            date: day.day.clone(),
        }
    }
}

/// `GET /api/v1/crates/{name}/downloads`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct CrateDownloadsResponse {
    pub version_downloads: Vec<EncodableVersionDownload>,
    pub meta: DownloadsMeta,
}

/// crates.io sums the versions it does not list one by one here; Wharf lists them all.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct DownloadsMeta {
    #[schema(value_type = Vec<Object>, max_items = 0)]
    pub extra_downloads: AlwaysEmpty,
}

/// `GET /api/v1/crates/{name}/{version}/downloads`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct VersionDownloadsResponse {
    pub version_downloads: Vec<EncodableVersionDownload>,
}

/// `GET /api/v1/crates/{name}/reverse_dependencies`: one page of the crates that depend on this
/// one, each through its newest version that does, and that version.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ReverseDependenciesResponse {
    pub dependencies: Vec<EncodableDependency>,
    /// The depending versions, in crates.io's version shape.
    pub versions: Vec<EncodableVersion>,
    pub meta: TotalMeta,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct TotalMeta {
    pub total: i64,
}

/// `GET /api/v1/crates/{name}/{version}/authors`. crates.io stopped publishing manifest authors
/// and answers with empty lists; Wharf never stored them, and answers the same.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AuthorsResponse {
    #[schema(value_type = Vec<Object>, max_items = 0)]
    pub users: AlwaysEmpty,
    pub meta: AuthorsMeta,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct AuthorsMeta {
    #[schema(value_type = Vec<Object>, max_items = 0)]
    pub names: AlwaysEmpty,
}

impl AuthorsResponse {
    pub const NONE: AuthorsResponse = AuthorsResponse {
        users: [],
        meta: AuthorsMeta { names: [] },
    };
}

/// `GET /api/v1/crates/{name}/{version}/findings`: the policy gate's verdict on a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FindingsResponse {
    pub verdict: String,
    /// The version is kept out of the index until a moderator releases it.
    pub held: bool,
    pub findings: Vec<StoredFinding>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use wharf_index::DependencyKind;
    use wharf_store::UserRecord;

    const URL: &str = "https://wharf.example";

    fn krate() -> CrateRecord {
        CrateRecord {
            id: 7,
            name: "shape-check".into(),
            description: Some("A test crate".into()),
            homepage: None,
            documentation: None,
            repository: Some("https://example.org/repo".into()),
            keywords: vec!["kw".into()],
            categories: vec!["science".into()],
            max_version: Some("0.2.0-beta.1".into()),
            max_stable_version: Some("0.1.0".into()),
            downloads: 3,
            created_at: 0,
            updated_at: 86_400_000,
        }
    }

    fn user() -> UserRecord {
        UserRecord {
            id: 1,
            login: "alice".into(),
            email: "alice@example.org".into(),
            name: None,
            is_admin: false,
            email_verified: true,
            created_at: 0,
            is_moderator: false,
            trusted_reporter: false,
            suspension: None,
            terminated_at: None,
            second_factor: false,
        }
    }

    fn version(id: i64, num: &str, yanked: bool) -> VersionRecord {
        VersionRecord {
            id,
            crate_id: 7,
            num: num.into(),
            cksum: "ab".into(),
            features: BTreeMap::from([("std".to_string(), vec![])]),
            links: None,
            rust_version: Some("1.70".into()),
            edition: Some("2021".into()),
            license: Some("MIT".into()),
            description: None,
            homepage: None,
            documentation: Some("https://docs.example/shape-check".into()),
            repository: None,
            has_lib: Some(true),
            bin_names: Some(vec!["shape".into()]),
            crate_size: 100,
            yanked,
            downloads: 2,
            published_by: Some(user()),
            created_at: 0,
            updated_at: 0,
        }
    }

    #[test]
    fn a_crate_summary_has_crates_io_fields_and_links() {
        let counts = CrateCounts {
            versions: VersionCount {
                versions: 2,
                yanked: 1,
            },
            recent_downloads: 3,
        };
        let encoded =
            serde_json::to_value(EncodableCrate::from_record(&krate(), false, counts)).unwrap();
        assert_eq!(
            encoded,
            json!({
                "id": "shape-check",
                "name": "shape-check",
                "description": "A test crate",
                "homepage": null,
                "documentation": null,
                "repository": "https://example.org/repo",
                "keywords": ["kw"],
                "categories": ["science"],
                "badges": [],
                "max_version": "0.2.0-beta.1",
                "max_stable_version": "0.1.0",
                "newest_version": "0.2.0-beta.1",
                "default_version": "0.1.0",
                "downloads": 3,
                "recent_downloads": 3,
                "versions": null,
                "num_versions": 2,
                "yanked": false,
                "created_at": "1970-01-01T00:00:00Z",
                "updated_at": "1970-01-02T00:00:00Z",
                "exact_match": false,
                "links": {
                    "versions": "/api/v1/crates/shape-check/versions",
                    "owners": "/api/v1/crates/shape-check/owners",
                    "owner_user": "/api/v1/crates/shape-check/owner_user",
                    "owner_team": "/api/v1/crates/shape-check/owner_team",
                    "reverse_dependencies": "/api/v1/crates/shape-check/reverse_dependencies",
                    "version_downloads": "/api/v1/crates/shape-check/downloads",
                },
            })
        );
    }

    #[test]
    fn a_crate_without_versions_reports_version_zero() {
        let mut bare = krate();
        bare.max_version = None;
        bare.max_stable_version = None;
        let encoded = EncodableCrate::from_record(&bare, true, CrateCounts::default());
        assert_eq!(encoded.max_version, "0.0.0");
        assert_eq!(encoded.newest_version, "0.0.0");
        assert_eq!(encoded.default_version, None);
    }

    #[test]
    fn the_crate_detail_adds_versions_and_the_notice_beside_the_summary() {
        let versions = [version(2, "0.2.0", true), version(1, "0.1.0", true)];
        let encoded =
            serde_json::to_value(EncodableCrateDetail::new(&krate(), &versions, 7, None)).unwrap();
        assert_eq!(encoded["versions"], json!([2, 1]));
        assert_eq!(encoded["num_versions"], 2);
        assert_eq!(encoded["yanked"], true);
        assert_eq!(encoded["recent_downloads"], 7);
        assert_eq!(encoded["exact_match"], true);
        assert!(encoded["notice"].is_null());
        assert!(encoded.get("summary").is_none(), "flattened: {encoded}");
        let none = EncodableCrateDetail::new(&krate(), &[], 0, None);
        assert!(
            !none.summary.yanked,
            "a crate with no versions is not yanked"
        );
    }

    #[test]
    fn the_crate_response_names_its_crate_crate() {
        let record = krate();
        let response = CrateResponse {
            krate: EncodableCrateDetail::new(&record, &[], 0, None),
            versions: vec![],
            keywords: vec![EncodableKeyword::from(&KeywordRecord {
                keyword: "kw".into(),
                created_at: 0,
                crates_cnt: 4,
            })],
            categories: vec![EncodableCategory::from(&CategoryRecord {
                slug: "os::freebsd-apis".into(),
                created_at: 86_400_000,
                crates_cnt: 2,
            })],
        };
        let encoded = serde_json::to_value(response).unwrap();
        assert_eq!(encoded["crate"]["name"], "shape-check");
        assert_eq!(
            encoded["keywords"],
            json!([{
                "id": "kw", "keyword": "kw", "created_at": "1970-01-01T00:00:00Z", "crates_cnt": 4,
            }])
        );
        assert_eq!(
            encoded["categories"],
            json!([{
                "id": "os::freebsd-apis", "category": "FreeBSD APIs", "slug": "os::freebsd-apis",
                "description": "FreeBSD APIs, within Operating systems.",
                "created_at": "1970-01-02T00:00:00Z", "crates_cnt": 2,
            }])
        );
    }

    #[test]
    fn a_version_links_to_its_download_readme_and_details() {
        let encoded = serde_json::to_value(EncodableVersion::from_record(
            "shape-check",
            &version(5, "0.1.0", false),
            URL,
        ))
        .unwrap();
        assert_eq!(
            encoded,
            json!({
                "id": 5,
                "crate": "shape-check",
                "num": "0.1.0",
                "dl_path": "/api/v1/crates/shape-check/0.1.0/download",
                "readme_path": "/api/v1/crates/shape-check/0.1.0/readme",
                "checksum": "ab",
                "features": { "std": [] },
                "yanked": false,
                "yank_message": null,
                "lib_links": null,
                "license": "MIT",
                "crate_size": 100,
                "downloads": 2,
                "rust_version": "1.70",
                "edition": "2021",
                "description": null,
                "homepage": null,
                "documentation": "https://docs.example/shape-check",
                "repository": null,
                "has_lib": true,
                "bin_names": ["shape"],
                "published_by": {
                    "id": 1, "login": "alice", "name": null, "avatar": null,
                    "url": "https://wharf.example/users/alice", "kind": "user",
                },
                "audit_actions": [],
                "created_at": "1970-01-01T00:00:00Z",
                "updated_at": "1970-01-01T00:00:00Z",
                "links": {
                    "dependencies": "/api/v1/crates/shape-check/0.1.0/dependencies",
                    "version_downloads": "/api/v1/crates/shape-check/0.1.0/downloads",
                    "authors": "/api/v1/crates/shape-check/0.1.0/authors",
                },
            })
        );
    }

    #[test]
    fn a_renamed_dependency_is_listed_by_its_real_crate() {
        let dep = IndexDependency {
            name: "base".into(),
            req: "^1.0".into(),
            features: vec!["std".into()],
            optional: true,
            default_features: false,
            target: Some("cfg(unix)".into()),
            kind: DependencyKind::Dev,
            registry: None,
            package: Some("base-lib".into()),
        };
        assert_eq!(
            serde_json::to_value(EncodableDependency::new(0, 9, &dep)).unwrap(),
            json!({
                "id": 0, "version_id": 9, "crate_id": "base-lib", "req": "^1.0",
                "optional": true, "default_features": false, "features": ["std"],
                "target": "cfg(unix)", "kind": "dev", "downloads": 0,
            })
        );
    }

    #[test]
    fn downloads_are_per_version_and_day() {
        let day = DayDownloads {
            version_id: 5,
            day: "2024-01-02".into(),
            downloads: 4,
        };
        let response = CrateDownloadsResponse {
            version_downloads: vec![(&day).into()],
            meta: DownloadsMeta {
                extra_downloads: [],
            },
        };
        assert_eq!(
            serde_json::to_value(response).unwrap(),
            json!({
                "version_downloads": [{ "version": 5, "downloads": 4, "date": "2024-01-02" }],
                "meta": { "extra_downloads": [] },
            })
        );
    }

    #[test]
    fn a_reverse_dependency_names_the_crate_depended_on_and_the_dependents_downloads() {
        let dependent = ReverseDependency {
            crate_name: "user-crate".into(),
            crate_downloads: 40,
            version_id: 11,
            version: "1.2.0".into(),
            dependency_id: 99,
            req: "^0.1".into(),
            kind: "build".into(),
            optional: true,
            default_features: false,
            features: vec!["std".into()],
            target: Some("cfg(unix)".into()),
            yanked: false,
        };
        assert_eq!(
            serde_json::to_value(EncodableDependency::reverse("shape-check", &dependent)).unwrap(),
            json!({
                "id": 99, "version_id": 11, "crate_id": "shape-check", "req": "^0.1",
                "optional": true, "default_features": false, "features": ["std"],
                "target": "cfg(unix)", "kind": "build", "downloads": 40,
            })
        );
    }

    #[test]
    fn authors_are_empty_as_on_crates_io() {
        assert_eq!(
            serde_json::to_value(AuthorsResponse::NONE).unwrap(),
            json!({ "users": [], "meta": { "names": [] } })
        );
    }

    #[test]
    fn search_and_version_lists_have_null_cursors() {
        let search = SearchResponse {
            crates: vec![],
            meta: SearchMeta {
                total: 0,
                next_page: None,
                prev_page: None,
            },
        };
        assert_eq!(
            serde_json::to_value(search).unwrap(),
            json!({ "crates": [], "meta": { "total": 0, "next_page": null, "prev_page": null } })
        );
        let versions = VersionsResponse {
            versions: vec![],
            meta: VersionsMeta {
                total: 0,
                next_page: None,
            },
        };
        assert_eq!(
            serde_json::to_value(versions).unwrap(),
            json!({ "versions": [], "meta": { "total": 0, "next_page": null } })
        );
    }
}
