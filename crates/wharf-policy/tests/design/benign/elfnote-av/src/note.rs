//! Note iteration.

use crate::elf::Endian;
use core::fmt;

/// One ELF note.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note<'a> {
    name: &'a [u8],
    desc: &'a [u8],
    kind: u32,
}

impl<'a> Note<'a> {
    /// Owner name without the trailing NUL.
    pub fn name(&self) -> &'a [u8] {
        self.name
    }

    /// Descriptor bytes.
    pub fn desc(&self) -> &'a [u8] {
        self.desc
    }

    /// Note type (`n_type`).
    pub fn kind(&self) -> u32 {
        self.kind
    }
}

/// Iterator over the notes in one note segment or section.
#[derive(Debug, Clone)]
pub struct Notes<'a> {
    data: &'a [u8],
    endian: Endian,
    align: usize,
    pos: usize,
}

impl<'a> Notes<'a> {
    /// Iterate notes in `data`. Alignment 8 is honoured (used by some
    /// toolchains for PT_NOTE with 8-byte-aligned descriptors); anything
    /// else means 4.
    pub fn new(data: &'a [u8], endian: Endian, align: u64) -> Notes<'a> {
        Notes { data, endian, align: if align == 8 { 8 } else { 4 }, pos: 0 }
    }

    fn round(&self, v: usize) -> Option<usize> {
        v.checked_add(self.align - 1).map(|x| x & !(self.align - 1))
    }
}

impl<'a> Iterator for Notes<'a> {
    type Item = Note<'a>;

    fn next(&mut self) -> Option<Note<'a>> {
        let d = self.data;
        let p = self.pos;
        let namesz = self.endian.u32(d, p)? as usize;
        let descsz = self.endian.u32(d, p + 4)? as usize;
        let kind = self.endian.u32(d, p + 8)?;
        let name_start = p + 12;
        let name_end = name_start.checked_add(namesz)?;
        let desc_start = self.round(name_end)?;
        let desc_end = desc_start.checked_add(descsz)?;
        if desc_end > d.len() {
            self.pos = d.len();
            return None;
        }
        let mut name = &d[name_start..name_end];
        if let [rest @ .., 0] = name {
            name = rest;
        }
        self.pos = self.round(desc_end)?;
        Some(Note { name, desc: &d[desc_start..desc_end], kind })
    }
}

/// A GNU build-id, displayed as lowercase hex.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct BuildId<'a>(&'a [u8]);

impl<'a> BuildId<'a> {
    pub(crate) fn new(b: &'a [u8]) -> Self {
        BuildId(b)
    }

    /// Raw bytes (usually 20, SHA-1 style).
    pub fn as_bytes(&self) -> &'a [u8] {
        self.0
    }

    /// Path under a debuginfo directory: `xx/yyyy....debug`.
    #[cfg(feature = "std")]
    pub fn debug_path(&self) -> std::string::String {
        use std::fmt::Write;
        let mut s = std::string::String::new();
        for (i, b) in self.0.iter().enumerate() {
            let _ = write!(s, "{b:02x}");
            if i == 0 {
                s.push('/');
            }
        }
        s.push_str(".debug");
        s
    }

    /// Read the running executable and return its build-id as hex.
    ///
    /// This only reads the file; it is never modified or executed.
    #[cfg(feature = "std")]
    pub fn of_current_exe() -> std::io::Result<Option<std::string::String>> {
        use std::string::ToString;
        let path = std::env::current_exe()?;
        let bytes = std::fs::read(path)?;
        let elf = match crate::Elf::parse(&bytes) {
            Ok(e) => e,
            Err(_) => return Ok(None),
        };
        Ok(elf.build_id().map(|id| id.to_string()))
    }
}

impl fmt::Display for BuildId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for b in self.0 {
            write!(f, "{b:02x}")?;
        }
        Ok(())
    }
}

impl fmt::Debug for BuildId<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BuildId({self})")
    }
}
