//! Several instances of one registry: files in an S3-compatible store (moto's server on
//! 127.0.0.1), one database, nginx in front, and the real cargo through it. What one instance
//! changes, the others serve; killing one loses no acknowledged publish; no instance keeps a
//! `.crate` or index file of its own.
//!
//! On PostgreSQL the instances hear each other's index rewrites; on SQLite (two processes on one
//! database file, one machine) they check the store for a newer copy at most once a second.

mod support;

use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use support::balancer::Balancer;
use support::s3::S3Server;
use support::web::WebClient;
use support::{crate_file, free_port, metadata, publish_body, Backend, CargoUser, Wharf};

backend_tests!(
    instances_share_one_registry_behind_a_load_balancer,
    an_instance_keeps_nothing_it_cannot_lose,
    per_address_limits_hold_across_instances,
    broad_search_answers_follow_other_instances,
);

/// Every regular file under `dir`, relative to it.
fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let Ok(entries) = std::fs::read_dir(dir) else {
        return found;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(
                files_under(&path)
                    .into_iter()
                    .map(|p| PathBuf::from(entry.file_name()).join(p)),
            );
        } else {
            found.push(PathBuf::from(entry.file_name()));
        }
    }
    found
}

/// A cargo user whose registry is the index at `base` (an instance or the load balancer).
fn cargo_user_at(wharf: &Wharf, name: &str, base: &str) -> CargoUser {
    let user = wharf.cargo_user(name);
    std::fs::write(
        user.home.join("config.toml"),
        format!(
            "[registries.wharf]\nindex = \"sparse+{base}/index/\"\n\n[registry]\n\
             global-credential-providers = [\"cargo:token\"]\n\n[net]\nretry = 0\n"
        ),
    )
    .unwrap();
    user
}

/// Polls `base`'s index file of `name` until `ready` holds for its body; returns how long it took.
fn wait_for_index(base: &str, name: &str, ready: impl Fn(&str) -> bool) -> Duration {
    let client = reqwest::blocking::Client::new();
    let path = wharf_index_path(name);
    let started = Instant::now();
    loop {
        let response = client.get(format!("{base}/index/{path}")).send().unwrap();
        if response.status().is_success() && ready(&response.text().unwrap()) {
            return started.elapsed();
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "{base} never served the change to {name}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn wharf_index_path(name: &str) -> String {
    match name.len() {
        1 => format!("1/{name}"),
        2 => format!("2/{name}"),
        3 => format!("3/{}/{name}", &name[..1]),
        _ => format!("{}/{}/{name}", &name[..2], &name[2..4]),
    }
}

fn publish_to(base: &str, token: &str, name: &str, version: &str) -> reqwest::blocking::Response {
    reqwest::blocking::Client::builder()
        .user_agent("wharf-tests")
        .timeout(Duration::from_secs(60))
        .build()
        .unwrap()
        .put(format!("{base}/api/v1/crates/new"))
        .header("Authorization", token)
        .body(publish_body(
            &metadata(name, version),
            &crate_file(name, version, &[]),
        ))
        .send()
        .unwrap()
}

fn instances_share_one_registry_behind_a_load_balancer(backend: Backend) {
    let Some(s3) = S3Server::start() else { return };
    let port = free_port();
    let public_url = format!("http://127.0.0.1:{port}");
    let mut env = s3.env("shared");
    env.push(("WHARF_PUBLIC_URL".into(), public_url.clone()));
    env.push(("WHARF_DOWNLOAD_FLUSH_SECONDS".into(), "1".into()));
    let mut a = Wharf::start_with(
        backend,
        support::Options {
            env: env.clone(),
            ..support::Options::default()
        },
    );
    let b = a.start_beside(env.clone());
    let Some(balancer) = Balancer::start(port, &[&a.url, &b.url]) else {
        return;
    };
    let alice = a.user_with_token("alice");

    // Published on A, served by B — which had just answered that there is no such file, and
    // must not keep remembering so.
    assert_eq!(b.get("/index/sh/ar/shared-lib").status(), 404);
    let response = publish_to(&a.url, &alice, "shared-lib", "1.0.0");
    assert_eq!(response.status(), 200, "{:?}", response.text());
    let seen = wait_for_index(&b.url, "shared-lib", |body| body.contains("\"1.0.0\""));
    eprintln!("B served A's publish {seen:?} after it was acknowledged");
    let builder = cargo_user_at(&a, "builder", &b.url);
    let app = builder.new_app(
        "app",
        "shared-lib = { version = \"1\", registry = \"wharf\" }",
        "fn main() { println!(\"{}\", shared_lib::answer()); }\n",
    );
    let run = builder.cargo_ok(&app, &["run", "-q"]);
    assert_eq!(run.stdout.trim(), "42");

    // Yanked on A, refused by B for a new lock file.
    let yank = a
        .http()
        .delete(format!("{}/api/v1/crates/shared-lib/1.0.0/yank", a.url))
        .header("Authorization", &alice)
        .send()
        .unwrap();
    assert_eq!(yank.status(), 200);
    wait_for_index(&b.url, "shared-lib", |body| {
        body.contains("\"yanked\":true")
    });
    let late = cargo_user_at(&a, "late", &b.url);
    let late_app = late.new_app(
        "late-app",
        "shared-lib = { version = \"1\", registry = \"wharf\" }",
        "fn main() {}\n",
    );
    let refused = late.cargo(&late_app, &["generate-lockfile"]);
    assert!(!refused.success, "a yanked version was chosen: {refused:?}");
    assert!(
        refused.stderr.contains("shared-lib"),
        "cargo's refusal does not name the crate: {}",
        refused.stderr
    );

    // A user's limit on new crates holds across instances: five at once, however spread.
    let carol = a.user_with_token("carol");
    for (i, base) in [&a.url, &b.url, &a.url, &b.url, &a.url].iter().enumerate() {
        let response = publish_to(base, &carol, &format!("carol-{i}"), "1.0.0");
        assert_eq!(response.status(), 200, "{:?}", response.text());
    }
    let sixth = publish_to(&b.url, &carol, "carol-5", "1.0.0");
    assert_eq!(sixth.status(), 429, "{:?}", sixth.text());

    // A burst of publishes through the balancer, with A killed in the middle of it: every
    // acknowledged version is served, and its file is the one published.
    let (acks, acked) = mpsc::channel();
    let burst_url = balancer.url.clone();
    let burst_token = alice.clone();
    let burst = std::thread::spawn(move || {
        for i in 0..20 {
            let version = format!("1.1.{i}");
            let response = publish_to(&burst_url, &burst_token, "burst-lib", &version);
            if response.status() == 200 {
                acks.send(version).unwrap();
            }
        }
    });
    let mut acknowledged = Vec::new();
    while acknowledged.len() < 5 {
        acknowledged.push(acked.recv_timeout(Duration::from_secs(60)).unwrap());
    }
    a.kill();
    burst.join().unwrap();
    acknowledged.extend(acked.try_iter());
    assert!(
        acknowledged.len() >= 15,
        "most of the burst should go through B: only {acknowledged:?} (nginx: {})",
        balancer.error_log()
    );
    let index = reqwest::blocking::get(format!(
        "{}/index/{}",
        balancer.url,
        wharf_index_path("burst-lib")
    ))
    .unwrap()
    .text()
    .unwrap();
    for version in &acknowledged {
        let line: serde_json::Value = index
            .lines()
            .map(|line| serde_json::from_str::<serde_json::Value>(line).unwrap())
            .find(|line| line["vers"] == version.as_str())
            .unwrap_or_else(|| panic!("acknowledged {version} is not in the index: {index}"));
        let file = reqwest::blocking::get(format!(
            "{}/api/v1/crates/burst-lib/{version}/download",
            balancer.url
        ))
        .unwrap();
        assert_eq!(file.status(), 200);
        let digest = hex::encode(Sha256::digest(file.bytes().unwrap()));
        assert_eq!(line["cksum"], digest.as_str(), "{version}'s file");
    }

    // The files are all in the bucket, and nowhere else.
    let keys = s3.keys("shared/");
    assert!(keys.contains(&"shared/crates/shared-lib/shared-lib-1.0.0.crate".to_string()));
    assert!(keys.contains(&"shared/index/sh/ar/shared-lib".to_string()));
    assert!(keys.contains(&"shared/index/bu/rs/burst-lib".to_string()));
    for instance in [&a, &b] {
        let files = files_under(&instance.data_dir());
        assert!(
            files.is_empty(),
            "an instance kept files of its own: {files:?}"
        );
    }
}

/// The database dump an instance serves, once there is one.
fn published_dump(wharf: &Wharf) -> Vec<u8> {
    let started = Instant::now();
    loop {
        let response = wharf.get("/db-dump.tar.gz");
        if response.status() == 200 {
            return response.bytes().unwrap().to_vec();
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{} never published a dump",
            wharf.url
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn an_instance_keeps_nothing_it_cannot_lose(backend: Backend) {
    let Some(s3) = S3Server::start() else { return };
    let env = s3.env("");
    let mut first = Wharf::start_with(
        backend,
        support::Options {
            env: env.clone(),
            ..support::Options::default()
        },
    );
    let token = first.user_with_token("alice");
    let alice = first.cargo_user("alice").with_token(&token);
    let dir = alice.new_crate(
        "kept-lib",
        "0.1.0",
        "",
        "pub fn kept() -> &'static str { \"kept\" }\n",
    );
    alice.publish_ok(&dir);
    let keys = s3.keys("");
    assert!(
        keys.contains(&"crates/kept-lib/kept-lib-0.1.0.crate".to_string())
            && keys.contains(&"index/ke/pt/kept-lib".to_string()),
        "{keys:?}"
    );

    // The database dump the first instance wrote when it started (there was none yet).
    let first_dump = published_dump(&first);

    // A replacement instance with an empty data directory serves the same registry to a cargo
    // that has never seen it.
    first.kill();
    std::fs::remove_dir_all(first.data_dir()).ok();
    let second = first.start_beside(env);
    let fresh = cargo_user_at(&second, "fresh", &second.url);
    let app = fresh.new_app(
        "kept-app",
        "kept-lib = { version = \"0.1\", registry = \"wharf\" }",
        "fn main() { println!(\"{}\", kept_lib::kept()); }\n",
    );
    assert_eq!(fresh.cargo_ok(&app, &["run", "-q"]).stdout.trim(), "kept");
    // It found a dump younger than half an interval in the store and wrote none of its own (one
    // of its own would list kept-lib, published since): a fleet writes one dump an interval.
    assert!(
        published_dump(&second) == first_dump,
        "the replacement rewrote the dump"
    );

    // An index file lost from the store is written again from the database by the operator's
    // reindex, which reads the storage URL like the server.
    s3.delete("index/ke/pt/kept-lib");
    assert!(!s3
        .keys("index/")
        .contains(&"index/ke/pt/kept-lib".to_string()));
    second.cli(&["admin", "reindex"]);
    assert!(s3
        .keys("index/")
        .contains(&"index/ke/pt/kept-lib".to_string()));
    wait_for_index(&second.url, "kept-lib", |body| body.contains("\"0.1.0\""));
    assert!(files_under(&second.data_dir()).is_empty());
}

/// On PostgreSQL an address's API requests and sign-in attempts are counted by all instances
/// together; on SQLite (one machine, one instance in production) each counts its own.
fn per_address_limits_hold_across_instances(backend: Backend) {
    let config =
        "api_requests_per_second = 1\napi_burst = 4\n\n[accounts]\nsign_ins_per_minute = 2\n";
    let a = Wharf::with_config(backend, config);
    let b = a.start_beside(Vec::new());
    let shared = backend == Backend::Postgres;

    // Eight API requests, alternating: with one count for both instances at most four (and one
    // more per second taken) go through; with a count each, all eight would.
    let started = Instant::now();
    let statuses: Vec<u16> = (0..8)
        .map(|i| {
            let instance = if i % 2 == 0 { &a } else { &b };
            instance.get("/api/v1/crates?q=anything").status().as_u16()
        })
        .collect();
    let elapsed = started.elapsed();
    let allowed = statuses.iter().filter(|s| **s == 200).count();
    assert!(
        statuses.iter().all(|s| *s == 200 || *s == 429),
        "{statuses:?}"
    );
    if shared {
        assert!(
            elapsed < Duration::from_secs(3),
            "eight requests took {elapsed:?}: too slow to tell one count from two"
        );
        assert!(
            allowed as u64 <= 4 + elapsed.as_secs() + 1,
            "one address got {allowed} of 8 through two instances in {elapsed:?}: {statuses:?}"
        );
    } else {
        assert_eq!(allowed, 8, "each instance counts its own: {statuses:?}");
    }

    // Sign-in attempts: two a minute from one address, wherever they land.
    let attempt = |instance: &Wharf| {
        WebClient::new(instance)
            .submit(
                "/account/signin",
                "/account/signin",
                &[("login", "nobody"), ("password", "not the password")],
            )
            .status
    };
    let statuses = [attempt(&a), attempt(&b), attempt(&a), attempt(&b)];
    if shared {
        assert_eq!(statuses, [401, 401, 429, 429]);
    } else {
        assert_eq!(
            statuses,
            [401, 401, 401, 401],
            "each instance allows its own two"
        );
    }
}

/// A broad search's answer kept by one instance goes when another instance publishes a crate.
fn broad_search_answers_follow_other_instances(backend: Backend) {
    // Instances hear each other's index rewrites through PostgreSQL; on SQLite a kept answer on
    // another instance lasts its lifetime (broad_search_cache_seconds), as the README says.
    if matches!(backend, Backend::Sqlite) {
        return;
    }
    let Some(s3) = S3Server::start() else { return };
    let mut env = support::Options::default().env;
    env.extend(s3.env("broad"));
    let a = Wharf::start_with(
        backend,
        support::Options {
            env: env.clone(),
            // The polling below asks more often than the default per-address limit allows.
            config_text: Some("api_requests_per_second = 1000\napi_burst = 1000\n".into()),
            ..support::Options::default()
        },
    );
    let b = a.start_beside(env);
    // 2,100 crates say "tool", written straight into the shared database: a broad search.
    a.insert_bulk_tool_crates();
    let names = |wharf: &Wharf| -> Vec<String> {
        wharf.get_json("/api/v1/crates?q=tool&per_page=3")["crates"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    // Kept on B from now on.
    assert_eq!(names(&b), ["bulk-2100", "bulk-2099", "bulk-2098"]);
    // A crate named `tool` comes through A: B hears its index file announced and drops what it
    // kept, so the exact name leads B's answer too.
    let alice = a.user_with_token("alice");
    let response = publish_to(&a.url, &alice, "tool", "1.0.0");
    assert_eq!(response.status(), 200, "{:?}", response.text());
    let started = Instant::now();
    while names(&b).first().map(String::as_str) != Some("tool") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "B kept its answer: {:?}",
            names(&b)
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}
