//! Two-factor sign-in on the web site, through a browser without JavaScript, on both databases:
//! enrolment with a first code, the code asked after the password, each code and recovery code
//! used once, wrong codes pausing code entry, a fresh code asked before tokens change, turning it
//! off, and owners refused without it where the operator requires it.

mod support;

use support::totp::{code_at, now};
use support::web::{Page, WebClient};
use support::{crate_file, metadata, publish_body, Backend, Wharf};

backend_tests!(
    signing_in_takes_a_code_once_and_recovery_codes_once,
    a_fresh_code_is_asked_before_tokens_change,
    owners_need_a_second_factor_where_required,
);

const PASSWORD: &str = "four ordinary words in a row";

/// A six-digit code that is none of the right ones around `unix_seconds`.
fn wrong_code(secret: &str, unix_seconds: u64) -> String {
    let right: Vec<String> = [unix_seconds - 30, unix_seconds, unix_seconds + 30]
        .iter()
        .map(|t| code_at(secret, *t))
        .collect();
    (0..)
        .map(|n: u32| format!("{:06}", (n * 7919) % 1_000_000))
        .find(|c| !right.contains(c))
        .unwrap()
}

/// The text of the element with `id` on the page.
fn element_text(page: &Page, id: &str) -> String {
    let start = page
        .body
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no #{id}: {}", page.body));
    let open = page.body[start..].find('>').unwrap() + start + 1;
    let close = page.body[open..].find("</").unwrap() + open;
    page.body[open..close].to_string()
}

/// The recovery codes listed on the page.
fn recovery_codes(page: &Page) -> Vec<String> {
    let start = page.body.find("id=\"recovery-codes\"").expect("codes");
    let end = page.body[start..].find("</ul>").unwrap() + start;
    page.body[start..end]
        .split("<code>")
        .skip(1)
        .map(|part| part[..part.find("</code>").unwrap()].to_string())
        .collect()
}

/// Signs `login` in (password only) and sets up two-factor sign-in; returns the browser, the
/// secret and the recovery codes.
fn enrolled(wharf: &Wharf, login: &str) -> (WebClient, String, Vec<String>) {
    wharf.set_password(login, PASSWORD);
    let browser = WebClient::new(wharf);
    browser.sign_in(login, PASSWORD);
    let refused = browser.submit(
        "/settings/2fa",
        "/settings/2fa/enrol",
        &[("password", "wrong")],
    );
    assert_eq!(refused.status, 403, "the password is asked first");
    let page = browser.submit(
        "/settings/2fa",
        "/settings/2fa/enrol",
        &[("password", PASSWORD)],
    );
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(
        page.body.contains("<svg"),
        "the QR code is drawn on the page"
    );
    let secret = element_text(&page, "totp-secret");
    // A wrong first code turns nothing on, and a new secret is shown.
    let wrong = browser.submit(
        "/settings/2fa",
        "/settings/2fa/confirm",
        &[("code", &wrong_code(&secret, now()))],
    );
    assert_eq!(wrong.status, 422, "{}", wrong.body);
    let secret = element_text(&wrong, "totp-secret");
    let done = browser.submit(
        "/settings/2fa",
        "/settings/2fa/confirm",
        &[("code", &code_at(&secret, now()))],
    );
    assert_eq!(done.status, 200, "{}", done.body);
    let codes = recovery_codes(&done);
    assert_eq!(codes.len(), 10);
    (browser, secret, codes)
}

fn sign_out(browser: &WebClient) {
    let out = browser.submit("/settings", "/account/signout", &[]);
    assert_eq!(out.status, 303, "{}", out.body);
}

/// Signs in with the password; returns where the code page is.
fn password_step(browser: &WebClient, login: &str) -> Page {
    let page = browser.submit(
        "/account/signin",
        "/account/signin",
        &[
            ("login", login),
            ("password", PASSWORD),
            ("next", "/settings"),
        ],
    );
    assert_eq!(page.status, 303, "{}", page.body);
    assert_eq!(page.location(), "/account/signin/code?next=%2Fsettings");
    page
}

fn code_step(browser: &WebClient, code: &str) -> Page {
    browser.submit(
        "/account/signin/code?next=%2Fsettings",
        "/account/signin/code",
        &[("code", code), ("next", "/settings")],
    )
}

fn signing_in_takes_a_code_once_and_recovery_codes_once(backend: Backend) {
    let wharf = Wharf::start(backend);
    wharf.user_with_token("alice");
    let (browser, secret, codes) = enrolled(&wharf, "alice");
    sign_out(&browser);

    // The password alone is not a sign-in.
    password_step(&browser, "alice");
    let settings = browser.get("/settings");
    assert_eq!(settings.status, 303);
    assert!(settings.location().starts_with("/account/signin"));
    let wrong = code_step(&browser, &wrong_code(&secret, now()));
    assert_eq!(wrong.status, 403, "{}", wrong.body);
    assert!(wrong.body.contains("code is not right"));
    // The next step's code: the enrolment used this one.
    let code = code_at(&secret, now() + 30);
    let signed_in = code_step(&browser, &code);
    assert_eq!(signed_in.status, 303, "{}", signed_in.body);
    assert_eq!(signed_in.location(), "/settings");
    assert_eq!(browser.get("/settings").status, 200);
    sign_out(&browser);

    // A code is used once.
    password_step(&browser, "alice");
    let replayed = code_step(&browser, &code);
    assert_eq!(replayed.status, 403, "{}", replayed.body);
    // A recovery code signs in once; the second use fails.
    let recovered = code_step(&browser, &codes[0].to_uppercase());
    assert_eq!(recovered.status, 303, "{}", recovered.body);
    sign_out(&browser);
    password_step(&browser, "alice");
    let again = code_step(&browser, &codes[0]);
    assert_eq!(again.status, 403, "{}", again.body);
    assert!(again.body.contains("used already"), "{}", again.body);

    // Wrong codes in a row pause code entry (the one above counted too).
    for _ in 0..4 {
        let wrong = code_step(&browser, &wrong_code(&secret, now()));
        assert_eq!(wrong.status, 403, "{}", wrong.body);
    }
    let paused = code_step(&browser, &codes[1]);
    assert_eq!(paused.status, 429, "{}", paused.body);
    assert!(
        paused.body.contains("oo many wrong codes"),
        "{}",
        paused.body
    );
    assert_eq!(
        wharf.query_i64(
            "SELECT COUNT(*) FROM audit_log WHERE action = 'user.second_factor_failed' AND target = $1",
            &format!("user-id:{}", wharf.query_i64("SELECT id FROM users WHERE login = $1", "alice")),
        ),
        7
    );

    // Phone and codes lost: the operator turns it off; the password alone signs in again.
    wharf.cli(&["user", "second-factor-off", "alice"]);
    let fresh = WebClient::new(&wharf);
    fresh.sign_in("alice", PASSWORD);
}

fn a_fresh_code_is_asked_before_tokens_change(backend: Backend) {
    let mut wharf = Wharf::start(backend);
    wharf.user_with_token("alice");
    let (browser, secret, codes) = enrolled(&wharf, "alice");
    // Just enrolled: the code is fresh, the token is made.
    let made = browser.submit(
        "/settings/tokens",
        "/settings/tokens",
        &[("name", "laptop"), ("expiry", "30")],
    );
    assert_eq!(made.status, 200, "{}", made.body);

    // A password given now waits at most ten minutes for its code.
    let late = WebClient::new(&wharf);
    password_step(&late, "alice");

    // Sixteen minutes on, the same session must give a code again first.
    let later = 16 * 60;
    wharf.set_env("WHARF_CLOCK_OFFSET_SECONDS", Some(&later.to_string()));
    wharf.restart();
    let expired = late.get("/account/signin/code?next=%2Fsettings");
    assert_eq!(expired.status, 303, "the waiting session expired");
    assert_eq!(expired.location(), "/account/signin");
    let asked = browser.submit(
        "/settings/tokens",
        "/settings/tokens",
        &[("name", "desk"), ("expiry", "30")],
    );
    assert_eq!(asked.status, 303, "{}", asked.body);
    assert_eq!(
        asked.location(),
        "/account/confirm?next=%2Fsettings%2Ftokens"
    );
    let confirmed = browser.submit(
        "/account/confirm?next=%2Fsettings%2Ftokens",
        "/account/confirm",
        &[
            ("code", &code_at(&secret, now() + later + 30)),
            ("next", "/settings/tokens"),
        ],
    );
    assert_eq!(confirmed.status, 303, "{}", confirmed.body);
    assert_eq!(confirmed.location(), "/settings/tokens");
    let made = browser.submit(
        "/settings/tokens",
        "/settings/tokens",
        &[("name", "desk"), ("expiry", "30")],
    );
    assert_eq!(made.status, 200, "{}", made.body);

    // Turning it off takes a code too; then the password alone signs in.
    let refused = browser.submit("/settings/2fa", "/settings/2fa/disable", &[("code", "")]);
    assert_ne!(refused.status, 303);
    let off = browser.submit(
        "/settings/2fa",
        "/settings/2fa/disable",
        &[("code", &codes[3])],
    );
    assert_eq!(off.status, 303, "{}", off.body);
    sign_out(&browser);
    browser.sign_in("alice", PASSWORD);
}

fn owners_need_a_second_factor_where_required(backend: Backend) {
    let wharf = Wharf::with_config(backend, "[accounts]\nrequire_2fa_for_owners = true\n");
    let token = wharf.user_with_token("alice");
    let publish = |version: &str| {
        wharf.publish_raw(
            &token,
            publish_body(
                &metadata("tidewater", version),
                &crate_file("tidewater", version, &[]),
            ),
        )
    };
    let refused = publish("0.1.0");
    assert_eq!(refused.status(), 403);
    assert!(support::error_detail(refused).contains("two factors"));
    enrolled(&wharf, "alice");
    assert_eq!(publish("0.1.0").status(), 200);
}
