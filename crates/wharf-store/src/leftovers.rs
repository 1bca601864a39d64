//! What a killed process leaves behind outside the database, found and removed at start-up and
//! then every hour: temporary index files from an interrupted rewrite, `.crate` files stored by a
//! publish whose transaction never committed, and the object store's own half-written uploads.
//!
//! At start-up, index temporary files are removed whatever their age (an instance owns its index
//! directory, and nothing writes it before start-up repair is done); later sweeps leave the young
//! ones to the rewrites that may still be writing them. A `.crate` file is an orphan only when no
//! committed version names it *and* it is older than a grace period: a publish stores its file
//! before it commits, so a young file without a row may be a publish still under way.

use crate::blobs::crate_file_key;
use crate::{BlobStore, Db, IndexFiles, StoreError};
use futures::TryStreamExt;
use object_store::path::Path as ObjectPath;
use sqlx::Row;
use std::collections::HashSet;
use std::path::Path;
use std::time::{Duration, SystemTime};

/// Where the index writer's temporary files start their names.
pub(crate) const INDEX_TEMPORARY_PREFIX: &str = ".tmp-";

/// What one sweep removed.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Leftovers {
    pub temporary_index_files: usize,
    pub orphan_crate_files: usize,
    pub staged_uploads: usize,
}

impl Leftovers {
    pub fn total(&self) -> usize {
        self.temporary_index_files + self.orphan_crate_files + self.staged_uploads
    }
}

impl IndexFiles {
    /// Removes the temporary files, written before `cutoff`, of index rewrites that never reached
    /// their rename.
    pub fn remove_temporary_files(&self, cutoff: SystemTime) -> Result<usize, StoreError> {
        // An object store's put is atomic and leaves no temporary file.
        let Some(root) = self.local_root() else {
            return Ok(0);
        };
        remove_files_where(root, &|name, modified| {
            name.starts_with(INDEX_TEMPORARY_PREFIX) && modified < cutoff
        })
    }
}

impl BlobStore {
    /// Keys under `prefix` last written before `cutoff`.
    pub async fn keys_older_than(
        &self,
        prefix: &str,
        cutoff: SystemTime,
    ) -> Result<Vec<String>, StoreError> {
        let prefix = ObjectPath::from(prefix);
        let cutoff: chrono::DateTime<chrono::Utc> = cutoff.into();
        let objects: Vec<_> = self.store().list(Some(&prefix)).try_collect().await?;
        Ok(objects
            .into_iter()
            .filter(|meta| meta.last_modified < cutoff)
            .map(|meta| meta.location.to_string())
            .collect())
    }

    /// Removes the local store's staged uploads (`name#n`, written before the rename that makes a
    /// file appear) older than `cutoff`. Other backends keep no such files where Wharf can see them.
    pub fn remove_staged_uploads(&self, cutoff: SystemTime) -> Result<usize, StoreError> {
        match self.local_root() {
            Some(root) => remove_files_where(root, &|name, modified| {
                name.contains('#') && modified < cutoff
            }),
            None => Ok(0),
        }
    }
}

impl Db {
    /// The store keys of every committed version's `.crate` file.
    pub async fn stored_file_keys(&self) -> Result<HashSet<String>, StoreError> {
        let rows = sqlx::query(
            "SELECT crates.name, versions.num FROM versions JOIN crates ON crates.id = versions.crate_id",
        )
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|row| {
                let name: String = row.try_get("name")?;
                let num: String = row.try_get("num")?;
                Ok(crate_file_key(&name, &num))
            })
            .collect()
    }
}

/// Removes what a crash left: temporary index files (all of them when `starting`, else those older
/// than `grace`), `.crate` files older than `grace` that no committed version names, and staged
/// uploads older than `grace`.
pub async fn remove_leftovers(
    db: &Db,
    blobs: &BlobStore,
    index: &IndexFiles,
    grace: Duration,
    starting: bool,
) -> Result<Leftovers, StoreError> {
    let now = SystemTime::now();
    let cutoff = now.checked_sub(grace).unwrap_or(SystemTime::UNIX_EPOCH);
    let index_cutoff = if starting { now } else { cutoff };
    let mut removed = Leftovers {
        temporary_index_files: index.remove_temporary_files(index_cutoff)?,
        ..Leftovers::default()
    };
    // Files first, rows second: a file listed as old whose publish committed since is in the rows.
    let old_files = blobs.keys_older_than("crates", cutoff).await?;
    if !old_files.is_empty() {
        let committed = db.stored_file_keys().await?;
        for key in old_files {
            if !committed.contains(&key) && key.ends_with(".crate") {
                blobs.delete(&key).await?;
                removed.orphan_crate_files += 1;
            }
        }
    }
    removed.staged_uploads = blobs.remove_staged_uploads(cutoff)?;
    Ok(removed)
}

/// Removes every file under `dir` (recursively) whose name and modification time `doomed` picks.
fn remove_files_where(
    dir: &Path,
    doomed: &dyn Fn(&str, SystemTime) -> bool,
) -> Result<usize, StoreError> {
    let mut removed = 0;
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(0),
        Err(error) => return Err(error.into()),
    };
    for entry in entries {
        let entry = entry?;
        let kind = entry.file_type()?;
        if kind.is_dir() {
            removed += remove_files_where(&entry.path(), doomed)?;
        } else if kind.is_file() {
            let name = entry.file_name();
            let modified = entry.metadata()?.modified()?;
            if doomed(&name.to_string_lossy(), modified) {
                match std::fs::remove_file(entry.path()) {
                    Ok(()) => removed += 1,
                    // Renamed into place or removed by someone else meanwhile.
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                    Err(error) => return Err(error.into()),
                }
            }
        }
    }
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"x").unwrap();
    }

    #[test]
    fn temporary_index_files_go_and_index_files_stay() {
        let dir = tempfile::tempdir().unwrap();
        let index = IndexFiles::new(dir.path()).unwrap();
        touch(&dir.path().join("se/rd/.tmp-abc123"));
        touch(&dir.path().join("se/rd/serde"));
        touch(&dir.path().join("3/a/.tmp-zzz"));
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        assert_eq!(index.remove_temporary_files(an_hour_ago).unwrap(), 0);
        let now = SystemTime::now() + Duration::from_secs(1);
        assert_eq!(index.remove_temporary_files(now).unwrap(), 2);
        assert!(dir.path().join("se/rd/serde").exists());
        assert!(!dir.path().join("se/rd/.tmp-abc123").exists());
    }

    #[test]
    fn staged_uploads_go_only_after_the_cutoff() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = BlobStore::local(dir.path()).unwrap();
        touch(&dir.path().join("crates/a/a-1.0.0.crate#1"));
        touch(&dir.path().join("crates/a/a-1.0.0.crate"));
        let before = SystemTime::now() - Duration::from_secs(3600);
        assert_eq!(blobs.remove_staged_uploads(before).unwrap(), 0);
        let after = SystemTime::now() + Duration::from_secs(1);
        assert_eq!(blobs.remove_staged_uploads(after).unwrap(), 1);
        assert!(dir.path().join("crates/a/a-1.0.0.crate").exists());
    }
}
