//! Static file serving.

use std::fs;
use std::path::{Component, Path, PathBuf};
use std::time::UNIX_EPOCH;

use crate::http::{http_date, parse_http_date, Headers, Response};

/// Content type by extension.
pub(crate) fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).map(|e| e.to_ascii_lowercase()).as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("json") => "application/json",
        Some("txt" | "md") => "text/plain; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("ico") => "image/x-icon",
        Some("wasm") => "application/wasm",
        Some("woff2") => "font/woff2",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

/// Maps a URL remainder to a file under `root`, refusing traversal.
pub(crate) fn safe_join(root: &Path, rest: &str) -> Option<PathBuf> {
    if !(rest.is_empty() || rest.starts_with('/')) {
        return None;
    }
    let mut p = root.to_path_buf();
    for seg in rest.split('/').filter(|s| !s.is_empty()) {
        let comp = Path::new(seg).components().next()?;
        match comp {
            Component::Normal(c) if !seg.contains('\\') => p.push(c),
            _ => return None,
        }
    }
    Some(p)
}

/// Serves `rest` from `root`; `None` if there is no such file.
pub(crate) fn serve(root: &Path, rest: &str, req_headers: &Headers) -> Option<Response> {
    let mut path = safe_join(root, rest)?;
    let mut meta = fs::metadata(&path).ok()?;
    if meta.is_dir() {
        path.push("index.html");
        meta = fs::metadata(&path).ok()?;
    }
    if !meta.is_file() {
        return None;
    }
    let mtime = meta
        .modified()
        .ok()
        .and_then(|m| m.duration_since(UNIX_EPOCH).ok())
        .map(|d| d.as_secs() as i64);

    if let (Some(m), Some(ims)) = (mtime, req_headers.get("if-modified-since").and_then(parse_http_date)) {
        if m <= ims {
            return Some(Response::new(304));
        }
    }
    let body = match fs::read(&path) {
        Ok(b) => b,
        Err(_) => return Some(Response::text(403, "forbidden")),
    };
    let mut r = Response::new(200);
    r.headers.set("Content-Type", content_type(&path));
    if let Ok(m) = meta.modified() {
        r.headers.set("Last-Modified", http_date(m));
    }
    r.headers.set("Cache-Control", "public, max-age=300");
    r.body = body;
    Some(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn traversal_refused() {
        let root = Path::new("/srv/www");
        assert!(safe_join(root, "/../etc/passwd").is_none());
        assert!(safe_join(root, "/a/..").is_none());
        assert_eq!(safe_join(root, "/a/b.css").unwrap(), PathBuf::from("/srv/www/a/b.css"));
    }

    #[test]
    fn types() {
        assert_eq!(content_type(Path::new("x.HTML")), "text/html; charset=utf-8");
        assert_eq!(content_type(Path::new("x.bin")), "application/octet-stream");
    }
}
