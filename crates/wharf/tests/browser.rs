//! The web site in a real browser: headless Chromium, driven through WebDriver, visits every page
//! a visitor can reach today against a real server holding crates published by the real `cargo`.
//! Each page is screenshotted (`target/screenshots/`), checked by axe-core for accessibility, and
//! checked to show what it is for; the forms are used with JavaScript switched off; the narrow
//! (phone) layout must not scroll sideways; the dark colour scheme must keep its contrast.
//!
//! One backend is enough here: what these tests look at is rendered HTML and CSS, which
//! `tests/web.rs` already shows to be the same on SQLite and PostgreSQL. Without Chromium,
//! chromedriver or axe-core they are skipped, except under CI (see `support/browser.rs`).

mod support;

use support::browser::{AxeRules, Browser, Violation, DESKTOP, MOBILE};
use support::totp::{code_at, now};
use support::{Backend, Wharf};

const LIB: &str = "pub fn light() -> &'static str { \"on\" }\n";

const README: &str = "# Harbour lights\n\n\
Guides ships home safely, on any coast.\n\n\
## Usage\n\n\
```rust\n// The light at the entrance, numbered 42.\nlet light = harbour_lights::light();\nassert_eq!(light, \"on\");\n\
let beacon = harbour_lights::Beacon::builder().range_nautical_miles(18).period_seconds(10).build();\n```\n\n\
| Light | Colour | Range | Period |\n|---|---|---|---|\n\
| Harbour entrance, north mole | white | 18 nautical miles | 10 seconds |\n\
| Inner basin | red | 4 nautical miles | 3 seconds |\n\n\
See [the guide](docs/guide.md) for the details.\n\n\
![A lighthouse at dusk](img/lighthouse.png)\n";

/// The registry the tour visits: three of alice's crates and versions, one of bob's depending
/// on it, a team, a yanked version and a few downloads.
fn registry() -> Wharf {
    let wharf = Wharf::start(Backend::Sqlite);
    let alice_token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    let manifest = "readme = \"README.md\"\n\
                    keywords = [\"boats\", \"lighting\"]\n\
                    categories = [\"embedded\", \"rendering\"]\n\
                    repository = \"https://github.com/example/harbour-lights\"\n\
                    [features]\ndefault = [\"glow\"]\nglow = []\n";
    for version in ["0.1.0", "0.2.0", "0.3.0"] {
        let dir = alice.new_crate("harbour-lights", version, manifest, LIB);
        std::fs::write(dir.join("README.md"), README).unwrap();
        alice.publish_ok(&dir);
    }
    let dir = alice.new_crate("harbour-lights", "0.1.0", manifest, LIB);
    alice.cargo_ok(&dir, &["yank", "--registry", "wharf", "--version", "0.1.0"]);
    wharf.cli(&["team", "add", "crew", "--maintainer", "alice"]);
    alice.cargo_ok(
        &dir,
        &["owner", "--add", "team:crew", "--registry", "wharf"],
    );
    alice.publish_ok(&alice.new_crate("harbour-tugs", "1.0.0", "keywords = [\"boats\"]\n", LIB));

    let bob_token = wharf.user_with_token("bob");
    let bob = wharf.cargo_user("bob").with_token(&bob_token);
    bob.publish_ok(&bob.new_crate(
        "dinghy",
        "1.0.0",
        "\n[dependencies]\nharbour-lights = { version = \"0.2\", registry = \"wharf\" }\n",
        LIB,
    ));
    for _ in 0..3 {
        let response = wharf.get("/api/v1/crates/harbour-lights/0.3.0/download");
        assert_eq!(response.status(), 200);
    }
    wharf
}

/// The page list of the tour: a name for its screenshot, the path, and a CSS selector with text
/// that must be visible — the thing the page is for.
const PAGES: &[(&str, &str, &str, &str)] = &[
    ("home", "/", "h1", "Find and share Rust crates"),
    ("search", "/search?q=harbour", ".crates", "harbour-tugs"),
    (
        "crate",
        "/crates/harbour-lights",
        ".readme h2",
        "Harbour lights",
    ),
    (
        "versions",
        "/crates/harbour-lights/versions",
        "table.versions",
        "0.1.0 yanked",
    ),
    (
        "version-yanked",
        "/crates/harbour-lights/0.1.0",
        ".banner.warn",
        "Version 0.1.0 is yanked",
    ),
    (
        "crate-features",
        "/crates/harbour-lights",
        ".features",
        "glow",
    ),
    ("dependent", "/crates/dinghy", ".deps", "harbour-lights"),
    ("user", "/users/alice", ".crates", "harbour-lights"),
    ("team", "/teams/crew", ".plain", "alice"),
    ("keyword", "/keywords/boats", ".crates", "harbour-tugs"),
    (
        "category",
        "/categories/embedded",
        ".crates",
        "harbour-lights",
    ),
    ("signin", "/account/signin", "form.stack", "Password"),
    ("signup", "/account/signup", "form.stack", "E-mail address"),
    (
        "reset",
        "/account/reset",
        "form.stack",
        "User name or e-mail address",
    ),
    ("keywords", "/keywords", ".tag-index", "boats"),
    (
        "categories",
        "/categories",
        ".tag-index",
        "Embedded development",
    ),
    ("policy", "/policy", "h1", "usage policy"),
    ("security", "/security", "h1", "Security"),
    ("data-access", "/data-access", "h1", "Data access"),
    ("not-found", "/no/such/page", "h1", "Page not found"),
];

/// The pages also looked at in a phone-sized window and in the dark colour scheme.
const NARROW_PAGES: &[(&str, &str)] = &[
    ("home", "/"),
    ("search", "/search?q=harbour"),
    ("crate", "/crates/harbour-lights"),
    ("versions", "/crates/harbour-lights/versions"),
    ("signup", "/account/signup"),
    ("policy", "/policy"),
];

#[test]
fn every_page_is_usable_accessible_and_looks_right() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let wharf = registry();
    browser.set_site(&wharf.url);
    let mut violations: Vec<Violation> = Vec::new();

    for (name, path, selector, text) in PAGES {
        browser.goto(path);
        browser.screenshot(name);
        browser.assert_shows("h1", "");
        browser.assert_shows(selector, text);
        violations.extend(browser.axe(AxeRules::Full));
    }

    // What the crate page is for, beyond its README's title: the rendered code block, the
    // relative link resolved into the repository, the image's alternative text, the install line.
    browser.goto("/crates/harbour-lights");
    browser.assert_shows(".readme pre", "let light = harbour_lights::light();");
    browser.assert_shows(
        ".readme a[href='https://github.com/example/harbour-lights/blob/HEAD/docs/guide.md']",
        "the guide",
    );
    assert!(browser.is_visible(".readme img[alt='A lighthouse at dusk']"));
    browser.assert_shows(".readme table", "Harbour entrance, north mole");
    assert!(
        browser
            .text_of(".facts")
            .contains("cargo add harbour-lights --registry wharf"),
        "{}",
        browser.text_of(".facts")
    );
    browser.assert_shows(".tags", "#boats");
    browser.assert_shows("svg.chart", "");

    browser.goto("/categories/embedded");
    assert_eq!(browser.text_of("main > p.meta"), "1 crate");

    // A phone: nothing may make the page scroll sideways, and the checks still pass.
    browser.set_window_size(MOBILE);
    for (name, path) in NARROW_PAGES {
        browser.goto(path);
        browser.screenshot(&format!("mobile-{name}"));
        let overflow = browser.horizontal_overflow();
        assert!(
            overflow.is_empty(),
            "{path} at {}px wide scrolls sideways because of: {overflow:?}",
            MOBILE.0
        );
        violations.extend(browser.axe(AxeRules::Full));
    }
    browser.set_window_size(DESKTOP);

    // The dark colour scheme: same pages, other colours; contrast is what can differ.
    browser.set_dark_scheme(true);
    for (name, path) in NARROW_PAGES
        .iter()
        .chain([&("version-yanked", "/crates/harbour-lights/0.1.0")])
    {
        browser.goto(path);
        browser.screenshot(&format!("dark-{name}"));
        violations.extend(browser.axe(AxeRules::Contrast));
    }
    browser.set_dark_scheme(false);

    let report: String = violations.iter().map(|v| v.to_string()).collect();
    std::fs::write(
        support::browser::screenshot_dir().join("axe-violations.txt"),
        if report.is_empty() { "none\n" } else { &report },
    )
    .unwrap();
    assert!(
        violations.is_empty(),
        "axe found {} accessibility violations:\n{report}",
        violations.len()
    );
}

#[test]
fn searching_and_browsing_need_no_javascript() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let wharf = registry();
    browser.set_site(&wharf.url);
    browser.set_scripts_disabled(true);
    // The switch works: a page's own script does not run.
    browser.goto("data:text/html,<title>before</title><script>document.title='after'</script>");
    assert_eq!(browser.title(), "before");

    // The home page's search form, submitted with Enter.
    browser.goto("/");
    browser.fill("Search crates by name, description or keyword", "harbour");
    browser.press_enter_in("Search crates by name, description or keyword");
    assert_eq!(browser.path(), "/search?q=harbour");
    browser.assert_shows(".crates", "harbour-lights");
    browser.assert_shows(".crates", "harbour-tugs");

    // The header's search box, submitted with its button.
    browser.fill("Search crates", "dinghy");
    browser.click_button_of("Search crates", "Search");
    assert_eq!(browser.path(), "/search?q=dinghy");
    browser.assert_shows(".crates", "dinghy");

    // Sorting is a form too.
    browser.goto("/search?q=harbour");
    browser.select("Sort by", "Downloads");
    browser.click_button("Sort");
    assert!(
        browser.path().contains("sort=downloads"),
        "{}",
        browser.path()
    );

    // Pages of results, then a crate, its versions and back through links.
    browser.goto("/search?q=harbour&per_page=1");
    browser.click_link("Next →");
    assert!(browser.path().contains("page=2"), "{}", browser.path());
    browser.assert_shows(".meta", "page 2 of 2");
    browser.goto("/crates/harbour-lights");
    browser.click_link("0.2.0");
    assert_eq!(browser.path(), "/crates/harbour-lights/0.2.0");
    browser.click_link("0.3.0");
    assert_eq!(browser.path(), "/crates/harbour-lights");
    // Reporting needs an account: the link leads to signing in, which comes back afterwards.
    browser.click_link("Report this crate");
    browser.assert_shows("h1", "Sign in");
    assert!(
        browser
            .path()
            .ends_with("next=%2Fcrates%2Fharbour-lights%2Freport"),
        "{}",
        browser.path()
    );
    browser.click_link("Usage policy");
    assert_eq!(browser.path(), "/policy");
}

/// The journey the issue names, in the browser from start to end: a person signs up, verifies the
/// address from the real e-mail, creates a token and publishes with cargo using it; their crate's
/// page shows the README; someone else reports it from the crate page; a moderator finds the report
/// in the dashboard and suspends the publisher; the publisher's page then says so. Every page on
/// the way is screenshotted and checked by axe.
#[test]
fn from_sign_up_to_suspension() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let (wharf, mail) = Wharf::with_mail_sink(Backend::Sqlite, "");
    browser.set_site(&wharf.url);
    let mut violations: Vec<Violation> = Vec::new();
    let mut look = |browser: &Browser, name: &str| {
        browser.screenshot(name);
        violations.extend(browser.axe(AxeRules::Full));
    };

    // Sign up: signed in at once, the address not yet verified.
    browser.goto("/");
    browser.click_link("Sign up");
    browser.fill("User name", "dave");
    browser.fill("E-mail address", "dave@example.org");
    browser.fill("Password", "three ordinary words");
    browser.fill("Password again", "three ordinary words");
    browser.click_button("Create account");
    assert_eq!(browser.path(), "/settings?welcome=1");
    browser.assert_shows(".banner.warn", "not verified yet");
    look(&browser, "journey-1-signed-up");
    browser.goto("/settings/tokens");
    browser.assert_shows("main", "verif");
    look(&browser, "journey-2-tokens-unverified");

    // Verify from the message itself.
    let message = mail.wait_for("dave@example.org", "Verify your e-mail address");
    let prefix = format!("{}/account/verify/", wharf.url);
    let link = message
        .body
        .split_whitespace()
        .find(|word| word.starts_with(&prefix))
        .expect("a verification link")
        .to_string();
    browser.goto(link.strip_prefix(&wharf.url).unwrap());
    browser.assert_shows("h1", "Address verified");
    look(&browser, "journey-3-verified");

    // A token, shown once, then used by cargo.
    browser.goto("/settings/tokens");
    browser.fill("Name", "laptop");
    browser.click_button("Create token");
    browser.assert_shows("h1", "Your new API token");
    let token = browser.text_of("#token-secret");
    assert!(token.starts_with("wharf_"), "{token}");
    look(&browser, "journey-4-token-created");
    browser.goto("/settings/tokens");
    browser.assert_shows("main", "laptop");
    assert!(
        !browser.text().contains(&token),
        "a token is shown only once"
    );

    let dave = wharf.cargo_user("dave").with_token(&token);
    let dir = dave.new_crate(
        "dave-tools",
        "0.1.0",
        "readme = \"README.md\"\nrepository = \"https://github.com/example/dave-tools\"\n",
        LIB,
    );
    std::fs::write(
        dir.join("README.md"),
        "# Dave's tools\n\nSmall helpers for boat yards.\n",
    )
    .unwrap();
    dave.publish_ok(&dir);
    browser.goto("/crates/dave-tools");
    browser.assert_shows(".readme h2", "Dave's tools");
    look(&browser, "journey-5-crate");
    // The owner sees the policy's findings section; it is for owners and moderators only.
    browser.assert_shows("main", "Policy findings");
    browser.click_button("Sign out");
    assert!(!browser.text().contains("Policy findings"));

    // Someone else reports it, from the crate page (signing in on the way).
    wharf.cli(&["user", "add", "erin", "--email", "erin@example.org"]);
    wharf.set_password("erin", "erin's long password");
    browser.goto("/crates/dave-tools");
    browser.click_link("Report this crate");
    browser.assert_shows("h1", "Sign in");
    look(&browser, "journey-6-sign-in");
    browser.fill("User name", "erin");
    browser.fill("Password", "erin's long password");
    browser.click_button("Sign in");
    assert_eq!(browser.path(), "/crates/dave-tools/report");
    browser.select("What is wrong", "Malicious code");
    browser.fill(
        "Details",
        "src/lib.rs sends the contents of ~/.ssh to a server at build time.",
    );
    look(&browser, "journey-7-report-form");
    browser.click_button("Send the report");
    browser.assert_shows("h1", "Report sent");
    look(&browser, "journey-8-report-filed");
    mail.wait_for("erin@example.org", "received");
    browser.click_button("Sign out");

    // A moderator finds it in the queue and suspends the publisher.
    wharf.cli(&["user", "add", "mo", "--email", "mo@example.org"]);
    wharf.cli(&["user", "role", "mo", "moderator"]);
    wharf.set_password("mo", "moderating is careful work");
    browser.click_link("Sign in");
    browser.fill("User name", "mo");
    browser.fill("Password", "moderating is careful work");
    browser.click_button("Sign in");
    browser.click_link("Moderation");
    browser.assert_shows("main", "crate:dave-tools");
    look(&browser, "journey-9-queue");
    browser.click_link("crate:dave-tools");
    browser.assert_shows("main", "sends the contents of ~/.ssh");
    look(&browser, "journey-10-item");
    browser.fill_in_form_of_button(
        "Suspend dave",
        "reason",
        "Malicious build script that sends SSH keys away.",
    );
    browser.click_button("Suspend dave");
    browser.assert_shows("main", "Done");
    look(&browser, "journey-11-suspended");

    // The publisher's page says so, to everyone; cargo is refused with the reason.
    browser.click_button("Sign out");
    browser.goto("/users/dave");
    browser.assert_shows("main", "This account is suspended");
    browser.assert_shows("main", "sends SSH keys away");
    look(&browser, "journey-12-user-suspended");
    let refused = dave.publish(&dave.new_crate("dave-more", "0.1.0", "", LIB));
    assert!(!refused.success);
    assert!(refused.stderr.contains("suspended"), "{}", refused.stderr);
    mail.wait_for("dave@example.org", "Moderation action");

    let report: String = violations.iter().map(|v| v.to_string()).collect();
    std::fs::write(
        support::browser::screenshot_dir().join("axe-violations-journey.txt"),
        if report.is_empty() { "none\n" } else { &report },
    )
    .unwrap();
    assert!(
        violations.is_empty(),
        "axe found {} accessibility violations:\n{report}",
        violations.len()
    );
}

/// Two-factor sign-in in the browser: set up with the page's key, signed out, signed in with the
/// password and a code; a recovery code works once; and where the registry requires it, an owner
/// without a second factor is refused on the crates page.
#[test]
fn two_factor_sign_in() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let wharf = Wharf::with_config(
        Backend::Sqlite,
        "[accounts]\nrequire_2fa_for_owners = true\n",
    );
    browser.set_site(&wharf.url);
    let password = "a second factor for the harbour";
    let token = wharf.user_with_token("alice");
    wharf.set_password("alice", password);
    wharf.user_with_token("bob");
    wharf.set_password("bob", password);
    let sign_in = |browser: &Browser, login: &str| {
        browser.goto("/account/signin");
        browser.fill("User name", login);
        browser.fill("Password", password);
        browser.click_button("Sign in");
    };

    sign_in(&browser, "alice");
    browser.click_link("Two-factor");
    browser.fill("Your password", password);
    browser.click_button("Set up two-factor sign-in");
    browser.assert_shows("h2", "Scan this code");
    assert!(browser.is_visible("figure.qr svg"), "the QR code is drawn");
    browser.screenshot("two-factor-0-enrol");
    let secret = browser.text_of("#totp-secret");
    browser.fill(
        "The six-digit code the app now shows",
        &code_at(&secret, now()),
    );
    browser.click_button("Turn on two-factor sign-in");
    browser.assert_shows("h2", "Your recovery codes");
    let codes: Vec<String> = browser
        .text_of("#recovery-codes")
        .split_whitespace()
        .map(str::to_string)
        .collect();
    assert_eq!(codes.len(), 10, "{codes:?}");
    browser.screenshot("two-factor-1-recovery-codes");
    browser.click_button("Sign out");

    // Password, then a code from the app.
    sign_in(&browser, "alice");
    browser.assert_shows("h1", "Enter your code");
    browser.screenshot("two-factor-2-code");
    browser.fill("Code", &code_at(&secret, now() + 30));
    browser.click_button("Continue");
    assert_eq!(browser.path(), "/settings");
    browser.click_button("Sign out");

    // A recovery code once; the second time it is refused.
    sign_in(&browser, "alice");
    browser.fill("Code", &codes[0]);
    browser.click_button("Continue");
    assert_eq!(browser.path(), "/settings");
    browser.click_button("Sign out");
    sign_in(&browser, "alice");
    browser.fill("Code", &codes[0]);
    browser.click_button("Continue");
    browser.assert_shows(".banner", "used already");
    assert!(violations_of(&browser).is_empty());

    // alice, with a second factor, publishes and shares the crate; bob, without, is refused as an
    // owner.
    let response = wharf.publish_raw(
        &token,
        support::publish_body(
            &support::metadata("tidewater", "0.1.0"),
            &support::crate_file("tidewater", "0.1.0", &[]),
        ),
    );
    assert_eq!(response.status(), 200);
    wharf.execute(
        "INSERT INTO crate_owners (crate_id, user_id, created_at) \
         SELECT crates.id, users.id, 0 FROM crates, users WHERE crates.name = 'tidewater' AND users.login = 'bob'",
    );
    browser.goto("/account/signin");
    sign_in(&browser, "bob");
    browser.goto("/settings/crates");
    browser.fill("Invite an owner", "alice");
    browser.click_button("Invite an owner of tidewater");
    browser.assert_shows(".banner", "two factors");
    browser.screenshot("two-factor-3-owner-refused");
}

/// Single sign-on in the browser: through the test provider and back, signed in; with the
/// `state` changed on the way back, refused.
#[test]
fn single_sign_on() {
    let Some(mut browser) = Browser::start() else {
        return;
    };
    let issuer = wharf_oidc::test_issuer::TestIssuer::start();
    issuer.sign_in_as(serde_json::json!({
        "sub": "person-7", "email": "grace@example.org", "email_verified": true,
        "preferred_username": "grace",
    }));
    let wharf = Wharf::with_config(
        Backend::Sqlite,
        &format!(
            "[oidc]\nissuer = \"{}\"\nclient_id = \"wharf-site\"\nclient_secret = \"not-a-real-secret\"\nname = \"Harbour ID\"\n",
            issuer.url
        ),
    );
    browser.set_site(&wharf.url);
    browser.goto("/account/signin");
    browser.screenshot("sso-1-sign-in");
    browser.click_link("Sign in with Harbour ID");
    assert_eq!(browser.path(), "/settings");
    browser.assert_shows("header", "grace");
    browser.click_button("Sign out");

    issuer.tamper_with_state(true);
    browser.goto("/account/signin");
    browser.click_link("Sign in with Harbour ID");
    browser.assert_shows("h1", "Sign-in failed");
    browser.assert_shows("main", "could not be confirmed");
    browser.screenshot("sso-2-tampered");
    assert!(violations_of(&browser).is_empty());
    browser.goto("/settings");
    browser.assert_shows("h1", "Sign in");
}

fn violations_of(browser: &Browser) -> Vec<Violation> {
    browser.axe(AxeRules::Full)
}

/// The accessibility check can fail: on a page with known faults it names each one.
#[test]
fn the_accessibility_check_reports_violations() {
    let Some(browser) = Browser::start() else {
        return;
    };
    browser.goto(
        "data:text/html,<title>Faulty</title><main><h1>Faulty</h1>\
         <img src='x.png'><input type='text' name='q'>\
         <p style='color:%23999;background:%23aaa'>Hard to read</p></main>",
    );
    let violations = browser.axe(AxeRules::Full);
    let rules: Vec<&str> = violations.iter().map(|v| v.rule.as_str()).collect();
    for rule in ["html-has-lang", "image-alt", "label", "color-contrast"] {
        assert!(rules.contains(&rule), "{rule} not in {rules:?}");
    }
    let contrast = violations
        .iter()
        .find(|v| v.rule == "color-contrast")
        .unwrap();
    assert_eq!(contrast.nodes[0].0, "p");
    assert!(
        contrast.to_string().contains("insufficient color contrast"),
        "{contrast}"
    );
}
