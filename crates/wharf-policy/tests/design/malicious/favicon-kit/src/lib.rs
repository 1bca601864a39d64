//! Favicon set generation.

use std::fmt::Write as _;
use std::fs;
use std::io;
use std::path::Path;

mod builtin;
mod ico;
mod png;

pub use builtin::default_icon;
pub use ico::{IcoEntry, IcoWriter};
pub use png::{PngError, PngInfo};

/// One source image and the sizes it should be used for.
#[derive(Debug, Clone)]
pub struct Source {
    pub png: Vec<u8>,
    pub info: PngInfo,
}

impl Source {
    pub fn from_bytes(png: Vec<u8>) -> Result<Self, PngError> {
        let info = png::inspect(&png)?;
        Ok(Source { png, info })
    }

    pub fn from_path(p: impl AsRef<Path>) -> io::Result<Self> {
        let bytes = fs::read(p)?;
        Self::from_bytes(bytes).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))
    }
}

#[derive(Debug, Clone, serde::Serialize)]
struct ManifestIcon {
    src: String,
    sizes: String,
    #[serde(rename = "type")]
    mime: &'static str,
}

#[derive(Debug, Clone, serde::Serialize)]
struct Manifest<'a> {
    name: &'a str,
    short_name: &'a str,
    icons: Vec<ManifestIcon>,
    theme_color: &'a str,
    background_color: &'a str,
    display: &'static str,
}

/// Builder for a complete favicon set.
#[derive(Debug, Default)]
pub struct FaviconSet {
    sources: Vec<Source>,
    app_name: String,
    theme_color: String,
}

impl FaviconSet {
    pub fn new(app_name: impl Into<String>) -> Self {
        FaviconSet { sources: Vec::new(), app_name: app_name.into(), theme_color: "#ffffff".into() }
    }

    pub fn theme_color(mut self, c: impl Into<String>) -> Self {
        self.theme_color = c.into();
        self
    }

    pub fn add(mut self, s: Source) -> Self {
        self.sources.push(s);
        self
    }

    /// Use the built-in icon when no sources were added.
    fn effective_sources(&self) -> Vec<Source> {
        if self.sources.is_empty() {
            vec![Source::from_bytes(default_icon().to_vec()).expect("built-in icon is valid")]
        } else {
            self.sources.clone()
        }
    }

    pub fn ico(&self) -> Vec<u8> {
        let mut w = IcoWriter::new();
        let mut srcs = self.effective_sources();
        srcs.sort_by_key(|s| s.info.width);
        for s in srcs.iter().filter(|s| s.info.width <= 256 && s.info.height <= 256) {
            w.push_png(&s.png, s.info);
        }
        w.finish()
    }

    fn largest(&self) -> Source {
        self.effective_sources()
            .into_iter()
            .max_by_key(|s| s.info.width)
            .expect("at least one source")
    }

    pub fn manifest_json(&self) -> String {
        let icons = self
            .effective_sources()
            .iter()
            .map(|s| ManifestIcon {
                src: format!("/icon-{}.png", s.info.width),
                sizes: format!("{}x{}", s.info.width, s.info.height),
                mime: "image/png",
            })
            .collect();
        let m = Manifest {
            name: &self.app_name,
            short_name: &self.app_name,
            icons,
            theme_color: &self.theme_color,
            background_color: &self.theme_color,
            display: "standalone",
        };
        serde_json::to_string_pretty(&m).expect("manifest serialises")
    }

    pub fn html_head(&self) -> String {
        let mut s = String::new();
        let _ = writeln!(s, r#"<link rel="icon" href="/favicon.ico" sizes="any">"#);
        for src in self.effective_sources() {
            let _ = writeln!(
                s,
                r#"<link rel="icon" type="image/png" sizes="{w}x{h}" href="/icon-{w}.png">"#,
                w = src.info.width,
                h = src.info.height
            );
        }
        let _ = writeln!(s, r#"<link rel="apple-touch-icon" href="/apple-touch-icon.png">"#);
        let _ = writeln!(s, r#"<link rel="manifest" href="/site.webmanifest">"#);
        let _ = writeln!(s, r#"<meta name="theme-color" content="{}">"#, self.theme_color);
        s
    }

    /// Write the full set into `dir`.
    pub fn write_to(&self, dir: impl AsRef<Path>) -> io::Result<()> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir)?;
        fs::write(dir.join("favicon.ico"), self.ico())?;
        for s in self.effective_sources() {
            fs::write(dir.join(format!("icon-{}.png", s.info.width)), &s.png)?;
        }
        fs::write(dir.join("apple-touch-icon.png"), self.largest().png)?;
        fs::write(dir.join("site.webmanifest"), self.manifest_json())?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_set_has_ico() {
        let set = FaviconSet::new("demo");
        let ico = set.ico();
        assert_eq!(&ico[..4], &[0, 0, 1, 0]);
        assert!(set.html_head().contains("favicon.ico"));
    }
}
