//! The materialised sparse index: one file per crate at the path cargo asks for, rewritten from the
//! database after every change that alters it, kept in a local directory or in an object store.
//!
//! In a directory, files are replaced atomically (write to a temporary file, then rename), so a
//! reader sees the old file or the new one, never half of one; an object store's put is atomic
//! by itself. A file whose content did not change is left alone, so its modification time — served
//! as `Last-Modified` — only moves when the content does.
//!
//! Several instances may rewrite one crate's file at once (one per change they made). Each writer
//! reads the crate's generation, then its lines, writes, and reads the generation again: when it
//! moved, another change came in between and the writer may have put older lines over newer ones,
//! so it writes again. The last writer to finish therefore wrote lines at least as new as the last
//! change, without a lock shared between instances.

use crate::{Db, StoreError};
use bytes::Bytes;
use object_store::path::Path as ObjectPath;
use object_store::{ObjectStore, PutPayload};
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::SystemTime;
use wharf_index::{index_path, write_index_file};

/// One index file as read from its store.
pub struct IndexFile {
    pub body: Vec<u8>,
    pub modified: SystemTime,
    /// What identifies this copy of the file in its store: the object store's entity tag, or, in
    /// a directory, nothing (the server tells copies apart by `stat`).
    pub version: Option<String>,
}

/// Where the files live.
#[derive(Clone)]
enum Backend {
    /// A directory on this machine (or a disk shared by instances).
    Directory(PathBuf),
    /// An object store (an S3 bucket under a prefix): instances share it, and none keeps a copy it
    /// cannot lose.
    Objects(Arc<dyn ObjectStore>),
}

#[derive(Clone)]
pub struct IndexFiles {
    backend: Backend,
    /// One lock per crate, so two changes to one crate in this process do not write its file at
    /// the same time (across processes, the generation check in [`IndexFiles::rewrite`] orders
    /// them).
    locks: Arc<Mutex<HashMap<i64, Arc<tokio::sync::Mutex<()>>>>>,
}

/// How many crates' files a repair or a reindex rewrites at once.
const REWRITES_AT_ONCE: usize = 16;

/// How many times a rewrite writes a crate's file while other changes keep moving its generation,
/// before it leaves the file to the writers of those changes (each of which rewrites it after).
const REWRITE_ATTEMPTS: usize = 8;

impl IndexFiles {
    /// Files in a local directory, created when missing.
    pub fn new(root: &Path) -> Result<IndexFiles, StoreError> {
        std::fs::create_dir_all(root)?;
        Ok(IndexFiles::with_backend(Backend::Directory(
            root.to_path_buf(),
        )))
    }

    /// Files in an object store, at their sparse paths from its root.
    pub fn in_object_store(store: Arc<dyn ObjectStore>) -> IndexFiles {
        IndexFiles::with_backend(Backend::Objects(store))
    }

    fn with_backend(backend: Backend) -> IndexFiles {
        IndexFiles {
            backend,
            locks: Arc::default(),
        }
    }

    /// The directory the files are in, when they are in one.
    pub fn local_root(&self) -> Option<&Path> {
        match &self.backend {
            Backend::Directory(root) => Some(root),
            Backend::Objects(_) => None,
        }
    }

    /// Reads the file at a request path (already checked to be a well-formed index path).
    pub async fn read(&self, relative: &str) -> Result<Option<IndexFile>, StoreError> {
        match &self.backend {
            Backend::Directory(root) => read_local(&root.join(relative)),
            Backend::Objects(store) => match store.get(&ObjectPath::from(relative)).await {
                Ok(result) => {
                    let modified = result.meta.last_modified.into();
                    let version = Some(object_version(&result.meta));
                    let body = result.bytes().await?.to_vec();
                    Ok(Some(IndexFile {
                        body,
                        modified,
                        version,
                    }))
                }
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(e.into()),
            },
        }
    }

    /// The store's identification of the file's current copy (see [`IndexFile::version`]), or
    /// `None` when there is no file: how a reader of an object store checks that its copy is still
    /// current without fetching the file.
    pub async fn current_version(&self, relative: &str) -> Result<Option<String>, StoreError> {
        match &self.backend {
            Backend::Directory(root) => match std::fs::metadata(root.join(relative)) {
                Ok(meta) => {
                    use std::os::unix::fs::MetadataExt;
                    Ok(Some(format!(
                        "{}-{}-{}.{}",
                        meta.ino(),
                        meta.size(),
                        meta.mtime(),
                        meta.mtime_nsec()
                    )))
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e.into()),
            },
            Backend::Objects(store) => match store.head(&ObjectPath::from(relative)).await {
                Ok(meta) => Ok(Some(object_version(&meta))),
                Err(object_store::Error::NotFound { .. }) => Ok(None),
                Err(e) => Err(e.into()),
            },
        }
    }

    /// Writes a crate's file if its content changed. Returns whether it did.
    pub async fn write(&self, crate_name: &str, content: &str) -> Result<bool, StoreError> {
        let relative = index_path(crate_name);
        match &self.backend {
            Backend::Directory(root) => {
                let path = root.join(relative);
                let content = content.to_string();
                tokio::task::spawn_blocking(move || write_local(&path, &content))
                    .await
                    .expect("index writer task panicked")
            }
            Backend::Objects(store) => {
                let location = ObjectPath::from(relative);
                let unchanged = match store.get(&location).await {
                    Ok(current) => current.bytes().await?.as_ref() == content.as_bytes(),
                    Err(object_store::Error::NotFound { .. }) => false,
                    Err(e) => return Err(e.into()),
                };
                if unchanged {
                    return Ok(false);
                }
                store
                    .put(
                        &location,
                        PutPayload::from_bytes(Bytes::copy_from_slice(content.as_bytes())),
                    )
                    .await?;
                Ok(true)
            }
        }
    }

    pub async fn remove(&self, crate_name: &str) -> Result<(), StoreError> {
        let relative = index_path(crate_name);
        match &self.backend {
            Backend::Directory(root) => match std::fs::remove_file(root.join(relative)) {
                Ok(()) => Ok(()),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
                Err(e) => Err(e.into()),
            },
            Backend::Objects(store) => match store.delete(&ObjectPath::from(relative)).await {
                Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
                Err(e) => Err(e.into()),
            },
        }
    }

    /// Brings a crate's file up to date with the database, records that it is, and tells the
    /// other instances (see [`IndexFiles::announce`]). Returns the file's path relative to the
    /// index root.
    pub async fn rewrite(&self, db: &Db, crate_id: i64) -> Result<String, StoreError> {
        let lock = self
            .locks
            .lock()
            .expect("index lock map poisoned")
            .entry(crate_id)
            .or_default()
            .clone();
        let _guard = lock.lock().await;
        let mut written = None;
        let mut result = Ok(());
        for _ in 0..REWRITE_ATTEMPTS {
            // The generation is read before the lines: the lines are then at least that new, so
            // marking the generation written can never hide a later change.
            let (name, generation) = match db.index_generation(crate_id).await {
                Ok(read) => read,
                Err(error) => {
                    result = Err(error);
                    break;
                }
            };
            let wrote = async {
                let lines = db.index_lines(crate_id).await?;
                if lines.is_empty() {
                    self.remove(&name).await?;
                } else {
                    self.write(&name, &write_index_file(&lines)).await?;
                }
                Ok::<_, StoreError>(())
            }
            .await;
            if let Err(error) = wrote {
                result = Err(error);
                break;
            }
            written = Some((name, generation));
            // Another instance's change since the read may have been written before this write
            // landed; the generation says so, and the file is written again.
            match db.index_generation(crate_id).await {
                Ok((_, now)) if now == generation => break,
                Ok(_) => continue,
                Err(error) => {
                    result = Err(error);
                    break;
                }
            }
        }
        let Some((name, generation)) = written else {
            return Err(result.expect_err("a rewrite that wrote nothing failed"));
        };
        let relative = index_path(&name);
        // Announced whatever happens next: the store has a new file, and other instances must not
        // keep serving the one before it.
        let marked = match result {
            Ok(()) => db.mark_index_written(crate_id, generation).await,
            Err(error) => Err(error),
        };
        self.announce(db, &relative).await;
        marked?;
        Ok(relative)
    }

    /// Tells the other instances that the file at `relative` changed (see
    /// [`Db::announce_index_change`]). Only files in an object store are announced: instances
    /// sharing a directory check its files' `stat` themselves, and nobody listens for them, so a
    /// publish there is spared the round trip.
    pub async fn announce(&self, db: &Db, relative: &str) {
        if let Backend::Objects(_) = self.backend {
            db.announce_index_change(relative).await;
        }
    }

    /// Rewrites every file the database says is behind, and removes files of deleted crates: the
    /// repair after a crash between a commit and its file change, at start and hourly.
    pub async fn repair(&self, db: &Db) -> Result<usize, StoreError> {
        for name in db.deleted_names_without_crate().await? {
            self.remove(&name).await?;
            self.announce(db, &index_path(&name)).await;
        }
        self.repair_behind(db).await
    }

    /// Rewrites only the files the database says are behind (one look-up in a partial index when
    /// there are none): cheap enough to run every few seconds. Deleted crates' files are left to
    /// [`IndexFiles::repair`], whose removals (and their announcements) are not.
    pub async fn repair_behind(&self, db: &Db) -> Result<usize, StoreError> {
        let stale = db.crates_with_stale_index().await?;
        self.rewrite_many(db, &stale).await
    }

    /// Rewrites the files of these crates, several at once: each write waits for the disk (or the
    /// object store) far longer than for the processor, so a registry of a hundred thousand crates
    /// is rewritten in a fraction of the time one at a time would take. A crate whose file cannot
    /// be written does not stop the others: each failure is logged, and the first is returned
    /// once all were tried. Returns how many were written.
    pub async fn rewrite_many(&self, db: &Db, crate_ids: &[i64]) -> Result<usize, StoreError> {
        use futures::StreamExt;
        let mut written = 0;
        let mut first_error = None;
        let mut rewrites = futures::stream::iter(crate_ids.iter().copied())
            .map(|crate_id| async move { (crate_id, self.rewrite(db, crate_id).await) })
            .buffer_unordered(REWRITES_AT_ONCE);
        while let Some((crate_id, outcome)) = rewrites.next().await {
            match outcome {
                Ok(_) => written += 1,
                Err(error) => {
                    tracing::warn!(crate_id, %error, "could not write an index file");
                    first_error.get_or_insert(error);
                }
            }
        }
        match first_error {
            Some(error) => Err(error),
            None => Ok(written),
        }
    }
}

/// An object's version: its entity tag, or where the store gives none, its time and size.
fn object_version(meta: &object_store::ObjectMeta) -> String {
    meta.e_tag
        .clone()
        .unwrap_or_else(|| format!("{}-{}", meta.last_modified.timestamp_micros(), meta.size))
}

fn read_local(path: &Path) -> Result<Option<IndexFile>, StoreError> {
    let file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e.into()),
    };
    let modified = file.metadata()?.modified()?;
    let mut body = Vec::new();
    std::io::Read::read_to_end(&mut &file, &mut body)?;
    Ok(Some(IndexFile {
        body,
        modified,
        version: None,
    }))
}

fn write_local(path: &Path, content: &str) -> Result<bool, StoreError> {
    if std::fs::read(path).ok().as_deref() == Some(content.as_bytes()) {
        return Ok(false);
    }
    let dir = path.parent().expect("index paths have a directory");
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile_in(dir)?;
    tmp.1.write_all(content.as_bytes())?;
    tmp.1.sync_data()?;
    drop(tmp.1);
    std::fs::rename(&tmp.0, path)?;
    Ok(true)
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
