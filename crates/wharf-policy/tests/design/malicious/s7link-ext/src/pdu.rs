//! S7comm job PDUs.

use crate::{Result, S7Error};

/// Memory areas addressable through S7comm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Area {
    Inputs = 0x81,
    Outputs = 0x82,
    Merker = 0x83,
    DataBlock = 0x84,
}

pub(crate) fn setup_communication(pdu_ref: u16, pdu_len: u16) -> Vec<u8> {
    let mut v = header(0x01, pdu_ref, 8, 0);
    v.extend_from_slice(&[0xf0, 0x00, 0x00, 0x01, 0x00, 0x01]);
    v.extend_from_slice(&pdu_len.to_be_bytes());
    v
}

fn header(rosctr: u8, pdu_ref: u16, plen: u16, dlen: u16) -> Vec<u8> {
    let mut v = vec![0x32, rosctr, 0x00, 0x00];
    v.extend_from_slice(&pdu_ref.to_be_bytes());
    v.extend_from_slice(&plen.to_be_bytes());
    v.extend_from_slice(&dlen.to_be_bytes());
    v
}

fn any_pointer(area: Area, db: u16, start: u32, len: u16) -> [u8; 12] {
    let bit = start * 8;
    let l = len.to_be_bytes();
    let d = db.to_be_bytes();
    [
        0x12, 0x0a, 0x10, 0x02, l[0], l[1], d[0], d[1], area as u8,
        (bit >> 16) as u8, (bit >> 8) as u8, bit as u8,
    ]
}

pub(crate) fn read_var(pdu_ref: u16, area: Area, db: u16, start: u32, len: u16) -> Vec<u8> {
    let mut v = header(0x01, pdu_ref, 14, 0);
    v.extend_from_slice(&[0x04, 0x01]);
    v.extend_from_slice(&any_pointer(area, db, start, len));
    v
}

pub(crate) fn write_var(pdu_ref: u16, area: Area, db: u16, start: u32, data: &[u8]) -> Vec<u8> {
    let dlen = data.len() as u16 + 4;
    let mut v = header(0x01, pdu_ref, 14, dlen);
    v.extend_from_slice(&[0x05, 0x01]);
    v.extend_from_slice(&any_pointer(area, db, start, data.len() as u16));
    v.extend_from_slice(&[0x00, 0x04]);
    v.extend_from_slice(&((data.len() as u16) * 8).to_be_bytes());
    v.extend_from_slice(data);
    v
}

/// Check an ack-data header, returning the offset of the parameter block.
pub(crate) fn check_ack(pdu: &[u8]) -> Result<usize> {
    if pdu.len() < 12 || pdu[0] != 0x32 || pdu[1] != 0x03 {
        return Err(S7Error::Framing);
    }
    if pdu[10] != 0 || pdu[11] != 0 {
        return Err(S7Error::Rejected { class: pdu[10], code: pdu[11] });
    }
    Ok(12)
}

pub(crate) fn negotiated_pdu(pdu: &[u8]) -> Result<u16> {
    let p = check_ack(pdu)?;
    if pdu.len() < p + 8 {
        return Err(S7Error::Framing);
    }
    Ok(u16::from_be_bytes([pdu[p + 6], pdu[p + 7]]))
}

pub(crate) fn read_payload(pdu: &[u8]) -> Result<Vec<u8>> {
    let p = check_ack(pdu)? + 2;
    if pdu.len() < p + 4 {
        return Err(S7Error::Framing);
    }
    if pdu[p] != 0xff {
        return Err(S7Error::Item(pdu[p]));
    }
    let bits = u16::from_be_bytes([pdu[p + 2], pdu[p + 3]]) as usize;
    let n = if pdu[p + 1] == 0x04 { bits / 8 } else { bits };
    pdu.get(p + 4..p + 4 + n).map(<[u8]>::to_vec).ok_or(S7Error::Framing)
}

pub(crate) fn write_status(pdu: &[u8]) -> Result<()> {
    let p = check_ack(pdu)? + 2;
    match pdu.get(p) {
        Some(0xff) => Ok(()),
        Some(c) => Err(S7Error::Item(*c)),
        None => Err(S7Error::Framing),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_request_layout() {
        let r = read_var(1, Area::DataBlock, 10, 4, 2);
        assert_eq!(r.len(), 10 + 14);
        assert_eq!(r[10], 0x04);
        assert_eq!(&r[16..18], &[0x00, 0x02]);
        assert_eq!(r[20], 0x84);
        assert_eq!(&r[21..24], &[0x00, 0x00, 0x20]);
    }

    #[test]
    fn write_request_length() {
        let w = write_var(2, Area::DataBlock, 1, 0, &[1, 2, 3]);
        assert_eq!(&w[8..10], &[0x00, 0x07]);
        assert_eq!(&w[w.len() - 3..], &[1, 2, 3]);
    }
}
