//! Crash safety: a server killed in the middle of a publish leaves nothing partial behind, and a
//! version committed before the crash reaches the index when the server comes back; a version
//! whose index file could not be written reaches it as soon as the file can be written. And a
//! server asked to stop exits cleanly, keeping what it held in memory.

mod support;

use support::{crate_file, metadata, publish_body, Backend, Wharf};

backend_tests!(
    crash_before_commit_leaves_nothing,
    crash_after_commit_is_repaired_at_start,
    a_failed_index_write_is_repaired_while_running,
    a_stopped_server_exits_cleanly_and_keeps_its_counts
);

/// SIGTERM: the server stops taking connections, lets the requests under way finish, ends its
/// connection threads, writes the download counts it still holds and exits with success; the
/// counts are there when it comes back.
fn a_stopped_server_exits_cleanly_and_keeps_its_counts(backend: Backend) {
    // Counts reach the database only when the server stops.
    let mut wharf = Wharf::with_config(backend, "download_flush_seconds = 3600\n");
    let token = wharf.user_with_token("alice");
    let response = wharf.publish_plain(&token, "steady", "1.0.0");
    assert_eq!(response.status(), 200, "{:?}", response.text());
    for _ in 0..3 {
        let download = wharf.get("/api/v1/crates/steady/1.0.0/download");
        assert_eq!(download.status(), 200);
    }
    // Index files, answered from memory on the connection threads after the first.
    for _ in 0..3 {
        assert_eq!(wharf.get("/index/st/ea/steady").status(), 200);
    }
    assert_eq!(
        wharf.get_json("/api/v1/crates/steady")["crate"]["downloads"],
        0,
        "counted before the stop"
    );

    // Connections the connection threads read themselves do not hold the stop up (it waits up to
    // 10 s here; the grace for requests under way is 30 s): one idle after an index request, one
    // part way through a request's head.
    use std::io::{Read, Write};
    let address = wharf.url.trim_start_matches("http://").to_string();
    let mut idle = std::net::TcpStream::connect(&address).unwrap();
    idle.write_all(b"GET /index/st/ea/steady HTTP/1.1\r\nHost: registry\r\n\r\n")
        .unwrap();
    let mut answer = [0; 12];
    idle.read_exact(&mut answer).unwrap();
    assert_eq!(&answer, b"HTTP/1.1 200");
    let mut halfway = std::net::TcpStream::connect(&address).unwrap();
    halfway
        .write_all(b"GET /index/st/ea/steady HTTP/1.1\r\nHo")
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(200));

    let status = wharf.terminate();
    assert!(status.success(), "{status:?}");
    drop((idle, halfway));

    wharf.restart();
    assert_eq!(
        wharf.get_json("/api/v1/crates/steady")["crate"]["downloads"],
        3
    );
}

fn crash_before_commit_leaves_nothing(backend: Backend) {
    // No grace: the orphan the crash leaves is removed at the next start, not an hour later.
    let mut wharf = Wharf::with_config(backend, "leftover_grace_seconds = 0\n");
    let token = wharf.user_with_token("alice");
    let body = || {
        publish_body(
            &metadata("fragile", "1.0.0"),
            &crate_file("fragile", "1.0.0", &[]),
        )
    };

    // The .crate file is stored, then the process dies before the transaction commits.
    wharf.set_env("WHARF_CRASH_AT", Some("publish-before-commit"));
    wharf.restart();
    let attempt = wharf
        .http()
        .put(format!("{}/api/v1/crates/new", wharf.url))
        .header("Authorization", &token)
        .body(body())
        .send();
    assert!(attempt.is_err(), "the server should have died mid-publish");
    assert!(!wharf.wait_for_exit().success());

    let orphan = wharf
        .data_dir()
        .join("crates/crates/fragile/fragile-1.0.0.crate");
    assert!(
        orphan.exists(),
        "the crash point comes after the file is stored"
    );
    // An index rewrite killed before its rename leaves a temporary file too.
    let temporary = wharf.data_dir().join("index/fr/ag/.tmp-leftover");
    std::fs::create_dir_all(temporary.parent().unwrap()).unwrap();
    std::fs::write(&temporary, "half a file").unwrap();

    wharf.set_env("WHARF_CRASH_AT", None);
    wharf.restart();
    assert!(
        !orphan.exists(),
        "the orphan .crate file outlived the restart"
    );
    assert!(
        !temporary.exists(),
        "the temporary index file outlived the restart"
    );
    assert_eq!(wharf.get("/api/v1/crates/fragile").status(), 404);
    assert_eq!(wharf.get("/index/fr/ag/fragile").status(), 404);
    assert_eq!(
        wharf.get("/api/v1/crates/fragile/1.0.0/download").status(),
        404
    );

    // The same upload succeeds afterwards, and serves the new file.
    let response = wharf.publish_raw(&token, body());
    assert_eq!(response.status(), 200);
    assert_eq!(
        wharf
            .get("/index/fr/ag/fragile")
            .text()
            .unwrap()
            .lines()
            .count(),
        1
    );
    assert_eq!(
        wharf.get("/api/v1/crates/fragile/1.0.0/download").status(),
        200
    );
}

fn crash_after_commit_is_repaired_at_start(backend: Backend) {
    let mut wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    let response = wharf.publish_plain(&token, "sturdy", "1.0.0");
    assert_eq!(response.status(), 200);

    // Committed, then killed before the index file is written.
    wharf.set_env("WHARF_CRASH_AT", Some("publish-after-commit"));
    wharf.restart();
    let attempt = wharf
        .http()
        .put(format!("{}/api/v1/crates/new", wharf.url))
        .header("Authorization", &token)
        .body(publish_body(
            &metadata("sturdy", "1.1.0"),
            &crate_file("sturdy", "1.1.0", &[]),
        ))
        .send();
    assert!(attempt.is_err());
    wharf.wait_for_exit();
    let index = std::fs::read_to_string(wharf.data_dir().join("index/st/ur/sturdy")).unwrap();
    assert_eq!(
        index.lines().count(),
        1,
        "the index file is behind the database"
    );

    wharf.set_env("WHARF_CRASH_AT", None);
    wharf.restart();
    let index = wharf.get("/index/st/ur/sturdy").text().unwrap();
    assert_eq!(index.lines().count(), 2, "repaired at start: {index}");
    assert!(index.contains("\"vers\":\"1.1.0\""));
    assert_eq!(
        wharf.get("/api/v1/crates/sturdy/1.1.0/download").status(),
        200
    );
}

fn a_failed_index_write_is_repaired_while_running(backend: Backend) {
    let wharf = Wharf::start(backend);
    let token = wharf.user_with_token("alice");
    // A file where the index needs a directory: writing `fa/il/failing-lib` fails, as it would on
    // a full disk or with the object store down.
    let blocker = wharf.data_dir().join("index/fa");
    std::fs::write(&blocker, b"in the way").unwrap();
    let response = wharf.publish_plain(&token, "failing-lib", "1.0.0");
    // The version is committed: the publish succeeds, and its file is written later.
    assert_eq!(response.status(), 200, "{:?}", response.text());
    assert_eq!(
        wharf.get_json("/api/v1/crates/failing-lib")["crate"]["max_version"],
        "1.0.0"
    );
    // Not served yet (the blocker makes even reading the path fail: 503).
    assert!(!wharf.get("/index/fa/il/failing-lib").status().is_success());

    // Once the way is clear, the server's repair loop writes it without a restart.
    std::fs::remove_file(&blocker).unwrap();
    let started = std::time::Instant::now();
    loop {
        let response = wharf.get("/index/fa/il/failing-lib");
        if response.status() == 200 {
            assert!(response.text().unwrap().contains("\"vers\":\"1.0.0\""));
            break;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(30),
            "the index file was never repaired"
        );
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}
