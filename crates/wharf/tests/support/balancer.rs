//! nginx (Debian's) as a load balancer in front of several Wharf instances, round robin, as an
//! operator would run it: named by `WHARF_TEST_NGINX`, else `nginx` on the PATH or
//! `/usr/sbin/nginx`. Tests that need it are skipped without it, and fail under CI.

use std::net::TcpStream;
use std::os::unix::fs::MetadataExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub struct Balancer {
    child: Child,
    pub url: String,
    dir: tempfile::TempDir,
}

fn nginx() -> Option<PathBuf> {
    if let Some(program) = std::env::var_os("WHARF_TEST_NGINX").filter(|p| !p.is_empty()) {
        return Some(program.into());
    }
    let on_path: Vec<PathBuf> = std::env::var_os("PATH")
        .map(|path| {
            std::env::split_paths(&path)
                .map(|dir| dir.join("nginx"))
                .collect()
        })
        .unwrap_or_default();
    on_path
        .into_iter()
        .chain([PathBuf::from("/usr/sbin/nginx")])
        .find(|candidate| candidate.is_file())
}

impl Balancer {
    /// nginx on 127.0.0.1:`port`, passing requests to `upstreams` (`http://host:port`) in turn
    /// (and to the next one when one cannot be reached), or `None` (outside CI) without nginx.
    pub fn start(port: u16, upstreams: &[&str]) -> Option<Balancer> {
        let Some(program) = nginx() else {
            assert!(
                std::env::var_os("CI").is_none(),
                "nginx is needed under CI (.ci/run installs it)"
            );
            eprintln!("nginx is not installed: skipping a test behind a load balancer");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let servers: String = upstreams
            .iter()
            .map(|url| format!("        server {};\n", url.trim_start_matches("http://")))
            .collect();
        // As root, nginx's workers would run as `nobody`, which cannot enter the private temporary
        // directory its files are in.
        let user = if dir.path().metadata().unwrap().uid() == 0 {
            "user root;"
        } else {
            ""
        };
        let root = dir.path().display();
        let config = format!(
            "{user}
daemon off;
master_process on;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {root}/body;
    proxy_temp_path {root}/proxy;
    fastcgi_temp_path {root}/fastcgi;
    uwsgi_temp_path {root}/uwsgi;
    scgi_temp_path {root}/scgi;
    upstream wharf {{
{servers}    }}
    server {{
        listen 127.0.0.1:{port};
        client_max_body_size 64m;
        location / {{
            proxy_pass http://wharf;
            proxy_http_version 1.1;
            proxy_set_header Connection \"\";
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_connect_timeout 2s;
            proxy_next_upstream error timeout;
        }}
    }}
}}
"
        );
        let config_path = dir.path().join("nginx.conf");
        std::fs::write(&config_path, config).unwrap();
        let child = Command::new(&program)
            .arg("-p")
            .arg(dir.path())
            .arg("-c")
            .arg(&config_path)
            .arg("-e")
            .arg(dir.path().join("error.log"))
            .stdout(Stdio::null())
            .stderr(Stdio::inherit())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", program.display()));
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "nginx did not start listening: {}",
                std::fs::read_to_string(dir.path().join("error.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(Balancer {
            child,
            url: format!("http://127.0.0.1:{port}"),
            dir,
        })
    }

    pub fn error_log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("error.log")).unwrap_or_default()
    }
}

impl Drop for Balancer {
    /// Stops nginx with SIGTERM: a killed master would leave its worker listening.
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .arg("-TERM")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
    }
}
