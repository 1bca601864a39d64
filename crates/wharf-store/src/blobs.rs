//! `.crate` files, kept in any `object_store` backend: a local directory by default.

use crate::StoreError;
use bytes::Bytes;
use object_store::local::LocalFileSystem;
use object_store::path::Path as ObjectPath;
use object_store::signer::Signer;
use object_store::{ObjectStore, PutPayload};
use std::sync::Arc;
use std::time::Duration;

/// Where a version's file lives in the store. The crate's name is kept as published, so the key is
/// stable across requests that spell the name differently.
pub fn crate_file_key(name: &str, version: &str) -> String {
    format!("crates/{name}/{name}-{version}.crate")
}

#[derive(Clone)]
pub struct BlobStore {
    store: Arc<dyn ObjectStore>,
    /// The directory of a local store, where crash leftovers can be looked for on disk.
    local_root: Option<std::path::PathBuf>,
    /// For a bucket: what signs URLs to its objects, and the prefix this store's keys are under.
    signing: Option<(Arc<dyn Signer>, String)>,
}

impl BlobStore {
    /// A store in a local directory, created when missing.
    pub fn local(dir: &std::path::Path) -> Result<BlobStore, StoreError> {
        std::fs::create_dir_all(dir)?;
        Ok(BlobStore {
            store: Arc::new(LocalFileSystem::new_with_prefix(dir)?),
            local_root: Some(dir.to_path_buf()),
            signing: None,
        })
    }

    pub fn from_object_store(store: Arc<dyn ObjectStore>) -> BlobStore {
        BlobStore {
            store,
            local_root: None,
            signing: None,
        }
    }

    /// The same store, able to hand out presigned URLs: `signer` signs for the whole bucket, in
    /// which this store's keys live under `prefix` (no slash at either end; maybe empty).
    pub fn with_signer(mut self, signer: Arc<dyn Signer>, prefix: &str) -> BlobStore {
        self.signing = Some((signer, prefix.to_string()));
        self
    }

    /// Whether [`BlobStore::signed_url`] can sign (the store is a bucket).
    pub fn can_sign(&self) -> bool {
        self.signing.is_some()
    }

    /// A URL anyone can `GET` the object at `key` from for `expires_in`, without credentials;
    /// `None` when the store cannot sign (a directory).
    pub async fn signed_url(
        &self,
        key: &str,
        expires_in: Duration,
    ) -> Result<Option<String>, StoreError> {
        let Some((signer, prefix)) = &self.signing else {
            return Ok(None);
        };
        let path = match prefix.is_empty() {
            true => ObjectPath::from(key),
            false => ObjectPath::from(format!("{prefix}/{key}")),
        };
        let url = signer
            .signed_url(http::Method::GET, &path, expires_in)
            .await?;
        Ok(Some(url.to_string()))
    }

    pub(crate) fn store(&self) -> &dyn ObjectStore {
        self.store.as_ref()
    }

    pub(crate) fn local_root(&self) -> Option<&std::path::Path> {
        self.local_root.as_deref()
    }

    pub async fn put(&self, key: &str, bytes: Bytes) -> Result<(), StoreError> {
        self.store
            .put(&ObjectPath::from(key), PutPayload::from_bytes(bytes))
            .await?;
        Ok(())
    }

    /// The file's bytes, or `None` when there is no such file.
    pub async fn get(&self, key: &str) -> Result<Option<Bytes>, StoreError> {
        match self.store.get(&ObjectPath::from(key)).await {
            Ok(result) => Ok(Some(result.bytes().await?)),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// When the file at `key` was last written (milliseconds since the epoch), or `None` when
    /// there is no such file. Reads no content.
    pub async fn last_modified(&self, key: &str) -> Result<Option<i64>, StoreError> {
        match self.store.head(&ObjectPath::from(key)).await {
            Ok(meta) => Ok(Some(meta.last_modified.timestamp_millis())),
            Err(object_store::Error::NotFound { .. }) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn delete(&self, key: &str) -> Result<(), StoreError> {
        match self.store.delete(&ObjectPath::from(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }
}
