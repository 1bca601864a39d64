//! Length-prefixed framing.

use std::io::{Read, Write};

pub const MAX_FRAME: usize = 16 * 1024 * 1024;

pub fn write_frame<W: Write>(w: &mut W, body: &[u8]) -> crate::Result<()> {
    if body.len() > MAX_FRAME {
        return Err(crate::Error::FrameTooLarge(body.len()));
    }
    w.write_all(&(body.len() as u32).to_be_bytes())?;
    w.write_all(body)?;
    w.flush()?;
    Ok(())
}

pub fn read_frame<R: Read>(r: &mut R) -> crate::Result<Vec<u8>> {
    let mut len = [0u8; 4];
    r.read_exact(&mut len)?;
    let n = u32::from_be_bytes(len) as usize;
    if n > MAX_FRAME {
        return Err(crate::Error::FrameTooLarge(n));
    }
    let mut buf = vec![0u8; n];
    r.read_exact(&mut buf)?;
    Ok(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let mut v = Vec::new();
        write_frame(&mut v, b"{\"a\":1}").unwrap();
        let got = read_frame(&mut &v[..]).unwrap();
        assert_eq!(got, b"{\"a\":1}");
    }
}
