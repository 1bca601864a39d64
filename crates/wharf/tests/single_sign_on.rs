//! Single sign-on through an OpenID Connect provider, on both databases: a test provider on
//! 127.0.0.1 signs a person in, the browser comes back and is signed in to an account linked by
//! the provider's subject (made at the first sign-in); a changed `state`, a state from another
//! browser, a replayed answer and an unlinked person (where accounts are not made) are refused;
//! passwords can be switched off.

mod support;

use support::web::{Page, WebClient};
use support::{Backend, Wharf};
use wharf_oidc::test_issuer::TestIssuer;

backend_tests!(
    a_person_signs_in_through_the_provider,
    answers_not_started_in_this_browser_are_refused,
    without_account_creation_only_linked_people_sign_in,
);

fn config(issuer: &TestIssuer, extra: &str) -> String {
    format!(
        "[oidc]\nissuer = \"{}\"\nclient_id = \"wharf-site\"\nclient_secret = \"not-a-real-secret\"\nname = \"Harbour ID\"\n{extra}",
        issuer.url
    )
}

fn ada(issuer: &TestIssuer) {
    issuer.sign_in_as(serde_json::json!({
        "sub": "person-1", "email": "ada@example.org", "email_verified": true,
        "preferred_username": "ada",
    }));
}

/// Starts a sign-in in `browser` and goes through the provider; returns the address the provider
/// sends the browser back to (not yet visited).
fn through_provider(browser: &WebClient) -> String {
    let start = browser.get("/account/sso?next=%2Fsettings");
    assert_eq!(start.status, 303, "{}", start.body);
    let provider = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(start.location())
        .send()
        .unwrap();
    assert_eq!(provider.status(), 302);
    let back = provider.headers()["location"].to_str().unwrap().to_string();
    let path = back
        .find("/account/sso/callback")
        .expect("back to the registry");
    back[path..].to_string()
}

fn signed_in_as(browser: &WebClient, login: &str) {
    let page = browser.get("/settings");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains(&format!(">{login}<")), "{}", page.body);
}

fn refused(page: &Page) {
    assert_eq!(page.status, 403, "{}", page.body);
    assert!(
        page.body.contains("could not be confirmed"),
        "{}",
        page.body
    );
}

fn a_person_signs_in_through_the_provider(backend: Backend) {
    let issuer = TestIssuer::start();
    ada(&issuer);
    let wharf = Wharf::with_config(backend, &config(&issuer, ""));
    let browser = WebClient::new(&wharf);
    assert!(browser
        .get("/account/signin")
        .body
        .contains("Sign in with Harbour ID"));

    let back = through_provider(&browser);
    let arrived = browser.get(&back);
    assert_eq!(arrived.status, 303, "{}", arrived.body);
    assert_eq!(arrived.location(), "/settings");
    signed_in_as(&browser, "ada");

    // The same person again is the same account, even in another browser; a second person
    // whose name is taken gets a numbered one.
    let other = WebClient::new(&wharf);
    let back = through_provider(&other);
    assert_eq!(other.get(&back).status, 303);
    signed_in_as(&other, "ada");
    issuer.sign_in_as(serde_json::json!({
        "sub": "person-2", "email": "ada.b@example.org", "preferred_username": "ada",
    }));
    let third = WebClient::new(&wharf);
    let back = through_provider(&third);
    assert_eq!(third.get(&back).status, 303);
    signed_in_as(&third, "ada-2");
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM user_identities WHERE issuer = $1",
            &issuer.url
        ),
        2
    );
    // The provider said person-2's address was not verified; the account says so too.
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM users WHERE login = $1 AND email_verified = FALSE",
            "ada-2"
        ),
        1
    );
}

fn answers_not_started_in_this_browser_are_refused(backend: Backend) {
    let issuer = TestIssuer::start();
    ada(&issuer);
    let wharf = Wharf::with_config(backend, &config(&issuer, ""));
    let browser = WebClient::new(&wharf);

    // A changed state is refused, and the real one still works once.
    let back = through_provider(&browser);
    let tampered = back.replacen("state=", "state=x", 1);
    refused(&browser.get(&tampered));
    let start_again = through_provider(&browser);
    assert_eq!(browser.get(&start_again).status, 303);
    signed_in_as(&browser, "ada");
    refused(&browser.get(&start_again));

    // An answer meant for one browser, opened in another (a sign-in forced on a victim): refused.
    let victim = WebClient::new(&wharf);
    let attacker = WebClient::new(&wharf);
    let back = through_provider(&attacker);
    refused(&victim.get(&back));
    assert_eq!(victim.get("/settings").status, 303);

    // A provider's refusal is shown, not followed.
    let denied = browser.get("/account/sso/callback?error=access_denied&state=x");
    assert_eq!(denied.status, 403);
    assert!(denied.body.contains("access_denied"));
}

fn without_account_creation_only_linked_people_sign_in(backend: Backend) {
    let issuer = TestIssuer::start();
    ada(&issuer);
    let wharf = Wharf::with_config(
        backend,
        &config(
            &issuer,
            "create_accounts = false\npassword_sign_in = false\n",
        ),
    );
    let browser = WebClient::new(&wharf);
    let back = through_provider(&browser);
    let page = browser.get(&back);
    assert_eq!(page.status, 403, "{}", page.body);
    assert!(
        page.body.contains("account of this registry is linked"),
        "{}",
        page.body
    );

    // An administrator links the account; then the person signs in.
    wharf.cli(&["user", "add", "ada", "--email", "ada@example.org"]);
    wharf.execute(&format!(
        "INSERT INTO user_identities (issuer, subject, user_id, created_at) \
         SELECT '{}', 'person-1', id, 0 FROM users WHERE login = 'ada'",
        issuer.url
    ));
    let back = through_provider(&browser);
    assert_eq!(browser.get(&back).status, 303);
    signed_in_as(&browser, "ada");

    // Passwords are off: the form is gone and a posted one is refused.
    wharf.set_password("ada", "a password that no longer works");
    let other = WebClient::new(&wharf);
    let page = other.get("/account/signin");
    assert!(!page.body.contains("name=\"password\""));
    let csrf_page = other.get("/account/signup");
    let posted = other.post_form(
        "/account/signin",
        &[
            ("csrf", &csrf_page.csrf()),
            ("login", "ada"),
            ("password", "a password that no longer works"),
        ],
    );
    assert_eq!(posted.status, 403, "{}", posted.body);
}
