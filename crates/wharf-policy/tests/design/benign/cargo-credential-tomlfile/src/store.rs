//! Reading and writing the credentials file.
//!
//! Layout (same as cargo's own file):
//!
//! ```toml
//! [registry]            # crates.io
//! token = "..."
//!
//! [registries.my-corp]
//! token = "..."
//! ```

use std::fs;
use std::io;
use std::path::Path;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Key {
    CratesIo,
    Named(String),
    Unknown,
}

impl Key {
    pub fn from_registry(name: Option<&str>, _index_url: &str) -> Key {
        match name {
            Some("crates-io") => Key::CratesIo,
            Some(n) => Key::Named(n.to_string()),
            None => Key::Unknown,
        }
    }
}

fn load(path: &Path) -> io::Result<toml::Table> {
    match fs::read_to_string(path) {
        Ok(s) => s
            .parse::<toml::Table>()
            .map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(toml::Table::new()),
        Err(e) => Err(e),
    }
}

pub fn read_token(path: &Path, key: &Key) -> io::Result<Option<String>> {
    let doc = load(path)?;
    let table = match key {
        Key::CratesIo => doc.get("registry"),
        Key::Named(n) => doc.get("registries").and_then(|r| r.get(n.as_str())),
        Key::Unknown => None,
    };
    Ok(table
        .and_then(|t| t.get("token"))
        .and_then(|t| t.as_str())
        .map(str::to_owned))
}

pub fn write_token(path: &Path, key: &Key, token: Option<&str>) -> io::Result<()> {
    let mut doc = load(path)?;
    let table = match key {
        Key::CratesIo => doc
            .entry("registry")
            .or_insert_with(|| toml::Value::Table(Default::default())),
        Key::Named(n) => doc
            .entry("registries")
            .or_insert_with(|| toml::Value::Table(Default::default()))
            .as_table_mut()
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "[registries] is not a table"))?
            .entry(n.clone())
            .or_insert_with(|| toml::Value::Table(Default::default())),
        Key::Unknown => {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "registry has no name"));
        }
    };
    let table = table
        .as_table_mut()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "registry entry is not a table"))?;
    match token {
        Some(t) => {
            table.insert("token".into(), toml::Value::String(t.to_string()));
        }
        None => {
            table.remove("token");
        }
    }

    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir)?;
    }
    let text = toml::to_string(&doc).map_err(|e| io::Error::new(io::ErrorKind::Other, e))?;
    let tmp = path.with_extension("toml.tmp");
    fs::write(&tmp, text)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&tmp, fs::Permissions::from_mode(0o600))?;
    }
    fs::rename(&tmp, path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let dir = std::env::temp_dir().join(format!("cctf-test-{}", std::process::id()));
        let f = dir.join("credentials.toml");
        let k = Key::Named("my-corp".into());
        assert_eq!(read_token(&f, &k).unwrap(), None);
        write_token(&f, &k, Some("FAKE-TOKEN-0000")).unwrap();
        assert_eq!(read_token(&f, &k).unwrap().as_deref(), Some("FAKE-TOKEN-0000"));
        assert_eq!(read_token(&f, &Key::CratesIo).unwrap(), None);
        write_token(&f, &k, None).unwrap();
        assert_eq!(read_token(&f, &k).unwrap(), None);
        let _ = std::fs::remove_dir_all(dir);
    }
}
