//! The account settings pages against a real server, through a browser without JavaScript: API
//! tokens made on the page and used by the real `cargo` until they are revoked, owner invitations
//! answered on the page, owners invited, added and removed, and crates deleted within the
//! owner-deletion rule. Every refused form (a missing CSRF token, another account's token, the
//! last owner, a rule that blocks a deletion) is shown in words and changes nothing.

mod support;

use support::web::{Page, WebClient};
use support::{
    accept_only_invitation, crate_file, metadata, owner_logins, publish_body, Backend, Wharf,
};

backend_tests!(
    a_token_made_on_the_page_publishes_with_cargo_until_it_is_revoked,
    token_forms_that_are_refused_change_nothing,
    invitations_are_answered_on_the_page,
    owners_are_managed_on_the_page,
    crates_are_deleted_on_the_page_within_the_rule,
    anonymous_visitors_are_sent_to_sign_in,
    trusted_publishing_is_managed_on_the_page,
);

const PASSWORD: &str = "four ordinary words in a row";

/// A form's fields, as a browser sends them.
type Fields<'a> = &'a [(&'a str, &'a str)];

/// A browser signed in as `login`, whose account must exist.
fn browser_of(wharf: &Wharf, login: &str) -> WebClient {
    wharf.set_password(login, PASSWORD);
    let browser = WebClient::new(wharf);
    browser.sign_in(login, PASSWORD);
    browser
}

/// A verified account (made at the command line) with a full-access token, and a browser signed in
/// as it.
fn user_signed_in(wharf: &Wharf, login: &str) -> (String, WebClient) {
    let token = wharf.user_with_token(login);
    (token, browser_of(wharf, login))
}

fn publish(wharf: &Wharf, token: &str, name: &str, version: &str) {
    let response = wharf.publish_raw(
        token,
        publish_body(&metadata(name, version), &crate_file(name, version, &[])),
    );
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
}

/// A page that renders: HTML, one `<h1>`, and the status expected.
fn expect(page: &Page, status: u16, what: &str) {
    assert_eq!(page.status, status, "{what}: {}", page.body);
    let content_type = page
        .headers
        .get("content-type")
        .map(|v| v.to_str().unwrap())
        .unwrap_or_default();
    assert!(
        content_type.starts_with("text/html"),
        "{what}: {content_type}"
    );
    assert_eq!(page.body.matches("<h1").count(), 1, "{what}: {}", page.body);
}

fn expect_redirect(page: &Page, to: &str) {
    assert_eq!(
        page.status, 303,
        "expected a redirect to {to}: {}",
        page.body
    );
    assert_eq!(page.location(), to);
}

/// The text between `start` and the next `end` on a page.
fn between<'a>(body: &'a str, start: &str, end: &str) -> &'a str {
    let from = body
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in {body}"))
        + start.len();
    let to = body[from..].find(end).unwrap() + from;
    &body[from..to]
}

fn count(wharf: &Wharf, sql: &str, bind: &str) -> i64 {
    wharf.query_i64(sql, bind)
}

fn live_tokens_of(wharf: &Wharf, login: &str) -> i64 {
    count(
        wharf,
        "SELECT COUNT(*) FROM api_tokens JOIN users ON users.id = api_tokens.user_id \
         WHERE users.login = $1 AND api_tokens.revoked_at IS NULL",
        login,
    )
}

fn crate_exists(wharf: &Wharf, name: &str) -> bool {
    match wharf
        .get(&format!("/api/v1/crates/{name}"))
        .status()
        .as_u16()
    {
        200 => true,
        404 => false,
        other => panic!("GET /api/v1/crates/{name}: {other}"),
    }
}

fn a_token_made_on_the_page_publishes_with_cargo_until_it_is_revoked(backend: Backend) {
    let wharf = Wharf::start(backend);
    wharf.cli(&["user", "add", "alice", "--email", "alice@example.org"]);
    let browser = browser_of(&wharf, "alice");

    let form = browser.get("/settings/tokens");
    expect(&form, 200, "the tokens page");
    for field in [
        "name=\"name\"",
        "value=\"publish-new\"",
        "value=\"publish-update\"",
        "value=\"yank\"",
        "value=\"change-owners\"",
        "name=\"crates\"",
        "name=\"expiry\"",
        "name=\"expires_on\"",
    ] {
        assert!(form.body.contains(field), "no {field} on the form");
    }
    // Every input has its label.
    for id in [
        "token-name",
        "token-crates",
        "token-expiry",
        "token-expires-on",
    ] {
        assert!(form.body.contains(&format!("<label for=\"{id}\"")), "{id}");
    }
    assert!(form.body.contains("You have no working tokens"));

    let created = browser.submit(
        "/settings/tokens",
        "/settings/tokens",
        &[
            ("name", "laptop"),
            ("scope", "publish-new"),
            ("scope", "publish-update"),
            ("crates", "beacon-*, harbour-light"),
            ("expiry", "30"),
            ("expires_on", ""),
        ],
    );
    // The secret is on the answer itself, never behind a redirect or in a cache.
    expect(&created, 200, "creating a token");
    let cache = created.headers["cache-control"].to_str().unwrap();
    assert!(cache.contains("no-store"), "{cache}");
    assert!(created.body.contains("cargo login --registry wharf"));
    assert!(created.body.contains("shown only this once"));
    let secret = between(&created.body, "<code id=\"token-secret\">", "</code>").to_string();
    assert!(secret.starts_with("wharf_"), "{secret}");
    assert!(created.body.contains("publish-new, publish-update"));
    assert!(created.body.contains("beacon-*, harbour-light"));
    // The audit log names the web session that made it.
    assert_eq!(
        count(
            &wharf,
            "SELECT COUNT(*) FROM audit_log WHERE action = $1 AND session_id IS NOT NULL",
            "token.create",
        ),
        1
    );

    let list = browser.get("/settings/tokens");
    expect(&list, 200, "the tokens page");
    assert!(list.body.contains("laptop"));
    assert!(
        !list.body.contains(&secret),
        "the secret is shown only once"
    );
    assert!(list.body.contains("not recorded"));

    // cargo publishes with it, within its crates and scopes.
    let alice = wharf.cargo_user("alice").with_token(&secret);
    let lib = "pub fn shine() {}\n";
    alice.publish_ok(&alice.new_crate("beacon-light", "0.1.0", "", lib));
    assert!(crate_exists(&wharf, "beacon-light"));
    let elsewhere = alice.publish(&alice.new_crate("lighthouse", "0.1.0", "", lib));
    assert!(!elsewhere.success, "a crate outside the token's patterns");
    assert!(
        elsewhere.stderr.contains("limited to other crates"),
        "{}",
        elsewhere.stderr
    );

    // Revoked on the page, it stops working at once.
    let id = between(&list.body, "action=\"/settings/tokens/", "/revoke\"").to_string();
    let revoked = browser.submit(
        "/settings/tokens",
        &format!("/settings/tokens/{id}/revoke"),
        &[],
    );
    expect_redirect(&revoked, "/settings/tokens?done=revoked");
    let after = browser.get("/settings/tokens?done=revoked");
    assert!(after.body.contains("The token was revoked"));
    assert!(after.body.contains("Revoked and expired tokens"));
    assert!(
        !after.body.contains("/revoke\""),
        "no revoke button is left"
    );
    let refused = alice.publish(&alice.new_crate("beacon-light", "0.2.0", "", lib));
    assert!(!refused.success, "a revoked token still published");
    assert!(
        refused.stderr.contains("invalid, expired or revoked"),
        "{}",
        refused.stderr
    );
}

fn token_forms_that_are_refused_change_nothing(backend: Backend) {
    let wharf = Wharf::start(backend);
    let bob_token = wharf.user_with_token("bob");

    // An account made on the site has not verified its address yet.
    let dora = WebClient::new(&wharf);
    let signed_up = dora.submit(
        "/account/signup",
        "/account/signup",
        &[
            ("login", "dora"),
            ("email", "dora@example.org"),
            ("password", PASSWORD),
            ("confirm", PASSWORD),
        ],
    );
    expect_redirect(&signed_up, "/settings?welcome=1");
    let page = dora.get("/settings/tokens");
    expect(&page, 200, "the tokens page of an unverified account");
    assert!(page.body.contains("is not verified yet"));
    assert!(page.body.contains("href=\"/settings\""));
    assert!(
        !page.body.contains("action=\"/settings/tokens\""),
        "no creation form before the address is verified"
    );
    // A form sent anyway is refused.
    let forged = dora.submit(
        "/settings/tokens",
        "/settings/tokens",
        &[("name", "sneaky"), ("expiry", "never")],
    );
    expect(&forged, 403, "an unverified account creating a token");
    assert!(forged.body.contains("Verify your e-mail address"));
    assert_eq!(live_tokens_of(&wharf, "dora"), 0);

    wharf.cli(&["user", "verify", "dora"]);
    let refusals: [(Fields, u16, &str); 5] = [
        (
            &[("name", " "), ("expiry", "never")],
            422,
            "Give the token a name",
        ),
        (
            &[
                ("name", "ci"),
                ("crates", "good, bad!"),
                ("expiry", "never"),
            ],
            422,
            "Invalid crate pattern `bad!`",
        ),
        (
            &[
                ("name", "ci"),
                ("expiry", "date"),
                ("expires_on", "2001-01-01"),
            ],
            422,
            "That day has passed",
        ),
        (
            &[
                ("name", "ci"),
                ("expiry", "date"),
                ("expires_on", "someday"),
            ],
            422,
            "such as 2030-12-31",
        ),
        (
            &[("name", "ci"), ("scope", "everything"), ("expiry", "never")],
            422,
            "Unknown scope `everything`",
        ),
    ];
    for (fields, status, words) in refusals {
        let page = dora.submit("/settings/tokens", "/settings/tokens", fields);
        expect(&page, status, words);
        assert!(page.body.contains(words), "{words}: {}", page.body);
    }
    // What was typed is still there to correct.
    let kept = dora.submit(
        "/settings/tokens",
        "/settings/tokens",
        &[
            ("name", "ci"),
            ("scope", "yank"),
            ("crates", "good, bad!"),
            ("expiry", "365"),
        ],
    );
    expect(&kept, 422, "a refused form");
    assert!(kept.body.contains("value=\"ci\""));
    assert!(kept.body.contains("value=\"good, bad!\""));
    assert!(kept.body.contains("value=\"yank\" checked"));
    assert!(kept.body.contains("<option value=\"365\" selected>"));
    assert_eq!(live_tokens_of(&wharf, "dora"), 0);

    // Without the CSRF token: refused, nothing created.
    let no_csrf = dora.post_form("/settings/tokens", &[("name", "ci"), ("expiry", "never")]);
    expect(&no_csrf, 403, "a token form without its CSRF token");
    assert!(no_csrf.body.contains("nothing was changed"));
    assert_eq!(live_tokens_of(&wharf, "dora"), 0);

    // A date chosen on the form works, and so does the whole form.
    let created = dora.submit(
        "/settings/tokens",
        "/settings/tokens",
        &[
            ("name", "ci"),
            ("expiry", "date"),
            ("expires_on", "2999-12-31"),
        ],
    );
    expect(&created, 200, "creating a token with an expiry day");
    assert!(
        created.body.contains("3000-01-01T00:00:00Z"),
        "{}",
        created.body
    );
    assert_eq!(live_tokens_of(&wharf, "dora"), 1);

    // Another account's token is not dora's to revoke, and neither is one without a number.
    let bob_token_id = count(
        &wharf,
        "SELECT api_tokens.id FROM api_tokens JOIN users ON users.id = api_tokens.user_id \
         WHERE users.login = $1",
        "bob",
    );
    for id in [bob_token_id.to_string(), "x".to_string()] {
        let refused = dora.submit(
            "/settings/tokens",
            &format!("/settings/tokens/{id}/revoke"),
            &[],
        );
        expect(&refused, 404, "revoking another account's token");
        assert!(refused.body.contains("no token with that number"));
    }
    assert_eq!(live_tokens_of(&wharf, "bob"), 1);
    let me = wharf
        .http()
        .get(format!("{}/api/v1/me", wharf.url))
        .header("Authorization", &bob_token)
        .send()
        .unwrap();
    assert_eq!(me.status(), 200, "bob's token still works");

    // dora's own token, without the CSRF token: still alive.
    let list = dora.get("/settings/tokens");
    let id = between(&list.body, "action=\"/settings/tokens/", "/revoke\"").to_string();
    let no_csrf = dora.post_form(&format!("/settings/tokens/{id}/revoke"), &[]);
    expect(&no_csrf, 403, "revoking without the CSRF token");
    assert_eq!(live_tokens_of(&wharf, "dora"), 1);
}

fn invitations_are_answered_on_the_page(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf.user_with_token("alice");
    let (_, bob) = user_signed_in(&wharf, "bob");
    publish(&wharf, &alice, "pier-one", "1.0.0");
    publish(&wharf, &alice, "pier-two", "1.0.0");
    for name in ["pier-one", "pier-two"] {
        let response = wharf
            .http()
            .put(format!("{}/api/v1/crates/{name}/owners", wharf.url))
            .header("Authorization", &alice)
            .json(&serde_json::json!({ "users": ["bob"] }))
            .send()
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().unwrap());
    }

    let page = bob.get("/settings/invitations");
    expect(&page, 200, "the invitations page");
    for name in ["pier-one", "pier-two"] {
        assert!(page
            .body
            .contains(&format!("<a href=\"/crates/{name}\">{name}</a>")));
    }
    assert!(page
        .body
        .contains("<a href=\"/users/alice\">alice</a> invited you"));
    let one = wharf.crate_id("pier-one");
    let two = wharf.crate_id("pier-two");

    // Without the CSRF token nothing happens.
    let no_csrf = bob.post_form(
        &format!("/settings/invitations/{one}"),
        &[("answer", "accept")],
    );
    expect(&no_csrf, 403, "accepting without the CSRF token");
    assert_eq!(owner_logins(&wharf, "pier-one"), ["alice"]);

    let accepted = bob.submit(
        "/settings/invitations",
        &format!("/settings/invitations/{one}"),
        &[("answer", "accept")],
    );
    expect_redirect(&accepted, "/settings/crates?done=accepted");
    assert_eq!(owner_logins(&wharf, "pier-one"), ["alice", "bob"]);
    let crates = bob.get("/settings/crates?done=accepted");
    expect(&crates, 200, "bob's crates");
    assert!(crates.body.contains("You accepted the invitation"));
    assert!(crates
        .body
        .contains("<a href=\"/crates/pier-one\">pier-one</a>"));

    let declined = bob.submit(
        "/settings/invitations",
        &format!("/settings/invitations/{two}"),
        &[("answer", "decline")],
    );
    expect_redirect(&declined, "/settings/invitations?done=declined");
    assert_eq!(owner_logins(&wharf, "pier-two"), ["alice"]);
    let page = bob.get("/settings/invitations?done=declined");
    assert!(page.body.contains("You declined the invitation"));
    assert!(page.body.contains("You have no open invitations"));

    // An invitation answered already is gone.
    let again = bob.submit(
        "/settings/invitations",
        &format!("/settings/invitations/{two}"),
        &[("answer", "accept")],
    );
    expect(&again, 404, "answering an invitation twice");
    assert!(again
        .body
        .contains("You have no invitation to own the crate"));
    assert_eq!(owner_logins(&wharf, "pier-two"), ["alice"]);
}

fn owners_are_managed_on_the_page(backend: Backend) {
    let wharf = Wharf::start(backend);
    let (alice_token, alice) = user_signed_in(&wharf, "alice");
    let (bob_token, bob) = user_signed_in(&wharf, "bob");
    wharf.cli(&["team", "add", "riggers", "--maintainer", "alice"]);
    publish(&wharf, &alice_token, "dock-crane", "1.0.0");

    let page = alice.get("/settings/crates");
    expect(&page, 200, "alice's crates");
    assert!(page
        .body
        .contains("<a href=\"/users/alice\">alice</a> (you)"));
    assert!(page.body.contains("<label for=\"invite.dock-crane\">"));

    let invited = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/owners",
        &[("login", "bob")],
    );
    expect_redirect(&invited, "/settings/crates?done=invited");
    let page = alice.get("/settings/crates?done=invited");
    assert!(page.body.contains("Invitation sent"));
    assert!(page
        .body
        .contains("<a href=\"/users/bob\">bob</a> (invited"));
    assert_eq!(owner_logins(&wharf, "dock-crane"), ["alice"]);
    // Inviting again changes nothing and says so.
    let again = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/owners",
        &[("login", "bob")],
    );
    expect_redirect(&again, "/settings/crates?done=unchanged");
    accept_only_invitation(&wharf, &bob_token, true);
    assert_eq!(owner_logins(&wharf, "dock-crane"), ["alice", "bob"]);

    // Teams are added at once by a member; unknown names are refused in words.
    let team = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/owners",
        &[("login", "team:riggers")],
    );
    expect_redirect(&team, "/settings/crates?done=team-added");
    assert_eq!(
        owner_logins(&wharf, "dock-crane"),
        ["alice", "bob", "team:riggers"]
    );
    let nobody = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/owners",
        &[("login", "nobody")],
    );
    expect(&nobody, 404, "inviting a user who does not exist");
    assert!(nobody.body.contains("There is no user `nobody`"));
    let blank = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/owners",
        &[("login", "  ")],
    );
    expect(&blank, 422, "inviting nobody");

    // Someone who does not own a crate cannot change its owners, page or no page.
    let (_, carol) = user_signed_in(&wharf, "carol");
    let forged = carol.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/owners",
        &[("login", "carol")],
    );
    expect(&forged, 403, "a stranger inviting themselves");
    assert!(forged
        .body
        .contains("Only owners of `dock-crane` can change its owners"));
    let no_csrf = alice.post_form(
        "/settings/crates/dock-crane/owners/remove",
        &[("login", "bob")],
    );
    expect(&no_csrf, 403, "removing without the CSRF token");
    assert_eq!(
        owner_logins(&wharf, "dock-crane"),
        ["alice", "bob", "team:riggers"]
    );

    for login in ["bob", "team:riggers"] {
        let removed = alice.submit(
            "/settings/crates",
            "/settings/crates/dock-crane/owners/remove",
            &[("login", login)],
        );
        expect_redirect(&removed, "/settings/crates?done=removed");
    }
    assert_eq!(owner_logins(&wharf, "dock-crane"), ["alice"]);
    // bob no longer manages it.
    let page = bob.get("/settings/crates");
    assert!(!page.body.contains("dock-crane"));

    let last = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/owners/remove",
        &[("login", "alice")],
    );
    expect(&last, 422, "removing the last owner");
    assert!(
        last.body.contains("must keep at least one user owner"),
        "{}",
        last.body
    );
    assert_eq!(owner_logins(&wharf, "dock-crane"), ["alice"]);
    assert_eq!(
        count(
            &wharf,
            "SELECT COUNT(*) FROM audit_log WHERE target = $1 AND session_id IS NOT NULL \
             AND action IN ('owner.invite', 'owner.team.add', 'owner.remove', 'owner.team.remove')",
            "crate:dock-crane",
        ),
        4,
        "the audit log names the web session for every change"
    );
}

fn crates_are_deleted_on_the_page_within_the_rule(backend: Backend) {
    let mut wharf = Wharf::start(backend);
    let (alice_token, alice) = user_signed_in(&wharf, "alice");
    let bob_token = wharf.user_with_token("bob");
    publish(&wharf, &alice_token, "fresh-float", "0.1.0");
    publish(&wharf, &alice_token, "shared-hull", "0.1.0");
    let invite = wharf
        .http()
        .put(format!("{}/api/v1/crates/shared-hull/owners", wharf.url))
        .header("Authorization", &alice_token)
        .json(&serde_json::json!({ "users": ["bob"] }))
        .send()
        .unwrap();
    assert_eq!(invite.status(), 200);
    accept_only_invitation(&wharf, &bob_token, true);

    // In its first 72 hours any crate without dependents may go.
    let page = alice.get("/settings/crates");
    for name in ["fresh-float", "shared-hull"] {
        assert!(
            page.body
                .contains(&format!("action=\"/settings/crates/{name}/delete\"")),
            "{name} can be deleted while fresh"
        );
        assert!(page
            .body
            .contains(&format!("<label for=\"delete.{name}\">")));
    }

    // Four days on, only the crate with a single owner may.
    wharf.set_env("WHARF_CLOCK_OFFSET_SECONDS", Some("345600"));
    wharf.restart();
    let page = alice.get("/settings/crates");
    expect(&page, 200, "alice's crates, four days on");
    assert!(page
        .body
        .contains("action=\"/settings/crates/fresh-float/delete\""));
    assert!(!page
        .body
        .contains("action=\"/settings/crates/shared-hull/delete\""));
    assert!(
        page.body.contains(
            "You cannot delete shared-hull yourself: it was first published more than 72 hours \
             ago and has 2 owners"
        ),
        "{}",
        page.body
    );

    // A forged form is refused by the same rule, in its words.
    let forged = alice.submit(
        "/settings/crates",
        "/settings/crates/shared-hull/delete",
        &[("confirm", "shared-hull"), ("message", "")],
    );
    expect(&forged, 422, "deleting a crate the rule protects");
    assert!(forged.body.contains("has 2 owners"), "{}", forged.body);
    assert!(crate_exists(&wharf, "shared-hull"));

    // The confirmation must name the crate, and the form must carry its CSRF token.
    let unconfirmed = alice.submit(
        "/settings/crates",
        "/settings/crates/fresh-float/delete",
        &[("confirm", "fresh")],
    );
    expect(&unconfirmed, 422, "deleting without confirming");
    assert!(unconfirmed.body.contains("type its name exactly as shown"));
    let no_csrf = alice.post_form(
        "/settings/crates/fresh-float/delete",
        &[("confirm", "fresh-float")],
    );
    expect(&no_csrf, 403, "deleting without the CSRF token");
    assert!(crate_exists(&wharf, "fresh-float"));

    let deleted = alice.submit(
        "/settings/crates",
        "/settings/crates/fresh-float/delete",
        &[
            ("confirm", "fresh-float"),
            ("message", "published by mistake"),
        ],
    );
    expect_redirect(&deleted, "/settings/crates?done=deleted");
    assert!(!crate_exists(&wharf, "fresh-float"));
    let page = alice.get("/settings/crates?done=deleted");
    assert!(page.body.contains("The crate was deleted"));
    assert!(!page.body.contains("fresh-float"));
    assert_eq!(
        count(
            &wharf,
            "SELECT COUNT(*) FROM audit_log WHERE action = 'crate.delete' AND target = $1 \
             AND session_id IS NOT NULL",
            "crate:fresh-float",
        ),
        1
    );
}

fn anonymous_visitors_are_sent_to_sign_in(backend: Backend) {
    let wharf = Wharf::start(backend);
    let anonymous = WebClient::new(&wharf);
    for (path, next) in [
        ("/settings/tokens", "%2Fsettings%2Ftokens"),
        ("/settings/invitations", "%2Fsettings%2Finvitations"),
        ("/settings/crates", "%2Fsettings%2Fcrates"),
    ] {
        expect_redirect(
            &anonymous.get(path),
            &format!("/account/signin?next={next}"),
        );
    }
    let page = anonymous.get("/account/signin");
    let csrf = page.csrf();
    for action in [
        "/settings/tokens",
        "/settings/tokens/1/revoke",
        "/settings/invitations/1",
        "/settings/crates/anything/owners",
        "/settings/crates/anything/owners/remove",
        "/settings/crates/anything/delete",
    ] {
        let answer = anonymous.post_form(action, &[("csrf", &csrf), ("name", "x")]);
        assert_eq!(answer.status, 303, "POST {action}: {}", answer.body);
        assert!(answer.location().starts_with("/account/signin?next="));
    }
}

fn trusted_publishing_is_managed_on_the_page(backend: Backend) {
    let wharf = Wharf::start(backend);
    let (alice_token, alice) = user_signed_in(&wharf, "alice");
    publish(&wharf, &alice_token, "dock-crane", "1.0.0");
    let page = alice.get("/settings/crates");
    expect(&page, 200, "alice's crates");
    assert!(page.body.contains("No workflow may publish dock-crane."));

    let added = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/trusted_publishing",
        &[
            ("provider", "github"),
            ("owner", "octo"),
            ("project", "dock-crane"),
            ("workflow", "release.yml"),
            ("environment", "release"),
        ],
    );
    expect_redirect(&added, "/settings/crates?done=trusted-added");
    let page = alice.get("/settings/crates?done=trusted-added");
    assert!(page.body.contains(
        "GitHub Actions: octo/dock-crane, .github/workflows/release.yml, environment release"
    ));
    // The API sees what the page made.
    let listed: serde_json::Value = wharf
        .http()
        .get(format!(
            "{}/api/v1/trusted_publishing/github_configs?crate=dock-crane",
            wharf.url
        ))
        .header("Authorization", &alice_token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    let config = &listed["github_configs"][0];
    assert_eq!(config["environment"], "release");

    // A workflow given as a path is refused in words, and nothing is added.
    let refused = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/trusted_publishing",
        &[
            ("provider", "github"),
            ("owner", "octo"),
            ("project", "dock-crane"),
            ("workflow", ".github/workflows/release.yml"),
        ],
    );
    expect(&refused, 422, "a workflow path");
    assert!(
        refused.body.contains("without directories"),
        "{}",
        refused.body
    );

    // Only from CI: the owner's own API token is then refused.
    let only = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/trusted_publishing_only",
        &[("only", "on")],
    );
    expect_redirect(&only, "/settings/crates?done=trusted-only");
    let response = wharf.publish_raw(
        &alice_token,
        publish_body(
            &metadata("dock-crane", "1.1.0"),
            &crate_file("dock-crane", "1.1.0", &[]),
        ),
    );
    assert_eq!(response.status(), 403);
    let off = alice.submit(
        "/settings/crates",
        "/settings/crates/dock-crane/trusted_publishing_only",
        &[],
    );
    expect_redirect(&off, "/settings/crates?done=trusted-any");
    publish(&wharf, &alice_token, "dock-crane", "1.1.0");

    let removed = alice.submit(
        "/settings/crates",
        &format!(
            "/settings/crates/dock-crane/trusted_publishing/{}/remove",
            config["id"]
        ),
        &[("provider", "github")],
    );
    expect_redirect(&removed, "/settings/crates?done=trusted-removed");
    let page = alice.get("/settings/crates");
    assert!(page.body.contains("No workflow may publish dock-crane."));
}
