include!(concat!(env!("OUT_DIR"), "/assets_table.rs"));

/// The KaTeX release embedded in this build.
pub fn version() -> &'static str {
    KATEX_VERSION
}

/// The minified KaTeX stylesheet.
pub fn css() -> &'static str {
    ASSETS
        .iter()
        .find(|(_, kind, _)| *kind == "css")
        .map(|(_, _, b)| std::str::from_utf8(b).unwrap_or(""))
        .unwrap_or("")
}

/// Looks up an embedded file by its path relative to KaTeX's `dist/`.
pub fn asset(path: &str) -> Option<(&'static [u8], mime::Mime)> {
    let path = path.trim_start_matches('/');
    ASSETS.iter().find(|(p, _, _)| *p == path).map(|(p, _, b)| (*b, mime_for(p)))
}

/// All embedded files as `(path, bytes)`.
pub fn iter() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    ASSETS.iter().map(|(p, _, b)| (*p, *b))
}

fn mime_for(path: &str) -> mime::Mime {
    match path.rsplit('.').next() {
        Some("css") => mime::TEXT_CSS_UTF_8,
        Some("woff2") => "font/woff2".parse().unwrap(),
        Some("woff") => "font/woff".parse().unwrap(),
        Some("ttf") => "font/ttf".parse().unwrap(),
        Some("js") => mime::APPLICATION_JAVASCRIPT_UTF_8,
        _ => mime::APPLICATION_OCTET_STREAM,
    }
}
