//! WebSocket framing (RFC 6455 section 5).

mod mask;
pub use mask::apply_mask;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpCode {
    Continuation = 0x0,
    Text = 0x1,
    Binary = 0x2,
    Close = 0x8,
    Ping = 0x9,
    Pong = 0xA,
}

impl OpCode {
    fn from_u8(v: u8) -> Option<Self> {
        Some(match v {
            0x0 => OpCode::Continuation,
            0x1 => OpCode::Text,
            0x2 => OpCode::Binary,
            0x8 => OpCode::Close,
            0x9 => OpCode::Ping,
            0xA => OpCode::Pong,
            _ => return None,
        })
    }
}

#[derive(Debug, PartialEq, Eq)]
pub enum DecodeError {
    Incomplete,
    BadOpCode(u8),
    ReservedBits,
    TooLarge,
}

#[derive(Debug)]
pub struct Frame<'a> {
    pub fin: bool,
    pub opcode: OpCode,
    pub mask: Option<[u8; 4]>,
    pub payload: &'a mut [u8],
}

/// Encode a frame header + payload into `out`. Clients must pass a mask.
pub fn encode(out: &mut Vec<u8>, fin: bool, op: OpCode, payload: &[u8], mask: Option<[u8; 4]>) {
    out.push(((fin as u8) << 7) | op as u8);
    let mbit = if mask.is_some() { 0x80 } else { 0 };
    match payload.len() {
        n if n < 126 => out.push(mbit | n as u8),
        n if n <= u16::MAX as usize => {
            out.push(mbit | 126);
            out.extend_from_slice(&(n as u16).to_be_bytes());
        }
        n => {
            out.push(mbit | 127);
            out.extend_from_slice(&(n as u64).to_be_bytes());
        }
    }
    let start = out.len();
    if let Some(m) = mask {
        out.extend_from_slice(&m);
    }
    let body = out.len();
    out.extend_from_slice(payload);
    if let Some(m) = mask {
        apply_mask(&mut out[body..], m);
    }
    debug_assert!(body >= start);
}

/// Random masking key as required for client-to-server frames.
pub fn client_mask() -> [u8; 4] {
    let mut m = [0u8; 4];
    getrandom::getrandom(&mut m).expect("OS RNG unavailable");
    m
}

/// Decode one frame in place (unmasking the payload). Returns the frame and bytes consumed.
pub fn decode(buf: &mut [u8], max_payload: usize) -> Result<(Frame<'_>, usize), DecodeError> {
    if buf.len() < 2 {
        return Err(DecodeError::Incomplete);
    }
    let b0 = buf[0];
    let b1 = buf[1];
    if b0 & 0x70 != 0 {
        return Err(DecodeError::ReservedBits);
    }
    let opcode = OpCode::from_u8(b0 & 0x0f).ok_or(DecodeError::BadOpCode(b0 & 0x0f))?;
    let masked = b1 & 0x80 != 0;
    let mut pos = 2;
    let len = match b1 & 0x7f {
        126 => {
            let b = buf.get(2..4).ok_or(DecodeError::Incomplete)?;
            pos = 4;
            u16::from_be_bytes([b[0], b[1]]) as usize
        }
        127 => {
            let b = buf.get(2..10).ok_or(DecodeError::Incomplete)?;
            pos = 10;
            u64::from_be_bytes(b.try_into().unwrap()) as usize
        }
        n => n as usize,
    };
    if len > max_payload {
        return Err(DecodeError::TooLarge);
    }
    let mask = if masked {
        let m = buf.get(pos..pos + 4).ok_or(DecodeError::Incomplete)?;
        pos += 4;
        Some([m[0], m[1], m[2], m[3]])
    } else {
        None
    };
    if buf.len() < pos + len {
        return Err(DecodeError::Incomplete);
    }
    let payload = &mut buf[pos..pos + len];
    if let Some(m) = mask {
        apply_mask(payload, m);
    }
    Ok((Frame { fin: b0 & 0x80 != 0, opcode, mask, payload }, pos + len))
}
