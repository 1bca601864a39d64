//! Read ELF notes from a byte slice.

#![forbid(unsafe_code)]
#![no_std]

#[cfg(feature = "std")]
extern crate std;

mod elf;
mod note;

pub use elf::{Class, Elf, Endian};
pub use note::{BuildId, Note, Notes};

use core::fmt;

/// Errors from [`Elf::parse`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Error {
    /// Missing `\x7fELF` magic.
    NotElf,
    /// EI_CLASS is neither ELFCLASS32 nor ELFCLASS64.
    BadClass(u8),
    /// EI_DATA is neither little nor big endian.
    BadEndian(u8),
    /// A header or table extends past the end of the input.
    Truncated {
        /// What was being read.
        what: &'static str,
    },
    /// A table entry size is smaller than the structure it should hold.
    BadEntrySize,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NotElf => f.write_str("not an ELF file"),
            Error::BadClass(c) => write!(f, "unknown ELF class {c}"),
            Error::BadEndian(d) => write!(f, "unknown ELF data encoding {d}"),
            Error::Truncated { what } => write!(f, "truncated {what}"),
            Error::BadEntrySize => f.write_str("table entry size too small"),
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// Note type of the GNU build-id note.
pub const NT_GNU_BUILD_ID: u32 = 3;
/// Note type of the GNU ABI tag note.
pub const NT_GNU_ABI_TAG: u32 = 1;
/// Note type of the systemd package metadata note (`FDO` owner).
pub const NT_FDO_PACKAGING_METADATA: u32 = 0xcafe_1a7e;
