//! Argument forwarding protocol.
//!
//! ```text
//! u32 magic "OI01" | u32 argc | argc * (u32 len | bytes)
//! ```
//! followed by a one-byte ack from the primary.

use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;
use std::time::Duration;

const MAGIC: u32 = u32::from_be_bytes(*b"OI01");
const MAX_ARGS: u32 = 4096;
const MAX_ARG_LEN: u32 = 1 << 20;

pub(crate) fn send(stream: &mut UnixStream, args: &[String]) -> io::Result<()> {
    stream.set_write_timeout(Some(Duration::from_secs(2)))?;
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    let mut buf = Vec::new();
    buf.extend_from_slice(&MAGIC.to_be_bytes());
    buf.extend_from_slice(&(args.len() as u32).to_be_bytes());
    for a in args {
        buf.extend_from_slice(&(a.len() as u32).to_be_bytes());
        buf.extend_from_slice(a.as_bytes());
    }
    stream.write_all(&buf)?;
    let mut ack = [0u8; 1];
    stream.read_exact(&mut ack)?;
    if ack[0] == 1 {
        Ok(())
    } else {
        Err(io::Error::new(io::ErrorKind::Other, "primary refused arguments"))
    }
}

fn read_u32(r: &mut impl Read) -> io::Result<u32> {
    let mut b = [0u8; 4];
    r.read_exact(&mut b)?;
    Ok(u32::from_be_bytes(b))
}

pub(crate) fn recv(stream: &mut UnixStream) -> io::Result<Vec<String>> {
    stream.set_read_timeout(Some(Duration::from_secs(2)))?;
    if read_u32(stream)? != MAGIC {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "bad magic"));
    }
    let argc = read_u32(stream)?;
    if argc > MAX_ARGS {
        return Err(io::Error::new(io::ErrorKind::InvalidData, "too many arguments"));
    }
    let mut args = Vec::with_capacity(argc as usize);
    for _ in 0..argc {
        let len = read_u32(stream)?;
        if len > MAX_ARG_LEN {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "argument too long"));
        }
        let mut b = vec![0u8; len as usize];
        stream.read_exact(&mut b)?;
        args.push(String::from_utf8(b).map_err(|e| io::Error::new(io::ErrorKind::InvalidData, e))?);
    }
    stream.write_all(&[1])?;
    Ok(args)
}
