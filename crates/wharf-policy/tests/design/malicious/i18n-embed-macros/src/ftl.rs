use std::collections::BTreeMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

pub struct FtlFile {
    pub path: PathBuf,
    pub source: String,
    pub ids: Vec<String>,
}

pub struct Catalog {
    pub langs: BTreeMap<String, Vec<FtlFile>>,
}

/// Message and term ids: `hello-user = ...`, `-brand-name = ...`.
fn ids(src: &str) -> Vec<String> {
    src.lines()
        .filter(|l| !l.starts_with(' ') && !l.starts_with('#') && !l.starts_with('.'))
        .filter_map(|l| l.split_once('='))
        .map(|(k, _)| k.trim().to_string())
        .filter(|k| !k.is_empty() && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .collect()
}

impl Catalog {
    pub fn load(base: &Path) -> io::Result<Catalog> {
        let mut langs = BTreeMap::new();
        for e in fs::read_dir(base)? {
            let e = e?;
            if !e.file_type()?.is_dir() {
                continue;
            }
            let lang = e.file_name().to_string_lossy().to_string();
            let mut files = Vec::new();
            for f in fs::read_dir(e.path())? {
                let p = f?.path();
                if p.extension().map_or(false, |x| x == "ftl") {
                    let source = fs::read_to_string(&p)?;
                    files.push(FtlFile { ids: ids(&source), path: p, source });
                }
            }
            files.sort_by(|a, b| a.path.cmp(&b.path));
            langs.insert(lang, files);
        }
        Ok(Catalog { langs })
    }

    pub fn has(&self, lang: &str, id: &str) -> bool {
        self.langs.get(lang).map_or(false, |fs| fs.iter().any(|f| f.ids.iter().any(|i| i == id)))
    }
}
