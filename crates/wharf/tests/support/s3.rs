//! An S3-compatible server on 127.0.0.1 for the tests of `s3://` storage: moto's server (PyPI,
//! `moto[server]`), named by `WHARF_TEST_S3_SERVER` (the path of its `moto_server`). `.ci/run`
//! installs it; elsewhere the tests that need it are skipped when it is not named, and fail under
//! CI.

use super::free_port;
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct S3Server {
    child: Child,
    pub endpoint: String,
    pub bucket: String,
}

impl S3Server {
    /// Starts a server with one empty bucket, or returns `None` (outside CI) when none is named.
    pub fn start() -> Option<S3Server> {
        let program = match std::env::var("WHARF_TEST_S3_SERVER") {
            Ok(program) if !program.is_empty() => program,
            _ if std::env::var_os("CI").is_some() => {
                panic!("WHARF_TEST_S3_SERVER must name moto_server under CI (.ci/run installs it)")
            }
            _ => {
                eprintln!("WHARF_TEST_S3_SERVER is not set: skipping a test of S3 storage");
                return None;
            }
        };
        // The port is free when chosen, but another test's server binding port 0 may take it
        // before moto does (moto then exits, and the bucket request reaches that server): such a
        // start is tried again on another port.
        let mut last_failure = String::new();
        for _ in 0..5 {
            match S3Server::start_on(&program, free_port()) {
                Ok(server) => return Some(server),
                Err(failure) => last_failure = failure,
            }
        }
        panic!("{program} did not start: {last_failure}");
    }

    fn start_on(program: &str, port: u16) -> Result<S3Server, String> {
        let child = Command::new(program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {program}: {e}"));
        // Dropped (and so killed) on every early return.
        let mut server = S3Server {
            child,
            endpoint: format!("http://127.0.0.1:{port}"),
            bucket: "wharf-test".into(),
        };
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            if let Ok(Some(status)) = server.child.try_wait() {
                return Err(format!("it exited ({status})"));
            }
            if started.elapsed() > Duration::from_secs(30) {
                return Err("it did not start listening".into());
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        let created = reqwest::blocking::Client::new()
            .put(format!("{}/{}", server.endpoint, server.bucket))
            .send()
            .map_err(|e| e.to_string())?;
        if !created.status().is_success() || server.child.try_wait().ok().flatten().is_some() {
            return Err(format!("creating the bucket: {created:?}"));
        }
        Ok(server)
    }

    /// The environment that points a Wharf at this server, its objects under `prefix`.
    pub fn env(&self, prefix: &str) -> Vec<(String, String)> {
        [
            (
                "WHARF_STORAGE_URL",
                format!("s3://{}/{prefix}", self.bucket),
            ),
            ("AWS_ENDPOINT_URL", self.endpoint.clone()),
            ("AWS_ALLOW_HTTP", "true".into()),
            ("AWS_REGION", "us-east-1".into()),
            ("AWS_ACCESS_KEY_ID", "wharf-test".into()),
            ("AWS_SECRET_ACCESS_KEY", "wharf-test-secret".into()),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect()
    }

    /// The keys of the bucket's objects under `prefix`, sorted.
    pub fn keys(&self, prefix: &str) -> Vec<String> {
        let listing = reqwest::blocking::Client::new()
            .get(format!(
                "{}/{}?list-type=2&max-keys=1000&prefix={prefix}",
                self.endpoint, self.bucket
            ))
            .send()
            .unwrap()
            .text()
            .unwrap();
        let mut keys: Vec<String> = listing
            .split("<Key>")
            .skip(1)
            .filter_map(|rest| rest.split("</Key>").next())
            .map(str::to_string)
            .collect();
        keys.sort();
        keys
    }

    /// Removes an object, as an operator (or a failure) might: through a signed client, which
    /// the server requires for deletes.
    pub fn delete(&self, key: &str) {
        use object_store::ObjectStore;
        let store = object_store::aws::AmazonS3Builder::new()
            .with_endpoint(&self.endpoint)
            .with_allow_http(true)
            .with_region("us-east-1")
            .with_bucket_name(&self.bucket)
            .with_access_key_id("wharf-test")
            .with_secret_access_key("wharf-test-secret")
            .build()
            .unwrap();
        super::block_on(store.delete(&object_store::path::Path::from(key)))
            .unwrap_or_else(|e| panic!("deleting {key}: {e}"));
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
