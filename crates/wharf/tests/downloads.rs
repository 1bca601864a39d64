//! Where a download's bytes come from. By default Wharf sends the `.crate` file itself (every other
//! test); with `downloads = "presigned"` it redirects to a URL its S3 store signs (moto's server on
//! 127.0.0.1), and with `downloads = "http://…"` to a static server in front of its files. Either
//! way the download is counted, and the real cargo follows the redirect to build a dependent.

mod support;

use sha2::{Digest, Sha256};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};
use support::s3::S3Server;
use support::{crate_file, free_port, metadata, publish_body, Backend, Options, Wharf};

backend_tests!(
    presigned_downloads_come_from_the_store,
    downloads_can_be_sent_to_a_base_url,
);

/// Publishes `name` 1.0.0 and returns its checksum as the index has it.
fn publish(wharf: &Wharf, name: &str) -> String {
    let token = wharf.user_with_token("alice");
    let response = wharf.publish_raw(
        &token,
        publish_body(&metadata(name, "1.0.0"), &crate_file(name, "1.0.0", &[])),
    );
    assert_eq!(response.status(), 200, "{:?}", response.text());
    let index = wharf
        .get(&format!("/index/{}/{}/{name}", &name[..2], &name[2..4]))
        .text()
        .unwrap();
    let line: serde_json::Value = serde_json::from_str(index.lines().next().unwrap()).unwrap();
    line["cksum"].as_str().unwrap().to_string()
}

/// The download's answer, redirects not followed.
fn download_unfollowed(wharf: &Wharf, name: &str) -> reqwest::blocking::Response {
    reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .user_agent("wharf-tests")
        .build()
        .unwrap()
        .get(format!("{}/api/v1/crates/{name}/1.0.0/download", wharf.url))
        .send()
        .unwrap()
}

/// Builds and runs a program depending on `name` through the registry, as cargo does.
fn cargo_builds_a_dependent(wharf: &Wharf, name: &str) {
    let builder = wharf.cargo_user("builder");
    let app = builder.new_app(
        "app",
        &format!("{name} = {{ version = \"1\", registry = \"wharf\" }}"),
        &format!(
            "fn main() {{ println!(\"{{}}\", {}::answer()); }}\n",
            name.replace('-', "_")
        ),
    );
    assert_eq!(builder.cargo_ok(&app, &["run", "-q"]).stdout.trim(), "42");
}

fn sha256_hex(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn presigned_downloads_come_from_the_store(backend: Backend) {
    let Some(s3) = S3Server::start() else { return };
    let mut env = Options::default().env;
    env.extend(s3.env("presigned"));
    let wharf = Wharf::start_with(
        backend,
        Options {
            env,
            config_text: Some("downloads = \"presigned\"\n".into()),
            ..Options::default()
        },
    );
    let checksum = publish(&wharf, "signed-lib");

    // A redirect to the store, signed, that no cache may keep.
    let response = download_unfollowed(&wharf, "signed-lib");
    assert_eq!(response.status(), 302);
    assert_eq!(response.headers()["cache-control"], "no-store");
    let location = response.headers()["location"].to_str().unwrap().to_string();
    assert!(location.starts_with(&s3.endpoint), "{location}");
    assert!(location.contains("signed-lib-1.0.0.crate"), "{location}");
    assert!(location.contains("X-Amz-Signature="), "{location}");
    // The URL alone gives the file, with no credentials.
    let fetched = reqwest::blocking::get(&location).unwrap();
    assert_eq!(fetched.status(), 200);
    assert_eq!(sha256_hex(&fetched.bytes().unwrap()), checksum);

    cargo_builds_a_dependent(&wharf, "signed-lib");
    // Both downloads (ours and cargo's) were counted, though neither was sent by Wharf.
    assert_eq!(wharf.wait_for_downloads("signed-lib", 2), 2);
    // A version that does not exist is still a 404 in JSON, not a redirect.
    let missing = reqwest::blocking::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .get(format!(
            "{}/api/v1/crates/signed-lib/9.9.9/download",
            wharf.url
        ))
        .send()
        .unwrap();
    assert_eq!(missing.status(), 404);
}

/// A static file server on 127.0.0.1 (Python's `http.server`) over `dir`.
struct StaticServer(Child);

impl StaticServer {
    fn start(port: u16, dir: &Path) -> StaticServer {
        let child = Command::new("python3")
            .args([
                "-m",
                "http.server",
                &port.to_string(),
                "--bind",
                "127.0.0.1",
            ])
            .arg("--directory")
            .arg(dir)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 runs the static file server");
        let started = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "no static server"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        StaticServer(child)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn downloads_can_be_sent_to_a_base_url(backend: Backend) {
    // The base a CDN would have: here a static server over the directory the blob store keeps
    // its objects in (the data directory's `crates/`), under the keys the redirect names.
    let port = free_port();
    let wharf = Wharf::with_config(
        backend,
        &format!("downloads = \"http://127.0.0.1:{port}/\"\n"),
    );
    let _files = StaticServer::start(port, &wharf.data_dir().join("crates"));
    let checksum = publish(&wharf, "based-lib");

    let response = download_unfollowed(&wharf, "based-lib");
    assert_eq!(response.status(), 302);
    assert_eq!(
        response.headers()["location"],
        format!("http://127.0.0.1:{port}/crates/based-lib/based-lib-1.0.0.crate").as_str()
    );
    let followed = wharf.get("/api/v1/crates/based-lib/1.0.0/download");
    assert_eq!(followed.status(), 200);
    assert_eq!(sha256_hex(&followed.bytes().unwrap()), checksum);

    cargo_builds_a_dependent(&wharf, "based-lib");
    // Three downloads asked of Wharf (unfollowed, followed, cargo's), three counted.
    assert_eq!(wharf.wait_for_downloads("based-lib", 3), 3);
}

/// `wharf serve` with `config`; its exit and what it wrote to stderr (it is killed, and the test
/// fails, if it is still running after 30 s: it should have refused to start).
fn serve_refusal(config: &str, extra_args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let config_path = dir.path().join("wharf.toml");
    std::fs::write(&config_path, config).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_wharf"))
        .arg("--config")
        .arg(&config_path)
        .arg("--data-dir")
        .arg(dir.path().join("data"))
        .args(["serve", "--listen", "127.0.0.1:0"])
        .env("WHARF_DETONATE", "off")
        .args(extra_args)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert!(!status.success());
            let mut stderr = String::new();
            std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
            return stderr;
        }
        if started.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("wharf serve started with {config:?}");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn download_modes_are_refused_where_they_cannot_work() {
    // A directory cannot sign URLs.
    let refused = serve_refusal("downloads = \"presigned\"\n", &[]);
    assert!(refused.contains("needs files in an S3 store"), "{refused}");
    // A CDN base would hand a private registry's files to anyone.
    let refused = serve_refusal(
        "downloads = \"https://cdn.example.com/\"\n",
        &["--auth-required"],
    );
    assert!(refused.contains("private registry"), "{refused}");
    let refused = serve_refusal("downloads = \"sideways\"\n", &[]);
    assert!(refused.contains("served"), "{refused}");
}
