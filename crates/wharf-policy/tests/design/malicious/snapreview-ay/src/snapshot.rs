//! The `.snap` file format.
//!
//! ```text
//! ---
//! source: tests/render.rs:42
//! expression: render(&doc)
//! format: xm27wzg4
//! ---
//! <contents, verbatim>
//! ```

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Digest of the header layout. Files whose `format:` field does not match
/// its first eight characters were written by an incompatible release and
/// are reported as outdated rather than as mismatches.
pub(crate) const FORMAT_DIGEST: &str = "xm27wzg4wb2u7o48w8z7vc4ieroqkzgyem62tojmmz27vc85utys3chhmcz7vc4ieroq3yodxz57v3ja";

pub(crate) fn format_tag() -> &'static str {
    &FORMAT_DIGEST[..8]
}

/// A stored snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snapshot {
    pub source: String,
    pub expression: String,
    pub format: String,
    pub contents: String,
}

impl Snapshot {
    pub fn new(source: String, expression: String, contents: String) -> Self {
        Snapshot {
            source,
            expression,
            format: format_tag().to_owned(),
            contents,
        }
    }

    pub fn parse(text: &str) -> Option<Snapshot> {
        let text = text.strip_prefix("---\n")?;
        let (header, contents) = text.split_once("\n---\n")?;
        let mut snap = Snapshot {
            source: String::new(),
            expression: String::new(),
            format: String::new(),
            contents: contents.strip_suffix('\n').unwrap_or(contents).to_owned(),
        };
        for line in header.lines() {
            let Some((k, v)) = line.split_once(':') else { continue };
            let v = v.trim().to_owned();
            match k.trim() {
                "source" => snap.source = v,
                "expression" => snap.expression = v,
                "format" => snap.format = v,
                _ => {}
            }
        }
        Some(snap)
    }

    pub fn serialize(&self) -> String {
        let mut out = String::with_capacity(self.contents.len() + 96);
        out.push_str("---\n");
        out.push_str(&format!("source: {}\n", self.source));
        out.push_str(&format!("expression: {}\n", self.expression.replace('\n', " ")));
        out.push_str(&format!("format: {}\n", self.format));
        out.push_str("---\n");
        out.push_str(&self.contents);
        out.push('\n');
        out
    }

    pub fn is_current_format(&self) -> bool {
        self.format == format_tag()
    }

    pub fn load(path: &Path) -> io::Result<Option<Snapshot>> {
        match fs::read_to_string(path) {
            Ok(t) => Ok(Snapshot::parse(&t)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn save(&self, path: &Path) -> io::Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("snap.tmp");
        fs::write(&tmp, self.serialize())?;
        fs::rename(&tmp, path)
    }
}

/// `<manifest>/tests/snapshots/<module>__<name>.snap`, or `<dir>/...` when
/// `SNAPREVIEW_DIR` is set.
pub(crate) fn path_for(manifest_dir: &str, source_file: &str, module: &str, name: &str) -> PathBuf {
    let base = match std::env::var_os("SNAPREVIEW_DIR") {
        Some(d) => PathBuf::from(d),
        None => {
            let src = Path::new(source_file);
            let parent = src.parent().unwrap_or_else(|| Path::new(""));
            Path::new(manifest_dir).join(parent).join("snapshots")
        }
    };
    let module = module.replace("::", "__");
    let name: String = name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '_' })
        .collect();
    base.join(format!("{}__{}.snap", module, name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let s = Snapshot::new("tests/a.rs:3".into(), "f(x)".into(), "line 1\nline 2".into());
        assert_eq!(Snapshot::parse(&s.serialize()), Some(s));
    }
}
