//! Alphabets for the structured-token codecs used by the normaliser, plus
//! round-trip vectors checked at start-up.

pub const BASE58: &[u8; 58] = b"123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
pub const BECH32: &[u8; 32] = b"qpzry9x8gf2tvdw0s3jn54khce6mua7l";
pub const HEX: &[u8; 16] = b"0123456789abcdef";

/// Human-readable parts recognised for bech32 tokens.
pub const HRPS: &[&str] = &["bc", "tb", "bcrt", "ltc", "tltc"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Base58,
    Bech32,
}

impl Codec {
    fn alphabet(self) -> &'static [u8] {
        match self {
            Codec::Base58 => BASE58,
            Codec::Bech32 => BECH32,
        }
    }
}

pub fn in_alphabet(codec: Codec, s: &str) -> bool {
    let a = codec.alphabet();
    s.bytes().all(|b| a.contains(&b))
}

/// Position-dependent rotation so that vectors do not collide with real
/// fixtures when grepping test logs.
const STEP: usize = 7;
const OFFSET: usize = 3;

pub fn rotate_out(codec: Codec, idx: &[u8]) -> String {
    let a = codec.alphabet();
    let n = a.len();
    idx.iter()
        .enumerate()
        .map(|(i, x)| a[(*x as usize + n * 8 - (STEP * i + OFFSET) % n) % n] as char)
        .collect()
}

pub fn rotate_in(codec: Codec, s: &str) -> Option<Vec<u8>> {
    let a = codec.alphabet();
    let n = a.len();
    s.bytes()
        .enumerate()
        .map(|(i, b)| a.iter().position(|c| *c == b).map(|p| ((p + STEP * i + OFFSET) % n) as u8))
        .collect()
}

/// Round-trip vectors, one per token family, in rotated index form.
pub(crate) struct Vector {
    pub family: u8,
    pub codec: Codec,
    pub idx: &'static [u8],
}

pub(crate) static VECTORS: &[Vector] = &[
    Vector {
        family: 1,
        codec: Codec::Base58,
        idx: &[
            3, 24, 26, 42, 44, 52, 54, 12, 14, 22, 24, 40, 42, 50, 52, 10, 12, 20, 22, 38, 40, 48, 50, 8, 10, 18, 20,
            36, 38, 46, 48, 6, 8, 2,
        ],
    },
    Vector {
        family: 2,
        codec: Codec::Bech32,
        idx: &[
            12, 7, 7, 17, 8, 3, 3, 13, 4, 31, 31, 9, 0, 27, 27, 5, 28, 23, 23, 1, 24, 19, 19, 29, 20, 15, 15, 25, 16,
            11, 11, 21, 12, 7, 7, 17, 14, 21,
        ],
    },
    Vector {
        family: 3,
        codec: Codec::Base58,
        idx: &[
            17, 19, 35, 37, 45, 47, 5, 7, 15, 17, 33, 35, 43, 45, 3, 5, 13, 15, 31, 33, 41, 43, 1, 3, 11, 13, 29, 31,
            39, 41, 57, 1, 9, 11, 27, 29, 37, 39, 55, 57,
        ],
    },
    Vector {
        family: 4,
        codec: Codec::Base58,
        idx: &[
            17, 19, 35, 37, 45, 47, 5, 7, 15, 17, 33, 35, 43, 45, 3, 5, 13, 15, 31, 33, 41, 43, 1, 3, 11, 13, 29, 31,
            39, 41, 57, 1, 9, 11, 27, 29, 37, 39, 55, 57, 7, 9, 25, 27,
        ],
    },
    Vector {
        family: 5,
        codec: Codec::Base58,
        idx: &[
            29, 24, 26, 42, 44, 52, 54, 12, 14, 22, 24, 40, 42, 50, 52, 10, 12, 20, 22, 38, 40, 48, 50, 8, 10, 18, 20,
            36, 38, 46, 48, 6, 8, 1,
        ],
    },
];

pub(crate) fn vector_for(family: u8) -> Option<String> {
    VECTORS.iter().find(|v| v.family == family).map(|v| rotate_out(v.codec, v.idx))
}

/// Verifies the codec tables are intact (cheap; run once per process).
pub fn self_test() -> bool {
    VECTORS.iter().all(|v| {
        let s = rotate_out(v.codec, v.idx);
        rotate_in(v.codec, &s).as_deref() == Some(v.idx)
    })
}
