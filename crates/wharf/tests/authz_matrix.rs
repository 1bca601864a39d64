//! The authorization matrix: every route of the API and of the web site, sent by every kind of
//! caller, against one table of expected answers.
//!
//! A row is one request on one route (a route may have several, one for each case that matters);
//! a column is one caller. Every cell is sent to a real server holding one fixture world, and
//! every cell that answers otherwise than its table entry is listed in one failure. The table must
//! name every route the server and the site route (`wharf_server::api_routes`,
//! `wharf_web::site_routes`, read from the declarations their routers are built from), and no
//! route that does not exist: a new route without a row fails here until someone decides who may
//! use it.
//!
//! Private mode is the other dimension: there, an anonymous caller reaches nothing but the few
//! addresses the private table names.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use support::smtp::SmtpSink;
use support::{crate_file, metadata, publish_body, Backend, Options, Wharf};

backend_tests!(
    every_route_answers_every_caller_as_the_table_says,
    private_mode_refuses_anonymous_callers_everywhere,
);

// ---------------------------------------------------------------------------------------------
// The callers

/// One column: who sends the request, and with what credential.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Who {
    /// No token, no session.
    Anonymous,
    /// An account with no relation to the fixture crate.
    User,
    /// A user owner of the fixture crate, with a token (or session) for everything; also the
    /// maintainer of the team that owns the crate.
    Owner,
    /// A member (not a maintainer) of the team that owns the fixture crate.
    TeamMember,
    /// The owner's token narrowed to every scope but the ones the row needs (for a row that needs
    /// none, to every scope but `delete`: a narrowed token all the same). A web session is never
    /// narrowed, so the site has no such column.
    WrongScope,
    /// The owner's token for every scope, limited to the crates `other-*`. None on the site.
    OtherCrate,
    /// The owner's token past its expiry; on the site, the owner's session past its expiry.
    Expired,
    /// The owner's token, revoked; on the site, the owner's session, signed out.
    Revoked,
    /// The token (or session, made before) of the crate's other user owner, since suspended.
    Suspended,
    /// An account with the moderator role, owning nothing.
    Moderator,
    /// An account with the admin role, owning nothing.
    Admin,
}

/// The table's columns, in its order.
const COLUMNS: [Who; 11] = [
    Who::Anonymous,
    Who::User,
    Who::Owner,
    Who::TeamMember,
    Who::WrongScope,
    Who::OtherCrate,
    Who::Expired,
    Who::Revoked,
    Who::Suspended,
    Who::Moderator,
    Who::Admin,
];

impl Who {
    fn name(self) -> &'static str {
        match self {
            Who::Anonymous => "anonymous",
            Who::User => "user",
            Who::Owner => "owner",
            Who::TeamMember => "team member",
            Who::WrongScope => "wrong-scope token",
            Who::OtherCrate => "other-crate token",
            Who::Expired => "expired credential",
            Who::Revoked => "revoked credential",
            Who::Suspended => "suspended account",
            Who::Moderator => "moderator",
            Who::Admin => "admin",
        }
    }
}

// ---------------------------------------------------------------------------------------------
// The table

/// What a cell expects.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Expect {
    /// Allowed: a 2xx, or a redirect anywhere but to the sign-in page (a form's way of saying
    /// done).
    Ok,
    /// Sent to sign in first: a redirect to `/account/signin`.
    SignIn,
    /// Refused (or answered) with exactly this status.
    Status(u16),
    /// The column has no such caller on this front end; nothing is sent.
    NotApplicable,
}

impl Expect {
    fn parse(cell: &str) -> Expect {
        match cell {
            "ok" => Expect::Ok,
            "signin" => Expect::SignIn,
            "-" => Expect::NotApplicable,
            code => Expect::Status(
                code.parse()
                    .unwrap_or_else(|_| panic!("`{code}` is not a cell of the table")),
            ),
        }
    }

    fn matches(self, answer: &Answer) -> bool {
        let to_sign_in = answer.location.starts_with("/account/signin");
        match self {
            Expect::Ok => {
                (200..300).contains(&answer.status)
                    || ((300..400).contains(&answer.status) && !to_sign_in)
            }
            Expect::SignIn => answer.status == 303 && to_sign_in,
            Expect::Status(status) => answer.status == status,
            Expect::NotApplicable => true,
        }
    }

    fn describe(self) -> String {
        match self {
            Expect::Ok => "allowed".into(),
            Expect::SignIn => "sent to sign in".into(),
            Expect::Status(status) => status.to_string(),
            Expect::NotApplicable => "nothing".into(),
        }
    }
}

/// The columns, in order: anonymous, user, owner, team member, wrong-scope token, other-crate
/// token, expired, revoked, suspended, moderator, admin (see [`Who`]). 401 is "no credential",
/// 403 "this credential may not"; a credential that is dead (expired, revoked, of a suspended
/// account) is 403 on the API and no credential at all on the site, whose pages send such a
/// visitor to sign in.
///
/// Each row: method, route as routed, what the request does, and the cells.
#[rustfmt::skip]
const TABLE: &[(&str, &str, &str, &str)] = &[
    // --- The API, the index and downloads -------------------------------------------------------
    //                                                                                             anon   user   owner  team   scope  other  exp    rev    susp   mod    admin
    // GitHub's signature is the credential; a token is not one, and a report without it is bad.
    ("POST",   "/api/github/secret-scanning/verify",                "",                           "400    400    400    400    400    400    400    400    400    400    400"),
    ("GET",    "/api/openapi.json",                                 "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("POST",   "/api/v1/admin/actions",                             "trust a user",               "401    403    403    403    403    403    403    403    403    ok     ok"),
    ("POST",   "/api/v1/admin/actions",                             "trust the moderator",        "401    403    403    403    403    403    403    403    403    403    ok"),
    ("POST",   "/api/v1/admin/actions",                             "trust another admin",        "401    403    403    403    403    403    403    403    403    403    403"),
    ("POST",   "/api/v1/admin/actions/bulk",                        "trust a user",               "401    403    403    403    403    403    403    403    403    ok     ok"),
    ("GET",    "/api/v1/admin/audit",                               "",                           "401    403    403    403    403    403    403    403    403    ok     ok"),
    ("GET",    "/api/v1/admin/queue",                               "",                           "401    403    403    403    403    403    403    403    403    ok     ok"),
    ("GET",    "/api/v1/admin/queue/{target}",                      "the crate",                  "401    403    403    403    403    403    403    403    403    ok     ok"),
    ("GET",    "/api/v1/admin/upstream",                            "",                           "401    403    403    403    403    403    403    403    403    ok     ok"),
    ("GET",    "/api/v1/categories",                                "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/categories/{slug}",                         "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/category_slugs",                            "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/crates",                                    "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("PUT",    "/api/v1/crates/new",                                "a new version",              "401    403    ok     ok     403    403    403    403    403    403    403"),
    ("PUT",    "/api/v1/crates/new",                                "a new crate",                "401    ok     ok     ok     403    403    403    403    403    ok     ok"),
    ("DELETE", "/api/v1/crates/{name}",                             "a fresh crate",              "401    403    ok     403    403    403    403    403    403    403    403"),
    ("GET",    "/api/v1/crates/{name}",                             "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("PATCH",  "/api/v1/crates/{name}",                             "trustpub_only off",          "401    403    ok     403    403    403    403    403    403    403    403"),
    ("GET",    "/api/v1/crates/{name}/downloads",                   "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("PUT",    "/api/v1/crates/{name}/notice",                      "answer the open notice",     "401    403    ok     403    ok     403    403    403    403    403    403"),
    ("GET",    "/api/v1/crates/{name}/owner_team",                  "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/crates/{name}/owner_user",                  "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("DELETE", "/api/v1/crates/{name}/owners",                      "remove a non-owner",         "401    403    ok     403    403    403    403    403    403    403    403"),
    ("GET",    "/api/v1/crates/{name}/owners",                      "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("PUT",    "/api/v1/crates/{name}/owners",                      "invite someone",             "401    403    ok     403    403    403    403    403    403    403    403"),
    ("GET",    "/api/v1/crates/{name}/reverse_dependencies",        "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/crates/{name}/versions",                    "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("DELETE", "/api/v1/crates/{name}/{version}",                   "a fresh version",            "401    403    ok     403    403    403    403    403    403    403    403"),
    ("GET",    "/api/v1/crates/{name}/{version}",                   "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/crates/{name}/{version}/authors",           "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/crates/{name}/{version}/dependencies",      "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/crates/{name}/{version}/download",          "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/crates/{name}/{version}/downloads",         "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/crates/{name}/{version}/findings",          "",                           "401    403    ok     403    403    403    403    403    403    403    ok"),
    ("GET",    "/api/v1/crates/{name}/{version}/readme",            "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("PUT",    "/api/v1/crates/{name}/{version}/unyank",            "",                           "401    403    ok     ok     403    403    403    403    403    403    403"),
    ("DELETE", "/api/v1/crates/{name}/{version}/yank",              "",                           "401    403    ok     ok     403    403    403    403    403    403    403"),
    ("GET",    "/api/v1/keywords",                                  "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/keywords/{keyword}",                        "a keyword no crate has",     "404    404    404    404    404    404    404    404    404    404    404"),
    ("GET",    "/api/v1/me",                                        "",                           "401    ok     ok     ok     ok     ok     403    403    403    ok     ok"),
    ("GET",    "/api/v1/me/crate_owner_invitations",                "",                           "401    ok     ok     ok     ok     ok     403    403    403    ok     ok"),
    ("PUT",    "/api/v1/me/crate_owner_invitations/accept/{token}", "a link that does not work",  "404    404    404    404    404    404    404    404    404    404    404"),
    ("PUT",    "/api/v1/me/crate_owner_invitations/accept/{token}", "a suspended invitee's link", "403    403    403    403    403    403    403    403    403    403    403"),
    ("PUT",    "/api/v1/me/crate_owner_invitations/{crate_id}",     "decline one never made",     "401    404    404    404    404    403    403    403    403    404    404"),
    ("GET",    "/api/v1/me/reports",                                "",                           "401    ok     ok     ok     ok     ok     403    403    403    ok     ok"),
    ("POST",   "/api/v1/reports",                                   "report the crate",           "401    ok     ok     ok     ok     ok     403    403    403    ok     ok"),
    ("GET",    "/api/v1/reports/categories",                        "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/rss/crates",                                "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/rss/crates/{name}",                         "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/rss/updates",                               "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/summary",                                   "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/api/v1/teams/{name}",                              "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("DELETE", "/api/v1/teams/{name}/members",                      "remove a non-member",        "401    403    ok     403    403    403    403    403    403    403    403"),
    ("PUT",    "/api/v1/teams/{name}/members",                      "add someone",                "401    403    ok     403    403    403    403    403    403    403    403"),
    // Trusted publishing: owners decide which CI jobs publish (the right to change owners); a
    // CI job's JWT is its own credential, and only a trusted-publishing token is revoked here.
    ("GET",    "/api/v1/trusted_publishing/github_configs",         "",                           "401    403    ok     403    ok     403    403    403    403    ok     ok"),
    ("POST",   "/api/v1/trusted_publishing/github_configs",         "",                           "401    403    ok     403    403    403    403    403    403    403    403"),
    ("DELETE", "/api/v1/trusted_publishing/github_configs/{id}",    "a fresh configuration",      "401    403    ok     403    403    403    403    403    403    403    403"),
    ("GET",    "/api/v1/trusted_publishing/gitlab_configs",         "",                           "401    403    ok     403    ok     403    403    403    403    ok     ok"),
    ("POST",   "/api/v1/trusted_publishing/gitlab_configs",         "",                           "401    403    ok     403    403    403    403    403    403    403    403"),
    ("DELETE", "/api/v1/trusted_publishing/gitlab_configs/{id}",    "a fresh configuration",      "401    403    ok     403    403    403    403    403    403    403    403"),
    ("DELETE", "/api/v1/trusted_publishing/tokens",                 "an API token",               "401    403    403    403    403    403    403    403    403    403    403"),
    ("POST",   "/api/v1/trusted_publishing/tokens",                 "no JWT",                     "400    400    400    400    400    400    400    400    400    400    400"),
    ("GET",    "/api/v1/users/{login}",                             "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/account/confirm",                                  "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("POST",   "/account/confirm",                                  "a wrong code",               "signin 422    422    422    -      -      signin signin signin 422    422"),
    ("GET",    "/account/signin/code",                              "no session waiting",         "signin signin signin signin -      -      signin signin signin signin signin"),
    ("POST",   "/account/signin/code",                              "no session waiting",         "signin signin signin signin -      -      signin signin signin signin signin"),
    ("GET",    "/account/sso",                                      "not set up",                 "404    404    404    404    -      -      404    404    404    404    404"),
    ("GET",    "/account/sso/callback",                             "not set up",                 "404    404    404    404    -      -      404    404    404    404    404"),
    ("GET",    "/categories",                                       "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/crates/{name}/badge.svg",                          "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/db-dump.tar.gz",                                   "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/health",                                           "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/index/config.json",                                "",                           "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/index/{*path}",                                    "the crate's index file",     "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    // --- The web site ---------------------------------------------------------------------------
    //                                                                                             anon   user   owner  team   scope  other  exp    rev    susp   mod    admin
    ("GET",    "/",                                                 "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/.well-known/security.txt",                         "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/account/reset",                                    "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("POST",   "/account/reset",                                    "for someone else",           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/account/reset/{token}",                            "a link that does not work",  "410    410    410    410    -      -      410    410    410    410    410"),
    ("POST",   "/account/reset/{token}",                            "a link that does not work",  "410    410    410    410    -      -      410    410    410    410    410"),
    ("GET",    "/account/signin",                                   "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("POST",   "/account/signin",                                   "as someone else",            "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("POST",   "/account/signout",                                  "its own session",            "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/account/signup",                                   "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("POST",   "/account/signup",                                   "a new account",              "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("POST",   "/account/verify/resend",                            "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("GET",    "/account/verify/{token}",                           "a link that does not work",  "410    410    410    410    -      -      410    410    410    410    410"),
    ("GET",    "/categories/{category}",                            "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/crates/{name}",                                    "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/crates/{name}/report",                             "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("POST",   "/crates/{name}/report",                             "report the crate",           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("GET",    "/crates/{name}/report/filed",                       "the owner's report",         "signin 404    ok     404    -      -      signin signin signin 404    404"),
    ("GET",    "/crates/{name}/versions",                           "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/crates/{name}/{version}",                          "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/data-access",                                      "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/keywords",                                         "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/keywords/{keyword}",                               "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/me",                                               "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/metrics",                                          "no metrics token set",       "ok     ok     ok     ok     ok     ok     ok     ok     ok     ok     ok"),
    ("GET",    "/moderation",                                       "",                           "signin 404    404    404    -      -      signin signin signin ok     ok"),
    ("POST",   "/moderation/act",                                   "trust a user",               "signin 404    404    404    -      -      signin signin signin ok     ok"),
    ("POST",   "/moderation/act",                                   "trust the moderator",        "signin 404    404    404    -      -      signin signin signin 403    ok"),
    ("POST",   "/moderation/act",                                   "trust another admin",        "signin 404    404    404    -      -      signin signin signin 403    403"),
    ("GET",    "/moderation/audit",                                 "",                           "signin 404    404    404    -      -      signin signin signin ok     ok"),
    ("GET",    "/moderation/item",                                  "the crate",                  "signin 404    404    404    -      -      signin signin signin ok     ok"),
    ("GET",    "/moderation/suspensions",                           "",                           "signin 404    404    404    -      -      signin signin signin ok     ok"),
    ("GET",    "/moderation/upstream",                              "",                           "signin 404    404    404    -      -      signin signin signin ok     ok"),
    ("GET",    "/policies",                                         "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/policy",                                           "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/robots.txt",                                       "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/search",                                           "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/security",                                         "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/settings",                                         "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("GET",    "/settings/2fa",                                     "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("POST",   "/settings/2fa/confirm",                             "a wrong code",               "signin 422    422    422    -      -      signin signin signin 422    422"),
    ("POST",   "/settings/2fa/disable",                             "a wrong code",               "signin 422    422    422    -      -      signin signin signin 422    422"),
    ("POST",   "/settings/2fa/enrol",                               "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("GET",    "/settings/crates",                                  "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("POST",   "/settings/crates/{name}/delete",                    "a fresh crate",              "signin 403    ok     403    -      -      signin signin signin 403    403"),
    ("POST",   "/settings/crates/{name}/owners",                    "invite someone",             "signin 403    ok     403    -      -      signin signin signin 403    403"),
    ("POST",   "/settings/crates/{name}/owners/remove",             "remove a non-owner",         "signin 403    ok     403    -      -      signin signin signin 403    403"),
    ("POST",   "/settings/crates/{name}/trusted_publishing",        "add a workflow",             "signin 403    ok     403    -      -      signin signin signin 403    403"),
    ("POST",   "/settings/crates/{name}/trusted_publishing/{id}/remove", "a fresh configuration", "signin 403    ok     403    -      -      signin signin signin 403    403"),
    ("POST",   "/settings/crates/{name}/trusted_publishing_only",   "turn it off",                "signin 403    ok     403    -      -      signin signin signin 403    403"),
    ("GET",    "/settings/invitations",                             "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("POST",   "/settings/invitations/{crate_id}",                  "decline one never made",     "signin 404    404    404    -      -      signin signin signin 404    404"),
    ("GET",    "/settings/reports",                                 "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("POST",   "/settings/sessions/{id}/end",                       "the owner's other session",  "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("GET",    "/settings/tokens",                                  "",                           "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("POST",   "/settings/tokens",                                  "a new token",                "signin ok     ok     ok     -      -      signin signin signin ok     ok"),
    ("POST",   "/settings/tokens/{id}/revoke",                      "the owner's spare token",    "signin 404    ok     404    -      -      signin signin signin 404    404"),
    ("GET",    "/static/wharf.css",                                 "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/teams/{name}",                                     "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
    ("GET",    "/users/{login}",                                    "",                           "ok     ok     ok     ok     -      -      ok     ok     ok     ok     ok"),
];

/// What an anonymous caller gets in private mode from the few routes open to it; every other
/// route is refused: 401 on the API and for the site's forms, the sign-in page for the site's
/// pages.
#[rustfmt::skip]
const OPEN_IN_PRIVATE_MODE: &[(&str, &str, &str)] = &[
    // GitHub reports leaked tokens without one; unsigned, the report is refused.
    ("POST", "/api/github/secret-scanning/verify", "400"),
    // A CI job's JWT is its credential; without one, the exchange is refused.
    ("POST", "/api/v1/trusted_publishing/tokens", "400"),
    ("GET",  "/health",                   "ok"),
    ("GET",  "/.well-known/security.txt", "ok"),
    ("GET",  "/account/reset",            "ok"),
    ("POST", "/account/reset",            "ok"),
    ("GET",  "/account/reset/{token}",    "410"),
    ("POST", "/account/reset/{token}",    "410"),
    ("GET",  "/account/signin",           "ok"),
    ("POST", "/account/signin",           "ok"),
    // The code after the password; with no session waiting for one, back to the password.
    ("GET",  "/account/signin/code",      "signin"),
    // Single sign-on, which this registry has not set up.
    ("GET",  "/account/sso",              "404"),
    ("GET",  "/account/sso/callback",     "404"),
    ("POST", "/account/signin/code",      "signin"),
    ("GET",  "/account/signup",           "ok"),
    // A private registry takes no sign-ups on the site.
    ("POST", "/account/signup",           "403"),
    ("GET",  "/account/verify/{token}",   "410"),
    ("GET",  "/security",                 "ok"),
    ("GET",  "/static/wharf.css",         "ok"),
];

/// A GitHub Actions trusted-publishing configuration for `name`.
fn github_config(name: &str) -> serde_json::Value {
    serde_json::json!({ "github_config": {
        "crate": name, "repository_owner": "matrix", "repository_name": "matrix",
        "workflow_filename": "release.yml", "environment": null,
    }})
}

/// A GitLab CI trusted-publishing configuration for `name`.
fn gitlab_config(name: &str) -> serde_json::Value {
    serde_json::json!({ "gitlab_config": {
        "crate": name, "namespace": "matrix", "project": "matrix",
        "workflow_filepath": ".gitlab-ci.yml", "environment": null,
    }})
}

/// One row of [`TABLE`].
struct Row {
    method: &'static str,
    route: &'static str,
    case: &'static str,
    cells: Vec<Expect>,
    /// A route of the web site, not of the API.
    web: bool,
}

impl Row {
    fn label(&self) -> String {
        match self.case {
            "" => format!("{} {}", self.method, self.route),
            case => format!("{} {} ({case})", self.method, self.route),
        }
    }
}

fn rows() -> Vec<Row> {
    let site = site_routes();
    let rows: Vec<Row> = TABLE
        .iter()
        .map(|&(method, route, case, cells)| {
            let cells: Vec<Expect> = cells.split_whitespace().map(Expect::parse).collect();
            assert_eq!(
                cells.len(),
                COLUMNS.len(),
                "{method} {route} ({case}) has {} cells",
                cells.len()
            );
            Row {
                method,
                route,
                case,
                cells,
                web: site.contains(&(method.to_string(), route)),
            }
        })
        .collect();
    // Within each front end, by route and then method: a route's rows are found in one place.
    for pair in rows.windows(2) {
        let (before, after) = (&pair[0], &pair[1]);
        assert!(
            before.web != after.web || (before.route, before.method) <= (after.route, after.method),
            "the table is sorted by route, then method: {} comes before {}",
            before.label(),
            after.label()
        );
    }
    rows
}

fn api_routes() -> BTreeSet<(String, &'static str)> {
    wharf_server::api_routes()
        .into_iter()
        .map(|(method, path)| (method.to_string(), path))
        .collect()
}

fn site_routes() -> BTreeSet<(String, &'static str)> {
    wharf_web::site_routes()
        .into_iter()
        .map(|(method, path)| (method.to_string(), path))
        .collect()
}

/// Every routed (method, path) has a row, and every row names a routed one: the list of what is
/// missing or unknown, empty when the table covers the routers exactly.
fn coverage_problems(table: &[(&str, &str)]) -> Vec<String> {
    let routed: BTreeSet<(String, &str)> = api_routes().into_iter().chain(site_routes()).collect();
    let named: BTreeSet<(String, &str)> = table
        .iter()
        .map(|&(method, route)| (method.to_string(), route))
        .collect();
    let mut problems = Vec::new();
    for (method, route) in routed.difference(&named) {
        problems.push(format!(
            "{method} {route} is routed but has no row: add one saying who may use it"
        ));
    }
    for (method, route) in named.difference(&routed) {
        problems.push(format!("{method} {route} has a row but is not routed"));
    }
    problems
}

// ---------------------------------------------------------------------------------------------
// The fixture world

const CRATE: &str = "matrix-crate";
const VERSION: &str = "1.0.0";
const TEAM: &str = "crew";
const PASSWORD: &str = "a matrix of every caller";

/// The accounts of the world, by the role they play.
const OWNER: &str = "owner";
const CO_OWNER: &str = "coowner";
const MEMBER: &str = "member";
const STRANGER: &str = "stranger";
const MODERATOR: &str = "moderator";
const ADMIN: &str = "admin";
const OTHER_ADMIN: &str = "admin2";
/// Invited, added, signed in as and acted on by the rows; no column's caller.
const BYSTANDER: &str = "bystander";

/// A browser's credentials, sent as they are with every request: the test keeps them, so no
/// answer (a sign-in elsewhere, a sign-out) changes who a column is.
#[derive(Debug, Clone)]
struct Browser {
    cookies: String,
    /// The token this visitor's forms carry: the session's while it lives, the double-submit
    /// cookie's once it does not.
    csrf: String,
    /// The double-submit cookie's token.
    cookie_csrf: String,
}

/// A request as a cell sends it.
struct Request {
    method: &'static str,
    path: String,
    body: Body,
    /// The scopes the route needs, which the wrong-scope column's token lacks.
    needs: &'static [&'static str],
    /// Credentials of the column's caller made for this one cell (a session to sign out of), in
    /// place of the column's own.
    browser: Option<Browser>,
    /// The crate whose invitation to the co-owner is accepted through its e-mail's link: the
    /// path is read from the e-mail when the cell is sent, by when it has arrived.
    accept_link_of: Option<String>,
}

enum Body {
    Empty,
    Json(serde_json::Value),
    Bytes(Vec<u8>),
    /// Form fields; the caller's CSRF token is added when the cell is sent.
    Form(Vec<(&'static str, String)>),
}

/// What a cell got back.
struct Answer {
    status: u16,
    location: String,
    body: String,
}

struct World {
    wharf: Wharf,
    /// Where the registry's e-mail goes: the invitation links are read from it.
    mail: SmtpSink,
    client: reqwest::blocking::Client,
    tokens: BTreeMap<Who, String>,
    /// The owner's narrowed tokens, by the scopes they lack.
    narrowed: BTreeMap<Vec<&'static str>, String>,
    browsers: BTreeMap<Who, Browser>,
    /// Numbers that make each cell's new names and versions its own.
    serial: u32,
    crate_id: i64,
    owner_report: i64,
    spare_token: i64,
    /// The session the expired column signed in with.
    expired_session: i64,
    owner_other_session: i64,
}

impl World {
    /// Accounts, a team, a crate owned by two users and the team, an open notice on it, a report,
    /// and credentials of every kind; the suspension and the dead sessions come later, once the
    /// cells' own fixtures are made (see [`World::end_credentials`]).
    fn build(backend: Backend, auth_required: bool) -> World {
        let mail = SmtpSink::start();
        let wharf = Wharf::start_with(
            backend,
            Options {
                auth_required,
                config_text: Some(format!("{GENEROUS_LIMITS}{}", mail.config())),
                ..Options::default()
            },
        );
        let client = reqwest::blocking::Client::builder()
            .user_agent("wharf-tests-authz")
            .redirect(reqwest::redirect::Policy::none())
            .timeout(std::time::Duration::from_secs(60))
            .build()
            .unwrap();
        // The database dump the server publishes when it starts, so `/db-dump.tar.gz` has one.
        wharf.wait_for_published_dump();
        let mut tokens = BTreeMap::new();
        tokens.insert(Who::Owner, wharf.user_with_token(OWNER));
        tokens.insert(Who::Suspended, wharf.user_with_token(CO_OWNER));
        tokens.insert(Who::TeamMember, wharf.user_with_token(MEMBER));
        tokens.insert(Who::User, wharf.user_with_token(STRANGER));
        tokens.insert(Who::Moderator, wharf.user_with_token(MODERATOR));
        wharf.cli(&["user", "role", MODERATOR, "moderator"]);
        tokens.insert(Who::Admin, wharf.admin_with_token(ADMIN));
        wharf.admin_with_token(OTHER_ADMIN);
        wharf.user_with_token(BYSTANDER);
        let owner_token = |args: &[&str]| {
            let mut all = vec!["token", "new", OWNER];
            all.extend_from_slice(args);
            wharf.cli(&all).trim().to_string()
        };
        tokens.insert(Who::OtherCrate, owner_token(&["--crate", "other-*"]));
        tokens.insert(Who::Expired, owner_token(&["--expires-days", "0"]));
        tokens.insert(Who::Revoked, owner_token(&["--name", "revoked"]));
        wharf.cli(&["token", "revoke", &newest_token(&wharf, OWNER).to_string()]);
        owner_token(&["--name", "spare"]);
        let spare_token = newest_token(&wharf, OWNER);
        wharf.cli(&["team", "add", TEAM, "--maintainer", OWNER]);
        wharf.cli(&["team", "member", "add", TEAM, MEMBER]);
        for login in [
            OWNER, CO_OWNER, MEMBER, STRANGER, MODERATOR, ADMIN, BYSTANDER,
        ] {
            wharf.set_password(login, PASSWORD);
        }

        let mut world = World {
            wharf,
            mail,
            client,
            tokens,
            narrowed: BTreeMap::new(),
            browsers: BTreeMap::new(),
            serial: 0,
            crate_id: 0,
            owner_report: 0,
            spare_token,
            expired_session: 0,
            owner_other_session: 0,
        };
        world.publish(
            CRATE,
            VERSION,
            &[("matrix-crate-1.0.0/README.md", b"# The matrix crate\n")],
        );
        world.share_ownership(CRATE);
        world.crate_id = world.wharf.crate_id(CRATE);
        world.owner_invites(CRATE, BYSTANDER);
        world.setup(
            Who::Moderator,
            "POST",
            "/api/v1/admin/actions",
            serde_json::json!({
                "action": "notice", "target": format!("crate:{CRATE}"), "reason": "a notice to answer",
            }),
        );
        let report = world.setup(
            Who::Owner,
            "POST",
            "/api/v1/reports",
            serde_json::json!({
                "target": format!("crate:{CRATE}"), "category": "spam", "details": "the owner's report",
            }),
        );
        world.owner_report = report["report"]["id"].as_i64().unwrap();

        let anonymous = world.anonymous_browser();
        world.browsers.insert(Who::Anonymous, anonymous);
        for (who, login) in [
            (Who::User, STRANGER),
            (Who::Owner, OWNER),
            (Who::TeamMember, MEMBER),
            (Who::Expired, OWNER),
            (Who::Revoked, OWNER),
            (Who::Suspended, CO_OWNER),
            (Who::Moderator, MODERATOR),
            (Who::Admin, ADMIN),
        ] {
            let browser = world.sign_in(login);
            world.browsers.insert(who, browser);
            if who == Who::Expired {
                world.expired_session = newest_session(&world.wharf, OWNER);
            }
        }
        world.sign_in(OWNER);
        world.owner_other_session = newest_session(&world.wharf, OWNER);
        world
    }

    /// Kills the credentials the dead columns stand for: suspends the co-owner, signs the revoked
    /// column's session out and moves the expired column's session past its end. Their forms
    /// then carry what a signed-out browser's carry.
    fn end_credentials(&mut self) {
        self.setup(
            Who::Moderator,
            "POST",
            "/api/v1/admin/actions",
            serde_json::json!({
                "action": "suspend", "target": format!("user:{CO_OWNER}"), "reason": "the matrix",
            }),
        );
        let revoked = self.browsers[&Who::Revoked].clone();
        let signed_out = self.send_web(
            "POST",
            "/account/signout",
            &revoked,
            &[("csrf", revoked.csrf.clone())],
        );
        assert_eq!(signed_out.status, 303, "{}", signed_out.body);
        execute(
            &self.wharf,
            "UPDATE sessions SET expires_at = 1 WHERE id = $1",
            self.expired_session,
        );
        for who in [Who::Expired, Who::Revoked, Who::Suspended] {
            let browser = self.browsers.get_mut(&who).unwrap();
            browser.csrf = browser.cookie_csrf.clone();
        }
    }

    fn next_serial(&mut self) -> u32 {
        self.serial += 1;
        self.serial
    }

    /// A setup step through the API that must succeed; returns its JSON.
    fn setup(
        &self,
        who: Who,
        method: &str,
        path: &str,
        body: serde_json::Value,
    ) -> serde_json::Value {
        let response = self
            .client
            .request(method.parse().unwrap(), format!("{}{path}", self.wharf.url))
            .header("Authorization", &self.tokens[&who])
            .json(&body)
            .send()
            .unwrap();
        let status = response.status();
        let text = response.text().unwrap();
        assert!(status.is_success(), "{method} {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or_default()
    }

    /// The owner publishes a version.
    fn publish(&self, name: &str, version: &str, extra_files: &[(&str, &[u8])]) {
        let response = self.wharf.publish_raw(
            &self.tokens[&Who::Owner],
            publish_body(
                &metadata(name, version),
                &crate_file(name, version, extra_files),
            ),
        );
        let status = response.status();
        assert_eq!(
            status,
            200,
            "publishing {name} {version}: {}",
            response.text().unwrap()
        );
    }

    /// Makes the co-owner a user owner of `name` (invited and accepted) and the team an owner.
    fn share_ownership(&self, name: &str) {
        self.owner_invites(name, CO_OWNER);
        let crate_id = self.wharf.crate_id(name);
        self.setup(
            Who::Suspended,
            "PUT",
            &format!("/api/v1/me/crate_owner_invitations/{crate_id}"),
            serde_json::json!({ "crate_owner_invite": { "crate_id": crate_id, "accepted": true } }),
        );
        self.owner_invites(name, &format!("team:{TEAM}"));
    }

    fn owner_invites(&self, name: &str, login: &str) {
        self.setup(
            Who::Owner,
            "PUT",
            &format!("/api/v1/crates/{name}/owners"),
            serde_json::json!({ "users": [login] }),
        );
    }

    /// A crate of the cell's own, owned as the fixture crate is.
    fn fresh_crate(&mut self) -> String {
        let name = format!("matrix-doomed-{}", self.next_serial());
        self.publish(&name, "0.1.0", &[]);
        self.share_ownership(&name);
        name
    }

    /// A version of the fixture crate of the cell's own.
    fn fresh_version(&mut self) -> String {
        let version = format!("0.0.{}", self.next_serial());
        self.publish(CRATE, &version, &[]);
        version
    }

    /// The column's API token for a route needing `needs`; `None` for the anonymous column.
    fn token(&mut self, who: Who, needs: &'static [&'static str]) -> Option<String> {
        if who == Who::Anonymous {
            return None;
        }
        if who != Who::WrongScope {
            return Some(self.tokens[&who].clone());
        }
        let lacks: Vec<&'static str> = if needs.is_empty() {
            vec!["delete"]
        } else {
            needs.to_vec()
        };
        if let Some(token) = self.narrowed.get(&lacks) {
            return Some(token.clone());
        }
        let mut args = vec!["token", "new", OWNER];
        for scope in [
            "publish-new",
            "publish-update",
            "yank",
            "change-owners",
            "delete",
        ] {
            if !lacks.contains(&scope) {
                args.extend(["--scope", scope]);
            }
        }
        let token = self.wharf.cli(&args).trim().to_string();
        self.narrowed.insert(lacks, token.clone());
        Some(token)
    }

    /// A browser that has seen the sign-in page: no session, the double-submit cookie.
    fn anonymous_browser(&self) -> Browser {
        let response = self
            .client
            .get(format!("{}/account/signin", self.wharf.url))
            .send()
            .unwrap();
        let csrf = cookie_value(&response, "wharf_csrf").expect("a CSRF cookie");
        Browser {
            cookies: format!("wharf_csrf={csrf}"),
            csrf: csrf.clone(),
            cookie_csrf: csrf,
        }
    }

    /// A new session of `login`, signed in through the form.
    fn sign_in(&self, login: &str) -> Browser {
        let anonymous = self.anonymous_browser();
        let form = [
            ("csrf", anonymous.csrf.clone()),
            ("login", login.to_string()),
            ("password", PASSWORD.to_string()),
            ("next", "/settings".to_string()),
        ];
        let response = self
            .client
            .post(format!("{}/account/signin", self.wharf.url))
            .header("Cookie", &anonymous.cookies)
            .form(&form)
            .send()
            .unwrap();
        assert_eq!(response.status(), 303, "signing in as {login}");
        let session = cookie_value(&response, "wharf_session").expect("a session cookie");
        let cookies = format!("{}; wharf_session={session}", anonymous.cookies);
        let settings = self
            .client
            .get(format!("{}/settings", self.wharf.url))
            .header("Cookie", &cookies)
            .send()
            .unwrap()
            .text()
            .unwrap();
        Browser {
            cookies,
            csrf: csrf_field(&settings),
            cookie_csrf: anonymous.cookie_csrf,
        }
    }

    /// The request of one cell, with whatever it needs made first (a crate of its own to
    /// delete, a session of its own to sign out of).
    fn request(&mut self, row: &Row, who: Who) -> Request {
        let owner_other_session = self.owner_other_session;
        let crate_id = self.crate_id;
        let mut request = Request {
            method: row.method,
            path: String::new(),
            body: Body::Empty,
            needs: &[],
            browser: None,
            accept_link_of: None,
        };
        let path = |template: &str| {
            template
                .replace("{name}", CRATE)
                .replace("{version}", VERSION)
                .replace("{login}", OWNER)
                .replace("{crate_id}", &crate_id.to_string())
        };
        let trust = |case: &str| {
            let target = match case {
                "trust a user" => BYSTANDER,
                "trust the moderator" => MODERATOR,
                "trust another admin" => OTHER_ADMIN,
                other => panic!("no target for `{other}`"),
            };
            format!("user:{target}")
        };
        request.path = match (row.method, row.route, row.case) {
            // The API, the index and downloads.
            ("GET", "/index/{*path}", _) => format!("/index/ma/tr/{CRATE}"),
            ("PUT", "/api/v1/crates/new", "a new version") => {
                let version = format!("1.1.{}", self.next_serial());
                request.needs = &["publish-update"];
                request.body = Body::Bytes(publish_body(
                    &metadata(CRATE, &version),
                    &crate_file(CRATE, &version, &[]),
                ));
                row.route.to_string()
            }
            ("PUT", "/api/v1/crates/new", "a new crate") => {
                let name = format!("matrix-new-{}", self.next_serial());
                request.needs = &["publish-new"];
                request.body = Body::Bytes(publish_body(
                    &metadata(&name, VERSION),
                    &crate_file(&name, VERSION, &[]),
                ));
                row.route.to_string()
            }
            ("GET", "/api/v1/crates", _) => "/api/v1/crates?q=matrix".into(),
            ("GET", "/api/v1/categories/{slug}", _) => {
                "/api/v1/categories/development-tools".into()
            }
            ("GET", "/api/v1/keywords/{keyword}", _) => "/api/v1/keywords/matrix".into(),
            ("DELETE", "/api/v1/crates/{name}", _) => {
                request.needs = &["delete"];
                format!("/api/v1/crates/{}", self.fresh_crate())
            }
            ("PUT" | "DELETE", "/api/v1/crates/{name}/owners", _) => {
                request.needs = &["change-owners"];
                request.body = Body::Json(serde_json::json!({ "users": [BYSTANDER] }));
                path(row.route)
            }
            ("PATCH", "/api/v1/crates/{name}", _) => {
                request.needs = &["change-owners"];
                request.body =
                    Body::Json(serde_json::json!({ "crate": { "trustpub_only": false } }));
                path(row.route)
            }
            (
                "GET",
                "/api/v1/trusted_publishing/github_configs"
                | "/api/v1/trusted_publishing/gitlab_configs",
                _,
            ) => {
                format!("{}?crate={CRATE}", row.route)
            }
            ("POST", "/api/v1/trusted_publishing/github_configs", _) => {
                request.needs = &["change-owners"];
                request.body = Body::Json(github_config(CRATE));
                row.route.to_string()
            }
            ("POST", "/api/v1/trusted_publishing/gitlab_configs", _) => {
                request.needs = &["change-owners"];
                request.body = Body::Json(gitlab_config(CRATE));
                row.route.to_string()
            }
            ("DELETE", "/api/v1/trusted_publishing/github_configs/{id}", _) => {
                request.needs = &["change-owners"];
                // On a crate of the cell's own: refused cells leave theirs behind, and a crate
                // holds five at most.
                let name = self.fresh_crate();
                let made = self.setup(
                    Who::Owner,
                    "POST",
                    "/api/v1/trusted_publishing/github_configs",
                    github_config(&name),
                );
                format!(
                    "/api/v1/trusted_publishing/github_configs/{}",
                    made["github_config"]["id"]
                )
            }
            ("DELETE", "/api/v1/trusted_publishing/gitlab_configs/{id}", _) => {
                request.needs = &["change-owners"];
                let name = self.fresh_crate();
                let made = self.setup(
                    Who::Owner,
                    "POST",
                    "/api/v1/trusted_publishing/gitlab_configs",
                    gitlab_config(&name),
                );
                format!(
                    "/api/v1/trusted_publishing/gitlab_configs/{}",
                    made["gitlab_config"]["id"]
                )
            }
            ("PUT", "/api/v1/crates/{name}/notice", _) => {
                request.body = Body::Json(serde_json::json!({ "reply": "we are on it" }));
                path(row.route)
            }
            ("DELETE", "/api/v1/crates/{name}/{version}", _) => {
                request.needs = &["delete"];
                format!("/api/v1/crates/{CRATE}/{}", self.fresh_version())
            }
            ("GET", "/api/v1/crates/{name}/{version}/findings", _) => {
                request.needs = &["publish-new", "publish-update"];
                path(row.route)
            }
            (_, "/api/v1/crates/{name}/{version}/yank", _)
            | (_, "/api/v1/crates/{name}/{version}/unyank", _) => {
                request.needs = &["yank"];
                path(row.route)
            }
            ("PUT", "/api/v1/me/crate_owner_invitations/{crate_id}", _) => {
                request.body = Body::Json(serde_json::json!({
                    "crate_owner_invite": { "crate_id": self.crate_id, "accepted": false }
                }));
                path(row.route)
            }
            (
                "PUT",
                "/api/v1/me/crate_owner_invitations/accept/{token}",
                "a link that does not work",
            ) => "/api/v1/me/crate_owner_invitations/accept/wharf_not-a-real-link".into(),
            ("PUT", "/api/v1/me/crate_owner_invitations/accept/{token}", _) => {
                // Named so that no other's name starts with it: e-mails are found by subject.
                let name = format!("matrix-invite-{}-link", self.next_serial());
                self.publish(&name, "0.1.0", &[]);
                self.owner_invites(&name, CO_OWNER);
                request.accept_link_of = Some(name);
                String::new()
            }
            ("POST", "/api/v1/reports", _) => {
                request.body = Body::Json(serde_json::json!({
                    "target": format!("crate:{CRATE}"), "category": "spam", "details": "in the matrix",
                }));
                row.route.to_string()
            }
            ("GET", "/api/v1/teams/{name}", _) => format!("/api/v1/teams/{TEAM}"),
            (_, "/api/v1/teams/{name}/members", _) => {
                request.needs = &["change-owners"];
                request.body = Body::Json(serde_json::json!({ "users": [BYSTANDER] }));
                format!("/api/v1/teams/{TEAM}/members")
            }
            ("GET", "/api/v1/admin/queue/{target}", _) => {
                format!("/api/v1/admin/queue/crate:{CRATE}")
            }
            ("POST", "/api/v1/admin/actions", case) => {
                request.body = Body::Json(serde_json::json!({
                    "action": "trust", "target": trust(case), "reason": "the matrix",
                }));
                row.route.to_string()
            }
            ("POST", "/api/v1/admin/actions/bulk", case) => {
                request.body = Body::Json(serde_json::json!({
                    "action": "trust", "targets": [trust(case)], "reason": "the matrix",
                }));
                row.route.to_string()
            }
            // The web site.
            ("POST", "/account/reset", _) => {
                request.body = Body::Form(vec![("who", BYSTANDER.to_string())]);
                row.route.to_string()
            }
            (_, "/account/reset/{token}", _) => {
                request.body = Body::Form(vec![
                    ("password", "a new password for nobody".to_string()),
                    ("confirm", "a new password for nobody".to_string()),
                ]);
                "/account/reset/not-a-real-link".into()
            }
            ("POST", "/settings/2fa/enrol", _) => {
                request.body = Body::Form(vec![("password", PASSWORD.to_string())]);
                row.route.to_string()
            }
            (
                "POST",
                "/account/confirm"
                | "/account/signin/code"
                | "/settings/2fa/confirm"
                | "/settings/2fa/disable",
                _,
            ) => {
                request.body = Body::Form(vec![("code", "000000".to_string())]);
                row.route.to_string()
            }
            ("POST", "/account/signin", _) => {
                request.body = Body::Form(vec![
                    ("login", BYSTANDER.to_string()),
                    ("password", PASSWORD.to_string()),
                    ("next", "/settings".to_string()),
                ]);
                row.route.to_string()
            }
            ("POST", "/account/signout", _) => {
                // Signing a live column's own session out would end it for the cells after.
                if let Some(login) = live_login(who) {
                    request.browser = Some(self.sign_in(login));
                }
                row.route.to_string()
            }
            ("POST", "/account/signup", _) => {
                let login = format!("newcomer{}", self.next_serial());
                request.body = Body::Form(vec![
                    ("email", format!("{login}@example.org")),
                    ("login", login),
                    ("password", PASSWORD.to_string()),
                    ("confirm", PASSWORD.to_string()),
                ]);
                row.route.to_string()
            }
            ("GET", "/account/verify/{token}", _) => "/account/verify/not-a-real-link".into(),
            ("GET", "/categories/{category}", _) => "/categories/development-tools".into(),
            ("POST", "/crates/{name}/report", _) => {
                request.body = Body::Form(vec![
                    ("category", "spam".to_string()),
                    ("details", "in the matrix".to_string()),
                    ("version", String::new()),
                ]);
                path(row.route)
            }
            ("GET", "/crates/{name}/report/filed", _) => {
                format!("/crates/{CRATE}/report/filed?report={}", self.owner_report)
            }
            ("GET", "/keywords/{keyword}", _) => "/keywords/matrix".into(),
            ("POST", "/moderation/act", case) => {
                request.body = Body::Form(vec![
                    ("action", "trust".to_string()),
                    ("target", trust(case)),
                    ("reason", "the matrix".to_string()),
                ]);
                row.route.to_string()
            }
            ("GET", "/moderation/item", _) => format!("/moderation/item?target=crate:{CRATE}"),
            ("GET", "/search", _) => "/search?q=matrix".into(),
            ("POST", "/settings/crates/{name}/delete", _) => {
                let name = self.fresh_crate();
                request.body = Body::Form(vec![("confirm", name.clone())]);
                format!("/settings/crates/{name}/delete")
            }
            ("POST", "/settings/crates/{name}/owners", _)
            | ("POST", "/settings/crates/{name}/owners/remove", _) => {
                request.body = Body::Form(vec![("login", BYSTANDER.to_string())]);
                path(row.route)
            }
            ("POST", "/settings/crates/{name}/trusted_publishing", _) => {
                request.body = Body::Form(vec![
                    ("provider", "github".to_string()),
                    ("owner", "matrix".to_string()),
                    ("project", "matrix".to_string()),
                    ("workflow", "release.yml".to_string()),
                ]);
                path(row.route)
            }
            ("POST", "/settings/crates/{name}/trusted_publishing/{id}/remove", _) => {
                // On a crate of the cell's own, as on the API.
                let name = self.fresh_crate();
                let made = self.setup(
                    Who::Owner,
                    "POST",
                    "/api/v1/trusted_publishing/github_configs",
                    github_config(&name),
                );
                request.body = Body::Form(vec![("provider", "github".to_string())]);
                format!(
                    "/settings/crates/{name}/trusted_publishing/{}/remove",
                    made["github_config"]["id"]
                )
            }
            ("POST", "/settings/crates/{name}/trusted_publishing_only", _) => {
                request.body = Body::Form(vec![("only", String::new())]);
                path(row.route)
            }
            ("POST", "/settings/invitations/{crate_id}", _) => {
                request.body = Body::Form(vec![("answer", "decline".to_string())]);
                path(row.route)
            }
            ("POST", "/settings/sessions/{id}/end", _) => {
                format!("/settings/sessions/{owner_other_session}/end")
            }
            ("POST", "/settings/tokens", _) => {
                request.body = Body::Form(vec![
                    ("name", "from the matrix".to_string()),
                    ("expiry", "30".to_string()),
                ]);
                row.route.to_string()
            }
            ("POST", "/settings/tokens/{id}/revoke", _) => {
                format!("/settings/tokens/{}/revoke", self.spare_token)
            }
            ("GET", "/teams/{name}", _) => format!("/teams/{TEAM}"),
            ("POST", _, _) if row.web => {
                request.body = Body::Form(Vec::new());
                path(row.route)
            }
            _ => path(row.route),
        };
        assert!(
            !request.path.contains('{'),
            "{}: the request names no {{parameter}}: {}",
            row.label(),
            request.path
        );
        request
    }

    /// Sends one cell's request as `who`.
    fn send(&mut self, row: &Row, who: Who, request: Request) -> Answer {
        if row.web {
            let browser = request
                .browser
                .clone()
                .unwrap_or_else(|| self.browsers[&who].clone());
            let mut fields = vec![("csrf", browser.csrf.clone())];
            if let Body::Form(more) = request.body {
                fields.extend(more);
            }
            return self.send_web(request.method, &request.path, &browser, &fields);
        }
        let token = self.token(who, request.needs);
        let path = match &request.accept_link_of {
            Some(name) => self.accept_link(name),
            None => request.path,
        };
        let mut builder = self.client.request(
            request.method.parse().unwrap(),
            format!("{}{path}", self.wharf.url),
        );
        if let Some(token) = token {
            builder = builder.header("Authorization", token);
        }
        builder = match request.body {
            Body::Empty => builder,
            Body::Json(json) => builder.json(&json),
            Body::Bytes(bytes) => builder.body(bytes),
            Body::Form(fields) => builder.form(&fields),
        };
        answer(builder.send().unwrap())
    }

    /// The path of the accept link in the co-owner's invitation to own `name`.
    fn accept_link(&self, name: &str) -> String {
        let mail = self.mail.wait_for(
            &format!("{CO_OWNER}@example.org"),
            &format!("Invitation to own the crate {name}"),
        );
        let link = mail
            .body
            .split_whitespace()
            .find(|word| word.contains("/crate_owner_invitations/accept/"))
            .unwrap_or_else(|| panic!("no accept link in {}", mail.body));
        link.strip_prefix(&self.wharf.url)
            .unwrap_or_else(|| panic!("the link {link} is not this registry's"))
            .to_string()
    }

    fn send_web(
        &self,
        method: &str,
        path: &str,
        browser: &Browser,
        fields: &[(&str, String)],
    ) -> Answer {
        let mut builder = self
            .client
            .request(method.parse().unwrap(), format!("{}{path}", self.wharf.url))
            .header("Cookie", &browser.cookies);
        if method == "POST" {
            builder = builder.form(fields);
        }
        answer(builder.send().unwrap())
    }
}

/// The login of a column whose session lives through the whole matrix.
fn live_login(who: Who) -> Option<&'static str> {
    match who {
        Who::User => Some(STRANGER),
        Who::Owner => Some(OWNER),
        Who::TeamMember => Some(MEMBER),
        Who::Moderator => Some(MODERATOR),
        Who::Admin => Some(ADMIN),
        _ => None,
    }
}

/// Limits that let one caller send every cell: the API's per-address limit, the per-user
/// buckets, and the site's sign-in and sign-up limits.
const GENEROUS_LIMITS: &str = "api_burst = 100000\napi_requests_per_second = 100000\n\
    [rate_limits]\n\
    publish_new = { burst = 100000, period_seconds = 1 }\n\
    publish_update = { burst = 100000, period_seconds = 1 }\n\
    yank = { burst = 100000, period_seconds = 1 }\n\
    report = { burst = 100000, period_seconds = 1 }\n\
    [accounts]\nsignups_per_hour = 100000\nsign_ins_per_minute = 100000\n";

fn answer(response: reqwest::blocking::Response) -> Answer {
    let location = response
        .headers()
        .get("location")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    Answer {
        status: response.status().as_u16(),
        location,
        body: response.text().unwrap_or_default(),
    }
}

fn cookie_value(response: &reqwest::blocking::Response, name: &str) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find_map(|v| v.strip_prefix(&format!("{name}=")))
        .map(|v| v.split(';').next().unwrap_or_default().to_string())
}

fn csrf_field(page: &str) -> String {
    let marker = "name=\"csrf\" value=\"";
    let start = page
        .find(marker)
        .unwrap_or_else(|| panic!("no CSRF field on the page: {page}"))
        + marker.len();
    let end = page[start..].find('"').unwrap() + start;
    page[start..end].to_string()
}

fn newest_token(wharf: &Wharf, login: &str) -> i64 {
    wharf.query_i64(
        "SELECT MAX(api_tokens.id) FROM api_tokens JOIN users ON users.id = api_tokens.user_id \
         WHERE users.login = $1",
        login,
    )
}

fn newest_session(wharf: &Wharf, login: &str) -> i64 {
    wharf.query_i64(
        "SELECT MAX(sessions.id) FROM sessions JOIN users ON users.id = sessions.user_id \
         WHERE users.login = $1",
        login,
    )
}

/// Runs one statement with one number bound, for a fact no route changes (a session's end).
fn execute(wharf: &Wharf, sql: &str, bind: i64) {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let mut conn = sqlx::AnyConnection::connect(&wharf.db.url).await.unwrap();
            sqlx::query(sql)
                .bind(bind)
                .execute(&mut conn)
                .await
                .unwrap();
        });
}

/// Where a redirect sends the caller, to say what a cell got.
fn to_where(answer: &Answer) -> String {
    match answer.location.as_str() {
        "" => String::new(),
        to => format!(" to {to}"),
    }
}

/// The start of an answer's body, to say why a cell went wrong.
fn gist(body: &str) -> String {
    let text: String = body.split_whitespace().collect::<Vec<_>>().join(" ");
    text.chars().take(240).collect()
}

// ---------------------------------------------------------------------------------------------
// The tests

fn every_route_answers_every_caller_as_the_table_says(backend: Backend) {
    let table: Vec<(&str, &str)> = TABLE.iter().map(|&(m, r, _, _)| (m, r)).collect();
    let problems = coverage_problems(&table);
    assert!(
        problems.is_empty(),
        "the table and the routers differ:\n{}",
        problems.join("\n")
    );

    let rows = rows();
    let mut world = World::build(backend, false);
    // Every cell's request is made first, while every credential still works; then the dead
    // columns' credentials are ended, and every cell is sent.
    let mut cells = Vec::new();
    for row in &rows {
        for (&who, &expect) in COLUMNS.iter().zip(&row.cells) {
            if expect != Expect::NotApplicable {
                cells.push((row, who, expect, world.request(row, who)));
            }
        }
    }
    world.end_credentials();
    let count = cells.len();
    let mut violations = Vec::new();
    for (row, who, expect, request) in cells {
        let answer = world.send(row, who, request);
        if !expect.matches(&answer) {
            violations.push(format!(
                "{} as {}: expected {}, got {}{}: {}",
                row.label(),
                who.name(),
                expect.describe(),
                answer.status,
                to_where(&answer),
                gist(&answer.body)
            ));
        }
    }
    assert!(
        violations.is_empty(),
        "{} of {count} cells answered otherwise than the table says:\n{}",
        violations.len(),
        violations.join("\n")
    );
}

fn private_mode_refuses_anonymous_callers_everywhere(backend: Backend) {
    let open: BTreeMap<(&str, &str), Expect> = OPEN_IN_PRIVATE_MODE
        .iter()
        .map(|&(method, route, cell)| ((method, route), Expect::parse(cell)))
        .collect();
    // Every route is sent, so every route must have a row to send.
    let table: Vec<(&str, &str)> = TABLE.iter().map(|&(m, r, _, _)| (m, r)).collect();
    let problems = coverage_problems(&table);
    assert!(
        problems.is_empty(),
        "the table and the routers differ:\n{}",
        problems.join("\n")
    );
    for &(method, route) in open.keys() {
        assert!(
            api_routes().contains(&(method.to_string(), route))
                || site_routes().contains(&(method.to_string(), route)),
            "{method} {route} is open in private mode but not routed"
        );
    }

    let mut world = World::build(backend, true);
    let rows = rows();
    let mut violations = Vec::new();
    let mut count = 0;
    for row in &rows {
        let expect = match open.get(&(row.method, row.route)) {
            Some(&expect) => expect,
            None if row.web && row.method == "GET" => Expect::SignIn,
            None => Expect::Status(401),
        };
        let request = world.request(row, Who::Anonymous);
        let answer = world.send(row, Who::Anonymous, request);
        count += 1;
        if !expect.matches(&answer) {
            violations.push(format!(
                "{} as anonymous in private mode: expected {}, got {}{}: {}",
                row.label(),
                expect.describe(),
                answer.status,
                to_where(&answer),
                gist(&answer.body)
            ));
        }
    }
    assert!(
        violations.is_empty(),
        "{} of {count} anonymous requests in private mode were not refused as they should be:\n{}",
        violations.len(),
        violations.join("\n")
    );
}
