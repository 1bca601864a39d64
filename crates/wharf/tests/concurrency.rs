//! Concurrent writers: several clients publishing, yanking, un-yanking and downloading at once
//! against one server. The database must serialise them, never refuse them: no request may end in
//! a 5xx (on SQLite that was "database is locked"; on PostgreSQL, a deadlock between a yank and the
//! download-count flush), and every change must reach the index.

mod support;

use support::{crate_file, metadata, publish_body, Backend, Wharf};

backend_tests!(concurrent_publishes_and_yanks_all_succeed);

const WRITERS: usize = 4;
const VERSIONS: usize = 10;

fn concurrent_publishes_and_yanks_all_succeed(backend: Backend) {
    // Every client is 127.0.0.1: lift the per-address API limit (per-user limits suffice as is).
    let wharf = Wharf::with_config(
        backend,
        "api_requests_per_second = 100000\napi_burst = 100000\n",
    );
    let tokens: Vec<String> = (0..WRITERS)
        .map(|i| wharf.user_with_token(&format!("writer{i}")))
        .collect();

    let failures: Vec<String> = std::thread::scope(|scope| {
        let writers: Vec<_> = tokens
            .iter()
            .enumerate()
            .map(|(i, token)| {
                let wharf = &wharf;
                scope.spawn(move || writer(wharf, i, token))
            })
            .collect();
        writers
            .into_iter()
            .flat_map(|w| w.join().expect("writer thread panicked"))
            .collect()
    });
    assert!(
        failures.is_empty(),
        "{} requests failed:\n{}",
        failures.len(),
        failures.join("\n")
    );

    // Every change is in the index: all versions, the odd ones yanked; and every download is
    // counted once the flush (every second in tests) has run, crate and versions alike.
    for i in 0..WRITERS {
        let name = crate_name(i);
        let index = wharf.get(&format!("/index/{}/{}/{name}", &name[..2], &name[2..4]));
        assert_eq!(index.status(), 200);
        let lines: Vec<serde_json::Value> = index
            .text()
            .unwrap()
            .lines()
            .map(|line| serde_json::from_str(line).unwrap())
            .collect();
        assert_eq!(lines.len(), VERSIONS, "{name}: {lines:?}");
        for line in &lines {
            let minor: usize = line["vers"]
                .as_str()
                .unwrap()
                .split('.')
                .nth(1)
                .unwrap()
                .parse()
                .unwrap();
            assert_eq!(line["yanked"], minor % 2 == 1, "{name}: {line}");
        }
        let downloads = (VERSIONS - 1) as i64;
        let mut info = serde_json::Value::Null;
        for _ in 0..50 {
            info = wharf.get_json(&format!("/api/v1/crates/{name}"));
            if info["crate"]["downloads"] == downloads {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        assert_eq!(info["crate"]["downloads"], downloads, "{name}: {info}");
        let by_version: i64 = info["versions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v["downloads"].as_i64().unwrap())
            .sum();
        assert_eq!(by_version, downloads, "{name}: {info}");
    }
}

fn crate_name(writer: usize) -> String {
    format!("writer{writer}-crate")
}

/// One client: publishes VERSIONS versions of its crate; yanks each right after publishing it,
/// un-yanks the even ones, and downloads the one before. Returns the requests that did not succeed.
fn writer(wharf: &Wharf, i: usize, token: &str) -> Vec<String> {
    let http = wharf.http();
    let name = crate_name(i);
    let mut failures = Vec::new();
    let mut expect_ok = |what: String, request: reqwest::blocking::RequestBuilder| {
        let response = request.send().unwrap();
        let status = response.status();
        if !status.is_success() {
            failures.push(format!(
                "{what}: {status} {}",
                response.text().unwrap_or_default()
            ));
        }
    };
    for v in 0..VERSIONS {
        let vers = format!("0.{v}.0");
        let body = publish_body(&metadata(&name, &vers), &crate_file(&name, &vers, &[]));
        expect_ok(
            format!("publish {name} {vers}"),
            http.put(format!("{}/api/v1/crates/new", wharf.url))
                .header("Authorization", token)
                .body(body),
        );
        let version_url = format!("{}/api/v1/crates/{name}/{vers}", wharf.url);
        expect_ok(
            format!("yank {name} {vers}"),
            http.delete(format!("{version_url}/yank"))
                .header("Authorization", token),
        );
        if v % 2 == 0 {
            expect_ok(
                format!("unyank {name} {vers}"),
                http.put(format!("{version_url}/unyank"))
                    .header("Authorization", token),
            );
        }
        if v > 0 {
            let previous = format!("0.{}.0", v - 1);
            expect_ok(
                format!("download {name} {previous}"),
                http.get(format!(
                    "{}/api/v1/crates/{name}/{previous}/download",
                    wharf.url
                )),
            );
        }
    }
    failures
}
