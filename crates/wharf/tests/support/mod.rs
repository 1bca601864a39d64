//! The end-to-end test harness: a real `wharf serve` on 127.0.0.1 with a fresh data directory and
//! database, the `wharf` CLI against the same data, and the real `cargo` binary with an isolated
//! `CARGO_HOME` pointed at the server.
//!
//! Every test runs on SQLite; when `WHARF_TEST_DATABASE_URL` names a PostgreSQL server, the
//! `postgres` copy of each test runs there too, each in a database of its own.

#![allow(dead_code)]

pub mod balancer;
pub mod browser;
pub mod s3;
pub mod smtp;
pub mod totp;
pub mod web;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Defines one test per backend from a function taking a [`Backend`].
#[macro_export]
macro_rules! backend_tests {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $( #[test] fn $name() { super::$name($crate::support::Backend::Sqlite) } )*
        }
        mod postgres {
            $( #[test] fn $name() {
                if $crate::support::postgres_url().is_none() {
                    eprintln!("WHARF_TEST_DATABASE_URL is not set: skipping the PostgreSQL run");
                    return;
                }
                super::$name($crate::support::Backend::Postgres)
            } )*
        }
    };
}

pub fn postgres_url() -> Option<String> {
    std::env::var("WHARF_TEST_DATABASE_URL")
        .ok()
        .filter(|s| !s.is_empty())
}

/// A database of the test's own, dropped afterwards.
pub struct TestDatabase {
    pub url: String,
    postgres: Option<(String, String)>,
}

pub fn block_on<F: std::future::Future>(future: F) -> F::Output {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(future)
}

impl TestDatabase {
    fn new(backend: Backend, dir: &Path) -> TestDatabase {
        match backend {
            Backend::Sqlite => TestDatabase {
                url: format!("sqlite://{}", dir.join("wharf.db").display()),
                postgres: None,
            },
            Backend::Postgres => {
                let admin = postgres_url().expect("WHARF_TEST_DATABASE_URL");
                let name = format!("wharf_test_{}_{}", std::process::id(), rand_suffix());
                block_on(async {
                    use sqlx::Connection;
                    let mut conn = sqlx::PgConnection::connect(&admin).await.unwrap();
                    sqlx::Executor::execute(&mut conn, format!("CREATE DATABASE {name}").as_str())
                        .await
                        .unwrap();
                });
                let base = admin.rsplit_once('/').map(|(b, _)| b).unwrap_or(&admin);
                TestDatabase {
                    url: format!("{base}/{name}"),
                    postgres: Some((admin, name)),
                }
            }
        }
    }
}

impl Drop for TestDatabase {
    fn drop(&mut self) {
        if let Some((admin, name)) = &self.postgres {
            let _ = std::panic::catch_unwind(|| {
                block_on(async {
                    use sqlx::Connection;
                    if let Ok(mut conn) = sqlx::PgConnection::connect(admin).await {
                        let _ = sqlx::Executor::execute(
                            &mut conn,
                            format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)").as_str(),
                        )
                        .await;
                    }
                })
            });
        }
    }
}

/// A port nothing listens on now, for a server that must be told its port before it starts.
pub fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn rand_suffix() -> String {
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .subsec_nanos();
    format!("{nanos}_{}", COUNTER.fetch_add(1, Ordering::Relaxed))
}

/// A running Wharf with its own data.
pub struct Wharf {
    pub dir: tempfile::TempDir,
    pub db: TestDatabase,
    pub url: String,
    server: Option<Child>,
    extra_env: Vec<(String, String)>,
    auth_required: bool,
    config: Option<PathBuf>,
}

pub struct Options {
    pub auth_required: bool,
    pub env: Vec<(String, String)>,
    /// The text of a config file written into the test's directory and passed with `--config`.
    pub config_text: Option<String>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            auth_required: false,
            env: vec![("WHARF_DOWNLOAD_FLUSH_SECONDS".into(), "1".into())],
            config_text: None,
        }
    }
}

impl Wharf {
    pub fn start(backend: Backend) -> Wharf {
        Wharf::start_with(backend, Options::default())
    }

    /// A server started with this config file text.
    pub fn with_config(backend: Backend, config: &str) -> Wharf {
        Wharf::start_with(
            backend,
            Options {
                config_text: Some(config.to_string()),
                ..Options::default()
            },
        )
    }

    /// A server whose mail goes to a fresh SMTP sink, with more config text before the `[smtp]`
    /// section.
    pub fn with_mail_sink(backend: Backend, extra_config: &str) -> (Wharf, smtp::SmtpSink) {
        let sink = smtp::SmtpSink::start();
        let wharf = Wharf::with_config(backend, &format!("{extra_config}\n{}", sink.config()));
        (wharf, sink)
    }

    pub fn start_with(backend: Backend, options: Options) -> Wharf {
        let dir = tempfile::tempdir().unwrap();
        let db = TestDatabase::new(backend, dir.path());
        let config = options.config_text.map(|text| {
            let path = dir.path().join("wharf.toml");
            std::fs::write(&path, text).unwrap();
            path
        });
        let mut wharf = Wharf {
            dir,
            db,
            url: String::new(),
            server: None,
            extra_env: options.env,
            auth_required: options.auth_required,
            config,
        };
        wharf.boot(None);
        wharf
    }

    /// A second instance of the same registry: its own data directory and process, this one's
    /// database, with `env` for its environment (the storage they share, say).
    pub fn start_beside(&self, env: Vec<(String, String)>) -> Wharf {
        let dir = tempfile::tempdir().unwrap();
        let mut wharf = Wharf {
            dir,
            // The first instance owns the database and drops it.
            db: TestDatabase {
                url: self.db.url.clone(),
                postgres: None,
            },
            url: String::new(),
            server: None,
            extra_env: env,
            auth_required: self.auth_required,
            config: self.config.clone(),
        };
        wharf.boot(None);
        wharf
    }

    pub fn data_dir(&self) -> PathBuf {
        self.dir.path().join("data")
    }

    /// Starts the server process; `listen` reuses an address after a restart.
    fn boot(&mut self, listen: Option<&str>) -> &mut Child {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wharf"));
        if let Some(config) = &self.config {
            command.arg("--config").arg(config);
        }
        command
            .arg("--data-dir")
            .arg(self.data_dir())
            .arg("--database-url")
            .arg(&self.db.url)
            .arg("serve")
            .arg("--listen")
            .arg(listen.unwrap_or("127.0.0.1:0"))
            .env("RUST_LOG", "warn")
            // Building every test crate in the sandbox would cost each test seconds of CPU; the
            // tests of detonation turn it on in their environment.
            .env("WHARF_DETONATE", "off")
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit());
        if self.auth_required {
            command.arg("--auth-required");
        }
        for (k, v) in &self.extra_env {
            command.env(k, v);
        }
        let mut child = command.spawn().expect("start wharf serve");
        let stdout = child.stdout.take().unwrap();
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).unwrap();
        let url = line
            .trim()
            .strip_prefix("Wharf listening on ")
            .unwrap_or_else(|| panic!("unexpected first line from wharf serve: {line:?}"))
            .to_string();
        self.url = url;
        self.server = Some(child);
        self.server.as_mut().unwrap()
    }

    /// Stops the server (SIGKILL: no graceful shutdown) and starts it again on the same address.
    pub fn restart(&mut self) {
        self.kill();
        let listen = self.url.trim_start_matches("http://").to_string();
        self.boot(Some(&listen));
    }

    pub fn kill(&mut self) {
        if let Some(mut child) = self.server.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Asks the server to stop (SIGTERM, as a service manager does) and returns how it exited.
    #[allow(dead_code)]
    pub fn terminate(&mut self) -> std::process::ExitStatus {
        let pid = self.server.as_ref().expect("server running").id();
        let sent = Command::new("kill")
            .args(["-TERM", &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(sent.success(), "could not signal the server");
        self.wait_for_exit()
    }

    /// Waits for the server process to exit by itself (after a crash point) and returns its status.
    pub fn wait_for_exit(&mut self) -> std::process::ExitStatus {
        let mut child = self.server.take().expect("server running");
        for _ in 0..100 {
            if let Some(status) = child.try_wait().unwrap() {
                return status;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        panic!("the server did not exit");
    }

    /// Sets an environment variable for the next (re)start.
    pub fn set_env(&mut self, key: &str, value: Option<&str>) {
        self.extra_env.retain(|(k, _)| k != key);
        if let Some(value) = value {
            self.extra_env.push((key.into(), value.into()));
        }
    }

    pub fn index_url(&self) -> String {
        format!("sparse+{}/index/", self.url)
    }

    /// Runs the `wharf` CLI against this server's data; panics unless it succeeds; returns stdout.
    pub fn cli(&self, args: &[&str]) -> String {
        let output = self.cli_output(args);
        assert!(
            output.status.success(),
            "wharf {args:?} failed: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8(output.stdout).unwrap()
    }

    pub fn cli_output(&self, args: &[&str]) -> Output {
        let mut command = Command::new(env!("CARGO_BIN_EXE_wharf"));
        // The server's configuration file, as an operator's commands would share it.
        if let Some(config) = &self.config {
            command.arg("--config").arg(config);
        }
        command
            .arg("--data-dir")
            .arg(self.data_dir())
            .arg("--database-url")
            .arg(&self.db.url)
            .args(args)
            .env("RUST_LOG", "warn")
            // Where the files are, so that commands that rewrite index files write where the
            // server reads.
            .envs(
                self.extra_env
                    .iter()
                    .filter(|(k, _)| k.starts_with("AWS_") || k == "WHARF_STORAGE_URL")
                    .map(|(k, v)| (k, v)),
            )
            .output()
            .unwrap()
    }

    /// A crate's numeric id, read from the database (the invitation endpoints address crates by
    /// it, and an expired invitation is no longer listed where the invitee would learn it).
    pub fn crate_id(&self, name: &str) -> i64 {
        self.query_i64("SELECT id FROM crates WHERE name = $1", name)
    }

    /// One number read straight from the database, for facts the API does not show (records kept
    /// for the registry's team, say). `sql` has one text parameter, `$1`, and one column.
    pub fn query_i64(&self, sql: &str, bind: &str) -> i64 {
        block_on(async {
            use sqlx::{Connection, Row};
            sqlx::any::install_default_drivers();
            let mut conn = sqlx::AnyConnection::connect(&self.db.url).await.unwrap();
            sqlx::query(sql)
                .bind(bind)
                .fetch_one(&mut conn)
                .await
                .unwrap()
                .try_get::<i64, _>(0)
                .unwrap()
        })
    }

    /// Runs one statement straight on the database (to stage data as an older Wharf left it, say)
    /// and returns the rows it changed.
    #[allow(dead_code)]
    pub fn execute(&self, sql: &str) -> u64 {
        block_on(async {
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let mut conn = sqlx::AnyConnection::connect(&self.db.url).await.unwrap();
            sqlx::query(sql)
                .execute(&mut conn)
                .await
                .unwrap()
                .rows_affected()
        })
    }

    /// Writes 2,100 listed crates straight into the database, `bulk-1` … `bulk-2100`, each
    /// described as "a tool" and the later the more downloaded (2,001 … 4,100): more than a
    /// search counts exactly, for the tests of broad searches.
    #[allow(dead_code)]
    pub fn insert_bulk_tool_crates(&self) {
        self.execute(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2100) \
             INSERT INTO crates (name, canonical_name, description, search_text, max_version, \
                 max_stable_version, downloads, created_at, updated_at) \
             SELECT 'bulk-' || i, 'bulk_' || i, 'a tool', 'bulk-' || i || ' bulk ' || i || ' a tool', \
                 '1.0.0', '1.0.0', 2000 + i, 0, 0 FROM n",
        );
    }

    /// Waits until the crate's download count reaches `expected` (counts reach the database in
    /// batches, every second in tests) and returns the count last seen.
    #[allow(dead_code)]
    pub fn wait_for_downloads(&self, name: &str, expected: i64) -> i64 {
        let mut counted = 0;
        for _ in 0..50 {
            counted = self.get_json(&format!("/api/v1/crates/{name}"))["crate"]["downloads"]
                .as_i64()
                .unwrap();
            if counted == expected {
                break;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        counted
    }

    /// Where the server keeps the database dump it publishes, once it has written it (it does
    /// when it starts).
    #[allow(dead_code)]
    pub fn wait_for_published_dump(&self) -> PathBuf {
        let dump = self.data_dir().join("crates/dumps/db-dump.tar.gz");
        for _ in 0..100 {
            if dump.exists() {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        dump
    }

    /// Creates a user and returns a fresh full-access token for them.
    /// An admin account made by the operator, and a token of it with every right.
    pub fn admin_with_token(&self, login: &str) -> String {
        self.cli(&[
            "user",
            "add",
            login,
            "--email",
            &format!("{login}@example.org"),
            "--admin",
        ]);
        self.cli(&["token", "new", login]).trim().to_string()
    }

    pub fn user_with_token(&self, login: &str) -> String {
        self.cli(&[
            "user",
            "add",
            login,
            "--email",
            &format!("{login}@example.org"),
        ]);
        self.cli(&["token", "new", login]).trim().to_string()
    }

    pub fn http(&self) -> reqwest::blocking::Client {
        reqwest::blocking::Client::builder()
            .user_agent("wharf-tests")
            .timeout(Duration::from_secs(60))
            .build()
            .unwrap()
    }

    pub fn get(&self, path: &str) -> reqwest::blocking::Response {
        self.http()
            .get(format!("{}{path}", self.url))
            .send()
            .unwrap()
    }

    pub fn get_json(&self, path: &str) -> serde_json::Value {
        let response = self.get(path);
        assert!(
            response.status().is_success(),
            "GET {path}: {}",
            response.status()
        );
        response.json().unwrap()
    }

    /// A cargo home and a workspace of its own for one simulated user.
    pub fn cargo_user(&self, name: &str) -> CargoUser {
        let home = self.dir.path().join(format!("cargo-{name}"));
        std::fs::create_dir_all(&home).unwrap();
        std::fs::write(
            home.join("config.toml"),
            format!(
                "[registries.wharf]\nindex = \"{}\"\n\n[registry]\nglobal-credential-providers = [\"cargo:token\"]\n\n[net]\nretry = 0\n",
                self.index_url()
            ),
        )
        .unwrap();
        CargoUser {
            home,
            projects: self.dir.path().join(format!("projects-{name}")),
            token: None,
        }
    }
}

impl Drop for Wharf {
    fn drop(&mut self) {
        self.kill();
    }
}

/// One person using cargo: an isolated CARGO_HOME, and a token given through the environment.
pub struct CargoUser {
    pub home: PathBuf,
    pub projects: PathBuf,
    pub token: Option<String>,
}

impl CargoUser {
    pub fn with_token(mut self, token: &str) -> CargoUser {
        self.token = Some(token.to_string());
        self
    }

    /// Writes a library crate `name` `version` with the given extra manifest text and lib.rs.
    pub fn new_crate(
        &self,
        name: &str,
        version: &str,
        manifest_extra: &str,
        lib_rs: &str,
    ) -> PathBuf {
        let dir = self.projects.join(format!("{name}-{version}"));
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\n\
                 description = \"A test crate\"\nlicense = \"MIT\"\n{manifest_extra}\n"
            ),
        )
        .unwrap();
        std::fs::write(dir.join("src/lib.rs"), lib_rs).unwrap();
        dir
    }

    /// Writes a binary project depending on crates of the registry.
    pub fn new_app(&self, name: &str, dependencies: &str, main_rs: &str) -> PathBuf {
        let dir = self.projects.join(name);
        std::fs::create_dir_all(dir.join("src")).unwrap();
        std::fs::write(
            dir.join("Cargo.toml"),
            format!(
                "[package]\nname = \"{name}\"\nversion = \"0.1.0\"\nedition = \"2021\"\npublish = false\n\n\
                 [dependencies]\n{dependencies}\n"
            ),
        )
        .unwrap();
        std::fs::write(dir.join("src/main.rs"), main_rs).unwrap();
        dir
    }

    pub fn command(&self, dir: &Path, args: &[&str]) -> Command {
        let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
        command.current_dir(dir).args(args);
        // A clean environment as far as cargo is concerned: only our CARGO_HOME and token.
        for (key, _) in std::env::vars() {
            if key.starts_with("CARGO_") || key == "RUSTFLAGS" || key == "RUSTC_WRAPPER" {
                command.env_remove(key);
            }
        }
        command
            .env("CARGO_HOME", &self.home)
            .env("CARGO_TERM_COLOR", "never")
            .env("CARGO_TARGET_DIR", dir.join("target"))
            .env("CARGO_HTTP_TIMEOUT", "60");
        if let Ok(rustup_home) = std::env::var("RUSTUP_HOME") {
            command.env("RUSTUP_HOME", rustup_home);
        } else if let Some(home) = std::env::var_os("HOME") {
            command.env("RUSTUP_HOME", PathBuf::from(home).join(".rustup"));
        }
        if let Some(token) = &self.token {
            command.env("CARGO_REGISTRIES_WHARF_TOKEN", token);
        }
        command
    }

    /// Runs cargo and returns its output, whatever the exit status.
    pub fn cargo(&self, dir: &Path, args: &[&str]) -> CargoOutput {
        let output = self.command(dir, args).output().unwrap();
        CargoOutput {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Runs cargo, panicking with its output unless it succeeds.
    pub fn cargo_ok(&self, dir: &Path, args: &[&str]) -> CargoOutput {
        let output = self.cargo(dir, args);
        assert!(
            output.success,
            "cargo {args:?} failed:\n{}\n{}",
            output.stdout, output.stderr
        );
        output
    }

    /// `cargo publish --registry wharf --no-verify`: the publish every test makes; the verifying
    /// build is exercised once, in the main flow, and costs seconds elsewhere.
    pub fn publish(&self, dir: &Path) -> CargoOutput {
        self.cargo(
            dir,
            &[
                "publish",
                "--registry",
                "wharf",
                "--allow-dirty",
                "--no-verify",
            ],
        )
    }

    pub fn publish_ok(&self, dir: &Path) -> CargoOutput {
        let output = self.publish(dir);
        assert!(
            output.success,
            "cargo publish failed:\n{}\n{}",
            output.stdout, output.stderr
        );
        output
    }

    /// Runs cargo with text on standard input.
    pub fn cargo_with_stdin(&self, dir: &Path, args: &[&str], stdin: &str) -> CargoOutput {
        let mut child = self
            .command(dir, args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(stdin.as_bytes())
            .unwrap();
        let output = child.wait_with_output().unwrap();
        CargoOutput {
            success: output.status.success(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

#[derive(Debug)]
pub struct CargoOutput {
    pub success: bool,
    pub stdout: String,
    pub stderr: String,
}

/// Builds a `.crate` file in memory: a gzip'd tar of the given files under `name-version/`.
pub fn crate_file(name: &str, version: &str, extra_files: &[(&str, &[u8])]) -> Vec<u8> {
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\n\
         description = \"A test crate\"\nlicense = \"MIT\"\n"
    );
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            format!("{name}-{version}/Cargo.toml"),
            manifest.into_bytes(),
        ),
        (
            format!("{name}-{version}/src/lib.rs"),
            b"pub fn answer() -> u32 { 42 }\n".to_vec(),
        ),
    ];
    for (path, body) in extra_files {
        files.push((path.to_string(), body.to_vec()));
    }
    raw_tarball(&files)
}

/// A `.crate` whose manifest has these `[package]` lines after the name, version and edition
/// (description, licence, keywords, …), with a one-line `src/lib.rs`: what publish reads from the
/// package, as cargo would have packaged it.
#[allow(dead_code)]
pub fn crate_file_with_manifest(name: &str, version: &str, package_lines: &str) -> Vec<u8> {
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"{version}\"\nedition = \"2021\"\n{package_lines}\n"
    );
    raw_tarball(&[
        (
            format!("{name}-{version}/Cargo.toml"),
            manifest.into_bytes(),
        ),
        (
            format!("{name}-{version}/src/lib.rs"),
            b"pub fn f() {}\n".to_vec(),
        ),
    ])
}

/// A gzip'd tar of exactly these paths and bodies.
pub fn raw_tarball(files: &[(String, Vec<u8>)]) -> Vec<u8> {
    let encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    let mut builder = tar::Builder::new(encoder);
    for (path, body) in files {
        let mut header = tar::Header::new_gnu();
        header.set_size(body.len() as u64);
        header.set_mode(0o644);
        header.set_entry_type(tar::EntryType::Regular);
        // Written through the raw name field so hostile paths (`..`) survive.
        let name = path.as_bytes();
        header.as_old_mut().name[..name.len()].copy_from_slice(name);
        header.set_cksum();
        builder.append(&header, body.as_slice()).unwrap();
    }
    builder.into_inner().unwrap().finish().unwrap()
}

/// The body of a publish request, framed as cargo frames it.
pub fn publish_body(metadata: &serde_json::Value, tarball: &[u8]) -> Vec<u8> {
    let json = serde_json::to_vec(metadata).unwrap();
    let mut body = Vec::new();
    body.extend_from_slice(&(json.len() as u32).to_le_bytes());
    body.extend_from_slice(&json);
    body.extend_from_slice(&(tarball.len() as u32).to_le_bytes());
    body.extend_from_slice(tarball);
    body
}

/// Minimal publish metadata for `name` `version` with no dependencies.
pub fn metadata(name: &str, version: &str) -> serde_json::Value {
    serde_json::json!({
        "name": name, "vers": version, "deps": [], "features": {},
        "authors": [], "description": "A test crate", "license": "MIT",
    })
}

impl Wharf {
    /// Publishes through the HTTP API, as cargo would, and returns the response.
    pub fn publish_raw(&self, token: &str, body: Vec<u8>) -> reqwest::blocking::Response {
        self.http()
            .put(format!("{}/api/v1/crates/new", self.url))
            .header("Authorization", token)
            .body(body)
            .send()
            .unwrap()
    }

    /// Publishes `name` `version`, a crate with no dependencies, through the HTTP API.
    pub fn publish_plain(
        &self,
        token: &str,
        name: &str,
        version: &str,
    ) -> reqwest::blocking::Response {
        self.publish_raw(
            token,
            publish_body(&metadata(name, version), &crate_file(name, version, &[])),
        )
    }
}

/// The `detail` of the first error in an error response.
pub fn error_detail(response: reqwest::blocking::Response) -> String {
    let body: serde_json::Value = response.json().expect("an error body in JSON");
    body["errors"][0]["detail"]
        .as_str()
        .unwrap_or_else(|| panic!("not an error body: {body}"))
        .to_string()
}

/// The logins (and `team:NAME`s) owning a crate, as the API lists them.
pub fn owner_logins(wharf: &Wharf, name: &str) -> Vec<String> {
    wharf.get_json(&format!("/api/v1/crates/{name}/owners"))["users"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["login"].as_str().unwrap().to_string())
        .collect()
}

/// The caller's open owner invitations, as the API lists them.
pub fn invitations(wharf: &Wharf, token: &str) -> serde_json::Value {
    wharf
        .http()
        .get(format!("{}/api/v1/me/crate_owner_invitations", wharf.url))
        .header("Authorization", token)
        .send()
        .unwrap()
        .json()
        .unwrap()
}

/// Answers the caller's one open owner invitation through the API and returns the crate's id.
pub fn accept_only_invitation(wharf: &Wharf, token: &str, accept: bool) -> i64 {
    let list = invitations(wharf, token);
    let invitations = list["crate_owner_invitations"].as_array().unwrap();
    assert_eq!(invitations.len(), 1, "{list}");
    let crate_id = invitations[0]["crate_id"].as_i64().unwrap();
    let response = wharf
        .http()
        .put(format!(
            "{}/api/v1/me/crate_owner_invitations/{crate_id}",
            wharf.url
        ))
        .header("Authorization", token)
        .json(&serde_json::json!({
            "crate_owner_invite": { "crate_id": crate_id, "accepted": accept }
        }))
        .send()
        .unwrap();
    assert_eq!(response.status(), 200, "{}", response.text().unwrap());
    crate_id
}
