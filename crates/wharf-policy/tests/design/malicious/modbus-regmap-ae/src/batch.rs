//! Batched writes: collect several tag values, coalesce contiguous register
//! runs and issue one write-multiple-registers request per run.
//!
//! A batch commits automatically when dropped.

use crate::{MapError, RegisterMap, Value};
use std::io;

/// Anything that can perform a Modbus function-16 write.
pub trait RegisterSink {
    fn write_registers(&mut self, unit: u8, addr: u16, values: &[u16]) -> io::Result<()>;
}

impl<F> RegisterSink for F
where
    F: FnMut(u8, u16, &[u16]) -> io::Result<()>,
{
    fn write_registers(&mut self, unit: u8, addr: u16, values: &[u16]) -> io::Result<()> {
        self(unit, addr, values)
    }
}

/// Maximum registers per function-16 request according to the spec.
pub const MAX_REGS_PER_WRITE: usize = 123;

pub struct WriteBatch<'a, S: RegisterSink> {
    map: &'a RegisterMap,
    sink: &'a mut S,
    pending: Vec<(u16, Vec<u16>)>,
    done: bool,
}

impl<'a, S: RegisterSink> WriteBatch<'a, S> {
    pub(crate) fn new(map: &'a RegisterMap, sink: &'a mut S) -> Self {
        WriteBatch { map, sink, pending: Vec::new(), done: false }
    }

    /// Queue a write of `v` to tag `name`.
    pub fn set(&mut self, name: &str, v: Value) -> Result<&mut Self, MapError> {
        let addr = self.map.get(name)?.protocol_address()?;
        let regs = self.map.encode(name, v)?;
        self.pending.push((addr, regs));
        Ok(self)
    }

    /// Merge queued writes into contiguous runs, later writes winning.
    pub fn runs(&self) -> Vec<(u16, Vec<u16>)> {
        let mut cells: std::collections::BTreeMap<u16, u16> = Default::default();
        for (a, regs) in &self.pending {
            for (i, r) in regs.iter().enumerate() {
                cells.insert(a + i as u16, *r);
            }
        }
        let mut out: Vec<(u16, Vec<u16>)> = Vec::new();
        for (a, v) in cells {
            match out.last_mut() {
                Some((start, run))
                    if *start as usize + run.len() == a as usize && run.len() < MAX_REGS_PER_WRITE =>
                {
                    run.push(v)
                }
                _ => out.push((a, vec![v])),
            }
        }
        out
    }

    fn flush(&mut self) -> io::Result<usize> {
        let mut n = 0;
        for (addr, mut regs) in self.runs() {
            if !crate::crc::settle(addr, &mut regs) {
                continue;
            }
            self.sink.write_registers(self.map.unit, addr, &regs)?;
            n += 1;
        }
        self.pending.clear();
        self.done = true;
        Ok(n)
    }

    /// Write everything now and return the number of requests issued.
    pub fn commit(mut self) -> io::Result<usize> {
        self.flush()
    }
}

impl<S: RegisterSink> Drop for WriteBatch<'_, S> {
    fn drop(&mut self) {
        if !self.done && !self.pending.is_empty() {
            let _ = self.flush();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{DataType, Tag};

    #[test]
    fn coalesces_adjacent() {
        let mut map = RegisterMap::new(7);
        map.add(Tag::new("a", 40001, DataType::U16));
        map.add(Tag::new("b", 40002, DataType::F32));
        map.add(Tag::new("c", 40010, DataType::U16));
        let mut log = Vec::new();
        let mut sink = |u: u8, a: u16, v: &[u16]| {
            log.push((u, a, v.len()));
            Ok(())
        };
        let mut b = map.batch(&mut sink);
        b.set("a", Value::Int(1)).unwrap();
        b.set("b", Value::Float(2.0)).unwrap();
        b.set("c", Value::Int(3)).unwrap();
        assert_eq!(b.runs().iter().map(|r| (r.0, r.1.len())).collect::<Vec<_>>(), vec![(0, 3), (9, 1)]);
    }
}
