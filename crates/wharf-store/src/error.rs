//! The errors a store operation can end in. The server maps each kind to an HTTP status; the text of
//! the user-facing kinds is shown to people as is.

use thiserror::Error;

#[derive(Debug, Error)]
pub enum StoreError {
    /// The thing asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The thing asked for existed but is no longer valid (an expired invitation).
    #[error("{0}")]
    Gone(String),
    /// A rule refused an otherwise valid request (the owner-deletion rule).
    #[error("{0}")]
    Refused(String),
    /// The request clashes with existing state (a taken name, a version already published).
    #[error("{0}")]
    Conflict(String),
    /// The caller may not do this.
    #[error("{0}")]
    Forbidden(String),
    /// The request is well formed but not acceptable.
    #[error("{0}")]
    Invalid(String),
    /// Too many actions of one kind in too short a time.
    #[error("{message}")]
    RateLimited {
        message: String,
        retry_after_secs: u64,
    },
    #[error("database error: {0}")]
    Database(#[from] sqlx::Error),
    #[error("migration error: {0}")]
    Migration(#[from] sqlx::migrate::MigrateError),
    #[error("blob store error: {0}")]
    Blob(#[from] object_store::Error),
    #[error("i/o error: {0}")]
    Io(#[from] std::io::Error),
}

/// A rule's refusal, read inside a transaction, ends it with the refusal's kind and words.
impl From<wharf_policy::access::Refusal> for StoreError {
    fn from(refusal: wharf_policy::access::Refusal) -> StoreError {
        use wharf_policy::access::RefusalKind;
        match refusal.kind {
            RefusalKind::Forbidden => StoreError::Forbidden(refusal.message),
            RefusalKind::Conflict => StoreError::Conflict(refusal.message),
            RefusalKind::Invalid => StoreError::Invalid(refusal.message),
            RefusalKind::NotFound => StoreError::NotFound(refusal.message),
            RefusalKind::Gone => StoreError::Gone(refusal.message),
            RefusalKind::Refused => StoreError::Refused(refusal.message),
        }
    }
}

impl StoreError {
    /// Whether the database refused a write because of a unique constraint, which is how racing
    /// writers learn that someone else won.
    pub fn is_unique_violation(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(e)) if e.is_unique_violation())
    }

    /// Whether PostgreSQL refused text holding a NUL character ("invalid byte sequence" in a text
    /// column, "unsupported Unicode escape" in JSON), which only a caller's input can carry.
    pub fn is_nul_in_text(&self) -> bool {
        matches!(self, StoreError::Database(sqlx::Error::Database(e))
            if matches!(e.code().as_deref(), Some("22021" | "22P05")))
    }
}
