//! The HTTP interface below cargo: index caching semantics, publish validation, error shapes, races.

mod support;

use support::{
    crate_file, crate_file_with_manifest, error_detail, metadata, publish_body, raw_tarball,
    Backend, Wharf,
};

backend_tests!(
    index_files_revalidate_and_compress,
    one_connection_carries_index_requests_and_then_anything,
    rejected_uploads_store_nothing,
    names_are_unique_by_canonical_form,
    dependencies_must_resolve,
    racing_publishers_exactly_one_wins,
    api_shapes_match_crates_io,
    nul_characters_are_refused_not_failed,
    search_ranks_few_matches_by_text_and_many_by_downloads,
);

fn publish_ok(wharf: &Wharf, token: &str, name: &str, version: &str) {
    let response = wharf.publish_raw(
        token,
        publish_body(&metadata(name, version), &crate_file(name, version, &[])),
    );
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
}

fn index_files_revalidate_and_compress(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    for patch in 0..8 {
        publish_ok(&wharf, &token, "cached-crate", &format!("1.0.{patch}"));
    }
    let http = wharf.http();
    let url = format!("{}/index/ca/ch/cached-crate", wharf.url);

    let first = http.get(&url).send().unwrap();
    assert_eq!(first.status(), 200);
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let last_modified = first.headers()["last-modified"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        etag.starts_with('"') && etag.ends_with('"'),
        "strong, quoted: {etag}"
    );
    // 128 bits of the contents' digest, in base64url: short, as it travels in every revalidation.
    assert_eq!(etag.len(), 24, "{etag}");
    assert!(first.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("public"));
    let body = first.text().unwrap();
    assert_eq!(body.lines().count(), 8);
    let line: serde_json::Value = serde_json::from_str(body.lines().next().unwrap()).unwrap();
    assert_eq!(line["name"], "cached-crate");
    assert_eq!(line["vers"], "1.0.0");
    assert_eq!(line["cksum"].as_str().unwrap().len(), 64);
    assert!(line["pubtime"].as_str().unwrap().ends_with('Z'));

    // Either validator alone gets a 304 with no body.
    let by_tag = http
        .get(&url)
        .header("If-None-Match", &etag)
        .send()
        .unwrap();
    assert_eq!(by_tag.status(), 304);
    assert_eq!(by_tag.headers()["etag"].to_str().unwrap(), etag);
    // A 304 describes no body (RFC 9110, 15.4.5), but keeps what a cache needs: its entity tag,
    // how long it may keep the copy, and what the answer varied on.
    for absent in [
        "content-type",
        "x-content-type-options",
        "content-encoding",
        "last-modified",
    ] {
        assert!(by_tag.headers().get(absent).is_none(), "{absent} in a 304");
    }
    for present in ["cache-control", "vary"] {
        assert!(
            by_tag.headers().get(present).is_some(),
            "no {present} in a 304"
        );
    }
    assert!(by_tag.bytes().unwrap().is_empty());
    let by_date = http
        .get(&url)
        .header("If-Modified-Since", &last_modified)
        .send()
        .unwrap();
    assert_eq!(by_date.status(), 304);
    let stale_tag = http
        .get(&url)
        .header("If-None-Match", "\"0000\"")
        .send()
        .unwrap();
    assert_eq!(stale_tag.status(), 200);
    let old_date = http
        .get(&url)
        .header("If-Modified-Since", "Mon, 01 Jan 2001 00:00:00 GMT")
        .send()
        .unwrap();
    assert_eq!(old_date.status(), 200);

    // A change makes the old tag stale.
    publish_ok(&wharf, &token, "cached-crate", "1.0.8");
    let changed = http
        .get(&url)
        .header("If-None-Match", &etag)
        .send()
        .unwrap();
    assert_eq!(changed.status(), 200);
    assert_ne!(changed.headers()["etag"].to_str().unwrap(), etag);
    assert_eq!(changed.text().unwrap().lines().count(), 9);

    // gzip when asked for (reqwest here has no automatic decompression).
    let gz = http
        .get(&url)
        .header("Accept-Encoding", "gzip")
        .send()
        .unwrap();
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    // The gzipped copy has a tag of its own, and a client that holds it is answered 304.
    let gz_tag = gz.headers()["etag"].to_str().unwrap().to_string();
    assert!(gz_tag.ends_with("-gz\""), "{gz_tag}");
    let gz_current = http
        .get(&url)
        .header("Accept-Encoding", "gzip")
        .header("If-None-Match", &gz_tag)
        .send()
        .unwrap();
    assert_eq!(gz_current.status(), 304);
    assert_eq!(gz_current.headers()["etag"].to_str().unwrap(), gz_tag);
    let compressed = gz.bytes().unwrap();
    let mut text = String::new();
    std::io::Read::read_to_string(
        &mut flate2::read::GzDecoder::new(&compressed[..]),
        &mut text,
    )
    .unwrap();
    assert_eq!(text.lines().count(), 9);

    // Unknown crates and malformed paths are 404s with an error body.
    for path in [
        "/index/no/su/nosuchcrate",
        "/index/ca/xx/cached-crate",
        "/index/CA/CH/cached-crate",
        "/index/../../etc/passwd",
    ] {
        let response = wharf.get(path);
        assert_eq!(response.status(), 404, "{path}");
    }
    assert!(error_detail(wharf.get("/index/no/su/nosuchcrate")).contains("no index file"));

    let config = wharf.get_json("/index/config.json");
    assert_eq!(config["dl"], format!("{}/api/v1/crates", wharf.url));
    assert_eq!(config["api"], wharf.url);
    assert!(config.get("auth-required").is_none());
}

/// One answer read off a raw connection: status, headers (names in lower case) and body.
struct RawAnswer {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl RawAnswer {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Reads one answer (its body framed by `Content-Length`, or absent for a 304) from `reader`.
fn read_answer(reader: &mut impl std::io::BufRead) -> RawAnswer {
    let mut status_line = String::new();
    reader.read_line(&mut status_line).unwrap();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status line: {status_line:?}"));
    assert!(status_line.starts_with("HTTP/1.1 "), "{status_line:?}");
    let mut headers = Vec::new();
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        let line = line.trim_end_matches("\r\n");
        if line.is_empty() {
            break;
        }
        let (name, value) = line.split_once(": ").expect("a header line");
        headers.push((name.to_ascii_lowercase(), value.to_string()));
    }
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map_or(0, |(_, v)| v.parse().unwrap());
    let mut body = vec![0; length];
    reader.read_exact(&mut body).unwrap();
    RawAnswer {
        status,
        headers,
        body,
    }
}

/// The count of requests the connection threads read themselves with `outcome`, from `/metrics`.
fn read_by_connection_threads(wharf: &Wharf, outcome: &str) -> u64 {
    let text = wharf.get("/metrics").text().unwrap();
    let series = format!("wharf_connection_thread_requests_total{{outcome=\"{outcome}\"}} ");
    text.lines()
        .find_map(|line| line.strip_prefix(&series))
        .map_or(0, |value| value.trim().parse().unwrap())
}

/// Index-file `GET`s are read and answered by the connection threads themselves until a request
/// that is anything else, which hyper answers along with everything after it on that connection.
/// Whoever answers, the client sees one HTTP/1.1 server: the same answers, in order, whether the
/// requests come one at a time, several in one write, or a byte at a time.
fn one_connection_carries_index_requests_and_then_anything(backend: Backend) {
    use std::io::{BufRead, BufReader, Read, Write};
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    for patch in 0..3 {
        publish_ok(&wharf, &token, "wired-crate", &format!("1.0.{patch}"));
    }
    let file = wharf.get("/index/wi/re/wired-crate").text().unwrap();
    let connect = || {
        let stream = std::net::TcpStream::connect(wharf.url.trim_start_matches("http://")).unwrap();
        stream
            .set_read_timeout(Some(std::time::Duration::from_secs(20)))
            .unwrap();
        stream
    };
    let index = |extra: &str| {
        format!("GET /index/wi/re/wired-crate HTTP/1.1\r\nHost: registry\r\nUser-Agent: cargo 1.91\r\n{extra}\r\n")
    };

    // Three index requests and an API request in one write, then an index request again.
    let answered_before = read_by_connection_threads(&wharf, "answered");
    let handed_over_before = read_by_connection_threads(&wharf, "handed_over");
    let mut stream = connect();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    stream.write_all(index("").as_bytes()).unwrap();
    let first = read_answer(&mut reader);
    assert_eq!(first.status, 200);
    assert_eq!(first.body, file.as_bytes());
    assert_eq!(
        first.header("content-type"),
        Some("text/plain; charset=utf-8")
    );
    assert_eq!(first.header("x-content-type-options"), Some("nosniff"));
    assert!(first.header("date").is_some());
    assert!(first.header("last-modified").is_some());
    let etag = first.header("etag").unwrap().to_string();
    let pipelined = [
        index(&format!("If-None-Match: {etag}\r\n")),
        index("Accept-Encoding: br, gzip\r\n"),
        "GET /index/no/su/nosuchcrate HTTP/1.1\r\nHost: registry\r\n\r\n".to_string(),
        "GET /api/v1/crates/wired-crate HTTP/1.1\r\nHost: registry\r\nUser-Agent: tests\r\n\r\n"
            .to_string(),
        index(&format!("If-None-Match: {etag}\r\n")),
    ]
    .concat();
    stream.write_all(pipelined.as_bytes()).unwrap();
    let revalidated = read_answer(&mut reader);
    assert_eq!(revalidated.status, 304);
    assert_eq!(revalidated.header("etag"), Some(etag.as_str()));
    assert!(revalidated.header("content-type").is_none());
    assert!(revalidated.header("cache-control").is_some());
    let gzipped = read_answer(&mut reader);
    assert_eq!(gzipped.status, 200);
    assert_eq!(gzipped.header("content-encoding"), Some("gzip"));
    let mut text = String::new();
    flate2::read::GzDecoder::new(&gzipped.body[..])
        .read_to_string(&mut text)
        .unwrap();
    assert_eq!(text, file);
    // A name nobody published: the store is asked, and the answer is the API's error.
    let missing = read_answer(&mut reader);
    assert_eq!(missing.status, 404);
    assert_eq!(missing.header("x-content-type-options"), Some("nosniff"));
    let detail: serde_json::Value = serde_json::from_slice(&missing.body).unwrap();
    assert!(detail["errors"][0]["detail"]
        .as_str()
        .unwrap()
        .contains("no index file"));
    // hyper's from here on.
    let api = read_answer(&mut reader);
    assert_eq!(api.status, 200);
    let krate: serde_json::Value = serde_json::from_slice(&api.body).unwrap();
    assert_eq!(krate["crate"]["max_version"], "1.0.2");
    assert_eq!(read_answer(&mut reader).status, 304);
    stream.write_all(index("").as_bytes()).unwrap();
    assert_eq!(read_answer(&mut reader).body, file.as_bytes());
    // Four answered by the connection thread, the API request (and what followed) by hyper; the
    // scrape before this one was handed over too.
    assert_eq!(
        read_by_connection_threads(&wharf, "answered"),
        answered_before + 4
    );
    assert!(read_by_connection_threads(&wharf, "handed_over") >= handed_over_before + 2);

    // A request a byte at a time.
    let mut stream = connect();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    for byte in index(&format!("If-None-Match: {etag}\r\n")).bytes() {
        stream.write_all(&[byte]).unwrap();
    }
    assert_eq!(read_answer(&mut reader).status, 304);
    stream.write_all(index("").as_bytes()).unwrap();
    assert_eq!(read_answer(&mut reader).body, file.as_bytes());

    // Requests that are hyper's from their first byte still get the index file, with HTTP's
    // rules for them: HTTP/1.0 and `Connection: close` close the connection after the answer; a
    // HEAD gets the headers alone.
    for (request, closes) in [
        (
            "GET /index/wi/re/wired-crate HTTP/1.0\r\nHost: registry\r\n\r\n".to_string(),
            true,
        ),
        (index("Connection: close\r\n"), true),
        (
            "HEAD /index/wi/re/wired-crate HTTP/1.1\r\nHost: registry\r\n\r\n".to_string(),
            false,
        ),
    ] {
        let mut stream = connect();
        stream.write_all(request.as_bytes()).unwrap();
        let mut reader = BufReader::new(stream.try_clone().unwrap());
        let mut status_line = String::new();
        reader.read_line(&mut status_line).unwrap();
        assert!(
            status_line.contains(" 200 "),
            "{request:?}: {status_line:?}"
        );
        if closes {
            let mut rest = Vec::new();
            reader.read_to_end(&mut rest).unwrap();
            assert!(
                String::from_utf8_lossy(&rest).ends_with(&file),
                "{request:?}"
            );
        }
    }

    // A malformed head is hyper's to refuse, as it always was.
    let mut stream = connect();
    stream
        .write_all(b"GET /index/wi/re/wired-crate HTTP/1.1\r\nHost registry\r\n\r\n")
        .unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 400"), "{answer:?}");

    // A head longer than the connection threads read (a 20 KB header) is still answered.
    let mut stream = connect();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let long = index(&format!("X-Padding: {}\r\n", "p".repeat(20_000)));
    stream.write_all(long.as_bytes()).unwrap();
    assert_eq!(read_answer(&mut reader).body, file.as_bytes());
}

fn rejected_uploads_store_nothing(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    let good = |name: &str, version: &str| crate_file(name, version, &[]);
    let raw = |entries: &[(&str, &str)]| {
        raw_tarball(
            &entries
                .iter()
                .map(|(p, b)| (p.to_string(), b.as_bytes().to_vec()))
                .collect::<Vec<_>>(),
        )
    };
    let manifest = "[package]\nname = \"victim\"\nversion = \"0.1.0\"\nedition = \"2021\"\n";
    let cases: Vec<(&str, Vec<u8>, u16, &str)> = vec![
        (
            "a name must start with a letter",
            publish_body(&metadata("1victim", "0.1.0"), &good("1victim", "0.1.0")),
            400,
            "must start with an ASCII letter",
        ),
        (
            "a name has limited characters",
            publish_body(&metadata("vic.tim", "0.1.0"), &good("vic.tim", "0.1.0")),
            400,
            "contains `.`",
        ),
        (
            "a name is at most 64 characters",
            publish_body(
                &metadata(&"v".repeat(65), "0.1.0"),
                &good(&"v".repeat(65), "0.1.0"),
            ),
            400,
            "too long",
        ),
        (
            "versions are semver",
            publish_body(&metadata("victim", "1.0"), &good("victim", "1.0")),
            400,
            "not a valid semantic version",
        ),
        (
            "the manifest must name the same crate",
            publish_body(&metadata("victim", "0.1.0"), &good("other", "0.1.0")),
            400,
            "",
        ),
        (
            "entries must be under name-version/",
            publish_body(
                &metadata("victim", "0.1.0"),
                &raw(&[
                    ("victim-0.1.0/Cargo.toml", manifest),
                    ("elsewhere/src/lib.rs", ""),
                ]),
            ),
            400,
            "",
        ),
        (
            "no path traversal",
            publish_body(
                &metadata("victim", "0.1.0"),
                &raw(&[
                    ("victim-0.1.0/Cargo.toml", manifest),
                    ("victim-0.1.0/../../evil", "x"),
                ]),
            ),
            400,
            "",
        ),
        (
            "gzip only",
            publish_body(&metadata("victim", "0.1.0"), b"PK\x03\x04 not a tarball"),
            400,
            "",
        ),
        (
            "a truncated frame",
            b"\x10\x00\x00\x00{\"name\"".to_vec(),
            400,
            "truncated",
        ),
        (
            "invalid metadata",
            publish_body(&serde_json::json!({"vers": 1}), &good("victim", "0.1.0")),
            400,
            "invalid publish metadata",
        ),
    ];
    for (what, body, status, message) in cases {
        let response = wharf.publish_raw(&token, body);
        assert_eq!(response.status(), status, "{what}");
        let detail = error_detail(response);
        assert!(detail.contains(message), "{what}: {detail}");
    }

    // Over the limits: 413, for the file and for the metadata.
    let huge = vec![0u8; 10 * 1024 * 1024 + 1];
    let response = wharf.publish_raw(&token, publish_body(&metadata("victim", "0.1.0"), &huge));
    assert_eq!(response.status(), 413);
    assert!(error_detail(response).contains("at most"));
    let mut big_metadata = metadata("victim", "0.1.0");
    big_metadata["description"] = serde_json::json!("x".repeat(1024 * 1024 + 1));
    let response = wharf.publish_raw(
        &token,
        publish_body(&big_metadata, &good("victim", "0.1.0")),
    );
    assert_eq!(response.status(), 413);

    // Nothing of any of it was kept.
    assert_eq!(wharf.get("/api/v1/crates/victim").status(), 404);
    assert_eq!(wharf.get("/index/vi/ct/victim").status(), 404);
    // `.crate` files live under `crates/` in the blob store (beside the published database dump).
    let blobs = wharf.data_dir().join("crates").join("crates");
    let stored = walk(&blobs);
    assert!(stored.is_empty(), "files stored: {stored:?}");
    let search = wharf.get_json("/api/v1/crates?q=victim");
    assert_eq!(search["meta"]["total"], 0);
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    if let Ok(entries) = std::fs::read_dir(dir) {
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                found.extend(walk(&path));
            } else {
                found.push(path);
            }
        }
    }
    found
}

fn names_are_unique_by_canonical_form(backend: Backend) {
    let wharf = Wharf::start(backend);
    let alice = wharf.user_with_token("alice");
    let bob = wharf.user_with_token("bob");
    publish_ok(&wharf, &alice, "my-crate", "1.0.0");

    for other in ["my_crate", "My-Crate", "MY_CRATE"] {
        let response = wharf.publish_raw(
            &bob,
            publish_body(&metadata(other, "1.0.0"), &crate_file(other, "1.0.0", &[])),
        );
        assert_eq!(response.status(), 409, "{other}");
        assert!(error_detail(response).contains("`my-crate`"));
    }
    // Bob cannot publish to alice's crate under its own name either.
    let response = wharf.publish_raw(
        &bob,
        publish_body(
            &metadata("my-crate", "2.0.0"),
            &crate_file("my-crate", "2.0.0", &[]),
        ),
    );
    assert_eq!(response.status(), 403);
    assert!(error_detail(response).contains("not an owner"));

    // The owner must use the exact spelling.
    let response = wharf.publish_raw(
        &alice,
        publish_body(
            &metadata("My_Crate", "2.0.0"),
            &crate_file("My_Crate", "2.0.0", &[]),
        ),
    );
    assert_eq!(response.status(), 400);
    assert!(error_detail(response).contains("named `my-crate`"));

    // A version is unique ignoring build metadata, and is never replaced.
    for taken in ["1.0.0", "1.0.0+build.7"] {
        let response = wharf.publish_raw(
            &alice,
            publish_body(
                &metadata("my-crate", taken),
                &crate_file("my-crate", taken, &[]),
            ),
        );
        assert_eq!(response.status(), 409, "{taken}");
        assert!(error_detail(response).contains("already has version `1.0.0`"));
    }
    publish_ok(&wharf, &alice, "my-crate", "1.0.1+build.7");
    let versions = wharf.get_json("/api/v1/crates/my-crate/versions");
    assert_eq!(versions["versions"].as_array().unwrap().len(), 2);

    // Look-ups by any spelling find the crate.
    assert_eq!(
        wharf.get_json("/api/v1/crates/MY_CRATE")["crate"]["name"],
        "my-crate"
    );
    let download = wharf.get("/api/v1/crates/my_crate/1.0.0/download");
    assert_eq!(download.status(), 200);
}

fn dependencies_must_resolve(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    publish_ok(&wharf, &token, "base-lib", "1.0.0");

    let dep = |name: &str, registry: Option<&str>| {
        serde_json::json!({
            "name": name, "version_req": "^1.0", "features": ["std"], "optional": false,
            "default_features": true, "target": null, "kind": "normal", "registry": registry,
            "explicit_name_in_toml": null,
        })
    };
    let with_deps = |name: &str, deps: serde_json::Value| {
        let mut m = metadata(name, "0.1.0");
        m["deps"] = deps;
        publish_body(&m, &crate_file(name, "0.1.0", &[]))
    };

    let response = wharf.publish_raw(
        &token,
        with_deps("needs-missing", serde_json::json!([dep("not-here", None)])),
    );
    assert_eq!(response.status(), 400);
    assert!(error_detail(response).contains("`not-here` does not exist"));

    let response = wharf.publish_raw(
        &token,
        with_deps(
            "needs-elsewhere",
            serde_json::json!([dep("serde", Some("https://example.com/other-index"))]),
        ),
    );
    assert_eq!(response.status(), 400);
    assert!(error_detail(response).contains("does not allow"));

    let mut renamed = dep("base-lib", None);
    renamed["explicit_name_in_toml"] = serde_json::json!("base");
    let mut optional_serde = dep(
        "serde",
        Some("https://github.com/rust-lang/crates.io-index"),
    );
    optional_serde["optional"] = serde_json::json!(true);
    let mut m = metadata("needs-both", "0.1.0");
    m["deps"] = serde_json::json!([renamed, optional_serde]);
    m["features"] = serde_json::json!({ "default": ["std"], "std": [], "serde": ["dep:serde"] });
    let response = wharf.publish_raw(
        &token,
        publish_body(&m, &crate_file("needs-both", "0.1.0", &[])),
    );
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
    let line: serde_json::Value =
        serde_json::from_str(&wharf.get("/index/ne/ed/needs-both").text().unwrap()).unwrap();
    let deps = line["deps"].as_array().unwrap();
    assert_eq!(deps[0]["name"], "base");
    assert_eq!(deps[0]["package"], "base-lib");
    assert!(deps[0].get("registry").is_none());
    assert_eq!(deps[1]["name"], "serde");
    assert_eq!(
        deps[1]["registry"],
        "https://github.com/rust-lang/crates.io-index"
    );
    assert_eq!(deps[1]["features"], serde_json::json!(["std"]));
    assert_eq!(deps[1]["optional"], true);
    // Features in the new syntax go to `features2`, marked by `v: 2`, so old cargo still parses.
    assert_eq!(
        line["features"],
        serde_json::json!({ "default": ["std"], "std": [] })
    );
    assert_eq!(
        line["features2"],
        serde_json::json!({ "serde": ["dep:serde"] })
    );
    assert_eq!(line["v"], 2);
}

fn racing_publishers_exactly_one_wins(backend: Backend) {
    let wharf = Wharf::start(backend);
    let tokens: Vec<String> = (0..6)
        .map(|i| wharf.user_with_token(&format!("racer{i}")))
        .collect();
    let spellings = [
        "race-name",
        "race_name",
        "Race-Name",
        "RACE_NAME",
        "race-Name",
        "Race_name",
    ];
    let statuses: Vec<u16> = std::thread::scope(|scope| {
        let handles: Vec<_> = tokens
            .iter()
            .zip(spellings)
            .map(|(token, name)| {
                let wharf = &wharf;
                scope.spawn(move || {
                    wharf
                        .publish_raw(
                            token,
                            publish_body(&metadata(name, "1.0.0"), &crate_file(name, "1.0.0", &[])),
                        )
                        .status()
                        .as_u16()
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    assert_eq!(
        statuses.iter().filter(|s| **s == 200).count(),
        1,
        "{statuses:?}"
    );
    assert!(
        statuses.iter().all(|s| [200, 403, 409].contains(s)),
        "{statuses:?}"
    );
    let owners = wharf.get_json("/api/v1/crates/race-name/owners");
    assert_eq!(owners["users"].as_array().unwrap().len(), 1);
}

fn api_shapes_match_crates_io(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    publish_ok(&wharf, &token, "shape-check", "0.1.0");
    publish_ok(&wharf, &token, "shape-check", "0.2.0-beta.1");

    let info = wharf.get_json("/api/v1/crates/shape-check");
    assert_eq!(info["crate"]["name"], "shape-check");
    assert_eq!(info["crate"]["max_version"], "0.2.0-beta.1");
    assert_eq!(info["crate"]["max_stable_version"], "0.1.0");
    assert_eq!(info["crate"]["description"], "A test crate");
    assert_eq!(info["versions"].as_array().unwrap().len(), 2);
    assert_eq!(info["versions"][0]["num"], "0.2.0-beta.1");
    assert_eq!(info["versions"][0]["published_by"]["login"], "alice");
    assert_eq!(info["versions"][0]["license"], "MIT");
    assert_eq!(
        info["versions"][1]["dl_path"],
        "/api/v1/crates/shape-check/0.1.0/download"
    );

    let version = wharf.get_json("/api/v1/crates/shape-check/0.1.0");
    assert_eq!(version["version"]["num"], "0.1.0");
    assert_eq!(version["version"]["yanked"], false);
    let deps = wharf.get_json("/api/v1/crates/shape-check/0.1.0/dependencies");
    assert_eq!(deps["dependencies"], serde_json::json!([]));

    let me = wharf
        .http()
        .get(format!("{}/api/v1/me", wharf.url))
        .header("Authorization", &token)
        .send()
        .unwrap();
    let me: serde_json::Value = me.json().unwrap();
    assert_eq!(me["user"]["login"], "alice");
    assert_eq!(
        wharf.get_json("/api/v1/users/alice")["user"]["login"],
        "alice"
    );

    // Errors everywhere have the one shape.
    for (path, status) in [
        ("/api/v1/crates/nope", 404),
        ("/api/v1/crates/shape-check/9.9.9", 404),
        ("/api/v1/crates/shape-check/9.9.9/download", 404),
        ("/api/v1/users/nobody", 404),
        // Other paths belong to the web site, which answers with an HTML page.
        ("/api/no/such/route", 404),
        ("/api/v1/crates?sort=sideways", 400),
        ("/api/v1/me", 401),
    ] {
        let response = wharf.get(path);
        assert_eq!(response.status(), status, "{path}");
        assert!(!error_detail(response).is_empty());
    }
    let yank_anonymously = wharf
        .http()
        .delete(format!(
            "{}/api/v1/crates/shape-check/0.1.0/yank",
            wharf.url
        ))
        .send()
        .unwrap();
    assert_eq!(yank_anonymously.status(), 401);
}

/// A NUL character cannot be in any name or parameter, and PostgreSQL refuses text holding one:
/// such requests are the caller's mistake (4xx), never an internal error (found by schemathesis,
/// as a 503 from the audit log's filters).
fn nul_characters_are_refused_not_failed(backend: Backend) {
    let wharf = Wharf::start(backend);
    let admin = wharf.admin_with_token("admin");
    publish_ok(&wharf, &admin, "nul-free", "1.0.0");
    let http = wharf.http();
    for path in [
        "/api/v1/admin/audit?action=yank%00&actor=a",
        "/api/v1/crates?q=nul%00free",
        "/api/v1/crates?keyword=%00",
        "/api/v1/crates/nul-free%00",
        "/api/v1/users/admin%00",
    ] {
        let response = http
            .get(format!("{}{path}", wharf.url))
            .header("Authorization", &admin)
            .send()
            .unwrap();
        assert_eq!(response.status(), 400, "{path}");
        assert!(error_detail(response).contains("NUL"), "{path}");
    }
    // In a JSON body: SQLite can keep it, PostgreSQL cannot; either way, no 5xx.
    let response = http
        .post(format!("{}/api/v1/reports", wharf.url))
        .header("Authorization", &admin)
        .body(r#"{"target": "crate:nul-free", "category": "spam", "details": "a\u0000b"}"#)
        .send()
        .unwrap();
    let status = response.status();
    assert!(status.is_success() || status == 400, "{status}");
    if status == 400 {
        assert!(error_detail(response).contains("NUL"));
    }
    // And the search still works for the text without it.
    let found = wharf.get_json("/api/v1/crates?q=nul");
    assert_eq!(found["crates"][0]["name"], "nul-free");
}

/// Relevance: an exact name first; then, when few crates match, how well the text matched; when
/// very many do (more than the store ranks by text), the most downloaded.
fn search_ranks_few_matches_by_text_and_many_by_downloads(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    for (name, description) in [
        ("widget-tool", "Widget tools: a tool for widgets, and tools"),
        ("popular", "Has one tool among many other words of its own"),
    ] {
        let tarball = crate_file_with_manifest(
            name,
            "1.0.0",
            &format!("description = \"{description}\"\nlicense = \"MIT\""),
        );
        let response = wharf.publish_raw(&token, publish_body(&metadata(name, "1.0.0"), &tarball));
        assert_eq!(response.status(), 200, "{name}");
    }
    wharf.execute("UPDATE crates SET downloads = 1000 WHERE name = 'popular'");
    let names = |query: &str| -> (Vec<String>, i64) {
        let found = wharf.get_json(&format!("/api/v1/crates?q={query}"));
        let names = found["crates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect();
        (names, found["meta"]["total"].as_i64().unwrap())
    };
    // Two matches: the text decides, not the downloads.
    assert_eq!(
        names("tool&per_page=3"),
        (vec!["widget-tool".into(), "popular".into()], 2)
    );
    assert_eq!(names("popular&per_page=3").0[0], "popular");

    // 2,100 more crates say "tool", the later the more downloaded.
    wharf.insert_bulk_tool_crates();
    // Past 2,000 matches the total is estimated (SQLite: from where the 2,001st match was found;
    // PostgreSQL: the planner's figure, which without statistics yet is no more than was found).
    let (many, total) = names("tool&per_page=3");
    assert!((2_001..=2_300).contains(&total), "{total}");
    assert_eq!(many, ["bulk-2100", "bulk-2099", "bulk-2098"]);
    // An exact name still comes first, however little it is downloaded.
    wharf.execute(
        "INSERT INTO crates (name, canonical_name, description, search_text, max_version, \
             max_stable_version, downloads, created_at, updated_at) \
         VALUES ('tool', 'tool', 'a tool', 'tool tool a tool', '1.0.0', '1.0.0', 0, 0, 0)",
    );
    assert_eq!(
        names("tool&per_page=4").0,
        ["tool", "bulk-2100", "bulk-2099", "bulk-2098"]
    );
    // A broad search's answer is given again for a minute (broad_search_cache_seconds): the
    // query asked before the crate was written (behind the registry's back) gets the answer it
    // got then…
    assert_eq!(
        names("tool&per_page=3").0,
        ["bulk-2100", "bulk-2099", "bulk-2098"]
    );
    // … until a new crate comes through the registry, which drops every kept answer.
    let tarball = crate_file_with_manifest(
        "tool-belt",
        "1.0.0",
        "description = \"a tool\"\nlicense = \"MIT\"",
    );
    let response = wharf.publish_raw(
        &token,
        publish_body(&metadata("tool-belt", "1.0.0"), &tarball),
    );
    assert_eq!(response.status(), 200);
    assert_eq!(
        names("tool&per_page=3").0,
        ["tool", "bulk-2100", "bulk-2099"]
    );
    // And a crate a moderator holds leaves kept answers at once.
    let admin = wharf.admin_with_token("mod");
    let held = reqwest::blocking::Client::new()
        .post(format!("{}/api/v1/admin/actions", wharf.url))
        .header("Authorization", &admin)
        .header("User-Agent", "wharf-tests")
        .json(&serde_json::json!({ "action": "hold", "target": "crate:bulk-2100", "reason": "r" }))
        .send()
        .unwrap();
    assert_eq!(held.status(), 200, "{:?}", held.text());
    assert_eq!(
        names("tool&per_page=3").0,
        ["tool", "bulk-2099", "bulk-2098"]
    );
    // The next page goes on where the first stopped (bulk-2100 held), and says there is one
    // after it.
    let second = wharf.get_json("/api/v1/crates?q=tool&per_page=4&page=2");
    let second_names: Vec<&str> = second["crates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        second_names,
        ["bulk-2096", "bulk-2095", "bulk-2094", "bulk-2093"]
    );
    assert!(second["meta"]["next_page"]
        .as_str()
        .unwrap()
        .contains("page=3"));
    // Near the top, a later page is also found by looking up the most downloaded (SQLite).
    assert_eq!(
        names("tool&per_page=3&page=2").0,
        ["bulk-2097", "bulk-2096", "bulk-2095"]
    );
    // A deep page is found by reading every match rather than by looking up the most
    // downloaded crates one by one (SQLite), in the same order.
    assert_eq!(
        names("tool&per_page=4&page=100").0,
        ["bulk-1704", "bulk-1703", "bulk-1702", "bulk-1701"]
    );
    // The web site says the total is an estimate.
    let page = wharf.get("/search?q=tool").text().unwrap();
    assert!(page.contains("about 2,"), "{page}");
    // And few matches are ranked by text again.
    assert_eq!(names("widgets").0, ["widget-tool"]);
    // A broad word the most downloaded crates lack: the look-ups among them find nothing, and
    // the search reads every match after all.
    wharf.execute(
        "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100) \
         INSERT INTO crates (name, canonical_name, description, search_text, max_version, \
             max_stable_version, downloads, created_at, updated_at) \
         SELECT 'hush-' || i, 'hush_' || i, 'a quiet one', 'hush-' || i || ' hush ' || i || \
             ' a quiet one', '1.0.0', '1.0.0', i, 0, 0 FROM n",
    );
    assert_eq!(names("quiet&per_page=1").0, ["hush-2100"]);
    assert_eq!(names("quiet&per_page=2").0, ["hush-2100", "hush-2099"]);
}
