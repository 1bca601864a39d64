#![forbid(unsafe_code)]
//! ELF header inspection.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Elf32,
    Elf64,
}

#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    NotElf,
    Truncated,
    BigEndianUnsupported,
}

#[derive(Debug, Clone)]
pub struct Header {
    pub class: Class,
    pub kind: u16,
    pub machine: u16,
    pub entry: u64,
    pub phoff: u64,
    pub phentsize: u16,
    pub phnum: u16,
}

#[derive(Debug, Clone, Copy)]
pub struct ProgramHeader {
    pub p_type: u32,
    pub flags: u32,
    pub offset: u64,
    pub vaddr: u64,
    pub filesz: u64,
    pub memsz: u64,
}

fn u16le(d: &[u8], o: usize) -> Result<u16, Error> {
    Ok(u16::from_le_bytes(d.get(o..o + 2).ok_or(Error::Truncated)?.try_into().unwrap()))
}
fn u32le(d: &[u8], o: usize) -> Result<u32, Error> {
    Ok(u32::from_le_bytes(d.get(o..o + 4).ok_or(Error::Truncated)?.try_into().unwrap()))
}
fn u64le(d: &[u8], o: usize) -> Result<u64, Error> {
    Ok(u64::from_le_bytes(d.get(o..o + 8).ok_or(Error::Truncated)?.try_into().unwrap()))
}

pub fn machine_name(m: u16) -> &'static str {
    match m {
        0x03 => "x86",
        0x28 => "arm",
        0x3e => "x86_64",
        0xb7 => "aarch64",
        0xf3 => "riscv",
        _ => "unknown",
    }
}

pub fn parse_header(d: &[u8]) -> Result<Header, Error> {
    if d.get(..4) != Some(b"\x7fELF") {
        return Err(Error::NotElf);
    }
    let class = match d.get(4) {
        Some(1) => Class::Elf32,
        Some(2) => Class::Elf64,
        _ => return Err(Error::NotElf),
    };
    if d.get(5) != Some(&1) {
        return Err(Error::BigEndianUnsupported);
    }
    let kind = u16le(d, 16)?;
    let machine = u16le(d, 18)?;
    Ok(match class {
        Class::Elf64 => Header { class, kind, machine, entry: u64le(d, 24)?, phoff: u64le(d, 32)?, phentsize: u16le(d, 54)?, phnum: u16le(d, 56)? },
        Class::Elf32 => Header {
            class,
            kind,
            machine,
            entry: u32le(d, 24)? as u64,
            phoff: u32le(d, 28)? as u64,
            phentsize: u16le(d, 42)?,
            phnum: u16le(d, 44)?,
        },
    })
}

pub fn program_headers(d: &[u8], h: &Header) -> Result<Vec<ProgramHeader>, Error> {
    let mut v = Vec::with_capacity(h.phnum as usize);
    for i in 0..h.phnum as usize {
        let o = h.phoff as usize + i * h.phentsize as usize;
        v.push(match h.class {
            Class::Elf64 => ProgramHeader {
                p_type: u32le(d, o)?,
                flags: u32le(d, o + 4)?,
                offset: u64le(d, o + 8)?,
                vaddr: u64le(d, o + 16)?,
                filesz: u64le(d, o + 32)?,
                memsz: u64le(d, o + 40)?,
            },
            Class::Elf32 => ProgramHeader {
                p_type: u32le(d, o)?,
                offset: u32le(d, o + 4)? as u64,
                vaddr: u32le(d, o + 8)? as u64,
                filesz: u32le(d, o + 16)? as u64,
                memsz: u32le(d, o + 20)? as u64,
                flags: u32le(d, o + 24)?,
            },
        });
    }
    Ok(v)
}
