//! Raw bindings to libhnswlite plus a minimal safe wrapper.
//!
//! The C API (`hnswlite.h`, 0.8):
//!
//! ```c
//! hnsw_index *hnsw_new(uint32_t dim, int metric, uint32_t m, uint32_t ef_construction,
//!                      uint64_t max_elements, uint64_t seed);
//! int  hnsw_add(hnsw_index *, uint64_t label, const float *vec);
//! int  hnsw_mark_deleted(hnsw_index *, uint64_t label);
//! int  hnsw_search(const hnsw_index *, const float *q, uint32_t k,
//!                  uint64_t *labels, float *distances, uint32_t *found);
//! void hnsw_set_ef(hnsw_index *, uint32_t ef);
//! uint64_t hnsw_count(const hnsw_index *);
//! int  hnsw_resize(hnsw_index *, uint64_t max_elements);
//! int  hnsw_save(const hnsw_index *, const char *path);
//! hnsw_index *hnsw_load(const char *path, int metric, uint32_t dim);
//! void hnsw_free(hnsw_index *);
//! const char *hnsw_last_error(void);
//! const char *hnsw_version(void);
//! ```

#![allow(non_camel_case_types)]

use std::ffi::{CStr, CString};
use std::fmt;
use std::os::raw::{c_char, c_int};
use std::path::Path;
use std::ptr::NonNull;

#[repr(C)]
pub struct hnsw_index {
    _private: [u8; 0],
}

pub const HNSW_METRIC_L2: c_int = 0;
pub const HNSW_METRIC_IP: c_int = 1;
pub const HNSW_METRIC_COSINE: c_int = 2;

pub const HNSW_OK: c_int = 0;
pub const HNSW_ERR_FULL: c_int = -1;
pub const HNSW_ERR_DIM: c_int = -2;
pub const HNSW_ERR_LABEL: c_int = -3;
pub const HNSW_ERR_IO: c_int = -4;
pub const HNSW_ERR_NOMEM: c_int = -5;

extern "C" {
    pub fn hnsw_new(
        dim: u32,
        metric: c_int,
        m: u32,
        ef_construction: u32,
        max_elements: u64,
        seed: u64,
    ) -> *mut hnsw_index;
    pub fn hnsw_add(idx: *mut hnsw_index, label: u64, vec: *const f32) -> c_int;
    pub fn hnsw_mark_deleted(idx: *mut hnsw_index, label: u64) -> c_int;
    pub fn hnsw_search(
        idx: *const hnsw_index,
        q: *const f32,
        k: u32,
        labels: *mut u64,
        distances: *mut f32,
        found: *mut u32,
    ) -> c_int;
    pub fn hnsw_set_ef(idx: *mut hnsw_index, ef: u32);
    pub fn hnsw_count(idx: *const hnsw_index) -> u64;
    pub fn hnsw_resize(idx: *mut hnsw_index, max_elements: u64) -> c_int;
    pub fn hnsw_save(idx: *const hnsw_index, path: *const c_char) -> c_int;
    pub fn hnsw_load(path: *const c_char, metric: c_int, dim: u32) -> *mut hnsw_index;
    pub fn hnsw_free(idx: *mut hnsw_index);
    pub fn hnsw_last_error() -> *const c_char;
    pub fn hnsw_version() -> *const c_char;
}

// ---------------------------------------------------------------------------------------------
// Safe wrapper

/// Distance metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    L2,
    InnerProduct,
    Cosine,
}

impl Metric {
    fn raw(self) -> c_int {
        match self {
            Metric::L2 => HNSW_METRIC_L2,
            Metric::InnerProduct => HNSW_METRIC_IP,
            Metric::Cosine => HNSW_METRIC_COSINE,
        }
    }
}

/// Error returned by the wrapper.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Error {
    Full,
    Dimension { expected: usize, got: usize },
    UnknownLabel(u64),
    Io(String),
    OutOfMemory,
    Other(c_int, String),
    InvalidPath,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Full => f.write_str("index is full (call resize)"),
            Error::Dimension { expected, got } => write!(f, "vector has {got} dims, index expects {expected}"),
            Error::UnknownLabel(l) => write!(f, "unknown label {l}"),
            Error::Io(m) => write!(f, "I/O error: {m}"),
            Error::OutOfMemory => f.write_str("out of memory"),
            Error::Other(c, m) => write!(f, "libhnswlite error {c}: {m}"),
            Error::InvalidPath => f.write_str("path contains NUL or is not UTF-8"),
        }
    }
}

impl std::error::Error for Error {}

fn last_error() -> String {
    // SAFETY: returns a pointer to a thread-local, NUL-terminated buffer or NULL.
    unsafe {
        let p = hnsw_last_error();
        if p.is_null() {
            String::new()
        } else {
            CStr::from_ptr(p).to_string_lossy().into_owned()
        }
    }
}

fn check(rc: c_int, label: u64) -> Result<(), Error> {
    match rc {
        HNSW_OK => Ok(()),
        HNSW_ERR_FULL => Err(Error::Full),
        HNSW_ERR_LABEL => Err(Error::UnknownLabel(label)),
        HNSW_ERR_IO => Err(Error::Io(last_error())),
        HNSW_ERR_NOMEM => Err(Error::OutOfMemory),
        other => Err(Error::Other(other, last_error())),
    }
}

/// Version string of the linked native library.
pub fn native_version() -> String {
    // SAFETY: static NUL-terminated string.
    unsafe { CStr::from_ptr(hnsw_version()).to_string_lossy().into_owned() }
}

/// Construction parameters.
#[derive(Debug, Clone, Copy)]
pub struct Params {
    pub m: u32,
    pub ef_construction: u32,
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params { m: 16, ef_construction: 200, seed: 100 }
    }
}

/// One search hit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    pub label: u64,
    pub distance: f32,
}

/// An owned HNSW index.
pub struct Index {
    raw: NonNull<hnsw_index>,
    dim: usize,
    metric: Metric,
}

// SAFETY: libhnswlite indexes are internally synchronised for concurrent search and add.
unsafe impl Send for Index {}
unsafe impl Sync for Index {}

impl Index {
    pub fn new(dim: usize, metric: Metric, max_elements: u64) -> Result<Index, Error> {
        Self::with_params(dim, metric, max_elements, Params::default())
    }

    pub fn with_params(dim: usize, metric: Metric, max_elements: u64, p: Params) -> Result<Index, Error> {
        if dim == 0 || dim > u32::MAX as usize {
            return Err(Error::Dimension { expected: 1, got: dim });
        }
        // SAFETY: plain constructor; NULL signals failure.
        let raw = unsafe { hnsw_new(dim as u32, metric.raw(), p.m, p.ef_construction, max_elements, p.seed) };
        NonNull::new(raw)
            .map(|raw| Index { raw, dim, metric })
            .ok_or_else(|| Error::Other(-99, last_error()))
    }

    pub fn load<P: AsRef<Path>>(path: P, metric: Metric, dim: usize) -> Result<Index, Error> {
        let c = path_cstr(path.as_ref())?;
        // SAFETY: valid C string; NULL signals failure.
        let raw = unsafe { hnsw_load(c.as_ptr(), metric.raw(), dim as u32) };
        NonNull::new(raw)
            .map(|raw| Index { raw, dim, metric })
            .ok_or_else(|| Error::Io(last_error()))
    }

    pub fn dim(&self) -> usize {
        self.dim
    }

    pub fn metric(&self) -> Metric {
        self.metric
    }

    pub fn len(&self) -> u64 {
        // SAFETY: valid index pointer.
        unsafe { hnsw_count(self.raw.as_ptr()) }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn check_dim(&self, v: &[f32]) -> Result<(), Error> {
        if v.len() != self.dim {
            Err(Error::Dimension { expected: self.dim, got: v.len() })
        } else {
            Ok(())
        }
    }

    pub fn add(&mut self, label: u64, v: &[f32]) -> Result<(), Error> {
        self.check_dim(v)?;
        // SAFETY: v has exactly dim elements.
        check(unsafe { hnsw_add(self.raw.as_ptr(), label, v.as_ptr()) }, label)
    }

    pub fn remove(&mut self, label: u64) -> Result<(), Error> {
        // SAFETY: valid index pointer.
        check(unsafe { hnsw_mark_deleted(self.raw.as_ptr(), label) }, label)
    }

    pub fn set_ef(&mut self, ef: u32) {
        // SAFETY: valid index pointer.
        unsafe { hnsw_set_ef(self.raw.as_ptr(), ef) }
    }

    pub fn resize(&mut self, max_elements: u64) -> Result<(), Error> {
        // SAFETY: valid index pointer.
        check(unsafe { hnsw_resize(self.raw.as_ptr(), max_elements) }, 0)
    }

    pub fn search(&self, q: &[f32], k: usize) -> Result<Vec<Hit>, Error> {
        self.check_dim(q)?;
        let k = k.min(u32::MAX as usize);
        let mut labels = vec![0u64; k];
        let mut dists = vec![0f32; k];
        let mut found: u32 = 0;
        // SAFETY: output buffers have room for k results.
        let rc = unsafe {
            hnsw_search(
                self.raw.as_ptr(),
                q.as_ptr(),
                k as u32,
                labels.as_mut_ptr(),
                dists.as_mut_ptr(),
                &mut found,
            )
        };
        check(rc, 0)?;
        Ok(labels
            .into_iter()
            .zip(dists)
            .take(found as usize)
            .map(|(label, distance)| Hit { label, distance })
            .collect())
    }

    pub fn save<P: AsRef<Path>>(&self, path: P) -> Result<(), Error> {
        let c = path_cstr(path.as_ref())?;
        // SAFETY: valid index and C string.
        check(unsafe { hnsw_save(self.raw.as_ptr(), c.as_ptr()) }, 0)
    }
}

impl Drop for Index {
    fn drop(&mut self) {
        // SAFETY: we own the pointer.
        unsafe { hnsw_free(self.raw.as_ptr()) }
    }
}

impl fmt::Debug for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Index")
            .field("dim", &self.dim)
            .field("metric", &self.metric)
            .field("len", &self.len())
            .finish()
    }
}

fn path_cstr(p: &Path) -> Result<CString, Error> {
    let s = p.to_str().ok_or(Error::InvalidPath)?;
    CString::new(s).map_err(|_| Error::InvalidPath)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_codes() {
        assert_eq!(Metric::Cosine.raw(), HNSW_METRIC_COSINE);
        assert_eq!(Metric::L2.raw(), 0);
    }

    #[test]
    fn error_display() {
        let e = Error::Dimension { expected: 3, got: 2 };
        assert_eq!(e.to_string(), "vector has 2 dims, index expects 3");
    }
}
