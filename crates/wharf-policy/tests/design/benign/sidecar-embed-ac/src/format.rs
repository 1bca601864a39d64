//! Executable format sniffing.

/// Container format recognised from the file header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExeFormat {
    Elf,
    Pe,
    MachO,
    /// `#!` script; runnable anywhere with the interpreter.
    Script,
    Unknown,
}

impl ExeFormat {
    /// Identify `bytes` by magic number.
    pub fn detect(bytes: &[u8]) -> Self {
        match bytes {
            [0x7f, b'E', b'L', b'F', ..] => ExeFormat::Elf,
            [b'M', b'Z', ..] => ExeFormat::Pe,
            [0xfe, 0xed, 0xfa, 0xce | 0xcf, ..] | [0xce | 0xcf, 0xfa, 0xed, 0xfe, ..] => ExeFormat::MachO,
            [0xca, 0xfe, 0xba, 0xbe, ..] => ExeFormat::MachO,
            [b'#', b'!', ..] => ExeFormat::Script,
            _ => ExeFormat::Unknown,
        }
    }

    /// The native format of the platform this crate was compiled for.
    pub fn native() -> Self {
        if cfg!(target_os = "windows") {
            ExeFormat::Pe
        } else if cfg!(target_vendor = "apple") {
            ExeFormat::MachO
        } else {
            ExeFormat::Elf
        }
    }

    /// Whether a file of this format can be started on this platform.
    pub fn runnable_here(self) -> bool {
        self == Self::native() || (self == ExeFormat::Script && cfg!(unix))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_magic() {
        assert_eq!(ExeFormat::detect(b"\x7fELF\x02\x01"), ExeFormat::Elf);
        assert_eq!(ExeFormat::detect(b"MZ\x90\x00"), ExeFormat::Pe);
        assert_eq!(ExeFormat::detect(&[0xcf, 0xfa, 0xed, 0xfe]), ExeFormat::MachO);
        assert_eq!(ExeFormat::detect(b"#!/bin/sh\n"), ExeFormat::Script);
        assert_eq!(ExeFormat::detect(b"hello"), ExeFormat::Unknown);
    }
}
