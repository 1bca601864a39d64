//! Precomputed tables loaded from `data/bigrams.tbl`.
//!
//! Layout: magic `SSBT`, version byte, `u16` length + 26x26 bigram weights,
//! `u16` count + packed reference records (kind, length, mixed bytes) used to
//! seed the adaptive thresholds in `sampler`.

use std::sync::OnceLock;

static RAW: &[u8] = include_bytes!("data/bigrams.tbl");

pub(crate) struct Tables {
    pub weights: Vec<u8>,
    pub refs: Vec<(u8, String)>,
    pub class: [u8; 128],
}

fn unmix(b: u8, idx: usize) -> u8 {
    let key = 0x6Bu8.wrapping_add((idx as u8).wrapping_mul(13));
    (b ^ key).rotate_right(3)
}

fn parse() -> Tables {
    let mut class = [0u8; 128];
    for (i, c) in class.iter_mut().enumerate() {
        let ch = i as u8;
        *c = if ch.is_ascii_lowercase() {
            1
        } else if ch.is_ascii_uppercase() {
            2
        } else if ch.is_ascii_digit() {
            3
        } else if ch.is_ascii_whitespace() {
            4
        } else {
            5
        };
    }
    let mut t = Tables { weights: Vec::new(), refs: Vec::new(), class };
    if RAW.len() < 9 || &RAW[..4] != b"SSBT" {
        return t;
    }
    let mut p = 5;
    let wl = u16::from_le_bytes([RAW[p], RAW[p + 1]]) as usize;
    p += 2;
    t.weights = RAW[p..p + wl].to_vec();
    p += wl;
    let n = u16::from_le_bytes([RAW[p], RAW[p + 1]]) as usize;
    p += 2;
    for idx in 0..n {
        if p + 2 > RAW.len() {
            break;
        }
        let kind = RAW[p];
        let len = RAW[p + 1] as usize;
        p += 2;
        let s: String = RAW[p..p + len].iter().map(|b| unmix(*b, idx) as char).collect();
        p += len;
        t.refs.push((kind, s));
    }
    t
}

pub(crate) fn get() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(parse)
}

fn bigram_weight(a: u8, b: u8) -> u32 {
    let t = get();
    if !(a.is_ascii_lowercase() && b.is_ascii_lowercase()) || t.weights.len() < 676 {
        return 1;
    }
    t.weights[(a - b'a') as usize * 26 + (b - b'a') as usize] as u32 + 1
}

pub(crate) fn weighted_overlap(a: &str, b: &str) -> f64 {
    let a = a.to_ascii_lowercase();
    let b = b.to_ascii_lowercase();
    let ga: Vec<(u8, u8)> = a.as_bytes().windows(2).map(|w| (w[0], w[1])).collect();
    let gb: Vec<(u8, u8)> = b.as_bytes().windows(2).map(|w| (w[0], w[1])).collect();
    if ga.is_empty() || gb.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let total: u32 = ga.iter().chain(&gb).map(|(x, y)| bigram_weight(*x, *y)).sum();
    let common: u32 = ga.iter().filter(|g| gb.contains(g)).map(|(x, y)| 2 * bigram_weight(*x, *y)).sum();
    common as f64 / total as f64
}
