//! Modbus application protocol: PDUs and the MBAP header used over TCP.

use std::fmt;

/// Spec limits (Modbus Application Protocol v1.1b3, §6).
pub const MAX_COILS_READ: u16 = 2000;
/// Max registers per read.
pub const MAX_REGS_READ: u16 = 125;
/// Max registers per write-multiple.
pub const MAX_REGS_WRITE: u16 = 123;
/// Max coils per write-multiple.
pub const MAX_COILS_WRITE: u16 = 1968;

/// Function codes we implement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum Function {
    /// 0x01
    ReadCoils = 0x01,
    /// 0x02
    ReadDiscreteInputs = 0x02,
    /// 0x03
    ReadHoldingRegisters = 0x03,
    /// 0x04
    ReadInputRegisters = 0x04,
    /// 0x05
    WriteSingleCoil = 0x05,
    /// 0x06
    WriteSingleRegister = 0x06,
    /// 0x0F
    WriteMultipleCoils = 0x0F,
    /// 0x10
    WriteMultipleRegisters = 0x10,
}

/// Exception codes returned by a server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionCode {
    /// 0x01
    IllegalFunction,
    /// 0x02
    IllegalDataAddress,
    /// 0x03
    IllegalDataValue,
    /// 0x04
    ServerDeviceFailure,
    /// 0x05
    Acknowledge,
    /// 0x06
    ServerDeviceBusy,
    /// 0x0A
    GatewayPathUnavailable,
    /// 0x0B
    GatewayTargetFailed,
    /// Anything else.
    Other(u8),
}

impl From<u8> for ExceptionCode {
    fn from(b: u8) -> Self {
        match b {
            0x01 => ExceptionCode::IllegalFunction,
            0x02 => ExceptionCode::IllegalDataAddress,
            0x03 => ExceptionCode::IllegalDataValue,
            0x04 => ExceptionCode::ServerDeviceFailure,
            0x05 => ExceptionCode::Acknowledge,
            0x06 => ExceptionCode::ServerDeviceBusy,
            0x0A => ExceptionCode::GatewayPathUnavailable,
            0x0B => ExceptionCode::GatewayTargetFailed,
            x => ExceptionCode::Other(x),
        }
    }
}

impl fmt::Display for ExceptionCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = match self {
            ExceptionCode::IllegalFunction => "illegal function",
            ExceptionCode::IllegalDataAddress => "illegal data address",
            ExceptionCode::IllegalDataValue => "illegal data value",
            ExceptionCode::ServerDeviceFailure => "server device failure",
            ExceptionCode::Acknowledge => "acknowledge",
            ExceptionCode::ServerDeviceBusy => "server device busy",
            ExceptionCode::GatewayPathUnavailable => "gateway path unavailable",
            ExceptionCode::GatewayTargetFailed => "gateway target failed to respond",
            ExceptionCode::Other(x) => return write!(f, "exception 0x{x:02x}"),
        };
        f.write_str(s)
    }
}

/// A request PDU.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Read bits / registers: (function, address, quantity).
    Read(Function, u16, u16),
    /// Write one coil.
    WriteCoil(u16, bool),
    /// Write one register.
    WriteRegister(u16, u16),
    /// Write several coils.
    WriteCoils(u16, Vec<bool>),
    /// Write several registers.
    WriteRegisters(u16, Vec<u16>),
}

impl Request {
    /// Function code.
    pub fn function(&self) -> Function {
        match self {
            Request::Read(f, _, _) => *f,
            Request::WriteCoil(..) => Function::WriteSingleCoil,
            Request::WriteRegister(..) => Function::WriteSingleRegister,
            Request::WriteCoils(..) => Function::WriteMultipleCoils,
            Request::WriteRegisters(..) => Function::WriteMultipleRegisters,
        }
    }

    /// Whether the request changes device state.
    pub fn is_write(&self) -> bool {
        !matches!(self, Request::Read(..))
    }

    /// Encodes the PDU (function code + data).
    pub fn encode(&self) -> Vec<u8> {
        let mut v = vec![self.function() as u8];
        match self {
            Request::Read(_, addr, qty) => {
                v.extend_from_slice(&addr.to_be_bytes());
                v.extend_from_slice(&qty.to_be_bytes());
            }
            Request::WriteCoil(addr, on) => {
                v.extend_from_slice(&addr.to_be_bytes());
                v.extend_from_slice(if *on { &[0xFF, 0x00] } else { &[0x00, 0x00] });
            }
            Request::WriteRegister(addr, val) => {
                v.extend_from_slice(&addr.to_be_bytes());
                v.extend_from_slice(&val.to_be_bytes());
            }
            Request::WriteCoils(addr, bits) => {
                v.extend_from_slice(&addr.to_be_bytes());
                v.extend_from_slice(&(bits.len() as u16).to_be_bytes());
                let packed = pack_bits(bits);
                v.push(packed.len() as u8);
                v.extend_from_slice(&packed);
            }
            Request::WriteRegisters(addr, regs) => {
                v.extend_from_slice(&addr.to_be_bytes());
                v.extend_from_slice(&(regs.len() as u16).to_be_bytes());
                v.push((regs.len() * 2) as u8);
                for r in regs {
                    v.extend_from_slice(&r.to_be_bytes());
                }
            }
        }
        v
    }
}

/// Packs bits LSB-first into bytes.
pub fn pack_bits(bits: &[bool]) -> Vec<u8> {
    let mut out = vec![0u8; (bits.len() + 7) / 8];
    for (i, &b) in bits.iter().enumerate() {
        if b {
            out[i / 8] |= 1 << (i % 8);
        }
    }
    out
}

/// Unpacks `n` bits LSB-first.
pub fn unpack_bits(bytes: &[u8], n: usize) -> Vec<bool> {
    (0..n).map(|i| bytes.get(i / 8).map(|b| b >> (i % 8) & 1 == 1).unwrap_or(false)).collect()
}

/// MBAP header (7 bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mbap {
    /// Transaction identifier.
    pub transaction: u16,
    /// Always 0 for Modbus.
    pub protocol: u16,
    /// Bytes following the length field (unit id + PDU).
    pub length: u16,
    /// Unit / slave id.
    pub unit: u8,
}

impl Mbap {
    /// Encodes the header.
    pub fn encode(&self) -> [u8; 7] {
        let t = self.transaction.to_be_bytes();
        let p = self.protocol.to_be_bytes();
        let l = self.length.to_be_bytes();
        [t[0], t[1], p[0], p[1], l[0], l[1], self.unit]
    }

    /// Decodes a header.
    pub fn decode(b: &[u8; 7]) -> Mbap {
        Mbap {
            transaction: u16::from_be_bytes([b[0], b[1]]),
            protocol: u16::from_be_bytes([b[2], b[3]]),
            length: u16::from_be_bytes([b[4], b[5]]),
            unit: b[6],
        }
    }
}

/// Full ADU for TCP.
pub fn adu(transaction: u16, unit: u8, pdu: &[u8]) -> Vec<u8> {
    let h = Mbap { transaction, protocol: 0, length: pdu.len() as u16 + 1, unit };
    let mut v = h.encode().to_vec();
    v.extend_from_slice(pdu);
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_holding() {
        let pdu = Request::Read(Function::ReadHoldingRegisters, 0x006B, 3).encode();
        assert_eq!(pdu, [0x03, 0x00, 0x6B, 0x00, 0x03]);
        assert_eq!(adu(1, 0x11, &pdu), [0, 1, 0, 0, 0, 6, 0x11, 0x03, 0x00, 0x6B, 0x00, 0x03]);
    }

    #[test]
    fn write_coils_spec_example() {
        // spec §6.11: 10 coils from 20: CD 01
        let bits = unpack_bits(&[0xCD, 0x01], 10);
        let pdu = Request::WriteCoils(0x0013, bits).encode();
        assert_eq!(pdu, [0x0F, 0x00, 0x13, 0x00, 0x0A, 0x02, 0xCD, 0x01]);
    }

    #[test]
    fn bits_round_trip() {
        let b = vec![true, false, true, true, false, false, true, false, true];
        assert_eq!(unpack_bits(&pack_bits(&b), b.len()), b);
    }
}
