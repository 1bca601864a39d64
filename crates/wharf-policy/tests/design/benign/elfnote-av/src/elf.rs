//! ELF header, program header and section header parsing.

use crate::note::{BuildId, Notes};
use crate::{Error, NT_GNU_BUILD_ID};

const PT_NOTE: u32 = 4;
const SHT_NOTE: u32 = 7;

/// 32- or 64-bit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    /// ELFCLASS32.
    Elf32,
    /// ELFCLASS64.
    Elf64,
}

/// Byte order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Endian {
    /// ELFDATA2LSB.
    Little,
    /// ELFDATA2MSB.
    Big,
}

impl Endian {
    pub(crate) fn u16(self, b: &[u8], off: usize) -> Option<u16> {
        let a: [u8; 2] = b.get(off..off + 2)?.try_into().ok()?;
        Some(match self {
            Endian::Little => u16::from_le_bytes(a),
            Endian::Big => u16::from_be_bytes(a),
        })
    }

    pub(crate) fn u32(self, b: &[u8], off: usize) -> Option<u32> {
        let a: [u8; 4] = b.get(off..off + 4)?.try_into().ok()?;
        Some(match self {
            Endian::Little => u32::from_le_bytes(a),
            Endian::Big => u32::from_be_bytes(a),
        })
    }

    pub(crate) fn u64(self, b: &[u8], off: usize) -> Option<u64> {
        let a: [u8; 8] = b.get(off..off + 8)?.try_into().ok()?;
        Some(match self {
            Endian::Little => u64::from_le_bytes(a),
            Endian::Big => u64::from_be_bytes(a),
        })
    }
}

/// A parsed ELF file (headers only; data stays in the borrowed slice).
#[derive(Debug, Clone, Copy)]
pub struct Elf<'a> {
    data: &'a [u8],
    class: Class,
    endian: Endian,
    e_type: u16,
    machine: u16,
    phoff: u64,
    phentsize: u16,
    phnum: u16,
    shoff: u64,
    shentsize: u16,
    shnum: u16,
}

impl<'a> Elf<'a> {
    /// Parse the ELF header of `data`.
    pub fn parse(data: &'a [u8]) -> Result<Elf<'a>, Error> {
        if data.len() < 16 || &data[..4] != b"\x7fELF" {
            return Err(Error::NotElf);
        }
        let class = match data[4] {
            1 => Class::Elf32,
            2 => Class::Elf64,
            c => return Err(Error::BadClass(c)),
        };
        let endian = match data[5] {
            1 => Endian::Little,
            2 => Endian::Big,
            d => return Err(Error::BadEndian(d)),
        };
        let t = Error::Truncated { what: "ELF header" };
        let e = endian;
        let (phoff, shoff, rest) = match class {
            Class::Elf64 => (e.u64(data, 32).ok_or(t)?, e.u64(data, 40).ok_or(t)?, 48 + 6),
            Class::Elf32 => (e.u32(data, 28).ok_or(t)? as u64, e.u32(data, 32).ok_or(t)? as u64, 36 + 6),
        };
        let elf = Elf {
            data,
            class,
            endian,
            e_type: e.u16(data, 16).ok_or(t)?,
            machine: e.u16(data, 18).ok_or(t)?,
            phoff,
            phentsize: e.u16(data, rest).ok_or(t)?,
            phnum: e.u16(data, rest + 2).ok_or(t)?,
            shoff,
            shentsize: e.u16(data, rest + 4).ok_or(t)?,
            shnum: e.u16(data, rest + 6).ok_or(t)?,
        };
        let (min_ph, min_sh) = match class {
            Class::Elf64 => (56, 64),
            Class::Elf32 => (32, 40),
        };
        if (elf.phnum > 0 && (elf.phentsize as usize) < min_ph)
            || (elf.shnum > 0 && (elf.shentsize as usize) < min_sh)
        {
            return Err(Error::BadEntrySize);
        }
        Ok(elf)
    }

    /// 32- or 64-bit.
    pub fn class(&self) -> Class {
        self.class
    }

    /// Byte order.
    pub fn endian(&self) -> Endian {
        self.endian
    }

    /// `e_type` (1 = relocatable, 2 = executable, 3 = shared object, 4 = core).
    pub fn file_type(&self) -> u16 {
        self.e_type
    }

    /// `e_machine` (62 = x86-64, 183 = AArch64, ...).
    pub fn machine(&self) -> u16 {
        self.machine
    }

    /// The underlying bytes.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// `(offset, size, align)` of every PT_NOTE segment that lies inside the input.
    fn note_segments(&self) -> impl Iterator<Item = (usize, usize, u64)> + 'a {
        let me = *self;
        (0..self.phnum as u64).filter_map(move |i| {
            let base = me.phoff.checked_add(i * me.phentsize as u64)? as usize;
            let e = me.endian;
            let d = me.data;
            if e.u32(d, base)? != PT_NOTE {
                return None;
            }
            let (off, size, align) = match me.class {
                Class::Elf64 => (e.u64(d, base + 8)?, e.u64(d, base + 32)?, e.u64(d, base + 48)?),
                Class::Elf32 => (
                    e.u32(d, base + 4)? as u64,
                    e.u32(d, base + 16)? as u64,
                    e.u32(d, base + 28)? as u64,
                ),
            };
            let end = off.checked_add(size)?;
            (end <= d.len() as u64).then_some((off as usize, size as usize, align))
        })
    }

    /// `(offset, size, align)` of every SHT_NOTE section inside the input.
    fn note_sections(&self) -> impl Iterator<Item = (usize, usize, u64)> + 'a {
        let me = *self;
        (0..self.shnum as u64).filter_map(move |i| {
            let base = me.shoff.checked_add(i * me.shentsize as u64)? as usize;
            let e = me.endian;
            let d = me.data;
            if e.u32(d, base + 4)? != SHT_NOTE {
                return None;
            }
            let (off, size, align) = match me.class {
                Class::Elf64 => (e.u64(d, base + 24)?, e.u64(d, base + 32)?, e.u64(d, base + 48)?),
                Class::Elf32 => (
                    e.u32(d, base + 16)? as u64,
                    e.u32(d, base + 20)? as u64,
                    e.u32(d, base + 32)? as u64,
                ),
            };
            let end = off.checked_add(size)?;
            (end <= d.len() as u64).then_some((off as usize, size as usize, align))
        })
    }

    /// Iterate over all notes: from PT_NOTE segments if there are any,
    /// otherwise from SHT_NOTE sections.
    pub fn notes(&self) -> impl Iterator<Item = crate::Note<'a>> + 'a {
        let endian = self.endian;
        let data = self.data;
        let use_segments = self.note_segments().next().is_some();
        let segs = self.note_segments().filter(move |_| use_segments);
        let secs = self.note_sections().filter(move |_| !use_segments);
        segs.chain(secs)
            .flat_map(move |(off, size, align)| Notes::new(&data[off..off + size], endian, align))
    }

    /// The GNU build-id, if present.
    pub fn build_id(&self) -> Option<BuildId<'a>> {
        self.notes()
            .find(|n| n.name() == b"GNU" && n.kind() == NT_GNU_BUILD_ID)
            .map(|n| BuildId::new(n.desc()))
    }
}
