//! Raw FFI bindings to libannoyidx 1.17 and a small safe builder/query wrapper.
//!
//! Lifecycle: create an index, add items, `build` it with N trees (after which it is
//! read-only), then query — or `save`/`load` a built index (memory-mapped on load).

#![allow(non_camel_case_types)]

use std::ffi::{CStr, CString};
use std::fmt;
use std::os::raw::{c_char, c_int};
use std::path::Path;
use std::ptr::NonNull;

#[repr(C)]
pub struct annoy_index {
    _opaque: [u8; 0],
}

pub const ANNOY_ANGULAR: c_int = 0;
pub const ANNOY_EUCLIDEAN: c_int = 1;
pub const ANNOY_MANHATTAN: c_int = 2;
pub const ANNOY_DOT: c_int = 3;
pub const ANNOY_HAMMING: c_int = 4;

extern "C" {
    pub fn annoy_new(f: c_int, metric: c_int) -> *mut annoy_index;
    pub fn annoy_free(idx: *mut annoy_index);
    pub fn annoy_add_item(idx: *mut annoy_index, item: i32, w: *const f32, err: *mut *mut c_char) -> c_int;
    pub fn annoy_build(idx: *mut annoy_index, n_trees: c_int, n_threads: c_int, err: *mut *mut c_char) -> c_int;
    pub fn annoy_unbuild(idx: *mut annoy_index, err: *mut *mut c_char) -> c_int;
    pub fn annoy_save(idx: *mut annoy_index, path: *const c_char, prefault: c_int, err: *mut *mut c_char) -> c_int;
    pub fn annoy_load(idx: *mut annoy_index, path: *const c_char, prefault: c_int, err: *mut *mut c_char) -> c_int;
    pub fn annoy_unload(idx: *mut annoy_index);
    pub fn annoy_set_seed(idx: *mut annoy_index, seed: u64);
    pub fn annoy_get_n_items(idx: *const annoy_index) -> i32;
    pub fn annoy_get_n_trees(idx: *const annoy_index) -> i32;
    pub fn annoy_get_distance(idx: *const annoy_index, i: i32, j: i32) -> f32;
    pub fn annoy_get_item(idx: *const annoy_index, item: i32, out: *mut f32);
    pub fn annoy_get_nns_by_item(
        idx: *const annoy_index,
        item: i32,
        n: usize,
        search_k: c_int,
        out_items: *mut i32,
        out_dists: *mut f32,
    ) -> usize;
    pub fn annoy_get_nns_by_vector(
        idx: *const annoy_index,
        w: *const f32,
        n: usize,
        search_k: c_int,
        out_items: *mut i32,
        out_dists: *mut f32,
    ) -> usize;
    pub fn annoy_free_error(err: *mut c_char);
}

/// Distance metric.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    Angular,
    Euclidean,
    Manhattan,
    Dot,
}

impl Metric {
    fn raw(self) -> c_int {
        match self {
            Metric::Angular => ANNOY_ANGULAR,
            Metric::Euclidean => ANNOY_EUCLIDEAN,
            Metric::Manhattan => ANNOY_MANHATTAN,
            Metric::Dot => ANNOY_DOT,
        }
    }
}

/// Error reported by libannoyidx (message copied out of the C-owned buffer).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(pub String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

fn take_error(p: *mut c_char) -> Error {
    if p.is_null() {
        return Error("unknown libannoyidx error".into());
    }
    // SAFETY: non-null, NUL-terminated, allocated by the library; we free it right after copying.
    let msg = unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned();
    unsafe { annoy_free_error(p) };
    Error(msg)
}

fn call<F: FnOnce(*mut *mut c_char) -> c_int>(f: F) -> Result<(), Error> {
    let mut err: *mut c_char = std::ptr::null_mut();
    if f(&mut err) != 0 {
        Ok(())
    } else {
        Err(take_error(err))
    }
}

fn cpath(p: &Path) -> Result<CString, Error> {
    let s = p.to_str().ok_or_else(|| Error("path is not UTF-8".into()))?;
    CString::new(s).map_err(|_| Error("path contains NUL".into()))
}

/// An index under construction.
pub struct Builder {
    raw: NonNull<annoy_index>,
    dim: usize,
}

/// A built, read-only index.
pub struct Index {
    raw: NonNull<annoy_index>,
    dim: usize,
}

// SAFETY: built indexes are immutable and safe to query concurrently; the builder is only
// moved between threads, never shared.
unsafe impl Send for Builder {}
unsafe impl Send for Index {}
unsafe impl Sync for Index {}

fn new_raw(dim: usize, metric: Metric) -> Result<NonNull<annoy_index>, Error> {
    if dim == 0 || dim > i32::MAX as usize {
        return Err(Error(format!("invalid dimension {dim}")));
    }
    // SAFETY: constructor; NULL on allocation failure.
    NonNull::new(unsafe { annoy_new(dim as c_int, metric.raw()) }).ok_or_else(|| Error("allocation failed".into()))
}

impl Builder {
    pub fn new(dim: usize, metric: Metric) -> Result<Builder, Error> {
        Ok(Builder { raw: new_raw(dim, metric)?, dim })
    }

    pub fn seed(&mut self, seed: u64) -> &mut Self {
        // SAFETY: valid pointer.
        unsafe { annoy_set_seed(self.raw.as_ptr(), seed) };
        self
    }

    pub fn add(&mut self, item: i32, v: &[f32]) -> Result<(), Error> {
        if v.len() != self.dim {
            return Err(Error(format!("expected {} dims, got {}", self.dim, v.len())));
        }
        // SAFETY: v has dim elements.
        call(|e| unsafe { annoy_add_item(self.raw.as_ptr(), item, v.as_ptr(), e) })
    }

    /// Build `n_trees` trees using `n_threads` threads (-1 = all cores).
    pub fn build(self, n_trees: i32, n_threads: i32) -> Result<Index, Error> {
        let raw = self.raw;
        let dim = self.dim;
        std::mem::forget(self);
        // SAFETY: valid pointer we now own.
        match call(|e| unsafe { annoy_build(raw.as_ptr(), n_trees, n_threads, e) }) {
            Ok(()) => Ok(Index { raw, dim }),
            Err(err) => {
                unsafe { annoy_free(raw.as_ptr()) };
                Err(err)
            }
        }
    }
}

impl Drop for Builder {
    fn drop(&mut self) {
        // SAFETY: owned pointer.
        unsafe { annoy_free(self.raw.as_ptr()) }
    }
}

impl Index {
    pub fn load<P: AsRef<Path>>(path: P, dim: usize, metric: Metric, prefault: bool) -> Result<Index, Error> {
        let raw = new_raw(dim, metric)?;
        let c = cpath(path.as_ref())?;
        // SAFETY: valid pointers.
        match call(|e| unsafe { annoy_load(raw.as_ptr(), c.as_ptr(), prefault as c_int, e) }) {
            Ok(()) => Ok(Index { raw, dim }),
            Err(err) => {
                unsafe { annoy_free(raw.as_ptr()) };
                Err(err)
            }
        }
    }

    pub fn save<P: AsRef<Path>>(&self, path: P) -> Result<(), Error> {
        let c = cpath(path.as_ref())?;
        // SAFETY: valid pointers.
        call(|e| unsafe { annoy_save(self.raw.as_ptr(), c.as_ptr(), 0, e) })
    }

    pub fn len(&self) -> usize {
        // SAFETY: valid pointer.
        unsafe { annoy_get_n_items(self.raw.as_ptr()) }.max(0) as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn trees(&self) -> usize {
        // SAFETY: valid pointer.
        unsafe { annoy_get_n_trees(self.raw.as_ptr()) }.max(0) as usize
    }

    pub fn item(&self, item: i32) -> Vec<f32> {
        let mut v = vec![0f32; self.dim];
        // SAFETY: buffer has dim elements.
        unsafe { annoy_get_item(self.raw.as_ptr(), item, v.as_mut_ptr()) };
        v
    }

    pub fn distance(&self, i: i32, j: i32) -> f32 {
        // SAFETY: valid pointer.
        unsafe { annoy_get_distance(self.raw.as_ptr(), i, j) }
    }

    /// `n` nearest neighbours of vector `v`; `search_k` = -1 uses the default effort.
    pub fn nearest(&self, v: &[f32], n: usize, search_k: i32) -> Result<Vec<(i32, f32)>, Error> {
        if v.len() != self.dim {
            return Err(Error(format!("expected {} dims, got {}", self.dim, v.len())));
        }
        let mut items = vec![0i32; n];
        let mut dists = vec![0f32; n];
        // SAFETY: output buffers have n slots.
        let got = unsafe {
            annoy_get_nns_by_vector(self.raw.as_ptr(), v.as_ptr(), n, search_k, items.as_mut_ptr(), dists.as_mut_ptr())
        };
        Ok(items.into_iter().zip(dists).take(got.min(n)).collect())
    }

    /// `n` nearest neighbours of an indexed item.
    pub fn nearest_to_item(&self, item: i32, n: usize, search_k: i32) -> Vec<(i32, f32)> {
        let mut items = vec![0i32; n];
        let mut dists = vec![0f32; n];
        // SAFETY: output buffers have n slots.
        let got = unsafe {
            annoy_get_nns_by_item(self.raw.as_ptr(), item, n, search_k, items.as_mut_ptr(), dists.as_mut_ptr())
        };
        items.into_iter().zip(dists).take(got.min(n)).collect()
    }
}

impl Drop for Index {
    fn drop(&mut self) {
        // SAFETY: owned pointer.
        unsafe {
            annoy_unload(self.raw.as_ptr());
            annoy_free(self.raw.as_ptr());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metric_codes_match_header() {
        assert_eq!(Metric::Angular.raw(), 0);
        assert_eq!(Metric::Dot.raw(), 3);
    }
}
