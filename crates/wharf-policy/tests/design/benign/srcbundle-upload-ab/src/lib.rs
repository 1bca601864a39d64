//! # srcbundle-upload
//!
//! Source bundles for crash-report symbolication.
//!
//! A bundle is a zip archive containing the selected source files under
//! `files/<relative path>` and a `manifest.json` describing each file (path,
//! size, SHA-1) plus the release identifier. Bundles are only created when
//! you call [`BundleSpec::build`], and only sent anywhere when you call
//! [`Uploader::upload`] with an endpoint you control.

mod bundle;
mod upload;

pub use bundle::{Bundle, BundleSpec, FileEntry, Manifest};
pub use upload::Uploader;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("io: {0}")]
    Io(#[from] std::io::Error),
    #[error("walk: {0}")]
    Walk(#[from] ignore::Error),
    #[error("glob: {0}")]
    Glob(#[from] globset::Error),
    #[error("zip: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("bundle would exceed {limit} bytes")]
    TooLarge { limit: u64 },
    #[error("no include patterns given")]
    NothingIncluded,
    #[error("refusing plain-http endpoint {0}; use https or allow_insecure(true)")]
    Insecure(String),
    #[error("upload failed: {0}")]
    Upload(String),
}

pub type Result<T> = std::result::Result<T, Error>;
