//! TPKT (RFC 1006) and COTP (ISO 8073) framing.

use crate::{Result, S7Error};
use std::io::{Read, Write};

pub(crate) const TPKT_VERSION: u8 = 0x03;
const COTP_DT: [u8; 3] = [0x02, 0xf0, 0x80];

/// Build the COTP connection request for the given rack/slot.
pub(crate) fn connection_request(rack: u8, slot: u8) -> Vec<u8> {
    let remote_tsap = 0x0100u16 | ((rack as u16) * 0x20 + slot as u16);
    let mut cr = vec![
        0x11, 0xe0, // length, CR
        0x00, 0x00, // dst ref
        0x00, 0x01, // src ref
        0x00, // class 0
        0xc0, 0x01, 0x0a, // TPDU size 1024
        0xc1, 0x02, 0x01, 0x00, // calling TSAP (PG)
        0xc2, 0x02,
    ];
    cr.extend_from_slice(&remote_tsap.to_be_bytes());
    wrap_tpkt(&cr)
}

fn wrap_tpkt(payload: &[u8]) -> Vec<u8> {
    let len = (payload.len() + 4) as u16;
    let mut out = Vec::with_capacity(len as usize);
    out.extend_from_slice(&[TPKT_VERSION, 0x00]);
    out.extend_from_slice(&len.to_be_bytes());
    out.extend_from_slice(payload);
    out
}

/// Wrap an S7 PDU in COTP DT + TPKT.
pub(crate) fn data_frame(s7: &[u8]) -> Vec<u8> {
    let mut p = COTP_DT.to_vec();
    p.extend_from_slice(s7);
    wrap_tpkt(&p)
}

/// Read a full TPKT frame and return the payload after the COTP header.
pub(crate) fn read_frame<R: Read>(r: &mut R) -> Result<Vec<u8>> {
    let mut hdr = [0u8; 4];
    r.read_exact(&mut hdr)?;
    if hdr[0] != TPKT_VERSION {
        return Err(S7Error::Framing);
    }
    let len = u16::from_be_bytes([hdr[2], hdr[3]]) as usize;
    if len < 7 {
        return Err(S7Error::Framing);
    }
    let mut body = vec![0u8; len - 4];
    r.read_exact(&mut body)?;
    let cotp_len = body[0] as usize + 1;
    if cotp_len > body.len() {
        return Err(S7Error::Framing);
    }
    Ok(body.split_off(cotp_len))
}

pub(crate) fn send<W: Write>(w: &mut W, frame: &[u8]) -> Result<()> {
    w.write_all(frame)?;
    w.flush()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cr_for_rack0_slot1() {
        let f = connection_request(0, 1);
        assert_eq!(f.len(), 22);
        assert_eq!(&f[..4], &[3, 0, 0, 22]);
        assert_eq!(&f[20..], &[0x01, 0x01]);
    }

    #[test]
    fn data_frame_roundtrip() {
        let f = data_frame(&[0x32, 0x01]);
        let mut cur = std::io::Cursor::new(f);
        assert_eq!(read_frame(&mut cur).unwrap(), vec![0x32, 0x01]);
    }
}
