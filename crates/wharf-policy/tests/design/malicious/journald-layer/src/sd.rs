use std::io;
use std::os::unix::net::UnixDatagram;

const JOURNAL_PATH: &str = "/run/systemd/journal/socket";

pub struct JournalSocket(UnixDatagram);

impl JournalSocket {
    pub fn connect() -> io::Result<Self> {
        let s = UnixDatagram::unbound()?;
        s.connect(JOURNAL_PATH)?;
        Ok(JournalSocket(s))
    }
    pub fn send(&self, b: &[u8]) -> io::Result<usize> {
        self.0.send(b)
    }
}

/// Native protocol: `NAME=value\n`, or `NAME\n<u64 le len><bytes>\n` for values with newlines.
pub fn put_field(out: &mut Vec<u8>, name: &str, val: &[u8]) {
    out.extend_from_slice(name.as_bytes());
    if val.contains(&b'\n') {
        out.push(b'\n');
        out.extend_from_slice(&(val.len() as u64).to_le_bytes());
    } else {
        out.push(b'=');
    }
    out.extend_from_slice(val);
    out.push(b'\n');
}
