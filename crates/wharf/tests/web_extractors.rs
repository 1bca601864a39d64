//! What the site answers a request that lacks what its handler needs, through a real server: a
//! visitor who is not signed in is sent to sign in and comes back to the page the form was on; a
//! form without this visitor's CSRF token is refused and changes nothing; a body that is not a
//! url-encoded form, or whose fields cannot be read, gets a page in words with 415 or 400 rather
//! than a bare status line. Every refusal changes nothing.

mod support;

use support::web::{Page, WebClient};
use support::{crate_file, metadata, publish_body, Backend, Wharf};

backend_tests!(
    forms_without_a_session_sign_in_first_and_come_back_to_their_page,
    forms_without_the_visitors_token_change_nothing,
    bodies_that_are_not_the_form_get_a_page_in_words,
);

const PASSWORD: &str = "four ordinary words in a row";

/// A verified account (made at the command line) with a browser signed in as it.
fn signed_in(wharf: &Wharf, login: &str) -> (String, WebClient) {
    let token = wharf.user_with_token(login);
    wharf.set_password(login, PASSWORD);
    let browser = WebClient::new(wharf);
    browser.sign_in(login, PASSWORD);
    (token, browser)
}

fn publish(wharf: &Wharf, token: &str, name: &str) {
    let response = wharf.publish_raw(
        token,
        publish_body(&metadata(name, "1.0.0"), &crate_file(name, "1.0.0", &[])),
    );
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
}

fn expect_redirect(page: &Page, to: &str, what: &str) {
    assert_eq!(page.status, 303, "{what}: {}", page.body);
    assert_eq!(page.location(), to, "{what}");
}

/// A page of the site in words: HTML with one heading and the status expected, not a bare
/// status line in plain text.
fn expect_page(page: &Page, status: u16, words: &str, what: &str) {
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
    assert!(page.body.contains(words), "{what}: {}", page.body);
}

fn live_tokens_of(wharf: &Wharf, login: &str) -> i64 {
    wharf.query_i64(
        "SELECT COUNT(*) FROM api_tokens JOIN users ON users.id = api_tokens.user_id \
         WHERE users.login = $1 AND api_tokens.revoked_at IS NULL",
        login,
    )
}

fn audit_rows_on(wharf: &Wharf, target: &str) -> i64 {
    wharf.query_i64("SELECT COUNT(*) FROM audit_log WHERE target = $1", target)
}

fn forms_without_a_session_sign_in_first_and_come_back_to_their_page(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    publish(&wharf, &token, "sturdy");
    let audit_rows = audit_rows_on(&wharf, "crate:sturdy");
    let anonymous = WebClient::new(&wharf);
    let csrf = anonymous.get("/account/signin").csrf();

    // A form's address is not a page: the visitor comes back to the page the form was on.
    for (action, next) in [
        ("/settings/sessions/1/end", "%2Fsettings"),
        ("/account/verify/resend", "%2Fsettings"),
        ("/settings/tokens", "%2Fsettings%2Ftokens"),
        ("/settings/tokens/1/revoke", "%2Fsettings%2Ftokens"),
        ("/settings/invitations/1", "%2Fsettings%2Finvitations"),
        ("/settings/crates/sturdy/owners", "%2Fsettings%2Fcrates"),
        ("/settings/crates/sturdy/delete", "%2Fsettings%2Fcrates"),
        ("/moderation/act", "%2Fmoderation"),
        ("/crates/sturdy/report", "%2Fcrates%2Fsturdy%2Freport"),
    ] {
        let to = format!("/account/signin?next={next}");
        let with_token = anonymous.post_form(action, &[("csrf", &csrf)]);
        expect_redirect(&with_token, &to, &format!("POST {action}"));
        // Being signed in comes first: without it, neither the token nor the body matter.
        let bare = anonymous.post_raw(action, Some("application/json"), "{}");
        expect_redirect(&bare, &to, &format!("POST {action} as JSON"));
    }
    // A page comes back to itself, with its query where it says what to show; a one-time notice
    // of what a form did is not repeated.
    for (path, next) in [
        (
            "/moderation/audit?actor=alice",
            "%2Fmoderation%2Faudit%3Factor%3Dalice",
        ),
        (
            "/moderation/item?target=crate%3Asturdy",
            "%2Fmoderation%2Fitem%3Ftarget%3Dcrate%253Asturdy",
        ),
        ("/settings?welcome=1", "%2Fsettings"),
        ("/settings/crates?done=deleted", "%2Fsettings%2Fcrates"),
        (
            "/crates/sturdy/report/filed?report=1",
            "%2Fsettings%2Freports",
        ),
    ] {
        expect_redirect(
            &anonymous.get(path),
            &format!("/account/signin?next={next}"),
            &format!("GET {path}"),
        );
    }
    // Signing out needs no session: a browser whose session ended is signed out all the same.
    expect_redirect(
        &anonymous.post_form("/account/signout", &[]),
        "/",
        "signing out without a session",
    );
    assert_eq!(audit_rows_on(&wharf, "crate:sturdy"), audit_rows);
}

fn forms_without_the_visitors_token_change_nothing(backend: Backend) {
    let wharf = Wharf::start(backend);
    let (token, alice) = signed_in(&wharf, "alice");
    publish(&wharf, &token, "sturdy");
    let audit_rows = audit_rows_on(&wharf, "crate:sturdy");

    // An anonymous form's token is the double-submit cookie's; another is refused.
    let anonymous = WebClient::new(&wharf);
    anonymous.get("/account/signin");
    let forged = anonymous.post_form(
        "/account/signin",
        &[
            ("csrf", "x".repeat(43).as_str()),
            ("login", "alice"),
            ("password", PASSWORD),
        ],
    );
    expect_page(&forged, 403, "The form has expired", "a forged sign-in");
    expect_redirect(
        &anonymous.get("/settings"),
        "/account/signin?next=%2Fsettings",
        "still signed out",
    );

    // A signed-in form's token is the session's: the anonymous one from before signing in, or
    // none, is refused.
    let before_signing_in = WebClient::new(&wharf);
    let anonymous_token = before_signing_in.get("/account/signin").csrf();
    let (_, carol) = signed_in(&wharf, "carol");
    let carol_token = carol.get("/settings").csrf();
    let tokens = live_tokens_of(&wharf, "alice");
    for csrf in [anonymous_token.as_str(), carol_token.as_str(), ""] {
        let refused = alice.post_form(
            "/settings/tokens",
            &[("csrf", csrf), ("name", "ci"), ("expiry", "never")],
        );
        expect_page(&refused, 403, "The form has expired", "a token form");
        let refused = alice.post_form("/settings/crates/sturdy/delete", &[("csrf", csrf)]);
        expect_page(&refused, 403, "The form has expired", "a deletion");
        let refused = alice.post_form("/account/signout", &[("csrf", csrf)]);
        expect_page(&refused, 403, "The form has expired", "signing out");
    }
    assert_eq!(live_tokens_of(&wharf, "alice"), tokens);
    assert_eq!(alice.get("/settings").status, 200, "still signed in");

    // A moderator's action needs their own token too; anyone else does not learn the form exists.
    wharf.cli(&["user", "role", "carol", "moderator"]);
    let act = |browser: &WebClient, csrf: &str| {
        browser.post_form(
            "/moderation/act",
            &[
                ("csrf", csrf),
                ("action", "hold"),
                ("target", "crate:sturdy"),
                ("reason", "checking"),
            ],
        )
    };
    let alice_csrf = alice.get("/settings").csrf();
    expect_page(
        &act(&carol, &alice_csrf),
        403,
        "The form has expired",
        "a moderator",
    );
    expect_page(&act(&alice, &alice_csrf), 404, "Page not found", "a user");
    assert_eq!(audit_rows_on(&wharf, "crate:sturdy"), audit_rows);
}

fn bodies_that_are_not_the_form_get_a_page_in_words(backend: Backend) {
    let wharf = Wharf::start(backend);
    let (token, alice) = signed_in(&wharf, "alice");
    publish(&wharf, &token, "sturdy");
    let audit_rows = audit_rows_on(&wharf, "crate:sturdy");
    let csrf = alice.get("/settings").csrf();
    let tokens = live_tokens_of(&wharf, "alice");

    let form = format!("csrf={csrf}&name=ci&expiry=never");
    for content_type in [Some("application/json"), Some("text/plain"), None] {
        let page = alice.post_raw("/settings/tokens", content_type, &form);
        expect_page(
            &page,
            415,
            "application/x-www-form-urlencoded",
            &format!("a form sent as {content_type:?}"),
        );
        assert!(page.body.contains("The form could not be read"));
    }
    // A field given twice cannot be read as the form's fields.
    let twice = format!("csrf={csrf}&confirm=sturdy&confirm=sturdy");
    let page = alice.post_raw(
        "/settings/crates/sturdy/delete",
        Some("application/x-www-form-urlencoded"),
        &twice,
    );
    expect_page(&page, 400, "could not be read", "a field given twice");
    assert_eq!(live_tokens_of(&wharf, "alice"), tokens);
    assert_eq!(audit_rows_on(&wharf, "crate:sturdy"), audit_rows);

    // Anonymous forms are read the same way.
    let anonymous = WebClient::new(&wharf);
    anonymous.get("/account/signin");
    let page = anonymous.post_raw(
        "/account/signin",
        Some("application/json"),
        r#"{"login": "alice"}"#,
    );
    expect_page(&page, 415, "could not be read", "a JSON sign-in");

    // A form with a charset is a form.
    let signed_out = alice.post_raw(
        "/account/signout",
        Some("application/x-www-form-urlencoded; charset=UTF-8"),
        &format!("csrf={csrf}"),
    );
    expect_redirect(&signed_out, "/", "signing out");
    expect_redirect(
        &alice.get("/settings"),
        "/account/signin?next=%2Fsettings",
        "signed out",
    );
}
