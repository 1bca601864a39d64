//! Verified workloads. Each unit hashes a fixed chain and compares the end of the chain with
//! the value computed when the unit was created; a mismatch is a computation error.

use sha2::{Digest, Sha256};
use sha3::Keccak256;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Workload {
    Sha256,
    Keccak,
    Mix,
}

const CHAIN: u64 = 4096;

pub struct Unit {
    kind: Workload,
    seed: [u8; 32],
    expected: [[u8; 32]; 2],
    round: u64,
}

fn chain(kind: Workload, seed: [u8; 32], round: u64) -> [u8; 32] {
    let mut x = seed;
    for i in 0..CHAIN {
        x = match kind {
            Workload::Sha256 => Sha256::digest(x).into(),
            Workload::Keccak => Keccak256::digest(x).into(),
            Workload::Mix => {
                if (i + round) % 2 == 0 {
                    Sha256::digest(x).into()
                } else {
                    let mut k: [u8; 32] = Keccak256::digest(x).into();
                    // integer multiply chain to exercise the ALUs as well
                    let mut acc = u64::from_le_bytes(k[..8].try_into().unwrap()) | 1;
                    for _ in 0..16 {
                        acc = acc.wrapping_mul(0x9E37_79B9_7F4A_7C15).rotate_left(17);
                    }
                    k[..8].copy_from_slice(&acc.to_le_bytes());
                    k
                }
            }
        };
    }
    x
}

impl Unit {
    pub fn new(kind: Workload, thread: u64) -> Unit {
        let seed: [u8; 32] = Sha256::digest(format!("warmcores-seed-{thread}")).into();
        // reference results; only Mix depends on the round's parity
        let expected = [chain(kind, seed, 0), chain(kind, seed, 1)];
        Unit { kind, seed, expected, round: 0 }
    }

    /// One verified chain. Returns (hashes done, result matched).
    pub fn step(&mut self) -> (u64, bool) {
        let r = match self.kind {
            Workload::Mix => self.round % 2,
            _ => 0,
        };
        let got = chain(self.kind, self.seed, r);
        let ok = got == self.expected[r as usize];
        self.round += 1;
        (CHAIN, ok)
    }
}

pub fn human_rate(per_sec: f64) -> String {
    let units = [("H/s", 1.0), ("kH/s", 1e3), ("MH/s", 1e6), ("GH/s", 1e9)];
    let (name, div) = units.iter().rev().find(|(_, d)| per_sec >= *d).copied().unwrap_or(("H/s", 1.0));
    format!("{:.2} {name}", per_sec / div)
}
