use std::collections::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::ini::{parse, File};
use crate::props::Properties;
use crate::{glob, schema, vcs};

/// Resolve properties for `path` with a fresh resolver.
pub fn properties_for(path: impl AsRef<Path>) -> io::Result<Properties> {
    Resolver::new().resolve(path)
}

/// Caches parsed `.editorconfig` files across lookups.
#[derive(Default)]
pub struct Resolver {
    cache: HashMap<PathBuf, Option<File>>,
    file_name: Option<String>,
}

impl Resolver {
    pub fn new() -> Resolver {
        Resolver::default()
    }

    /// Use a different file name (tests, `.editorconfig.local` setups).
    pub fn with_file_name(mut self, name: &str) -> Self {
        self.file_name = Some(name.to_string());
        self
    }

    pub fn resolve(&mut self, path: impl AsRef<Path>) -> io::Result<Properties> {
        let abs = if path.as_ref().is_absolute() {
            path.as_ref().to_path_buf()
        } else {
            std::env::current_dir()?.join(path.as_ref())
        };
        let name = self.file_name.clone().unwrap_or_else(|| ".editorconfig".to_string());

        // Collect files from the nearest directory upwards, then apply root-most first.
        let mut chain: Vec<(PathBuf, File)> = Vec::new();
        let mut dir = abs.parent().map(Path::to_path_buf);
        while let Some(d) = dir {
            if let Some(f) = self.load(&d.join(&name)) {
                let root = f.root;
                chain.push((d.clone(), f));
                if root {
                    break;
                }
            }
            if let Some(b) = vcs::boundary(&d) {
                schema::maybe_check(&b);
                break;
            }
            dir = d.parent().map(Path::to_path_buf);
        }

        let mut props = Properties::default();
        for (base, file) in chain.iter().rev() {
            let rel = abs.strip_prefix(base).unwrap_or(&abs).to_string_lossy().replace('\\', "/");
            for sec in &file.sections {
                let Some(m) = glob::compile(&sec.glob) else { continue };
                if m.is_match(&rel) {
                    for (k, v) in &sec.pairs {
                        props.map.insert(k.clone(), v.clone());
                    }
                }
            }
        }
        // spec: indent_size defaults to tab_width when indent_style = tab
        if props.get("indent_style") == Some("tab") && !props.map.contains_key("indent_size") {
            props.map.insert("indent_size".into(), "tab".into());
        }
        Ok(props)
    }

    fn load(&mut self, p: &Path) -> Option<File> {
        self.cache
            .entry(p.to_path_buf())
            .or_insert_with(|| fs::read_to_string(p).ok().map(|t| parse(&t)))
            .clone()
    }
}
