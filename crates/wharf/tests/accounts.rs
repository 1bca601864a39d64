//! Accounts on the web site, through its forms as a browser without JavaScript sends them: sign
//! up, verify the address from the real e-mail, sign in and out, password reset, the protections
//! against fake accounts and guessing, and CSRF.

mod support;

use support::web::WebClient;
use support::{Backend, Wharf};

/// The link in a message that starts with `prefix`, up to the end of its line.
fn link_in(body: &str, prefix: &str) -> String {
    let start = body
        .find(prefix)
        .unwrap_or_else(|| panic!("no link starting {prefix} in: {body}"));
    body[start..].split_whitespace().next().unwrap().to_string()
}

/// The path of an absolute link on this server.
fn path_of<'a>(wharf: &Wharf, link: &'a str) -> &'a str {
    link.strip_prefix(&wharf.url).unwrap()
}

fn sign_up(browser: &WebClient, login: &str, email: &str, password: &str) -> support::web::Page {
    browser.submit(
        "/account/signup",
        "/account/signup",
        &[
            ("login", login),
            ("email", email),
            ("password", password),
            ("confirm", password),
        ],
    )
}

fn signing_up_verifying_and_signing_in(backend: Backend) {
    let (wharf, sink) = Wharf::with_mail_sink(backend, "");
    let browser = WebClient::new(&wharf);

    let created = sign_up(
        &browser,
        "Carol",
        "carol@example.org",
        "a long enough password",
    );
    assert_eq!(created.status, 303, "{}", created.body);
    assert_eq!(created.location(), "/settings?welcome=1");
    // Signed in at once, with the address not yet verified.
    let settings = browser.get(&created.location());
    assert_eq!(settings.status, 200, "{}", settings.body);
    assert!(
        settings.body.contains("is not verified yet"),
        "{}",
        settings.body
    );
    assert!(
        settings
            .body
            .contains("We sent a link to carol@example.org to verify it"),
        "{}",
        settings.body
    );
    assert_eq!(
        wharf.get_json("/api/v1/users/carol")["user"]["login"],
        "Carol"
    );

    // The real message carries the one-time link; opening it verifies the address.
    let mail = sink.wait_for("carol@example.org", "Verify your e-mail address");
    let link = link_in(&mail.body, &format!("{}/account/verify/", wharf.url));
    let verified = browser.get(path_of(&wharf, &link));
    assert_eq!(verified.status, 200, "{}", verified.body);
    assert!(verified.body.contains("Address verified"));
    assert!(!browser
        .get("/settings")
        .body
        .contains("is not verified yet"));
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM users WHERE login_canonical = $1 AND email_verified = TRUE",
            "carol"
        ),
        1
    );
    // A link works once.
    let again = browser.get(path_of(&wharf, &link));
    assert_eq!(again.status, 410, "{}", again.body);
    // The sent copy of the message no longer holds the secret (the worker marks it sent just
    // after the SMTP server took it).
    let secret = link.rsplit('/').next().unwrap();
    let kept = || {
        wharf.query_i64(
            "SELECT COUNT(*) FROM outbox WHERE kind = 'verify_email' AND payload LIKE '%' || $1 || '%'",
            secret,
        )
    };
    for _ in 0..50 {
        if kept() == 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    assert_eq!(kept(), 0);

    // Signing out ends the session in the database, not only in this browser.
    let settings = browser.get("/settings");
    let out = browser.post_form("/account/signout", &[("csrf", &settings.csrf())]);
    assert_eq!(out.status, 303);
    assert_eq!(browser.get("/settings").status, 303);
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM sessions JOIN users ON users.id = sessions.user_id WHERE users.login_canonical = $1",
            "carol"
        ),
        0
    );

    // Names are not case-sensitive; passwords are.
    let wrong = browser.submit(
        "/account/signin",
        "/account/signin",
        &[("login", "carol"), ("password", "A long enough password")],
    );
    assert_eq!(wrong.status, 401, "{}", wrong.body);
    assert!(wrong.body.contains("do not match"));
    browser.sign_in("CAROL", "a long enough password");
    let settings = browser.get("/settings");
    assert!(settings.body.contains("Signed-in browsers"));
    assert!(settings.body.contains("wharf-tests-browser"));

    // The audit log names the session behind each change.
    assert!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'session.start' AND session_id IS NOT NULL AND target = $1",
            "user:Carol"
        ) >= 2
    );
    // Nothing but a hash of the password is kept.
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM users WHERE password_hash LIKE '$argon2id$%' AND login_canonical = $1",
            "carol"
        ),
        1
    );
}

fn sign_up_refuses_what_the_rules_refuse(backend: Backend) {
    let wharf = Wharf::start(backend);
    wharf.user_with_token("alice");
    let browser = WebClient::new(&wharf);
    for (login, email, password, status, words) in [
        (
            "Alice",
            "a@example.org",
            "a long enough password",
            409,
            "taken",
        ),
        (
            "site_admin",
            "a@example.org",
            "a long enough password",
            422,
            "reserved",
        ),
        (
            "Moderators",
            "a@example.org",
            "a long enough password",
            422,
            "reserved",
        ),
        (
            "dave",
            "dave@mailinator.com",
            "a long enough password",
            422,
            "not accepted",
        ),
        (
            "dave",
            "dave@eu.yopmail.com",
            "a long enough password",
            422,
            "not accepted",
        ),
        (
            "dave",
            "not-an-address",
            "a long enough password",
            422,
            "does not look like",
        ),
        ("dave", "dave@example.org", "short", 422, "at least 10"),
        (
            "-dave",
            "dave@example.org",
            "a long enough password",
            422,
            "invalid login",
        ),
    ] {
        let page = sign_up(&browser, login, email, password);
        assert_eq!(page.status, status, "{login} {email}: {}", page.body);
        assert!(page.body.contains(words), "{login} {email}: {}", page.body);
        // The form comes back filled in, so the visitor fixes one field and sends it again.
        assert!(
            page.body.contains(&format!("value=\"{login}\"")),
            "{}",
            page.body
        );
    }
    let mismatch = browser.submit(
        "/account/signup",
        "/account/signup",
        &[
            ("login", "dave"),
            ("email", "dave@example.org"),
            ("password", "a long enough password"),
            ("confirm", "a different password!"),
        ],
    );
    assert_eq!(mismatch.status, 422);
    assert!(mismatch.body.contains("The two passwords differ"));
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM users WHERE login_canonical = $1",
            "dave"
        ),
        0
    );

    // The operator's lists change what is refused.
    wharf.cli(&["admin", "blocked-email-domain", "add", "example.net"]);
    let blocked = sign_up(
        &browser,
        "dave",
        "dave@mail.example.net",
        "a long enough password",
    );
    assert_eq!(blocked.status, 422, "{}", blocked.body);
    wharf.cli(&["admin", "reserved-login", "remove", "support"]);
    let freed = sign_up(
        &browser,
        "support",
        "s@example.org",
        "a long enough password",
    );
    assert_eq!(freed.status, 303, "{}", freed.body);
}

fn sign_ups_are_limited_per_address(backend: Backend) {
    let wharf = Wharf::with_config(backend, "[accounts]\nsignups_per_hour = 2\n");
    for n in 0..2 {
        let browser = WebClient::new(&wharf);
        let login = format!("user{n}");
        let page = sign_up(
            &browser,
            &login,
            &format!("{login}@example.org"),
            "a long enough password",
        );
        assert_eq!(page.status, 303, "{}", page.body);
    }
    let browser = WebClient::new(&wharf);
    let third = sign_up(
        &browser,
        "user2",
        "user2@example.org",
        "a long enough password",
    );
    assert_eq!(third.status, 429, "{}", third.body);
    assert!(third.body.contains("Too many accounts"));
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM users WHERE login_canonical = $1",
            "user2"
        ),
        0
    );
}

fn sign_up_can_be_closed(backend: Backend) {
    let wharf = Wharf::with_config(backend, "[accounts]\nsignup = false\n");
    let browser = WebClient::new(&wharf);
    let form = browser.get("/account/signup");
    assert!(form.body.contains("does not take new accounts"));
    // A form posted anyway (with a valid token from another page) is refused.
    let page = browser.submit(
        "/account/signin",
        "/account/signup",
        &[
            ("login", "eve"),
            ("email", "eve@example.org"),
            ("password", "a long enough password"),
            ("confirm", "a long enough password"),
        ],
    );
    assert_eq!(page.status, 403, "{}", page.body);
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM users WHERE login_canonical = $1",
            "eve"
        ),
        0
    );
}

fn failed_sign_ins_make_the_account_wait(backend: Backend) {
    let wharf = Wharf::start(backend);
    wharf.user_with_token("alice");
    wharf.set_password("alice", "the right password");
    let browser = WebClient::new(&wharf);
    for attempt in 0..5 {
        let page = browser.submit(
            "/account/signin",
            "/account/signin",
            &[("login", "alice"), ("password", "a wrong guess")],
        );
        assert_eq!(page.status, 401, "attempt {attempt}: {}", page.body);
    }
    // Now even the right password waits: guessing is slowed for everyone, from any address.
    let other_browser = WebClient::new(&wharf);
    let page = other_browser.submit(
        "/account/signin",
        "/account/signin",
        &[("login", "alice"), ("password", "the right password")],
    );
    assert_eq!(page.status, 429, "{}", page.body);
    assert!(
        page.body.contains("too many failed sign-ins"),
        "{}",
        page.body
    );
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'session.sign_in_failed' AND target = $1",
            "user:alice"
        ),
        5
    );
    // An operator's new password clears the count.
    wharf.set_password("alice", "the new right password");
    other_browser.sign_in("alice", "the new right password");
    // An account without a password cannot be signed into at all.
    wharf.user_with_token("tokenonly");
    let page = browser.submit(
        "/account/signin",
        "/account/signin",
        &[("login", "tokenonly"), ("password", "")],
    );
    assert_eq!(page.status, 401, "{}", page.body);
}

fn sign_ins_are_limited_per_address(backend: Backend) {
    let wharf = Wharf::with_config(backend, "[accounts]\nsign_ins_per_minute = 3\n");
    let browser = WebClient::new(&wharf);
    let mut statuses = Vec::new();
    for n in 0..4 {
        let page = browser.submit(
            "/account/signin",
            "/account/signin",
            &[
                ("login", &format!("nobody{n}")),
                ("password", "whatever it is"),
            ],
        );
        statuses.push(page.status);
    }
    assert_eq!(statuses, [401, 401, 401, 429]);
}

fn password_reset_by_e_mail(backend: Backend) {
    let (mut wharf, sink) = Wharf::with_mail_sink(backend, "");
    wharf.user_with_token("alice");
    wharf.set_password("alice", "the old password");
    let old_browser = WebClient::new(&wharf);
    old_browser.sign_in("alice", "the old password");

    let browser = WebClient::new(&wharf);
    // The answer is the same whether or not an account exists.
    let unknown = browser.submit(
        "/account/reset",
        "/account/reset",
        &[("who", "nobody@example.org")],
    );
    let known = browser.submit(
        "/account/reset",
        "/account/reset",
        &[("who", "ALICE@example.org")],
    );
    assert_eq!(unknown.status, 200);
    assert_eq!(known.status, 200);
    let strip = |body: &str| body.replace(&browser.get("/account/reset").csrf(), "");
    assert_eq!(strip(&unknown.body), strip(&known.body));

    let mail = sink.wait_for("alice@example.org", "Reset your password");
    let link = link_in(&mail.body, &format!("{}/account/reset/", wharf.url));
    let path = path_of(&wharf, &link).to_string();
    let short = browser.submit(&path, &path, &[("password", "short"), ("confirm", "short")]);
    assert_eq!(short.status, 422, "{}", short.body);
    let saved = browser.submit(
        &path,
        &path,
        &[
            ("password", "the new password"),
            ("confirm", "the new password"),
        ],
    );
    assert_eq!(saved.status, 303, "{}", saved.body);
    // Every session ended: the browser signed in with the old password is signed out.
    assert_eq!(old_browser.get("/settings").status, 303);
    let old = browser.submit(
        "/account/signin",
        "/account/signin",
        &[("login", "alice"), ("password", "the old password")],
    );
    assert_eq!(old.status, 401);
    browser.sign_in("alice", "the new password");
    // The link is spent.
    assert_eq!(browser.get(&path).status, 410);
    assert_eq!(browser.get("/account/reset/not-a-real-link").status, 410);

    // Sent mail stays in the database for 30 days: a server starting 31 days on deletes it.
    let sent = |wharf: &Wharf| {
        wharf.query_i64(
            "SELECT COUNT(*) FROM outbox WHERE recipient = $1 AND sent_at IS NOT NULL",
            "alice@example.org",
        )
    };
    assert!(sent(&wharf) >= 1);
    wharf.set_env(
        "WHARF_CLOCK_OFFSET_SECONDS",
        Some(&(31 * 24 * 60 * 60).to_string()),
    );
    wharf.restart();
    assert_eq!(sent(&wharf), 0);
}

fn forms_without_the_page_s_token_change_nothing(backend: Backend) {
    let wharf = Wharf::start(backend);
    let browser = WebClient::new(&wharf);
    // Browsing sets no cookie; only the account pages, whose forms need the token, do.
    for path in ["/", "/search?q=x", "/policy"] {
        assert!(
            browser.get(path).headers.get("set-cookie").is_none(),
            "GET {path}"
        );
    }
    assert!(browser
        .get("/account/signin")
        .headers
        .get("set-cookie")
        .is_some_and(|c| c.to_str().unwrap().starts_with("wharf_csrf=")));
    // Another site can make the browser post, but cannot read the token the form needs.
    let forged = browser.post_form(
        "/account/signup",
        &[
            ("login", "mallory"),
            ("email", "m@example.org"),
            ("password", "a long enough password"),
            ("confirm", "a long enough password"),
        ],
    );
    assert_eq!(forged.status, 403, "{}", forged.body);
    assert!(forged.body.contains("The form has expired"));
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM users WHERE login_canonical = $1",
            "mallory"
        ),
        0
    );
    wharf.user_with_token("alice");
    wharf.set_password("alice", "a long enough password");
    browser.sign_in("alice", "a long enough password");
    // A signed-in form needs the session's token, not the anonymous one from before.
    let stale = browser.post_form("/account/signout", &[("csrf", "x".repeat(43).as_str())]);
    assert_eq!(stale.status, 403);
    assert_eq!(browser.get("/settings").status, 200);
    // Pages are marked as this visitor's own once signed in.
    let page = browser.get("/settings");
    assert_eq!(
        page.headers.get("cache-control").unwrap(),
        "private, no-store"
    );
    let cookie = page
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .collect::<Vec<_>>();
    assert!(
        cookie.is_empty(),
        "no new cookies on an ordinary page: {cookie:?}"
    );
}

fn session_cookies_are_http_only_and_same_site(backend: Backend) {
    let wharf = Wharf::start(backend);
    wharf.user_with_token("alice");
    wharf.set_password("alice", "a long enough password");
    let browser = WebClient::new(&wharf);
    let response = browser.submit(
        "/account/signin",
        "/account/signin",
        &[("login", "alice"), ("password", "a long enough password")],
    );
    let cookie = response
        .headers
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_string())
        .find(|c| c.starts_with("wharf_session="))
        .expect("a session cookie");
    assert!(cookie.contains("HttpOnly"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"), "{cookie}");
    assert!(cookie.contains("Path=/"), "{cookie}");
    // Served over plain HTTP here, so not Secure (the browser would drop it).
    assert!(!cookie.contains("Secure"), "{cookie}");
    // Only a hash of the cookie's secret is stored.
    let secret = cookie
        .trim_start_matches("wharf_session=")
        .split(';')
        .next()
        .unwrap();
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM sessions WHERE secret_hash = $1 OR csrf_token = $1",
            secret
        ),
        0
    );
}

fn suspended_accounts_cannot_sign_in(backend: Backend) {
    let wharf = Wharf::start(backend);
    wharf.user_with_token("alice");
    wharf.set_password("alice", "a long enough password");
    let signed_in = WebClient::new(&wharf);
    signed_in.sign_in("alice", "a long enough password");
    wharf.cli(&[
        "admin",
        "act",
        "suspend",
        "user:alice",
        "--reason",
        "publishing spam",
    ]);
    // The open session stops working at once.
    assert_eq!(signed_in.get("/settings").status, 303);
    let browser = WebClient::new(&wharf);
    let page = browser.submit(
        "/account/signin",
        "/account/signin",
        &[("login", "alice"), ("password", "a long enough password")],
    );
    assert_eq!(page.status, 403, "{}", page.body);
    assert!(page.body.contains("suspended"), "{}", page.body);
    assert!(page.body.contains("publishing spam"), "{}", page.body);
}

fn signing_in_returns_to_the_page_asked_for_but_never_elsewhere(backend: Backend) {
    let wharf = Wharf::start(backend);
    wharf.user_with_token("alice");
    wharf.set_password("alice", "a long enough password");
    let browser = WebClient::new(&wharf);
    let to_settings = browser.get("/settings");
    assert_eq!(to_settings.status, 303);
    assert_eq!(to_settings.location(), "/account/signin?next=%2Fsettings");
    for (next, expected) in [
        ("/crates/x?tab=1", "/crates/x?tab=1"),
        ("https://evil.example/", "/settings"),
        ("//evil.example/", "/settings"),
        ("/\\evil.example", "/settings"),
        ("/\t/evil.example", "/settings"),
        ("/\n/evil.example", "/settings"),
    ] {
        let page = browser.submit(
            "/account/signin",
            "/account/signin",
            &[
                ("login", "alice"),
                ("password", "a long enough password"),
                ("next", next),
            ],
        );
        assert_eq!(page.status, 303, "{}", page.body);
        assert_eq!(page.location(), expected, "next={next}");
    }
    // cargo's login_url leads to the token page.
    assert_eq!(browser.get("/me").location(), "/settings/tokens");
}

/// Signs `login` up on the site (address not verified), gives them a token with the operator's
/// command (which does not ask about verification), and publishes `name` 1.0.0 with it.
fn sign_up_and_publish(wharf: &Wharf, login: &str, name: &str) -> reqwest::blocking::Response {
    let browser = WebClient::new(wharf);
    let email = format!("{login}@example.org");
    let created = sign_up(&browser, login, &email, "a long enough password");
    assert_eq!(created.status, 303, "{}", created.body);
    let token = wharf.cli(&["token", "new", login]).trim().to_string();
    publish_with(wharf, &token, name)
}

fn publish_with(wharf: &Wharf, token: &str, name: &str) -> reqwest::blocking::Response {
    wharf.publish_raw(
        token,
        support::publish_body(
            &support::metadata(name, "1.0.0"),
            &support::crate_file(name, "1.0.0", &[]),
        ),
    )
}

/// An account whose address nobody verified cannot publish, whatever token it holds; verifying
/// it (here by the operator) is enough. A private registry can turn the rule off.
fn publishing_needs_a_verified_address(backend: Backend) {
    let wharf = Wharf::start(backend);
    let refused = sign_up_and_publish(&wharf, "erin", "erins-crate");
    assert_eq!(refused.status(), 403);
    let detail = support::error_detail(refused);
    assert!(
        detail.contains("verify your e-mail address before publishing"),
        "{detail}"
    );
    assert_eq!(
        wharf.query_i64("SELECT COUNT(*) FROM crates WHERE name = $1", "erins-crate"),
        0
    );

    wharf.cli(&["user", "verify", "erin"]);
    let token = wharf.cli(&["token", "new", "erin"]).trim().to_string();
    assert_eq!(publish_with(&wharf, &token, "erins-crate").status(), 200);

    let relaxed = Wharf::with_config(
        backend,
        "[accounts]\nsignup = true\npublish_requires_verified_email = false\n",
    );
    let published = sign_up_and_publish(&relaxed, "frank", "franks-crate");
    assert_eq!(published.status(), 200);
}

backend_tests!(
    publishing_needs_a_verified_address,
    signing_up_verifying_and_signing_in,
    sign_up_refuses_what_the_rules_refuse,
    sign_ups_are_limited_per_address,
    sign_up_can_be_closed,
    failed_sign_ins_make_the_account_wait,
    sign_ins_are_limited_per_address,
    password_reset_by_e_mail,
    forms_without_the_page_s_token_change_nothing,
    session_cookies_are_http_only_and_same_site,
    suspended_accounts_cannot_sign_in,
    signing_in_returns_to_the_page_asked_for_but_never_elsewhere,
);
