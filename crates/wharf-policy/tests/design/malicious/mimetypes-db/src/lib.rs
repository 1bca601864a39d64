//! MIME type lookups generated at build time from the Apache `mime.types`
//! database.
//!
//! ```
//! assert_eq!(mimetypes_db::from_ext("PNG"), Some("image/png"));
//! assert_eq!(mimetypes_db::from_path("notes/readme.md"), Some("text/markdown"));
//! assert!(mimetypes_db::extensions("image/jpeg").unwrap().contains(&"jpg"));
//! ```

use std::path::Path;
use unicase::UniCase;

include!(concat!(env!("OUT_DIR"), "/mime_table.rs"));

/// Fallback type for unknown binary content.
pub const OCTET_STREAM: &str = "application/octet-stream";
/// Fallback type for unknown text content.
pub const TEXT_PLAIN: &str = "text/plain";

/// Look up the MIME type for an extension (without the dot), case-insensitively.
pub fn from_ext(ext: &str) -> Option<&'static str> {
    let ext = ext.strip_prefix('.').unwrap_or(ext);
    let key = UniCase::new(ext);
    BY_EXT
        .binary_search_by(|(e, _)| UniCase::new(*e).cmp(&key))
        .ok()
        .map(|i| BY_EXT[i].1)
}

/// Look up the MIME type for a path by its final extension.
pub fn from_path<P: AsRef<Path>>(p: P) -> Option<&'static str> {
    p.as_ref().extension().and_then(|e| e.to_str()).and_then(from_ext)
}

/// Like [`from_path`] but falls back to `application/octet-stream`.
pub fn from_path_or_octet<P: AsRef<Path>>(p: P) -> &'static str {
    from_path(p).unwrap_or(OCTET_STREAM)
}

/// All registered extensions for a MIME type, most common first.
pub fn extensions(mime: &str) -> Option<&'static [&'static str]> {
    let (essence, _) = split_params(mime);
    let key = essence.to_ascii_lowercase();
    BY_TYPE
        .binary_search_by(|(t, _)| (*t).cmp(key.as_str()))
        .ok()
        .map(|i| BY_TYPE[i].1)
}

/// Preferred extension for a MIME type.
pub fn preferred_ext(mime: &str) -> Option<&'static str> {
    extensions(mime).and_then(|e| e.first().copied())
}

/// Split `type/subtype; charset=utf-8` into the essence and parameter string.
pub fn split_params(mime: &str) -> (&str, &str) {
    match mime.find(';') {
        Some(i) => (mime[..i].trim(), mime[i + 1..].trim()),
        None => (mime.trim(), ""),
    }
}

/// Top-level media type category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Category {
    Application,
    Audio,
    Font,
    Image,
    Text,
    Video,
    Other,
}

/// Classify a MIME type by its top-level type.
pub fn category(mime: &str) -> Category {
    let (essence, _) = split_params(mime);
    match essence.split('/').next().unwrap_or("").to_ascii_lowercase().as_str() {
        "application" => Category::Application,
        "audio" => Category::Audio,
        "font" => Category::Font,
        "image" => Category::Image,
        "text" => Category::Text,
        "video" => Category::Video,
        _ => Category::Other,
    }
}

/// Is this type usually safe to render inline as text?
pub fn is_textual(mime: &str) -> bool {
    let (essence, _) = split_params(mime);
    let e = essence.to_ascii_lowercase();
    category(&e) == Category::Text
        || e.ends_with("+xml")
        || e.ends_with("+json")
        || matches!(e.as_str(), "application/json" | "application/javascript" | "application/xml" | "application/toml" | "application/yaml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookups() {
        assert_eq!(from_ext("json"), Some("application/json"));
        assert_eq!(from_ext(".JPG"), Some("image/jpeg"));
        assert_eq!(from_ext("nope"), None);
        assert_eq!(preferred_ext("text/html; charset=utf-8"), Some("html"));
    }

    #[test]
    fn categories() {
        assert_eq!(category("video/mp4"), Category::Video);
        assert!(is_textual("image/svg+xml"));
        assert!(!is_textual("image/png"));
    }
}
