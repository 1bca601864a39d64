//! The server's routes, declared once through [`RecordedRoutes`], so that what the server answers
//! can be enumerated (the authorization matrix test checks it has a row for every route).

use crate::{
    api, catalog, download, feeds, index, moderation, openapi, publish, teams, trusted_publishing,
    AppState,
};
use axum::http::Method;
use wharf_routes::RecordedRoutes;

/// The server's routes in the groups that get different layers.
pub(crate) struct Endpoints {
    pub health: RecordedRoutes<AppState>,
    /// The index is the hot path: no per-request middleware but the request count and what
    /// private mode needs.
    pub index: RecordedRoutes<AppState>,
    pub api: RecordedRoutes<AppState>,
}

/// Every route the server declares.
pub(crate) fn endpoints() -> Endpoints {
    let health = RecordedRoutes::new()
        .route(Method::GET, "/health", crate::health)
        .route(Method::GET, "/metrics", crate::metrics::metrics);
    let index = RecordedRoutes::new()
        .route(Method::GET, "/index/config.json", index::config_json)
        .route(Method::GET, "/index/{*path}", index::index_file);
    let api = RecordedRoutes::new()
        // The handler reads the body itself, within `publish::body_limit`, once it has a turn.
        .route(Method::PUT, "/api/v1/crates/new", publish::publish)
        .route(Method::GET, "/api/v1/crates", api::search)
        .route(Method::GET, "/api/openapi.json", openapi::openapi_json)
        .route(Method::GET, "/api/v1/summary", catalog::summary)
        // GitHub's reports are signed, not sent with a token: open in private mode too.
        .route(
            Method::POST,
            "/api/github/secret-scanning/verify",
            crate::github::secret_scanning_verify,
        )
        .route(Method::GET, "/db-dump.tar.gz", download::database_dump)
        .route(Method::GET, "/api/v1/rss/crates", feeds::new_crates)
        .route(Method::GET, "/api/v1/rss/updates", feeds::updates)
        .route(
            Method::GET,
            "/api/v1/rss/crates/{name}",
            feeds::crate_updates,
        )
        .route(Method::GET, "/api/v1/keywords", catalog::keywords)
        .route(Method::GET, "/api/v1/keywords/{keyword}", catalog::keyword)
        .route(Method::GET, "/api/v1/categories", catalog::categories)
        .route(Method::GET, "/api/v1/categories/{slug}", catalog::category)
        .route(
            Method::GET,
            "/api/v1/category_slugs",
            catalog::category_slugs,
        )
        .route(Method::GET, "/api/v1/crates/{name}", api::crate_info)
        .route(Method::DELETE, "/api/v1/crates/{name}", api::delete_crate)
        .route(
            Method::PATCH,
            "/api/v1/crates/{name}",
            trusted_publishing::patch_crate,
        )
        .route(
            Method::GET,
            "/api/v1/trusted_publishing/github_configs",
            trusted_publishing::github_configs,
        )
        .route(
            Method::POST,
            "/api/v1/trusted_publishing/github_configs",
            trusted_publishing::add_github_config,
        )
        .route(
            Method::DELETE,
            "/api/v1/trusted_publishing/github_configs/{id}",
            trusted_publishing::remove_github_config,
        )
        .route(
            Method::GET,
            "/api/v1/trusted_publishing/gitlab_configs",
            trusted_publishing::gitlab_configs,
        )
        .route(
            Method::POST,
            "/api/v1/trusted_publishing/gitlab_configs",
            trusted_publishing::add_gitlab_config,
        )
        .route(
            Method::DELETE,
            "/api/v1/trusted_publishing/gitlab_configs/{id}",
            trusted_publishing::remove_gitlab_config,
        )
        .route(
            Method::POST,
            "/api/v1/trusted_publishing/tokens",
            trusted_publishing::exchange_token,
        )
        .route(
            Method::DELETE,
            "/api/v1/trusted_publishing/tokens",
            trusted_publishing::revoke_token,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/versions",
            api::crate_versions,
        )
        .route(Method::GET, "/api/v1/crates/{name}/owners", api::owners)
        .route(Method::PUT, "/api/v1/crates/{name}/owners", api::add_owners)
        .route(
            Method::DELETE,
            "/api/v1/crates/{name}/owners",
            api::remove_owners,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/owner_user",
            api::user_owners,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/owner_team",
            api::team_owners,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/downloads",
            api::crate_downloads,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/reverse_dependencies",
            api::reverse_dependencies,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/{version}",
            api::version_info,
        )
        .route(
            Method::DELETE,
            "/api/v1/crates/{name}/{version}",
            api::delete_version,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/{version}/download",
            download::download,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/{version}/dependencies",
            api::version_dependencies,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/{version}/downloads",
            api::version_downloads,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/{version}/readme",
            api::version_readme,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/{version}/authors",
            api::version_authors,
        )
        .route(
            Method::GET,
            "/api/v1/crates/{name}/{version}/findings",
            api::version_findings,
        )
        .route(
            Method::DELETE,
            "/api/v1/crates/{name}/{version}/yank",
            api::yank,
        )
        .route(
            Method::PUT,
            "/api/v1/crates/{name}/{version}/unyank",
            api::unyank,
        )
        .route(Method::GET, "/api/v1/me", api::me)
        .route(
            Method::GET,
            "/api/v1/me/crate_owner_invitations",
            api::my_invitations,
        )
        .route(
            Method::PUT,
            "/api/v1/me/crate_owner_invitations/{crate_id}",
            api::answer_invitation,
        )
        .route(
            Method::PUT,
            "/api/v1/me/crate_owner_invitations/accept/{token}",
            api::accept_invitation_by_token,
        )
        .route(Method::GET, "/api/v1/users/{login}", api::user)
        .route(Method::POST, "/api/v1/reports", moderation::file_report)
        .route(
            Method::GET,
            "/api/v1/reports/categories",
            moderation::report_categories,
        )
        .route(Method::GET, "/api/v1/me/reports", moderation::my_reports)
        .route(Method::GET, "/api/v1/admin/queue", moderation::queue)
        .route(Method::GET, "/api/v1/admin/upstream", moderation::upstream)
        .route(
            Method::GET,
            "/api/v1/admin/queue/{target}",
            moderation::queue_item,
        )
        .route(Method::POST, "/api/v1/admin/actions", moderation::act)
        .route(
            Method::POST,
            "/api/v1/admin/actions/bulk",
            moderation::act_in_bulk,
        )
        .route(
            Method::PUT,
            "/api/v1/crates/{name}/notice",
            moderation::reply_to_notice,
        )
        .route(Method::GET, "/api/v1/admin/audit", moderation::audit)
        .route(Method::GET, "/api/v1/teams/{name}", teams::team)
        .route(
            Method::PUT,
            "/api/v1/teams/{name}/members",
            teams::add_members,
        )
        .route(
            Method::DELETE,
            "/api/v1/teams/{name}/members",
            teams::remove_members,
        );
    Endpoints { health, index, api }
}

/// Every method and path the server routes: the health check, the index, downloads and the API,
/// read from the declarations the router is built from. The web site's are
/// `wharf_web::site_routes`.
pub fn api_routes() -> Vec<(Method, &'static str)> {
    // The body limit is a layer on the publish route; it does not change what is routed.
    let Endpoints { health, index, api } = endpoints();
    [health, index, api]
        .iter()
        .flat_map(|group| group.routes().iter().cloned())
        .collect()
}
