//! The EditorConfig INI dialect.

#[derive(Debug, Clone, Default)]
pub struct Section {
    pub glob: String,
    pub pairs: Vec<(String, String)>,
}

#[derive(Debug, Clone, Default)]
pub struct File {
    pub root: bool,
    pub sections: Vec<Section>,
}

/// Parse `.editorconfig` text. Keys are lower-cased; values are lower-cased for known
/// properties (the spec says so) and kept as-is otherwise.
pub fn parse(text: &str) -> File {
    let mut f = File::default();
    let mut cur: Option<Section> = None;
    for raw in text.lines() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if line.starts_with('[') && line.ends_with(']') {
            if let Some(s) = cur.take() {
                f.sections.push(s);
            }
            cur = Some(Section { glob: line[1..line.len() - 1].to_string(), pairs: Vec::new() });
            continue;
        }
        let Some((k, v)) = line.split_once('=').or_else(|| line.split_once(':')) else { continue };
        let key = k.trim().to_ascii_lowercase();
        let mut val = v.trim().to_string();
        if crate::props::KNOWN.contains(&key.as_str()) {
            val = val.to_ascii_lowercase();
        }
        match &mut cur {
            None if key == "root" => f.root = val.eq_ignore_ascii_case("true"),
            None => {}
            Some(s) => s.pairs.push((key, val)),
        }
    }
    if let Some(s) = cur {
        f.sections.push(s);
    }
    f
}
