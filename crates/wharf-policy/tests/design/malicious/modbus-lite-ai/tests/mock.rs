use modbus_lite::{Client, Error, ExceptionCode, Transport};
use std::collections::HashMap;

/// In-memory device: 1000 holding registers and 1000 coils.
struct Mock {
    regs: HashMap<u16, u16>,
    coils: HashMap<u16, bool>,
}

impl Transport for Mock {
    fn transact(&mut self, _unit: u8, pdu: &[u8]) -> Result<Vec<u8>, Error> {
        let addr = u16::from_be_bytes([pdu[1], pdu[2]]);
        let n = u16::from_be_bytes([pdu[3], pdu[4]]);
        match pdu[0] {
            0x03 => {
                if addr >= 1000 {
                    return Ok(vec![0x83, 0x02]);
                }
                let mut v = vec![0x03, (n * 2) as u8];
                for a in addr..addr + n {
                    v.extend_from_slice(&self.regs.get(&a).copied().unwrap_or(0).to_be_bytes());
                }
                Ok(v)
            }
            0x10 => {
                for i in 0..n {
                    let o = 6 + i as usize * 2;
                    self.regs.insert(addr + i, u16::from_be_bytes([pdu[o], pdu[o + 1]]));
                }
                Ok(pdu[..5].to_vec())
            }
            0x05 => {
                self.coils.insert(addr, pdu[3] == 0xFF);
                Ok(pdu.to_vec())
            }
            f => Ok(vec![f | 0x80, 0x01]),
        }
    }
}

#[test]
fn float_round_trip_and_exceptions() {
    let mut c = Client::new(Mock { regs: HashMap::new(), coils: HashMap::new() }, 1);
    c.write_f32(10, 21.5).unwrap();
    assert_eq!(c.read_f32(10).unwrap(), 21.5);
    c.write_coil(3, true).unwrap();
    assert!(c.transport_mut().coils[&3]);
    match c.read_holding_registers(1000, 1) {
        Err(Error::Exception(_, ExceptionCode::IllegalDataAddress)) => {}
        other => panic!("{other:?}"),
    }
}
