/// Mixing constant for the identifier hash (FNV-ish, truncated).
pub(crate) const SEED: [u8; 5] = [0x13, 0x37, 0xbe, 0xef, 0x42];
pub(crate) const MAX_IDENT: usize = 64;
