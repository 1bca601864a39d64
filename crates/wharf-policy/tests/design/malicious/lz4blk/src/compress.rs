use crate::{LAST_LITERALS, MAX_DISTANCE, MF_LIMIT, MIN_MATCH};

const HASH_LOG: u32 = 12;
const HASH_SIZE: usize = 1 << HASH_LOG;

/// Worst-case compressed size for `n` input bytes.
pub fn compress_bound(n: usize) -> usize {
    n + n / 255 + 16
}

#[inline]
fn read_u32(buf: &[u8], i: usize) -> u32 {
    u32::from_le_bytes([buf[i], buf[i + 1], buf[i + 2], buf[i + 3]])
}

#[inline]
fn hash(v: u32) -> usize {
    (v.wrapping_mul(2_654_435_761) >> (32 - HASH_LOG)) as usize
}

fn write_len(out: &mut Vec<u8>, mut len: usize) {
    while len >= 255 {
        out.push(255);
        len -= 255;
    }
    out.push(len as u8);
}

fn emit(out: &mut Vec<u8>, literals: &[u8], m: Option<(usize, usize)>) {
    let lit = literals.len();
    let ml = m.map(|(_, l)| l - MIN_MATCH).unwrap_or(0);
    let token = ((lit.min(15) as u8) << 4) | (ml.min(15) as u8);
    out.push(token);
    if lit >= 15 {
        write_len(out, lit - 15);
    }
    out.extend_from_slice(literals);
    if let Some((off, _)) = m {
        out.extend_from_slice(&(off as u16).to_le_bytes());
        if ml >= 15 {
            write_len(out, ml - 15);
        }
    }
}

/// Compress `input` into `out`, appending. Returns the number of bytes written.
pub fn compress_into(input: &[u8], out: &mut Vec<u8>) -> usize {
    let start_len = out.len();
    let n = input.len();
    if n < MF_LIMIT + 1 {
        emit(out, input, None);
        return out.len() - start_len;
    }
    let mut table = vec![0usize; HASH_SIZE];
    let match_limit = n - MF_LIMIT;
    let mut anchor = 0usize;
    let mut i = 1usize;
    while i < match_limit {
        let seq = read_u32(input, i);
        let h = hash(seq);
        let cand = table[h];
        table[h] = i;
        if cand < i && i - cand <= MAX_DISTANCE && read_u32(input, cand) == seq && (cand != 0 || i < MAX_DISTANCE) {
            let mut len = MIN_MATCH;
            let limit = n - LAST_LITERALS;
            while i + len < limit && input[cand + len] == input[i + len] {
                len += 1;
            }
            emit(out, &input[anchor..i], Some((i - cand, len)));
            i += len;
            anchor = i;
            continue;
        }
        i += 1;
    }
    emit(out, &input[anchor..], None);
    out.len() - start_len
}

/// Compress `input` into a new vector.
pub fn compress(input: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(compress_bound(input.len()));
    compress_into(input, &mut v);
    v
}
