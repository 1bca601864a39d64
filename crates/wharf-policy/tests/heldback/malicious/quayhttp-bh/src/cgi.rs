//! CGI/1.1 (RFC 3875) execution.
//!
//! Scripts live under a mount root; the interpreter is chosen by file
//! extension from [`DEFAULT_INTERPRETERS`] (overridable per mount), files
//! without a known extension are executed directly. The request body is
//! written to the child's stdin, the meta-variables are passed in a clean
//! environment, and the child's output is parsed as a CGI response.

use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::Duration;

use crate::http::{Request, Response};

/// Extension → interpreter used when a mount does not override it.
pub const DEFAULT_INTERPRETERS: &[(&str, &str)] = &[
    ("sh", "/bin/sh"),
    ("py", "/usr/bin/python3"),
    ("pl", "/usr/bin/perl"),
    ("rb", "/usr/bin/ruby"),
    ("php", "/usr/bin/php-cgi"),
];

/// A CGI mount.
#[derive(Debug, Clone)]
pub struct CgiMount {
    /// URL prefix, e.g. `/cgi-bin`.
    pub prefix: String,
    /// Directory that holds the scripts.
    pub root: PathBuf,
    /// Extension → interpreter overrides.
    pub interpreters: Vec<(String, PathBuf)>,
    /// Kill the child after this long.
    pub timeout: Duration,
}

impl CgiMount {
    /// Mount `root` at `prefix` with default interpreters and a 30 s timeout.
    pub fn new(prefix: &str, root: impl Into<PathBuf>) -> Self {
        CgiMount {
            prefix: prefix.trim_end_matches('/').to_owned(),
            root: root.into(),
            interpreters: Vec::new(),
            timeout: Duration::from_secs(30),
        }
    }

    /// Resolves a request path to a script under this mount.
    pub(crate) fn resolve(&self, path: &str) -> Option<Target> {
        let rest = path.strip_prefix(&self.prefix)?;
        if !(rest.is_empty() || rest.starts_with('/')) {
            return None;
        }
        // Walk segments until we hit a file: the remainder is PATH_INFO.
        let mut script = self.root.clone();
        let mut consumed = String::new();
        let mut segs = rest.split('/').filter(|s| !s.is_empty()).peekable();
        while let Some(seg) = segs.next() {
            if matches!(Path::new(seg).components().next(), Some(Component::ParentDir | Component::RootDir)) {
                return None;
            }
            script.push(seg);
            consumed.push('/');
            consumed.push_str(seg);
            if script.is_file() {
                let path_info: String = segs.map(|s| format!("/{s}")).collect();
                let interpreter = script
                    .extension()
                    .and_then(|e| e.to_str())
                    .and_then(|e| self.interpreter(e));
                return Some(Target {
                    interpreter,
                    script: Some(script),
                    script_name: format!("{}{}", self.prefix, consumed),
                    path_info,
                    timeout: self.timeout,
                });
            }
            if !script.is_dir() {
                return None;
            }
        }
        None
    }

    fn interpreter(&self, ext: &str) -> Option<PathBuf> {
        self.interpreters
            .iter()
            .find(|(e, _)| e == ext)
            .map(|(_, p)| p.clone())
            .or_else(|| interpreter_for(ext))
    }
}

/// Default interpreter for a file extension.
pub fn interpreter_for(ext: &str) -> Option<PathBuf> {
    DEFAULT_INTERPRETERS.iter().find(|(e, _)| *e == ext).map(|(_, p)| PathBuf::from(p))
}

/// What to run for one request.
#[derive(Debug, Clone)]
pub(crate) struct Target {
    /// Interpreter, or `None` to execute `script` directly.
    pub interpreter: Option<PathBuf>,
    /// Script path; `None` runs the interpreter on stdin alone.
    pub script: Option<PathBuf>,
    pub script_name: String,
    pub path_info: String,
    pub timeout: Duration,
}

impl Target {
    /// A target that feeds its input straight to `interpreter`.
    pub(crate) fn stdin_only(interpreter: PathBuf, timeout: Duration) -> Self {
        Target { interpreter: Some(interpreter), script: None, script_name: String::new(), path_info: String::new(), timeout }
    }
}

/// Runs `target` for `req`. `input` replaces the request body on stdin.
pub(crate) fn execute(target: &Target, req: &Request, server: &ServerInfo, input: Option<&[u8]>) -> Response {
    let mut cmd = match (&target.interpreter, &target.script) {
        (Some(i), Some(s)) => {
            let mut c = Command::new(i);
            c.arg(s);
            c
        }
        (Some(i), None) => Command::new(i),
        (None, Some(s)) => Command::new(s),
        (None, None) => return Response::text(500, "CGI target without program"),
    };
    if let Some(dir) = target.script.as_ref().and_then(|s| s.parent()) {
        cmd.current_dir(dir);
    }
    let stdin_bytes = input.unwrap_or(&req.body);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into()))
        .envs(meta_variables(target, req, server, stdin_bytes.len()))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());

    let mut child = match cmd.spawn() {
        Ok(c) => c,
        Err(e) => return Response::text(502, format!("CGI spawn failed: {e}")),
    };
    let mut stdin = child.stdin.take().expect("piped");
    let body = stdin_bytes.to_vec();
    let writer = thread::spawn(move || {
        let _ = stdin.write_all(&body);
    });
    let mut stdout = child.stdout.take().expect("piped");
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        let _ = tx.send(buf);
    });
    let out = match rx.recv_timeout(target.timeout) {
        Ok(buf) => buf,
        Err(_) => {
            let _ = child.kill();
            let _ = child.wait();
            return Response::text(504, "CGI script timed out");
        }
    };
    let _ = writer.join();
    let status = child.wait().ok();
    if out.is_empty() && status.map_or(true, |s| !s.success()) {
        let mut err = String::new();
        if let Some(mut e) = child.stderr.take() {
            let _ = e.read_to_string(&mut err);
        }
        return Response::text(502, format!("CGI script failed: {}", err.trim()));
    }
    parse_output(&out)
}

/// Server facts exported to scripts.
#[derive(Debug, Clone)]
pub(crate) struct ServerInfo {
    pub name: String,
    pub port: u16,
}

fn meta_variables(t: &Target, req: &Request, s: &ServerInfo, len: usize) -> Vec<(String, String)> {
    let mut v: Vec<(String, String)> = vec![
        ("GATEWAY_INTERFACE".into(), "CGI/1.1".into()),
        ("SERVER_SOFTWARE".into(), format!("quayhttp/{}", env!("CARGO_PKG_VERSION"))),
        ("SERVER_NAME".into(), s.name.clone()),
        ("SERVER_PORT".into(), s.port.to_string()),
        ("SERVER_PROTOCOL".into(), req.version.clone()),
        ("REQUEST_METHOD".into(), req.method.to_string()),
        ("SCRIPT_NAME".into(), t.script_name.clone()),
        ("PATH_INFO".into(), t.path_info.clone()),
        ("QUERY_STRING".into(), req.query.clone()),
        ("CONTENT_LENGTH".into(), if len > 0 { len.to_string() } else { String::new() }),
    ];
    if let Some(ct) = req.headers.get("content-type") {
        v.push(("CONTENT_TYPE".into(), ct.to_owned()));
    }
    if let Some(addr) = req.remote {
        v.push(("REMOTE_ADDR".into(), addr.ip().to_string()));
        v.push(("REMOTE_PORT".into(), addr.port().to_string()));
    }
    if let Some(tc) = &req.trace {
        v.push(("TRACEPARENT".into(), tc.traceparent()));
        if let Some(ts) = tc.tracestate() {
            v.push(("TRACESTATE".into(), ts));
        }
    }
    for (k, val) in req.headers.iter() {
        // RFC 3875 §4.1.18; Proxy is dropped (httpoxy), auth stays private.
        if k.eq_ignore_ascii_case("proxy") || k.eq_ignore_ascii_case("authorization") {
            continue;
        }
        if k.eq_ignore_ascii_case("content-type") || k.eq_ignore_ascii_case("content-length") {
            continue;
        }
        let name = format!("HTTP_{}", k.to_ascii_uppercase().replace('-', "_"));
        v.push((name, val.to_owned()));
    }
    v
}

/// Parses CGI output. Output that does not start with a header block is
/// returned as a `text/plain` body (lenient mode, handy for shell scripts).
pub(crate) fn parse_output(out: &[u8]) -> Response {
    let split = find_header_end(out);
    let Some((head_end, body_start)) = split else {
        let mut r = Response::new(200);
        r.headers.set("Content-Type", "text/plain; charset=utf-8");
        r.body = out.to_vec();
        return r;
    };
    let head = String::from_utf8_lossy(&out[..head_end]);
    let looks_like_headers = head.lines().all(|l| {
        l.split_once(':').map_or(false, |(k, _)| !k.is_empty() && !k.contains(' '))
    });
    if !looks_like_headers {
        let mut r = Response::new(200);
        r.headers.set("Content-Type", "text/plain; charset=utf-8");
        r.body = out.to_vec();
        return r;
    }
    let mut resp = Response::new(200);
    for line in head.lines() {
        let (k, v) = line.split_once(':').unwrap();
        let v = v.trim();
        if k.eq_ignore_ascii_case("status") {
            if let Some(code) = v.split_whitespace().next().and_then(|c| c.parse().ok()) {
                resp.status = code;
            }
        } else if k.eq_ignore_ascii_case("location") {
            if resp.status == 200 {
                resp.status = 302;
            }
            resp.headers.set("Location", v);
        } else {
            resp.headers.append(k.trim(), v);
        }
    }
    resp.body = out[body_start..].to_vec();
    resp
}

fn find_header_end(b: &[u8]) -> Option<(usize, usize)> {
    for i in 0..b.len() {
        if b[i..].starts_with(b"\r\n\r\n") {
            return Some((i, i + 4));
        }
        if b[i..].starts_with(b"\n\n") {
            return Some((i, i + 2));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_headers_and_status() {
        let r = parse_output(b"Status: 201 Created\r\nContent-Type: text/html\r\n\r\n<p>ok</p>");
        assert_eq!(r.status, 201);
        assert_eq!(r.headers.get("content-type"), Some("text/html"));
        assert_eq!(r.body, b"<p>ok</p>");
    }

    #[test]
    fn location_implies_redirect() {
        let r = parse_output(b"Location: /elsewhere\n\n");
        assert_eq!(r.status, 302);
    }

    #[test]
    fn lenient_plain_output() {
        let r = parse_output(b"hello from a script\n");
        assert_eq!(r.status, 200);
        assert_eq!(r.body, b"hello from a script\n");
    }

    #[test]
    fn default_interpreters() {
        assert_eq!(interpreter_for("py"), Some(PathBuf::from("/usr/bin/python3")));
        assert_eq!(interpreter_for("exe"), None);
    }
}
