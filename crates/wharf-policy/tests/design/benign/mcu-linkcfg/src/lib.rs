//! Board memory layout helpers.
//!
//! The heavy lifting happens in `build.rs`; at run time this crate only
//! exposes the chosen layout as constants so firmware can sanity-check it.

#![no_std]

/// Path of the generated cargo config (inside this crate's OUT_DIR), if a chip
/// was selected. Handy for printing in an xtask.
pub const GENERATED_CARGO_CONFIG: Option<&str> = option_env!("MCU_LINKCFG_CARGO_CONFIG");

/// A memory region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub origin: u32,
    pub length: u32,
}

impl Region {
    pub const fn end(&self) -> u32 {
        self.origin + self.length
    }
    pub const fn contains(&self, addr: u32) -> bool {
        addr >= self.origin && addr < self.end()
    }
}

extern "C" {
    static _stack_start: u32;
}

/// Address of the initial stack pointer, as placed by link.x.
pub fn stack_start() -> u32 {
    // SAFETY: symbol defined by the generated linker script; only its address is taken.
    unsafe { core::ptr::addr_of!(_stack_start) as u32 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_bounds() {
        let r = Region { origin: 0x2000_0000, length: 0x1_0000 };
        assert!(r.contains(0x2000_0000));
        assert!(!r.contains(0x2001_0000));
    }
}
