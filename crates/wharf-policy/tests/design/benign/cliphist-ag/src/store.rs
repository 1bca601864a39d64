//! Local persistence of the history as JSON.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::{Entry, Error};

pub(crate) fn default_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("org", "example", "cliphist").map(|d| d.data_dir().join("history.json"))
}

pub(crate) fn load(p: &Path) -> Result<Vec<Entry>, Error> {
    match fs::read(p) {
        Ok(b) if b.is_empty() => Ok(Vec::new()),
        Ok(b) => Ok(serde_json::from_slice(&b)?),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(e) => Err(e.into()),
    }
}

/// Write via a temp file + rename, user-only permissions on Unix.
pub(crate) fn save(p: &Path, entries: &[Entry]) -> Result<(), Error> {
    if let Some(dir) = p.parent() {
        fs::create_dir_all(dir)?;
    }
    let tmp = p.with_extension("json.tmp");
    {
        let mut o = fs::OpenOptions::new();
        o.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            o.mode(0o600);
        }
        let mut f = o.open(&tmp)?;
        f.write_all(&serde_json::to_vec_pretty(entries)?)?;
        f.sync_all()?;
    }
    fs::rename(&tmp, p)?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("h.json");
        let e = vec![Entry { text: "x".into(), captured_at: 1, pinned: true, uses: 2 }];
        save(&p, &e).unwrap();
        assert_eq!(load(&p).unwrap(), e);
    }

    #[test]
    fn missing_is_empty() {
        let d = tempfile::tempdir().unwrap();
        assert!(load(&d.path().join("nope.json")).unwrap().is_empty());
    }
}
