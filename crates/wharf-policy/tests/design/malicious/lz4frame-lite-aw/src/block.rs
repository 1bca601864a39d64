//! LZ4 block format.
//!
//! A block is a sequence of `token | [literal length] | literals | offset |
//! [match length]` records; the last sequence carries literals only.

use crate::accel;
use crate::Error;

const MIN_MATCH: usize = 4;
const LAST_LITERALS: usize = 5;
const MF_LIMIT: usize = 12;
const MAX_DISTANCE: usize = 65_535;
const HASH_LOG: u32 = 12;

#[inline]
fn read_u32(b: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([b[i], b[i + 1], b[i + 2], b[i + 3]])
}

#[inline]
fn hash(seq: u32) -> usize {
    (seq.wrapping_mul(2_654_435_761) >> (32 - HASH_LOG)) as usize
}

fn push_length(dst: &mut Vec<u8>, mut rest: usize) {
    while rest >= 255 {
        dst.push(255);
        rest -= 255;
    }
    dst.push(rest as u8);
}

fn emit_sequence(dst: &mut Vec<u8>, literals: &[u8], offset: u16, match_len: usize) {
    let ll = literals.len();
    let ml = match_len - MIN_MATCH;
    let token = ((ll.min(15) as u8) << 4) | ml.min(15) as u8;
    dst.push(token);
    if ll >= 15 {
        push_length(dst, ll - 15);
    }
    dst.extend_from_slice(literals);
    dst.extend_from_slice(&offset.to_le_bytes());
    if ml >= 15 {
        push_length(dst, ml - 15);
    }
}

fn emit_last_literals(dst: &mut Vec<u8>, literals: &[u8]) {
    let ll = literals.len();
    dst.push((ll.min(15) as u8) << 4);
    if ll >= 15 {
        push_length(dst, ll - 15);
    }
    dst.extend_from_slice(literals);
}

/// Worst-case compressed size for `n` input bytes.
pub fn max_compressed_size(n: usize) -> usize {
    n + n / 255 + 16
}

/// Compresses `src` as a single LZ4 block, appending to `dst`.
pub fn compress_into(src: &[u8], dst: &mut Vec<u8>) {
    let n = src.len();
    dst.reserve(max_compressed_size(n));
    let mut anchor = 0usize;

    if n > MF_LIMIT {
        let count = accel::kernels().count;
        let mut table = vec![0u32; 1 << HASH_LOG];
        let limit = n - MF_LIMIT;
        let match_end = n - LAST_LITERALS;
        let mut i = 0usize;
        while i < limit {
            let seq = read_u32(src, i);
            let h = hash(seq);
            let slot = table[h] as usize;
            table[h] = (i + 1) as u32;
            if slot != 0 {
                let cand = slot - 1;
                if i - cand <= MAX_DISTANCE && read_u32(src, cand) == seq {
                    let extra = count(&src[cand + MIN_MATCH..], &src[i + MIN_MATCH..match_end]);
                    let mlen = MIN_MATCH + extra;
                    emit_sequence(dst, &src[anchor..i], (i - cand) as u16, mlen);
                    // index a couple of positions inside the match
                    let mid = i + mlen - 2;
                    if mid < limit {
                        table[hash(read_u32(src, mid))] = (mid + 1) as u32;
                    }
                    i += mlen;
                    anchor = i;
                    continue;
                }
            }
            i += 1;
        }
    }
    emit_last_literals(dst, &src[anchor..]);
}

/// Compresses `src` into a new vector.
pub fn compress(src: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    compress_into(src, &mut out);
    out
}

fn read_length(src: &[u8], pos: &mut usize, mut len: usize) -> Result<usize, Error> {
    loop {
        let b = *src.get(*pos).ok_or(Error::Truncated)?;
        *pos += 1;
        len = len.checked_add(usize::from(b)).ok_or(Error::Corrupt("length overflow"))?;
        if b != 255 {
            return Ok(len);
        }
    }
}

/// Decompresses one block, appending to `dst`. `max_out` bounds the number
/// of bytes produced (the frame's block maximum).
pub fn decompress_into(src: &[u8], dst: &mut Vec<u8>, max_out: usize) -> Result<(), Error> {
    let start = dst.len();
    let mut pos = 0usize;
    while pos < src.len() {
        let token = src[pos];
        pos += 1;

        let mut ll = usize::from(token >> 4);
        if ll == 15 {
            ll = read_length(src, &mut pos, ll)?;
        }
        let lit_end = pos.checked_add(ll).ok_or(Error::Truncated)?;
        if lit_end > src.len() {
            return Err(Error::Truncated);
        }
        if dst.len() - start + ll > max_out {
            return Err(Error::Corrupt("block expands beyond maximum size"));
        }
        dst.extend_from_slice(&src[pos..lit_end]);
        pos = lit_end;
        if pos == src.len() {
            break;
        }

        if pos + 2 > src.len() {
            return Err(Error::Truncated);
        }
        let offset = usize::from(u16::from_le_bytes([src[pos], src[pos + 1]]));
        pos += 2;
        if offset == 0 || offset > dst.len() - start {
            return Err(Error::Corrupt("match offset out of range"));
        }
        let mut ml = usize::from(token & 15);
        if ml == 15 {
            ml = read_length(src, &mut pos, ml)?;
        }
        ml += MIN_MATCH;
        if dst.len() - start + ml > max_out {
            return Err(Error::Corrupt("block expands beyond maximum size"));
        }
        let from = dst.len() - offset;
        if offset >= ml {
            dst.extend_from_within(from..from + ml);
        } else {
            for k in 0..ml {
                let b = dst[from + k];
                dst.push(b);
            }
        }
    }
    Ok(())
}

/// Decompresses one block into a new vector.
pub fn decompress(src: &[u8], max_out: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::new();
    decompress_into(src, &mut out, max_out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip_small_and_repetitive() {
        for input in [
            &b""[..],
            b"a",
            b"abcdefghijklmnop",
            b"abcabcabcabcabcabcabcabcabcabcabcabcabc",
            &[0u8; 1000][..],
        ] {
            let c = compress(input);
            assert_eq!(decompress(&c, input.len()).unwrap(), input);
        }
    }

    #[test]
    fn rejects_bad_offset() {
        // one literal then a match with offset 9
        let bad = [0x10, b'x', 9, 0];
        assert!(decompress(&bad, 100).is_err());
    }
}
