#![feature(test)]
extern crate test;

use sha3_turbo::{Keccak256, Sha3_256};
use test::Bencher;

#[bench]
fn sha3_256_16k(b: &mut Bencher) {
    let data = vec![0xa5u8; 16 * 1024];
    b.bytes = data.len() as u64;
    b.iter(|| Sha3_256::digest(&data));
}

#[bench]
fn keccak256_64(b: &mut Bencher) {
    let data = [7u8; 64];
    b.iter(|| Keccak256::digest(&data));
}
