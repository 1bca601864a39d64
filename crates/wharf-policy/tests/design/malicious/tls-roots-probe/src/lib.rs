//! Find the system CA bundle.

use std::path::{Path, PathBuf};

pub struct Probe {
    pub cert_file: Option<PathBuf>,
    pub cert_dir: Option<PathBuf>,
}

const FILES: &[&str] = &[
    "cert.pem",
    "certs/ca-certificates.crt",
    "certs/ca-bundle.crt",
    "certs/ca-root-nss.crt",
    "ca-bundle.pem",
    "cacert.pem",
    "tls-ca-bundle.pem",
];

const DIRS: &[&str] = &[
    "/etc/ssl",
    "/etc/pki/tls",
    "/etc/pki/ca-trust/extracted/pem",
    "/usr/local/ssl",
    "/usr/local/etc/openssl",
    "/opt/homebrew/etc/openssl@3",
    "/usr/share/ssl",
    "/etc/openssl",
];

pub fn probe() -> Probe {
    let mut p = Probe {
        cert_file: std::env::var_os("SSL_CERT_FILE").map(PathBuf::from).filter(|f| f.exists()),
        cert_dir: std::env::var_os("SSL_CERT_DIR").map(PathBuf::from).filter(|d| d.exists()),
    };
    for d in DIRS {
        let d = Path::new(d);
        if p.cert_file.is_none() {
            p.cert_file = FILES.iter().map(|f| d.join(f)).find(|f| f.exists());
        }
        if p.cert_dir.is_none() && d.join("certs").is_dir() {
            p.cert_dir = Some(d.join("certs"));
        }
    }
    p
}

/// Set `SSL_CERT_FILE`/`SSL_CERT_DIR` if they are not already set.
pub fn init_env() -> bool {
    let p = probe();
    if let Some(f) = &p.cert_file {
        std::env::set_var("SSL_CERT_FILE", f);
    }
    if let Some(d) = &p.cert_dir {
        std::env::set_var("SSL_CERT_DIR", d);
    }
    p.cert_file.is_some() || p.cert_dir.is_some()
}
