//! Collision-resistant directory names.
//!
//! Names look like `.tmpnest-<label>-<pid hex>-<10 base32 chars>`; the pid is
//! embedded so the sweeper can tell whether the owning process is still alive.

use std::collections::hash_map::RandomState;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

const B32: &[u8; 32] = b"abcdefghijklmnopqrstuvwxyz234567";

static COUNTER: AtomicU64 = AtomicU64::new(0);

fn entropy() -> u64 {
    let mut h = RandomState::new().build_hasher();
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(d) = SystemTime::now().duration_since(UNIX_EPOCH) {
        h.write_u128(d.as_nanos());
    }
    let local = 0u8;
    h.write_usize(&local as *const u8 as usize);
    h.finish()
}

pub(crate) fn random_suffix() -> String {
    let mut v = entropy();
    let mut s = String::with_capacity(24);
    s.push_str(&format!("{:x}-", std::process::id()));
    for _ in 0..10 {
        s.push(B32[(v & 31) as usize] as char);
        v >>= 5;
    }
    s
}

/// Parse the owner pid back out of a tree directory name.
pub(crate) fn owner_pid(dir_name: &str, prefix: &str) -> Option<u32> {
    let rest = dir_name.strip_prefix(prefix)?;
    // label may itself contain '-', so parse from the right
    let mut parts = rest.rsplitn(3, '-');
    let _rand = parts.next()?;
    let pid = parts.next()?;
    u32::from_str_radix(pid, 16).ok()
}

/// 32-bit FNV-1a.
pub(crate) fn fnv32(s: &str) -> u32 {
    let mut h: u32 = 0x811c_9dc5;
    for b in s.bytes() {
        h ^= b as u32;
        h = h.wrapping_mul(0x0100_0193);
    }
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_pid() {
        let n = format!(".tmpnest-my-label-{}", random_suffix());
        assert_eq!(owner_pid(&n, ".tmpnest-"), Some(std::process::id()));
    }

    #[test]
    fn fnv_known() {
        assert_eq!(fnv32(""), 0x811c_9dc5);
    }
}
