//! The real `cargo` against a real Wharf: publish, build, yank, owners, search, info, login.

mod support;

use support::{crate_file_with_manifest, metadata, publish_body, Backend, Wharf};

backend_tests!(
    publish_build_and_yank,
    owners_search_info_and_login,
    bad_tokens_are_refused_with_a_readable_message,
    private_mode_needs_a_token,
    search_is_stemmed_and_ranked,
);

const LIB: &str = "pub fn greeting() -> &'static str { \"hello from the registry\" }\n";

fn publish_build_and_yank(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    let alice = wharf.cargo_user("alice").with_token(&token);

    // The first publish is verified (cargo builds the packaged crate), as a user would run it.
    let v010 = alice.new_crate("greeter", "0.1.0", "", LIB);
    let out = alice.cargo_ok(&v010, &["publish", "--registry", "wharf", "--allow-dirty"]);
    assert!(
        out.stderr.contains("Published greeter v0.1.0"),
        "{}",
        out.stderr
    );
    let v011 = alice.new_crate(
        "greeter",
        "0.1.1",
        "",
        "pub fn greeting() -> &'static str { \"hello from 0.1.1\" }\n",
    );
    alice.publish_ok(&v011);

    // Another user builds and runs a project that depends on it.
    let bob = wharf.cargo_user("bob");
    let app = bob.new_app(
        "app",
        "greeter = { version = \"0.1\", registry = \"wharf\" }",
        "fn main() { println!(\"{}\", greeter::greeting()); }\n",
    );
    let run = bob.cargo_ok(&app, &["run", "-q"]);
    assert_eq!(run.stdout.trim(), "hello from 0.1.1");

    // Yanked: a new lockfile does not pick 0.1.1, but the existing lockfile still builds with it.
    alice.cargo_ok(
        &v011,
        &["yank", "--registry", "wharf", "--version", "0.1.1"],
    );
    let locked = bob.cargo_ok(&app, &["run", "-q", "--locked"]);
    assert_eq!(locked.stdout.trim(), "hello from 0.1.1");
    let fresh = bob.new_app(
        "fresh",
        "greeter = { version = \"0.1\", registry = \"wharf\" }",
        "fn main() { println!(\"{}\", greeter::greeting()); }\n",
    );
    let run = bob.cargo_ok(&fresh, &["run", "-q"]);
    assert_eq!(run.stdout.trim(), "hello from the registry");

    // Un-yanked: it is selected again.
    alice.cargo_ok(
        &v011,
        &[
            "yank",
            "--registry",
            "wharf",
            "--version",
            "0.1.1",
            "--undo",
        ],
    );
    bob.cargo_ok(&fresh, &["update", "-q"]);
    let run = bob.cargo_ok(&fresh, &["run", "-q"]);
    assert_eq!(run.stdout.trim(), "hello from 0.1.1");

    // Downloads were counted (the server flushes every second in tests).
    let mut downloads = 0;
    for _ in 0..50 {
        downloads = wharf.get_json("/api/v1/crates/greeter")["crate"]["downloads"]
            .as_i64()
            .unwrap();
        if downloads >= 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
    assert!(downloads >= 2, "downloads counted: {downloads}");
}

fn owners_search_info_and_login(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    wharf.cli(&["user", "add", "bob", "--email", "bob@example.org"]);

    // `cargo login` stores the token in the isolated CARGO_HOME; no environment token is set.
    let alice = wharf.cargo_user("alice");
    let krate = alice.new_crate(
        "tidy-widgets",
        "1.0.0",
        "keywords = [\"widget\", \"gui\"]",
        LIB,
    );
    let out = alice.cargo_with_stdin(
        &krate,
        &["login", "--registry", "wharf"],
        &format!("{token}\n"),
    );
    assert!(out.success, "{}", out.stderr);
    alice.publish_ok(&krate);

    let list = alice.cargo_ok(&krate, &["owner", "--list", "--registry", "wharf"]);
    assert_eq!(list.stdout.trim(), "alice");
    // Adding an owner invites them; they own the crate once they accept.
    let invited = alice.cargo_ok(&krate, &["owner", "--add", "bob", "--registry", "wharf"]);
    assert!(invited.stderr.contains("invited"), "{}", invited.stderr);
    let list = alice.cargo_ok(&krate, &["owner", "--list", "--registry", "wharf"]);
    assert_eq!(list.stdout.trim(), "alice");
    let bob_token = wharf.cli(&["token", "new", "bob"]).trim().to_string();
    let crate_id = support::accept_only_invitation(&wharf, &bob_token, true);
    assert!(crate_id > 0);
    let list = alice.cargo_ok(&krate, &["owner", "--list", "--registry", "wharf"]);
    assert_eq!(list.stdout.lines().collect::<Vec<_>>(), ["alice", "bob"]);
    alice.cargo_ok(&krate, &["owner", "--remove", "bob", "--registry", "wharf"]);
    let list = alice.cargo_ok(&krate, &["owner", "--list", "--registry", "wharf"]);
    assert_eq!(list.stdout.trim(), "alice");
    let nobody = alice.cargo(&krate, &["owner", "--add", "nobody", "--registry", "wharf"]);
    assert!(!nobody.success);
    assert!(
        nobody.stderr.contains("there is no user `nobody`"),
        "{}",
        nobody.stderr
    );
    let last = alice.cargo(
        &krate,
        &["owner", "--remove", "alice", "--registry", "wharf"],
    );
    assert!(!last.success);
    assert!(
        last.stderr.contains("at least one user owner"),
        "{}",
        last.stderr
    );

    let search = alice.cargo_ok(&krate, &["search", "--registry", "wharf", "widget"]);
    assert!(
        search.stdout.contains("tidy-widgets = \"1.0.0\"")
            && search.stdout.contains("A test crate"),
        "{}",
        search.stdout
    );
    let none = alice.cargo_ok(
        &krate,
        &["search", "--registry", "wharf", "nonexistent-thing"],
    );
    assert!(!none.stdout.contains("tidy-widgets"), "{}", none.stdout);

    let info = alice.cargo_ok(&krate, &["info", "--registry", "wharf", "tidy-widgets"]);
    assert!(info.stdout.contains("tidy-widgets"), "{}", info.stdout);
    assert!(info.stdout.contains("1.0.0"), "{}", info.stdout);
    assert!(info.stdout.contains("A test crate"), "{}", info.stdout);

    // After `cargo logout` there is no token, and cargo refuses to publish.
    alice.cargo_ok(&krate, &["logout", "--registry", "wharf"]);
    let next = alice.new_crate("tidy-widgets", "1.0.1", "", LIB);
    let out = alice.publish(&next);
    assert!(!out.success);
    assert!(out.stderr.contains("no token found"), "{}", out.stderr);
}

fn bad_tokens_are_refused_with_a_readable_message(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");

    let stranger = wharf
        .cargo_user("stranger")
        .with_token("wharf_notarealtoken0000000000000000000");
    let krate = stranger.new_crate("tokens-test", "0.1.0", "", LIB);
    let out = stranger.publish(&krate);
    assert!(!out.success);
    assert!(out.stderr.contains("403"), "{}", out.stderr);
    assert!(
        out.stderr.contains("invalid, expired or revoked"),
        "{}",
        out.stderr
    );

    // A revoked token stops working at once.
    let alice = wharf.cargo_user("alice").with_token(&token);
    alice.publish_ok(&krate);
    let list = wharf.cli(&["token", "list", "alice"]);
    // The list tells which tokens are in use.
    let row = list.lines().nth(1).unwrap();
    assert_eq!(
        row.matches("never").count(),
        1,
        "used, never expires: {list}"
    );
    let id = list
        .lines()
        .nth(1)
        .unwrap()
        .split_whitespace()
        .next()
        .unwrap()
        .to_string();
    wharf.cli(&["token", "revoke", &id]);
    let next = alice.new_crate("tokens-test", "0.1.1", "", LIB);
    let out = alice.publish(&next);
    assert!(!out.success);
    assert!(
        out.stderr.contains("invalid, expired or revoked"),
        "{}",
        out.stderr
    );
    assert!(wharf.cli(&["token", "list", "alice"]).contains("revoked"));

    // Scopes: a token that may only update existing crates cannot create one.
    let update_only = wharf
        .cli(&["token", "new", "alice", "--scope", "publish-update"])
        .trim()
        .to_string();
    let alice = wharf.cargo_user("alice2").with_token(&update_only);
    let fresh = alice.new_crate("brand-new", "0.1.0", "", LIB);
    let out = alice.publish(&fresh);
    assert!(!out.success);
    assert!(out.stderr.contains("publish-new"), "{}", out.stderr);
    alice.publish_ok(&next);
    let out = alice.cargo(
        &next,
        &["yank", "--registry", "wharf", "--version", "0.1.1"],
    );
    assert!(!out.success);
    assert!(out.stderr.contains("`yank` scope"), "{}", out.stderr);

    // Crate patterns: a token for `other-*` cannot touch `tokens-test`.
    let patterned = wharf
        .cli(&["token", "new", "alice", "--crate", "other-*"])
        .trim()
        .to_string();
    let alice = wharf.cargo_user("alice3").with_token(&patterned);
    let out = alice.cargo(
        &next,
        &["yank", "--registry", "wharf", "--version", "0.1.1"],
    );
    assert!(!out.success);
    assert!(
        out.stderr.contains("limited to other crates"),
        "{}",
        out.stderr
    );
    let other = alice.new_crate("other-thing", "0.1.0", "", LIB);
    alice.publish_ok(&other);

    // An expired token is refused like a revoked one.
    let expired = wharf
        .cli(&["token", "new", "alice", "--expires-days", "0"])
        .trim()
        .to_string();
    let alice = wharf.cargo_user("alice4").with_token(&expired);
    let out = alice.cargo(
        &next,
        &["yank", "--registry", "wharf", "--version", "0.1.1"],
    );
    assert!(!out.success);
    assert!(
        out.stderr.contains("invalid, expired or revoked"),
        "{}",
        out.stderr
    );
}

fn private_mode_needs_a_token(backend: Backend) {
    let wharf = Wharf::start_with(
        backend,
        support::Options {
            auth_required: true,
            ..Default::default()
        },
    );
    let token = wharf.user_with_token("alice");

    // Anonymous reads are refused, with the header that tells cargo to authenticate.
    for path in [
        "/index/config.json",
        "/index/se/cr/secret-lib",
        "/api/v1/crates?q=x",
    ] {
        let response = wharf.get(path);
        assert_eq!(response.status(), 401, "{path}");
        let challenge = response.headers()["www-authenticate"]
            .to_str()
            .unwrap()
            .to_string();
        assert!(challenge.starts_with("Cargo login_url="), "{challenge}");
    }

    let alice = wharf.cargo_user("alice").with_token(&token);
    let krate = alice.new_crate("secret-lib", "0.1.0", "", LIB);
    alice.publish_ok(&krate);
    let app = alice.new_app(
        "private-app",
        "secret-lib = { version = \"0.1\", registry = \"wharf\" }",
        "fn main() { println!(\"{}\", secret_lib::greeting()); }\n",
    );
    let run = alice.cargo_ok(&app, &["run", "-q"]);
    assert_eq!(run.stdout.trim(), "hello from the registry");

    let config: serde_json::Value = wharf
        .http()
        .get(format!("{}/index/config.json", wharf.url))
        .header("Authorization", &token)
        .send()
        .unwrap()
        .json()
        .unwrap();
    assert_eq!(config["auth-required"], true);

    // Without a token, cargo cannot even read the index.
    let anonymous = wharf.cargo_user("anonymous");
    let app = anonymous.new_app(
        "anon-app",
        "secret-lib = { version = \"0.1\", registry = \"wharf\" }",
        "fn main() {}\n",
    );
    let out = anonymous.cargo(&app, &["build"]);
    assert!(!out.success);
    assert!(out.stderr.contains("token"), "{}", out.stderr);
}

/// `cargo search` goes through the full-text index: words are stemmed, the last matches as a
/// prefix, every word must match, and an exact name comes first.
fn search_is_stemmed_and_ranked(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    for (name, description, keywords) in [
        (
            "text-formatter",
            "Formats text: formatting and formatted output",
            vec![],
        ),
        ("fmt-kit", "Small helpers", vec!["formatting"]),
        (
            "json-pretty",
            "Pretty printing of JSON documents",
            vec!["json"],
        ),
        ("format", "A crate whose name is the word", vec![]),
        ("tokio-thing", "Runs things on an executor", vec![]),
    ] {
        // What search reads comes from the package's manifest, as cargo would have packaged it.
        let tarball = crate_file_with_manifest(
            name,
            "1.0.0",
            &format!("description = \"{description}\"\nlicense = \"MIT\"\nkeywords = {keywords:?}"),
        );
        let mut meta = metadata(name, "1.0.0");
        meta["description"] = description.into();
        meta["keywords"] = keywords.into();
        let response = wharf.publish_raw(&token, publish_body(&meta, &tarball));
        assert_eq!(response.status(), 200, "{name}");
    }
    let alice = wharf.cargo_user("alice").with_token(&token);
    let dir = alice.new_crate("searcher", "0.1.0", "", "");
    let search = |text: &str| -> Vec<String> {
        let out = alice.cargo_ok(&dir, &["search", "--registry", "wharf", text]);
        out.stdout
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(name, _)| name.to_string()))
            .collect()
    };
    // "formatting" is stemmed to "format", which "Formats", "formatting" and the name match.
    let mut found = search("formatting");
    found.sort();
    assert_eq!(found, ["fmt-kit", "format", "text-formatter"]);
    // The exact name first, though another crate says "format" more often.
    assert_eq!(search("format").first().map(String::as_str), Some("format"));
    // A prefix of a word; words of a name split at `-`; every word must match.
    assert_eq!(search("tok"), ["tokio-thing"]);
    assert_eq!(search("pretty json"), ["json-pretty"]);
    assert!(search("pretty tokio").is_empty());
    // Punctuation is not query syntax.
    assert_eq!(search("\"pretty\" OR* (json"), Vec::<String>::new());
    assert_eq!(search("json!"), ["json-pretty"]);
}
