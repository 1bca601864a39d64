//! The materialised sparse index: one file per crate under a root directory, at the path cargo asks
//! for, rewritten from the database after every change that alters it.
//!
//! Files are replaced atomically (write to a temporary file, then rename), so a reader sees the old
//! file or the new one, never half of one. A file whose content did not change is left alone, so its
//! modification time — served as `Last-Modified` — only moves when the content does.

use crate::{Db, StoreError};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use wharf_index::{index_path, write_index_file};

/// One index file as read from disk.
pub struct IndexFile {
    pub body: Vec<u8>,
    pub modified: SystemTime,
}

#[derive(Clone)]
pub struct IndexFiles {
    root: PathBuf,
    /// One lock per crate, so two changes to one crate cannot write its file out of order.
    locks: Arc<Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>>,
}

impl IndexFiles {
    pub fn new(root: &Path) -> Result<IndexFiles, StoreError> {
        std::fs::create_dir_all(root)?;
        Ok(IndexFiles {
            root: root.to_path_buf(),
            locks: Arc::default(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Reads the file at a request path (already checked to be a well-formed index path).
    pub fn read(&self, relative: &str) -> Result<Option<IndexFile>, StoreError> {
        let path = self.root.join(relative);
        let file = match std::fs::File::open(&path) {
            Ok(file) => file,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e.into()),
        };
        let modified = file.metadata()?.modified()?;
        let mut body = Vec::new();
        std::io::Read::read_to_end(&mut &file, &mut body)?;
        Ok(Some(IndexFile { body, modified }))
    }

    /// Writes a crate's file if its content changed. Returns whether it did.
    pub fn write(&self, crate_name: &str, content: &str) -> Result<bool, StoreError> {
        let path = self.root.join(index_path(crate_name));
        if std::fs::read(&path).ok().as_deref() == Some(content.as_bytes()) {
            return Ok(false);
        }
        let dir = path.parent().expect("index paths have a directory");
        std::fs::create_dir_all(dir)?;
        let mut tmp = tempfile_in(dir)?;
        tmp.1.write_all(content.as_bytes())?;
        tmp.1.sync_data()?;
        drop(tmp.1);
        std::fs::rename(&tmp.0, &path)?;
        Ok(true)
    }

    pub fn remove(&self, crate_name: &str) -> Result<(), StoreError> {
        match std::fs::remove_file(self.root.join(index_path(crate_name))) {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// Brings a crate's file up to date with the database and records that it is. Returns the file's
    /// path relative to the index root.
    pub async fn rewrite(&self, db: &Db, crate_id: i64) -> Result<String, StoreError> {
        let lock = self
            .locks
            .lock()
            .expect("index lock map poisoned")
            .entry(crate_id)
            .or_default()
            .clone();
        let _guard = lock.lock().await;
        // The generation is read before the lines: the lines are then at least that new, so marking
        // the generation written can never hide a later change.
        let (name, generation) = db.index_generation(crate_id).await?;
        let lines = db.index_lines(crate_id).await?;
        let files = self.clone();
        let relative = index_path(&name);
        tokio::task::spawn_blocking(move || {
            if lines.is_empty() {
                files.remove(&name)
            } else {
                files.write(&name, &write_index_file(&lines)).map(|_| ())
            }
        })
        .await
        .expect("index writer task panicked")?;
        db.mark_index_written(crate_id, generation).await?;
        Ok(relative)
    }

    /// Rewrites every file the database says is behind, and removes files of deleted crates: the
    /// repair after a crash between a commit and its file change.
    pub async fn repair(&self, db: &Db) -> Result<usize, StoreError> {
        for name in db.deleted_names_without_crate().await? {
            self.remove(&name)?;
        }
        let stale = db.crates_with_stale_index().await?;
        for crate_id in &stale {
            self.rewrite(db, *crate_id).await?;
        }
        Ok(stale.len())
    }
}

/// A uniquely named temporary file beside the target, so the rename stays on one file system.
fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    use rand::distr::{Alphanumeric, SampleString};
    let name = format!(
        "{}{}",
        crate::leftovers::INDEX_TEMPORARY_PREFIX,
        Alphanumeric.sample_string(&mut rand::rng(), 12)
    );
    let path = dir.join(name);
    let file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)?;
    Ok((path, file))
}
