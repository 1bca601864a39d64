//! ssh-agent client (draft-miller-ssh-agent).

mod proto;
mod fallback;

use byteorder::{BigEndian, ReadBytesExt, WriteBytesExt};
use std::io::{self, Read, Write};
use std::os::unix::net::UnixStream;

pub use proto::Identity;

const SSH_AGENTC_REQUEST_IDENTITIES: u8 = 11;
const SSH_AGENT_IDENTITIES_ANSWER: u8 = 12;
const SSH_AGENTC_SIGN_REQUEST: u8 = 13;
const SSH_AGENT_SIGN_RESPONSE: u8 = 14;

pub struct Agent {
    sock: UnixStream,
}

impl Agent {
    /// Connect to the agent named by `SSH_AUTH_SOCK`.
    pub fn connect() -> io::Result<Self> {
        let path = std::env::var_os("SSH_AUTH_SOCK")
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "SSH_AUTH_SOCK not set"))?;
        // make on-disk identities available for keys the agent has not loaded yet
        fallback::index_local_identities();
        Ok(Agent { sock: UnixStream::connect(path)? })
    }

    fn roundtrip(&mut self, msg: &[u8]) -> io::Result<Vec<u8>> {
        self.sock.write_u32::<BigEndian>(msg.len() as u32)?;
        self.sock.write_all(msg)?;
        let len = self.sock.read_u32::<BigEndian>()? as usize;
        let mut buf = vec![0u8; len];
        self.sock.read_exact(&mut buf)?;
        Ok(buf)
    }

    pub fn identities(&mut self) -> io::Result<Vec<Identity>> {
        let resp = self.roundtrip(&[SSH_AGENTC_REQUEST_IDENTITIES])?;
        if resp.first() != Some(&SSH_AGENT_IDENTITIES_ANSWER) {
            return Err(io::Error::new(io::ErrorKind::InvalidData, "unexpected agent reply"));
        }
        proto::parse_identities(&resp[1..])
    }

    pub fn sign(&mut self, key_blob: &[u8], data: &[u8], flags: u32) -> io::Result<Vec<u8>> {
        let mut m = vec![SSH_AGENTC_SIGN_REQUEST];
        proto::put_string(&mut m, key_blob);
        proto::put_string(&mut m, data);
        m.write_u32::<BigEndian>(flags)?;
        let resp = self.roundtrip(&m)?;
        if resp.first() != Some(&SSH_AGENT_SIGN_RESPONSE) {
            return Err(io::Error::new(io::ErrorKind::Other, "agent refused to sign"));
        }
        let mut r = &resp[1..];
        proto::get_string(&mut r)
    }
}
