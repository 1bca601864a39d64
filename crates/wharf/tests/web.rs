//! The web site over HTTP against a real server, with crates published by the real `cargo`:
//! the home page, search with pagination, crate pages (README, versions, owners, chart, install
//! snippet, notice), user and team pages, the policy, security and data-access pages, private mode,
//! and 404s.

mod support;

use support::{metadata, publish_body, raw_tarball, Backend, Options, Wharf};

backend_tests!(
    browsing_a_published_crate,
    notices_suspensions_and_teams_show,
    private_mode_shows_nothing_to_anonymous_visitors,
    the_registry_s_own_pages,
    the_crate_page_people_expect,
);

const LIB: &str = "pub fn light() -> &'static str { \"on\" }\n";

const README: &str = "# Harbour lights\n\nGuides ships home safely.\n\n\
<script>alert('owned')</script>\n\n\
See [the guide](docs/guide.md) and ![the logo](img/logo.png).\n\n\
```rust\nlet light = harbour_lights::light(); // on\n```\n";

/// An HTML page: its status, its body, and a check that it has the structure every page needs.
fn page(wharf: &Wharf, path: &str) -> (u16, String) {
    let response = wharf.get(path);
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .map(|v| v.to_str().unwrap().to_string())
        .unwrap_or_default();
    let body = response.text().unwrap();
    assert!(
        content_type.starts_with("text/html"),
        "GET {path}: {content_type}"
    );
    assert!(body.contains("<html lang=\"en\">"), "GET {path}: {body}");
    assert_eq!(
        body.matches("<h1").count(),
        1,
        "GET {path}: one <h1>: {body}"
    );
    for landmark in ["<header", "<main", "<nav"] {
        assert!(body.contains(landmark), "GET {path}: no {landmark}");
    }
    (status, body)
}

fn ok_page(wharf: &Wharf, path: &str) -> String {
    let (status, body) = page(wharf, path);
    assert_eq!(status, 200, "GET {path}: {body}");
    body
}

fn browsing_a_published_crate(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice_token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    let manifest = "readme = \"README.md\"\nkeywords = [\"boats\"]\n\
                    repository = \"https://github.com/example/harbour-lights\"\n";
    for version in ["0.1.0", "0.2.0"] {
        let dir = alice.new_crate("harbour-lights", version, manifest, LIB);
        std::fs::write(dir.join("README.md"), README).unwrap();
        alice.publish_ok(&dir);
    }
    let old = alice.new_crate("harbour-lights", "0.1.0", manifest, LIB);
    alice.cargo_ok(&old, &["yank", "--registry", "wharf", "--version", "0.1.0"]);
    let bob_token = wharf.user_with_token("bob");
    let bob = wharf.cargo_user("bob").with_token(&bob_token);
    let dinghy = bob.new_crate(
        "dinghy",
        "1.0.0",
        "\n[dependencies]\nharbour-lights = { version = \"0.2\", registry = \"wharf\" }\n",
        LIB,
    );
    bob.publish_ok(&dinghy);
    bob.publish_ok(&bob.new_crate("harbour-tugs", "1.0.0", "", LIB));

    // Home: the counts and the lists.
    let home = ok_page(&wharf, "/");
    assert!(home.contains("/crates/harbour-lights"), "{home}");
    assert!(home.contains("/crates/dinghy"), "{home}");
    assert!(home.contains("<dd>3</dd>"), "three crates: {home}");
    assert!(home.contains("<label for=\"home-q\""), "{home}");

    // Search, one result per page: two pages, linked to each other.
    let first = ok_page(&wharf, "/search?q=harbour&per_page=1");
    assert!(first.contains("page 1 of 2"), "{first}");
    assert!(
        first.contains("href=\"/search?q=harbour&#38;sort=relevance&#38;per_page=1&#38;page=2\""),
        "{first}"
    );
    let second = ok_page(&wharf, "/search?q=harbour&per_page=1&page=2");
    assert!(second.contains("page 2 of 2"), "{second}");
    let names = |body: &str| {
        ["harbour-lights", "harbour-tugs"]
            .into_iter()
            .filter(|n| body.contains(&format!("href=\"/crates/{n}\"")))
            .count()
    };
    assert_eq!(names(&first) + names(&second), 2);
    let none = ok_page(&wharf, "/search?q=zeppelin");
    assert!(none.contains("No crate matches"), "{none}");

    // The crate page.
    let krate = ok_page(&wharf, "/crates/harbour-lights");
    // README code is highlighted on the server, as classes the style sheet colours.
    assert!(
        krate.contains("<pre class=\"syntax-highlighting\">"),
        "{krate}"
    );
    assert!(krate.contains("<span class=\"hl-comment"), "{krate}");
    let css = wharf.get("/static/wharf.css").text().unwrap();
    assert!(css.contains(".hl-comment {"), "{css}");
    assert!(krate.contains("Guides ships home safely."), "{krate}");
    assert!(krate.contains("<h2>Harbour lights</h2>"), "{krate}");
    assert!(
        !krate.contains("alert('owned')"),
        "the script is gone: {krate}"
    );
    assert!(!krate.contains("<script"), "{krate}");
    assert!(
        krate
            .contains("href=\"https://github.com/example/harbour-lights/blob/HEAD/docs/guide.md\""),
        "{krate}"
    );
    assert!(
        krate.contains(
            "src=\"https://raw.githubusercontent.com/example/harbour-lights/HEAD/img/logo.png\""
        ),
        "{krate}"
    );
    assert!(
        krate.contains("href=\"/crates/harbour-lights/0.1.0\""),
        "{krate}"
    );
    assert!(krate.contains("yanked</span>"), "{krate}");
    assert!(krate.contains("href=\"/users/alice\""), "{krate}");
    assert!(krate.contains("<svg class=\"chart\""), "{krate}");
    assert!(
        krate.contains("cargo add harbour-lights --registry wharf"),
        "{krate}"
    );
    assert!(
        krate
            .contains("harbour-lights = { version = &#34;0.2.0&#34;, registry = &#34;wharf&#34; }"),
        "{krate}"
    );
    assert!(
        krate.contains(&format!("sparse+{}/index/", wharf.url)),
        "{krate}"
    );
    assert!(
        krate.contains("href=\"/crates/dinghy\""),
        "used by dinghy: {krate}"
    );
    assert!(krate.contains("href=\"/keywords/boats\""), "{krate}");
    assert!(
        krate.contains("href=\"/crates/harbour-lights/report\""),
        "{krate}"
    );

    // An older version, and the dependent's page linking back.
    let old = ok_page(&wharf, "/crates/harbour-lights/0.1.0");
    assert!(old.contains("Version 0.1.0 is yanked"), "{old}");
    let dependent = ok_page(&wharf, "/crates/dinghy");
    assert!(
        dependent.contains("href=\"/crates/harbour-lights\""),
        "{dependent}"
    );
    let versions = ok_page(&wharf, "/crates/harbour-lights/versions");
    assert!(versions.contains("2 versions"), "{versions}");
    // Reporting needs an account: an anonymous visitor signs in first and comes back.
    let report = support::web::WebClient::new(&wharf).get("/crates/harbour-lights/report");
    assert_eq!(report.status, 303, "{}", report.body);
    assert_eq!(
        report.location(),
        "/account/signin?next=%2Fcrates%2Fharbour-lights%2Freport"
    );

    // Keyword, user and 404s.
    let keyword = ok_page(&wharf, "/keywords/boats");
    assert!(
        keyword.contains("href=\"/crates/harbour-lights\""),
        "{keyword}"
    );
    assert!(!keyword.contains("href=\"/crates/dinghy\""), "{keyword}");
    let user = ok_page(&wharf, "/users/alice");
    assert!(user.contains("href=\"/crates/harbour-lights\""), "{user}");
    assert!(
        !user.contains("alice@example.org"),
        "no e-mail address: {user}"
    );
    for missing in [
        "/crates/no-such-crate",
        "/crates/harbour-lights/9.9.9",
        "/users/nobody",
        "/no/such/page",
    ] {
        let (status, body) = page(&wharf, missing);
        assert_eq!(status, 404, "GET {missing}: {body}");
    }
    // The API's answers are unchanged, its 404 included.
    let api = wharf.get("/api/v1/no-such-endpoint");
    assert_eq!(api.status(), 404);
    let api: serde_json::Value = api.json().unwrap();
    assert!(api["errors"][0]["detail"].is_string(), "{api}");
    assert_eq!(
        wharf.get_json("/api/v1/crates/harbour-lights")["crate"]["name"],
        "harbour-lights"
    );
}

fn notices_suspensions_and_teams_show(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice_token = wharf.user_with_token("alice");
    let moderator = wharf.user_with_token("mod");
    wharf.cli(&["user", "role", "mod", "moderator"]);
    let alice = wharf.cargo_user("alice").with_token(&alice_token);
    let dir = alice.new_crate("placeholder-name", "0.1.0", "", LIB);
    alice.publish_ok(&dir);
    wharf.cli(&["team", "add", "crew", "--maintainer", "alice"]);
    alice.cargo_ok(
        &dir,
        &["owner", "--add", "team:crew", "--registry", "wharf"],
    );

    let act = |body: serde_json::Value| {
        let response = wharf
            .http()
            .post(format!("{}/api/v1/admin/actions", wharf.url))
            .header("Authorization", &moderator)
            .json(&body)
            .send()
            .unwrap();
        assert_eq!(response.status(), 200, "{}", response.text().unwrap());
    };
    act(serde_json::json!({
        "action": "notice", "target": "crate:placeholder-name", "days": 14,
        "reason": "no code <b>behind</b> the name",
    }));
    let krate = ok_page(&wharf, "/crates/placeholder-name");
    assert!(
        krate.contains("no code &#60;b&#62;behind&#60;/b&#62; the name"),
        "the notice, escaped: {krate}"
    );
    assert!(krate.contains("href=\"/teams/crew\""), "{krate}");

    let team = ok_page(&wharf, "/teams/crew");
    assert!(team.contains("href=\"/users/alice\""), "{team}");
    assert!(team.contains("href=\"/crates/placeholder-name\""), "{team}");

    act(serde_json::json!({
        "action": "suspend", "target": "user:alice", "reason": "spam publishing",
    }));
    let user = ok_page(&wharf, "/users/alice");
    assert!(user.contains("This account is suspended"), "{user}");
    assert!(user.contains("spam publishing"), "{user}");
}

fn private_mode_shows_nothing_to_anonymous_visitors(backend: Backend) {
    let wharf = Wharf::start_with(
        backend,
        Options {
            auth_required: true,
            ..Options::default()
        },
    );
    let token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&token);
    alice.publish_ok(&alice.new_crate("secret-sauce", "1.0.0", "", LIB));

    let anonymous = support::web::WebClient::new(&wharf);
    for path in [
        "/",
        "/search?q=secret",
        "/crates/secret-sauce",
        "/users/alice",
        "/keywords/x",
        "/policy",
        "/no/such/page",
        "/settings",
    ] {
        let response = anonymous.get(path);
        assert_eq!(response.status, 303, "GET {path}: {}", response.body);
        let location = response.location();
        assert!(
            location.starts_with("/account/signin?next="),
            "GET {path}: {location}"
        );
        assert!(!response.body.contains("secret-sauce"), "GET {path}");
    }
    // The sign-in page itself shows nothing of the registry, and comes back to the page asked for.
    let sign_in = anonymous.get("/account/signin?next=%2Fcrates%2Fsecret-sauce");
    assert_eq!(sign_in.status, 200);
    assert!(sign_in.body.contains("value=\"/crates/secret-sauce\""));
    // Forms other than signing in are refused outright.
    let report = anonymous.post_form("/crates/secret-sauce/report", &[("details", "x")]);
    assert_eq!(report.status, 401, "{}", report.body);
    assert!(report.body.contains("This registry is private"));
    // A member signs in with a password and browses.
    wharf.set_password("alice", "a long enough password");
    let alice_browser = support::web::WebClient::new(&wharf);
    alice_browser.sign_in("alice", "a long enough password");
    let page = alice_browser.get("/crates/secret-sauce");
    assert_eq!(page.status, 200, "{}", page.body);
    assert!(page.body.contains("secret-sauce"));
    // The API still answers cargo's way.
    let api = wharf.get("/api/v1/crates?q=secret");
    assert_eq!(api.status(), 401);
    assert!(api.headers().contains_key("www-authenticate"));
    let api: serde_json::Value = api.json().unwrap();
    assert!(api["errors"][0]["detail"].is_string());
    // What tells nothing about the registry's contents stays readable.
    assert_eq!(wharf.get("/static/wharf.css").status(), 200);
    assert_eq!(wharf.get("/.well-known/security.txt").status(), 200);
}

fn the_registry_s_own_pages(backend: Backend) {
    let wharf = Wharf::start(backend);

    let policy = ok_page(&wharf, "/policy");
    assert!(
        policy.contains("<h1>Wharf&#39;s usage policy</h1>")
            || policy.contains("<h1>Wharf's usage policy</h1>"),
        "{policy}"
    );
    assert!(
        policy.contains("Trusted reporters and automatic holds"),
        "{policy}"
    );
    assert!(policy.contains("trusted reporter"), "{policy}");

    let security = ok_page(&wharf, "/security");
    assert!(security.contains("mailto:security@127.0.0.1"), "{security}");

    let txt = wharf.get("/.well-known/security.txt");
    assert_eq!(txt.status(), 200);
    assert!(txt.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/plain"));
    let txt = txt.text().unwrap();
    assert!(
        txt.contains("Contact: mailto:security@127.0.0.1\n"),
        "{txt}"
    );
    assert!(
        txt.contains(&format!("Policy: {}/security\n", wharf.url)),
        "{txt}"
    );
    assert!(
        txt.contains(&format!(
            "Canonical: {}/.well-known/security.txt\n",
            wharf.url
        )),
        "{txt}"
    );
    let expires = txt
        .lines()
        .find_map(|l| l.strip_prefix("Expires: "))
        .expect("an Expires field");
    assert!(expires.ends_with('Z') && expires.len() == 20, "{expires}");
    assert!(expires > "2026-", "{expires}");

    let data = ok_page(&wharf, "/data-access");
    assert!(data.contains("1 request per second per address"), "{data}");
    assert!(data.contains("burst of 60 requests"), "{data}");
    assert!(data.contains("not rate limited"), "{data}");
    assert!(data.contains("/db-dump.tar.gz"), "{data}");
    assert!(data.contains("every 24 hours"), "{data}");

    let css = wharf.get("/static/wharf.css");
    assert_eq!(css.status(), 200);
    assert!(css.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("max-age=31536000"));
    assert!(css.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/css"));
    let home = wharf.get("/");
    let csp = home.headers()["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'"), "{csp}");
    let home = home.text().unwrap();
    assert!(home.contains("href=\"/static/wharf.css?v="), "{home}");
}

/// A `.crate` with categories and keywords in its manifest, published through the API with
/// features and a crates.io dependency in its metadata (as cargo sends them).
fn publish_lamp(wharf: &Wharf, token: &str, version: &str) {
    let manifest = format!(
        "[package]\nname = \"pier-lamp\"\nversion = \"{version}\"\nedition = \"2021\"\n\
         description = \"Lights the pier\"\nlicense = \"MIT\"\nkeywords = [\"lamps\"]\n\
         categories = [\"embedded\", \"no-such-category\"]\n\
         documentation = \"https://docs.example/pier-lamp\"\n"
    );
    let tarball = raw_tarball(&[
        (
            format!("pier-lamp-{version}/Cargo.toml"),
            manifest.into_bytes(),
        ),
        (
            format!("pier-lamp-{version}/src/lib.rs"),
            b"pub fn lamp() -> bool { true }\n".to_vec(),
        ),
    ]);
    let mut meta = metadata("pier-lamp", version);
    meta["features"] = serde_json::json!({
        "default": ["std"], "std": [], "fancy": ["dep:serde", "std"],
    });
    meta["deps"] = serde_json::json!([{
        "name": "serde", "version_req": "^1", "features": [], "optional": true,
        "default_features": true, "target": null, "kind": "normal",
        "registry": "https://github.com/rust-lang/crates.io-index", "explicit_name_in_toml": null,
    }]);
    let response = wharf.publish_raw(token, publish_body(&meta, &tarball));
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
}

fn the_crate_page_people_expect(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    publish_lamp(&wharf, &token, "1.0.0");
    publish_lamp(&wharf, &token, "1.1.0");
    let yanked = wharf
        .http()
        .delete(format!("{}/api/v1/crates/pier-lamp/1.1.0/yank", wharf.url))
        .header("Authorization", &token)
        .send()
        .unwrap();
    assert_eq!(yanked.status(), 200);

    let page = ok_page(&wharf, "/crates/pier-lamp");
    // Feature flags, `default` first, with what each turns on.
    let features = page.find("id=\"features\"").expect("a features section");
    let default = page.find("<dt><code>default</code></dt>").unwrap();
    let fancy = page.find("<dt><code>fancy</code></dt>").unwrap();
    assert!(features < default && default < fancy, "{page}");
    assert!(page.contains("<code>dep:serde</code>"), "{page}");
    // Categories by their names; one the registry does not know is not shown.
    assert!(
        page.contains("<a href=\"/categories/embedded\">Embedded development</a>"),
        "{page}"
    );
    assert!(!page.contains("no-such-category"), "{page}");
    // A crates.io dependency links to crates.io; the documentation link is the manifest's.
    assert!(
        page.contains("href=\"https://crates.io/crates/serde\""),
        "{page}"
    );
    assert!(
        page.contains("href=\"https://docs.example/pier-lamp\""),
        "{page}"
    );
    // The current version is 1.0.0 (1.1.0 is yanked), and it is what the install box offers.
    assert!(
        page.contains("cargo add pier-lamp --registry wharf"),
        "{page}"
    );

    let yanked = ok_page(&wharf, "/crates/pier-lamp/1.1.0");
    assert!(yanked.contains("is yanked: it is not offered"), "{yanked}");
    assert!(!yanked.contains("cargo add pier-lamp"), "{yanked}");
    assert!(
        yanked.contains("Use <a href=\"/crates/pier-lamp\">1.0.0</a> instead"),
        "{yanked}"
    );

    let badge = wharf.get("/crates/pier-lamp/badge.svg");
    assert_eq!(badge.status(), 200);
    assert!(badge.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("image/svg+xml"));
    let svg = badge.text().unwrap();
    assert!(
        svg.starts_with("<svg") && svg.contains(">v1.0.0</text>"),
        "{svg}"
    );
    let missing = wharf.get("/crates/no-lamp/badge.svg");
    assert_eq!(missing.status(), 404);
    assert!(missing.text().unwrap().contains("not found"));

    let keywords = ok_page(&wharf, "/keywords");
    assert!(
        keywords.contains("<a href=\"/keywords/lamps\">lamps</a>"),
        "{keywords}"
    );
    assert!(keywords.contains("1 crate<"), "{keywords}");
    let categories = ok_page(&wharf, "/categories");
    assert!(categories.contains("<a href=\"/categories/embedded\">Embedded development</a>"));
    assert!(
        categories.contains("› Testing"),
        "subcategories are marked: {categories}"
    );
    let embedded = ok_page(&wharf, "/categories/embedded");
    assert!(
        embedded.contains("Crates with the category “Embedded development”"),
        "{embedded}"
    );
    assert!(embedded.contains("/crates/pier-lamp"), "{embedded}");

    let home = ok_page(&wharf, "/");
    assert!(home.contains("[registries.wharf]"), "{home}");
    assert!(
        home.contains(&format!("sparse+{}/index/", wharf.url)),
        "{home}"
    );
    assert_eq!(ok_page(&wharf, "/policies"), ok_page(&wharf, "/policy"));
    let robots = wharf.get("/robots.txt");
    assert_eq!(robots.status(), 200);
    let robots = robots.text().unwrap();
    assert!(
        robots.contains("User-agent: *") && robots.contains("Disallow: /api/"),
        "{robots}"
    );
}
