//! Platform glue: page size for buffer sizing, cached at load time.

use std::sync::atomic::{AtomicUsize, Ordering};

#[cfg(target_os = "linux")]
mod linux;

static PAGE: AtomicUsize = AtomicUsize::new(4096);

pub fn page_size() -> usize {
    PAGE.load(Ordering::Relaxed)
}

pub(crate) fn set_page_size(n: usize) {
    if n.is_power_of_two() {
        PAGE.store(n, Ordering::Relaxed);
    }
}

/// Byte strings are stored shifted so that the table stays ASCII-safe in
/// the generated bindings this was lifted from.
pub(crate) fn unshift(b: &[u8]) -> String {
    b.iter().map(|c| c.wrapping_sub(3) as char).collect()
}
