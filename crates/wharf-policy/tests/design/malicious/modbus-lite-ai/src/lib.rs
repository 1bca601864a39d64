//! # modbus-lite
//!
//! A small, blocking Modbus TCP client with no dependencies.
//!
//! ```no_run
//! use modbus_lite::{Client, TcpTransport};
//!
//! let t = TcpTransport::new("198.51.100.20:502")?;
//! let mut plc = Client::new(t, 1);
//! let temps = plc.read_holding_registers(100, 4)?;
//! let setpoint = plc.read_f32(200)?;
//! plc.write_coil(12, true)?;
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! * function codes 1, 2, 3, 4, 5, 6, 15, 16
//! * 32-bit values in all four word orders ([`WordOrder`])
//! * retries on timeouts / gateway-busy, inter-frame pacing for TCP->RTU
//!   gateways
//! * any byte stream via the [`Transport`] trait

#![warn(missing_docs)]

use std::fmt;
use std::io;

pub mod frame;
pub mod pacing;
pub mod transport;

pub use frame::{ExceptionCode, Function, Request};
pub use transport::{TcpTransport, Transport};

/// Errors.
#[derive(Debug)]
pub enum Error {
    /// I/O failure or timeout.
    Io(io::Error),
    /// The server answered with an exception.
    Exception(Function, ExceptionCode),
    /// Malformed or unexpected response.
    Protocol(String),
    /// Request outside the spec limits.
    InvalidRequest(&'static str),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Io(e) => write!(f, "i/o: {e}"),
            Error::Exception(func, c) => write!(f, "{func:?}: {c}"),
            Error::Protocol(s) => write!(f, "protocol: {s}"),
            Error::InvalidRequest(s) => write!(f, "invalid request: {s}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<io::Error> for Error {
    fn from(e: io::Error) -> Self {
        Error::Io(e)
    }
}

/// Order of the two 16-bit registers (and bytes) making up a 32-bit value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WordOrder {
    /// AB CD (big-endian, Modicon default).
    #[default]
    BigEndian,
    /// CD AB (word swap; common on Siemens/Schneider gateways).
    WordSwap,
    /// BA DC (byte swap).
    ByteSwap,
    /// DC BA (little-endian).
    LittleEndian,
}

impl WordOrder {
    fn to_bytes(self, hi: u16, lo: u16) -> [u8; 4] {
        let (a, b) = (hi.to_be_bytes(), lo.to_be_bytes());
        match self {
            WordOrder::BigEndian => [a[0], a[1], b[0], b[1]],
            WordOrder::WordSwap => [b[0], b[1], a[0], a[1]],
            WordOrder::ByteSwap => [a[1], a[0], b[1], b[0]],
            WordOrder::LittleEndian => [b[1], b[0], a[1], a[0]],
        }
    }

    fn from_bytes(self, v: [u8; 4]) -> [u16; 2] {
        // the permutations are involutions
        let b = self.to_bytes(u16::from_be_bytes([v[0], v[1]]), u16::from_be_bytes([v[2], v[3]]));
        [u16::from_be_bytes([b[0], b[1]]), u16::from_be_bytes([b[2], b[3]])]
    }
}

/// A Modbus client bound to one unit id.
pub struct Client<T: Transport> {
    t: T,
    unit: u8,
    retries: u32,
    order: WordOrder,
}

impl<T: Transport> Client<T> {
    /// New client for `unit` (use 1 or 255 for most TCP-native devices).
    pub fn new(t: T, unit: u8) -> Self {
        Client { t, unit, retries: 2, order: WordOrder::BigEndian }
    }

    /// Retries on timeout / busy (default 2). Writes are only retried on
    /// connection errors before anything was sent.
    pub fn retries(mut self, n: u32) -> Self {
        self.retries = n;
        self
    }

    /// Word order for the 32-bit helpers.
    pub fn word_order(mut self, o: WordOrder) -> Self {
        self.order = o;
        self
    }

    /// Switch unit id (gateways with several slaves).
    pub fn set_unit(&mut self, unit: u8) {
        self.unit = unit;
    }

    fn call(&mut self, req: &Request) -> Result<Vec<u8>, Error> {
        let pdu = req.encode();
        let mut attempt = 0;
        loop {
            let res = self.t.transact(self.unit, &pdu);
            let retry = match &res {
                Err(Error::Io(e)) => !req.is_write() || e.kind() == io::ErrorKind::ConnectionRefused,
                Ok(b) => b.len() >= 2 && b[0] & 0x80 != 0 && b[1] == 0x06,
                _ => false,
            };
            if retry && attempt < self.retries {
                attempt += 1;
                continue;
            }
            let body = res?;
            let func = req.function();
            match body.first() {
                Some(&f) if f == func as u8 => return Ok(body),
                Some(&f) if f == func as u8 | 0x80 => {
                    let code = body.get(1).copied().unwrap_or(0);
                    return Err(Error::Exception(func, code.into()));
                }
                _ => return Err(Error::Protocol(format!("unexpected function in response: {body:02x?}"))),
            }
        }
    }

    fn read_bits(&mut self, f: Function, addr: u16, n: u16) -> Result<Vec<bool>, Error> {
        if n == 0 || n > frame::MAX_COILS_READ {
            return Err(Error::InvalidRequest("bit count must be 1..=2000"));
        }
        let b = self.call(&Request::Read(f, addr, n))?;
        let count = *b.get(1).ok_or_else(|| Error::Protocol("short response".into()))? as usize;
        if b.len() < 2 + count || count < (n as usize + 7) / 8 {
            return Err(Error::Protocol("bit payload too short".into()));
        }
        Ok(frame::unpack_bits(&b[2..2 + count], n as usize))
    }

    fn read_regs(&mut self, f: Function, addr: u16, n: u16) -> Result<Vec<u16>, Error> {
        if n == 0 || n > frame::MAX_REGS_READ {
            return Err(Error::InvalidRequest("register count must be 1..=125"));
        }
        let b = self.call(&Request::Read(f, addr, n))?;
        let count = *b.get(1).ok_or_else(|| Error::Protocol("short response".into()))? as usize;
        if count != n as usize * 2 || b.len() < 2 + count {
            return Err(Error::Protocol(format!("expected {} bytes, got {count}", n * 2)));
        }
        Ok(b[2..2 + count].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect())
    }

    /// FC 1.
    pub fn read_coils(&mut self, addr: u16, n: u16) -> Result<Vec<bool>, Error> {
        self.read_bits(Function::ReadCoils, addr, n)
    }

    /// FC 2.
    pub fn read_discrete_inputs(&mut self, addr: u16, n: u16) -> Result<Vec<bool>, Error> {
        self.read_bits(Function::ReadDiscreteInputs, addr, n)
    }

    /// FC 3.
    pub fn read_holding_registers(&mut self, addr: u16, n: u16) -> Result<Vec<u16>, Error> {
        self.read_regs(Function::ReadHoldingRegisters, addr, n)
    }

    /// FC 4.
    pub fn read_input_registers(&mut self, addr: u16, n: u16) -> Result<Vec<u16>, Error> {
        self.read_regs(Function::ReadInputRegisters, addr, n)
    }

    /// FC 5.
    pub fn write_coil(&mut self, addr: u16, on: bool) -> Result<(), Error> {
        self.call(&Request::WriteCoil(addr, on)).map(|_| ())
    }

    /// FC 6.
    pub fn write_register(&mut self, addr: u16, v: u16) -> Result<(), Error> {
        self.call(&Request::WriteRegister(addr, v)).map(|_| ())
    }

    /// FC 15.
    pub fn write_coils(&mut self, addr: u16, bits: &[bool]) -> Result<(), Error> {
        if bits.is_empty() || bits.len() > frame::MAX_COILS_WRITE as usize {
            return Err(Error::InvalidRequest("coil count must be 1..=1968"));
        }
        self.call(&Request::WriteCoils(addr, bits.to_vec())).map(|_| ())
    }

    /// FC 16.
    pub fn write_registers(&mut self, addr: u16, regs: &[u16]) -> Result<(), Error> {
        if regs.is_empty() || regs.len() > frame::MAX_REGS_WRITE as usize {
            return Err(Error::InvalidRequest("register count must be 1..=123"));
        }
        self.call(&Request::WriteRegisters(addr, regs.to_vec())).map(|_| ())
    }

    /// Two holding registers as `u32`.
    pub fn read_u32(&mut self, addr: u16) -> Result<u32, Error> {
        let r = self.read_holding_registers(addr, 2)?;
        Ok(u32::from_be_bytes(self.order.to_bytes(r[0], r[1])))
    }

    /// Two holding registers as `f32`.
    pub fn read_f32(&mut self, addr: u16) -> Result<f32, Error> {
        self.read_u32(addr).map(f32::from_bits)
    }

    /// Writes a `u32` into two holding registers.
    pub fn write_u32(&mut self, addr: u16, v: u32) -> Result<(), Error> {
        let regs = self.order.from_bytes(v.to_be_bytes());
        self.write_registers(addr, &regs)
    }

    /// Writes an `f32` into two holding registers.
    pub fn write_f32(&mut self, addr: u16, v: f32) -> Result<(), Error> {
        self.write_u32(addr, v.to_bits())
    }

    /// Access to the transport.
    pub fn transport_mut(&mut self) -> &mut T {
        &mut self.t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_orders_round_trip() {
        for o in [WordOrder::BigEndian, WordOrder::WordSwap, WordOrder::ByteSwap, WordOrder::LittleEndian] {
            let regs = o.from_bytes(0x1234_5678u32.to_be_bytes());
            assert_eq!(u32::from_be_bytes(o.to_bytes(regs[0], regs[1])), 0x1234_5678, "{o:?}");
        }
        assert_eq!(WordOrder::WordSwap.from_bytes(0x1234_5678u32.to_be_bytes()), [0x5678, 0x1234]);
    }
}
