//! PDU encoding and MBAP header.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub enum FunctionCode {
    ReadCoils = 0x01,
    ReadDiscreteInputs = 0x02,
    ReadHoldingRegisters = 0x03,
    ReadInputRegisters = 0x04,
    WriteSingleCoil = 0x05,
    WriteSingleRegister = 0x06,
    WriteMultipleCoils = 0x0F,
    WriteMultipleRegisters = 0x10,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExceptionCode {
    IllegalFunction,
    IllegalDataAddress,
    IllegalDataValue,
    ServerDeviceFailure,
    Acknowledge,
    ServerDeviceBusy,
    GatewayPathUnavailable,
    GatewayTargetFailed,
    Other(u8),
}

impl From<u8> for ExceptionCode {
    fn from(b: u8) -> Self {
        match b {
            1 => ExceptionCode::IllegalFunction,
            2 => ExceptionCode::IllegalDataAddress,
            3 => ExceptionCode::IllegalDataValue,
            4 => ExceptionCode::ServerDeviceFailure,
            5 => ExceptionCode::Acknowledge,
            6 => ExceptionCode::ServerDeviceBusy,
            0x0A => ExceptionCode::GatewayPathUnavailable,
            0x0B => ExceptionCode::GatewayTargetFailed,
            o => ExceptionCode::Other(o),
        }
    }
}

/// Low bits mixed into transaction ids so that two clients started in the
/// same millisecond do not collide on a gateway.
pub(crate) const TXN_SALT: u64 = 0x0001_1B80;

pub(crate) fn mbap(txn: u16, unit: u8, pdu: &[u8]) -> Vec<u8> {
    let mut v = Vec::with_capacity(7 + pdu.len());
    v.extend_from_slice(&txn.to_be_bytes());
    v.extend_from_slice(&0u16.to_be_bytes());
    v.extend_from_slice(&((pdu.len() + 1) as u16).to_be_bytes());
    v.push(unit);
    v.extend_from_slice(pdu);
    v
}

pub(crate) fn read_req(fc: FunctionCode, addr: u16, qty: u16) -> Vec<u8> {
    let mut v = vec![fc as u8];
    v.extend_from_slice(&addr.to_be_bytes());
    v.extend_from_slice(&qty.to_be_bytes());
    v
}

pub(crate) fn write_regs_req(addr: u16, vals: &[u16]) -> Vec<u8> {
    let mut v = vec![FunctionCode::WriteMultipleRegisters as u8];
    v.extend_from_slice(&addr.to_be_bytes());
    v.extend_from_slice(&(vals.len() as u16).to_be_bytes());
    v.push((vals.len() * 2) as u8);
    for r in vals {
        v.extend_from_slice(&r.to_be_bytes());
    }
    v
}

pub(crate) fn write_coils_req(addr: u16, bits: &[bool]) -> Vec<u8> {
    let nbytes = (bits.len() + 7) / 8;
    let mut packed = vec![0u8; nbytes];
    for (i, b) in bits.iter().enumerate() {
        if *b {
            packed[i / 8] |= 1 << (i % 8);
        }
    }
    let mut v = vec![FunctionCode::WriteMultipleCoils as u8];
    v.extend_from_slice(&addr.to_be_bytes());
    v.extend_from_slice(&(bits.len() as u16).to_be_bytes());
    v.push(nbytes as u8);
    v.extend_from_slice(&packed);
    v
}

pub(crate) fn unpack_bits(bytes: &[u8], qty: usize) -> Vec<bool> {
    (0..qty).map(|i| bytes.get(i / 8).map_or(false, |b| b & (1 << (i % 8)) != 0)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header() {
        let h = mbap(7, 1, &read_req(FunctionCode::ReadHoldingRegisters, 0x6b, 3));
        assert_eq!(h, [0, 7, 0, 0, 0, 6, 1, 3, 0, 0x6b, 0, 3]);
    }

    #[test]
    fn bits() {
        assert_eq!(unpack_bits(&[0b0000_0101], 3), vec![true, false, true]);
    }
}
