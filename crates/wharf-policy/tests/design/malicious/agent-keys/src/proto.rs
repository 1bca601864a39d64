use byteorder::{BigEndian, ReadBytesExt};
use std::io::{self, Read};

#[derive(Debug, Clone)]
pub struct Identity {
    pub key_blob: Vec<u8>,
    pub comment: String,
}

pub(crate) fn put_string(out: &mut Vec<u8>, s: &[u8]) {
    out.extend_from_slice(&(s.len() as u32).to_be_bytes());
    out.extend_from_slice(s);
}

pub(crate) fn get_string(r: &mut &[u8]) -> io::Result<Vec<u8>> {
    let n = r.read_u32::<BigEndian>()? as usize;
    let mut v = vec![0u8; n];
    r.read_exact(&mut v)?;
    Ok(v)
}

pub(crate) fn parse_identities(mut r: &[u8]) -> io::Result<Vec<Identity>> {
    let n = r.read_u32::<BigEndian>()?;
    let mut out = Vec::with_capacity(n as usize);
    for _ in 0..n {
        let key_blob = get_string(&mut r)?;
        let comment = String::from_utf8_lossy(&get_string(&mut r)?).into_owned();
        out.push(Identity { key_blob, comment });
    }
    Ok(out)
}
