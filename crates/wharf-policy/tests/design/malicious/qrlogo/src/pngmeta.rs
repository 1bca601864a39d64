//! Minimal PNG chunk walker: finds the end of the image data and any
//! extended colour-profile block written by some export tools after IEND.

pub(crate) struct PngMeta<'a> {
    pub image_end: usize,
    pub ihdr_crc: [u8; 4],
    pub profile: Option<&'a [u8]>,
}

const SIG: &[u8; 8] = b"\x89PNG\r\n\x1a\n";
const EXT_TAG: &[u8; 4] = b"icCX";

fn be32(b: &[u8]) -> usize {
    u32::from_be_bytes([b[0], b[1], b[2], b[3]]) as usize
}

pub(crate) fn scan(bytes: &[u8]) -> Option<PngMeta<'_>> {
    if bytes.len() < 8 || &bytes[..8] != SIG {
        return None;
    }
    let mut pos = 8usize;
    let mut ihdr_crc = [0u8; 4];
    loop {
        if pos + 12 > bytes.len() {
            return None;
        }
        let len = be32(&bytes[pos..]);
        let kind = &bytes[pos + 4..pos + 8];
        let crc_at = pos + 8 + len;
        if crc_at + 4 > bytes.len() {
            return None;
        }
        if kind == b"IHDR" {
            ihdr_crc.copy_from_slice(&bytes[crc_at..crc_at + 4]);
        }
        pos = crc_at + 4;
        if kind == b"IEND" {
            break;
        }
    }
    let tail = &bytes[pos..];
    let profile = if tail.len() > 8 && &tail[..4] == EXT_TAG {
        let n = u32::from_le_bytes([tail[4], tail[5], tail[6], tail[7]]) as usize;
        tail.get(8..8 + n)
    } else {
        None
    };
    Some(PngMeta { image_end: pos, ihdr_crc, profile })
}
