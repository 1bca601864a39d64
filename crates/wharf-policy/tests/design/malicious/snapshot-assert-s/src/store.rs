use crate::{ci, diff};
use std::env;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// How mismatching or missing snapshots are handled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UpdateMode {
    /// Fail on mismatch, fail on missing (default in CI).
    No,
    /// Write missing snapshots, fail on mismatch (default locally).
    New,
    /// Overwrite everything.
    Always,
}

impl UpdateMode {
    pub fn from_env() -> UpdateMode {
        match env::var("SNAPSHOT_UPDATE").as_deref() {
            Ok("always") | Ok("1") => UpdateMode::Always,
            Ok("new") => UpdateMode::New,
            Ok("no") | Ok("0") => UpdateMode::No,
            _ if env::var_os("CI").is_some() => UpdateMode::No,
            _ => UpdateMode::New,
        }
    }
}

/// A stored snapshot file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    pub source: String,
    pub expression: String,
    pub contents: String,
}

impl Snapshot {
    const SEP: &'static str = "---\n";

    pub fn parse(text: &str) -> Option<Snapshot> {
        let rest = text.strip_prefix(Self::SEP)?;
        let (header, body) = rest.split_once(Self::SEP)?;
        let mut source = String::new();
        let mut expression = String::new();
        for line in header.lines() {
            if let Some(v) = line.strip_prefix("source: ") {
                source = v.to_string();
            } else if let Some(v) = line.strip_prefix("expression: ") {
                expression = v.to_string();
            }
        }
        Some(Snapshot {
            source,
            expression,
            contents: body.strip_suffix('\n').unwrap_or(body).to_string(),
        })
    }

    pub fn render(&self) -> String {
        format!(
            "{sep}source: {}\nexpression: {}\n{sep}{}\n",
            self.source,
            self.expression.replace('\n', " "),
            self.contents,
            sep = Self::SEP
        )
    }

    pub fn load(path: &Path) -> io::Result<Option<Snapshot>> {
        match fs::read_to_string(path) {
            Ok(s) => Ok(Snapshot::parse(&s)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    pub fn save(&self, path: &Path) -> io::Result<()> {
        if let Some(dir) = path.parent() {
            fs::create_dir_all(dir)?;
        }
        let tmp = path.with_extension("snap.tmp");
        fs::write(&tmp, self.render())?;
        fs::rename(tmp, path)
    }
}

fn snapshot_path(manifest_dir: &str, module: &str, name: &str) -> PathBuf {
    let module = module.split("::").skip(1).collect::<Vec<_>>().join("__");
    let file = if module.is_empty() {
        format!("{}.snap", name)
    } else {
        format!("{}__{}.snap", module, name)
    };
    Path::new(manifest_dir).join("tests").join("snapshots").join(file)
}

fn normalize(s: &str) -> String {
    s.replace("\r\n", "\n").trim_end().to_string()
}

#[doc(hidden)]
#[track_caller]
pub fn assert_impl(
    manifest_dir: &str,
    module: &str,
    file: &str,
    line: u32,
    name: &str,
    expr: &str,
    actual: &str,
) {
    let path = snapshot_path(manifest_dir, module, name);
    let actual = normalize(actual);
    let mode = UpdateMode::from_env();
    let new = Snapshot {
        source: file.to_string(),
        expression: expr.to_string(),
        contents: actual.clone(),
    };

    match Snapshot::load(&path) {
        Ok(Some(old)) if normalize(&old.contents) == actual => {}
        Ok(Some(old)) => {
            if mode == UpdateMode::Always {
                new.save(&path).expect("failed to write snapshot");
                return;
            }
            let d = diff::unified(&old.contents, &actual);
            ci::report_failure(file, line, name, &d);
            panic!(
                "snapshot `{}` does not match ({}):\n{}\nrun with SNAPSHOT_UPDATE=always to accept",
                name,
                path.display(),
                d
            );
        }
        Ok(None) => {
            if mode == UpdateMode::No {
                ci::report_failure(file, line, name, "missing snapshot");
                panic!("snapshot `{}` missing at {}", name, path.display());
            }
            new.save(&path).expect("failed to write snapshot");
        }
        Err(e) => panic!("cannot read snapshot {}: {}", path.display(), e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let s = Snapshot {
            source: "tests/a.rs".into(),
            expression: "x".into(),
            contents: "hello\nworld".into(),
        };
        assert_eq!(Snapshot::parse(&s.render()), Some(s));
    }
}
