//! Where Wharf's files live — `.crate` files, database dumps and index files — named by one URL:
//! a local directory (`file:///path`, the default being the data directory) or an S3-compatible
//! bucket (`s3://bucket/prefix`).
//!
//! An S3 store is configured by the standard environment variables (`AWS_ENDPOINT_URL`,
//! `AWS_REGION`, `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`, `AWS_ALLOW_HTTP` for an endpoint
//! without TLS, …): object_store's builder reads every `AWS_*` variable it knows, and no `~/.aws`
//! file. Under the prefix,
//! `crates/` and `dumps/` hold what the blob store keeps and `index/` the index files, so one
//! bucket can hold several registries side by side.

use crate::{BlobStore, IndexFiles, StoreError};
use object_store::aws::AmazonS3Builder;
use object_store::prefix::PrefixStore;
use object_store::ObjectStore;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A parsed storage URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Storage {
    /// A directory: `.crate` files under `crates/`, index files under `index/`.
    Directory(PathBuf),
    /// A bucket of an S3-compatible store, and the prefix (without slashes at either end; maybe
    /// empty) Wharf's objects go under.
    S3 { bucket: String, prefix: String },
}

impl Storage {
    /// Parses `file:///absolute/path`, a plain path, or `s3://bucket[/prefix]`.
    pub fn parse(url: &str) -> Result<Storage, StoreError> {
        if let Some(rest) = url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(StoreError::Invalid(format!(
                    "the storage URL `{url}` names no bucket: use s3://BUCKET or s3://BUCKET/PREFIX"
                )));
            }
            let prefix = prefix.trim_matches('/');
            if prefix
                .split('/')
                .any(|part| part.is_empty() && !prefix.is_empty())
            {
                return Err(StoreError::Invalid(format!(
                    "the storage URL `{url}` has an empty part in its prefix"
                )));
            }
            return Ok(Storage::S3 {
                bucket: bucket.to_string(),
                prefix: prefix.to_string(),
            });
        }
        if let Some(path) = url.strip_prefix("file://") {
            if !path.starts_with('/') {
                return Err(StoreError::Invalid(format!(
                    "the storage URL `{url}` is not absolute: use file:///PATH"
                )));
            }
            return Ok(Storage::Directory(PathBuf::from(path)));
        }
        if url.contains("://") {
            return Err(StoreError::Invalid(format!(
                "unsupported storage URL `{url}`: use file:///PATH or s3://BUCKET/PREFIX"
            )));
        }
        Ok(Storage::Directory(PathBuf::from(url)))
    }

    /// The default: files in the data directory.
    pub fn in_data_dir(data_dir: &Path) -> Storage {
        Storage::Directory(data_dir.to_path_buf())
    }

    /// Whether files live outside this machine, so that several instances can share them.
    pub fn is_shared(&self) -> bool {
        matches!(self, Storage::S3 { .. })
    }

    /// Opens the blob store and the index files. Connects to nothing yet: an S3 store's
    /// credentials and endpoint are first used by the first request.
    pub fn open(&self) -> Result<(BlobStore, IndexFiles), StoreError> {
        match self {
            Storage::Directory(root) => Ok((
                BlobStore::local(&root.join("crates"))?,
                IndexFiles::new(&root.join("index"))?,
            )),
            Storage::S3 { bucket, prefix } => {
                let s3 = Arc::new(
                    AmazonS3Builder::from_env()
                        .with_bucket_name(bucket)
                        .build()?,
                );
                let bucket: Arc<dyn ObjectStore> = s3.clone();
                let under = |part: &str| -> Arc<dyn ObjectStore> {
                    let path = if prefix.is_empty() {
                        part.to_string()
                    } else if part.is_empty() {
                        prefix.clone()
                    } else {
                        format!("{prefix}/{part}")
                    };
                    if path.is_empty() {
                        bucket.clone()
                    } else {
                        Arc::new(PrefixStore::new(bucket.clone(), path))
                    }
                };
                Ok((
                    BlobStore::from_object_store(under("")).with_signer(s3, prefix),
                    IndexFiles::in_object_store(under("index")),
                ))
            }
        }
    }
}

impl std::fmt::Display for Storage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Storage::Directory(root) => write!(f, "{}", root.display()),
            Storage::S3 { bucket, prefix } if prefix.is_empty() => write!(f, "s3://{bucket}"),
            Storage::S3 { bucket, prefix } => write!(f, "s3://{bucket}/{prefix}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_parse_to_their_store() {
        assert_eq!(
            Storage::parse("s3://wharf/registry/main/").unwrap(),
            Storage::S3 {
                bucket: "wharf".into(),
                prefix: "registry/main".into()
            }
        );
        assert_eq!(
            Storage::parse("s3://wharf").unwrap(),
            Storage::S3 {
                bucket: "wharf".into(),
                prefix: String::new()
            }
        );
        assert_eq!(
            Storage::parse("file:///var/lib/wharf").unwrap(),
            Storage::Directory("/var/lib/wharf".into())
        );
        assert_eq!(
            Storage::parse("relative/dir").unwrap(),
            Storage::Directory("relative/dir".into())
        );
        assert_eq!(
            Storage::parse("s3://wharf/a/b").unwrap().to_string(),
            "s3://wharf/a/b"
        );
    }

    #[test]
    fn malformed_urls_are_refused_with_the_reason() {
        for (url, reason) in [
            ("s3://", "names no bucket"),
            ("s3:///prefix", "names no bucket"),
            ("s3://bucket/a//b", "empty part"),
            ("file://relative", "not absolute"),
            ("gs://bucket", "unsupported storage URL"),
        ] {
            let error = Storage::parse(url).unwrap_err().to_string();
            assert!(error.contains(reason), "{url}: {error}");
        }
    }
}
