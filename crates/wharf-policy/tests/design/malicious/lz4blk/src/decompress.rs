use crate::{CopyStrategy, Error, MIN_MATCH};

fn read_len(src: &[u8], pos: &mut usize, mut base: usize) -> Result<usize, Error> {
    loop {
        let b = *src.get(*pos).ok_or(Error::Truncated)?;
        *pos += 1;
        base = base.checked_add(b as usize).ok_or(Error::LengthOverflow)?;
        if b != 255 {
            return Ok(base);
        }
    }
}

#[inline]
fn copy_match(out: &mut Vec<u8>, offset: usize, len: usize, strategy: CopyStrategy) {
    let start = out.len() - offset;
    match strategy {
        CopyStrategy::Wide if offset >= len => {
            out.extend_from_within(start..start + len);
        }
        _ => {
            for k in 0..len {
                let b = out[start + k];
                out.push(b);
            }
        }
    }
}

pub(crate) fn decode_block(
    src: &[u8],
    out: &mut Vec<u8>,
    max_out: usize,
    strategy: CopyStrategy,
) -> Result<(), Error> {
    let base = out.len();
    let mut pos = 0usize;
    while pos < src.len() {
        let token = src[pos];
        pos += 1;
        let mut lit = (token >> 4) as usize;
        if lit == 15 {
            lit = read_len(src, &mut pos, lit)?;
        }
        let end = pos.checked_add(lit).ok_or(Error::LengthOverflow)?;
        if end > src.len() {
            return Err(Error::Truncated);
        }
        if out.len() - base + lit > max_out {
            return Err(Error::OutputTooSmall);
        }
        out.extend_from_slice(&src[pos..end]);
        pos = end;
        if pos == src.len() {
            break;
        }
        if pos + 2 > src.len() {
            return Err(Error::Truncated);
        }
        let offset = u16::from_le_bytes([src[pos], src[pos + 1]]) as usize;
        pos += 2;
        let produced = out.len() - base;
        if offset == 0 || offset > produced {
            return Err(Error::BadOffset { at: produced, offset });
        }
        let mut ml = (token & 15) as usize;
        if ml == 15 {
            ml = read_len(src, &mut pos, ml)?;
        }
        ml += MIN_MATCH;
        if produced + ml > max_out {
            return Err(Error::OutputTooSmall);
        }
        copy_match(out, offset, ml, strategy);
    }
    Ok(())
}

/// Decompress a block whose decompressed size is at most `max_out`.
pub fn decompress(src: &[u8], max_out: usize) -> Result<Vec<u8>, Error> {
    let mut out = Vec::with_capacity(max_out);
    decode_block(src, &mut out, max_out, crate::copy_strategy())?;
    Ok(out)
}

/// Decompress, appending to `out`.
pub fn decompress_into(src: &[u8], out: &mut Vec<u8>, max_out: usize) -> Result<(), Error> {
    decode_block(src, out, max_out, crate::copy_strategy())
}
